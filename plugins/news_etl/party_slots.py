"""The party slots of an announcing sentence: who a sentence says made the deal.

"Unity Health Toronto and Cohere have launched ..." names its parties in the subject;
"... has joined the TriNetX network", "was awarded to X by Y" and "signed by X and Y" name
them in an object or a passive's agent. Names found here are organisations even when nothing
in the name says so (``find_organizations``' ``party_names``); the classifier's party rules
weigh them above names the text only mentions.
"""

from __future__ import annotations

import re

from news_etl.entities import (
    DESCRIBED_PLACE,
    HEADS,
    LEGAL_FORM,
    OFFICE,
    ONE_NAME_PAIR,
    PHRASE,
    TOWN_BEFORE_BASED,
    before_officer,
    fields_only,
    head_word_only,
    is_name_chunk,
    is_org_like,
    joins_places,
    strip_the,
)
from news_etl.places import PLACE_TO_CODE


def announced_parties(sentence: str) -> list[str]:
    """Names in the party slots of an announcing sentence: its subject list and its object.

    "Unity Health Toronto and Cohere have launched ..." gives both subject names;
    "... has joined the TriNetX global network" gives "TriNetX". Only fully capitalised
    chunks count, so "Two more health systems" or "the Massachusetts-based vendor" do not.
    """
    sentence = _LEGAL_FORM_AFTER_COMMA.sub("", _OPENER.sub("", DATELINE.sub("", sentence.strip())))
    sentence = TOWN_BEFORE_BASED.sub("", sentence)  # "with Franklin, Tenn.-based Acadia": Acadia
    names: list[str] = []
    verb = _SUBJECT_END.search(sentence)
    if verb and verb.start() > 0:
        subject = re.sub(r"\s*\([^)]*\)", "", sentence[:verb.start()])
        # "Officials of the Vellore-based CMC hospital": the body they speak for, named by its acronym.
        subject = _ACRONYM_KIND.sub(r"\1", _STAFF_OF.sub("", subject))
        # "X and Mila, the Quebec AI institute, are ...": the appositive describes, it names no one;
        # "Q&A: Why X ..." or "Exclusive: X ...": a headline's kicker is no part of the subject.
        subject = _KICKER.sub("", _SUBJECT_APPOSITIVE.sub("", subject).rpartition(": ")[2])
        chunks = [_undescribed(c) for c in _subject_chunks(subject)]
        places = [c for c in chunks if c.lower() in PLACE_TO_CODE]
        chunks = _without_officers([c for c in chunks if c not in places])
        described = _DESCRIBED_NAME.search(subject)
        members = _SUBJECT_EXAMPLES.match(subject)
        if places and not chunks and len(places) == 1 and _DEAL_VERB.match(sentence, verb.start()):
            # A place that chooses or signs is its government ("Quebec has chosen Epic"); a place
            # among other names only says where they are.
            names += places
        elif all(is_name_chunk(c) for c in chunks):  # a descriptive subject ("Three hospitals in X") names none
            names += chunks
        elif members:  # ... unless it lists its members: "Fourteen health systems, including X, Y and Z, are"
            names += [c for c in _subject_chunks(members.group("list")) if is_name_chunk(c)]
        elif described:  # "Boston-based AI startup Zorbly"
            names.append(described.group(1))
        # Reported speech: "X said Y and Z have joined its network" announces Y and Z as well.
        reported = _REPORTED.match(sentence, verb.start())
        if reported:
            names += [n for n in announced_parties(sentence[reported.end():]) if n not in names]
    for slot in (*_OBJECT_START.finditer(sentence), *_PASSIVE_BY.finditer(sentence),
                 *_AWARDED_BY_TO.finditer(sentence)):
        described = _DESCRIPTION.match(sentence, slot.end())  # "with London-based startup Zorbly"
        phrase = PHRASE.match(sentence, described.end() if described else slot.end())
        # "with Zorbly and Quenby" names both; "Zorbly's AI tool" names Zorbly
        if phrase and not _PLACE_NOUN_AFTER.match(sentence, phrase.end()):
            items = []
            for item in (phrase.group(0), *_list_items_after(sentence, phrase.end())):
                name = _DATE_TAIL.sub("", item if _POSSESSIVE_IN_NAME.match(item)
                                      else re.split(r"(?:’s|'s)(?:\s|$)", item)[0])
                # "Tidewell for Supply Chain Analytics" and a headline's "with Quenby on AI" are Tidewell and
                # Quenby; "Institute for Health Metrics" and "Institute on Aging" are one name each.
                purpose = re.search(r" (?:for|on) (?=[A-Z])", name)
                items.append(name[:purpose.start()] if purpose and not _FOR_HEADS.search(name[:purpose.start()])
                             else name)
            names += [c for c in _subject_chunks(", ".join(items)) if is_name_chunk(c)]
    # A signatory is a person: "signed by Jane Roe, Director-General of X, and ..." names X, not her.
    return [n for n in names if not _TITLE_AFTER.match(sentence, sentence.find(n) + len(n))]


