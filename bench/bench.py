"""Benchmark: a big workshop through every page and export, as ratios measured in one run.

    python bench/bench.py [--reruns 5]

Prints each page's AppTest rerun median and its ratio to a reference page that draws 500
markdown notes, then export/import timings and 30 concurrent writers (p50, p99, errors).
Nothing here asserts a time: the figures go in the README's performance section.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from cxcore import (backup, challenge, csvexport, journeys, markdown, pdf, personas,  # noqa: E402
                    posters, workshops, xlsx)
from cxcore import db as store  # noqa: E402
from cxcore import path as guided_path  # noqa: E402

SIZES = {"personas": 5, "ideas": 1000, "stakeholders": 50, "why_answers": 30, "cards": 40}


def big_document() -> dict:
    """A backup document at the sizes of the issue: built as data, imported through the core."""
    words = "customers wait too long for a clear answer from the bank about their application"
    n = SIZES
    tables = {
        "challenges": [{"id": 1, "who": "Home buyers", "what": "get a decision in one sitting",
                        "why": "they can make an offer", "chosen": 1}],
        "personas": [{"id": i, "name": f"Persona {i}", "segment": "Segment", "needs": words,
                      "pain_points": words, "position": i} for i in range(1, n["personas"] + 1)],
        "empathy_notes": [{"id": i, "persona_id": 1 + i % n["personas"],
                           "quadrant": ("think", "feel", "say", "do")[i % 4],
                           "text": f"Note {i}: {words}", "position": i} for i in range(1, 61)],
        "stakeholders": [{"id": i, "name": f"Stakeholder {i}", "department": f"Dept {i % 6}",
                          "support": i % 11, "influence": (i * 7) % 11}
                         for i in range(1, n["stakeholders"] + 1)],
        "journeys": [{"id": 1, "persona_id": 1, "title": "Mortgage journey"}],
        "journey_stages": [{"id": i, "journey_id": 1, "name": name, "position": i, "emotion": 0}
                           for i, name in enumerate(
                               ["Attract", "Accept", "Adopt", "Amplify", "Advance"], start=1)],
        "journey_entries": [{"id": i, "stage_id": 1 + i % 5,
                             "lane": ("actions", "needs", "pain_points", "opportunities")[i % 4],
                             "text": f"Entry {i}", "position": i} for i in range(1, 41)],
        "touchpoints": [{"id": i, "channel": "website", "name": f"Touchpoint {i}",
                         "consistency": 1 + i % 5, "meets_needs": 1 + (i * 2) % 5,
                         "importance": 1 + (i * 3) % 5} for i in range(1, 31)],
        "why_analyses": [{"id": 1, "problem": "Applications stall", "source_entry_id": 3}],
        "why_answers": [{"id": i, "analysis_id": 1, "parent_id": (i - 1) // 2 or None,
                         "text": f"Because {i}", "status": ("proven", "unverified",
                                                            "disproven")[i % 3], "position": i}
                        for i in range(1, n["why_answers"] + 1)],
        "brainstorms": [{"id": 1, "prompt": "Applications stall", "technique": "classic",
                         "phase": "converge", "source_why_id": 1}],
        "ideas": [{"id": i, "brainstorm_id": 1, "text": f"Idea {i}: {words}",
                   "author": f"P{i % 12}", "theme": f"Theme {i % 8}", "position": i}
                  for i in range(1, n["ideas"] + 1)],
        "votes": [{"id": i, "idea_id": 1 + (i * 37) % n["ideas"], "voter": f"Voter {i % 20}",
                   "dots": 1} for i in range(1, 61)],
        "scores": [{"id": i, "idea_id": i, "customer_value": 1 + i % 5,
                    "business_value": 1 + (i * 2) % 5, "feasibility": 1 + (i * 3) % 5}
                   for i in range(1, 301)],
        "cards": [{"id": i, "idea_id": i, "new_experience": f"Experience {i}", "solves": words,
                   "enabled_by": "A new service", "resulting_in": "More loyalty",
                   "customer_value": 1 + i % 5, "business_value": 1 + (i * 3) % 5}
                  for i in range(1, n["cards"] + 1)],
        "goals": [{"id": i, "statement": f"Goal {i}", "metric": "nps", "target": 40.0,
                   "baseline": 20.0, "deadline": "2027-12-31", "because": "growth"}
                  for i in range(1, 5)],
        "actions": [{"id": i, "title": f"Action {i}", "department": f"Dept {i % 6}",
                     "card_id": 1 + i % 40, "goal_id": 1 + i % 4, "due": "2027-03-31"}
                    for i in range(1, 31)],
        "readings": [{"id": 12 * (goal - 1) + month, "goal_id": goal,
                      "taken": f"2026-{month:02d}-01", "value": 20.0 + month}
                     for goal in range(1, 5) for month in range(1, 13)],
    }
    return {"format": backup.FORMAT, "version": backup.VERSION,
            "workshop": {"title": "Benchmark workshop", "organisation": "Bench Bank",
                         "facilitator": "Bench"}, "tables": tables}


def median_rerun(at: AppTest, reruns: int) -> float:
    times = []
    for _ in range(reruns):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def pdf_median(conn, workshop_id: int, runs: int = 3) -> tuple[float, float, bytes]:
    """Median wall and CPU seconds of a PDF build, after one warm-up build (imports, fonts)."""
    data = pdf.build_pdf(conn, workshop_id)
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        data = pdf.build_pdf(conn, workshop_id)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), data


def poster_times(conn, workshop_id: int) -> tuple[float, float]:
    journey = journeys.list_journeys(conn, workshop_id)[0]
    persona = personas.list_personas(conn, workshop_id)[0]
    return (timed(posters.journey_poster, conn, workshop_id, journey.id)[0],
            timed(posters.persona_poster, conn, workshop_id, persona.id)[0])


def page_reruns(db_path: str, workshop_id: int, reruns: int) -> None:
    reference = AppTest.from_file(str(ROOT / "bench" / "reference_page.py"), default_timeout=60)
    reference.run()
    base = median_rerun(reference, reruns)
    print(f"\nPage rerun medians ({reruns} reruns each; reference page with 500 notes: "
          f"{base * 1000:.0f} ms)")
    print(f"{'page':28} {'median ms':>10} {'x reference':>12}")
    keys = ["workshops"] + [s.key for s in guided_path.STEPS] + ["export"]
    for key in keys:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["w"] = str(workshop_id)
        at.run()
        at.switch_page(f"pages/{key}.py")
        at.run()
        if at.exception:
            print(f"{key:28} raised: {at.exception[0].value}")
            continue
        median = median_rerun(at, reruns)
        print(f"{key:28} {median * 1000:10.0f} {median / base:12.2f}")


def concurrent_writers(db_path: str, workshop_id: int, threads: int = 30, writes: int = 10):
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def writer(number: int) -> None:
        conn = store.connect(db_path)
        for i in range(writes):
            start = time.perf_counter()
            try:
                challenge.add_draft(conn, workshop_id, f"Writer {number}", f"write {i}", "load")
            except Exception as error:  # counted and reported, not hidden
                with lock:
                    errors.append(repr(error))
                continue
            with lock:
                latencies.append(time.perf_counter() - start)
        conn.close()

    pool = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    start = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - start
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0
    print(f"\n{threads} threads x {writes} writes at once: {len(latencies)} ok, "
          f"{len(errors)} errors, p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p99 {p99 * 1000:.1f} ms, wall {wall:.2f} s")
    for error in errors[:3]:
        print("  error:", error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--exports-only", action="store_true",
                        help="time the imports and exports, skip the page reruns and writers")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="cx-bench-")
    db_path = os.path.join(folder, "bench.db")
    os.environ["CX_DB"] = db_path
    conn = store.connect(db_path)
    document = big_document()
    size = len(json.dumps(document))
    print("Big workshop: " + ", ".join(f"{count} {name}" for name, count in SIZES.items()))
    import_time, workshop_id = timed(backup.import_document, conn, document)
    export_time, _ = timed(backup.export_json, conn, workshop_id)
    csv_time, data = timed(csvexport.export_zip, conn, workshop_id)
    pdf_time, pdf_cpu, pdf_bytes = pdf_median(conn, workshop_id)
    journey_poster_time, persona_poster_time = poster_times(conn, workshop_id)
    xlsx_time, _ = timed(xlsx.build_xlsx, conn, workshop_id)
    md_time, _ = timed(markdown.build_markdown, conn, workshop_id)
    dup_time, _ = timed(workshops.duplicate, conn, workshop_id)
    print(f"JSON import {import_time * 1000:.0f} ms ({size // 1024} KB), JSON export "
          f"{export_time * 1000:.0f} ms, CSV zip {csv_time * 1000:.0f} ms, PDF "
          f"{pdf_time * 1000:.0f} ms (CPU {pdf_cpu * 1000:.0f} ms, {len(pdf_bytes) // 1024} "
          f"KB, median of 3), duplicate {dup_time * 1000:.0f} ms")
    print(f"Excel workbook {xlsx_time * 1000:.0f} ms, Markdown {md_time * 1000:.0f} ms, "
          f"journey poster {journey_poster_time * 1000:.0f} ms, persona poster "
          f"{persona_poster_time * 1000:.0f} ms")
    if args.exports_only:
        return
    page_reruns(db_path, workshop_id, args.reruns)
    concurrent_writers(db_path, workshop_id)


if __name__ == "__main__":
    main()
