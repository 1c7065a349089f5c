"""Places and the countries they are in: where a story happens and where its organisations are.

Reference facts (countries, their demonyms, states, provinces and larger cities) as one table,
with the lookups built on it: a place's country, the places a text names, the country a name or
a dateline carries, and the story's own country for bodies the text does not place itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from news_etl.entities import OrgRef

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
           "Wiltshire", "Gloucestershire", "Oxfordshire", "Berkshire", "Hertfordshire", "Bedfordshire",
           # England's regions, which bodies are named for ("Health Innovation West Midlands")
           "West Midlands", "East Midlands", "Midlands", "Greater Manchester", "West Yorkshire",
           "South Yorkshire", "North Yorkshire", "East Anglia", "Tayside"],
    "CA": ["Winnipeg", "Edmonton", "Halifax", "New Brunswick", "Newfoundland", "Hamilton, Ont.", "Ont.", "B.C.",
           "Mississauga", "Regina", "Saskatoon", "Kingston, Ont."],
    "AU": ["Canberra", "Hobart", "Gold Coast", "Western Australia", "South Australia", "Northern Territory",
           "Newcastle, NSW", "Geelong", "Parramatta"],
    "NZ": ["New Zealander", "Auckland", "Christchurch", "Hamilton, New Zealand", "Dunedin"],
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
def trie_pattern(forms: Iterable[str]) -> str:
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
PLACE_TO_CODE = {name.lower(): code for code, names in PLACES.items() for name in names}
# Places that name a country's place when seen in running text; ambiguous ones ("US" the
# pronoun in capitals, "Victoria", "Georgia", "Washington") are left to the other signals.
AMBIGUOUS_PLACES = {"US", "Victoria", "Georgia", "Washington", "English"}
# A place's name that starts a longer one is not that place: "Alexandria Bay" is in New York.
PLACE_IN_TEXT = re.compile(r"(?<![\w.])" + trie_pattern(
    n for names in PLACES.values() for n in names if n not in AMBIGUOUS_PLACES)
    + r"(?!\w| (?:Bay|Falls|Springs|Heights|Beach|Harbou?r|Creek|Township|Junction)\b)")


@lru_cache(maxsize=8192)
def country_in_name(name: str) -> str | None:
    """"Unity Health Toronto" -> CA, "Pennine Care NHS Foundation Trust" -> GB."""
    if re.search(r"\bNHS\b", name):
        return "GB"
    for match in PLACE_IN_TEXT.finditer(name):
        return PLACE_TO_CODE[match.group(0).lower()]
    return None


def default_local_countries(text: str, refs: Iterable[OrgRef]) -> None:
    """Care, public and academic bodies, and bodies of no known kind (a local NGO, a district's
    shared record), without a country take the story's country when the places it names point to
    one country (at least two mentions, two in three of them). Vendors do not: they are often
    from elsewhere; but a "... Ltd" in a story of a country whose companies are registered so is
    more often a local one ("a Kenyan tender's bidders")."""
    # A place in the headline, dateline or first sentence says where the story is: it counts twice.
    opening = len(text.split("\n\n", 1)[0]) if "\n\n" in text else OPENING_CHARS
    places = [(m.start(), PLACE_TO_CODE[m.group(0).lower()]) for m in PLACE_IN_TEXT.finditer(text)]
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


def dateline_countries(text: str, refs: Iterable[OrgRef]) -> None:
    """The organisation a datelined story or release opens with ("NAIROBI, Kenya – X has signed",
    kept by ``story_body`` as a heading line "Nairobi, Kenya") is where the dateline is, when
    nothing else gave it a country: a release is datelined at its issuer's home, a local
    story at the place of its first actor."""
    for ref in refs:
        opening = [s for s, _ in ref.spans if s > 0 and text[s - 1] == "\n"] if ref.country is None else []
        ref.country = next(filter(None, (dateline_place(text[text.rfind("\n", 0, s - 1) + 1:s - 1])
                                         for s in opening)), ref.country)


def dateline_place(line: str) -> str | None:
    """The country of a line that is only a dateline: places and a date, comma-separated."""
    parts = [p.strip() for p in line.split(",")] if 0 < len(line) <= 80 else []
    codes = [PLACE_TO_CODE.get(p.lower()) for p in parts]
    if not codes or codes[0] is None and not re.fullmatch(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}", parts[0]):
        return None
    if any(c is None and not _DATE_PART.fullmatch(p) for p, c in zip(parts[1:], codes[1:], strict=True)):
        return None
    return next((c for c in reversed(codes) if c), None)


def leading_dateline(paragraph: str) -> int:
    """The length of the dateline a paragraph opens with, written in any case ("Amsterdam, the
    Netherlands and Charleston, S.C. - Royal Philips ...", "Chicago, USA – X ..."), else 0: places,
    each town followed by a known region or country, joined by commas and "and", then a dash."""
    match = _LEADING_DATELINE.match(paragraph)
    if match is None:
        return 0
    for group in re.split(r",? and ", match.group("places")):
        parts = [re.sub(r"^the ", "", p.strip()) for p in group.split(",")]
        if not parts or not _known_place(parts[-1]) or not all(
                _known_place(p) or _TOWN.fullmatch(p) for p in parts[:-1]):
            return 0
    return match.end()


def _known_place(part: str) -> bool:
    return part.lower() in PLACE_TO_CODE or part.lower() in _COUNTRY_CODES_WRITTEN


_LEADING_DATELINE = re.compile(r"(?P<places>[A-Z][\w.'’ ,-]{1,100}?)[ ]+(?:--|[-–—])[ ]+(?=[A-Z])")
_TOWN = re.compile(r"[A-Z][a-z'’.-]+(?: [A-Z][a-z'’.-]+){0,2}")
_COUNTRY_CODES_WRITTEN = frozenset({"usa", "u.s.a."})
_DATE_PART = re.compile(r"(?:[A-Z][a-z]+\.? \d{1,2}|\d{4})(?: /[^/]{1,30}/)?")


# Countries whose private companies are registered as "Limited" (common-law and a few others);
# not the US (Inc, LLC) nor continental Europe and Latin America (GmbH, SA, BV, AB ...).
_LIMITED_COUNTRIES = frozenset("GB IE IN KE NG GH UG TZ RW ZA AU NZ SG HK MY PK BD LK IL CA JP KR CN".split())
_LIMITED = re.compile(r"\b(?:Ltd|Limited|Pvt|Pty|PLC|Plc)\.?$")


TRAILING_PLACE = re.compile(r"\s+" + trie_pattern(
    n for names in PLACES.values() for n in names if " " not in n and not n.endswith(".")) + r"$")
