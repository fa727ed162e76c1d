"""Catalogue entries of the row and file rules: ages, hours, amounts, end dates, twins, copies."""

from __future__ import annotations

from cmg_core.precheck.entry import Cause, E, W, entry

END_DATE_HINT = (
    "Indiquez une date de fin de garde seulement si la garde s'est terminée pendant le mois "
    "déclaré ; sinon laissez la cellule vide."
)

ENTRIES = (
    entry(
        "birth.future",
        E,
        "Naissance après le mois déclaré",
        "La date de naissance {birth} en {cell} est postérieure au mois déclaré ({month}).",
        "Vérifiez la date de naissance de l'enfant et le mois déclaré.",
    ),
    entry(
        "birth.over_six",
        E,
        "Enfant de plus de 6 ans",
        "L'enfant né le {birth} (cellule {cell}) a eu 6 ans avant le mois déclaré ({month}) : le "
        "CMG n'est plus dû.",
        "Vérifiez la date de naissance ; si elle est juste, retirez cette ligne du fichier.",
    ),
    entry(
        "birth.sixth_birthday_month",
        W,
        "Dernier mois avant 6 ans",
        "L'enfant né le {birth} (cellule {cell}) a 6 ans pendant le mois déclaré ({month}) : "
        "c'est le dernier mois qui ouvre droit au CMG.",
        "Si la date est juste, aucune correction n'est nécessaire ; ne déclarez plus cet enfant "
        "les mois suivants.",
    ),
    entry(
        "hours.impossible",
        E,
        "Nombre d'heures impossible",
        "Le total de {hours} en {cell} dépasse le nombre d'heures que compte le mois {month} "
        "({limit} heures).",
        "Vérifiez le total : il compte les heures de garde du seul mois déclaré, arrondies à "
        "l'heure inférieure.",
    ),
    entry(
        "hours.high",
        W,
        "Nombre d'heures élevé",
        "Le total de {hours} en {cell} dépasse 12 heures par jour du lundi au samedi ({limit} "
        "heures en {month}).",
        "Vérifiez le total ; s'il est juste, aucune correction n'est nécessaire.",
    ),
    entry(
        "hours.below_minimum",
        W,
        "Moins de 16 heures",
        "Le total de {hours} en {cell} est inférieur à 16 heures : le CMG n'est pas dû pour ce "
        "mois.",
        "Vérifiez le total ; s'il est juste, gardez la ligne : la famille ne percevra pas le CMG "
        "pour ce mois.",
    ),
    entry(
        "special_hours.exceed_total",
        E,
        "Heures spécifiques supérieures au total",
        "Les heures spécifiques ({special}) en {cell} dépassent le total des heures ({total}).",
        "Le total doit comprendre les heures spécifiques : corrigez l'une des deux cellules de la "
        "ligne {row}.",
    ),
    entry(
        "amount.inconsistent",
        W,
        "Montant et heures incohérents",
        "Un montant de {amount} est déclaré en {cell} pour 0 heure de garde.",
        "Si l'enfant n'a pas été gardé, indiquez 0 comme montant ; sinon corrigez le nombre "
        "d'heures.",
        hours_without_amount=Cause(
            "Le montant en {cell} est de 0 € alors que {hours} de garde sont déclarées.",
            "Saisissez la dépense du mois, ou 0 heure si l'enfant n'a pas été gardé.",
        ),
    ),
    entry(
        "amount.hourly_cap",
        W,
        "Prix horaire au-delà de 10 €",
        "Le montant de {amount} pour {hours} en {cell} revient à {rate} de l'heure, au-delà du "
        "plafond de 10 € de l'heure en micro-crèche.",
        "Vérifiez le montant et les heures : au-delà de 10 € de l'heure, le CMG n'est pas dû.",
    ),
    entry(
        "end_date.before_month",
        E,
        "Fin de garde avant le mois déclaré",
        "La date de fin de garde {end} en {cell} est antérieure au mois déclaré ({month}).",
        END_DATE_HINT,
    ),
    entry(
        "end_date.after_month",
        E,
        "Fin de garde après le mois déclaré",
        "La date de fin de garde {end} en {cell} est postérieure au mois déclaré ({month}).",
        END_DATE_HINT,
    ),
    entry(
        "twins.check_first_names",
        W,
        "Enfants nés le même jour",
        "Les lignes {rows} déclarent plusieurs enfants de l'allocataire {allocataire} nés le même "
        "jour ({birth}).",
        "S'il s'agit de jumeaux, vérifiez l'orthographe de chaque prénom : la Caf traitera ces "
        "lignes à part. Sinon, corrigez la date de naissance.",
    ),
    entry(
        "file.copy_paste_suspected",
        W,
        "Copier-coller probable",
        "Sur {total} lignes, {count} ({share}) ont exactement les mêmes heures ({hours}) et le "
        "même montant ({amount}) : cela ressemble à un copier-coller.",
        "Vérifiez les heures et le montant de chaque ligne ; si les valeurs sont justes, aucune "
        "correction n'est nécessaire.",
    ),
)
