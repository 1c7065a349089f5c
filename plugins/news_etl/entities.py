"""Finding organisation mentions in article text and resolving them within the article.

Three sources of mentions, merged per article:

1. names, aliases and products from the gazetteer;
2. capitalised phrases whose head word marks an organisation ("... NHS Trust",
   "... Medical Center", "University of ...", "... Technologies");
3. acronyms the text defines ("University Hospitals of Leicester NHS Trust (UHL)").

Short references ("Northwestern", "The Hillingdon Hospitals") are then folded into
the full name they abbreviate, so each organisation is one ``OrgRef`` per article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from news_etl.orgs import Gazetteer, KnownOrg, infer_org_type, org_key

_CAP = r"(?:(?:[A-Z]\.){2,}(?=[ \t]+[A-Z])|[A-Z][\w’'./\-]*\w|[A-Z]|[a-z]+[A-Z][\w.\-]*\w)"  # initials: "L.A. Care"
# Connectors inside names, English and those of the languages of the places we cover
# ("Instituto Nacional de Ciencias Médicas y Nutrición", "Università degli Studi di Milano").
_FOREIGN_CONN = ("y", "e", "del", "della", "degli", "di", "des", "la", "las", "los", "van", "von", "der", "für", "zu")
_CONN = r"(?:of|and|for|the|de|do|da|du|at|upon|on|&|" + "|".join(_FOREIGN_CONN) + ")"
_PHRASE = re.compile(rf"{_CAP}(?:[ \t]+(?:{_CONN}[ \t]+)*{_CAP})*")
_HEADS = re.compile(
    r"\b(hospitals?|clinic|trust|nhs group|group|university|college|institute|cent(er|re)|health|"
    r"(health|care|healthcare|medical) system|"
    r"healthcare|health care|medicine|network|alliance|consortium|coalition|inc|corp|corporation|ltd|llc|plc|"
    r"technologies|systems|labs?|foundation|partners|board|council|department|agency|ministry|"
    r"commission|services|pharmaceuticals|therapeutics|biosciences|healthineers|hospice|campus|district|"
    r"care record|exchange|registry|collaborative|authority|umc|mc|health plan|laborator(y|ies)|society|"
    r"association|government|activity)\b\.?$|\w\.(ai|io|com)$|"
    r"\b(institute|university|college|council|department|ministry|school|academy|hospital|centre|center)"
    r" (of|for)\b",
    re.I,
)
# Names that open with their head word, in English and in the languages of the places we cover.
_OPENING_HEADS = re.compile(
    r"^(hospital|hospice|hôpital|clínica|clinica|universidad|universidade|università|universität|"
    r"université|instituto|institut|istituto|university of|klinikum|centro|fundaci[oó]n|funda[cç][aã]o|fondazione|"
    r"fondation|stiftung|"
    # a public health body named for the place it serves: "NHS Ayrshire & Arran", "NHS Grampian"
    r"nhs)\b",
    re.I,
)
_LEADING_NOISE = {"the", "a", "an", "and", "but", "while", "through", "with", "at", "in", "on", "by",
                  "for", "from", "of", "to", "as", "after", "under", "via", "this", "that", "these"}
_GENERIC_FIRST = {"university", "royal", "national", "london", "new", "north", "south", "east", "west",
                  "st", "saint", "nhs", "hospital", "health", "medical", "general", "central", "the",
                  "united", "american", "british", "children's", "city", "county", "state", "great"}
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
PLACES = {
    "US": ["U.S.", "US", "United States", "America", "American", "Missouri", "Minnesota", "Chicago",
           "California", "Texas", "New York", "Florida", "Ohio", "Boston", "Massachusetts", "Michigan",
           "Wisconsin", "Illinois", "Pennsylvania", "Philadelphia", "Virginia", "Georgia", "Atlanta",
           "Washington", "Seattle", "Oregon", "Utah", "Colorado", "Denver", "Arizona", "Tennessee",
           "Nashville", "Kentucky", "Indiana", "Iowa", "Kansas", "Nebraska", "Louisiana", "Maryland",
           "Baltimore", "Connecticut", "New Jersey", "North Carolina", "South Carolina", "Alabama",
           "Houston", "Dallas", "Los Angeles", "San Francisco", "Cleveland", "Pittsburgh", "Detroit",
           "Milwaukee", "Minneapolis", "St. Louis", "Kansas City", "Columbus", "Miami", "Oklahoma",
           "Arkansas", "Mississippi", "Nevada", "New Mexico", "Idaho", "Montana", "Dakota", "Maine",
           "Vermont", "New Hampshire", "Rhode Island", "Delaware", "Hawaii", "Alaska", "West Virginia",
           # AP-style state abbreviations, as datelines write them ("PEORIA, Ill.")
           "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Fla.", "Ga.", "Ill.", "Kan.", "Ky.", "Md.",
           "Mass.", "Mich.", "Minn.", "Miss.", "Neb.", "Nev.", "N.J.", "N.Y.", "N.C.", "Okla.", "Ore.", "Pa.",
           "S.C.", "Tenn.", "Va.", "Wash.", "Wis.", "Wyo."],
    "GB": ["UK", "U.K.", "United Kingdom", "Britain", "British", "England", "English", "Scotland",
           "Scottish", "Wales", "Welsh", "London", "Northern Ireland", "Manchester", "Birmingham", "Leeds",
           "Liverpool", "Sheffield", "Bristol", "Newcastle", "Nottingham", "Leicester", "Oxford",
           "Cambridge", "Edinburgh", "Glasgow", "Cardiff", "Belfast", "Yorkshire", "Lancashire", "Kent",
           "Devon", "Cornwall", "Norfolk", "Suffolk", "Essex", "Surrey", "Sussex", "Hampshire"],
    "IL": ["Israel", "Israeli", "Tel Aviv", "Jerusalem", "Haifa"], "BR": ["Brazil", "Brazilian", "São Paulo"],
    "CA": ["Canada", "Canadian", "Toronto", "Ontario", "Quebec", "Québec", "Montreal", "Vancouver",
           "British Columbia", "Alberta", "Nova Scotia", "Manitoba", "Saskatchewan", "Ottawa", "Calgary"],
    "AU": ["Australia", "Australian", "Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide", "Queensland",
           "Victoria", "New South Wales", "NSW", "Tasmania"],
    "IN": ["India", "Indian", "Delhi", "New Delhi", "Mumbai", "Bengaluru", "Chennai", "Hyderabad"],
    "DE": ["Germany", "German", "Berlin", "Munich", "Hamburg", "Heidelberg", "Cologne"],
    "FR": ["France", "French", "Paris"], "IE": ["Ireland", "Irish", "Dublin"],
    "NL": ["Netherlands", "Dutch", "Amsterdam", "Rotterdam", "Utrecht"], "DK": ["Denmark", "Danish", "Copenhagen"],
    "KE": ["Kenya", "Kenyan", "Nairobi"], "ZA": ["South Africa", "South African"], "NO": ["Norway", "Norwegian"],
    "FI": ["Finland", "Finnish"], "CH": ["Switzerland", "Swiss"], "BE": ["Belgium", "Belgian"],
    "SG": ["Singapore"], "AE": ["UAE", "United Arab Emirates", "Abu Dhabi", "Dubai"],
    "JP": ["Japan", "Japanese"], "CN": ["China", "Chinese"], "NZ": ["New Zealand"],
    "SE": ["Sweden", "Swedish"], "ES": ["Spain", "Spanish"], "IT": ["Italy", "Italian"],
    "SA": ["Saudi Arabia", "Saudi", "Riyadh", "Jeddah"], "KR": ["South Korea", "Korean", "Seoul"],
    # More countries and the cities and states datelines name (reference facts, not from any article).
    "QA": ["Qatar", "Qatari", "Doha"], "OM": ["Oman", "Muscat"], "KW": ["Kuwait"], "BH": ["Bahrain"],
    "EG": ["Egypt", "Egyptian", "Cairo"], "NG": ["Nigeria", "Nigerian", "Lagos", "Abuja"],
    "GH": ["Ghana", "Ghanaian", "Accra"], "RW": ["Rwanda", "Rwandan", "Kigali"],
    "UG": ["Uganda", "Ugandan", "Kampala"], "TZ": ["Tanzania", "Tanzanian", "Dar es Salaam"],
    "ET": ["Ethiopia", "Ethiopian", "Addis Ababa"], "PK": ["Pakistan", "Pakistani", "Karachi", "Lahore", "Islamabad"],
    "BD": ["Bangladesh", "Bangladeshi", "Dhaka"], "LK": ["Sri Lanka", "Sri Lankan", "Colombo"],
    "NP": ["Nepal", "Kathmandu"], "MY": ["Malaysia", "Malaysian", "Kuala Lumpur"],
    "ID": ["Indonesia", "Indonesian", "Jakarta"], "TH": ["Thailand", "Thai", "Bangkok"],
    "VN": ["Vietnam", "Vietnamese", "Hanoi", "Ho Chi Minh City"], "PH": ["Philippines", "Filipino", "Manila"],
    "TW": ["Taiwan", "Taiwanese", "Taipei"], "HK": ["Hong Kong"], "MX": ["Mexico", "Mexican", "Mexico City"],
    "AR": ["Argentina", "Argentine", "Buenos Aires"], "CO": ["Colombia", "Colombian", "Bogotá", "Bogota"],
    "PE": ["Peru", "Peruvian", "Lima"], "CL": ["Chile", "Chilean", "Santiago"],
    "PT": ["Portugal", "Portuguese", "Lisbon", "Porto"],
    "AT": ["Austria", "Austrian", "Vienna"], "PL": ["Poland", "Polish", "Warsaw", "Krakow"],
    "CZ": ["Czech Republic", "Czechia", "Czech", "Prague"], "GR": ["Greece", "Greek", "Athens"],
    "EE": ["Estonia", "Estonian", "Tallinn"], "IS": ["Iceland", "Icelandic", "Reykjavik"],
    "HU": ["Hungary", "Hungarian", "Budapest"], "RO": ["Romania", "Romanian", "Bucharest"],
    "LU": ["Luxembourg"], "LT": ["Lithuania", "Vilnius"], "LV": ["Latvia", "Riga"],
}
# Cities and states of countries above, kept apart to keep the table readable.
for _code, _names in {
    "US": ["Phoenix", "San Diego", "San Antonio", "Austin", "Charlotte", "Raleigh", "Salt Lake City", "Sacramento",
           "Omaha", "Indianapolis", "Cincinnati", "Orlando", "Tampa", "New Orleans", "Memphis", "Louisville",
           "Buffalo", "Albany", "Hartford", "Newark", "Las Vegas", "Albuquerque", "Tucson", "Boise", "Honolulu",
           "Anchorage", "Jacksonville", "Oklahoma City", "Des Moines", "Little Rock", "Birmingham, Ala.",
           "Wyoming", "Silicon Valley", "Palo Alto", "San Jose", "Oakland", "Brooklyn", "Manhattan"],
    "GB": ["Southampton", "Portsmouth", "Plymouth", "Exeter", "Coventry", "Derby", "Stoke-on-Trent", "Hull",
           "Sunderland", "Middlesbrough", "Brighton", "Norwich", "Ipswich", "Milton Keynes", "Wirral", "Merseyside",
           "Cumbria", "Northumberland", "Aberdeen", "Dundee", "Swansea", "Bradford", "Wolverhampton", "Leicestershire",
           "Nottinghamshire", "Derbyshire", "Lincolnshire", "Cheshire", "Staffordshire", "Somerset", "Dorset",
           "Wiltshire", "Gloucestershire", "Oxfordshire", "Berkshire", "Hertfordshire", "Bedfordshire"],
    "CA": ["Winnipeg", "Edmonton", "Halifax", "New Brunswick", "Newfoundland", "Hamilton, Ont.", "Ont.", "B.C.",
           "Mississauga", "Regina", "Saskatoon", "Kingston, Ont."],
    "AU": ["Canberra", "Hobart", "Gold Coast", "Western Australia", "South Australia", "Northern Territory",
           "Newcastle, NSW", "Geelong", "Parramatta"],
    "NZ": ["New Zealander", "Auckland", "Christchurch", "Hamilton, New Zealand", "Dunedin", "Te Whatu Ora"],
    "IN": ["Odisha", "Kerala", "Karnataka", "Tamil Nadu", "Maharashtra", "Gujarat", "Rajasthan", "Telangana",
           "Andhra Pradesh", "Uttar Pradesh", "West Bengal", "Bihar", "Assam", "Kolkata", "Pune", "Ahmedabad",
           "Bangalore", "Lucknow", "Jaipur", "Bhubaneswar", "Kochi", "Gurugram", "Gurgaon", "Noida"],
    "ZA": ["Cape Town", "Johannesburg", "Durban", "Pretoria", "Port Elizabeth", "Bloemfontein"],
    "AE": ["Emirati", "Sharjah"],
    "SE": ["Stockholm", "Gothenburg", "Malmö", "Uppsala"], "NO": ["Oslo", "Bergen", "Trondheim"],
    "FI": ["Helsinki", "Tampere", "Turku", "Espoo", "Oulu"], "DK": ["Aarhus", "Odense"],
    "CH": ["Zurich", "Geneva", "Basel"],
    "BE": ["Brussels", "Antwerp", "Ghent", "Leuven"], "ES": ["Madrid", "Barcelona", "Valencia"],
    "IT": ["Rome", "Milan", "Turin", "Naples"], "DE": ["Frankfurt", "Stuttgart", "Düsseldorf", "Dresden"],
    "FR": ["Lyon", "Marseille", "Toulouse", "Bordeaux"], "NL": ["The Hague", "Eindhoven", "Groningen"],
    "IE": ["Cork", "Galway", "Limerick"], "JP": ["Tokyo", "Osaka", "Kyoto"], "CN": ["Beijing", "Shanghai",
    "Shenzhen", "Guangzhou"], "IL": ["Beersheba", "Petah Tikva"], "BR": ["Rio de Janeiro", "Brasília"],
    "SG": ["Singaporean"], "KE": ["Mombasa", "Kisumu", "Eldoret"],
    # Second cities of more countries (reference facts): where a hospital "in Cali" or "in Kumasi" is.
    "CO": ["Cali", "Medellín", "Medellin", "Barranquilla", "Cartagena"], "GH": ["Kumasi", "Tamale"],
    "MX": ["Guadalajara", "Monterrey", "Puebla"], "AR": ["Córdoba", "Rosario", "Mendoza"],
    "CL": ["Valparaíso", "Concepción"], "PE": ["Arequipa"], "NG": ["Ibadan", "Kano", "Port Harcourt"],
    "EG": ["Alexandria"], "SA": ["Dammam", "Mecca", "Medina"],
    "TR": ["Turkey", "Turkish", "Istanbul", "Ankara", "Izmir"],
    "UY": ["Uruguay", "Montevideo"], "EC": ["Ecuador", "Quito", "Guayaquil"], "CR": ["Costa Rica", "San José"],
}.items():
    PLACES[_code] = PLACES.get(_code, []) + _names
def _trie_pattern(forms: Iterable[str]) -> str:
    """A regular expression for a set of literal strings, shared prefixes factored out:
    ``{"Mayo", "Mayo Clinic"}`` -> ``Mayo(?: Clinic)?``. At each character the longer
    continuation is tried before ending, and sibling branches start with different
    characters, so the first match found at a place is the longest form whose end the
    pattern after it accepts, as with an alternation sorted longest first."""
    trie: dict[str, dict] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + build(trie) + ")"


OPENING_CHARS = 400  # headline, dateline and first sentence, about
_PLACE_TO_CODE = {name.lower(): code for code, names in PLACES.items() for name in names}
# Places that name a country's place when seen in running text; ambiguous ones ("US" the
# pronoun in capitals, "Victoria", "Georgia", "Washington") are left to the other signals.
_AMBIGUOUS_PLACES = {"US", "Victoria", "Georgia", "Washington", "English"}
_PLACE_IN_TEXT = re.compile(r"(?<![\w.])" + _trie_pattern(
    n for names in PLACES.values() for n in names if n not in _AMBIGUOUS_PLACES) + r"(?!\w)")


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
    ``announced_parties``): organisations even when nothing in the name says so
    ("Cohere", "TriNetX"), added wherever the text names them and nothing else does.
    """
    refs: dict[str, OrgRef] = {}
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, surface: str, known: KnownOrg | None, product: bool = False) -> OrgRef:
        name = known.name if known else _strip_the(surface)
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
            ref.country = _country_in_name(name) or _country_near(text, start, end)
        return ref

    # "Radiologists at Quenby Medical Center" in a subject slot names the centre only.
    # "Maryland's CRISP" names CRISP: a place's possessive is no part of the name.
    party_names = _split_known_tails({_drop_role_prefix(0, _without_place_possessive(n), (" at the ", " at "))[1]
                                      for n in (*party_names, *_appositive_names(text), *_employer_names(text))
                                      if not _common_word(n, text)})
    longer = _unknown_names_around_known(text, party_names, gazetteer)
    for start, end, surface, org, product in _gazetteer_hits(text, gazetteer):
        if not any(s < start and end <= e for s, e in longer):
            add(start, end, surface, org, product)
    for name in sorted(party_names, key=len, reverse=True):  # longest first: a name before its parts
        # Not the first words of a longer name: "Mater" in "Mater Group" is that group.
        for start, end in _name_spans(text, name, _NO_WORD_BEFORE, _POSSESSIVE_NOT_LONGER):
            inside_longer_name = _NAME_BEFORE.search(text[max(0, start - 30):start])
            if inside_longer_name and _is_place_possessive(inside_longer_name.group(0).strip()):
                inside_longer_name = None  # "Maryland's Quenby Exchange": a place's, not a longer name
            if not inside_longer_name and not _overlaps(start, end, taken):
                add(start, start + len(name), name, gazetteer.lookup(name))
    for start, end, surface in _phrases(text, gazetteer):
        if _overlaps(start, end, taken):
            continue
        for s, _end, part in _split_conjunction(text, start, end, surface, gazetteer):
            s, part = _drop_role_prefix(s, part)
            known = gazetteer.lookup(part)
            # A head word alone ("Hospitals", "Health") is a kind of body, not a name.
            if known or _is_org_like(part) and not _HEADS.fullmatch(part):
                add(s, s + len(part), part, known)
    _add_defined_acronyms(text, refs, taken)
    _fold_short_references(text, refs, taken)
    for ref in refs.values():  # what the text says an unknown organisation is beats its name
        if ref.country is None:  # spans and names folded in from short references were not looked at yet
            ref.country = next(filter(None, (_country_near(text, s, e) for s, e in sorted(ref.spans))), None) or \
                next(filter(None, map(_country_in_name, sorted(ref.mentions))), None)
        described = None if ref.known else next(filter(None, (_type_from_description(text, s, e)
                                                              for s, e in sorted(ref.spans))), None)
        ref.org_type = described or ref.org_type
        if ref.org_type == "other" and any(_SELECTED.search(_same_sentence_before(text, s, 40)) for s, _ in ref.spans):
            ref.org_type = "vendor"  # a name nothing else types, chosen or deployed by someone: the supplier
        if ref.org_type == "other" and not ref.known:
            ref.org_type = _type_from_usage(text, ref.spans) or "other"
    _default_local_countries(text, refs.values())
    _dateline_countries(text, refs.values())
    return sorted(refs.values(), key=lambda r: min(s for s, _ in r.spans + r.product_spans))


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
                                or w.lower() in _PLACE_TO_CODE for w in words[:inner]):
            continue
        spans += _name_spans(text, name, _NO_WORD_BEFORE, _NO_WORD_AFTER)
    return spans


