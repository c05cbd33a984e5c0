"""The live room under load: the real server, a projector in Chromium and N phones.

    python bench/live.py [--participants 30] [--seconds 60] [--pace 8] [--gc true|false]

``streamlit run app.py`` starts on a free loopback port with a temporary database and
``CX_TREAT_LOCAL_AS_REMOTE=1``, so every browser counts as another device (the projector signs
in with the facilitator passphrase, as a laptop on the network would). The projector is the
console in projector mode in Debian's Chromium. The phones speak Streamlit's own websocket
protocol (the same BackMsg/ForwardMsg protobufs the browser sends): they load the join page,
fill in the code and a name and press Join, add ideas through the "Your idea" form, run the
page's 1-second poll fragment on the interval the server asks for, and press "Add a dot". To
the server they are browsers; they just draw nothing, so 30 of them fit on a 2-core machine.

For ``--seconds`` each phone adds an idea every ``--pace`` seconds (with jitter); the
projector then clicks Reveal and Start the dot vote, and each phone places its 3 dots, one
every 0.5-3 s. The brainstorm runs with "Hidden until reveal" OFF, so every idea shows on the projector
as soon as it is added: the latency is from the phone's submit to the idea's text appearing in
the projector page (a MutationObserver stamps it). It prints latencies, errors, lost items and
dots, and the server's CPU use (process CPU time / wall time, from /proc). No asserts on time.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxcore import brainstorm, room, workshops  # noqa: E402
from cxcore import db as store  # noqa: E402
from tests.browser_support import CHROMIUM_ARGS, PROJECTOR, chromium_path, streamlit_server  # noqa: E402

PASSPHRASE = "bench-live-42"
FULL_RUN_FINISHED = 0  # ForwardMsg.FINISHED_SUCCESSFULLY: a full run, not a fragment's
IDEA = re.compile(r"Bench idea (\d+-\d+)")
SEEN_SCRIPT = """() => {
  window.__seen = {};
  const scan = () => {
    const text = document.body.textContent;
    for (const m of text.matchAll(/Bench idea (\\d+-\\d+)/g))
      if (!(m[1] in window.__seen)) window.__seen[m[1]] = Date.now() / 1000;
  };
  new MutationObserver(scan).observe(document.body,
                                     {subtree: true, childList: true, characterData: true});
  scan();
}"""
WORDS = ("text", "reminder", "branch", "chat", "form", "video", "callback", "checklist", "status",
         "photo", "upload", "signature", "tracker", "fast lane", "checkbox", "human")


class Phone:
    """One participant: a Streamlit session over the websocket, as the browser holds it."""

    def __init__(self, base: str, number: int) -> None:
        self.url = base.replace("http://", "ws://") + "/_stcore/stream"
        self.number = number
        self.query = ""
        self.page_hash = ""
        self.widgets: dict[str, str] = {}      # label or user key -> widget id
        self.values: dict[str, tuple[str, object]] = {}  # widget id -> (kind, value)
        self.fragments: dict[str, asyncio.Task] = {}
        self.texts: list[str] = []              # markdown of the latest full run
        self.errors: list[str] = []
        self.slow: list[str] = []               # own idea or dot not shown back within 15 s
        self.changed = asyncio.Event()
        self.pending: list[str] = []
        self.submitted: dict[str, float] = {}   # idea key -> submit time
        self.dots = 0
        self.followed: float | None = None      # seconds from Start the dot vote to this phone

    async def connect(self) -> None:
        import websockets

        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=20)
        self.reader = asyncio.create_task(self._read())
        await self.rerun(page_name="join")

    async def close(self) -> None:
        for task in self.fragments.values():
            task.cancel()
        self.reader.cancel()
        await self.ws.close()

    async def rerun(self, *, triggers: tuple[str, ...] = (), fragment: str = "",
                    page_name: str = "") -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        message = BackMsg()
        state = message.rerun_script
        state.query_string, state.page_script_hash = self.query, self.page_hash
        state.page_name, state.fragment_id, state.is_auto_rerun = page_name, fragment, bool(fragment)
        for widget_id, (kind, value) in self.values.items():
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            setattr(widget, kind, value)
        for widget_id in triggers:
            widget = state.widget_states.widgets.add()
            widget.id, widget.trigger_value = widget_id, True
        await self.ws.send(message.SerializeToString())

    async def _read(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            async for data in self.ws:
                message = ForwardMsg()
                message.ParseFromString(data)
                self._handle(message)
        except Exception as error:  # a dropped connection is an error of the run
            if not isinstance(error, asyncio.CancelledError):
                self.errors.append(f"phone {self.number}: connection: {error!r}")

    def _handle(self, message) -> None:
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = message.new_session.page_script_hash
            if not message.metadata.run.fragment_ids:  # a full run: as the browser does,
                self.pending = []                      # forget every poll until the run
                for task in self.fragments.values():  # registers it again
                    task.cancel()
                self.fragments.clear()
        elif kind == "page_info_changed":
            self.query = message.page_info_changed.query_string
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._element(message.delta.new_element, bool(message.delta.fragment_id))
        elif kind == "script_finished" and message.script_finished == FULL_RUN_FINISHED:
            self.texts = self.pending
            self.changed.set()
        elif kind == "auto_rerun" and message.auto_rerun.fragment_id not in self.fragments:
            fragment, every = message.auto_rerun.fragment_id, message.auto_rerun.interval
            self.fragments[fragment] = asyncio.create_task(self._poll(fragment, every))
        elif kind == "stop_auto_rerun":
            for fragment in message.stop_auto_rerun.fragment_ids:
                self.fragments.pop(fragment, asyncio.Future()).cancel()

    def _element(self, element, in_fragment: bool) -> None:
        kind = element.WhichOneof("type")
        body = getattr(element, kind)
        if kind == "markdown" and not in_fragment:
            self.pending.append(body.body)
        elif kind == "exception" or (kind == "alert" and body.format == 1):
            self.errors.append(f"phone {self.number}: {kind}: {getattr(body, 'body', '')}"
                               f"{getattr(body, 'message', '')}")
        elif kind in ("text_input", "text_area", "checkbox", "button"):
            self.widgets[body.label] = body.id
            self.widgets[body.id.rsplit("-", 1)[-1]] = body.id  # the widget's key
            if kind != "button":
                value = body.value if body.set_value else body.default
                stored = self.values.get(body.id, (None, value))[1] if not body.set_value \
                    else value
                self.values[body.id] = ("bool_value" if kind == "checkbox" else "string_value",
                                        stored)

    async def _poll(self, fragment: str, every: float) -> None:
        while True:  # the browser's setInterval: runs until the server says stop
            await asyncio.sleep(every)
            await self.rerun(fragment=fragment)

    async def until(self, pattern: str, timeout: float = 20) -> re.Match | None:
        """Wait until the latest full run drew markdown matching ``pattern``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.changed.clear()
            for text in self.texts:
                found = re.search(pattern, text)
                if found:
                    return found
            try:
                await asyncio.wait_for(self.changed.wait(), deadline - time.monotonic())
            except asyncio.TimeoutError:
                break
        return None

    async def join(self, code: str) -> None:
        await self.until(r"Type the code")
        self.values[self.widgets["Room code"]] = ("string_value", code)
        self.values[self.widgets["Your name"]] = ("string_value", f"Person {self.number:02d}")
        await self.rerun(triggers=(self.widgets["Join"],))
        if await self.until(r"you are Person") is None:
            self.errors.append(f"phone {self.number}: did not get into the room")

    async def add_idea(self, serial: int) -> bool:
        """Type an idea and press Add; False when this phone has no idea box to type into."""
        if "Your idea" not in self.widgets:
            await self.until(r"Everyone's|Hidden until", timeout=10)
        if "Your idea" not in self.widgets:
            self.errors.append(f"phone {self.number}: no idea box on the page")
            return False
        key = f"{self.number:02d}-{serial:03d}"
        text = f"Bench idea {key}: a {random.choice(WORDS)} for the {random.choice(WORDS)}"
        box = self.widgets["Your idea"]
        self.values[box] = ("string_value", text)
        self.submitted[key] = time.time()
        await self.rerun(triggers=(self.widgets["Add"],))  # the page then empties the box
        if await self.until(rf"Yours \({len(self.submitted)}\)", timeout=15) is None:
            self.slow.append(f"phone {self.number}: idea {key} not shown back in 15 s")
        return True

    async def place_dots(self, budget: int, cap: int, started: float) -> None:
        if await self.until(r"dots left", timeout=60) is None:
            self.errors.append(f"phone {self.number}: the dot vote did not reach it in 60 s")
            return
        self.followed = time.time() - started
        on_idea: dict[str, int] = {}
        while self.dots < budget:
            await asyncio.sleep(random.uniform(0.5, 3))
            choices = [k for k in self.widgets if k.startswith("room_vote_")
                       and on_idea.get(k, 0) < cap]
            if not choices:
                self.errors.append(f"phone {self.number}: no idea to vote for")
                return
            choice = random.choice(choices)
            await self.rerun(triggers=(self.widgets[choice],))
            on_idea[choice] = on_idea.get(choice, 0) + 1
            self.dots += 1
            if await self.until(rf"\b{budget - self.dots} of {budget} dots left",
                                timeout=15) is None:
                self.slow.append(f"phone {self.number}: dot {self.dots} not shown back in 15 s")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_pid(port: str) -> int:
    """The streamlit process this bench started (a child of this process, on that port)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if int(stat[1]) == os.getpid() and port.encode() in command:
                return int(entry.name)
    raise RuntimeError("the streamlit server process was not found")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def open_projector(browser, base: str, workshop_id: int):
    page = await (await browser.new_context(viewport=PROJECTOR)).new_page()
    await page.goto(f"{base}/live_room?w={workshop_id}&present=1")
    await page.get_by_text("I am the facilitator").click()
    await page.get_by_label("Facilitator passphrase").fill(PASSPHRASE)
    await page.get_by_label("Facilitator passphrase").press("Enter")
    await page.get_by_text("ROOM CODE").wait_for(timeout=30_000)
    await page.get_by_text("0 added").or_(page.get_by_text("Nothing yet")).first.wait_for()
    await page.evaluate(SEEN_SCRIPT)
    return page


async def press(page, label: str, next_label: str | None) -> str | None:
    """Click a console button; a click that lands while the page redraws can be lost, so
    try again (at most 3 times) until the button that follows it shows. Returns an error."""
    main = page.locator('[data-testid="stMainBlockContainer"]')  # not the toasts' "Close"
    button = main.get_by_role("button", name=label, exact=True)
    for _ in range(3):
        if await button.count():
            await button.first.click(timeout=10_000)
        try:
            after = (button.first.wait_for(state="detached", timeout=10_000) if next_label is None
                     else main.get_by_role("button", name=next_label, exact=True).first.wait_for(
                         timeout=10_000))
            await after
            return None
        except Exception:  # noqa: BLE001 - Playwright's timeout: try the click again
            continue
    shot = Path(tempfile.gettempdir()) / "cx-live-bench-projector.png"
    await page.screenshot(path=str(shot), full_page=True)
    return f"projector: the click on {label} did not take in 30 s; see {shot}"


async def brainstorm_phase(phones: list[Phone], pace: float, stop: float) -> None:
    async def one(phone: Phone) -> None:
        await asyncio.sleep(random.uniform(0, pace))
        serial = 0
        while time.time() < stop:
            serial += 1
            started = time.time()
            if not await phone.add_idea(serial):
                return
            await asyncio.sleep(max(0.0, random.uniform(0.5, 1.5) * pace - (time.time() - started)))
    await asyncio.gather(*(one(p) for p in phones))


async def run(args: argparse.Namespace) -> dict:
    from playwright.async_api import async_playwright

    db_path = str(Path(tempfile.mkdtemp(prefix="cx-live-bench-")) / "live.db")
    conn = store.connect(db_path)
    workshop_id = workshops.create(conn, "Live room bench")
    brainstorm_id = brainstorm.create_brainstorm(conn, workshop_id, "How might we cut re-sends?")
    current = room.open_room(conn, workshop_id)
    activity = room.get_activity(conn, room.start_activity(
        conn, workshop_id, current.id, "ideas", brainstorm_id=brainstorm_id, hidden=False))
    env = {"CX_TREAT_LOCAL_AS_REMOTE": "1", "CX_FACILITATOR_PASSWORD": PASSPHRASE,
           **({"STREAMLIT_RUNNER_POST_SCRIPT_GC": args.gc} if args.gc else {})}
    with streamlit_server(db_path, env) as base:
        pid = server_pid(base.rsplit(":", 1)[1])
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium_path(),
                                                       args=CHROMIUM_ARGS)
            projector = await open_projector(browser, base, workshop_id)
            phones = [Phone(base, n + 1) for n in range(args.participants)]
            await asyncio.gather(*(p.connect() for p in phones))
            await asyncio.gather(*(p.join(current.code) for p in phones))
            cpu_start, wall_start = cpu_seconds(pid), time.time()
            await brainstorm_phase(phones, args.pace, wall_start + args.seconds)
            await asyncio.sleep(2)
            failed = await press(projector, "Reveal", "Start the dot vote")
            vote_started = time.time()
            failed = failed or await press(projector, "Start the dot vote", None)
            if not failed:
                await asyncio.gather(*(p.place_dots(activity.dot_budget, activity.dot_cap,
                                                    vote_started) for p in phones))
            cpu_share = (cpu_seconds(pid) - cpu_start) / (time.time() - wall_start)
            await asyncio.sleep(3)
            seen = await projector.evaluate("() => window.__seen")
            final_text = await projector.evaluate("() => document.body.textContent")
            staged_dots = conn.execute("SELECT COALESCE(SUM(dots), 0) FROM room_votes"
                                       " WHERE activity_id = ?", [activity.id]).fetchone()[0]
            failed = failed or await press(projector, "Close", None)
            await asyncio.gather(*(p.close() for p in phones))
            await browser.close()
    board = brainstorm.board(conn, workshop_id, brainstorm_id)
    return {"phones": phones, "seen": seen, "final_text": final_text, "board": board,
            "staged_dots": staged_dots, "cpu_share": cpu_share, "projector_error": failed}


def report(args: argparse.Namespace, phones: list[Phone], seen: dict, final_text: str, board,
           staged_dots: int, cpu_share: float, projector_error: str | None) -> None:
    submitted = {k: t for p in phones for k, t in p.submitted.items()}
    latencies = [seen[k] - t for k, t in submitted.items() if k in seen]
    in_db = {m.group(1) for i in board.ideas for m in [IDEA.search(i.text)] if m}
    on_projector = set(IDEA.findall(final_text))
    projector_dots = sum(int(n) for n in re.findall(r"(\d+) · Bench idea", final_text))
    placed, landed = sum(p.dots for p in phones), sum(d for _, d in board.votes)
    errors = [e for p in phones for e in p.errors] + ([projector_error] if projector_error
                                                      else [])
    print(f"Live room: {args.participants} phones (websocket clients), 1 projector (Chromium), "
          f"{args.seconds:g} s of ideas (one per phone every ~{args.pace:g} s), then dot votes; "
          f"runner.postScriptGC {args.gc or 'as in .streamlit/config.toml'}")
    print("Activity: brainstorm with 'Hidden until reveal' OFF (ideas show on the projector "
          "as they are added)")
    if latencies:
        print(f"Submit -> on projector: p50 {statistics.median(latencies):.2f} s, "
              f"p95 {percentile(latencies, 0.95):.2f} s, max {max(latencies):.2f} s "
              f"({len(latencies)} ideas)")
    print(f"Ideas: {len(submitted)} submitted, {len(submitted.keys() & in_db)} in the database,"
          f" {len(submitted.keys() & on_projector)} on the projector at the end; lost (not in "
          f"the database) {len(submitted.keys() - in_db)}, missing on the projector "
          f"{len(submitted.keys() - on_projector)}")
    followed = [p.followed for p in phones if p.followed is not None]
    if followed:
        print(f"Start the dot vote -> on the phones: p50 {statistics.median(followed):.2f} s, "
              f"p95 {percentile(followed, 0.95):.2f} s ({len(followed)} phones)")
    print(f"Dots: {placed} placed, {staged_dots} in the room before Close, {projector_dots} on "
          f"the projector, {landed} in the brainstorm after Close; "
          f"lost {placed - min(staged_dots, landed)}")
    slow = [s for p in phones for s in p.slow]
    print(f"Errors: {len(errors)}; slow (a phone waited over 15 s to see its own idea or dot): "
          f"{len(slow)}")
    for error in (errors + slow)[:8]:
        print(f"  {error}")
    print(f"Server CPU: {cpu_share:.0%} of one core (process CPU time / wall time); "
          f"machine load average {os.getloadavg()[1]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pace", type=float, default=8,
                        help="seconds between one phone's ideas (randomised by +-50%%)")
    parser.add_argument("--gc", choices=("true", "false"),
                        help="runner.postScriptGC for this run (default: .streamlit/config.toml)")
    args = parser.parse_args()
    if not 1 <= args.participants <= room.MAX_PARTICIPANTS or not 3 <= args.seconds <= 600:
        parser.error("1-100 participants and 3-600 seconds")
    random.seed(8)
    report(args, **asyncio.run(run(args)))


if __name__ == "__main__":
    main()
