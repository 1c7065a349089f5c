"""Partnership classification: is the story announcing a partnership, of what type, between whom.

An explainable rule model. Each decision rests on sentences it can quote:

* **detection**: partnership cues ("signed an agreement with", "teaming up",
  "memorandum of understanding", "joins ... network") in the headline and lead,
  against hard-negative cues (acquisitions, terminations, cyberattacks, funding
  rounds, appointments, go-lives, surveys) that announce something else (the cue
  tables are in ``cues``), weighed by a learned model (``detector.Detector``);
* **participants**: the organisations named in the announcing sentences, plus
  the vendor behind a product the lead says will be deployed;
* **type**: keyword evidence for each of the five types and the kinds of organisations
  taking part, weighed by a learned model (``partnership_types``, ``detector.TypeModel``).

Pure functions of text and the gazetteer: no I/O, no models to download.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from news_etl.cues import PAST_DEAL, POSITIVE, RELATION, negative_score, positive_score
from news_etl.detector import Detector, TypeModel, load_detector, load_type_model, sigmoid
from news_etl.entities import (
    OWNER_WORDS,
    OrgRef,
    acronym_after_name,
    find_organizations,
    place_descriptions,
    profile_country,
    profiled_names,
)
from news_etl.orgs import Gazetteer, load_gazetteer
from news_etl.partnership_types import type_features
from news_etl.party_model import PartyModel, candidate_features, load_party_model
from news_etl.party_slots import COLLECTIVE_SUBJECT, DATELINE, announced_parties
from news_etl.places import leading_dateline
from news_etl.quotes import Quote, find_quotes
from news_etl.roundups import (
    MAX_ITEMS,
    PROSE_ROUNDUP_DEALS,
    ROUNDUP_ITEMS,
    counted_list_intro,
    item_spans,
    join_party_lists,
    list_intro,
    list_items,
    separate_deals,
)
from news_etl.text_model import TextModel, load_text_model, text_ngrams

CLASSIFIER_VERSION = "hybrid-4.4"
LEAD_SENTENCES = 4
WINDOW = LEAD_SENTENCES + 4  # headline and the first sentences: where an announcement's parties are
# How many of a story's first paragraphs may open with a dateline (after a date line, a kicker and
# a release's bullet points).
DATELINE_PARAGRAPHS = 6
MIN_SENTENCE_WORDS = 6
PARTY_SENTENCE_EARLY = 2  # the headline is sentence 0: parties named up to the second sentence are early

_DEAL_EVENT = re.compile(
    r"\b(signed|inked|agreed|formed|joined|selected|awarded|partnered|teamed up|renewed|extended)\b[^.]{0,80}"
    r"\b(agreement|contract|deal|partnership|alliance|collaboration|memorandum|MoU|network|consortium|"
    r"joint venture|with)\b", re.I)
MAX_OTHER_PARTNERSHIPS = 3
# A subject that describes a company before the story names it: "A German health services company has".
_DESCRIBED_FIRST = re.compile(r"(?:An?|One) (?:[\w-]+ ){0,4}?(?i:company|firm|start-?up|supplier|vendor|provider|"
                              r"developer|maker|group|giant|specialist) (?:has|have|is|was|will|on \w+)\b")
# (also after a participle's clause and with an amount: "Bringing together X and Y, the £500,000 partnership")
_SAME_DEAL = re.compile(r"(?:[A-Z][a-z]+ing\b[^,]{0,80}, the|The|This|Under the|Under this) (?:[\w£$€.,-]+ ){0,2}?"
                        r"(?:contract|deal|agreement|partnership|collaboration|alliance|award|tender|MoU|memorandum)\b")
# Another deal, not the word "separate" ("replacing several separate systems").
_ANOTHER_DEAL = re.compile(r"\b(separately|(another|a separate|a second) (\w+ )?(deal|agreement|contract|partnership|"
                           r"collaboration|alliance)|earlier this year|last year|previously)\b", re.I)
# A sentence that tells of a deal of the past ("whose contract was announced in 2021", "agreements
# signed well before this year"): a long story's background, not its news.
_BACKGROUND = re.compile(r"\b(previous(ly)?|already|earlier|years ago|in the past|well before|long-standing|"
                         r"(announced|signed|agreed|struck|began|started|formed|launched|established)"
                         r"( (with|up|it|them|a|an|the|its|their|deal|contract|agreement))* in (19|20)\d\d|"
                         r"since (19|20)\d\d|(has|have|had) (an? |its |their )?(existing|ongoing|current) |"
                         r"last year)\b", re.I)
# A subject that is a kind of organisation in general, not some of them: "Health systems across the
# U.S. are ...", "Most NHS trusts ...", "Payers and providers strike ..." (a place before the noun
# describes parties: "Indiana hospitals join ...", "Hospitals in Devon ...", and a number counts them:
# "Three hospitals ...").
_GENERIC_SUBJECT = re.compile(
    r"(?:(?:More|Many|Most|Some|Few|Fewer|Other|All) )?(?:(?:US|U\.S\.|UK|NHS|rural|large|big|major|leading|top|"
    r"small|independent|community|regional) )?(?:health ?(?:care )?systems|hospitals|providers|insurers|payers|"
    r"health plans|health boards|trusts|vendors|startups|start-ups|companies|(?:tech(?:nology)?|AI|digital health|"
    r"software) (?:companies|firms|giants|vendors|start-?ups))\b(?! (?:in|at|of) (?-i:[A-Z]))", re.I)
# A subject that names no one but refers back: "The hospital joined ...", "The health system has ...".
_BACK_REFERENCE = re.compile(r"(?:(?:On \w+day|Today|This week|Now|Meanwhile|Also),? )?(?:the|this) "
                             r"(?:[\w-]+ ){0,2}?(?P<kind>hospital|health system|system|trust|company|firm|university|"
                             r"provider|insurer|vendor|start-?up|authority|clinic|network|group|organi[sz]ation|centre|"
                             r"center)\b(?! of\b)", re.I)
# The kind of organisation a back-reference's noun names (nouns not here name no one kind: "system").
_REFERENT_KINDS = {"hospital": "provider", "health system": "provider", "trust": "provider", "clinic": "provider",
                   "provider": "provider", "company": "vendor", "firm": "vendor", "vendor": "vendor",
                   "startup": "vendor", "start-up": "vendor", "university": "academic", "insurer": "payer",
                   "authority": "government", "network": "network"}
_DESCRIPTIVE_SUBJECT = re.compile(
    r"^(?:[A-Z][A-Z .,'’-]{2,40}\s*[-–—]+\s*)?(?:The )?(?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|several|both|a dozen|[0-9]+)\b",
    re.I)
# Words a title-case headline capitalises that are never part of an organisation's name here.
_HEADLINE_WORDS = frozenset("""
a an the and or but for to in on at as by with from into over after amid via its their new more than
taps tap tapped partners partner partnering partnered selects select selected picks pick picked signs sign signed
inks ink inked joins join joined teams team teaming up forms form formed launches launch launched expands expand
expanded deploys deploy deployed chooses choose chose chosen enters enter entered agrees agree agreed unites unite
collaborates collaborate collaborating awards award awarded wins win won renews renew renewed extends extend
extended connects connect connected adopts adopt adopted rolls roll out goes go going live brings bring uses use
pilots pilot builds build develop develops co-develop co-develops help helps boost boosts bolster bolsters create
creates creating work works working together strike strikes struck seal seals sealed lands land landed secures
secure secured ties tie tie-up link links deal deals pact pacts partnership partnerships collaboration agreement
contract contracts multiyear multi-year strategic joint is are will be has have had to-be
named names receives received earns earned achieves achieved becomes became
""".split())
# A byline on a line of its own at the top: "By Jane Doe", "By Jane Doe, Digital Health reporter".
_BYLINE = re.compile(r"^(?:By|BY) [A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|and|&|de|van|von))*(?:,[^\n.]{0,80})?[ \t]*\n")
# A line that opens a press release's trailer: a short "About Acme Health" heading (no full stop),
# contacts, "###", forward-looking statements, notes to editors.
_TRAILER = re.compile(
    r"^(?:About [A-Z][^\n.!?]{0,80}|"
    r"(?:Media|Press|Investor|MEDIA|PRESS) (?:[Cc]ontacts?|[Ii]nquiries|[Ee]nquiries)\b.*|"
    r"(?:Contacts?|CONTACTS?):.*|#{3}.*|-{3}.*|Forward-[Ll]ooking [Ss]tatements?\b.*|Notes? to [Ee]ditors?\b.*)$",
    re.M)
# Not after titles and abbreviations that end in a full stop ("Dr. Keane", "St. Louis").
_SENTENCE = re.compile(
    r"(?<=[.!?”\"])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bSt\.)(?<!\bProf\.)(?<!\bNo\.)"
    # nor after initials ("U.S.", "L.A. Care Health Plan", "Arthur G. James Cancer Hospital"): a name goes
    # on after them more often than not
    r"(?<!\bInc\.)(?<!\bCo\.)(?<!\bCorp\.)(?<!\bLtd\.)(?<!\b[A-Z]\.[A-Z]\.)(?<!\b[A-Z]\.)\s+(?=[“\"A-Z0-9])|\n+"
)


@dataclass(frozen=True, slots=True)
class Participant:
    """A party to a partnership, resolved to an organisation key."""

    key: str
    name: str
    org_type: str
    role: str
    country: str | None
    mentions: tuple[str, ...]

    @classmethod
    def of(cls, ref: OrgRef, kind: str | None = None) -> Participant:
        """The organisation the story names as a party, in the role of its kind (its own unless the
        story says what the parties are), with every form of its name the story uses."""
        kind = kind or ref.org_type
        return cls(ref.key, ref.name, kind, kind, ref.country, tuple(sorted(ref.mentions or {ref.name})))


@dataclass(frozen=True, slots=True)
class Partnership:
    """One partnership a story announces."""

    partnership_type: str
    confidence: float
    evidence: str
    participants: tuple[Participant, ...]


@dataclass(frozen=True, slots=True)
class Classification:
    """The verdict on one article; ``partnerships`` is empty for a non-partnership story."""

    is_partnership: bool
    score: float
    partnerships: tuple[Partnership, ...]
    reason: str
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """What the rules read in one article, before any decision: the learned detector weighs
    ``features``; the rest is what a positive verdict is built from."""

    document: str
    written: str
    sentences: list[str]
    lead: list[str]
    orgs: list[OrgRef]
    announcing: list[tuple[int, int]]
    participants: list[Participant]
    quotes: tuple[Quote, ...]
    features: dict[str, float]
    candidates: list[dict[str, float]]  # the party model's features of each of ``orgs``, in order


def read_article(title: str | None, text: str, gazetteer: Gazetteer) -> Reading:
    """Headline, lead, organisations, announcing sentences, parties and detection features."""
    as_written = acronym_after_name(_without_marks((title or "").strip()))
    title = headline_case(as_written)
    full_text = acronym_after_name(_without_marks(text))
    text = story_body(full_text)
    body_sentences = join_party_lists(split_sentences(text))
    if body_sentences and as_written and body_sentences[0] == as_written:
        # A page's text often opens with its own headline: read once, as the headline.
        body_sentences = body_sentences[1:]
    # Headings, datelines and bylines are not sentences a story announces anything in.
    prose = [s for s in body_sentences if len(s.split()) >= MIN_SENTENCE_WORDS]
    lead = prose[:LEAD_SENTENCES]
    document = "\n".join([title, *body_sentences])
    cues = {s: positive_score(s) for s in {title, *prose}}
    related = {s: bool(RELATION.search(s)) for s in cues}  # generic relation words, read once a sentence
    # Headline and first sentence always: the parties of an announcement of any shape are there;
    # then every sentence with a cue or a relation word, wherever it stands, since a long story's
    # announcement often comes after paragraphs of background ("On Monday, X, Y and Z formed a
    # joint venture"), and a party only named there is still a party.
    slots = [n for s in [title, *prose] if cues[s] > 0 or s in (title, *lead[:1]) or related[s]
             for n in announced_parties(s)] + profiled_names(full_text)
    orgs = find_organizations(document, gazetteer, slots)
    quotes = tuple(find_quotes(text, orgs))  # the body as written: quotes run by paragraph

    sentences = [title, *prose]
    offsets = _sentence_offsets(document, sentences)
    # A roundup: each item's cues and names are that item's news, not the story's announcement.
    items = item_spans(document) if list_items(document, orgs) >= ROUNDUP_ITEMS else []
    cues |= {sentence: 0.0 for (start, _), sentence in zip(offsets, sentences, strict=True)
             if any(s <= start < e for s, e in items)}
    telling = [cues[sentence] > 0 or related[sentence] for sentence in sentences]
    # "X and Y are planning to share resources. Under the agreement, ...": a sentence naming two
    # organisations that the next one, about the deal it tells, refers back to, whatever its words.
    # So does the sentence naming two right after a lead that tells a deal of parties it only describes
    # ("An insurer and a health system have signed a letter of intent ... X and Y said they ...").
    named = [_orgs_named_in(orgs, span) for span in offsets]
    telling = [says or named[i] >= 2 and (
                   i + 1 < len(sentences) and telling[i + 1] and bool(_SAME_DEAL.match(sentences[i + 1]))
                   or 0 < i <= LEAD_SENTENCES and cues[sentences[i - 1]] > 0 and named[i - 1] == 0
               and not negative_score(sentences[i]))  # "X and Y lost their combined bid": not that deal
               for i, says in enumerate(telling)]
    spans = [(span, sentence) for span, sentence, says in zip(offsets, sentences, telling, strict=True)
             if says and not any(s <= span[0] < e for s, e in items)]
    # The announcing window first; only when it names no two parties, the whole story (past the
    # window, background is more often about other deals than the one announced).
    announcing = [span for span, _ in spans if span[1] <= offsets[:WINDOW][-1][1]]
    # Lists of the rest of the parties (their names only: from where the list starts).
    listed = [span for (start, end), sentence in zip(offsets, sentences, strict=True)
              if not any(s <= start < e for s, e in items) and not _BACKGROUND.search(sentence)
              and (span := _listed_span(document, start, end, sentence))]
    participants = _participants(document, orgs, announcing, offsets[: LEAD_SENTENCES + 1], listed)
    late = False
    if len(participants) < 2 and len(spans) > len(announcing):
        later = [span for span, sentence in spans[len(announcing):] if not _BACKGROUND.search(sentence)]
        participants = _participants(document, orgs, announcing + later, offsets[: LEAD_SENTENCES + 1], listed)
        late = len(participants) >= 2
        announcing += later if late else []
    offsets_all, offsets = offsets, offsets[:WINDOW]
    participants = _fellow_countries(_profiled_parties(full_text, _described_parties(document, participants)))
    if len(offsets_all) > 1:
        # A party is named again in the story: a name only the headline has is a headline phrase read
        # as a name ("Seven-Year Master Services Agreement"), not a party.
        # Not when that leaves fewer than two: the body may name a party only by a description.
        in_body = {r.key for r in orgs if any(a >= offsets_all[0][1] for a, _ in (*r.spans, *r.product_spans))}
        named_again = [p for p in participants if p.key in in_body]
        participants = named_again if len(named_again) >= 2 else participants
    participants = _one_per_family(participants)
    features = _features(document, title, lead, cues, orgs, offsets, participants, announcing)
    features["parties_late"] = float(late)  # the detector learns how far to trust a later announcement
    # A roundup in prose: several sentences, each announcing a deal between organisations new to the
    # story (by a cue or a relation word: "announced a value-based arrangement").
    announces = [cues[sentence] > 0 or related[sentence] for sentence in sentences[1:]]
    features["separate_deals"] = float(separate_deals(zip(offsets_all[1:], announces, strict=True), orgs,
                                                      offsets_all[0][1]))
    written = "\n".join([as_written, *body_sentences])  # same offsets: headline_case keeps lengths
    candidates = candidate_features(offsets_all, orgs, announcing, {p.key for p in participants})
    return Reading(document, written, sentences, lead, orgs, announcing, participants, quotes, features,
                   candidates)


def _without_marks(text: str) -> str:
    """The text without trade-mark signs, which press releases glue to names ("Greenway Medical
    Technologies® and RelayHealth", "Allscripts® Managed Services") and which would cut them."""
    return text.translate(_TRADE_MARKS)


_TRADE_MARKS = str.maketrans("", "", "®™℠")


def words_of(r: Reading) -> dict[str, int]:
    """The headline's and lead's n-grams the words model weighs, with the organisations the rules
    found masked (see ``text_model``)."""
    return text_ngrams(r.document, (span for o in r.orgs for span in (*o.spans, *o.product_spans)))


def classify_article(title: str | None, text: str, gazetteer: Gazetteer | None = None,
                     detector: Detector | None = None, type_model: TypeModel | None = None,
                     text_model: TextModel | None = None, party_model: PartyModel | None = None
                     ) -> Classification:
    """Decide whether the article announces a partnership and between whom."""
    gazetteer = gazetteer or load_gazetteer()
    detector = detector or load_detector()
    text_model = text_model or load_text_model()
    party_model = party_model or load_party_model()
    r = read_article(title, text, gazetteer)
    logit = rules = detector.logit(r.features)
    why = f"rules {rules:+.1f} ({detector.explain(r.features)})"
    if text_model.words:
        grams = words_of(r)
        words = text_model.words_logit(grams.values())
        why += f", words {words:+.1f} ({text_model.explain(grams)})"
        logit = text_model.combine(rules, words)
    probability = sigmoid(logit)
    why = f"p={probability:.2f}: {why}"
    if probability < 0.5:
        return Classification(False, probability, (), why, r.quotes)
    if r.features["roundup_intro"] and r.features["roundup_items"] >= ROUNDUP_ITEMS:
        # Introduced as a list ("Here are seven updates ...") whose items bring in new organisations:
        # a roundup of others' news, whatever its items' cues add up to.
        return Classification(False, probability, (), f"a roundup of {r.features['roundup_items']:.0f} items "
                              f"naming other organisations; {why}", r.quotes)
    if counted_list_intro([r.sentences[0], *r.lead[:2]]) and len(r.sentences) >= ROUNDUP_ITEMS + 2:
        # "Here are nine updates on ...": a roundup by its own count, its items laid out as paragraphs
        # (a headline that counts deals over one sentence that tells one is no list).
        return Classification(False, probability, (), f"a roundup its lead counts out; {why}", r.quotes)
    if r.features["separate_deals"] >= PROSE_ROUNDUP_DEALS - r.features["generic_lead"]:
        # One deal a sentence, each between organisations new to the story, under a headline that
        # names none of them: a roundup told in prose ("In June, X partnered with Y ... Z also ..."); two
        # such deals are enough after a lead about organisations in general ("Health systems are ...").
        return Classification(False, probability, (), f"a roundup of {r.features['separate_deals'] + 1:.0f} "
                              f"separate deals told in prose; {why}", r.quotes)
    participants = r.participants
    if len(participants) < 2 and party_model.weights:
        # The detector is sure of a deal whose announcement the rules cannot read two names in: the
        # learned chooser names the parties from where and how often the story names them.
        participants, chosen_why = _chosen_parties(r, party_model)
        if len(participants) >= 2:
            why += f"; parties chosen by the party model ({chosen_why})"
    if len(participants) < 2:
        return Classification(False, probability, (), f"fewer than two named parties in the announcement; {why}",
                              r.quotes)

    offsets = _sentence_offsets(r.document, r.sentences)
    evidence = _evidence(r)
    type_model = type_model or load_type_model()
    typed = type_features(r.sentences[0], type_context(r), participants)
    partnership_type = type_model.best(typed)
    why += f"; type {partnership_type} ({type_model.explain(typed, partnership_type)})"
    confidence = min(round(probability, 3), 0.99)
    main = Partnership(partnership_type, confidence, evidence[:2000], tuple(participants))
    others = _other_partnerships(r.document, r.orgs, offsets, main, type_model)
    return Classification(True, probability, (main, *others), why, r.quotes)


def _chosen_parties(r: Reading, party_model: PartyModel) -> tuple[list[Participant], str]:
    """The parties the party model chooses among the organisations the rules found, with the
    countries the story gives them (none when it names fewer than two organisations), and why."""
    if len(r.orgs) < 2:
        return [], ""
    chosen = party_model.choose(r.candidates)
    parties = [Participant.of(r.orgs[i]) for i in chosen]
    why = "; ".join(f"{r.orgs[i].name}: {party_model.explain(r.candidates[i], top=2)}" for i in chosen)
    return _one_per_family(_fellow_countries(_described_parties(r.document, parties))), why


def _one_per_family(participants: list[Participant]) -> list[Participant]:
    """A company and its own unit, or a body and its short name, are one party ("Google Cloud" beside
    "Google", "Upstate Medical University" beside "Upstate"): the longer, fuller name stays."""
    return [p for p in participants if not any(o.key.startswith(p.key + " ") for o in participants)]


def type_context(r: Reading) -> str:
    """The text the type is read from: headline, lead and evidence sentences."""
    return " ".join([r.sentences[0], *r.lead, _evidence(r)])


def _evidence(r: Reading) -> str:
    """The announcing sentences quoted as evidence (the first two; else the headline)."""
    spans = r.announcing[:2] or _sentence_offsets(r.document, r.sentences)[:1]
    return " ".join(r.written[s:e].strip() for s, e in spans)


_TITLE_CASE_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())


