"""The partnership classifier on the seeds (gold labels) and on hard negatives written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from news_etl.classify import classify_article
from news_etl.entities import find_organizations
from news_etl.orgs import Gazetteer, KnownOrg, infer_org_type, org_key

ROOT = Path(__file__).resolve().parents[1]
LABELS = json.loads((ROOT / "seeds" / "labels.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", LABELS["seeds"], ids=lambda s: Path(s["file"]).stem)
def test_seed_is_a_partnership_with_gold_type_and_participants(seed):
    text = (ROOT / "seeds" / seed["file"]).read_text(encoding="utf-8")
    verdict = classify_article(seed["title"], text)
    assert verdict.is_partnership, verdict.reason
    partnership = verdict.partnerships[0]
    assert partnership.partnership_type in seed["partnership_types"]
    assert 0.5 <= partnership.confidence <= 1
    assert partnership.evidence
    found = [{org_key(p.name), *(org_key(m) for m in p.mentions)} for p in partnership.participants]
    for gold in seed["participants"]:
        variants = {org_key(gold), *(org_key(a) for a in seed["aliases"].get(gold, []))}
        assert any(variants & keys for keys in found), (gold, [p.name for p in partnership.participants])
    allowed = {org_key(n) for n in seed["participants"] + seed["acceptable_extra"]}
    allowed |= {org_key(a) for names in seed["aliases"].values() for a in names}
    extras = [p.name for p, keys in zip(partnership.participants, found, strict=True) if not keys & allowed]
    assert not extras, extras


# Hard negatives, written for these tests in the style of trade news (not real stories).
NEGATIVES = {
    "acquisition": (
        "Northfield Health System to acquire Riverbend Medical Center",
        "Northfield Health System has agreed to acquire Riverbend Medical Center in a deal expected to close "
        "next spring. The acquisition will add 300 beds to the Ohio system. Terms of the deal were not "
        "disclosed. Riverbend's chief executive will stay on during the transition.",
    ),
    "cyberattack": (
        "Ransomware attack forces Harbor Valley Hospital to divert ambulances",
        "Harbor Valley Hospital diverted ambulances for a second day after a ransomware attack took its "
        "electronic health record offline. The hospital said it is working with federal investigators and "
        "its EHR vendor to restore systems. Staff have returned to paper records.",
    ),
    "funding": (
        "Clinical AI startup Tessellate Labs raises $40M Series B",
        "Tessellate Labs, which builds documentation tools for nurses, has raised $40 million in a Series B "
        "funding round led by a venture firm. The company said the money will be used to hire engineers "
        "and expand sales to health systems across the Midwest.",
    ),
    "appointment": (
        "Eastgate University Hospitals appoints new chief digital officer",
        "Eastgate University Hospitals NHS Trust has appointed a new chief digital officer, who joins from "
        "a neighbouring trust. She will lead the trust's electronic patient record programme and its "
        "cyber security team, and starts in January.",
    ),
}


@pytest.mark.parametrize("kind", sorted(NEGATIVES))
def test_hard_negatives_are_not_partnerships(kind):
    title, text = NEGATIVES[kind]
    verdict = classify_article(title, text)
    assert not verdict.is_partnership, (kind, verdict.reason)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Hillingdon Hospitals NHS Foundation Trust", "Hillingdon Hospitals NHS Trust"),
        ("Mayo Clinic's", "Mayo Clinic"),
        ("Acme Health, Inc.", "ACME Health"),
        ("Johnson & Johnson", "Johnson and Johnson"),
        ("Hôpital Saint-Éloi", "Hopital Saint Eloi"),
    ],
)
def test_org_key_folds_variants(a, b):
    assert org_key(a) == org_key(b)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("University Hospitals of Leicester NHS Trust", "provider"),
        ("Sheba Medical Center", "provider"),
        ("University of Leicester", "academic"),
        ("Department of Health and Social Care", "government"),
        ("Acme Technologies", "vendor"),
        ("Coalition for Health AI", "network"),
        ("Cooper University Health Care", "provider"),
        ("Lakeside School of Nursing", "academic"),
        ("Peter Grant Cancer Centre", "provider"),
    ],
)
def test_infer_org_type(name, kind):
    assert infer_org_type(name) == kind


def _parties(verdict) -> dict[str, str]:
    assert verdict.is_partnership, verdict.reason
    return {p.name: p.role for p in verdict.partnerships[0].participants}


def test_a_second_partnership_in_the_story_is_its_own_row():
    verdict = classify_article(
        "Lakeshore Regional Health picks Brightwell Health Systems for nurse scheduling",
        "Lakeshore Regional Health has signed a five-year agreement with Brightwell Health Systems to deploy "
        "its nurse scheduling platform across six hospitals.\n\nThe rollout starts in the spring.\n\n"
        "Separately, Lakeshore Regional Health signed a research agreement with Grand Valley State University "
        "to study nurse retention.\n\nCompetitors Acme Technologies and Zenith Systems have signed similar "
        "agreements with several health systems.",
    )
    parties = [sorted(p.name for p in x.participants) for x in verdict.partnerships]
    assert parties[0] == ["Brightwell Health Systems", "Lakeshore Regional Health"]
    assert parties[1:] == [["Grand Valley State University", "Lakeshore Regional Health"]]
    assert verdict.partnerships[1].confidence < verdict.partnerships[0].confidence
    assert "Grand Valley" in verdict.partnerships[1].evidence


@pytest.mark.parametrize(("first", "second"), [
    ("Cerner", "Oracle Health"),
    ("Allscripts", "Veradigm"),
    ("The Hillingdon Hospitals NHS Foundation Trust", "Hillingdon Hospitals NHS Trust"),
    ("University Hospitals of Leicester NHS Trust (UHL)", "University Hospitals of Leicester NHS Foundation Trust"),
])
def test_one_organisation_key_across_articles(first, second):
    """Variants and renames in different stories resolve to one key, hence one organization row."""

    def parties(name: str) -> dict[str, str]:
        verdict = classify_article(
            f"Harbor Valley Health signs EHR agreement with {name}",
            f"Harbor Valley Health has signed a ten-year agreement with {name} to deploy a new electronic "
            "health record across its hospitals, the health system said.",
        )
        return {p.key: p.name for p in verdict.partnerships[0].participants}

    assert set(parties(first)) == set(parties(second))


def test_a_defined_acronym_is_the_same_party():
    verdict = classify_article(
        "Leicester trust teams up with Microsoft on AI",
        "University Hospitals of Leicester NHS Trust (UHL) has signed a memorandum of understanding with "
        "Microsoft to explore AI tools. UHL said the work would start in the spring.",
    )
    (leicester,) = [p for p in verdict.partnerships[0].participants if "Leicester" in p.name]
    assert "UHL" in leicester.mentions and leicester.country == "GB" and leicester.role == "provider"


# Generic phrasings of real trade news, written for these tests (invented organisations).
def test_dateline_byline_and_press_release_trailer_are_not_story_text():
    from news_etl.classify import story_body

    body = story_body("By Jo Brent, Health Desk reporter\nFRESNO, Calif., May 2, 2026 /PRNewswire/ -- Acme "
                      "Health today announced a deal.\n\nAbout Acme Health\nAcme Health runs hospitals.\n")
    assert body.startswith("Fresno, Calif., May 2, 2026\nAcme Health today announced a deal.")
    assert "Health Desk" not in body and "runs hospitals" not in body

    verdict = classify_article(
        "Valley Crest Health signs EHR deal with Epic",
        "BAKERSFIELD, Calif. – Valley Crest Health has signed an agreement with Epic to replace its "
        "electronic health record across its three hospitals. The system expects to go live in 2028.")
    assert verdict.is_partnership and set(_parties(verdict)) == {"Valley Crest Health", "Epic Systems"}


def test_a_contract_awarded_to_a_start_up_is_a_vendor_contract_with_the_start_up_as_vendor():
    verdict = classify_article(
        "Harbourside Health awards scheduling contract to start-up",
        "Harbourside Health has awarded a two-year contract to local start-up Quillon Health to roll out "
        "AI-based theatre scheduling across its hospitals, the health service said on Monday. The software "
        "builds weekly theatre lists from waiting-list data.")
    assert verdict.is_partnership, verdict.reason
    assert verdict.partnerships[0].partnership_type == "vendor_contract"
    assert _parties(verdict) == {"Harbourside Health": "provider", "Quillon Health": "vendor"}


def test_connecting_to_a_shared_record_is_a_data_network_but_a_go_live_of_its_own_epr_is_not():
    joined = classify_article(
        "Westmoor hospital goes live on regional shared care record",
        "Westmoor Hospitals NHS Trust has gone live on the Northvale Care Record, the shared care record "
        "used across the county, becoming the latest trust to connect to the regional system. Clinicians "
        "can now see GP records and community care plans.")
    assert joined.is_partnership, joined.reason
    assert joined.partnerships[0].partnership_type == "data_network"
    assert set(_parties(joined)) == {"Westmoor Hospitals NHS Trust", "Northvale Care Record"}

    own = classify_article(
        "Westmoor hospital goes live on new electronic patient record",
        "Westmoor Hospitals NHS Trust went live on its new electronic patient record over the weekend, two "
        "years after signing the contract. Staff were trained over the previous six months.")
    assert not own.is_partnership


def test_an_appositive_makes_an_organisation_and_backers_and_incumbent_systems_are_not_parties():
    verdict = classify_article(
        "Lakeshore Medicine and startup to co-develop discharge assistant",
        "Lakeshore Medicine has entered an innovation partnership with Brightwater, a Denver-based startup, "
        "to co-develop a discharge assistant that works inside the hospital's Epic electronic health record, "
        "with funding from the Harlow Foundation.")
    assert verdict.is_partnership, verdict.reason
    assert _parties(verdict) == {"Lakeshore Medicine": "provider", "Brightwater": "vendor"}


def test_short_names_in_a_headline_are_the_organisations_the_story_names_in_full():
    verdict = classify_article(
        "Corvale and Ashmead form rural care alliance",
        "Corvale Health and Ashmead Health Care have formed an alliance to share specialist staff across "
        "their rural hospitals, the two providers said on Tuesday.")
    assert verdict.is_partnership, verdict.reason
    assert verdict.partnerships[0].partnership_type == "strategic_alliance"
    assert set(_parties(verdict)) == {"Corvale Health", "Ashmead Health Care"}


@pytest.mark.parametrize(("title", "text", "vendor"), [
    ("Sorrelby wins £4m contract to supply EPR to Eastmarsh Hospitals NHS Trust",
     "Sorrelby has won a £4 million contract to supply an electronic patient record to Eastmarsh Hospitals NHS "
     "Trust, the supplier said. The trust will deploy the system over two years.", "Sorrelby"),
    ("Ridgeline Health rolls out Corvix's sepsis AI across 12 hospitals",
     "Ridgeline Health is rolling out Corvix's sepsis prediction software across its 12 hospitals under a new "
     "agreement, the health system said on Tuesday. The tool flags patients at risk.", "Corvix"),
    ("Halbrook Medical Center goes with Epic for new EHR",
     "Halbrook Medical Center has chosen Epic to replace its ageing electronic health record, the hospital "
     "said Monday. Implementation begins in the spring.", "Epic Systems"),
    ("Helix Health enlists Brightmark for virtual nursing",
     "Helix Health has enlisted Brightmark, a virtual nursing company, to support bedside nurses at three "
     "hospitals. Nurses working remotely will handle admissions and discharges.", "Brightmark"),
])
def test_buying_phrasings_are_vendor_contracts_with_the_seller_as_vendor(title, text, vendor):
    verdict = classify_article(title, text)
    assert verdict.is_partnership, verdict.reason
    assert verdict.partnerships[0].partnership_type == "vendor_contract"
    assert _parties(verdict)[vendor] == "vendor" and len(_parties(verdict)) == 2


def test_customers_given_as_examples_and_a_trailer_are_not_parties():
    verdict = classify_article(
        "Coldbrook Health selects Tallis for supply chain analytics",
        "SPRINGFIELD, Mass., Jan. 14, 2026 /PRNewswire/ -- Tallis, a supply chain analytics company, today "
        "announced that Coldbrook Health has selected its platform to forecast demand for supplies. Tallis "
        "already works with health systems including Redfern Health and Marlow Health.\n\nAbout Tallis\n"
        "Tallis works with Ashgrove Health and other systems.")
    assert verdict.is_partnership, verdict.reason
    assert set(_parties(verdict)) == {"Coldbrook Health", "Tallis"}


@pytest.mark.parametrize(("title", "text", "parties"), [
    ("Pellham Medical Center connects to CommonWell",
     "Pellham Medical Center has become the latest hospital to connect to the CommonWell Health Alliance network, "
     "allowing its clinicians to retrieve records from other providers nationwide. The hospital said it "
     "completed testing in March.", {"Pellham Medical Center", "CommonWell Health Alliance"}),
    ("Tallow Valley hospitals now live on statewide HIE",
     "Tallow Valley Health's three hospitals are now live on Brightline HIE, the statewide health information "
     "exchange, and are sharing admission alerts with primary care practices. The system signed on last year.",
     {"Tallow Valley Health", "Brightline HIE"}),
    ("Two more trusts sign up to regional data platform",
     "Calder NHS Trust and Fenwick NHS Foundation Trust have signed up to the Northern Research Data Platform, "
     "adding records for two million patients to the regional data-sharing network. Researchers apply for "
     "access through a committee.", {"Calder NHS Trust", "Fenwick NHS Foundation Trust",
                                     "Northern Research Data Platform"}),
])
def test_joining_phrasings_are_data_networks_and_a_network_name_is_no_alliance(title, text, parties):
    verdict = classify_article(title, text)
    assert verdict.is_partnership, verdict.reason
    assert verdict.partnerships[0].partnership_type == "data_network"
    assert set(_parties(verdict)) == parties


@pytest.mark.parametrize(("title", "text"), [
    ("Boston-based AI startup Zorbly signs deal with Marlow Health",
     "Boston-based AI startup Zorbly has signed a three-year agreement with Marlow Health to deploy its triage "
     "software in the emergency department, the company said. The tool sorts patients by urgency."),
    ("Marlow Health partners with London-based startup Zorbly",
     "Marlow Health has signed a partnership with London-based startup Zorbly to pilot AI triage in its "
     "emergency department. The tool sorts patients by urgency."),
    ("Marlow Health signs deal for AI triage",
     "Marlow Health has signed a three-year agreement to deploy AI triage software from Zorbly in its emergency "
     "departments, the health system said. The tool sorts patients by urgency."),
    ("Marlow Health picks supplier for AI triage",
     "Marlow Health has signed a contract for AI triage in its emergency departments. The contract, worth £2m, "
     "was awarded to Zorbly after a tender, the health system said."),
])
def test_a_vendor_named_by_description_or_as_supplier_of_what_is_bought_is_the_vendor_party(title, text):
    verdict = classify_article(title, text)
    assert verdict.is_partnership, verdict.reason
    assert _parties(verdict) == {"Marlow Health": "provider", "Zorbly": "vendor"}


def test_a_merger_in_other_words_is_no_partnership():
    verdict = classify_article(
        "Elmstead Health signs definitive agreement to join Corbin Health",
        "Elmstead Health has signed a definitive agreement to join Corbin Health, creating a 12-hospital system. "
        "Elmstead will become part of the Corbin system once regulators approve.")
    assert not verdict.is_partnership, verdict.reason


@pytest.mark.parametrize(("title", "text", "parties"), [
    ("Quenby and Genome Institute of Arland launch joint study",  # "X and the Y" is two names
     "Quenby and the Genome Institute of Arland have launched a joint research study of heart "
     "disease in 10,000 patients.", {"Quenby", "Genome Institute of Arland"}),
    # "Mercy" is a health system of the gazetteer; "Ardent Mercy Health" is another one, unknown.
    ("Ardent Mercy Health selects Zorblatt for imaging AI",
     "Ardent Mercy Health has selected Zorblatt to deploy its imaging AI across 40 hospitals under a "
     "multiyear agreement.", {"Ardent Mercy Health", "Zorblatt"}),
    ("Three trusts award shared record contract to Zorblatt",  # the supplier awarded to; a camel-case buyer
     "eQuenby Arland has awarded a contract worth around £100 million to Zorblatt for a single "
     "electronic patient record across its three hospitals.", {"eQuenby Arland", "Zorblatt"}),
    ("Marlow Health partners with Zorbly and Quenby on virtual wards",
     "Marlow Health has partnered with Zorbly and Quenby to run virtual wards for patients with heart failure, "
     "the health system said on Monday. Nurses will monitor patients remotely.",
     {"Marlow Health", "Zorbly", "Quenby"}),
    ("Zorbly selected by Marlow Health for AI triage",
     "Zorbly has been selected by Marlow Health to provide AI triage software to its emergency departments "
     "under a three-year contract. The tool sorts patients by urgency.", {"Zorbly", "Marlow Health"}),
    ("Hospices and trust agree end-of-life alliance",
     "Saint Aldhelm Hospices, Hospice in the Fenland and Wexcombe Community Health NHS Foundation Trust have "
     "agreed a formal alliance to coordinate end-of-life care across the county.",
     {"Saint Aldhelm Hospices", "Hospice in the Fenland", "Wexcombe Community Health NHS Foundation Trust"}),
])
def test_every_party_is_found_and_no_other(title, text, parties):
    verdict = classify_article(title, text)
    assert verdict.is_partnership, verdict.reason
    assert set(_parties(verdict)) == parties


@pytest.mark.parametrize(("title", "text", "parties"), [
    ("Harbor Health South Florida and Quenby Meridian Health join Zorblatt",  # a name ending in a region
     "Two more health systems have signed on as members of Zorblatt, the data network. Zorblatt said Harbor "
     "Health South Florida and Quenby Meridian Health will begin contributing records this year.",
     {"Harbor Health South Florida", "Quenby Meridian Health"}),
    ("Zorblatt adds two health systems to its exchange",  # parties announced in reported speech
     "Zorblatt, the nonprofit exchange serving two states, said Quenby and Brindlework have joined its "
     "network under participation agreements signed this month.", {"Zorblatt", "Quenby", "Brindlework"}),
])
def test_these_parties_are_among_those_found(title, text, parties):
    verdict = classify_article(title, text)
    assert parties <= {p.name for p in verdict.partnerships[0].participants}


@pytest.mark.parametrize(("title", "text"), [
    ("Marlow Health in AI tie-up with Zorbly",
     "Marlow Health has agreed a tie-up with Zorbly to test AI triage in its emergency departments, the health "
     "system said. The tool sorts patients by urgency."),
    ("Marlow Health teams with Zorbly on triage",
     "Marlow Health teams with Zorbly to bring AI triage to its emergency departments this winter. The tool "
     "sorts patients by urgency."),
    ("Marlow Health to pilot Zorbly's triage tool",
     "Marlow Health will pilot Zorbly's AI triage tool in two emergency departments this winter, the health "
     "system said on Monday. The tool sorts patients by urgency."),
])
def test_trade_news_phrasings_of_a_new_deal_are_partnerships(title, text):
    verdict = classify_article(title, text)
    assert verdict.is_partnership, verdict.reason
    assert set(_parties(verdict)) == {"Marlow Health", "Zorbly"}


def test_a_supplier_appointed_and_a_go_live_to_come_make_a_vendor_contract():
    verdict = classify_article(
        "Eastmarsh trust appoints Sorrelby as EPR supplier",
        "Eastmarsh Hospitals NHS Trust has appointed Sorrelby as its preferred supplier for a new electronic "
        "patient record, following a competitive tender. The system is expected to go live in 2028.")
    assert verdict.is_partnership, verdict.reason
    assert verdict.partnerships[0].partnership_type == "vendor_contract"
    assert _parties(verdict) == {"Eastmarsh Hospitals NHS Trust": "provider", "Sorrelby": "vendor"}


def test_saying_a_partnership_is_not_a_merger_does_not_make_it_one():
    verdict = classify_article(
        "Two trusts agree clinical partnership",
        "Westmoor Hospitals NHS Trust and Calder NHS Trust have agreed a formal partnership to share consultant "
        "rotas. The trusts stressed that the partnership is not a merger.")
    assert verdict.is_partnership, verdict.reason
    assert verdict.partnerships[0].partnership_type == "strategic_alliance"


def test_the_supplier_being_replaced_is_no_party_of_either_partnership():
    verdict = classify_article(
        "Halbrook Medical Center picks Epic",
        "Halbrook Medical Center has signed an agreement with Epic, replacing Meditech after 20 years, the "
        "hospital said. Implementation begins in the spring.")
    assert verdict.is_partnership, verdict.reason
    assert [set(_parties(verdict))] == [{p.name for p in x.participants} for x in verdict.partnerships]
    assert set(_parties(verdict)) == {"Halbrook Medical Center", "Epic Systems"}


def test_the_word_separate_is_no_other_deal_and_where_the_work_happens_is_no_party():
    verdict = classify_article(
        "Northvale Health selects Corvix for virtual care",
        "Northvale Digital has awarded Corvix a contract to provide video consultations across Northvale "
        "Health's hospitals, replacing several separate systems. The five-year deal covers outpatient clinics "
        "and mental health services.")
    assert verdict.is_partnership, verdict.reason
    assert set(_parties(verdict)) == {"Northvale Health", "Corvix", "Northvale Digital"}
    alliance = classify_article(
        "Two hospitals form alliance to support public hospitals",
        "Hospital Santa Brígida and Hospital Vale Verde have signed a strategic alliance to provide specialist "
        "support to public hospitals in Brazil's Unified Health System, the two hospitals said.")
    assert set(_parties(alliance)) == {"Hospital Santa Brígida", "Hospital Vale Verde"}


def test_a_title_case_headline_names_its_parties_and_evidence_quotes_it_as_written():
    from news_etl.classify import headline_case

    assert headline_case("Halbrook Medical Center Taps Epic For Revenue Cycle Overhaul") == (
        "Halbrook Medical Center taps Epic for Revenue Cycle Overhaul")
    assert headline_case("Halbrook signs deal with Epic") == "Halbrook signs deal with Epic"
    title = "Marlow Health Partners With Zorbly To Expand Virtual Nursing"
    verdict = classify_article(title, "The health system will deploy the virtual nursing platform in four hospitals "
                                      "this year, executives said. Nurses will work remotely.")
    assert verdict.is_partnership, verdict.reason
    assert set(_parties(verdict)) == {"Marlow Health", "Zorbly"}
    assert verdict.partnerships[0].evidence.startswith(title)


def test_a_based_description_gives_an_unknown_vendor_its_country():
    verdict = classify_article(
        "Coldbrook Health selects Tallis for supply chain analytics",
        "Coldbrook Health has selected Tallis, a Chicago-based analytics company, to forecast demand for "
        "supplies across its hospitals under a three-year agreement.")
    assert {p.name: p.country for p in verdict.partnerships[0].participants}["Tallis"] == "US"


def test_a_place_in_the_opening_gives_local_bodies_the_story_country():
    # One mention of the city, in the first sentence: enough for the provider and the university
    # (a vendor keeps no country it is not given).
    verdict = classify_article(
        "Westbrook Health and Deakin University partner on emergency AI research",
        "Westbrook Health and Deakin University have launched a research partnership to study how machine "
        "learning can predict admissions, the Melbourne health service said.\n\nThe team will publish its "
        "methods and share the models with other hospitals.")
    assert verdict.is_partnership, verdict.reason
    assert {p.name: p.country for p in verdict.partnerships[0].participants} == {
        "Westbrook Health": "AU", "Deakin University": "AU"}


def test_an_acronym_in_the_headline_is_the_party_the_lead_defines_it_for():
    verdict = classify_article(
        "NVH and Zentrix Bio to co-develop rapid blood test",
        "Northfield Valley NHS Foundation Trust (NVH) is working with Zentrix Bio to develop a rapid blood "
        "test for sepsis. The two organisations have signed a two-year collaboration agreement.")
    assert set(_parties(verdict)) == {"Northfield Valley NHS Foundation Trust", "Zentrix Bio"}


def test_an_appositive_in_the_subject_and_a_place_after_a_college_name_do_not_hide_parties():
    verdict = classify_article(
        "Lakeshore Hospital and Quillon launch joint ICU research programme",
        "Lakeshore Hospital and Quillon, the Quebec artificial intelligence institute, are launching a joint "
        "research program to test early-warning models in intensive care.")
    assert set(_parties(verdict)) == {"Lakeshore Hospital", "Quillon"}
    verdict = classify_article(
        "Trinity College Dublin and Glenmore Hospital launch falls research programme",
        "Trinity College Dublin and Glenmore Hospital have launched a five-year research programme to test "
        "whether wearable sensors can predict falls in older patients.")
    assert _parties(verdict) == {"Trinity College Dublin": "academic", "Glenmore Hospital": "provider"}


def test_a_school_named_after_two_fields_is_one_academic_party_and_a_kicker_is_no_name():
    verdict = classify_article(
        "Q&A: Why Ridgeway Clinic and UW are teaming up on rural health research",
        "Ridgeway Clinic and the University of Wisconsin School of Medicine and Public Health have signed a "
        "research collaboration focused on rural health.")
    parties = _parties(verdict)
    assert parties["Ridgeway Clinic"] == "provider"
    assert parties["University of Wisconsin School of Medicine and Public Health"] == "academic"
    assert not [name for name in parties if name.startswith(("Why", "Q&A", "Public Health"))]


def test_a_colon_dateline_is_a_place_not_part_of_a_name():
    verdict = classify_article(
        "Kavery Institute of Oncology joins national cancer network",
        "BENGALURU: Kavery Institute of Oncology has joined the National Tumour Grid, a network of cancer "
        "centres that share treatment protocols and research data across India.")
    assert "Kavery Institute of Oncology" in _parties(verdict)


def test_talks_that_failed_are_no_partnership():
    verdict = classify_article(
        "Brookfield Health and Meridia Insurance at impasse as contract deadline nears",
        "Brookfield Health and Meridia Insurance have failed to agree on a new contract, and the health "
        "system's hospitals could leave the insurer's network on March 1, the organizations said.")
    assert not verdict.is_partnership, verdict.reason


def test_a_place_before_a_company_description_gives_the_vendor_its_country():
    verdict = classify_article(
        "Harbourside Hospital signs with Finnish startup Nordlytic",
        "Harbourside Hospital has signed a three-year contract with Finnish startup Nordlytic to run its "
        "bed-management software.")
    assert {p.name: p.country for p in verdict.partnerships[0].participants}["Nordlytic"] == "FI"


def test_the_gazetteer_trie_finds_what_an_alternation_longest_first_finds():
    import re

    from news_etl.places import trie_pattern
    forms = ["Mayo", "Mayo Clinic", "Mayo Clinic Health System", "May", "Epic", "Epic Systems", "NHS", "NHS England"]
    text = ("Mayo Clinic Health System and Mayo Clinic's board met May 4; Epic Systems, Epicure and NHS England "
            "joined Mayo. NHS Englander Mayor")
    ends = r"(?![\w]|\.\w)"
    alternation = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                             + ")" + ends)
    trie = re.compile(r"(?<![\w.])" + trie_pattern(forms) + ends)
    found = [m.group(0) for m in trie.finditer(text)]
    assert found == [m.group(0) for m in alternation.finditer(text)]
    assert found == ["Mayo Clinic Health System", "Mayo Clinic", "May", "Epic Systems", "NHS England", "Mayo", "NHS"]


def test_a_party_referred_back_to_by_place_and_kind_takes_that_place():
    verdict = classify_article(
        "Harbourside Hospital signs ten-year deal with Quillomatic",
        "Harbourside Hospital has signed a ten-year contract with Quillomatic for its patient record. "
        "The Massachusetts-based vendor will move the hospital's records to its cloud next year, the "
        "hospital said.")
    countries = {p.name: p.country for p in verdict.partnerships[0].participants}
    assert countries["Quillomatic"] == "US"


def test_a_place_description_that_fits_two_parties_settles_neither():
    verdict = classify_article(
        "Quillomatic and Brindlework team up on scheduling tools",
        "Quillomatic and Brindlework have signed an agreement to build scheduling tools together, "
        "the Boston company said.")
    assert {p.country for p in verdict.partnerships[0].participants} == {None}


def test_every_party_of_a_three_name_list_is_found():
    verdict = classify_article(
        "Kestrel Permanente, Harlow and Ansel Medicine launch trial of sepsis alerts",
        "Kestrel Permanente, Harlow and Ansel Medicine have launched a joint clinical trial to test whether a "
        "sepsis alert improves outcomes in their hospitals.")
    assert {p.name for p in verdict.partnerships[0].participants} == {
        "Kestrel Permanente", "Harlow", "Ansel Medicine"}


def test_a_list_item_after_the_is_no_appositive():
    verdict = classify_article(
        "Brindle Healthcare and partners open AI lab",
        "Brindle Healthcare, the Quenby Institute of Technology and Zorblatt have signed a memorandum of "
        "understanding to create a joint lab that will develop AI tools for hospital operations.")
    assert "Zorblatt" in {p.name for p in verdict.partnerships[0].participants}


def test_what_an_unknown_name_is_used_with_gives_its_kind():
    verdict = classify_article(
        "Quenby and Brindlework sign innovation partnership",
        "Quenby has signed a five-year innovation partnership with Brindlework to jointly develop remote "
        "monitoring for its virtual wards. Quenby clinicians and Brindlework engineers will co-design an "
        "early-warning system.")
    roles = {p.name: p.role for p in verdict.partnerships[0].participants}
    assert roles == {"Quenby": "provider", "Brindlework": "vendor"}


def test_each_gazetteer_matches_its_own_names_however_briefly_it_lives():
    # Gazetteers made and dropped one after another (as evaluation's blind readings do) often
    # share an id; what one compiled must not answer for the next.
    def names_found(name: str) -> list[tuple[str, bool]]:
        gazetteer = Gazetteer(version="test")
        org = KnownOrg(name=name, org_type="vendor", country="US")
        gazetteer.orgs.append(org)
        gazetteer.by_key[org_key(name)] = org
        refs = find_organizations(f"Officials at {name} said the contract was signed.", gazetteer)
        return [(r.name, r.known) for r in refs]

    for name in ("Quillomatic Systems", "Brindlework Analytics", "Zorblatt Cloud"):
        assert names_found(name) == [(name, True)]


def test_a_press_release_trailer_gives_a_party_its_headquarters_country():
    verdict = classify_article(
        "Harbourside Hospital selects Quillomatic for bed management",
        "Harbourside Hospital has selected Quillomatic to run its bed-management software under a "
        "five-year contract.\n\nAbout Quillomatic\nQuillomatic, founded in 2016, is headquartered in Oslo, "
        "Norway, and serves 300 hospitals.")
    countries = {p.name: p.country for p in verdict.partnerships[0].participants}
    assert countries["Quillomatic"] == "NO"


def test_a_known_name_after_a_place_possessive_or_a_preposition_keeps_its_entry():
    verdict = classify_article(
        "Ireland's Health Service Executive signs contract with Zorblatt",
        "Ireland's Health Service Executive has signed a five-year contract with Zorblatt to supply "
        "scheduling software to its hospitals.")
    assert "Health Service Executive" in {p.name for p in verdict.partnerships[0].participants}


_BACKGROUND = ("Regional hospitals have struggled for years to find enough beds for young patients in crisis. "
               "State figures show waits in emergency departments growing longer every winter. "
               "Several counties have no specialist at all, according to the state hospital association. "
               "Families often travel hundreds of miles for an inpatient bed. ")


def test_a_page_that_opens_with_its_own_headline_reads_the_headline_once():
    from news_etl.classify import read_article
    from news_etl.orgs import load_gazetteer
    title = "Quenby Health and Zorblatt form venture to build a children's hospital"
    reading = read_article(title, title + "\n\n" + _BACKGROUND, load_gazetteer())
    assert reading.sentences.count(title) == 1


def test_a_three_party_list_announced_after_background_paragraphs_gives_three_parties():
    from news_etl.classify import read_article
    from news_etl.orgs import load_gazetteer
    reading = read_article(
        "Three regional organisations form joint venture for a children's hospital",
        _BACKGROUND + "On Monday, three organisations said they would close part of that gap together. "
        "Quenby Health, Brindlework Children's and Zorblatt Care have formed a joint venture to build and run "
        "a 72-bed hospital, with the first patients expected in 2028.", load_gazetteer())
    names = {p.name for p in reading.participants}
    assert {"Quenby Health", "Brindlework Children's", "Zorblatt Care"} <= names, names


def test_a_supplier_a_buyer_is_bringing_in_is_a_party():
    verdict = classify_article(
        "Quenby Health brings in Zorblatt for ambient documentation",
        "Quenby Health is bringing in Zorblatt to supply ambient documentation across Quenby Medical Group, "
        "under a multiyear enterprise agreement.")
    assert "Zorblatt" in {p.name for p in verdict.partnerships[0].participants}


def test_a_pronoun_opening_a_later_sentence_is_no_party_name():
    from news_etl.party_slots import announced_parties
    assert "They" not in announced_parties("They join the Missouri health system that joined the Zorblatt platform.")
    assert "A" not in announced_parties("A partner at the fund will join Zorblatt's board.")


@pytest.mark.parametrize("sentence", [
    "In June, Halden Clinic partnered with Zentrix Systems to build a triage tool.",
    "On Feb. 3, Halden Clinic and Zentrix Systems signed an agreement on triage.",
    "In March 2025, Halden Clinic signed a contract with Zentrix Systems.",
])
def test_a_date_opening_the_sentence_is_no_party_and_hides_none(sentence):
    from news_etl.party_slots import announced_parties
    assert sorted(announced_parties(sentence)) == ["Halden Clinic", "Zentrix Systems"]


def test_the_announcement_naming_the_headlines_party_wins_over_background_naming_two_others():
    verdict = classify_article(
        "University hospital and Zorblatt to build a clinical language model",
        "Quenby University Hospital has been an early adopter of digital tools among the region's hospitals. "
        "Its own Brindle Institute for Data already works together with the Arland Hospital Fund "
        "on other projects. "
        "An innovation partnership between Quenby University Hospital and Zorblatt, the Berlin AI company, "
        "was signed this week to build a model for clinical notes.")
    assert verdict.is_partnership, verdict.reason
    names = {p.name for p in verdict.partnerships[0].participants}
    assert {"Quenby University Hospital", "Zorblatt"} <= names, names
    assert "Brindle Institute for Data" not in names, names


def test_the_cues_of_a_late_announcing_sentence_reach_the_detector():
    from news_etl.classify import read_article
    from news_etl.orgs import load_gazetteer
    reading = read_article(
        "A new hospital for children in crisis",
        _BACKGROUND + "Quenby Health and Zorblatt Care have formed a joint venture to build and run the hospital.",
        load_gazetteer())
    assert reading.features["cue_lead"] == 0
    assert reading.features["cue_parties_past_lead"] > 0  # weighed apart: the sentence stands past the lead


def test_a_later_background_sentence_naming_a_party_adds_no_parties():
    verdict = classify_article(
        "Quenby Health joins Zorblatt, extending a hospital data network",
        "Quenby Health has joined the Zorblatt hospital data network. " + _BACKGROUND
        + "Zorblatt is hosted by Brindlework Health Partners, which set up the network in 2015.")
    names = {p.name for p in verdict.partnerships[0].participants}
    assert names == {"Quenby Health", "Zorblatt"}, names


def test_a_subject_referring_back_to_the_organisation_of_the_sentence_before_is_that_party():
    from news_etl.classify import read_article
    from news_etl.orgs import load_gazetteer
    reading = read_article(
        "A Santiago hospital becomes the first member of a care network in Chile",
        _BACKGROUND + "Quenby Clinic has now looked north for an edge. "
        "The hospital joined the Zorblatt Care Network as its first member in Chile, the two said on Wednesday.",
        load_gazetteer())
    assert {p.name for p in reading.participants} >= {"Quenby Clinic", "Zorblatt Care Network"}


# Eight sentences of background (invented), longer than the announcing window of a long story.
_LONG_BACKGROUND = _BACKGROUND + (
    "Staff shortages have closed two paediatric units in the last five years. "
    "Parents describe nights spent in corridors waiting for a transfer. "
    "Local officials have asked for a regional answer more than once. "
    "A review published in the spring called the situation unsustainable. ")


def test_an_announcement_past_the_window_gives_its_parties_and_says_it_came_late():
    from news_etl.classify import read_article
    from news_etl.orgs import load_gazetteer
    reading = read_article("A regional answer for children in crisis",
                           _LONG_BACKGROUND + "Quenby Health has now signed an agreement with Zorblatt Care "
                           "to run a shared children's unit.", load_gazetteer())
    assert {p.name for p in reading.participants} == {"Quenby Health", "Zorblatt Care"}
    assert reading.features["parties_late"] == 1.0


def test_a_deal_of_the_past_told_late_in_a_story_gives_no_parties():
    from news_etl.classify import read_article
    from news_etl.orgs import load_gazetteer
    reading = read_article("Quenby Health reports a record year",
                           _LONG_BACKGROUND + "Quenby Health signed an agreement with Zorblatt Care "
                           "years ago, and the two still work together.", load_gazetteer())
    assert len(reading.participants) < 2
    assert reading.features["parties_late"] == 0.0


@pytest.mark.parametrize(("text", "names"), [
    # a body named for the places it serves, the name's head first
    ("The contract was awarded to Zorblatt by NHS Quenbyshire & Arland this week.",
     {"Zorblatt", "NHS Quenbyshire & Arland"}),
    ("NHS Tolworth and Brindle Integrated Care Board has signed a contract with Zorblatt Systems.",
     {"NHS Tolworth and Brindle Integrated Care Board", "Zorblatt Systems"}),
    ("NHS Tolworth and NHS Brindle have signed a contract with Zorblatt Systems.",
     {"NHS Tolworth", "NHS Brindle", "Zorblatt Systems"}),
    # connectors of names in other languages; initials inside a name
    ("The Instituto Nacional de Ciencias y Nutrición Quenby is partnering with Zorblatt Labs.",
     {"Instituto Nacional de Ciencias y Nutrición Quenby", "Zorblatt Labs"}),
    ("Q.R. Care Health Plan has joined Zorblatt Health Network.", {"Q.R. Care Health Plan", "Zorblatt Health Network"}),
    # where a name is, said before or after it, is no part of it
    ("Quenby-based Arland Medical Center has signed an agreement with Zorblatt Systems.",
     {"Arland Medical Center", "Zorblatt Systems"}),
    ("Quenby Teaching Hospital in Arland and Brindle Teaching and Referral Hospital in Zorton have signed "
     "a partnership.", {"Quenby Teaching Hospital", "Brindle Teaching and Referral Hospital"}),
])
def test_organisations_the_gazetteer_does_not_know_are_named_whole(text, names):
    from news_etl.party_slots import announced_parties
    found = {o.name for o in find_organizations(text, Gazetteer(version="empty"), announced_parties(text))}
    assert names <= found, found


def test_a_head_word_alone_a_common_word_and_places_before_a_place_noun_are_no_organisations():
    text = ("Hospitals across the region will share beds. Radiologists at Quenby Medical Center will read scans "
            "between the Arland and Brindle areas, where radiologists are scarce.")
    from news_etl.party_slots import announced_parties
    slots = [n for s in text.split(". ") for n in announced_parties(s)] + ["Radiologists"]
    found = {o.name for o in find_organizations(text, Gazetteer(version="empty"), slots)}
    assert found == {"Quenby Medical Center"}, found


def test_a_health_plan_is_a_payer_and_a_clinica_a_provider():
    assert infer_org_type("Q.R. Care Health Plan") == "payer"
    assert infer_org_type("Clínica Quenby de Arland") == "provider"
    assert infer_org_type("NHS Quenbyshire") == "provider"


def test_the_hospital_a_later_sentence_refers_back_to_is_the_last_hospital_named():
    verdict = classify_article(
        "A hospital enlists a sepsis startup",
        "Quenby Hospital has run a sepsis programme on two wards since the spring. "
        "Studies by the Arland Institute of Sepsis have found mortality well above the national average. "
        "On Tuesday the hospital said it had enlisted Zorblatt, a Brindle-based startup, under a "
        "three-year agreement to run its early-warning software.")
    assert set(_parties(verdict)) == {"Quenby Hospital", "Zorblatt"}


def test_the_three_systems_refers_back_to_the_sentence_that_names_them():
    verdict = classify_article(
        "Three systems form a joint venture for maternity care",
        "Rural maternity units keep closing. Quenby Health, Arland Clinic and Brindle Medical Center say "
        "they have found an answer. The three systems have formed a joint venture to employ obstetric staff.")
    assert set(_parties(verdict)) == {"Quenby Health", "Arland Clinic", "Brindle Medical Center"}


def test_the_members_of_a_consortium_led_by_one_and_including_others_are_parties():
    verdict = classify_article(
        "A regional imaging network for the south-west",
        "A consortium led by Quenby Digital Health Authority and including Arland University Health Board and "
        "Brindle University Health Board will form a shared regional imaging network.")
    assert set(_parties(verdict)) == {"Quenby Digital Health Authority", "Arland University Health Board",
                                      "Brindle University Health Board"}


def test_the_source_of_a_figure_is_no_party():
    verdict = classify_article(
        "Quenby Health partners with Zorblatt Care on child psychiatry",
        "Quenby Health has partnered with Zorblatt Care to add child psychiatry beds, as waits rose by a third, "
        "according to the Arland Hospital Association.")
    assert set(_parties(verdict)) == {"Quenby Health", "Zorblatt Care"}


def test_a_sentence_with_an_announcement_cue_names_the_parties_before_one_with_a_relation_word_only():
    verdict = classify_article(
        "Public and private hospitals to share catheter labs",
        "Patients waiting at Quenby General Hospital could be treated nearby under a new arrangement between "
        "the Arland Health Executive and a private operator. Brindle Hospital Group and Zorblatt Health System "
        "have now agreed a five-year collaboration to share catheter lab capacity.")
    assert set(_parties(verdict)) == {"Brindle Hospital Group", "Zorblatt Health System"}


def test_systems_acquired_over_the_years_are_no_acquisition():
    verdict = classify_article(
        "Quenby Health to roll out Zorblatt imaging",
        "Quenby Health will roll out an enterprise imaging system from Zorblatt across its hospitals under a "
        "seven-year agreement, replacing five separate systems acquired over the past fifteen years.")
    assert verdict.is_partnership, verdict.reason


def test_the_body_a_named_officer_serves_is_an_organisation_whatever_its_name():
    text = ("Quenby Health will use Zorblatt's triage software, Quenby Health said. \"It fits our wards,\" said "
            "Zorblatt chief executive Ana Reyes. Former CEO Tom Hale agreed.")
    found = {o.name for o in find_organizations(text, Gazetteer(version="empty"))}
    assert "Zorblatt" in found and "Former" not in found, found


def test_a_press_release_trailer_profiling_a_brand_word_company_makes_it_an_organisation():
    # Nothing else says Zorblatt is an organisation: no head word, no slot after "with" or "selects".
    verdict = classify_article(
        "Quenby Health signs sepsis alert deal",
        "Quenby Health has signed a five-year agreement under which Zorblatt will run sepsis alerts on its "
        "wards.\n\nAbout Zorblatt\nZorblatt makes early-warning software for hospitals.")
    assert set(_parties(verdict)) == {"Quenby Health", "Zorblatt"}


@pytest.mark.parametrize(("title", "text"), [
    ("Quenby Health will not renew its Zorblatt contract",
     "Quenby Health has decided not to renew its agreement with patient messaging supplier Zorblatt when it "
     "expires in March, and will move reminders to a national app."),
    ("Zorblatt swallows Arland Labs, its partner since 2020",
     "Zorblatt has swallowed Arland Labs, its telehealth partner since 2020, for an undisclosed sum."),
])
def test_a_deal_not_renewed_and_a_partner_swallowed_are_no_partnerships(title, text):
    verdict = classify_article(title, text)
    assert not verdict.is_partnership, verdict.reason


def test_a_ministry_named_after_health_and_welfare_is_one_name_and_an_owner_is_no_party():
    found = {o.name for o in find_organizations("The Quenby Ministry of Health and Welfare said so.",
                                                Gazetteer(version="empty"))}
    assert found == {"Quenby Ministry of Health and Welfare"}, found
    verdict = classify_article(
        "Zorblatt signs hospital deal with Quenby Health",
        "Zorblatt, majority-owned by the private equity firm Arland Capital Partners, has signed an agreement "
        "with Quenby Health to supply its scheduling platform.")
    assert set(_parties(verdict)) == {"Zorblatt", "Quenby Health"}


def test_names_in_other_languages_take_their_kind_from_their_head_and_a_folded_name_its_country():
    assert infer_org_type("Universidad de Quenby") == "academic"
    assert infer_org_type("Instituto de Efectividad Clínica y Sanitaria") == "academic"
    text = ("Hospital Quenby de Buenos Aires has signed an agreement with Zorblatt Labs. "
            "Hospital Quenby will run the study.")
    from news_etl.party_slots import announced_parties
    refs = find_organizations(text, Gazetteer(version="empty"), ["Hospital Quenby", *announced_parties(text)])
    assert next(r.country for r in refs if r.name.startswith("Hospital Quenby")) == "AR"


def test_an_appositive_describes_a_name_with_connectors_and_a_place_possessive_is_no_part_of_a_party():
    text = "Fundación Quenby del Arland, a 300-bed non-profit hospital in Cali, has chosen Zorblatt Systems."
    found = {o.name for o in find_organizations(text, Gazetteer(version="empty"))}
    assert "Fundación Quenby del Arland" in found, found
    verdict = classify_article("Maryland's Quenby Exchange and Zorblatt Network sign data-sharing deal",
                               "Maryland's Quenby Exchange and the Zorblatt Network have signed a data-sharing "
                               "agreement to connect their members.")
    assert set(_parties(verdict)) == {"Quenby Exchange", "Zorblatt Network"}


def test_forming_something_held_in_common_announces_a_partnership():
    verdict = classify_article(
        "Three academic centres build a research platform",
        "Quenby Medical Center, Arland University Hospital and Brindle Medical Center have formed a federated "
        "data platform for heart research, in which each keeps its records on its own servers.")
    assert verdict.is_partnership, verdict.reason
    assert set(_parties(verdict)) == {"Quenby Medical Center", "Arland University Hospital", "Brindle Medical Center"}


@pytest.mark.parametrize(("title", "text", "parties"), [
    # What was signed is no one who signed it, and a clause's preposition opens no name.
    ("Ministry and Zentrix sign MoU on digital records",
     "The Ministry of Health of Kavaria and Zentrix Systems have signed an MoU to build a national digital "
     "health record. Through the Memorandum of Understanding, Zentrix will provide its cloud platform and train "
     "300 staff. The MoU runs for three years, the ministry said.",
     {"Ministry of Health of Kavaria", "Zentrix Systems"}),
    # A long name whose "in" says what the body works in, and whose "and" joins two fields.
    ("Institute signs agreement with robotics lab",
     "The Halvorsen National Institute for Research in Digital Health and Data Science has signed a collaboration "
     "agreement with Brightmoor Robotics Laboratory to develop AI tools for rural clinics.",
     {"Halvorsen National Institute for Research in Digital Health and Data Science",
      "Brightmoor Robotics Laboratory"}),
    ("Kidney institute and Corvell Analytics to co-develop dialysis tools",
     "The Halvorsen Institute for Research in Kidney Disease will co-develop dialysis scheduling tools with "
     "Corvell Analytics under a three-year agreement announced on Monday.",
     {"Halvorsen Institute for Research in Kidney Disease", "Corvell Analytics"}),
    # An officer's title ends the employer's name.
    ("Rivermead Health switches its records to Epic",
     "Rivermead Health is switching its electronic records system to Epic. Rivermead Health CEO Dr. Jane "
     "Holloway announced the ten-year contract with Epic Systems in a message to staff on Tuesday.",
     {"Rivermead Health", "Epic Systems"}),
    # A second half made of fields and kinds of body belongs to the first: one name, not two.
    ("Tarrow hospital signs imaging deal",
     "The University of Tarrow Hospital and Health Sciences System has signed a contract with Quillon Imaging "
     "to replace its radiology archive.",
     {"University of Tarrow Hospital and Health Sciences System", "Quillon Imaging"}),
    ("Fenmoor hospital joins exchange",
     "Fenmoor General Hospital & Family of Clinics has signed an agreement with Cascade Records Exchange to share "
     "patient records with physicians across the region.",
     {"Fenmoor General Hospital & Family of Clinics", "Cascade Records Exchange"}),
    # A date or an event opening the sentence is no name; a local authority in lower case is one.
    ("Zentrix and Halden Clinic agree research pact",
     "On November 16 2024, Zentrix Systems and Halden Clinic signed a five-year research agreement on sepsis "
     "prediction. At HIMSS25 today, both said the first results would come next year.",
     {"Zentrix Systems", "Halden Clinic"}),
    ("Council and CCG award care record contract",
     "Hartwell council and the local clinical commissioning group have awarded a five-year, £6m contract to "
     "Orion Health for a shared care record covering social care and GP practices.",
     {"Hartwell council", "Orion Health"}),
    ("State taps Kestrel Health for virtual care",
     "The Western Australian government has tapped Kestrel Health to run a statewide virtual emergency care "
     "service under a four-year, A$40 million contract.",
     {"Western Australian government", "Kestrel Health"}),
])
def test_agreements_prepositions_and_topics_are_no_names(title, text, parties):
    assert set(_parties(classify_article(title, text))) == parties
