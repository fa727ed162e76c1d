"""The back office (SPEC §4): one module per stage, chained by `runner`.

    sync → habilitations → intake → attestations → feed → processing → bilan → notify
    → reminders → mail

Every stage claims its work item by item in small transactions (row locks with SKIP LOCKED on
PostgreSQL), records its state in the database and makes each DS call only after checking the
dossier's state on DS, so a stage killed at any point and run again reaches the same end state.
"""

STAGE_NAMES = (
    "sync",
    "habilitations",
    "intake",
    "attestations",
    "feed",
    "processing",
    "bilan",
    "notify",
    "reminders",
    "mail",
)
