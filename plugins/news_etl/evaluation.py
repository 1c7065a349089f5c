"""Evaluation of the partnership classifier on labelled articles (``make eval``).

Reads the seed labels and the development set (``seeds/devset/*.jsonl``), classifies
every article, and scores detection (precision, recall, F1), type accuracy (on
detected true partnerships; any type the label accepts counts) and participants
(precision and recall, matching by resolved organisation: a name, an alias the label
gives, or the gazetteer entry either resolves to; organisations the label lists as
acceptable extras are not counted against precision).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from news_etl.classify import (
    CLASSIFIER_VERSION,
    Classification,
    Participant,
    classify_article,
    read_article,
    type_context,
    words_of,
)
from news_etl.config import PROJECT_ROOT
from news_etl.detector import Detector, TypeModel, leave_one_batch_out, train, train_types
from news_etl.orgs import Gazetteer, load_gazetteer, org_key
from news_etl.partnership_types import TYPE_NAMES, type_features
from news_etl.party_model import PartyModel, train_party_model
from news_etl.stories import fingerprint
from news_etl.text_model import RULES_ONLY, TextModel, train_text_model

SEEDS = PROJECT_ROOT / "seeds"
THRESHOLDS_PATH = SEEDS / "devset" / "thresholds.json"
# The detection and type features of real news articles labelled by hand (the articles themselves
# are not ours to publish and stay outside the repository; see ``real_feature_rows``).
REAL_ROWS_PATH = SEEDS / "detector_real_rows.jsonl"
# The hashed headline-and-lead words of real news articles labelled by hand, for the words model
# (``text_rows``; numbers only, as above).
TEXT_ROWS_PATH = SEEDS / "text_real_rows.jsonl"
# Each candidate organisation of real partnerships labelled by hand, for the party model: its features
# and whether it is a party (``party_rows``; numbers only, as above).
PARTY_ROWS_PATH = SEEDS / "party_real_rows.jsonl"
# Leave-one-batch-out figures are those of the rules' parties: the shipped party model saw every batch.
RULES_PARTIES_ONLY = PartyModel(weights={}, bias=0.0)


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """One article with its gold labels."""

    id: str
    split: str
    title: str | None
    text: str
    is_partnership: bool
    types: tuple[str, ...]
    participants: dict[str, tuple[str, ...]]  # gold name -> aliases
    acceptable_extra: tuple[str, ...]
    kind: str | None = None
    roles: dict[str, str] = field(default_factory=dict)  # gold name -> role, where labelled
    countries: dict[str, str] = field(default_factory=dict)  # gold name -> ISO country, where labelled
    batch: str = "seed"  # the batch the article was written in: "1" for the first files, "4" for ``*_4.jsonl``
    url: str | None = None  # where a real article was read (check sets kept outside the repository)


@dataclass(slots=True)
class Scores:
    """Counts behind the figures; ``errors`` lists what went wrong, for reading."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    type_ok: int = 0
    type_total: int = 0
    part_tp: int = 0
    part_fp: int = 0
    part_fn: int = 0
    role_ok: int = 0
    role_total: int = 0
    country_ok: int = 0
    country_total: int = 0
    errors: list[str] = field(default_factory=list)

    def merge(self, other: Scores) -> None:
        """Add another set of counts to these (errors too)."""
        for name in ("tp", "fp", "fn", "tn", "type_ok", "type_total", "part_tp", "part_fp", "part_fn",
                     "role_ok", "role_total", "country_ok", "country_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    def figures(self) -> dict[str, float | int]:
        precision = _ratio(self.tp, self.tp + self.fp)
        recall = _ratio(self.tp, self.tp + self.fn)
        part_p = _ratio(self.part_tp, self.part_tp + self.part_fp)
        part_r = _ratio(self.part_tp, self.part_tp + self.part_fn)
        return {
            "articles": self.tp + self.fp + self.fn + self.tn,
            "detection_precision": precision, "detection_recall": recall,
            "detection_f1": _f1(precision, recall),
            "type_accuracy": _ratio(self.type_ok, self.type_total),
            "participant_precision": part_p, "participant_recall": part_r,
            "participant_f1": _f1(part_p, part_r),
            "role_accuracy": _ratio(self.role_ok, self.role_total),
            "country_accuracy": _ratio(self.country_ok, self.country_total),
        }


def load_labelled(root: Path = SEEDS, only: str | None = None) -> list[LabelledArticle]:
    """The seeds (split ``seed``) and every development-set file, in a stable order.

    ``only`` (a file-name pattern such as ``"*_4.jsonl"``) keeps just the development-set
    files it matches and no seeds: the figures of one batch of articles on its own, for
    example a fresh batch written after the rules were frozen.
    """
    if only is not None:
        return [a for path in sorted((root / "devset").glob(only)) for a in _read_jsonl(path)]
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))
    articles = [
        LabelledArticle(
            id=Path(seed["file"]).stem, split="seed", title=seed.get("title"),
            text=(root / seed["file"]).read_text(encoding="utf-8"), is_partnership=seed["is_partnership"],
            types=tuple(seed["partnership_types"]),
            participants={p: tuple(seed["aliases"].get(p, ())) for p in seed["participants"]},
            acceptable_extra=tuple(seed.get("acceptable_extra", ())), batch="seed",
        )
        for seed in labels["seeds"]
    ]
    for path in sorted((root / "devset").glob("*.jsonl")):
        articles += list(_read_jsonl(path))
    return articles