def _split_known_tails(names: set[str]) -> set[str]:
    """"Quenby and Genome Institute of Arland" (a headline's) is two names when the text names
    "Genome Institute of Arland" on its own elsewhere ("Quenby and the Genome Institute ...")."""
    split = set()
    for name in names:
        tail = next((m for m in re.finditer(" and ", name) if name[m.end():] in names), None)
        split |= {name[:tail.start()], name[tail.end():]} if tail else {name}
    return split


def announced_parties(sentence: str) -> list[str]:
    """Names in the party slots of an announcing sentence: its subject list and its object.

    "Unity Health Toronto and Cohere have launched ..." gives both subject names;
    "... has joined the TriNetX global network" gives "TriNetX". Only fully capitalised
    chunks count, so "Two more health systems" or "the Massachusetts-based vendor" do not.
    """
    sentence = _OPENER.sub("", DATELINE.sub("", sentence.strip()))
    names: list[str] = []
    verb = _SUBJECT_END.search(sentence)
    if verb and verb.start() > 0:
        subject = re.sub(r"\s*\([^)]*\)", "", sentence[:verb.start()])
        # "X and Mila, the Quebec AI institute, are ...": the appositive describes, it names no one;
        # "Q&A: Why X ..." or "Exclusive: X ...": a headline's kicker is no part of the subject.
        subject = _KICKER.sub("", _SUBJECT_APPOSITIVE.sub("", subject).rpartition(": ")[2])
        chunks = [c for c in _subject_chunks(subject) if c.lower() not in _PLACE_TO_CODE]
        described = _DESCRIBED_NAME.search(subject)
        if all(_is_name_chunk(c) for c in chunks):  # a descriptive subject ("Three hospitals in X") names none
            names += chunks
        elif described:  # "Boston-based AI startup Zorbly"
            names.append(described.group(1))
        # Reported speech: "X said Y and Z have joined its network" announces Y and Z as well.
        reported = _REPORTED.match(sentence, verb.start())
        if reported:
            names += [n for n in announced_parties(sentence[reported.end():]) if n not in names]
    for slot in _OBJECT_START.finditer(sentence):
        described = _DESCRIPTION.match(sentence, slot.end())  # "with London-based startup Zorbly"
        phrase = _PHRASE.match(sentence, described.end() if described else slot.end())
        # "with Zorbly and Quenby" names both; "Zorbly's AI tool" names Zorbly
        if phrase and not _PLACE_NOUN_AFTER.match(sentence, phrase.end()):
            name = re.split(r"(?:’s|'s)(?:\s|$)", phrase.group(0))[0]
            # "Tidewell for Supply Chain Analytics" is Tidewell; "Institute for Health Metrics" one name.
            purpose = re.search(r" for (?=[A-Z])", name)
            if purpose and not _FOR_HEADS.search(name[:purpose.start()]):
                name = name[:purpose.start()]
            names += [c for c in _subject_chunks(name) if _is_name_chunk(c)]
    return names