def headline_case(title: str) -> str:
    """A headline in title case ("Valley Health Taps Epic For Revenue Cycle Overhaul") with its
    verbs, prepositions and articles in lower case, so they are not read as parts of names;
    names keep their capitals and the text its length. Other headlines are returned as they are."""
    # Short function words are left in lower case by many title-case styles ("Partners with X to").
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", title) if w not in _TITLE_CASE_SMALL_WORDS]
    capitalised = [w for w in words if w[0].isupper()]
    if len(words) < 4 or len(capitalised) < 0.8 * len(words):
        return title
    return re.sub(r"(?<![\w'’-])[A-Z][a-z]+(?:-[a-z]+)?(?![\w'’-])",
                  lambda m: m.group(0).lower() if m.group(0).lower() in _HEADLINE_WORDS else m.group(0), title)


# What ends a dateline after its places: a wire's or outlet's mark and the dash ("/PRNewswire/ –").
_DATELINE_END = re.compile(r"[ ]*(?:[/(][^/)]*[/)][ ]*)*(?:--|[-–—])[ ]*$")


def story_body(text: str) -> str:
    """The story as a reader reads it: without a leading byline ("By Priya Nair, Digital Health
    reporter", which names the publisher) or dateline ("FRESNO, Calif. –"), which would read as
    organisations, and without a press release's trailer ("About X" company
    profiles, media contacts, "###"), which names organisations that are no news of the day."""
    text = _BYLINE.sub("", text.lstrip(), count=1).lstrip()
    dateline = DATELINE.match(text)
    if dateline:  # kept as a heading line, in title case, for the place it names
        place = _DATELINE_END.sub("", dateline.group(0))
        text = place.title() + "\n" + text[dateline.end():]
    # A dateline in any case at the head of one of the first paragraphs, after a date or a kicker
    # line ("May 19, 2016\n\nAmsterdam, the Netherlands and Charleston, S.C. - Royal Philips ..."):
    # a heading line too, so that its towns are not read as parties.
    head, sep, rest = text.partition("\n\n")
    paragraphs = [head, *rest.split("\n\n")[:DATELINE_PARAGRAPHS - 1]] if sep else [head]
    for index, paragraph in enumerate(paragraphs):
        end = leading_dateline(paragraph)
        if end:
            start = sum(len(p) + 2 for p in paragraphs[:index])
            text = text[:start] + _DATELINE_END.sub("", paragraph[:end]) + "\n" + text[start + end:]
            break
    trailer = _TRAILER.search(text)
    return text[:trailer.start()].rstrip() if trailer else text


