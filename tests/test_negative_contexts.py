"""Detection on real-news shapes (issue 5): roundups, contract words in stories that announce no
new agreement, and systems bought from vendors. Every sentence here is invented."""

from __future__ import annotations

from news_etl.classify import classify_article, read_article
from news_etl.cues import negative_score, positive_score
from news_etl.entities import find_organizations
from news_etl.orgs import load_gazetteer
from news_etl.roundups import item_spans, list_intro, list_items

ROUNDUP = """Here are six hospital technology deals from this week

Here are six agreements announced in the past seven days:

1. Mayo Clinic signed an agreement with Google Cloud on search across clinical notes.

2. Cleveland Clinic chose Aidoc for radiology triage at two campuses.

3. Ochsner Health extended its contract with Press Ganey by three years.

4. Intermountain Health picked Nuance for ambient documentation.

5. Providence said it will work with Microsoft on message drafting.

6. Sutter Health selected Abridge for its primary care clinics."""


def _reading(text: str):
    title, _, body = text.partition("\n\n")
    return read_article(title, body, load_gazetteer())


def test_numbered_bulleted_and_dated_items_are_found_with_their_extent():
    document = ("Headline\n1.\nA heading\nIts first sentence.\nNext line\n- a bullet line\nafter it\n"
                "On Feb.\n3, a dated item.")
    spans = [document[s:e] for s, e in item_spans(document)]
    assert spans == ["1.\nA heading\nIts first sentence.", "- a bullet line", "On Feb.\n3, a dated item."]


def test_roundup_items_count_items_that_name_someone_new():
    reading = _reading(ROUNDUP)
    assert reading.features["roundup_items"] >= 5
    assert reading.features["roundup_intro"] == 1.0


def test_a_partnership_whose_terms_are_a_list_is_no_roundup():
    gazetteer = load_gazetteer()
    document = ("Mayo Clinic and Google Cloud sign AI agreement\nHere are five things to know:\n1.\n"
                "Mayo Clinic will share de-identified notes.\n2.\nGoogle Cloud will host the models.\n"
                "- joint research on search;\n- a common framework for evaluating tools.")
    orgs = find_organizations(document, gazetteer)
    assert list_items(document, orgs) == 0
    assert list_intro(document.split("\n")[:2])


def test_a_roundup_of_deals_is_not_one_partnership():
    title, _, body = ROUNDUP.partition("\n\n")
    verdict = classify_article(title, body)
    assert not verdict.is_partnership, verdict.reason


def test_no_sentence_of_a_roundup_item_is_read_as_the_announcement():
    reading = _reading(ROUNDUP)
    assert reading.features["cue_parties"] == 0.0
    assert not reading.participants


def test_contract_words_that_announce_no_new_agreement_are_no_cue_but_a_negative_one():
    """A protest, review, ruling or shortlist, a contract held already, a sale, results: no new agreement."""
    for sentence in [
        "The county review board is reviewing the $20 million contract the hospital awarded to Epic last year.",
        "A losing bidder has filed a protest against the award of the records contract to Oracle Health.",
        "Three suppliers have been shortlisted for the shared record, and no contract has been awarded.",
        "The insurer asked a court to block the state's award of the data contract to Gainwell.",
        "The health board has issued a tender for a new laboratory system to replace its contract with Clinisys.",
        "The hospital has filed a complaint against its EHR vendor over the agreement signed in 2021.",
        "The health system has reached an agreement to sell its software business to Harris.",
        "The trust has decided not to renew its agreement with the supplier when it expires.",
        "The vendor said it signed contracts with several health systems as third-quarter revenue rose 4%.",
        "Epic's $40 million contract with the county will stand, the procurement board ruled on Monday.",
        "The court upheld the trust's award of the imaging contract to Sectra.",
        "The panel dismissed a challenge brought by a rival supplier to the contract awarded in 2023.",
        "An appeal by Oracle Health against the award of the records contract to Epic has been rejected.",
        "Wards will switch to the new system from Alcidion, which has a ten-year contract with the trust.",
    ]:
        assert positive_score(sentence) == 0.0, sentence
        assert negative_score(sentence) > 0, sentence
    # "ruled out" rules nothing on an award.
    assert positive_score("The trust ruled out a new tender and signed a contract with Epic.") > 0


def test_a_contract_awarded_after_a_tender_keeps_its_cues():
    sentence = "The health board has awarded the imaging contract to Sectra, ending a tender that drew five bidders."
    assert positive_score(sentence) > 0
    assert negative_score(sentence) == 0


def test_buying_a_system_from_a_vendor_is_a_contract_cue_and_buying_a_company_an_acquisition():
    for system in ["The trust intends to buy an electronic patient record from Oracle Health.",
                   "NHS Fife buys Orion Health's shared care record.",
                   "The hospital has purchased a patient-flow platform from TeleTracking."]:
        assert negative_score(system) == 0, system
        assert positive_score(system) > 0, system
    for company in ["Magentus buys Coviu, its telehealth partner.",
                    "Harris bought software maker Medworxx last year.",
                    "The group agreed to buy the records software business of a rival."]:
        assert negative_score(company) > 0, company


def test_a_merger_recalled_as_background_is_no_negative_cue_but_merger_news_is():
    assert negative_score("Advocate Health, formed by the 2022 merger of Advocate Aurora Health and Atrium "
                           "Health, has selected Hyland for document management.") == 0
    assert negative_score("Its interest has grown since its acquisition of Alexion in 2021.") == 0
    assert negative_score("Atrium Health, which combined with Advocate Aurora Health in a 2022 merger, has "
                           "selected Epic for its revenue cycle.") == 0
    assert negative_score("The two trusts will merge next April.") > 0
    assert negative_score("Magentus has completed its acquisition of Coviu.") > 0


def test_forming_a_company_with_other_systems_to_pool_data_is_a_partnership_cue():
    assert positive_score("Sanford Health has formed a new company with three other health systems.") > 0
    assert positive_score("The company will be jointly owned by the four systems.") > 0
    assert positive_score("The systems plan to pool de-identified patient data for research.") > 0


def test_a_roundup_introduced_as_a_list_is_no_partnership_whatever_its_other_sentences_say():
    """Outside its items, a roundup may still tell of a deal in passing; introduced as a list whose
    items name other organisations, it is a roundup, and its reason says so."""
    title, _, body = ROUNDUP.partition("\n\n")
    intro, _, items = body.partition("\n\n")
    passing = ("Other systems signing with vendors this week included Lakeshore Regional Health, which signed "
               "a five-year contract with Brightwell Health Systems for nurse scheduling.")
    verdict = classify_article(title, f"{intro}\n\n{passing}\n\n{items}")
    assert not verdict.is_partnership
    assert verdict.reason.startswith("a roundup of ")
    assert classify_article(title, passing).is_partnership  # the same sentence alone announces a deal
