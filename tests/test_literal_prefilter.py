"""The literal prefilter may only ever skip a search that would have found nothing."""

from __future__ import annotations

import re

import pytest
from news_etl import classify, cues
from news_etl.evaluation import load_labelled
from news_etl.literal_prefilter import folded, may_match, required_literals

CUES = [pattern for pattern, _ in (*cues.POSITIVE, *cues.NEGATIVE)]


def test_no_cue_pattern_is_ruled_out_of_a_sentence_it_matches():
    sentences = [s for a in load_labelled() for s in [a.title or "", *classify.split_sentences(a.text)]]
    sentences += ["SİGNED a deal", "ſigned", "they ſign", "Partnered WITH Acme", "İnked a pact"]
    for pattern in CUES:
        for sentence in sentences:
            if pattern.search(sentence):
                assert may_match(pattern, folded(sentence)), (pattern.pattern, sentence)


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
