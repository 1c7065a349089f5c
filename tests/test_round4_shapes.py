"""Detection on issue 5's fourth round of real-news shapes: trend stories counting deals, awards
for collaborations already running, a supplier still to be named, a call for partners, research
findings, and organisations set to take part in a joint project.
Every sentence here is invented."""

from __future__ import annotations

import pytest
from news_etl.classify import headline_case
from news_etl.cues import RELATION, negative_score
from news_etl.party_slots import announced_parties


@pytest.mark.parametrize("sentence", [
    "A wave of collaborations between hospital groups and cloud companies is changing how records are kept.",
    "At least a dozen significant partnerships announced in recent weeks show where health systems are heading.",
    "More than 20 AI deals struck this year involve a large technology company.",
    "The Westbrook Digital Ward partnership won the award for the best healthcare collaboration.",
    "Quenby Health and Zorblatt were among the winners at the annual digital health awards.",
    "The two trusts are moving towards a shared record, with a preferred supplier to be named in March.",
    "Westbrook Health seeks long-term partnerships with industry for its new building programme.",
    "Research by Quenby Analytics found that almost every trust has now bought an electronic record.",
])
def test_trend_counts_awards_calls_for_partners_and_research_findings_are_no_announcement(sentence):
    assert negative_score(sentence) > 0, sentence


@pytest.mark.parametrize("sentence", [
    "Quenby Health has signed a partnership with Zorblatt to build a shared care record.",
    "The two partners said several more hospitals could join next year.",
    "Westbrook Trust awarded the contract to Zorblatt after a tender.",
    "Zorblatt won a five-year contract to supply the trust's pathology system.",
    "Westbrook Health has selected Zorblatt; the contract is due to be signed next month.",
])
def test_an_announcement_keeps_clear_of_those_cues(sentence):
    assert negative_score(sentence) == 0, sentence


def test_organisations_set_to_take_part_in_a_project_are_in_a_relation():
    assert RELATION.search("Quenby University, Zorblatt and Westbrook Health are all set to participate in the study.")


def test_a_title_case_headline_with_small_words_in_lower_case_reads_its_verb():
    assert headline_case("University of Quenby Partners with Zorblatt to Build Medical AI").startswith(
        "University of Quenby partners with Zorblatt")
    assert headline_case("NHS trust to use AI for triage") == "NHS trust to use AI for triage"


def test_a_governing_board_acts_for_its_organisation():
    assert announced_parties("The Westbrook Medical Center Board of Trustees has approved buying new "
                             "software from Zorblatt.") == ["Westbrook Medical Center", "Zorblatt"]
