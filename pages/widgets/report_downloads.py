"""Downloads of a pre-check: the annotated workbook and the report (CSV and JSON)."""

from __future__ import annotations

import streamlit as st

from pages.widgets.checked_file import CheckedFile
from pages.widgets.report_views import output_name, report_csv, report_json

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANNOTATED_HELP = (
    "Votre classeur, avec les cellules à corriger en couleur, un commentaire sur chacune et "
    "une première feuille «\u00a0Erreurs\u00a0» qui les liste."
)


def show(checked: CheckedFile, key: str) -> None:
    files = [
        ("Rapport pour Excel (.csv)", report_csv(checked.report), "csv", "text/csv"),
        ("Rapport détaillé (.json)", report_json(checked.report), "json", "application/json"),
    ]
    if checked.annotated is not None:
        files.insert(0, ("Votre fichier annoté (.xlsx)", checked.annotated, "xlsx", XLSX))
    for column, (label, data, extension, mime) in zip(st.columns(3), files, strict=False):
        column.download_button(
            label,
            data,
            file_name=output_name(
                checked.name, "annote" if extension == "xlsx" else "rapport", extension
            ),
            mime=mime,
            key=f"{key}_{extension}",
            icon=":material/download:",
            type="primary" if extension == "xlsx" else "secondary",
            help=ANNOTATED_HELP if extension == "xlsx" else None,
            on_click="ignore",
        )
