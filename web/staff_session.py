"""The HTTP routes of the staff session, which a page script cannot do (it cannot set a cookie):
`OPEN_PATH` exchanges a one-time sign-in ticket for the session cookie and redirects to the
page asked for; `CLOSE_PATH` clears the cookie (the page has already ended the session).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from cmg_core.db.session import session_scope
from cmg_core.staff import sessions

OPEN_PATH = "/staff-session/open"
CLOSE_PATH = "/staff-session/close"
SIGN_IN_PATH = "/connexion"
DEFAULT_NEXT = "/caf"
_PAGE_PATH = re.compile(r"/[a-z0-9-]{0,60}")  # a page of the portal, nothing else

log = logging.getLogger(__name__)


def safe_next(path: str | None) -> str:
    """The page to land on after sign-in: one of the portal's own paths, never another site."""
    return path if path and _PAGE_PATH.fullmatch(path) else DEFAULT_NEXT


def open_url(ticket: str, next_path: str) -> str:
    """Where the sign-in page sends the browser once the password (or OIDC) is checked."""
    return f"{OPEN_PATH}?{urlencode({'ticket': ticket, 'next': safe_next(next_path)})}"


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def open_session(request: Request) -> Response:
    """Ticket → cookie (HttpOnly, SameSite=Strict), then the page asked for; a spent or
    expired ticket leads back to the sign-in page."""
    ticket = request.query_params.get("ticket", "")
    try:
        with session_scope() as session:
            cookie = sessions.exchange_ticket(session, ticket) if ticket else None
    except sessions.SessionSecretError:
        log.error("staff sign-in refused: CMG_SESSION_SECRET is not set")
        cookie = None
    if cookie is None:
        return _no_store(RedirectResponse(SIGN_IN_PATH, status_code=303))
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.set_cookie(
        sessions.COOKIE_NAME,
        cookie,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return _no_store(response)


def close_session(request: Request) -> Response:
    response = RedirectResponse(SIGN_IN_PATH, status_code=303)
    response.delete_cookie(
        sessions.COOKIE_NAME,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return _no_store(response)


ROUTES = [
    Route(OPEN_PATH, open_session, methods=["GET"]),
    Route(CLOSE_PATH, close_session, methods=["GET"]),
]