def split_sentences(text: str) -> list[str]:
    """Sentences (and heading lines) of a body text, in order."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


# -- helpers -------------------------------------------------------------------------------


def _orgs_named_in(orgs: list[OrgRef], span: tuple[int, int] | None) -> int:
    """How many organisations a mention of which starts inside ``span`` (none for no span)."""
    return 0 if span is None else sum(any(span[0] <= a < span[1] for a, _ in r.spans) for r in orgs)


def _features(document: str, title: str, lead: list[str], cues: dict[str, float], orgs: list[OrgRef],
              offsets: list[tuple[int, int]], participants: list[Participant],
              announcing: list[tuple[int, int]]) -> dict[str, float]:
    """What the learned detector weighs: cue scores by place, generic relation words, how
    many organisations the headline, the first sentence and the announcing sentences name, and
    the cues of the sentence that names the parties wherever it stands (a long story's
    announcement often follows paragraphs of background, past the lead), under names of their own
    when it stands past the second sentence."""

    keys = {p.key for p in participants}

    def parties_in(span: tuple[int, int]) -> int:
        return len({r.key for r in orgs if r.key in keys and any(span[0] <= a < span[1] for a, _ in r.spans)})

    party_span = next((span for span in announcing if parties_in(span) >= 2), None)
    party_sentence = document[party_span[0]:party_span[1]] if party_span else None
    # Where the parties are first named together, or, when no one sentence names two of them ("The
    # hospital also works with X"), the first announcing sentence that names one.
    first_party_span = party_span or next((span for span in announcing if parties_in(span)), None)
    party_index = next((i for i, span in enumerate(offsets) if span == first_party_span), len(offsets)
                       ) if first_party_span else 0
    recalled = any(PAST_DEAL.search(s) for s in [title, *lead])

    features = {
        "cue_title": cues[title],
        "cue_lead": sum(cues[s] for s in lead[:2]),
        "cue_rest": sum(cues[s] for s in lead[2:]),
        "neg_title": negative_score(title, recalled),
        "neg_lead": sum(negative_score(s, recalled) for s in lead[:2]),
        "neg_rest": sum(negative_score(s, recalled) for s in lead[2:]),
        "relation": float(sum(1 for s in [title, *lead[:2]] if RELATION.search(s))),
        "orgs_title": float(min(_orgs_named_in(orgs, offsets[0]), 2)),
        "orgs_first": float(min(_orgs_named_in(orgs, offsets[1] if len(offsets) > 1 else None), 3)),
        "parties": float(min(len(participants), 3)),
        "cue_parties": min(cues.get(party_sentence, 0.0), 6.0) if party_sentence else 0.0,
        "roundup_items": float(min(list_items(document, orgs), MAX_ITEMS)),
        "roundup_intro": float(list_intro([title, *lead[:2]])),
        # ... and its hard-negative cues: "X selected Y in 2017 and went live", "not to renew".
        "neg_parties": min(negative_score(party_sentence, recalled), 6.0) if party_sentence else 0.0,
        # ... and whether the story opens on organisations in general ("Health systems are accelerating
        # partnerships with tech companies"): the lead of a trend piece, a roundup or a survey.
        "generic_lead": float(any(_GENERIC_SUBJECT.match(s) for s in [title, *lead[:1]])),
    }
    if party_index > PARTY_SENTENCE_EARLY:
        # On real news the parties of an announcement are named in the headline or the first two
        # sentences; a deal first named further down is more often background ("The carts came from
        # X, which the system signed with in 2023"). Weighed apart, the detector learns how much less.
        features["parties_past_lead"] = features.pop("parties")
        features["cue_parties_past_lead"] = features.pop("cue_parties")
    return features


def _sentence_offsets(document: str, sentences: list[str]) -> list[tuple[int, int]]:
    offsets: list[tuple[int, int]] = []
    position = 0
    for sentence in sentences:
        start = document.find(sentence, position) if sentence else position
        start = position if start < 0 else start
        offsets.append((start, start + len(sentence)))
        position = start + len(sentence)
    return offsets


def _participants(
    document: str, orgs: list[OrgRef], announcing: list[tuple[int, int]], lead: list[tuple[int, int]],
    listed: Sequence[tuple[int, int]] = (),
) -> list[Participant]:
    """The parties: organisations of the first announcing sentence that names two or more.

    Later announcing sentences add organisations only when they also name one of those
    parties (so "already in use at neighbouring X" does not make X a party), a sentence after
    it that lists the rest of the parties (``listed``: "The other members include X and Y") adds
    its list, and a product named in the lead brings in its vendor.
    """

    def named_in(span: tuple[int, int]) -> list[OrgRef]:
        s, e = span
        return [r for r in orgs if any(s <= a and b <= e and _as_party(document, s, a, b) for a, b in r.spans)]

    chosen: list[OrgRef] = []
    # Headline-consistent first: a long story's background ("its own Institute for X, set up under
    # the Y Act") may name two organisations before the announcement names the headline's party.
    headline_end = document.find("\n") if "\n" in document else len(document)
    in_headline = {r.key for r in orgs if any(a < headline_end for a, _ in r.spans)}
    # A sentence that only lists members ("X and Y are the first to join") completes an earlier
    # announcement that names a party, it does not replace it.
    naming_two = [span for span in announcing if len(named_in(span)) >= 2
                  and not (any(span[0] <= s and e <= span[1] for s, e in listed)
                           and any(named_in(a) for a in announcing if a[1] <= span[0]))]
    # Else the first with an announcement cue, not only a relation word: "patients at X may be treated
    # under an arrangement between Y and Z" gives way to "Y and Z have agreed a collaboration".
    cued = next((span for span in naming_two if POSITIVE.score(document[span[0]:span[1]]) > 0),
                naming_two[0] if naming_two else None)
    primary = next((span for span in naming_two if in_headline & {r.key for r in named_in(span)}), cued)
    if primary is None:
        # "X has signed a contract for Y. The contract ... was awarded to Z.": a sentence that names
        # one party, and the next one, about the same deal, that names the other.
        # Or one whose subject is a description the next sentence names: "A German imaging company has
        # presented letters of intent to X. Zorbly Imaging, a subsidiary of ..., submitted ...".
        primary = next(((a[0], b[1]) for a, b in zip(announcing, announcing[1:], strict=False)
                        if named_in(a) and (_SAME_DEAL.match(document[b[0]:b[1]]) or _DESCRIBED_FIRST.match(
                            document[a[0]:a[1]]) and any(r.spans[0][0] == b[0] for r in named_in(b)))
                        and len({r.key for r in named_in(a) + named_in(b)}) >= 2), None)
    referent: OrgRef | None = None
    if primary is None:
        # "X has now looked north for an edge. On Tuesday the hospital joined the Y network ...": a
        # subject that refers back to the one organisation of its kind ("the hospital": a provider) the
        # sentence before names, else to the last organisation of its kind named before.
        for span in announcing:
            back = _BACK_REFERENCE.match(document, span[0], span[1])
            if back is None or span[0] == 0:
                continue
            before = (document.rfind("\n", 0, span[0] - 1) + 1, span[0] - 1)
            kind = _REFERENT_KINDS.get(back.group("kind").lower())
            previous = [r for r in named_in(before) if kind is None or r.org_type in (kind, "other")]
            referent = previous[0] if len(previous) == 1 else _referent(orgs, kind, span[0])
            if referent is not None and {r.key for r in named_in(span)} - {referent.key}:
                primary = span
                break
            referent = None
    # "Three hospitals in X will deploy ... under a deal with Y." names the hospitals next; "The three
    # systems said ..." refers back to the sentence before when that one names them.
    described = next((span for span in announcing if _DESCRIPTIVE_SUBJECT.match(document[span[0]:span[1]])), None)
    if described is not None and primary is None and re.match(r"(?:The|These|Both)\b", document[described[0]:]):
        before = (document.rfind("\n", 0, described[0] - 1) + 1, described[0] - 1)
        if len(named_in(before)) >= 2:
            primary, described = (before[0], described[1]), None
    if described is not None and (primary is None or described[0] <= primary[0]):
        # The first sentence after it that names them (a headline "Three trusts sign ..." is
        # often followed by a lead that describes them again: "Three acute trusts have signed ...").
        # A long story may tell background first: then the first announcing sentence after it that
        # names two or more ("Three organisations form ..." ... "X, Y and Z have formed ...").
        after = [span for span in lead if span[0] > described[1]
                 and not _DESCRIPTIVE_SUBJECT.match(document[span[0]:span[1]])]
        naming = [span for span in announcing if span[0] > described[1] and len(named_in(span)) >= 2
                  and not _DESCRIPTIVE_SUBJECT.match(document[span[0]:span[1]])]
        following = after[:1] if after and named_in(after[0]) else naming[:1] or after[:1]
        if following:
            primary = (described[0], following[0][1])
    if primary is None and listed:
        # "X has been selected to lead a national consortium ... The six lead sites of the consortium
        # are X, Y and Z.": the list that follows names the parties the announcement only counted.
        primary = next((span for span in announcing if span[1] <= listed[0][0] and named_in(span)), None)
    if primary is not None:
        chosen = named_in(primary) + ([referent] if referent is not None else [])
        # Further parties come from the lead and the sentence right after the primary one, not from
        # a long story's later background ("X is hosted by Y, the parent of Z").
        near = set(lead) | set(announcing[announcing.index(primary) + 1:][:1] if primary in announcing else ())
        for span in announcing:
            named = named_in(span) if span in near else []
            if _ANOTHER_DEAL.search(document[span[0]:span[1]]) or span != primary and _BACKGROUND.search(
                    document[span[0]:span[1]]):
                continue  # "Separately, X signed ... with Z", "X already works with Z": not more parties
            if span != primary and any(r in chosen for r in named):
                chosen += [r for r in named if r not in chosen]
        for start, end in listed:
            if start > primary[0]:
                chosen += [r for r in orgs if r not in chosen and any(start <= a < end for a, _ in r.spans)]
    for ref in orgs:
        # A vendor's product brings its maker in; a public body's national service does not ("the
        # Federated Data Platform", "the NHS App": services many use, no deal with their owner).
        in_lead = ref.org_type == "vendor" and any(s <= a and b <= e for a, b in ref.product_spans for s, e in lead)
        if in_lead and ref not in chosen and chosen:
            chosen.append(ref)
    # "The two providers", "both institutes": the text says what the parties are.
    described = _PARTIES_DESCRIBED.search(" ".join(document[s:e] for s, e in lead))
    kind = ("academic" if described.group("noun").lower() in ("institutes", "universities") else "provider"
            ) if described else None
    kinds = {r.key: kind if kind and r.org_type == "other" else r.org_type for r in chosen}
    return [Participant.of(r, kinds[r.key]) for r in chosen]


def _listed_span(document: str, start: int, end: int, sentence: str) -> tuple[int, int] | None:
    """Where a sentence that lists the rest of the parties names them: after "The other members
    include", in the lines after "The members are:", or before "were among those to join"; None
    when it lists none."""
    member_list = _MEMBER_LIST.match(sentence)
    if member_list and sentence.rstrip().endswith(":"):
        lines = _LIST_LINES.match(document, end)
        return (end, lines.end(1)) if lines else None
    if member_list:
        return start + member_list.end(), end
    joiners = _JOINERS.search(sentence)
    return (start, start + joiners.start()) if joiners else None


def _referent(orgs: list[OrgRef], kind: str | None, before: int) -> OrgRef | None:
    """The organisation a back-reference whose noun names ``kind`` refers to: the one of that kind
    named last before ``before`` (none when the noun names no kind or none of it was named)."""
    named = [(max(a for a, _ in r.spans if a < before), r) for r in orgs
             if kind is not None and r.org_type == kind and any(a < before for a, _ in r.spans)]
    return max(named, key=lambda item: item[0])[1] if named else None


def _described_parties(document: str, participants: list[Participant]) -> list[Participant]:
    """Countries (and kinds) the story gives its parties by referring back to them: "under a
    ten-year deal with the Massachusetts-based vendor", "the Boston health system will ...".

    A description settles the one party of its kind that has no country yet; failing that, the
    one party of no known kind ("other") without a country (its kind is left alone: "the Seattle
    data company" may be the network the story is about). Nothing is
    inferred when two parties fit: the story's place is never a vendor's country by default.
    """
    for code, kind in place_descriptions(document):
        open_ = [p for p in participants if p.country is None]
        fits = [p for p in open_ if p.role == kind] or [p for p in open_ if p.role == "other"]
        if len(fits) == 1:
            party = fits[0]
            participants = [replace(p, country=code) if p is party else p
                            for p in participants]
    return participants


def _profiled_parties(text: str, participants: list[Participant]) -> list[Participant]:
    """Countries from what the whole text, a press release's "About X" trailer included, says a
    party is based in ("X is headquartered in Oslo, Norway")."""
    names = [m for p in participants for m in p.mentions]
    return [p if p.country else replace(p, country=profile_country(
        text, p.mentions, [n for n in names if n not in p.mentions])) for p in participants]


def _fellow_countries(participants: list[Participant]) -> list[Participant]:
    """A party of any kind but a vendor without a country takes the one country all its fellow
    parties share ("two NHS trusts join the region's shared care record"): a body joined with
    local ones is local more often than not; a vendor is often from elsewhere. Parties of two
    countries settle nothing."""
    known = {p.country for p in participants if p.country}
    if len(known) != 1:
        return participants
    country = known.pop()
    return [replace(p, country=country) if p.country is None and p.role != "vendor" else p for p in participants]


def _as_party(document: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether a name in an announcing sentence can be a party: not a backer ("funded by X",
    "with support from X"), not the maker of a system a party already runs ("the trust's
    Epic electronic patient record"), and not a party to a merger the sentence recalls ("X, formed
    when A merged with B in 2021, has signed ...")."""
    before = document[max(sentence_start, start - 40):start]
    members = _SUBJECT_MEMBERS.match(document, sentence_start)
    if members and members.end() <= start and _LIST_OF_NAMES.fullmatch(document, members.end(), start):
        return True  # "The systems, which include X, Y and Z, will co-own ...": the subject's members, not examples
    if _BACKER.search(before) or _EXAMPLE_LIST.search(document[max(sentence_start, start - 160):start]):
        return False
    if any(a <= start < b for a, b in _past_deal_spans(document, sentence_start)):
        return False
    if _BACKER_GLUED.match(document, end):
        return False  # "a Google Ventures-backed health IT company": a backer, not a party
    if _JOINT_BODY_OF.match(document, end):
        return False  # "The Joint Centre for X is a collaboration between A and B": what they set up
    if _LAUNCHED_BEFORE.search(before) and _JOINT_BODY_HEAD.search(document, start, end):
        return False  # "X launches the Y Research Network with Z": the network is what they set up
    if _NAME_THEN_BRACKET.search(before) and _BRACKET_CLOSES.match(document, end):
        return False  # "the Quenby Research Network (Research Alliance)": another name of the one before
    return not (_OWNED_SYSTEM_BEFORE.search(before) and _SYSTEM_AFTER.match(document, end, end + 40))


@lru_cache(maxsize=256)
def _past_deal_spans(document: str, sentence_start: int) -> tuple[tuple[int, int], ...]:
    """Where the sentence (the line) starting at ``sentence_start`` recalls a past merger or
    acquisition; cached, since every name of an announcing sentence asks."""
    line_end = document.find("\n", sentence_start)
    return tuple(m.span() for m in PAST_DEAL.finditer(document, sentence_start,
                                                      len(document) if line_end < 0 else line_end))


_BACKER = re.compile(r"\b(?:funded|backed|financed|sponsored|supported|commissioned) by (?:the )?$|"
                     # a regulator: "seven solutions cleared by the Food and Drug Administration"
                     r"\b(?:cleared|approved|authori[sz]ed|certified|licensed|regulated) by (?:the )?(?:U\.?S\.? )?$|"
                     # the supplier being replaced: "replacing Meditech", "moving away from Cerner"
                     r"\b(?:replac(?:e|es|ed|ing)|switch(?:es|ed|ing)? from|mov(?:e|es|ed|ing) (?:away )?from|"
                     r"migrat(?:e|es|ed|ing) from|instead of|formerly known as) (?:the |its |their )?$|"
                     # ... or being left: "is ending its 20-year relationship with Meditech", "leaves Meditech"
                     r"\b(?:end(?:s|ed|ing)?|leav(?:e|es|ing)|left|drop(?:s|ped|ping)?|exit(?:s|ed|ing)?) "
                     r"(?:its|their) [^.]{0,30}?\b(?:relationship|contract|agreement|partnership) with (?:the )?$|"
                     r"\b(?:leaves|leaving|ditch(?:es|ed|ing)|drops|dropped|dropping) (?:the )?$|"
                     # where the work happens: "public hospitals in Brazil's Unified Health System";
                     # not the phrasal verb that names a new supplier: "is bringing in Ambience"
                     r"(?:(?<!\bbring )(?<!\bbrings )(?<!\bbringing )(?<!\bbrought )\bin|across|throughout|within) "
                     r"(?:[A-Z][\w.-]*(?:’s|'s) )?(?:the )?$|"
                     r"\b(?:support|funding|backing|grants?|investment|participation) from (?:the )?"
                     r"(?:[A-Z][\w.]*(?:’s|'s) )?$|"  # "a grant from the UK's X"
                     # an owner or buyer: "majority-owned by the private equity firm X", "Soarian, which has
                     # been purchased by Cerner"
                     r"\b(?:owned|purchased|acquired|bought) by (?:the )?(?:[\w-]+ ){0,3}$|"
                     # a rival beaten to the deal: "beating its main rival, Epic", "beat out Epic"
                     r"\b(?:rivals?|competitors?),? (?:the )?$|"
                     r"\b(?:beat(?:s|ing)?|outbid(?:s|ding)?|defeat(?:s|ed|ing)?) (?:out )?(?:the |its |their )?$|"
                     # the source of a figure: "according to the Wisconsin Hospital Association"
                     r"\baccording to (?:the )?$|"
                     # the outlet a speaker talks to: "told Healthcare Innovation", "in an interview with X"
                     r"\b(?:told|tells|spoke (?:with|to)|speaking (?:with|to)|interview with) (?:the )?$|"
                     # customers and members given as examples: "already works with systems including X";
                     # not a consortium's members: "a consortium led by X and including Y", "the network now
                     # includes Y"
                     r"\b(?<!\band )(?<!\bnow )(?:including|includes|such as|among them|like)\s+(?:[\w-]+\s+){0,2}$",
                     re.I)
# A body being set up, named after the verb: "announced the launch of the Quenby Research Network",
# "have formed the Arland Data Alliance".
_LAUNCHED_BEFORE = re.compile(r"\b(?:launch(?:es|ed|ing)?|the (?:launch|creation|formation|establishment) of|"
                              r"form(?:s|ed|ing)?|creat(?:e|es|ed|ing)|"
                              r"establish(?:es|ed|ing)?|set(?:s|ting)? up)\s+(?:of\s+)?(?:the\s+|a\s+|an\s+|its\s+)?"
                              r"(?:new\s+)?[‘'\"“]?$", re.I)
# A name in brackets right after another name: "Quenby Research Network (Research Alliance)".
_NAME_THEN_BRACKET = re.compile(r"[A-Z][\w&.-]*[’'\"”]?\s*\(\s*[‘'\"“]?$")
_BRACKET_CLOSES = re.compile(r"[’'\"”]?\s*\)")
_JOINT_BODY_HEAD = re.compile(r"\b(?:Network|Alliance|Consortium|Collaborative|Coalition|Partnership|Initiative)$")
_JOINT_BODY_OF = re.compile(r"\s+(?:is|was|will be)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:collaboration|partnership|"
                            r"joint venture|venture|alliance|initiative|consortium|programme|program|project)\s+"
                            r"(?:between|of|among|involving)\b")
_BACKER_GLUED = re.compile(rf"(?: [A-Z][\w&]*)?-(?:{OWNER_WORDS})\b")
# Later names in such a list: "... including Advocate Health and Sutter Health".
_EXAMPLE_LIST = re.compile(r"\b(?<!\band )(?:including|such as|among them)\s+(?:[\w-]+\s+){0,2}"
                           r"(?:(?:[A-Z][\w'’.&-]*|of|and|the)\s+){0,8}?(?:[A-Z][\w'’.&-]*)(?:,\s+|,?\s+and\s+|\s+&\s+)$")
# The rest of the parties, listed in a sentence of their own after the announcement: "The other health
# care providers include X, Y and Z", "The consortium comprises X, Y and Z", "Founding members are X and Y".
# So does a group of them named by what they are and do: "Coalition members include X, Y and Z",
# "Health systems making the investment include X and Y".
_MEMBER_LIST = re.compile(
    r"(?:(?:The|Its|Their|Other|Founding|Initial|Current|This)\b[^.;:]{0,60}?(?i:\bother\b[^.;:]{0,40}?|"
    r"\b(?:members|partners|participants|signatories|collaborators|consortium|alliance|coalition|network|"
    r"partnership|collaboration|group|initiative))|"
    r"(?:[A-Z][\w-]*(?: [\w-]+){0,2}? )?(?i:members|partners|participants|health systems|hospitals|"
    r"organi[sz]ations|companies|institutions|universities|trusts|insurers)(?: (?:involved|participating|"
    r"taking part|joining|(?:making|signing) the [\w-]+)"
    # ... or by what they will do: "The health systems that will share data with the VA are:"
    r"| (?:that|which|who) [^.;:]{1,80}?)?)"
    r"[’'\"”]?,?\s+(?i:include|includes|comprise|comprises|consist of|consists of|are)"
    # ... named in the sentence, or one a line after a colon (see ``_LIST_LINES``)
    r"(?::\s*$|\s+(?:the\s+)?(?:(?!(?:from|of|by|with|for|to|in|on|at) )[a-z][\w-]* ){0,3}?(?=[A-Z]))")
# The lines of such a list after its colon: one name a line, up to the first line that is a sentence
# (the document holds one sentence a line, so a paragraph's end is no blank line here).
_LIST_LINES = re.compile(r"\s*\n((?:[ \t]*[-•*·]?[ \t]*[A-Z][^\n.!?:]{1,100}(?:\n|$))+)")
# Parties named before the words that say they joined too: "X, Y and Z were among those to join the
# network this year".
_JOINERS = re.compile(r",? (?:were|are) among (?:those|the (?:[\w-]+ ){0,3}?(?:organi[sz]ations|systems|"
                      r"hospitals|members|providers|companies)) (?:to (?:join|sign)|joining|signing|that (?:have )?"
                      r"(?:joined|signed))\b|"
                      # "X and Y are the first to participate in the model"
                      r",? (?:were|are) the first (?:[\w-]+ ){0,2}?to (?:join|sign|participate|take part)\b")
# A plural subject whose members an appositive names: "The health systems, which include X, ...",
# "Fourteen health systems, including X, ...".
_SUBJECT_MEMBERS = re.compile(r"(?:The|These|Those|All|Both|[A-Z][a-z]+|\d+) (?:[\w-]+ ){0,4}?[\w-]+s, "
                              r"(?:(?:which|who) includes? |including )|" + COLLECTIVE_SUBJECT.pattern)
_LIST_OF_NAMES = re.compile(r"(?:(?:[A-Z][\w'’.&-]*|of|and|the|for|&)(?:,?\s+|,\s*))*")
_OWNED_SYSTEM_BEFORE = re.compile(r"\b(?:its|their|our|the [\w-]+(?:’s|'s)|existing|current)\s+$", re.I)
_SYSTEM_AFTER = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:record|EHR|EPR|EMR|system|platform|software|instance)s?\b",
                           re.I)
