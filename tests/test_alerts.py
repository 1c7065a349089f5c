"""Alert messages and delivery."""

from __future__ import annotations

import json

from http_server import respond, serve
from news_etl.alerts import gate_failure_text, send_email, send_webhook, unhealthy_feeds_text
from news_etl.config import load_settings
from smtp_sink import smtp_sink


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


def test_email_reaches_every_recipient_with_a_plain_subject_and_survives_a_dead_server(tmp_path):
    with smtp_sink() as (port, received):
        settings = load_settings({"NEWS_ETL_ALERT_EMAIL_TO": "ops@example.org, data@example.org",
                                  "NEWS_ETL_SMTP_HOST": "127.0.0.1", "NEWS_ETL_SMTP_PORT": str(port)})
        assert send_email(settings.alert_email, ":warning: healthcare_news_daily: 1 feed(s) unhealthy\nGone: 404")
    (mail,) = received
    assert mail["To"] == "ops@example.org, data@example.org"
    assert mail["Subject"] == "healthcare_news_daily: 1 feed(s) unhealthy"
    assert "Gone: 404" in mail.get_payload()
    dead = load_settings({"NEWS_ETL_ALERT_EMAIL_TO": "ops@example.org", "NEWS_ETL_SMTP_HOST": "127.0.0.1",
                          "NEWS_ETL_SMTP_PORT": "9"}).alert_email
    assert send_email(dead, "lost", timeout_s=2) is False
    assert load_settings({}).alert_email is None
