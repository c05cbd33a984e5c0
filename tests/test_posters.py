"""Posters for the wall: a journey map or a persona on one A3 landscape page, whatever its size."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from cxcore import backup, empathy, journeys, personas, posters, sample, workshops
from cxcore.text import ValidationError

A3_LANDSCAPE_PT = (1190.55, 841.89)
TODAY = dt.date(2026, 12, 8)


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_size(reader: PdfReader) -> tuple[float, float]:
    box = reader.pages[0].mediabox
    return (round(float(box.width), 2), round(float(box.height), 2))


def text_of(data: bytes) -> str:
    """The poster's text, with line breaks inside cells folded so phrases read whole."""
    return " ".join(read(data).pages[0].extract_text().split())


@pytest.fixture
def sample_id(db) -> int:
    return sample.create_sample(db)


def test_a_journey_poster_is_one_a3_landscape_page_with_every_stage_and_entry(db, sample_id):
    journey = journeys.list_journeys(db, sample_id)[0]
    data = posters.journey_poster(db, sample_id, journey.id, today=TODAY)
    reader = read(data)
    text = text_of(data)

    assert (len(reader.pages), page_size(reader)) == (1, A3_LANDSCAPE_PT)
    assert text.startswith("Margaret's journey: Taking out a mortgage Journey map (the 5 A's)")
    missing = [e.text for e in journey.entries if e.text not in text]
    missing += [s.name for s in journey.stages if s.name not in text]
    assert missing == []
    assert "LINE OF VISIBILITY" in text
    assert "printed 08 December 2026" in text
    assert posters.SHORTENED_NOTE not in text


def test_a_journey_too_big_for_one_page_is_shortened_on_one_page_and_says_so(db,
                                                                             make_workshop):
    wid = make_workshop()
    jid = journeys.create_journey(db, wid, None, "Everything at once")
    stage = journeys.list_journeys(db, wid)[0].stages[0]
    long_text = "a long entry that goes on " * 7
    for lane in journeys.LANES:
        for number in range(12):
            journeys.add_entry(db, wid, stage.id, lane, f"{lane} {number}: {long_text}"[:190])

    data = posters.journey_poster(db, wid, jid, today=TODAY)

    assert len(read(data).pages) == 1
    assert posters.SHORTENED_NOTE in text_of(data)
    assert "more" in text_of(data).split("actions")[-1]


def test_a_journey_with_no_stages_from_a_backup_says_so_on_its_poster(db):
    wid = backup.import_document(db, {
        "format": backup.FORMAT, "version": backup.VERSION, "workshop": {"title": "Bare"},
        "tables": {"journeys": [{"id": 1, "title": "Empty"}]}})
    jid = journeys.list_journeys(db, wid)[0].id

    text = text_of(posters.journey_poster(db, wid, jid, today=TODAY))

    assert "This journey has no stages yet." in text


def test_a_persona_poster_has_the_persona_fields_and_the_empathy_map_on_one_page(db,
                                                                                 sample_id):
    persona = personas.list_personas(db, sample_id)[0]
    data = posters.persona_poster(db, sample_id, persona.id, today=TODAY)
    reader = read(data)
    text = text_of(data)
    notes = [n.text for quadrant in empathy.board(db, sample_id, persona.id).values()
             for n in quadrant]

    assert (len(reader.pages), page_size(reader)) == (1, A3_LANDSCAPE_PT)
    assert text.startswith(f"{persona.name} Persona · {persona.segment}")
    assert [value for _, value in persona.filled() if " ".join(value.split()) not in text] == []
    assert notes and [note for note in notes if note not in text] == []
    assert ["Think", "Feel", "Say", "Do", "Empathy map"] == [
        word for word in ["Think", "Feel", "Say", "Do", "Empathy map"] if word in text]
    assert len(reader.pages[0].images) == 1


def test_a_persona_with_every_field_full_still_fits_one_page(db, make_workshop):
    wid = make_workshop()
    pid = personas.add_persona(db, wid, "Verbose Vera")
    for field in personas.LONG_FIELDS:
        personas.update_field(db, wid, pid, field, ("so much to say " * 200)[:personas.FIELD_MAX])
    for quadrant in empathy.QUADRANTS:
        for number in range(15):
            empathy.add_note(db, wid, pid, quadrant, f"note {number} " + "words " * 40)

    data = posters.persona_poster(db, wid, pid, today=TODAY)

    assert len(read(data).pages) == 1
    assert posters.SHORTENED_NOTE in text_of(data)


@pytest.mark.parametrize("text, limit, expected", [
    ("short enough", 40, "short enough"),
    ("cut this sentence at a word boundary", 20, "cut this sentence at…"),
    ("cut this sentence, not mid-word", 18, "cut this sentence…"),
    ("unbreakablewordwithoutspaces", 10, "unbreakabl…"),
])
def test_shorten_cuts_at_a_word_and_adds_an_ellipsis(text, limit, expected):
    assert posters.shorten(text, limit) == expected


def test_journeys_and_personas_are_chosen_by_their_number_in_the_workshop(db, sample_id):
    ids = [j.id for j in journeys.list_journeys(db, sample_id)]
    assert posters.journey_by_number(db, sample_id, 2) == ids[1]
    with pytest.raises(ValidationError) as refused:
        posters.persona_by_number(db, sample_id, 0)
    assert str(refused.value) == ("There is no persona 0. Choose one of 1: Margaret; 2: Leo; "
                                  "3: Dana.")


def test_a_poster_of_another_workshops_journey_is_refused(db, sample_id, make_workshop):
    other = make_workshop()
    journey = journeys.list_journeys(db, sample_id)[0]
    with pytest.raises(workshops.NotFoundError):
        posters.journey_poster(db, other, journey.id)
