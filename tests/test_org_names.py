"""Organisation names on issue 5's real-news shapes: a known name inside a longer unknown one,
nationality words glued to a name, camel-case names, and products taken for organisations.
Every name and sentence here is invented (or a well-known public name used as a name only)."""

from __future__ import annotations

from news_etl.classify import classify_article
from news_etl.entities import find_organizations
from news_etl.orgs import Gazetteer, KnownOrg, org_key
from news_etl.party_slots import announced_parties


def _gazetteer(*orgs: KnownOrg) -> Gazetteer:
    gazetteer = Gazetteer(version="test")
    for org in orgs:
        gazetteer.orgs.append(org)
        for name in (org.name, *org.aliases):
            gazetteer.by_key.setdefault(org_key(name), org)
    return gazetteer


KNOWN = _gazetteer(
    KnownOrg("Arland Cancer Institute", "government", "US", ("ACI",)),
    KnownOrg("University of Quenby", "academic", "US"),
    KnownOrg("Fenmoor Clinic", "provider", "US"),
    KnownOrg("Fenmoor Clinic Health System", "provider", "US"),
    KnownOrg("Zorblatt", "vendor", "US"),
)


def _names(text: str, gazetteer: Gazetteer = KNOWN) -> list[str]:
    return [o.name for o in find_organizations(text, gazetteer, announced_parties(text))]


def test_a_known_name_continued_by_of_and_a_foreign_place_is_another_organisation():
    text = "The Arland Cancer Institute of Kenya has signed an agreement with Zorblatt to build a registry."
    assert _names(text) == ["Arland Cancer Institute of Kenya", "Zorblatt"]


def test_a_known_name_continued_by_of_its_own_city_is_the_known_one():
    text = "Arland Cancer Institute of Chicago has signed an agreement with Zorblatt to build a registry."
    assert _names(text) == ["Arland Cancer Institute", "Zorblatt"]


def test_a_known_name_continued_by_a_place_and_a_head_word_is_another_organisation():
    text = "University of Quenby San Francisco Health has signed an agreement with Zorblatt."
    assert _names(text) == ["University of Quenby San Francisco Health", "Zorblatt"]


def test_a_longer_name_the_gazetteer_knows_is_that_one():
    text = "Fenmoor Clinic Health System – Southwest Wisconsin has signed an agreement with Zorblatt."
    assert _names(text)[-1] == "Zorblatt"
    assert "Fenmoor Clinic Health System" in _names(text, _gazetteer(*KNOWN.orgs[2:]))


def test_a_known_bodys_units_programmes_and_products_stay_the_known_body():
    for text, known in (
        ("Doctors at Fenmoor Clinic Children's Hospital will use the tool.", "Fenmoor Clinic"),
        ("Hollins Health joined the Fenmoor Clinic Care Network on Tuesday.", "Fenmoor Clinic"),
        ("The trust will run Zorblatt Cloud Health Services for its records.", "Zorblatt"),
        ("Fenmoor Clinic Arizona will use the tool.", "Fenmoor Clinic"),
    ):
        assert known in _names(text), text


def test_a_nationality_word_before_a_defined_acronym_or_a_name_written_alone_is_no_part_of_it():
    text = ("Quenby Specialist Hospital & Research Centre (QSH&RC) has signed an agreement with Zorblatt. "
            "Saudi QSH&RC will provide anonymised scans.")
    assert _names(text) == ["Quenby Specialist Hospital & Research Centre", "Zorblatt"]
    text = "Emirati Velorix Health has signed an agreement with Zorblatt. Velorix Health runs nine clinics."
    assert _names(text) == ["Velorix Health", "Zorblatt"]
    assert _names("Emirati Tidewell has signed an agreement with Zorblatt.",
                  _gazetteer(KnownOrg("Tidewell", "provider", "AE"), *KNOWN.orgs)) == ["Tidewell", "Zorblatt"]


def test_a_name_that_opens_with_a_nationality_word_keeps_it():
    for text in ("Saudi German Hospital has signed an agreement with Zorblatt. Saudi German Hospital runs clinics.",
                 "Texas Health Resources has signed an agreement with Zorblatt.",
                 "Emirati Velorix Health has signed an agreement with Zorblatt."):
        assert _names(text)[0] == text.split(" has ")[0], text


