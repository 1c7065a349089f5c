"""Fault injection for crash-consistency tests: die at a named point, as a crash would.

``NEWS_ETL_FAULT_POINT=<stage>:<point>`` (one of ``POINTS``) makes the process kill
itself with SIGKILL when it reaches that point: no ``finally`` block, no rollback
handler, no flush runs, exactly like the OOM killer or a lost machine. The tests run
every point and check that rerunning the day leaves the warehouse as one clean run
would. Unset (always, in production) a call costs one environment lookup.

Points come in two kinds per stage: ``before_commit`` sits inside the stage's write
transaction after its last write, ``after_commit`` right after the commit (the stage
boundary: its work is stored, the next stage has not begun).
"""

from __future__ import annotations

import os
import signal

ENV = "NEWS_ETL_FAULT_POINT"
STAGES = ("start", "poll_feed", "fetch_pages", "extract", "classify", "load", "validate", "publish")
POINTS: tuple[str, ...] = (
    *(f"{stage}:{where}" for stage in STAGES for where in ("before_commit", "after_commit")),
    "fetch_pages:chunk_before_commit",  # inside a landing-store chunk's transaction
)


def fault_point(point: str) -> None:
    """Kill this process with SIGKILL when ``NEWS_ETL_FAULT_POINT`` names ``point``.

    A setting that names no known point raises ``ValueError`` (a typo must not make a
    crash test pass by never crashing).
    """
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    if wanted not in POINTS:
        raise ValueError(f"{ENV}={wanted!r} is not a fault point; known: {', '.join(POINTS)}")
    if wanted == point:
        os.kill(os.getpid(), signal.SIGKILL)
