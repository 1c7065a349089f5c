"""Real-news shapes of issue 5's seventh round (measured on a real-news check set kept outside the
repo, written here in our own words): a story told years after its deal, a place that signs as its
government, a subject with a description before its name, a reader's view opened by "For <name>",
recognitions, cash infusions, rollouts under way, organisations allied against someone, a joint
venture recalled as an owner, a merger's "combined company", and bodies that pool their expertise.
Every organisation, event and sentence here is invented."""

from __future__ import annotations

from news_etl.classify import Participant, _one_per_family, classify_article
from news_etl.cues import negative_score, positive_score
from news_etl.entities import before_officer, find_organizations
from news_etl.orgs import infer_org_type, load_gazetteer, org_key
from news_etl.party_slots import announced_parties
from news_etl.places import country_in_name


def _verdict(title: str | None, text: str) -> tuple[bool, set[str]]:
    verdict = classify_article(title, text)
    return verdict.is_partnership, {p.name for q in verdict.partnerships[:1] for p in q.participants}


def test_a_story_told_years_after_its_deal_has_no_partnership_cue():
    assert positive_score("Nearly three years after announcing a partnership with Zorbly Care, Arlow-based "
                          "Marrow Health says the arrangement now sends it 200 new patients a month.") == 0
    assert positive_score("The announcement comes more than two years after Marrow inked a strategic "
                          "partnership with vendor Zorbly.") == 0
    assert positive_score("The partnership, launched in 2022, gave Zorbly Care members direct booking with "
                          "Marrow Health's specialists.") == 0
    # ... while a deal made some time after another still is one
    assert positive_score("Marrow Health has signed a partnership with Zorbly Care, two years after it "
                          "opened its first clinic.") > 0


def test_a_place_that_chooses_a_vendor_is_its_government():
    found, parties = _verdict(
        "Manitoba picks Velorix to build provincial lab system",
        "Manitoba has chosen Velorix Systems to build a single laboratory information system for the province's "
        "hospitals, the health minister told the legislature on Tuesday.\n\n"
        "The contract is expected to be signed within weeks, the minister said.")
    assert found
    assert {"Manitoba", "Velorix Systems"} <= parties
    assert infer_org_type("Manitoba") == "government"
    # a place that only speaks is no party
    assert announced_parties("Manitoba said on Tuesday that it expects to sign within weeks.") == []


def test_a_description_before_a_subjects_name_is_not_part_of_it():
    assert announced_parties("Arland Health and startup studio Quenby Ventures formed a joint venture last "
                             "month.") == ["Arland Health", "Quenby Ventures"]
    # ... but a phrase that only says where people come from names no one
    assert announced_parties("Clinicians and patients from Arland Health will work with Quenby's designers.") \
        == ["Quenby"]


def test_whose_view_a_sentence_gives_is_no_party():
    assert announced_parties("For Marjorie, the pandemic has brought together suppliers who had never "
                             "worked with each other.") == []


def test_recognitions_cash_infusions_and_rollouts_under_way_are_hard_negative_cues():
    assert negative_score("The Quenby Association of Health Informatics has awarded Arland Health System its "
                          "2025 Digital Excellence recognition at level 8.") > 0
    assert negative_score("An infusion of cash from Marrow Health is set to help Pulsewell grow.") > 0
    assert negative_score("Brindle Health is about two-thirds of the way through a $500 million Velorix "
                          "rollout that is bringing the EHR to 60 hospitals.") > 0
    assert negative_score("The combined company will reach health systems in 40 states.") > 0
    # ... but a contract award received is no recognition
    assert negative_score("Velorix has received a contract award from Arland Health System.") == 0


def test_organisations_allied_against_someone_have_no_partnership_cue():
    assert positive_score("The department is worried that Velorix, Zorbly and Arland Systems would team up "
                          "against it in a legal fight.") == 0


def test_a_joint_venture_recalled_as_an_owner_is_no_news():
    found, _ = _verdict(
        "Fenmoor hospital names CEO",
        "Fenmoor Medical Center has named Dana Holt CEO, effective June 1.\n\n"
        "The hospital is part of Quenby Arland Healthcare, a joint venture between Nashville-based Quenby "
        "Health and Durham-based Arland Health. Ms. Holt joins from another Quenby Arland hospital, where "
        "she was chief operating officer.")
    assert not found


