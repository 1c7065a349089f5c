"""A cheap test that rules a regular expression out before it is searched: the literal words
every match must contain.

The classifier scores each sentence against dozens of cue patterns, and most sentences match
none of them; searching a pattern that opens with ``\\b`` tries it at every position of the
sentence, which made cue scoring about 40% of the classifier's time. Every match of
``\\b(signs?|signed|inks?)\\b`` contains "sign" or "ink"; when the sentence contains neither,
the pattern cannot match and is not searched. The answer is never changed, only found sooner:
the literals are read from the pattern's own parse tree, so a pattern edited tomorrow gets its
prefilter from what it says then (or none, when nothing is certain).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from re import _constants as sre  # the parse tree's opcodes (``sre_constants`` before 3.11)
from re import _parser as sre_parse

# Runs of fewer literal characters rule too little out to be worth testing.
MIN_LITERAL = 3
# Characters that an ASCII letter matches under ``re.IGNORECASE`` although ``str.lower`` does not
# give that letter for them (found by trying every code point against every ASCII character):
# a text holding one is searched without a prefilter.
_CASE_TRAPS = ("İ", "ı", "ſ")


def folded(text: str) -> str | None:
    """``text`` lowered, to hold the patterns' literals against; None when lowering could hide a
    case-insensitive match (see ``_CASE_TRAPS``)."""
    if not text.isascii() and any(trap in text for trap in _CASE_TRAPS):
        return None
    return text.lower()


class CueTable:
    """Weighted patterns, each with its required literals read once: a text is tested for every
    literal of the table in one pass, and only the patterns one of whose literals it holds are
    searched. Iterates as the ``(pattern, weight)`` pairs it was made from."""

    def __init__(self, cues: Iterable[tuple[re.Pattern[str], float]]) -> None:
        self._cues = [(pattern, weight, required_literals(pattern.pattern, pattern.flags))
                      for pattern, weight in cues]
        self._literals = tuple(sorted({literal for *_, required in self._cues for literal in required or ()}))

    def __iter__(self) -> Iterator[tuple[re.Pattern[str], float]]:
        return ((pattern, weight) for pattern, weight, _ in self._cues)

    def score(self, text: str) -> float:
        """The sum of the weights of the patterns found in ``text``."""
        lowered = folded(text)
        present = set(self._literals) if lowered is None else {a for a in self._literals if a in lowered}
        return sum(weight for pattern, weight, required in self._cues
                   if (required is None or not present.isdisjoint(required)) and pattern.search(text))


@lru_cache(maxsize=1024)
def required_literals(source: str, flags: int) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of the pattern contains, or None when
    the pattern promises none. Sound for any flags: a case-sensitive literal that is present is
    present lowered too."""
    literals = _required(sre_parse.parse(source, flags))
    if not literals:
        return None
    # A literal holding another one is present only when that one is: testing it adds nothing.
    return tuple(sorted(a for a in literals if not any(b != a and b in a for b in literals)))


def _required(items: sre_parse.SubPattern | list) -> set[str] | None:
    """The most selective set of literals (longest shortest member) that some part of the sequence
    ``items`` must contain: a run of literal characters, a group, a repeat of at least one, or an
    alternation each of whose branches has a set. Lookarounds consume nothing and are skipped."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    def end_run() -> None:
        if len(run) >= MIN_LITERAL:
            consider({"".join(run).lower()})
        run.clear()

    for op, av in items:
        if op is sre.LITERAL and av < 128:
            run.append(chr(av))
            continue
        end_run()
        if op is sre.SUBPATTERN:
            consider(_required(av[3]))
        elif op is sre.BRANCH:
            branches = [_required(branch) for branch in av[1]]
            if all(branches):
                consider(set().union(*branches))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(av[2]))
        elif op is sre.ATOMIC_GROUP:
            consider(_required(av))
    end_run()
    return best