# -- helpers -------------------------------------------------------------------------------

def _gazetteer_hits(text: str, gazetteer: Gazetteer):
    compiled = _gazetteer_pattern(gazetteer)
    if compiled is None:
        return
    pattern, forms = compiled
    for match in pattern.finditer(text):
        surface = match.group(0)
        org, product = forms[surface]
        yield match.start(), match.end(), surface, org, product


def _gazetteer_pattern(gazetteer: Gazetteer) -> tuple[re.Pattern[str], dict[str, tuple[KnownOrg, bool]]] | None:
    """One pattern matching every surface form (the longest that fits at a place), and what
    each form denotes. The forms are laid out as a trie (``_trie_pattern``): the same matches
    as an alternation of all forms longest first, found without trying each form in turn."""
    if gazetteer.matcher is not None:
        return gazetteer.matcher or None
    surface = gazetteer.surface_forms()
    denotes = {form: (org, product) for form, org, product in reversed(surface)}
    forms = sorted({f for f, _, _ in surface if len(f) > 1}, key=len, reverse=True)
    pattern = (
        (re.compile(r"(?<![\w.])" + _trie_pattern(forms) + r"(?![\w]|\.\w)"), denotes)
        if forms else None
    )
    gazetteer.matcher = pattern or ()  # () marks "compiled: no forms"
    return pattern


