"""Party slots on issue 5's real-news shapes: deals told in the passive and subjects broken by an
appositive. Every name and sentence here is invented."""

from __future__ import annotations

from news_etl.classify import classify_article
from news_etl.entities import announced_parties


def _parties(title: str, body: str) -> set[str]:
    verdict = classify_article(title, body)
    assert verdict.is_partnership, verdict.reason
    return {p.name for p in verdict.partnerships[0].participants}


def test_a_deal_announced_or_signed_in_the_passive_names_its_makers():
    assert announced_parties("The agreement was announced by Velorix and Quenby on Tuesday.") == ["Velorix", "Quenby"]
    assert announced_parties("The pact, signed by Velorix and Quenby in March, runs for five years.") == \
        ["Velorix", "Quenby"]
    assert set(announced_parties("A contract has been awarded to Velorix by Quenby Health.")) == \
        {"Velorix", "Quenby Health"}


def test_a_story_told_in_the_passive_has_both_parties():
    assert _parties("Regional data deal announced",
                    "The agreement was announced by Harrowgate Health Partners and Zorblatt Analytics on "
                    "Tuesday. The two will build a shared sepsis model over three years. Harrowgate Health "
                    "Partners runs nine hospitals.") == {"Harrowgate Health Partners", "Zorblatt Analytics"}


def test_a_date_after_an_object_is_no_part_of_its_name():
    assert announced_parties("Velorix Health signed an agreement with Quenby on Monday.") == \
        ["Velorix Health", "Quenby"]
