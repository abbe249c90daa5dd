"""English rules for the pledge extractor: cue phrases, party forms, area and framework keywords."""

# ruff: noqa: E501, SIM905  (tables read better one entry a line, and as plain word lists)

LANG = "en"

# Frequent words that are nearly absent from French text: language detection counts them.
STOPWORDS = frozenset(
    "the and of to in is are that with for on by was were has have will said its their "
    "this these both two sides which would from as be been it they he she".split()
)

# Words ending with a period that do not end a sentence ("Mr. Wang", "U.S.").
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st prof gen sen rep gov amb hon jr sr no nos vol art fig jan feb mar apr "
    "jun jul aug sep sept oct nov dec e.g i.e vs approx dept corp inc ltd co u.s u.k u.n e.u "
    "h.e".split()
)

ADVERBS = (
    r"\w+ly|also|further|together|always|still|both|more|once again|again|for its part|"
    r"for their part|in turn|in particular|as well|too|all|hand in hand|"
    r"on its part|on their part|therefore|thus|moreover|meanwhile|in addition"
)

JOINT_SUBJECTS = (
    r"(?:both|the two|the three|the four|the five|the six|the seven|the eight|the nine|the ten|"
    r"all the|all|the) (?:sides|countries|parties|ministers|foreign ministers|leaders|"
    r"presidents|governments|delegations|nations|states|capitals|neighbou?rs|participants|"
    r"member states|heads of state|heads of government|partners)|"
    r"(?:the )?participants|(?:the )?member states|all parties|each side|each party|both"
)

PRONOUNS_ONE = ("he", "she", "it", "we", "i")
PRONOUNS_ALL = ("they",)

PREPOSITIONS = frozenset(
    "with to of between for by from towards toward against on in at among about into "
    "than over under including like and'".split()
)
DETERMINERS = frozenset("the a an its their his her this".split())
CONJUNCTIONS = frozenset("and or".split())

SPEECH = (
    r"(?:said|says|added|adds|noted|notes|stated|states|stressed|stresses|emphasi[sz]ed|"
    r"emphasi[sz]es|underlined|underscored|highlighted|pointed out|told|remarked|affirmed|"
    r"reaffirmed|observed|explained|declared|announced|proposed|suggested|expressed|"
    r"went on to say|according to)"
)

ATTRIBUTION_TAIL = (
    r"[,;]\s*(?:[\w.'\- ]{1,60}?\s+)?(?:said|says|added|adds|noted|stated|stressed|emphasi[sz]ed|"
    r"underlined|pointed out|remarked|affirmed|observed|explained|declared)(?:\s+[^,;]{0,60})?$|"
    r"[,;]\s*according to\s+[^,;]{0,80}$"
)

CLAUSE_BOUNDARIES = r"[;:]|,|\bthat\b|\band\b|\bbut\b|\bwhile\b|\bwhereas\b|\bas well as\b"
COORDINATION_TAIL = r"(?:,\s*)?(?:\band\b|\bas well as\b|\bbut\b|\bthen\b|\bwhile\b|\bor\b|,)\s*{adv}$"
TRAILING = r"(?:[\s,;:.]|\band\b|\bbut\b|\bas well as\b|\bwhile\b|\bthat\b|\badding\b|\bnoting\b|\bstressing\b|\bsaying\b)+$"

# Where a noun phrase after a cue ends: a new verb of stating joined by "and" ("supports X,
# and reaffirms that…").
NP_END = r"(?:,\s*|\s+)(?:and|while|but)\s+(?:\w+ly\s+)?(?:reaffirm|reiterat|stress|emphasi|underlin|underscor|note|noted|said|say|add|express|call|urg|welcom|prais|highlight|recogni|agree|decid|point|confirm)\w*\b"

