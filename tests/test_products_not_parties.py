"""Products, programmes and platforms are no parties (issue 5): a party is an organisation, not a
thing one organisation supplies to another. Every name and sentence here is invented."""

from __future__ import annotations

from news_etl.classify import classify_article
from news_etl.entities import find_organizations
from news_etl.orgs import Gazetteer


def _parties(title: str, body: str) -> list[str]:
    verdict = classify_article(title, body)
    assert verdict.is_partnership, verdict.reason
    return [p.name for p in verdict.partnerships[0].participants]


def test_a_thing_written_as_an_organisations_is_no_party():
    assert _parties("Fenmoor trust goes with Zorblatt's Digital Nerve Centre",
                    "Fenmoor University Hospitals NHS Trust has signed a deal with Zorblatt Analytics to deploy the "
                    "Digital Nerve Centre across its hospitals. The Digital Nerve Centre shows bed capacity.") == \
        ["Fenmoor University Hospitals NHS Trust", "Zorblatt Analytics"]
    assert _parties("Velorix Health signs with Quenby Analytics",
                    "Velorix Health has signed an agreement with Quenby Analytics to run its Digital Nerve Centre, "
                    "a command centre for bed capacity. The Digital Nerve Centre opens in May.") == \
        ["Velorix Health", "Quenby Analytics"]


def test_a_product_its_appositive_names_is_no_party_and_its_owner_is():
    assert _parties("Velorix Health picks remote monitoring app",
                    "Velorix Health will deploy eCareCompanion, Quenby's remote monitoring app, across its wards "
                    "under a three-year agreement. Nurses will see alerts on tablets.") == ["Velorix Health", "Quenby"]


def test_a_shared_record_organisations_join_stays_an_organisation():
    text = ("Two hospitals will join ArlandConnect, the province's shared clinical viewer, this year. "
            "Quenby Hospital said its clinicians would use ArlandConnect daily.")
    assert "ArlandConnect" in {o.name for o in find_organizations(text, Gazetteer(version="empty"),
                                                                  ["ArlandConnect", "Quenby Hospital"])}


def test_a_body_an_organisation_has_is_still_an_organisation():
    text = "Velorix Health said its Quenby Children's Hospital would lead the work with Zorblatt Analytics."
    assert "Quenby Children's Hospital" in {o.name for o in find_organizations(text, Gazetteer(version="empty"))}


def test_a_public_bodys_national_service_in_the_lead_brings_no_party_in():
    parties = _parties("Fenmoor trust signs with Zorblatt Analytics",
                       "Fenmoor University Hospitals NHS Trust has signed an agreement with Zorblatt Analytics to "
                       "build a theatre scheduling tool. The Federated Data Platform will feed it records.")
    assert parties == ["Fenmoor University Hospitals NHS Trust", "Zorblatt Analytics"]


def test_a_vendors_product_in_the_lead_still_brings_its_maker_in():
    parties = _parties("Fenmoor trust to deploy DAX Copilot",
                       "Fenmoor University Hospitals NHS Trust has signed an agreement with Quenby Consulting to "
                       "roll out DAX Copilot to 400 clinicians across its hospitals.")
    assert "Nuance" in " ".join(parties), parties


def test_a_possessive_parts_an_owner_from_the_hospital_it_owns():
    text = ("Velorix Health Partners (VHP) and Quenby Healthcare have signed an alliance agreement. Operations "
            "will move to VHP's Arland Valley Hospital next year.")
    names = {o.name for o in find_organizations(text, Gazetteer(version="empty"),
                                                ["Velorix Health Partners", "Quenby Healthcare"])}
    assert "Arland Valley Hospital" in names and not any("VHP's" in n for n in names), names


def test_a_unit_in_a_subject_slot_is_its_owner():
    text = ("The University of Arland (UA) and Zorblatt Analytics have entered into a research collaboration. "
            "UA's Department of Medicine will lead the study.")
    slots = ["University of Arland", "Zorblatt Analytics", "UA's Department of Medicine"]
    names = {o.name for o in find_organizations(text, Gazetteer(version="empty"), slots)}
    assert names == {"University of Arland", "Zorblatt Analytics"}, names


def test_what_is_deployed_is_no_party_but_the_maker_it_is_named_for_is():
    assert _parties("Fenmoor trust signs with Zorblatt Analytics",
                    "Fenmoor University Hospitals NHS Trust has signed a deal with Zorblatt Analytics to deploy the "
                    "Digital Nerve Centre across its hospitals. The Digital Nerve Centre shows bed capacity.") == \
        ["Fenmoor University Hospitals NHS Trust", "Zorblatt Analytics"]
    assert _parties("Fenmoor trust signs for command centre",
                    "Fenmoor University Hospitals NHS Trust has signed a deal to deploy the Zorblatt Health platform "
                    "across its hospitals.") == ["Fenmoor University Hospitals NHS Trust", "Zorblatt Health"]
