"""CPU-bound work over a process pool sized by ``NEWS_ETL_WORKERS``, or inline when small.

Items stream through: at most a few chunks per worker are in flight, so a caller can
feed a day's pages from the warehouse (or a folder of files) without ever holding
them all in memory, and results come back in input order as soon as they are ready.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from functools import partial
from itertools import chain, islice
from multiprocessing import forkserver
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
# Below this many items a pool costs more to start (spawning interpreters, importing
# trafilatura) than it saves.
MIN_ITEMS_FOR_POOL = 24
# Items per task: amortises the pickling round trip without making the tail uneven.
CHUNK = 4
# Tasks queued per worker: enough to keep every core busy, few enough to bound memory.
TASKS_PER_WORKER = 4


def map_ordered(func: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``map(func, items)`` in input order, over ``workers`` processes when worth it.

    ``items`` is consumed lazily: at most ``workers * TASKS_PER_WORKER * CHUNK`` items
    (and their results) are held at once. ``func`` must be a module-level function.
    Uses the ``forkserver`` start method: forking a process that holds threads and
    database connections (as an Airflow task does) is not safe. The fork server imports
    ``func``'s module once, so workers do not each import it (a second pool in the same
    process forks from the same server).
    """
    iterator = iter(items)
    head = list(islice(iterator, MIN_ITEMS_FOR_POOL))
    if workers <= 1 or len(head) < MIN_ITEMS_FOR_POOL:
        yield from map(func, chain(head, iterator))
        return
    context = _context(func.__module__)
    chunks = chunked(chain(head, iterator), CHUNK)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for results in bounded_map(pool, partial(_apply, func), chunks, workers * TASKS_PER_WORKER):
            yield from results


def start_workers_server(module: str) -> None:
    """Start the process that forks the pool workers now, with ``module`` imported.

    Workers then start with their code (trafilatura, the classifier) already loaded
    instead of importing it each, and a caller that will need a pool soon (the fetch
    stage, before its pages arrive) hides the import behind its own waiting.
    """
    _context(module)
    forkserver.ensure_running()


def _context(module: str) -> multiprocessing.context.BaseContext:
    """The ``forkserver`` context, its server importing ``module`` when it starts (once per process).

    Workers for code outside ``__main__`` also start without re-running the parent's
    main script, which multiprocessing does by default: under Airflow that script is
    Airflow's command line, and importing it cost every worker ~70 MiB and seconds of CPU.
    """
    context = _LibraryWorkersContext() if module != "__main__" else multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([module])
    return context


class _LibraryWorker(multiprocessing.context.ForkServerProcess):
    """A forkserver worker whose start leaves the parent's ``__main__`` out of what it prepares."""

    def start(self) -> None:
        main = sys.modules["__main__"]
        saved = {name: main.__dict__[name] for name in ("__file__", "__spec__") if name in main.__dict__}
        main.__dict__.pop("__file__", None)
        main.__spec__ = None  # spawn.get_preparation_data: no main module name, no main path
        try:
            super().start()
        finally:
            main.__dict__.pop("__spec__", None)
            main.__dict__.update(saved)


class _LibraryWorkersContext(multiprocessing.context.ForkServerContext):
    """The ``forkserver`` context with ``_LibraryWorker`` processes."""

    Process = _LibraryWorker


def bounded_map(executor: Executor, func: Callable[[T], R], items: Iterable[T], window: int) -> Iterator[R]:
    """``executor.map(func, items)`` with at most ``window`` tasks in flight.

    ``Executor.map`` submits every item at once and keeps every result until it is
    read; this reads ``items`` lazily and never holds more than ``window`` results,
    so a slow consumer (a database write) bounds memory instead of the input's size.
    """
    in_flight: deque[Future[R]] = deque()
    for item in items:
        in_flight.append(executor.submit(func, item))
        if len(in_flight) >= window:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


def _apply(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
