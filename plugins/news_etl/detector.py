"""The learned half of partnership detection: a logistic regression over the rules' readings.

The rules (``classify.py``) read an article into a handful of interpretable features:
announcement cues in the headline and the lead, hard-negative cues, generic relation
words, how many organisations the headline and the first sentence name, how many
parties the announcing sentences give. Hand-set cue weights and a fixed threshold
over-fit the phrasings they were tuned on; weighing these features with weights learned
from the labelled development set generalises better to announcements of other shapes.

The model is a plain weight vector, trained by ``news-etl train-detector`` from the
``seed`` and ``dev`` articles only (never the holdout), with a fixed number of gradient
steps and L2 regularisation, so the same data gives the same weights; it ships as
``seeds/detector.json`` (small, versioned, readable) and needs nothing at run time but
this module. The explanation of a verdict is each feature's contribution (weight times
value), the largest of which go into the verdict's reason.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from news_etl.config import PROJECT_ROOT

DETECTOR_PATH = PROJECT_ROOT / "seeds" / "detector.json"
L2 = 0.05
STEPS = 4000
LEARNING_RATE = 0.2


@dataclass(frozen=True, slots=True)
class Detector:
    """Weights per feature name and a bias; a missing feature counts as zero."""

    weights: Mapping[str, float]
    bias: float
    trained_on: int = 0

    def logit(self, features: Mapping[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        return _sigmoid(self.logit(features))

    def explain(self, features: Mapping[str, float], top: int = 3) -> str:
        """The largest contributions, signed: "cue_title +2.1, neg_lead -1.4"."""
        parts = sorted(((name, self.weights.get(name, 0.0) * value) for name, value in features.items()),
                       key=lambda item: abs(item[1]), reverse=True)
        return ", ".join(f"{name} {value:+.1f}" for name, value in parts[:top] if value)

    def to_json(self) -> str:
        return json.dumps({"model": "logistic regression over classify.py's features",
                           "trained_on_articles": self.trained_on, "l2": L2, "steps": STEPS,
                           "bias": round(self.bias, 4),
                           "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())}},
                          indent=2) + "\n"


@lru_cache(maxsize=4)
def load_detector(path: Path = DETECTOR_PATH) -> Detector:
    """The shipped weights (cached: read once per process)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return Detector(weights=dict(data["weights"]), bias=float(data["bias"]),
                    trained_on=int(data.get("trained_on_articles", 0)))


def train(rows: Sequence[Mapping[str, float]], labels: Sequence[bool]) -> Detector:
    """Full-batch gradient descent on the mean log loss plus ``L2`` times the squared weights.

    Deterministic (zero start, fixed steps), fast enough in plain Python for a few hundred
    articles and a dozen features, and with no dependency beyond the standard library.
    """
    names = sorted({name for row in rows for name in row})
    x = [[row.get(name, 0.0) for name in names] for row in rows]
    y = [1.0 if label else 0.0 for label in labels]
    w, b, n = [0.0] * len(names), 0.0, len(rows)
    for _ in range(STEPS):
        grad_w, grad_b = [L2 * 2 * wi for wi in w], 0.0
        for xi, yi in zip(x, y, strict=True):
            error = _sigmoid(b + sum(wj * xj for wj, xj in zip(w, xi, strict=True))) - yi
            grad_b += error / n
            for j, xj in enumerate(xi):
                if xj:
                    grad_w[j] += error * xj / n
        w = [wi - LEARNING_RATE * g for wi, g in zip(w, grad_w, strict=True)]
        b -= LEARNING_RATE * grad_b
    return Detector(weights=dict(zip(names, w, strict=True)), bias=b, trained_on=n)


def leave_one_batch_out(
    batches: Mapping[str, Sequence[tuple[Mapping[str, float], bool]]],
    trainable: Callable[[str], bool] = lambda batch: True,
) -> dict[str, Detector]:
    """One detector per batch, trained on every other trainable batch: the honest estimate of
    how the learned weights do on articles of a batch they never saw."""
    models = {}
    for held in batches:
        rows = [(f, y) for batch, items in batches.items() if batch != held and trainable(batch) for f, y in items]
        models[held] = train([f for f, _ in rows], [y for _, y in rows])
    return models


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
