"""Server-side staff sessions: one-time tickets, signed cookies, idle timeout, revocation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from cmg_core.db.enums import Role
from cmg_core.db.models import AuditEntry, StaffSession
from cmg_core.staff import accounts, auth, sessions

NOW = datetime(2026, 4, 14, 9, 0, tzinfo=UTC)
SECRET = "a-test-key-of-at-least-thirty-two-characters"


@pytest.fixture(autouse=True)
def secret(monkeypatch):
    monkeypatch.setenv("CMG_SESSION_SECRET", SECRET)


@pytest.fixture
def gca(session):
    user = auth.create_user(session, "claire.gca@caf.fr", Role.GCA, "un-mot-de-passe-solide")
    return auth.signed_in(user)


def cookie_for(session, who, now=NOW) -> str:
    ticket = sessions.open_session(session, who, "password", now)
    return sessions.exchange_ticket(session, ticket, now)


def test_a_ticket_is_exchanged_once_for_a_cookie_naming_the_member(session, gca):
    ticket = sessions.open_session(session, gca, "password", NOW)

    cookie = sessions.exchange_ticket(session, ticket, NOW + timedelta(seconds=5))

    assert sessions.resume(session, cookie, NOW + timedelta(seconds=6)).email == gca.email
    assert sessions.exchange_ticket(session, ticket, NOW + timedelta(seconds=7)) is None


def test_a_ticket_older_than_a_minute_opens_nothing(session, gca):
    ticket = sessions.open_session(session, gca, "password", NOW)

    assert sessions.exchange_ticket(session, ticket, NOW + timedelta(seconds=61)) is None


def test_only_digests_of_the_ticket_and_token_are_stored(session, gca):
    ticket = sessions.open_session(session, gca, "password", NOW)
    stored = session.scalars(sa.select(StaffSession)).one()
    assert ticket not in repr(vars(stored))
    cookie = sessions.exchange_ticket(session, ticket, NOW)

    assert cookie.rpartition(".")[0] not in repr(vars(stored))
    assert stored.ticket_hash is None and len(stored.token_hash) == 64


def test_a_cookie_with_a_wrong_signature_or_another_key_is_refused(session, gca, monkeypatch):
    cookie = cookie_for(session, gca)
    token, _, signature = cookie.rpartition(".")

    assert sessions.resume(session, f"{token}.{'0' * len(signature)}", NOW) is None
    assert sessions.resume(session, token, NOW) is None
    monkeypatch.setenv("CMG_SESSION_SECRET", "another-key-of-at-least-thirty-two-chars")
    assert sessions.resume(session, cookie, NOW) is None


def test_without_a_long_enough_key_no_session_is_opened(session, gca, monkeypatch):
    monkeypatch.setenv("CMG_SESSION_SECRET", "short")

    with pytest.raises(sessions.SessionSecretError, match="CMG_SESSION_SECRET"):
        sessions.open_session(session, gca, "password", NOW)


def test_activity_keeps_the_session_and_30_idle_minutes_end_it(session, gca):
    cookie = cookie_for(session, gca)
    for minutes in (20, 40, 60):  # each check is an action: the session stays alive
        assert isinstance(sessions.resume(session, cookie, NOW + timedelta(minutes=minutes)),
                          auth.SignedIn)  # fmt: skip

    ended = sessions.resume(session, cookie, NOW + timedelta(minutes=90))

    assert ended == sessions.Ended(sessions.EndReason.IDLE)
    assert sessions.resume(session, cookie, NOW + timedelta(minutes=91)) is None
    assert session.scalar(sa.select(AuditEntry.action).order_by(AuditEntry.id.desc())) == (
        "auth.timeout"
    )


def test_sign_out_ends_only_that_session(session, gca):
    first, second = cookie_for(session, gca), cookie_for(session, gca)

    sessions.sign_out(session, sessions.resume(session, first, NOW))

    assert sessions.resume(session, first, NOW) is None
    assert sessions.resume(session, second, NOW).email == gca.email


def test_a_role_change_ends_every_session_of_the_account_at_once(session, gca):
    cookies = [cookie_for(session, gca), cookie_for(session, gca)]

    accounts.change_role(session, gca.user_id, Role.AGENT, by=accounts.SYSTEM)

    assert [sessions.resume(session, c, NOW) for c in cookies] == [None, None]
    entries = session.scalars(sa.select(AuditEntry.action)).all()
    assert entries.count("auth.session_revoked") == 2 and "user.role" in entries


def test_a_deactivated_account_loses_its_sessions(session, gca):
    cookie = cookie_for(session, gca)

    accounts.set_active(session, gca.user_id, False, by=accounts.SYSTEM)

    assert sessions.resume(session, cookie, NOW) is None
