"""Catalogue entries of the cell level: required cells, formulas and each column's format
(month, allocataire, names, dates, hours, amount)."""

from __future__ import annotations

from cmg_core.precheck.entry import EXCEL_ERROR, Cause, E, W, entry

DATE_EXAMPLE = "Saisissez la date sous la forme JJ/MM/AAAA, par exemple 14/03/2023."

ENTRIES = (
    entry(
        "cell.required",
        E,
        "Cellule obligatoire vide",
        "La cellule {cell} est vide alors que {what} est obligatoire.",
        "Remplissez la cellule {cell}. {help}",
    ),
    entry(
        "cell.formula_no_value",
        E,
        "Formule sans résultat",
        "La cellule {cell} contient une formule dont le résultat n'est pas enregistré dans le "
        "fichier.",
        "Ouvrez le fichier dans Excel et enregistrez-le pour que le résultat soit calculé, ou "
        "remplacez la formule par sa valeur (Copier, puis Collage spécial > Valeurs).",
    ),
    entry(
        "month.format",
        E,
        "Mois mal écrit",
        "Le mois « {shown} » en {cell} n'est pas au format MM/AAAA.",
        "Saisissez le mois sous la forme MM/AAAA, par exemple {example}.",
        number=Cause(
            hint="Excel a transformé la saisie en nombre : mettez la colonne {column} au format "
            "Texte, puis saisissez le mois sous la forme MM/AAAA, par exemple {example}."
        ),
        excel_error=EXCEL_ERROR,
    ),
    entry(
        "month.not_elapsed",
        E,
        "Mois pas encore échu",
        "Le mois {month} en {cell} n'est pas encore terminé : seuls les mois échus peuvent être "
        "déclarés.",
        "Déclarez ce mois à partir du {next_first}, ou corrigez le mois : le dernier mois échu "
        "est {last_elapsed}.",
    ),
    entry(
        "month.too_old",
        W,
        "Mois ancien",
        "Le mois {month} en {cell} remonte à plus de 12 mois.",
        "Vérifiez le mois saisi : une déclaration de plus de 12 mois est inhabituelle.",
    ),
    entry(
        "month.mixed",
        E,
        "Plusieurs mois dans le fichier",
        "La ligne {row} porte sur le mois {month} alors que le fichier porte sur {main_month}.",
        "Un fichier ne concerne qu'un seul mois : corrigez le mois de cette ligne, ou déclarez "
        "{month} dans un fichier à part.",
    ),
    entry(
        "allocataire.format",
        E,
        "Numéro allocataire mal écrit",
        "Le numéro allocataire « {shown} » en {cell} ne compte pas exactement 7 chiffres.",
        "Saisissez les 7 chiffres du numéro allocataire, sans la lettre clé (par exemple 0123456).",
        key_letter=Cause(hint="Retirez la lettre clé à la fin : saisissez {suggestion}."),
        leading_zero=Cause(
            hint="Le zéro initial a été perdu : mettez la colonne {column} au format Texte, puis "
            "saisissez {suggestion}."
        ),
        spaces=Cause(hint="Retirez les espaces et les séparateurs : saisissez {suggestion}."),
        too_short=Cause(
            hint="Il manque au moins un chiffre : vérifiez le numéro sur un courrier de la Caf. "
            "S'il commence par un zéro, saisissez-le en entier, par exemple {suggestion}."
        ),
        excel_error=EXCEL_ERROR,
    ),
    entry(
        "name.format",
        E,
        "Nom ou prénom mal écrit",
        "{What} « {shown} » en {cell} contient des chiffres ou des symboles.",
        "Saisissez {what} en lettres uniquement ; les accents, traits d'union, apostrophes et "
        "espaces sont acceptés.",
        excel_error=EXCEL_ERROR,
    ),
    entry(
        "date.format",
        E,
        "Date mal écrite",
        "{What} « {shown} » en {cell} n'est pas une date valide au format JJ/MM/AAAA.",
        DATE_EXAMPLE,
        number=Cause(hint="Un nombre a été saisi à la place d'une date. " + DATE_EXAMPLE),
        not_a_day=Cause(
            hint="Cette date n'existe pas dans le calendrier : vérifiez le jour et le mois."
        ),
        excel_error=EXCEL_ERROR,
    ),
    entry(
        "hours.invalid",
        E,
        "Nombre d'heures mal écrit",
        "{What} « {shown} » en {cell} n'est pas un nombre entier d'heures positif ou nul.",
        "Saisissez un nombre entier d'heures, sans texte ni unité (par exemple 120).",
        decimal=Cause(hint="Arrondissez à l'heure inférieure : saisissez {suggestion}."),
        duration=Cause(
            hint="La cellule est au format Heure : mettez-la au format Nombre, puis saisissez le "
            "nombre d'heures arrondi à l'heure inférieure, soit {suggestion}."
        ),
        negative=Cause(hint="Saisissez un nombre d'heures positif, ou 0."),
        excel_error=EXCEL_ERROR,
    ),
    entry(
        "amount.invalid",
        E,
        "Montant mal écrit",
        "Le montant « {shown} » en {cell} n'est pas un montant en euros positif ou nul avec au "
        "plus 2 décimales.",
        "Saisissez le montant en chiffres, sans texte (par exemple 450,50).",
        negative=Cause(hint="Saisissez un montant positif, ou 0 si l'enfant n'a pas été gardé."),
        decimals=Cause(hint="Arrondissez au centime : saisissez {suggestion}."),
        excel_error=EXCEL_ERROR,
    ),
)
