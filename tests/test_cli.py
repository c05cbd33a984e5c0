"""The command line: ``python -m cxcore --db PATH COMMAND``.

The happy paths run as real processes. The table of refusals calls ``cli.main`` in-process (as
sqlite-utils tests its CLI), plus a few real processes to show that a refusal really is one line
on stderr, with status 2 and no traceback.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import NamedTuple

import pytest
from pypdf import PdfReader

from cxcore import backup, challenge, cli, csvexport, sample, workshops
from cxcore import db as store
from cxcore import path as guided_path

REPO = Path(__file__).resolve().parent.parent


class Run(NamedTuple):
    status: int
    stdout: str
    stderr: str


def cxcore(db_path: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "cxcore", "--db", str(db_path), *args]


def run_together(*commands: list[str]) -> list[Run]:
    """Run independent commands at the same time: Python's start-up is most of each one's time."""
    processes = [subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, encoding="utf-8")
                 for command in commands]
    runs = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        runs.append(Run(process.returncode, stdout, stderr))
    return runs


def run(db_path: Path, *args: str) -> Run:
    [result] = run_together(cxcore(db_path, *args))
    return result


def database_with_the_sample(path: Path) -> int:
    database = store.connect(str(path))
    try:
        return sample.create_sample(database)
    finally:
        database.close()


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_sample_prints_the_new_id_and_list_shows_each_workshop(tmp_path):
    fresh, listed = tmp_path / "fresh.db", tmp_path / "listed.db"
    database = store.connect(str(listed))
    ids = [sample.create_sample(database), workshops.create(database, "Blank", "Bank", "")]

    runs = run_together(cxcore(fresh, "sample"), cxcore(listed, "list"))

    rows = []
    for workshop in workshops.list_workshops(database):
        progress = guided_path.progress(database, workshop.id)
        rows.append(f"{workshop.id}\t{workshop.title}\t{workshop.organisation}\t"
                    f"{workshop.updated}\t{progress.label}\n")
    assert runs == [Run(0, "1\n", ""), Run(0, "".join(rows), "")]
    assert [row.split("\t")[:2] for row in rows] == [
        [str(ids[1]), "Blank"], [str(ids[0]), "Harbour Bank: CX strategy 2027"]]
    assert [w.title for w in workshops.list_workshops(store.connect(str(fresh)))] == [
        "Harbour Bank: CX strategy 2027"]


def test_export_writes_the_json_csv_and_pdf_files(tmp_path):
    db_path = tmp_path / "cli.db"
    database = store.connect(str(db_path))
    # A small workshop: the sample's PDF draws charts, and test_pdf covers it in-process.
    workshop_id = workshops.create(database, "Onboarding", "Harbour Bank", "Priya Raman")
    challenge.add_draft(database, workshop_id, "Students", "open an account", "they stay")
    targets = {kind: tmp_path / f"out.{kind}" for kind in ("json", "csv", "pdf")}

    runs = run_together(*(cxcore(db_path, "export", str(workshop_id), f"--{kind}", str(target))
                          for kind, target in targets.items()))

    assert runs == [Run(0, f"{target}\n", "") for target in targets.values()]
    assert targets["json"].read_text(encoding="utf-8") == backup.export_json(database, workshop_id)
    assert unzip(targets["csv"].read_bytes()) == unzip(csvexport.export_zip(database, workshop_id))
    reader = PdfReader(targets["pdf"], strict=True)
    assert (reader.metadata.title, [entry.title for entry in reader.outline]) == (
        "Onboarding", ["Map: Focusing challenge"])


def test_import_prints_the_new_id_and_the_import_exports_as_the_same_document(tmp_path):
    db_path = tmp_path / "cli.db"
    workshop_id = database_with_the_sample(db_path)
    exported = tmp_path / "exported.json"
    # The bytes `export --json` writes (checked above), without spending a process on them.
    exported.write_text(backup.export_json(store.connect(str(db_path)), workshop_id),
                        encoding="utf-8")

    assert run(db_path, "import", str(exported)) == Run(0, "2\n", "")

    original = json.loads(exported.read_text(encoding="utf-8"))
    again = backup.export_document(store.connect(str(db_path)), 2)
    assert again == {**original, "workshop": {**original["workshop"],
                                              "updated": again["workshop"]["updated"]}}


def test_a_refusal_in_a_real_process_is_one_line_on_stderr_with_status_2(tmp_path):
    db_path = tmp_path / "cli.db"
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")

    runs = run_together(
        cxcore(db_path, "export", "abc", "--json", str(tmp_path / "out.json")),
        cxcore(db_path, "import", str(broken)),
    )

    assert runs == [
        Run(2, "", "error: argument id: invalid int value: 'abc'\n"),
        Run(2, "", "error: The file is not valid JSON: line 1, column 2: Expecting property "
                   "name enclosed in double quotes.\n"),
    ]
    assert not (tmp_path / "out.json").exists()


def write_bad_files(folder: Path) -> None:
    (folder / "broken.json").write_text("not json", encoding="utf-8")
    (folder / "empty.json").write_bytes(b"")
    (folder / "latin1.json").write_bytes(b'{"title": "caf\xe9"}')
    (folder / "other.json").write_text('{"format": "trello-board"}', encoding="utf-8")
    (folder / "future.json").write_text(
        '{"format": "cx-strategy-workshop", "version": 9}', encoding="utf-8")
    (folder / "plain.txt").write_text("not a database, just text\n" * 100, encoding="utf-8")
    (folder / "a-folder").mkdir()


REFUSALS = [
    pytest.param([], "the following arguments are required: command", id="no command"),
    pytest.param(["export"], "the following arguments are required: id", id="export no id"),
    pytest.param(["export", "1"], "one of the arguments --json --csv --pdf --xlsx --md is "
                 "required", id="export with no format"),
    pytest.param(["export", "1", "--pdf", "{tmp}/a.pdf", "--sections", "personas,nope"],
                 "Unknown section 'nope': use any of " + ", ".join(
                     s.key for s in guided_path.STEPS) + ".", id="an unknown section"),
    pytest.param(["export", "1", "--json", "{tmp}/a.json", "--csv", "{tmp}/b.zip"],
                 "argument --csv: not allowed with argument --json", id="two formats"),
    pytest.param(["export", "one", "--json", "{tmp}/a.json"],
                 "argument id: invalid int value: 'one'", id="an id that is not a number"),
    pytest.param(["list", "--verbose"], "unrecognized arguments: --verbose", id="unknown option"),
    pytest.param(["import"], "the following arguments are required: file",
                 id="import with no file"),
    pytest.param(["export", "404", "--json", "{tmp}/a.json"],
                 "There is no workshop with id 404.", id="a missing workshop"),
    pytest.param(["export", "1", "--json", "{tmp}/missing/a.json"],
                 "Cannot write {tmp}/missing/a.json: No such file or directory.",
                 id="a target folder that does not exist"),
    pytest.param(["export", "1", "--csv", "{tmp}/a-folder"],
                 "Cannot write {tmp}/a-folder: Is a directory.", id="a folder as the target"),
    pytest.param(["import", "{tmp}/nowhere.json"],
                 "Cannot read {tmp}/nowhere.json: No such file or directory.",
                 id="a file that does not exist"),
    pytest.param(["import", "{tmp}/a-folder"], "Cannot read {tmp}/a-folder: Is a directory.",
                 id="a folder to import"),
    pytest.param(["import", "{tmp}/broken.json"],
                 "The file is not valid JSON: line 1, column 1: Expecting value.", id="not JSON"),
    pytest.param(["import", "{tmp}/empty.json"], "The file is empty.", id="an empty file"),
    pytest.param(["import", "{tmp}/latin1.json"], "The file is not UTF-8 text (byte 14).",
                 id="not UTF-8"),
    pytest.param(["import", "{tmp}/other.json"],
                 "This is not a CX workshop backup (its format is 'trello-board'): expected "
                 "format 'cx-strategy-workshop'.", id="another app's file"),
    pytest.param(["import", "{tmp}/future.json"],
                 "This backup is version 9, newer than this app reads (up to 1). Update the app "
                 "to import it.", id="a backup from a newer app"),
    pytest.param(["poster", "1", "--out", "{tmp}/p.pdf"],
                 "one of the arguments --journey --persona is required", id="a poster of what"),
    pytest.param(["poster", "1", "--journey", "1", "--out", "{tmp}/p.pdf"],
                 "This workshop has no journey yet.", id="a poster with no journey"),
    pytest.param(["poster", "404", "--persona", "1", "--out", "{tmp}/p.pdf"],
                 "There is no workshop with id 404.", id="a poster of a missing workshop"),
    pytest.param(["--db", "{tmp}/plain.txt", "list"], "file is not a database",
                 id="a database that is not one"),
    pytest.param(["--db", "{tmp}/plain.txt/cx.db", "list"],
                 "Cannot create the folder {tmp}/plain.txt: File exists.",
                 id="a database under a file"),
]


@pytest.mark.parametrize("args, message", REFUSALS)
def test_a_refusal_is_one_line_on_stderr_with_status_2_and_changes_nothing(
        tmp_path, capsys, args, message):
    db_path = tmp_path / "cli.db"
    database = store.connect(str(db_path))
    challenge.add_draft(database, workshops.create(database, "Kept"), who="Students")
    write_bad_files(tmp_path)
    before = backup.export_json(database, 1)
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in args]

    status = cli.main(["--db", str(db_path), *argv])

    assert (status, *capsys.readouterr()) == (
        2, "", f"error: {message.replace('{tmp}', str(tmp_path))}\n")
    assert [w.id for w in workshops.list_workshops(database)] == [1]
    assert backup.export_json(database, 1) == before


def test_list_prints_nothing_when_there_are_no_workshops(tmp_path, capsys):
    assert (cli.main(["--db", str(tmp_path / "cli.db"), "list"]), *capsys.readouterr()) == (
        0, "", "")


def test_list_leaves_out_trashed_workshops(tmp_path, capsys):
    db_path = tmp_path / "cli.db"
    database = store.connect(str(db_path))
    kept = workshops.create(database, "Kept")
    workshops.move_to_trash(database, workshops.create(database, "Binned"))
    assert cli.main(["--db", str(db_path), "list"]) == 0
    assert [line.split("\t")[:2] for line in capsys.readouterr().out.splitlines()] == [
        [str(kept), "Kept"]]


def test_poster_writes_a_one_page_pdf_of_the_chosen_journey_or_persona(tmp_path):
    db_path = tmp_path / "cli.db"
    wid = database_with_the_sample(db_path)
    journey, persona, missing = run_together(
        cxcore(db_path, "poster", str(wid), "--journey", "2", "--out", str(tmp_path / "j.pdf")),
        cxcore(db_path, "poster", str(wid), "--persona", "3", "--out", str(tmp_path / "p.pdf")),
        cxcore(db_path, "poster", str(wid), "--persona", "4", "--out", str(tmp_path / "x.pdf")))

    assert journey == Run(0, f"{tmp_path / 'j.pdf'}\n", "")
    assert persona == Run(0, f"{tmp_path / 'p.pdf'}\n", "")
    assert missing == Run(2, "", "error: There is no persona 4. Choose one of 1: Margaret; "
                                 "2: Leo; 3: Dana.\n")
    titles = [PdfReader(tmp_path / name).pages[0].extract_text().splitlines()[0]
              for name in ("j.pdf", "p.pdf")]
    assert titles == ["Leo's journey: Opening a student account on the app", "Dana"]
    assert [len(PdfReader(tmp_path / name).pages) for name in ("j.pdf", "p.pdf")] == [1, 1]
    assert not (tmp_path / "x.pdf").exists()
