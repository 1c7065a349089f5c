"""People and quotes: who is quoted, as what, for which organisation, saying what."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from news_etl.entities import find_organizations
from news_etl.orgs import load_gazetteer, org_key
from news_etl.pipeline import Batch, run_once
from news_etl.quotes import find_quotes
from sqlalchemy import create_engine, text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _quotes(body: str):
    return find_quotes(body, find_organizations(body, load_gazetteer()))


@pytest.mark.parametrize("seed", json.loads((SEEDS / "labels.json").read_text())["seeds"],
                         ids=lambda s: Path(s["file"]).stem)
def test_seed_speakers_titles_and_organisations(seed):
    body = (SEEDS / seed["file"]).read_text(encoding="utf-8")
    found = {q.name: q for q in _quotes(body)}
    gazetteer = load_gazetteer()
    for person in seed["people"]:
        assert person["name"] in found, (person, list(found))
        quote = found[person["name"]]
        assert quote.title and quote.title.lower() == person["title"].lower(), (person, quote)
        gold = gazetteer.lookup(person["organisation"])
        assert quote.org_key in {org_key(person["organisation"]), gold and org_key(gold.name)}, (person, quote)
        assert quote.text, person  # every labelled speaker is quoted directly


@pytest.mark.parametrize(("body", "name", "title", "org", "words"), [
    ('"We had to move faster," said Dr. Ana Ruiz, chief medical officer at Harbor Point Medical Center.',
     "Ana Ruiz", "chief medical officer", "Harbor Point Medical Center", "We had to move faster"),
    ("Lena Ortiz, Harbor Point's chief operating officer, said: “Theatre time is precious.”",
     "Lena Ortiz", "chief operating officer", "Harbor Point", "Theatre time is precious."),
    ("Epic's president, Judy Faulkner, said in a statement that the deal was welcome. "
     "“It is a good day for patients,” she added.",
     "Judy Faulkner", "president", "Epic Systems", "It is a good day for patients,"),
])
def test_introduction_shapes(body, name, title, org, words):
    quote = _quotes(body)[0]
    assert (quote.name, quote.title) == (name, title)
    assert quote.org_name == org and quote.text.startswith(words.rstrip(",.")), quote


def test_text_without_a_speaker_has_no_quotes():
    assert _quotes("The hospital said the system would go live next year. “A milestone,” officials said.") == []


def test_load_keeps_one_person_across_articles_and_reruns(pipeline_env):
    settings = pipeline_env
    for run in ("first", "again"):
        assert run_once(settings, Batch.for_day(date(2026, 11, 23), run))["status"] == "published"
    engine = create_engine(settings.warehouse_url)
    with engine.connect() as conn:
        people = conn.execute(text(
            "SELECT p.person_id, o.name FROM person p JOIN organization o ON o.org_id = p.org_id "
            "WHERE p.name = 'Distie Profit'")).all()
        quotes = conn.execute(text("SELECT count(*), count(DISTINCT article_id) FROM quote q "
                                   "WHERE q.person_id = :p"), {"p": people[0][0]}).one()
        total = conn.execute(text("SELECT count(*) FROM quote")).scalar_one()
    engine.dispose()
    assert [name for _, name in people] == ["Oracle Health"]  # quoted for "Cerner" in two stories: one person
    assert tuple(quotes) == (2, 2)
    assert total >= 10
