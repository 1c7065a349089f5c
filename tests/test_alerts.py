"""Alert messages and delivery."""

from __future__ import annotations

import json

from http_server import respond, serve
from news_etl.alerts import gate_failure_text, send_webhook, unhealthy_feeds_text


def test_webhook_posts_slack_shaped_json_and_survives_a_dead_receiver():
    received: list[dict] = []

    def receiver(handler):
        received.append(json.loads(handler.rfile.read(int(handler.headers["Content-Length"]))))
        respond(200, b"ok")(handler)

    with serve({"/hook": receiver}) as base:
        assert send_webhook(f"{base}/hook", "hello")
    assert received == [{"text": "hello"}]
    assert send_webhook("http://127.0.0.1:9/nothing-listens", "lost", timeout_s=2) is False


def test_messages_name_what_failed():
    text = gate_failure_text("healthcare_news_daily", "manual__x", "2026-11-24",
                             "quality gate failed: article: expect_column_values_to_be_unique(url) (2 unexpected)",
                             "http://airflow/log")
    assert "2026-11-24 NOT published" in text and "(2 unexpected)" in text and "http://airflow/log" in text
    text = unhealthy_feeds_text("healthcare_news_daily", "2026-11-24", [("Gone", "HTTP 404 for x")])
    assert "Gone: HTTP 404" in text