# Cue phrases of commitment; the fields are described in extract_rules/fr.py.
COMMITMENTS = [
    {"cue": r"(?:is|are|was|were|remains?|remained|stands?|stood|will be|would be|has always been|have always been) {adv}(?:ready|willing|prepared|determined|resolved|keen|eager|committed|dedicated|poised|set) to"},
    {"cue": r"(?:stands?|stood) {adv}ready to"},
    # "is committed to a stable supply of…": a noun phrase may follow too.
    {"cue": r"(?:is|are|was|were|remains?|remained|will remain|has always been|have always been) {adv}(?:committed|dedicated|attached) to", "then": "np", "text": "committed to ", "name": "is committed to"},
    {"cue": r"(?:agreed|agree|agrees|decided|decide|decides|pledged|pledges|pledge|vowed|vows|vow|promised|promises|resolved|resolve|undertook|undertakes|undertake|committed|commits|commit|intends?|intended|plans?|planned|aims?|aimed|seeks?|sought|hopes?|hoped|wishes|wished|wants?|wanted|expects?|expected|endeavou?rs?|strives?) {adv}to"},
    {"cue": r"(?:committed|pledged) (?:itself|themselves|himself|herself) to"},
    # A list follows: "The participants agreed on the following steps:" (each item is a pledge).
    {"cue": r"(?:agreed|agree|agrees|decided|decides) (?:on|upon) (?=the following|these (?:steps|priorities|measures))", "then": "np", "name": "agreed on the following"},
    {"cue": r"(?:reached|reach|reaches) (?:an? )?(?:\w+ )?(?:agreement|consensus|understanding) to"},
    # Announcing that a mechanism is set up commits the sides to run it.
    {"cue": r"(?:announced|announce|announces|agreed on|agreed upon) {adv}the (?:establishment|creation|launch|setting up|opening) of ", "then": "np", "text": "establish "},
    {"cue": r"(?:will|would|shall|is going to|are going to|was going to|were going to)", "strict": True},
    {"cue": r"(?:will|would) {adv}continue to (?:support|back)", "then": "np", "strict": True, "text": "continue to support "},
    # Support is a pledge too: "Kazakhstan firmly supports China in…".
    {"cue": r"(?:supports|support|supported|backs|back|will support|would support|will back|would back)", "then": "np", "strict": True, "text": "support ", "name": "supports"},
    {"cue": r"(?:continues|continue|continued) {adv}to (?:support|back)", "then": "np", "strict": True, "text": "continue to support ", "name": "continues to support"},
    # Opposing something is a stated position the side commits to: "Kazakhstan opposes…".
    {"cue": r"(?:opposes|oppose|opposed|will oppose|would oppose)", "then": "np", "strict": True, "text": "oppose ", "name": "opposes"},
    # A copular promise: "China will always be a good neighbour".
    {"cue": r"(?:will|would|shall) {adv}(?:be|remain|become) (?=an? |the )", "then": "np", "strict": True, "text": "be ", "name": "will be a"},
    # The holder of the support, when named, is who pledges: "the United States' support for".
    # Commitments written as nouns, after a verb of stating: "expressed their willingness to
    # deepen…", "reaffirmed its commitment to expanding…" (verb phrases follow, split like any).
    # The holder of the commitment, when named, is who pledges: "the United States' support for".
    {"cue": r"(?:expressed|expresses|express|affirmed|affirms|reaffirmed|reaffirms|reaffirm|reiterated|reiterates|reiterate|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underscored|underscores|underlined|underlines|confirmed|confirms|renewed|renews|highlighted|declared|voiced|demonstrated|showed) (?:(?:its|their|his|her|our|an?|(?P<holder>(?:the )?[\w .\-]{2,40}?)(?:'s?)?) )?{adv}(?:(?:joint|common|shared|continued|firm|strong|full|unwavering|steadfast|sincere|ironclad|strong|resolute|political|mutual) )*(?:willingness|readiness|intention|intentions|intent|determination|resolve|desire|aspiration|commitment|efforts?|preparedness|eagerness|collaboration) to", "name": "expressed their willingness to"},
    {"cue": r"(?:expressed|expresses|express|affirmed|affirms|reaffirmed|reaffirms|reaffirm|reiterated|reiterates|reiterate|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underscored|underscores|underlined|underlines|confirmed|confirms|renewed|renews|highlighted|declared|voiced|demonstrated|showed) (?:(?:its|their|his|her|our|an?|(?P<holder>(?:the )?[\w .\-]{2,40}?)(?:'s?)?) )?{adv}(?:(?:joint|common|shared|continued|firm|strong|full|unwavering|steadfast|sincere|ironclad|strong|resolute|political|mutual) )*(?:support|commitment|backing|attachment|adherence|dedication) (?:for|to)", "then": "np", "text": "=", "name": "reaffirmed their support for"},
    # "…, as well as its firm commitment to expanding…": a second commitment of the same side.
    {"cue": r"(?:as well as|and) (?:its|their|his|her|our|the) {adv}(?:(?:joint|common|shared|continued|firm|strong|full|unwavering|steadfast|sincere|resolute) )*(?:willingness|readiness|intention|determination|commitment|efforts?) to", "name": "as well as its commitment to"},
    # A call or proposal to both sides commits the speaker's side.
    {"cue": r"(?:called on|calls on|call on|calling on|called upon|calling upon|urged|urges|urging|invited|invites|inviting|encouraged|encourages|encouraging) {joint} {adv}to", "by": "speaker"},
    {"cue": r"(?:proposed|proposes|proposing|suggested|suggests|suggesting) that {joint} {adv}(?:should |must |will |would )?", "by": "speaker"},
    {"cue": r"(?:should|must|need to|needs to|ought to)", "by": "speaker", "strict": True},
    # A side's own proposal or call: "Wang proposed to jointly…", "They called for stepping up…".
    {"cue": r"(?:proposed|proposes|propose|suggested|suggests|suggest) {adv}to", "kind": "proposal", "name": "proposed to"},
    {"cue": r"(?:called|calls|call) for ", "then": "np", "kind": "proposal", "name": "called for"},
]

