"""The learned detector: reproducible weights, explanations, and what it adds to the rules."""

from __future__ import annotations

import json

from news_etl.classify import classify_article
from news_etl.detector import DETECTOR_PATH, Detector, leave_one_batch_out, train
from news_etl.evaluation import load_labelled, train_detector


def test_training_is_deterministic_and_learns_which_features_point_which_way():
    rows = [{"cue": 3.0, "neg": 0.0}, {"cue": 2.0, "neg": 0.0}, {"cue": 0.0, "neg": 3.0}, {"cue": 1.0, "neg": 2.0}]
    labels = [True, True, False, False]
    model = train(rows, labels)
    assert model == train(rows, labels)
    assert model.weights["cue"] > 0 > model.weights["neg"]
    assert model.probability({"cue": 3.0}) > 0.5 > model.probability({"neg": 3.0})
    assert model.explain({"cue": 3.0, "neg": 1.0}).startswith("cue +")


def test_leave_one_batch_out_never_trains_on_the_batch_it_scores():
    batches = {"a": [({"x": 1.0}, True)], "b": [({"x": -1.0}, False)], "c": [({"x": 2.0}, True)]}
    models = leave_one_batch_out(batches)
    assert models["a"] == train([{"x": -1.0}, {"x": 2.0}], [False, True])
    assert all(m.trained_on == 2 for m in models.values())


def test_the_shipped_weights_are_what_train_detector_learns_from_the_seed_and_dev_articles():
    shipped = json.loads(DETECTOR_PATH.read_text(encoding="utf-8"))
    learned = json.loads(train_detector(load_labelled()).to_json())
    assert learned == shipped, "run `news-etl train-detector --write` after changing features or labels"
    assert shipped["trained_on_articles"] == len([a for a in load_labelled() if a.split != "holdout"])


def test_a_verdict_gives_its_probability_and_largest_contributions():
    verdict = classify_article("Northgate Health signs EHR contract with Oracle Health",
                               "Northgate Health has signed a ten-year contract with Oracle Health to replace its "
                               "patient records system across four hospitals in Ohio.")
    assert verdict.is_partnership
    assert verdict.reason.startswith("p=") and "cue_" in verdict.reason
    assert verdict.partnerships[0].confidence == min(round(verdict.score, 3), 0.99)


def test_an_announcement_in_uncued_words_is_found_with_its_parties():
    # "under an arrangement", "will send ... between their hospitals": no cue of the rules' list
    # but the relation words and the two systems named up front.
    verdict = classify_article(
        "Sanford Health and Avera Health agree to share neurologists",
        "Sanford Health and Avera Health will send neurologists between their hospitals in South Dakota under "
        "an arrangement that keeps patients close to home, the two systems said. Smaller hospitals of either "
        "system will be able to call on specialists from the other by video at night.")
    assert verdict.is_partnership, verdict.reason
    assert {p.name for p in verdict.partnerships[0].participants} == {"Sanford Health", "Avera Health"}


def test_a_take_over_is_an_acquisition_not_a_partnership():
    verdict = classify_article(
        "Private equity firm to take over pharmacy software maker in $400M deal",
        "Private equity firm Northlake Partners has agreed to take over PharmaLogic Systems, a maker of hospital "
        "pharmacy software, in a deal worth about $400 million. The deal is expected to close in June.")
    assert not verdict.is_partnership, verdict.reason


def test_a_detector_that_never_fires_makes_every_story_a_negative():
    never = Detector(weights={}, bias=-10.0)
    verdict = classify_article("Northgate Health signs EHR contract with Oracle Health",
                               "Northgate Health has signed a ten-year contract with Oracle Health.", detector=never)
    assert not verdict.is_partnership and verdict.score < 0.5
