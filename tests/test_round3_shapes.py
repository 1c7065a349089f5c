"""Detection on issue 5's third round of real-news shapes: stories with contract words that
announce no new agreement (a tender still to come, a contract run out, an audit of an earlier
award), a health system's stake in a company, opinion and explainer labels, rules finalised by
agencies; and announcements the cues missed (a network taking in a member, a company co-owned
by many systems, members named in the subject). Every sentence here is invented."""

from __future__ import annotations

import pytest
from news_etl.classify import classify_article, headline_case, read_article
from news_etl.cues import negative_score, positive_score
from news_etl.entities import find_organizations
from news_etl.orgs import infer_org_type, load_gazetteer
from news_etl.party_slots import announced_parties


@pytest.mark.parametrize("sentence", [
    "Westbrook Health is looking to procure a single electronic patient record for its three hospitals.",
    "The board plans to procure a new pathology system, according to a prior information notice.",
    "The agency will open its records arrangement to competitive tender, a decade after awarding it to Accenture.",
    "The latest two-year contract with the operator officially expired at the end of March.",
    "The minister asked for an inquiry into how the scheduling contract was awarded without competition.",
    "The council has told its internal audit team to review the circumstances in which a supplier won the work.",
    "The group said its purchase of the software is now the subject of an internal audit review.",
])
def test_a_buyer_still_looking_a_lapsed_contract_and_an_audit_of_an_award_announce_no_new_agreement(sentence):
    assert positive_score(sentence) == 0.0, sentence
    assert negative_score(sentence) > 0, sentence


def test_a_contract_still_running_a_tender_won_and_a_notice_of_award_keep_their_cues():
    for sentence in ["The trust selected Epic as its contract with Cerner expires next year.",
                     "The health board has chosen Sectra after a competitive tender.",
                     "The trust intends to buy a patient record from Oracle Health, according to a contract notice."]:
        assert positive_score(sentence) > 0, sentence
        assert negative_score(sentence) == 0, sentence


@pytest.mark.parametrize("sentence", [
    "Chicago accelerator Fernwood Labs has a new strategic investor: Lakeshore Health.",
    "Lakeshore Health is taking a lead investor role in the accelerator.",
    "Lakeshore Health will invest in Fernwood Labs and get early access to its start-ups.",
])
def test_a_health_systems_stake_in_a_company_is_a_funding_cue(sentence):
    assert negative_score(sentence) > 0, sentence


def test_buying_equipment_is_no_stake_in_a_company():
    assert negative_score("The hospital will invest in new scanners from its imaging supplier.") == 0


@pytest.mark.parametrize("headline", [
    "Our Take: A busy autumn for hospital alliances",
    "Feature: Winter brings a wave of health system collaborations",
    "5 Ways Strategic Partnerships Will Change Hospital Care",
    "Editorial: Why vendor alliances need scrutiny",
])
def test_opinion_and_explainer_labels_are_a_strong_negative_cue(headline):
    assert negative_score(headline_case(headline)) >= 5.0


def test_a_headlines_plain_verb_finalising_rules_is_a_policy_cue():
    assert negative_score(headline_case("HHS And CMS Finalize Two Rules On Data Access")) > 0
    assert negative_score("Officials announced the release of two rules on information blocking.") > 0


FINAL_RULES = """Federal agencies finalize two rules on patient data access

On Monday, the U.S. Department of Health and Human Services and the Centers for Medicare & Medicaid Services \
announced the release of two final rules on patient data access.

The rules require hospitals and health plans that bill Medicare to let patients download their records \
through an app of their choice.

The two agencies said the rules had drawn more than 2,000 public comments since they were proposed."""

TENDER = """Westbrook Health was looking to procure a single electronic patient record on Tuesday, and the \
contract could also cover Eastfield Hospitals NHS Trust if that trust is added to its scope.

Worth up to £120m, the ten-year deal could serve 20,000 staff across the two trusts.

Suppliers have until March to respond, and the trust expects to name a preferred bidder next year."""