def _phrases(text: str, gazetteer: Gazetteer | None = None):
    for match in _PHRASE.finditer(text):
        start, surface = match.start(), match.group(0)
        words = surface.split()
        # Drop sentence-initial function words and possessive place prefixes ("Israel's").
        # ... and descriptions of where it is: "Omaha-based Nebraska Methodist Health System".
        while words and (words[0].lower() in _LEADING_NOISE or _is_place_possessive(words[0])
                         or _PLACE_BASED.search(words[0])):
            start += text[start:].index(words[0]) + len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            words = words[1:]
        while words and words[-1].lower() in _LEADING_NOISE:
            words = words[:-1]
        words = _before_officer(" ".join(words)).split()
        if not words:
            continue
        surface = " ".join(words)
        possessive = re.search(r"^(.+?)(?:’s|'s)\s", surface)
        if possessive and (gazetteer is not None and gazetteer.lookup(possessive.group(1))):
            surface = possessive.group(1)
        surface = re.sub(r"(’s|'s|’|')$", "", surface)
        if len(surface) < 3 or surface.isupper() and len(words) > 1:
            continue  # headings in capitals are not names
        # A government or local authority written in lower case: "the Western Australian government",
        # "Islington council", "Dorset county council".
        authority = _LOWER_CASE_AUTHORITY.match(text, start + len(surface))
        surface += authority.group(0) if authority else ""
        yield start, start + len(surface), surface


