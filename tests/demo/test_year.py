"""The demo's year: the plan (eleven months filed, a few partners late or missing, a few files
corrected), its replay through the sandbox and the back office at the planned dates, and the
open month the campaign then calls."""

from __future__ import annotations

from collections import Counter
from datetime import date

import sqlalchemy as sa

from cmg_core.db.enums import QueueStatus
from cmg_core.db.models import Bilan, Deposit, Partner, QueueItem
from cmg_core.db.session import session_scope
from cmg_core.demo import history, year
from cmg_core.partners import deadline
from cmg_core.values import Month

OPEN = Month(2026, 10)
SIRETS = [f"{n:014d}" for n in range(20)]


def test_the_plan_fills_eleven_months_with_a_few_late_or_missing_partners():
    files = year.plan(SIRETS, OPEN)
    months = year.history_months(OPEN)
    assert months[0] == Month(2025, 11) and months[-1] == Month(2026, 9) and len(months) == 11
    per_month = Counter(f.month for f in files)
    assert set(per_month) == set(months)
    missing = 20 * 11 - len(files)
    assert 1 <= missing <= 3  # a few partner × month never filed
    late = [f for f in files if f.at.date() > deadline.deadline(f.month)]
    assert 5 <= len(late) <= 40 and len({f.siret for f in late}) >= 3
    assert all(f.at.date() > f.month.last_day for f in files)  # only elapsed months
    corrected = [f for f in files if f.corrected_at]
    assert corrected and all(f.corrected_at.day > 10 for f in corrected)  # after the 1st pass
    assert files == sorted(files, key=lambda f: f.at) and files == year.plan(SIRETS, OPEN)


def test_the_replay_leaves_deposits_bilans_and_cases_at_their_dates(tmp_path, monkeypatch):
    from cmg_core.db import migrate
    from cmg_core.db.session import dispose_all
    from cmg_core.referential.seed import seed_referential

    url = f"sqlite:///{tmp_path / 'cmg.db'}"
    migrate.upgrade(url)
    with session_scope(url) as session:
        seed_referential(session, families=120, reference=Month(2026, 11))
    done = history.replay(OPEN, url=url, sandbox_db=str(tmp_path / "sandbox.db"),
                          storage_dir=str(tmp_path / "storage"), months=2)  # fmt: skip
    assert done.passes == 4 and done.files >= 37 and done.corrections >= 1
    with session_scope(url) as session:
        deposits = session.scalars(sa.select(Deposit).where(Deposit.is_current.is_(True))).all()
        assert {d.month for d in deposits} == {Month(2026, 8), Month(2026, 9)}
        for d in deposits:  # deposited on DS in the month after, at the planned time
            assert d.deposited_at.date() > d.month.last_day
        sirets = list(session.scalars(sa.select(Partner.siret).order_by(Partner.id)))
        planned = {f.siret for f in year.plan(sirets, OPEN, 2) if f.month == Month(2026, 9)}
        filed = deadline.filed_partner_ids(session, Month(2026, 9))
        assert len(filed) == len(planned)  # late files and corrections included
        bilan_days = {b.created_at.date() for b in session.scalars(sa.select(Bilan))}
        assert bilan_days <= {date(2026, 9, 10), date(2026, 9, 26), date(2026, 10, 10),
                              date(2026, 10, 26)}  # fmt: skip
        cases = session.scalars(sa.select(QueueItem)).all()
        assert cases and {c.created_at.date() for c in cases} <= bilan_days
        # on 26 October the GCAs had closed August's cases but a few; September's wait
        august = Counter(c.status for c in cases if c.month == Month(2026, 8))
        assert august[QueueStatus.RESOLVED] > 5 * august[QueueStatus.OPEN]
        assert all(c.status is QueueStatus.OPEN for c in cases if c.month == Month(2026, 9))
        partners = session.scalar(sa.select(sa.func.count()).select_from(Partner))
        assert partners == 20
    dispose_all()
