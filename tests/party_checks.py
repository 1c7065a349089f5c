"""The parties a verdict names, shared by the tests of announced shapes."""

from __future__ import annotations

from news_etl.classify import classify_article


def parties(title: str | None, text: str) -> set[str]:
    """The names of the first partnership's parties; fails, with the verdict's reason, when the
    article is read as no partnership."""
    verdict = classify_article(title, text)
    assert verdict.is_partnership, verdict.reason
    return {p.name for p in verdict.partnerships[0].participants}
