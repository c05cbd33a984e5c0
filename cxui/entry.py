"""New-entry boxes: a line of text that is saved on Enter or Add, and never because focus left.

Why a form, and why the draft lives in the browser (Streamlit 1.67, measured in Chromium):

- A plain ``st.text_input`` commits its value on blur exactly as on Enter, and the commit starts
  a rerun. Python cannot tell the two apart, so an ``on_change`` that saves also saves the
  half-typed text of someone who only clicked elsewhere. Worse, the blur's rerun lands between
  the mouse going down and up on the link they clicked, and that first click is often lost:
  even an ``on_change`` that saves nothing, or no callback at all, loses it.
- Inside ``st.form(enter_to_submit=True)`` a blur sends nothing and starts no rerun, so the
  first click on Back, Next or the sidebar does what it says; Enter and the Add button submit.
- But a form sends nothing until it is submitted, and neither does ``on_change="ignore"``
  (a page link drops the held value too), so Python never sees a draft before a page switch.
  The draft is therefore kept where it is typed: a small script (static text, no user data in
  it) copies each new-entry box into this tab's ``sessionStorage`` as you type, forgets it when
  you press Enter or Add, and puts it back into the empty box when the page is shown again.
  The server only ever receives text the user submitted.

Each box sits in a container keyed ``cx-new-<key>-w<workshop id>``: the draft of one workshop
never shows up in another's box.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from . import session

DRAFT_CLASS_PREFIX = "cx-new-"

# Static: no user text ever goes into this script.
DRAFT_SCRIPT = """<script>
(function () {
  const doc = window.parent ? window.parent.document : document;
  const win = doc.defaultView;
  if (win.cxDraftsInstalled) return;
  win.cxDraftsInstalled = true;
  const PREFIX = "st-key-cx-new-";
  const store = win.sessionStorage;
  const setValue = Object.getOwnPropertyDescriptor(win.HTMLInputElement.prototype, "value").set;
  function boxKey(input) {
    const box = input.closest("[class*='" + PREFIX + "']");
    if (!box) return null;
    const name = Array.from(box.classList).find(c => c.startsWith(PREFIX));
    return name ? "cx-draft:" + name : null;
  }
  function restore() {
    doc.querySelectorAll("[class*='" + PREFIX + "'] input").forEach(function (input) {
      if (input.dataset.cxDraft) return;
      input.dataset.cxDraft = "seen";
      const key = boxKey(input);
      const draft = key && store.getItem(key);
      if (draft && !input.value) {
        setValue.call(input, draft);
        input.dispatchEvent(new win.Event("input", {bubbles: true}));
      }
    });
  }
  doc.addEventListener("input", function (event) {
    const key = event.target.tagName === "INPUT" && boxKey(event.target);
    if (key) event.target.value ? store.setItem(key, event.target.value) : store.removeItem(key);
  }, true);
  function submitted(event) {
    const key = boxKey(event.target);
    if (key) store.removeItem(key);
  }
  doc.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.tagName === "INPUT") submitted(event);
  }, true);
  doc.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("button")) submitted(event);
  }, true);
  new win.MutationObserver(restore).observe(doc.body, {childList: true, subtree: true});
  restore();
})();
</script>"""


def new_entry(label: str, key: str, add: Callable[[str], bool], *, max_chars: int,
              placeholder: str | None = None, add_label: str = "Add",
              help: str | None = None, label_visibility: str = "visible") -> None:
    """A box for one new item: Enter or ``add_label`` calls ``add(text)``; blur does nothing.

    ``add`` saves through the core and returns whether it went through; the box is emptied only
    then, so refused text stays for the user to correct. ``key`` is the text's session key.
    """
    with entry_form(key):
        with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
            st.text_input(label, key=key, max_chars=max_chars, placeholder=placeholder,
                          help=help, label_visibility=label_visibility)
            st.form_submit_button(add_label, icon=":material/add:", on_click=_submit,
                                  args=(key, add), key=f"{key}_add")


@contextmanager
def entry_form(key: str) -> Iterator[None]:
    """A form for a new item with several fields (Enter in a text box submits it, so does its
    submit button); its text boxes keep their drafts across a page switch like ``new_entry``."""
    workshop = st.session_state.get(session.WORKSHOP_KEY)
    with st.container(key=f"{DRAFT_CLASS_PREFIX}{key}-w{workshop}"):
        with st.form(f"{key}_form", enter_to_submit=True, border=False):
            yield
    _install_draft_keeper()


def _submit(key: str, add: Callable[[str], bool]) -> None:
    if add(st.session_state.get(key, "")):
        st.session_state[key] = ""


def _install_draft_keeper() -> None:
    st.html(DRAFT_SCRIPT, unsafe_allow_javascript=True)
