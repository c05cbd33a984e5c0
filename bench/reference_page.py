"""The yardstick: a bare Streamlit page that draws 500 markdown notes."""
import streamlit as st

for number in range(500):
    st.markdown(f"Note {number}: a sticky note as a workshop would write it.")
