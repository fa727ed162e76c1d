"""HTTP middleware of the portal, in the order they wrap Streamlit (first = outermost).

To add one, write it here as a small ASGI class with one job and append it to `MIDDLEWARE`;
`asgi.py` passes the list to `st.App`, which runs it before Streamlit's own middleware.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Paths Streamlit serves that are never the HTML page (assets, websocket, media, API).
_NOT_THE_PAGE = ("/_stcore/", "/static/", "/media/", "/component/", "/app/static/")
_ENGLISH_ROOT = b'<html lang="en">'
_FRENCH_ROOT = b'<html lang="fr">'
_DEFAULT_PAGE_ALIASES = {"/modeles": "/"}
_ACCESSIBILITY_SCRIPT = (Path(__file__).parent / "accessibility.js").read_bytes()


class _PageEdit:
    """Edit Streamlit's HTML page on its way out (`edit`); the page is asked for without
    compression so that its text can be edited (it is a few kilobytes)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def edit(self, page: bytes) -> bytes:
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith(_NOT_THE_PAGE):
            await self.app(scope, receive, send)
            return
        scope = dict(scope)
        scope["headers"] = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
        await self.app(scope, receive, _EditedBody(send, self.edit))


class FrenchDocument(_PageEdit):
    """Serve the page as French: `<html lang="fr">` instead of "en" (screen readers choose
    their voice from it, RGAA 8.3)."""

    def edit(self, page: bytes) -> bytes:
        return page.replace(_ENGLISH_ROOT, _FRENCH_ROOT, 1)


class AccessibleMarkup(_PageEdit):
    """Add `web/accessibility.js`, which repairs the bits of Streamlit's own markup that
    axe-core flags as serious (the phone menu's lists, a component's scrolling block)."""

    def edit(self, page: bytes) -> bytes:
        return page.replace(
            b"</head>", b"<script>" + _ACCESSIBILITY_SCRIPT + b"</script></head>", 1
        )


class _EditedBody:
    """The response of one request, its HTML body edited once complete."""

    def __init__(self, send: Send, edit: Callable[[bytes], bytes]) -> None:
        self.send = send
        self.edit = edit
        self.start: Message | None = None
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            content_type = MutableHeaders(raw=message["headers"]).get("content-type", "")
            if content_type.startswith("text/html"):
                self.start = message  # held until the body is complete
            else:
                await self.send(message)
            return
        if message["type"] != "http.response.body" or self.start is None:
            await self.send(message)
            return
        self.chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = self.edit(b"".join(self.chunks))
        headers = MutableHeaders(raw=list(self.start["headers"]))
        headers["content-length"] = str(len(body))
        await self.send({**self.start, "headers": headers.raw})
        await self.send({"type": "http.response.body", "body": body})


class DefaultPageAddress:
    """Send `/modeles` to `/`: Streamlit serves its default page at the root only, and answered
    « Page not found » to the page's own name (a bookmark, a link in a guide)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = _DEFAULT_PAGE_ALIASES.get(scope["path"].rstrip("/"))
        if scope["type"] != "http" or target is None:
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        response = RedirectResponse(target + (f"?{query}" if query else ""), status_code=308)
        await response(scope, receive, send)


MIDDLEWARE: list[Middleware] = [
    Middleware(DefaultPageAddress),
    Middleware(FrenchDocument),
    Middleware(AccessibleMarkup),
]
