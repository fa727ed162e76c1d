"""Catalogue entries of the file and structure levels: file, sheet, header and row codes."""

from __future__ import annotations

from cmg_core.precheck.entry import Cause, E, W, entry

REDO_XLSX = (
    "Ouvrez le fichier dans Excel (ou LibreOffice), choisissez « Enregistrer sous » et le type "
    "« Classeur Excel (.xlsx) », puis déposez ce nouveau fichier."
)
CLEAN_COPY = (
    "Recopiez seulement vos lignes de déclaration dans le modèle vierge téléchargé sur le portail, "
    "puis déposez ce nouveau fichier."
)

ENTRIES = (
    entry(
        "file.unreadable",
        E,
        "Fichier illisible",
        "Le fichier ne peut pas être lu : ce n'est pas un classeur Excel (.xlsx), ou il est "
        "endommagé.",
        "Ouvrez le fichier dans Excel pour vérifier qu'il s'ouvre correctement, puis "
        "enregistrez-le avec « Fichier > Enregistrer sous > Classeur Excel (.xlsx) » et déposez ce "
        "nouveau fichier.",
    ),
    entry(
        "file.format",
        E,
        "Format de fichier non accepté",
        "Le fichier est au format {format} : seul le format Classeur Excel (.xlsx) est accepté.",
        REDO_XLSX,
    ),
    entry(
        "file.encrypted",
        E,
        "Fichier protégé par un mot de passe",
        "Le fichier est protégé par un mot de passe : il ne peut pas être lu.",
        "Ouvrez le fichier dans Excel, puis « Fichier > Informations > Protéger le classeur > "
        "Chiffrer avec mot de passe » : effacez le mot de passe, enregistrez et déposez le "
        "fichier à nouveau.",
    ),
    entry(
        "file.macros",
        E,
        "Classeur avec macros",
        "Le fichier contient des macros : pour des raisons de sécurité, il n'est pas accepté.",
        "Enregistrez-le avec « Enregistrer sous » au format « Classeur Excel (.xlsx) », qui ne "
        "garde pas les macros, puis déposez ce nouveau fichier.",
    ),
    entry(
        "file.too_large",
        E,
        "Fichier trop volumineux",
        "Le fichier pèse {size}, au-delà de la limite de {limit}.",
        "Gardez une seule feuille avec les lignes du mois, supprimez les images et les mises en "
        "forme inutiles, enregistrez puis déposez le fichier à nouveau.",
    ),
    entry(
        "file.suspicious",
        E,
        "Fichier anormal",
        "Le fichier a une structure anormale : par prudence, il n'est pas contrôlé.",
        CLEAN_COPY,
        rows=Cause(
            "Le fichier contient un nombre anormal de lignes : par prudence, il n'est pas contrôlé."
        ),
        columns=Cause(
            "Le fichier contient un nombre anormal de colonnes : par prudence, il n'est "
            "pas contrôlé."
        ),
        ratio=Cause(
            "Le fichier devient anormalement volumineux une fois décompressé : par "
            "prudence, il n'est pas contrôlé."
        ),
        size=Cause(
            "Le fichier devient anormalement volumineux une fois décompressé : par "
            "prudence, il n'est pas contrôlé."
        ),
        strings=Cause(
            "Le fichier contient un volume anormal de textes : par prudence, il n'est pas "
            "contrôlé."
        ),
        reference=Cause(
            "Le fichier désigne ses cellules d'une façon anormale : par prudence, il n'est pas "
            "contrôlé."
        ),
        members=Cause(
            "Le fichier contient un nombre anormal de parties : par prudence, il n'est pas "
            "contrôlé."
        ),
        limits=Cause(
            "La lecture du fichier demandait trop de ressources : par prudence, elle a été "
            "arrêtée."
        ),
        time=Cause(
            "La lecture du fichier a pris trop de temps : par prudence, elle a été arrêtée.",
            "Réessayez dans quelques minutes. Si le problème se reproduit, recopiez seulement vos "
            "lignes de déclaration dans le modèle vierge téléchargé sur le portail, puis "
            "déposez ce nouveau fichier.",
        ),
    ),
    entry(
        "file.no_data",
        E,
        "Aucune ligne de déclaration",
        "Le fichier ne contient aucune ligne de déclaration.",
        "Saisissez une ligne par enfant gardé (micro-crèche) ou par famille (garde à domicile), "
        "juste sous la ligne des en-têtes, puis déposez le fichier à nouveau.",
    ),
    entry(
        "sheet.multiple",
        W,
        "Plusieurs feuilles remplies",
        "Le classeur contient {count} feuilles remplies : seule la feuille « {sheet} » est "
        "contrôlée.",
        "Gardez une seule feuille dans le fichier, celle du mois déclaré, et supprimez les autres "
        "(clic droit sur l'onglet, puis « Supprimer »).",
    ),
    entry(
        "sheet.hidden",
        W,
        "Feuille masquée remplie",
        "La feuille masquée « {sheet} » contient des données : elle n'est pas contrôlée.",
        "Si ces lignes font partie de votre déclaration, recopiez-les dans la feuille contrôlée ; "
        "sinon, supprimez la feuille masquée (clic droit sur un onglet, « Afficher », puis "
        "« Supprimer »).",
        several=Cause(
            "Des feuilles masquées ({count}, dont « {sheet} ») contiennent des données : elles ne "
            "sont pas contrôlées."
        ),
    ),
    entry(
        "file.external_links",
        W,
        "Liaisons vers d'autres fichiers",
        "Le classeur contient des liaisons vers d'autres fichiers : seules les valeurs "
        "enregistrées dans ce classeur sont lues, pas celles des fichiers liés.",
        "Dans Excel, menu « Données », choisissez « Modifier les liens », puis « Rompre la "
        "liaison » pour garder les valeurs ; enregistrez et déposez le fichier à nouveau.",
    ),
    entry(
        "header.unknown_template",
        E,
        "Modèle non reconnu",
        "Les en-têtes du fichier ne correspondent ni au modèle micro-crèche ni au modèle garde à "
        "domicile.",
        "Téléchargez le modèle vierge sur le portail et recopiez vos lignes dessous, sans modifier "
        "la ligne des en-têtes.",
    ),
    entry(
        "header.wrong_template",
        E,
        "Mauvais modèle",
        "Ce fichier suit le modèle {found} alors que le modèle {expected} est attendu.",
        "Recopiez vos lignes dans le modèle {expected} téléchargé sur le portail, ou déposez ce "
        "fichier sur la démarche {found}.",
    ),
    entry(
        "header.not_first_row",
        E,
        "En-têtes mal placés",
        "Les en-têtes sont sur la ligne {row} au lieu de la ligne 1.",
        "Supprimez {lines_above}, au-dessus des en-têtes, pour qu'ils soient sur la ligne 1.",
    ),
    entry(
        "header.missing_column",
        E,
        "Colonne absente",
        "La colonne « {field} » est absente du fichier.",
        "Ajoutez la colonne « {field} » en colonne {column}, avec exactement cet en-tête, comme "
        "dans le modèle vierge.",
    ),
    entry(
        "header.extra_column",
        E,
        "Colonne en trop",
        "La colonne {column} (« {shown} ») ne fait pas partie du modèle.",
        "Supprimez la colonne {column} (clic droit sur la lettre {column}, puis « Supprimer ») : "
        "le modèle comporte uniquement les colonnes A à {last}.",
        unnamed=Cause(
            "La colonne {column} contient des données mais ne fait pas partie du modèle."
        ),
    ),
    entry(
        "header.column_order",
        E,
        "Colonnes dans le désordre",
        "La colonne « {field} » est en {column} au lieu de {expected}.",
        "Remettez les colonnes dans l'ordre du modèle vierge : « {field} » en colonne {expected}.",
    ),
    entry(
        "header.label_variant",
        W,
        "En-tête légèrement différent",
        "L'en-tête « {shown} » en {cell} diffère légèrement de l'en-tête attendu « {field} ».",
        "Remplacez-le par « {field} », exactement (majuscules, sans accent, sans retour à la "
        "ligne).",
    ),
    entry(
        "row.blank",
        W,
        "Ligne vide",
        "La ligne {row} est vide entre deux lignes de déclaration : elle est ignorée.",
        "Supprimez la ligne {row} (clic droit sur le numéro de ligne, puis « Supprimer »).",
    ),
    entry(
        "row.duplicate",
        E,
        "Ligne en double",
        "La ligne {row} déclare une seconde fois l'allocataire {allocataire}, déjà déclaré "
        "ligne {first_row}.",
        "Gardez une seule ligne par allocataire : additionnez les heures et les montants sur une "
        "ligne et supprimez l'autre.",
        child=Cause(
            "La ligne {row} déclare une seconde fois l'enfant {child} de l'allocataire "
            "{allocataire}, déjà déclaré ligne {first_row}.",
            "Gardez une seule ligne par enfant : regroupez les heures et le montant sur une ligne "
            "et supprimez l'autre.",
        ),
    ),
)