NON_PLEDGES = [
    r"(?:praised|praises|commended|commends|hailed|hails|lauded|applauded|congratulated|congratulates|thanked|thanks|appreciated|appreciates|welcomed|welcomes|paid tribute)",
    r"(?:exchanged|exchange|exchanges) (?:\w+ )?(?:views|ideas|opinions)|exchange of views|(?:held|had) (?:an? )?(?:\w+ )?(?:exchange|talks|discussion)",
    r"(?:briefed|reviewed|recalled that|expressed satisfaction|noted with satisfaction)",
    r"(?:reached|hit|hits|achieved|set) (?:an? )?(?:new |all-time |historic |record )*(?:record|high)|record high|all-time high",
    r"\bhad\b|\bhas been\b|\bhave been\b",
    r"last (?:year|month|week)|in the past|so far",
    # Hopes and expectations about what someone else will do commit no one.
    r"\b(?:hopes?|hoped|hoping|wish(?:es|ed)?|expects?|expected|believes?|believed|trusts?|trusted)\s+that\b|(?:expressed|expresses) (?:the |their |its |his |her )?(?:hope|confidence|belief) that|(?:is|are|was|were) (?:confident|convinced|sure) that",
    # Looking forward, noting and discussing are not commitments.
    r"look(?:s|ed|ing)? forward to|(?:discussed|discusses|discuss|considered|explored ways)\b",
]

# English verbs are found by lexicon (the language has no infinitive ending). Clear verbs head a
# verb phrase wherever they stand; ambiguous ones (also common nouns) only when an object follows.
VERBS = frozenset(
    """promote deepen strengthen expand enhance advance boost build construct step intensify
    broaden extend enrich consolidate develop implement maintain safeguard uphold explore facilitate
    improve continue ensure pursue foster cooperate coordinate combat fight oppose tackle address
    achieve accelerate elevate upgrade establish launch sign hold host conduct carry create open
    encourage jointly bring make keep provide respect honor honour jointly push work strive seek
    contribute align synergize synergise leverage harness tap unleash optimize optimise increase
    reduce resume expedite complete finalize finalise set support back stand remain join
    mobilize mobilise protect preserve defend secure guarantee invest encourage help assist expedite
    formulate draft adopt ratify submit convene organize organise attend welcome include integrate
    modernize modernise renew revive restore resolve settle manage deliver allocate grant extend
    explore diversify share make cultivate nurture translate bolster reinforce raise lift cut
    simplify streamline ease remove lower speed scale ramp roll follow facilitate expedite
    accommodate enlarge widen jointly prevent curb counter crack safeguard support step tap
    pool hold resume uphold inject give take carry forge mobilize mobilise offer enrich
    play safeguard defeat exchange tackle prepare stimulate convert attract dovetail
    abide elevate optimize optimise consolidate""".split()
)
AMBIGUOUS_VERBS = frozenset(
    """trade finance transport export import exchange visit study research plan control use need
    support work help increase share project process cross step""".split()
)
# Words that cannot open a verb phrase: after "agreed to" or "will", anything else is taken as a verb.
NOT_VERBS = frozenset(
    """the a an this that these those its their his her our my your each all some any such
    both other another which who whom whose what it they them we us he she him i you be
    more most less further""".split()
)
# What must follow an ambiguous verb for it to count as one: a determiner, a pronoun or an adverb.
OBJECT_START = r"(?:the|a|an|each|one|their|its|our|his|her|all|more|further|new|closer|mutual|bilateral|joint|\w+ly|up|forward|together|with|in|on)\b"

