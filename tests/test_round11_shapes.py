"""Real-news shapes of issue 5's eleventh round (read from the readable two thirds of a real-news
check set kept outside the repo, written here in our own words): names an acronym spells whole
although their words hold "and"; descriptions glued to a name ("Alphabet-owned"); buyers, rivals
and the joint body the parties set up; a group subject that lists its members; kinds of body and
fields that are no one's name; legal settlements. Every organisation, person and sentence here is
invented."""

from __future__ import annotations

from news_etl.cues import negative_score
from news_etl.entities import find_organizations
from news_etl.orgs import load_gazetteer
from news_etl.party_slots import announced_parties
from party_checks import parties as _parties


def test_an_acronym_that_leaves_words_out_still_spells_a_name_with_and_in_it_whole():
    parties = _parties(
        "Eastmarch agency and Quenby institute sign research pact",
        "The Eastmarch Centre for Infection Prevention and Control, ECIC, announced on Monday that it has "
        "signed a research agreement with the Quenby Medicines Institute.\n\n"
        "The two bodies will pool surveillance data for three years.")
    assert parties == {"Eastmarch Centre for Infection Prevention and Control", "Quenby Medicines Institute"}
    parties = _parties(
        "Arland health body teams up with data collaborative",
        "The Arland Health Office (AHO) and the Global Clinical Data and AI Research Collaborative (G-CDAR) "
        "have signed a memorandum of understanding on shared research.\n\n"
        "The agreement runs for five years.")
    assert parties == {"Arland Health Office", "Global Clinical Data and AI Research Collaborative"}


def test_a_list_item_after_a_comma_that_spells_nothing_is_no_acronym():
    refs = {r.name: r for r in find_organizations(
        "Quenby Trust, Arland Health Partners, AHB, and Dunmore Labs have formed a research collaboration.",
        load_gazetteer(), ["Quenby Trust", "Arland Health Partners", "AHB", "Dunmore Labs"])}
    assert {"Quenby Trust", "Arland Health Partners", "Dunmore Labs"} <= set(refs)
    assert "AHB" not in refs["Arland Health Partners"].mentions


def test_an_owner_glued_to_the_name_describes_it_and_is_no_party():
    assert announced_parties("Westbrook-owned Zorbly has launched a study with Dunmore University.") == [
        "Zorbly", "Dunmore University"]
    parties = _parties(
        "Dunmore Health partners with Zorbly for data sharing",
        "Dunmore Health is partnering with Zorbly to share admission alerts across its clinics.\n\n"
        "Arland-based Zorbly is a Kestrel Ventures-backed health IT company that sends real-time alerts.")
    assert parties == {"Dunmore Health", "Zorbly"}


def test_a_press_release_dateline_with_town_country_and_date_names_no_one():
    assert announced_parties("Eastwick, UK – 14 March 2011 – Arbor Systems has announced that it has signed "
                             "a framework agreement with Westshire Health Board.") == [
        "Arbor Systems", "Westshire Health Board"]


def test_a_buyer_or_a_rival_beaten_to_the_deal_is_no_party():
    parties = _parties(
        "Dunmore Health picks Arbor Systems for its records",
        "Dunmore Health has signed a contract to move to Arbor Systems, leaving its current record "
        "supplier Quillon, which has been purchased by Kestrel Software, next year.")
    assert parties == {"Dunmore Health", "Arbor Systems"}
    parties = _parties(
        "Arbor team awarded Westshire defence records contract",
        "A team including Arbor Systems, Lintel Corp and Quenby Consulting has been awarded a $2 billion "
        "contract by the Westshire Defence Agency.\n\n"
        "The Arbor team won the contract by beating its main rival, Kestrel Software.")
    assert parties == {"Arbor Systems", "Lintel Corp", "Quenby Consulting", "Westshire Defence Agency"}


def test_the_joint_body_the_parties_set_up_is_not_one_of_them():
    parties = _parties(
        "New joint centre for medical science",
        "The Harbour Joint Centre for Biomedicine is a collaboration between the Quenby Centre for Molecular "
        "Discovery and Arland Labs, signed in Dunmore on Tuesday.\n\n"
        "The partners will fund research posts for five years.")
    assert parties == {"Quenby Centre for Molecular Discovery", "Arland Labs"}


def test_kinds_of_body_and_fields_alone_are_no_names():
    names = {r.name for r in find_organizations(
        "The framework will let any Health Board use the system, and the creation of a Dunmore Health AI "
        "Lab and Center of Excellence follows. Quenby University’s Faculty of Information Technology signed.",
        load_gazetteer())}
    assert not names & {"Health Board", "Center of Excellence", "Information Technology"}, names


def test_a_body_of_a_plural_owner_and_a_plural_head_is_read_whole():
    names = {r.name for r in find_organizations(
        "The centre is a collaboration between the Dunmore University-hosted Harbour Centre for Molecular "
        "Discovery and the Eastmarch Academy of Sciences’ Quenby Institutes of Biomedicine and Health.",
        load_gazetteer())}
    assert {"Harbour Centre for Molecular Discovery", "Quenby Institutes of Biomedicine and Health"} <= names
    assert "Biomedicine and Health" not in names


def test_a_legal_settlement_is_a_dispute():
    for sentence in ("Arbor Systems paid a settlement of about $50 million to Dunmore Hospital.",
                     "The payment was made to resolve allegations the software did not work as promised."):
        assert negative_score(sentence) > 0, sentence
    assert not negative_score("The agreement covers the settlement of invoices through the new platform.")


