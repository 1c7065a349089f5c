"""Real-news shapes of issue 5's tenth round (read from a real-news check set kept outside the
repo, written here in our own words): parties an announcement only counts and a later sentence
lists; a contract broken or ended in other words; a person chosen for a post; half-year results.
Every organisation, person and sentence here is invented."""

from __future__ import annotations

from news_etl.classify import classify_article
from news_etl.cues import negative_score
from party_checks import parties as _parties_of


def test_a_member_list_after_a_counted_announcement_names_its_parties():
    verdict = classify_article(
        "Harbourview to lead national study network on kidney injury",
        "Harbourview Health researchers have been chosen to lead a national research network of "
        "hospitals that will study how machine learning can spot acute kidney injury earlier.\n\n"
        "The network, funded by a federal grant, will enrol patients at 18 hospitals over four years, "
        "according to a statement from Harbourview.\n\n"
        "The four lead sites of the network are Harbourview Health, Dunmore University, Quenby "
        "University Medical Center and the University of Eastmarch.\n\n"
        "Enrolment begins next spring.")
    assert verdict.is_partnership, verdict.reason
    assert {p.name for p in verdict.partnerships[0].participants} == {
        "Harbourview Health", "Dunmore University", "Quenby University Medical Center", "University of Eastmarch"}


def test_contracts_broken_or_come_to_an_end_are_not_new_agreements():
    for sentence in ("Two Westshire hospitals end partnerships with Kestrel Health",
                     "The owners of Dunmore Regional Hospital voted to break their contract with Arbor Systems.",
                     "Kestrel Health confirmed the partnership has come to an end."):
        assert negative_score(sentence) > 0, sentence
    assert not negative_score("Dunmore Regional Hospital will break ground on a new wing under the agreement.")


def test_a_person_chosen_for_a_post_is_an_appointment():
    assert negative_score("The Eastmarch Digital Health Agency has chosen Jo Harlow, the long-serving CIO of "
                          "Westshire Health, as its next chief digital officer.") > 0
    assert not negative_score("Westshire Health has chosen Arbor Systems as its new electronic record supplier.")


def test_half_year_results_and_pre_tax_profits_are_an_earnings_report():
    for sentence in ("Arbor Systems published its interim results to 30 June on Tuesday.",
                     "Pre-tax profits rose to £13m from £10m, the company said."):
        assert negative_score(sentence) > 0, sentence
    assert not negative_score("Quenby Health, a system with annual revenue of $4 billion, signed the deal.")


def test_names_with_curly_apostrophes_are_found_in_the_gazetteer():
    from news_etl.entities import find_organizations
    from news_etl.orgs import load_gazetteer

    text = ("Quenby Health is investing in a research collaboration with the Vanderbilt University Medical "
            "Center and Brigham and Women’s Hospital on heart failure.")
    names = {r.name for r in find_organizations(text, load_gazetteer())}
    assert "Brigham and Women's Hospital" in names and "Brigham" not in names


def test_a_date_that_opens_the_sentence_names_no_party():
    from news_etl.party_slots import announced_parties

    for opener in ("Back in April", "Back in 2021", "Last April", "Earlier in March"):
        assert announced_parties(f"{opener}, Arbor Systems announced it was working with Quenby Health.") == [
            "Arbor Systems", "Quenby Health"], opener


def test_a_speaker_whose_job_title_follows_is_a_person_not_a_party():
    from news_etl.party_slots import announced_parties

    parties = announced_parties("Holly Roe, Innovation Partnerships Manager at Dunmore University, said the "
                                "partnership would grow.")
    assert "Holly Roe" not in parties


def test_the_deal_a_participle_clause_opens_is_the_one_the_lead_announced():
    parties = _parties_of(
        "Data partnership to improve hospital services",
        "Dunmore University is using its expertise in data science to improve hospital services in a new "
        "health partnership.\n\n"
        "Bringing together academic and clinical expertise, the £400,000 partnership with Westshire and "
        "Eastmarch NHS Foundation Trust will tackle waiting lists.\n\n"
        "The work starts in the spring.")
    assert parties == {"Dunmore University", "Westshire and Eastmarch NHS Foundation Trust"}


def test_plural_initialisms_and_adjectives_made_from_them_are_no_names():
    from news_etl.entities import is_name_chunk

    for chunk in ("GPs", "ICBs", "AI-augmented", "NHS-funded"):
        assert not is_name_chunk(chunk), chunk
    assert is_name_chunk("AWS") and is_name_chunk("Co-op")


def test_launching_a_joint_body_is_no_product_launch_nor_is_a_purpose_a_policy():
    for sentence in ("Quenby Health and Arbor Systems have launched a collaboration that will stand the test of time.",
                     "Eastmarch Forum, a national forum for health informatics leaders, was launched in June.",
                     "Dunmore Medical Center has joined a dozen centres to form the Network, a national group "
                     "designed to set standards for AI."):
        assert negative_score(sentence) == 0, sentence
    assert negative_score("Arbor Systems launches a new app for patients.") > 0
    assert negative_score("The regulator sets new standards for record sharing.") > 0


def test_a_joint_venture_that_shuts_down_has_ended():
    assert negative_score("Harbour, the joint venture of three employers, will shut down at the end of February.") > 0
    assert negative_score("The venture disbanded last week.") > 0
    assert negative_score("Quenby Health will shut down its legacy system when the new one arrives.") == 0


def test_a_person_tapped_to_lead_a_business_is_an_appointment():
    assert negative_score("Jo Harlow has been tapped to lead Arbor Health, the records business.") > 0
    assert negative_score("Arbor taps former agency chief Jo Harlow to lead its health unit") > 0
    assert negative_score("Westshire Health taps Arbor Systems to replace its records system.") == 0


def test_it_trouble_that_hits_a_trust_is_an_outage():
    assert negative_score("Two trusts cancelled clinics after suffering network issues.") > 0
    assert negative_score("Both trusts were hit with problems affecting IT services.") > 0


def test_bodies_named_by_one_shared_plural_are_each_found():
    from news_etl.entities import find_organizations
    from news_etl.orgs import load_gazetteer

    text = ("The Illinois and Missouri hospital associations, representing 370 hospitals, are forming a "
            "partnership to pool their data.")
    assert {r.name for r in find_organizations(text, load_gazetteer())} == {
        "Illinois Hospital Association", "Missouri Hospital Association"}
    text = "The ministries of Tourism and Science and Technology on Monday signed a memorandum of understanding."
    assert {r.name for r in find_organizations(text, load_gazetteer())} == {
        "Ministry of Tourism", "Ministry of Science and Technology"}
    assert not find_organizations("The Quenby and Dunmore hospital associations met.", load_gazetteer())
