"""The Great Expectations gate: suites declared once, validated in the database.

Suites are built as code (``gxe.Expect...`` objects) in an ephemeral GX context and
run against query assets scoped to the batch, so the checks execute as SQL in the
warehouse and no table is pulled into pandas. Each expectation carries a severity:
``critical`` failures block publishing, ``warning`` failures are recorded only.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import great_expectations as gx
import great_expectations.expectations as gxe
from great_expectations.data_context.types.base import ProgressBarsConfig
from sqlalchemy import text
from sqlalchemy.engine import Engine

from news_etl.warehouse import OLDEST_PLAUSIBLE, PARTNERSHIP_TYPES, ROLES

LOGGER = logging.getLogger(__name__)
# GX logs every metric at INFO; in a task log that buries the gate's own verdict.
logging.getLogger("great_expectations").setLevel(logging.WARNING)
LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "no", "fi", "he", "ar", "ja", "zh"]
URL_REGEX = r"^https?://[^\s/?#]+[^\s]*$"
MIN_VOLUME_BASELINE = 5  # mean articles per day below which the volume check stays off
VOLUME_FLOOR = 0.2  # a day with fewer than this share of the recent mean is flagged


@dataclass(frozen=True, slots=True)
class ExpectationResult:
    """One expectation's outcome, as stored in ``dq_validation_result``."""

    suite: str
    expectation: str
    severity: str
    success: bool
    observed_value: Any
    unexpected_count: int | None


