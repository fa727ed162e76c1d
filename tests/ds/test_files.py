"""Attached files over real HTTP: MD5 check, size limit, expiring URLs, direct-upload PUT."""

from __future__ import annotations

import time

import httpx
import pytest

from cmg_core.ds import DSChecksumMismatch, DSFileExpired, DSFileTooLarge, DSUploadRefused
from cmg_core.ds.demarches import MC
from cmg_core.ds.sandbox import Sandbox
from tests.ds.conftest import FAST_RETRY, deposit_mc, monthly_file


class Recording(httpx.HTTPTransport):
    """A real transport that keeps the requests it sends (and may corrupt PUT bodies)."""

    def __init__(self, *, corrupt_puts: bool = False) -> None:
        super().__init__()
        self.requests: list[httpx.Request] = []
        self.corrupt_puts = corrupt_puts

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.corrupt_puts and request.method == "PUT":
            body = request.read()
            request = httpx.Request("PUT", request.url, headers=request.headers, content=body[::-1])
        return super().handle_request(request)


def only_file(client):
    (dossier,) = client.dossier_page(MC.number).dossiers
    return dossier.files[0]


def test_a_file_downloads_with_its_checksum_verified(sandbox, client):
    deposit_mc(sandbox, tag="10/2026")
    assert client.download(only_file(client)) == b"contenu 10-2026"


def test_bytes_that_do_not_match_the_ds_checksum_are_rejected(sandbox, client):
    deposit_mc(sandbox)
    with sandbox.store.write() as db:
        db.execute("UPDATE blobs SET data = ?", (b"tampered bytes",))
    with pytest.raises(DSChecksumMismatch) as raised:
        client.download(only_file(client))
    assert raised.value.expected != raised.value.actual


def test_a_file_larger_than_the_limit_is_refused_before_and_during_download(sandbox, client):
    deposit_mc(sandbox)
    file = only_file(client)
    with pytest.raises(DSFileTooLarge):
        client.download(file, max_bytes=file.byte_size - 1)
    with sandbox.store.write() as db:  # storage sends more than DS announced
        db.execute("UPDATE blobs SET data = ?", (b"x" * 10_000,))
    with pytest.raises(DSFileTooLarge) as raised:
        client.download(file, max_bytes=1_000)
    assert raised.value.limit == 1_000


def test_an_expired_file_url_is_renewed_by_querying_the_dossier_again(tmp_path):
    with Sandbox(tmp_path / "ds.db", file_url_ttl=0.3) as sandbox:
        deposit_mc(sandbox, tag="11/2026")
        with sandbox.client(retry=FAST_RETRY) as client:
            file = only_file(client)
            time.sleep(0.4)
            assert httpx.get(file.url).status_code == 403
            assert client.download(file) == b"contenu 11-2026"


def test_file_urls_expired_on_demand_are_recovered(sandbox, client):
    deposit_mc(sandbox, tag="12/2026")
    file = only_file(client)
    sandbox.expire_file_urls()
    assert httpx.get(file.url).status_code == 403
    assert client.download(file) == b"contenu 12-2026"


def test_a_url_still_refused_after_renewal_raises_file_expired(tmp_path):
    with Sandbox(tmp_path / "ds.db", file_url_ttl=0) as sandbox:
        deposit_mc(sandbox)
        with sandbox.client(retry=FAST_RETRY) as client, pytest.raises(DSFileExpired):
            client.download(only_file(client))


def test_a_file_replaced_since_cannot_be_renewed(sandbox, client):
    deposited = deposit_mc(sandbox)
    file = only_file(client)
    sandbox.update(deposited.number, files=[monthly_file("nouveau")])
    sandbox.expire_file_urls()
    with pytest.raises(DSFileExpired, match="n'est plus dans le dossier"):
        client.download(file)


def test_storage_requests_never_carry_the_api_token(sandbox):
    transport = Recording()
    deposited = deposit_mc(sandbox)
    with sandbox.client(transport=transport, retry=FAST_RETRY) as client:
        client.download(only_file(client))
        client.upload(deposited.id, "bilan.pdf", b"%PDF", "application/pdf")
    storage = [r for r in transport.requests if not r.url.path.startswith("/api/")]
    assert {r.method for r in storage} == {"GET", "PUT"}
    assert all("Authorization" not in r.headers for r in storage)
    put = next(r for r in storage if r.method == "PUT")
    assert put.headers["Content-MD5"] and put.headers["Content-Type"] == "application/pdf"


def test_a_direct_upload_refused_by_the_storage_raises_upload_refused(sandbox):
    deposited = deposit_mc(sandbox)
    transport = Recording(corrupt_puts=True)
    with (
        sandbox.client(transport=transport, retry=FAST_RETRY) as client,
        pytest.raises(DSUploadRefused) as raised,
    ):
        client.upload(deposited.id, "bilan.pdf", b"%PDF-1.4 bilan", "application/pdf")
    assert raised.value.status_code == 400
