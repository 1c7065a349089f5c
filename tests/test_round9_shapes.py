"""Real-news shapes of issue 5's ninth round (measured on real-news check sets kept outside the
repo, written here in our own words): names the text abbreviates. An initialism used without
being defined, a long name an acronym defines although commas and "and" cut it in parts, and two
names joined by "and" that the text abbreviates as one. Every organisation, event and sentence
here is invented."""

from __future__ import annotations

from news_etl.classify import classify_article
from news_etl.cues import negative_score, positive_score
from news_etl.entities import before_officer, find_organizations, initials
from news_etl.orgs import load_gazetteer
from news_etl.party_slots import announced_parties
from news_etl.places import leading_dateline
from party_checks import parties as _parties


def _verdict(title: str | None, text: str) -> tuple[bool, set[str]]:
    verdict = classify_article(title, text)
    return verdict.is_partnership, {p.name for q in verdict.partnerships[:1] for p in q.participants}


def test_initials_skip_connectors_and_keep_inner_capitals():
    assert initials("Harbourview Health Network") == "HHN"
    assert initials("Applied Research in Medicine, Imaging and Technology") == "ARMIT"
    assert initials("Quenby HealthCare of the North") == "QHCN"


def test_an_initialism_the_text_never_defines_is_the_organisation_it_spells():
    text = ("Harbourview Health Network and Dunmore University Medicine announced on Monday that they will "
            "extend their research collaboration to heart failure and stroke.\n\n"
            "Under the agreement, HHN and Dunmore will share trial data.")
    refs = {r.name: r for r in find_organizations(text, load_gazetteer(), ["HHN"])}  # a subject: a party's name
    assert "HHN" not in refs and "HHN" in refs["Harbourview Health Network"].mentions
    # ... but not when two organisations spell it
    text += "\n\nHarbour Health Network, a group of home-care agencies, will refer patients."
    assert "HHN" in {r.name for r in find_organizations(text, load_gazetteer(), ["HHN"])}


def test_an_acronym_names_the_whole_long_name_before_it():
    text = ("The Ministry of Health has signed a memorandum of understanding with Applied Research in "
            "Medicine, Imaging and Technology (ARMIT) to build a national imaging archive.")
    names = {r.name for r in find_organizations(text, load_gazetteer())}
    assert "Applied Research in Medicine, Imaging and Technology" in names
    assert not names & {"Imaging and Technology", "Applied Research", "ARMIT"}


def test_two_names_joined_by_and_are_one_when_the_text_abbreviates_the_whole():
    parties = _parties(
        "NCTN and NFCLA sign memorandum on laboratory training",
        "The Nordic Clinical Trials Network (NCTN) and the Nordic Federation of Clinical Laboratories and "
        "Associations have signed a memorandum of understanding on a training scheme for laboratory "
        "scientists.\n\nNFCLA members will host trainees for up to a year.")
    assert parties == {"Nordic Clinical Trials Network",
                       "Nordic Federation of Clinical Laboratories and Associations"}


def test_a_company_bought_under_a_long_description_is_an_acquisition():
    assert negative_score("Arland Health announced it will purchase patient scheduling and staff messaging "
                          "app maker Quillo.") > 0


def test_a_joint_effort_that_is_over_or_spared_is_no_new_deal():
    assert negative_score("After five years of rising costs, the imaging project that was a collaboration "
                          "between Arland Cancer Center and Zorbly is over.") > 0
    assert negative_score("Big bet fails: Arland-Zorbly project dies") > 0
    assert negative_score("The ministry will not pull the plug on its contract with records supplier Velorix.") > 0


def test_outsourcing_a_function_to_a_company_is_a_partnership_cue():
    assert positive_score("Fenmoor Health will outsource its billing and collections to Quillo, the two "
                          "companies said.") > 0
    assert positive_score("Fenmoor Health will offload its revenue cycle work to Quillo.") > 0