def load_labelled_files(paths: Iterable[Path]) -> list[LabelledArticle]:
    """Labelled articles from JSONL files in the development set's format, wherever they are.

    For check sets that cannot live in the repository (real news, whose text is not ours to
    publish): scored by the same rules as ``make eval``. Raises ``ValueError`` naming the file
    and line of a line that is no labelled article, and ``OSError`` for a file that cannot be read.
    """
    return [article for path in paths for article in _read_jsonl(path)]


def evaluate(articles: Iterable[LabelledArticle], gazetteer: Gazetteer | None = None,
             detector: Detector | None = None, text_model: TextModel | None = None,
             party_model: PartyModel | None = None) -> dict[str, Scores]:
    """Scores per split and for ``all`` (with the shipped models unless others are given)."""
    gazetteer = gazetteer or load_gazetteer()
    scores: dict[str, Scores] = {"all": Scores()}
    for article in articles:
        verdict = classify_article(article.title, article.text, gazetteer, detector, text_model=text_model,
                                   party_model=party_model)
        for bucket in (scores["all"], scores.setdefault(article.split, Scores())):
            _score(bucket, article, verdict, gazetteer)
    return scores


def batch_of(path: Path) -> str:
    """``partnerships_4.jsonl`` -> ``"4"``; the first files, without a number, are batch ``"1"``."""
    _, _, number = path.stem.rpartition("_")
    return number if number.isdigit() else "1"


def train_detector(articles: Iterable[LabelledArticle], gazetteer: Gazetteer | None = None,
                   real_rows: Iterable[dict[str, Any]] = ()) -> Detector:
    """The detector's weights learned from the ``seed`` and ``dev`` articles (never the holdout)
    and from ``real_rows``, the stored features of real articles (``load_real_rows``)."""
    rows = _feature_rows([a for a in articles if a.split != "holdout"], gazetteer or load_gazetteer())
    real = list(real_rows)
    return train([f for _, f, _ in rows] + [r["features"] for r in real],
                 [y for _, _, y in rows] + [r["is_partnership"] for r in real])


def real_feature_rows(articles: Iterable[LabelledArticle], gazetteer: Gazetteer | None = None
                      ) -> list[dict[str, Any]]:
    """The detection features and label of each real article, and the type features of each of
    its readings with two parties and its preferred type (as ``train_type_model`` reads our own
    partnerships), for ``REAL_ROWS_PATH``.

    Why: our own development set is written by us, and real news it was not tuned to scores about
    ten points lower; real articles labelled by hand teach the models how real news is written.
    Their text cannot be committed, so the repository keeps only what training needs: numbers,
    the labels, the address and the classifier version that read them (features are recomputed
    only where the source files are at hand: ``news-etl train-detector --real FILE...``).
    """
    gazetteer = gazetteer or load_gazetteer()
    articles = list(articles)
    readings: dict[str, list[dict[str, float]]] = {}
    for article, features in _type_rows([a for a in articles if a.types and a.types[0] in TYPE_NAMES], gazetteer):
        readings.setdefault(article.id, []).append(_rounded(features))
    return [{"id": a.id, "url": a.url, "is_partnership": y, "reader": CLASSIFIER_VERSION,
             "features": _rounded(f), "type": a.types[0] if a.id in readings else None,
             "type_features": readings.get(a.id, [])}
            for a, f, y in _feature_rows(articles, gazetteer)]


