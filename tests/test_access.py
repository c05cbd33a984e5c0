"""Who may open the facilitator's console: loopback, or the passphrase (rate limited)."""
from __future__ import annotations

import pytest

from cxcore import access
from cxcore import db as store
from cxcore.text import ValidationError


@pytest.mark.parametrize("address, local", [
    ("127.0.0.1", True), ("::1", True), ("127.0.0.2", True), ("fe80::1%eth0", False),
    ("192.168.1.20", False), ("10.0.0.5", False), (None, False), ("", False),
    ("not an address", False), ("999.1.1.1", False)])
def test_only_loopback_addresses_are_local(address, local, monkeypatch):
    monkeypatch.delenv("CX_TREAT_LOCAL_AS_REMOTE", raising=False)
    assert access.is_local(address) is local


@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_treat_local_as_remote_makes_loopback_remote(address, monkeypatch):
    monkeypatch.setenv("CX_TREAT_LOCAL_AS_REMOTE", "1")
    assert access.is_local(address) is False


def test_the_passphrase_comes_from_the_environment_when_set(db, monkeypatch):
    monkeypatch.setenv("CX_FACILITATOR_PASSWORD", "harbour-lights")
    assert access.passphrase(db) == "harbour-lights"
    assert access.passphrase_is_configured()


def test_a_generated_passphrase_is_made_once_and_survives_a_new_connection(db, db_path,
                                                                           monkeypatch):
    monkeypatch.delenv("CX_FACILITATOR_PASSWORD", raising=False)
    made = access.passphrase(db)
    assert len(made) == 14 and made.count("-") == 2
    assert access.passphrase(db) == made
    other = store.connect(db_path)
    assert access.passphrase(other) == made
    other.close()


def test_the_right_passphrase_is_accepted_and_a_wrong_one_refused(db, monkeypatch):
    monkeypatch.setenv("CX_FACILITATOR_PASSWORD", "harbour-lights")
    access.check_passphrase(db, " HARBOUR-LIGHTS ")
    for wrong in ("harbour", "", None, 42):
        with pytest.raises(ValidationError, match="^That is not the facilitator passphrase.$"):
            access.check_passphrase(db, wrong)


def test_after_ten_wrong_passphrases_in_a_minute_even_the_right_one_is_refused(db, monkeypatch):
    monkeypatch.setenv("CX_FACILITATOR_PASSWORD", "harbour-lights")
    for _ in range(access.FAILURES_PER_MINUTE):
        with pytest.raises(ValidationError, match="^That is not the facilitator passphrase.$"):
            access.check_passphrase(db, "guess")
    with pytest.raises(ValidationError, match="^Too many wrong passphrases just now"):
        access.check_passphrase(db, "harbour-lights")
    later = access.time.time() + 61
    monkeypatch.setattr(access.time, "time", lambda: later)
    access.check_passphrase(db, "harbour-lights")


def test_a_facilitator_ticket_is_valid_for_twelve_hours_and_survives_a_new_connection(
        db, db_path, monkeypatch):
    monkeypatch.setenv("CX_FACILITATOR_PASSWORD", "orange-harbour")
    ticket = access.facilitator_ticket(db, now=1_000_000)
    assert access.ticket_is_valid(store.connect(db_path), ticket, now=1_000_000 + 11 * 3600)
    assert not access.ticket_is_valid(db, ticket, now=1_000_000 + 12 * 3600 + 1)


@pytest.mark.parametrize("forged", [
    "", "abc", "2000000000.", "2000000000.deadbeef", "x.y", "1.2.3", None, 42,
    "9" * 40 + ".00",
])
def test_a_forged_or_malformed_ticket_is_refused(db, forged):
    assert not access.ticket_is_valid(db, forged, now=1_000_000)


def test_a_ticket_with_a_later_expiry_written_in_is_refused(db):
    expires, signature = access.facilitator_ticket(db, now=1_000_000).split(".")
    assert not access.ticket_is_valid(db, f"{int(expires) + 3600}.{signature}", now=1_000_000)


def test_changing_the_passphrase_signs_every_device_out(db, monkeypatch):
    monkeypatch.setenv("CX_FACILITATOR_PASSWORD", "orange-harbour")
    ticket = access.facilitator_ticket(db, now=1_000_000)
    monkeypatch.setenv("CX_FACILITATOR_PASSWORD", "blue-lighthouse")
    assert not access.ticket_is_valid(db, ticket, now=1_000_000)
