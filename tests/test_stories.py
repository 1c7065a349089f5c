"""Story clusters: copies and rewrites of one announcement share a story id; others do not.

The texts are written for this test: one press release, as three outlets might carry it,
and a second release from the same company that shares only its "About" paragraph.
"""

from __future__ import annotations

import random

import pytest
from news_etl.stories import (
    CANDIDATE_BUDGET,
    NUM_HASHES,
    POSTING_CAP,
    SIMILARITY_THRESHOLD,
    _band_values,
    _Members,
    assign_stories,
    decode,
    encode,
    fingerprint,
    similarity,
)

ABOUT = (
    "\n\nAbout Brightwell Health Systems\nBrightwell builds clinical workflow software used by more than 300 "
    "hospitals in North America and Europe. The company is based in Raleigh, North Carolina, and employs "
    "about 900 people."
)
RELEASE = (
    "Lakeshore Regional Health has signed a five-year agreement with Brightwell Health Systems to deploy "
    "Brightwell's nurse scheduling and staffing platform across its six hospitals in western Michigan. "
    "The system will replace spreadsheets and a legacy scheduling tool that nurse managers said took hours "
    "each week to maintain. Rollout begins in the spring at the flagship hospital in Muskegon. "
    "\"Our nurses told us scheduling was the most frustrating part of their week outside patient care,\" said "
    "Dana Whitaker, chief nursing officer at Lakeshore Regional Health. \"This gives them control over their "
    "shifts from their phones.\" Brightwell chief executive Tom Alvarez said the deal was the company's "
    "largest in the Midwest. Financial terms were not disclosed." + ABOUT
)
COPY = "Press release. " + RELEASE + " Contact: media relations, Lakeshore Regional Health."
SYNDICATED = (
    "Lakeshore Regional Health has signed a five-year agreement with Brightwell Health Systems to deploy "
    "Brightwell's nurse scheduling and staffing platform across its six hospitals in western Michigan. "
    "The system will replace spreadsheets and a legacy scheduling tool that nurse managers said took hours "
    "each week to maintain. \"Our nurses told us scheduling was the most frustrating part of their week "
    "outside patient care,\" said Dana Whitaker, chief nursing officer at Lakeshore Regional Health. "
    "Financial terms were not disclosed."
)
REWRITE = (
    "A west Michigan health system is moving nurse scheduling off spreadsheets. Lakeshore Regional Health "
    "signed a five-year agreement with Brightwell Health Systems to deploy Brightwell's nurse scheduling and "
    "staffing platform across its six hospitals, starting with its Muskegon flagship in the spring. "
    "\"Our nurses told us scheduling was the most frustrating part of their week outside patient care,\" "
    "Dana Whitaker, the system's chief nursing officer, said in the announcement. Brightwell, which is based "
    "in Raleigh, called it the company's largest deal in the Midwest. Staffing tools have become a crowded "
    "market as hospitals try to cut spending on agency nurses."
)
OTHER_RELEASE = (
    "Harbor Point Medical Center has chosen Brightwell Health Systems for operating room scheduling at its "
    "campus in Portland, Maine. The software will coordinate surgeons' block time, anaesthesia staffing and "
    "equipment so that theatres run closer to capacity. Go-live is planned for the autumn. \"We lose too "
    "many theatre hours to last-minute changes,\" said Harbor Point's chief operating officer, Lena Ortiz."
    + ABOUT
)
UNRELATED = (
    "The state health department has published new rules on how hospitals must report bed capacity "
    "during respiratory virus season, requiring daily submissions through a web portal from December."
)


@pytest.mark.parametrize(("text", "low", "high"), [
    (COPY, 0.85, 1.00),         # verbatim copy with different chrome
    (SYNDICATED, 0.60, 1.00),   # trimmed syndicated copy
    (REWRITE, SIMILARITY_THRESHOLD, 0.60),  # rewrite that keeps the quote and key sentence
    (OTHER_RELEASE, 0.0, 0.10),  # same company, different announcement, shared "About" paragraph
    (UNRELATED, 0.0, 0.05),
])
def test_similarity_bands_that_justify_the_threshold(text: str, low: float, high: float) -> None:
    score = similarity(fingerprint("Lakeshore picks Brightwell", RELEASE), fingerprint(None, text))
    assert low <= score <= high, score


