"""The party model (``party_model.py``): what it reads of each organisation, what it learns, what it
stores, and the verdicts it changes (only those whose announcement the rules cannot read two parties
in). Every organisation and sentence here is invented."""

from __future__ import annotations

import json

import pytest
from news_etl.classify import classify_article, read_article
from news_etl.evaluation import RULES_PARTIES_ONLY, LabelledArticle, party_rows
from news_etl.orgs import load_gazetteer
from news_etl.party_model import PartyModel, load_party_model, train_party_model

# The shape the rules cannot read: the lead describes one party ("the offshoot of ...") and names the
# other; the next sentence names the first and refers to the other only as "the trust".
DESCRIBED_PARTY = (
    "Kelbrook Valley Hospitals teams up with AI firm on cancer scans",
    "The machine learning offshoot of a Danish software group has paired up with Kelbrook Valley "
    "Hospitals NHS Foundation Trust for a five-year research collaboration on head and neck cancer.\n\n"
    "Norvia Analytics said it will receive around 700 anonymised scans from the trust for the research "
    "partnership.\n\n"
    "Clinicians at the trust spend up to four hours marking out tissue on each scan before radiotherapy, "
    "and Norvia Analytics hopes to cut that to one.",
)


def test_features_say_where_and_how_often_the_story_names_each_organisation():
    reading = read_article(*DESCRIBED_PARTY, load_gazetteer())
    features = dict(zip((o.name for o in reading.orgs), reading.candidates, strict=True))
    trust = next(f for name, f in features.items() if name.startswith("Kelbrook Valley Hospitals"))
    norvia = features["Norvia Analytics"]
    assert trust["in_first"] == 1.0 and norvia["in_first"] == 0.0
    assert norvia["subject"] == 1.0  # "Norvia Analytics said ..." opens a sentence
    assert trust["mentions"] > 0 and norvia["sentences"] > 0
    assert all(0.0 <= f["rank"] <= 1.0 for f in features.values())


def test_training_learns_which_features_make_a_party_and_is_deterministic():
    rows = ([({"in_title": 1.0, "mentions": 0.7}, True)] * 20 + [({"in_title": 0.0, "mentions": 0.7}, False)] * 20)
    model = train_party_model(rows)
    assert model.weights["in_title"] > 0
    assert model.probability({"in_title": 1.0, "mentions": 0.7}) > 0.5 > model.probability({"mentions": 0.7})
    assert train_party_model(rows) == model


def test_choose_takes_every_likely_party_and_at_least_the_two_best():
    model = PartyModel(weights={"in_title": 4.0}, bias=-2.0)
    assert model.choose([{"in_title": 1.0}, {}, {"in_title": 1.0}, {"in_title": 1.0}]) == [0, 2, 3]
    # One candidate above the threshold: the next best is the second party.
    assert model.choose([{}, {"in_title": 1.0}, {"in_title": 0.5}]) == [1, 2]


def test_the_model_names_the_parties_the_rules_cannot_and_explains_them():
    rules = classify_article(*DESCRIBED_PARTY, party_model=RULES_PARTIES_ONLY)
    verdict = classify_article(*DESCRIBED_PARTY)
    assert rules.score >= 0.5 and not rules.is_partnership, rules.reason
    assert "fewer than two named parties" in rules.reason
    assert verdict.is_partnership, verdict.reason
    names = {p.name for p in verdict.partnerships[0].participants}
    assert "Norvia Analytics" in names and any(n.startswith("Kelbrook Valley Hospitals") for n in names)
    assert "parties chosen by the party model" in verdict.reason


def test_a_verdict_the_rules_can_explain_keeps_the_rules_parties():
    title, text = ("Quenby Health signs EHR deal with Zorbly Systems",
                   "Quenby Health has signed a five-year agreement with Zorbly Systems to deploy its electronic "
                   "health record across four hospitals.\n\nThe rollout starts in March.")
    verdict = classify_article(title, text)
    assert verdict.is_partnership and "party model" not in verdict.reason
    assert verdict.partnerships == classify_article(title, text, party_model=RULES_PARTIES_ONLY).partnerships


def test_the_shipped_model_round_trips_through_its_json(tmp_path):
    model = train_party_model([({"in_title": 1.0}, True), ({"in_title": 0.0}, False)] * 5)
    path = tmp_path / "party_model.json"
    path.write_text(model.to_json(), encoding="utf-8")
    loaded = load_party_model(path)
    assert loaded.trained_on == 10
    assert loaded.weights["in_title"] == pytest.approx(model.weights["in_title"], abs=1e-4)


def test_stored_rows_hold_numbers_not_text():
    title, text = DESCRIBED_PARTY
    article = LabelledArticle(
        id="X01", split="real", title=title, text=text, is_partnership=True, types=("research_collaboration",),
        participants={"Kelbrook Valley Hospitals NHS Foundation Trust": (), "Norvia Analytics": ()},
        acceptable_extra=(), url="https://news.example/x01")
    (row,) = party_rows([article])
    assert set(row) == {"id", "url", "reader", "candidates"}
    assert sorted(c["party"] for c in row["candidates"]) == [True, True]
    stored = json.dumps(row["candidates"]).lower()
    assert not any(word in stored for word in ("kelbrook", "norvia", "scan", "cancer"))


def test_the_shipped_party_model_is_what_train_detector_learns():
    from news_etl.evaluation import PARTY_ROWS_PATH, load_labelled, load_real_rows, train_parties
    from news_etl.party_model import PARTY_MODEL_PATH

    shipped = json.loads(PARTY_MODEL_PATH.read_text(encoding="utf-8"))
    rows = load_real_rows(PARTY_ROWS_PATH)
    assert len(rows) >= 150
    learned = json.loads(train_parties(load_labelled(), real_party_rows=rows).to_json())
    hint = "run `news-etl train-detector --write` after changing features, rules or labels"
    assert learned["trained_on_candidates"] == shipped["trained_on_candidates"], hint
    assert learned["bias"] == pytest.approx(shipped["bias"], abs=2e-3), hint
    assert learned["weights"] == pytest.approx(shipped["weights"], abs=2e-3), hint
