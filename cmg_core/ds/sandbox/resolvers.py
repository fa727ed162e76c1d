"""The sandbox's root resolvers: the queries and mutations of `schema.graphql`.

Pagination is keyset, like DS: with `updatedSince`, dossiers come ordered by last
modification then number, from that date on (inclusive); without it, by deposit date then
number. A cursor holds (that date, number), so a dossier changed after a page was read comes
back after the saved cursor.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo

from cmg_core.ds.ids import global_id, parse_int_id
from cmg_core.ds.sandbox import deletion, instruction, revisions, signing
from cmg_core.ds.sandbox.store import to_us
from cmg_core.ds.sandbox.views import (
    Context,
    View,
    demarche_view,
    dossier_view,
    groupe_views,
    message_views,
)

MAX_PAGE = 100


def not_found(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "not_found"})


def _encode_cursor(micros: int, number: int) -> str:
    return base64.b64encode(f"{micros};{number}".encode()).decode("ascii")


def _decode_cursor(cursor: str) -> tuple[int, int]:
    try:
        micros, number = base64.b64decode(cursor, validate=True).decode().split(";")
        return int(micros), int(number)
    except (binascii.Error, UnicodeError, ValueError):
        raise GraphQLError("Invalid cursor", extensions={"code": "bad_request"}) from None


def _since(value: str) -> int:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise GraphQLError(f"Invalid ISO8601DateTime: {value}") from None
    return to_us(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def _keyset_page(
    ctx: Context,
    where: list[str],
    params: list[Any],
    column: str,
    args: dict[str, Any],
    node: Callable[[sqlite3.Row], View],
) -> View:
    """One page of `dossiers` rows matching `where`, ordered by `column` then number, after
    the cursor `args["after"]` (at most `args["first"]`, capped at 100)."""
    first = args.get("first")
    limit = MAX_PAGE if first is None else max(0, min(first, MAX_PAGE))
    if args.get("after"):
        micros, after_number = _decode_cursor(args["after"])
        where = [*where, f"({column} > ? OR ({column} = ? AND number > ?))"]
        params = [*params, micros, micros, after_number]
    sql = f"SELECT * FROM dossiers WHERE {' AND '.join(where)} ORDER BY {column}, number LIMIT ?"
    with ctx.store.read() as db:
        rows = db.execute(sql, [*params, limit + 1]).fetchall()
    page = rows[:limit]
    cursors = [_encode_cursor(r[column], r["number"]) for r in page]
    return {
        "nodes": [node(r) for r in page],
        "pageInfo": {
            "hasNextPage": len(rows) > limit,
            "hasPreviousPage": bool(args.get("after")),
            "startCursor": cursors[0] if cursors else None,
            "endCursor": cursors[-1] if cursors else None,
        },
    }


def dossier_connection(ctx: Context, number: int, args: dict[str, Any]) -> View:
    column = "updated_at" if args.get("updatedSince") else "depose_at"
    where = ["demarche_number = ?", "state != 'brouillon'", "deleted_at IS NULL"]
    params: list[Any] = [number]
    if args.get("state"):
        where.append("state = ?")
        params.append(args["state"])
    if args.get("updatedSince"):
        where.append("updated_at >= ?")
        params.append(_since(args["updatedSince"]))
    return _keyset_page(ctx, where, params, column, args, lambda r: dossier_view(ctx, r))


def deleted_connection(ctx: Context, number: int, args: dict[str, Any]) -> View:
    where, params = ["demarche_number = ?", "deleted_at IS NOT NULL"], [number]
    if args.get("deletedSince"):
        where.append("deleted_at >= ?")
        params.append(_since(args["deletedSince"]))
    return _keyset_page(ctx, where, params, "deleted_at", args, deletion.deleted_view)


def _payload(ctx: Context, number: int | None, error: str | None) -> View:
    if error is not None:
        return {"dossier": None, "errors": [{"message": error}]}
    with ctx.store.read() as db:
        row = db.execute("SELECT * FROM dossiers WHERE number = ?", (number,)).fetchone()
    return {"dossier": dossier_view(ctx, row), "errors": None}


class Root:
    """Root value: graphql-core calls `root.<field>(info, **arguments)`."""

    @staticmethod
    def _ctx(info: GraphQLResolveInfo) -> Context:
        return info.context

    def demarche(self, info: GraphQLResolveInfo, number: int) -> View:
        ctx = self._ctx(info)
        with ctx.store.read() as db:
            found = revisions.demarche(db, number)
        if found is None:
            raise not_found("Demarche not found")
        return demarche_view(
            ctx,
            found,
            dossiers=lambda _info, **args: dossier_connection(ctx, number, args),
            deletedDossiers=lambda _info, **args: deleted_connection(ctx, number, args),
            groupeInstructeurs=lambda _info, closed=None: groupe_views(ctx, closed),
        )

    def dossier(self, info: GraphQLResolveInfo, number: int) -> View:
        ctx = self._ctx(info)
        with ctx.store.read() as db:
            row = db.execute("SELECT * FROM dossiers WHERE number = ?", (number,)).fetchone()
        if row is None or row["state"] == "brouillon" or row["deleted_at"] is not None:
            raise not_found("Dossier not found")
        return dossier_view(ctx, row)

    def _mutation(self, info: GraphQLResolveInfo, data: dict, action) -> View:
        ctx = self._ctx(info)
        if data["instructeurId"] != ctx.instructeur_id:
            raise not_found("Instructeur not found")
        try:
            return _payload(ctx, action(ctx), None)
        except instruction.NotFound as exc:
            raise not_found(str(exc)) from exc
        except instruction.Refused as exc:
            return _payload(ctx, None, exc.message)

    def dossierPasserEnInstruction(self, info: GraphQLResolveInfo, input: dict) -> View:
        return self._mutation(
            info,
            input,
            lambda ctx: instruction.passer_en_instruction(ctx.store, input["dossierId"]),
        )

    def _decide(self, info: GraphQLResolveInfo, data: dict, target: str) -> View:
        return self._mutation(
            info,
            data,
            lambda ctx: instruction.decide(
                ctx.store,
                data["dossierId"],
                target,
                motivation=data.get("motivation"),
                justificatif=data.get("justificatif"),
            ),
        )

    def dossierAccepter(self, info: GraphQLResolveInfo, input: dict) -> View:
        return self._decide(info, input, "accepte")

    def dossierRefuser(self, info: GraphQLResolveInfo, input: dict) -> View:
        return self._decide(info, input, "refuse")

    def dossierClasserSansSuite(self, info: GraphQLResolveInfo, input: dict) -> View:
        return self._decide(info, input, "sans_suite")

    def dossierEnvoyerMessage(self, info: GraphQLResolveInfo, input: dict) -> View:
        ctx = self._ctx(info)
        if input["instructeurId"] != ctx.instructeur_id:
            raise not_found("Instructeur not found")
        try:
            message_id = instruction.send_message(
                ctx.store,
                input["dossierId"],
                input["body"],
                attachment=input.get("attachment"),
                correction=input.get("correction"),
            )
        except instruction.NotFound as exc:
            raise not_found(str(exc)) from exc
        except instruction.Refused as exc:
            return {"message": None, "errors": [{"message": exc.message}]}
        number = parse_int_id(input["dossierId"], "Dossier")
        wanted = global_id("Commentaire", message_id)
        return {"message": message_views(ctx, number, wanted)[0], "errors": None}

    def createDirectUpload(self, info: GraphQLResolveInfo, input: dict) -> View:
        ctx = self._ctx(info)
        try:
            blob_id = instruction.create_upload(
                ctx.store,
                input["dossierId"],
                filename=input["filename"],
                byte_size=input["byteSize"],
                checksum=input["checksum"],
                content_type=input["contentType"],
            )
        except instruction.NotFound as exc:
            raise not_found(str(exc)) from exc
        token = signing.sign(ctx.store.secret, "upload", {"b": blob_id})
        headers = {"Content-Type": input["contentType"], "Content-MD5": input["checksum"]}
        return {
            "directUpload": {
                "url": f"{ctx.base_url}/uploads/{token}",
                "headers": json.dumps(headers),
                "blobId": str(blob_id),
                "signedBlobId": instruction.signed_blob_id(ctx.store, blob_id),
            }
        }