def test_a_trade_mark_sign_glued_to_a_name_does_not_cut_it():
    parties = _parties(
        "Lintel and Quenby Health form research collaboration",
        "Lintel Medical Technologies® and Quenby Health™ have signed a research collaboration to study "
        "remote monitoring at home.")
    assert parties == {"Lintel Medical Technologies", "Quenby Health"}


def test_members_listed_by_what_they_are_are_parties():
    parties = _parties(
        "Quenby Clinic, Arbor and others form coalition on flu testing",
        "A coalition of health systems and technology companies is working together to widen flu testing, "
        "led by Quenby Clinic.\n\n"
        "Coalition members include cloud companies Lintel Technologies and Arbor Systems as well as the records "
        "vendor Kestrel Software.\n\n"
        "Health systems involved include Dunmore Health and Harbourview Health.\n\n"
        "The incumbent systems include products from Brindle Imaging, which stay in use.")
    assert parties == {"Quenby Clinic", "Lintel Technologies", "Arbor Systems", "Kestrel Software", "Dunmore Health",
                       "Harbourview Health"}


def test_members_named_before_among_those_to_join_are_parties():
    parties = _parties(
        "Record number of systems sign on to exchange network",
        "Thirteen of the country's large health systems can now share records with other providers after "
        "signing on to the largest national exchange network.\n\n"
        "Exchange operator Lintel Networks said this week that the 13 systems can now trade clinical messages with "
        "more than 100 others that came on board this year, covering 18 percent of staffed beds.\n\n"
        "Dunmore Health, Harbourview Health and the Quenby University Medical Center were among those to "
        "join the network this year.\n\n"
        "\"This is proof that providers are sharing what they know,\" said Jo Harlow, chief executive of "
        "Lintel Networks.")
    assert parties == {"Lintel Networks", "Dunmore Health", "Harbourview Health", "Quenby University Medical Center"}


def test_an_nhs_trust_written_without_nhs_in_lower_case_is_the_known_trust():
    gazetteer = load_gazetteer()
    known = gazetteer.lookup("Royal Berkshire NHS Foundation Trust")
    assert known is not None
    for written in ("Royal Berkshire foundation trust", "Royal Berkshire trust"):
        assert gazetteer.lookup(written) is known, written
    assert gazetteer.lookup("Wellcome Trust") is not known
    parties = _parties(
        "Royal Berkshire trust awards Arbor Systems £10m hosting deal",
        "Royal Berkshire foundation trust has awarded Arbor Systems a £10m contract for remote hosting of its "
        "electronic patient record, the trust said.")
    assert parties == {"Royal Berkshire NHS Foundation Trust", "Arbor Systems"}


def test_a_trust_described_by_its_city_is_no_name():
    names = {r.name for r in find_organizations(
        "Dunmore Children's Hospital and Arbor Systems will build the tool, the Liverpool trust said today.",
        load_gazetteer())}
    assert "Liverpool trust" not in names


def test_ministries_of_a_country_named_by_one_plural_head_are_two_bodies():
    names = {r.name for r in find_organizations(
        "The Eastmarch Ministries of Health and Science, Technology and Innovation signed a collaboration "
        "agreement on connected devices.", load_gazetteer())}
    assert {"Ministry of Health", "Ministry of Science, Technology and Innovation"} <= names


def test_a_contract_suspended_or_under_review_is_no_new_agreement():
    for sentence in ("Dunmore Hospital NHS Foundation Trust has suspended two contracts it holds with Arbor Systems.",
                     "The trusts' joint record contract with Arbor Systems is under review while the regulator "
                     "looks at their finances."):
        assert negative_score(sentence) > 0, sentence
    assert not negative_score("Dunmore Hospital has signed a contract with Arbor Systems to review its records.")


def test_an_award_winner_a_purchase_still_to_make_and_an_earnings_release_are_no_deals():
    for sentence in ("Dunmore Children's Medical Center has been named a 2027 Quenby Award of Excellence winner.",
                     "Dunmore Hospital NHS Foundation Trust is looking to procure a single electronic health record "
                     "that could include two other trusts.",
                     "Investors will watch Arbor Systems' next earnings release, scheduled for March 9."):
        assert negative_score(sentence) > 0, sentence
    assert not negative_score("Dunmore Hospital has chosen Arbor Systems to supply its new record.")


def test_a_headline_count_and_a_participle_opener_name_no_one():
    assert announced_parties("Eight join Quenby Health Data Alliance") == ["Quenby Health Data Alliance"]
    assert announced_parties("Launched in December 2026, the Quenby Health Data Alliance has signed up with "
                             "Arland Health.") == ["Quenby Health Data Alliance", "Arland Health"]


def test_a_choice_made_from_a_shortlist_and_systems_teaming_to_create_a_body_are_deals():
    assert not negative_score("The three trusts, known as Westcare, chose Arbor Systems' records platform from a "
                              "shortlist of three suppliers.")
    assert negative_score("Arbor Systems and Kestrel Software have been shortlisted for the records contract.") > 0
    from news_etl.cues import positive_score
    assert positive_score("Dunmore Health, Harbourview Health and Quenby Health are teaming to create a shared "
                          "data utility.") > 0


def test_the_kind_of_body_before_a_subject_list_is_no_part_of_its_first_name():
    assert announced_parties("Tech giants Quenby and Zorbly have signed a research collaboration.") == [
        "Quenby", "Zorbly"]
    assert announced_parties("Health systems Quenby Health and Arland Clinic have formed an alliance.") == [
        "Quenby Health", "Arland Clinic"]
    assert announced_parties("Three hospitals in Dunmore have signed a deal with Arbor.") == ["Arbor"]
