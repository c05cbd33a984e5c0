"""Personas: one to five customer groups, each drawn as a person the room can picture."""
from __future__ import annotations

import base64
from dataclasses import dataclass, fields as dataclass_fields

import sqlite_utils

from . import db as store
from . import portraits, rows, workshops
from .text import ValidationError

PERSONA_SOFT_LIMIT = 5
NAME_MAX = 80
SEGMENT_MAX = 160
FIELD_MAX = 2000
LABELS = {
    "name": "Name",
    "segment": "Segment",
    "demographics": "Demographic profile",
    "motivations": "Attributes and motivations",
    "needs": "Needs",
    "pain_points": "Pain points",
    "quotes": "Customer quotes",
    "channels": "Preferred channels",
}
TEXT_FIELDS = tuple(LABELS)
LONG_FIELDS = TEXT_FIELDS[2:]  # several lines each; name and segment are one line


def clean_image(value: object, field: str = "The picture") -> str:
    """A stored picture (from a backup) as an upload stores it: empty, or a checked thumbnail
    in a data URL, re-encoded through the upload's own function unless it already is one."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or not value.startswith("data:image/") \
            or ";base64," not in value:
        raise ValidationError(f"{field} must be an image in a data URL "
                              "(data:image/webp;base64,...).")
    try:
        data = base64.b64decode(value.split(";base64,", 1)[1], validate=True)
    except ValueError:  # binascii.Error
        raise ValidationError(f"{field} is not valid base64.") from None
    if value.startswith(portraits.DATA_URL_PREFIX) and portraits.is_thumbnail(data):
        return value
    return portraits.thumbnail_data_url(data)


rows.register(
    "personas", name=rows.text("Name", NAME_MAX, required=True),
    segment=rows.text("Segment", SEGMENT_MAX),
    **{field: rows.text(LABELS[field], FIELD_MAX, multiline=True) for field in LONG_FIELDS},
    image=rows.Rule("The picture", clean_image), position=rows.position())


@dataclass(frozen=True)
class Persona:
    id: int
    name: str
    segment: str
    demographics: str
    motivations: str
    needs: str
    pain_points: str
    quotes: str
    channels: str
    image: str
    position: int

    @property
    def initials(self) -> str:
        return portraits.initials(self.name)

    def filled(self) -> list[tuple[str, str]]:
        """(label, text) of the long fields that have something in them, in order."""
        return [(LABELS[f], getattr(self, f)) for f in LONG_FIELDS if getattr(self, f)]


_COLUMNS = tuple(f.name for f in dataclass_fields(Persona))


def clean_field(field: str, value: object) -> str:
    if field not in LABELS:
        raise ValidationError(f"Unknown persona field: {field}.")
    return rows.clean("personas", field, value)


def limit_warning(count: int) -> str | None:
    """The warning shown when a workshop holds more personas than a room can keep in mind."""
    if count <= PERSONA_SOFT_LIMIT:
        return None
    return (f"This workshop has {count} personas. One to {PERSONA_SOFT_LIMIT} is the useful "
            "range: past that the room loses track of who is who. Consider merging the "
            "personas that share needs and channels.")


def list_personas(db: sqlite_utils.Database, workshop_id: int) -> list[Persona]:
    rows = db["personas"].rows_where("workshop_id = ?", [workshop_id],
                                     order_by="position, id", select=", ".join(_COLUMNS))
    return [Persona(**row) for row in rows]


def get_persona(db: sqlite_utils.Database, workshop_id: int, persona_id: int) -> Persona:
    rows = list(db["personas"].rows_where("id = ? AND workshop_id = ?",
                                          [persona_id, workshop_id], select=", ".join(_COLUMNS)))
    if not rows:
        raise workshops.NotFoundError(f"There is no persona with id {persona_id}.")
    return Persona(**rows[0])


def has_content(db: sqlite_utils.Database, workshop_id: int) -> bool:
    return db["personas"].count_where("workshop_id = ?", [workshop_id]) > 0


def add_persona(db: sqlite_utils.Database, workshop_id: int, name: str,
                **values: str) -> int:
    """Add a persona at the end of the list; ``values`` fills any other text field."""
    row = {field: clean_field(field, value) for field, value in {**values, "name": name}.items()}
    with store.write(db):
        workshops.get(db, workshop_id)
        position = db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM personas "
                              "WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        persona_id = db["personas"].insert(
            {"workshop_id": workshop_id, **row, "position": position}).last_pk
        workshops.touch(db, workshop_id)
    return persona_id


def update_field(db: sqlite_utils.Database, workshop_id: int, persona_id: int, field: str,
                 value: str) -> None:
    cleaned = clean_field(field, value)
    workshops.update_owned(db, "personas", workshop_id, persona_id, "persona", {field: cleaned})


def set_image(db: sqlite_utils.Database, workshop_id: int, persona_id: int,
              data: bytes) -> None:
    """Store an uploaded picture as a checked, re-encoded thumbnail."""
    thumbnail = portraits.thumbnail_data_url(data)
    _write(db, workshop_id, persona_id, "UPDATE personas SET image = ? WHERE id = ?",
           [thumbnail, persona_id])


def remove_image(db: sqlite_utils.Database, workshop_id: int, persona_id: int) -> None:
    _write(db, workshop_id, persona_id, "UPDATE personas SET image = '' WHERE id = ?",
           [persona_id])


def delete_persona(db: sqlite_utils.Database, workshop_id: int, persona_id: int) -> None:
    """Delete a persona and its empathy map; journeys for it stay, without a persona."""
    _write(db, workshop_id, persona_id, "DELETE FROM personas WHERE id = ?", [persona_id])


def _write(db: sqlite_utils.Database, workshop_id: int, persona_id: int, sql: str,
           params: list) -> None:
    with store.write(db):
        get_persona(db, workshop_id, persona_id)
        db.execute(sql, params)
        workshops.touch(db, workshop_id)


def picture(persona: Persona) -> bytes:
    """The image to show: the uploaded thumbnail, else an initials avatar."""
    return portraits.data_url_bytes(persona.image) or portraits.avatar_png(persona.name)


# ---- worked examples ------------------------------------------------------------------

STARTERS: dict[str, tuple[str, list[dict[str, str]]]] = {
    "bank": ("A retail bank", [
        {"name": "Harold", "segment": "Homeowner with a mortgage who banks at the branch",
         "demographics": "55-70, owns his home, mortgage with the bank for 15 years",
         "motivations": "Values a person he knows by name; careful with money",
         "needs": "Clear answers about his mortgage and remortgage options",
         "pain_points": "Branch hours shrinking; phone queues",
         "channels": "Branch, phone, letters"},
        {"name": "Sam", "segment": "Student on mobile with a debit card",
         "demographics": "18-24, first current account, part-time job",
         "motivations": "Wants control and speed; compares banks on social media",
         "needs": "Instant card controls, spending insights, no fees",
         "pain_points": "Being asked to visit a branch to prove identity",
         "channels": "Mobile app, chat, social media"},
        {"name": "Nadia", "segment": "Middle-aged saver mixing branch and digital",
         "demographics": "40-55, checking and savings accounts, family",
         "motivations": "Planning for children's education and retirement",
         "needs": "One view of all accounts; advice at life events",
         "pain_points": "Having to repeat her story in each channel",
         "channels": "Mobile app, website, branch for big decisions"},
    ]),
    "retail": ("A clothing retailer", [
        {"name": "Rosa", "segment": "Weekend shopper who tries everything on in store",
         "demographics": "30-50, shops most weekends, often with friends",
         "motivations": "Enjoys the visit; wants the fit right first time",
         "needs": "Sizes in stock, quick fitting rooms, helpful staff",
         "pain_points": "Queues for fitting rooms; items online but not in store",
         "channels": "Store, email newsletter"},
        {"name": "Tom", "segment": "Occasional buyer who orders a lot online at once",
         "demographics": "35-55, buys twice a year, large baskets",
         "motivations": "Gets it done in one go; dislikes browsing",
         "needs": "Reliable sizing, saved favourites, free easy returns",
         "pain_points": "Sizes that differ between items; slow refunds",
         "channels": "Website, delivery tracking by text"},
        {"name": "Kai", "segment": "Young deal hunter active in the loyalty programme",
         "demographics": "18-28, any gender, shops on impulse",
         "motivations": "Loves a discount and early access to drops",
         "needs": "Personal offers, points that are easy to use",
         "pain_points": "Offers that expire before they notice them",
         "channels": "Mobile app, push notifications, social media"},
    ]),
}


def add_starters(db: sqlite_utils.Database, workshop_id: int, example: str) -> list[int]:
    """Add the three personas of a worked example, for the group to edit into their own."""
    if example not in STARTERS:
        raise ValidationError(f"Unknown worked example: {example}.")
    with store.write(db):
        return [add_persona(db, workshop_id, **values) for values in STARTERS[example][1]]


# ---- the AI prompt pack ---------------------------------------------------------------

PROMPT_QUESTIONS = (
    "Which customer segments can you find in this data?",
    "Which traits or characteristics drive engagement or buying decisions in each segment?",
    "Which goals and challenges do these segments have in common?",
    "Which channels does each segment prefer?",
    "What attitudes, behaviours and motivations does the data suggest?",
    "Which demographic or psychographic details are missing from my personas?",
    "Critique my personas below against the data: what is wrong, missing or too vague?",
)


def prompt_text(organisation: str, personas: list[Persona]) -> str:
    """A ready prompt: context, the analyst's questions, and the personas written out."""
    who = f" for {organisation}" if organisation else ""
    lines = [f"I am building customer personas{who} as part of a customer-experience "
             "strategy. I will share customer data (survey results, interview notes, "
             "transaction or CRM extracts). Please analyse it and answer:", ""]
    lines += [f"{number}. {question}" for number, question in enumerate(PROMPT_QUESTIONS, 1)]
    lines += ["", "Base every answer on the data, say where the data is thin, and do not "
              "invent quotes.", ""]
    if not personas:
        return "\n".join(lines + ["I have no personas yet."])
    lines.append(f"My current personas ({len(personas)}):")
    for number, persona in enumerate(personas, 1):
        lines += ["", f"Persona {number}: {persona.name}"]
        lines += [f"- {LABELS[f]}: {' / '.join(getattr(persona, f).splitlines())}"
                  for f in TEXT_FIELDS[1:] if getattr(persona, f)]
    return "\n".join(lines)


