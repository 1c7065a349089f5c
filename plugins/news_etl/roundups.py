"""Roundups: list-shaped stories that report many organisations' news, not one announcement.

"Here are eight deals from this week: 1. X signed with Y ... 2. Z chose W ...", a bulleted
"12 health systems partnering with AI companies", a monthly tracker whose paragraphs open
"On Feb. 3, ...": each item is a different organisation's news, so the first pair the rules
find is no more the story's partnership than the fifth. The detector weighs how many items a
story has that each name someone new (``list_items``, counted in full up to ``MAX_ITEMS``:
roundups are few among the labelled articles, and a feature on a larger scale needs a smaller
weight, which the L2 penalty allows) and whether it introduces a list (``list_intro``); in a
story with ``ROUNDUP_ITEMS`` such items, classify.py reads no item's sentence as the announcement.
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
MAX_ITEMS = 6
# Items naming other organisations from which a story is a roundup, whose items' cues are not its own.
ROUNDUP_ITEMS = 3


def item_spans(document: str) -> list[tuple[int, int]]:
    """Where each list item (numbered, bulleted or dated) of the document starts and ends."""
    matches = list(_ITEM.finditer(document))
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
