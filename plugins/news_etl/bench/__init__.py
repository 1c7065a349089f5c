"""``make bench``: extraction quality and pipeline throughput, ours beside the peers, in one run.

``run_bench`` writes ``report.json`` (every figure) and ``report.md`` (the tables) to
the output folder; ``missing_figures`` lists what a report lacks (``make bench-smoke``
fails on it, never on a timing). Modules: ``extraction`` (the article-extraction
benchmark), ``site`` (the synthetic news site), ``throughput`` (pipeline runs, peers,
ceiling, memory), ``report`` (the tables).
"""

from news_etl.bench.report import missing_figures, run_bench

__all__ = ["missing_figures", "run_bench"]