def test_a_lead_that_counts_its_items_of_news_is_a_roundup():
    verdict = classify_article(None, (
        "From new AI tools to new customers, here are eight updates on Velorix's business and partnerships "
        "reported in May:\n\n"
        "Arland Health signed a contract with Velorix on May 3 to replace its records system.\n\n"
        "Through a partnership with Fenmoor College, Quenby Health will give nursing students a Velorix "
        "training licence.\n\n"
        "Marrow Health and Velorix have agreed a five-year collaboration on AI tools."))
    assert not verdict.is_partnership and "roundup" in verdict.reason


def test_conditions_systems_documents_and_quantifiers_are_no_organisations():
    text = ("Quenby Health will monitor patients discharged with Chronic Kidney Disease (CKD) under a deal "
            "with Arland Systems Ltd. The ministry plans a new Radiology Information System (RIS).\n\n"
            "Memorandum of Understanding on Digital Care in Fenmoor\n\n"
            "Several Ministry of Health officials said the deal was welcome.")
    names = {r.name for r in find_organizations(text, load_gazetteer(), ["Chronic Kidney Disease"])}
    assert {"Quenby Health", "Arland Systems Ltd", "Ministry of Health"} <= names
    assert not names & {"Chronic Kidney Disease", "Radiology Information System", "Understanding on Digital Care",
                        "Several Ministry of Health"}


def test_a_question_headline_and_results_up_or_down_are_hard_negative_cues():
    assert negative_score("What makes a hospital-vendor partnership last? Trust and shared goals") > 0
    assert negative_score("Helped by its Arland contract, Velorix had record bookings in the quarter, with "
                          "bookings up 9% and revenue up 6% on a year earlier.") > 0
    # ... a headline that only ends on a question mark after a statement is no question
    assert negative_score("Arland Health signs with Velorix: what's next?") == 0


def test_datelines_in_any_case_and_towns_before_their_state_are_no_parties():
    assert leading_dateline("Amsterdam, the Netherlands and Fenmoor, S.C. - Quenby Health and Arland "
                            "Systems today announced") == len("Amsterdam, the Netherlands and Fenmoor, S.C. - ")
    assert leading_dateline("Chicago, USA – Quenby Health today announced") == len("Chicago, USA – ")
    assert leading_dateline("Quenby Health – the region's largest system – today announced") == 0
    _, parties = _verdict(None, (
        "Partnership to modernise patient monitoring\n\nMay 4, 2026\n\n"
        "Amsterdam, the Netherlands and Fenmoor, S.C. - Quenby Systems and Arland Health today announced a "
        "seven-year strategic partnership to modernise patient monitoring across Arland's hospitals."))
    assert parties == {"Quenby Systems", "Arland Health"}
    assert announced_parties("Velorix Systems Corp., Verona, Wis., will supply the software to the "
                             "department.") == ["Velorix Systems Corp."]


def test_officers_portfolios_and_ministries_named_for_several_fields():
    assert before_officer("Northern Ireland’s Health Minister Jane Roe") == "Northern Ireland’s"
    assert before_officer("Arland Health Director Jane Roe") == "Arland Health"  # no portfolio before a director
    assert announced_parties("Fenmoor’s Department of Health, Social Services and Public Safety has awarded a "
                             "contract to Velorix.") == ["Fenmoor’s Department of Health, Social Services and "
                                                         "Public Safety", "Velorix"]
    assert announced_parties("The Hospital and Healthsystem Association of Arland and the Fenmoor Hospital "
                             "Association have formed an alliance.") == [
        "Hospital and Healthsystem Association of Arland", "Fenmoor Hospital Association"]


def test_an_initialism_written_in_parts_folds_into_its_name():
    text = ("Quenby Pharma and CSIR Arland Institute of Chemical Technology have signed an agreement. "
            "Under it, CSIR-AICT and Quenby will share compounds.")
    slots = ["Quenby Pharma", "CSIR Arland Institute of Chemical Technology", "CSIR-AICT"]
    refs = {r.name: r for r in find_organizations(text, load_gazetteer(), slots)}
    assert "CSIR-AICT" not in refs and "CSIR-AICT" in refs["CSIR Arland Institute of Chemical Technology"].mentions


