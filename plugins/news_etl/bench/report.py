"""Run every benchmark of ``make bench`` and write ``report.json`` and ``report.md``."""

from __future__ import annotations

import json
import math
import os
import platform
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from news_etl.bench.extraction import load_benchmark, run_extraction_benchmark
from news_etl.bench.site import serve_synthetic_site
from news_etl.bench.throughput import (
    STAGES,
    clean_work_dir,
    run_ceiling,
    run_pipeline,
    run_trafilatura_feed,
)

FEEDS = 5
MODES = ("cli", "dag")
Log = Callable[[str], None]


def run_bench(out_dir: Path, sizes: list[int], benchmark_dir: Path, *, bench_limit: int | None = None,
              workers: int | None = None, latency_s: float = 0.005, timeout_s: float = 3600,
              log: Log = print) -> dict[str, Any]:
    """Every figure of the report, measured in this run, written to ``out_dir``."""
    workers = workers or os.cpu_count() or 1
    out_dir.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(sys.argv),
        "machine": {"cpus": os.cpu_count(), "workers": workers, "python": platform.python_version(),
                    "trafilatura": version("trafilatura"), "load_average": list(os.getloadavg())},
        "settings": {"NEWS_ETL_HOST_DELAY_S": 0, "NEWS_ETL_HOST_CONCURRENCY": 16, "NEWS_ETL_FETCH_CONCURRENCY": 16,
                     "NEWS_ETL_MAX_PAGES_PER_FEED": "N", "NEWS_ETL_WORKERS": workers, "feeds": FEEDS,
                     "latency_s_per_request": latency_s,
                     "trafilatura_config": "shipped settings.cfg with SLEEP_TIME = 0, SSRF_PROTECTION = off"},
    }
    pages = load_benchmark(benchmark_dir, bench_limit)
    log(f"extraction: {len(pages)} benchmark pages x 3 extractors")
    report["extraction"] = {"pages": len(pages), "benchmark_dir": str(benchmark_dir),
                            "results": run_extraction_benchmark(pages)}
    del pages
    day = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    report["throughput"] = {}
    for n in sizes:
        work = clean_work_dir(out_dir / "work" / str(n))
        with serve_synthetic_site(n, FEEDS, day, latency_s) as site:
            row: dict[str, Any] = {"site": {"pages": n, "feeds": FEEDS, "base_url": site.base_url}}
            for mode in MODES:
                log(f"N={n}: pipeline through the {mode}")
                row[mode] = run_pipeline(mode, site, work, workers, timeout_s)
            log(f"N={n}: trafilatura --feed")
            row["trafilatura_feed"] = run_trafilatura_feed(site, work, workers, timeout_s)
            log(f"N={n}: extraction-only ceiling")
            row["ceiling"] = run_ceiling(site, workers)
            row["site"]["requests"] = site.requests
        row["ratios"] = _ratios(row)
        report["throughput"][str(n)] = row
    report["growth"] = _growth(report["throughput"])
    report["goals"] = _goals(report)
    (out_dir / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (out_dir / "report.md").write_text(render_markdown(report), encoding="utf-8")
    return report


def missing_figures(report: dict[str, Any]) -> list[str]:
    """The figures a complete report must hold and this one lacks (what ``bench-smoke`` checks)."""
    missing = []
    for name in ("news_etl", "trafilatura_default", "trafilatura_precision"):
        result = report.get("extraction", {}).get("results", {}).get(name, {})
        missing += [f"extraction.{name}.{key}" for key in ("pages_per_s", "pages_per_cpu_s") if not result.get(key)]
        missing += [f"extraction.{name}.all.{key}" for key in ("f1", "precision", "recall")
                    if result.get("all", {}).get(key) is None]
    if not report.get("throughput"):
        missing.append("throughput")
    for n, row in report.get("throughput", {}).items():
        for mode in MODES:
            run = row.get(mode, {})
            if run.get("exit_code") != 0:
                missing.append(f"throughput.{n}.{mode}.exit_code (was {run.get('exit_code')})")
            if not run.get("articles"):
                missing.append(f"throughput.{n}.{mode}.articles")
            missing += [f"throughput.{n}.{mode}.stages.{stage}" for stage in STAGES
                        if not (run.get("stages", {}).get(stage) or {}).get("articles_per_s")]
            missing += [f"throughput.{n}.{mode}.{key}" for key in ("articles_per_s", "peak_rss_mib_max_process")
                        if not run.get(key)]
            if mode == "dag" and not run.get("airflow_dag_run_s"):
                missing.append(f"throughput.{n}.dag.airflow_dag_run_s")
        if not row.get("trafilatura_feed", {}).get("articles"):
            missing.append(f"throughput.{n}.trafilatura_feed.articles")
        if not row.get("ceiling", {}).get("pages_per_s"):
            missing.append(f"throughput.{n}.ceiling.pages_per_s")
        missing += [f"throughput.{n}.ratios.{key}" for key, value in row.get("ratios", {}).items() if value is None]
    return missing


def _ratios(row: dict[str, Any]) -> dict[str, float | None]:
    """Ours against the ceiling (pipeline rate / extraction-only rate) and against
    trafilatura's feed mode (end-to-end rate / its end-to-end rate: both include startup)."""
    ceiling = row["ceiling"].get("pages_per_s")
    peer = row["trafilatura_feed"].get("articles_per_s")
    ratios: dict[str, float | None] = {}
    for mode in MODES:
        run = row[mode]
        wall_rate = run["articles"] / run["wall_s"] if run.get("wall_s") and run.get("articles") else None
        ratios[f"{mode}_vs_ceiling"] = _div(run.get("articles_per_s"), ceiling)
        ratios[f"{mode}_vs_trafilatura_feed"] = _div(wall_rate, peer)
        # The same per CPU-second (whole process trees; the ceiling counts only extraction): what the
        # run costs, whatever else the machine was doing.
        ratios[f"{mode}_vs_ceiling_cpu"] = _div(run.get("articles_per_cpu_s"), row["ceiling"].get("pages_per_cpu_s"))
        ratios[f"{mode}_vs_trafilatura_feed_cpu"] = _div(run.get("articles_per_cpu_s"),
                                                         row["trafilatura_feed"].get("articles_per_cpu_s"))
    return ratios


def _growth(throughput: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """How each stage's time grows with N: the exponent k in time ~ N^k between the two
    largest sizes (1 is linear; above 1 grows faster than the work)."""
    sizes = sorted(int(n) for n in throughput)
    if len(sizes) < 2:
        return {}
    small, large = str(sizes[-2]), str(sizes[-1])
    growth: dict[str, dict[str, float | None]] = {}
    for mode in MODES:
        a, b = throughput[small][mode], throughput[large][mode]
        pairs = {stage: ((a["stages"].get(stage) or {}).get("seconds"), (b["stages"].get(stage) or {}).get("seconds"))
                 for stage in STAGES}
        pairs["overall"] = (a.get("pipeline_s"), b.get("pipeline_s"))
        pairs["peak_rss_max_process"] = (a.get("peak_rss_mib_max_process"), b.get("peak_rss_mib_max_process"))
        growth[mode] = {k: (round(math.log(y / x) / math.log(int(large) / int(small)), 2) if x and y else None)
                        for k, (x, y) in pairs.items()}
        growth[mode]["between"] = f"N={small} and N={large}"  # type: ignore[assignment]
    return growth


def _goals(report: dict[str, Any]) -> dict[str, Any]:
    ours = report["extraction"]["results"]["news_etl"]
    plain = report["extraction"]["results"]["trafilatura_default"]
    goals: dict[str, Any] = {
        "extraction_f1_at_least_0.970": ours["all"]["f1"] >= 0.970,
        "extraction_not_slower_than_trafilatura_default (wall and CPU)": (
            ours["pages_per_s"] >= plain["pages_per_s"] and ours["pages_per_cpu_s"] >= plain["pages_per_cpu_s"]),
    }
    largest = max(report["throughput"], key=int, default=None)
    if largest:
        row = report["throughput"][largest]
        goals[f"N={largest}: pipeline_at_least_70pct_of_ceiling"] = all(
            (row["ratios"][f"{m}_vs_ceiling"] or 0) >= 0.7 for m in MODES)
        goals[f"N={largest}: ahead_of_trafilatura_feed"] = all(
            (row["ratios"][f"{m}_vs_trafilatura_feed"] or 0) > 1 for m in MODES)
        goals[f"N={largest}: peak_rss_under_1GiB"] = all(
            (row[m].get("peak_rss_mib_max_process") or 0) < 1024 for m in MODES)
    return goals


def render_markdown(report: dict[str, Any]) -> str:
    """The report's tables, for people."""
    lines = [f"# Benchmark report ({report['generated_at']})", "",
             f"Command: `{report['command']}`  ", f"Machine: {report['machine']}  ",
             f"Settings: {report['settings']}", "", "## Extraction (article-extraction benchmark)", "",
             f"{report['extraction']['pages']} pages; `tune` = the two thirds the cleanup rules were chosen on, "
             "`check` = the other third. Single core; the extractors take turns page by page. pages/CPU-s counts "
             "only the CPU time the benchmark got (steadier on a shared machine).", "",
             "| extractor | F1 | precision | recall | F1 tune | F1 check | pages/s | pages/CPU-s "
             "| speed vs trafilatura default (CPU) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    results = report["extraction"]["results"]
    base = results["trafilatura_default"]["pages_per_cpu_s"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['all']['f1']:.4f} | {r['all']['precision']:.4f} | {r['all']['recall']:.4f} | "
                     f"{_fmt(r.get('tune', {}).get('f1'))} | {_fmt(r.get('check', {}).get('f1'))} | "
                     f"{r['pages_per_s']:.1f} | {_fmt(r['pages_per_cpu_s'], 1)} | "
                     f"{_fmt(_div(r['pages_per_cpu_s'], base), 2)}x |")
    lines += ["", "## Pipeline throughput (synthetic site over loopback HTTP)", "",
              "Articles/s per stage = articles of the run / the stage's duration (from the warehouse's own "
              "records). `pipeline s` = first stage to publish; `wall s` adds interpreter and Airflow start-up "
              "(`airflow db migrate`, DAG parsing) around it; `Airflow run s` is the DAG run as Airflow's "
              "metadata records it (first task's start to last task's end), without `dags test`'s own "
              "start-up and shutdown: shown beside the wall time, which the ratios use. The stages overlap: "
              "`fetch` extracts and classifies each page as it arrives, so its figure covers fetch, extraction "
              "and classification; `extract` and `classify` do only what is left (pages not extracted, "
              "articles without a verdict) and `classify` assigns the batch's stories.", "",
              "| N | mode | articles | wall s | Airflow run s | pipeline s | overall art/s | CPU s | art/CPU-s | "
              + " | ".join(STAGES) + " | peak RSS max process MiB | peak RSS tree MiB |",
              "| --- " * (11 + len(STAGES)) + "|"]
    for n, row in report["throughput"].items():
        for mode in MODES:
            run = row[mode]
            stage_cells = " | ".join(_fmt((run["stages"].get(s) or {}).get("articles_per_s"), 1) for s in STAGES)
            lines.append(f"| {n} | {mode} | {run['articles']} | {run['wall_s']} | "
                         f"{_fmt(run.get('airflow_dag_run_s'), 2)} | {run['pipeline_s']} | "
                         f"{_fmt(run['articles_per_s'], 1)} | {_fmt(run.get('cpu_s'), 1)} | "
                         f"{_fmt(run.get('articles_per_cpu_s'), 1)} | {stage_cells} | "
                         f"{run['peak_rss_mib_max_process']} | {run['peak_rss_mib_tree']} |")
    lines += ["", "## Peers and ceiling", "",
              "| N | trafilatura --feed art/s (wall) | its art/CPU-s | its peak RSS MiB | ceiling pages/s "
              "(extraction only, in memory, all cores) | ceiling pages/CPU-s | cli / ceiling | dag / ceiling "
              "| cli / trafilatura feed | dag / trafilatura feed |",
              "| --- " * 10 + "|"]
    for n, row in report["throughput"].items():
        t, c, r = row["trafilatura_feed"], row["ceiling"], row["ratios"]
        lines.append(f"| {n} | {_fmt(t['articles_per_s'], 1)} ({t['articles']} articles) | "
                     f"{_fmt(t.get('articles_per_cpu_s'), 1)} | {t['peak_rss_mib_max_process']} | "
                     f"{_fmt(c['pages_per_s'], 1)} | {_fmt(c.get('pages_per_cpu_s'), 1)} | "
                     + " | ".join(f"{_fmt(r.get(f'{m}_vs_{peer}'))} (CPU {_fmt(r.get(f'{m}_vs_{peer}_cpu'))})"
                                  for peer in ("ceiling", "trafilatura_feed") for m in MODES) + " |")
    lines += ["", "Ratios: wall-clock rates (pipeline s for ours vs the ceiling; wall s for ours vs trafilatura), "
              "and in brackets the same per CPU-second of the whole process tree (the ceiling counts only "
              "extraction)."]
    if report.get("growth"):
        lines += ["", "## Growth with N (time ~ N^k; 1 = linear)", "",
                  "| mode | between | " + " | ".join(STAGES) + " | overall | peak RSS |",
                  "| --- " * (4 + len(STAGES)) + "|"]
        for mode, g in report["growth"].items():
            lines.append(f"| {mode} | {g['between']} | " + " | ".join(_fmt(g.get(s), 2) for s in STAGES)
                         + f" | {_fmt(g.get('overall'), 2)} | {_fmt(g.get('peak_rss_max_process'), 2)} |")
    largest = max(report["throughput"], key=int, default=None)
    if largest:
        lines += ["", f"## Peak RSS of every process at N={largest}", "", "| run | process | peak RSS MiB |",
                  "| --- | --- | --- |"]
        row = report["throughput"][largest]
        for run_name in (*MODES, "trafilatura_feed"):
            for proc in row[run_name]["processes"]:
                lines.append(f"| {run_name} | {proc['process']} | {proc['peak_rss_mib']} |")
    lines += ["", "## Goals", "", *[f"- {name}: {'met' if ok else 'NOT met'}" for name, ok in report["goals"].items()],
              ""]
    return "\n".join(lines)


def _div(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def _fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"
