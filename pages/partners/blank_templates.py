"""Modèles vierges: the blank MC and GAD templates, what each column expects, the rules."""

from __future__ import annotations

import streamlit as st

from cmg_core.guide import RULES, column_help, demarche_url, habilitations_url, template_filename
from cmg_core.templates import GAD, MC
from cmg_core.workbook.blank import blank_template
from pages.widgets.report_downloads import XLSX

st.title("Modèles vierges")
st.write(
    "Chaque mois, déclarez les heures de garde et la dépense de chaque famille dans le modèle "
    "de votre type de structure. Téléchargez-le, remplissez-le sans changer les colonnes, "
    "puis contrôlez-le sur la page «\u00a0Pré-contrôle\u00a0» avant de le déposer."
)
st.page_link(
    "pages/partners/precheck.py",
    label="Contrôler mon fichier rempli",
    icon=":material/fact_check:",
)

for tab, template in zip(st.tabs([MC.label, GAD.label]), (MC, GAD), strict=True):
    with tab:
        st.subheader(f"Modèle {template.label.lower()} ({template.code.value})")
        buttons = st.columns(2)
        buttons[0].download_button(
            f"Télécharger le modèle {template.code.value} (.xlsx)",
            blank_template(template),
            file_name=template_filename(template),
            mime=XLSX,
            key=f"blank_{template.code.value}",
            icon=":material/download:",
            type="primary",
            on_click="ignore",
        )
        buttons[1].link_button(
            f"Démarche de dépôt {template.code.value}",
            demarche_url(template.code),
            icon=":material/open_in_new:",
        )
        st.markdown("**Ce que chaque colonne attend**")
        st.markdown(
            "\n".join(
                f"- **{c.letter} · {c.header}**"
                + ("" if c.required else " *(facultatif)*")
                + f" : {c.help}"
                for c in column_help(template)
            )
        )

st.header("Les règles à connaître")
for rule in RULES:
    st.markdown(f"**{rule.title}.** {rule.text}")

st.header("Où déposer")
st.markdown(
    f"- Micro-crèche : [démarche de dépôt MC]({demarche_url(MC.code)})\n"
    f"- Garde à domicile : [démarche de dépôt GAD]({demarche_url(GAD.code)})\n"
    f"- Personnes autorisées à déposer : [démarche des habilitations]({habilitations_url()}), "
    "réservée au gestionnaire des habilitations de votre structure."
)
