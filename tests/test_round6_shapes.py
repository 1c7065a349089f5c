"""Real-news shapes of issue 5's sixth round (measured on a real-news check set kept outside the
repo, written here in our own words): names with "St." and a saint's possessive, a town before a
"State-based" description, a partnership the story calls existing, bids lost, a deal whose
announcing sentence has no cue word but the next sentence refers back to it, and a dateline with a
date in brackets. Every organisation, event and sentence here is invented."""

from __future__ import annotations

from news_etl.classify import classify_article
from news_etl.entities import find_organizations
from news_etl.orgs import load_gazetteer
from news_etl.party_slots import announced_parties
from party_checks import parties as _parties


def _org_names(text: str) -> set[str]:
    return {o.name for o in find_organizations(text, load_gazetteer())}


def test_a_saints_name_with_an_abbreviated_st_is_one_name():
    parties = _parties("Quenby Cancer Institute affiliates with community hospital",
                       "Quenby Cancer Institute has signed an affiliation agreement with St. Brendan's Hospital "
                       "in Arlow, the two hospitals said on Monday.\n\nUnder the agreement, Quenby oncologists "
                       "will hold clinics at St. Brendan's twice a week.")
    assert "St. Brendan's Hospital" in parties
    assert not {"Brendan's Hospital", "St. Brendan"} & parties


def test_a_possessive_inside_a_name_is_not_an_owner():
    assert announced_parties("Zorbly Labs has signed a contract with Children's Hospital Marrow to supply "
                             "its platform.") == ["Zorbly Labs", "Children's Hospital Marrow"]
    # ... while a company's thing is still the company's
    assert announced_parties("Marsh Health has signed a contract with Zorbly's AI unit.") == ["Marsh Health", "Zorbly"]


def test_the_town_of_a_state_based_description_is_no_party():
    parties = _parties(None, "Harlow Health in Fenmoor, Texas, formed a joint venture with Brindle, Tenn.-based "
                             "Velorix Behavioral Health to build a 90-bed psychiatric hospital, the partners said.")
    assert parties == {"Harlow Health", "Velorix Behavioral Health"}


def test_an_existing_partnership_told_beside_the_news_adds_no_party():
    parties = _parties(None, "Quenby Health Plan and Arland Health System said they have signed a letter of "
                             "intent for a strategic partnership to offer a joint insurance product.\n\n"
                             "Arland has an existing strategic partnership with Zorbly Mutual, and the new one "
                             "will be run much like it, an Arland spokesman said.")
    assert parties == {"Quenby Health Plan", "Arland Health System"}


def test_bidders_that_lost_are_no_parties():
    parties = _parties("Rival team wins $2bn defense records contract",
                       "Arland Corp. and Velorix Inc. on Wednesday lost their combined bid for a contract "
                       "worth $2 billion from the Marrow Defense Agency for a new records system.\n\n"
                       "A team of Quenby Systems and Brindle Federal Services was awarded the contract, "
                       "the agency said.")
    assert not {"Arland", "Velorix"} & parties
    assert {"Quenby Systems", "Brindle Federal Services"} <= parties


def test_a_deal_told_without_a_cue_word_is_found_through_the_sentence_that_refers_back_to_it():
    parties = _parties(None, "The Marrow Institute of Medical Research and Genomics Arland are planning to share "
                             "resources and expertise to advance genomic medicine in both countries, the "
                             "organisations said today.\n\nUnder the agreement, the two will build new genomics "
                             "databases and design courses for clinicians.")
    assert parties == {"Marrow Institute of Medical Research", "Genomics Arland"}


def test_a_dateline_with_its_date_in_brackets_is_no_part_of_a_name():
    assert announced_parties("FENMOOR (June 8, 2027) – Arland Quality Care Network and Quenby Health Plan are "
                             "working together in a new accountable care program.") == [
        "Arland Quality Care Network", "Quenby Health Plan"]


def test_what_a_deal_sets_up_is_no_party():
    parties = _parties(None, "Arland Institute of Technology and Quenby Medical College have signed a memorandum "
                             "of understanding to establish a Centre of Excellence for Imaging AI on their campus.")
    assert parties == {"Arland Institute of Technology", "Quenby Medical College"}


def test_a_model_a_party_calls_its_own_is_no_party():
    parties = _parties(None, "Marsh-based Arland Health has signed a six-year partnership with Zorbly Cloud to run "
                             "its Brindle Health model, which is designed to coordinate care for members.")
    assert parties == {"Arland Health", "Zorbly Cloud"}


