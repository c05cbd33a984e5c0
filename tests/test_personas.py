"""Personas: fields, the soft limit of five, pictures, worked examples and the AI prompt pack."""
from __future__ import annotations

import base64
import io
import re

import pytest
from PIL import Image

from cxcore import empathy, personas, portraits, workshops
from cxcore import path as guided_path
from cxcore.personas import Persona
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError


def image_bytes(kind: str, size: tuple[int, int] = (400, 300), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    colour = (200, 40, 40) if mode in ("RGB", "RGBA", "P") else 1
    Image.new(mode, size, colour).save(buffer, format=kind)
    return buffer.getvalue()


def decoded(data_url: str) -> Image.Image:
    assert data_url.startswith(portraits.DATA_URL_PREFIX)
    return Image.open(io.BytesIO(base64.b64decode(data_url[len(portraits.DATA_URL_PREFIX):])))


def names(db, workshop_id: int) -> list[str]:
    return [p.name for p in personas.list_personas(db, workshop_id)]


def test_a_new_persona_has_its_name_cleaned_and_every_other_field_empty(db, make_workshop):
    workshop_id = make_workshop()
    persona_id = personas.add_persona(db, workshop_id, "  Mar\u202egaret ",
                                      segment="Homeowner\x00 with a mortgage")
    assert personas.list_personas(db, workshop_id) == [
        Persona(persona_id, "Margaret", "Homeowner with a mortgage", "", "", "", "", "", "", "",
                1)]


def test_personas_are_listed_in_the_order_they_were_added(db, make_workshop):
    workshop_id = make_workshop()
    for name in ("Margaret", "Leo", "Dana"):
        personas.add_persona(db, workshop_id, name)
    assert [(p.name, p.position) for p in personas.list_personas(db, workshop_id)] == [
        ("Margaret", 1), ("Leo", 2), ("Dana", 3)]


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "Name cannot be empty."),
    ("name", " \u202e ", "Name cannot be empty."),
    ("name", "n" * 81, "Name is too long: 81 characters, the limit is 80."),
    ("segment", "s" * 161, "Segment is too long: 161 characters, the limit is 160."),
    ("needs", "x" * 2001, "Needs is too long: 2001 characters, the limit is 2000."),
    ("image", "data:image/png;base64,AAAA", "Unknown persona field: image."),
    ("position", "1", "Unknown persona field: position."),
    ("quotes", 42, "Customer quotes must be text."),
])
def test_a_bad_field_is_refused_and_changes_nothing(db, make_workshop, field, value, message):
    workshop_id = make_workshop()
    persona_id = personas.add_persona(db, workshop_id, "Margaret", needs="Plain answers")
    before = personas.list_personas(db, workshop_id)
    with pytest.raises(ValidationError, match=f"^{re.escape(message)}$"):
        personas.update_field(db, workshop_id, persona_id, field, value)
    assert personas.list_personas(db, workshop_id) == before


def test_updating_a_field_keeps_line_breaks_in_the_long_fields(db, make_workshop):
    workshop_id = make_workshop()
    persona_id = personas.add_persona(db, workshop_id, "Margaret")
    personas.update_field(db, workshop_id, persona_id, "quotes", " \"One\"\r\n\"Two\" ")
    personas.update_field(db, workshop_id, persona_id, "segment", "Branch\ngoer")
    persona = personas.get_persona(db, workshop_id, persona_id)
    assert (persona.quotes, persona.segment) == ("\"One\"\n\"Two\"", "Branch goer")
    assert persona.filled() == [("Customer quotes", "\"One\"\n\"Two\"")]


def test_a_persona_of_another_workshop_cannot_be_changed_through_this_one(db, make_workshop):
    mine, theirs = make_workshop("Mine"), make_workshop("Theirs")
    their_persona = personas.add_persona(db, theirs, "Leo")
    message = f"^There is no persona with id {their_persona}\\.$"
    for change in (lambda: personas.update_field(db, mine, their_persona, "name", "X"),
                   lambda: personas.delete_persona(db, mine, their_persona),
                   lambda: personas.remove_image(db, mine, their_persona),
                   lambda: personas.set_image(db, mine, their_persona, image_bytes("PNG"))):
        with pytest.raises(NotFoundError, match=message):
            change()
    assert (names(db, mine), names(db, theirs)) == ([], ["Leo"])
    assert personas.get_persona(db, theirs, their_persona).image == ""


def test_a_persona_for_a_missing_workshop_is_refused(db):
    with pytest.raises(NotFoundError, match=r"^There is no workshop with id 404\.$"):
        personas.add_persona(db, 404, "Leo")
    assert list(db["personas"].rows) == []


