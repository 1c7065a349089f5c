"""Where the sentence naming the parties stands. On real news an announcement names its parties in
the headline or the first two sentences; a deal first named further down is usually background to
other news. Every organisation, event and sentence here is invented."""

from __future__ import annotations

from news_etl.classify import classify_article, read_article
from news_etl.detector import load_detector
from news_etl.orgs import load_gazetteer

GO_LIVE = (
    "Arland Regional Hospital completes its move to bedside tablets",
    "Arland Regional Hospital has finished giving bedside tablets to every inpatient ward, the hospital "
    "said on Thursday.\n\n"
    "Patients use the tablets to order meals, message nurses and read their care plans. Staff said call "
    "bells rang about a fifth less often during the first month.\n\n"
    "The tablets run software from Quenby Systems Limited, which signed a contract with the hospital to "
    "supply the devices and their support. The hospital also works with Velorix University on a study "
    "of how older patients use them.\n\n"
    "\"The ward is quieter and patients feel less alone at night,\" said ward manager Jane Roe.",
)
ANNOUNCEMENT = (
    "Arland Regional Hospital signs bedside tablet deal with Quenby Systems Limited",
    "Arland Regional Hospital has signed a five-year contract with Quenby Systems Limited to supply "
    "bedside tablets to every inpatient ward, the hospital said on Thursday.\n\n"
    "Patients will use the tablets to order meals, message nurses and read their care plans.\n\n"
    "Quenby already supplies a similar service to Zorbly Health, which it signed with in 2022.",
)


def test_a_party_sentence_past_the_lead_is_weighed_apart():
    gazetteer = load_gazetteer()
    late = read_article(*GO_LIVE, gazetteer).features
    early = read_article(*ANNOUNCEMENT, gazetteer).features
    assert late["parties_past_lead"] >= 2 and "parties" not in late and "cue_parties" not in late
    assert early["parties"] >= 2 and "parties_past_lead" not in early


def test_the_shipped_detector_trusts_a_party_sentence_past_the_lead_less():
    """What the weights learned from the development set (dev-17 holds the real-news shape of a deal
    recalled deep in other news) must keep: parties and cues first named past the lead weigh less."""
    weights = load_detector().weights
    assert weights["parties_past_lead"] < weights["parties"]
    assert weights["cue_parties_past_lead"] < weights["cue_parties"]


def test_an_announcement_in_the_lead_keeps_its_parties_despite_a_later_background_deal():
    verdict = classify_article(*ANNOUNCEMENT)
    assert verdict.is_partnership, verdict.reason
    assert {p.name for p in verdict.partnerships[0].participants} == {
        "Arland Regional Hospital", "Quenby Systems Limited"}
