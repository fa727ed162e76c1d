"""Partenaires: the structures under convention — list, add, change (gestionnaire included),
deactivate or reactivate, import a CSV file. Every change goes to the journal."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cmg_core.db.enums import capitalised, label
from cmg_core.db.session import session_scope
from cmg_core.guide import counted
from cmg_core.partners import csv_import, registry
from cmg_core.partners.fields import PartnerError, partner_fields
from cmg_core.staff import partner_admin
from cmg_core.staff.audit import Actor
from cmg_core.staff.roles import Area
from cmg_core.templates import TemplateCode
from pages.staff import access
from pages.widgets.markdown import escape

who = access.require(Area.PARTNERS)
me = Actor(who.user_id, who.email)
FLASH = "partners_flash"

st.title("Partenaires")
st.write(
    "Les structures sous convention avec la Caf : leur SIRET, leur convention et leur "
    "gestionnaire des habilitations. Une structure ajoutée et un nouveau gestionnaire reçoivent "
    "par courriel le lien de la démarche d'habilitation."
)
for kind, text in st.session_state.pop(FLASH, []):
    (st.success if kind == "ok" else st.error)(text)


def _flash(kind: str, text: str) -> None:
    st.session_state.setdefault(FLASH, []).append((kind, text))


left, right = st.columns([3, 2])
search = left.text_input("Structure, SIRET ou gestionnaire", key="partners_search").strip()
state = right.selectbox("État", ["actives", "désactivées", "toutes"], key="partners_state")

with session_scope() as session:
    partners = registry.all_partners(session)
    session.expunge_all()
shown = [
    p
    for p in partners
    if (state == "toutes" or p.active == (state == "actives"))
    and (not search or search.lower() in f"{p.name} {p.siret} {p.manager_email}".lower())
]
if shown:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Structure": p.name,
                    "SIRET": p.siret,
                    "Type": label(TemplateCode(p.kind)),
                    "État": "active" if p.active else "désactivée",
                    "Commune": p.commune,
                    "Convention": p.convention_ref,
                    "Signée le": p.convention_signed_on.strftime("%d/%m/%Y")
                    if p.convention_signed_on
                    else "",
                    "Gestionnaire des habilitations": p.manager_email,
                }
                for p in shown
            ]
        ),
        hide_index=True,
        width="stretch",
    )
else:
    st.info("Aucune structure ne correspond.")

add_tab, change_tab, import_tab = st.tabs(["Ajouter", "Modifier, désactiver", "Importer (CSV)"])

KINDS = list(TemplateCode)


def _fields(prefix: str, current=None) -> dict[str, object]:
    """The form's inputs (pre-filled with `current`), by field name."""
    c = current
    values: dict[str, object] = {}
    if c is None:
        values["siret"] = st.text_input("SIRET (14 chiffres)", key=f"{prefix}_siret")
    values["name"] = st.text_input("Nom de la structure", value=c.name if c else "",
                                   key=f"{prefix}_name")  # fmt: skip
    values["kind"] = st.radio(
        "Type", KINDS, index=KINDS.index(TemplateCode(c.kind)) if c else 0,
        format_func=capitalised, horizontal=True, key=f"{prefix}_kind",
    )  # fmt: skip
    one, two = st.columns(2)
    values["convention_ref"] = one.text_input(
        "Référence de la convention", value=c.convention_ref if c else "", key=f"{prefix}_ref"
    )
    signed = c.convention_signed_on.strftime("%d/%m/%Y") if c and c.convention_signed_on else ""
    values["convention_signed_on"] = two.text_input(
        "Signée le (JJ/MM/AAAA)", value=signed, key=f"{prefix}_signed"
    )
    values["manager_email"] = st.text_input(
        "Adresse électronique du gestionnaire des habilitations",
        value=c.manager_email if c else "", key=f"{prefix}_manager",
    )  # fmt: skip
    values["address"] = st.text_input("Adresse", value=c.address if c else "",
                                      key=f"{prefix}_address")  # fmt: skip
    three, four = st.columns([1, 2])
    values["postcode"] = three.text_input("Code postal", value=c.postcode if c else "",
                                          key=f"{prefix}_postcode")  # fmt: skip
    values["commune"] = four.text_input("Commune", value=c.commune if c else "",
                                        key=f"{prefix}_commune")  # fmt: skip
    return values