def test_deleting_a_persona_deletes_its_empathy_map_too(db, make_workshop):
    workshop_id = make_workshop()
    keep, drop = (personas.add_persona(db, workshop_id, n) for n in ("Margaret", "Leo"))
    empathy.add_note(db, workshop_id, keep, "say", "Call me")
    empathy.add_note(db, workshop_id, drop, "do", "Uses the app")
    personas.delete_persona(db, workshop_id, drop)
    assert names(db, workshop_id) == ["Margaret"]
    assert [r["text"] for r in db["empathy_notes"].rows] == ["Call me"]


@pytest.mark.parametrize("count, warned", [(0, False), (1, False), (5, False), (6, True),
                                           (9, True)])
def test_more_than_five_personas_are_warned_about(count, warned):
    assert (personas.limit_warning(count) is not None) == warned


def test_a_sixth_persona_is_allowed_and_the_warning_names_the_count(db, make_workshop):
    workshop_id = make_workshop()
    for number in range(6):
        personas.add_persona(db, workshop_id, f"Persona {number + 1}")
    count = len(personas.list_personas(db, workshop_id))
    assert count == 6
    assert personas.limit_warning(count) == (
        "This workshop has 6 personas. One to 5 is the useful range: past that the room loses "
        "track of who is who. Consider merging the personas that share needs and channels.")


# ---- pictures ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind, mode", [("PNG", "RGB"), ("PNG", "RGBA"), ("JPEG", "RGB"),
                                        ("WEBP", "RGB")])
def test_an_uploaded_picture_is_stored_as_a_square_webp_thumbnail(db, make_workshop, kind,
                                                                  mode):
    workshop_id = make_workshop()
    persona_id = personas.add_persona(db, workshop_id, "Margaret")
    upload = image_bytes(kind, (640, 480), mode)
    personas.set_image(db, workshop_id, persona_id, upload)
    stored = personas.get_persona(db, workshop_id, persona_id).image
    thumbnail = decoded(stored)
    assert (thumbnail.format, thumbnail.size) == ("WEBP", (256, 256))
    assert base64.b64decode(stored[len(portraits.DATA_URL_PREFIX):]) != upload  # re-encoded
    assert personas.picture(personas.get_persona(db, workshop_id, persona_id)) == \
        base64.b64decode(stored[len(portraits.DATA_URL_PREFIX):])


def gif() -> bytes:
    return image_bytes("GIF", (50, 50), "P")


def huge_png() -> bytes:
    return image_bytes("PNG", (8000, 6000), "1")  # 48 megapixels, a tiny file


@pytest.mark.parametrize("upload, message", [
    pytest.param(lambda: b"Hello, I am a text file called face.png\n",
                 portraits.NOT_AN_IMAGE, id="text file renamed .png"),
    pytest.param(lambda: b"", "The file is empty: choose a PNG, JPEG or WebP image.", id="empty"),
    pytest.param(gif, "GIF images are not accepted: upload a PNG, JPEG or WebP image.", id="gif"),
    pytest.param(lambda: image_bytes("PNG")[:60], "That PNG image is damaged or incomplete: save "
                 "it again, or choose another picture.", id="truncated png"),
    pytest.param(lambda: image_bytes("PNG") + b"\0" * (5 * 1024 * 1024),
                 "The image is too large: 5.0 MB, the limit is 5 MB.", id="over 5 MB"),
    pytest.param(huge_png, "The image has too many pixels: 8000 x 6000; the limit is 16 "
                 "megapixels and 10,000 pixels on a side.", id="too many pixels"),
])
def test_a_bad_upload_is_refused_with_a_message_and_changes_nothing(db, make_workshop, upload,
                                                                    message):
    workshop_id = make_workshop()
    persona_id = personas.add_persona(db, workshop_id, "Margaret")
    personas.set_image(db, workshop_id, persona_id, image_bytes("PNG"))
    before = personas.get_persona(db, workshop_id, persona_id)
    with pytest.raises(ValidationError, match=f"^{re.escape(message)}$"):
        personas.set_image(db, workshop_id, persona_id, upload())
    assert personas.get_persona(db, workshop_id, persona_id) == before


