"""The PDF summary, read back with pypdf: cover, contents, sections, page numbers.

The bundled sample grows with the app, so what the sample's PDF must show is worked out from
the guided path; the page-by-page text is checked whole on workshops built here.
"""
from __future__ import annotations

import io
from typing import NamedTuple

import pytest
import sqlite_utils
from pypdf import PdfReader

from cxcore import challenge, pdf, sample, workshops
from cxcore import db as store
from cxcore import path as guided_path

UNICODE_TITLE = "Zo\u00eb's caf\u00e9 \u2014 \u03a9 \u2265 5, \u6771\u4eac, emoji \U0001F680"


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    return PdfReader(io.BytesIO(data), strict=True)


def page_texts(reader: PdfReader) -> list[str]:
    """Each page's text with runs of whitespace as one space (line wraps vary with the font)."""
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def sections(reader: PdfReader) -> list[tuple[str, int]]:
    """The top-level bookmarks: (title, page number counting from 1)."""
    return [(entry.title, reader.get_destination_page_number(entry) + 1)
            for entry in reader.outline if not isinstance(entry, list)]


def missing(text: str, expected: list[str]) -> list[str]:
    return [phrase for phrase in expected if phrase not in text]


def started_sections(db, workshop_id: int) -> list[str]:
    started = guided_path.progress(db, workshop_id).started_keys
    return [f"{step.phase}: {step.title}" for step in guided_path.STEPS
            if step.key in started and step.pdf_section is not None
            and step.key not in pdf.LEFT_OUT_BY_DEFAULT]


def workshop_with_drafts(db, title: str, *whos: str) -> int:
    workshop_id = workshops.create(db, title, "Harbour Bank", "Priya Raman")
    for who in whos:
        challenge.add_draft(db, workshop_id, who, "open an account online", "they stay with us")
    return workshop_id


class SampleReport(NamedTuple):
    db: sqlite_utils.Database
    workshop_id: int
    reader: PdfReader
    texts: list[str]


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory) -> SampleReport:
    """The sample's PDF, built once for this module: its charts take a second to draw."""
    database = store.connect(str(tmp_path_factory.mktemp("pdf") / "sample.db"))
    workshop_id = sample.create_sample(database)
    reader = read(pdf.build_pdf(database, workshop_id))
    return SampleReport(database, workshop_id, reader, page_texts(reader))


def test_the_sample_pdf_has_a_section_for_each_started_step_in_path_order(sample_report):
    db, sample_id, sample_pdf, _ = sample_report
    assert sample_pdf.metadata.title == "Harbour Bank: CX strategy 2027"
    assert [title for title, _ in sections(sample_pdf)] == started_sections(db, sample_id)
    assert "Map: Focusing challenge" in started_sections(db, sample_id)


def test_the_sample_cover_shows_title_organisation_facilitator_and_progress(sample_report):
    db, sample_id, _, texts = sample_report
    progress = guided_path.progress(db, sample_id)
    cover = texts[0]
    assert missing(cover, [
        "CUSTOMER EXPERIENCE STRATEGY WORKSHOP",
        "Harbour Bank: CX strategy 2027",
        "Organisation Harbour Bank (retail banking)",
        "Facilitator Priya Raman",
        "Date ",
        f"Progress {progress.label} ({progress.percent}%)",
    ]) == []
    assert "page 1 of" not in cover


def test_the_sample_contents_lists_every_section_with_the_page_it_starts_on(sample_report):
    listed = sections(sample_report.reader)
    texts = sample_report.texts
    contents = " ".join(texts[1:listed[0][1] - 1])
    assert contents.startswith("Harbour Bank: CX strategy 2027 · page 2 of ")
    assert "Contents" in contents
    assert missing(contents, [f"{title} {page}" for title, page in listed]) == []
    assert [texts[page - 1].startswith(title) for title, page in listed] == [True] * len(listed)


def test_the_sample_pdf_shows_the_chosen_challenge_sentence(sample_report):
    db, sample_id, _, texts = sample_report
    chosen = challenge.chosen_challenge(db, sample_id)
    assert chosen.sentence == (
        "First-time home buyers can get a mortgage decision in principle on their phone in one "
        "sitting so that they can make an offer on the home they want with confidence.")
    assert chosen.sentence in " ".join(texts)


def test_every_page_but_the_cover_says_page_n_of_the_total(sample_report):
    texts = sample_report.texts
    total = len(texts)
    assert [f"page {n} of {total}" in text for n, text in enumerate(texts, start=1)] == (
        [False] + [True] * (total - 1))