def test_an_acronym_written_inside_a_trust_name_leaves_the_name_whole():
    parties = _parties(None, "The University of Arlow and Arlow Teaching Hospitals (ATH) NHS Trust have "
                             "strengthened their partnership with a new research agreement.\n\n"
                             "ATH will host the joint clinical research unit.")
    assert parties == {"University of Arlow", "Arlow Teaching Hospitals NHS Trust"}




def test_a_title_case_purpose_is_no_organisation():
    text = ("The Arland Health Agency named twenty awardees for its grant programmes, "
            "Advance Interoperable Health Information Services and Support Health Information Exchange "
            "Networks, the office said.")
    assert _org_names(text) == {"Arland Health Agency"}


def test_a_public_bodys_two_word_remit_is_one_name():
    text = "The Arland Health and Human Services Commission has signed a contract with Quenby Systems."
    assert _org_names(text) == {"Arland Health and Human Services Commission", "Quenby Systems"}


def test_a_known_drug_maker_keeps_its_kind_when_a_deal_names_it():
    verdict = classify_article("AbbVie, University of Arlow partner in oncology",
                               "The University of Arlow has selected AbbVie for a five-year research collaboration "
                               "agreement to speed up cancer research, with a steering committee that picks "
                               "projects.")
    roles = {p.name: p.role for p in verdict.partnerships[0].participants}
    assert roles == {"AbbVie": "other", "University of Arlow": "academic"}


def test_parties_named_right_after_a_lead_that_only_describes_them_are_the_parties():
    parties = _parties(None, "An insurer and a health system prominent in Marsh County have signed a letter of "
                             "intent for a strategic partnership they say will lower costs.\n\n"
                             "Quenby Mutual and Arland Health said they are looking to combine their strengths to "
                             "coordinate care for patients who are also Quenby members.\n\n"
                             "The plan would start with a joint insurance product next year, a spokesman said.")
    assert parties == {"Quenby Mutual", "Arland Health"}


def test_fields_and_laws_written_in_capitals_are_no_organisations():
    text = ("Arland Health said the partnership with Quenby Labs puts Artificial Intelligence (AI) first and is "
            "in compliance with HIPAA, as NHS Trusts elsewhere require.")
    assert _org_names(text) == {"Arland Health", "Quenby Labs"}


def test_a_network_adding_new_members_announces_them():
    parties = _parties(None, "May 5, 2027\n\nCancer data network adds three new members\n\n"
                             "The Quenby Oncology Data Network, anchored by Arland Cancer Center and the Arthur G. "
                             "Marrow Cancer Hospital, recently added three new members.\n\n"
                             "The new members are Fenmoor Cancer Institute, Brindle University Cancer Center and "
                             "Harlow Cancer Center.")
    assert {"Fenmoor Cancer Institute", "Brindle University Cancer Center", "Harlow Cancer Center"} <= parties


def test_two_bodies_announcing_what_they_create_together_is_a_partnership():
    parties = _parties(None, "ARLOW, QUEBEC, CANADA, November 14, 2027 /EINPresswire.com/ -- Today, CHUQ and "
                             "Universite de Quenby announce the creation of a school of artificial intelligence "
                             "for health, run by both.")
    assert parties == {"CHUQ", "Universite de Quenby"}


def test_cooperation_is_a_partnership_word():
    parties = _parties(None, "Photo: the signing in Arlow\n\nJoint press release by Arlow University Hospital and "
                             "Quenby Medical\n\nArlow, 07.07.2027\n\n"
                             "Arlow University Hospital and Quenby Medical will cooperate more closely on "
                             "prevention. They will develop new screening measures and share findings, the two "
                             "said.")
    assert parties == {"Arlow University Hospital", "Quenby Medical"}


def test_an_acronym_or_a_field_and_place_before_a_named_body_are_two_parties():
    assert announced_parties("A Memorandum of Understanding Signed between ARTA and Ministry of Digital Health "
                             "for a Telehealth System") == ["ARTA", "Ministry of Digital Health"]
    assert announced_parties("Genome Arland Columbia and Genomics Quenby today announced a memorandum of "
                             "understanding.".replace("Arland Columbia", "British Columbia")) == [
        "Genome British Columbia", "Genomics Quenby"]


def test_a_headlines_topic_after_on_is_no_part_of_the_name():
    assert announced_parties("Zorbly partners with Quenby on AI Radiology") == ["Zorbly", "Quenby"]
    assert announced_parties("Marsh Health has signed a deal with the National Institute on Ageing.") == [
        "Marsh Health", "National Institute on Ageing"]
