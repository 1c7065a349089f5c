"""The words model (``text_model.py``): what it reads, what it learns, what it stores and how a verdict
uses it. Every organisation and sentence here is invented."""

from __future__ import annotations

import json

import pytest
from news_etl.classify import classify_article, read_article
from news_etl.detector import load_detector, sigmoid
from news_etl.evaluation import LabelledArticle, text_rows
from news_etl.orgs import load_gazetteer
from news_etl.text_model import LEAD_LINES, RULES_ONLY, bucket, load_text_model, text_ngrams, train_text_model


def test_ngrams_read_headline_and_lead_with_organisations_masked():
    document = "Zorbly signs deal with Quenby\n" + "\n".join(f"Sentence {i} says more." for i in range(6))
    grams = text_ngrams(document, [(0, 6), (23, 29)])
    assert {"t:ORG", "t:ORG_signs", "t:signs_deal", "t:with_ORG", "l:sentence_says"} <= set(grams)
    assert not any("zorbly" in g or "quenby" in g for g in grams)
    assert "l:5" not in grams and "l:more_sentence" in grams  # sentences run on within the lead
    lead_words = {g for g in grams if g.startswith("l:") and "_" not in g}
    assert lead_words == {"l:sentence", "l:says", "l:more"}
    assert LEAD_LINES == 4
    assert all(grams[g] == bucket(g) for g in grams)


def test_buckets_are_stable_numbers():
    """The stored rows and the shipped weights are keyed by these numbers: a change of hashing would
    silently mismatch them."""
    assert (bucket("t:signs"), bucket("l:agreement_with")) == (38417, 17642)
    assert 0 <= bucket("anything at all") < 1 << 18


def _toy_rows() -> list[tuple[list[int], bool, float]]:
    # Bucket 7 is what partnerships say, bucket 9 what the rest say; the rules see nothing (logit 0).
    return [([7, 1 + i % 3], True, 0.0) for i in range(30)] + [([9, 1 + i % 3], False, 0.0) for i in range(30)]


def test_training_learns_the_words_and_gives_them_weight_in_the_verdict():
    model = train_text_model(_toy_rows())
    assert model.weights[7] > 0 > model.weights[9]
    assert model.words > 0
    assert model.combine(0.0, model.words_logit([7])) > 0 > model.combine(0.0, model.words_logit([9]))
    again = train_text_model(_toy_rows())
    assert again == model  # deterministic: zero start, fixed steps, folds by position


def test_the_shipped_model_round_trips_through_its_json(tmp_path):
    model = train_text_model(_toy_rows())
    path = tmp_path / "text_model.json"
    path.write_text(model.to_json(), encoding="utf-8")
    loaded = load_text_model(path)
    assert loaded.trained_on == 60
    assert loaded.words == pytest.approx(model.words, abs=1e-4)
    assert loaded.weights[7] == pytest.approx(model.weights[7], abs=1e-4)


def test_a_verdict_with_the_rules_alone_is_the_detectors_and_the_shipped_one_explains_its_words():
    title, text = ("Quenby Health signs EHR deal with Zorbly Systems",
                   "Quenby Health has signed a five-year agreement with Zorbly Systems to deploy its electronic "
                   "health record across four hospitals.\n\nThe rollout starts in March.")
    reading = read_article(title, text, load_gazetteer())
    rules = classify_article(title, text, text_model=RULES_ONLY)
    assert rules.score == pytest.approx(sigmoid(load_detector().logit(reading.features)))
    assert "words" not in rules.reason
    verdict = classify_article(title, text)
    assert verdict.is_partnership
    assert "words" in verdict.reason and "rules" in verdict.reason


def test_stored_rows_hold_numbers_not_text():
    article = LabelledArticle(
        id="X01", split="real", title="Quenby Health picks Zorbly Systems for records",
        text="Quenby Health has chosen Zorbly Systems to supply its records platform.\n\nIt goes live in May.",
        is_partnership=True, types=("vendor_contract",), participants={}, acceptable_extra=(),
        url="https://news.example/x01")
    (row,) = text_rows([article])
    assert set(row) == {"id", "url", "is_partnership", "reader", "features", "buckets"}
    assert row["buckets"] and all(isinstance(b, int) for b in row["buckets"])
    stored = json.dumps(row["buckets"]) + json.dumps(row["features"])
    assert not any(word in stored.lower() for word in ("quenby", "zorbly", "records", "chosen", "supply"))


def test_the_shipped_words_model_is_what_train_detector_learns():
    from news_etl.evaluation import TEXT_ROWS_PATH, load_labelled, load_real_rows, train_words
    from news_etl.text_model import TEXT_MODEL_PATH

    shipped = json.loads(TEXT_MODEL_PATH.read_text(encoding="utf-8"))
    rows = load_real_rows(TEXT_ROWS_PATH)
    learned = json.loads(train_words(load_labelled(), load_detector(), real_text_rows=rows).to_json())
    hint = "run `news-etl train-detector --write` after changing features, rules or labels"
    fixed = ("model", "trained_on_articles", "buckets", "l2", "steps")
    assert {k: learned[k] for k in fixed} == {k: shipped[k] for k in fixed}, hint
    # Matrix products over many rows add in an order that may vary from run to run (BLAS threads):
    # the last of four decimals may differ, a relearned model does not.
    tolerance = 2e-3
    assert learned["bias"] == pytest.approx(shipped["bias"], abs=tolerance), hint
    assert learned["combine"] == pytest.approx(shipped["combine"], abs=tolerance), hint
    buckets = learned["weights"].keys() | shipped["weights"].keys()
    drift = max(abs(learned["weights"].get(b, 0.0) - shipped["weights"].get(b, 0.0)) for b in buckets)
    assert drift <= tolerance, hint


def test_the_stored_words_rows_hold_bucket_numbers_and_labels_never_text():
    from news_etl.evaluation import TEXT_ROWS_PATH, load_real_rows

    rows = load_real_rows(TEXT_ROWS_PATH)
    assert len(rows) >= 500
    for row in rows:
        assert set(row) == {"id", "url", "is_partnership", "reader", "features", "buckets"}
        assert all(isinstance(b, int) and 0 <= b < 1 << 18 for b in row["buckets"])
        assert all(isinstance(v, float | int) for v in row["features"].values())
