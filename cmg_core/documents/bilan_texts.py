"""The words of the bilan de traitement, shared by its PDF and workbook renderers and by the
back office's texts (which never import a renderer)."""

from __future__ import annotations

from cmg_core.templates import TemplateCode

TITLE = "Bilan de traitement"
NO_ACTION = "Aucune"
ABSENT_TITLE = {
    TemplateCode.MC: "Enfants déclarés le mois précédent et absents de ce fichier",
    TemplateCode.GAD: "Familles déclarées le mois précédent et absentes de ce fichier",
}
ABSENT_TEXT = {
    TemplateCode.MC: "Ces enfants figuraient dans votre déclaration du mois précédent, sans date "
    "de fin de garde. ",
    TemplateCode.GAD: "Ces familles figuraient dans votre déclaration du mois précédent, sans "
    "date de fin de garde. ",
}
ABSENT_ACTION = (
    "Si la garde a pris fin, indiquez la date de fin de garde au prochain dépôt ; sinon, "
    "déclarez la garde avec 0 heure et 0 €."
)
WITHDRAWN_TITLE = "Familles retirées par ce fichier"
WITHDRAWN_TEXT = (
    "Ce fichier remplace votre précédent dépôt pour ce mois. Ces familles y figuraient et n'y "
    "apparaissent plus : leur attestation du mois a été retirée. S'il s'agit d'un oubli, "
    "déposez un fichier corrigé qui les déclare."
)
EXPLANATION = (
    "Ce bilan indique, pour chaque ligne du fichier déposé, le résultat de son traitement par "
    "la Caf. La colonne « Action attendue » précise ce que la structure doit faire ; « Aucune » "
    "signifie qu'aucune action n'est nécessaire de sa part."
)