_PLACE_BASED = re.compile(r"-(?:based|headquartered)$")
_LOWER_CASE_AUTHORITY = re.compile(r" (?:(?:county|city|borough|district|metropolitan borough) )?council\b|"
                                   r" (?:state |provincial |federal )?government\b")
_OFFICER_WORD = re.compile(r"C[EFIMOTN]I?O|CMIO|CNIO|President|Chair(?:man|woman)?|Dr\.?|Mr\.?|Ms\.?|Mrs\.?|Prof\.?")


def _before_officer(name: str) -> str:
    """The employer before an officer's title: "UMass Memorial CEO Dr. Jane Roe" names UMass Memorial."""
    words = name.split()
    return " ".join(words[:next((i for i, w in enumerate(words) if _OFFICER_WORD.fullmatch(w)), len(words))])

_NAME_BEFORE = re.compile(r"(?:\b(?!The\b)[A-Z][\w'’.-]*|\bof|\bfor) $")
# A month as datelines and dates write it: "Jan", "Sept.", "November".
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A leading dateline: "LONDON —", "FRESNO, Calif. –", "NASHVILLE, Tenn., March 4, 2026 /PRNewswire/ --",
# "TORONTO (Reuters) -". The place in capitals, then optionally a state or country, a date and a wire.
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
    r"(?:,[ ]*[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+){0,2})?"
    rf"(?:,?[ ]*{_MONTH}[ ]+\d{{1,2}}(?:,[ ]*\d{{4}})?)?"
    r"(?:[ ]*[/(][A-Za-z][A-Za-z .-]{1,30}[/)])*"
    r"[ ]*(?:--|[-–—]|(?<=[A-Z]):)[ ]*"
)
_SUBJECT_END = re.compile(
    r"\s(?:has|have|had|is|are|will|would|today|this week|said|says|announced|signed|signs|sign|joined|joins|"
    r"join|launched|launch|launches|began|begin|begun|formed|form|forms|entered|enters|partners?|partnered|"
    r"teams?|teamed|selects?|selected|picks?|picked|taps?|tapped|awards?|awarded|renews?|renewed|agreed?|"
    r"agrees|to|connects?|connected|extends?|extended|inks?|inked|adds|added|welcomes|welcomed)\b"
)
_REPORTED = re.compile(r"\s(?:said|says|announced|announces)(?: (?:on |this |last )?\w+day)?(?: that)?\s+(?=[A-Z])")
_OBJECT_START = re.compile(
    r"\b(?:with|between|joined|joins|join|selected|selects|select|picks|picked|taps|tapped|chose|chooses|chosen|"
    r"(?:has |have )?(?:given|gives|handed|hands)(?=\s[^.]{0,60}\b(?:contract|deal)\b)|"
    r"enlist(?:s|ed)?|members? of|connected to|connects to|sign(?:s|ed)? (?:up|on) (?:to|with)|live on|"
    r"(?:deploy|implement|adopt)(?:s|ed|ing)?|roll(?:s|ed|ing)? out|(?:bring(?:s|ing)?|brought) in|"
    r"(?:selected|chosen|picked|tapped|commissioned|contracted|engaged) by|"
    r"(?:software|platform|technology|tools?|systems?|solutions?|products?|services) (?:from|by)|"
    r"(?:supplied|provided|built|developed|made|powered) by|awarded to|pilot(?:s|ed|ing)?|(?:will|to) (?:use|trial)|"
    r"award(?:s|ed|ing)?\b[^.]{0,80}?\b(?:contract|deal|tender)\b[^.]{0,60}?\bto|"
    r"appoint(?:s|ed|ing)?(?=\s[^.]{0,60}\bas (?:its |the |a )?(?:[\w-]+ ){0,2}(?:supplier|partner|provider|vendor)\b))"
    r"\s+(?:the\s+)?"
)
_FOR_HEADS = re.compile(r"\b(?:Institute|Coalition|Centre|Center|Alliance|Foundation|Society|Association|Council|"
                        r"Agency|Network|Partnership|Fund|Trust|Hospital|School|College|Office|Commission|Board)$")
# What a name may be introduced by: "London-based AI startup", "software company".
# A place may lead the description: "Singapore firm Ufinity".
_DESCRIPTION = re.compile(r"(?:[\w.-]+-based\s+)?(?:(?:[a-z][\w-]*|AI|[A-Z][a-z]+)\s+){0,3}?"
                          r"(?:start-?up|startup|company|firm|"
                          r"vendor|supplier|developer|maker|specialist|insurer)\s+(?=[A-Z])")
_DESCRIBED_NAME = re.compile(r"\b(?:start-?up|startup|company|firm|vendor|supplier|developer|maker|specialist|insurer)"
                             r"\s+([A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,4})$")
# "Separately, ...", "Also this week, ...", "Earlier in the year, ...": not part of the subject.
_OPENER = re.compile(r"^(?:[A-Z][a-z]+ly|Meanwhile|However|Also|Earlier|Later|Today|Now|Elsewhere|In addition|"
                     r"Last|This|Next|On \w+day|"
                     # a date: "In June,", "On Feb. 3,", "In March 2025,", "On November 16 2024,"
                     rf"(?:In|On|By|Since) {_MONTH}"
                     r"(?: \d{1,4}){0,2})"
                     r"(?: [a-z]+){0,3},\s+")
_NAME_CONNECTORS = {"of", "and", "for", "the", "de", "do", "da", "du", "at", "upon", "on", "&", "–", "-", "in",
                    *_FOREIGN_CONN}
_NOT_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "under", "both", "two", "three", "four", "officials", "executives",
              # pronouns and articles opening a later sentence: "They join ...", "A partner at the fund will"
              "they", "we", "he", "she", "this", "these", "those", "a", "an",
              # what is deployed or connected, not who: "deploy AI triage", "roll out EPR modules"
              "ai", "ehr", "epr", "emr", "pacs", "ris", "lims", "it", "ml", "api", "fhir", "mri", "ct", "icu",
              # headline adjectives: "with Global Partners"
              "global", "international", "local", "regional", "national", "major", "leading", "top"}