# A possessive that is part of a name, not an owner before his thing: "St. Anne's Hospital",
# "Children's Hospital Colorado", "King's College London".
_POSSESSIVE_IN_NAME = re.compile(r"(?:(?:St\.?|Saint|Mt\.?|Mount) [A-Z][\w.-]*|Children|Women|King|Queen|Mother|"
                                 r"Shriners Children)(?:’s|'s) [A-Z]")


# A plural subject that names some of its members: "Fourteen health systems, including X, Y and Z, ...".
# So does one group that names its members: "A team including X, Y and Z has been awarded ...".
COLLECTIVE_SUBJECT = re.compile(r"(?:An?|The) (?:[\w-]+ ){0,3}?(?:team|group|consortium|coalition|alliance|"
                                r"partnership|collaboration|venture),? (?:(?:which|that) includes? |including |"
                                r"made up of |comprising |consisting of |of )(?=[A-Z])")
_SUBJECT_EXAMPLES = re.compile(r"(?:(?:[A-Z][\w-]*|\d+)(?: [\w-]+){0,5}?s,\s+(?:including|among them|such as)\s+|"
                               + COLLECTIVE_SUBJECT.pattern + r")(?P<list>[^,]+(?:,\s*[^,]+)*?),?\s*$")
# A person's title after a name: "Jane Roe, Director-General of X", "Jane Roe, PhD"; or a photo
# caption's place mark: "Jane Roe (R) and John Doe sign the documents".
_TITLE_AFTER = re.compile(r",\s+(?:[A-Z][\w.-]*(?:’s|'s)\s+)?(?:(?:" + OFFICE.pattern + r")|(?:PhD|MD|MBA)\b)|"
                          r"\s*\((?:L|R|C|left|right|centre|center|pictured)\)|"
                          # "Tom Roe, a Quenby business development executive who will lead the fund, said"
                          r",\s+an? (?:[\w-]+ ){0,4}?(?:executive|officer|director|manager|spokes(?:wo)?man|"
                          r"spokesperson|analyst|founder|co-founder|president|chair\w*|professor|researcher|"
                          r"physician|surgeon|nurse|consultant|partner at|lawyer|attorney)\b")


# The verbs with which a subject makes a deal (not "is", "said" or "to").
_DEAL_VERB = re.compile(r"\s(?:has |have |had |will |is |are )?(?:chosen|choose|chooses|selected|selects?|picked|"
                        r"picks?|signed|signs?|inked|inks?|awarded|awards?|tapped|taps?|partnered|partners?)\b")
# A lower-case description before a subject's name: "startup studio Aegis Ventures", "its partner Quenby".
_DESCRIPTION_BEFORE = re.compile(r"(?:(?!(?:from|of|at|in|for|with|by|to|on|and|or)\s)[a-z][\w-]*\s+){1,3}(?=[A-Z])")


def _undescribed(chunk: str) -> str:
    """A subject's name without a description before it ("startup studio Aegis Ventures" is Aegis
    Ventures, "Alphabet-owned Verily" Verily); a chunk that is no name after it either is left as it is."""
    described = DESCRIBED_PLACE.match(chunk)  # "Alphabet-owned Verily", "Omaha-based Quenby Health"
    if described and is_name_chunk(chunk[described.end():]):
        return chunk[described.end():]
    description = _DESCRIPTION_BEFORE.match(chunk) or _KIND_BEFORE.match(chunk)
    if description and not is_name_chunk(chunk) and is_name_chunk(chunk[description.end():]):
        return chunk[description.end():]
    return chunk