def text_rows(articles: Iterable[LabelledArticle], gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """What the words model learns from each real article, for ``TEXT_ROWS_PATH``: the buckets of its
    headline's and lead's n-grams (numbers, no text), its label and its rules features (from which the
    current detector's logit is computed at training time), the address and the reader version."""
    return [{"id": a.id, "url": a.url, "is_partnership": a.is_partnership, "reader": CLASSIFIER_VERSION,
             "features": _rounded(features), "buckets": buckets}
            for a, buckets, features in _words_rows(articles, gazetteer or load_gazetteer())]


def train_words(articles: Iterable[LabelledArticle], detector: Detector, gazetteer: Gazetteer | None = None,
                real_text_rows: Iterable[dict[str, Any]] = ()) -> TextModel:
    """The words model learned from the ``seed`` and ``dev`` articles (never the holdout) and the
    stored rows of real articles, with ``detector``'s logits as the rules side of the combination."""
    own = _words_rows([a for a in articles if a.split != "holdout"], gazetteer or load_gazetteer())
    rows = [(buckets, a.is_partnership, detector.logit(features)) for a, buckets, features in own]
    rows += [(r["buckets"], r["is_partnership"], detector.logit(r["features"])) for r in real_text_rows]
    return train_text_model(rows)


def party_rows(articles: Iterable[LabelledArticle], gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """What the party model learns from each real partnership, for ``PARTY_ROWS_PATH``: the features of
    every organisation the rules found in it and whether the label makes it a party (numbers, no
    text; organisations the label accepts as extras are left out), the address and the reader version."""
    gazetteer = gazetteer or load_gazetteer()
    return [{"id": a.id, "url": a.url, "reader": CLASSIFIER_VERSION,
             "candidates": [{"features": _rounded(f), "party": party} for f, party in _candidate_rows(a, gazetteer)]}
            for a in articles if a.is_partnership]


def train_parties(articles: Iterable[LabelledArticle], gazetteer: Gazetteer | None = None,
                  real_party_rows: Iterable[dict[str, Any]] = ()) -> PartyModel:
    """The party model learned from the ``seed`` and ``dev`` partnerships (never the holdout) and the
    stored candidates of real ones."""
    gazetteer = gazetteer or load_gazetteer()
    rows = [row for a in articles if a.split != "holdout" and a.is_partnership for row in _candidate_rows(a, gazetteer)]
    rows += [(c["features"], c["party"]) for r in real_party_rows for c in r["candidates"]]
    return train_party_model(rows)


def _candidate_rows(a: LabelledArticle, gazetteer: Gazetteer) -> list[tuple[dict[str, float], bool]]:
    """Each organisation the rules found in ``a`` with its party-model features and whether it is a
    gold party; the label's acceptable extras are neither."""
    reading = read_article(a.title, a.text, gazetteer)
    gold = set().union(*(_keys([name, *aliases], gazetteer) for name, aliases in a.participants.items()))
    extra = set().union(*(_keys([x], gazetteer) for x in a.acceptable_extra))
    rows = []
    for org, features in zip(reading.orgs, reading.candidates, strict=True):
        keys = _keys([org.name, *org.mentions], gazetteer) | {org.key}
        if keys & gold or not keys & extra:
            rows.append((features, bool(keys & gold)))
    return rows


def _words_rows(articles: Iterable[LabelledArticle], gazetteer: Gazetteer
                ) -> list[tuple[LabelledArticle, list[int], dict[str, float]]]:
    """Each article with the sorted buckets of its headline's and lead's n-grams and its rules features."""
    rows = []
    for a in articles:
        reading = read_article(a.title, a.text, gazetteer)
        rows.append((a, sorted(set(words_of(reading).values())), reading.features))
    return rows


def _rounded(features: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 6) for k, v in sorted(features.items())}


def load_real_rows(path: Path = REAL_ROWS_PATH) -> list[dict[str, Any]]:
    """The stored real-article rows (none when the file is absent)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def merge_real_rows(stored: Iterable[dict[str, Any]], fresh: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stored rows with freshly read ones added: a fresh row replaces the stored row of the same
    article, and the rest are kept, since the sets behind them live outside the repository and may no
    longer be at hand to read again (each row names the reader version that read it)."""
    fresh = list(fresh)
    ids = {r["id"] for r in fresh}
    return [r for r in stored if r["id"] not in ids] + fresh


def train_type_model(articles: Iterable[LabelledArticle], gazetteer: Gazetteer | None = None,
                     exclude_batch: str | None = None, real_rows: Iterable[dict[str, Any]] = ()) -> TypeModel:
    """The type model learned from the ``seed`` and ``dev`` partnerships (never the holdout; not
    ``exclude_batch``), each read twice: with the gazetteer, and with the gazetteer blind to the
    article's own organisations, so that the weights also hold when a party's kind is unknown, as
    it is for most organisations of real news; and from the stored readings of real partnerships
    (``real_rows``). The label is the first (preferred) type."""
    rows = _type_rows([a for a in articles if a.split != "holdout" and a.batch != exclude_batch],
                      gazetteer or load_gazetteer())
    real = [(r["type"], f) for r in real_rows for f in r["type_features"]]
    return train_types([f for _, f in rows] + [f for _, f in real],
                       [a.types[0] for a, _ in rows] + [t for t, _ in real], TYPE_NAMES)


def leave_one_batch_out_types(articles: list[LabelledArticle], gazetteer: Gazetteer | None = None
                              ) -> dict[str, tuple[int, ...]]:
    """Per batch with ``seed``/``dev`` partnerships: (types right, readings) with the gazetteer, then
    the same with it blind to the article's organisations, for a type model trained on the other
    batches. Holdout articles are neither trained on nor scored."""
    gazetteer = gazetteer or load_gazetteer()
    dev = [a for a in articles if a.split != "holdout"]
    rows = _type_rows(dev, gazetteer, pairs=True)
    figures = {}
    for batch in sorted({a.batch for a, _, _ in rows}):
        model = train_types([f for a, f, _ in rows if a.batch != batch],
                            [a.types[0] for a, _, _ in rows if a.batch != batch], TYPE_NAMES)
        held = [(a, f, blind) for a, f, blind in rows if a.batch == batch]
        figures[batch] = tuple(
            count for view in (False, True) for count in (
                sum(model.best(f) in a.types for a, f, blind in held if blind == view),
                sum(1 for _, _, blind in held if blind == view)))
    return figures


def without_own_organisations(gazetteer: Gazetteer, article: LabelledArticle) -> Gazetteer:
    """The gazetteer without the entries of the article's parties and extras: how the article reads
    when its organisations are ones we never listed (the common case in real news)."""
    names = [n for name, aliases in article.participants.items() for n in (name, *aliases)]
    drop = {known.name for n in [*names, *article.acceptable_extra] if (known := gazetteer.lookup(n))}
    blind = Gazetteer(version=f"{gazetteer.version}-without-{article.id}")
    for org in gazetteer.orgs:
        if org.name not in drop:
            blind.add(org)
    return blind


def leave_one_batch_out_scores(articles: list[LabelledArticle], gazetteer: Gazetteer | None = None
                               ) -> dict[str, Scores]:
    """Each batch with ``seed``/``dev`` articles scored by a detector trained on the ``seed``/``dev``
    articles of all the other batches: how the learned weights do on a batch of articles they
    never saw. Batches written wholly as holdout are left to ``news-etl eval --only``, which
    scores them with the shipped weights (never trained on them either)."""
    gazetteer = gazetteer or load_gazetteer()
    rows = _feature_rows([a for a in articles if a.split != "holdout"], gazetteer)
    batches: dict[str, list[tuple[dict[str, float], bool]]] = {a.batch: [] for a, _, _ in rows}
    for article, features, label in rows:
        batches[article.batch].append((features, label))
    models = leave_one_batch_out(batches)
    # The rules alone: the shipped words and party models learned from every batch, the held-out one included.
    return {batch: evaluate([a for a in articles if a.batch == batch], gazetteer, model, RULES_ONLY,
                            RULES_PARTIES_ONLY)["all"]
            for batch, model in sorted(models.items())}


def classification_speed(articles: list[LabelledArticle], repeat: int = 3) -> dict[str, float]:
    """Articles per CPU second of what the classify stage does per article (classification,
    quotes and story fingerprint), in this one process, after one warm-up article.

    CPU time, not wall time, so that the per-core figure does not depend on what else the
    machine is running; the wall-clock rate is given beside it.
    """
    gazetteer = load_gazetteer()
    classify_article(articles[0].title, articles[0].text, gazetteer)
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        for a in articles:
            classify_article(a.title, a.text, gazetteer)
            fingerprint(a.title, a.text)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    count = repeat * len(articles)
    return {"articles": count, "cpu_seconds": round(cpu, 3), "articles_per_cpu_second": round(count / cpu, 1),
            "articles_per_wall_second": round(count / wall, 1)}


def failed_thresholds(figures: dict[str, float | int], thresholds: dict[str, float]) -> list[str]:
    """The figures below their thresholds, as readable lines."""
    return [f"{name} {figures[name]:.3f} < {minimum:.3f}" for name, minimum in thresholds.items()
            if figures[name] < minimum]


def load_thresholds(path: Path = THRESHOLDS_PATH) -> dict[str, float]:
    """Minimum figures for the ``all`` split (``make eval`` fails below them)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


# -- helpers -------------------------------------------------------------------------------

def _score(s: Scores, a: LabelledArticle, v: Classification, gazetteer: Gazetteer) -> None:
    predicted = v.partnerships[0] if v.is_partnership and v.partnerships else None
    if a.is_partnership and predicted:
        s.tp += 1
        s.type_total += 1
        if predicted.partnership_type in a.types:
            s.type_ok += 1
        else:
            s.errors.append(f"{a.id}: type {predicted.partnership_type}, expected {a.types}")
    elif a.is_partnership:
        s.fn += 1
        s.errors.append(f"{a.id}: missed partnership ({v.reason})")
    elif predicted:
        s.fp += 1
        s.errors.append(f"{a.id}: false partnership ({a.kind or 'negative'}; {v.reason})")
    else:
        s.tn += 1
    gold = {name: _keys([name, *aliases], gazetteer) for name, aliases in a.participants.items()}
    extra = set().union(*(_keys([x], gazetteer) for x in a.acceptable_extra)) if a.acceptable_extra else set()
    found: set[str] = set()
    for p in predicted.participants if predicted else ():
        keys = _keys([p.name, *p.mentions], gazetteer) | {p.key}
        match = next((name for name, gold_keys in gold.items() if keys & gold_keys), None)
        if match:
            found.add(match)
            _score_attributes(s, a, match, p)
        elif not keys & extra:
            s.part_fp += 1
            s.errors.append(f"{a.id}: extra participant {p.name!r}")
    s.part_tp += len(found)
    s.part_fn += len(gold) - len(found)
    s.errors += [f"{a.id}: missing participant {name!r}" for name in gold if name not in found]


def _score_attributes(s: Scores, a: LabelledArticle, gold_name: str, p: Participant) -> None:
    """Role and country of a matched participant, where the label gives them."""
    if gold_name in a.roles:
        s.role_total += 1
        s.role_ok += p.role == a.roles[gold_name]
        if p.role != a.roles[gold_name]:
            s.errors.append(f"{a.id}: role of {gold_name!r} {p.role}, expected {a.roles[gold_name]}")
    if gold_name in a.countries:
        s.country_total += 1
        s.country_ok += p.country == a.countries[gold_name]
        if p.country != a.countries[gold_name]:
            s.errors.append(f"{a.id}: country of {gold_name!r} {p.country}, expected {a.countries[gold_name]}")


def _keys(names: Iterable[str], gazetteer: Gazetteer) -> set[str]:
    keys = set()
    for name in names:
        keys.add(org_key(name))
        known = gazetteer.lookup(name)
        if known:
            keys.add(org_key(known.name))
    return keys


def _read_jsonl(path: Path) -> Iterator[LabelledArticle]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not isinstance(item, dict):
            raise ValueError(f"{path}:{number}: not a labelled article (a JSON object)")
        try:
            yield LabelledArticle(
                id=item["id"], split=item.get("split", "dev"), title=item.get("title"), text=item["text"],
                is_partnership=bool(item["is_partnership"]), types=tuple(item.get("partnership_types", ())),
                participants={p: tuple(item.get("aliases", {}).get(p, ())) for p in item.get("participants", ())},
                acceptable_extra=tuple(item.get("acceptable_extra", ())), kind=item.get("negative_kind"),
                roles=dict(item.get("roles") or {}), countries=dict(item.get("countries") or {}),
                batch=batch_of(path), url=item.get("url"),
            )
        except KeyError as exc:
            raise ValueError(f"{path}:{number}: missing key {exc}") from None


def _feature_rows(articles: Iterable[LabelledArticle], gazetteer: Gazetteer
                  ) -> list[tuple[LabelledArticle, dict[str, float], bool]]:
    return [(a, read_article(a.title, a.text, gazetteer).features, a.is_partnership) for a in articles]


def _type_rows(articles: Iterable[LabelledArticle], gazetteer: Gazetteer, pairs: bool = False) -> list:
    """(article, type features[, read blind]) of each partnership with two or more parties found,
    read with the gazetteer and with it blind to the article's own organisations."""
    rows = []
    for article in articles:
        if not article.is_partnership:
            continue
        for blind in (False, True):
            reading = read_article(article.title, article.text,
                                   without_own_organisations(gazetteer, article) if blind else gazetteer)
            if len(reading.participants) >= 2:
                features = type_features(reading.sentences[0], type_context(reading), reading.participants)
                rows.append((article, features, blind) if pairs else (article, features))
    return rows


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
