"""The literal prefilter may only ever skip a search that would have found nothing."""

from __future__ import annotations

import re

import pytest
from news_etl import classify, cues
from news_etl.evaluation import load_labelled
from news_etl.literal_prefilter import CueTable, folded, required_literals


def test_a_cue_table_scores_every_sentence_as_searching_every_pattern_would():
    sentences = [s for a in load_labelled() for s in [a.title or "", *classify.split_sentences(a.text)]]
    sentences += ["SİGNED a deal", "ſigned", "they ſign", "Partnered WITH Acme", "İnked a pact"]
    for table in (cues.POSITIVE, cues.NEGATIVE):
        for sentence in sentences:
            assert table.score(sentence) == sum(w for p, w in table if p.search(sentence)), sentence


def test_a_cue_table_searches_only_patterns_whose_literals_the_text_holds():
    table = CueTable([(re.compile(r"\bsign(s|ed)?\b", re.I), 1.0), (re.compile(r"\b(won|go)\b", re.I), 2.0)])
    assert table.score("They SIGNED and won") == 3.0
    assert table.score("They did go") == 2.0  # nothing required of the second: always searched
    assert table.score("ſigned") == 1.0  # a case trap: every pattern searched


@pytest.mark.parametrize(("source", "flags", "expected"), [
    (r"\b(signs?|signed|inks?)\b", re.I, ("ink", "sign")),
    (r"\bpartner(s|ship)?\b|\bjoint venture\b", re.I, ("joint venture", "partner")),
    (r"(?<!not an )acquisition", re.I, ("acquisition",)),  # the lookbehind's words are not required
    (r"(?=.*deal)\bwins\b", 0, ("wins",)),  # the lookahead consumes nothing: its words are not counted on
    (r"\bwon\b|\bgo\b", re.I, None),  # "go" is too short to be worth testing, so nothing is required
    (r"\b(contract|)\b", re.I, None),  # an empty branch requires nothing
    (r"(?:\bteam\b)+ up", re.I, ("team",)),  # a repeat of at least one requires its body
    (r"^(?!.*\bappoint)(?:.*\b(hires?|retir(e|ed)))", re.I, ("hire", "retir")),
    (r"built with (?-i:[A-Z])", re.I, ("built with ",)),
])
def test_required_literals(source, flags, expected):
    assert required_literals(source, flags) == expected


def test_a_text_with_a_case_trap_is_never_prefiltered():
    assert folded("ſigned") is None and folded("SİGN") is None and folded("DOTLESS ı") is None
    assert folded("“Signed” – 2026") == "“signed” – 2026"
