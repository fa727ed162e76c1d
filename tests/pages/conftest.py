"""AppTest helpers: run the portal as a whole and read what its download buttons hand out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT = 60


class Downloads:
    """Every file handed to a download button during the test, by media file id."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[str | None, bytes]] = {}

    def of(self, button) -> tuple[str | None, bytes]:
        """(file name, bytes) that a download button of the last run hands out."""
        file_id = button.proto.url.rsplit("/", 1)[-1].split(".", 1)[0]
        return self.files[file_id]


@pytest.fixture
def downloads(monkeypatch) -> Iterator[Downloads]:
    recorded = Downloads()
    original = MemoryMediaFileStorage.load_and_get_id

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        recorded.files[file_id] = (filename, self._files_by_id[file_id].content)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    yield recorded


def open_page(page: str) -> AppTest:
    """The portal, run through its router, on the given page (`pages/partners/…py`)."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT)
    app.run()
    app.switch_page(page)
    return app.run()


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    app.file_uploader[0].set_value((name, data, mime))
    return app.run()


def texts(app: AppTest) -> str:
    """Every text the run drew (markdown, alerts, captions, titles), joined."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "success",
        "error",
        "info",
        "warning",
    ):
        parts += [str(element.value) for element in getattr(app, kind)]
    return "\n".join(parts)