def test_copies_and_rewrites_share_one_story_and_other_news_does_not() -> None:
    new = [(name, fingerprint(None, text)) for name, text in
           [("release", RELEASE), ("copy", COPY), ("syndicated", SYNDICATED), ("rewrite", REWRITE),
            ("other", OTHER_RELEASE), ("unrelated", UNRELATED)]]
    stories = {a.article_id: a.story_id for a in assign_stories(new, [])}
    assert {stories[k] for k in ("release", "copy", "syndicated", "rewrite")} == {"release"}
    assert stories["other"] == "other" and stories["unrelated"] == "unrelated"


def test_assignment_is_deterministic_and_joins_known_stories() -> None:
    known = [("old-copy", "story-1", fingerprint(None, COPY))]
    first = assign_stories([("release", fingerprint(None, RELEASE))], known)
    again = assign_stories([("release", fingerprint(None, RELEASE))], known)
    assert first == again and first[0].story_id == "story-1" and first[0].similarity >= SIMILARITY_THRESHOLD


def test_signature_round_trips_through_storage() -> None:
    signature = fingerprint("t", RELEASE)
    assert decode(encode(signature)) == signature and len(encode(signature)) == 520


def test_assignment_follows_the_pairwise_rule_on_many_look_alike_articles() -> None:
    """The vectorised assignment against its definition, one pair at a time: the most similar
    earlier article sharing a hash value (ties to the lowest id) above the threshold gives the
    story, where an article shares a value only if it is among the first ``POSTING_CAP`` with it,
    and candidates come from the rarest values first until ``CANDIDATE_BUDGET`` are gathered."""
    rng = random.Random(7)

    def signature() -> tuple[int, ...]:  # few distinct hash values: many candidates, many ties
        return (*(rng.randint(0, 6) for _ in range(NUM_HASHES)), rng.randint(1, 400))

    known = [(f"k{i}", f"story-{i % 5}", signature()) for i in range(40)]
    new = [(f"a{rng.randint(0, 300)}", signature()) for _ in range(300)]
    members = [(a, s, sig) for a, s, sig in known]
    holders: dict[tuple[int, int], list[int]] = {}  # (position, value) -> first members holding it

    def index(row: int) -> None:
        for position, value in enumerate(members[row][2][:-1]):
            rows = holders.setdefault((position, value), [])
            if len(rows) < POSTING_CAP:
                rows.append(row)

    for row in range(len(members)):
        index(row)
    expected = []
    for article_id, sig in new:
        rows: set[int] = set()
        for held in sorted((h for p, v in enumerate(sig[:-1]) if (h := holders.get((p, v)))), key=len):
            rows.update(held)
            if len(rows) >= CANDIDATE_BUDGET:
                break
        scored = sorted((-similarity(sig, members[row][2]), members[row][0], members[row][1]) for row in rows
                        if members[row][0] != article_id)
        story, score = (scored[0][2], -scored[0][0]) if scored and -scored[0][0] >= SIMILARITY_THRESHOLD \
            else (article_id, 1.0)
        expected.append((article_id, story, score))
        members.append((article_id, story, sig))
        index(len(members) - 1)
    assert [(a.article_id, a.story_id, a.similarity) for a in assign_stories(new, known)] == expected
    assert len({story for _, story, _ in expected}) < len(expected), "the test must exercise joins"


def test_stock_phrases_shared_by_many_articles_neither_hide_copies_nor_grow_the_work() -> None:
    """Hundreds of different stories share a template's hash values (as a stock phrase would make
    them): a copy of the last of them still joins its story, and each value's index entry stays
    at ``POSTING_CAP`` articles, so the work per article does not grow with the day."""
    rng = random.Random(11)
    shared = 8  # an eighth of every signature: containment about 0.22, below the threshold
    template = [rng.randrange(1 << 30) for _ in range(shared)]

    def story() -> tuple[int, ...]:
        return (*template, *(rng.randrange(1 << 30) for _ in range(NUM_HASHES - shared)), 300)

    stories = [(f"s{i:03d}", story()) for i in range(400)]
    last_id, last = stories[-1]
    copy = (*last[:NUM_HASHES - 4], *(rng.randrange(1 << 30) for _ in range(4)), 300)
    assigned = assign_stories([*stories, ("copy", copy)], [])
    assert [a.story_id for a in assigned[:-1]] == [article_id for article_id, _ in stories]
    assert assigned[-1].story_id == last_id
    members = _Members()
    for article_id, signature in stories:
        members.add(article_id, article_id, signature, _band_values(signature))
    assert max(len(rows) for band in members.bands for rows in band.values()) == POSTING_CAP