# ... or the kind of body the names are, in the plural, before a list of them: "Top health IT companies
# Cerner, McKesson and Zorbly announced", "Tech giants Quenby and Arland have".
_KIND_BEFORE = re.compile(r"(?:[A-Z][a-z]+ )?(?:[a-z][\w-]* ){0,6}?(?:companies|firms|vendors|suppliers|giants|"
                          r"makers|developers|providers|systems|hospitals|insurers|payers|start-?ups|"
                          r"organi[sz]ations|groups|universities|trusts) (?=[A-Z])")


def _without_officers(chunks: list[str]) -> list[str]:
    """A subject's names without the people in it: officers ("Principal Secretaries Jane Roe and
    John Doe said", "Prof. A. Roe, Dean of Research, Quenby University and ...") and the names
    listed right after one that have no body's head word (the next officer, not an organisation)."""
    kept: list[str] = []
    after_officer = False
    for chunk, following in zip(chunks, [*chunks[1:], ""], strict=False):
        if OFFICE.match(chunk):
            after_officer = True
        elif _JOB_TITLE.match(following) and not is_org_like(chunk):
            continue  # "Holly Roe, Innovation Partnerships Manager at X, said": Holly Roe is a person
        elif not (after_officer and not is_org_like(chunk)):
            kept.append(chunk)
            after_officer = False
    return kept


# A job title in an appositive, before its employer: "Innovation Partnerships Manager at X".
_JOB_TITLE = re.compile(r"(?:[A-Z][\w&-]* ){0,3}(?:Manager|Lead|Officer|Director|Head|Dean|Founder|Co-founder|"
                        r"Coordinator|Adviser|Advisor|Professor|Chair|President|Executive|Fellow|Researcher)"
                        r" (?:at|of|for) ")

_LIST_ITEM = re.compile(r",[ \t]+(and[ \t]+)?(?:the[ \t]+)?(?=[A-Z]|[a-z]+[A-Z])")
# A legal form after a comma is no item of a list and no part of the name: "Arland Net, LLC" is Arland Net.
_LEGAL_FORM_AFTER_COMMA = re.compile(r",[ \t]*" + LEGAL_FORM + r"(?![\w.])")


def _list_items_after(sentence: str, position: int) -> list[str]:
    """The further items of a list a slot's first name opens ("by Velorix Health, Quenby and Arland
    University"): only a list that ends in "and <Name>", so an appositive ("with X, Quenby's parent,")
    is none."""
    items: list[str] = []
    closed = False
    while (comma := _LIST_ITEM.match(sentence, position)) and (phrase := PHRASE.match(sentence, comma.end())):
        items.append(phrase.group(0))
        closed, position = bool(comma.group(1)) or " and " in phrase.group(0), phrase.end()
        if closed:
            break
    return items if closed else []


# A month as datelines and dates write it: "Jan", "Sept.", "November".
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"


# A leading dateline: "LONDON —", "FRESNO, Calif. –", "NASHVILLE, Tenn., March 4, 2026 /PRNewswire/ --",
# "TORONTO (Reuters) -". The place in capitals, then optionally a state or country, a date and a wire;
# or a place as written with its date: "New Delhi, May 7 (IANS)", "Singapore, 23 November 2023 –".
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
    r"(?:,[ ]*[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+){0,2}){0,2}"
    rf"(?:,?[ ]*{_MONTH}[ ]+\d{{1,2}}(?:,[ ]*\d{{4}})?)?"
    r"(?:[ ]*[/(][A-Za-z][A-Za-z0-9 .,-]{1,30}[/)])*"
    r"[ ]*(?:--|[-–—]|(?<=[A-Z]):)[ ]*|"
    rf"^[A-Z][a-z]+(?:[ ][A-Z][a-z]+){{0,2}},[ ]*(?:{_MONTH}[ ]+\d{{1,2}}|\d{{1,2}}[ ]+{_MONTH})(?:,?[ ]*\d{{4}})?"
    r"(?:[ ]*\([A-Za-z]{2,12}\))?[ ]*(?:(?:--|[-–—:])[ ]*)?(?=[A-Z])|"
    # a press release's "Eton, UK – 03 February 2010 – "
    r"^[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2},[ ]*[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+){0,2}[ ]*[-–—][ ]*"
    rf"(?:\d{{1,2}}[ ]+{_MONTH}|{_MONTH}[ ]+\d{{1,2}})(?:,?[ ]*\d{{4}})?[ ]*[-–—][ ]*(?=[A-Z])"
)