def test_a_workshop_with_only_challenges_gives_cover_contents_and_one_section(db):
    workshop_id = workshop_with_drafts(db, "Onboarding", "Students", "Savers")
    challenge.choose(db, workshop_id, challenge.list_challenges(db, workshop_id)[1].id)
    reader = read(pdf.build_pdf(db, workshop_id))
    texts = page_texts(reader)
    assert sections(reader) == [("Map: Focusing challenge", 3)]
    assert missing(texts[0], ["Onboarding", "Organisation Harbour Bank",
                              "Facilitator Priya Raman", "Progress 1 of "]) == []
    assert texts[1:] == [
        "Onboarding · page 2 of 3 Contents Map: Focusing challenge 3",
        "Map: Focusing challenge "
        "The workshop's challenge "
        "Savers can open an account online so that they stay with us. "
        "Other drafts "
        "• Students can open an account online so that they stay with us. "
        "Onboarding · page 3 of 3",
    ]


def test_a_long_section_flows_onto_more_pages_each_numbered_of_the_total(db):
    workshop_id = workshop_with_drafts(db, "Many drafts",
                                       *(f"Customer group {n}" for n in range(60)))
    texts = page_texts(read(pdf.build_pdf(db, workshop_id)))
    total = len(texts)
    assert total > 3
    assert [f"page {n} of {total}" in text for n, text in enumerate(texts, start=1)] == (
        [False] + [True] * (total - 1))
    assert texts[1] == f"Many drafts · page 2 of {total} Contents Map: Focusing challenge 3"
    # the 60 drafts in the section, and the chosen one again in the executive summary
    assert sum(text.count("Customer group") for text in texts) == 61


def test_non_ascii_text_exports_and_the_latin_and_greek_read_back(db):
    workshop_id = workshops.create(db, UNICODE_TITLE, "\u0391\u03b8\u03ae\u03bd\u03b1 caf\u00e9",
                                   "Zo\u00eb")
    challenge.add_draft(db, workshop_id, who=UNICODE_TITLE,
                        what="order a cr\u00e8me br\u00fbl\u00e9e", why="\u00e7a marche")
    texts = page_texts(read(pdf.build_pdf(db, workshop_id)))
    assert len(texts) == 3
    assert missing(texts[0], [
        "Zo\u00eb's caf\u00e9 \u2014 \u03a9 \u2265 5,",
        "Organisation \u0391\u03b8\u03ae\u03bd\u03b1 caf\u00e9",
        "Facilitator Zo\u00eb",
    ]) == []
    assert missing(texts[2], [
        "Zo\u00eb's caf\u00e9 \u2014 \u03a9 \u2265 5,",
        "can order a cr\u00e8me br\u00fbl\u00e9e so that \u00e7a marche.",
    ]) == []


def test_a_workshop_with_no_content_still_gives_a_valid_pdf(db):
    workshop_id = workshops.create(db, "Blank slate")
    reader = read(pdf.build_pdf(db, workshop_id))
    texts = page_texts(reader)
    assert sections(reader) == [("Nothing recorded yet", 3)]
    assert missing(texts[0], ["Blank slate", "Organisation \u2014", "Facilitator \u2014",
                              f"Progress 0 of {len(guided_path.STEPS)} steps started (0%)"]) == []
    assert texts[1:] == [
        "Blank slate · page 2 of 3 Contents Nothing recorded yet 3",
        "Nothing recorded yet No step of the guided path has content yet. Start with the first "
        "step and export again. Blank slate · page 3 of 3",
    ]


def test_a_pdf_of_a_missing_workshop_raises_not_found(db):
    with pytest.raises(workshops.NotFoundError, match=r"^There is no workshop with id 404\.$"):
        pdf.build_pdf(db, 404)


def test_dollar_signs_in_chart_labels_are_drawn_as_text_not_read_as_formulas(db, make_workshop):
    from cxcore import brainstorm, goals, ideas, measurement, ranking

    wid = make_workshop()
    storm = brainstorm.create_brainstorm(db, wid, "Fees: cut $5 to $10?")
    idea = ideas.add_idea(db, wid, storm, "Refund $5 on #fees & $10^ after a week")
    for criterion in ranking.CRITERIA:
        ideas.set_score(db, wid, idea, criterion, 4)
    goal = goals.add_goal(db, wid, "Save $5 on #fees & $10^ a month", "nps", target=30.0,
                          baseline=10.0, deadline="2027-06-30")
    measurement.add_reading(db, wid, goal, "2026-10-01", 12.0)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.build_pdf(db, wid)))
                   .pages)
    assert "Refund $5 on #fees & $10^" in text
