"""Partnership classification: is the story announcing a partnership, of what type, between whom.

An explainable rule model. Each decision rests on sentences it can quote:

* **detection**: partnership cues ("signed an agreement with", "teaming up",
  "memorandum of understanding", "joins ... network") in the headline and lead,
  against hard-negative cues (acquisitions, terminations, cyberattacks, funding
  rounds, appointments, go-lives, surveys) that announce something else;
* **participants**: the organisations named in the announcing sentences, plus
  the vendor behind a product the lead says will be deployed;
* **type**: keyword evidence for each of the five types and the kinds of organisations
  taking part, weighed by a learned model (``type_features``, ``detector.TypeModel``).

Pure functions of text and the gazetteer: no I/O, no models to download.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from news_etl.detector import Detector, TypeModel, load_detector, load_type_model
from news_etl.entities import (
    OrgRef,
    find_organizations,
    place_descriptions,
    profile_country,
    profiled_names,
)
from news_etl.literal_prefilter import folded, may_match
from news_etl.orgs import Gazetteer, load_gazetteer
from news_etl.party_slots import DATELINE, announced_parties
from news_etl.quotes import Quote, find_quotes
from news_etl.roundups import (
    MAX_ITEMS,
    PROSE_ROUNDUP_DEALS,
    ROUNDUP_ITEMS,
    item_spans,
    join_party_lists,
    list_intro,
    list_items,
    separate_deals,
)

CLASSIFIER_VERSION = "hybrid-3.6"
LEAD_SENTENCES = 4
WINDOW = LEAD_SENTENCES + 4  # headline and the first sentences: where an announcement's parties are
MIN_SENTENCE_WORDS = 6
PARTY_SENTENCE_EARLY = 2  # the headline is sentence 0: parties named up to the second sentence are early

# What organisations connect to: exchanges, shared records, regional and national viewers.
_SHARED_RECORD = (r"exchange|HIE|QHIN|TEFCA|Carequality|CommonWell|registry|"
                  r"(shared |electronic |digital |provincial |national |regional |statewide )*"
                  r"(care|health|patient) records?|(clinical |shared )viewer")
_LIVE_ON_SHARED = (r"\b(go(es)?|went|gone|going|now) live (on|with) (?!(its|their|a|an) )[^.]{0,80}"
                   rf"\b(shared|provincial|regional|statewide|national)\b[^.]{{0,30}}\b({_SHARED_RECORD}|network)\b")
_SUPPLIER_APPOINTED = (r"\bappoint\w*\b[^.]{0,60}\b(as|to be) (its |the |a )?([\w-]+ ){0,2}(supplier|partner|"
                       r"provider|vendor)\b")
# A system bought from a vendor is a vendor contract, a company bought an acquisition: "intends to
# buy an electronic patient record from X", "buys X's shared care record", "has purchased a
# capacity management platform", but not "buys software maker X".
_SYSTEM_PURCHASE = (r"\b(?:buy|buys|bought|buying|purchas(?:e|es|ed|ing))\s+(?:(?:a|an|the|new|its|their)\s+)?"
                    r"(?:[\w.&'’-]+\s+){0,4}?(?:EHR|EPR|EMR|PACS|records?|systems?|platforms?|software|scanners?|"
                    r"modules?|licen[cs]es?|tools?|solutions?)\b(?!(?:\s+[\w-]+){0,2}?\s+(?:maker|company|firm|developer|vendor|business|"
                    r"unit|division|provider|start-?up|group|specialist)s?\b)")
# Contract words in a story that announces no new agreement: a protest, review or court challenge
# of a contract awarded earlier, a tender just issued or a shortlist with bidders still competing,
# an arbitration, a suit or a breach-of-contract claim, a contract not renewed, a business put up
# for sale ("reached an agreement to sell its unit"); a ruling on an award made earlier ("X's
# contract with Y will stand, the board ruled", "the award was upheld") and a contract a vendor
# already holds ("the system from Y, which has a 15-year contract with the trust"); a buyer still
# looking ("is looking to procure", "a prior information notice", "to open the arrangement to
# competitive tender"), a contract that has run out ("the contract expired in June"), and an audit
# or inquiry into how an earlier award was made ("to review the circumstances of how X won a contract").
_NO_NEW_AGREEMENT = (
    r"\b(?:protest(?:s|ed|ing)?|challeng(?:e|es|ed|ing) (?:to )?(?:the |its |a )?[\w$ -]{0,30}?\b(?:award|contract|"
    r"decision)|review(?:s|ed|ing)? the [^.]{0,40}\bcontract|shortlist(?:s|ed)?|short-listed|in the running|"
    r"preferred bidder (?:will|is|has) not|"
    r"appeal(?:s|ed)?\b[^.]{0,40}?\b(?:against|over) (?:the |its |a )?[^.]{0,40}?\b(?:award|contract|decision)|"
    r"(?:no|not yet an?) (?:contract|award|decision) has been|"
    r"ha(?:s|ve) not (?:yet )?been (?:awarded|signed)|losing bidders?|bid protests?|arbitrat(?:or|ion|ed)|"
    r"(?:block|halt|overturn|annul|set aside)(?:s|ed|ing)? (?:the |its )?[^.]{0,30}?\b(?:award|contract)|"
    r"(?:has|have|is|are) (?:now )?(?:issued|launched|opened|published|seeking|inviting|going out to) (?:a |an )?"
    r"(?:tender|bids|request for proposals|RFP|invitation to tender)|"
    r"filed (?:a )?(?:suit|lawsuit|complaint|claim)|legal action against|counter-?sued|"
    r"breach of contract|agreement to (?:sell|divest)|(?:will|would|did|does|decided|chose|opted) not (?:to )?"
    r"(?:renew|extend)|not to (?:renew|extend)|non-renewal|won't renew|(?:to|will) sell its|divest(?:s|ed|ing|iture)?|"
    r"sale of its|upheld|uphold(?:s|ing)?|will stand|ruled(?! out)|rul(?:ing|ings) (?:on|against|in favou?r)|"
    r"dismiss(?:es|ed|ing)? (?:a |the |its )?(?:claim|challenge|protest|case|complaint)|rival (?:supplier|bidder)s?|"
    r"which (?:already )?(?:has|holds|had|held) (?:a|an|the) [^.]{0,50}?\b(?:contract|agreement|deal)s?|"
    r"(?:looking|seeking|plans?|planning|intends?|intending|wants?) to (?:procure|tender|go (?:out )?to tender)|"
    r"(?:tender|procurement|prior information) notices?|re-?tender(?:s|ed|ing)?|"
    r"(?:supplier|vendor|bidder|partner|provider)s? (?:is |are |was |were )?(?:still |yet )?"
    r"(?:to be|due to be|will be) (?:named|chosen|selected|announced|appointed|confirmed)|"
    r"(?:seeks|seeking|looking for|wants|calls? for|invit(?:es|ing)) (?:new |long-term |strategic |more |its )?"
    r"(?:partners|partnerships|suppliers|contractors|bids|proposals|expressions of interest)\b|"
    r"(?:open|opens|opening|put|puts|putting|take|takes|taking|go|goes|going)\b[^.]{0,60}?\bto (?:a )?"
    r"(?:competitive|open|public) (?:tender|bidding|procurement|market)|"
    r"(?:contract|agreement|deal|arrangement)s? [^.]{0,60}?\b(?:(?:has|have|had) )?(?:officially )?(?:expired|lapsed)|"
    r"(?:internal )?(?:audit|inquiry|investigation|probe)s? (?:into|of) [^.]{0,80}?\b(?:contract|award|procurement|"
    r"tender)|(?:review|examine|investigate|audit)s? the circumstances|"
    r"(?:the )?subject of (?:an? |the )?(?:[\w-]+ ){0,3}?(?:audit|review|inquiry|investigation|probe))\b")
# Results that mention contracts signed: an earnings report, not an announcement.
_RESULTS = (r"\b(?:(?:first|second|third|fourth)[- ]quarter|quarterly|full-year|fiscal[- ]year) (?:results|revenue|"
            r"earnings|sales|profit)\b|\bearnings call\b|\brevenues? (?:rose|fell|grew|increased|decreased|declined|"
            r"climbed|was up|was down)\b|\bnet (?:loss|income)\b|\banalysts'? (?:expectations|"
            r"estimates|forecasts?)\b|\b(?:lowered|raised|cut) its (?:full-year |annual )?(?:guidance|forecast)\b")
# A merger or acquisition the story recalls as background, not its news: "Advocate Health, formed
# by the 2022 merger of ...", "since its acquisition of Alexion in 2021", "X, created in 2020 when
# A and B merged, has selected ...", "X, which completed its merger with Y last year, has tapped",
# "Merged Essex trust selects ...", "... after completing merger"; and one still to come that the news
# happens amid ("has selected Epic, aligning with Y as the two systems finalize a planned merger").
_PAST_DEAL = re.compile(
    r"\b(?:formed|created|born|the product|the result) (?:by|from|through|in|of) (?:(?:the|a|its|their) )?[^.,;]{0,30}?"
    r"\b(?:merger|combination|acquisition)\b(?: (?:of|between) [^.,;]{0,80})?|"
    r"\b(?:formed|created|born|established) (?:in (?:19|20)\d\d )?when [^.;]{0,120}?\b(?:merged|combined)\b"
    r"(?: with [^.,;]{0,80})?|"
    r",\s*(?:which |that )?(?:completed|closed|finali[sz]ed|combined|merged)\b[^.;]{0,160}?,(?=\s+(?:has|have|is|are|"
    r"will|today|now|this|signs|selects|picks|taps|chooses|partners|joins|inks)\b)|"
    r"\b(?:after|since|following) (?:completing|closing|finali[sz]ing) (?:its |their |the )?(?:merger|acquisition|"
    r"combination|takeover)\b|"
    r"\b(?:newly[- ])?merged (?:[\w-]+ ){0,2}?(?:trust|health system|system|group|organi[sz]ation|entity)\b|"
    r"\b(?:since|after|following|through) (?:its|their|the) (?:(?:19|20)\d\d |earlier |previous )?(?:merger|"
    r"acquisition|takeover) (?:of|with) [^.,;]{0,60}?\bin (?:19|20)\d\d\b|"
    r"\b(?:in|since|after|following) (?:a|an|its|their|the) (?:(?:19|20)\d\d|earlier|previous) (?:merger|"
    r"acquisition|takeover|combination)\b|"
    # a merger still to come, as the setting of the news: "has selected Epic ..., as the two systems
    # finalise a planned merger", "ahead of its proposed combination with X"
    r"\b(?:as|while|amid|ahead of|before)\b[^.;]{0,60}?\b(?:a|an|its|their|the) (?:planned|pending|proposed|"
    r"upcoming|expected) (?:merger|combination|acquisition)\b", re.I)
# Once the headline or lead recalls a past merger, "the merger left two systems" and "merging its
# clinical systems" refer back to it: background too.
_RECALLED_DEAL = re.compile(r"\b(?:the|that|this|its|their) (?:[\w-]+ )?(?:merger|combination)s?\b|"
                            r"\bmerging (?:its|their|the)\b", re.I)
_POSITIVE = [
    (r"\bpartner(s|ed|ing|ship|ships)?\b", 2.0),
    (r"\bcollaborat(e|es|ed|ing|ion|ions|ive)\b", 2.0),
    (r"\balliances?\b|\bjoint venture\b|\baffiliat(e|es|ed|ion)\b", 2.0),
    (r"\bmemorandum of understanding\b|\bMoUs?\b", 3.0),
    (r"\b(signs?|signed|signing|inks?|inked)\b", 1.5),
    (r"\bagreements?\b|\bcontracts?\b|\bdeals?\b", 1.5),
    (r"\bteam(s|ed|ing)? up\b|\bjoin(s|ed|ing)? forces\b|\bteam(s|ed)? with\b|\btie-?ups?\b|"
     r"\b(ties?|tied|links?|linked) up with\b|\bpacts?\b", 3.0),
    (r"\b(expand(s|ed|ing)?|deepen(s|ed|ing)?|extend(s|ed|ing)?) (its |their )?relationship with\b", 2.0),
    (r"\b(will|to|plans to) (pilot|trial|use)\b[^.]{0,60}"
     r"(\b[A-Z][\w.-]*(’s|'s)\s|\b(from|by|to|with|for) [A-Z])", 1.0),
    (r"\b(selects?|selected|chooses|chose|chosen|picks|picked|taps|tapped|enlist(s|ed)?|opt(s|ed) for|"
     r"go(es)? with|went with)\b", 1.5),
    # Putting another organisation's product to use: "deploys Qure.ai's", "is rolling out Corvix's".
    (r"\b(deploy(s|ed|ing)?|roll(s|ed|ing)? out|implement(s|ed|ing)?|adopt(s|ed|ing)?)\s+(the\s+)?"
     r"[A-Z][\w.-]*(\s[A-Z][\w.-]*){0,3}(’s|'s)\s", 1.5),
    (r"\b(wins?|won|secures?|secured|lands?|landed)\b[^.]{0,60}\b(contract|deal|tender)\b", 2.0),
    (_SUPPLIER_APPOINTED, 2.0),
    (r"\b(will|to) (deploy|implement|roll out|adopt)\b", 1.0),
    (r"\b(join(s|ed|ing)?|sign(s|ed)? (on|up) (to|as|with)|connect(s|ed|ing)? to|become members?)\b[^.]{0,80}"
     rf"\b(network|consortium|platform|collaborative|programme|program|alliance|initiative|infrastructure|venture|"
     rf"hub|{_SHARED_RECORD})\b", 2.0),
    # A network taking in a member, told from the network's side: "the X Network now includes Y",
    # "has welcomed Y as its newest member", "the addition of Y to the network".
    (r"\b(network|consortium|collaborative|alliance|hub|exchange|registry|platform)\b[^.]{0,20}\b(now )?(includes|"
     r"has added|adds|added|welcom(es|ed))\b|"
     r"\bwelcom(es|ed|ing)\b[^.]{0,60}\bas (a|an|its|their) (new |newest |latest |first )?"
     r"(member|partner|participant)s?\b|"
     r"\baddition of\b[^.]{0,60}\bto (the|its|their) [\w -]{0,30}"
     r"\b(network|consortium|collaborative|alliance|hub|exchange)\b", 2.0),
    # "has gone live on One Health and Care, the shared care record": a new connection, not a go-live
    (_LIVE_ON_SHARED, 2.0),
    (r"\b(adding|adds|added|include|includes|expand(s|ing)?)\b[^.]{0,200}\b(data|distributed)[- ]?\w* network\b",
     2.0),
    (r"\bwork(s|ing)? (together|with)\b", 1.0),
    (r"\b(sign(s|ed)? on|become (a )?members?|join(s|ed)? as (a )?members?)\b", 2.0),
    # Joint undertakings: "have launched a joint research study", "begun a research collaboration".
    (r"\bjoint(ly)? ([\w-]+ ){0,3}(study|trial|program(me)?|lab|laborator(y|ies)|cent(er|re)|initiative|project|"
     r"research|steering|tumou?r boards?|fellowship|procurement)\b", 2.5),
    (r"\b(launch(es|ed)?|begin|began|begun|start(s|ed)?|open(s|ed)?|establish(es|ed)?|form(s|ed)?)\b[^.]{0,40}"
     r"\b(study|trial|consortium|alliance|network|lab|research)\b", 1.5),
    (r"\b(co-develop\w*|jointly develop\w*|co-design\w*)\b", 2.0),
    (_SYSTEM_PURCHASE, 2.0),
    # A company or data pool set up together: "formed a new company with three other systems",
    # "will be jointly owned by", "to pool de-identified patient data".
    # "will co-own a startup", "to share anonymised patient data".
    (r"\b(form(s|ed|ing)?|creat(e|es|ed|ing)|set(s|ting)? up|launch(es|ed)?)\b[^.]{0,30}\b(company|venture|"
     r"entity|organi[sz]ation)\b[^.]{0,10}\bwith\b|\bjointly[- ]owned\b|\bco-?own(s|ed|ing)?\b|"
     r"\b(pool|share)(s|d|ed|ing)?\b[^.]{0,30}\bdata\b", 2.0),
    # Setting up something held in common: "have formed a federated data platform", "set up a shared service".
    (r"\b(form(s|ed|ing)?|establish(es|ed|ing)?|set(s|ting)? up|creat(e|es|ed|ing))\b[^.]{0,40}"
     r"\b(jointly[- ]owned|shared|federated|common)\b", 2.0),
    (r"\baward(s|ed|ing)?\b[^.]{0,80}\bcontract\b|\bcontract\b[^.]{0,40}\bawarded\b", 2.0),
    (r"\b(renew(s|ed|al)?|extend(s|ed)?|extension)\b[^.]{0,60}\b(contract|agreement|deal)\b", 1.0),
    (r"\bunder (a|an|the) [\w-]+(-year)? (deal|agreement|contract)\b", 1.0),
]
_NEGATIVE = [
    # ... but "the partnership is not a merger" says what the story is not.
    # ... nor things bought over the years: "five imaging systems acquired over fifteen years".
    (r"\b(swallow(s|ed|ing)?|snap(s|ped|ping)? up|acquir(e|es|ing)|"
     r"(?<!systems )(?<!data )(?<!equipment )(?<!devices )(?<!scanners )(?<!tools )acquired|"
     r"(?<!not an )acquisition|takeover|take over|taking over|buys|bought|to buy|"
     r"(?<!not a )merger|merg(e|es|ed|ing))\b", 3.0),
    # Mergers in other words: "definitive agreement to join X", "combine into one system", "become part of".
    (r"\bdefinitive agreement\b|\bletter of intent to (join|combine|merge)\b|\bcombin(e|es|ed|ing|ation)\b"
     r"[^.]{0,30}\b(into|to form|to create) (a|one|single)\b|\bbecom(e|es|ing) (a )?part of\b|"
     r"\bcreat(e|es|ing) an? [\w-]*\d+-hospital\b", 3.0),
    # A deal not renewed: "has decided not to renew its agreement with X".
    (r"\b(not|never|no longer|won't|declin(es|ed) to) (to )?(renew|extend|continue)\b|\bdecided against\b", 3.0),
    (r"\b(terminat(e|es|ed|ing|ion)|lawsuit|sues|sued|antitrust|dispute|scrap(s|ped)|cancel(s|led|ed))\b", 3.0),
    (_NO_NEW_AGREEMENT, 3.0),
    (_RESULTS, 2.5),
    # Talks that failed: "at impasse", "failed to agree on a new contract", "walked away".
    (r"\b(impasse|stalemate|stand-?off|fail(s|ed)? to (agree|reach)|walk(s|ed)? away)\b", 3.0),
    (r"\bends?\b[^.]{0,40}\b(contract|partnership|relationship|agreement)\b|\bout of network\b", 3.0),
    (r"\b(ransomware|cyberattack|cyber-attack|cyber incident|data breach|breach|outage|hackers?|phishing|"
     r"compromised|offline|faulty [\w ]{0,20}update)\b", 3.0),
    # ... and a health system's stake in a company: "has a new strategic investor", "invests in X".
    (r"\b(raises?|raised|funding round|series [a-e]|seed round|valuation|secures? [£$€]|lands \$)|"
     r"\b(strategic|lead|new|minority|anchor) investors?\b|\binvestor role\b|"
     r"\b(invest(s|ed|ing)?|(a|an|its|their) (minority |equity )?stake) in (?-i:[A-Z])", 2.0),
    # Not a supplier's appointment: "has appointed Alcidion as its preferred supplier".
    (rf"^(?!.*{_SUPPLIER_APPOINTED})"
     r"(?:.*\b(appoint(s|ed|ment)?|hires?|hired|steps? down|resign(s|ed)?|retir(e|es|ed|ing))\b|"
     r".*\bnames\b[^.]{0,60}\b(as|chief|officer|director|president|CEO|CIO)\b)", 2.0),
    # A go-live still to come ("will go live in 2028") belongs to a new deal's story.
    (rf"^(?!.*{_LIVE_ON_SHARED})"
     r"(?:.*\b(?<!will )(?<!to )(go(es)?[- ]live|went live|gone live|switch(es|ed)? on|live on)\b|"
     r".*\bcompletes? [^.]{0,30}\b(rollout|roll-out|deployment|implementation|switch)\b)", 2.5),
    (r"\b(survey|poll|report finds|study finds|according to a (new )?report|respondents)\b|"
     r"\b(research|analysis|data|figures) (by|from) (?-i:[A-Z])[^.]{0,60}\b(found|finds|shows?|showed|suggests?)\b",
     2.0),
    # Organisations listed as examples of a trend: "Mayo Clinic and Ochsner among health systems
    # partnering with AI start-ups" (not "among the first to join", which is their own news).
    (r"\b(and|&) (?-i:[A-Z])[\w&.'’-]*( (?-i:[A-Z])[\w&.'’-]*){0,4},? ((are|were) )?among\b"
     r"(?! (the )?(first|earliest|early)\b)", 2.5),
    # A trend story counting deals: "a wave of collaborations", "at least a dozen partnerships announced".
    (r"\ba (wave|string|flurry|spate|raft|rash) of (new |recent )?(partnerships|collaborations|deals|alliances|"
     r"agreements|tie-ups)\b|\b(at least |more than |over )?(a dozen|dozens of|\d+)( [\w-]+){0,2} (partnerships|"
     r"collaborations|deals|alliances|tie-ups)\b[^.]{0,40}\b(announced|struck|signed|unveiled) "
     r"(in|over|during|this|last)\b", 2.5),
    # An award for a collaboration already running: "won the award for the best healthcare collaboration".
    (r"\b(won|wins|winning|winners? of|shortlisted for|finalists? (for|in))\b[^.]{0,40}\b(award|prize)s?\b|"
     r"\b(among|were named|are named) (the )?(winners|finalists)\b", 2.5),
    (r"\b(layoffs?|job cuts|redundanc(y|ies))\b|\bcut(s|ting)?\b[^.]{0,30}\b(jobs|workforce|staff)\b", 3.0),
    # Opinion and explainers by their label or headline: "Our Take: ...", "Feature: ...", "4 Ways ...".
    (r"^(opinion|comment|commentary|viewpoint|op-ed|analysis|perspective)\b|"
     r"^(our take|editorial|column|feature|guest (post|column|blog)|blog( post)?|insight|letter)\s*[:|–—-]|"
     r"^(\d+|three|four|five|six|seven|eight|nine|ten) (ways|lessons|reasons|trends|predictions|myths)\b", 5.0),
    # A headline's plain verb too: "HHS and CMS Finalize Two Rules"; "announced the release of two rules".
    (r"\b(final(ize|ise|izes|ises|ized|ised)|publish(es|ed)?|propos(e|es|ed)|sets?|(release|publication) of)\b"
     r"[^.]{0,60}\b(rules?|regulations?|plan|strategy|standards?|guidance|deadlines?)\b|\blegislat\w+|"
     r"\b(publish(es|ed)|final(izes|ises|ized|ised)|issu(es|ed)|releas(es|ed))\b (an? |the )?"
     r"(updated|new|draft|final|revised)\b", 2.5),
    # A single company's launch; a joint launch ("X and Y launch a joint study") is no product launch.
    (r"^(?!.*\b(joint(ly)?|with|together|study|trial|research|agreement|deal|contract)\b)(?!.*[a-z](’s|'s) )"
     r".*"
     r"\b(launch(es|ed)?|unveil(s|ed)?|introduc(es|ed)|debut(s|ed)?|rolls out)\b", 2.0),
]
# Generic words of a relation between organisations that the weighted cues above do not carry
# ("under an arrangement", "are uniting to", "will provide", "building ... with Philips"); the
# learned detector decides how much they count.
_RELATION = re.compile(
    r"\b(arrangements?|relationship|unit(e|es|ed|ing)|contracted|agreed terms|alongside|together|help from|"
    r"participat(e|es|ing) in|take part in|"
    r"(will|to|would) (offer|provide|supply|run|power|host|make|bring)|"
    r"(build|builds|building|built|develop|develops|developing|working)\b[^.]{0,50}\bwith (?-i:[A-Z])|"
    r"contribut\w+ (data|records)|(software|platform|system|technology|tools?) from (?-i:[A-Z])|"
    r"replac\w+\b[^.]{0,80}\bwith (?-i:[A-Z])|(given|gives|handed|hands)\b[^.]{0,40}\b(contract|deal)\b)", re.I)
_POSITIVE = [(re.compile(p, re.I), w) for p, w in _POSITIVE]
_SYSTEM_PURCHASE_RE = re.compile(_SYSTEM_PURCHASE, re.I)
_NO_NEW_AGREEMENT_RE = re.compile(f"{_NO_NEW_AGREEMENT}|{_RESULTS}", re.I)
_NEGATIVE = [(re.compile(p, re.I), w) for p, w in _NEGATIVE]
_TYPE_CUES = {
    "vendor_contract": r"\b(contract|deal|agreement|select(s|ed)?|deploy\w*|implement\w*|roll(ing)? out|"
                       r"EHR|EPR|electronic (health|patient) record|PACS|system|procure\w*|tender|licen[cs]e|"
                       r"supply|replace\w*|go[- ]live|platform|software)\b",
    "strategic_alliance": r"\b(alliance|affiliat\w*|joint venture|strategic|collaboration|clinical expertise|"
                          r"share best practices?|patient care|care delivery|access to care|international)\b",
    "technology_collaboration": r"\b(MoU|memorandum of understanding|co-develop\w*|develop\w*|innovation|"
                                r"AI|artificial intelligence|machine learning|lab|solutions?|explore)\b",
    "data_network": r"\b(data[- ]sharing|data network|distributed (data )?network|consortium|"
                    r"interoperab\w*|health information exchange|de-identified|data platform|"
                    r"shar\w* (patient |health |medical |clinical )?(records|data|information)|"
                    r"join\w* the \w+ network)\b",
    "research_collaboration": r"\b(research|clinical (study|trial)s?|trials?|scientists|genomic\w*|"
                              r"study|studies|discovery|cohort)\b",
}
# Phrases that all but settle a type (a feature of their own for the type model).
_DECISIVE = {
    "vendor_contract": r"\b(select(s|ed)|picks|picked|taps|tapped|chose|chooses|award(s|ed)?|renew(s|ed|al)?)\b"
                       r"[^.]{0,80}\b(contract|deal|agreement|system|platform|record|software|EHR|EPR)\b|"
                       r"\b(supply|procure\w*|tender|licen[cs]e)\b",
    "strategic_alliance": r"\b(alliance|affiliation|joint venture|clinical partnership|share (surgical |operating )?"
                          r"(capacity|theatres|staff|waiting lists))\b",
    "technology_collaboration": r"\b(co-develop\w*|jointly develop\w*|co-design\w*|innovation (partnership|lab|"
                                r"cent(er|re))|develop\w* (new )?(AI|artificial intelligence|tools|software|"
                                r"models|technology|algorithms))\b",
    "data_network": r"\b(join\w*|signed (on|up)|sign (on|up)|connect\w* to|members? of)\b[^.]{0,80}\b(network|"
                    rf"{_SHARED_RECORD}|consortium|data platform|infrastructure)\b|{_LIVE_ON_SHARED}|"
                    r"\bdata[- ]sharing\b|\bshar(e|es|ed|ing) (patient |health |medical |clinical )?(records|data)\b|"
                    r"\bfederated\b|\bcommon data model\b|\bshared (care )?record\b",
    "research_collaboration": r"\b(research (collaboration|partnership|agreement|program(me)?|study|studies)|"
                              r"joint (research|clinical)? ?(study|trial)|clinical (study|trial)|"
                              r"research (cent(re|er)|institute|hub|unit|programme|program)|"
                              r"(launch\w*|begun|began|start\w*) (a |an )?[\w-]* ?[\w-]* ?(study|trial)|"
                              r"to study\b)",
}
_TYPE_CUES = {t: re.compile(p, re.I) for t, p in _TYPE_CUES.items()}
TYPE_NAMES = tuple(_TYPE_CUES)  # the five types of ``seeds/labels.json``, in its order
_DECISIVE = {t: re.compile(p, re.I) for t, p in _DECISIVE.items()}
_DEAL_EVENT = re.compile(
    r"\b(signed|inked|agreed|formed|joined|selected|awarded|partnered|teamed up|renewed|extended)\b[^.]{0,80}"
    r"\b(agreement|contract|deal|partnership|alliance|collaboration|memorandum|MoU|network|consortium|"
    r"joint venture|with)\b", re.I)
_AWARD = re.compile(r"\bawards?\b[^.]{0,80}\bcontract\b|\bawarded\b[^.]{0,80}\b(contract|deal)\b|"
                    r"\bcontract\b[^.]{0,40}\bawarded\b|\b(been|was|were) awarded\b|"
                    r"\b(under|through|via|from|off) (a|an|the) [\w -]{0,60}\bframework\b", re.I)
MAX_OTHER_PARTNERSHIPS = 3
_SAME_DEAL = re.compile(r"(?:The|This|Under the|Under this) (?:[\w-]+ ){0,2}?(?:contract|deal|agreement|partnership|"
                        r"collaboration|alliance|award|tender|MoU|memorandum)\b")
# Another deal, not the word "separate" ("replacing several separate systems").
_ANOTHER_DEAL = re.compile(r"\b(separately|(another|a separate|a second) (\w+ )?(deal|agreement|contract|partnership|"
                           r"collaboration|alliance)|earlier this year|last year|previously)\b", re.I)
# A sentence that tells of a deal of the past ("whose contract was announced in 2021", "agreements
# signed well before this year"): a long story's background, not its news.
_BACKGROUND = re.compile(r"\b(previous(ly)?|already|earlier|years ago|in the past|well before|long-standing|"
                         r"(announced|signed|agreed|struck|began|started|formed)"
                         r"( (with|up|it|them|a|an|the|its|their|deal|contract|agreement))* in (19|20)\d\d|"
                         r"since (19|20)\d\d|"
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
    # nor after initials ("U.S.", "L.A. Care Health Plan"): a name goes on after them more often than not
    r"(?<!\bInc\.)(?<!\bCo\.)(?<!\bCorp\.)(?<!\bLtd\.)(?<!\b[A-Z]\.[A-Z]\.)\s+(?=[“\"A-Z0-9])|\n+"
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


def read_article(title: str | None, text: str, gazetteer: Gazetteer) -> Reading:
    """Headline, lead, organisations, announcing sentences, parties and detection features."""
    as_written = (title or "").strip()
    title = headline_case(as_written)
    full_text, text = text, story_body(text)
    body_sentences = join_party_lists(split_sentences(text))
    if body_sentences and as_written and body_sentences[0] == as_written:
        # A page's text often opens with its own headline: read once, as the headline.
        body_sentences = body_sentences[1:]
    # Headings, datelines and bylines are not sentences a story announces anything in.
    prose = [s for s in body_sentences if len(s.split()) >= MIN_SENTENCE_WORDS]
    lead = prose[:LEAD_SENTENCES]
    document = "\n".join([title, *body_sentences])
    cues = {s: _positive_score(s) for s in {title, *prose}}
    related = {s: bool(_RELATION.search(s)) for s in cues}  # generic relation words, read once a sentence
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
    spans = [(span, sentence) for span, sentence in zip(offsets, sentences, strict=True)
             if not any(s <= span[0] < e for s, e in items)
             and (cues[sentence] > 0 or related[sentence])]
    # The announcing window first; only when it names no two parties, the whole story (past the
    # window, background is more often about other deals than the one announced).
    announcing = [span for span, _ in spans if span[1] <= offsets[:WINDOW][-1][1]]
    participants = _participants(document, orgs, announcing, offsets[: LEAD_SENTENCES + 1])
    late = False
    if len(participants) < 2 and len(spans) > len(announcing):
        later = [span for span, sentence in spans[len(announcing):] if not _BACKGROUND.search(sentence)]
        participants = _participants(document, orgs, announcing + later, offsets[: LEAD_SENTENCES + 1])
        late = len(participants) >= 2
        announcing += later if late else []
    offsets_all, offsets = offsets, offsets[:WINDOW]
    participants = _fellow_countries(_profiled_parties(full_text, _described_parties(document, participants)))
    features = _features(document, title, lead, cues, orgs, offsets, participants, announcing)
    features["parties_late"] = float(late)  # the detector learns how far to trust a later announcement
    # A roundup in prose: several sentences, each announcing a deal between organisations new to the
    # story (by a cue or a relation word: "announced a value-based arrangement").
    announces = [cues[sentence] > 0 or related[sentence] for sentence in sentences[1:]]
    features["separate_deals"] = float(separate_deals(zip(offsets_all[1:], announces, strict=True), orgs,
                                                      offsets_all[0][1]))
    written = "\n".join([as_written, *body_sentences])  # same offsets: headline_case keeps lengths
    return Reading(document, written, sentences, lead, orgs, announcing, participants, quotes, features)


def classify_article(title: str | None, text: str, gazetteer: Gazetteer | None = None,
                     detector: Detector | None = None, type_model: TypeModel | None = None) -> Classification:
    """Decide whether the article announces a partnership and between whom."""
    gazetteer = gazetteer or load_gazetteer()
    detector = detector or load_detector()
    r = read_article(title, text, gazetteer)
    probability = detector.probability(r.features)
    why = f"p={probability:.2f} ({detector.explain(r.features)})"
    if probability < 0.5:
        return Classification(False, probability, (), why, r.quotes)
    if r.features["roundup_intro"] and r.features["roundup_items"] >= ROUNDUP_ITEMS:
        # Introduced as a list ("Here are seven updates ...") whose items bring in new organisations:
        # a roundup of others' news, whatever its items' cues add up to.
        return Classification(False, probability, (), f"a roundup of {r.features['roundup_items']:.0f} items "
                              f"naming other organisations; {why}", r.quotes)
    if r.features["separate_deals"] >= PROSE_ROUNDUP_DEALS - r.features["generic_lead"]:
        # One deal a sentence, each between organisations new to the story, under a headline that
        # names none of them: a roundup told in prose ("In June, X partnered with Y ... Z also ..."); two
        # such deals are enough after a lead about organisations in general ("Health systems are ...").
        return Classification(False, probability, (), f"a roundup of {r.features['separate_deals'] + 1:.0f} "
                              f"separate deals told in prose; {why}", r.quotes)
    if len(r.participants) < 2:
        return Classification(False, probability, (), f"fewer than two named parties in the announcement; {why}",
                          r.quotes)

    offsets = _sentence_offsets(r.document, r.sentences)
    evidence = _evidence(r)
    type_model = type_model or load_type_model()
    typed = type_features(r.sentences[0], type_context(r), r.participants)
    partnership_type = type_model.best(typed)
    why += f"; type {partnership_type} ({type_model.explain(typed, partnership_type)})"
    confidence = min(round(probability, 3), 0.99)
    main = Partnership(partnership_type, confidence, evidence[:2000], tuple(r.participants))
    others = _other_partnerships(r.document, r.orgs, offsets, main, type_model)
    return Classification(True, probability, (main, *others), why, r.quotes)


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


def story_body(text: str) -> str:
    """The story as a reader reads it: without a leading byline ("By Priya Nair, Digital Health
    reporter", which names the publisher) or dateline ("FRESNO, Calif. –"), which would read as
    organisations, and without a press release's trailer ("About X" company
    profiles, media contacts, "###"), which names organisations that are no news of the day."""
    text = _BYLINE.sub("", text.lstrip(), count=1).lstrip()
    dateline = DATELINE.match(text)
    if dateline:  # kept as a heading line, in title case, for the place it names
        place = re.sub(r"[ ]*(?:[/(][^/)]*[/)][ ]*)*(?:--|[-–—])[ ]*$", "", dateline.group(0))
        text = place.title() + "\n" + text[dateline.end():]
    trailer = _TRAILER.search(text)
    return text[:trailer.start()].rstrip() if trailer else text


def split_sentences(text: str) -> list[str]:
    """Sentences (and heading lines) of a body text, in order."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