_SUBJECT_END = re.compile(
    r"\s(?:has|have|had|is|are|will|would|today|this week|last week|yesterday|on \w+day|said|says|announced|"
    r"announces?|"
    r"signed|signs|sign|joined|joins|"
    r"join|launched|launch|launches|began|begin|begun|formed|form|forms|entered|enters|partners?|partnered|"
    r"teams?(?=\s+(?:up|with|to)\b)|teamed|selects?|selected|picks?|picked|taps?|tapped|awards?|awarded|renews?|renewed|agreed?|"
    r"agrees|to|connects?|connected|extends?|extended|inks?|inked|adds|added|welcomes|welcomed|"
    r"collaborat(?:e|es|ed)|cooperat(?:e|es|ed)|unit(?:e|es|ed)|enlists?|enlisted)\b"
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
    r"(?:company|start-?up|firm|venture|entity|business) (?:called|named)|"
    r"award(?:s|ed|ing)?\b[^.]{0,80}?\b(?:contract|deal|tender)\b[^.]{0,60}?\bto|"
    r"appoint(?:s|ed|ing)?(?=\s[^.]{0,60}\bas (?:its |the |a )?(?:[\w-]+ ){0,2}(?:supplier|partner|provider|vendor)\b))"
    r"\s+(?:the\s+)?"
)


# Who made a deal told in the passive: "was announced by X and Y", "has been awarded to X by Y", "the
# pact, signed by X and Y on Monday, ..." (apart from the slots above: "awarded to X" is one of them).
_PASSIVE_BY = re.compile(r"(?:\b(?:was|were|been|being)\s+(?:[a-z]+ly\s+)?|,\s+(?:[a-z]+ly\s+)?)"
                         r"(?:announced|signed|agreed|unveiled|inked|struck|sealed|finali[sz]ed|formed|selected|"
                         r"chosen|picked|tapped|commissioned|contracted|engaged|awarded\b[^.]{0,60}?)"
                         # and when: "announced on Tuesday by", "signed last week by", "unveiled Nov. 3 by"
                         rf"(?:\s+(?:(?:on|this|last|earlier|in)\s+)?(?:\w+day|week|month|year|{_MONTH}(?:\s+\d{{1,2}})?))?"
                         r"\s+by\s+(?:the\s+)?")


# ... and the one it went to when the awarding body comes first: "was awarded by X to Y".
_AWARDED_BY_TO = re.compile(r"\bawarded\s+by\s+[^.]{1,80}?\s+to\s+(?:the\s+)?(?=[A-Z])")


# A date after a name: "with Quenby on Tuesday", "by X and Y in March".
_DATE_TAIL = re.compile(rf"\s+(?:on|in|at|since)\s+(?:\w+day|{_MONTH})(?!\w).*$")

_FOR_HEADS = re.compile(r"\b(?:Institute|Coalition|Centre|Center|Alliance|Foundation|Society|Association|Council|"
                        r"Agency|Network|Partnership|Fund|Trust|Hospital|School|College|Office|Commission|Board)$")


# What a name may be introduced by: "London-based AI startup", "software company".
# A place may lead the description: "Singapore firm Ufinity".
# ("with London-based startup Zorbly", "with San Francisco-based insurer X", "with AI-powered imaging company X")
_DESCRIPTION = re.compile(r"(?:(?:[A-Z][\w.]*\s+){0,3}?[\w.-]+-(?:based|powered|led|driven|enabled|backed|focused)\s+)?"
                          r"(?:(?:[a-z][\w-]*|AI|[A-Z][a-z]+)\s+){0,3}?"
                          r"(?:start-?up|startup|company|firm|"
                          r"vendor|supplier|developer|maker|specialist|insurer)\s+(?=[A-Z])")

_DESCRIBED_NAME = re.compile(r"\b(?:start-?up|startup|company|firm|vendor|supplier|developer|maker|specialist|insurer)"
                             r"\s+([A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,4})$")


