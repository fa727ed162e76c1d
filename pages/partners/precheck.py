"""Pré-contrôle: upload the monthly file, see the verdict, the findings and the marked cells."""

from __future__ import annotations

from datetime import date

import streamlit as st

from cmg_core.corrections import may_help
from pages.widgets import checked_file, file_grid, findings, next_step, report_downloads, verdict

st.title("Pré-contrôle de votre fichier")
st.write(
    "Déposez ici votre fichier mensuel avant de l'envoyer sur démarches-simplifiées. Vous "
    "voyez tout de suite ce qui bloquerait le dépôt, cellule par cellule."
)

checked = checked_file.show(key="precheck", today=date.today())
if checked is None:
    st.info(
        "Choisissez votre fichier .xlsx. Les autres formats (.xls, .ods, .csv) sont acceptés "
        "ici pour vous expliquer comment les enregistrer au bon format.",
        icon=":material/info:",
    )
else:
    verdict.show(checked.report)
    next_step.show(checked.report)
    if not checked.report.valid and may_help(checked.report.codes()):
        with st.container(border=True):
            st.markdown(
                "Certaines erreurs, comme une lettre clé en trop ou des heures avec des "
                "décimales, se corrigent sans risque."
            )
            st.page_link(
                "pages/partners/correction.py",
                label="Obtenir une version corrigée de ce fichier",
                icon=":material/auto_fix_high:",
            )
    readable = checked.rows is not None
    downloads = st.container()  # filled last: the annotated workbook takes longest to build
    if checked.report.findings:
        st.subheader("Les problèmes, ligne par ligne")
        findings.show(checked.report, key=f"precheck_findings_{checked.token}")
    if readable:
        st.subheader("Votre fichier")
        file_grid.show(checked, key=f"precheck_grid_{checked.token}")
    if readable and checked.report.findings:
        with downloads:
            st.subheader("Télécharger")
            with st.spinner("Nous préparons votre fichier annoté…"):
                report_downloads.show(checked, key="precheck_downloads")