# -- helpers -------------------------------------------------------------------------------

def _cue_score(sentence: str, cues: list[tuple[re.Pattern[str], float]]) -> float:
    text = folded(sentence)  # patterns whose words the sentence lacks are not searched: same sum, sooner
    return sum(weight for pattern, weight in cues if may_match(pattern, text) and pattern.search(sentence))


def _positive_score(sentence: str) -> float:
    """The sentence's partnership cues, none where it says the agreement is not new or not made
    ("is reviewing the contract awarded to X", "shortlisted", "agreement to sell its unit")."""
    return 0.0 if _NO_NEW_AGREEMENT_RE.search(sentence) else _cue_score(sentence, _POSITIVE)


def _negative_score(sentence: str, recalled: bool = False) -> float:
    """The sentence's hard-negative cues, leaving out a system bought from a vendor ("buys X's
    shared care record") and a merger or acquisition recalled as background ("formed by the 2022
    merger of"), which are no acquisition news; ``recalled`` (the story's head recalls such a deal)
    leaves out references back to it too ("The merger left the system with two platforms")."""
    sentence = _SYSTEM_PURCHASE_RE.sub(" ", _PAST_DEAL.sub(" ", sentence))
    if recalled:
        sentence = _RECALLED_DEAL.sub(" ", sentence)
    return _cue_score(sentence, _NEGATIVE)