@dataclass(slots=True)
class GateOutcome:
    """All results of one batch's validation."""

    results: list[ExpectationResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(r.success for r in self.results if r.severity == "critical")

    def failed(self, severity: str = "critical") -> list[ExpectationResult]:
        return [r for r in self.results if not r.success and r.severity == severity]

    def failure_message(self) -> str:
        parts = [
            f"{r.suite}: {r.expectation} ({r.unexpected_count if r.unexpected_count is not None else '?'}"
            " unexpected)"
            for r in self.failed()
        ]
        return "quality gate failed: " + "; ".join(parts)

    def counts(self) -> dict[str, int]:
        return {
            "expectations": len(self.results),
            "failed_critical": len(self.failed("critical")),
            "failed_warning": len(self.failed("warning")),
        }

    def rows(self, batch_id: str) -> list[dict[str, Any]]:
        now = datetime.now(UTC)
        return [
            {
                "batch_id": batch_id, "suite": r.suite, "expectation": r.expectation[:300],
                "severity": r.severity, "success": r.success,
                "observed_value": None if r.observed_value is None else json.dumps(r.observed_value,
                                                                                   default=str)[:2000],
                "unexpected_count": r.unexpected_count, "validated_at": now,
            }
            for r in self.results
        ]


def suites(batch_id: str, as_of: datetime, recent_daily_articles: float | None = None
           ) -> dict[str, tuple[str, list[Any]]]:
    """Suite name -> (query defining the batch's rows, expectations). Declared once, here.

    ``recent_daily_articles`` (the mean of the last published batches) arms the volume
    check: a day with under a fifth of the usual articles is flagged, so a silent feed
    outage shows up even though every row is valid.
    """
    b = batch_id.replace("'", "''")
    latest = (as_of + timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S")
    crit, warn = "critical", "warning"
    return {
        "article": (
            f"SELECT * FROM article WHERE batch_id = '{b}'",  # noqa: S608 - batch id is quoted, not user SQL
            [
                *[gxe.ExpectColumnValuesToNotBeNull(column=c, severity=crit)
                  for c in ("article_id", "url", "canonical_url", "source_id", "title", "body_text",
                            "content_hash", "first_seen_at")],
                *[gxe.ExpectColumnValuesToBeUnique(column=c, severity=crit)
                  for c in ("article_id", "url", "canonical_url")],
                *[gxe.ExpectColumnValuesToMatchRegex(column=c, regex=URL_REGEX, severity=crit)
                  for c in ("url", "canonical_url")],
                gxe.ExpectColumnValuesToBeBetween(column="word_count", min_value=40, max_value=50000,
                                                  severity=crit),
                gxe.ExpectColumnValueLengthsToBeBetween(column="body_text", min_value=200,
                                                        max_value=400_000, severity=warn),
                gxe.ExpectColumnValuesToBeInSet(column="language", value_set=LANGUAGES, severity=warn),
                gxe.UnexpectedRowsExpectation(
                    description="no other stored article has the same URL",
                    unexpected_rows_query=(
                        "SELECT * FROM {batch} WHERE url IN "
                        "(SELECT url FROM article GROUP BY url HAVING count(*) > 1)"
                    ),
                    severity=crit,
                ),
                *_volume_check(recent_daily_articles, warn),
                gxe.UnexpectedRowsExpectation(
                    description="published_at is neither in the future nor absurdly old",
                    unexpected_rows_query=(
                        f"SELECT * FROM {{batch}} WHERE published_at > '{latest}' "  # noqa: S608 - our literals
                        f"OR published_at < '{OLDEST_PLAUSIBLE:%Y-%m-%d %H:%M:%S}'"
                    ),
                    severity=crit,
                ),
            ],
        ),
        "partnership": (
            f"SELECT * FROM partnership WHERE batch_id = '{b}'",  # noqa: S608
            [
                *[gxe.ExpectColumnValuesToNotBeNull(column=c, severity=crit)
                  for c in ("partnership_id", "article_id", "partnership_type", "confidence", "evidence")],
                gxe.ExpectColumnValuesToBeUnique(column="partnership_id", severity=crit),
                gxe.ExpectColumnValuesToBeInSet(column="partnership_type", value_set=list(PARTNERSHIP_TYPES),
                                                severity=crit),
                gxe.ExpectColumnValuesToBeBetween(column="confidence", min_value=0, max_value=1,
                                                  severity=crit),
                gxe.UnexpectedRowsExpectation(
                    description="every partnership has at least two participants",
                    unexpected_rows_query=(
                        "SELECT * FROM {batch} WHERE partnership_id NOT IN (SELECT partnership_id "
                        "FROM partnership_participant GROUP BY partnership_id HAVING count(*) >= 2)"
                    ),
                    severity=crit,
                ),
                gxe.UnexpectedRowsExpectation(
                    description="every partnership belongs to a stored article",
                    unexpected_rows_query=(
                        "SELECT * FROM {batch} WHERE article_id NOT IN (SELECT article_id FROM article)"
                    ),
                    severity=crit,
                ),
            ],
        ),
        "partnership_participant": (
            "SELECT pp.* FROM partnership_participant pp JOIN partnership p "  # noqa: S608
            f"ON p.partnership_id = pp.partnership_id WHERE p.batch_id = '{b}'",
            [
                gxe.ExpectColumnValuesToNotBeNull(column="org_id", severity=crit),
                gxe.ExpectColumnValuesToBeInSet(column="role", value_set=list(ROLES), severity=crit),
                gxe.UnexpectedRowsExpectation(
                    description="every participant is a stored organisation",
                    unexpected_rows_query=(
                        "SELECT * FROM {batch} WHERE org_id NOT IN (SELECT org_id FROM organization)"
                    ),
                    severity=crit,
                ),
            ],
        ),
        "article_story": (
            f"SELECT * FROM article_story WHERE batch_id = '{b}'",  # noqa: S608
            [
                gxe.ExpectColumnValuesToNotBeNull(column="story_id", severity=crit),
                gxe.ExpectColumnValuesToBeBetween(column="similarity", min_value=0, max_value=1, severity=crit),
                gxe.UnexpectedRowsExpectation(
                    description="every story is named after a stored article",
                    unexpected_rows_query=(
                        "SELECT * FROM {batch} WHERE story_id NOT IN (SELECT article_id FROM article)"
                    ),
                    severity=crit,
                ),
            ],
        ),
        "quote": (
            f"SELECT * FROM quote WHERE batch_id = '{b}'",  # noqa: S608
            [
                gxe.ExpectColumnValueLengthsToBeBetween(column="quote_text", min_value=1, severity=crit),
                gxe.UnexpectedRowsExpectation(
                    description="every quote has its speaker in person",
                    unexpected_rows_query=(
                        "SELECT * FROM {batch} WHERE person_id NOT IN (SELECT person_id FROM person)"
                    ),
                    severity=crit,
                ),
            ],
        ),
        "organization": (
            "SELECT * FROM organization",
            [
                gxe.ExpectColumnValuesToBeUnique(column="org_id", severity=crit),
                gxe.ExpectColumnValuesToNotBeNull(column="name", severity=crit),
                gxe.ExpectColumnValuesToBeInSet(column="org_type", value_set=list(ROLES), severity=crit),
                gxe.ExpectColumnValuesToMatchRegex(column="country_code", regex=r"^[A-Z]{2}$", severity=warn),
            ],
        ),
    }


def _volume_check(recent_daily_articles: float | None, severity: str) -> list[Any]:
    if not recent_daily_articles or recent_daily_articles < MIN_VOLUME_BASELINE:
        return []  # too little history to call a quiet day an outage
    return [gxe.ExpectTableRowCountToBeBetween(min_value=math.ceil(recent_daily_articles * VOLUME_FLOOR),
                                               severity=severity)]


def recent_daily_articles(engine: Engine, batch_id: str, days: int = 7) -> float | None:
    """Mean article count of the last ``days`` published batches before ``batch_id``."""
    with engine.connect() as conn:
        counts = conn.execute(text(
            "SELECT count(a.article_id) FROM pipeline_run r LEFT JOIN article a ON a.batch_id = r.batch_id "
            "WHERE r.status = 'published' AND r.batch_id < :b GROUP BY r.batch_id "
            "ORDER BY r.batch_id DESC LIMIT :n"
        ), {"b": batch_id, "n": days}).scalars().all()
    return sum(counts) / len(counts) if counts else None


def run_quality_gate(
    engine: Engine, url: str, batch_id: str, as_of: datetime, docs_dir: Path | None = None
) -> GateOutcome:
    """Validate the batch's rows in the warehouse at ``url``; returns every expectation's outcome."""
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    dialect = engine.dialect.name
    if dialect == "sqlite":
        source = context.data_sources.add_sqlite(name="warehouse", connection_string=url)
    elif dialect == "postgresql":
        source = context.data_sources.add_postgres(name="warehouse", connection_string=url)
    else:
        source = context.data_sources.add_sql(name="warehouse", connection_string=url)
    outcome = GateOutcome()
    baseline = recent_daily_articles(engine, batch_id)
    for suite_name, (query, expectations) in suites(batch_id, as_of, baseline).items():
        batch_definition = source.add_query_asset(name=suite_name, query=query) \
            .add_batch_definition_whole_table("batch")
        suite = context.suites.add(gx.ExpectationSuite(name=suite_name, expectations=expectations))
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=suite_name, data=batch_definition, suite=suite))
        result = definition.run(result_format="SUMMARY")
        for item in result.results:
            config = item.expectation_config
            error = _error(item)
            if error:
                LOGGER.error("expectation %s could not run: %s", _describe(config), error)
            outcome.results.append(ExpectationResult(
                suite=suite_name,
                expectation=_describe(config),
                severity=config.severity.value,
                success=bool(item.success),
                observed_value=item.result.get("observed_value"),
                unexpected_count=_unexpected(item),
            ))
    if docs_dir is not None:
        _build_docs(context, docs_dir)
    LOGGER.info("quality gate for %s: %s", batch_id, outcome.counts())
    return outcome


def _error(item: Any) -> str | None:
    """The message of an expectation that raised instead of evaluating (bad SQL, missing column)."""
    info = item.exception_info or {}
    if "raised_exception" in info:
        return info.get("exception_message") if info.get("raised_exception") else None
    messages = [v.exception_message for v in info.values() if getattr(v, "raised_exception", False)]
    return "; ".join(messages) or None


def _describe(config: Any) -> str:
    kwargs = config.kwargs
    target = kwargs.get("column") or config.description or ""
    return f"{config.type}({target})"


def _unexpected(item: Any) -> int | None:
    if item.result.get("unexpected_count") is not None:
        return int(item.result["unexpected_count"])
    observed = item.result.get("observed_value")
    if item.expectation_config.type == "unexpected_rows_expectation" and isinstance(observed, int):
        return observed
    return None


def _build_docs(context: Any, docs_dir: Path) -> None:
    docs_dir.mkdir(parents=True, exist_ok=True)
    context.add_data_docs_site(site_name="news_etl", site_config={
        "class_name": "SiteBuilder",
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
    })
    context.build_data_docs(site_names=["news_etl"])