def test_bodies_pooling_their_expertise_have_a_partnership_cue():
    assert positive_score("Marrow Hospital and Arlow University are combining their expertise in biomedical "
                          "imaging.") > 0
    assert positive_score("The two institutions have jointly founded an institute for imaging science.") > 0


def test_kinds_read_from_head_words_of_real_names():
    assert infer_org_type("Upstate Medical University") == "academic"
    assert infer_org_type("Arlow Cancer Research Center") == "academic"
    assert infer_org_type("Medical University Hospital Quenby") == "provider"  # names its hospital
    assert infer_org_type("Province of Quenbyshire") == "government"
    assert infer_org_type("Republic of Arland") == "government"
    assert infer_org_type("Arland Telecom Company") == "vendor"


def test_a_place_that_starts_a_longer_place_name_is_not_that_place():
    assert country_in_name("River Hospital Alexandria Bay") is None
    assert country_in_name("Alexandria University") == "EG"


def test_a_launch_at_a_customers_hospital_and_a_joint_venture_agreement_are_no_hard_negatives():
    assert negative_score("Velorix launched its imaging AI platform at the First Hospital of Arlow University.") == 0
    assert negative_score("Velorix launched its imaging AI platform.") > 0
    assert negative_score("Quenby Health executed a definitive agreement to joint venture five Arland "
                          "hospitals.") == 0
    assert negative_score("Quenby Health signed a definitive agreement to acquire Arland Clinic.") > 0


def test_failed_talks_cancellations_award_winners_and_milestones_are_hard_negative_cues():
    assert negative_score("Talks between six members of the Quenby Hospitals Alliance (QHA) and Velorix Care – a "
                          "for-profit company that runs private hospitals, day surgeries and pathology "
                          "laboratories in three states – have broken down.") > 0
    assert negative_score("The trust paid Velorix £790,000 before cancelling the contract for its system.") > 0
    assert negative_score("Quenby Health Plan captured two awards at the reception.") > 0
    assert negative_score("Arland and Quenby exchanges reach milestone in data sharing") > 0


def test_a_launch_by_several_is_no_single_companys_launch():
    assert negative_score("Two health systems launch the largest precision medicine programme") == 0
    assert negative_score("Quenby Health and Arland Clinic launch a precision medicine programme") == 0
    assert negative_score("Quenby Health launches a precision medicine programme") > 0


def test_partners_sought_by_examples_are_no_parties():
    assert positive_score("The fund's head said it will partner with companies like Velorix Health and "
                          "Zorbly Care.") == 0


def test_a_person_described_after_the_name_is_no_party():
    assert announced_parties("Dana Roe, a Quenby business development executive who will lead the fund, said "
                             "it has signed with Arland Health.") == ["Arland Health"]


def test_a_quantifier_is_no_name():
    assert announced_parties("Many agree that costs are too high, and this has prompted a new collaboration "
                             "between Quenby Health and Arland Care.") == ["Quenby Health", "Arland Care"]


def test_a_company_and_its_unit_are_one_party_told_by_the_fuller_name():
    def party(name: str) -> Participant:
        return Participant(org_key(name), name, "vendor", "vendor", None, (name,))

    kept = _one_per_family([party("Zorbly"), party("Arland Health"), party("Zorbly Cloud")])
    assert [p.name for p in kept] == ["Arland Health", "Zorbly Cloud"]
    # ... but two bodies whose names only share a first word are two parties
    assert len(_one_per_family([party("Arland Health"), party("Arland University")])) == 2


def test_an_officers_title_ends_the_name_of_the_body_before_it():
    assert announced_parties("Quenby Institute Director Jane Roe and Arland University Executive Director John "
                             "Doe signed the memorandum.") == ["Quenby Institute", "Arland University"]
    assert before_officer("Office of the Director of Public Prosecutions") == \
        "Office of the Director of Public Prosecutions"


