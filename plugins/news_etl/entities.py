"""Finding organisation mentions in article text and resolving them within the article.

Three sources of mentions, merged per article:

1. names, aliases and products from the gazetteer;
2. capitalised phrases whose head word marks an organisation ("... NHS Trust",
   "... Medical Center", "University of ...", "... Technologies");
3. acronyms the text defines ("University Hospitals of Leicester NHS Trust (UHL)").

Short references ("Northwestern", "The Hillingdon Hospitals") are then folded into
the full name they abbreviate, so each organisation is one ``OrgRef`` per article.

Where a body is (its country) comes from ``places``; who an announcing sentence names as
its parties, from ``party_slots``, which builds on the name grammar here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from news_etl.orgs import Gazetteer, KnownOrg, infer_org_type, org_key
from news_etl.places import (
    AMBIGUOUS_PLACES,
    PLACE_TO_CODE,
    PLACES,
    TRAILING_PLACE,
    country_in_name,
    dateline_countries,
    default_local_countries,
    trie_pattern,
)

# A capitalised word; initials ("L.A. Care") and an abbreviated saint or mount ("St. Anne's Hospital") too.
_CAP = (r"(?:(?:[A-Z]\.){2,}(?=[ \t]+[A-Z])|(?:St|Mt|Ft)\.(?=[ \t]+[A-Z])|[A-Z][\w’'./\-]*\w|[A-Z]|"
        r"[a-z]+[A-Z][\w.\-]*\w)")
# Connectors inside names, English and those of the languages of the places we cover
# ("Instituto Nacional de Ciencias Médicas y Nutrición", "Università degli Studi di Milano").
_FOREIGN_CONN = ("y", "e", "del", "della", "degli", "di", "des", "la", "las", "los", "van", "von", "der", "für", "zu")
_CONN = r"(?:of|and|for|the|de|do|da|du|at|upon|on|&|" + "|".join(_FOREIGN_CONN) + ")"
PHRASE = re.compile(rf"{_CAP}(?:[ \t]+(?:{_CONN}[ \t]+)*{_CAP})*")
HEADS = re.compile(
    r"\b(hospitals?|clinics?|trust|nhs group|group|universit(?:y|ies)|colleges?|institutes?|cent(er|re)s?|health|"
    r"(health|care|healthcare|medical) system|"
    r"healthcare|health care|medicine|networks?|alliance|consortium|coalition|inc|corp|corporation|ltd|llc|plc|"
    r"technologies|systems|labs?|foundation|partners|board|council|department|agency|ministry|"
    r"commission|services|pharmaceuticals|therapeutics|biosciences|healthineers|hospice|campus|district|"
    r"care record|exchange|registry|collaborative|authority|umc|mc|health plan|laborator(y|ies)|society|"
    r"association|government|activity|"
    # company forms and sector words that end a company's name: "Quenby Systems Limited", "Arland AG",
    # "Quenby Life Sciences", "Zorbly Tech", "Arland Health Services Administration"
    r"limited|ag|gmbh|s\.?a|b\.?v|n\.?v|a/s|ab|oy|pty|pte|s\.?p\.?a|co|company|holdings|"
    r"tech|technology|sciences|administration|solutions|software|analytics|diagnostics|genomics|biotech|"
    r"robotics|insurance|assurance|mutual|medical|enterprises|industries)\b\.?$|\w\.(ai|io|com)$|"
    r"\b(institutes?|universit(?:y|ies)|colleges?|councils?|departments?|ministr(?:y|ies)|schools?|"
    r"academ(?:y|ies)|hospitals?|centres?|centers?|"
    r"health|health system|healthcare|"
    # a local or national government named for its place: "City of Arland", "County of Quenby"
    r"city|county|town|borough|municipality|region|government|republic)"
    r" (of|for)\b|"
    # a university in a language that may put an adjective first: "Vrije Universiteit Arland"
    r"\b(universiteit|universität|universitet|uniwersytet)\b",
    re.I,
)
# Names that open with their head word, in English and in the languages of the places we cover (accents
# written or not: "Universite de Montreal").
_OPENING_HEADS = re.compile(
    r"^(hospital|hospice|h[ôo]pital|cl[íi]nica|universidad|universidade|universit[àa]|universit[äa]t|"
    r"universit[ée]|instituto|institut|istituto|university of|klinikum|centro|fundaci[oó]n|funda[cç][aã]o|fondazione|"
    r"fondation|stiftung|hogeschool|högskola|ziekenhuis|krankenhaus|"
    # a public health body named for the place it serves: "NHS Ayrshire & Arran", "NHS Grampian"
    r"nhs)\b",
    re.I,
)
_LEADING_NOISE = {"the", "a", "an", "and", "but", "while", "through", "with", "at", "in", "on", "by",
                  "for", "from", "of", "to", "as", "after", "under", "via", "this", "that", "these",
                  # quantifiers: "Some Ministry of Health sources said"
                  "some", "many", "several", "various", "numerous", "both", "each",
                  # a headline's question: "Why X and Y are teaming up" (not "who": WHO is a body)
                  "why", "how", "what", "when", "where"}
# A title-case phrase opening with a verb is a headline's purpose or a programme, not a body:
# "... Team Up to Improve Healthcare for Veterans", "grants to Advance Interoperable Health IT Services".
PURPOSE_VERBS = frozenset("advance improve support accelerate transform enhance expand strengthen promote enable "
                          "empower boost reduce tackle address deliver modernize modernise".split())
# How a document's name goes on after "Memorandum of" / "Letter of", and the document named alone
# ("Memorandum signed on establishing a centre"): no body's name opens so.
_DOCUMENT_TAILS = frozenset({"understanding", "intent", "memorandum", "memoranda"})
# ... nor does a subject slot's name open so, nor with a cause: "Memorandum signed on ...", "Thanks to a
# collaboration announced today by X and Y, ..."
_NO_SLOT_NAME = _DOCUMENT_TAILS | {"thanks"}
_DOCUMENT_NAME = re.compile(r"(?:Memorand(?:um|a)|Letters?) of ", re.I)
_GENERIC_FIRST = {"university", "royal", "national", "london", "new", "north", "south", "east", "west",
                  "st", "saint", "nhs", "hospital", "health", "medical", "general", "central", "the",
                  "united", "american", "british", "children's", "city", "county", "state", "great"}
# An acronym the text defines: "(UHL)", "(I-DAIR)"; or set off by commas, "The European Centre for
# Disease Prevention and Control, ECDC, announced" (taken only when it spells the name before it).
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z&]{0,8}(?:-[A-Z][A-Za-z]{0,7})?[A-Z])\s*\)|"
                          r",\s*([A-Z][A-Z&]{1,8}(?:-[A-Z]{1,7})?),")


@dataclass(slots=True)
class OrgRef:
    """One organisation as referred to in one article."""

    key: str
    name: str
    org_type: str
    country: str | None
    known: bool
    mentions: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)
    product_spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def via_product(self) -> bool:
        """Known only through a product it makes ("Cerner Millennium"), never by name."""
        return not self.spans


def find_organizations(text: str, gazetteer: Gazetteer, party_names: Iterable[str] = ()) -> list[OrgRef]:
    """All organisations the text names, each once, with every span where it is named.

    ``party_names`` are names found in the slots of announcing sentences (see
    ``party_slots.announced_parties``): organisations even when nothing in the name says so
    ("Cohere", "TriNetX"), added wherever the text names them and nothing else does.
    """
    refs: dict[str, OrgRef] = {}
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, surface: str, known: KnownOrg | None, product: bool = False) -> OrgRef:
        name = known.name if known else strip_the(surface)
        key = org_key(name)
        ref = refs.get(key)
        if ref is None:
            ref = refs[key] = OrgRef(
                key=key,
                name=name,
                org_type=known.org_type if known else infer_org_type(name),
                country=known.country if known else None,
                known=known is not None,
            )
        if product:
            ref.product_spans.append((start, end))
        else:
            ref.mentions.add(surface)
            ref.spans.append((start, end))
        taken.append((start, end))
        # "Deloitte Australia", "GE Healthcare (Little Chalfont, UK)": the place the text writes
        # with the name beats the reference data's head office.
        ref.country = (None if product else _stated_country(text, start, end)) or ref.country
        if ref.country is None:
            ref.country = country_in_name(name) or _country_near(text, start, end)
        return ref

    # "Radiologists at Quenby Medical Center" in a subject slot names the centre only.
    # "Maryland's CRISP" names CRISP: a place's possessive is no part of the name.
    # "Saudi KFSH&RC" names KFSH&RC: a nationality word before a name the text knows alone is no part of it.
    described = (*_appositive_names(text), *_employer_names(text), *_product_owner_names(text))
    party_names = {_without_nationality(_drop_role_prefix(0, _without_place_possessive(n), (" at the ", " at "))[1],
                                        text, gazetteer)
                   for n in (*party_names, *described) if not _common_word(n, text) and not _DATE_NAME.match(n)
                   and n.split()[0].lower() not in _NO_SLOT_NAME}
    # "UCT's Department of Medicine will lead ...": the organisation whose unit or thing it is acts.
    party_names = _split_known_tails({_owner_in_slot(n, party_names, text, gazetteer) for n in party_names})
    longer = _unknown_names_around_known(text, party_names, gazetteer)
    for start, end, surface, org, product in _gazetteer_hits(text, gazetteer):
        if not any(s < start and end <= e for s, e in longer) \
                and not _continued_name(text, start, end, org, gazetteer) \
                and not _generic_name_continued(text, start, surface, gazetteer):
            add(start, end, surface, org, product)
    for start, end, name in shared_plural_names(text):
        if not _overlaps(start, end, taken):
            add(start, end, name, gazetteer.lookup(name))
    for name in sorted(party_names, key=len, reverse=True):  # longest first: a name before its parts
        # Not the first words of a longer name: "Mater" in "Mater Group" is that group.
        for start, end in _name_spans(text, name, _NO_WORD_BEFORE, _POSSESSIVE_NOT_LONGER):
            inside_longer_name = _NAME_BEFORE.search(text[max(0, start - 30):start])
            before = inside_longer_name.group(0).strip() if inside_longer_name else ""
            if before and (_is_place_possessive(before) or _PLACE_BASED.search(before)
                           or name.isupper() and _place_before(text, start)):
                # "Maryland's Quenby Exchange", "Vellore-based CMC", "Saudi QSH" (an acronym): no longer name
                inside_longer_name = None
            if not inside_longer_name and not _overlaps(start, end, taken):
                add(start, start + len(name), name, gazetteer.lookup(name))
    owned: set[str] = set()  # keys of things an organisation has: "Zorblatt's Digital Nerve Centre"
    for start, end, surface in _phrases(text, gazetteer):
        if _overlaps(start, end, taken) and " and " not in surface and " & " not in surface:
            continue
        for s, end_of_part, part in _split_conjunction(text, start, end, surface, gazetteer):
            # "X and the Y" where Y was read already: X is still a name of its own.
            if _overlaps(s, end_of_part, taken):
                continue
            s, part = _drop_role_prefix(s, part)
            bare = _without_nationality(part, text, gazetteer)
            s, part = s + len(part) - len(bare), bare
            fused = _FUSED_BODY.match(part)
            if fused and not is_org_like(part[:fused.end()].rsplit(" ", 2)[0]):
                s, part = s + fused.end(), part[fused.end():]
            known = gazetteer.lookup(part)
            if not known and (OFFICE.match(part) or _SITE_NAME.match(part) and _REPORTING.match(text, s + len(part))):
                continue
            possessed = _POSSESSED_THING.match(part)
            if not known and possessed and _owner(text, possessed.group("owner"), refs, gazetteer):
                # Its owner is named on its own (by the fold below); what it owns is a body of its own
                # ("THP's Credit Valley Hospital") or a thing it has ("Zorblatt's Digital Nerve Centre").
                s, part = s + possessed.start("thing"), possessed.group("thing")
                if infer_org_type(part) in _THING_KINDS:
                    owned.add(org_key(part))
                    continue
            # Head words alone ("Hospitals", "Health", "any Health Board") are a kind of body, not a name.
            # Nor are fields with a kind of body ("Center of Excellence", "Information Technology").
            if known or is_org_like(part) and not heads_only(part) and not fields_only(part) \
                    and part.lower() not in _NOT_NAMES:
                add(s, s + len(part), part, known)
    for ref in [r for r in refs.values() if _is_thing(text, r, owned, refs, gazetteer) or _only_told(text, r)
                or gazetteer.is_outlet(r.key)]:
        del refs[ref.key]
    _add_defined_acronyms(text, refs, taken)
    _fold_short_references(text, refs, taken)
    _rejoin_initialised(text, refs)
    _fold_initialisms(refs)
    for ref in refs.values():  # what the text says an unknown organisation is beats its name
        if ref.country is None:  # spans and names folded in from short references were not looked at yet
            ref.country = next(filter(None, (_country_near(text, s, e) for s, e in sorted(ref.spans))), None) or \
                next(filter(None, map(country_in_name, sorted(ref.mentions))), None)
        described = None if ref.known else next(filter(None, (_type_from_description(text, s, e)
                                                              for s, e in sorted(ref.spans))), None)
        ref.org_type = described or ref.org_type
        if ref.known:
            continue  # the reference data's kind stands: a drug maker is no supplier for being chosen
        if ref.org_type == "other" and any(_SELECTED.search(_same_sentence_before(text, s, 40)) for s, _ in ref.spans):
            ref.org_type = "vendor"  # a name nothing else types, chosen or deployed by someone: the supplier
        if ref.org_type == "other":
            ref.org_type = _type_from_usage(text, ref.spans) or "other"
    default_local_countries(text, refs.values())
    dateline_countries(text, refs.values())
    return sorted(refs.values(), key=lambda r: min(s for s, _ in r.spans + r.product_spans))


def _only_told(text: str, ref: OrgRef) -> bool:
    """Whether the text names it only as the one a speaker tells ("Jane Roe, the CIO, told Modern
    Healthcare"): the outlet that reports the story, not a party to it."""
    return bool(ref.spans) and not ref.product_spans and all(
        _TOLD_BEFORE.search(text, max(0, start - 40), start) for start, _ in ref.spans)


# The words before an outlet a speaker talks to: "told", "in an interview with", "speaking to".
_TOLD_BEFORE = re.compile(r"(?:\btold|\bin an interview with|\b[Ss]peaking (?:to|with)) $")
# What a capitalised name may be besides a body: a medical condition, or a kind of system that
# organisations buy ("Radiology Information System", "Patient Administration System").
_CONDITION = re.compile(r"\b(?:Failure|Diseases?|Syndrome|Disorders?|Infections?)$")
_SYSTEM_KIND = re.compile(r"\b(?:Information|Administration|Management|Record|Records) Systems?$")
# A thing an organisation has or supplies: "Zorblatt's Digital Nerve Centre", "its Care Hub", and
# "eCareCompanion, Quenby's remote monitoring app," (a product named by its appositive). Not a platform,
# viewer or system: the shared records organisations join are the parties of a data-network deal.
_POSSESSED_THING = re.compile(r"(?P<owner>[A-Z][^’']*?)(?:’s|'s|(?<=s)[’']) (?P<thing>[A-Z].*)$")
# What is deployed ("to deploy the Digital Nerve Centre across its hospitals") is a thing, when its name
# ends the noun phrase (in "deploy the Zorblatt platform" the name is its maker's).
_DEPLOYED_BEFORE = re.compile(r"\b(?:deploy|implement|adopt|launch|unveil|introduce|roll(?:s|ed|ing)? out)(?:s|ed|ing)?"
                              r"\s+the\s+$", re.I)
_NOUN_PHRASE_END = re.compile(r"[,.;:)]|\s+(?:across|in|at|to|for|from|on|this|next|over|with|and|by|as|into)\b|\s*$")
_POSSESSOR_BEFORE = re.compile(r"(?:\b(?:[Ii]ts|[Tt]heir)|(?P<owner>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})(?:’s|'s)) $")
_PRODUCT_APPOSITION = re.compile(
    r",\s+(?:an?|the|its|their|(?P<owner>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2})(?:’s|'s))\s+"
    r"(?:(?!(?:of|company|firm|maker|developer|provider|vendor|supplier|start-?up)\b)[\w-]+\s+){0,4}?(?:tool|app|application|software|solution|product|"
    r"programme|program|assistant|copilot|model|suite|module|dashboard|device)s?(?=[,.;)]|\s+(?:that|"
    r"which|from|by|for|developed|built|made|used|to)\b)")
# Kinds of body a product, a programme or a unit may be mistaken for (a named hospital, university or
# agency an organisation has is still a party when the story says so).
_THING_KINDS = ("vendor", "other", "network")
# A new thing a sentence sets up, named after an indefinite article: "to establish a Center of Excellence".
_CREATED_BEFORE = re.compile(r"\b(?:establish|creat|set(?:s|ting)? up|build|launch|open|found)(?:s|es|ed|e|ing)?"
                             r"\s+(?:a|an|the|its|their|(?:the\s+)?[\w.-]+(?:’s|'s))\s+"
                             r"(?:(?:new|first|joint|own)\s+)*$", re.I)
# ... and the kind of thing a name is, written right after it: "its Living Health model".
_THING_NOUN_AFTER = re.compile(r"\s+(?:model|program|programme|initiative|platform|app|tool|strategy|framework|"
                               r"project|brand|product|service|scheme|portal)s?\b")


def _owner_in_slot(name: str, names: set[str], text: str, gazetteer: Gazetteer) -> str:
    """The owner of a slot's "<Owner>'s <Thing>" when the owner is an organisation (known, an acronym
    the text defines, or the first words of another slot's name); else the name as it is."""
    possessed = _POSSESSED_THING.match(name)
    if possessed is None:
        return name
    owner = possessed.group("owner")
    named = any(n == owner or n.startswith(owner + " ") for n in names if n != name)
    return owner if named or gazetteer.lookup(owner) or f"({owner})" in text else name


def _product_owner_names(text: str) -> list[str]:
    """Whose a product its appositive says it is ("eCareCompanion, Quenby's remote monitoring app,"):
    an organisation, its supplier, whatever its name looks like."""
    return [m.group("owner") for m in _PRODUCT_APPOSITION.finditer(text) if m.group("owner")]


def _owner(text: str, name: str, refs: dict[str, OrgRef], gazetteer: Gazetteer) -> bool:
    """Whether ``name`` is an organisation the text names: a known one, one found already, the
    first words of one ("Zorblatt" of "Zorblatt Analytics"), or an acronym the text defines."""
    key = org_key(name)
    return bool(gazetteer.lookup(name)) or key in refs or any(r.key.startswith(key + " ") for r in refs.values()) \
        or f"({name})" in text


_ACADEMIC_UNIT = re.compile(r"(?:Department|Division|Section)s? of ")


def _is_thing(text: str, ref: OrgRef, owned: set[str], refs: dict[str, OrgRef], gazetteer: Gazetteer) -> bool:
    """Whether an unknown name is a thing an organisation has or supplies, not an organisation: the
    text writes it as an organisation's ("Zorblatt's Digital Nerve Centre", "its Digital Nerve
    Centre") or says what product it is ("eCareCompanion, Quenby's remote monitoring platform,")."""
    if ref.known:
        return False
    unit = _ACADEMIC_UNIT.match(ref.name)
    if unit and set(ref.name[unit.end():].lower().replace(",", " ").split()) <= _UNIT_WORDS:
        # "Department of Psychiatry", "Division of Cardiology": a unit of the university or hospital
        # the text names it with, no party beside it ("Department of Biotechnology" is a ministry's)
        return True
    if _SYSTEM_KIND.search(ref.name) or _CONDITION.search(ref.name) and not HEADS.search(ref.name):
        # "a Hospital Information System (HIS)", "Congestive Heart Failure (CHF)"; not a body named for a
        # condition ("Institute for Research in Kidney Disease")
        return True
    thing_kind = ref.org_type in _THING_KINDS
    if thing_kind and ref.key in owned:
        return True
    # Every place the text writes it, also those read as part of a longer name ("Zorblatt's X").
    for start, end in (span for mention in ref.mentions
                       for span in _name_spans(text, mention, _NO_WORD_BEFORE, _NO_WORD_AFTER)):
        # Whatever its head word: what a deal sets up ("to establish a Center of Excellence for AI")
        # and what a body has of a named kind ("its Living Health model").
        if _CREATED_BEFORE.search(text, max(0, start - 40), start):
            return True
        before = _POSSESSOR_BEFORE.search(text, max(0, start - 60), start)
        if before and (before.group("owner") is None or _owner(text, before.group("owner"), refs, gazetteer)) \
                and (thing_kind or _THING_NOUN_AFTER.match(text, end)):
            return True
        if thing_kind and (_PRODUCT_APPOSITION.match(text, end) or (
                _DEPLOYED_BEFORE.search(text, max(0, start - 40), start) and _NOUN_PHRASE_END.match(text, end))):
            return True
    return False


def _unknown_names_around_known(text: str, names: set[str], gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Where a party slot's name we do not know is written, when it holds a shorter known name
    after words of its own ("Bon Secours Mercy Health" holds "Mercy"): the longer name is the
    party, not the known one inside it. Not names that only add words after the known one
    ("Microsoft Azure" is Microsoft's) nor lists ("X and Y")."""
    spans = []
    for name in names:
        if " and " in name or "&" in name or gazetteer.lookup(name) or " " not in name:
            continue
        words = name.split(" ")
        # Words of the name's own before the known one: not "Researchers at X" nor "Ireland's X".
        inner = next((i for i in range(1, len(words)) for j in range(i + 1, len(words) + 1)
                      if gazetteer.lookup(" ".join(words[i:j]))), None)
        if inner is None or any(w.lower() in _NAME_CONNECTORS or not w[:1].isupper() or _is_place_possessive(w)
                                or w.lower() in PLACE_TO_CODE for w in words[:inner]):
            continue
        spans += _name_spans(text, name, _NO_WORD_BEFORE, _NO_WORD_AFTER)
    return spans


# What may continue a known name into a longer one: "of <Name>" ("National Cancer Institute of
# Kenya") or more capitalised words ("University of California San Francisco Health").
_CONTINUATION = re.compile(rf"[ \t]+(?P<of>of[ \t]+(?:the[ \t]+)?)?{_CAP}(?:[ \t]+(?:(?:of|de)[ \t]+)?{_CAP})*")


def _continued_name(text: str, start: int, end: int, org: KnownOrg, gazetteer: Gazetteer) -> bool:
    """Whether a known name is only the first words of a longer name the gazetteer does not know:
    then that longer name is another organisation. "Of" and a name continue it ("National Cancer
    Institute of Kenya"), unless the name is a place of the known body's own country ("Lurie
    Children's Hospital of Chicago" is Lurie's full name). Added capitalised words continue it when
    they end in a head word ("University of California San Francisco Health"), not when they name a
    vendor's product, a unit or a programme the body runs under its own name ("Microsoft Azure Health
    Data Services", "Mayo Clinic Department of Radiology", "OSF HealthCare Children's Hospital",
    "Mayo Clinic Care Network"), nor a place or a plain word ("Mayo Clinic Arizona")."""
    match = _CONTINUATION.match(text, end)
    if match is None:
        return False
    rest = re.sub(r"(?:’s|'s)$", "", match.group(0))
    if gazetteer.lookup(text[start:end] + rest):
        return False
    if match.group("of"):
        code = PLACE_TO_CODE.get(rest[match.end("of") - end:].lower())
        return code is None or org.country not in (None, code)
    return org.org_type != "vendor" and bool(HEADS.search(rest)) and not _UNIT_WORD.search(rest)


def _generic_name_continued(text: str, start: int, surface: str, gazetteer: Gazetteer) -> bool:
    """Whether a known name that opens with a generic word is only the end of a longer name, a word of
    its own written before it in mid-sentence: "Chonnam National University Hospital" is not Singapore's
    National University Hospital. Not after a function word, a place or a known name ("at National
    University Hospital", "Singapore National University Hospital" stays NUH for the reader to weigh)."""
    if not _GENERIC_OPENING.match(surface):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group("word")
    return word.lower() not in _LEADING_NOISE and word.lower() not in PLACE_TO_CODE \
        and not gazetteer.lookup(word) and word.lower() not in _WEEKDAYS


_GENERIC_OPENING = re.compile(r"(?:National|General|University|Children’s|Children's|Memorial|Regional|Community|"
                              r"Royal|Public)\b")
# A capitalised word just before, itself after a lower-case word or a comma (not a sentence's first word).
_WORD_BEFORE = re.compile(r"(?:[a-z,;:]) (?P<word>[A-Z][a-z]+) $")


# Words that make a name a part of the body it continues, not another body.
_UNIT_WORD = re.compile(r"\b(?:department|division|school|faculty|college|labs?|laborator(?:y|ies)|campus|"
                        r"institutes?|board|council|services|systems|network|platform|program|programme|"
                        r"hospitals?|clinics?|medical cent(?:er|re))\b", re.I)


def _split_known_tails(names: set[str]) -> set[str]:
    """"Quenby and Genome Institute of Arland" (a headline's) is two names when the text names
    "Genome Institute of Arland" on its own elsewhere ("Quenby and the Genome Institute ...")."""
    split = set()
    for name in names:
        tail = next((m for m in re.finditer(" and ", name) if name[m.end():] in names), None)
        split |= {name[:tail.start()], name[tail.end():]} if tail else {name}
    return split


# -- helpers -------------------------------------------------------------------------------

def _gazetteer_hits(text: str, gazetteer: Gazetteer):
    compiled = _gazetteer_pattern(gazetteer)
    if compiled is None:
        return
    pattern, forms = compiled
    # The gazetteer writes apostrophes straight; news mostly prints them curly ("Women’s"). One
    # character for one, so the offsets stay those of the text.
    for match in pattern.finditer(text.replace("’", "'")):
        surface = match.group(0)
        org, product = forms[surface]
        yield match.start(), match.end(), surface, org, product


def _gazetteer_pattern(gazetteer: Gazetteer) -> tuple[re.Pattern[str], dict[str, tuple[KnownOrg, bool]]] | None:
    """One pattern matching every surface form (the longest that fits at a place), and what
    each form denotes. The forms are laid out as a trie (``trie_pattern``): the same matches
    as an alternation of all forms longest first, found without trying each form in turn."""
    if gazetteer.matcher is not None:
        return gazetteer.matcher or None
    surface = gazetteer.surface_forms()
    denotes = {form: (org, product) for form, org, product in reversed(surface)}
    forms = sorted({f for f, _, _ in surface if len(f) > 1}, key=len, reverse=True)
    pattern = (
        (re.compile(r"(?<![\w.])" + trie_pattern(forms) + r"(?![\w]|\.\w)"), denotes)
        if forms else None
    )
    gazetteer.matcher = pattern or ()  # () marks "compiled: no forms"
    return pattern


def _phrases(text: str, gazetteer: Gazetteer | None = None):
    for match in PHRASE.finditer(text):
        start, surface = match.start(), match.group(0)
        words = surface.split()
        # Drop sentence-initial function words and possessive place prefixes ("Israel's").
        # ... and descriptions of where it is: "Omaha-based Nebraska Methodist Health System".
        # A place of several words counts whole: "San Francisco-based Purchaser Business Group".
        based = next((i for i, w in enumerate(words[:4]) if _PLACE_BASED.search(w)), -1)
        while words and (words[0].lower() in _LEADING_NOISE or _is_place_possessive(words[0])
                         or _PLACE_BASED.search(words[0]) or based > 0 and len(words) > based):
            start += text[start:].index(words[0]) + len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            words, based = words[1:], based - 1
        # ... and a day after the name: "told Fierce Healthcare Friday".
        while words and (words[-1].lower() in _LEADING_NOISE or words[-1].lower() in _WEEKDAYS):
            words = words[:-1]
        words = before_officer(" ".join(words)).split()
        if not words or words[0].lower() in PURPOSE_VERBS | _DOCUMENT_TAILS or " ".join(words).lower() in _NOT_NAMES \
                or _DOCUMENT_NAME.match(" ".join(words)):
            continue
        surface = " ".join(words)
        possessive = re.search(r"^(.+?)(?:’s|'s)\s", surface)
        if possessive and (gazetteer is not None and gazetteer.lookup(possessive.group(1))):
            surface = possessive.group(1)
        surface = re.sub(r"(’s|'s|’|')$", "", surface)
        if len(surface) < 3 or surface.isupper() and len(words) > 1:
            continue  # headings in capitals are not names
        town = TOWN_BEFORE_BASED.match(text, start)
        if town and text[start:town.end()].rstrip(", \t") == surface:
            continue  # the town of "Franklin, Tenn.-based Acadia Healthcare"
        # A government, local authority or NHS trust written in lower case: "the Western Australian
        # government", "Islington council", "Dorset county council", "Royal Berkshire foundation trust".
        authority = _LOWER_CASE_AUTHORITY.match(text, start + len(surface))
        if authority and not (authority.group(0).endswith("trust") and surface.lower() in PLACE_TO_CODE):
            surface += authority.group(0)  # (not "the Liverpool trust said": a trust described by its city)
        yield start, start + len(surface), surface


# A description glued to a word before a name, of where the body is based or registered or who owns,
# backs or hosts it: "Boston-based", "Irish-domiciled", "Alphabet-owned Verily".
OWNER_WORDS = "owned|backed|funded|hosted"
_BASED_WORDS = rf"-(?:based|headquartered|domiciled|registered|{OWNER_WORDS})"
_PLACE_BASED = re.compile(_BASED_WORDS + "$")
DESCRIBED_PLACE = re.compile(r"(?:(?:[A-Z][\w.]*|of|for|and|the)\s+){0,4}?\S+" + _BASED_WORDS + r"\s+(?=[A-Z])")
# A town before its state or country in such a description: "Franklin, Tenn.-based", "Verona, Wis.-based".
TOWN_BEFORE_BASED = re.compile(r"\b[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?,[ \t]+(?=[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?"
                               + _BASED_WORDS + r"\b)")
_LOWER_CASE_AUTHORITY = re.compile(r" (?:(?:county|city|borough|district|metropolitan borough) )?council\b|"
                                   r" (?:state |provincial |federal )?government\b|"
                                   r" (?:foundation )?trust\b(?! (?:in|that|of|between)\b)")
_HONORIFIC = r"Dr\.?|Mr\.?|Ms\.?|Mrs\.?|Prof\.?"  # a person's, before the name
_MINISTER = re.compile(r"Minister|Secretary")
_OFFICER_WORD = re.compile(rf"C[EFIMOTN]I?O|CMIO|CNIO|President|Chair(?:man|woman)?|Director|Provost|"
                           rf"(?:Vice-)?Chancellor|{_MINISTER.pattern}|Commissioner|Mayor|Governor|{_HONORIFIC}")
# A minister's or secretary's portfolio, before the title: "Northern Ireland's Health Minister Jane Roe".
_PORTFOLIOS = frozenset("Health Finance Prime Foreign Education Digital Science Technology Cabinet State Junior "
                        "Home Trade Industry Innovation Permanent Principal Parliamentary Under".split())
# Words a title opens with before its officer word: "AIIMS Bhubaneswar Executive Director Jane Roe".
_TITLE_MODIFIERS = frozenset("Executive Managing Medical Clinical Deputy Assistant Associate Acting Interim General "
                             "Regional Country Programme Program Research Founding Senior Vice".split())


_GOVERNING_BODY = re.compile(r" Board of (?:Trustees|Directors|Governors|Regents|Supervisors|Commissioners)\b")


def before_officer(name: str) -> str:
    """The employer before an officer's title: "UMass Memorial CEO Dr. Jane Roe" names UMass Memorial;
    and before its governing board: "Westbrook Medical Center Board of Trustees" acts for Westbrook
    Medical Center."""
    name = name[:board.start()] if (board := _GOVERNING_BODY.search(name)) else name
    words = name.split()
    # Not a title that is part of a body's name: "Office of the Director of National Intelligence".
    end = next((i for i, w in enumerate(words) if _OFFICER_WORD.fullmatch(w)
                and not (i and words[i - 1].lower() in ("the", "of", "for"))), len(words))
    modifiers = _TITLE_MODIFIERS | (_PORTFOLIOS if end < len(words) and _MINISTER.fullmatch(words[end]) else set())
    while 0 < end < len(words) and words[end - 1] in modifiers:
        end -= 1
    return " ".join(words[:end])

_NAME_BEFORE = re.compile(r"(?:\b(?!The\b)[A-Z][\w'’.-]*|\bof|\bfor) $")
_NAME_CONNECTORS = {"of", "and", "for", "the", "de", "do", "da", "du", "at", "upon", "on", "&", "–", "-", "in",
                    *_FOREIGN_CONN}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_NOT_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "under", "both", "two", "three", "four", "officials", "executives",
              # a headline's count of the parties: "Eight join UK Health Data Research Alliance"
              "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozens", "hundreds",
              # pronouns and articles opening a later sentence: "They join ...", "A partner at the fund will"
              "they", "we", "he", "she", "this", "these", "those", "a", "an", "according", "together",
              # quantifiers standing for people or bodies: "Many agree that ...", "Some say"
              "many", "most", "some", "several", "all", "each", "few", "others", "various", "numerous",
              # the people a body serves, the first half of its name: "Women & Infants Hospital"
              "women", "children", "infants", "mothers", "babies", "families", "veterans", "seniors", "patients",
              # what is deployed or connected, not who: "deploy AI triage", "roll out EPR modules"
              "ai", "ehr", "epr", "emr", "pacs", "ris", "lims", "it", "ml", "api", "fhir", "mri", "ct", "icu",
              # headline adjectives: "with Global Partners"
              "global", "international", "local", "regional", "national", "major", "leading", "top",
              # degrees after a signatory's name: "Jane Roe, PhD"
              "phd", "mba", "msc", "frcp",
              # fields, laws and kinds written in capitals: "with Artificial Intelligence (AI) as the first
              # area", "in compliance with HIPAA", "NHS Trusts across the country"
              "artificial intelligence", "machine learning", "generative ai", "hipaa", "gdpr", "covid-19", "covid",
              "nhs trusts", "nhs trust", "health systems", "hospitals",
              # a state that calls itself so: "to advance the Kingdom's healthcare capabilities"
              "kingdom", "the kingdom",
              # an NHS body's suffix alone: "... NHS Foundation Trust and NHS Foundation Trust members"
              "nhs foundation trust", "nhs ft", "foundation trust"}


_CAPITALISED = re.compile(r"[A-Z]|[a-z]+[A-Z]")  # "Health", and camel-case brands: "eHealth", "iCare"


# A clause's opening preposition is no name's first word ("Through the agreement, X will ..."), and
# what was signed is no one who signed it ("the Memorandum of Understanding", "the MoU").
_CLAUSE_OPENERS = frozenset("through with after under via from by as while but and on at in".split())
_DOCUMENT_HEADS = frozenset("understanding mou mous moa loi agreement agreements accord contract".split())


# An office and its holder, not a body: "Minister for Health and Children", "Secretary of State",
# "The Honourable Jane Doe", "Principal Secretaries Jane Roe and John Doe", "Health Cabinet Secretary
# Hon. Jane Roe", "Director Quenby Telemedicine", "Dr Jane Roe" (the body an officer serves is found
# apart: "Director of the X Council").
OFFICE = re.compile(r"(?:(?:Senior|Deputy|Assistant|Junior|Under|Vice|The|Former|Acting|Principal|Cabinet|Permanent|"
                    r"Health) )*(?:Ministers?|Secretar(?:y|ies)|Commissioners?|Governor|Mayor|Senator|"
                    r"Congress(?:man|woman)|Honourable|Honorable|Hon\.|Director|Chair(?:man|woman|person)?|"
                    r"(?:General|Managing|Executive|Medical|Clinical|Country|Regional) (?:Manager|Director)|"
                    r"Director[- ]General|Chief (?:[A-Z][a-z]+ ){0,2}(?:Executive|Officer)|Head|Provost|President|"
                    r"Vice[- ]Chancellor|Chancellor|CEO|"
                    rf"Professor|{_HONORIFIC})(?![\w.])"
                    r"(?! of the)")
# A site's own name as the one reporting: "Example.com understands that ...", "... has learned".
_SITE_NAME = re.compile(r"[A-Z][\w-]*\.(?:com|net|org|news|co\.uk|ie|in|com\.au|co\.nz)$")
_REPORTING = re.compile(r"\s+(?:understands|has (?:learned|learnt|seen|obtained|confirmed)|can (?:reveal|confirm)|"
                        r"reported|reports|revealed|asked|contacted|reached out)\b")
# Two bodies written as one: "Ministry of Communications and Information & Ministry of Health" leaves
# "Information & Ministry of Health", which is the ministry after the "&".
_FUSED_BODY = re.compile(r"^[^&]+? (?:&|and) (?=(?:Ministry|Department|Office|Agency) (?:of|for) )")


# A company's legal form, written after its name and often after a comma: "Quenby Systems, Inc.",
# "Arland Net, LLC". Never a name on its own.
LEGAL_FORM = (r"(?:Inc|LLC|L\.L\.C|Ltd|LLP|LP|L\.P|PLC|plc|Corp|Co|GmbH|AG|SA|S\.A|NV|N\.V|BV|B\.V|Pty|Pte|SpA|"
              r"S\.p\.A)\.?")
_LEGAL_FORM_ONLY = re.compile(LEGAL_FORM + r"(?:,? (?:Ltd|Inc)\.?)?")


# An acronym written inside a name, before its last words: "Nottingham University Hospitals (NUH) NHS Trust".
_ACRONYM_INSIDE = re.compile(r"(?<=[a-z]) (\([A-Z][A-Za-z0-9&]{1,9}\)) ((?:NHS )?(?:Foundation )?Trust|"
                             r"(?:University )?Health Board|Integrated Care Board|Health(?:care)? System|"
                             r"Hospitals?|Medical Cent(?:er|re)|Health Service)\b")


def acronym_after_name(text: str) -> str:
    """The text with an acronym written inside a name moved after it, as it is usually written
    ("... Hospitals NHS Trust (NUH)"), so the whole name is read as one; same length, same offsets."""
    return _ACRONYM_INSIDE.sub(r" \2 \1", text)


# Bodies the text names by one plural head shared by two places or fields: "The Illinois and
# Missouri hospital associations", "the ministries of Ayush and Electronics and Information Technology".
_SINGULAR_HEADS = {"associations": "Association", "councils": "Council", "departments": "Department",
                   "ministries": "Ministry", "universities": "University", "boards": "Board",
                   "authorities": "Authority", "agencies": "Agency", "foundations": "Foundation",
                   "societies": "Society", "colleges": "College"}
_HEAD_PLURALS = "|".join(_SINGULAR_HEADS)
_PLACES_SHARING_HEAD = re.compile(
    rf"\b[Tt]he (?P<a>[A-Z][a-z]+(?: [A-Z][a-z]+)?) and (?P<b>[A-Z][a-z]+(?: [A-Z][a-z]+)?) "
    rf"(?P<kind>(?:[a-z]+ ){{0,2}}?)(?P<head>{_HEAD_PLURALS})\b")
_HEAD_SHARED_BY_FIELDS = re.compile(
    # "the ministries of X and Y", "The Brazilian Ministries of X and Y"
    r"\b[Tt]he (?:[A-Z][a-z]+ )?(?P<head>(?i:ministries|departments|universities)) of "
    r"(?P<a>[A-Z][\w-]*(?: [A-Z][\w-]*)*) and "
    r"(?P<b>[A-Z][\w-]*(?:(?: and| of| for|,)? [A-Z][\w-]*)*)")


def shared_plural_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each body a shared plural names, its span being the word that tells
    it from the other ("Illinois" for "Illinois Hospital Association")."""
    found = []
    for m in _PLACES_SHARING_HEAD.finditer(text):
        if all(m.group(g).lower() in PLACE_TO_CODE for g in ("a", "b")):
            tail = f"{m.group('kind').title()}{_SINGULAR_HEADS[m.group('head')]}"
            found += [(m.start(g), m.end(g), f"{m.group(g)} {tail}") for g in ("a", "b")]
    for m in _HEAD_SHARED_BY_FIELDS.finditer(text):
        head = _SINGULAR_HEADS[m.group("head").lower()]
        found += [(m.start(g), m.end(g), f"{head} of {m.group(g)}") for g in ("a", "b")]
    return found


def is_name_chunk(chunk: str) -> bool:
    words = chunk.split()
    if not words or len(words) > 14 or not _CAPITALISED.match(words[0]) or _LEGAL_FORM_ONLY.fullmatch(chunk):
        return False
    if words[0].lower() in _CLAUSE_OPENERS | PURPOSE_VERBS or words[-1].lower() in _DOCUMENT_HEADS \
            or OFFICE.match(chunk):
        return False
    if len(words) > 1 and _is_place_possessive(words[0]) and OFFICE.match(chunk, len(words[0]) + 1):
        return False  # "Burundi’s Permanent Secretary in the Ministry of ..." is an office
    if fields_only(chunk):  # "Ministries of Health, Science and Technology" leaves no body called "Science"
        return False
    if any(not (_CAPITALISED.match(w) or w[:1].isdigit() or w.lower() in _NAME_CONNECTORS) for w in words):
        return False
    low = re.sub(r"^(?:south|north|east|west|southern|northern|eastern|western) ", "", chunk.lower())
    if (low in PLACE_TO_CODE or low in _NOT_NAMES or any(_PLACE_BASED.search(w) for w in words)
            or _is_place_possessive(words[-1])):
        return False
    return not (len(words) == 1 and (low in _GENERIC_FIRST or _CLASS_OF_THINGS.fullmatch(chunk)))


# One word that names a kind, not a body: an initialism in the plural ("GPs", "ICBs") or an
# adjective made from one ("AI-augmented", "NHS-funded").
_CLASS_OF_THINGS = re.compile(r"[A-Z]{2,}s|[A-Z]{2,}-[a-z]+")


_APPOSITION_TYPES = (
    # Before "foundation" and "institute": "a not-for-profit research foundation" does research.
    ("academic", r"\bresearch (foundation|organi[sz]ation|charity|body)\b"),
    ("government", r"\b(regulator|watchdog|(government|public|federal|state|national|health|statutory) "
                   r"(agency|authority|body))\b"),
    # A non-profit or non-governmental organisation (not one that says it is a hospital): no listed kind.
    ("other", r"\b(organi[sz]ation|NGO)\b"),
    ("vendor", r"\b(company|firm|start-?ups?|startup|spin-?outs?|spin-?offs?|vendor|supplier|developer|maker|"
               r"(electronics|technology|tech|software|IT|telecoms?|engineering) (group|giant)|"
               r"provider of|(solutions?|services|technology|software|IT|platform) provider|consultancy|integrator)\b"),
    ("provider", r"\b(health system|hospital|trust|clinic|health service|care provider|hospice|nonprofit|"
                 r"charity)\b"),
    ("academic", r"\b(university|college|institute|school)\b"),
    ("payer", r"\b(insurer|health plan|health maintenance organi[sz]ation|payer)\b"),
    ("network", r"\b(network|exchange|consortium|registry|platform|record)\b"),
    ("other", r"\bfoundation\b"),
)
_APPOSITION_TYPES = tuple((kind, re.compile(pattern, re.I)) for kind, pattern in _APPOSITION_TYPES)


# "Cohere, the Toronto-based enterprise AI company," / "Kestrel Labs, an Omaha-based startup,": the
# head noun of the appositive ends it (so "Jane Doe, a nurse at the hospital," is no organisation).
_APPOSITION_HEAD = (r"(?:an?|the)\s+(?:(?!(?:at|of|in|for|with|from|and|who)\s)[\w-]+\s+){0,6}?"
                    r"(?P<head>start-?ups?|spin-?outs?|spin-?offs?|company|firm|vendor|supplier|developer|maker|"
                    r"(?:solutions?|services|technology|software|IT|platform) provider|consultancy|integrator|"
                    r"health system|"
                    r"hospital|insurer|health plan|university|nonprofit|charity|trust|health service|"
                    r"consortium|network|exchange|registry|institute|"
                    r"(?:research )?foundation|research (?:organi[sz]ation|body)|NGO|"
                    r"(?:non-?profit|not-for-profit|non-governmental|charitable|humanitarian) organi[sz]ation|"
                    r"regulator|watchdog|(?:government|public|federal|state|national|health|statutory) "
                    r"(?:agency|authority|body)|(?:shared|electronic|health|care|patient) record)"
                    # what may follow the head: "..., the company whose AI scribe", "the record used across"
                    r"(?=[,.;)]|\s+(?:that|which|whose|based|in|from|of|for|with|used|run|operated|owned|founded|"
                    r"created|built|backed|led)\b)")
_APPOSITION = re.compile(r",\s+" + _APPOSITION_HEAD)
_APPOSITIVE_NAME = re.compile(rf"(?<![\w.])([A-Z][\w&.'’-]*(?:[ ](?:{_CONN}[ ])*[A-Z][\w&.'’-]*){{0,4}}),\s+(?="
                              + _APPOSITION_HEAD + ")")
# "local start-up Rostr Health", "software company Acme": a description just before the name.
_PREMODIFIER = re.compile(r"\b(start-?up|startup|company|firm|vendor|supplier|developer|maker|insurer|"
                          # "the electronics group NEC" (not "the hospital group X")
                          r"(?:electronics|technology|tech|software|IT|telecoms?|engineering) (?:group|giant))\s+$")


_AWARDED_TO = re.compile(r"(?:\b(?:awards?|awarded|awarding)\b[^.]{0,80}\b(?:contract|deal|tender)\b[^.]{0,30}\bto|"
                         r"\b(?:contract|deal|tender)\b[^.]{0,60}\b(?:awarded|went|goes|let)\s+to)"
                         r"\s+(?:the\s+)?(?:(?!by\s)[\w-]+\s+){0,2}$")  # not who awards it: "to X by Y"
_SELECTED = re.compile(r"\b(?:selected|selects|picks|picked|taps|tapped|chose|chooses|chosen|enlist(?:s|ed)?|"
                       r"(?:deploy|implement|adopt|pilot|appoint)(?:s|ed|ing)?|roll(?:s|ed|ing)? out|"
                       r"(?:software|platform|technology|tools?|systems?|solutions?|products?) (?:from|by)|"
                       r"(?:supplied|provided|built|developed|made|powered) by|"
                       # "a ten-year contract with X", "an IT services deal with X" (not "a deal with X": an
                       # agreement of any kind)
                       r"contract\s+with|(?:IT|software|technology|supply|services)\s+(?:deal|agreement)\s+with)"
                       r"\s+(?:the\s+)?$")
_CONTRACT_AFTER = re.compile(r"\s+(?:a|an|the)\s[^.]{0,60}\b(?:contract|deal)\b")
_BEEN_AWARDED = re.compile(r",?\s+(?:has|have|was|were|had) been (?:awarded|selected as|chosen as|appointed as|"
                           r"(?:selected|chosen|picked|tapped|commissioned|contracted|engaged) by)\b|"
                           r"\s+(?:has |have |had )?(?:won|wins|secured|secures|landed|lands)\s+(?:a|an|the)\s"
                           r"[^.]{0,60}\b(?:contract|deal|tender)\b")


def _awarded_to(text: str, start: int, end: int) -> bool:
    """Whether the name is the one a contract goes to ("awarded a contract to X", "awarded X a
    contract", "X has been awarded"): that one is the supplier, whatever its name suggests."""
    before = _same_sentence_before(text, start, 140)
    if _AWARDED_TO.search(before):
        return True
    if re.search(r"\bawarded\s+$", before) and _CONTRACT_AFTER.match(text, end, end + 80):
        return True
    return bool(_BEEN_AWARDED.match(text, end, end + 60))


def _same_sentence_before(text: str, start: int, width: int) -> str:
    """Up to ``width`` characters before ``start``, not reaching back over a line or sentence end."""
    before = text[max(0, start - width):start]
    return _SENTENCE_BREAK.split(before)[-1]


def _appositive_names(text: str) -> list[str]:
    """Names an appositive describes as an organisation ("Kestrel Labs, an Omaha-based startup,")."""
    names = []
    for match in _APPOSITIVE_NAME.finditer(text):
        name = strip_the(match.group(1))
        if is_name_chunk(name):  # not a person's name: "Dr Jane Roe" opens with an office
            names.append(name)
    return names


# "Zorblatt chief executive Jane Doe", "Quenby Health's chief medical officer": whose officer someone is.
_EMPLOYER = re.compile(r"(?<![\w.’'-])([A-Z][\w&-]*(?:\.\w+)*(?: (?:[A-Z][\w&-]*(?:\.\w+)*|of|and|&)){0,4}?)(?:’s|'s)? "
                       r"(?:chief (?:executive|[a-z]+ officer)|CEO|CTO|CMO|CIO|CFO|co-?founder|founder|president|"
                       r"spokes(?:person|woman|man)|managing director)\b")


_ABOUT_HEADING = re.compile(r"^About (?:the )?([A-Z][^\n.!?:]{0,80}?)[ \t]*$", re.M)


def profiled_names(text: str) -> list[str]:
    """Names a press release's trailer profiles ("About Zorblatt" on a line of its own): organisations,
    whatever their names look like, and often the parties of the release."""
    return [m.group(1) for m in _ABOUT_HEADING.finditer(text) if is_name_chunk(m.group(1))]


# Words that open an officer's title, not an employer's name: "Former CEO Jane Doe".
_ROLE_MODIFIERS = frozenset("Former Interim Acting Deputy Senior Vice Executive Associate Assistant Its Their Our "
                            "Then New Outgoing Incoming Founding Group Regional Global".split())


def _employer_names(text: str) -> list[str]:
    """Names of the bodies people are officers of: organisations whatever their names look like."""
    names = []
    for match in _EMPLOYER.finditer(text):
        name = strip_the(match.group(1))
        if is_name_chunk(name) and name.split()[-1] not in ("and", "of", "&") and name not in _ROLE_MODIFIERS:
            names.append(name)
    return names


def _type_from_description(text: str, start: int, end: int) -> str | None:
    """The kind of organisation the text says a name is: an appositive after it ("Cohere, the
    Toronto-based enterprise AI company") or a description before it ("local start-up Rostr Health")."""
    match = _APPOSITION.match(text, end, end + 120)
    described = match.group("head") if match else None
    before = _PREMODIFIER.search(_same_sentence_before(text, start, 20))
    described = described or (before.group(1) if before else None)
    if described is None and _awarded_to(text, start, end):
        return "vendor"
    if described is None:
        return None
    return next((t for t, pattern in _APPOSITION_TYPES if pattern.search(described)), None)


# What a name is used with says what kind of body it is: "Microsoft engineers", "X's tools" (a
# vendor; not "platform": data networks call themselves one); "Emory clinicians", "X's
# hospitals" (a provider); "Georgia Tech faculty" (academic); "X's members" (a payer).
_USAGE_KINDS = (
    ("vendor", re.compile(r"(?:’s|'s)?\s+(?:engineers|developers|software|app|tools?|algorithms?|"
                          r"cloud|devices?|sensors?|products?)\b")),
    ("provider", re.compile(r"(?:’s|'s)?\s+(?:clinicians|nurses|physicians|doctors|surgeons|hospitals|clinics|"
                            r"patients|wards|emergency departments?)\b")),
    ("academic", re.compile(r"(?:’s|'s)?\s+(?:faculty|students|professors|researchers and students)\b")),
    ("payer", re.compile(r"(?:’s|'s)?\s+(?:members|policyholders|enrollees|health plans?)\b")),
)


def _type_from_usage(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The kind most uses of a name of no known kind point to (none when two kinds tie)."""
    votes = [kind for _, end in spans for kind, pattern in _USAGE_KINDS if pattern.match(text, end, end + 40)]
    if not votes:
        return None
    top = max(set(votes), key=votes.count)
    return top if all(votes.count(k) < votes.count(top) for k in set(votes) - {top}) else None


def is_org_like(name: str) -> bool:
    """A head word at the end ("... Hospital"), also before a place ("Trinity College Dublin"),
    an opening head ("Hospital Israelita ..."), or a lower-first brand before the place it serves
    ("eHealth Ontario", "iCare NSW"): a body named for its region, as "NHS Grampian" is."""
    bare = _TRAILING_DIRECTION.sub("", TRAILING_PLACE.sub("", name))  # "Baptist Health South Florida"
    return bool(HEADS.search(name) or (bare != name and (HEADS.search(bare) or _LOWER_FIRST_BRAND.fullmatch(bare)))
                or (_OPENING_HEADS.search(name) and len(name.split()) > 1))


_LOWER_FIRST_BRAND = re.compile(r"[a-z]{1,2}[A-Z][\w-]*")


# A date in capitals read as a name: "APRIL 7TH 2016".
_DATE_NAME = re.compile(r"(?i:january|february|march|april|may|june|july|august|september|october|november|"
                        r"december)\s+\d")
_COMPANY_NOUN = re.compile(r"(?:[Cc]ompany|[Ff]irm|[Ss]tart-?up|[Dd]rugmaker|(?:[Pp]harma(?:ceutical)?|[Tt]ech) "
                          r"(?:[Cc]ompany|[Ff]irm)) (?=[A-Z])")


def _without_nationality(name: str, text: str, gazetteer: Gazetteer) -> str:
    """A name without a place or nationality word glued before it ("Saudi KFSH&RC", "Emirati SEHA",
    "Saudi Arabia QSH") when the rest alone is a known name, an acronym the text defines, or a name the
    text also writes alone, and always without a dateline's place and dash ("Riyadh, Saudi Arabia –
    QSH"). "Saudi German Hospital" keeps its first word: the rest is no name on its own (it opens with
    a place or a generic word, or is a head word alone)."""
    words = name.split(" ")
    cut = next((i for i in (3, 2, 1) if len(words) > i and " ".join(words[:i]).lower() in PLACE_TO_CODE), 0)
    if not cut or gazetteer.lookup(name):
        return name
    rest = " ".join(words[cut:])
    dash = re.match(r"[-–—]+ ", rest)
    rest = rest[dash.end():] if dash else rest
    described = _COMPANY_NOUN.match(rest)
    if described:  # "Indian Company Akums Drugs": a description of where a company is from
        return rest[described.end():]
    lead = rest.split()[0].lower() if rest.split() else ""
    if lead in PLACE_TO_CODE or lead in _GENERIC_FIRST or HEADS.fullmatch(rest) or not is_name_chunk(rest):
        return name
    if dash or gazetteer.lookup(rest) or f"({rest})" in text or \
            len(_name_spans(text, rest, _NO_WORD_BEFORE, _NO_WORD_AFTER)) > len(_name_spans(text, name, _NO_WORD_BEFORE,
                                                                                               _NO_WORD_AFTER)):
        return rest
    return name


def _place_before(text: str, start: int) -> bool:
    """Whether the one to three words before ``start`` name a place ("Saudi Arabia QSH")."""
    words = text[max(0, start - 40):start].split()
    return any(" ".join(words[-n:]).lower() in PLACE_TO_CODE for n in (1, 2, 3) if len(words) >= n)


def _without_place_possessive(name: str) -> str:
    """The name without a place's possessive before it, of up to three words ("Maryland's CRISP",
    "Northern Ireland's Department of Health")."""
    words = name.split(" ")
    cut = next((k for k in range(1, min(4, len(words))) if _is_place_possessive(" ".join(words[:k]))), 0)
    return " ".join(words[cut:])


def _common_word(name: str, text: str) -> bool:
    """A one-word name the text also writes in lower case ("Radiologists ..." opening a sentence,
    "... radiologists" elsewhere) is a common word capitalised by its place, not a name."""
    return " " not in name and bool(_name_spans(text, name.lower(), _NO_WORD_BEFORE, _NO_WORD_AFTER))


def joins_places(left: str, right: str) -> bool:
    """Whether "and" joins the places a name that opens with its head serves ("NHS Dumfries and
    Galloway", "NHS Cambridgeshire and Peterborough Integrated Care Board"), not two names
    ("NHS Fife and NHS Tayside"): the left side is organisational only by its first word."""
    return bool(_OPENING_HEADS.search(left)) and not HEADS.search(left) and not _OPENING_HEADS.search(right)


def _drop_role_prefix(start: int, surface: str, separators: tuple[str, ...] = (" of the ", " at the ", " of ", " at ")
                      ) -> tuple[int, str]:
    """"CEO of the London Clinic" -> "London Clinic": a left part that is no organisation goes, and
    so does a description of where it is ("Omaha-based Nebraska Methodist Health System")."""
    based = DESCRIBED_PLACE.match(surface)
    if based:
        start, surface = start + based.end(), surface[based.end():]
    for sep in separators:
        left, found, right = surface.partition(sep)
        if found and not is_org_like(left) and is_org_like(right):
            return start + len(left) + len(sep), right
    return start, surface


# A public body's remit in two words, one name: "Texas Health and Human Services Commission",
# "Department of Health and Social Care", "Ministry of Health and Family Welfare".
ONE_NAME_PAIR = re.compile(r"\bHealth(?: and | & )(?:Human|Social|Family|Senior|Mental|Hospitals?|Wellness|"
                           r"Environment(?:al)?|Welfare|Aged Care|Community)\b|"
                           # ... and the two marks of one insurer: "Blue Cross and Blue Shield of Vermont"
                           r"\bBlue Cross(?: and | & )Blue Shield\b")


def heads_only(name: str) -> bool:
    """Every word a head word ("Health Board", "Medical Center"): a kind of body, no body's name."""
    return all(HEADS.fullmatch(word) for word in name.split())


def head_word_only(name: str) -> bool:
    """A kind of body with no name ("The Hospital" in "The Hospital and Healthsystem Association of
    Pennsylvania"): the first words of one name, never a name of its own."""
    return bool(HEADS.fullmatch(strip_the(name)))


def _split_conjunction(text: str, start: int, end: int, surface: str, gazetteer: Gazetteer):
    """Split "A and B" into two organisations when A already is one on its own."""
    if gazetteer.lookup(surface) or abbreviated(text, surface):
        # Known, or one name the text abbreviates ("... Industries and Associations" as "EFPIA").
        yield start, end, surface
        return
    place = re.match(r"(?P<place>[A-Z][\w’'.-]*) (?:and|&) (?=[A-Z])", surface)
    if place and text.endswith(" in ", max(0, start - 4), start) and not is_org_like(place.group("place")):
        # "Radboudumc in Nijmegen and Maastricht UMC": the word after "in" is where the one before is
        start, surface = start + place.end(), surface[place.end():]
    for sep in (" and ", " & "):
        # At the first conjunction whose left side is an organisation on its own ("University Hospitals
        # of Derby and Burton NHS Foundation Trust and Sherwood Forest ..." splits at the second "and").
        for cut in (m.start() for m in re.finditer(re.escape(sep), surface)):
            left, right = surface[:cut], surface[cut + len(sep):]
            if joins_places(left, right) or ONE_NAME_PAIR.search(left + sep + right[:20]):
                continue
            # "X and East Lansing-based Y": a description of where it is opens a name of its own. Fields
            # next are the rest of one name: "Ministry of Transport and Communications and X" cuts at X.
            if right.startswith("the ") or DESCRIBED_PLACE.match(right) or (
                    gazetteer.lookup(left) or is_org_like(left) and not head_word_only(left)) \
                    and not fields_only(re.split(r" and | & ", right, maxsplit=1)[0]):
                yield start, start + len(left), left
                right_start = start + len(left) + len(sep)
                if right.startswith("the "):
                    right_start, right = right_start + len("the "), right[len("the "):]
                yield from _split_conjunction(text, right_start, end, right, gazetteer)
                return
    yield start, end, surface


def initials(name: str) -> str:
    """The capital letters a name's initialism is made of: the first letter of each word but its
    connectors, and the capitals inside a word ("HealthCare" gives two)."""
    return "".join(w[0] + "".join(c for c in w[1:] if c.isupper()) if not w.isupper() else w
                   for w in re.findall(r"[\w’'.-]+", name) if w.lower() not in _NAME_CONNECTORS and w[0].isupper())


def abbreviated(text: str, name: str) -> bool:
    """Whether the text writes the name's initialism (of three letters or more) as a word of its own."""
    spelled = initials(name)
    # (by ``str.find``: a pattern built per name filled the regular-expression cache with patterns
    # used once, and compiling them was 6% of classifying)
    return len(spelled) >= 3 and bool(_name_spans(text, spelled, _NO_WORD_BEFORE, _NO_WORD_AFTER))


_ACRONYM_WORDS_LEFT_OUT = 2


def _long_form(text: str, acronym: str, end: int, owner_start: int,
               words_left_out: int = _ACRONYM_WORDS_LEFT_OUT) -> int | None:
    """Where the name an acronym defines starts, when it starts before the organisation read just
    before it: "Collaborative Research in Engineering, Science and Technology (CREST)" names one
    body, which the text's commas and "and" had cut in parts. The words back from ``end`` whose
    initials spell the acronym, through connectors and commas, within the sentence. An acronym
    often leaves a word or two out ("European Centre for Disease Prevention and Control" is ECDC,
    "International Digital Health and AI Research Collaborative" I-DAIR): up to two capitalised
    words may be passed over, never the first, whose initial the acronym must open with."""
    letters = acronym.replace("-", "").upper()
    words = list(re.finditer(r"[\w’'.&-]+|,", text[max(0, owner_start - 200):end]))
    offset = max(0, owner_start - 200)
    spelled, passed_over = "", 0
    for word in reversed(words):
        token = word.group(0)
        if token == "," or token.lower() in _NAME_CONNECTORS:
            continue
        if not token[0].isupper():
            return None
        longer = initials(token).upper() + spelled
        if not letters.endswith(longer):
            passed_over += 1
            if passed_over > words_left_out:
                return None
            continue
        spelled = longer
        if len(spelled) == len(letters):
            start = offset + word.start()
            return start if start < owner_start else None
    return None


def _add_defined_acronyms(text: str, refs: dict[str, OrgRef], taken: list[tuple[int, int]]) -> None:
    for match in _ACRONYM_DEF.finditer(text):
        acronym = match.group(1) or match.group(2)
        owner = next((r for r in refs.values() if any(e <= match.start() <= e + 2 for _, e in r.spans)), None)
        if owner is None and match.group(1):
            owner = _spelled_body(text, acronym, match.start(), refs, taken)
        if owner is None:
            continue
        owner_span = next(span for span in owner.spans if span[1] <= match.start() <= span[1] + 2)
        start = None if owner.known else _long_form(text, acronym, owner_span[1], owner_span[0])
        if match.group(2) and start is None and initials(owner.name).upper() != acronym.replace("-", ""):
            continue  # "X, CMS, and Y": a list's next item, not the name of the one before it
        if start is not None:
            owner = _widen(refs, owner, owner_span, (start, owner_span[1]), text)
        owner.mentions.add(acronym)
        alone = refs.get(org_key(acronym))
        if alone is not None and alone is not owner and not alone.known:
            owner.spans += alone.spans
            owner.product_spans += alone.product_spans
            del refs[alone.key]
        for use in _name_spans(text, acronym, _NO_WORD_OR_PAREN_BEFORE, _NO_WORD_OR_PAREN_AFTER):
            if not _overlaps(*use, taken):
                owner.spans.append(use)
                taken.append(use)


def _spelled_body(text: str, acronym: str, position: int, refs: dict[str, OrgRef],
                  taken: list[tuple[int, int]]) -> OrgRef | None:
    """The body an acronym in brackets at ``position`` spells letter for letter, when nothing before it
    was read as one ("Applied Research in Medicine, Imaging and Technology (ARMIT)", its pieces being
    fields, not names); a long form that is no body's name ("Artificial Intelligence (AI)") is none."""
    end = len(text[:position].rstrip())
    start = _long_form(text, acronym, end, end, words_left_out=0)
    if start is None or _overlaps(start, end, taken):
        return None
    name = text[start:end]
    if not is_org_like(name) or fields_only(name):
        return None
    ref = refs.setdefault(org_key(name), OrgRef(key=org_key(name), name=name, org_type=infer_org_type(name),
                                                country=None, known=False))
    ref.spans.append((start, end))
    ref.mentions.add(name)
    taken.append((start, end))
    return ref


def _widen(refs: dict[str, OrgRef], owner: OrgRef, span: tuple[int, int], wider: tuple[int, int],
           text: str) -> OrgRef:
    """``owner``, named at ``span``, named by the ``wider`` span around it instead; the pieces of
    that name read as organisations of their own (named nowhere else) are folded away."""
    start, end = wider
    name = text[start:end]
    for ref in [r for r in refs.values() if r is not owner and not r.known
                and all(start <= a and b <= end for a, b in r.spans)]:
        del refs[ref.key]
    del refs[owner.key]
    owner.spans = [wider if s == span else s for s in owner.spans]
    owner.mentions.add(name)
    owner.name, owner.key = name, org_key(name)
    owner.org_type = infer_org_type(name) if owner.org_type == "other" else owner.org_type
    merged = refs.setdefault(owner.key, owner)
    if merged is not owner:
        _merge_into(merged, owner)
    return merged


def _merge_into(target: OrgRef, ref: OrgRef) -> None:
    """``ref`` is another name of ``target``: its names and spans become the target's."""
    target.mentions |= ref.mentions
    target.spans += ref.spans
    target.product_spans += ref.product_spans


def _rejoin_initialised(text: str, refs: dict[str, OrgRef]) -> None:
    """Two names joined by "and" are one when the text abbreviates the whole: "European Federation
    of Pharmaceutical Industries and Associations" beside "EFPIA"."""
    for ref in list(refs.values()):
        if ref.known or ref.key not in refs:
            continue
        for span in list(ref.spans):
            joined = _JOINED_NAME.match(text, span[1])
            if joined is None:
                continue
            end = span[1] + len(joined.group(0))
            if abbreviated(text, text[span[0]:end]):
                _widen(refs, ref, span, (span[0], end), text)
                break


# What may join a name's last word to the rest of it: " and Associations", " & Family of Clinics".
_JOINED_NAME = re.compile(r"(?: and | & )[A-Z][\w’'.-]*(?: (?:of |for |and |& )?[A-Z][\w’'.-]*){0,4}")


def _fold_initialisms(refs: dict[str, OrgRef]) -> None:
    """An initialism the text uses without defining it is the one organisation it spells ("AHN"
    for Allegheny Health Network, "SUAD" for Sorbonne University Abu Dhabi)."""
    for key, ref in list(refs.items()):
        # ... also written in parts: "CSIR-IICT" for CSIR Indian Institute of Chemical Technology
        if ref.known or not re.fullmatch(r"[A-Z]{2,6}(?:-[A-Z]{2,6})?", ref.name):
            continue
        letters = ref.name.replace("-", "")
        spelled = [r for r in refs.values()
                   if r is not ref and len(r.name.split()) > 1 and initials(r.name) == letters]
        if len(spelled) == 1:
            _merge_into(spelled[0], ref)
            del refs[key]


def _fold_short_references(text: str, refs: dict[str, OrgRef], taken: list[tuple[int, int]]) -> None:
    """Attach first-word or leading-words references ("Northwestern's") to the full name."""
    firsts: dict[str, list[OrgRef]] = {}
    for ref in refs.values():
        first = ref.name.split()[0].lower()
        if len(ref.name.split()) > 1 and first not in _GENERIC_FIRST and first not in PLACE_TO_CODE:
            firsts.setdefault(first, []).append(ref)
    for key, ref in list(refs.items()):
        # A shorter unknown ref that is the leading words of a longer one is the same org.
        # Two words or more may end inside a word: "Peter Mac" for "Peter MacCallum Cancer Centre".
        # So is a trust named by its leading words in lower case ("Fenmoor trust" for "Fenmoor
        # University Hospitals NHS Trust").
        trust = ref.name.endswith(" trust")
        lead = org_key(ref.name[:-len(" trust")]) if trust else key
        longer = [r for r in refs.values() if r is not ref and (not trust or r.name.endswith("Trust")) and (
            r.key.startswith(lead + " ") or (len(lead.split()) >= 2 and r.key.startswith(lead)))]
        # One word only when it is a distinctive one ("Essentia" for "Essentia Health" in a headline).
        distinctive = len(lead.split()) >= 2 or (lead not in _GENERIC_FIRST and lead not in PLACE_TO_CODE)
        # Not when the longer name is another kind of body ("Dubai Health" vs "Dubai Health Authority").
        same_kind = len(longer) == 1 and infer_org_type(ref.name) in ("other", infer_org_type(longer[0].name))
        if not ref.known and same_kind and distinctive:
            _merge_into(longer[0], ref)
            del refs[key]
    for owners in firsts.values():
        if len(owners) != 1:
            continue
        owner = owners[0]
        word = owner.name.split()[0]
        for use in _name_spans(text, word, _NO_WORD_BEFORE, _POSSESSIVE_NO_WORD_AFTER):
            if not _overlaps(*use, taken):
                owner.mentions.add(word)
                owner.spans.append(use)
                taken.append(use)


_TRAILING_DIRECTION = re.compile(r"\s+(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)$")
_BASED = r"([A-Z][\w.]*(?: [A-Z][\w.]*)?)-(?:based|founded|headquartered)"
_BASED_AFTER = re.compile(rf",\s+(?:an?|the)\s+(?:[a-z][\w-]*\s+){{0,2}}{_BASED}\b")
_BASED_BEFORE = re.compile(rf"\b{_BASED}\s+(?:[\w-]+\s+){{0,3}}$")
_POSSESSIVE_PLACE_BEFORE = re.compile(r"([A-Z][\w.]*(?: [A-Z][\w.]*)?)(?:’s|'s)\s*$")
_PLACE_AFTER = re.compile(r",? (?:in|of|based in) ([A-Z][\w.]*(?: [A-Z][\w.]*)?)")
_POSSESSIVE_END = re.compile(r"(’s|'s)$")
_LEADING_THE = re.compile(r"^(?:The|the)\s+")
_SENTENCE_BREAK = re.compile(r"\n|[.!?]\s")


# What may stand around a name's use (see ``_name_spans``).
_NO_WORD_BEFORE = re.compile(r"(?<![\w-])")
_NO_WORD_OR_PAREN_BEFORE = re.compile(r"(?<![\w(])")
_NO_WORD_AFTER = re.compile(r"(?![\w-])")
_NO_WORD_OR_PAREN_AFTER = re.compile(r"(?![\w)])")
_POSSESSIVE_NO_WORD_AFTER = re.compile(r"(?:’s|'s)?(?![\w-])")
# ... and not followed by another capitalised word (the first words of a longer name).
_POSSESSIVE_NOT_LONGER = re.compile(r"(?:’s|'s)?(?![\w-]|[ \t]+[A-Z][a-z])")


def _name_spans(text: str, name: str, before: re.Pattern[str], after: re.Pattern[str]) -> list[tuple[int, int]]:
    """The spans ``re.finditer(before + re.escape(name) + after, text)`` gives, without compiling a
    pattern per name: names are new in almost every article, and compiling their patterns cost about
    1 ms an article. ``before`` is a lookbehind; ``after`` may consume (``'s``)."""
    if not name:  # an empty name matches between characters: leave that case to the regex itself
        return [m.span() for m in re.finditer(before.pattern + after.pattern, text)]
    spans = []
    start = text.find(name)
    while start >= 0:
        tail = after.match(text, start + len(name)) if before.match(text, start) else None
        if tail is None:
            start = text.find(name, start + 1)
        else:
            spans.append((start, tail.end()))
            start = text.find(name, tail.end())
    return spans


def _country_near(text: str, start: int, end: int) -> str | None:
    before = text[max(0, start - 40):start]
    match = _POSSESSIVE_PLACE_BEFORE.search(before)
    if match and match.group(1).lower() in PLACE_TO_CODE:
        return PLACE_TO_CODE[match.group(1).lower()]
    after = text[end:end + 40]
    match = _PLACE_AFTER.match(after)
    if match and match.group(1).lower() in PLACE_TO_CODE:
        return PLACE_TO_CODE[match.group(1).lower()]
    # "Tidewell, a Chicago-based company" / "Boston-based startup Zorbly"
    based = _BASED_AFTER.match(text[end:end + 60]) or _BASED_BEFORE.search(_same_sentence_before(text, start, 60))
    if based and based.group(1).lower() in PLACE_TO_CODE:
        return PLACE_TO_CODE[based.group(1).lower()]
    # "Singapore firm Ufinity", "Finnish startup Silo AI", "Kenya's leading payments company Mvuli";
    # "Mvuli, a Kenyan software company"
    kind = _PLACE_KIND_BEFORE.search(_same_sentence_before(text, start, 80)) or _PLACE_KIND_AFTER.match(text, end)
    if kind and kind.group(1).lower() in PLACE_TO_CODE:
        return PLACE_TO_CODE[kind.group(1).lower()]
    return None


# Where a name's own words place it: a country after it ("Quillomatic Australia", its local arm), or
# a parenthesis whose last part is a place ("Quillomatic (Little Harbour, UK)", "Zorbly (Boston)").
_COUNTRY_NAMES = [names[0] for names in PLACES.values() if names[0] not in AMBIGUOUS_PLACES] + [
    "United Kingdom", "United States", "England", "Scotland", "Wales", "Northern Ireland"]
_ARM_COUNTRY = re.compile(r"[ \t]+(" + "|".join(map(re.escape, _COUNTRY_NAMES)) + r")(?![\w-]|\.\w)")
_PLACE_IN_PARENTHESIS = re.compile(r"[ \t]*\((?:[^()\n]{0,40}?[,;][ \t]*)?([A-Z][^()\n,;]{1,30})\)")
# A person's title around the name: "general manager for X UAE", "X UK managing director Jane Roe"
# name the unit a person heads, not the party (the company as a whole).
_OFFICER_BEFORE = re.compile(r"\b(?:chief [a-z]+(?: officer)?|CEO|CTO|CIO|CMO|CFO|president|director|manager|head|"
                             r"lead|chair(?:man|woman)?|officer)[ \t]*(?:,|of|for|at)[ \t]+(?:the[ \t]+)?$", re.I)
_OFFICER_AFTER = re.compile(r"(?:’s|'s)?[ \t]+(?:chief|CEO|CTO|CIO|CMO|CFO|president|managing director|"
                            r"general manager|country manager|director|head)\b")


def _stated_country(text: str, start: int, end: int) -> str | None:
    """The country the words right after a name give it (see ``_ARM_COUNTRY``), if any."""
    if _OFFICER_BEFORE.search(_same_sentence_before(text, start, 60)):
        return None
    match = _ARM_COUNTRY.match(text, end) or _PLACE_IN_PARENTHESIS.match(text, end)
    if match is None or _OFFICER_AFTER.match(text, match.end()):
        return None
    return PLACE_TO_CODE.get(match.group(1).lower())


_COMPANY_KINDS = r"(?:firm|company|start-?up|startup|vendor|supplier|developer|maker|group)"
_PLACE_KIND_BEFORE = re.compile(r"\b([A-Z][\w.]*(?: [A-Z][\w.]*)?)(?:’s|'s)?\s+(?:[a-z][\w-]*\s+|AI\s+|IT\s+){0,3}"
                                + _COMPANY_KINDS + r"\s+$")
_PLACE_KIND_AFTER = re.compile(r",\s+(?:an?|the)\s+(?:[a-z][\w-]*\s+){0,2}?([A-Z][\w.]*(?: [A-Z][\w.]*)?)\s+"
                               r"(?:[a-z][\w-]*\s+|AI\s+|IT\s+){0,3}?" + _COMPANY_KINDS + r"\b")


def _is_place_possessive(word: str) -> bool:
    base = _POSSESSIVE_END.sub("", word)
    return base != word and base.lower() in PLACE_TO_CODE


def strip_the(name: str) -> str:
    return _LEADING_THE.sub("", name).strip()


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


# A party referred back to by place and kind: "the Massachusetts-based vendor", "the Verona,
# Wisconsin-based EHR vendor", "the Boston health system", "the Seattle company's".
_DESCRIBED_KINDS = r"company|firm|start-?up|vendor|supplier|developer|maker|health system|system|hospital|trust|" \
                   r"clinic|health service|insurer|health plan|payer|university|college|institute|network|exchange"
_PLACE_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+(?:[A-Z][\w.]*(?: [A-Z][\w.]*)?,\s+)?(?P<place>[A-Z][\w.]*(?: [A-Z][\w.]*)?)(?:-based|-headquartered)?"
    rf"\s+(?P<desc>(?:(?!the\b)[\w-]+\s+){{0,3}}?(?:{_DESCRIBED_KINDS}))(?:’s|'s|s)?\b")


# An unnamed party described by where it is from: "a contract with a company from Northern Ireland".
_KIND_FROM_PLACE = re.compile(
    rf"\ban?\s+(?P<desc>(?:(?!the\b)[\w-]+\s+){{0,3}}?(?:{_DESCRIBED_KINDS}))\s+(?:from|based in)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w.]*(?: [A-Z][\w.]*)?)")


def place_descriptions(text: str) -> list[tuple[str, str]]:
    """(country, kind) of every "the <place>[-based] <kind>" back-reference, and every "a <kind> from
    <place>" description, in the text, where the place is one we know and the kind one of the
    organisation kinds (``provider`` for "system")."""
    found = []
    for match in (*_PLACE_DESCRIPTION.finditer(text), *_KIND_FROM_PLACE.finditer(text)):
        place = match.group("place").lower()  # a sentence's full stop may end it: "from Northern Ireland."
        code = PLACE_TO_CODE.get(place) or PLACE_TO_CODE.get(place.rstrip("."))
        desc = match.group("desc")
        kind = next((t for t, pattern in _APPOSITION_TYPES if pattern.search(desc)), None)
        if kind is None and re.search(r"\bsystem$", desc):
            kind = "provider"
        if code and kind:
            found.append((code, kind))
    return found


# A company profile's "X is headquartered in Boston" / "X, founded in 2015, is based in Oslo, Norway".
_PROFILE_PLACE = re.compile(r"(?:’s|'s)?(?:,|\s)[^.\n]{0,120}?\b(?:headquartered|based|located) in "
                            r"(?:the )?(?P<first>[A-Z][\w.]*(?: [A-Z][\w.]*)?)"
                            r"(?:,\s+(?P<second>[A-Z][\w.]*(?: [A-Z][\w.]*)?))?")


def profile_country(text: str, mentions: Iterable[str], others: Iterable[str] = ()) -> str | None:
    """The country a sentence about the organisation says it is based in, wherever in the text
    (a press release's "About X" trailer included): "X is headquartered in Boston" -> US. Not
    when another organisation of ``others`` is named between the name and the place."""
    others = [o for o in others if o]
    for mention in mentions:
        for _, end in _name_spans(text, mention, _NO_WORD_BEFORE, _NO_WORD_AFTER):
            match = _PROFILE_PLACE.match(text, end)
            if match is None or any(o in text[end:match.start("first")] for o in others):
                continue
            for place in (match.group("second"), match.group("first")):
                if place and place.lower() in PLACE_TO_CODE:
                    return PLACE_TO_CODE[place.lower()]
    return None


# Medical specialties, what a hospital's or university's departments are named for.
SPECIALTIES = frozenset("psychiatry psychotherapy psychosomatic neurosciences neuroscience neurology oncology "
                        "cardiology radiology pathology surgery paediatrics pediatrics anaesthesia anesthesiology "
                        "dermatology ophthalmology orthopaedics orthopedics urology obstetrics gynaecology gynecology "
                        "epidemiology biostatistics immunology microbiology genetics psychology physiology "
                        "pharmacology rheumatology endocrinology gastroenterology nephrology haematology hematology "
                        "virology midwifery rehabilitation preventive adolescent".split())
# What a clinical or academic department is named with: its specialty, whom it treats, connectors.
_UNIT_WORDS = SPECIALTIES | frozenset("medicine child social and & of".split())
# Fields of study a school or faculty is named after: "School of Medicine and Public Health" is one name.
_FIELDS = frozenset("public health medicine medical science sciences nursing dentistry pharmacy technology "
                    "research care social policy engineering life biomedical population global "
                    "data digital informatics analytics innovation genomics imaging robotics education "
                    # and what ministries are named after: "Ministry of Health and Welfare"
                    "welfare family human services information safety security excellence "
                    "communications telecommunications transport finance trade industry labour labor environment "
                    "energy agriculture justice defence defense culture tourism affairs economy commerce "
                    "employment housing infrastructure".split()) | SPECIALTIES


def fields_only(name: str) -> bool:
    """Fields of study and kinds of body only ("Public Health", "Health Sciences System", "Family of
    Clinics"): the second half of one name, never an organisation of its own."""
    words = name.lower().split()
    return bool(words) and all(w in _FIELDS or w in _GENERIC_HEADS for w in words) \
        and not all(w in _GENERIC_HEADS for w in words)


# Head words that name a kind of body, not one body: "... Hospital and Health Sciences System".
_GENERIC_HEADS = frozenset("system systems network center centre clinic clinics services group institute "
                           "of and for the &".split())
