"""Sign-in of local staff accounts: hashing, lockout, OIDC mapping, journal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from cmg_core.db.enums import Role
from cmg_core.db.models import AuditEntry, StaffUser
from cmg_core.staff import auth
from cmg_core.staff.passwords import WeakPasswordError, verify_password

PASSWORD = "un-mot-de-passe-solide"
NOW = datetime(2026, 4, 14, 9, 0, tzinfo=UTC)


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
    result = auth.sign_in(session, "CLAIRE.gca@caf.fr", PASSWORD, NOW)

    assert result == auth.SignedIn(gca.id, "claire.gca@caf.fr", Role.GCA, "")
    assert gca.last_login_at == NOW
    assert actions(session) == ["auth.sign_in"]


def test_a_wrong_password_and_an_unknown_email_get_the_same_message(session, gca):
    wrong = auth.sign_in(session, gca.email, "pas-le-bon-mot-de-passe", NOW)
    unknown = auth.sign_in(session, "personne@caf.fr", PASSWORD, NOW)

    assert wrong.message == unknown.message == "Adresse électronique ou mot de passe incorrect."
    assert actions(session) == ["auth.sign_in_failed", "auth.sign_in_failed"]


def test_five_failures_lock_the_account_for_15_minutes_even_for_the_right_password(session, gca):
    for _ in range(4):
        assert (
            auth.sign_in(session, gca.email, "mauvais", NOW).reason
            == auth.Refusal.WRONG_CREDENTIALS
        )
    fifth = auth.sign_in(session, gca.email, "mauvais", NOW)

    assert fifth.reason == auth.Refusal.LOCKED
    assert fifth.locked_until == NOW + timedelta(minutes=15)
    assert "Compte verrouillé pendant 15 minutes après 5 essais infructueux" in fifth.message
    still = auth.sign_in(session, gca.email, PASSWORD, NOW + timedelta(minutes=14))
    assert still.reason == auth.Refusal.LOCKED
    assert "auth.locked" in actions(session)


def test_the_lock_ends_after_15_minutes_and_a_success_resets_the_failures(session, gca):
    for _ in range(5):
        auth.sign_in(session, gca.email, "mauvais", NOW)

    later = auth.sign_in(session, gca.email, PASSWORD, NOW + timedelta(minutes=15, seconds=1))

    assert isinstance(later, auth.SignedIn)
    assert gca.failed_attempts == 0 and gca.locked_until is None


def test_a_deactivated_account_cannot_sign_in(session, gca):
    gca.active = False

    result = auth.sign_in(session, gca.email, PASSWORD, NOW)

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
    auth.sign_in(session, gca.email, "mauvais-essai-secret", NOW)
    auth.sign_in(session, gca.email, PASSWORD, NOW)

    dumped = repr([(e.details, e.actor_email) for e in session.scalars(sa.select(AuditEntry))])
    assert "mauvais-essai-secret" not in dumped and PASSWORD not in dumped
