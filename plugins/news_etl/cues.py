"""The words that announce a partnership, and those that announce something else.

Cue tables for detection, each a pattern with a weight: partnership cues ("signed an agreement
with", "teaming up", "memorandum of understanding", "joins ... network") and hard-negative cues
(acquisitions, terminations, cyberattacks, funding rounds, appointments, go-lives, surveys);
contexts that take a cue's meaning away ("is reviewing the contract awarded to X"); and the
deals a story recalls as background ("formed by the 2022 merger of"). The classifier scores
each sentence with them; the learned detector weighs the scores by where they stand.
"""

from __future__ import annotations

import re

from news_etl.literal_prefilter import CueTable

# What organisations connect to: exchanges, shared records, regional and national viewers.
SHARED_RECORD = (r"exchange|HIE|QHIN|TEFCA|Carequality|CommonWell|registry|"
                 r"(shared |electronic |digital |provincial |national |regional |statewide )*"
                 r"(care|health|patient) records?|(clinical |shared )viewer")

LIVE_ON_SHARED = (r"\b(go(es)?|went|gone|going|now) live (on|with) (?!(its|their|a|an) )[^.]{0,80}"
                  rf"\b(shared|provincial|regional|statewide|national)\b[^.]{{0,30}}\b({SHARED_RECORD}|network)\b")

_SUPPLIER_APPOINTED = (r"\bappoint\w*\b[^.]{0,60}\b(as|to be) (its |the |a )?([\w-]+ ){0,2}(supplier|partner|"
                       r"provider|vendor)\b|"
                       # a company appointed, not a person: "appointed the tech consultancy to build"
                       r"\bappoint\w* (the |a |an )?([\w-]+ ){0,2}(consultancy|consultants|firm|company|supplier|"
                       r"vendor|contractor|integrator)\b")


# A system bought from a vendor is a vendor contract, a company bought an acquisition: "intends to
# buy an electronic patient record from X", "buys X's shared care record", "has purchased a
# capacity management platform", but not "buys software maker X".
_SYSTEM_PURCHASE = (r"\b(?:buy|buys|bought|buying|purchas(?:e|es|ed|ing))\s+(?:(?:a|an|the|new|its|their)\s+)?"
                    r"(?:[\w.&'’-]+\s+){0,4}?(?:EHR|EPR|EMR|PACS|records?|systems?|platforms?|software|scanners?|"
                    r"modules?|licen[cs]es?|tools?|solutions?)\b(?!(?:\s+[\w-]+){0,2}?\s+(?:maker|company|firm|developer|vendor|business|"
                    r"unit|division|provider|start-?up|group|specialist)s?\b)")


# Contract words in a story that announces no new agreement: a protest, review or court challenge
# of a contract awarded earlier, a tender just issued or a shortlist with bidders still competing,
# a bid lost ("lost their combined bid"), an arbitration, a suit or a breach-of-contract claim, a
# contract not renewed, a business put up
# for sale ("reached an agreement to sell its unit"); a ruling on an award made earlier ("X's
# contract with Y will stand, the board ruled", "the award was upheld") and a contract a vendor
# already holds ("the system from Y, which has a 15-year contract with the trust"); a buyer still
# looking ("is looking to procure", "a prior information notice", "to open the arrangement to
# competitive tender"), a contract that has run out ("the contract expired in June"), and an audit
# or inquiry into how an earlier award was made ("to review the circumstances of how X won a contract").
# Not after the words a winner is told with, alone or before one word (a number): "beat rival
# suppliers", "against six rival bidders" (a lookbehind has one width: one per word length).
_NOT_WON_OVER = "".join(rf"(?<!\b{word} )" + "".join(rf"(?<!\b{word} \w{{{n}}} )" for n in range(1, 8))
                        for word in ("beat", "beating", "over", "against"))
