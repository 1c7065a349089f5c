"""When to poll a feed next: backoff for failing feeds, adaptive intervals for quiet ones.

Pure functions of a feed's streaks. The daily DAG polls every feed that is due; a
feed that keeps failing, or that rarely publishes, becomes due less often, within
bounds, instead of being hit at full rate forever.
"""

from __future__ import annotations

from datetime import datetime, timedelta

UNHEALTHY_AFTER_FAILURES = 3
MAX_FAILURE_BACKOFF = timedelta(days=14)
QUIET_AFTER_POLLS = 3
MAX_QUIET_INTERVAL = timedelta(hours=72)
# Scheduled runs start a little earlier or later each day; without slack a 24 h wait
# could skip one more day than meant.
SLACK = timedelta(hours=1)


def next_poll_at(
    now: datetime, *, failed: bool, consecutive_failures: int, unchanged_polls: int, min_interval_h: float
) -> datetime:
    """The earliest time the feed should be polled again after a poll at ``now``.

    * failing: polled as usual for the first failures, then every 2, 4, 8 … days
      (capped at 14) once it has failed ``UNHEALTHY_AFTER_FAILURES`` times in a row;
    * answering without new entries ``QUIET_AFTER_POLLS`` times in a row: 6, 12, 24 …
      hours (capped at 72);
    * never sooner than the catalogue's ``min_poll_interval_hours``.
    """
    wait = timedelta(hours=min_interval_h)
    if failed and consecutive_failures >= UNHEALTHY_AFTER_FAILURES:
        backoff = timedelta(days=2 ** min(consecutive_failures - UNHEALTHY_AFTER_FAILURES + 1, 10))
        wait = max(wait, min(backoff, MAX_FAILURE_BACKOFF))
    elif not failed and unchanged_polls >= QUIET_AFTER_POLLS:
        quiet = timedelta(hours=6 * 2 ** min(unchanged_polls - QUIET_AFTER_POLLS, 10))
        wait = max(wait, min(quiet, MAX_QUIET_INTERVAL))
    return now + (wait - SLACK if wait > SLACK else wait)


def is_healthy(consecutive_failures: int) -> bool:
    """A feed is unhealthy once it has failed this many polls in a row."""
    return consecutive_failures < UNHEALTHY_AFTER_FAILURES
