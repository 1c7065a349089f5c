"""Real-news shapes of issue 5's twelfth round (read from the readable two thirds of a real-news
check set kept outside the repo, written here in our own words): bodies named for an English region;
a ministry's two portfolios; a tender won against rivals; a contract awarded in the passive; the
departments a university works through; a longer name that ends in a known generic one. Every
organisation, person and sentence here is invented (the regions and "National University Hospital"
are real names of places and of a hospital in the reference data)."""

from __future__ import annotations

from news_etl.classify import classify_article
from news_etl.cues import negative_score, positive_score
from news_etl.entities import find_organizations
from news_etl.orgs import load_gazetteer
from party_checks import parties as _parties


def test_a_body_named_for_an_english_region_is_a_name_of_its_own_before_and():
    parties = _parties(
        "Regional innovation body and university sign partnership",
        "A new partnership between Health Innovation East Midlands and Quenby City University has been "
        "announced, covering joint research and training.\n\n"
        "The five-year memorandum of understanding sets out shared projects in digital care.")
    assert parties == {"Health Innovation East Midlands", "Quenby City University"}


def test_a_ministry_named_for_two_portfolios_is_one_name():
    names = {r.name for r in find_organizations(
        "The agreement was signed between the Ministry of Transport and Communications and Zorbly Systems.",
        load_gazetteer())}
    assert "Ministry of Transport and Communications" in names
    assert "Communications" not in names


def test_a_tender_won_against_rival_suppliers_is_no_dispute():
    assert negative_score("Westshire Health Board chose the firm after it won the bid against four rival "
                          "suppliers.") == 0
    assert negative_score("Two rival suppliers have challenged the decision in court.") > 0


def test_a_contract_awarded_in_the_passive_after_a_long_description_is_a_cue():
    described = "A two-year contract for an online booking service for patients across the region to see their records"
    assert positive_score(f"{described} has been awarded to Zorbly.") > positive_score(
        f"{described} has been reviewed by Zorbly.")


def test_a_universitys_departments_are_no_parties_beside_it():
    parties = _parties(
        "Zorbly signs research MoU with Arland university hospital",
        "Zorbly, a data science company, has signed a memorandum of understanding with Arland University "
        "Hospital, Department of Child and Adolescent Psychiatry, Psychosomatic Medicine and Psychotherapy, "
        "to start a research partnership.\n\n"
        "Zorbly will work with the Department of Psychiatry and the Department of Social and Preventive "
        "Medicine on the project.")
    assert parties == {"Zorbly", "Arland University Hospital"}
    names = {r.name for r in find_organizations(
        "The Department of Biotechnology and Zorbly signed the agreement.", load_gazetteer())}
    assert "Department of Biotechnology" in names  # a ministry's department is a body


def test_a_known_generic_name_ending_a_longer_one_is_not_that_body():
    names = {r.name for r in find_organizations(
        "The alliance includes Quenby Medical Center, Dunmore National University Hospital and Arland "
        "University Health System.", load_gazetteer())}
    assert "Dunmore National University Hospital" in names
    assert "National University Hospital" not in names
    names = {r.name for r in find_organizations(
        "Zorbly will work with National University Hospital on the trial.", load_gazetteer())}
    assert "National University Hospital" in names


def test_a_quoted_group_name_still_opens_its_member_list():
    parties = _parties(
        "Zorbly forms research network with hospitals",
        "Zorbly announced a research collaboration with major hospitals on Tuesday.\n\n"
        "The ‘Data Alliance’ includes Quenby University Medical Center, Dunmore Medical Center and Arland "
        "University Health System, with Zorbly giving technical support.")
    assert {"Quenby University Medical Center", "Dunmore Medical Center", "Arland University Health System",
            "Zorbly"} <= parties


def test_the_network_a_party_launches_is_no_party_nor_its_bracketed_other_name():
    parties = _parties(
        "Zorbly launches research network with Quenby hospitals",
        "Zorbly announced the launch of the Clinical Data Network (Data Commons) with Quenby Health System "
        "and Dunmore University Hospital on Monday.\n\n"
        "The partners will share anonymised records for research.")
    assert parties == {"Zorbly", "Quenby Health System", "Dunmore University Hospital"}


def test_the_first_to_participate_are_parties_too():
    parties = _parties(
        "Drug maker sets up partnering model with universities",
        "Arland Pharma today announced the creation of the Target Discovery Network, a partnering model for "
        "research collaborations with universities.\n\n"
        "Quenby University and Dunmore University are the first to participate in the model.")
    assert parties == {"Arland Pharma", "Quenby University", "Dunmore University"}


def test_letters_of_intent_to_a_partner_are_a_cue_and_a_described_subject_is_named_next():
    assert positive_score("The company presented letters of intent to the Arland government.") > 0
    assert positive_score("Quenby Health signed a letter of intent to merge with Dunmore Health.") == positive_score(
        "Quenby Health signed a plan to merge with Dunmore Health.")  # a merger's letter is no cue
    parties = _parties(
        "Imaging company to help Arland's hospitals",
        "A Westrian medical imaging company has presented letters of intent to the Arland government aiming "
        "to improve hospital care through training and collaboration.\n\n"
        "Zorbly Medical Systems, a maker of scanners, submitted three letters of intent to the trade minister "
        "during a state visit on Tuesday.\n\n"
        "The first letter covers a training centre for radiology.")
    assert parties == {"Zorbly Medical Systems", "Arland government"}


def test_talks_about_potential_partnerships_are_no_deal():
    assert negative_score("Zorbly has reportedly held broad discussions with insurers Quenby Health and Dunmore "
                          "Health about potential partnerships.") > 0
    assert negative_score("Zorbly spoke with Quenby Health regarding a records tie-up - report") > 0
    assert negative_score("Zorbly and Quenby Health signed a partnership after months of talks.") == 0
    verdict = classify_article(
        "Zorbly spoke with Quenby Health, Dunmore Health regarding app tie-up - report",
        "To drive use of its new app, Zorbly has reportedly held discussions with major insurers Quenby Health "
        "and Dunmore Health about potential partnerships.\n\n"
        "Executives from both insurers confirmed the talks but gave no details.")
    assert not verdict.is_partnership, verdict.reason


def test_systems_going_live_is_a_go_live():
    assert negative_score("From September, 120 health systems are going live with the Zorbly record system.") > 0
    assert negative_score("The system will be going live at Quenby Hospital next spring.") == 0
