"""Version corrigée: the safe corrections listed one by one, then the corrected file re-checked."""

from __future__ import annotations

from datetime import date

import streamlit as st

from pages.widgets import (
    checked_file,
    corrected_file,
    corrections_table,
    findings,
    next_step,
    verdict,
)
from pages.widgets.markdown import escape
from pages.widgets.report_downloads import XLSX

st.title("Version corrigée")
st.write(
    "Certaines erreurs se corrigent sans risque. Nous les corrigeons pour vous, une par une, "
    "et vous montrons chaque changement. Le reste, vous seul pouvez le corriger."
)
with st.expander("Ce qui est corrigé, et ce qui ne l'est jamais"):
    st.markdown(
        "Corrigé automatiquement :\n"
        "- les heures avec des décimales, arrondies à l'heure inférieure (15,5 devient 15) ;\n"
        "- la lettre clé retirée d'un numéro allocataire (1234567A devient 1234567) ;\n"
        "- les espaces en trop au début ou à la fin d'une cellule ;\n"
        "- les dates écrites comme du texte, transformées en vraies dates ;\n"
        "- le mois écrit MM/AAAA (3/2026 ou une date de mars 2026 deviennent 03/2026).\n\n"
        "Jamais corrigé : un zéro perdu au début d'un numéro, une valeur manquante, un "
        "montant ou un nombre d'heures à deviner. Ces erreurs restent à corriger par vous."
    )

previous = checked_file.last_checked()
notice = st.empty()
upload = checked_file.show(key="correction", today=date.today())
source = upload or previous
if source is None:
    st.info(
        "Choisissez votre fichier .xlsx, ou contrôlez-le d'abord sur la page "
        "«\u00a0Pré-contrôle\u00a0».",
        icon=":material/info:",
    )
else:
    if upload is None:
        notice.info(
            f"Nous utilisons le fichier **{escape(source.name)}** que vous avez contrôlé sur la "
            "page «\u00a0Pré-contrôle\u00a0». Pour en corriger un autre, choisissez-le ci-dessous.",
            icon=":material/description:",
        )
    corrected = corrected_file.show(source, key="correction", today=date.today())
    if corrected is None:
        st.warning(
            "Ce fichier ne peut pas être corrigé automatiquement : il ne s'ouvre pas comme un "
            "classeur Excel .xlsx. Enregistrez-le au format Classeur Excel (.xlsx), puis "
            "réessayez.",
            icon=":material/warning:",
        )
    elif not corrected.corrections:
        verdict.show(source.report)
        if source.report.valid:
            next_step.show(source.report)
        else:
            st.info(
                "Aucune correction automatique n'est possible dans ce fichier : les problèmes "
                "ci-dessous sont à corriger par vous.",
                icon=":material/info:",
            )
            findings.show(source.report, key=f"correction_findings_{source.token}")
    else:
        corrections_table.show(corrected.corrections, key="correction_table")
        result = corrected.result
        st.subheader("Le fichier corrigé, contrôlé à nouveau")
        verdict.show(result.report)
        st.download_button(
            "Télécharger la version corrigée (.xlsx)",
            result.data,
            file_name=result.name,
            mime=XLSX,
            key="correction_download",
            icon=":material/download:",
            type="primary",
            on_click="ignore",
        )
        next_step.show(result.report, subject="la version corrigée")
        if not result.report.valid:
            st.subheader("Ce qui reste à corriger par vous")
            findings.show(result.report, key=f"correction_findings_{result.token}")