def _subject_chunks(subject: str) -> list[str]:
    chunks: list[str] = []
    # "A & B" is two names unless B only says what A is ("Fenmoor Hospital & Family of Clinics").
    parts = [piece for part in re.split(r",\s*(?:and\s+)?", subject)
             for piece in ([part] if _fields_only(part.rpartition(" & ")[2]) else re.split(r"\s+&\s+", part))]
    for number, part in enumerate(parts):
        # The last item of a list of three ("A, B and C") ends at its "and" even when "B and C"
        # reads as one name ("Geisinger and Michigan Medicine"), if both sides are names.
        last_of_list = number == len(parts) - 1 and number >= 1
        cut = next((m for m in re.finditer(" and ", part) if last_of_list
                    and _is_name_chunk(part[:m.start()]) and _is_name_chunk(part[m.end():])
                    and not _fields_only(part[m.end():])), None)
        chunks += [part[:cut.start()], *_split_names(part[cut.end():])] if cut else _split_names(part)
    return [_strip_the(name) for c in chunks if (name := _before_officer(c))]


def _split_names(part: str) -> list[str]:
    """"Mater and Calvary" is two names, "Yorkshire and Humber Care Record" one, and "University Hospitals
    of Derby and Burton NHS Foundation Trust and Sherwood Forest ..." splits at its second "and": at the
    first "and" after a whole organisation name, else at the first one when the whole is no name."""
    part = _PLACE_TAIL.sub(lambda m: "" if _HEADS.search(part[:m.start()]) and not _TOPIC_BEFORE_IN.search(
        part[:m.start()]) else m.group(0), part)
    cuts = [m.start() for m in re.finditer(" and ", part)]
    # "X and the Y" joins two names; no name reads so.
    cut = next((c for c in cuts if part.startswith(" and the ", c)), None)
    cut = cut if cut is not None else next(
        (c for c in cuts if _is_org_like(part[:c]) and not _fields_only(part[c + len(" and "):])
         and not _joins_places(part[:c], part[c + len(" and "):])), None)
    if cut is None and cuts and not _is_org_like(part):
        cut = cuts[0]
    if cut is None:
        return [part]
    return [part[:cut], *_split_names(part[cut + len(" and "):])]


# Where a named organisation is: "Aga Khan University Hospital in Nairobi and Moi ... in Eldoret".
_PLACE_TAIL = re.compile(r" in [A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)?(?= and |$)")
# ... but not what a body works in: "Institute for Research in Kidney Disease", "Centre of Excellence in AI".
_TOPIC_BEFORE_IN = re.compile(r"\b(?:Research|Excellence|Innovation|Studies|Training|Education|Advances|"
                              r"Leadership|Expertise|Sciences?)$")
# Places a name can be the modifier of: "between the Espoo and Meilahti areas" names no organisation.
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:areas?|regions?|districts?|sites?|campus(?:es)?|towns?|cities|city|"
                               r"count(?:y|ies)|neighbou?rhoods?|municipalit(?:y|ies)|suburbs?)\b")
# Fields of study a school or faculty is named after: "School of Medicine and Public Health" is one name.
_FIELDS = frozenset("public health medicine medical science sciences nursing dentistry pharmacy technology "
                    "research care social policy engineering life biomedical population global "
                    "data digital informatics analytics innovation genomics imaging robotics education "
                    # and what ministries are named after: "Ministry of Health and Welfare"
                    "welfare family human services information".split())


# Head words that name a kind of body, not one body: "... Hospital and Health Sciences System".
_GENERIC_HEADS = frozenset("system systems network center centre clinic clinics services group institute "
                           "of and for the &".split())


def _fields_only(name: str) -> bool:
    """Fields of study and kinds of body only ("Public Health", "Health Sciences System", "Family of
    Clinics"): the second half of one name, never an organisation of its own."""
    words = name.lower().split()
    return bool(words) and all(w in _FIELDS or w in _GENERIC_HEADS for w in words) \
        and not all(w in _GENERIC_HEADS for w in words)


_CAPITALISED = re.compile(r"[A-Z]|[a-z]+[A-Z]")  # "Health", and camel-case brands: "eHealth", "iCare"


# A clause's opening preposition is no name's first word ("Through the agreement, X will ..."), and
# what was signed is no one who signed it ("the Memorandum of Understanding", "the MoU").
_CLAUSE_OPENERS = frozenset("through with after under via from by as while but and on at in".split())
_DOCUMENT_HEADS = frozenset("understanding mou mous moa loi agreement agreements accord contract".split())


def _is_name_chunk(chunk: str) -> bool:
    words = chunk.split()
    if not words or len(words) > 14 or not _CAPITALISED.match(words[0]):
        return False
    if words[0].lower() in _CLAUSE_OPENERS or words[-1].lower() in _DOCUMENT_HEADS:
        return False
    if any(not (_CAPITALISED.match(w) or w[:1].isdigit() or w.lower() in _NAME_CONNECTORS) for w in words):
        return False
    low = re.sub(r"^(?:south|north|east|west|southern|northern|eastern|western) ", "", chunk.lower())
    if low in _PLACE_TO_CODE or low in _NOT_NAMES or "-based" in low or _is_place_possessive(words[-1]):
        return False
    return not (len(words) == 1 and low in _GENERIC_FIRST)


_KICKER = re.compile(r"^(?:Why|How|What|When|Where|Who|Inside|Exclusive|Update|Watch|Analysis)\s+")
# Not a list's next item: "X, the Georgia Institute of Technology and Microsoft have ..." names three.
_SUBJECT_APPOSITIVE = re.compile(r",\s+(?:an?|the)\s(?:(?!\band [A-Z])[^,]){0,80}(?:,|$)")
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
        name = _strip_the(match.group(1))
        if _is_name_chunk(name) and not re.match(r"(?:Dr|Mr|Ms|Mrs|Prof)\.?\s", name):
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
    return [m.group(1) for m in _ABOUT_HEADING.finditer(text) if _is_name_chunk(m.group(1))]