def _features(document: str, title: str, lead: list[str], cues: dict[str, float], orgs: list[OrgRef],
              offsets: list[tuple[int, int]], participants: list[Participant],
              announcing: list[tuple[int, int]]) -> dict[str, float]:
    """What the learned detector weighs: cue scores by place, generic relation words, how
    many organisations the headline, the first sentence and the announcing sentences name, and
    the cues of the sentence that names the parties wherever it stands (a long story's
    announcement often follows paragraphs of background, past the lead), under names of their own
    when it stands past the second sentence."""

    def named(span: tuple[int, int] | None) -> float:
        return float(len([r for r in orgs if span and any(span[0] <= a < span[1] for a, _ in r.spans)]))

    keys = {p.key for p in participants}
    party_span = next(((s, e) for s, e in announcing
                       if len({r.key for r in orgs if r.key in keys and any(s <= a < e for a, _ in r.spans)}) >= 2),
                      None)
    party_sentence = document[party_span[0]:party_span[1]] if party_span else None
    # Where the parties are first named together, or, when no one sentence names two of them ("The
    # hospital also works with X"), the first announcing sentence that names one.
    first_party_span = party_span or next(((s, e) for s, e in announcing
                                           if any(r.key in keys and any(s <= a < e for a, _ in r.spans)
                                                  for r in orgs)), None)
    party_index = next((i for i, span in enumerate(offsets) if span == first_party_span), len(offsets)
                       ) if first_party_span else 0
    recalled = any(_PAST_DEAL.search(s) for s in [title, *lead])

    features = {
        "cue_title": cues[title],
        "cue_lead": sum(cues[s] for s in lead[:2]),
        "cue_rest": sum(cues[s] for s in lead[2:]),
        "neg_title": _negative_score(title, recalled),
        "neg_lead": sum(_negative_score(s, recalled) for s in lead[:2]),
        "neg_rest": sum(_negative_score(s, recalled) for s in lead[2:]),
        "relation": float(sum(1 for s in [title, *lead[:2]] if _RELATION.search(s))),
        "orgs_title": min(named(offsets[0]), 2.0),
        "orgs_first": min(named(offsets[1] if len(offsets) > 1 else None), 3.0),
        "parties": float(min(len(participants), 3)),
        "cue_parties": min(cues.get(party_sentence, 0.0), 6.0) if party_sentence else 0.0,
        "roundup_items": float(min(list_items(document, orgs), MAX_ITEMS)),
        "roundup_intro": float(list_intro([title, *lead[:2]])),
        # ... and its hard-negative cues: "X selected Y in 2017 and went live", "not to renew".
        "neg_parties": min(_negative_score(party_sentence, recalled), 6.0) if party_sentence else 0.0,
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
    document: str, orgs: list[OrgRef], announcing: list[tuple[int, int]], lead: list[tuple[int, int]]
) -> list[Participant]:
    """The parties: organisations of the first announcing sentence that names two or more.

    Later announcing sentences add organisations only when they also name one of those
    parties (so "already in use at neighbouring X" does not make X a party), and a
    product named in the lead brings in its vendor.
    """

    def named_in(span: tuple[int, int]) -> list[OrgRef]:
        s, e = span
        return [r for r in orgs if any(s <= a and b <= e and _as_party(document, s, a, b) for a, b in r.spans)]

    chosen: list[OrgRef] = []
    # Headline-consistent first: a long story's background ("its own Institute for X, set up under
    # the Y Act") may name two organisations before the announcement names the headline's party.
    headline_end = document.find("\n") if "\n" in document else len(document)
    in_headline = {r.key for r in orgs if any(a < headline_end for a, _ in r.spans)}
    naming_two = [span for span in announcing if len(named_in(span)) >= 2]
    # Else the first with an announcement cue, not only a relation word: "patients at X may be treated
    # under an arrangement between Y and Z" gives way to "Y and Z have agreed a collaboration".
    cued = next((span for span in naming_two if _cue_score(document[span[0]:span[1]], _POSITIVE) > 0),
                naming_two[0] if naming_two else None)
    primary = next((span for span in naming_two if in_headline & {r.key for r in named_in(span)}), cued)
    if primary is None:
        # "X has signed a contract for Y. The contract ... was awarded to Z.": a sentence that names
        # one party, and the next one, about the same deal, that names the other.
        primary = next(((a[0], b[1]) for a, b in zip(announcing, announcing[1:], strict=False)
                        if named_in(a) and _SAME_DEAL.match(document[b[0]:b[1]])
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
    return [
        Participant(
            key=r.key,
            name=r.name,
            org_type=kinds[r.key],
            role=kinds[r.key],
            country=r.country,
            mentions=tuple(sorted(r.mentions or {r.name})),
        )
        for r in chosen
    ]


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
    if members and members.end() <= start and "," not in document[members.end():start]:
        return True  # "The systems, which include X, will co-own ...": the subject's members, not examples
    if _BACKER.search(before) or _EXAMPLE_LIST.search(document[max(sentence_start, start - 160):start]):
        return False
    if any(a <= start < b for a, b in _past_deal_spans(document, sentence_start)):
        return False
    return not (_OWNED_SYSTEM_BEFORE.search(before) and _SYSTEM_AFTER.match(document, end, end + 40))


@lru_cache(maxsize=256)
def _past_deal_spans(document: str, sentence_start: int) -> tuple[tuple[int, int], ...]:
    """Where the sentence (the line) starting at ``sentence_start`` recalls a past merger or
    acquisition; cached, since every name of an announcing sentence asks."""
    line_end = document.find("\n", sentence_start)
    return tuple(m.span() for m in _PAST_DEAL.finditer(document, sentence_start,
                                                      len(document) if line_end < 0 else line_end))


_BACKER = re.compile(r"\b(?:funded|backed|financed|sponsored|supported|commissioned) by (?:the )?$|"
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
                     # an owner: "majority-owned by the private equity firm X"
                     r"\bowned by (?:the )?(?:[\w-]+ ){0,3}$|"
                     # the source of a figure: "according to the Wisconsin Hospital Association"
                     r"\baccording to (?:the )?$|"
                     # customers and members given as examples: "already works with systems including X";
                     # not a consortium's members: "a consortium led by X and including Y", "the network now
                     # includes Y"
                     r"\b(?<!\band )(?<!\bnow )(?:including|includes|such as|among them|like)\s+(?:[\w-]+\s+){0,2}$",
                     re.I)
# Later names in such a list: "... including Advocate Health and Sutter Health".
_EXAMPLE_LIST = re.compile(r"\b(?<!\band )(?:including|such as|among them)\s+(?:[\w-]+\s+){0,2}"
                           r"(?:(?:[A-Z][\w'’.&-]*|of|and|the)\s+){0,8}?(?:[A-Z][\w'’.&-]*)(?:,\s+|,?\s+and\s+|\s+&\s+)$")
# A plural subject whose members an appositive names: "The health systems, which include X, ...".
_SUBJECT_MEMBERS = re.compile(r"(?:The|These|Those|All|Both) (?:[\w-]+ ){0,4}?[\w-]+s, (?:which|who) includes? ")
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
        if not deal or _negative_score(sentence) or not announced_parties(sentence):
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
        parties = [Participant(r.key, r.name, r.org_type, r.org_type, r.country, tuple(sorted(r.mentions)))
                   for r in named]
        found.append(Partnership(type_model.best(type_features("", sentence, parties)), round(main.confidence * 0.8, 3),
                                 sentence.strip()[:2000], tuple(parties)))
    return found[:MAX_OTHER_PARTNERSHIPS]


# Plain words the type model weighs, each found as the start of a word, in one pass over the text.
_TYPE_WORDS = ("network", "exchange", "consortium", "registry", "trial", "study", "research", "co-develop", "lab",
               "platform", "contract", "deploy", "select", "alliance", "data", "AI", "develop", "clinical", "share",
               "join", "member", "supplier", "award", "MoU", "innovation", "system", "care")
_TYPE_WORD = re.compile(r"\b(?:" + "|".join(f"(?P<w{i}>{re.escape(w)})" for i, w in enumerate(_TYPE_WORDS)) + ")",
                        re.I)
_KINDS = ("vendor", "other", "provider", "academic", "payer", "government", "network")


def type_features(title: str, context: str, participants: list[Participant] | tuple[Participant, ...]
                  ) -> dict[str, float]:
    """What the learned type model (``detector.TypeModel``) weighs: per type, the distinct cue terms
    of the headline and announcing sentences, and whether a decisive phrase is there; the parties'
    kinds; whether a contract is awarded; and plain words (network, trial, contract, co-develop ...)."""
    # Words of the parties' names are no evidence ("CommonWell Health Alliance" forms no alliance).
    for name in sorted({m for p in participants for m in (p.name, *p.mentions)}, key=len, reverse=True):
        context, title = context.replace(name, "X"), title.replace(name, "X")
    features: dict[str, float] = {}
    for t, pattern in _TYPE_CUES.items():
        # Distinct terms, capped, so one word repeated through a story does not outvote the others.
        features["cue:" + t] = min(len({m.group(0).lower() for m in pattern.finditer(context)}), 4) / 2
        features["title:" + t] = float(bool(pattern.search(title)))
        features["decisive:" + t] = float(bool(_DECISIVE[t].search(context)))
    kinds = {p.org_type for p in participants}
    for kind in _KINDS:
        features["kind:" + kind] = float(kind in kinds)
    features["care_and_industry"] = float(bool(kinds & {"vendor", "other"}) and bool(kinds - {"vendor", "other"}))
    features["award"] = float(bool(_AWARD.search(context)))
    for match in _TYPE_WORD.finditer(context):
        features["w:" + _TYPE_WORDS[int(match.lastgroup[1:])]] = 1.0
    return features
