"""The fetcher's watchdog: one thread shuts down the sockets whose time budget is spent.

Real sockets (``socket.socketpair``) and a real thread; the deadlines are short, and the
assertions only bound them loosely (they check what happens, not how fast).
"""

from __future__ import annotations

import socket
import threading
import time

from news_etl.watchdog import SocketWatchdog


def _watchdog_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "fetch watchdog"]


def test_a_blocked_read_is_woken_when_its_deadline_passes() -> None:
    watchdog = SocketWatchdog()
    reader, writer = socket.socketpair()
    with reader, writer:
        alarm = watchdog.arm(reader, time.monotonic() + 0.2)
        assert reader.recv(10) == b""  # blocked until the shutdown: the peer never writes
        assert alarm.fired
        watchdog.disarm(alarm)
        assert alarm.fired  # disarming a fired alarm changes nothing


def test_a_disarmed_socket_is_left_alone_after_its_deadline() -> None:
    watchdog = SocketWatchdog()
    reader, writer = socket.socketpair()
    with reader, writer:
        alarm = watchdog.arm(reader, time.monotonic() + 0.1)
        watchdog.disarm(alarm)
        time.sleep(0.3)
        writer.sendall(b"still open")
        assert reader.recv(10) == b"still open" and not alarm.fired


def test_an_earlier_deadline_armed_later_fires_first_and_the_thread_stops_when_idle() -> None:
    watchdog = SocketWatchdog()
    pairs = [socket.socketpair() for _ in range(3)]
    try:
        late = watchdog.arm(pairs[0][0], time.monotonic() + 30)  # the thread sleeps towards this one
        soon = watchdog.arm(pairs[1][0], time.monotonic() + 0.1)
        kept = watchdog.arm(pairs[2][0], time.monotonic() + 0.1)
        watchdog.disarm(kept)
        started = time.monotonic()
        assert pairs[1][0].recv(10) == b""
        assert time.monotonic() - started < 10  # not held back until the 30 s deadline
        assert soon.fired and not late.fired and not kept.fired
        watchdog.disarm(late)
        deadline = time.monotonic() + 10
        while _watchdog_threads() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _watchdog_threads(), "nothing armed: no thread left waiting"
        again = watchdog.arm(pairs[0][0], time.monotonic() + 0.1)  # and a new one starts on demand
        assert pairs[0][0].recv(10) == b"" and again.fired
    finally:
        for a, b in pairs:
            a.close()
            b.close()
