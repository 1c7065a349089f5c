"""Alerts to people: a Slack-compatible webhook message and/or an e-mail when the quality gate
fails or a feed turns unhealthy. Plain functions; the Airflow notifier in ``airflow_support``
calls them."""

from __future__ import annotations

import json
import logging
import re
import smtplib
import urllib.error
import urllib.request
from email.message import EmailMessage

from sqlalchemy import and_, select
from sqlalchemy.engine import Engine

from news_etl import warehouse as wh
from news_etl.config import EmailSettings, Settings
from news_etl.polling import UNHEALTHY_AFTER_FAILURES

LOGGER = logging.getLogger(__name__)


def deliver(settings: Settings, text: str) -> dict[str, bool]:
    """Send ``text`` through every configured channel; returns channel -> delivered."""
    sent: dict[str, bool] = {}
    if settings.alert_webhook_url:
        sent["webhook"] = send_webhook(settings.alert_webhook_url, text)
    if settings.alert_email:
        sent["email"] = send_email(settings.alert_email, text)
    return sent


def send_webhook(url: str, text: str, timeout_s: float = 10.0) -> bool:
    """POST ``{"text": text}`` (Slack's incoming-webhook shape) to ``url``; False if it failed.

    An alert that cannot be delivered is logged, never raised: it must not turn a
    finished task into a failed one.
    """
    request = urllib.request.Request(
        url, data=json.dumps({"text": text}).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError, ValueError) as exc:
        LOGGER.error("alert webhook failed: %s", exc)
        return False


def send_email(email: EmailSettings, text: str, timeout_s: float = 10.0) -> bool:
    """Mail ``text`` (its first line is the subject) to ``email.to``; False if it failed.

    Like the webhook, a failed delivery is logged and never raised.
    """
    message = EmailMessage()
    message["From"], message["To"] = email.sender, ", ".join(email.to)
    first_line = text.splitlines()[0] if text else "news-etl alert"
    message["Subject"] = re.sub(r"^:[a-z_]+:\s*", "", first_line)[:200]  # Slack's emoji code means nothing in mail
    message.set_content(text)
    try:
        with smtplib.SMTP(email.host, email.port, timeout=timeout_s) as smtp:
            if email.starttls:
                smtp.starttls()
            if email.user:
                smtp.login(email.user, email.password or "")
            smtp.send_message(message)
        return True
    except (smtplib.SMTPException, OSError) as exc:
        LOGGER.error("alert e-mail failed: %s", exc)
        return False


def newly_unhealthy_feeds(engine: Engine, batch_id: str) -> list[tuple[str, str]]:
    """Feeds whose failure in this batch made them unhealthy: (name, last error)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(wh.feed.c.name, wh.feed_poll.c.error_message)
            .join(wh.feed_poll, and_(wh.feed_poll.c.feed_id == wh.feed.c.feed_id,
                                     wh.feed_poll.c.batch_id == batch_id))
            .where(wh.feed_poll.c.outcome == "failed",
                   wh.feed.c.consecutive_failures == UNHEALTHY_AFTER_FAILURES)
            .order_by(wh.feed.c.name)
        ).tuples().all()
    return [(name, error or "") for name, error in rows]


def gate_failure_text(dag_id: str, run_id: str, batch_id: str, reason: str, log_url: str | None) -> str:
    """The message for a failed quality gate."""
    lines = [f":rotating_light: {dag_id}: batch {batch_id} NOT published (run {run_id})", reason[:1500]]
    if log_url:
        lines.append(f"Task log: {log_url}")
    return "\n".join(lines)


def unhealthy_feeds_text(dag_id: str, batch_id: str, feeds: list[tuple[str, str]]) -> str:
    """The message for feeds that just turned unhealthy."""
    lines = [f":warning: {dag_id}: {len(feeds)} feed(s) unhealthy after "
             f"{UNHEALTHY_AFTER_FAILURES} failed polls in a row (batch {batch_id}); now polled less often:"]
    lines += [f"• {name}: {error[:200]}" for name, error in feeds]
    return "\n".join(lines)
