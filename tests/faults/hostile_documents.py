"""Hostile and broken documents, written for these tests: feeds that attack the parser, and an
article page whose title and body carry script, frames, event handlers and javascript: links."""

from __future__ import annotations


def rss(items: str, prolog: str = "", channel_title: str = "Hostile feed") -> bytes:
    """An RSS 2.0 document with ``prolog`` (DOCTYPE etc.) before the root element."""
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}\n<rss version="2.0"><channel>'
            f"<title>{channel_title}</title><link>http://127.0.0.1/</link>{items}</channel></rss>").encode()


def item(title: str, link: str, author: str = "", description: str = "", date: str = "") -> str:
    return (f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
            + (f"<author>{author}</author>" if author else "")
            + (f"<description>{description}</description>" if description else "")
            + (f"<pubDate>{date}</pubDate>" if date else "") + "</item>")


def billion_laughs() -> bytes:
    """Ten levels of ten-fold entity nesting: a billion 'lol's from under a kilobyte."""
    levels = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    return rss(item("&lol9;", "http://127.0.0.1/laughs"), f'<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n{levels}]>')


def quadratic_blowup() -> bytes:
    """One 100 KB entity referenced 3,000 times: 300 MB of title from a 110 KB feed."""
    return rss(item("&big;" * 3000, "http://127.0.0.1/blowup"), f'<!DOCTYPE rss [\n<!ENTITY big "{"A" * 100_000}">\n]>')


def external_entity(system_id: str) -> bytes:
    """A title that is an external entity: a local file or an internal URL."""
    return rss(item("Leak: &ext;", "http://127.0.0.1/xxe"), f'<!DOCTYPE rss [\n<!ENTITY ext SYSTEM "{system_id}">\n]>')


def parameter_entity(system_id: str) -> bytes:
    """An external parameter entity, expanded inside the DTD itself."""
    dtd = f'<!DOCTYPE rss [\n<!ENTITY % remote SYSTEM "{system_id}">\n%remote;\n]>'
    return rss(item("plain", "http://127.0.0.1/pe"), dtd)


def external_dtd(system_id: str) -> bytes:
    """A DOCTYPE naming an external DTD (no internal subset): legal, and never fetched."""
    return rss(item("External DTD story", "http://127.0.0.1/dtd"), f'<!DOCTYPE rss SYSTEM "{system_id}">')


def many_items(count: int, base: str) -> bytes:
    """A feed of ``count`` items, as compact as RSS allows (100,000 items fit the 10 MiB limit)."""
    return rss("".join(f"<item><title>Story {i}</title><link>{base}/story/{i}</link></item>" for i in range(count)))


XSS = {
    "script": "<script>alert('title')</script>",
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "handler": '<img src=x onerror="alert(2)">',
    "link": '<a href="javascript:alert(3)">click</a>',
}


def xss_feed(page_url: str) -> bytes:
    """Entries whose title, author and description carry markup, escaped and in CDATA."""
    from html import escape

    payload = "".join(XSS.values())
    return rss(
        item(f"{escape(payload)} Escaped payload story", f"{page_url}?v=1", author=escape(XSS["handler"] + "Mallory"),
             description=escape(payload))
        + item(f"<![CDATA[{payload} CDATA payload story]]>", page_url, author=f"<![CDATA[{XSS['link']}Eve]]>",
               description=f"<![CDATA[{payload}]]>"),
    )


def xss_page() -> bytes:
    """An article page whose title, byline and body carry script, frames, handlers and javascript: links."""
    from html import escape

    paragraphs = [
        "Northbridge Regional Hospital signed a five year agreement with Larkspur Analytics Inc to deploy "
        "its sepsis early warning software across four emergency departments, the hospital said on Monday.",
        "Under the deal Larkspur Analytics will connect its models to the hospital's electronic health record "
        "so that nurses see a risk score beside each patient's vital signs during triage and admission.",
        f"Hospital managers said the rollout starts in the spring. {XSS['handler']} Staff training is planned "
        f"for every shift, and results will be reviewed after six months. {XSS['link']}",
    ]
    body = "".join(f"<p onclick=\"alert('p')\">{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(XSS['script'])}Northbridge picks Larkspur {escape(XSS['iframe'])}</title>"
            f"<meta name=\"author\" content=\"{escape(XSS['handler'])}Reporter\">"
            f"<script>document.title='owned'</script></head><body><article>"
            f"<h1>Northbridge picks Larkspur {XSS['script']}</h1>{XSS['iframe']}{body}</article></body></html>"
            ).encode()