@pytest.mark.parametrize(("title", "text"), [
    (None, TENDER),
    (FINAL_RULES.split("\n\n")[0], FINAL_RULES.split("\n\n", 1)[1]),
])
def test_a_tender_and_rules_two_agencies_release_are_no_partnerships(title, text):
    verdict = classify_article(title, text)
    assert not verdict.is_partnership, verdict.reason


def test_a_network_taking_in_a_member_and_a_company_co_owned_by_systems_are_cues():
    for sentence in [
        "The minister announced that the Prairie Health Network now includes the Northern Virtual Care Hub.",
        "The exchange has welcomed Lakeshore Health as its newest member.",
        "The addition of the Northern Virtual Care Hub to the network will help rural patients.",
        "Twelve health systems said Monday they will join in a venture to share anonymised patient data.",
        "The systems will co-own a Denver-based company called Kestrel that will hold the data.",
    ]:
        assert positive_score(sentence) > 0, sentence


CO_OWNED = """Twelve large health systems said Monday they will join in a venture to share anonymised patient \
data for research.

The health systems, which include Intermountain Health, will co-own a Denver-based start-up called Kestrel \
Data that will gather the records and sell access to researchers, its chief executive said.

Kestrel Data will not name the other systems until the summer, the company said."""


def test_the_members_a_plural_subject_names_are_parties_not_examples():
    verdict = classify_article(None, CO_OWNED)
    assert verdict.is_partnership, verdict.reason
    names = {p.name for p in verdict.partnerships[0].participants}
    assert {"Intermountain Health", "Kestrel Data"} <= names, names


TREND_ROUNDUP = """Hospitals across the country are signing more artificial intelligence deals with start-ups, \
hoping to ease pressure on clinicians.

In March, Boston-based Mass General Brigham partnered with zentrix.ai, a note-summarising start-up, to cut \
the time doctors spend on discharge letters.

Houston Methodist also entered a multi-year collaboration with Aidoc covering imaging triage.

In April, Ochsner Health and Abridge announced an agreement on ambient documentation in primary care.

The deals show how quickly health systems are turning to outside companies for AI tools."""


def test_a_lead_about_organisations_in_general_is_a_feature_and_a_place_or_number_is_not():
    reading = read_article(None, TREND_ROUNDUP, load_gazetteer())
    assert reading.features["generic_lead"] == 1.0
    for lead in ["Indiana hospitals join the statewide network for prescription data.",
                 "Hospitals in Devon and Cornwall have agreed a formal alliance with a shared chief executive.",
                 "Three hospitals in Kent will deploy a new imaging system under a deal with Sectra."]:
        assert read_article(None, lead, load_gazetteer()).features["generic_lead"] == 0.0, lead


def test_a_trend_piece_telling_of_several_deals_is_no_partnership():
    verdict = classify_article(None, TREND_ROUNDUP)
    assert not verdict.is_partnership, verdict.reason


def test_organisations_listed_among_others_are_a_roundup_cue_but_among_the_first_is_not():
    headline = headline_case("Mayo Clinic And Ochsner Among Health Systems Partnering With AI Startups")
    assert negative_score(headline) > 0
    assert negative_score("Providence and Humana were among the organisations that agreed to adopt the pledge.") > 0
    assert negative_score("Mayo Clinic and Cleveland Clinic were among the first to join the network.") == 0


PENDING_MERGER = """Lakeshore Health has selected Epic to replace its patient record, lining up with Northfield \
Health as the two systems finalise a planned merger.

Lakeshore and Northfield announced plans to combine in March. If the merger wins regulatory approval, it \
would create a 19-hospital system across two states.

"This decision was not driven by the planned merger, but it will let us work on one record," a Lakeshore \
spokesperson said. The switch is expected to take two years."""


def test_a_merger_still_to_come_is_the_setting_of_a_selection_not_its_news():
    assert negative_score("Lakeshore Health has selected Epic, lining up with Northfield Health as the two "
                           "systems finalise a planned merger.") == 0
    assert negative_score("Lakeshore Health and Northfield Health finalise a planned merger.") > 0
    verdict = classify_article(None, PENDING_MERGER)
    assert verdict.is_partnership, verdict.reason
    assert {"Lakeshore Health", "Epic Systems"} <= {p.name for p in verdict.partnerships[0].participants}