# Words that open an officer's title, not an employer's name: "Former CEO Jane Doe".
_ROLE_MODIFIERS = frozenset("Former Interim Acting Deputy Senior Vice Executive Associate Assistant Its Their Our "
                            "Then New Outgoing Incoming Founding Group Regional Global".split())


def _employer_names(text: str) -> list[str]:
    """Names of the bodies people are officers of: organisations whatever their names look like."""
    names = []
    for match in _EMPLOYER.finditer(text):
        name = _strip_the(match.group(1))
        if _is_name_chunk(name) and name.split()[-1] not in ("and", "of", "&") and name not in _ROLE_MODIFIERS:
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


def _is_org_like(name: str) -> bool:
    """A head word at the end ("... Hospital"), also before a place ("Trinity College Dublin"),
    or an opening head ("Hospital Israelita ...")."""
    bare = _TRAILING_DIRECTION.sub("", _TRAILING_PLACE.sub("", name))  # "Baptist Health South Florida"
    return bool(_HEADS.search(name) or (bare != name and _HEADS.search(bare))
                or (_OPENING_HEADS.search(name) and len(name.split()) > 1))


def _without_place_possessive(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and _is_place_possessive(first) else name


def _common_word(name: str, text: str) -> bool:
    """A one-word name the text also writes in lower case ("Radiologists ..." opening a sentence,
    "... radiologists" elsewhere) is a common word capitalised by its place, not a name."""
    return " " not in name and bool(_name_spans(text, name.lower(), _NO_WORD_BEFORE, _NO_WORD_AFTER))


def _joins_places(left: str, right: str) -> bool:
    """Whether "and" joins the places a name that opens with its head serves ("NHS Dumfries and
    Galloway", "NHS Cambridgeshire and Peterborough Integrated Care Board"), not two names
    ("NHS Fife and NHS Tayside"): the left side is organisational only by its first word."""
    return bool(_OPENING_HEADS.search(left)) and not _HEADS.search(left) and not _OPENING_HEADS.search(right)


def _drop_role_prefix(start: int, surface: str, separators: tuple[str, ...] = (" of the ", " at the ", " of ", " at ")
                      ) -> tuple[int, str]:
    """"CEO of the London Clinic" -> "London Clinic": a left part that is no organisation goes, and
    so does a description of where it is ("Omaha-based Nebraska Methodist Health System")."""
    based = re.match(r"\S+-(?:based|headquartered)\s+(?=\S)", surface)
    if based:
        start, surface = start + based.end(), surface[based.end():]
    for sep in separators:
        left, found, right = surface.partition(sep)
        if found and not _is_org_like(left) and _is_org_like(right):
            return start + len(left) + len(sep), right
    return start, surface


def _split_conjunction(text: str, start: int, end: int, surface: str, gazetteer: Gazetteer):
    """Split "A and B" into two organisations when A already is one on its own."""
    if gazetteer.lookup(surface):
        yield start, end, surface
        return
    place = re.match(r"(?P<place>[A-Z][\w’'.-]*) (?:and|&) (?=[A-Z])", surface)
    if place and text.endswith(" in ", max(0, start - 4), start) and not _is_org_like(place.group("place")):
        # "Radboudumc in Nijmegen and Maastricht UMC": the word after "in" is where the one before is
        start, surface = start + place.end(), surface[place.end():]
    for sep in (" and ", " & "):
        # At the first conjunction whose left side is an organisation on its own ("University Hospitals
        # of Derby and Burton NHS Foundation Trust and Sherwood Forest ..." splits at the second "and").
        for cut in (m.start() for m in re.finditer(re.escape(sep), surface)):
            left, right = surface[:cut], surface[cut + len(sep):]
            if _joins_places(left, right):
                continue
            if right.startswith("the ") or (gazetteer.lookup(left) or _is_org_like(left)) and not _fields_only(right):
                yield start, start + len(left), left
                right_start = start + len(left) + len(sep)
                yield from _split_conjunction(text, right_start, end, right, gazetteer)
                return
    yield start, end, surface


def _add_defined_acronyms(text: str, refs: dict[str, OrgRef], taken: list[tuple[int, int]]) -> None:
    for match in _ACRONYM_DEF.finditer(text):
        acronym = match.group(1)
        owner = next((r for r in refs.values() if any(e <= match.start() <= e + 2 for _, e in r.spans)), None)
        if owner is None:
            continue
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


def _fold_short_references(text: str, refs: dict[str, OrgRef], taken: list[tuple[int, int]]) -> None:
    """Attach first-word or leading-words references ("Northwestern's") to the full name."""
    firsts: dict[str, list[OrgRef]] = {}
    for ref in refs.values():
        first = ref.name.split()[0].lower()
        if len(ref.name.split()) > 1 and first not in _GENERIC_FIRST and first not in _PLACE_TO_CODE:
            firsts.setdefault(first, []).append(ref)
    for key, ref in list(refs.items()):
        # A shorter unknown ref that is the leading words of a longer one is the same org.
        # Two words or more may end inside a word: "Peter Mac" for "Peter MacCallum Cancer Centre".
        longer = [r for r in refs.values() if r is not ref and (
            r.key.startswith(key + " ") or (len(key.split()) >= 2 and r.key.startswith(key)))]
        # One word only when it is a distinctive one ("Essentia" for "Essentia Health" in a headline).
        distinctive = len(key.split()) >= 2 or (key not in _GENERIC_FIRST and key not in _PLACE_TO_CODE)
        # Not when the longer name is another kind of body ("Dubai Health" vs "Dubai Health Authority").
        same_kind = len(longer) == 1 and infer_org_type(ref.name) in ("other", infer_org_type(longer[0].name))
        if not ref.known and same_kind and distinctive:
            target = longer[0]
            target.mentions |= ref.mentions
            target.spans += ref.spans
            target.product_spans += ref.product_spans
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


@lru_cache(maxsize=8192)
def _country_in_name(name: str) -> str | None:
    """"Unity Health Toronto" -> CA, "Pennine Care NHS Foundation Trust" -> GB."""
    if re.search(r"\bNHS\b", name):
        return "GB"
    for match in _PLACE_IN_TEXT.finditer(name):
        return _PLACE_TO_CODE[match.group(0).lower()]
    return None


def _default_local_countries(text: str, refs: Iterable[OrgRef]) -> None:
    """Care, public and academic bodies, and bodies of no known kind (a local NGO, a district's
    shared record), without a country take the story's country when the places it names point to
    one country (at least two mentions, two in three of them). Vendors do not: they are often
    from elsewhere; but a "... Ltd" in a story of a country whose companies are registered so is
    more often a local one ("a Kenyan tender's bidders")."""
    # A place in the headline, dateline or first sentence says where the story is: it counts twice.
    opening = len(text.split("\n\n", 1)[0]) if "\n\n" in text else OPENING_CHARS
    places = [(m.start(), _PLACE_TO_CODE[m.group(0).lower()]) for m in _PLACE_IN_TEXT.finditer(text)]
    codes = [code for start, code in places for _ in range(2 if start < min(opening, OPENING_CHARS) else 1)]
    if len(codes) < 2:
        return
    top = max(set(codes), key=codes.count)
    if codes.count(top) * 3 < len(codes) * 2:
        return
    # A body of no known kind may be a company from elsewhere: only when the story names its place
    # twice ("the Boston company said" alone places one party, not the story).
    kinds = {"provider", "government", "academic", "payer", "network"} | (
        {"other"} if sum(code == top for _, code in places) >= 2 else set())
    for ref in refs:
        if ref.country is None and (ref.org_type in kinds
                                    or top in _LIMITED_COUNTRIES and _LIMITED.search(ref.name)):
            ref.country = top


def _dateline_countries(text: str, refs: Iterable[OrgRef]) -> None:
    """The organisation a datelined story or release opens with ("NAIROBI, Kenya – X has signed",
    kept by ``story_body`` as a heading line "Nairobi, Kenya") is where the dateline is, when
    nothing else gave it a country: a release is datelined at its issuer's home, a local
    story at the place of its first actor."""
    for ref in refs:
        opening = [s for s, _ in ref.spans if s > 0 and text[s - 1] == "\n"] if ref.country is None else []
        ref.country = next(filter(None, (_dateline_place(text[text.rfind("\n", 0, s - 1) + 1:s - 1])
                                         for s in opening)), ref.country)


def _dateline_place(line: str) -> str | None:
    """The country of a line that is only a dateline: places and a date, comma-separated."""
    parts = [p.strip() for p in line.split(",")] if 0 < len(line) <= 80 else []
    codes = [_PLACE_TO_CODE.get(p.lower()) for p in parts]
    if not codes or codes[0] is None and not re.fullmatch(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}", parts[0]):
        return None
    if any(c is None and not _DATE_PART.fullmatch(p) for p, c in zip(parts[1:], codes[1:], strict=True)):
        return None
    return next((c for c in reversed(codes) if c), None)


_DATE_PART = re.compile(r"(?:[A-Z][a-z]+\.? \d{1,2}|\d{4})(?: /[^/]{1,30}/)?")


# Countries whose private companies are registered as "Limited" (common-law and a few others);
# not the US (Inc, LLC) nor continental Europe and Latin America (GmbH, SA, BV, AB ...).
_LIMITED_COUNTRIES = frozenset("GB IE IN KE NG GH UG TZ RW ZA AU NZ SG HK MY PK BD LK IL CA JP KR CN".split())
_LIMITED = re.compile(r"\b(?:Ltd|Limited|Pvt|Pty|PLC|Plc)\.?$")


_TRAILING_PLACE = re.compile(r"\s+" + _trie_pattern(
    n for names in PLACES.values() for n in names if " " not in n and not n.endswith(".")) + r"$")
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
    if match and match.group(1).lower() in _PLACE_TO_CODE:
        return _PLACE_TO_CODE[match.group(1).lower()]
    after = text[end:end + 40]
    match = _PLACE_AFTER.match(after)
    if match and match.group(1).lower() in _PLACE_TO_CODE:
        return _PLACE_TO_CODE[match.group(1).lower()]
    # "Tidewell, a Chicago-based company" / "Boston-based startup Zorbly"
    based = _BASED_AFTER.match(text[end:end + 60]) or _BASED_BEFORE.search(_same_sentence_before(text, start, 60))
    if based and based.group(1).lower() in _PLACE_TO_CODE:
        return _PLACE_TO_CODE[based.group(1).lower()]
    # "Singapore firm Ufinity", "Finnish startup Silo AI", "Kenya's leading payments company Mvuli";
    # "Mvuli, a Kenyan software company"
    kind = _PLACE_KIND_BEFORE.search(_same_sentence_before(text, start, 80)) or _PLACE_KIND_AFTER.match(text, end)
    if kind and kind.group(1).lower() in _PLACE_TO_CODE:
        return _PLACE_TO_CODE[kind.group(1).lower()]
    return None


# Where a name's own words place it: a country after it ("Quillomatic Australia", its local arm), or
# a parenthesis whose last part is a place ("Quillomatic (Little Harbour, UK)", "Zorbly (Boston)").
_COUNTRY_NAMES = [names[0] for names in PLACES.values() if names[0] not in _AMBIGUOUS_PLACES] + [
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
    return _PLACE_TO_CODE.get(match.group(1).lower())


_COMPANY_KINDS = r"(?:firm|company|start-?up|startup|vendor|supplier|developer|maker|group)"
_PLACE_KIND_BEFORE = re.compile(r"\b([A-Z][\w.]*(?: [A-Z][\w.]*)?)(?:’s|'s)?\s+(?:[a-z][\w-]*\s+|AI\s+|IT\s+){0,3}"
                                + _COMPANY_KINDS + r"\s+$")
_PLACE_KIND_AFTER = re.compile(r",\s+(?:an?|the)\s+(?:[a-z][\w-]*\s+){0,2}?([A-Z][\w.]*(?: [A-Z][\w.]*)?)\s+"
                               r"(?:[a-z][\w-]*\s+|AI\s+|IT\s+){0,3}?" + _COMPANY_KINDS + r"\b")


def _is_place_possessive(word: str) -> bool:
    base = _POSSESSIVE_END.sub("", word)
    return base != word and base.lower() in _PLACE_TO_CODE


def _strip_the(name: str) -> str:
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
        code = _PLACE_TO_CODE.get(place) or _PLACE_TO_CODE.get(place.rstrip("."))
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
                if place and place.lower() in _PLACE_TO_CODE:
                    return _PLACE_TO_CODE[place.lower()]
    return None
