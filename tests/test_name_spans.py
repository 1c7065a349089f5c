"""``entities._name_spans`` finds a name's uses by ``str.find`` instead of a pattern compiled per name:
it must give exactly the spans the per-name pattern gives, possessives, hyphens, brackets and
overlapping repeats included."""

from __future__ import annotations

import random
import re

import pytest
from news_etl import entities as e

CONTEXTS = [
    (e._NO_WORD_BEFORE, e._POSSESSIVE_NOT_LONGER),
    (e._NO_WORD_BEFORE, e._NO_WORD_AFTER),
    (e._NO_WORD_OR_PAREN_BEFORE, e._NO_WORD_OR_PAREN_AFTER),
    (e._NO_WORD_BEFORE, e._POSSESSIVE_NO_WORD_AFTER),
]
PIECES = ["Acme", "Acme Health", " ", "-", "'s", "’s", "(", ")", "a", "B", "\t", "Ab", ".", "é", "_", "1"]
NAMES = ["Acme", "Acme Health", "A", "Ac", "'s", "-", "Acme's", "(A)", "a a", ""]


def _texts(count: int, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]


@pytest.mark.parametrize(("before", "after"), CONTEXTS, ids=lambda p: p.pattern)
def test_uses_gives_the_spans_of_the_per_name_pattern(before: re.Pattern[str], after: re.Pattern[str]) -> None:
    for text in [*_texts(3000), "Acme's Health and Acme’s staff", "Acme-Acme Acme\tHealth (Acme) Acme"]:
        for name in NAMES:
            expected = [m.span() for m in re.finditer(before.pattern + re.escape(name) + after.pattern, text)]
            assert e._name_spans(text, name, before, after) == expected, (text, name)

