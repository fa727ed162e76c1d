"""The SMTP client: `CMG_SMTP_URL` read once, one connection per batch, errors sorted.

    smtp://host:25                 plain (a relay on the local network)
    smtp+starttls://user@host:587  STARTTLS (also smtp://…?starttls=1)
    smtps://user:pass@host:465     TLS from the start

The user and password may sit in the URL (percent-encoded) or the password in
`CMG_SMTP_PASSWORD`. Neither is ever logged: `SmtpConfig`'s repr and every error text carry the
host and port only.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlparse

from cmg_core import settings

TIMEOUT = 20.0
PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class SmtpUnavailable(Exception):
    """The server cannot be reached or dropped the connection: try again later, every
    message stays in the outbox."""


class MessageRefused(Exception):
    """The server refused this message (its recipient, its content); the others may go."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str  # "plain", "starttls" or "tls"
    user: str = field(default="", repr=False)
    password: str = field(default="", repr=False)
    context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)

    @classmethod
    def parse(cls, url: str, password: str = "") -> SmtpConfig:
        parts = urlparse(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in PORTS or not parts.hostname:
            raise ValueError(
                "CMG_SMTP_URL doit commencer par smtp://, smtp+starttls:// ou smtps:// et nommer "
                "un serveur"
            )
        starttls = scheme == "smtp+starttls" or parse_qs(parts.query).get("starttls") in (
            ["1"],
            ["true"],
        )
        security = "tls" if scheme == "smtps" else ("starttls" if starttls else "plain")
        return cls(
            host=parts.hostname,
            port=parts.port or PORTS[scheme],
            security=security,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or "") or password,
        )

    @classmethod
    def from_settings(cls) -> SmtpConfig | None:
        """None when no server is configured (messages wait in the outbox)."""
        url = settings.get("CMG_SMTP_URL")
        return cls.parse(url, settings.get("CMG_SMTP_PASSWORD")) if url else None

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


class SmtpSession:
    """One connection to the server, for a batch of messages (`with SmtpSession(config)`)."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSession:
        config = self.config
        context = config.context or ssl.create_default_context()
        try:
            if config.security == "tls":
                smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=TIMEOUT, context=context)
            else:
                smtp = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT)
                if config.security == "starttls":
                    smtp.starttls(context=context)
            if config.user:
                smtp.login(config.user, config.password)
        except smtplib.SMTPAuthenticationError as error:
            raise SmtpUnavailable(
                f"{config.address} : identifiants refusés ({error.smtp_code})"
            ) from None
        except (OSError, smtplib.SMTPException) as error:
            raise SmtpUnavailable(f"{config.address} : {_describe(error)}") from None
        self._smtp = smtp
        return self

    def send(self, message: EmailMessage) -> None:
        assert self._smtp is not None
        try:
            refused = self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = sorted({code for code, _ in error.recipients.values()})
            raise MessageRefused(f"destinataire refusé ({', '.join(map(str, codes))})") from None
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
            raise MessageRefused(f"message refusé ({error.smtp_code})") from None
        except (OSError, smtplib.SMTPException) as error:
            raise SmtpUnavailable(f"{self.config.address} : {_describe(error)}") from None
        if refused:
            raise MessageRefused("destinataire refusé")

    def __exit__(self, *_exc: object) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None


def _describe(error: BaseException) -> str:
    """The error's kind and SMTP code, never its full text (it may echo an address)."""
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__}" + (f" ({code})" if code else "")