def test_what_a_deal_sets_up_under_any_determiner_is_no_party():
    text = ("Arland Health has launched the country’s first Digital Care Co-Innovation Lab in partnership with "
            "Quenby Cloud and Velorix Systems.")
    slots = ["Arland Health", "Digital Care Co-Innovation Lab", "Quenby Cloud", "Velorix Systems"]
    names = {r.name for r in find_organizations(text, load_gazetteer(), slots)}
    assert "Digital Care Co-Innovation Lab" not in names and "Quenby Cloud" in names


def test_working_more_closely_together_is_a_partnership_cue():
    assert positive_score("Arland University Medicine and Velorix will work more closely together in "
                          "preventive care.") > 0


def test_go_lives_of_something_else_or_still_to_come_and_sales_to_a_customer_are_no_negatives():
    assert negative_score("Forty hospitals including Arland Health have joined the region's health information "
                          "exchange, which went live in 2021.") == 0
    assert negative_score("The new service could go live by January.") == 0
    assert negative_score("Arland Health went live with Velorix on Monday.") > 0
    assert negative_score("Velorix announced an agreement to sell more than $140 million of imaging equipment "
                          "to Arland Health over five years.") == 0
    assert negative_score("Velorix has reached an agreement to sell its imaging unit to Quenby.") > 0


def test_a_company_appointed_or_winning_against_rivals_is_a_supplier_not_a_person():
    sentence = ("Fenmoor Education Board appointed the tech consultancy, owned by Quenby Group, to build its "
                "new platform, beating rival suppliers.")
    assert positive_score(sentence) > 0 and negative_score(sentence) == 0
    assert negative_score("The board appointed Jane Roe as chief executive.") > 0


def test_a_vendor_rolling_out_at_a_customer_is_no_product_launch():
    assert negative_score("Velorix rolls out results management across Arland Health") == 0
    assert negative_score("Velorix launches AI scribe") > 0


def test_descriptions_dates_and_suffixes_are_no_names():
    text = ("APRIL 7TH 2026, FENMOOR – Fenmoor’s Ministry of Health has signed a deal with Indian Company Quillo "
            "Drugs and Pharmaceuticals Limited to build a plant.\n\nThe trusts include Arland NHS Foundation "
            "Trust and NHS Foundation Trust members.")
    slots = ["Indian Company Quillo Drugs and Pharmaceuticals Limited", "Ministry of Health", "APRIL 7TH 2026"]
    names = {r.name for r in find_organizations(text, load_gazetteer(), slots)}
    assert "Quillo Drugs and Pharmaceuticals Limited" in names
    assert not names & {"Indian Company Quillo Drugs and Pharmaceuticals Limited", "APRIL 7TH 2026",
                        "NHS Foundation Trust"}


def test_a_headline_verb_is_no_part_of_a_name():
    _, parties = _verdict("Fenmoor Children’s Medical Center Named Velorix Partner Of The Year",
                          "Fenmoor Children’s Medical Center has signed a five-year contract with Velorix Systems "
                          "to replace its records system.")
    assert "Fenmoor Children’s Medical Center" in parties


def test_the_outlet_a_speaker_tells_is_no_party():
    text = ("Arland Health has signed a ten-year contract with Velorix Systems. Jane Roe, Arland's CIO, told "
            "Fenmoor Health Weekly the contract builds on an earlier pilot.")
    slots = ["Arland Health", "Velorix Systems", "Fenmoor Health Weekly"]
    names = {r.name for r in find_organizations(text, load_gazetteer(), slots)}
    assert "Fenmoor Health Weekly" not in names and {"Arland Health", "Velorix Systems"} <= names
