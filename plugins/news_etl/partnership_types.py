"""The type of a partnership: readings of the announcing sentences that the type model weighs.

Cue words of each of the five types of ``seeds/labels.json``, decisive phrases, words such as
network, trial or contract, and the kinds of organisations taking part; ``detector.TypeModel``
weighs them with weights learned from the development set.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from news_etl.cues import LIVE_ON_SHARED, SHARED_RECORD

if TYPE_CHECKING:
    from news_etl.classify import Participant

_TYPE_CUES = {
    "vendor_contract": r"\b(contract|deal|agreement|select(s|ed)?|deploy\w*|implement\w*|roll(ing)? out|"
                       r"EHR|EPR|electronic (health|patient) record|PACS|system|procure\w*|tender|licen[cs]e|"
                       r"supply|replace\w*|go[- ]live|platform|software)\b",
    "strategic_alliance": r"\b(alliance|affiliat\w*|joint venture|strategic|collaboration|clinical expertise|"
                          r"share best practices?|patient care|care delivery|access to care|international)\b",
    "technology_collaboration": r"\b(MoU|memorandum of understanding|co-develop\w*|develop\w*|innovation|"
                                r"AI|artificial intelligence|machine learning|lab|solutions?|explore)\b",
    "data_network": r"\b(data[- ]sharing|data network|distributed (data )?network|consortium|"
                    r"interoperab\w*|health information exchange|de-identified|data platform|"
                    r"shar\w* (patient |health |medical |clinical )?(records|data|information)|"
                    r"join\w* the \w+ network)\b",
    "research_collaboration": r"\b(research|clinical (study|trial)s?|trials?|scientists|genomic\w*|"
                              r"study|studies|discovery|cohort)\b",
}


# Phrases that all but settle a type (a feature of their own for the type model).
_DECISIVE = {
    "vendor_contract": r"\b(select(s|ed)|picks|picked|taps|tapped|chose|chooses|award(s|ed)?|renew(s|ed|al)?)\b"
                       r"[^.]{0,80}\b(contract|deal|agreement|system|platform|record|software|EHR|EPR)\b|"
                       r"\b(supply|procure\w*|tender|licen[cs]e)\b",
    "strategic_alliance": r"\b(alliance|affiliation|joint venture|clinical partnership|share (surgical |operating )?"
                          r"(capacity|theatres|staff|waiting lists))\b",
    "technology_collaboration": r"\b(co-develop\w*|jointly develop\w*|co-design\w*|innovation (partnership|lab|"
                                r"cent(er|re))|develop\w* (new )?(AI|artificial intelligence|tools|software|"
                                r"models|technology|algorithms))\b",
    "data_network": r"\b(join\w*|signed (on|up)|sign (on|up)|connect\w* to|members? of)\b[^.]{0,80}\b(network|"
                    rf"{SHARED_RECORD}|consortium|data platform|infrastructure)\b|{LIVE_ON_SHARED}|"
                    r"\bdata[- ]sharing\b|\bshar(e|es|ed|ing) (patient |health |medical |clinical )?(records|data)\b|"
                    r"\bfederated\b|\bcommon data model\b|\bshared (care )?record\b",
    "research_collaboration": r"\b(research (collaboration|partnership|agreement|program(me)?|study|studies)|"
                              r"joint (research|clinical)? ?(study|trial)|clinical (study|trial)|"
                              r"research (cent(re|er)|institute|hub|unit|programme|program)|"
                              r"(launch\w*|begun|began|start\w*) (a |an )?[\w-]* ?[\w-]* ?(study|trial)|"
                              r"to study\b)",
}

_TYPE_CUES = {t: re.compile(p, re.I) for t, p in _TYPE_CUES.items()}

TYPE_NAMES = tuple(_TYPE_CUES)  # the five types of ``seeds/labels.json``, in its order

_DECISIVE = {t: re.compile(p, re.I) for t, p in _DECISIVE.items()}

_AWARD = re.compile(r"\bawards?\b[^.]{0,80}\bcontract\b|\bawarded\b[^.]{0,80}\b(contract|deal)\b|"
                    r"\bcontract\b[^.]{0,40}\bawarded\b|\b(been|was|were) awarded\b|"
                    r"\b(under|through|via|from|off) (a|an|the) [\w -]{0,60}\bframework\b", re.I)


# Plain words the type model weighs, each found as the start of a word, in one pass over the text.
_TYPE_WORDS = ("network", "exchange", "consortium", "registry", "trial", "study", "research", "co-develop", "lab",
               "platform", "contract", "deploy", "select", "alliance", "data", "AI", "develop", "clinical", "share",
               "join", "member", "supplier", "award", "MoU", "innovation", "system", "care")

_TYPE_WORD = re.compile(r"\b(?:" + "|".join(f"(?P<w{i}>{re.escape(w)})" for i, w in enumerate(_TYPE_WORDS)) + ")",
                        re.I)

_KINDS = ("vendor", "other", "provider", "academic", "payer", "government", "network")


def type_features(title: str, context: str, participants: list[Participant] | tuple[Participant, ...]
                  ) -> dict[str, float]:
    """What the learned type model (``detector.TypeModel``) weighs: per type, the distinct cue terms
    of the headline and announcing sentences, and whether a decisive phrase is there; the parties'
    kinds; whether a contract is awarded; and plain words (network, trial, contract, co-develop ...)."""
    # Words of the parties' names are no evidence ("CommonWell Health Alliance" forms no alliance).
    for name in sorted({m for p in participants for m in (p.name, *p.mentions)}, key=len, reverse=True):
        context, title = context.replace(name, "X"), title.replace(name, "X")
    features: dict[str, float] = {}
    for t, pattern in _TYPE_CUES.items():
        # Distinct terms, capped, so one word repeated through a story does not outvote the others.
        features["cue:" + t] = min(len({m.group(0).lower() for m in pattern.finditer(context)}), 4) / 2
        features["title:" + t] = float(bool(pattern.search(title)))
        features["decisive:" + t] = float(bool(_DECISIVE[t].search(context)))
    kinds = {p.org_type for p in participants}
    for kind in _KINDS:
        features["kind:" + kind] = float(kind in kinds)
    features["care_and_industry"] = float(bool(kinds & {"vendor", "other"}) and bool(kinds - {"vendor", "other"}))
    features["award"] = float(bool(_AWARD.search(context)))
    for match in _TYPE_WORD.finditer(context):
        features["w:" + _TYPE_WORDS[int(match.lastgroup[1:])]] = 1.0
    return features