def test_a_datelines_place_is_no_part_of_the_first_party():
    for body in ("Riyadh, Saudi Arabia – QSH has signed an agreement with Zorblatt Analytics to build AI tools.",
                 "RIYADH, Saudi Arabia -- QSH has signed an agreement with Zorblatt Analytics to build AI tools.",
                 "Saudi Arabia QSH has signed an agreement with Zorblatt Analytics to build AI tools. QSH will "
                 "share scans."):
        verdict = classify_article("Hospital signs AI deal", body)
        assert {p.name for p in verdict.partnerships[0].participants} == {"QSH", "Zorblatt Analytics"}, body


def test_a_lower_first_brand_before_the_place_it_serves_is_an_organisation():
    text = "The viewer, run by eHealth Manitoba, will connect to Zorblatt under the agreement."
    assert _names(text) == ["eHealth Manitoba", "Zorblatt"]
    assert _names("Officials at iCare Tasmania said the work would start soon.") == ["iCare Tasmania"]
    assert _names("Zorblatt has signed a deal with iCare Tasmania and Velorix Health.") == \
        ["Zorblatt", "iCare Tasmania", "Velorix Health"]


def test_a_lower_first_word_alone_or_before_no_place_is_no_organisation():
    assert _names("The iPhone app and the eCare Companion will be offered to patients.") == []


def test_officers_in_a_subject_are_people_not_parties():
    """Officials who speak or sign are no organisations, nor is the next name of their list."""
    parties = announced_parties("Principal Secretaries Jane Wanjiku and Peter Otieno said Quenby Health "
                                "and the Ministry of Health have signed an agreement.")
    assert "Quenby Health" in parties and "Ministry of Health" in parties
    assert not any("Wanjiku" in name or "Otieno" in name for name in parties)
    assert announced_parties("Health Cabinet Secretary Hon. Peter Otieno has assured donors of the plan.") == []
    parties = announced_parties("Director Jane Roe said Zorblatt signed a contract with Quenby Health.")
    assert "Zorblatt" in parties and "Quenby Health" in parties
    assert not any("Jane Roe" in name for name in parties)


def test_company_forms_and_sector_words_end_an_organisations_name():
    """Named outside any party slot, a company is still found by the word that ends its name: a
    legal form ("Limited", "AG", "GmbH") or a sector word ("Life Sciences", "Tech", "Administration")."""
    text = ("The scanners come from Quenby Systems Limited, Zorblatt Medical GmbH and Arland Spitals-AG. "
            "Velorix Life Sciences and Zorbly Tech supply software, and the Arland Health Services "
            "Administration pays for it. Chief Medical Officer Jane Roe said little.")
    names = {o.name for o in find_organizations(text, _gazetteer())}
    assert names == {"Quenby Systems Limited", "Zorblatt Medical GmbH", "Arland Spitals-AG", "Velorix Life Sciences",
                     "Zorbly Tech", "Arland Health Services Administration"}


def test_governments_named_for_their_place_and_universities_named_in_their_language():
    """"City of Arland" and "County of Quenby" are bodies (not "State of X", often the place); "Vrije
    Universiteit Arland" and "Technische Universität Quenby" are universities with an adjective first;
    "Baptist Health of Northeast Arland" is one name; and "and" between a government and a named
    body joins two names."""
    text = ("The project is run by the City of Arland and Quenby Health, with Vrije Universiteit Arland, "
            "Technische Universität Quenby and Baptist Health of Northeast Arland. The County of Quenby pays. "
            "Clinics in Arland City and the State of Quenby take part.")
    names = {o.name for o in find_organizations(text, _gazetteer())}
    assert names == {"City of Arland", "Quenby Health", "Vrije Universiteit Arland", "Technische Universität Quenby",
                     "Baptist Health of Northeast Arland", "County of Quenby"}


def test_a_weekday_after_a_name_is_no_part_of_it():
    text = "In a statement to Arland Health Friday, Quenby Health said it had signed with Zorbly Systems Monday."
    names = {o.name for o in find_organizations(text, _gazetteer())}
    assert names == {"Arland Health", "Quenby Health", "Zorbly Systems"}