_NO_NEW_AGREEMENT = (
    r"\b(?:protest(?:s|ed|ing)?|challeng(?:e|es|ed|ing) (?:to )?(?:the |its |a )?[\w$ -]{0,30}?\b(?:award|contract|"
    r"decision)|review(?:s|ed|ing)? the [^.]{0,40}\bcontract|(?<!from a )(?<!from the )shortlist(?:s|ed)?|"
    r"short-listed|in the running|"
    r"preferred bidder (?:will|is|has) not|"
    r"appeal(?:s|ed)?\b[^.]{0,40}?\b(?:against|over) (?:the |its |a )?[^.]{0,40}?\b(?:award|contract|decision)|"
    r"(?:no|not yet an?) (?:contract|award|decision) has been|"
    r"ha(?:s|ve) not (?:yet )?been (?:awarded|signed)|losing bidders?|bid protests?|arbitrat(?:or|ion|ed)|"
    r"los(?:t|e|es|ing) (?:(?:their|its|the|a|out on) )?(?:[\w-]+ )?bids?|"
    r"(?:block|halt|overturn|annul|set aside)(?:s|ed|ing)? (?:the |its )?[^.]{0,30}?\b(?:award|contract)|"
    r"(?:has|have|is|are) (?:now )?(?:issued|launched|opened|published|seeking|inviting|going out to) (?:a |an )?"
    r"(?:tender|bids|request for proposals|RFP|invitation to tender)|"
    r"filed (?:a )?(?:suit|lawsuit|complaint|claim)|legal action against|counter-?sued|"
    # (not a sale to a customer: "an agreement to sell more than $140 million of equipment to X")
    r"breach of contract|agreement to (?:sell(?! (?:more than |up to |over |about )?[$€£\d])|divest)|"
    r"(?:will|would|did|does|decided|chose|opted) not (?:to )?"
    r"(?:renew|extend)|not to (?:renew|extend)|non-renewal|won't renew|(?:to|will) sell its|divest(?:s|ed|ing|iture)?|"
    r"sale of its|upheld|uphold(?:s|ing)?|will stand(?! the test)|ruled(?! out)|"
    r"rul(?:ing|ings) (?:on|against|in favou?r)|"
    r"dismiss(?:es|ed|ing)? (?:a |the |its )?(?:claim|challenge|protest|case|complaint)|"
    # not a tender won: "beating rival suppliers", "won the bid against six rival suppliers"
    rf"{_NOT_WON_OVER}rival (?:supplier|bidder)s?|"
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
    r"(?:the )?subject of (?:an? |the )?(?:[\w-]+ ){0,3}?(?:audit|review|inquiry|investigation|probe)|"
    # results of a programme already running: "first-year results", "results from its second year"
    r"(?:first|second|third|initial)[- ]year results|results (?:from|of) (?:the|its|their) (?:first|second|third) year|"
    # the kind of partner sought, by examples: "will partner with companies like X and Y"
    # (the verbs: "includes collaboration with hospitals such as X" lists members)
    r"(?:partner(?:s|ed|ing)?|work(?:s|ed|ing)?|collaborat(?:e|es|ed|ing)|team(?:s|ed|ing)?)(?: up)? with "
    r"(?:\w+ )?(?:companies|organi[sz]ations|firms|start-?ups|"
    r"vendors|partners|providers|hospitals|health systems|insurers) (?:like|such as)|"
    # organisations allied against someone: "suppliers teaming up against it", "in unison against"
    r"(?:team(?:s|ed|ing)? up|join(?:s|ed|ing)? forces|unit(?:e|es|ed|ing)|(?:work|act)(?:s|ed|ing)? "
    r"(?:together|in unison)) against|"
    # an anniversary of an existing tie: "marked two years of collaboration with X", "the fifth anniversary of"
    r"(?:mark(?:s|ed|ing)?|celebrat(?:e|es|ed|ing)) (?:the )?(?:[\w-]+ ){0,2}?(?:years?|anniversary) of "
    r"(?:its |their |the )?(?:[\w-]+ )?(?:collaboration|partnership|relationship|alliance|affiliation|cooperation))\b")


# A deal a sentence recalls, which tells no news either way: a story told some time after its deal
# ("Nearly two years after announcing a partnership with X", "The announcement comes more than two
# years after X inked a partnership with Y"), and what an existing joint venture owns or runs ("The
# hospital is part of X, a joint venture between A and B", "The partnership, launched in 2023, gave").
_RECALLED = (
    r"\b(?:partnership|collaboration|alliance|agreement|deal|contract|relationship|joint venture),? (?:which was |"
    r"that was )?(?:launched|signed|formed|announced|struck|agreed|established|begun|started) in (?:19|20)\d\d\b|"
    r"(?:^\W*|\bcom(?:e|es|ing) |\bcame )(?:(?:more than|nearly|almost|about|some|over|just|roughly) )?"
    r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|several|a few) "
    r"(?:years?|months?) (?:after|since)\b|"
    # deals given as examples of a trend ("Other examples include a deal between X and Y") and a deal
    # dated in a past year at a sentence's start ("In January 2020, X extended its partnership with Y")
    r"\b(?:other )?examples? (?:include|includes|are)\b|"
    r"^\W*In (?:(?:January|February|March|April|May|June|July|August|September|October|November|December) )?"
    r"(?:19|20)\d\d,|"
    r"\b(?:part of|owned by|operated by|run by|managed by|a member of) [^.;]{0,80}?, an? (?:[\w-]+ ){0,2}?"
    r"(?:joint venture|partnership|alliance|collaboration)\b")