def test_removing_the_picture_brings_back_the_initials_avatar(db, make_workshop):
    workshop_id = make_workshop()
    persona_id = personas.add_persona(db, workshop_id, "Margaret Ellis")
    personas.set_image(db, workshop_id, persona_id, image_bytes("PNG"))
    personas.remove_image(db, workshop_id, persona_id)
    persona = personas.get_persona(db, workshop_id, persona_id)
    assert persona.image == ""
    assert personas.picture(persona) == portraits.avatar_png("Margaret Ellis")
    avatar = Image.open(io.BytesIO(personas.picture(persona)))
    assert (avatar.format, avatar.size) == ("PNG", (256, 256))


@pytest.mark.parametrize("stored", ["", "https://example.com/x.png", "data:image/png;base64,!!",
                                    "data:image/png;base64," + base64.b64encode(b"text").decode()])
def test_a_stored_image_that_is_not_a_usable_picture_shows_the_avatar(stored):
    persona = Persona(1, "Leo", "", "", "", "", "", "", "", stored, 1)
    assert personas.picture(persona) == portraits.avatar_png("Leo")


@pytest.mark.parametrize("name, expected", [("Margaret Ellis", "ME"), ("leo", "L"),
                                            ("Dana van der Berg", "DB"), ("Anne-Marie", "AM"),
                                            ("  ", "?"), ("Zoë Østergaard", "ZØ")])
def test_initials_for_the_avatar(name, expected):
    assert portraits.initials(name) == expected


# ---- worked examples, prompt pack, content, path -----------------------------------------

@pytest.mark.parametrize("example, expected", [("bank", ["Harold", "Sam", "Nadia"]),
                                               ("retail", ["Rosa", "Tom", "Kai"])])
def test_a_worked_example_adds_its_three_personas_with_their_details(db, make_workshop, example,
                                                                     expected):
    workshop_id = make_workshop()
    ids = personas.add_starters(db, workshop_id, example)
    listed = personas.list_personas(db, workshop_id)
    assert [p.id for p in listed] == ids and names(db, workshop_id) == expected
    assert all(p.segment and p.needs and p.pain_points and p.channels for p in listed)


def test_an_unknown_worked_example_is_refused(db, make_workshop):
    workshop_id = make_workshop()
    with pytest.raises(ValidationError, match=r"^Unknown worked example: insurer\.$"):
        personas.add_starters(db, workshop_id, "insurer")
    assert names(db, workshop_id) == []


def test_the_prompt_pack_asks_the_analysts_questions_and_lists_the_personas(db, make_workshop):
    workshop_id = make_workshop(organisation="Harbour Bank")
    margaret = personas.add_persona(db, workshop_id, "Margaret", segment="Branch homeowner",
                                    quotes="\"Call me\"\n\"Write to me\"")
    personas.add_persona(db, workshop_id, "Leo")
    text = personas.prompt_pack(db, workshop_id)
    assert text.startswith("I am building customer personas for Harbour Bank")
    assert all(question in text for question in personas.PROMPT_QUESTIONS)
    assert text.endswith("My current personas (2):\n\n"
                         "Persona 1: Margaret\n"
                         "- Segment: Branch homeowner\n"
                         "- Customer quotes: \"Call me\" / \"Write to me\"\n\n"
                         "Persona 2: Leo")
    personas.delete_persona(db, workshop_id, margaret)
    assert "Margaret" not in personas.prompt_pack(db, workshop_id)


def test_the_prompt_pack_without_personas_says_so(db, make_workshop):
    assert personas.prompt_pack(db, make_workshop()).endswith("\n\nI have no personas yet.")


def test_has_content_once_a_persona_exists(db, make_workshop):
    workshop_id, other = make_workshop("Mine"), make_workshop("Other")
    seen = [personas.has_content(db, workshop_id)]
    persona_id = personas.add_persona(db, workshop_id, "Leo")
    seen.append(personas.has_content(db, workshop_id))
    personas.delete_persona(db, workshop_id, persona_id)
    seen.append(personas.has_content(db, workshop_id))
    assert seen == [False, True, False] and personas.has_content(db, other) is False


def test_editing_a_persona_marks_the_workshop_as_updated(db, make_workshop):
    workshop_id = make_workshop()
    db.execute("UPDATE workshops SET updated = '2000-01-01T00:00:00+00:00'")
    personas.add_persona(db, workshop_id, "Leo")
    assert workshops.get(db, workshop_id).updated > "2000-01-01T00:00:00+00:00"


def test_personas_and_empathy_maps_are_the_first_steps_of_understand():
    understand = [s.key for s in guided_path.steps_in_phase("Understand")]
    assert understand[:1] == ["personas"] and "empathy_maps" in understand
    assert understand.index("empathy_maps") == understand.index("personas") + 1
