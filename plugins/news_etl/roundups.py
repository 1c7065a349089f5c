"""Roundups: list-shaped stories that report many organisations' news, not one announcement.

"Here are eight deals from this week: 1. X signed with Y ... 2. Z chose W ...", a bulleted
"12 health systems partnering with AI companies", a monthly tracker whose paragraphs open
"On Feb. 3, ...": each item is a different organisation's news, so the first pair the rules
find is no more the story's partnership than the fifth. The detector weighs how many items a
story has that each name someone new (``list_items``, counted in full up to ``MAX_ITEMS``:
roundups are few among the labelled articles, and a feature on a larger scale needs a smaller
weight, which the L2 penalty allows) and whether it introduces a list (``list_intro``); in a
story with ``ROUNDUP_ITEMS`` such items, classify.py reads no item's sentence as the announcement.

Two shapes look alike and are not: a roundup told in prose, with no list markers ("In June, X
partnered with Y ... Z also entered a collaboration with W ..."), which ``separate_deals`` counts;
and one partnership whose parties are a bulleted list after the announcing sentence ("The
partners are:" and one organisation a line), which ``party_lists`` finds so that its items are
read as the announcement's parties, not as a roundup's items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from news_etl.entities import OrgRef

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# An item's opening at the start of a line of the document (whose lines are sentences and headings,
# so a numbered item "1. X signed ..." is the line "1." then its sentence, and "On Feb. 3, X ..."
# is "On Feb." then "3, X ..."): a number, a bullet, or a date.
_NUMBERED, _BULLET = r"\d{1,2}[.)]\n", r"[-•*–▪][ \t]+"
_ITEM = re.compile(rf"^(?:(?P<numbered>{_NUMBERED})|(?P<bullet>{_BULLET})|(?P<dated>On {_MONTH}\.?[ \n]\d{{1,2}}\b))",
                   re.M)
# How many lines an item runs to: a bullet's own line; a date and the rest of its sentence; a
# number, the heading after it and the sentence after that (which names the item's organisations).
_ITEM_LINES = {"bullet": 1, "dated": 2, "numbered": 3}
# A list announced as such: "Here are seven updates", "the following 12 organisations".
_INTRO = re.compile(r"\b(?:here are|here's (?:a look at|what)|here is (?:a look|a list|what)|"
                    r"the following (?:\d+ |[a-z]+ )?(?:organi[sz]ations|health systems|systems|hospitals|deals|"
                    r"companies|updates|announcements)|"
                    r"(?:\d+|three|four|five|six|seven|eight|nine|ten) (?:takeaways|things (?:to know|that stood out|"
                    r"we learned)))\b", re.I)
# A sentence that introduces the parties as a list: "The partners are:", "The signatories are:",
# "The organisations taking part are:", "Members of the consortium include:".
_PARTY_INTRO = re.compile(r"\b(?:partners|members|signatories|parties|participants|founding members|"
                          r"(?:organi[sz]ations|institutions|hospitals|trusts|health systems|centres|centers) "
                          r"(?:taking part|involved|signing))\b[^\n]{0,60}\b(?:are|include)\s*:[ \t]*$", re.I | re.M)
_BULLET_LINE = re.compile(_BULLET)
_LIST_AFTER_COLON = re.compile(rf":[ \t]*\n{_BULLET}")
MAX_ITEMS = 6
# Separate deals a prose roundup tells of, counted up to this many beyond the first; from
# ``PROSE_ROUNDUP_DEALS`` beyond the first (three deals between different organisations, none named
# in the headline) a story is a roundup whatever the detector makes of its cues: no labelled
# partnership has more than one; after a lead about organisations in general ("Health systems
# across the U.S. are accelerating partnerships ...", classify's ``generic_lead``) two deals are enough.
MAX_SEPARATE_DEALS = 4
PROSE_ROUNDUP_DEALS = 2
# Items naming other organisations from which a story is a roundup, whose items' cues are not its own.
ROUNDUP_ITEMS = 3


def item_spans(document: str) -> list[tuple[int, int]]:
    """Where each list item (numbered, bulleted or dated) of the document starts and ends; the
    bullets of a party list ("The partners are:") are the announcement's parties, no items."""
    parties = party_list_spans(document)
    matches = [m for m in _ITEM.finditer(document) if not any(s <= m.start() < e for s, e in parties)]
    return [(match.start(), _item_end(document, match.start(), _ITEM_LINES[match.lastgroup or "bullet"], following))
            for match, following in zip(matches, [*(m.start() for m in matches[1:]), len(document)], strict=False)]


