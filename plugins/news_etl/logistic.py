"""Logistic regression by full-batch gradient descent, shared by the words model and the party model.

Deterministic (zero start, fixed steps, no shuffling), so that a model relearned from the same rows
is the shipped one up to the order in which matrix products add; numpy only.
"""

from __future__ import annotations

import numpy as np


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int, learning_rate: float
                 ) -> tuple[np.ndarray, float]:
    """Weights and bias that minimise the mean log loss over the rows of ``x`` (labels ``y`` in
    {0, 1}) plus ``l2 / 2`` times the squared weights (the bias is not penalised)."""
    weights, bias = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        error = sigmoids(x @ weights + bias) - y
        weights -= learning_rate * (x.T @ error / len(y) + l2 * weights)
        bias -= learning_rate * float(error.mean())
    return weights, bias


def sigmoids(z: np.ndarray) -> np.ndarray:
    """The logistic function elementwise, clipped so that ``exp`` never overflows."""
    return 1 / (1 + np.exp(-np.clip(z, -30.0, 30.0)))