# People speaking for a body as the subject: "Officials of the Vellore-based X hospital signed ...".
_STAFF_OF = re.compile(r"^(?:Officials|Executives|Leaders|Representatives|Delegates|Doctors|Researchers|Scientists) "
                       r"(?:of|from|at) (?:the )?(?:[\w.-]+-based )?")


# An acronym with its kind in lower case: "CMC hospital", "AIIMS institute" name the acronym's body.
_ACRONYM_KIND = re.compile(r"\b([A-Z]{2,8}) (?:hospital|university|institute|college|clinic|medical college)$")


# "Separately, ...", "Also this week, ...", "Earlier in the year, ...": not part of the subject.
_OPENER = re.compile(r"^(?:[A-Z][a-z]+ly|Meanwhile|However|Also|Earlier|Later|Today|Now|Elsewhere|In addition|"
                     r"Together|Overall|Instead|Moreover|Furthermore|According to [^,]{1,60}|"
                     r"Last|This|Next|On \w+day|"
                     # a participle's clause: "Aiming to cut waiting times,", "Looking ahead," (not before
                     # a speaker: "Speaking at the signing, Jane Roe said" names a person)
                     r"[A-Z][a-z]+ing (?=[a-z])(?![^.]*\b(?:said|says|told|added)\b)[^,]{0,80}|If [^,]{0,80}|"
                     # a past participle's: "Launched in December 2018,", "Founded by two surgeons,"
                     r"(?:Launched|Founded|Established|Created|Formed|Set up|Announced|Signed|Built) "
                     r"(?:in|on|by|last|earlier|this|at) [^,]{0,60}|"
                     # a place: "Headquartered in Southern California," (what follows the comma is the subject)
                     r"(?:Headquartered|Based|Located) in [^,]{0,60}|"
                     # whose view a sentence gives: "For Rachel,", "To Quenby Health,"
                     r"(?:For|To) [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}|"
                     # a date: "In June,", "On Feb. 3,", "In March 2025,", "On November 16 2024,", "Back in
                     # April,", "Earlier in 2023,", "Last April,"
                     rf"(?:(?:Back|Earlier|Later|Early|Late) in|In|On|By|Since|Last|Next|This) {_MONTH}"
                     r"(?: \d{1,4}){0,2}|(?:Back|Earlier|Later|Early|Late) in (?:19|20)\d\d|"
                     # a clause of common words: "Under the agreement,", "As part of the five-year deal,"
                     r"(?:Under|Through|As part of|Following|After|Via|With) [a-z][\w-]*)"
                     r"(?: [a-z][\w-]*){0,3},\s+")




def _subject_chunks(subject: str) -> list[str]:
    chunks: list[str] = []
    # "A & B" is two names unless B only says what A is ("Fenmoor Hospital & Family of Clinics") or
    # "&" joins the places a body serves ("NHS Quenbyshire & Arland").
    parts = [piece for part in re.split(r",\s*(?:and\s+)?", subject)
             for piece in ([part] if fields_only(part.rpartition(" & ")[2])
                           or joins_places(*part.partition(" & ")[::2])
                           or " & " in part and not is_name_chunk(part.partition(" & ")[0])
                           else re.split(r"\s+&\s+", part))]
    # "Department of Health, Social Services and Public Safety": a ministry named for several fields.
    joined: list[str] = []
    for part in parts:
        if joined and _MINISTRY.search(joined[-1]) and fields_only(part):
            joined[-1] += ", " + part
        else:
            joined.append(part)
    parts = joined
    # "Epic Systems Corp., Verona, Wis., will supply": a town before its state or country is where
    # the name before it is, not a name of its own.
    parts = [part for i, part in enumerate(parts)
             if not (0 < i < len(parts) - 1 and parts[i + 1].strip().lower() in PLACE_TO_CODE
                     and not is_org_like(part))]
    for number, part in enumerate(parts):
        # The last item of a list of three ("A, B and C") ends at its "and" even when "B and C"
        # reads as one name ("Geisinger and Michigan Medicine"), if both sides are names.
        last_of_list = number == len(parts) - 1 and number >= 1
        cut = next((m for m in re.finditer(" and ", part) if last_of_list
                    and is_name_chunk(part[:m.start()]) and is_name_chunk(part[m.end():])
                    and not fields_only(part[m.end():])), None)
        chunks += [part[:cut.start()], *_split_names(part[cut.end():])] if cut else _split_names(part)
    return [strip_the(name) for c in chunks if (name := before_officer(c))]