@pytest.mark.parametrize(("sentence", "junk"), [
    ("According to the IT ministry, the memorandum joins Fernwood Labs and Lakeshore Health.", "According"),
    ("Together, the two systems run nine hospitals, according to Lakeshore Health.", "Together"),
    ("Healthnewsdaily.com understands that Lakeshore Health has picked Epic for its record.", "Healthnewsdaily.com"),
    ("A sanction from the Minister for Health and Children is all Lakeshore Health needs to sign with Epic.",
     "Minister for Health"),
    ("The Honourable Jane Doe, Secretary of State, said Lakeshore Health now includes Fernwood Labs.",
     "Secretary of State"),
])
def test_sentence_openers_a_sites_own_name_and_offices_are_no_organisations(sentence, junk):
    names = [o.name for o in find_organizations(sentence, load_gazetteer(), announced_parties(sentence))]
    assert junk not in names and "Lakeshore Health" in names, names


def test_a_body_fused_to_the_tail_of_another_is_the_body_after_the_ampersand():
    sentence = ("Jane Lim of the Ministry of Communications and Information & Ministry of Health witnessed "
                "the signing.")
    names = [o.name for o in find_organizations(sentence, load_gazetteer())]
    assert "Information & Ministry of Health" not in names, names


@pytest.mark.parametrize("sentence", [
    "New Delhi, May 7 (IANS) Fernwood Labs on Thursday signed a memorandum of understanding with Lakeshore Health.",
    "Singapore, 23 November 2023 – Fernwood Labs and Lakeshore Health signed a memorandum of understanding.",
])
def test_a_wire_dateline_and_the_day_of_the_signing_are_no_part_of_a_name(sentence):
    assert announced_parties(sentence)[:2] == ["Fernwood Labs", "Lakeshore Health"]


def test_the_member_a_network_now_includes_is_a_party_and_the_supplier_being_left_is_not():
    joined = classify_article(None, "The health minister announced on Monday that the Prairie Research Network now "
                                    "includes Lakeshore Health, its first hospital member outside the capital.")
    assert joined.is_partnership, joined.reason
    assert "Lakeshore Health" in {p.name for p in joined.partnerships[0].participants}
    switch = classify_article("Lakeshore Health leaves Meditech, signs with Oracle Health",
                              "Lakeshore Health is ending its 20-year relationship with Meditech and has signed a "
                              "contract with Oracle Health for a new electronic health record, the system said.")
    assert switch.is_partnership, switch.reason
    names = {p.name for p in switch.partnerships[0].participants}
    assert "Oracle Health" in names and "MEDITECH" not in names, names


def test_parties_the_text_calls_institutes_are_academic_and_a_universiti_is_a_university():
    text = ("KOTA BHARU: Fernwood Institute on Friday signed a memorandum of understanding with Kestrel "
            "Neurosciences to study sleep sensors. The two institutes will share the data under one ethics framework.")
    verdict = classify_article(None, text)
    assert verdict.is_partnership, verdict.reason
    assert {p.role for p in verdict.partnerships[0].participants} == {"academic"}
    assert infer_org_type("Universiti Sains Malaysia") == "academic"


def test_officials_of_a_body_named_by_its_acronym_and_kind_name_that_body():
    sentence = ("VELLORE: Officials of the Vellore-based KMC hospital signed a memorandum of understanding with "
                "IIT-Madras on artificial intelligence in health care.")
    assert announced_parties(sentence) == ["KMC", "IIT-Madras"]
    verdict = classify_article(None, sentence + " KMC will provide clinical data and IIT-Madras the engineers.")
    assert verdict.is_partnership, verdict.reason
    assert "KMC" in {p.name for p in verdict.partnerships[0].participants}


def test_fields_a_list_of_ministries_is_named_after_are_no_organisations():
    sentence = ("Lakeshore Health will collaborate with the Kano State Ministries of Health and Science and "
                "Technology on clinic records.")
    names = announced_parties(sentence)
    assert "Science" not in names and "Technology" not in names, names
