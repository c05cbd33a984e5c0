"""The schema as numbered migrations, applied in order on every database.

Every artefact table follows the conventions in ``cxcore.db``: ``id``, ``workshop_id`` with
ON DELETE CASCADE, nullable references between artefacts (a backup import fills them in after
every row exists), TEXT/INTEGER/REAL columns with defaults. Once a migration has shipped it is
never edited: change the schema with a new migration at the end.
"""
from __future__ import annotations

import sqlite_utils

from .db import migrations

_OWNED = "workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE"


def _table(db: sqlite_utils.Database, name: str, columns: str) -> None:
    db.execute(f"CREATE TABLE {name} (\n id INTEGER PRIMARY KEY,\n {_OWNED},\n{columns}\n)")
    db.execute(f"CREATE INDEX {name}_workshop ON {name}(workshop_id)")


@migrations(name="0001_workshops")
def m0001_workshops(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE workshops (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            organisation TEXT NOT NULL DEFAULT '',
            facilitator TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'trashed')),
            trashed_at TEXT
        )""")


@migrations(name="0002_settings")
def m0002_settings(db: sqlite_utils.Database) -> None:
    """Per-workshop settings (stakeholder midpoint, review cadence, ...) as name/value pairs."""
    _table(db, "settings", """
        name TEXT NOT NULL,
        value TEXT NOT NULL DEFAULT '',
        UNIQUE (workshop_id, name)""")


@migrations(name="0003_statements")
def m0003_statements(db: sqlite_utils.Database) -> None:
    """Vision, mission and success strategy statements: drafts, one final per kind."""
    _table(db, "statements", """
        kind TEXT NOT NULL CHECK (kind IN ('vision', 'mission', 'success')),
        text TEXT NOT NULL DEFAULT '',
        prompt_experience TEXT NOT NULL DEFAULT '',
        prompt_promise TEXT NOT NULL DEFAULT '',
        prompt_business TEXT NOT NULL DEFAULT '',
        final INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1)),
        created TEXT NOT NULL DEFAULT ''""")


@migrations(name="0004_goals")
def m0004_goals(db: sqlite_utils.Database) -> None:
    """SMIRC goals. Measurable is computed; the other four checks are ticked by the group."""
    _table(db, "goals", """
        statement TEXT NOT NULL DEFAULT '',
        metric TEXT NOT NULL DEFAULT '',
        custom_metric TEXT NOT NULL DEFAULT '',
        metric_kind TEXT NOT NULL DEFAULT 'feedback' CHECK (metric_kind IN ('feedback', 'operational')),
        unit TEXT NOT NULL DEFAULT '',
        baseline REAL,
        target REAL,
        deadline TEXT,
        because TEXT NOT NULL DEFAULT '',
        social INTEGER NOT NULL DEFAULT 0 CHECK (social IN (0, 1)),
        inspiring INTEGER NOT NULL DEFAULT 0 CHECK (inspiring IN (0, 1)),
        relevant INTEGER NOT NULL DEFAULT 0 CHECK (relevant IN (0, 1)),
        contextual INTEGER NOT NULL DEFAULT 0 CHECK (contextual IN (0, 1)),
        position INTEGER NOT NULL DEFAULT 0""")


@migrations(name="0005_personas")
def m0005_personas(db: sqlite_utils.Database) -> None:
    """Personas; ``image`` is a re-encoded thumbnail as a data URL (empty: initials avatar)."""
    _table(db, "personas", """
        name TEXT NOT NULL DEFAULT '',
        segment TEXT NOT NULL DEFAULT '',
        demographics TEXT NOT NULL DEFAULT '',
        motivations TEXT NOT NULL DEFAULT '',
        needs TEXT NOT NULL DEFAULT '',
        pain_points TEXT NOT NULL DEFAULT '',
        quotes TEXT NOT NULL DEFAULT '',
        channels TEXT NOT NULL DEFAULT '',
        image TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0""")
    _table(db, "empathy_notes", """
        persona_id INTEGER REFERENCES personas(id) ON DELETE CASCADE,
        quadrant TEXT NOT NULL CHECK (quadrant IN ('think', 'feel', 'say', 'do')),
        text TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0""")


@migrations(name="0006_stakeholders")
def m0006_stakeholders(db: sqlite_utils.Database) -> None:
    _table(db, "stakeholders", """
        name TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        support INTEGER NOT NULL DEFAULT 5 CHECK (support BETWEEN 0 AND 10),
        influence INTEGER NOT NULL DEFAULT 5 CHECK (influence BETWEEN 0 AND 10),
        notes TEXT NOT NULL DEFAULT ''""")


@migrations(name="0007_challenges")
def m0007_challenges(db: sqlite_utils.Database) -> None:
    """Focusing challenge drafts; at most one is the chosen one."""
    _table(db, "challenges", """
        who TEXT NOT NULL DEFAULT '',
        what TEXT NOT NULL DEFAULT '',
        why TEXT NOT NULL DEFAULT '',
        chosen INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1))""")


@migrations(name="0008_journeys")
def m0008_journeys(db: sqlite_utils.Database) -> None:
    """Journey maps: stages (the 5 A's by default) and short entries in lanes per stage."""
    _table(db, "journeys", """
        persona_id INTEGER REFERENCES personas(id) ON DELETE SET NULL,
        title TEXT NOT NULL DEFAULT ''""")
    _table(db, "journey_stages", """
        journey_id INTEGER REFERENCES journeys(id) ON DELETE CASCADE,
        name TEXT NOT NULL DEFAULT '',
        question TEXT NOT NULL DEFAULT '',
        emotion INTEGER CHECK (emotion BETWEEN -2 AND 2),
        position INTEGER NOT NULL DEFAULT 0""")
    _table(db, "journey_entries", """
        stage_id INTEGER REFERENCES journey_stages(id) ON DELETE CASCADE,
        lane TEXT NOT NULL CHECK (lane IN ('actions', 'needs', 'thoughts', 'touchpoints',
            'systems', 'processes', 'pain_points', 'opportunities')),
        text TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0""")


@migrations(name="0009_touchpoints")
def m0009_touchpoints(db: sqlite_utils.Database) -> None:
    _table(db, "touchpoints", """
        channel TEXT NOT NULL DEFAULT 'website',
        custom_channel TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT '',
        stage_id INTEGER REFERENCES journey_stages(id) ON DELETE SET NULL,
        consistency INTEGER NOT NULL DEFAULT 3 CHECK (consistency BETWEEN 1 AND 5),
        meets_needs INTEGER NOT NULL DEFAULT 3 CHECK (meets_needs BETWEEN 1 AND 5),
        importance INTEGER NOT NULL DEFAULT 3 CHECK (importance BETWEEN 1 AND 5),
        notes TEXT NOT NULL DEFAULT ''""")


@migrations(name="0010_whys")
def m0010_whys(db: sqlite_utils.Database) -> None:
    """5 Whys: an analysis per problem; answers form a tree (parent NULL answers the problem)."""
    _table(db, "why_analyses", """
        problem TEXT NOT NULL DEFAULT '',
        source_entry_id INTEGER REFERENCES journey_entries(id) ON DELETE SET NULL,
        created TEXT NOT NULL DEFAULT ''""")
    _table(db, "why_answers", """
        analysis_id INTEGER REFERENCES why_analyses(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES why_answers(id) ON DELETE CASCADE,
        text TEXT NOT NULL DEFAULT '',
        evidence_source TEXT NOT NULL DEFAULT '',
        evidence_figure TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'unverified'
            CHECK (status IN ('unverified', 'proven', 'disproven')),
        position INTEGER NOT NULL DEFAULT 0""")


@migrations(name="0011_brainstorms")
def m0011_brainstorms(db: sqlite_utils.Database) -> None:
    """Brainstorms with their ideas, dot votes and weighted scores."""
    _table(db, "brainstorms", """
        prompt TEXT NOT NULL DEFAULT '',
        technique TEXT NOT NULL DEFAULT 'classic'
            CHECK (technique IN ('classic', 'what_if', 'wrong_way', 'risky')),
        phase TEXT NOT NULL DEFAULT 'diverge' CHECK (phase IN ('diverge', 'converge')),
        source_why_id INTEGER REFERENCES why_answers(id) ON DELETE SET NULL,
        source_entry_id INTEGER REFERENCES journey_entries(id) ON DELETE SET NULL,
        source_challenge_id INTEGER REFERENCES challenges(id) ON DELETE SET NULL,
        dots_per_voter INTEGER NOT NULL DEFAULT 3 CHECK (dots_per_voter BETWEEN 1 AND 20),
        weight_customer REAL NOT NULL DEFAULT 1,
        weight_business REAL NOT NULL DEFAULT 1,
        weight_feasibility REAL NOT NULL DEFAULT 1,
        created TEXT NOT NULL DEFAULT ''""")
    _table(db, "provocations", """
        brainstorm_id INTEGER REFERENCES brainstorms(id) ON DELETE CASCADE,
        text TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0""")
    _table(db, "ideas", """
        brainstorm_id INTEGER REFERENCES brainstorms(id) ON DELETE CASCADE,
        provocation_id INTEGER REFERENCES provocations(id) ON DELETE SET NULL,
        text TEXT NOT NULL DEFAULT '',
        flipped TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        theme TEXT NOT NULL DEFAULT '',
        merged_into_id INTEGER REFERENCES ideas(id) ON DELETE SET NULL,
        position INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL DEFAULT ''""")
    _table(db, "votes", """
        idea_id INTEGER REFERENCES ideas(id) ON DELETE CASCADE,
        voter TEXT NOT NULL DEFAULT '',
        dots INTEGER NOT NULL DEFAULT 1 CHECK (dots >= 1)""")
    _table(db, "scores", """
        idea_id INTEGER UNIQUE REFERENCES ideas(id) ON DELETE CASCADE,
        customer_value INTEGER CHECK (customer_value BETWEEN 1 AND 5),
        business_value INTEGER CHECK (business_value BETWEEN 1 AND 5),
        feasibility INTEGER CHECK (feasibility BETWEEN 1 AND 5)""")


@migrations(name="0012_cards")
def m0012_cards(db: sqlite_utils.Database) -> None:
    """'We believe' experience design cards; a card is a draft until all four parts are filled."""
    _table(db, "cards", """
        idea_id INTEGER REFERENCES ideas(id) ON DELETE SET NULL,
        new_experience TEXT NOT NULL DEFAULT '',
        solves TEXT NOT NULL DEFAULT '',
        enabled_by TEXT NOT NULL DEFAULT '',
        resulting_in TEXT NOT NULL DEFAULT '',
        customer_value INTEGER CHECK (customer_value BETWEEN 1 AND 5),
        business_value INTEGER CHECK (business_value BETWEEN 1 AND 5),
        status TEXT NOT NULL DEFAULT 'exploring'
            CHECK (status IN ('exploring', 'validated', 'business_case', 'retired')),
        retired_reason TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL DEFAULT ''""")


@migrations(name="0013_actions")
def m0013_actions(db: sqlite_utils.Database) -> None:
    """Implementation plan actions, each serving a card and/or a goal."""
    _table(db, "actions", """
        title TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        due TEXT,
        status TEXT NOT NULL DEFAULT 'planned'
            CHECK (status IN ('planned', 'in_progress', 'done', 'blocked')),
        card_id INTEGER REFERENCES cards(id) ON DELETE SET NULL,
        goal_id INTEGER REFERENCES goals(id) ON DELETE SET NULL,
        position INTEGER NOT NULL DEFAULT 0""")


@migrations(name="0014_measurement")
def m0014_measurement(db: sqlite_utils.Database) -> None:
    """Readings of each goal's metric over time, and the review log."""
    _table(db, "readings", """
        goal_id INTEGER REFERENCES goals(id) ON DELETE CASCADE,
        taken TEXT NOT NULL,
        value REAL NOT NULL,
        UNIQUE (goal_id, taken)""")
    _table(db, "reviews", """
        held TEXT NOT NULL,
        works TEXT NOT NULL DEFAULT '',
        not_working TEXT NOT NULL DEFAULT '',
        decision TEXT NOT NULL DEFAULT 'stay' CHECK (decision IN ('stay', 'shift')),
        notes TEXT NOT NULL DEFAULT ''""")


@migrations(name="0015_live_room")
def m0015_live_room(db: sqlite_utils.Database) -> None:
    """The live room: participants on their phones, and what they add before it is revealed.

    These tables are shared state between sessions, never artefacts: they are left out of
    backups, copies and exports (``db.LIVE_TABLES``). What the room adds is published into the
    ordinary artefact tables (ideas, votes, empathy notes, journey entries, card ratings).
    """
    db.execute("ALTER TABLE empathy_notes ADD COLUMN author TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE journey_entries ADD COLUMN author TEXT NOT NULL DEFAULT ''")
    _table(db, "card_ratings", """
        card_id INTEGER REFERENCES cards(id) ON DELETE CASCADE,
        rater TEXT NOT NULL DEFAULT '',
        customer_value INTEGER CHECK (customer_value BETWEEN 1 AND 5),
        business_value INTEGER CHECK (business_value BETWEEN 1 AND 5),
        created TEXT NOT NULL DEFAULT ''""")
    db.execute("""
        CREATE TABLE live_timers (
            workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            duration REAL NOT NULL DEFAULT 300,
            ends_at REAL,
            remaining_when_paused REAL
        )""")
    db.execute("""
        CREATE TABLE rooms (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            code TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ended')),
            activity_id INTEGER REFERENCES room_activities(id) ON DELETE SET NULL,
            version INTEGER NOT NULL DEFAULT 1,
            created REAL NOT NULL,
            last_active REAL NOT NULL,
            ended REAL
        )""")
    db.execute("CREATE INDEX rooms_workshop ON rooms(workshop_id)")
    db.execute("""
        CREATE TABLE room_activities (
            id INTEGER PRIMARY KEY,
            room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('ideas', 'empathy', 'journey', 'ratings')),
            brainstorm_id INTEGER REFERENCES brainstorms(id) ON DELETE CASCADE,
            persona_id INTEGER REFERENCES personas(id) ON DELETE CASCADE,
            stage_id INTEGER REFERENCES journey_stages(id) ON DELETE CASCADE,
            lane TEXT,
            state TEXT NOT NULL DEFAULT 'collecting'
                CHECK (state IN ('collecting', 'revealed', 'voting', 'closed')),
            hidden INTEGER NOT NULL DEFAULT 1 CHECK (hidden IN (0, 1)),
            anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
            dot_budget INTEGER NOT NULL DEFAULT 3 CHECK (dot_budget BETWEEN 1 AND 20),
            dot_cap INTEGER NOT NULL DEFAULT 2 CHECK (dot_cap BETWEEN 1 AND 20),
            started REAL NOT NULL
        )""")
    db.execute("""
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
            token TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL DEFAULT '',
            joined REAL NOT NULL,
            last_seen REAL NOT NULL,
            window_start REAL NOT NULL DEFAULT 0,
            window_count INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("CREATE INDEX participants_room ON participants(room_id)")
    db.execute("""
        CREATE TABLE room_items (
            id INTEGER PRIMARY KEY,
            activity_id INTEGER NOT NULL REFERENCES room_activities(id) ON DELETE CASCADE,
            participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            quadrant TEXT NOT NULL DEFAULT '',
            provocation_id INTEGER REFERENCES provocations(id) ON DELETE SET NULL,
            author TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'hidden', 'published')),
            published_id INTEGER,
            created REAL NOT NULL
        )""")
    db.execute("CREATE INDEX room_items_activity ON room_items(activity_id)")
    db.execute("""
        CREATE TABLE room_votes (
            id INTEGER PRIMARY KEY,
            activity_id INTEGER NOT NULL REFERENCES room_activities(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            idea_id INTEGER NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
            dots INTEGER NOT NULL CHECK (dots >= 1),
            UNIQUE (activity_id, participant_id, idea_id)
        )""")
    db.execute("""
        CREATE TABLE room_ratings (
            id INTEGER PRIMARY KEY,
            activity_id INTEGER NOT NULL REFERENCES room_activities(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
            customer_value INTEGER CHECK (customer_value BETWEEN 1 AND 5),
            business_value INTEGER CHECK (business_value BETWEEN 1 AND 5),
            UNIQUE (activity_id, participant_id, card_id)
        )""")
    db.execute("""
        CREATE TABLE room_ready (
            activity_id INTEGER NOT NULL REFERENCES room_activities(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            PRIMARY KEY (activity_id, participant_id)
        )""")
    db.execute("""
        CREATE TABLE app_secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE access_failures (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('code', 'passphrase')),
            at REAL NOT NULL
        )""")


@migrations(name="0016_readings_unique")
def m0016_readings_unique(db: sqlite_utils.Database) -> None:
    """One reading per goal and date in every database.

    0014 first shipped without ``UNIQUE (goal_id, taken)`` (it was added to that migration
    later), so databases made then may hold two readings of a goal on one date and lack the
    constraint. Readings get a ``note``; of readings that share a goal and a date the later
    entry (highest id) is kept and the others' values are written into its note
    (``measurement.merge_same_date``: "Also recorded for this date: 41 ..."), shown beside the
    reading on the measurement page and kept in the JSON backup. Then a unique index makes the
    rule hold where the table has no such constraint yet; a database that has it is left so.
    """
    from .measurement import merge_same_date

    db.execute("ALTER TABLE readings ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    shared = [dict(row) for row in db.query("""
        SELECT id, goal_id, taken, value, note FROM readings
        WHERE (goal_id, taken) IN (SELECT goal_id, taken FROM readings
                                   GROUP BY goal_id, taken HAVING COUNT(*) > 1)""")]
    kept = merge_same_date(shared)
    for row in kept:
        db.execute("UPDATE readings SET note = ? WHERE id = ?", [row["note"], row["id"]])
    dropped = {row["id"] for row in shared} - {row["id"] for row in kept}
    db.execute(f"DELETE FROM readings WHERE id IN ({', '.join('?' * len(dropped))})",
               sorted(dropped))
    unique = [[column[2] for column in db.execute(f"PRAGMA index_info([{index[1]}])")]
              for index in db.execute("PRAGMA index_list(readings)") if index[2]]
    if ["goal_id", "taken"] not in unique:
        db.execute("CREATE UNIQUE INDEX IF NOT EXISTS readings_goal_taken "
                   "ON readings(goal_id, taken)")


@migrations(name="0017_recycle")
def m0017_recycle(db: sqlite_utils.Database) -> None:
    """Recently deleted artefacts, restorable for a while (``cxcore.recycle``).

    Not an artefact table: left out of backups, copies and exports (``db.NOT_ARTEFACTS``).
    AUTOINCREMENT, so a pruned entry's number (the Undo token) is never handed out again.
    """
    db.execute("""
        CREATE TABLE recycle (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            created TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            snapshot TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX recycle_workshop ON recycle(workshop_id, created)")