AREAS = {
    "trade": ["trade", "free trade", "commerc*", "econom*", "invest*", "market*", "customs", "export*", "imports", "import", "tariff*", "industr*", "financ*", "agricultur*", "products", "business*", "enterprise*", "companies", "grain", "wheat"],
    "connectivity": ["connectivity", "corridor*", "transport*", "logistic*", "railway*", "rail", "transit", "ports", "dry port", "highway*", "infrastructure", "border crossing*", "freight", "cargo", "flights", "air routes"],
    "security": ["security", "three evil*", "terroris*", "extremis*", "separatis*", "interference", "infiltration", "law enforcement", "police", "policing", "defen*", "military", "drug*", "crime*", "cyber*", "stability"],
    "people-to-people": ["people-to-people", "between the peoples", "peoples", "subnational", "sub-national", "local governments", "cultur*", "touris*", "education*", "student*", "youth", "media", "universit*", "visa*", "sister cit*", "provinces", "humanitarian", "health", "sport*"],
    "political": ["political trust", "political*", "core interests", "sovereignty", "territorial integrity", "taiwan", "xinjiang", "one-china", "strategic*", "high-level", "visits", "internal affairs"],
    "multilateral": ["multilateral*", "international affairs", "regional affairs", "international and regional", "presidency", "international organi*", "international fora"],
    "energy": ["energy", "oil", "gas", "pipeline*", "nuclear", "electricity", "power plant*", "renewable*", "hydro*", "solar", "wind power"],
    "technology": ["digital", "technolog*", "innovation*", "scien*", "artificial intelligence", "space", "satellite*"],
    "environment": ["climate", "environment*", "ecolog*", "green development", "green transition", "water", "water resources", "desertification"],
}

FRAMEWORKS = {
    "BRI": ["belt and road", "BRI", "silk road economic belt"],
    "SCO": ["shanghai cooperation organization", "shanghai cooperation organisation", "SCO"],
    "UN": ["united nations", "UN", "security council"],
    "CICA": ["conference on interaction and confidence-building measures in asia", "CICA"],
    "China–Central Asia": ["china-central asia", "china–central asia", "china - central asia", "china and central asia", "C+C5"],
    "BRICS": ["BRICS"],
    "ASEAN": ["ASEAN", "association of southeast asian nations"],
    "EAEU": ["eurasian economic union", "EAEU", "EEU"],
    "G20": ["G20", "G-20", "group of twenty"],
    "GDI": ["global development initiative", "GDI"],
    "GSI": ["global security initiative", "GSI"],
    "GCI": ["global civilization initiative", "GCI"],
    "CSTO": ["collective security treaty organization", "CSTO"],
    "CIS": ["commonwealth of independent states", "CIS"],
    "EU": ["european union"],
    "WTO": ["world trade organization", "WTO"],
}

