"""The evaluation harness scores what it should, and ``make eval`` holds the repo's thresholds."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from news_etl.evaluation import LabelledArticle, evaluate, failed_thresholds, load_labelled

POSITIVE = LabelledArticle(
    id="t1", split="t", title="Acme Health System signs EHR agreement with Epic",
    text=("Acme Health System has signed an agreement with Epic Systems to deploy a single electronic "
          "health record across its six hospitals. The contract covers inpatient and ambulatory care, and "
          "the health system expects to go live in two years. Our clinicians asked for one record, the chief "
          "executive said."),
    is_partnership=True, types=("vendor_contract",),
    participants={"Acme Health System": (), "Epic Systems": ("Epic",)}, acceptable_extra=(),
)
NEGATIVE = LabelledArticle(
    id="t2", split="t", title="Ransomware attack takes Harbor Valley Hospital's EHR offline",
    text=("Harbor Valley Hospital diverted ambulances after a ransomware attack took its electronic health "
          "record offline. Staff returned to paper charts while investigators worked to restore systems."),
    is_partnership=False, types=(), participants={}, acceptable_extra=(), kind="cyberattack",
)


def test_scores_count_detection_type_and_participants():
    scores = evaluate([POSITIVE, NEGATIVE])["t"]
    figures = scores.figures()
    assert (scores.tp, scores.tn, scores.fp, scores.fn) == (1, 1, 0, 0), scores.errors
    assert figures["detection_f1"] == 1.0 and figures["type_accuracy"] == 1.0
    assert figures["participant_recall"] == 1.0 and figures["participant_precision"] == 1.0


def test_a_missed_partnership_costs_recall_and_its_participants():
    missed = replace(POSITIVE, id="t3", title="A quiet week", text="Nothing happened here.")
    scores = evaluate([missed])["t"]
    assert scores.fn == 1 and scores.part_fn == 2
    assert failed_thresholds(scores.figures(), {"detection_recall": 0.9}) == ["detection_recall 0.000 < 0.900"]


def test_repository_labels_load_and_make_eval_passes_its_thresholds():
    articles = load_labelled()
    assert sum(a.split == "seed" for a in articles) == 5
    result = subprocess.run([str(Path(sys.executable).with_name("news-etl")), "eval"], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "det F1" in result.stdout


def test_eval_only_scores_one_batch_of_the_dev_set_without_thresholds(capsys):
    import json

    from news_etl.cli import main

    assert main(["eval", "--only", "*_3.jsonl", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["all"]["articles"] == 12 and set(figures) == {"all", "holdout", "speed"}
    assert main(["eval", "--only", "no-such-batch.jsonl"]) == 2
    assert "no labelled articles match" in capsys.readouterr().err


def test_eval_scores_labelled_files_kept_outside_the_repo_without_thresholds(tmp_path, capsys):
    import json

    from news_etl.cli import main

    articles = [
        {"id": "r1", "title": "Marrow Health picks Velorix for its lab system",
         "text": "Marrow Health has signed a five-year contract with Velorix to replace the laboratory "
                 "information system in its six hospitals, the health system said on Tuesday.\n\n"
                 "Under the agreement, Velorix will move the hospitals to its cloud system next spring.",
         "is_partnership": True, "partnership_types": ["vendor_contract"],
         "participants": ["Marrow Health", "Velorix"]},
        {"id": "r2", "title": "Arland Clinic names new chief executive",
         "text": "Arland Clinic has named Dana Holt its chief executive, effective June 1, the clinic said. "
                 "She joins from a hospital group in the north of the state.",
         "is_partnership": False},
    ]
    path = tmp_path / "real.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in articles) + "\n", encoding="utf-8")
    assert main(["eval", "--labelled", str(path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["all"]
    assert figures["articles"] == 2
    assert figures["detection_precision"] == figures["detection_recall"] == 1.0
    assert figures["participant_recall"] == 1.0

    # a bad file is a clear error, not a traceback
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(articles[0]) + "\n{not json\n", encoding="utf-8")
    assert main(["eval", "--labelled", str(bad)]) == 2
    assert f"{bad}:2: not JSON" in capsys.readouterr().err
    assert main(["eval", "--labelled", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read the labelled articles" in capsys.readouterr().err
