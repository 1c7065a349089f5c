"""Participants' roles and countries in the shapes real news writes them (issue 5), on invented text."""

from __future__ import annotations

import pytest
from news_etl.classify import classify_article
from news_etl.orgs import infer_org_type


def _roles(title: str, text: str) -> dict[str, str]:
    verdict = classify_article(title, text)
    assert verdict.is_partnership, verdict.reason
    return {p.name: p.role for p in verdict.partnerships[0].participants}


@pytest.mark.parametrize(
    "name",
    [
        "Tolland Management Activity",  # a public body named for what it does
        "Quenby Healthcare Authority",
        "Arland Health Services Authority",
        "Department of Health Care Services",
        "Quenby Health Care Administration",
        "Ministry of Health and Medical Services",
    ],
)
def test_a_public_body_named_by_its_head_word_is_government_whatever_it_administers(name):
    assert infer_org_type(name) == "government"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Quenby Hospital Authority", "provider"),  # a body that runs hospitals
        ("University of Quenby Department of Surgery", "academic"),
        ("Arland Community Health Services", "provider"),
    ],
)
def test_names_that_only_contain_a_public_head_keep_their_kind(name, kind):
    assert infer_org_type(name) == kind


def test_a_government_activity_selecting_a_vendor_is_the_government_party():
    roles = _roles("Tolland Management Activity selects Brindlecourt for pharmacy software",
                   "Brindlecourt has been selected by the federal government to supply pharmacy software to "
                   "Tolland Management Activity under a ten-year contract.")
    assert roles["Tolland Management Activity"] == "government"


@pytest.mark.parametrize(
    ("party", "description", "kind"),
    [
        ("Zentrix Health", "a leading pan-African digital healthcare solutions company", "vendor"),
        ("Brindle Care", "an IT services firm", "vendor"),
        ("Quorra Medical", "a healthcare IT solutions provider", "vendor"),
        ("Quenby Care Standards", "the regulator of health and social care services in Arland", "government"),
        ("Marrowfield Health Trust", "a not-for-profit research foundation", "academic"),
        ("Calder Health Institute", "a charitable foundation", "other"),
    ],
)
def test_what_an_appositive_says_a_party_is_beats_its_name(party, description, kind):
    roles = _roles(f"Northvale Hospital signs agreement with {party}",
                   f"Northvale Hospital has signed a five-year agreement with {party}, {description}, to "
                   "build a shared electronic patient record for its clinics.")
    assert roles[party] == kind
