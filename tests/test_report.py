"""The HTML digest renders its chart and tables in a real browser, and shows web text as text."""

from __future__ import annotations

import re
from datetime import date

import pytest
from news_etl.pipeline import Batch, run_once
from news_etl.report import render_digest
from test_ui_browser import _dump_dom


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_digest_renders_chart_and_tables_in_chromium(pipeline_env, tmp_path):
    run_once(pipeline_env, Batch.for_day(date(2026, 11, 23), "digest"))
    report = pipeline_env.data_dir / "reports" / "latest.html"
    assert (pipeline_env.data_dir / "reports" / "digest-2026-11-23.html").exists()
    dom = _dump_dom(report.as_uri(), tmp_path / "profile")
    assert 'id="weekly-chart"' in dom and len(re.findall(r"<rect ", dom)) >= 3  # seed stories span 4 years
    new_table = dom.split('id="new-partnerships"')[1].split("</table>")[0]
    assert new_table.count("<tr>") == 6  # header + five partnerships
    assert "Northwestern Medicine" in dom and "partner-network" in dom


def test_web_text_is_escaped_and_only_http_links_survive(tmp_path):
    # Were any of it to run, the page would gain an <x-pwned> element (the name never appears whole in the text).
    run = "document.body.appendChild(document.createElement('x-'+'pwned'))"
    evil = f'<script>alert(1);{run}</script>"><img src=x onerror="{run}"><iframe srcdoc="<script>{run}</script>">'
    html = render_digest({
        "new": [{"published_at": None, "partnership_type": "vendor_contract", "participant_names": evil,
                 "article_url": "javascript:alert(3)", "article_title": evil, "source_name": evil}],
        "top": [{"organization_name": evil, "org_type": "vendor", "partnerships": 1}],
        "edges": [], "weeks": [],
    }, "2026-11-23")
    assert "<script>" not in html and "<img" not in html and "javascript:" not in html
    path = tmp_path / "digest.html"
    path.write_text(html, encoding="utf-8")
    dom = _dump_dom(path.as_uri(), tmp_path / "profile")
    assert f"<script>alert(1);{run}</script>" in dom.replace("&lt;", "<").replace("&gt;", ">")  # shown as text
    assert "<img" not in dom and "<iframe" not in dom and "<x-pwned" not in dom
