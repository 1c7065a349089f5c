"""One thread that enforces the time budgets of many blocking socket reads.

Per-read timeouts cannot stop a server that trickles its answer a byte at a time, so a
fetch's whole budget is enforced from outside: when it is spent, the fetch's socket is
shut down, which wakes the blocked reader. A timer thread per request did this at the
cost of starting and joining a thread for every page (a day of 3,000 loopback pages
took 30-32 CPU seconds with those, 29-30 with this); one watchdog thread with a heap of
deadlines does it for every fetch in flight, and stops when none is.
"""

from __future__ import annotations

import heapq
import itertools
import socket
import threading
import time


class Alarm:
    """One armed deadline. ``fired`` is set before the socket is shut down, so a reader woken
    by the shutdown sees it; after ``SocketWatchdog.disarm`` it no longer changes."""

    __slots__ = ("sock", "fired", "cancelled")

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.fired = False
        self.cancelled = False


class SocketWatchdog:
    """Shuts down each armed socket whose deadline (``time.monotonic()``) passes before it is disarmed."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Alarm]] = []
        self._order = itertools.count()  # ties on a deadline never compare two alarms
        self._live = 0
        self._running = False

    def arm(self, sock: socket.socket, deadline: float) -> Alarm:
        """Watch ``sock`` until ``deadline``; the caller must ``disarm`` the alarm when done with it."""
        alarm = Alarm(sock)
        with self._cond:
            heapq.heappush(self._heap, (deadline, next(self._order), alarm))
            self._live += 1
            if not self._running:
                self._running = True
                threading.Thread(target=self._run, name="fetch watchdog", daemon=True).start()
            elif self._heap[0][2] is alarm:
                self._cond.notify()  # the thread sleeps until a later deadline: wake it for this one
        return alarm

    def disarm(self, alarm: Alarm) -> None:
        """Stop watching. On return the alarm has either fired completely (its socket is shut
        down) or never will, so the socket can be reused or closed safely."""
        with self._cond:
            if not alarm.fired and not alarm.cancelled:
                alarm.cancelled = True
                self._live -= 1
                if not self._live:
                    self._cond.notify()  # let the thread end now, not at the last deadline it sleeps towards

    def _run(self) -> None:
        with self._cond:
            while self._live:
                deadline, _, alarm = self._heap[0]
                if alarm.cancelled:
                    heapq.heappop(self._heap)
                    continue
                wait = deadline - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
                self._live -= 1
                alarm.fired = True
                try:
                    alarm.sock.shutdown(socket.SHUT_RDWR)  # closing alone does not wake a reader
                except OSError:
                    pass  # already closed: nothing left to interrupt
            self._heap.clear()  # only disarmed alarms are left
            self._running = False
