"""Detection on issue 5's second round of real-news shapes: roundups told in prose, rulings on
awards made earlier, contracts mentioned in passing, recalled mergers, and parties given as a
bulleted list. Every sentence here is invented."""

from __future__ import annotations

from news_etl.classify import classify_article, read_article
from news_etl.cues import negative_score
from news_etl.orgs import load_gazetteer
from news_etl.roundups import item_spans, join_party_lists, party_list_spans

PROSE_ROUNDUP = """Hospitals step up their digital partnerships

Hospitals kept signing technology deals through the spring.

In March, Mayo Clinic partnered with Google Cloud to test a search tool across clinical notes.

Cleveland Clinic also entered a collaboration with Aidoc covering imaging triage at two campuses.

In April, Ochsner Health signed an agreement with Press Ganey for patient surveys.

Sutter Health agreed to work with Abridge on note-taking in its clinics.

Analysts said most of the deals start as small pilots."""

PARTY_LIST = """Four health systems form a sepsis research consortium

Four health systems have formed a research consortium to study sepsis alerts in community hospitals.

The partners are:
- Mayo Clinic
- Cleveland Clinic
- Ochsner Health
- Sutter Health

Each system will share de-identified records with the others, and the consortium will publish its methods."""


def _reading(text: str):
    title, _, body = text.partition("\n\n")
    return read_article(title, body, load_gazetteer())


def test_a_roundup_in_prose_counts_its_separate_deals():
    assert _reading(PROSE_ROUNDUP).features["separate_deals"] >= 2


def test_one_announcement_retold_in_several_sentences_has_no_separate_deals():
    story = ("Mayo Clinic partners with Google Cloud on clinical search\n\n"
             "Mayo Clinic has partnered with Google Cloud to build a search tool across clinical notes.\n\n"
             "Under the agreement, Google Cloud will host the models and Mayo Clinic will test them.\n\n"
             "Mayo Clinic said the collaboration with Google Cloud would run for three years.")
    assert _reading(story).features["separate_deals"] == 0.0


def test_a_roundup_in_prose_is_not_one_partnership():
    title, _, body = PROSE_ROUNDUP.partition("\n\n")
    verdict = classify_article(title, body)
    assert not verdict.is_partnership, verdict.reason


def test_a_merger_recalled_in_an_appositive_or_a_headline_is_no_negative_cue():
    for sentence in [
        "Corewell Health, formed by merger, picks Qventus for scheduling",
        "The trust, created in 2020 when three hospital trusts merged, has selected Alcidion.",
        "Northwell Health, which completed its merger with Nuvance Health last year, has tapped Abridge.",
        "Merged Essex trust selects Alcidion for observations",
        "Health system taps Abridge after completing merger",
        "Allina Health, the product of a 2021 merger between two systems, has chosen Suki.",
    ]:
        assert negative_score(sentence) == 0.0, sentence
    assert negative_score("Two hospital trusts have merged to form a single organisation.") > 0


def test_references_back_to_a_recalled_merger_are_background_too():
    sentence = "The merger left the system with two scheduling platforms."
    assert negative_score(sentence) > 0
    assert negative_score(sentence, recalled=True) == 0.0


def test_a_recalled_mergers_parties_are_no_parties_of_the_deal():
    verdict = classify_article(
        "Sutter Health picks Abridge",
        "Sutter Health, formed in 2021 when Mayo Clinic merged with Ochsner Health, has selected Abridge "
        "for ambient documentation in its clinics.\n\nAbridge will start in primary care.")
    names = {p.name for p in verdict.partnerships[0].participants} if verdict.partnerships else set()
    assert verdict.is_partnership, verdict.reason
    assert "Mayo Clinic" not in names and "Ochsner Health" not in names


def test_a_party_list_is_one_sentence_and_no_roundup_items():
    lines = ["Four systems form a consortium.", "The partners are:", "- Mayo Clinic", "- Cleveland Clinic",
             "Each will share records."]
    party_list = "The partners are:\n- Mayo Clinic\n- Cleveland Clinic"
    assert join_party_lists(lines) == ["Four systems form a consortium.", party_list, "Each will share records."]
    document = "\n".join(lines)
    assert [document[s:e] for s, e in party_list_spans(document)] == [party_list]
    assert item_spans(document) == []


def test_parties_given_as_a_bulleted_list_are_the_partnerships_parties():
    title, _, body = PARTY_LIST.partition("\n\n")
    verdict = classify_article(title, body)
    assert verdict.is_partnership, verdict.reason
    names = {p.name for p in verdict.partnerships[0].participants}
    assert {"Mayo Clinic", "Cleveland Clinic", "Ochsner Health", "Sutter Health"} <= names
