"""PDF attestations and bilans de traitement (PDF and xlsx), rendered from plain data.

The back office maps its rows into the frozen values of `model` and calls one renderer:

- `attestation_pdf.render_attestation(Attestation) -> bytes`
- `bilan_pdf.render_bilan_pdf(Bilan) -> bytes`
- `bilan_xlsx.render_bilan_xlsx(Bilan) -> bytes`

The same values always give the same bytes. Document ids and SHA-256 digests of the data come
from `digest`; `text.to_cp1252` makes any name printable by the PDF core fonts.
"""
