"""``news-etl``: the command line for people (and ``make``).

Commands:
  airflow-run   run one day through Airflow (``airflow dags test``), with progress and a summary
  demo          the same, offline, against the seed fixtures served on loopback
  run           every stage in this process, without Airflow (debugging)
  summary       the latest (or a given) batch's summary
  extract       extraction only, same code path as the DAG, as JSON lines
  eval          score the classifier on the labelled articles (make eval)
  train-detector  learn the detector's, words model's and type model's weights; leave-one-batch-out figures
  bench         extraction quality and pipeline throughput beside the peers (make bench)
  migrate       create or upgrade the warehouse schema in place
  data-dictionary  write docs/data_dictionary.md from the schema
  grant-bi-reader  PostgreSQL: the read-only role for BI tools (marts only)
  bench-warehouse  load throughput and quality-gate time on synthetic articles (scratch databases)

Errors a user can fix (bad settings, unreadable feeds file, unreachable warehouse)
print one line and exit 2; they never end in a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from news_etl.config import SettingsError, load_settings

LOGGER = logging.getLogger("news_etl")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``news-etl`` console script; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args) or 0)
    except (SettingsError, FileNotFoundError, ValueError) as exc:
        print(f"news-etl: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        from news_etl.warehouse import storage_problem

        problem = storage_problem(load_settings().warehouse_url)
        print(f"news-etl: warehouse error: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
              + (f" ({problem})" if problem else ""), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("news-etl: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="news-etl", description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def day(value: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None

    p = sub.add_parser("airflow-run", help="run one day through Airflow and print the summary")
    p.add_argument("--date", type=day, default=None, help="logical day (default: today, UTC)")
    p.set_defaults(handler=_cmd_airflow_run)

    p = sub.add_parser("demo", help="offline run against the seed fixtures on loopback HTTP")
    p.add_argument("--date", type=day, default=None)
    p.add_argument("--direct", action="store_true", help="run the stages in-process instead of via Airflow")
    p.add_argument("--port", type=int, default=int(os.environ.get("NEWS_ETL_DEMO_PORT", "8765")))
    p.set_defaults(handler=_cmd_demo)

    p = sub.add_parser("run", help="run every stage in this process (no Airflow)")
    p.add_argument("--date", type=day, default=None)
    p.add_argument("--backfill", action="store_true", help="a past day: take only the entries dated on it")
    p.add_argument("--refetch", action="store_true", help="download the day's pages again")
    p.set_defaults(handler=_cmd_run)

    p = sub.add_parser("summary", help="print a batch's summary (default: the latest)")
    p.add_argument("--date", type=day, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_summary)

    p = sub.add_parser("extract", help="extract articles from HTML files (.html, .html.gz) or folders")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.set_defaults(handler=_cmd_extract)

    p = sub.add_parser("bench", help="benchmarks: extraction quality, pipeline throughput, peers (make bench)")
    p.add_argument("--sizes", default="100,1000,10000", help="synthetic site sizes, comma-separated")
    p.add_argument("--smoke", action="store_true", help="N=100 and a few benchmark pages: checks every figure")
    p.add_argument("--out", type=Path, default=Path("build/bench"), help="where report.md/report.json go")
    p.add_argument("--latency", type=float, default=0.005, help="seconds the synthetic site waits per request")
    p.set_defaults(handler=_cmd_bench)

    p = sub.add_parser("airflow-standalone", help="Airflow standalone with the UI on localhost:8080")
    p.set_defaults(handler=_cmd_airflow_standalone)

    p = sub.add_parser("eval", help="score the partnership classifier on the labelled articles")
    p.add_argument("--errors", action="store_true", help="list every wrong decision")
    p.add_argument("--json", action="store_true")
    p.add_argument("--only", metavar="PATTERN",
                   help="score only the seeds/devset files matching PATTERN (e.g. '*_4.jsonl'); no thresholds")
    p.add_argument("--labelled", metavar="FILE", nargs="+", type=Path,
                   help="score labelled JSONL files kept outside the repository instead (the devset's format, "
                        "e.g. a real-news check set); no thresholds")
    p.set_defaults(handler=_cmd_eval)

    p = sub.add_parser("train-detector", help="learn seeds/detector.json, seeds/text_model.json, "
                                               "seeds/party_model.json and seeds/type_model.json from the "
                                               "seed/dev articles and stored real rows")
    p.add_argument("--write", action="store_true", help="write the models (else only print figures)")
    p.add_argument("--real", nargs="+", type=Path, metavar="FILE",
                   help="real labelled articles (JSONL kept outside the repository): read their features now "
                        "and, with --write, add them to seeds/detector_real_rows.jsonl, replacing the stored "
                        "rows of the same articles (else the stored rows alone)")
    p.add_argument("--words", nargs="+", type=Path, metavar="FILE",
                   help="real labelled articles for the words model: with --write, add the hashed words of "
                        "their headline and lead (numbers, no text) to seeds/text_real_rows.jsonl, replacing "
                        "the stored rows of the same articles")
    p.add_argument("--parties", nargs="+", type=Path, metavar="FILE",
                   help="real labelled articles for the party model: with --write, add the features of "
                        "every organisation of their partnerships and whether it is a party (numbers, no text) "
                        "to seeds/party_real_rows.jsonl, replacing the stored rows of the same articles")
    p.set_defaults(handler=_cmd_train_detector)

    p = sub.add_parser("reclassify", help="classify stored articles again, then load, validate, publish (no fetching)")
    p.add_argument("--since", type=day, default=None, help="first batch day (default: the oldest)")
    p.add_argument("--until", type=day, default=None, help="last batch day (default: the newest)")
    p.set_defaults(handler=_cmd_reclassify)

    p = sub.add_parser("data-dictionary", help="write docs/data_dictionary.md from the schema")
    p.add_argument("--check", action="store_true", help="only check that the file is current")
    p.set_defaults(handler=_cmd_data_dictionary)

    p = sub.add_parser("grant-bi-reader", help="PostgreSQL: create the read-only role bi_reader for BI tools")
    p.set_defaults(handler=_cmd_grant_bi_reader)

    p = sub.add_parser("migrate", help="create or upgrade the warehouse schema (and marts) in place")
    p.set_defaults(handler=_cmd_migrate)

    p = sub.add_parser("bench-warehouse", help="load and validation speed on synthetic articles, in scratch databases")
    p.add_argument("--articles", type=int, default=10_000, help="articles in the synthetic batch")
    p.add_argument("--dialect", action="append", choices=["sqlite", "postgresql"],
                   help="repeat for both (default: sqlite and postgresql)")
    p.add_argument("--pg-admin-url", default=os.environ.get(
        "NEWS_ETL_BENCH_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
        help="server where a scratch database is created and dropped")
    p.add_argument("--no-validate", action="store_true", help="skip the quality gate")
    p.add_argument("--output", type=Path, default=None, help="also write the figures as JSON here")
    p.set_defaults(handler=_cmd_bench_warehouse)
    return parser


# -- commands ------------------------------------------------------------------------------

def _cmd_run(args: argparse.Namespace) -> int:
    from news_etl.pipeline import Batch, run_once

    settings = load_settings()
    day = args.date or datetime.now(UTC).date()
    batch = Batch.for_day(day, f"cli__{day.isoformat()}", backfill=getattr(args, "backfill", False))
    summary = run_once(settings, batch, _progress_printer(), refetch=getattr(args, "refetch", False))
    print(format_summary(summary))
    return 0 if summary.get("status") == "published" else 1


def _cmd_airflow_run(args: argparse.Namespace) -> int:
    from news_etl.airflow_runner import run_day_through_airflow

    settings = load_settings()
    day = args.date or datetime.now(UTC).date()
    ok, summary = run_day_through_airflow(settings, day, progress=_progress_printer())
    print(format_summary(summary) if summary else "No summary: the run did not start a batch.")
    return 0 if ok else 1


def _cmd_demo(args: argparse.Namespace) -> int:
    from news_etl import warehouse as wh
    from news_etl.fixture_site import serve_fixture_site, write_demo_catalogue

    settings = load_settings()
    with serve_fixture_site(port=args.port) as site:
        feeds = write_demo_catalogue(site, settings.data_dir / "demo" / "feeds.yaml")
        os.environ["NEWS_ETL_FEEDS"] = str(feeds)
        os.environ.setdefault("NEWS_ETL_WAREHOUSE_URL", f"sqlite:///{settings.data_dir / 'demo.db'}")
        allow = {h for h in os.environ.get("NEWS_ETL_ALLOW_HOSTS", "").split(",") if h} | {"127.0.0.1"}
        os.environ["NEWS_ETL_ALLOW_HOSTS"] = ",".join(sorted(allow))
        os.environ["NEWS_ETL_HOST_DELAY_S"] = "0"
        warehouse = wh.mask_url(os.environ["NEWS_ETL_WAREHOUSE_URL"])
        print(f"Serving the seed fixtures at {site.base_url}; warehouse {warehouse}")
        return _cmd_run(args) if args.direct else _cmd_airflow_run(args)


def _cmd_summary(args: argparse.Namespace) -> int:
    from news_etl import warehouse as wh
    from news_etl.pipeline import batch_summary

    settings = load_settings()
    engine = wh.make_engine(settings.warehouse_url)
    try:
        wh.ensure_schema(engine)
        summary = batch_summary(engine, args.date.isoformat() if args.date else None)
    finally:
        engine.dispose()
    if not summary:
        print(f"No run recorded in {wh.mask_url(settings.warehouse_url)}" +
              (f" for {args.date}" if args.date else ""))
        return 1
    print(json.dumps(summary, indent=2, default=str) if args.json else format_summary(summary))
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from news_etl.extract_files import extract_files

    settings = load_settings()
    failures = 0
    for record in extract_files(args.paths, settings.workers):
        failures += "error" in record
        sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
    return 0 if failures == 0 else 1


def _cmd_bench(args: argparse.Namespace) -> int:
    from news_etl.bench import missing_figures, run_bench
    from news_etl.config import PROJECT_ROOT

    benchmark_dir = Path(os.environ.get("NEWS_ETL_BENCHMARK_DIR")
                         or PROJECT_ROOT.parent / "shared" / "benchmarks" / "article-extraction")
    try:
        sizes = [100] if args.smoke else [int(n) for n in args.sizes.split(",") if n.strip()]
    except ValueError:
        raise ValueError(f"--sizes must be numbers separated by commas, not {args.sizes!r}") from None
    out = args.out if args.out.is_absolute() else PROJECT_ROOT / args.out
    report = run_bench(out, sizes, benchmark_dir, bench_limit=3 if args.smoke else None,
                       latency_s=args.latency, log=lambda line: print(line, file=sys.stderr, flush=True))
    print(f"wrote {out / 'report.md'} and {out / 'report.json'}")
    missing = missing_figures(report)
    for figure in missing:
        print(f"missing figure: {figure}", file=sys.stderr)
    return 1 if missing else 0


def _cmd_airflow_standalone(args: argparse.Namespace) -> int:
    from news_etl.airflow_runner import airflow_command, airflow_env

    env = airflow_env()
    # A local, single-user UI: every visitor is admin. Never use this setting when exposed.
    env.setdefault("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS", "True")
    env.setdefault("AIRFLOW__API__PORT", "8080")
    print(f"Airflow home {env['AIRFLOW_HOME']}; UI on http://localhost:{env['AIRFLOW__API__PORT']}")
    os.execvpe(airflow_command("standalone")[0], airflow_command("standalone"), env)
    return 0  # not reached


def _cmd_eval(args: argparse.Namespace) -> int:
    from news_etl.evaluation import (
        classification_speed,
        evaluate,
        failed_thresholds,
        load_labelled,
        load_labelled_files,
        load_thresholds,
    )

    if args.labelled:
        try:
            articles = load_labelled_files(args.labelled)
        except (OSError, ValueError) as exc:
            print(f"cannot read the labelled articles: {exc}", file=sys.stderr)
            return 2
        if not articles:
            print("the labelled files hold no articles", file=sys.stderr)
            return 2
    else:
        articles = load_labelled(only=args.only)
        if not articles:
            print(f"no labelled articles match {args.only!r} in seeds/devset/", file=sys.stderr)
            return 2
    scores = evaluate(articles)
    figures = {split: s.figures() for split, s in scores.items()}
    speed = classification_speed(articles)
    if args.json:
        print(json.dumps({**figures, "speed": speed}, indent=2))
    else:
        names = list(figures["all"])
        short = {"articles": "n", "detection_precision": "det P", "detection_recall": "det R",
                 "detection_f1": "det F1", "type_accuracy": "type acc", "participant_precision": "part P",
                 "participant_recall": "part R", "participant_f1": "part F1",
                 "role_accuracy": "role acc", "country_accuracy": "ctry acc"}
        print(f"{'split':<9}" + "".join(f"{short.get(n, n):>12}" for n in names))
        for split, row in sorted(figures.items()):
            print(f"{split:<9}" + "".join(f"{row[n]:>12.3f}" if isinstance(row[n], float) else f"{row[n]:>12}"
                                          for n in names))
        print(f"speed: {speed['articles_per_cpu_second']:.1f} articles per CPU second in one process "
              f"({speed['articles']} articles in {speed['cpu_seconds']:.2f} s CPU; "
              f"{speed['articles_per_wall_second']:.1f}/s wall clock)")
    if args.errors:  # never the holdout's: rules are tuned on what is printed here
        print("\n".join(e for split, s in sorted(scores.items()) if split not in ("all", "holdout")
                        for e in s.errors))
    # Thresholds hold for the whole labelled set, not for one batch of it nor for other sets.
    failures = [] if args.only or args.labelled else failed_thresholds(figures["all"], load_thresholds())
    for line in failures:
        print(f"below threshold: {line}", file=sys.stderr)
    return 1 if failures else 0


def _cmd_train_detector(args: argparse.Namespace) -> int:
    from news_etl.detector import DETECTOR_PATH, TYPE_MODEL_PATH
    from news_etl.evaluation import (
        PARTY_ROWS_PATH,
        REAL_ROWS_PATH,
        TEXT_ROWS_PATH,
        Scores,
        leave_one_batch_out_scores,
        leave_one_batch_out_types,
        load_labelled,
        load_labelled_files,
        load_real_rows,
        merge_real_rows,
        party_rows,
        real_feature_rows,
        text_rows,
        train_detector,
        train_parties,
        train_type_model,
        train_words,
    )
    from news_etl.party_model import PARTY_MODEL_PATH
    from news_etl.text_model import TEXT_MODEL_PATH

    def row(batch: str, scores: Scores) -> None:
        f = scores.figures()
        print(f"{batch:<9}{f['articles']:>6}" + "".join(f"{f[k]:>9.3f}" for k in (
            "detection_precision", "detection_recall", "detection_f1",
            "participant_precision", "participant_recall", "participant_f1")))

    articles = load_labelled()
    # The real articles first: a bad file is reported before minutes of leave-one-batch-out training.
    stored = load_real_rows()
    real = merge_real_rows(stored, real_feature_rows(load_labelled_files(args.real))) if args.real else stored
    words_rows = load_real_rows(TEXT_ROWS_PATH)
    if args.words:
        words_rows = merge_real_rows(words_rows, text_rows(load_labelled_files(args.words)))
    parties_rows = load_real_rows(PARTY_ROWS_PATH)
    if args.parties:
        parties_rows = merge_real_rows(parties_rows, party_rows(load_labelled_files(args.parties)))
    readers = sorted({r["reader"] for r in real})
    print(f"real articles: {len(real)} rows ({sum(r['is_partnership'] for r in real)} partnerships), "
          f"read by {', '.join(readers) or '-'}")
    print("leave-one-batch-out: each batch scored by weights learned from the others' seed/dev articles")
    print(f"{'batch':<9}{'n':>6}{'det P':>9}{'det R':>9}{'det F1':>9}{'part P':>9}{'part R':>9}{'part F1':>9}")
    totals = Scores()
    for batch, scores in leave_one_batch_out_scores(articles).items():
        totals.merge(scores)
        row(batch, scores)
    row("all", totals)
    print("type accuracy, leave-one-batch-out: the type model trained on the other batches' seed/dev partnerships,")
    print("reading each with the gazetteer and with it blind to the article's own organisations")
    print(f"{'batch':<9}{'n':>6}{'known':>9}{'blind':>9}")
    sums = [0, 0, 0, 0]
    for batch, counts in leave_one_batch_out_types(articles).items():
        sums = [a + b for a, b in zip(sums, counts, strict=True)]
        print(f"{batch:<9}{counts[1]:>6}{_ratio(counts[0], counts[1]):>9.3f}{_ratio(counts[2], counts[3]):>9.3f}")
    print(f"{'all':<9}{sums[1]:>6}{_ratio(sums[0], sums[1]):>9.3f}{_ratio(sums[2], sums[3]):>9.3f}")
    detector, type_model = train_detector(articles, real_rows=real), train_type_model(articles, real_rows=real)
    words = train_words(articles, detector, real_text_rows=words_rows)
    print(f"words model: {words.trained_on} articles ({len(words_rows)} real), combined logit = "
          f"{words.rules:.2f} x rules + {words.words:.2f} x words {words.offset:+.2f}")
    parties = train_parties(articles, real_party_rows=parties_rows)
    print(f"party model: {parties.trained_on} candidate organisations ({len(parties_rows)} real partnerships)")
    if args.write:
        if args.real:
            REAL_ROWS_PATH.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in real), encoding="utf-8")
        if args.words:
            TEXT_ROWS_PATH.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in words_rows),
                                      encoding="utf-8")
        if args.parties:
            PARTY_ROWS_PATH.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in parties_rows),
                                       encoding="utf-8")
        DETECTOR_PATH.write_text(detector.to_json(), encoding="utf-8")
        TEXT_MODEL_PATH.write_text(words.to_json(), encoding="utf-8")
        PARTY_MODEL_PATH.write_text(parties.to_json(), encoding="utf-8")
        TYPE_MODEL_PATH.write_text(type_model.to_json(), encoding="utf-8")
        print(f"wrote {DETECTOR_PATH} ({detector.trained_on} articles), {TEXT_MODEL_PATH} ({words.trained_on} "
              f"articles), {PARTY_MODEL_PATH} ({parties.trained_on} candidates) and {TYPE_MODEL_PATH} "
              f"({type_model.trained_on} readings)")
    else:
        print(detector.to_json(), end="")
        print(type_model.to_json(), end="")
    return 0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _cmd_reclassify(args: argparse.Namespace) -> int:
    from news_etl.pipeline import QualityGateError, finished_batches, reclassify_batch

    settings = load_settings()
    batches = finished_batches(settings, args.since, args.until)
    if not batches:
        print("no finished batches in that range: nothing to reclassify")
        return 0
    run_id = f"reclassify__{datetime.now(UTC):%Y-%m-%dT%H:%M:%S}"
    failed = 0
    for batch_id in batches:
        try:
            done = reclassify_batch(settings, batch_id, run_id)
        except QualityGateError as exc:
            failed += 1
            print(f"{batch_id}: quality gate failed, batch left unpublished: {exc}", file=sys.stderr)
            continue
        print(f"{batch_id}: {done['articles']} articles classified by {done['classifier_version']}, "
              f"{done['partnerships']} partnerships, {done['status']}")
    return 1 if failed else 0


def _cmd_data_dictionary(args: argparse.Namespace) -> int:
    from news_etl.config import PROJECT_ROOT
    from news_etl.data_dictionary import render

    path = PROJECT_ROOT / "docs" / "data_dictionary.md"
    text = render()
    if args.check:
        current = path.exists() and path.read_text(encoding="utf-8") == text
        if not current:
            print(f"{path} is out of date: run `news-etl data-dictionary`", file=sys.stderr)
        return 0 if current else 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def _cmd_grant_bi_reader(args: argparse.Namespace) -> int:
    from news_etl import warehouse as wh

    password = os.environ.get("NEWS_ETL_BI_READER_PASSWORD")
    if not password:
        raise SettingsError("set NEWS_ETL_BI_READER_PASSWORD to the password BI tools will use")
    settings = load_settings()
    engine = wh.make_engine(settings.warehouse_url)
    try:
        marts = wh.grant_bi_reader(engine, password)
    finally:
        engine.dispose()
    print(f"bi_reader may read {', '.join(marts)} in {wh.mask_url(settings.warehouse_url)}")
    return 0


def _cmd_migrate(args: argparse.Namespace) -> int:
    from news_etl import warehouse as wh
    from news_etl.schema_migrations import current_version

    settings = load_settings()
    engine = wh.make_engine(settings.warehouse_url)
    try:
        wh.ensure_schema(engine)
        with engine.connect() as conn:
            version = current_version(conn)
    finally:
        engine.dispose()
    print(f"Warehouse {wh.mask_url(settings.warehouse_url)} is at schema version {version}")
    return 0


def _cmd_bench_warehouse(args: argparse.Namespace) -> int:
    from news_etl.warehouse_bench import format_results, run_warehouse_bench, scratch_warehouse

    results = []
    for dialect in args.dialect or ["sqlite", "postgresql"]:
        with scratch_warehouse(dialect, args.pg_admin_url) as url:
            results.append(run_warehouse_bench(url, args.articles, validate=not args.no_validate))
    print(format_results(results))
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps([r.as_dict() for r in results], indent=2), encoding="utf-8")
    return 0 if all(r.idempotent and r.validation_passed is not False for r in results) else 1


# -- output --------------------------------------------------------------------------------

def format_summary(summary: dict[str, Any]) -> str:
    """The human summary printed after a run."""
    if not summary:
        return "No run recorded."
    lines = [
        f"Batch {summary['batch_id']}: {summary['status'].upper()}",
        f"  feeds polled      {summary['feeds_polled']} ({summary['feeds_failed']} failed)",
        f"  pages fetched     {summary['pages_fetched']} ({summary['pages_failed']} failed)",
        f"  articles stored   {summary['articles_new']} new ({summary['articles_total']} in the warehouse)",
        f"  partnerships      {summary['partnerships']} this batch ({summary['partnerships_total']} in all)",
        f"  validation        {summary['expectations_passed']} expectations passed, "
        f"{summary['expectations_failed']} failed",
    ]
    if summary.get("message"):
        lines.append(f"  reason            {summary['message']}")
    failures = summary.get("feed_failures") or []
    if failures and len(failures) == summary["feeds_polled"]:
        lines.append("  Every feed failed: is the network reachable? Reasons per feed:")
    elif failures:
        lines.append("  Failed feeds:")
    lines += [f"    - {f['feed']}: {f['error'][:160]}" for f in failures]
    return "\n".join(lines)


def _progress_printer():
    """Per-stage progress lines on a terminal; silent when output is piped."""
    if not sys.stderr.isatty():
        return None

    def report(stage: str, counts: dict[str, Any]) -> None:
        detail = ", ".join(f"{k} {v}" for k, v in counts.items())
        print(f"  ✓ {stage:<12} {detail}", file=sys.stderr, flush=True)

    return report


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
