"""The learned half of partnership detection: a logistic regression over the rules' readings.

The rules (``classify.py``) read an article into a handful of interpretable features:
announcement cues in the headline and the lead, hard-negative cues, generic relation
words, how many organisations the headline and the first sentence name, how many
parties the announcing sentences give. Hand-set cue weights and a fixed threshold
over-fit the phrasings they were tuned on; weighing these features with weights learned
from the labelled development set generalises better to announcements of other shapes.

The partnership's type is chosen the same way: a multinomial logistic regression
(``TypeModel``) over interpretable readings of the announcing sentences and the parties
(cue words of each type, decisive phrases, the parties' kinds, words such as network,
trial or contract), because hand-set type scores fitted our own writing (type accuracy
0.77 on a blind batch) and broke down whenever a party's kind was unknown.

The model is a plain weight vector, trained by ``news-etl train-detector`` from the
``seed`` and ``dev`` articles (never the holdout) and the stored features of real articles
labelled by hand (``seeds/detector_real_rows.jsonl``; trained on our own writing alone, the
detector scored 0.88 F1 on real news it never saw, 0.90 with them; the type model learns from
their readings too: 0.855 of types right there, 0.887 with them), with a fixed number of gradient
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
TYPE_MODEL_PATH = PROJECT_ROOT / "seeds" / "type_model.json"
L2 = 0.05
STEPS = 4000
LEARNING_RATE = 0.2
TYPE_L2 = 0.02
TYPE_STEPS = 600
TYPE_LEARNING_RATE = 0.5


@dataclass(frozen=True, slots=True)
class Detector:
    """Weights per feature name and a bias; a missing feature counts as zero."""

    weights: Mapping[str, float]
    bias: float
    trained_on: int = 0

    def logit(self, features: Mapping[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

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
            error = sigmoid(b + sum(wj * xj for wj, xj in zip(w, xi, strict=True))) - yi
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


@dataclass(frozen=True, slots=True)
class TypeModel:
    """One weight vector and bias per partnership type; the type with the highest score wins."""

    weights: Mapping[str, Mapping[str, float]]  # type -> feature -> weight
    bias: Mapping[str, float]
    trained_on: int = 0

    def scores(self, features: Mapping[str, float]) -> dict[str, float]:
        present = [(name, value) for name, value in features.items() if value]
        return {t: self.bias[t] + sum(w.get(name, 0.0) * value for name, value in present)
                for t, w in self.weights.items()}

    def best(self, features: Mapping[str, float]) -> str:
        """The highest-scoring type (ties: the type listed first)."""
        scores = self.scores(features)
        return max(scores, key=lambda t: (scores[t], -list(scores).index(t)))

    def explain(self, features: Mapping[str, float], chosen_type: str, top: int = 3) -> str:
        """What made the chosen type win: its largest contributions ("decisive:data_network +1.9")."""
        chosen = self.weights[chosen_type]
        parts = sorted(((name, chosen.get(name, 0.0) * value) for name, value in features.items()),
                       key=lambda item: abs(item[1]), reverse=True)
        return ", ".join(f"{name} {value:+.1f}" for name, value in parts[:top] if value)

    def to_json(self) -> str:
        return json.dumps({"model": "multinomial logistic regression over classify.py's type features",
                           "trained_on_readings": self.trained_on, "l2": TYPE_L2, "steps": TYPE_STEPS,
                           "bias": {t: round(b, 4) for t, b in self.bias.items()},
                           "weights": {t: {k: round(v, 4) for k, v in sorted(w.items())}
                                       for t, w in self.weights.items()}},
                          indent=2) + "\n"


@lru_cache(maxsize=4)
def load_type_model(path: Path = TYPE_MODEL_PATH) -> TypeModel:
    """The shipped type weights (cached: read once per process)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return TypeModel(weights={t: dict(w) for t, w in data["weights"].items()},
                     bias={t: float(b) for t, b in data["bias"].items()},
                     trained_on=int(data.get("trained_on_readings", 0)))


def train_types(rows: Sequence[Mapping[str, float]], labels: Sequence[str], types: Sequence[str]) -> TypeModel:
    """Full-batch gradient descent on the mean softmax log loss plus ``TYPE_L2`` times the squared
    weights; deterministic like ``train`` (zero start, fixed steps, types in the given order)."""
    names = sorted({name for row in rows for name in row})
    x = [[(j, row[name]) for j, name in enumerate(names) if row.get(name)] for row in rows]
    w = {t: [0.0] * len(names) for t in types}
    b = {t: 0.0 for t in types}
    n = len(rows)
    for _ in range(TYPE_STEPS):
        grad_w = {t: [TYPE_L2 * 2 * wi for wi in w[t]] for t in types}
        grad_b = {t: 0.0 for t in types}
        for xi, label in zip(x, labels, strict=True):
            z = {t: b[t] + sum(w[t][j] * v for j, v in xi) for t in types}
            top = max(z.values())
            e = {t: math.exp(z[t] - top) for t in types}
            total = sum(e.values())
            for t in types:
                error = e[t] / total - (1.0 if t == label else 0.0)
                grad_b[t] += error / n
                for j, v in xi:
                    grad_w[t][j] += error * v / n
        for t in types:
            w[t] = [wi - TYPE_LEARNING_RATE * g for wi, g in zip(w[t], grad_w[t], strict=True)]
            b[t] -= TYPE_LEARNING_RATE * grad_b[t]
    return TypeModel(weights={t: dict(zip(names, w[t], strict=True)) for t in types}, bias=b, trained_on=n)


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
