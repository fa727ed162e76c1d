"""What the Caf writes to partners, in French, as plain text and HTML, signed `CMG_CAF_NAME`.

Each function returns a `Mail` (subject and both bodies) built from paragraphs and links;
text from outside (names, addresses) is escaped once, in `_html`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from cmg_core import settings
from cmg_core.guide import demarche_url, habilitations_url
from cmg_core.templates import TemplateCode
from cmg_core.values import FRENCH_MONTHS, Month

KIND_WORDS = {TemplateCode.MC: "micro-crèche", TemplateCode.GAD: "garde à domicile"}


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Link:
    label: str
    url: str


Block = str | list[Link]  # a paragraph, or a list of links


def portal_url(path: str = "") -> str:
    return settings.get("CMG_PORTAL_URL").rstrip("/") + (f"/{path}" if path else "")


def long_date(day: date) -> str:
    """`10 avril 2026`."""
    return f"{'1er' if day.day == 1 else day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"


def salutation(civilite: str = "", last_name: str = "") -> str:
    """`Madame Petit,`, `Monsieur Durand,`, or `Madame, Monsieur,`."""
    word = {"Mme": "Madame", "M.": "Monsieur"}.get(civilite.strip())
    return f"{word} {last_name.strip()}," if word and last_name.strip() else "Madame, Monsieur,"


def agreed(civilite: str, word: str) -> str:
    """`habilitée` for Mme, `habilité` for M., `habilité·e` when unknown."""
    civilite = civilite.strip()
    return word + ("e" if civilite == "Mme" else "" if civilite == "M." else "·e")


def compose(subject: str, greeting: str, blocks: list[Block]) -> Mail:
    caf = settings.get("CMG_CAF_NAME")
    closing = ["Cordialement,", caf]
    notice = "Ce message est envoyé automatiquement : merci de ne pas y répondre."
    return Mail(subject, _text(greeting, blocks, closing, notice), _html(subject, greeting,
                blocks, closing, notice))  # fmt: skip


def _text(greeting: str, blocks: list[Block], closing: list[str], notice: str) -> str:
    parts = [greeting]
    for block in blocks:
        if isinstance(block, str):
            parts.append(block)
        else:
            parts.append("\n".join(f"- {link.label} : {link.url}" for link in block))
    parts += ["\n".join(closing), f"-- \n{notice}"]
    return "\n\n".join(parts) + "\n"


def _html(subject, greeting, blocks, closing, notice) -> str:
    e = html.escape
    caf = settings.get("CMG_CAF_NAME")
    body = [
        '<div style="border-left:4px solid #000091;padding:2px 12px;margin:0 0 20px">'
        f'<strong>{e(caf)}</strong><br><span style="color:#3a3a3a">Attestations mensuelles '
        "CMG (micro-crèches et garde à domicile)</span></div>",
        f"<p>{e(greeting)}</p>",
    ]
    for block in blocks:
        if isinstance(block, str):
            body.append(f"<p>{e(block)}</p>")
        else:
            items = "".join(
                f'<li><a href="{e(link.url)}">{e(link.label)}</a></li>' for link in block
            )
            body.append(f"<ul>{items}</ul>")
    body.append("<p>" + "<br>".join(e(line) for line in closing) + "</p>")
    body.append(f'<p style="color:#555;font-size:13px">{e(notice)}</p>')
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{e(subject)}</title></head>"
        '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;'
        'color:#1e1e1e;max-width:640px">' + "\n".join(body) + "</body></html>\n"
    )


def _monthly_links(kind: TemplateCode) -> list[Link]:
    return [
        Link("Télécharger le modèle vierge (portail des partenaires de la Caf)", portal_url()),
        Link("Vérifier votre fichier (pré-contrôle)", portal_url("pre-controle")),
        Link(f"Déposer le fichier sur la démarche {KIND_WORDS[kind]}", demarche_url(kind.value)),
    ]


def partner_welcome(*, partner: str, siret: str, convention: str, manager_email: str) -> Mail:
    """To a new partner's gestionnaire des habilitations: the habilitations démarche."""
    caf = settings.get("CMG_CAF_NAME")
    return compose(
        f"Attestations CMG : désignez les personnes habilitées de {partner}",
        salutation(),
        [
            f"La convention {convention} passée avec la {caf} vous désigne comme gestionnaire "
            f"des habilitations de la structure {partner} (SIRET {siret}).",
            "Chaque mois, votre structure déclare à la Caf les heures de garde et les dépenses "
            "de chaque famille bénéficiaire du complément de libre choix du mode de garde (CMG). "
            "Pour cela, indiquez-nous sur la démarche ci-dessous les personnes autorisées à "
            "déposer ces fichiers (civilité, prénom, nom, adresse électronique), une demande "
            "par personne :",
            [Link("Démarche « Habilitations »", habilitations_url())],
            f"Seules les demandes déposées avec votre adresse ({manager_email}) sont acceptées. "
            "Vous pourrez de la même façon modifier ou retirer une habilitation. Chaque personne "
            "habilitée recevra un courriel avec les liens utiles.",
        ],
    )


