"""The shipped gazetteer's integrity: one row per organisation, one organisation per name.

``load_gazetteer`` lets the first row claiming a key keep it, so a second row with the same
name, alias or former name would silently never be found, and an alias shared by two rows
would resolve to whichever comes first. These checks make such mistakes fail in review instead.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
import yaml
from news_etl.classify import classify_article
from news_etl.entities import find_organizations
from news_etl.orgs import GAZETTEER_PATH, ORG_TYPES, load_gazetteer, org_key


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    data = yaml.safe_load(GAZETTEER_PATH.read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d{2}(\.\d+)?", str(data["version"]))
    return data["organizations"]


def test_every_row_has_a_known_type_and_an_iso_country(rows):
    bad = [r["name"] for r in rows
           if r.get("type") not in ORG_TYPES or not re.fullmatch(r"[A-Z]{2}", str(r.get("country", "")))]
    assert not bad


def test_no_name_or_alias_denotes_two_organisations(rows):
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for name in (r["name"], *(r.get("aliases") or ())):
            owners[org_key(name)].add(r["name"])
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


def test_no_row_is_listed_twice(rows):
    names = [org_key(r["name"]) for r in rows]
    assert len(names) == len(set(names))


def test_no_product_is_the_name_of_another_organisation(rows):
    owner = {org_key(n): r["name"] for r in rows for n in (r["name"], *(r.get("aliases") or ()))}
    clashes = [(p, r["name"], owner[org_key(p)]) for r in rows for p in (r.get("products") or ())
               if owner.get(org_key(p), r["name"]) != r["name"]]
    assert clashes == []


@pytest.mark.parametrize("longer_name", [
    "Digital Health Canada",                # an association, not the federal department
    "National Medical Research Council",    # Singapore's funder, not the UK's Medical Research Council
    "National Cancer Institute of Kenya",
    "Siemens Energy",
    "Rhode Island Health Care Association",
    "Indian Institute of Science Education and Research",
])
def test_a_longer_name_is_not_read_as_the_known_name_it_contains(longer_name):
    """The matcher takes any known form wherever it stands, so a form that is also the tail or
    head of other organisations' names must not be in the gazetteer on its own."""
    found = find_organizations(f"{longer_name} signed the agreement on Tuesday.", load_gazetteer())
    assert not [r.name for r in found if r.known and r.name != longer_name]


def test_a_known_name_is_found_in_either_spelling():
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Sheba Medical Centre").name == "Sheba Medical Center"
    assert gazetteer.lookup("Peter MacCallum Cancer Center").name == "Peter MacCallum Cancer Centre"
    # ... and the classifier resolves the text's spelling to the one entry
    verdict = classify_article(None, "Sheba Medical Centre has signed a research agreement with Quenby University "
                                     "to study remote monitoring, the two said.")
    assert "Sheba Medical Center" in {p.name for p in verdict.partnerships[0].participants}
