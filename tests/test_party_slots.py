"""Party slots on issue 5's real-news shapes: deals told in the passive and subjects broken by an
appositive. Every name and sentence here is invented."""

from __future__ import annotations

from news_etl.party_slots import announced_parties
from party_checks import parties as _parties


def test_a_deal_announced_or_signed_in_the_passive_names_its_makers():
    assert announced_parties("The agreement was announced by Velorix and Quenby on Tuesday.") == ["Velorix", "Quenby"]
    assert announced_parties("The pact, signed by Velorix and Quenby in March, runs for five years.") == \
        ["Velorix", "Quenby"]
    assert set(announced_parties("A contract has been awarded to Velorix by Quenby Health.")) == \
        {"Velorix", "Quenby Health"}
    assert announced_parties("The contract was awarded by NHS Arland to Zorblatt Analytics.") == \
        ["NHS Arland", "Zorblatt Analytics"]
    for sentence in ("The deal, announced Tuesday by Velorix and Quenby, runs for five years.",
                     "The pact was signed last week by Velorix and Quenby.",
                     "The pact was unveiled Nov. 3 by Velorix and Quenby."):
        assert announced_parties(sentence) == ["Velorix", "Quenby"], sentence


def test_a_story_told_in_the_passive_has_both_parties():
    assert _parties("Regional data deal announced",
                    "The agreement was announced by Harrowgate Health Partners and Zorblatt Analytics on "
                    "Tuesday. The two will build a shared sepsis model over three years. Harrowgate Health "
                    "Partners runs nine hospitals.") == {"Harrowgate Health Partners", "Zorblatt Analytics"}


def test_a_date_after_an_object_is_no_part_of_its_name():
    assert announced_parties("Velorix Health signed an agreement with Quenby on Monday.") == \
        ["Velorix Health", "Quenby"]


def test_an_appositive_that_describes_the_subject_leaves_its_name():
    for sentence in (
        "Velorix, the organisation tasked with running the region's shared patient records and its laboratory "
        "results viewer, has signed an agreement with Zorblatt Analytics.",
        "Velorix, which runs the region's records, has signed an agreement with Zorblatt Analytics.",
        "Velorix, Arland's records agency, has signed an agreement with Zorblatt Analytics.",
        "Under the agreement, Velorix, the organisation tasked with running the region's records, will work "
        "with Zorblatt Analytics.",
    ):
        assert announced_parties(sentence) == ["Velorix", "Zorblatt Analytics"], sentence


def test_a_possessive_name_in_a_subject_list_is_a_name_not_an_appositive():
    assert announced_parties("Velorix, Arland's Quenby and Zorblatt Analytics have signed an agreement.")[-1] == \
        "Zorblatt Analytics"
    assert "Quenby" in " ".join(announced_parties("Velorix, Arland's Quenby and Zorblatt have signed an agreement."))


def test_a_subject_with_an_appositive_is_a_party_of_the_story():
    assert _parties("Records body signs with Zorblatt Analytics",
                    "Velorix, which runs the region's patient records for nine hospitals, has signed an "
                    "agreement with Zorblatt Analytics to build a shared record. The work begins in June.") == \
        {"Velorix", "Zorblatt Analytics"}


def test_who_chose_a_supplier_told_in_the_passive_is_a_party_slot():
    assert announced_parties("Zorblatt Analytics has been selected by eHealth Manitoba.") == \
        ["Zorblatt Analytics", "eHealth Manitoba"]


def test_a_list_after_a_slot_names_every_item():
    assert announced_parties("The agreement was jointly announced by Velorix Health, Quenby and Arland University.") \
        == ["Velorix Health", "Quenby", "Arland University"]
    assert announced_parties("Zorblatt has partnered with Velorix, Quenby, and Tidewell to build the tool.") == \
        ["Zorblatt", "Velorix", "Quenby", "Tidewell"]


def test_an_appositive_after_a_slot_is_no_list():
    assert announced_parties("Zorblatt has partnered with Velorix, Quenby's parent company, on the tool.") == \
        ["Zorblatt", "Velorix"]


def test_a_legal_form_after_a_comma_is_neither_a_party_nor_a_list_item():
    """"Arland Net, LLC" is Arland Net: the comma before a legal form opens no list item, in the
    subject or in the object ("with Zorbly Systems, Inc. and Arland Net, LLC")."""
    assert announced_parties("Arland Net, LLC, Quenby Health and Zorbly Systems, Inc. have formed a data network.") \
        == ["Arland Net", "Quenby Health", "Zorbly Systems"]
    assert announced_parties("Quenby Health has signed a deal with Zorbly Systems, Inc. and Arland Net, LLC to "
                             "build a data network.") == ["Quenby Health", "Zorbly Systems", "Arland Net"]