def habilitation_added(
    *, partner: str, kind: TemplateCode, email: str, civilite: str, first_name: str,
    last_name: str,
) -> Mail:  # fmt: skip
    """To a person a habilitation adds: they may now deposit, and how."""
    return compose(
        f"Vous pouvez déposer les attestations CMG de {partner}",
        salutation(civilite, last_name),
        [
            f"Le gestionnaire des habilitations de la structure {partner} vous a "
            f"{agreed(civilite, 'habilité')} à déposer, pour chaque mois échu, le fichier des "
            "attestations mensuelles du complément de libre choix du mode de garde (CMG).",
            f"Déposez vos fichiers avec cette adresse électronique ({email}) : un dépôt fait avec "
            "une autre adresse n'est pas accepté.",
            "Chaque mois : téléchargez le modèle vierge, vérifiez votre fichier avec le "
            "pré-contrôle, puis déposez-le sur la démarche :",
            _monthly_links(kind),
        ],
    )


def habilitation_removed(
    *, partner: str, civilite: str, last_name: str, on: date
) -> Mail:  # fmt: skip
    """To a person a habilitation removes: they may no longer deposit."""
    return compose(
        f"Vous n'êtes plus {agreed(civilite, 'habilité')} à déposer pour {partner}",
        salutation(civilite, last_name),
        [
            f"Depuis le {long_date(on)}, vous n'êtes plus {agreed(civilite, 'habilité')} à "
            "déposer les attestations mensuelles du complément de libre choix du mode de garde "
            f"(CMG) de la structure {partner}. Un fichier que vous déposeriez désormais pour "
            "elle ne serait pas accepté.",
            "S'il s'agit d'une erreur, adressez-vous au gestionnaire des habilitations de votre "
            "structure.",
        ],
    )


def monthly_call(*, partner: str, kind: TemplateCode, month: Month, due: date) -> Mail:
    """The campaign: month M is over, please file it."""
    return compose(
        f"Attestations CMG du mois {month.of_label()} : le fichier de {partner}",
        salutation(),
        [
            f"Le mois {month.of_label()} est terminé : merci de déposer le fichier des "
            "attestations mensuelles du complément de libre choix du mode de garde (CMG) de la "
            f"structure {partner} au plus tard le {long_date(due)}.",
            "Remplissez le modèle vierge, vérifiez-le avec le pré-contrôle, puis déposez-le sur "
            "la démarche :",
            _monthly_links(kind),
            "Si le fichier vient d'être déposé, ce message s'est croisé avec lui : ne tenez pas "
            "compte de ce rappel.",
        ],
    )


def reminder(*, partner: str, kind: TemplateCode, month: Month, due: date) -> Mail:
    """After the deadline, once: month M has not been filed."""
    return compose(
        f"Relance : fichier CMG du mois {month.of_label()} non reçu pour {partner}",
        salutation(),
        [
            f"Nous n'avons pas reçu de fichier accepté pour les attestations CMG du mois "
            f"{month.of_label()} de la structure {partner}, attendu au plus tard le "
            f"{long_date(due)}. Sans lui, les familles concernées ne peuvent pas percevoir le "
            "complément de libre choix du mode de garde pour ce mois.",
            "Merci de le déposer dès que possible. Si votre fichier a été renvoyé pour "
            "correction, corrigez-le et déposez-le à nouveau sur le même dossier.",
            _monthly_links(kind),
        ],
    )
