"""CPU-bound work over a process pool sized by ``NEWS_ETL_WORKERS``, or inline when small."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
# Below this many items a pool costs more to start (spawning interpreters, importing
# trafilatura) than it saves.
MIN_ITEMS_FOR_POOL = 24


def map_ordered(func: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``map(func, items)`` in input order, over ``workers`` processes when worth it.

    Uses the ``forkserver`` start method: forking a process that holds threads and
    database connections (as an Airflow task does) is not safe.
    """
    batch = list(items)
    if workers <= 1 or len(batch) < MIN_ITEMS_FOR_POOL:
        yield from map(func, batch)
        return
    context = multiprocessing.get_context("forkserver")
    chunksize = max(1, min(32, len(batch) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(func, batch, chunksize=chunksize)
