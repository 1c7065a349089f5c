"""Participants' roles and countries in the shapes real news writes them (issue 5), on invented text."""

from __future__ import annotations

import pytest
from news_etl.classify import classify_article
from news_etl.entities import find_organizations
from news_etl.orgs import Gazetteer, KnownOrg, infer_org_type, org_key


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
        "Office of the National Coordinator for Health Technology",
        "Bureau of Health Information",
        "Quenby Health Directorate",
        "Quenby Care Inspectorate",
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
        ("Carewell Health Africa", "a non-governmental organisation", "other"),
        ("Carewell Health Africa", "a not-for-profit organization that runs clinics", "other"),
        ("Carewell Health Africa", "an NGO", "other"),
    ],
)
def test_what_an_appositive_says_a_party_is_beats_its_name(party, description, kind):
    roles = _roles(f"Northvale Hospital signs agreement with {party}",
                   f"Northvale Hospital has signed a five-year agreement with {party}, {description}, to "
                   "build a shared electronic patient record for its clinics.")
    assert roles[party] == kind


def _known_vendor_countries(text: str) -> dict[str, str | None]:
    """Countries found for the organisations of ``text`` with a gazetteer that knows one vendor,
    Quillomatic, as a US company."""
    gazetteer = Gazetteer(version="test")
    org = KnownOrg(name="Quillomatic", org_type="vendor", country="US")
    gazetteer.orgs.append(org)
    gazetteer.by_key[org_key(org.name)] = org
    return {r.name: r.country for r in find_organizations(text, gazetteer)}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Harbourside Hospital has signed a contract with Quillomatic Australia for its records.", "AU"),
        ("Harbourside Hospital has signed a contract with Quillomatic UK for its records.", "GB"),
        ("Quillomatic (Little Harbour, UK), a unit of a US group, has signed a contract.", "GB"),
        ("Quillomatic (Toronto) has signed a contract with Harbourside Hospital.", "CA"),
        ("Harbourside Hospital has signed a contract with Quillomatic for its records.", "US"),
    ],
)
def test_the_local_arm_the_text_names_gives_a_known_company_its_country(text, country):
    assert _known_vendor_countries(text)["Quillomatic"] == country


def test_a_parenthesis_that_is_no_place_leaves_the_country_alone():
    text = "Quillomatic (QMC) has signed a contract with Harbourside Hospital (Arland) for its records."
    assert _known_vendor_countries(text)["Quillomatic"] == "US"


def test_the_unit_a_person_heads_is_no_local_arm_of_the_party():
    text = ("Harbourside Hospital has signed a contract with Quillomatic for its records, said Jane Roe, "
            "general manager for Quillomatic Australia. Tom Poe, chief executive of Quillomatic UK and "
            "Ireland, welcomed it.")
    assert _known_vendor_countries(text)["Quillomatic"] == "US"
    text = ("Harbourside Hospital has signed a contract with Quillomatic for its records. Quillomatic UK "
            "managing director Jane Roe said the deal was the unit's largest.")
    assert _known_vendor_countries(text)["Quillomatic"] == "US"


def _countries(title: str, text: str) -> dict[str, str | None]:
    verdict = classify_article(title, text)
    assert verdict.is_partnership, verdict.reason
    return {p.name: p.country for p in verdict.partnerships[0].participants}


@pytest.mark.parametrize(
    "text",
    [
        "Kenya's leading payments company Mvuli has signed an agreement with Quenby County Government to "
        "digitise its clinics.",
        "Quenby County Government has signed an agreement with Mvuli, a Kenyan software company, to digitise "
        "its clinics.",
        "Quenby County Government has signed an agreement with Mvuli, a leading Nairobi-based software "
        "company, to digitise its clinics.",
    ],
)
def test_a_nationality_or_a_place_in_the_description_gives_a_company_its_country(text):
    assert _countries("Quenby County signs with Mvuli", text)["Mvuli"] == "KE"


