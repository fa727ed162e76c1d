"""Every failure the DS client raises, under one base class.

Callers catch `DSError` (or one branch of it); each error carries the GraphQL operation name
(`operation`) and wraps the lower-level cause with `raise ... from`:

    DSError
    ├── DSTransportError        the request failed on the network (DNS, connection, protocol)
    │   └── DSTimeout           no answer within the client timeout
    ├── DSHTTPError             a non-2xx HTTP status (`status_code`)
    │   ├── DSUnauthorized      401: expired or revoked token
    │   ├── DSForbidden         403: bad token, forbidden network
    │   ├── DSRateLimited       429: rate limit; `reset_at` from the RateLimit-Reset header
    │   └── DSServerError       5xx
    ├── DSGraphQLError          top-level `errors` of a GraphQL answer (`code` = extensions.code)
    │   └── DSNotFound          code `not_found`: no such démarche or dossier
    ├── DSMutationError         a mutation answered with payload `errors { message }`
    └── DSFileError             an attached file could not be fetched or sent
        ├── DSFileExpired       the storage refused the URL even after re-querying the dossier
        ├── DSFileTooLarge      the file is bigger than the allowed size
        ├── DSChecksumMismatch  the bytes' MD5 differs from DS `checksum`
        └── DSUploadRefused     the storage refused a direct-upload PUT

Retries are decided by the client from these classes (see `graphql_http`); constructors never
log nor hold the API token.
"""

from __future__ import annotations

from collections.abc import Sequence


class DSError(Exception):
    """Base of every DS client failure."""

    def __init__(self, operation: str, message: str) -> None:
        super().__init__(f"{operation}: {message}")
        self.operation = operation
        self.message = message


class DSTransportError(DSError):
    """The request did not complete on the network.

    `sent` is False when the request surely never reached DS (connection refused or connect
    timeout), which makes even a mutation safe to retry; `transient` is False for a request
    that can never succeed as built (e.g. an illegal header), which is never retried.
    """

    def __init__(
        self, operation: str, message: str, *, sent: bool = True, transient: bool = True
    ) -> None:
        super().__init__(operation, message)
        self.sent = sent
        self.transient = transient


class DSTimeout(DSTransportError):
    """DS did not answer within the client timeout."""


class DSHTTPError(DSError):
    """DS (or its file storage) answered with a non-2xx HTTP status."""

    def __init__(self, operation: str, message: str, *, status_code: int) -> None:
        super().__init__(operation, message)
        self.status_code = status_code


class DSUnauthorized(DSHTTPError):
    """401: the token is expired or revoked."""


class DSForbidden(DSHTTPError):
    """403: the token is wrong, or the network is not allowed."""


class DSRateLimited(DSHTTPError):
    """429: too many requests; `reset_at` is the epoch second when the quota resets."""

    def __init__(
        self, operation: str, message: str, *, status_code: int = 429, reset_at: float | None
    ) -> None:
        super().__init__(operation, message, status_code=status_code)
        self.reset_at = reset_at


class DSServerError(DSHTTPError):
    """5xx: DS failed; the same request may succeed later."""


class DSGraphQLError(DSError):
    """The answer holds top-level GraphQL `errors`; `code` is the first one's extensions.code."""

    def __init__(
        self, operation: str, message: str, *, code: str | None, errors: Sequence[dict]
    ) -> None:
        super().__init__(operation, message)
        self.code = code
        self.errors = tuple(errors)


class DSNotFound(DSGraphQLError):
    """`not_found`: the démarche or dossier does not exist or is not visible to the token."""


class DSMutationError(DSError):
    """A mutation was executed and refused: payload `errors { message }` (French, from DS)."""

    def __init__(self, operation: str, messages: Sequence[str]) -> None:
        super().__init__(operation, "; ".join(messages))
        self.messages = tuple(messages)


class DSFileError(DSError):
    """An attached file could not be fetched from or sent to DS storage."""


class DSFileExpired(DSFileError):
    """The storage still refuses the file URL after the dossier was queried again."""


class DSFileTooLarge(DSFileError):
    """The file exceeds the allowed size (`limit` bytes)."""

    def __init__(self, operation: str, message: str, *, limit: int) -> None:
        super().__init__(operation, message)
        self.limit = limit


class DSChecksumMismatch(DSFileError):
    """The downloaded bytes do not match DS `checksum` (base64 of their MD5)."""

    def __init__(self, operation: str, message: str, *, expected: str, actual: str) -> None:
        super().__init__(operation, message)
        self.expected = expected
        self.actual = actual


class DSUploadRefused(DSFileError):
    """The storage refused the bytes of a direct upload (`status_code`)."""

    def __init__(self, operation: str, message: str, *, status_code: int) -> None:
        super().__init__(operation, message)
        self.status_code = status_code
