"""Command line for scripting and backups: ``python -m cxcore [--db PATH] COMMAND``."""
from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from . import backup, csvexport, sample, workshops
from . import db as store
from .errors import StoreError
from .text import ValidationError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage dump
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m cxcore", description="CX strategy workshops.")
    parser.add_argument("--db", help="database file (default: $CX_DB or data/workshops.db)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("list", help="list workshops: id, title, organisation, updated, progress")
    commands.add_parser("sample", help="create a copy of the sample workshop; prints its id")
    imp = commands.add_parser("import", help="import a JSON backup; prints the new id")
    imp.add_argument("file")
    exp = commands.add_parser("export", help="export a workshop")
    exp.add_argument("id", type=int)
    target = exp.add_mutually_exclusive_group(required=True)
    target.add_argument("--json", metavar="PATH")
    target.add_argument("--csv", metavar="PATH")
    target.add_argument("--pdf", metavar="PATH")
    target.add_argument("--xlsx", metavar="PATH", help="an Excel workbook, a sheet per artefact")
    target.add_argument("--md", metavar="PATH", help="the summary and every section as Markdown")
    exp.add_argument("--sections", metavar="KEYS",
                     help="for --pdf and --md: comma-separated step keys (default: every "
                          "started step but the stakeholder map), e.g. "
                          "statements,smirc_goals,stakeholder_map")
    poster = commands.add_parser("poster", help="a one-page A3 poster of a journey map or a "
                                                 "persona")
    poster.add_argument("id", type=int, help="the workshop's id")
    which = poster.add_mutually_exclusive_group(required=True)
    which.add_argument("--journey", type=int, metavar="N", help="the workshop's N-th journey map")
    which.add_argument("--persona", type=int, metavar="N", help="the workshop's N-th persona")
    poster.add_argument("--out", required=True, metavar="PATH", help="the PDF file to write")
    return parser


def _poster(db, args: argparse.Namespace) -> bytes:
    from . import posters

    workshops.get(db, args.id)
    if args.journey is not None:
        return posters.journey_poster(db, args.id,
                                      posters.journey_by_number(db, args.id, args.journey))
    return posters.persona_poster(db, args.id, posters.persona_by_number(db, args.id,
                                                                         args.persona))


def _write(target: str, content: bytes) -> None:
    try:
        Path(target).write_bytes(content)
    except OSError as error:
        raise ValidationError(f"Cannot write {target}: {error.strerror}.") from None
    print(target)


def _sections(text: str | None) -> list[str] | None:
    from . import path as guided_path

    if text is None:
        return None
    keys = [key.strip() for key in text.split(",") if key.strip()]
    known = [s.key for s in guided_path.STEPS]
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise ValidationError(f"Unknown section {unknown[0]!r}: use any of {', '.join(known)}.")
    return keys


def run(args: argparse.Namespace) -> None:
    from . import path as guided_path

    try:
        db = store.connect(args.db)
    except OSError as error:  # the database's folder cannot be made, e.g. a file has its name
        raise ValidationError(f"Cannot create the folder {error.filename}: "
                              f"{error.strerror}.") from None
    if args.command == "list":
        for w in workshops.list_workshops(db):
            progress = guided_path.progress(db, w.id)
            print("\t".join([str(w.id), w.title, w.organisation, w.updated, progress.label]))
    elif args.command == "sample":
        print(sample.create_sample(db))
    elif args.command == "import":
        try:
            data = Path(args.file).read_bytes()
        except OSError as error:
            raise ValidationError(f"Cannot read {args.file}: {error.strerror}.") from None
        print(backup.import_bytes(db, data))
    elif args.command == "export":
        workshops.get(db, args.id)
        sections = _sections(args.sections)
        if args.json:
            content: bytes = backup.export_json(db, args.id).encode("utf-8")
            target = args.json
        elif args.csv:
            content, target = csvexport.export_zip(db, args.id), args.csv
        elif args.xlsx:
            from . import xlsx

            content, target = xlsx.build_xlsx(db, args.id), args.xlsx
        elif args.md:
            from . import markdown

            content = markdown.build_markdown(db, args.id, sections).encode("utf-8")
            target = args.md
        else:
            from . import pdf  # fpdf2 takes longer to import than the other commands take to run

            content, target = pdf.build_pdf(db, args.id, sections), args.pdf
        _write(target, content)
    elif args.command == "poster":
        _write(args.out, _poster(db, args))


def main(argv: list[str] | None = None) -> int:
    try:
        run(build_parser().parse_args(argv))
    except (_UsageError, ValidationError, backup.BackupError, workshops.NotFoundError,
            StoreError, sqlite3.Error) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