def prompt_pack(db: sqlite_utils.Database, workshop_id: int) -> str:
    return prompt_text(workshops.get(db, workshop_id).organisation,
                       list_personas(db, workshop_id))


# ---- PDF -------------------------------------------------------------------------------

PORTRAIT_MM = 24


def _portrait_heading(report, persona: Persona) -> None:
    """The persona's picture with the name and segment beside it."""
    import io

    if report.y + PORTRAIT_MM + 30 > report.page_break_trigger:
        report.add_page()
    top = report.y + 2
    report.image(io.BytesIO(picture(persona)), x=report.l_margin, y=top, w=PORTRAIT_MM)
    report.set_left_margin(report.l_margin + PORTRAIT_MM + 5)
    report.set_y(top + 3)
    report.subheading(persona.name)
    if persona.segment:
        report.paragraph(persona.segment, italic=True)
    report.set_left_margin(report.l_margin - PORTRAIT_MM - 5)
    report.set_y(max(report.y, top + PORTRAIT_MM + 3))


def pdf_section(report, db: sqlite_utils.Database, workshop_id: int) -> None:
    for persona in list_personas(db, workshop_id):
        _portrait_heading(report, persona)
        rows = persona.filled()
        if rows:
            report.table(["Field", "Notes"], rows, widths=(1, 3))
        else:
            report.paragraph("No details written yet.", muted=True)
