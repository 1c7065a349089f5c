"""The process pool streams its input and keeps the order."""

from __future__ import annotations

from news_etl.parallel import CHUNK, MIN_ITEMS_FOR_POOL, TASKS_PER_WORKER, chunked, map_ordered


def test_results_come_back_in_order_from_the_pool_and_inline():
    words = [f"w{'x' * (i % 7)}" for i in range(200)]
    assert list(map_ordered(len, words, workers=2)) == [len(w) for w in words]
    assert list(map_ordered(len, words[:5], workers=2)) == [len(w) for w in words[:5]]


def test_input_is_read_lazily_a_bounded_window_ahead():
    consumed = 0

    def source():
        nonlocal consumed
        for i in range(10_000):
            consumed += 1
            yield str(i)

    results = map_ordered(len, source(), workers=2)
    assert next(results) == 1
    window = max(MIN_ITEMS_FOR_POOL, 2 * TASKS_PER_WORKER * CHUNK) + CHUNK
    assert consumed <= window, consumed
    results.close()


def test_chunked_reads_any_iterable():
    assert list(chunked(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