# English forms of country names. The key is the name the tracker suggests when a dialogue
# names a party differently ("PRC", "People's Republic of China" are matched through these forms).
COUNTRIES = {
    "China": ["china", "chinese", "people's republic of china", "PRC", "beijing"],
    "Kazakhstan": ["kazakhstan", "kazakh", "kazakhstani", "astana", "nur-sultan"],
    "Russia": ["russia", "russian", "russian federation", "moscow"],
    "Uzbekistan": ["uzbekistan", "uzbek", "uzbekistani", "tashkent"],
    "Kyrgyzstan": ["kyrgyzstan", "kyrgyz", "kyrgyz republic", "kirghizia", "bishkek"],
    "Tajikistan": ["tajikistan", "tajik", "tajikistani", "dushanbe"],
    "Turkmenistan": ["turkmenistan", "turkmen", "ashgabat"],
    "Mongolia": ["mongolia", "mongolian", "ulaanbaatar", "ulan bator"],
    "India": ["india", "indian", "new delhi"],
    "Pakistan": ["pakistan", "pakistani", "islamabad"],
    "Afghanistan": ["afghanistan", "afghan", "kabul"],
    "Iran": ["iran", "iranian", "tehran"],
    "Türkiye": ["türkiye", "turkiye", "turkey", "turkish", "ankara"],
    "Azerbaijan": ["azerbaijan", "azerbaijani", "azeri", "baku"],
    "Georgia": ["georgia", "georgian", "tbilisi"],
    "Armenia": ["armenia", "armenian", "yerevan"],
    "Belarus": ["belarus", "belarusian", "minsk"],
    "Ukraine": ["ukraine", "ukrainian", "kyiv", "kiev"],
    "United States": ["united states", "united states of america", "US", "U.S.", "USA", "american", "washington"],
    "France": ["france", "french", "paris"],
    "Germany": ["germany", "german", "berlin"],
    "United Kingdom": ["united kingdom", "UK", "U.K.", "britain", "great britain", "british", "london"],
    "Italy": ["italy", "italian", "rome"],
    "Spain": ["spain", "spanish", "madrid"],
    "Japan": ["japan", "japanese", "tokyo"],
    "South Korea": ["south korea", "republic of korea", "ROK", "south korean", "korean", "seoul"],
    "North Korea": ["north korea", "DPRK", "north korean", "pyongyang"],
    "Vietnam": ["vietnam", "viet nam", "vietnamese", "hanoi"],
    "Indonesia": ["indonesia", "indonesian", "jakarta"],
    "Thailand": ["thailand", "thai", "bangkok"],
    "Malaysia": ["malaysia", "malaysian", "kuala lumpur"],
    "Philippines": ["philippines", "philippine", "filipino", "manila"],
    "Singapore": ["singapore", "singaporean"],
    "Australia": ["australia", "australian", "canberra"],
    "Canada": ["canada", "canadian", "ottawa"],
    "Brazil": ["brazil", "brazilian", "brasilia"],
    "South Africa": ["south africa", "south african", "pretoria"],
    "Egypt": ["egypt", "egyptian", "cairo"],
    "Saudi Arabia": ["saudi arabia", "saudi", "riyadh"],
    "United Arab Emirates": ["united arab emirates", "UAE", "emirati", "abu dhabi"],
    "Qatar": ["qatar", "qatari", "doha"],
    "Israel": ["israel", "israeli", "jerusalem"],
    "Serbia": ["serbia", "serbian", "belgrade"],
    "Hungary": ["hungary", "hungarian", "budapest"],
    "Poland": ["poland", "polish", "warsaw"],
    "European Union": ["european union", "EU", "brussels"],
    "Nigeria": ["nigeria", "nigerian", "abuja"],
    "Ethiopia": ["ethiopia", "ethiopian", "addis ababa"],
    "Kenya": ["kenya", "kenyan", "nairobi"],
    "Mexico": ["mexico", "mexican"],
    "Argentina": ["argentina", "argentine", "argentinian", "buenos aires"],
    "Côte d'Ivoire": ["côte d'ivoire", "cote d'ivoire", "ivory coast", "ivorian",
                      "yamoussoukro", "abidjan"],
    "Senegal": ["senegal", "senegalese", "dakar"],
    "Algeria": ["algeria", "algerian", "algiers"],
    "Morocco": ["morocco", "moroccan", "rabat"],
    "Peru": ["peru", "peruvian", "lima"],
}

# Words for an office: an official introduced with one ("Kazakh Foreign Minister Murat
# Nurtleu") is taken to speak for the country named with the office.
ROLES = frozenset(
    """minister ministers president premier vice deputy secretary ambassador envoy chief head
    counselor councillor adviser advisor counterpart spokesperson spokesman director chairman
    chancellor representative foreign prime""".split()
)
HEADS_BEFORE = r"the"
# Nouns after a country adjective that make it a party: "the Kazakh side".
HEADS_AFTER = (
    r"(?:side|government|delegation|leadership|people|authorities|party|state|nation|"
    r"president|leader|leaders|foreign minister|minister)s?"
)
