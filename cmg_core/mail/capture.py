"""A capture SMTP server for the demo and the tests: it accepts every message on loopback and
keeps it as an `.eml` file in a folder, where the *Courriels* page and the tests read it.

    with CaptureServer(folder, port=0) as server:      # a free port
        os.environ["CMG_SMTP_URL"] = server.url
        ...
        messages = read_folder(folder)

Built on aiosmtpd (a development requirement: `make run` and the tests have it; a production
install uses its own SMTP server and never imports this module).
"""

from __future__ import annotations

import email
import email.policy
import itertools
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Captured:
    path: Path
    sender: str
    recipients: tuple[str, ...]
    message: EmailMessage

    @property
    def date(self) -> datetime | None:
        try:
            return parsedate_to_datetime(str(self.message["Date"]))
        except (TypeError, ValueError):
            return None

    @property
    def subject(self) -> str:
        return str(self.message["Subject"] or "")

    def body(self, subtype: str) -> str:
        part = self.message.get_body(preferencelist=(subtype,))
        return part.get_content() if part is not None else ""


class _Handler:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            name = f"{time.time_ns()}-{next(self.counter):05d}.eml"
        headers = (
            f"X-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        temporary = self.folder / f".{name}"
        temporary.write_bytes(headers + envelope.original_content)
        temporary.rename(self.folder / name)  # readers never see half a message
        return "250 Message accepted for delivery"


class CaptureServer:
    """aiosmtpd on 127.0.0.1, writing to `folder`; `port=0` picks a free port."""

    def __init__(
        self, folder: str | Path, port: int = 0, host: str = "127.0.0.1", **options: Any
    ) -> None:
        """`options` go to aiosmtpd's Controller (tests: `ssl_context` for smtps, and
        `tls_context`, `authenticator`, `auth_require_tls` for STARTTLS and AUTH)."""
        self.folder = Path(folder)
        self.host = host
        self.port = port or _free_port(host)
        self.options = options
        self._controller = None

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def start(self) -> CaptureServer:
        from aiosmtpd.controller import Controller

        self.folder.mkdir(parents=True, exist_ok=True)
        self._controller = Controller(
            _Handler(self.folder), hostname=self.host, port=self.port, **self.options
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> CaptureServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def read_folder(folder: str | Path, limit: int = 200) -> list[Captured]:
    """The newest captured messages first."""
    paths = sorted(Path(folder).glob("*.eml"), reverse=True)[:limit]
    found = []
    for path in paths:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        recipients = tuple(r.strip() for r in str(message["X-Envelope-To"] or "").split(","))
        found.append(Captured(path, str(message["X-Envelope-From"] or ""), recipients, message))
    return found


def serve(folder: str | Path, port: int) -> None:
    """Run until interrupted (the demo's child process)."""
    with CaptureServer(folder, port):
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]
