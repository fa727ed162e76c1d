"""The one exception of the workbook layer: a guard refused the file."""

from __future__ import annotations

CODES = frozenset(
    {
        "file.unreadable",
        "file.format",
        "file.encrypted",
        "file.macros",
        "file.too_large",
        "file.suspicious",
    }
)


class WorkbookRejected(Exception):
    """A file guard refused the file before any cell was read.

    `code` is one of `CODES` (the pre-check's finding code); `params` give the details a French
    message needs, e.g. `detected="xls"`, `size_bytes=…, limit_bytes=…`, `reason="ratio"`.
    """

    def __init__(self, code: str, **params: object) -> None:
        if code not in CODES:
            raise ValueError(f"unknown rejection code {code!r}")
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v!r}" for k, v in sorted(self.params.items()))
        return f"{self.code} ({details})" if details else self.code
