"""The learned detector: reproducible weights, explanations, and what it adds to the rules."""

from __future__ import annotations

import json

from news_etl.classify import classify_article
from news_etl.detector import (
    DETECTOR_PATH,
    TYPE_MODEL_PATH,
    Detector,
    leave_one_batch_out,
    sigmoid,
    train,
    train_types,
)
from news_etl.evaluation import (
    load_labelled,
    load_labelled_files,
    load_real_rows,
    merge_real_rows,
    real_feature_rows,
    train_detector,
    train_type_model,
)


def test_training_is_deterministic_and_learns_which_features_point_which_way():
    rows = [{"cue": 3.0, "neg": 0.0}, {"cue": 2.0, "neg": 0.0}, {"cue": 0.0, "neg": 3.0}, {"cue": 1.0, "neg": 2.0}]
    labels = [True, True, False, False]
    model = train(rows, labels)
    assert model == train(rows, labels)
    assert model.weights["cue"] > 0 > model.weights["neg"]
    assert sigmoid(model.logit({"cue": 3.0})) > 0.5 > sigmoid(model.logit({"neg": 3.0}))
    assert model.explain({"cue": 3.0, "neg": 1.0}).startswith("cue +")


def test_leave_one_batch_out_never_trains_on_the_batch_it_scores():
    batches = {"a": [({"x": 1.0}, True)], "b": [({"x": -1.0}, False)], "c": [({"x": 2.0}, True)]}
    models = leave_one_batch_out(batches)
    assert models["a"] == train([{"x": -1.0}, {"x": 2.0}], [False, True])
    assert all(m.trained_on == 2 for m in models.values())


def test_the_shipped_weights_are_what_train_detector_learns_from_the_seed_and_dev_articles():
    shipped = json.loads(DETECTOR_PATH.read_text(encoding="utf-8"))
    real = load_real_rows()
    learned = json.loads(train_detector(load_labelled(), real_rows=real).to_json())
    assert learned == shipped, "run `news-etl train-detector --write` after changing features or labels"
    assert shipped["trained_on_articles"] == len([a for a in load_labelled() if a.split != "holdout"]) + len(real)


def test_the_stored_real_rows_hold_features_and_labels_never_text():
    rows = load_real_rows()
    assert len(rows) >= 200 and {r["is_partnership"] for r in rows} == {True, False}
    for row in rows:
        assert set(row) == {"id", "url", "is_partnership", "reader", "features", "type", "type_features"}
        for features in (row["features"], *row["type_features"]):
            assert all(isinstance(v, float | int) for v in features.values())
        assert (row["type"] is not None) == bool(row["type_features"]) and (row["is_partnership"] or not row["type"])


def test_real_feature_rows_are_what_the_reader_gives(tmp_path):
    from news_etl.classify import CLASSIFIER_VERSION, read_article
    from news_etl.orgs import load_gazetteer

    article = {"id": "r1", "url": "https://example.org/news/1", "title": "Quenby Health signs with Arbor Systems",
               "text": "Quenby Health has signed a five-year contract with Arbor Systems for its records.",
               "is_partnership": True, "participants": ["Quenby Health", "Arbor Systems"],
               "partnership_types": ["vendor_contract"]}
    path = tmp_path / "real.jsonl"
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    [row] = real_feature_rows(load_labelled_files([path]))
    features = read_article(article["title"], article["text"], load_gazetteer()).features
    assert row["features"] == {k: round(v, 6) for k, v in features.items()}
    assert (row["id"], row["url"], row["is_partnership"], row["reader"], row["type"]) == (
        "r1", "https://example.org/news/1", True, CLASSIFIER_VERSION, "vendor_contract")
    assert len(row["type_features"]) == 2  # read with the gazetteer and blind to the article's organisations


def test_fresh_real_rows_replace_the_stored_rows_of_their_articles_and_keep_the_rest():
    stored = [{"id": "S1", "reader": "old"}, {"id": "E1", "reader": "old"}]
    fresh = [{"id": "E1", "reader": "new"}, {"id": "E2", "reader": "new"}]
    assert merge_real_rows(stored, fresh) == [{"id": "S1", "reader": "old"}, *fresh]


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


def test_type_training_is_deterministic_and_learns_which_cues_point_to_which_type():
    rows = [{"contract": 1.0}, {"contract": 1.0, "ai": 0.5}, {"trial": 1.0}, {"trial": 1.0, "ai": 0.5}]
    labels = ["vendor_contract", "vendor_contract", "research_collaboration", "research_collaboration"]
    types = ("vendor_contract", "research_collaboration")
    model = train_types(rows, labels, types)
    assert model == train_types(rows, labels, types)
    assert model.best({"contract": 1.0}) == "vendor_contract"
    assert model.best({"trial": 1.0}) == "research_collaboration"
    assert model.explain({"trial": 1.0}, "research_collaboration").startswith("trial +")


def test_the_shipped_type_weights_are_what_train_detector_learns_from_the_seed_and_dev_articles():
    shipped = json.loads(TYPE_MODEL_PATH.read_text(encoding="utf-8"))
    learned = json.loads(train_type_model(load_labelled(), real_rows=load_real_rows()).to_json())
    assert learned == shipped, "run `news-etl train-detector --write` after changing type features or labels"


def test_a_supplier_whose_name_reads_like_a_provider_still_makes_a_vendor_contract():
    # Hand-set type scores gave no vendor contract without a party known to be a vendor, and
    # "Quillo Healthcare" reads like a provider; the cue words of a supply deal decide.
    for title, text in [
        ("Harbourside Health selects Quillo Healthcare for ambient documentation",
         "Harbourside Health today announced it has selected Quillo Healthcare to provide ambient clinical "
         "documentation to its physicians under a multi-year agreement."),
        ("Marlow Hospital and Quillo Health sign imaging software deal",
         "Marlow Hospital has signed a deal with Quillo Health to supply its imaging software, which will be "
         "rolled out across four wards next year."),
    ]:
        verdict = classify_article(title, text)
        assert verdict.partnerships[0].partnership_type == "vendor_contract", verdict.reason
        assert "; type vendor_contract (" in verdict.reason
