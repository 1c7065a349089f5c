"""The benchmark metric on hand-made cases small enough to count by hand."""

from __future__ import annotations

import pytest
from news_etl.extraction_metric import match_page, score, shingles, tokenize


def test_tokens_are_word_runs_and_short_texts_are_one_shingle():
    assert tokenize("Don't stop—now, 2026!") == ["Don", "t", "stop", "now", "2026"]
    assert shingles(["a", "b", "c", "d", "e"]) == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles(["a", "b"]) == {("a", "b"): 1}
    assert shingles(["x"] * 5) == {("x", "x", "x", "x"): 2}  # a multiset, not a set


def test_identical_texts_score_one_whatever_the_punctuation():
    m = match_page("one two three four five", "One? no: one two, three four five")
    assert m.exact is False
    m = match_page("one two three four five", "one two  three\nfour, five.")
    assert (m.tp, m.fp, m.fn, m.exact) == (1.0, 0.0, 0.0, True)
    assert m.precision == m.recall == 1.0


def test_extra_and_missing_shingles_are_counted_and_normalised():
    # truth: 6 tokens -> 3 shingles; prediction adds one token at the end -> 4 shingles, 3 shared
    m = match_page("a b c d e f", "a b c d e f g")
    assert (m.tp, m.fp, m.fn) == pytest.approx((3 / 4, 1 / 4, 0))
    assert m.precision == pytest.approx(0.75) and m.recall == 1.0
    # prediction lost the last token -> 2 shingles, both right; one true shingle missed
    m = match_page("a b c d e f", "a b c d e")
    assert m.precision == 1.0 and m.recall == pytest.approx(2 / 3)


def test_nothing_extracted_scores_zero():
    m = match_page("a b c d e f", "")
    assert m.precision == 0.0 and m.recall == 0.0


def test_scores_are_means_over_pages_and_f1_of_the_means():
    pages = [match_page("a b c d e f", "a b c d e f g"),   # P 0.75, R 1
             match_page("a b c d e f", "a b c d e")]       # P 1,    R 2/3
    s = score(pages)
    assert s.precision == pytest.approx((0.75 + 1) / 2)
    assert s.recall == pytest.approx((1 + 2 / 3) / 2)
    assert s.f1 == pytest.approx(2 * s.precision * s.recall / (s.precision + s.recall))
    assert s.accuracy == 0.0 and s.pages == 2
    assert score(pages, bootstrap=50).f1_std > 0
    assert score(pages, bootstrap=50, seed=1) == score(pages, bootstrap=50, seed=1)
    with pytest.raises(ValueError):
        score([])