with add_tab, st.form("partners_add", clear_on_submit=False):
    values = _fields("partners_add")
    if st.form_submit_button("Ajouter la structure", icon=":material/add_business:"):
        try:
            record = partner_fields(values)
            with session_scope() as session:
                partner_admin.add(session, record, me)
        except PartnerError as error:
            st.error(f"La structure n'est pas ajoutée : {escape(error)}.")
        else:
            _flash("ok", f"{escape(record.name)} est ajoutée ; son gestionnaire recevra le lien "
                   "de la démarche d'habilitation.")  # fmt: skip
            st.rerun()

with change_tab:
    by_siret = {p.siret: p for p in partners}
    chosen = st.selectbox(
        "Structure", list(by_siret), index=None, placeholder="Choisissez une structure",
        format_func=lambda s: f"{by_siret[s].name} — {s}", key="partners_chosen",
    )  # fmt: skip
    if chosen is not None:
        current = by_siret[chosen]
        with st.form(f"partners_change_{chosen}"):
            values = _fields(f"partners_change_{chosen}", current)
            if st.form_submit_button("Enregistrer les modifications", icon=":material/save:"):
                try:
                    with session_scope() as session:
                        done = partner_admin.update(session, chosen, values, me)
                except PartnerError as error:
                    st.error(f"Rien n'est modifié : {escape(error)}.")
                else:
                    _flash("ok", "Modifié : " + escape(" ; ".join(done)) + "." if done else
                           "Rien n'a changé.")  # fmt: skip
                    st.rerun()
        st.caption(
            "Changer de gestionnaire garde les personnes déjà habilitées ; seules les demandes "
            "du nouveau gestionnaire seront acceptées."
        )
        reason = st.text_input("Motif (gardé au journal)", key=f"partners_reason_{chosen}")
        if current.active:
            st.caption(
                "Une structure désactivée garde son historique ; ses nouveaux fichiers lui sont "
                "renvoyés pour correction avec une explication."
            )
        if st.button(
            "Désactiver la structure" if current.active else "Réactiver la structure",
            icon=":material/block:" if current.active else ":material/check_circle:",
            key=f"partners_toggle_{chosen}",
        ):
            with session_scope() as session:
                partner_admin.set_active(session, chosen, not current.active, me, reason)
            _flash("ok", f"{escape(current.name)} est " + ("désactivée." if current.active else
                                                            "réactivée."))  # fmt: skip
            st.rerun()

with import_tab:
    st.write(
        "Pour un premier chargement : un fichier CSV enregistré par Excel (« CSV séparateur "
        "point-virgule »), en UTF-8 ou Windows-1252. Première ligne :"
    )
    st.code(csv_import.DOCUMENTED, language=None)
    st.caption(
        "Les cinq premières colonnes sont obligatoires, dans n'importe quel ordre ; le SIRET est "
        "lu comme du texte (espaces acceptés), la date au format JJ/MM/AAAA. Si une seule ligne "
        "est fausse, rien n'est importé."
    )
    upload = st.file_uploader("Fichier CSV", type=["csv"], key="partners_csv")
    if upload is not None and st.button("Importer", icon=":material/upload:", key="partners_go"):
        try:
            with session_scope() as session:
                count = partner_admin.import_csv(session, upload.getvalue(), me)
        except csv_import.ImportRefused as refused:
            st.error("Import refusé, aucune structure ajoutée :\n\n" + "\n".join(
                f"- {escape(problem)}" for problem in refused.problems))  # fmt: skip
        else:
            added = counted(count, "structure ajoutée", "structures ajoutées")
            _flash("ok", f"Import terminé : {added}.")
            st.rerun()
