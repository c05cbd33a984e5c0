"""CX strategy workshop core: domain, rules, storage and exports. Plain Python, no Streamlit."""

__version__ = "0.1.0"
