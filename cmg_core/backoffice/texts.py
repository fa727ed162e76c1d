"""Every text the back office writes for people, in French: DS motivations and messages to
partners, bilan reasons and actions, Mon Compte messages to families."""

from __future__ import annotations

from collections.abc import Sequence

from cmg_core.db.enums import QueueReason
from cmg_core.documents.bilan_texts import ABSENT_ACTION
from cmg_core.values import Month

# -- habilitations ------------------------------------------------------------------------

UNKNOWN_SIRET = (
    "Le SIRET {siret} ne correspond à aucune structure sous convention avec la Caf pour le "
    "complément de libre choix du mode de garde. Vérifiez le numéro SIRET saisi ; si la "
    "convention est récente, contactez votre Caf."
)
NOT_MANAGER = (
    "Cette demande a été déposée par {email}, qui n'est pas le gestionnaire des habilitations "
    "désigné dans la convention de la structure {partner}. Seul ce gestionnaire peut ajouter, "
    "modifier ou supprimer une personne habilitée : merci de lui demander de déposer la demande."
)
UNKNOWN_PERSON = (
    "Aucune personne habilitée avec le courriel {email} n'est enregistrée pour la structure "
    "{partner}. Vérifiez l'adresse indiquée ou déposez une demande d'ajout."
)
EMAIL_TAKEN = (
    "Le courriel {email} est déjà celui d'une personne habilitée pour la structure {partner}. "
    "Vérifiez l'adresse indiquée."
)
INVALID_SIRET = (
    "Le SIRET {siret} saisi dans la demande n'est pas un numéro SIRET valide (14 chiffres, clé "
    "de contrôle) : vérifiez-le et déposez une nouvelle demande."
)
MISSING_EMAIL = (
    "Le courriel de la personne concernée est manquant : merci de déposer une nouvelle demande "
    "complète."
)
HABILITATION_DONE = {
    "AJOUT": "{name} ({email}) est désormais habilitée à déposer les attestations mensuelles de "
    "la structure {partner}.",
    "MODIFICATION": "La personne habilitée {old} a été modifiée : {name} ({email}) peut déposer "
    "les attestations mensuelles de la structure {partner}.",
    "SUPPRESSION": "{name} ({email}) n'est plus habilitée à déposer les attestations mensuelles "
    "de la structure {partner}.",
}

# -- intake -------------------------------------------------------------------------------

NOT_A_PARTNER = UNKNOWN_SIRET
WRONG_DEMARCHE = (
    "La structure {partner} est conventionnée en {kind} : merci de déposer votre fichier sur la "
    "démarche « {title} »."
)
NOT_AUTHORISED = (
    "Le dépôt a été effectué par {email}, qui n'est pas habilitée à déposer pour la structure "
    "{partner}. Le gestionnaire des habilitations de la structure peut demander son habilitation "
    "sur la démarche dédiée ; le fichier pourra ensuite être déposé à nouveau."
)
PARTNER_INACTIVE = (
    "La structure {partner} n'est plus enregistrée comme partenaire actif de la Caf pour le "
    "complément de libre choix du mode de garde (convention terminée ou suspendue) : ce fichier "
    "ne peut pas être traité. Vos dépôts précédents restent enregistrés. Si la convention est "
    "toujours en vigueur, contactez votre Caf ; le fichier pourra être déposé à nouveau sur ce "
    "dossier une fois la structure réactivée."
)
CONDITIONS = (
    "Pour que votre dépôt soit pris en compte, merci de cocher la case « J'accepte les "
    "conditions » et de valider à nouveau le dossier."
)
NO_FILE = (
    "Aucun fichier n'est joint à ce dossier : merci d'y joindre le fichier mensuel au format "
    "Excel (.xlsx)."
)
CORRECTION_HEAD = (
    "Bonjour,\n\nVotre fichier « {filename} » ne peut pas être traité : il contient {errors}. "
    "Le fichier annoté joint à ce message signale chaque cellule à corriger (en rouge), avec "
    "une explication ; la feuille « Erreurs » les récapitule.\n\nPrincipales erreurs :\n"
)
CORRECTION_TAIL = (
    "\nMerci de corriger le fichier et de le déposer à nouveau sur ce même dossier. "
    "\n\nLa Caf de votre département"
)
UNKNOWN_ALLOCATAIRE = "Le numéro d'allocataire {number} n'est pas connu de la Caf."
UNKNOWN_ALLOCATAIRE_HINT = (
    "Vérifiez ce numéro avec la famille : 7 chiffres, sans la lettre clé, tel qu'il figure sur "
    "ses courriers de la Caf."
)
UNKNOWN_CHILD = "La Caf ne connaît pas d'enfant {first_name} né le {birth} pour cet allocataire."
UNKNOWN_CHILD_HINT = (
    "Vérifiez le prénom et la date de naissance ; si tout est exact, un gestionnaire de la Caf "
    "traitera la ligne (inutile de corriger le fichier)."
)


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def correction_message(filename: str, errors: Sequence[str], total: int) -> str:
    """The DS message asking for a corrected file: the first errors, then what to do."""
    head = CORRECTION_HEAD.format(filename=filename, errors=plural(total, "erreur", "erreurs"))
    listed = "".join(f"• {line}\n" for line in errors)
    more = total - len(errors)
    if more > 0:
        listed += (
            f"• … et {plural(more, 'autre erreur', 'autres erreurs')} (voir le fichier annoté)\n"
        )
    return head + listed + CORRECTION_TAIL


