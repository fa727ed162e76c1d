"""Settings: one documented table of environment variables, read in one place.

The README's configuration table is checked against `SETTINGS` by a test, so a setting cannot
exist undocumented. A *family* is one row for many variables of one shape, its name holding
`<PARTS>` (`CMG_DS_CHAMP_<DEMARCHE>_<KEY>`); `member(family, PART=value, …)` reads one of them,
and the README lists the members the code reads (a test keeps that list true too).
`.streamlit/secrets.toml` entries of the same names are honoured by the
portal, which copies them into the environment before anything reads a setting.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SANDBOX_TOKEN = "sandbox-demo-token"
SANDBOX_INSTRUCTEUR_ID = "SW5zdHJ1Y3RldXItMQ=="  # global id of "Instructeur-1" in the sandbox


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def is_family(self) -> bool:
        return "<" in self.name

    def matches(self, variable: str) -> bool:
        """Whether `variable` is this setting, or a member of this family."""
        if not self.is_family:
            return variable == self.name
        pattern = re.sub(r"<[A-Z]+>", "[A-Z0-9_]+", self.name)
        return re.fullmatch(pattern, variable) is not None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        f"sqlite:///{ROOT / 'var' / 'cmg.db'}",
        "SQLAlchemy URL of the database (SQLite file or postgresql+psycopg://…).",
    ),
    Setting(
        "CMG_STORAGE_DIR",
        str(ROOT / "var" / "storage"),
        "Folder for deposited files, PDFs, bilans and feed files (content-addressed).",
    ),
    Setting(
        "CMG_DS_URL",
        "http://127.0.0.1:8765",
        "Base URL of DS: the local sandbox, or https://demarche.numerique.gouv.fr.",
    ),
    Setting("CMG_DS_TOKEN", SANDBOX_TOKEN, "DS API token (Bearer). Never logged."),
    Setting(
        "CMG_DS_INSTRUCTEUR_ID",
        SANDBOX_INSTRUCTEUR_ID,
        "Global id of the DS instructeur the back office acts as.",
    ),
    Setting("CMG_DEMARCHE_HABILITATIONS", "1001", "Number of the habilitations démarche."),
    Setting("CMG_DEMARCHE_MC", "1002", "Number of the micro-crèche monthly démarche."),
    Setting("CMG_DEMARCHE_GAD", "1003", "Number of the garde à domicile monthly démarche."),
    Setting(
        "CMG_DS_PUBLIC_URL",
        "",
        "Public address where partners open the démarches (empty: derived from CMG_DS_URL).",
    ),
    Setting(
        "CMG_DS_LINK_MC",
        "",
        "Public page of the micro-crèche démarche (empty: CMG_DS_PUBLIC_URL/commencer/number).",
    ),
    Setting(
        "CMG_DS_LINK_GAD",
        "",
        "Public page of the garde à domicile démarche (empty: built like CMG_DS_LINK_MC).",
    ),
    Setting(
        "CMG_DS_LINK_HABILITATIONS",
        "",
        "Public page of the habilitations démarche (empty: built like CMG_DS_LINK_MC).",
    ),
    Setting(
        "CMG_SANDBOX_DB",
        str(ROOT / "var" / "ds-sandbox.db"),
        "SQLite file holding the DS sandbox's own state.",
    ),
    Setting(
        "CMG_DS_CHAMP_<DEMARCHE>_<KEY>",
        "",
        "Family: the DS champ (its id or its exact label) standing for the product's champ KEY "
        "of démarche DEMARCHE, when matching by label finds none or several.",
    ),
    Setting("CMG_CAF_NAME", "Caf de Maine-et-Loire", "Name of the Caf printed on documents."),
    Setting("CMG_CAF_CODE", "493", "Code of the Caf."),
    Setting(
        "CMG_PORTAL_URL",
        "http://127.0.0.1:8501",
        "Public address of the portal, given in e-mails (blank templates, pre-check).",
    ),
    Setting(
        "CMG_SMTP_URL",
        "",
        "SMTP server: smtp://[user:password@]host[:port] (STARTTLS: smtp+starttls:// or "
        "?starttls=1), smtps://… for TLS; empty: e-mails wait in the outbox. Never logged.",
    ),
    Setting(
        "CMG_SMTP_PASSWORD",
        "",
        "SMTP password when CMG_SMTP_URL names a user without one (e.g. from secrets).",
    ),
    Setting(
        "CMG_MAIL_FROM",
        "ne-pas-repondre@cmg.caf.example",
        "Sender address of the e-mails (shown with CMG_CAF_NAME).",
    ),
    Setting(
        "CMG_MAIL_CAPTURE_DIR",
        "",
        "Folder of the local capture SMTP server (make run); the Courriels page shows it.",
    ),
    Setting(
        "CMG_DEPOSIT_DEADLINE_DAY",
        "10",
        "Day of month M+1 after which month M's missing file is late and reminded once.",
    ),
    Setting("CMG_DEMO", "0", "1 in demo mode: demo staff accounts exist and are printed."),
    Setting("CMG_LOG_LEVEL", "INFO", "Python logging level."),
    Setting(
        "CMG_TRUSTED_PROXIES",
        "",
        "Addresses or networks of the reverse proxies whose X-Forwarded-For names the client "
        "(comma-separated, e.g. 10.0.0.5,192.168.0.0/24); sign-in delays are per client address.",
    ),
    Setting(
        "CMG_SESSION_SECRET",
        "",
        "Key signing the staff session cookie (32 characters or more, the same on every "
        "replica); staff sign-in is refused without it. `make run` makes one for the demo.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The value of a documented setting: the environment, else its default."""
    setting = _BY_NAME[name]  # KeyError on an undocumented name is deliberate
    value = os.environ.get(name, "")
    return value if value != "" else setting.default


def member(family: str, **parts: str) -> str:
    """The value of one variable of a documented family, e.g.
    `member("CMG_DS_CHAMP_<DEMARCHE>_<KEY>", DEMARCHE="MC", KEY="MOIS")` reads
    CMG_DS_CHAMP_MC_MOIS (the family's default when unset or empty)."""
    setting = _BY_NAME[family]  # KeyError on an undocumented family is deliberate
    name = member_name(family, **parts)
    return os.environ.get(name, "") or setting.default


def member_name(family: str, **parts: str) -> str:
    """The variable's name: each `<PART>` of the family replaced by its value, upper-cased."""
    name = family
    for part, value in parts.items():
        name = name.replace(f"<{part}>", value.upper())
    if "<" in name or not _BY_NAME[family].matches(name):
        raise ValueError(f"{name}: parts missing or invalid for {family}")
    return name


def members_set(family: str) -> dict[str, str]:
    """The environment's non-empty variables of `family`, by name (to find misspelt ones)."""
    setting = _BY_NAME[family]
    return {k: v for k, v in os.environ.items() if v and setting.matches(k)}


def get_int(name: str) -> int:
    return int(get(name))


def get_bool(name: str) -> bool:
    return get(name).strip().lower() in {"1", "true", "yes", "oui"}


def adopt(values: Mapping[str, object]) -> list[str]:
    """Copy the documented settings found in `values` (the portal's `st.secrets`) into the
    environment, where the environment does not set them already; the names adopted."""
    adopted = []
    for name, value in values.items():
        documented = any(setting.matches(name) for setting in SETTINGS)
        if documented and isinstance(value, str | int | float) and not os.environ.get(name):
            os.environ[name] = str(value)
            adopted.append(name)
    return adopted
