"""The daily digest: a static HTML page for people who would rather look than read.

Written by the publish step from the BI marts (so it shows published data only): the
batch's new partnerships, the most active organisations, partnerships per week as an
inline SVG bar chart, and the strongest links of the partner network. Self-contained
(no script, no external asset) and every value from the web is HTML-escaped.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

WEEKS = 12


def write_digest(engine: Engine, batch_id: str, out_dir: Path) -> Path:
    """Render the digest of ``batch_id`` to ``out_dir/digest-<batch>.html`` and ``latest.html``."""
    html = render_digest(_gather(engine, batch_id), batch_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"digest-{batch_id}.html"
    path.write_text(html, encoding="utf-8")
    (out_dir / "latest.html").write_text(html, encoding="utf-8")
    return path


def render_digest(data: dict[str, list[Any]], batch_id: str) -> str:
    """The digest page for already gathered rows (pure: unit-testable without a database)."""
    new_rows = "".join(
        f"<tr><td>{_e(r['published_at'])}</td><td>{_e(r['partnership_type'])}</td>"
        f"<td>{_e(r['participant_names'])}</td><td><a href=\"{_e(_safe_url(r['article_url']))}\" "
        f"rel=\"noopener noreferrer\">{_e(r['article_title'])}</a></td><td>{_e(r['source_name'])}</td></tr>"
        for r in data["new"]
    ) or "<tr><td colspan=\"5\">No new partnership in this batch.</td></tr>"
    top_rows = "".join(
        f"<tr><td>{_e(r['organization_name'])}</td><td>{_e(r['org_type'])}</td><td>{r['partnerships']}</td></tr>"
        for r in data["top"]
    )
    edge_rows = "".join(
        f"<tr><td>{_e(r['org_a_name'])}</td><td>{_e(r['org_b_name'])}</td><td>{r['partnership_count']}</td></tr>"
        for r in data["edges"]
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Healthcare-IT partnerships: digest {_e(batch_id)}</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:70em}}table{{border-collapse:collapse;width:100%}}
td,th{{border-bottom:1px solid #ddd;padding:.3em;text-align:left;vertical-align:top}}h2{{margin-top:1.5em}}
.bar{{fill:#2b6cb0}}</style></head><body>
<h1>Healthcare-IT partnerships — digest of {_e(batch_id)}</h1>
<h2>New partnerships</h2>
<table id="new-partnerships"><thead><tr><th>Published</th><th>Type</th><th>Parties</th><th>Story</th>
<th>Source</th></tr></thead><tbody>{new_rows}</tbody></table>
<h2>Partnerships per week</h2>
{_week_chart(data["weeks"])}
<h2>Most active organisations</h2>
<table id="top-organizations"><thead><tr><th>Organisation</th><th>Type</th><th>Partnerships</th></tr></thead>
<tbody>{top_rows}</tbody></table>
<h2>Partner network: strongest links</h2>
<table id="partner-network"><thead><tr><th>Organisation</th><th>Organisation</th><th>Partnerships</th></tr></thead>
<tbody>{edge_rows}</tbody></table>
</body></html>
"""


def _gather(engine: Engine, batch_id: str) -> dict[str, list[Any]]:
    with engine.connect() as conn:
        def rows(sql: str, **params: Any) -> list[Any]:
            return [dict(r) for r in conn.execute(text(sql), params).mappings()]

        return {
            "new": rows("SELECT * FROM mart_partnerships WHERE batch_id = :b ORDER BY published_at DESC",
                        b=batch_id),
            "top": rows("SELECT organization_name, org_type, count(DISTINCT partnership_id) AS partnerships "
                        "FROM mart_partnership_participants GROUP BY organization_name, org_type "
                        "ORDER BY partnerships DESC, organization_name LIMIT 15"),
            "edges": rows("SELECT * FROM mart_org_partner_edges ORDER BY partnership_count DESC, org_a_name, "
                          "org_b_name LIMIT 20"),
            "weeks": rows("SELECT coalesce(published_at, first_seen_at) AS seen_at FROM mart_partnerships"),
        }


def _week_chart(rows: list[dict[str, Any]]) -> str:
    """An inline SVG bar chart of partnerships per ISO week (the latest ``WEEKS`` weeks seen)."""
    counts: dict[str, int] = {}
    for row in rows:
        seen = row["seen_at"]
        if isinstance(seen, str):
            seen = datetime.fromisoformat(seen)
        if seen is None:
            continue
        year, week, _ = seen.isocalendar()
        key = f"{year}-W{week:02d}"
        counts[key] = counts.get(key, 0) + 1
    weeks = sorted(counts)[-WEEKS:]
    if not weeks:
        return '<p id="weekly-chart">No published partnership yet.</p>'
    top = max(counts[w] for w in weeks)
    width, height, bar = 60 * len(weeks), 160, 40
    bars = "".join(
        f'<g><rect class="bar" x="{i * 60 + 10}" y="{130 - counts[w] * 110 // top}" width="{bar}" '
        f'height="{counts[w] * 110 // top}"><title>{w}: {counts[w]}</title></rect>'
        f'<text x="{i * 60 + 30}" y="150" font-size="10" text-anchor="middle">{w}</text>'
        f'<text x="{i * 60 + 30}" y="{125 - counts[w] * 110 // top}" font-size="11" '
        f'text-anchor="middle">{counts[w]}</text></g>'
        for i, w in enumerate(weeks)
    )
    return (f'<svg id="weekly-chart" role="img" aria-label="Partnerships per week" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}">{bars}</svg>')


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _safe_url(url: str | None) -> str:
    """Only http(s) links are rendered as links; anything else (javascript:, data:) becomes '#'."""
    return url if url and url.lower().startswith(("http://", "https://")) else "#"