# -- bilan --------------------------------------------------------------------------------

APPLIED_REASON = "Attestation enregistrée et prise en compte pour le calcul du CMG."
QUEUE_REASONS = {
    QueueReason.NOT_AFFILIATED: (
        "La famille n'est pas rattachée à la Caf : un gestionnaire va vérifier sa situation.",
        "Aucune : la ligne est traitée par un gestionnaire de la Caf.",
    ),
    QueueReason.FILE_BEING_UPDATED: (
        "Le dossier de la famille est en cours de mise à jour à la Caf.",
        "Aucune : la ligne sera traitée par un gestionnaire dès la mise à jour terminée.",
    ),
    QueueReason.TWINS: (
        "Plusieurs enfants de la famille ont la même date de naissance (jumeaux) : un "
        "gestionnaire vérifie l'enfant concerné.",
        "Aucune : la ligne est traitée par un gestionnaire de la Caf.",
    ),
    QueueReason.CMG_CLAIM_UNKNOWN: (
        "La demande de CMG de la famille pour votre structure n'est pas encore connue de la Caf.",
        "Invitez la famille à faire sa demande de CMG sur caf.fr si ce n'est pas déjà fait.",
    ),
    QueueReason.CHILD_NOT_FOUND: (
        "L'enfant (prénom et date de naissance) n'est pas connu de la Caf pour cette famille.",
        "Vérifiez le prénom et la date de naissance de l'enfant ; un gestionnaire traite la ligne.",
    ),
}
REJECTED_REASON = "Le numéro d'allocataire n'est pas connu de la Caf."
REJECTED_ACTION = "Vérifiez le numéro avec la famille et déclarez-la au prochain dépôt."
BILAN_MOTIVATION = (
    "Votre fichier du mois {month} a été traité : {summary}. Le bilan de traitement est joint "
    "(PDF) ; sa version Excel est dans la messagerie du dossier."
)
BILAN_MESSAGE = (
    "Bonjour,\n\nVoici le bilan de traitement de votre fichier du mois {month} au format "
    "Excel : chaque ligne y figure avec son résultat, son motif et, le cas échéant, l'action "
    "attendue de votre part.{absent}{withdrawn}\n\nLa Caf de votre département"
)
ABSENT = (
    "\n\nAttention : {children} le mois précédent sans date de fin de garde {verb} pas dans "
    "ce fichier ({names}). " + ABSENT_ACTION
)
REPLACED = (
    "Ce fichier a été remplacé par celui du dossier n° {number}, déposé pour le même mois : "
    "le bilan de traitement sera joint à ce dossier-là."
)


# -- GCA queue ----------------------------------------------------------------------------

QUEUE_REPLACED = (
    "Clôturé automatiquement : la structure a corrigé sa déclaration et la version "
    "{version} de l'attestation remplace celle qui motivait ce signalement."
)
QUEUE_WITHDRAWN = (
    "Clôturé automatiquement : la déclaration corrigée de la structure pour ce mois ne "
    "mentionne plus cette famille ; son attestation a été retirée."
)


def bilan_summary(processed: int, to_manager: int, rejected: int) -> str:
    parts = [plural(processed, "ligne traitée", "lignes traitées")]
    if to_manager:
        parts.append(
            plural(to_manager, "ligne transmise", "lignes transmises") + " à un gestionnaire"
        )
    if rejected:
        parts.append(plural(rejected, "ligne rejetée", "lignes rejetées"))
    return ", ".join(parts)


def absent_note(names: Sequence[str], *, families: bool = False) -> str:
    """The bilan message's note on last month's children (GAD: families) missing now."""
    if not names:
        return ""
    shown = ", ".join(names[:10]) + (" …" if len(names) > 10 else "")
    one = len(names) == 1
    if families:
        who = plural(len(names), "famille déclarée", "familles déclarées")
    else:
        who = plural(len(names), "enfant déclaré", "enfants déclarés")
    verb = "n'apparaît" if one else "n'apparaissent"
    return ABSENT.format(children=who, verb=verb, names=shown)