def list_items(document: str, orgs: Iterable[OrgRef]) -> int:
    """How many list items name an organisation that neither the headline (the document's first
    line) nor an earlier item names: a roundup's items each bring in someone new, while an
    explainer's "five things to know" and a deal's bulleted terms keep naming its own parties."""
    headline_end = document.find("\n") if "\n" in document else len(document)
    spans = [(a, ref.key) for ref in orgs for a, _ in ref.spans]
    known = {key for a, key in spans if a < headline_end}
    count = 0
    for start, end in item_spans(document):
        named = {key for a, key in spans if start <= a < end}
        count += bool(named - known)
        known |= named
    return count


def party_list_spans(document: str) -> list[tuple[int, int]]:
    """Where each party list runs: its introducing line ("The partners are:") and the bulleted
    lines right after it."""
    spans: list[tuple[int, int]] = []
    if not _LIST_AFTER_COLON.search(document):  # most stories have none: skip the slower search
        return spans
    for intro in _PARTY_INTRO.finditer(document):
        end = intro.end()
        while document.startswith("\n", end) and _BULLET_LINE.match(document, end + 1):
            following = document.find("\n", end + 1)
            end = len(document) if following < 0 else following
        if end > intro.end():
            spans.append((document.rfind("\n", 0, intro.start()) + 1, end))
    return spans


def join_party_lists(lines: list[str]) -> list[str]:
    """The lines of a body with each party list joined (by newlines, as in the document) into one
    sentence: "The partners are:\n- X\n- Y" names its parties together, as an announcing sentence
    does, where its short lines alone would be read as headings."""
    joined: list[str] = []
    for line in lines:
        if joined and _BULLET_LINE.match(line) and _PARTY_INTRO.search(joined[-1].split("\n")[0]):
            joined[-1] += "\n" + line
        else:
            joined.append(line)
    return joined


def separate_deals(sentences: Iterable[tuple[tuple[int, int], bool]], orgs: Iterable[OrgRef],
                   headline_end: int) -> int:
    """How many announcing sentences beyond the first name two or more organisations none of which
    an earlier one or the headline names: a roundup in prose tells of one deal a sentence, each
    between others, while one announcement's sentences keep naming its own parties (and its
    headline names one of them). ``sentences`` are spans, each with whether it announces."""
    spans = [(a, ref.key) for ref in orgs for a, _ in ref.spans]
    known = {key for a, key in spans if a < headline_end}
    count = 0
    for (start, end), announces in sentences:
        named = {key for a, key in spans if start <= a < end}
        if announces and len(named) >= 2 and not named & known:
            count += 1
        known |= named
    return max(0, min(count - 1, MAX_SEPARATE_DEALS))


# A list that counts its items of news: "here are nine updates on X's operations", "here are the 5
# latest partnerships". (Not "things": "five things to know" opens explainers of a single deal.)
_COUNTED_INTRO = re.compile(r"\bhere are (?:the )?(?:\d+|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
                            r"(?:[\w’'-]+ ){0,2}(?:updates|deals|partnerships|announcements|stories|moves|agreements|"
                            r"collaborations|contracts|headlines)\b", re.I)


def counted_list_intro(head: Iterable[str]) -> bool:
    """Whether the headline or lead announces a list of several items of news by their number: a
    roundup, however its items are laid out below."""
    return any(_COUNTED_INTRO.search(sentence) for sentence in head)


def list_intro(head: Iterable[str]) -> bool:
    """Whether the headline or lead introduces a list ("Here are seven updates"; "five things to
    know" also opens single-deal explainers, so the detector weighs it apart from the items)."""
    return any(_INTRO.search(sentence) for sentence in head)


def _item_end(document: str, start: int, lines: int, following: int) -> int:
    """Where an item ends: ``lines`` lines on, or at the next item."""
    end = start
    for _ in range(lines):
        end = document.find("\n", end + 1)
        if end < 0:
            return following
    return min(end, following)