def test_a_company_described_by_where_it_is_from_takes_that_country():
    countries = _countries(
        "Quenby trust signs £20m IT deal",
        "Quenby NHS Foundation Trust has signed a £20m IT contract with a company from Northern Ireland.\n\n"
        "The seven-year deal with Brindlecourt covers the trust's data centre and network.")
    assert countries["Brindlecourt"] == "GB"


def test_a_limited_company_in_a_local_story_takes_the_story_country():
    countries = _countries(
        "Kenyan ministry signs with two local firms",
        "NAIROBI, Kenya – The Ministry of Health has signed a contract with Tembo Systems Ltd and Quillo Technologies "
        "to build a national health records platform for Kenya's counties.")
    assert countries["Tembo Systems Ltd"] == "KE"
    assert countries["Quillo Technologies"] is None  # a vendor without a local form: often from elsewhere


def test_a_limited_company_in_a_us_story_is_not_given_the_us():
    countries = _countries(
        "Ohio health system signs with Tembo Systems Ltd",
        "CLEVELAND, Ohio – Quenby Health System has signed a contract with Tembo Systems Ltd to run its "
        "patient portal across Ohio.")
    assert countries["Tembo Systems Ltd"] is None


def test_a_body_of_no_known_kind_in_a_local_story_takes_the_story_country():
    countries = _countries(
        "Quenby State Government signs digitisation deal with Ardent Africa",
        "The Quenby State Government has signed an agreement with Ardent Africa to digitise health records "
        "in the state's clinics, the first programme of its kind in Nigeria. The work starts in Lagos.")
    assert countries["Ardent Africa"] == "NG"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Konvale Network Solutions Ltd", "vendor"),  # a company that builds networks
        ("Quenby Exchange Technologies", "vendor"),
        ("Quenby Health Information Exchange", "network"),
        ("Quenby Data Network", "network"),
    ],
)
def test_a_network_word_is_a_network_only_when_no_company_head_follows_it(name, kind):
    assert infer_org_type(name) == kind


def test_a_party_of_no_known_kind_that_a_contract_is_signed_with_is_the_supplier():
    roles = _roles(
        "Quenby trust signs £20m IT deal",
        "Quenby NHS Foundation Trust has signed a £20m IT contract with Brindlecourt, the trust said.\n\n"
        "The seven-year deal covers the trust's data centre and network.")
    assert roles["Brindlecourt"] == "vendor"


def test_a_party_of_no_known_kind_an_agreement_is_signed_with_keeps_it():
    roles = _roles(
        "Quenby State Government signs digitisation deal with Ardent Africa",
        "The Quenby State Government has signed an agreement with Ardent Africa to digitise health records "
        "in the state's clinics.")
    assert roles["Ardent Africa"] == "other"


def test_a_dateline_in_capitals_says_where_the_story_is():
    countries = _countries(
        "Ministry signs records deal with Tembo Systems Ltd",
        "NAIROBI – The Ministry of Health has signed a contract with Tembo Systems Ltd to build a national "
        "health records platform for the country's 47 counties.")
    assert countries == {"Ministry of Health": "KE", "Tembo Systems Ltd": "KE"}


def test_university_medical_centres_are_providers_by_name_and_by_description():
    assert infer_org_type("Quenby UMC+") == "provider"
    roles = _roles("Three medical centres pool imaging data",
                   "Zorvath MC, Lindqvist and Quenby UMC+ have signed an agreement to pool imaging data for "
                   "research. The three university medical centres will share one data platform.")
    assert set(roles.values()) == {"provider"}


