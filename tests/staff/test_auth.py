"""Sign-in of local staff accounts: hashing, throttling instead of locks, demo accounts, OIDC
mapping, journal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from cmg_core.db.enums import Role
from cmg_core.db.models import AuditEntry, StaffUser
from cmg_core.staff import accounts, auth, passwords
from cmg_core.staff.passwords import WeakPasswordError, verify_password

PASSWORD = "un-mot-de-passe-solide"
NOW = datetime(2026, 4, 14, 9, 0, tzinfo=UTC)
HERE, ELSEWHERE = "192.0.2.10", "198.51.100.7"


def actions(session) -> list[str]:
    return list(session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


@pytest.fixture
def gca(session) -> StaffUser:
    return auth.create_user(session, " Claire.GCA@caf.fr ", Role.GCA, PASSWORD)


def test_an_account_stores_a_lower_case_email_and_an_argon2id_hash_not_the_password(gca):
    assert gca.email == "claire.gca@caf.fr"
    assert gca.password_hash.startswith("$argon2id$")
    assert PASSWORD not in gca.password_hash
    assert verify_password(gca.password_hash, PASSWORD)


def test_a_short_password_is_refused_with_a_french_message(session):
    with pytest.raises(WeakPasswordError, match="au moins 12 caractères"):
        auth.create_user(session, "a@caf.fr", Role.AGENT, "court")


def test_the_right_password_signs_in_with_the_role_and_is_journaled(session, gca):
    result = auth.sign_in(session, "CLAIRE.gca@caf.fr", PASSWORD, HERE, NOW)

    assert result == auth.SignedIn(gca.id, "claire.gca@caf.fr", Role.GCA, "")
    assert not result.must_change_password
    assert gca.last_login_at == NOW
    assert actions(session) == ["auth.sign_in"]


def test_a_wrong_password_and_an_unknown_email_get_the_same_message(session, gca):
    wrong = auth.sign_in(session, gca.email, "pas-le-bon-mot-de-passe", HERE, NOW)
    unknown = auth.sign_in(session, "personne@caf.fr", PASSWORD, HERE, NOW)

    assert wrong.message == unknown.message == "Adresse électronique ou mot de passe incorrect."
    assert actions(session) == ["auth.sign_in_failed", "auth.sign_in_failed"]


def test_a_known_and_an_unknown_email_do_the_same_work(session, gca, monkeypatch):
    calls = []
    real = passwords._HASHER

    class Counting:
        def verify(self, hashed, password):
            calls.append(hashed)
            return real.verify(hashed, password)

    monkeypatch.setattr(passwords, "_HASHER", Counting())

    auth.sign_in(session, gca.email, "pas-le-bon-mot-de-passe", HERE, NOW)
    auth.sign_in(session, "personne@caf.fr", "pas-le-bon-mot-de-passe", HERE, NOW)

    assert len(calls) == 2  # one argon2 verification each, the unknown e-mail's on a dummy hash


def answers(session, email, address, count, start=NOW):
    """The messages of `count` wrong attempts, one second apart."""
    return [
        auth.sign_in(session, email, "mauvais", address, start + timedelta(seconds=i)).message
        for i in range(count)
    ]


def test_six_failures_are_answered_the_same_whether_the_email_exists_or_not(session, gca):
    known = answers(session, gca.email, HERE, 6)
    unknown = answers(session, "personne@caf.fr", ELSEWHERE, 6)

    assert known == unknown
    assert known[:3] == ["Adresse électronique ou mot de passe incorrect."] * 3
    assert known[3:] == [
        f"Trop d'essais infructueux depuis ce poste. Réessayez dans {wait} secondes."
        for wait in (29, 28, 27)
    ]


def test_failures_delay_the_next_attempts_from_that_address_not_from_another(session, gca):
    for i in range(20):
        auth.sign_in(session, gca.email, "mauvais", HERE, NOW + timedelta(seconds=i))
    later = NOW + timedelta(seconds=21)

    refused = auth.sign_in(session, gca.email, PASSWORD, HERE, later)
    accepted = auth.sign_in(session, gca.email, PASSWORD, ELSEWHERE, later)

    assert refused.reason == auth.Refusal.THROTTLED and refused.retry_after > later
    assert isinstance(accepted, auth.SignedIn)


def test_the_delay_ends_and_the_right_password_then_signs_in(session, gca):
    for _ in range(4):
        auth.sign_in(session, gca.email, "mauvais", HERE, NOW)
    assert auth.sign_in(session, gca.email, PASSWORD, HERE, NOW).reason == (auth.Refusal.THROTTLED)

    later = auth.sign_in(session, gca.email, PASSWORD, HERE, NOW + timedelta(seconds=31))

    assert isinstance(later, auth.SignedIn)


def test_a_demo_account_is_refused_outside_demo_mode_like_a_wrong_password(session, monkeypatch):
    monkeypatch.setenv("CMG_DEMO", "1")
    (email, _role, password), *_ = accounts.ensure_demo_accounts(session)
    assert isinstance(auth.sign_in(session, email, password, HERE, NOW), auth.SignedIn)
    monkeypatch.setenv("CMG_DEMO", "0")

    refused = auth.sign_in(session, email, password, ELSEWHERE, NOW)

    assert refused.message == "Adresse électronique ou mot de passe incorrect."
    assert accounts.disable_demo_accounts(session) == 3
    assert not auth.find_user(session, email).active


def test_a_deactivated_account_cannot_sign_in(session, gca):
    gca.active = False

    result = auth.sign_in(session, gca.email, PASSWORD, HERE, NOW)

    assert result.reason == auth.Refusal.INACTIVE


def test_an_oidc_email_maps_to_the_staff_account_and_its_role(session, gca):
    result = auth.sign_in_oidc(session, "Claire.GCA@caf.fr", subject="sub-123", now=NOW)

    assert result.role == Role.GCA
    assert gca.oidc_subject == "sub-123"


def test_an_oidc_email_without_an_account_is_refused(session):
    result = auth.sign_in_oidc(session, "inconnu@caf.fr", now=NOW)

    assert isinstance(result, auth.SignInRefused)
    assert actions(session) == ["auth.sign_in_failed"]


def test_the_journal_never_holds_the_password(session, gca):
    auth.sign_in(session, gca.email, "mauvais-essai-secret", HERE, NOW)
    auth.sign_in(session, gca.email, PASSWORD, HERE, NOW)

    dumped = repr([(e.details, e.actor_email) for e in session.scalars(sa.select(AuditEntry))])
    assert "mauvais-essai-secret" not in dumped and PASSWORD not in dumped
