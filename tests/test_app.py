"""The portal router (app.py): public partner section, default page."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "app.py"


def test_the_portal_opens_on_the_blank_templates_page_without_error() -> None:
    app = AppTest.from_file(str(APP), default_timeout=60).run()

    assert not app.exception
    assert app.title[0].value == "Modèles vierges"


def test_the_partner_section_holds_the_three_partner_pages() -> None:
    app = AppTest.from_file(str(APP), default_timeout=60).run()

    for page in ("precheck", "correction", "blank_templates"):
        app.switch_page(f"pages/partners/{page}.py").run()
        assert not app.exception, page
    assert app.title[0].value == "Modèles vierges"


def test_partner_pages_carry_the_footer_saying_files_are_not_kept() -> None:
    app = AppTest.from_file(str(APP), default_timeout=60).run()

    assert any("ni enregistrés ni transmis" in c.value for c in app.caption)


def test_the_staff_sign_in_page_does_not_promise_that_nothing_is_kept() -> None:
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.switch_page("pages/staff/signin.py").run()

    assert not app.exception
    assert not any("ni enregistrés ni transmis" in c.value for c in app.caption)