@pytest.mark.parametrize(
    ("sentence", "party", "kind"),
    [
        ("Quenby Hospital has agreed with the electronics group Zanfold to co-develop an AI triage system.",
         "Zanfold", "vendor"),
        ("Quenby Hospital will co-develop a discharge tool with Vellit, the Arland-founded company whose AI "
         "scribe is used by thousands of clinicians.", "Vellit", "vendor"),
        ("Quenby Hospital will be connected to Carewell One, the shared electronic health record used across "
         "the region, under a new agreement.", "Carewell One", "network"),
    ],
)
def test_a_description_before_a_name_or_an_appositive_with_a_relative_clause_types_the_party(sentence, party, kind):
    assert _roles(f"Quenby Hospital signs agreement with {party}", sentence)[party] == kind


def test_where_a_company_was_founded_gives_it_its_country():
    countries = _countries("Quenby Hospital signs agreement with Vellit",
                           "Quenby Hospital will co-develop a discharge tool with Vellit, the Melbourne-founded "
                           "company whose AI scribe is used by thousands of clinicians.")
    assert countries["Vellit"] == "AU"


def test_a_care_body_without_a_country_takes_the_one_country_its_fellow_parties_share():
    countries = _countries(
        "Two trusts join regional shared record",
        "Quenby NHS Foundation Trust and Arlen Valley NHS Trust have signed agreements to join Carewell "
        "Exchange, the region's shared care record, so paramedics can see crisis plans.")
    assert countries["Carewell Exchange"] == "GB"


def test_a_vendor_or_parties_of_two_countries_settle_no_country():
    countries = _countries(
        "Quenby NHS Foundation Trust signs with Brindlecourt",
        "Quenby NHS Foundation Trust has signed a ten-year contract with Brindlecourt Technologies to run its "
        "patient record.")
    assert countries["Brindlecourt Technologies"] is None


def test_parties_of_two_countries_give_a_third_no_country():
    countries = _countries(
        "Quenby NHS Foundation Trust, Mayo Clinic and Carewell Exchange sign pact",
        "Quenby NHS Foundation Trust, Mayo Clinic and Carewell Exchange have signed a research "
        "collaboration agreement to study remote monitoring.")
    assert countries["Carewell Exchange"] is None


@pytest.mark.parametrize(
    ("dateline", "country"),
    [("NAIROBI, Kenya –", "KE"), ("LAGOS —", "NG"), ("BOSTON, Mass., March 3, 2025 /PRNewswire/ --", "US")],
)
def test_the_company_a_datelined_story_opens_with_is_where_the_dateline_is(dateline, country):
    countries = _countries("Mvuli Technologies signs records deal with Quenby County Government",
                           f"{dateline} Mvuli Technologies has signed an agreement with Quenby County Government to "
                           "digitise patient records in its clinics.")
    assert countries["Mvuli Technologies"] == country


def test_a_company_named_later_in_a_datelined_story_takes_no_country_from_it():
    countries = _countries("Quenby County Government signs records deal with Mvuli",
                           "NAIROBI – Quenby County Government has signed an agreement with Mvuli Technologies to "
                           "digitise patient records in its clinics.")
    assert countries["Mvuli Technologies"] is None


def test_a_university_of_a_science_is_academic_and_a_foundation_trust_a_provider():
    from news_etl.orgs import infer_org_type

    assert infer_org_type("Quenby Franklin University of Medicine and Science") == "academic"
    assert infer_org_type("Westbrook and North Quenby Foundation Trust") == "provider"


def test_no_place_is_also_an_organisation_of_the_gazetteer():
    """A name in the places table is read as a place and never as a party ("Te Whatu Ora", New
    Zealand's health agency, was once listed as a New Zealand place). Only abbreviations whose
    case tells them apart may share a key ("Va." the state, "VA" the department)."""
    from news_etl.orgs import load_gazetteer, org_key
    from news_etl.places import PLACES

    gazetteer = load_gazetteer()
    surfaces = {org_key(n): n for org in gazetteer.orgs for n in (org.name, *org.aliases)}
    clashes = [place for names in PLACES.values() for place in names
               if org_key(place) in surfaces and surfaces[org_key(place)].rstrip(".") == place.rstrip(".")]
    assert clashes == []
