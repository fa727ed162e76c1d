"""The sandbox's HTTP server (stdlib `ThreadingHTTPServer`): DS's GraphQL endpoint, the
signed file URLs, the direct-upload PUT target and a small admin endpoint for faults.

    POST /api/v2/graphql        Bearer token; 403 missing/unknown token, 401 expired token
    GET  /files/<signed>        403 once expired (TTL) or revoked, like S3 presigned URLs
    PUT  /uploads/<signed>      Content-MD5 and body must match the declared checksum
    POST /__sandbox/faults      {"rate_limit": {...}, "fail": {...}, "slow": {...},
                                 "expire_file_urls": true, "reset": true}
"""

from __future__ import annotations

import json
import logging
import threading
import time
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from graphql import GraphQLSchema, build_schema, graphql_sync

from cmg_core.ds.sandbox import instruction, signing
from cmg_core.ds.sandbox.faults import Faults
from cmg_core.ds.sandbox.resolvers import Root
from cmg_core.ds.sandbox.store import SandboxStore
from cmg_core.ds.sandbox.views import Context

log = logging.getLogger(__name__)
SCHEMA_FILE = Path(__file__).resolve().parent / "schema.graphql"
REVOKED_KEY = "files_revoked_before"


@cache
def schema() -> GraphQLSchema:
    return build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer) -> None:
        super().__init__(address, _Handler)
        self.sandbox = sandbox


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are written apart: with Nagle's algorithm on, the body waits for the
    # client's delayed ACK (~40 ms per answer). TCP_NODELAY sends it at once.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet, and no tokens
        log.debug("sandbox %s %s", self.command, self.path.split("/")[1] if self.path else "")

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (e.g. its timeout)

    def _json(self, status: int, payload: object) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json; charset=utf-8")

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_POST(self) -> None:
        body = self._body()
        if self.path == "/api/v2/graphql":
            self.server.sandbox.handle_graphql(self, body)
        elif self.path == "/__sandbox/faults":
            self.server.sandbox.handle_admin(self, body)
        else:
            self._json(404, {"error": "not found"})

    def do_GET(self) -> None:
        if self.path.startswith("/files/"):
            self.server.sandbox.handle_file(self, self.path.removeprefix("/files/"))
        else:
            self._json(404, {"error": "not found"})

    def do_PUT(self) -> None:
        body = self._body()
        if self.path.startswith("/uploads/"):
            self.server.sandbox.handle_upload(self, self.path.removeprefix("/uploads/"), body)
        else:
            self._json(404, {"error": "not found"})


class SandboxServer:
    """Serves one `SandboxStore` over HTTP, in a background thread or in the foreground."""

    def __init__(
        self,
        store: SandboxStore,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        file_url_ttl: float = 3600.0,
        faults: Faults | None = None,
    ) -> None:
        self.store = store
        self.file_url_ttl = file_url_ttl
        self.faults = faults or Faults()
        self._httpd = _Server((host, port), self)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> SandboxServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._httpd.serve_forever()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def expire_file_urls(self) -> None:
        """Every file URL handed out so far answers 403 from now on."""
        self.store.set_meta(REVOKED_KEY, repr(time.time()))

    # -- handlers --------------------------------------------------------------------------

    def handle_graphql(self, request: _Handler, body: bytes) -> None:
        fault = self.faults.next_call()
        if fault.delay:
            time.sleep(fault.delay)
        if fault.status == 429:
            headers = {"RateLimit_Reset": str(fault.reset_at), "RateLimit_Remaining": "0"}
            return request._send(429, b"Too many requests", "text/plain", **headers)
        if fault.status:
            return request._json(fault.status, {"errors": [{"message": "Internal server error"}]})
        token = (request.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
        known = self.store.token(token) if token else None
        if known is None:
            return request._json(403, {"errors": [{"message": "Jeton d'accès invalide"}]})
        if known["expired"]:
            return request._json(401, {"errors": [{"message": "Jeton d'accès expiré"}]})
        try:
            query = json.loads(body or b"{}")
        except ValueError:
            return request._json(400, {"errors": [{"message": "Invalid JSON"}]})
        host = request.headers.get("Host") or self.url.removeprefix("http://")
        context = Context(self.store, f"http://{host}", self.file_url_ttl, known["instructeur_id"])
        result = graphql_sync(
            schema(),
            query.get("query") or "",
            root_value=Root(),
            context_value=context,
            variable_values=query.get("variables"),
            operation_name=query.get("operationName"),
        )
        request._json(200, result.formatted)

    def handle_file(self, request: _Handler, token: str) -> None:
        payload = signing.verify(self.store.secret, "file", token)
        revoked = float(self.store.meta(REVOKED_KEY) or 0)
        if payload is None:
            return request._send(
                403, b"<Error><Code>SignatureDoesNotMatch</Code></Error>", "application/xml"
            )
        if payload["exp"] < time.time() or payload["iat"] <= revoked:
            return request._send(
                403,
                b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                "application/xml",
            )
        with self.store.read() as db:
            blob = db.execute("SELECT * FROM blobs WHERE id = ?", (payload["b"],)).fetchone()
        if blob is None or blob["data"] is None:
            return request._send(404, b"<Error><Code>NoSuchKey</Code></Error>", "application/xml")
        disposition = f"attachment; filename*=UTF-8''{quote(blob['filename'], safe='')}"
        request._send(200, blob["data"], blob["content_type"], Content_Disposition=disposition)

    def handle_upload(self, request: _Handler, token: str, body: bytes) -> None:
        payload = signing.verify(self.store.secret, "upload", token)
        if payload is None:
            return request._send(
                403, b"<Error><Code>SignatureDoesNotMatch</Code></Error>", "application/xml"
            )
        refusal = instruction.receive_upload(
            self.store, int(payload["b"]), body, request.headers.get("Content-MD5") or ""
        )
        if refusal:
            return request._send(
                400, f"<Error><Code>{refusal}</Code></Error>".encode(), "application/xml"
            )
        request._send(200, b"", "text/plain")

    def handle_admin(self, request: _Handler, body: bytes) -> None:
        try:
            orders = json.loads(body or b"{}")
            if orders.get("reset"):
                self.faults.reset()
            if "rate_limit" in orders:
                self.faults.rate_limit(**orders["rate_limit"])
            if "fail" in orders:
                self.faults.fail(**orders["fail"])
            if "slow" in orders:
                self.faults.slow(**orders["slow"])
            if orders.get("expire_file_urls"):
                self.expire_file_urls()
        except (ValueError, TypeError, AttributeError) as exc:
            return request._json(400, {"error": str(exc)})
        request._json(200, {"ok": True, "calls": self.faults.calls})
