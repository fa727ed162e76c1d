"""Texts from DS, a file or a partner are shown literally on staff pages: a link, an image or
bold in them stays text (escaped Markdown), on a deposit's detail and on a queue case."""

from __future__ import annotations

import sqlalchemy as sa

from cmg_core.db.enums import Role
from cmg_core.db.models import Deposit, DsDossier, Partner
from cmg_core.db.session import session_scope
from tests.pages.staff.conftest import signed_in

HOSTILE = "Crèche [lien](http://x) ![i](http://x) **gras**"
ESCAPED = r"Crèche \[lien\](http://x) !\[i\](http://x) \*\*gras\*\*"


def hostile_texts() -> None:
    with session_scope() as session:
        session.execute(sa.update(Partner).values(name=HOSTILE))
        session.execute(sa.update(DsDossier).values(motivation=HOSTILE))
        session.execute(sa.update(Deposit).values(file_name=HOSTILE + ".xlsx"))


def shown(app) -> list[str]:
    """The Markdown sources of the page's texts, titles and notices."""
    kinds = ("markdown", "subheader", "info", "success", "caption")
    return [element.value for kind in kinds for element in app.get(kind)]


def assert_literal(app) -> None:
    texts = shown(app)
    assert any(ESCAPED in text for text in texts)
    assert not any("[lien](http://x)" in text.replace(r"\[", "") for text in texts)
    assert not any("**gras**" in text for text in texts)


def test_a_deposit_detail_shows_partner_ds_and_file_texts_literally(world, browser):
    hostile_texts()
    app = signed_in(world, Role.AGENT, browser).switch_page("pages/staff/deposits.py").run()

    assert not app.exception
    assert_literal(app)
    assert any(f"Message envoyé à la structure : {ESCAPED}" == i.value for i in app.info)


def test_a_queue_case_shows_the_partner_name_literally(world, browser):
    hostile_texts()
    app = signed_in(world, Role.GCA, browser).switch_page("pages/staff/queue.py").run()

    assert not app.exception
    assert any(f"**Structure :** {ESCAPED}" in text for text in shown(app))
    assert_literal(app)