def test_the_people_a_body_serves_open_its_name():
    assert announced_parties("Women & Infants Hospital has partnered with Zorbly Health.") == \
        ["Women & Infants Hospital", "Zorbly Health"]
    assert announced_parties("Quenby & Arland have partnered with Zorbly Health.") == \
        ["Quenby", "Arland", "Zorbly Health"]


def test_descriptions_before_a_name_are_no_part_of_it():
    assert announced_parties("Marrow Health is teaming up with AI-powered imaging company Zorbly to speed up "
                             "care.") == ["Marrow Health", "Zorbly"]
    text = ("The release, published by the San Francisco-based Quenby Business Group on Health, said the plans "
            "had agreed.")
    assert [o.name for o in find_organizations(text, load_gazetteer())] == ["Quenby Business Group on Health"]


def test_a_pair_of_marks_that_names_one_insurer_is_not_split():
    assert announced_parties("Quenby Health and Blue Cross and Blue Shield of Arland have signed a "
                             "partnership.") == ["Quenby Health", "Blue Cross and Blue Shield of Arland"]
    assert announced_parties("Arland Department of Health and Wellness has partnered with Zorbly.") == \
        ["Arland Department of Health and Wellness", "Zorbly"]


def test_collaborating_and_enlisting_subjects_are_parties():
    assert announced_parties("Velorix and the Arlow Health Trust collaborate on AI for radiologists") == \
        ["Velorix", "Arlow Health Trust"]
    assert positive_score("Marrow Private Hospitals is enlisting Velorix as its electronic record provider.") > 0


def test_timing_and_background_words_are_no_hard_negatives_or_cues():
    # a deal that runs to the end of another is no ended contract
    assert negative_score("The trust has signed a ten-year deal to keep using Velorix beyond the end of its "
                          "national contract.") == 0
    assert negative_score("The trust ends its contract with Velorix.") > 0
    assert negative_score("Quenby Health and Arland Care have joined forces to create a three-hospital "
                          "system.") > 0
    assert negative_score("Zorbly has raised $8.5 million in a round led by Marrow Ventures.") > 0
    assert negative_score("The hospitals completed virtual implementations of Velorix's record.") > 0
    # deals given as examples, or dated in a past year at a sentence's start, are told as background
    assert positive_score("Other examples include a deal between Quenby Clinic and Velorix Pharmaceuticals.") == 0
    assert positive_score("In January 2020, Marrow Health extended its partnership with Velorix.") == 0


def test_a_participles_clause_opening_a_sentence_is_no_subject():
    assert announced_parties("Aiming to cut waiting times, Quenby Health has signed with Arland Clinic.") == \
        ["Quenby Health", "Arland Clinic"]
    assert announced_parties("If approved, Quenby Health will sign with Arland Clinic.") == \
        ["Quenby Health", "Arland Clinic"]
    assert announced_parties("Sterling Health, a clinic group, has signed with Arland Clinic.") == \
        ["Sterling Health", "Arland Clinic"]
    # ... but not before a speaker: the name after it is a person's
    assert announced_parties("Speaking at the signing, Dana Roe said the MoU would bring Quenby Health and "
                             "Arland Clinic closer.") == []


def test_a_place_based_description_after_and_opens_another_name():
    text = ("The exchanges joining include Quenby Connect and Arlow-based Marrow Health "
            "Information Exchange, the state said.")
    names = [o.name for o in find_organizations(text, load_gazetteer())]
    assert "Marrow Health Information Exchange" in names
    assert not any("Arlow-based" in n for n in names)


def test_a_headline_only_full_name_leaves_its_short_name_as_the_party():
    # "Geisinger" is in the gazetteer; "Geisinger of Danville" is a headline's way of placing it
    found, parties = _verdict(
        "Arlow Clinic, Geisinger of Danville agree to develop an affiliation",
        "The Arlow Clinic and Geisinger, a Danville-based system that runs 10 hospitals, announced they signed "
        "a memorandum of understanding to develop an affiliation. As part of the relationship, Arlow Clinic and "
        "Geisinger said they will work together to build a clinically aligned network.")
    assert found
    assert parties == {"Arlow Clinic", "Geisinger"}
