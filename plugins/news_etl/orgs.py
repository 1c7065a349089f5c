"""Organisation names: normalisation, the reference gazetteer, and type inference.

Resolution rests on one key per organisation: the gazetteer's canonical name when
the name (or an alias, former name or product) is known, otherwise a normalised
form of the name that folds the usual variants (a leading "The", possessives,
"NHS Foundation Trust" vs "NHS Trust", corporate suffixes, "&" vs "and").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from news_etl.config import PROJECT_ROOT
from news_etl.places import PLACE_TO_CODE

GAZETTEER_PATH = PROJECT_ROOT / "seeds" / "organizations.yaml"
ORG_TYPES = ("provider", "vendor", "academic", "payer", "government", "network", "other")
_SUFFIXES = re.compile(
    r"\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|gmbh|ag|sa|nv|bv)\b\.?$"
)


@dataclass(frozen=True, slots=True)
class KnownOrg:
    """A gazetteer entry."""

    name: str
    org_type: str
    country: str | None
    aliases: tuple[str, ...] = ()
    products: tuple[str, ...] = ()


@dataclass(slots=True)
class Gazetteer:
    """Lookup from any normalised name, alias or product to the organisation it denotes."""

    version: str
    orgs: list[KnownOrg] = field(default_factory=list)
    by_key: dict[str, KnownOrg] = field(default_factory=dict)
    by_product: dict[str, KnownOrg] = field(default_factory=dict)
    # The pattern of all surface forms, compiled once per gazetteer by ``entities`` (kept on the
    # object, not in a table keyed by ``id``: a short-lived gazetteer's id is reused by the next).
    matcher: Any = field(default=None, repr=False, compare=False)
    # News outlets and wire services (their keys, in one spelling): the press that reports a deal,
    # never a party to it.
    outlets: frozenset[str] = frozenset()

    def add(self, org: KnownOrg) -> None:
        """Hold ``org`` under its name, its aliases (each also in British and American spelling) and
        its products; a form another entry already holds keeps that entry."""
        self.orgs.append(org)
        for name in (org.name, *org.aliases):
            self.by_key.setdefault(org_key(name), org)
            self.by_key.setdefault(spelling_key(org_key(name)), org)
        for product in org.products:
            self.by_product.setdefault(org_key(product), org)

    def is_outlet(self, key: str) -> bool:
        """Whether an organisation key is a news outlet's or wire service's, in either spelling."""
        return spelling_key(key) in self.outlets

    def lookup(self, name: str) -> KnownOrg | None:
        """The known organisation a surface name denotes, if any: "Sheba Medical Centre" finds the
        entry written "Sheba Medical Center" (the key itself keeps the spelling the text uses)."""
        key = org_key(name)
        found = self.by_key.get(key) or self.by_key.get(spelling_key(key))
        trust = None if found else _TRUST_WITHOUT_NHS.search(key)
        # Trade press writes an NHS trust without its "NHS", often in lower case: "Royal Berkshire
        # foundation trust", "the Royal Berkshire trust".
        return self.by_key.get(key[:trust.start()] + " nhs trust") if trust else found

    def surface_forms(self) -> list[tuple[str, KnownOrg, bool]]:
        """Every name, alias and product as written, with its org and whether it is a product."""
        forms: list[tuple[str, KnownOrg, bool]] = []
        for org in self.orgs:
            forms += [(n, org, False) for n in (org.name, *org.aliases)]
            forms += [(p, org, True) for p in org.products]
        return forms


_TRUST_WITHOUT_NHS = re.compile(r"(?<!\bnhs)(?: foundation)? trust$")
_BRITISH_SPELLINGS = re.compile(r"\b(centre|organisation|programme|paediatric|haematology)s?\b")
_AMERICAN = {"centre": "center", "organisation": "organization", "programme": "program",
             "paediatric": "pediatric", "haematology": "hematology"}


def spelling_key(key: str) -> str:
    """An ``org_key`` in American spelling, for looking names up across the two spellings only."""
    return _BRITISH_SPELLINGS.sub(lambda m: _AMERICAN[m.group(1)] + m.group(0)[len(m.group(1)):], key)


@lru_cache(maxsize=16384)
def org_key(name: str) -> str:
    """The normalised key under which name variants of one organisation meet (cached: the
    classifier asks for the same names' keys dozens of times an article)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("&", " and ").lower()
    text = re.sub(r"'s\b|s'(?=\s|$)", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    text = re.sub(r"^the ", "", text)
    text = text.replace("nhs foundation trust", "nhs trust")
    previous = None
    while previous != text:
        previous, text = text, _SUFFIXES.sub("", text).strip()
    return text


_TYPE_RULES_SOURCE = (
    # A school is academic whatever it teaches: "School of Medicine and Public Health"; so is a
    # university's department ("University of X Department of Surgery").
    # So is a medical university and a research centre ("Upstate Medical University", "Fred Hutchinson
    # Cancer Research Center"), unless it names its hospital.
    ("academic", r"\b(school|faculty|college) of\b|\buniversity\b.*\bdepartment of\b|"
                 r"\buniversity of (medicine|medical|health sciences|sciences?|technology)\b|"
                 r"^(?!.*\bhospitals?\b).*\b(medical university|research (center|centre|institute)s?)\b"),
    # A public body named by its head word is government whatever it administers ("... Healthcare
    # Authority", "Department of Health Care Services", "... Management Activity"); not one that
    # runs hospitals ("Hospital Authority").
    ("government", r"^(?!.*\bhospitals?\b)(?:(department|ministry|office|bureau) (of|for)\b.*|"
                   r".*\b(agency|authority|administration|activity|ministry|department|commission|regulator|"
                   r"directorate|inspectorate|bureau))$"),
    ("provider", r"^(cl[ií]nicas?|clinique|klinik\w*)\b|"  # "Clínica Alemana", not "Instituto ... Clínica y ..."
                 r"\bfoundation trust$|"  # an NHS foundation trust written without "NHS"
                 r"\b(nhs (foundation )?trust|nhs group|hospitals?|clinics?|hospices?|medical (center|centre)|"
                 r"health ?care system|health system|medicine|healthcare|health care|health services|"
                 r"children's|infirmary|hospice|care home|(cancer|health|health sciences) (center|centre)s?|"
                 r"umc)\b"),  # a Dutch university medical centre: "Maastricht UMC+"
    ("government", r"\b(department|ministry|agency|council|government|authority|commission|"
                   r"nhs england|integrated care (board|system)|icb|ics|health board|federal|"
                   r"(state|province|republic|kingdom|commonwealth|emirate|government) of)\b"),
    ("academic", r"\b(university|college|institute|school|academy|faculty|universidad|universidade|universit[àa]|"
                 r"universit[äa]t|universit[ée]|universiti|universitas|universiteit|universitet|instituto|institut|istituto)\b"),
    ("payer", r"\b(insurance|insurer|health plan|blue cross|blue shield|assurance|mutual)\b"),
    # Not when a company's head word follows: "X Network Solutions Ltd" builds networks.
    ("network", r"\b(network|alliance|consortium|coalition|collaborative|exchange|hie|data platform|"
                r"registry|care record)\b(?! (solutions|systems|technologies|technology|software|services|labs)\b)"),
    ("vendor", r"\b(inc|corp|corporation|ltd|llc|plc|technologies|technology|systems|software|telecom\w*|"
               r"solutions|labs?|ai|digital|analytics|cloud|data|\.ai|\.io|\.com)\b"),
    ("provider", r"\bhealth\b|^nhs\b"),  # "NHS Grampian": a health board that runs the hospitals
)
_TYPE_RULES = tuple((kind, re.compile(pattern)) for kind, pattern in _TYPE_RULES_SOURCE)


def infer_org_type(name: str) -> str:
    """A best guess of what kind of organisation a name denotes, from its head words."""
    n = name.lower()
    if n in PLACE_TO_CODE:  # a place that makes a deal is its government: "Quebec has chosen Epic"
        return "government"
    for org_type, pattern in _TYPE_RULES:
        if pattern.search(n):
            return org_type
    return "other"


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """Read the versioned gazetteer; the first entry claiming a key keeps it."""
    # libyaml's loader where PyYAML has it: the same data, read about six times faster, and
    # every pool worker and Airflow task reads the gazetteer once.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) if path.exists() else {}
    gazetteer = Gazetteer(version=str((data or {}).get("version", "none")))
    for item in (data or {}).get("organizations", []):
        org = KnownOrg(
            name=str(item["name"]),
            org_type=item.get("type") if item.get("type") in ORG_TYPES else "other",
            country=(str(item["country"]).upper() if item.get("country") else None),
            aliases=tuple(str(a) for a in item.get("aliases") or ()),
            products=tuple(str(p) for p in item.get("products") or ()),
        )
        gazetteer.add(org)
    gazetteer.outlets = frozenset(spelling_key(org_key(str(name))) for name in (data or {}).get("outlets") or ())
    return gazetteer