def withdrawn_note(numbers: Sequence[str]) -> str:
    """The bilan message's note on the families the corrected file no longer declares."""
    if not numbers:
        return ""
    shown = ", ".join(numbers[:10]) + (" …" if len(numbers) > 10 else "")
    if len(numbers) == 1:
        return (
            "\n\nCe fichier remplace votre précédent dépôt pour ce mois. La famille de "
            f"l'allocataire {shown}, qui y figurait, n'y apparaît plus : son attestation du mois "
            "a été retirée. S'il s'agit d'un oubli, déposez un fichier corrigé qui la déclare."
        )
    return (
        "\n\nCe fichier remplace votre précédent dépôt pour ce mois. Les familles des "
        f"allocataires {shown}, qui y figuraient, n'y apparaissent plus : leur attestation du "
        "mois a été retirée. S'il s'agit d'un oubli, déposez un fichier corrigé qui les déclare."
    )


# -- Mon Compte ---------------------------------------------------------------------------


def mon_compte(
    *, structure: str, month: Month, hours: int, amount: str, children: int, version: int
) -> str:
    """The message a family reads in Mon Compte about one processed attestation."""
    whom = "votre enfant" if children <= 1 else "vos enfants"
    first = "a déclaré" if version == 1 else "a corrigé sa déclaration pour"
    return (
        f"Bonjour,\n\n{structure} {first} la garde de {whom} en {month.label()} : "
        f"{plural(hours, 'heure', 'heures')} de garde pour une dépense de {amount}. "
        "Cette attestation a été enregistrée dans votre dossier et prise en compte pour le "
        "calcul de votre complément de libre choix du mode de garde (CMG). Vous n'avez aucune "
        "démarche à faire.\n\nVotre Caf"
    )


def mon_compte_withdrawn(*, structure: str, month: Month) -> str:
    """The message a family reads when a structure's correction no longer declares it."""
    return (
        f"Bonjour,\n\n{structure} a corrigé sa déclaration du mois {month.of_label()} et ne "
        "déclare plus de garde pour votre famille ce mois-là. L'attestation de ce mois a donc "
        "été retirée de votre dossier : elle ne compte plus pour le calcul de votre complément "
        "de libre choix du mode de garde (CMG). S'il s'agit d'une erreur, "
        "adressez-vous à la structure : elle peut déposer une déclaration corrigée.\n\nVotre Caf"
    )


# -- Run counters -------------------------------------------------------------------------

# What the stages count in their run (`runs.counts`, the CLI and the Automate page), in French,
# in the order of the stages
COUNTERS = {
    "dossiers": "dossiers lus sur DS",
    "files": "fichiers téléchargés",
    "demarches_busy": "démarches synchronisées par un autre worker",
    "deleted_dossiers": "dossiers supprimés sur DS",
    "deleted_dossiers_seen": "suppressions déjà connues",
    "deleted_dossiers_unknown": "dossiers supprimés jamais lus",
    "deposits_withdrawn": "dépôts retirés par le partenaire",
    "accepte": "dossiers acceptés",
    "refuse": "dossiers refusés",
    "correction": "corrections demandées",
    "en_instruction": "dossiers passés en instruction",
    "deposits_accepted": "dépôts acceptés",
    "deposits_superseded": "dépôts remplacés",
    "files_sent_back": "fichiers annotés renvoyés",
    "lines": "lignes lues",
    "attestations_withdrawn": "attestations retirées",
    "attestations": "attestations classées",
    "attestations_updated": "attestations remplacées par une nouvelle version",
    "feed_rows": "lignes de flux",
    "feed_files": "fichiers de flux",
    "applied": "attestations appliquées",
    "queued": "attestations en file manuelle",
    "rejected": "attestations rejetées",
    "queue_items": "dossiers ouverts en file manuelle",
    "queue_items_replaced": "dossiers de la file clos par une correction",
    "absent_children": "enfants absents signalés",
    "deposits_processed": "dépôts traités",
    "bilans": "bilans envoyés",
    "replaced_closed": "dossiers remplacés clos",
    "notifications": "messages Mon Compte",
    "reminders": "relances écrites",
    "mails_sent": "courriels envoyés",
    "mails_waiting": "courriels en attente",
    "ds_retry_seconds": "secondes d'attente de DS (réessais)",
}


SHOWN_APART = ("failures", "seconds")  # also in `runs.counts`, printed in their own column


def counters_text(counts: dict[str, int]) -> str:
    """`dossiers lus sur DS : 7, fichiers téléchargés : 5`, in the order above, without the
    `SHOWN_APART` entries; a counter not named here keeps its key."""
    order = {key: index for index, key in enumerate(COUNTERS)}
    shown = sorted((key for key in counts if key not in SHOWN_APART),
                   key=lambda key: (order.get(key, len(order)), key))  # fmt: skip
    return ", ".join(f"{COUNTERS.get(key, key)} : {counts[key]}" for key in shown)
