"""Per-workshop settings: name/value pairs with a default."""
from __future__ import annotations

import pytest

from cxcore import settings
from cxcore.text import ValidationError
from cxcore.workshops import NotFoundError


def test_a_setting_reads_its_default_until_it_is_set_then_the_latest_value(db, make_workshop):
    wid, other = make_workshop("One"), make_workshop("Two")
    assert settings.get(db, wid, "review_cadence", "quarterly") == "quarterly"
    settings.set_value(db, wid, "review_cadence", "monthly")
    settings.set_value(db, wid, "review_cadence", "yearly")
    assert (settings.get(db, wid, "review_cadence", "quarterly"),
            settings.get(db, other, "review_cadence", "quarterly")) == ("yearly", "quarterly")
    assert db["settings"].count_where("workshop_id = ?", [wid]) == 1


def test_a_setting_needs_a_name_and_an_existing_workshop(db, make_workshop):
    with pytest.raises(ValidationError, match="Setting name cannot be empty."):
        settings.set_value(db, make_workshop(), " ", "x")
    with pytest.raises(NotFoundError):
        settings.set_value(db, 999, "stakeholder_midpoint", "5")
