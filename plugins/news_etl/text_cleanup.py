"""Removal of page chrome that extractors leave in article text.

Share bars, newsletter prompts, "email the writer" lines, bylines and credits,
timestamps, related-story lists and copyright lines look alike across news sites;
these rules match their *shape* (short, a telling lead word, an address or handle,
a date with nothing else), not any one site's wording, and only ever drop whole
lines. They were chosen on two thirds of the article-extraction benchmark and
checked on the other third (``make bench`` reports both), so a rule that only fits
one site shows up as a gap between the two. They were then checked line by line on
other public evaluation sets (web pages with hand-marked text), which is where a rule
that reads an article's own sentence, table row or subheading as chrome shows up.
"""

from __future__ import annotations

import re

MAX_CHROME_WORDS = 16
# Contact, promotion and credit lines run longer than a share button; still far below a paragraph.
MAX_NOTE_WORDS = 45
# A related-stories list: its items are headlines, short and without closing punctuation.
MAX_HEADLINE_WORDS = 20

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
    r"^(comments?|tags?|topics?|explore further|tell us what you think\W*|something to consider)\W*$",
    r"^\W*(updated|published|posted|last (updated|modified)|first published)\b.{0,60}\d",
    r"^source\s*:",
    r"^(copyright|©|\(c\))|^\W*copyright\s*(©|\(c\)|\d{4})",
    r"\[/\w+\]",  # a CMS shortcode that was never rendered: [button ...]...[/button]
    r"^\w+( \w+)?\s*:\s*https?://\S+$",  # "Listen: http://..." link lines
]
_NOTE_PATTERNS = [
    r"^follow\b.*\b(twitter|facebook|instagram|youtube|linkedin|https?://)",
    r"\b(sign(ing)? up|subscrib(e|ing))\b.*\b(newsletter|inbox)\b",
    r"\bnewsletter\b.*\b(delivered|inbox|sign up|subscribe)\b",
    r"^click here\b",
    # a prompt opens the line or follows a question ("Like it? Share it with..."), not mid-sentence
    r"(^|[?!.]\s+)\W*share (it|this( story| article)?) with\b",
    # an affiliate disclosure, not a sentence about buying ("if you buy two, you get...")
    r"\bmay (earn|get|receive) a (small )?(commission|share of)\b|\bif you (buy|purchase)\b.*\b(commission|affiliate)",
    r"^(additional )?(reporting|writing|editing|compiled|produced) by\b",
    r"\bwe('d| would) like to hear what you think\b",
]
_CONTACT_WORDS = re.compile(
    r"\b(email|e-mail|reach|reached|contact|follow|tips?|write to)\b", re.I)
_RELATED_LEAD = re.compile(
    r"^\W*(read more|related|see also|also read|also on \S+|more from|recommended|don'?t miss|must read"
    r"|you (may|might) also like|more stories|more on this|trending)\b", re.I)
_CLOCK_AND_YEAR = re.compile(r"\b\d{1,2}:\d{2}\b.*\b(19|20)\d{2}\b|\b(19|20)\d{2}\b.*\b\d{1,2}:\d{2}\b")
# After a related-story lead: at most one more word ("Related post"), a colon or dash, a headline.
_TEASER_TAIL = re.compile(r"(?:[^\w|]*\w+)?(?:\s*[:»›]|\s+[–—-])\s*\w")
_SENTENCE_TAIL = re.compile(r"\w.*[.!?]$")
# Code and console output: quotes, braces, assignments, box-drawing column rules.
_CODE_MARKS = re.compile(r"[\"{}=<>\u2500-\u257f]")
_CHROME = [re.compile(p, re.I) for p in _CHROME_PATTERNS]
_NOTES = [re.compile(p, re.I) for p in _NOTE_PATTERNS]
# Contact lines: an e-mail address, a handle or a profile link, with a word that offers it.
_HAS_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b|(^|\s)@\w{2,}|(?<!pic\.)twitter\.com/\w", re.I)


# Scripts written without spaces between words: each character counts as a word.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+")


def count_words(text: str) -> int:
    """Words in ``text``, counting Chinese and Japanese characters one by one."""
    return len(_WORD.findall(text))


def clean_body(text: str, title: str | None = None) -> str:
    """The article text without chrome lines, related-story lists and a repeated
    headline at the top. Repeated lines are kept: articles repeat lines on purpose
    (an embedded post's attribution, a price list's "Buy now")."""
    kept: list[str] = []
    in_related_list = False
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        lead = _RELATED_LEAD.match(line)
        if lead and len(line.split()) <= MAX_HEADLINE_WORDS and not _is_sentence_after(line, lead.end()):
            # A bare lead-in ("Related stories", "You may also like:") opens a list of headlines;
            # a teaser that carries its own headline ("Read more: <headline>") is one line, and
            # what follows it (often the article's next subheading) is not dropped with it.
            in_related_list = not _carries_headline(line, lead.end())
            continue
        if in_related_list and _is_headline(line):
            continue
        in_related_list = False
        if not is_chrome_line(line):
            kept.append(line)
    while kept and title and _repeats_title(kept[0], title):
        kept = kept[1:]
    return "\n".join(kept).strip()


def is_chrome_line(line: str) -> bool:
    """True for a line whose shape is page furniture rather than reporting."""
    words = len(line.split())
    if words > MAX_NOTE_WORDS:
        return False
    if any(p.search(line) for p in _NOTES):
        return True
    if _HAS_ADDRESS.search(line) and _CONTACT_WORDS.search(line):
        return True
    if words > MAX_CHROME_WORDS:
        return False
    if (words <= 10 and _CLOCK_AND_YEAR.search(line) and not line.endswith((".", "!", "?"))
            and not _is_data_row(line)):
        return True  # a timestamp line: a date and a time and little else, not a sentence nor a table row
    return any(p.search(line) for p in _CHROME)


def _carries_headline(line: str, lead_end: int) -> bool:
    """After the lead words, a separator and a headline: "Related post: Ten ways to ..."."""
    return bool(_TEASER_TAIL.match(line, lead_end))


def _is_sentence_after(line: str, lead_end: int) -> bool:
    """The lead words open a sentence of the article ("Read more on the ruling here.",
    "See also the chart below."): no separator after them, and it ends like a sentence."""
    return not _carries_headline(line, lead_end) and bool(_SENTENCE_TAIL.search(line, lead_end))


def _is_data_row(line: str) -> bool:
    """A line of code or a table row with two or more filled cells ("| Kick-off | 3 May 2026, 19:45 |"):
    a timestamp in it is one value among others, not the page's dateline."""
    if _CODE_MARKS.search(line):
        return True
    cells = [cell for cell in line.strip().strip("|").split("|") if cell.strip()]
    return line.lstrip().startswith("|") and len(cells) >= 2


def _is_headline(line: str) -> bool:
    """A related-story item: short, no closing sentence punctuation (a list dash is fine)."""
    return len(line.split()) <= MAX_HEADLINE_WORDS and not re.search(r"[.!?:;…\"”’)]$", line)


def _repeats_title(line: str, title: str) -> bool:
    """The headline again: equal, or one contains the other (titles carry site names)."""
    a, b = _fold(line), _fold(title)
    if not a or not b:
        return False
    return a == b or (len(a.split()) >= 4 and a in b) or (len(b.split()) >= 4 and b in a
                                                        and len(a.split()) <= len(b.split()) + 4)


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()
