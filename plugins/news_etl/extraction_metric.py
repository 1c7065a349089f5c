"""The article-extraction benchmark's metric: shingle precision, recall and F1 of body text.

Defined in the benchmark's ``PROVENANCE.md`` (after the upstream ``evaluate.py``,
re-implemented here): texts are ``\\w+`` tokens compared as multisets of 4-token
shingles; per page the true/false positive and false negative shingle counts are
normalised by their sum; precision and recall are means over pages, F1 is the
harmonic mean of those two means. Implemented once here so ``make bench``, the tests
and anyone comparing extractors score the same way.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageMatch:
    """One page's shingle counts, each normalised by ``tp + fp + fn`` (so they sum to 1)."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        """``tp / (tp + fp)``; 1 when nothing was missed or added; None when undefined."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        """``tp / (tp + fn)``; 1 when nothing was missed or added; None when undefined."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None


@dataclass(frozen=True, slots=True)
class Scores:
    """Benchmark figures over a set of pages (``*_std`` from a bootstrap over pages)."""

    pages: int
    precision: float
    recall: float
    f1: float
    accuracy: float
    f1_std: float = 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"pages": self.pages, "f1": round(self.f1, 4), "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "accuracy": round(self.accuracy, 4),
                "f1_std": round(self.f1_std, 4)}


def tokenize(text: str) -> list[str]:
    """The metric's tokens: ``\\w+`` runs (Unicode), case kept."""
    return _TOKEN.findall(text or "")


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token windows; a shorter text is a single shingle of all its tokens."""
    count = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i:i + size]) for i in range(count))


def match_page(truth: str, predicted: str) -> PageMatch:
    """Compare one page's extracted text with its hand-checked body."""
    true_tokens, pred_tokens = tokenize(truth), tokenize(predicted)
    true_sh, pred_sh = shingles(true_tokens), shingles(pred_tokens)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageMatch(tp, fp, fn, exact=true_tokens == pred_tokens)


def score(matches: Sequence[PageMatch], bootstrap: int = 0, seed: int = 0) -> Scores:
    """Mean precision and recall over pages, their F1 and the exact-match share.

    ``bootstrap`` > 0 adds the standard deviation of F1 over that many resamples of
    the pages (fixed ``seed``: the same figures on every run).
    """
    if not matches:
        raise ValueError("no pages to score")
    precision, recall, f1 = _means(matches)
    std = 0.0
    if bootstrap > 0:
        rng = random.Random(seed)
        samples = [_means([rng.choice(matches) for _ in matches])[2] for _ in range(bootstrap)]
        std = statistics.pstdev(samples)
    accuracy = sum(m.exact for m in matches) / len(matches)
    return Scores(len(matches), precision, recall, f1, accuracy, std)


def _means(matches: Sequence[PageMatch]) -> tuple[float, float, float]:
    precisions = [p for p in (m.precision for m in matches) if p is not None]
    recalls = [r for r in (m.recall for m in matches) if r is not None]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
