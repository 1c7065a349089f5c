"""Web text made plain: what a feed or page says in a title or author field, as text.

Feeds put anything in a title: HTML tags, scripts, event handlers, NUL bytes. We
store titles and authors as plain text, by one stated rule, so that nothing from the
web is ever markup in our warehouse, and PostgreSQL (which refuses NUL in text)
never fails a whole batch over one bad character:

* text containing tags has them removed; the content of ``script``, ``style``,
  ``iframe`` and similar elements is dropped; character references are decoded, in
  text without tags too (feeds that escape twice send ``AT&amp;amp;T`` and
  ``&amp;#8217;``, which feedparser hands on as ``AT&amp;T`` and ``&#8217;``), and tags
  that decoding reveals are removed in turn; markup escaped yet more deeply keeps its
  text, but no ``<`` that would open a tag;
* NUL, other control characters (tabs and line breaks become spaces) and lone
  surrogates are removed, runs of white space collapse to one space;
* everything else (quotes, semicolons, SQL, emoji, combining accents, right-to-left
  text) is kept exactly, in the form it came in (no Unicode normalisation).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_TAG = re.compile(r"<[A-Za-z!/?]")
# Only references closed by ";": "AT&T" or "&copy" in plain text are not references.
_CHARREF = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_DROPPED_ELEMENTS = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template", "svg",
                               "math"})


def plain_text(value: object, limit: int | None = None) -> str | None:
    """``value`` as one line of plain text by the rule above (None when nothing is left).

    ``limit`` cuts the result to at most that many characters.
    """
    if value is None:
        return None
    text = str(value)
    for _ in range(4):  # each pass undoes one level of escaping; a tag it reveals goes in the next
        if _TAG.search(text):
            text = _strip_tags(text)
        elif _CHARREF.search(text):
            text = _CHARREF.sub(lambda ref: unescape(ref.group()), text)
        else:
            break
    else:  # escaped more deeply than the passes undo: what still opens a tag loses its "<"
        text = _TAG.sub(lambda tag: tag.group()[1:], text)
    text = " ".join(_UNSAFE_CHARS.sub("", text).split())
    return (text[:limit] if limit is not None else text) or None


def _strip_tags(markup: str) -> str:
    parser = _TextCollector()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, skipping the content of non-text elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_ELEMENTS:
            self._skipping.append(tag)
        elif tag in ("br", "p", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)
