"""People quoted in an article: speaker, title, organisation and the words quoted.

Trade news introduces a speaker in a few fixed shapes, which we read with patterns:

* ``Name, title at Org, said ...`` / ``"...," Name, Org's title, said`` (the descriptor
  between commas, before or after the quote);
* ``"...," said Name, title of Org`` (the verb first);
* ``Org's title, Name, said`` / ``Org title Name said`` (title first).

The quote is the quoted text that ends right before the speaker's introduction, or else
the first one that starts after it in the same or the next paragraph. The organisation is
resolved against the article's organisations (so "Northwestern's president" belongs to
Northwestern Medicine). Pure functions; no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from news_etl.entities import OrgRef
from news_etl.orgs import infer_org_type, org_key

_HONORIFIC = r"(?:(?:Dr|Prof|Professor|Mr|Ms|Mrs|Sir|Dame)\.?\s+)?"
_NAME = (r"([A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?(?: [A-Z]\.)?(?: (?:de |van |von |da )?[A-Z][a-zA-Z’'-]+){1,2})"
         r"(?:,\s*(?:MD|PhD|RN|DO|MBBS|FRCP))?")
_VERB = (r"(?:said|says|say|called|stated|states|added|adds|explained|noted|emphasi[sz]ed|expressed|shared|"
         r"commented|told|wrote|according)")
_TITLE_WORD = re.compile(
    r"\b(chief|officer|president|director|ceo|cio|cmio|cno|cto|cfo|coo|cdo|manager|head|lead|chair\w*|founder|"
    r"professor|dean|secretary|minister|executive|vice|partner|principal|consultant|physician|surgeon|nurse|"
    r"researcher|scientist|investigator|analyst|fellow|commissioner|leader|spokes\w+|chancellor)\b", re.I)
# Name, descriptor, [then a speech verb within the sentence]
_INTRO_AFTER = re.compile(rf"{_HONORIFIC}{_NAME},\s+(?:the\s+)?([^,“”\"\n]{{3,160}}?(?:,\s+[A-Z][^,“”\"\n]{{2,80}}?)?),"
                          rf"\s+(?:[a-z]+\s+){{0,3}}?{_VERB}\b")
# said Name, descriptor[, in a statement | .]
_INTRO_VERB_FIRST = re.compile(rf"\b{_VERB}\s+{_HONORIFIC}{_NAME},\s+(?:the\s+)?([^,“”\"\n]{{3,160}}?)(?=[,.;]|$)",
                               re.M)
# Org's title, Name, said   |   Org title Name said
_INTRO_TITLE_FIRST = re.compile(rf"([A-Z][\w&.’' -]{{1,60}}?)(?:’s|'s)\s+([a-z][\w -]{{2,80}}?),\s+{_HONORIFIC}{_NAME},"
                                rf"\s+(?:[a-z]+\s+){{0,3}}?{_VERB}\b")
# Org President Name, MD, said
_INTRO_CAPITALISED_TITLE = re.compile(
    rf"((?:[A-Z][\w&.-]* ){{1,5}}?)((?:Senior |Executive )?(?:Vice )?"
    rf"(?:President|CEO|Chief [A-Z][a-z]+(?: [A-Z][a-z]+)? Officer|Chief Executive|Managing Director|"
    rf"Director|Chair|Chairman|Founder)) {_HONORIFIC}{_NAME},?"
    rf"\s+(?:[a-z]+\s+){{0,3}}?{_VERB}\b")
# A quote closes, or (news style for a quote running on) its paragraph ends unclosed.
_QUOTE = re.compile(r"[“\"]([^“”\"\n]{12,}?)(?:[”\"]|(?=\n)|$)")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quoted speaker: who, as what, for which organisation, and the words (may be empty)."""

    name: str
    title: str | None
    org_key: str | None
    org_name: str | None
    org_type: str | None
    country: str | None
    text: str


def find_quotes(text: str, orgs: list[OrgRef]) -> list[Quote]:
    """Every introduced speaker in the text with their quote, in order; one per (speaker, quote)."""
    found: dict[tuple[str, str], tuple[int, Quote]] = {}
    for match, name, descriptor, org_first in _introductions(text):
        title, org_text = (descriptor, org_first) if org_first else _split_descriptor(descriptor)
        org = _resolve(org_text, orgs) if org_text else None
        words = _quote_for(text, match.start(), match.end())
        quote = Quote(
            name=name, title=(title or None) and title.strip(" ,") or None,
            org_key=org.key if org else (org_key(org_text) if org_text else None),
            org_name=org.name if org else org_text,
            org_type=org.org_type if org else (infer_org_type(org_text) if org_text else None),
            country=org.country if org else None, text=words,
        )
        found.setdefault((name, words), (match.start(), quote))
    return [q for _, q in sorted(found.values(), key=lambda item: item[0])]


