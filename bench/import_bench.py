"""Import a backup near the 20 MB limit while someone edits: how long the import takes, and how
long the editor's saves wait meanwhile (an edit every 20 ms on another workshop).

Two backups of about 19 MB: many rows (95,000 ideas) and pictures (20 personas with a picture
of about 0.9 MB each). Run: python bench/import_bench.py [rows|pictures]
"""
from __future__ import annotations

import base64
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(ROOT))  # after this folder, so that "bench" is bench/bench.py
os.environ.setdefault("CX_BUSY_TIMEOUT_MS", "120000")  # measure the wait, do not fail on it

from bench import big_document  # noqa: E402
from cxcore import backup, challenge, workshops  # noqa: E402
from cxcore import db as store  # noqa: E402

WORDS = "customers wait too long for a clear answer from the bank about their application x"


def many_rows(count: int = 95_000) -> dict:
    document = big_document()
    document["tables"]["ideas"] = [
        {"id": i, "brainstorm_id": 1, "text": f"Idea {i}: {WORDS}", "author": f"P{i % 12}",
         "theme": f"Theme {i % 8}", "position": i} for i in range(1, count + 1)]
    document["tables"]["votes"] = [{"id": i, "idea_id": 1 + (i * 37) % count,
                                    "voter": f"Voter {i % 20}", "dots": 1} for i in range(1, 61)]
    return document


def pictures(count: int = 20) -> dict:
    document = big_document()
    picture = "data:image/webp;base64," + base64.b64encode(os.urandom(700_000)).decode()
    document["tables"]["personas"] = [
        {"id": i, "name": f"Persona {i}", "needs": WORDS, "position": i, "image": picture}
        for i in range(1, count + 1)]
    return document


def import_while_editing(name: str, document: dict) -> None:
    data = json.dumps(document).encode()
    path = os.path.join(tempfile.mkdtemp(prefix="cx-import-"), "bench.db")
    db = store.connect(path)
    edited = workshops.create(db, "Edited meanwhile")
    waits: list[float] = []
    done = threading.Event()

    def editor() -> None:
        conn = store.connect(path)
        while not done.is_set():
            started = time.perf_counter()
            challenge.add_draft(conn, edited, who="Editor")
            waits.append(time.perf_counter() - started)
            time.sleep(0.02)

    thread = threading.Thread(target=editor)
    thread.start()
    time.sleep(0.2)
    started = time.perf_counter()
    backup.import_bytes(db, data)
    took = time.perf_counter() - started
    done.set()
    thread.join()
    print(f"{name:10} {len(data) / 1e6:5.1f} MB  import {took:6.2f} s  edits meanwhile "
          f"{len(waits):4}  longest wait {max(waits):6.2f} s  median "
          f"{statistics.median(waits) * 1000:4.0f} ms")


if __name__ == "__main__":
    cases = {"rows": ("many rows", many_rows), "pictures": ("pictures", pictures)}
    for case in sys.argv[1:] or list(cases):
        name, build = cases[case]
        import_while_editing(name, build())
