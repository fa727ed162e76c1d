"""STARTTLS and smtps with a user and password, against aiosmtpd on loopback with a
certificate made for the test (the client trusts it through an injected SSL context)."""

from __future__ import annotations

import ssl
import subprocess
from dataclasses import replace
from email.message import EmailMessage

import pytest
from aiosmtpd.smtp import AuthResult

from cmg_core.mail.capture import CaptureServer, read_folder
from cmg_core.mail.smtp import SmtpConfig, SmtpSession, SmtpUnavailable


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert, key)
    client = ssl.create_default_context(cafile=str(cert))
    return server, client


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"relais" and auth_data.password == b"s3cret"
    return AuthResult(success=ok)


def _message() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "caf@x.example", "p@y.example", "Essai"
    message.set_content("Bonjour")
    return message


def test_starttls_with_a_password(tmp_path, certificate):
    server_context, client_context = certificate
    with CaptureServer(tmp_path, tls_context=server_context, require_starttls=True,
                       authenticator=_authenticator) as server:  # fmt: skip
        config = SmtpConfig.parse(f"smtp+starttls://relais:s3cret@127.0.0.1:{server.port}")
        with SmtpSession(replace(config, context=client_context)) as smtp:
            smtp.send(_message())
        wrong = SmtpConfig.parse(f"smtp+starttls://relais:faux@127.0.0.1:{server.port}")
        with pytest.raises(SmtpUnavailable) as refused:  # refused, or the connection dropped
            SmtpSession(replace(wrong, context=client_context)).__enter__()
        assert "faux" not in str(refused.value)
    assert [m.subject for m in read_folder(tmp_path)] == ["Essai"]


def test_smtps_with_a_password(tmp_path, certificate):
    server_context, client_context = certificate
    # aiosmtpd does not see implicit TLS as TLS: AUTH is offered without its STARTTLS rule
    with CaptureServer(tmp_path, ssl_context=server_context, authenticator=_authenticator,
                       auth_require_tls=False) as server:  # fmt: skip
        config = SmtpConfig.parse(f"smtps://relais:s3cret@127.0.0.1:{server.port}")
        with SmtpSession(replace(config, context=client_context)) as smtp:
            smtp.send(_message())
    assert len(read_folder(tmp_path)) == 1


def test_a_certificate_not_trusted_is_refused(tmp_path, certificate):
    server_context, _ = certificate
    with CaptureServer(tmp_path, ssl_context=server_context) as server:
        config = SmtpConfig.parse(f"smtps://127.0.0.1:{server.port}")
        with pytest.raises(SmtpUnavailable, match="SSLCertVerificationError"):
            SmtpSession(config).__enter__()
