"""URL normalisation: one spelling per article so that feeds, days and redirects agree."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the click and never change the page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_hsenc", "_hsmi",
        "mkt_tok", "cmpid", "ncid", "sr_share", "ref", "ref_src", "igshid", "yclid",
    }
)

_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def normalize_url(url: str) -> str:
    """Canonical spelling of an http(s) URL.

    Lower-cases scheme and host, drops default ports, the fragment and tracking
    parameters (``utm_*`` and the usual click ids), keeps the remaining query in its
    original order and the path as given (servers may treat case as significant).
    Raises ``ValueError`` for anything that is not an absolute http(s) URL, and for
    URLs with control characters (NUL included) or lone surrogates, which no server
    means and PostgreSQL cannot store.
    """
    if _CONTROL.search(url.strip()):
        raise ValueError(f"control character in URL: {url[:200]!r}")
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url[:200]!r}")
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
        ]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def host_of(url: str) -> str:
    """The lower-case host name of a URL ('' when it has none)."""
    return (urlsplit(url).hostname or "").lower()
