"""The live room in real browsers: a projector and three phones run a brainstorm from diverge to
a ranked list. The projector's server treats this machine as the facilitator's; the phones'
server (same database: every shared state lives there) treats it as another device."""
from __future__ import annotations

import re

import pytest

from cxcore import brainstorm, db as store, room, workshops
from tests.browser_support import PHONE, PROJECTOR, screenshot, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser
MAIN = '[data-testid="stMainBlockContainer"]'


COUNT_DOT_BUTTONS = """() => {
  const count = () => [...document.querySelectorAll('button')]
      .filter(b => b.innerText.includes('Add a dot')).length;
  window.mostDotButtons = count();
  new MutationObserver(() => { window.mostDotButtons = Math.max(window.mostDotButtons, count()); })
      .observe(document.body, {subtree: true, childList: true});
}"""


def main_text(page) -> str:
    return page.locator(MAIN).inner_text()


def wait_for_text(page, text: str, timeout: float = 10_000) -> None:
    page.locator(MAIN).get_by_text(text, exact=False).first.wait_for(timeout=timeout)


def join(phone, base: str, code: str, name: str, shot: str | None = None) -> None:
    phone.goto(f"{base}/join")
    wait_for_app(phone)
    if shot:
        screenshot(phone, shot)
    phone.get_by_label("Room code").fill(code.lower())
    phone.get_by_label("Your name").fill(name)
    phone.get_by_role("button", name="Join").click()
    phone.wait_for_url(re.compile(r"[?&]p="))
    wait_for_app(phone)


def add_idea(phone, text: str) -> None:
    phone.get_by_label("Your idea").fill(text)
    phone.get_by_role("button", name="Add").click()
    wait_for_text(phone, text)


def test_a_projector_and_three_phones_run_a_brainstorm_from_ideas_to_a_ranked_list(
        chromium, tmp_path):
    db_path = str(tmp_path / "live.db")
    conn = store.connect(db_path)
    workshop_id = workshops.create(conn, "Live brainstorm")
    brainstorm_id = brainstorm.create_brainstorm(conn, workshop_id, "How might we cut re-sends?")
    remote = {"CX_TREAT_LOCAL_AS_REMOTE": "1", "CX_FACILITATOR_PASSWORD": "harbour-42"}
    with streamlit_server(db_path) as console, \
            streamlit_server(db_path, remote, log_name="phones.log") as phones_base:
        projector = chromium.new_context(viewport=PROJECTOR).new_page()
        projector.goto(f"{console}/live_room?w={workshop_id}&present=1")
        wait_for_app(projector)
        projector.get_by_role("button", name="Open to the room").click()
        wait_for_text(projector, "ROOM CODE")
        code = room.open_room_for(conn, workshop_id).code
        assert code in main_text(projector)
        screenshot(projector, "live_room_join_projector")
        projector.get_by_role("button", name="Start this activity").click()
        wait_for_text(projector, "hidden until you reveal")

        phones = [chromium.new_context(viewport=PHONE).new_page() for _ in range(3)]
        for phone, name in zip(phones, ("Ana", "Ben", "Cy")):
            join(phone, phones_base, code, name, shot="live_room_phone_join" if name == "Ana"
                 else None)
        screenshot(phones[0], "live_room_phone_waiting_or_open")
        wait_for_text(phones[0], "How might we cut re-sends?")
        for number, phone in enumerate(phones, start=1):
            add_idea(phone, f"Secret idea {number}")
        screenshot(phones[0], "live_room_phone_collecting")

        wait_for_text(projector, "3 added, hidden until you reveal")
        assert "Secret idea" not in projector.content()
        assert "Secret idea 2" not in phones[0].content()  # not in the page at all

        for phone in phones[:2]:  # the room sees how many are done, never who
            phone.get_by_text("I'm done").click()
            wait_for_app(phone)
        wait_for_text(projector, "2 of 3 done", timeout=5_000)
        assert not {"Ana", "Ben", "Cy"} & set(re.findall(r"\w+", main_text(projector)))
        screenshot(phones[0], "live_room_phone_done")
        screenshot(projector, "live_room_projector_ready_count")

        projector.get_by_role("button", name="Reveal").click()
        wait_for_text(projector, "Secret idea 3")
        wait_for_text(phones[0], "Secret idea 2", timeout=5_000)  # the phone follows by itself
        screenshot(phones[0], "live_room_phone_revealed")

        projector.get_by_role("button", name="Start the dot vote").click()
        wait_for_text(phones[1], "3 of 3 dots left", timeout=5_000)
        ben = phones[1]
        assert not ben.get_by_label("I'm done").is_checked()  # the vote asks anew
        for left, which in ((2, 0), (1, 0), (0, 1)):  # at most 2 dots on one idea
            ben.get_by_role("button", name="Add a dot").nth(which).click()
            wait_for_text(ben, f"{left} of 3 dots left")
        ben.get_by_role("button", name="Add a dot").last.click()
        wait_for_text(ben, "You have placed all 3 of your dots")
        wait_for_app(ben)
        screenshot(ben, "live_room_phone_voting")
        # The message goes on the next redraw; the ideas must not move up and down with it,
        # or the redraw shows a stale copy of an idea and its buttons beside the new one.
        ben.evaluate(COUNT_DOT_BUTTONS)
        ben.get_by_role("button", name="Take back").first.click()
        wait_for_text(ben, "1 of 3 dots left")
        wait_for_app(ben)
        assert ben.evaluate("() => window.mostDotButtons") == 3
        ben.get_by_role("button", name="Add a dot").first.click()
        wait_for_text(ben, "0 of 3 dots left")

        ben.reload()
        wait_for_app(ben)
        wait_for_text(ben, "you are Ben")
        assert "0 of 3 dots left" in main_text(ben)

        ana = phones[0]
        ana.goto(f"{phones_base}/brainstorm?w={workshop_id}")
        wait_for_app(ana)
        assert "Join the workshop" in main_text(ana)
        assert "Secret idea" not in ana.content()

        projector.get_by_role("button", name="Close").click()
        wait_for_text(projector, "Closed", timeout=5_000)
        board = brainstorm.board(store.connect(db_path), workshop_id, brainstorm_id)
        assert sorted(i.text for i in board.ideas) == ["Secret idea 1", "Secret idea 2",
                                                      "Secret idea 3"]
        assert sum(d for _, d in board.votes) == 3
        assert {i.author for i in board.ideas} == {"Ana", "Ben", "Cy"}

        projector.get_by_role("button", name="End the room").click()
        projector.get_by_role("button", name="Yes, end it").click()
        projector.wait_for_timeout(1500)
        late = chromium.new_context(viewport=PHONE).new_page()
        late.goto(f"{phones_base}/join?code={code}")
        wait_for_app(late)
        late.get_by_label("Your name").fill("Dee")
        late.get_by_role("button", name="Join").click()
        wait_for_text(late, "No open room has that code")
        wait_for_text(phones[2], "Join the workshop", timeout=5_000)