# -- helpers -------------------------------------------------------------------------------

def _introductions(text: str):
    taken: list[tuple[int, int]] = []
    for pattern, kind in ((_INTRO_TITLE_FIRST, "title_first"), (_INTRO_CAPITALISED_TITLE, "title_first"),
                          (_INTRO_AFTER, "after"), (_INTRO_VERB_FIRST, "verb_first")):
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            if kind == "title_first":
                org_text, title, name = match.group(1), match.group(2), match.group(3)
                if not _TITLE_WORD.search(title):
                    continue
                org_text = re.sub(r"^(?:The|the)\s+", "", org_text.split(". ")[-1].strip())
                if not org_text or org_text.split()[0] in ("As", "In", "At", "But", "And", "When", "While"):
                    org_text = None
                taken.append(match.span())
                yield match, name, title, org_text
                continue
            name, descriptor = match.group(1), match.group(2)
            if not _TITLE_WORD.search(descriptor):
                continue
            taken.append(match.span())
            yield match, name, descriptor, None


def _split_descriptor(descriptor: str) -> tuple[str, str | None]:
    """"Northwestern's president and CEO" -> (president and CEO, Northwestern);
    "chief nursing officer at Lakeshore Health" -> (chief nursing officer, Lakeshore Health)."""
    descriptor = descriptor.strip()
    possessive = re.match(r"([A-Z][\w&.’' -]{1,60}?)(?:’s|'s)\s+(.+)$", descriptor)
    if possessive:
        return possessive.group(2), possessive.group(1)
    title, comma, rest = descriptor.partition(", ")
    if comma and rest[:1].isupper():
        return title, _org_phrase(rest)
    split = re.search(r"\s(?:at|of|for|with|from)\s+(?:the\s+)?(?=[A-Z])", descriptor)
    if split:
        return descriptor[:split.start()], _org_phrase(descriptor[split.end():])
    return descriptor, None


def _org_phrase(text: str) -> str:
    """The organisation name at the start of ``text`` (it stops at lower-case words other than connectors)."""
    words: list[str] = []
    for word in text.split():
        if word[:1].isupper() or word in ("of", "and", "for", "&", "the", "de") and words:
            words.append(word)
        else:
            break
    while words and words[-1] in ("of", "and", "for", "&", "the", "de"):
        words.pop()
    return " ".join(words).rstrip(".,;")


def _resolve(org_text: str, orgs: list[OrgRef]) -> OrgRef | None:
    """The article's organisation the text names; for "UHL and UHN", the first of them."""
    first, found, _ = org_text.partition(" and ")
    if found:
        return _resolve(first, orgs) or _resolve_one(org_text, orgs)
    return _resolve_one(org_text, orgs)


def _resolve_one(org_text: str, orgs: list[OrgRef]) -> OrgRef | None:
    key = org_key(org_text)
    for ref in orgs:
        keys = {ref.key, *(org_key(m) for m in ref.mentions)}
        if key in keys:
            return ref
    for ref in orgs:  # "Microsoft UK" -> Microsoft; "the London Clinic" -> The London Clinic
        if key.startswith(ref.key + " ") or ref.key.startswith(key + " "):
            return ref
    return None


def _quote_for(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 3):start]
    if re.search(r"[”\"]\s*$", before) or re.search(r"[”\"],?\s*$", text[max(0, start - 4):start]):
        opening = max(text.rfind("“", 0, start - 1), text.rfind("\"", 0, start - 2))
        paragraph_start = text.rfind("\n", 0, start)
        if opening > paragraph_start:
            return _clean(text[opening + 1:start])
    paragraph_end = text.find("\n", end)
    window_end = text.find("\n", paragraph_end + 1) if paragraph_end >= 0 else -1
    following = _QUOTE.search(text, end, window_end if window_end >= 0 else len(text))
    return _clean(following.group(1)) if following else ""


def _clean(words: str) -> str:
    return re.sub(r"[\s,”\"]+$", "", words.strip())