# Results that mention contracts signed: an earnings report, not an announcement.
_RESULTS = (r"\b(?:revenues?|bookings|sales|profits?|earnings) (?:were |was )?(?:up|down) \d|"
            r"\b(?:(?:first|second|third|fourth)[- ]quarter|quarterly|full-year|fiscal[- ]year) (?:results|revenue|"
            r"earnings|sales|profit)\b|\b(?:half-year|interim|annual) results\b|\bearnings (?:call|release|report)s?\b|"
            r"\bpre-tax (?:profits?|loss)\b|"
            r"\brevenues? (?:rose|fell|grew|increased|decreased|declined|"
            r"climbed|was up|was down)\b|\bnet (?:loss|income)\b|\banalysts'? (?:expectations|"
            r"estimates|forecasts?)\b|\b(?:lowered|raised|cut) its (?:full-year |annual )?(?:guidance|forecast)\b")


# A merger or acquisition the story recalls as background, not its news: "Advocate Health, formed
# by the 2022 merger of ...", "since its acquisition of Alexion in 2021", "X, created in 2020 when
# A and B merged, has selected ...", "X, which completed its merger with Y last year, has tapped",
# "Merged Essex trust selects ...", "... after completing merger"; and one still to come that the news
# happens amid ("has selected Epic, aligning with Y as the two systems finalize a planned merger").
PAST_DEAL = re.compile(
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

POSITIVE = [
    (r"\bpartner(s|ed|ing|ship|ships)?\b", 2.0),
    (r"\bcollaborat(e|es|ed|ing|ion|ions|ive)\b|\bco-?operat(e|es|ed|ing|ion|ions|ive)\b", 2.0),
    (r"\balliances?\b|\bjoint venture\b|\baffiliat(e|es|ed|ion)\b", 2.0),
    # ... and its cousin, a letter of intent presented to a partner (not one to merge: a negative cue)
    (r"\bmemorandum of understanding\b|\bMoUs?\b|\bletters? of intent\b(?! to (join|combine|merge)\b)|\bLOIs?\b", 3.0),
    (r"\b(signs?|signed|signing|inks?|inked)\b", 1.5),
    (r"\bagreements?\b|\bcontracts?\b|\bdeals?\b", 1.5),
    (r"\bteam(s|ed|ing)? up\b|\bjoin(s|ed|ing)? forces\b|\bteam(s|ed)? with\b|\btie-?ups?\b|"
     r"\bteam(s|ed|ing)? to (create|form|launch|build|develop|establish)\b|"
     r"\bband(s|ed|ing)? together\b|\bjoin(s|ed|ing)? hands\b|"
     r"\b(ties?|tied|links?|linked) up with\b|\bpacts?\b", 3.0),
    (r"\b(expand(s|ed|ing)?|deepen(s|ed|ing)?|extend(s|ed|ing)?) (its |their )?relationship with\b", 2.0),
    (r"\b(will|to|plans to) (pilot|trial|use)\b[^.]{0,60}"
     r"(\b[A-Z][\w.-]*(’s|'s)\s|\b(from|by|to|with|for) [A-Z])", 1.0),
    # ... or bought through a framework: "procures X through the NHS framework" (not "looking to procure")
    (r"\b(selects?|selected|chooses|chose|chosen|picks|picked|taps|tapped|enlist(s|ed|ing)?|opt(s|ed) for|"
     r"go(es)? with|went with)\b|\bprocur(es|ed) (?-i:[A-Z])", 1.5),
    # Putting another organisation's product to use: "deploys Qure.ai's", "is rolling out Corvix's".
    (r"\b(deploy(s|ed|ing)?|roll(s|ed|ing)? out|implement(s|ed|ing)?|adopt(s|ed|ing)?)\s+(the\s+)?"
     r"[A-Z][\w.-]*(\s[A-Z][\w.-]*){0,3}(’s|'s)\s", 1.5),
    (r"\b(wins?|won|secures?|secured|lands?|landed)\b[^.]{0,60}\b(contract|deal|tender)\b", 2.0),
    (_SUPPLIER_APPOINTED, 2.0),
    # Handing a function to a company: "will outsource its revenue cycle to X", "offload its billing to X".
    (r"\b(outsourc|offload)(e|es|ed|ing|s)?\b[^.]{0,80}\bto (?-i:[A-Z])", 2.0),
    (r"\b(will|to) (deploy|implement|roll out|adopt)\b", 1.0),
    (r"\b(join(s|ed|ing)?|sign(s|ed)? (on|up) (to|as|with)|connect(s|ed|ing)? to|become members?)\b[^.]{0,80}"
     rf"\b(network|consortium|platform|collaborative|programme|program|alliance|initiative|infrastructure|venture|"
     rf"hub|{SHARED_RECORD})\b", 2.0),
    # A network taking in a member, told from the network's side: "the X Network now includes Y",
    # "has welcomed Y as its newest member", "the addition of Y to the network".
    (r"\b(network|consortium|collaborative|alliance|hub|exchange|registry|platform)\b[^.]{0,20}\b(now )?(includes|"
     r"has added|adds|added|welcom(es|ed))\b|"
     r"\bwelcom(es|ed|ing)\b[^.]{0,60}\bas (a|an|its|their) (new |newest |latest |first )?"
     r"(member|partner|participant)s?\b|"
     r"\baddition of\b[^.]{0,60}\bto (the|its|their) [\w -]{0,30}"
     r"\b(network|consortium|collaborative|alliance|hub|exchange)\b|"
     r"\b(add(s|ed|ing)?|welcom(es|ed|ing)) ([\w-]+ ){0,2}new members?\b", 2.0),
    # Something two bodies set up together, announced by both: "X and Y announce the creation of".
    (r"\bannounc(e|es|ed|ing) the (creation|formation|establishment|founding) of\b", 1.0),
    # "has gone live on One Health and Care, the shared care record": a new connection, not a go-live
    (LIVE_ON_SHARED, 2.0),
    (r"\b(adding|adds|added|include|includes|expand(s|ing)?)\b[^.]{0,200}\b(data|distributed)[- ]?\w* network\b",
     2.0),
    (r"\bwork(s|ing)? (more )?(closely )?(together|with)\b", 1.0),
    (r"\b(sign(s|ed)? on|become (a )?members?|join(s|ed)? as (a )?members?)\b", 2.0),
    # Joint undertakings: "have launched a joint research study", "begun a research collaboration".
    (r"\bjoint(ly)? ([\w-]+ ){0,3}(study|trial|program(me)?|lab|laborator(y|ies)|cent(er|re)|initiative|project|"
     r"research|steering|tumou?r boards?|fellowship|procurement)\b", 2.5),
    (r"\b(launch(es|ed)?|begin|began|begun|start(s|ed)?|open(s|ed)?|establish(es|ed)?|form(s|ed)?)\b[^.]{0,40}"
     r"\b(study|trial|consortium|alliance|network|lab|research)\b|"
     # ... or one begun with another body: "has launched a new health IT initiative with the VA"
     r"\b(launch(es|ed)?|start(s|ed)?|begin|began|begun)\b[^.]{0,40}\b(initiative|pilot|project|program(me)?)"
     r" with (the )?(?-i:[A-Z])", 1.5),
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
    # ... and told in the passive, the contract described at length first: "A three-year contract for a
    # 'digital front door' for patients in Scotland ... has been awarded to X".
    (r"\baward(s|ed|ing)?\b[^.]{0,80}\bcontract\b|\bcontract\b[^.]{0,40}\bawarded\b|"
     r"\bcontract\b[^.]{0,120}\b(has|have) been awarded to\b", 2.0),
    (r"\b(renew(s|ed|al)?|extend(s|ed)?|extension)\b[^.]{0,60}\b(contract|agreement|deal)\b", 1.0),
    (r"\bunder (a|an|the) [\w-]+(-year)? (deal|agreement|contract)\b", 1.0),
    # What a story says next about the deal it announced: "Under the agreement, ...", "The partners will".
    (r"\bunder (the|this|their|its) (new )?(agreement|deal|contract|partnership|collaboration|arrangement|"
     r"memorandum|MoU|alliance)\b|"
     r"\b(the|both|all) (two |three |four )?(partners|parties) (will|plan|intend|aim|have agreed)\b", 1.5),
    # Bodies that pool what they have: "are combining their expertise in imaging", "have jointly founded".
    (r"\b(combin|pool|shar)(e|es|ed|ing) their (expertise|resources|strengths|capabilities|know-how)\b|"
     r"\bjointly (found|establish|creat|launch|set up)\w*|"
     # ... or a body they will run together: "a school of AI for health, run by both", "jointly run"
     r"\b(run|owned|operated|governed|led) (jointly )?by (both|the two|all three)\b|"
     r"\bjointly (run|operated|governed)\b", 2.0),
]

NEGATIVE = [
    # ... but "the partnership is not a merger" says what the story is not.
    # ... nor things bought over the years: "five imaging systems acquired over fifteen years".
    (r"\b(swallow(s|ed|ing)?|snap(s|ped|ping)? up|acquir(e|es|ing)|"
     r"(?<!systems )(?<!data )(?<!equipment )(?<!devices )(?<!scanners )(?<!tools )acquired|"
     r"(?<!not an )acquisition|takeover|take over|taking over|buys|bought|to buy|"
     # buying a company, not a system: "will purchase app maker X"
     r"purchas(e|es|ed|ing) (the )?([\w-]+ ){0,6}(company|maker|firm|start-?up|developer|business)|"
     r"(?<!not a )merger|merg(e|es|ed|ing))\b", 3.0),
    # Mergers in other words: "definitive agreement to join X", "combine into one system", "become part of".
    # (not one to form a joint venture: "a definitive agreement to joint venture five hospitals").
    (r"\bdefinitive agreement\b(?! to (form |create |establish )?(a |an )?joint[- ]?ventur)|"
     r"\bletter of intent to (join|combine|merge)\b|\bcombin(e|es|ed|ing|ation)\b"
     r"[^.]{0,30}\b(into|to form|to create) (a|one|single)\b|\bbecom(e|es|ing) (a )?part of\b|"
     r"\bcreat(e|es|ing) an? [\w-]*(\d+|two|three|four|five|six|seven|eight|nine|ten|\w+teen|twenty[\w-]*)-hospital\b|"
     # what a merger leaves: "The combined company will reach 700 hospitals"
     r"\b(the|a|their) (newly )?combined (company|organi[sz]ation|entity|business|firm|group|system)\b", 3.0),
    # A deal not renewed: "has decided not to renew its agreement with X".
    # ... also "wouldn't be renewing its contract"
    (r"\b(not|never|no longer|won't|declin(es|ed) to) (to )?(be )?(renew|extend|continu)(e|ing)?\b|"
     r"n[’']t (be )?(renew|extend|continu)(e|ing)?\b|\bdecided against\b", 3.0),
    (r"\b(terminat(e|es|ed|ing|ion)|lawsuit|sues|sued|antitrust|dispute|scrap(s|ped)|cancel(s|led|ed|ling|ing|"
     r"lation)|sever(s|ed|ing)?|dissol(ve|ves|ved|ving|ution)|"
     r"abandon(s|ed|ing)?|suspend(s|ed|ing)?|suspension)\b|"
     # a deal in doubt: "the joint contract with Epic is under review"
     r"\b(contract|deal|agreement|partnership)s?\b[^.]{0,60}\b(is|are|was|were|now|remains?) (under review|"
     r"on hold|in doubt)\b|"
     # a legal claim paid off: "paid a settlement of $106 million to X to resolve allegations"
     r"\b(pa(id|ys?|ying)|reach(ed|es|ing)?|agree(d|s)? to) (a |an )?[^.]{0,40}?\bsettlement\b|"
     r"\bresolv(e|es|ed|ing) (the )?(allegations|claims|lawsuit|suit|litigation)\b", 3.0),
    # A joint effort that has ended, in plain words: "the collaboration ... is over", "Project Dies",
    # "pulled the plug on the contract" (also when it will not be: the contract is not new).
    (r"\b(collaboration|partnership|project|deal|contract|alliance|venture|relationship)\b[^.]{0,120}\b(is|was) "
     r"(now )?over\b|\b(project|partnership|collaboration|deal|venture|alliance)s? (dies|died|collapses|collapsed|"
     r"fizzles|fizzled|falls apart|fell apart|unravels|unravelled|unraveled)\b|\bpull(s|ed|ing)? the plug\b|"
     # ... or closes: "Haven will shut down", "the venture disbanded" (not "shut down its old system")
     r"\b(shut(s|ting)? down|shuttered|disband(s|ed|ing)?|wind(s|ing)? down|wound down)\b"
     r"(?! (its|their|the|a|an|some|all|legacy|old|existing|paper)\b)", 3.0),
    (_NO_NEW_AGREEMENT, 3.0),
    (_RESULTS, 2.5),
    # Talks about a deal that may come, not a deal: "held discussions with X about potential partnerships",
    # "is reportedly in talks with Y", "is said to be in talks".
    # ... or its possibility: "the possibility of collaborating with X"
    (r"\b(possibility|prospect) of (a |an )?(collaborat|partner|join|merg|affiliat)\w*|"
     r"\b(talks|discussions|conversations|negotiations)\b[^.]{0,80}\b(potential|possible|prospective|"
     r"future) (partnerships?|deals?|collaborations?|tie-ups?|agreements?)\b|"
     r"\b(reportedly|(is|are) said to be|(is|are) rumou?red to be) (in|holding) (early |exclusive |advanced )?"
     r"(talks|discussions)\b|\breportedly (held|had|holding) [^.]{0,30}\b(talks|discussions)\b|"
     r"\b(spoke|speaks|talked|met|meets) with\b[^.]{0,60}\b(regarding|about|over|on) (a |an |the )?"
     r"(possible |potential )?([\w-]+ ){0,2}(tie-up|partnership|deal|collaboration)\b", 3.0),
    # Talks that failed: "at impasse", "failed to agree on a new contract", "walked away".
    (r"\b(impasse|stalemate|stand-?off|fail(s|ed)? to (agree|reach)|walk(s|ed)? away)\b|"
     r"\b(talks|negotiations)\b[^.]{0,300}\b(broke|broken|break|breaks) down\b|\bbreakdown of (the )?(talks|"
     r"negotiations)\b", 3.0),
    # (not when a deal runs to "the end of" one: "to continue using X beyond the end of its contract")
    # ... also in the plural, or in other words: "end partnerships with X", "voted to break their contract
    # with X", "the partnership has come to an end".
    (r"(?<!the )\bends?\b[^.]{0,40}\b(contract|partnership|relationship|agreement)s?\b|\bout of network\b|"
     r"\b(break|breaks|breaking|broke)\b[^.]{0,20}\b(contract|agreement|deal)s?\b|\b(come|came|comes|coming) "
     r"to an end\b", 3.0),
    # ... and IT trouble in other words: "suffering network issues", "hit with problems affecting IT services"
    (r"\b(suffer(s|ed|ing)?|experienc(e|es|ed|ing)|caused by|due to|after) [^.]{0,30}?\b(IT|network|technical|"
     r"computer|system|systems) (issues|problems|failures?|glitch(es)?|disruption)\b|"
     r"\bhit (by|with) (problems|issues|disruption)\b", 2.0),
    (r"\b(ransomware|cyberattack|cyber-attack|cyber incident|data breach|breach|outage|hackers?|phishing|"
     r"compromised|offline|faulty [\w ]{0,20}update)\b", 3.0),
    # ... and a health system's stake in a company: "has a new strategic investor", "invests in X".
    (r"\b(raises?|raised|funding round|series [a-e]|seed round|valuation|secures? [£$€]|lands \$)|"
     r"\b(new|fresh|additional) (funding|financing)\b|\binfusion of (cash|capital|funds)\b|"
     # a grant received: "has been awarded a £16 million grant", "secured the funding from X"
     r"\b(receiv(e|es|ed|ing)|secur(e|es|ed|ing)|(has|have|was|were|been) awarded)\b[^.]{0,60}\b(grant|funding)\b|"
     r"\bround (was )?led by\b|\bled the round\b|\binvestors in the round\b|"
     r"\b(strategic|lead|new|minority|anchor) investors?\b|\binvestor role\b|"
     r"\b(invest(s|ed|ing)?|(a|an|its|their) (minority |equity )?stake) in (?-i:[A-Z])", 2.0),
    # Not a supplier's appointment: "has appointed Alcidion as its preferred supplier".
    (rf"^(?!.*(?:{_SUPPLIER_APPOINTED}))"
     r"(?:.*\b(appoint(s|ed)?|hires?|hired|steps? down|resign(s|ed)?|retir(e|es|ed|ing))\b|"
     # the noun only of a post given ("the appointment of X as CIO"), not a patient's ("appointment letters")
     r".*\bappointments? (of|as)\b|"
     r".*\bnames\b[^.]{0,60}\b(as|chief|officer|director|president|CEO|CIO)\b|"
     # ... also in the passive: "has been named Microsoft's corporate vice president"
     r".*\b(has|have|was|were|been) named\b[^.]{0,60}\b(chief|officer|director|president|CEO|CIO|CTO|chair)\b|"
     # a person chosen for a post: "has chosen Jo Bloggs, the CIO of X, as its next chief digital officer"
     r".*\bas (its|the|their) (next|new|first|interim|permanent|incoming) ([\w-]+ ){0,3}(officer|director|"
     r"president|chief|CEO|CIO|CTO|CMIO|CNIO|chair|chairman|chairwoman|head|executive)\b|"
     # ... or tapped to lead: "has been tapped to lead Oracle Health", "taps former CMS leader X" (not a
     # body chosen to lead a project: "researchers have been selected to lead a national consortium")
     r".*\b(has|have|was|were) been (tapped|named) to (lead|head|run|chair|oversee)\b|"
     r".*\btap(s|ped)? (former|ex-))", 2.0),
    # A go-live still to come ("will go live in 2028") belongs to a new deal's story.
    (rf"^(?!.*{LIVE_ON_SHARED})"
     # Nor one in a clause about something else ("joined the exchange, which went live in 2019") or
     # that only may come ("could go live by January").
     r"(?:.*\b(?<!will )(?<!to )(?<!which )(?<!that )(?<!could )(?<!would )(?<!should )(?<!may )(?<!might )"
     r"(?<!can )(go(es)?[- ]live|(?<!be )going live|went live|gone live|switch(es|ed)? on|live on)\b|"
     r".*\bcomplet(e|es|ed|ing) [^.]{0,30}\b(rollout|roll-out|deployment|implementation|switch)s?\b|"
     # deployments begun or going on: "Begins Deploying X", "announced continued deployments of X",
     # "deployed its first instance" (not one to come: "will begin deploying")
     r".*\b(?<!will )(?<!to )(begins?|began|begun|start(s|ed)?|kick(s|ed)? off|continu(es|ed)) (deploying|"
     r"rolling out|the (deployment|rollout))\b|.*\bcontinued (deployments?|rollouts?)\b|"
     r".*\bdeployed (its|their|the) first\b|"
     # a rollout under way: "is three-fourths of the way through an $800 million Epic rollout"
     r".*\b(way|halfway|midway|part way|partway) through (an? |its |their |the )[^.]{0,40}\b(rollout|roll-out|"
     r"deployment|implementation|install(ation)?|conversion|transition|switch)\b)", 2.5),
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
    # ... and a recognition received: "has awarded Mount Sinai its Most Wired recognition".
    (r"\b(won|wins|winning|winners? of|shortlisted for|finalists? (for|in))\b[^.]{0,60}\b(award|prize)s?\b|"
     r"\b(award|prize)s?\b[^.]{0,30}\b(winner|recipient|honou?ree)s?\b|"
     r"\b(receiv(e|es|ed|ing)|earn(s|ed|ing)?|honou?red with|award(s|ed|ing)?\b[^.]{0,60}\b(its|their|a|the))\b"
     r"[^.]{0,80}\b(recognition|designation|certification|accreditation|(?<!contract )award|honou?r|prize)s?\b|"
     r"\b(among|were named|are named) (the )?(winners|finalists)\b|\bcaptur(e|es|ed|ing)\b[^.]{0,30}\bawards?\b|"
     r"\bwinners (were|are|have been) (presented|announced|named|revealed)\b", 2.5),
    # Progress on a deal made earlier: "reaches milestone", "marked a milestone in its rollout".
    (r"\b(reach(es|ed|ing)?|hit(s|ting)?|pass(es|ed|ing)?|mark(s|ed|ing)?|achiev(e|es|ed|ing)) (a |an |another |the |"
     r"its |their )?([\w-]+ ){0,2}milestones?\b", 2.0),
    (r"\b(layoffs?|job cuts|redundanc(y|ies))\b|\bcut(s|ting)?\b[^.]{0,30}\b(jobs|workforce|staff)\b", 3.0),
    # Opinion and explainers by their label or headline: "Our Take: ...", "Feature: ...", "4 Ways ...".
    (r"^(opinion|comment|commentary|viewpoint|op-ed|analysis|perspective)\b|"
     r"^(our take|editorial|column|feature|guest (post|column|blog)|blog( post)?|insight|letter)\s*[:|–—-]|"
     r"^(\d+|three|four|five|six|seven|eight|nine|ten) (ways|lessons|reasons|trends|predictions|myths)\b|"
     # ... and a headline that asks a question: "What can break a hospital-vendor partnership?"
     r"^(what|why|how|can|should|could|is|are|does|do|when|where|who)\b[^?.]{0,100}\?", 5.0),
    # A headline's plain verb too: "HHS and CMS Finalize Two Rules"; "announced the release of two rules".
    # (not a body's purpose: "a national group designed to set standards")
    (r"\b(final(ize|ise|izes|ises|ized|ised)|publish(es|ed)?|propos(e|es|ed)|(?<!to )sets?|(release|publication) of)\b"
     r"[^.]{0,60}\b(rules?|regulations?|plan|strategy|standards?|guidance|deadlines?)\b|\blegislat\w+|"
     r"\b(publish(es|ed)|final(izes|ises|ized|ised)|issu(es|ed)|releas(es|ed))\b (an? |the )?"
     r"(updated|new|draft|final|revised)\b", 2.5),
    # A single company's launch; a joint launch ("X and Y launch a joint study") or one at a customer's
    # ("launched its platform at Arlow University Hospital") is no product launch.
    # Nor is one by several ("Two health systems launch ...", "X and Y launch ..."), nor the launch of
    # a joint body ("have launched a collaboration", "a national forum ... was launched").
    (r"^(?!.*\b(joint(ly)?|with|together|study|trial|research|agreement|deal|contract)\b)(?!.*[a-z](’s|'s) )"
     r"(?!.*\b(collaboration|partnership|alliance|consortium|coalition|forum)\b)"
     r"(?!\W*(two|three|four|five|several|\d+) )(?!.*\b(and|&) (?-i:[A-Z])[\w&.'’-]*( (?-i:[A-Z])[\w&.'’-]*){0,4} "
     r"(launch|unveil|introduc|debut|roll))"
     r"(?!.*\b(at|across) (the )?(?-i:[A-Z])[^.]{0,60}\b(hospitals?|clinics?|university|medical cent(er|re)|"
     r"health)\b)"
     r".*"
     r"\b(launch(es|ed)?|unveil(s|ed)?|introduc(es|ed)|debut(s|ed)?|rolls out)\b", 2.0),
]


# Generic words of a relation between organisations that the weighted cues above do not carry
# ("under an arrangement", "are uniting to", "will provide", "building ... with Philips"); the
# learned detector decides how much they count.
RELATION = re.compile(
    r"\b(arrangements?|relationship|unit(e|es|ed|ing)|contracted|agreed terms|alongside|together|help from|"
    r"participat(e|es|ing) in|take part in|"
    r"(will|to|would) (offer|provide|supply|run|power|host|make|bring)|"
    r"(build|builds|building|built|develop|develops|developing|working)\b[^.]{0,50}\bwith (?-i:[A-Z])|"
    r"contribut\w+ (data|records)|(software|platform|system|technology|tools?) from (?-i:[A-Z])|"
    r"replac\w+\b[^.]{0,80}\bwith (?-i:[A-Z])|(given|gives|handed|hands)\b[^.]{0,40}\b(contract|deal)\b)", re.I)

POSITIVE = CueTable((re.compile(p, re.I), w) for p, w in POSITIVE)

_SYSTEM_PURCHASE_RE = re.compile(_SYSTEM_PURCHASE, re.I)

_NO_NEW_AGREEMENT_RE = re.compile(f"{_NO_NEW_AGREEMENT}|{_RESULTS}|{_RECALLED}", re.I)

NEGATIVE = CueTable((re.compile(p, re.I), w) for p, w in NEGATIVE)


def positive_score(sentence: str) -> float:
    """The sentence's partnership cues, none where it says the agreement is not new or not made
    ("is reviewing the contract awarded to X", "shortlisted", "agreement to sell its unit")."""
    # Most sentences carry no cue at all: the long exclusion pattern is searched only when one does.
    score = POSITIVE.score(sentence)
    return 0.0 if score and _NO_NEW_AGREEMENT_RE.search(sentence) else score


def negative_score(sentence: str, recalled: bool = False) -> float:
    """The sentence's hard-negative cues, leaving out a system bought from a vendor ("buys X's
    shared care record") and a merger or acquisition recalled as background ("formed by the 2022
    merger of"), which are no acquisition news; ``recalled`` (the story's head recalls such a deal)
    leaves out references back to it too ("The merger left the system with two platforms")."""
    sentence = _SYSTEM_PURCHASE_RE.sub(" ", PAST_DEAL.sub(" ", sentence))
    if recalled:
        sentence = _RECALLED_DEAL.sub(" ", sentence)
    return NEGATIVE.score(sentence)
