"""Round-13 shapes, read from real news (session 13) and written here in our own words: sentence
openers read as names ("Thanks to", "Headquartered in"), a memorandum named alone in a headline, and
the outlet a speaker talks to. Every organisation and sentence is invented."""

from __future__ import annotations

from news_etl.classify import classify_article
from news_etl.entities import find_organizations
from news_etl.orgs import load_gazetteer


def _parties(title: str, text: str) -> set[str]:
    verdict = classify_article(title, text)
    assert verdict.is_partnership, verdict.reason
    return {p.name for p in verdict.partnerships[0].participants}


def test_a_sentence_opening_on_thanks_to_names_no_party_thanks():
    assert _parties(
        "Arlow Systems, Beckmere Health Alliance unveil state health information exchange",
        "Thanks to a collaboration announced today by Arlow Systems and the Ohio-based Beckmere Health "
        "Alliance, the state is set to launch a health information exchange that lets providers share "
        "records.\n\nArlow Systems, which built exchanges for two other states, will run the platform.",
    ) == {"Arlow Systems", "Beckmere Health Alliance"}


def test_a_sentence_opening_on_where_a_party_is_based_names_no_party():
    assert _parties(
        "Kestrel Partners teams with Zorbly Systems on radiology AI",
        "Kestrel Partners, a national radiology practice, has partnered with Zorbly Systems to speed up the "
        "use of AI in reading scans.\n\nHeadquartered in Southern California, Kestrel Partners has about 3,000 "
        "radiologists reading for hospitals in 30 states.",
    ) == {"Kestrel Partners", "Zorbly Systems"}


def test_a_memorandum_named_alone_in_a_subject_slot_is_no_organisation():
    """A headline's subject slot ("Memorandum signed on ...") gives the word as a name to look for."""
    names = {o.name for o in find_organizations(
        "Memorandum signed on establishing a centre of gene therapy\nTavistock Pharmaceuticals and Arnwood "
        "University Hospital signed it.", load_gazetteer(), ["Memorandum", "Tavistock Pharmaceuticals"])}
    assert names == {"Tavistock Pharmaceuticals", "Arnwood University Hospital"}


def test_the_outlet_a_speaker_talks_to_is_no_party():
    assert _parties(
        "Radiology group teams with Zorbly on AI",
        "Kestrel Partners has teamed up with Zorbly Systems to bring AI triage to its radiologists.\n\n"
        "In an interview with Clinical Tech Weekly, Kestrel Partners chief medical officer Ann Lee said the "
        "deal with Zorbly Systems covers 40 hospitals.",
    ) == {"Kestrel Partners", "Zorbly Systems"}


def test_a_news_outlet_reporting_the_deal_is_no_party():
    """Session 14: an outlet named as the source ("CNBC said that ...") was chosen as a party; the
    gazetteer's list of outlets and wire services drops it (the two parties are invented)."""
    assert _parties(
        "Zorbly Systems working with Arnwood Health on a new hospital",
        "Zorbly Systems is working with Arnwood Health to build a new hospital run on its cloud software.\n\n"
        "CNBC said that Zorbly Systems and Arnwood Health signed the agreement last month, and Reuters "
        "reported that the hospital will open in 2027.",
    ) == {"Zorbly Systems", "Arnwood Health"}
