"""Removal of page chrome that extractors leave in article text.

Share bars, newsletter prompts, "email the writer" lines and publication credits
look alike across news sites; these rules match their shape, not any one site's
wording, and only ever drop whole short lines.
"""

from __future__ import annotations

import re

MAX_CHROME_WORDS = 16
_CHROME_PATTERNS = [
    r"^(want|like) to (get|receive|read) more (stories|news|articles)\b",
    r"^(sign up|subscribe)\b.*\b(newsletter|updates|inbox)\b",
    r"\bget (the latest|daily|weekly)\b.*\b(news|updates|newsletter|inbox)\b",
    r"^your subscription has been (saved|updated|confirmed)",
    r"^something went wrong\.? please try again",
    r"^(email|e-mail|contact) the (writer|author|editor)\b",
    r"^(twitter|x|follow (me|us|him|her)( on twitter)?)\s*:?\s*@\w+$",
    r"\bis a (publication|product|division) of\b",
    r"^skip to (main )?content$",
    r"^(share|share this|share on|tweet|print|email)( (article|story|this|on \w+))?$",
    r"^(advertisement|sponsored content|related( articles| stories| content)?|read more)\s*:?$",
]
_CHROME = [re.compile(p, re.I) for p in _CHROME_PATTERNS]


# Scripts written without spaces between words: each character counts as a word.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+")


def count_words(text: str) -> int:
    """Words in ``text``, counting Chinese and Japanese characters one by one."""
    return len(_WORD.findall(text))


def clean_body(text: str, title: str | None = None) -> str:
    """The article text without chrome lines and without a repeated headline at the top."""
    lines = [line.strip() for line in text.splitlines()]
    kept = [line for line in lines if line and not is_chrome_line(line)]
    if kept and title and _same(kept[0], title):
        kept = kept[1:]
    return "\n".join(kept).strip()


def is_chrome_line(line: str) -> bool:
    """True for a short line whose shape is page furniture rather than reporting."""
    if len(line.split()) > MAX_CHROME_WORDS:
        return False
    return any(p.search(line) for p in _CHROME)


def _same(a: str, b: str) -> bool:
    fold = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
    return fold(a) == fold(b)