_PARTIES_DESCRIBED = re.compile(
    r"\b(?:the two|the three|the four|both|all three)\b(?: [\w-]+){0,3} (?P<noun>providers|health systems|"
    r"hospital groups|hospitals|trusts|health services|care providers|medical cent(?:re|er)s|institutes|"
    r"universities)\b", re.I)


def _other_partnerships(document: str, orgs: list[OrgRef], spans: list[tuple[int, int]],
                        main: Partnership, type_model: TypeModel) -> list[Partnership]:
    """Further partnerships the story reports ("X separately signed an agreement with Y").

    A sentence counts when an organisation is its subject, it reports a concluded deal
    (``_DEAL_EVENT``), it carries no hard-negative cue, and it names two or more
    organisations that are not all parties to a partnership already found. Less certain
    than the main one, so its confidence is lower.
    """
    found: list[Partnership] = []
    seen = [frozenset(p.key for p in main.participants)]
    for start, end in spans:
        sentence = document[start:end]
        deal = _DEAL_EVENT.search(sentence)
        if not deal or negative_score(sentence) or not announced_parties(sentence):
            continue
        named = [r for r in orgs if not r.via_product
                 and any(start <= a and b <= end and _as_party(document, start, a, b) for a, b in r.spans)]
        keys = frozenset(r.key for r in named)
        verb = start + deal.start()
        # One party on each side of the deal ("X signed an agreement with Y"), not "X and Y signed
        # similar deals with several health systems".
        positions = [a for r in named for a, _ in r.spans if start <= a < end]
        one_each_side = any(a < verb for a in positions) and any(a > verb for a in positions)
        if len(keys) < 2 or not one_each_side or any(keys <= earlier for earlier in seen):
            continue
        seen.append(keys)
        parties = [Participant.of(r) for r in named]
        found.append(Partnership(type_model.best(type_features("", sentence, parties)), round(main.confidence * 0.8, 3),
                                 sentence.strip()[:2000], tuple(parties)))
    return found[:MAX_OTHER_PARTNERSHIPS]