_MINISTRY = re.compile(r"\b(?:Department|Ministry|Office|Secretariat) (?:of|for) [A-Z][\w]*(?:, [\w ]+)*$")


def _split_names(part: str) -> list[str]:
    """"Mater and Calvary" is two names, "Yorkshire and Humber Care Record" one, and "University Hospitals
    of Derby and Burton NHS Foundation Trust and Sherwood Forest ..." splits at its second "and": at the
    first "and" after a whole organisation name, else at the first one when the whole is no name."""
    part = _PLACE_TAIL.sub(lambda m: "" if HEADS.search(part[:m.start()]) and not _TOPIC_BEFORE_IN.search(
        part[:m.start()]) else m.group(0), part)
    # Not inside a pair that is one name: "Blue Cross and Blue Shield of Vermont".
    pairs = [m.span() for m in ONE_NAME_PAIR.finditer(part)]
    cuts = [m.start() for m in re.finditer(" and ", part) if not any(s <= m.start() < e for s, e in pairs)]
    # "X and the Y" joins two names; no name reads so.
    cut = next((c for c in cuts if part.startswith(" and the ", c)), None)
    cut = cut if cut is not None else next(
        (c for c in cuts if is_org_like(part[:c]) and not head_word_only(part[:c])
         and not fields_only(part[c + len(" and "):])
         and not joins_places(part[:c], part[c + len(" and "):])), None)
    # "ATRA and Ministry of Public Health", "Genome British Columbia and Genomics England": a name with
    # no head word (an acronym, a body named for its field and place) before one that has one.
    cut = cut if cut is not None else next(
        (c for c in cuts if _headless_name(part[:c]) and is_org_like(part[c + len(" and "):])
         and not fields_only(part[c + len(" and "):])), None)
    if cut is None and cuts and not is_org_like(part):
        cut = cuts[0]
    if cut is None:
        return [part]
    return [part[:cut], *_split_names(part[cut + len(" and "):])]


def _headless_name(name: str) -> bool:
    """An acronym ("ATRA") or a field named with its place ("Genome British Columbia")."""
    words = name.split()
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&*-]{1,9}", name)) or (
        len(words) >= 2 and words[0].lower() not in PLACE_TO_CODE and is_name_chunk(name)
        and any(" ".join(words[-n:]).lower() in PLACE_TO_CODE for n in (1, 2) if n < len(words)))


# Where a named organisation is: "Aga Khan University Hospital in Nairobi and Moi ... in Eldoret".
_PLACE_TAIL = re.compile(r" in [A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*)?(?= and |$)")


# ... but not what a body works in: "Institute for Research in Kidney Disease", "Centre of Excellence in AI".
_TOPIC_BEFORE_IN = re.compile(r"\b(?:Research|Excellence|Innovation|Studies|Training|Education|Advances|"
                              r"Leadership|Expertise|Sciences?)$")


# Places a name can be the modifier of: "between the Espoo and Meilahti areas" names no organisation.
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:areas?|regions?|districts?|sites?|campus(?:es)?|towns?|cities|city|"
                               r"count(?:y|ies)|neighbou?rhoods?|municipalit(?:y|ies)|suburbs?)\b")


_KICKER = re.compile(r"^(?:Why|How|What|When|Where|Who|Inside|Exclusive|Update|Watch|Analysis)\s+")


# Not a list's next item: "X, the Georgia Institute of Technology and Microsoft have ..." names three.
# What an appositive opens with: an article, a relative pronoun, or a possessive before a common word
# ("X, which runs the region's records,", "X, Arland's records agency,"), not before a name ("Y's Z").
_SUBJECT_APPOSITIVE = re.compile(r",\s+(?:an?|the|which|who|whose|one of|its|their|[A-Z][\w.-]*(?:’s|'s)(?=\s+[a-z]))\s"
                                 r"(?:(?!\band [A-Z])[^,]){0,160}(?:,|$)")
