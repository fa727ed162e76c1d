"""The synthetic Caf as plain values: partners, their staff, families and their children.

Pure and deterministic: the same seed, size and reference month give the same world. The shares
it follows are documented in `cmg_core.referential.shares`; `seed.py` writes it to the database.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

from cmg_core.referential import shares
from cmg_core.referential.siret import random_siret
from cmg_core.templates import TemplateCode
from cmg_core.values import Month

COMMUNES = (
    ("Angers", "49000"),
    ("Cholet", "49300"),
    ("Saumur", "49400"),
    ("Avrillé", "49240"),
    ("Trélazé", "49800"),
    ("Les Ponts-de-Cé", "49130"),
    ("Saint-Barthélemy-d'Anjou", "49124"),
    ("Sèvremoine", "49230"),
    ("Beaupréau-en-Mauges", "49600"),
    ("Chemillé-en-Anjou", "49120"),
    ("Segré-en-Anjou Bleu", "49500"),
    ("Doué-en-Anjou", "49700"),
    ("Baugé-en-Anjou", "49150"),
    ("Montreuil-Bellay", "49260"),
)
MC_NAMES = (
    "Micro-crèche Les Lucioles",
    "Micro-crèche Les Petits Loups",
    "Micro-crèche Pomme d'Api",
    "Micro-crèche Les P'tits Mousses",
    "Micro-crèche Les Doudous",
    "Micro-crèche L'Île aux Enfants",
    "Micro-crèche Les Coccinelles",
    "Micro-crèche Graine d'Éveil",
    "Micro-crèche Les Bambins d'Anjou",
    "Micro-crèche Le Jardin des Lutins",
    "Micro-crèche Les Marmousets",
    "Micro-crèche Au Pays des Câlins",
)
GAD_NAMES = (
    "Anjou Famille à Domicile",
    "Familles Services 49",
    "Les Nounous de Loire",
    "Mauges Services à Domicile",
    "Saumur Enfance Domicile",
    "Anjou Garde d'Enfants",
    "Cholet Petite Enfance Services",
    "Segréen Aide aux Familles",
)
KEY_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


@dataclass(frozen=True)
class PersonSpec:
    civilite: str
    first_name: str
    last_name: str
    email: str


@dataclass(frozen=True)
class PartnerSpec:
    siret: str
    name: str
    kind: TemplateCode
    address: str
    postcode: str
    commune: str
    convention_ref: str
    convention_signed_on: date
    manager_email: str
    staff: tuple[PersonSpec, ...]


@dataclass(frozen=True)
class ChildSpec:
    first_name: str
    last_name: str
    birth_date: date


@dataclass
class FamilySpec:
    number: str
    key_letter: str
    civilite: str
    first_name: str
    last_name: str
    address: str
    postcode: str
    commune: str
    partner_siret: str = ""
    group: str = ""  # twins / locked / unknown_claim / not_affiliated / turning_six / ""
    claim_start: Month | None = None
    children: list[ChildSpec] = field(default_factory=list)

    @property
    def affiliated(self) -> bool:
        return self.group != "not_affiliated"

    @property
    def record_locked(self) -> bool:
        return self.group == "locked"

    @property
    def claim_known(self) -> bool:
        return self.group != "unknown_claim"


@dataclass(frozen=True)
class SyntheticCaf:
    partners: tuple[PartnerSpec, ...]
    families: tuple[FamilySpec, ...]


def build(
    reference: Month, *, families: int = shares.FAMILIES, seed: int = shares.SEED
) -> SyntheticCaf:
    """The synthetic Caf as it stands in `reference` (declarations concern earlier months)."""
    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    partners = tuple(
        _partner(rng, fake, kind, name, index)
        for index, (kind, name) in enumerate(
            [(TemplateCode.MC, n) for n in MC_NAMES[: shares.PARTNERS_MC]]
            + [(TemplateCode.GAD, n) for n in GAD_NAMES[: shares.PARTNERS_GAD]]
        )
    )
    numbers = rng.sample(range(1, 10**7), families)
    people = [_family(fake, f"{n:07d}") for n in numbers]
    _assign_groups(rng, people)
    mc = [p for p in partners if p.kind is TemplateCode.MC]
    gad = [p for p in partners if p.kind is TemplateCode.GAD]
    mc_weights = [rng.uniform(0.6, 1.4) for _ in mc]
    gad_weights = [rng.uniform(0.3, 1.7) for _ in gad]
    for family in people:
        at_mc = family.group == "twins" or rng.random() < shares.MC_FAMILY_SHARE
        pool, weights = (mc, mc_weights) if at_mc else (gad, gad_weights)
        family.partner_siret = rng.choices(pool, weights)[0].siret
        family.children = _children(rng, fake, family, reference)
        family.claim_start = _claim_start(rng, family, reference)
    return SyntheticCaf(partners, tuple(people))


def _assign_groups(rng: random.Random, people: list[FamilySpec]) -> None:
    """Disjoint groups of exactly the documented sizes, drawn at random."""
    order = list(range(len(people)))
    rng.shuffle(order)
    groups = [*shares.DOCUMENTED_SHARES.items(), ("turning_six", shares.TURNING_SIX_SHARE)]
    start = 0
    for name, share in groups:
        size = shares.group_size(share, len(people))
        for index in order[start : start + size]:
            people[index].group = name
        start += size


def _partner(
    rng: random.Random, fake: Faker, kind: TemplateCode, name: str, index: int
) -> PartnerSpec:
    commune, postcode = COMMUNES[index % len(COMMUNES)]
    domain = _slug(name.removeprefix("Micro-crèche ")) + ".example"
    staff = tuple(_person(fake, domain) for _ in range(rng.randint(1, 3)))
    signed = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    return PartnerSpec(
        siret=random_siret(rng),
        name=name,
        kind=kind,
        address=fake.street_address(),
        postcode=postcode,
        commune=commune,
        convention_ref=f"CONV-493-{signed.year}-{index + 1:03d}",
        convention_signed_on=signed,
        manager_email=f"habilitations@{domain}",
        staff=staff,
    )


def _person(fake: Faker, domain: str) -> PersonSpec:
    female = fake.random_int(0, 1) == 1
    first = fake.first_name_female() if female else fake.first_name_male()
    last = fake.last_name()
    return PersonSpec(
        "Mme" if female else "M.", first, last, f"{_slug(first)}.{_slug(last)}@{domain}"
    )


def _family(fake: Faker, number: str) -> FamilySpec:
    female = fake.random_int(0, 3) > 0  # most allocataires holding the file are mothers
    commune, postcode = COMMUNES[fake.random_int(0, len(COMMUNES) - 1)]
    return FamilySpec(
        number=number,
        key_letter=KEY_LETTERS[int(number) % len(KEY_LETTERS)],
        civilite="Mme" if female else "M.",
        first_name=fake.first_name_female() if female else fake.first_name_male(),
        last_name=fake.last_name(),
        address=fake.street_address(),
        postcode=postcode,
        commune=commune,
    )


def _children(
    rng: random.Random, fake: Faker, family: FamilySpec, reference: Month
) -> list[ChildSpec]:
    start = reference.first_day

    def child(born: date) -> ChildSpec:
        first = fake.first_name_female() if rng.random() < 0.5 else fake.first_name_male()
        return ChildSpec(first, family.last_name, born)

    if family.group == "twins":
        born = start - timedelta(days=rng.randint(120, 5 * 365))
        kids = [child(born), child(born)]
    elif family.group == "turning_six":
        last_elapsed = reference.shift(-1)
        sixth = last_elapsed.first_day + timedelta(days=rng.randrange(last_elapsed.days))
        kids = [child(sixth.replace(year=sixth.year - 6))]
    else:
        count = rng.choices((1, 2, 3), (60, 30, 10))[0]
        kids = [child(start - timedelta(days=rng.randint(100, 6 * 365 - 45))) for _ in range(count)]
    if rng.random() < 0.25:  # an older sibling, never declared
        kids.append(child(start - timedelta(days=rng.randint(6 * 365 + 60, 12 * 365))))
    for index in range(1, len(kids)):  # no two children share a first name
        while kids[index].first_name in {k.first_name for k in kids[:index]}:
            kids[index] = child(kids[index].birth_date)
    return sorted(kids, key=lambda k: k.birth_date)


def _claim_start(rng: random.Random, family: FamilySpec, reference: Month) -> Month:
    """When the CMG started: a new claim last month, else 3 to 30 months ago (after birth)."""
    last_elapsed = reference.shift(-1)
    if family.group == "unknown_claim":
        return last_elapsed
    youngest = max(Month.of(k.birth_date) for k in family.children)
    start = max(youngest.shift(2), reference.shift(-rng.randint(3, 30)))
    return min(start, last_elapsed)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())
