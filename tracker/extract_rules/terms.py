"""The domain's names and terms in English and French, as concepts: what `follow-up` matches on.

A pledge recorded in English ("Belt and Road", "law enforcement") and a follow-up
text in French (« la Ceinture et la Route », « application de la loi ») meet on the
same concept. Each concept lists its surface forms in both languages; matching
folds case, accents, dashes and apostrophes, so write forms in lower case without
worrying about them. Forms written entirely in capitals (acronyms) match only in
capitals, so the French article "un" is never the UN.

`OBJECTS` are concepts naming a thing that can be *done once*: a summit held, a
secretariat opened, a dialogue round held, a presidency served. An event that
completes such a thing fulfils a pledge about it; an event bearing on an
open-ended aim ("deepen", "expand") only advances it.

`WEIGHTS` lowers concepts that many texts mention in passing.

To add a term: append a form to its concept below. To add a concept: add a key,
its forms, and (if it is a thing done once) put it in OBJECTS.
"""

# ruff: noqa: E501  (one concept a line reads better than wrapped lists)

CONCEPTS: dict[str, list[str]] = {
    # Frameworks and organisations.
    "belt-and-road": ["belt and road", "belt-and-road", "BRI", "one belt one road", "new silk road", "silk road economic belt", "ceinture et la route", "ceinture et route", "ICR", "nouvelles routes de la soie", "route de la soie"],
    "sco": ["SCO", "shanghai cooperation organisation", "shanghai cooperation organization", "OCS", "organisation de cooperation de shanghai", "sco plus", "ocs plus"],
    "presidency": ["presidency", "chairmanship", "rotating chair", "presidence", "presidence tournante"],
    "cica": ["CICA", "conference on interaction and confidence-building measures in asia", "conference on interaction and confidence building measures in asia", "conference pour l'interaction et les mesures de confiance en asie", "conference sur l'interaction et les mesures de confiance en asie"],
    "united-nations": ["united nations", "UN", "nations unies", "ONU", "security council", "conseil de securite", "general assembly", "assemblee generale"],
    "china-central-asia": ["china-central asia", "central asia-china", "china and central asia", "china and the five central asian", "china and five central asian", "c5+china", "china+c5", "chine-asie centrale", "asie centrale-chine", "la chine et l'asie centrale", "la chine et les cinq pays d'asie centrale"],
    # Things done once.
    "summit": ["summit", "summits", "council of heads of state", "heads of state council", "sommet", "sommets", "conseil des chefs d'etat"],
    "secretariat": ["secretariat", "secretariats", "secretariat permanent", "permanent secretariat"],
    "strategic-dialogue": ["strategic dialogue", "dialogue strategique", "foreign ministers' strategic dialogue", "dialogue strategique des ministres des affaires etrangeres"],
    "treaty": ["treaty", "treaties", "traite", "traites"],
    "agreement": ["agreement", "agreements", "memorandum", "memorandums", "memoranda", "accord", "accords", "protocole d'accord"],
    "visit": ["state visit", "official visit", "visite d'etat", "visite officielle"],
    # Fields of cooperation.
    "trade": ["trade", "trade turnover", "bilateral trade", "two-way trade", "trade volume", "volume of trade", "exports", "imports", "echanges commerciaux", "commerce bilateral", "commerce", "volume des echanges", "exportations", "importations", "chiffre d'affaires commercial", "chiffre d'affaires bilateral", "chiffre d'affaires"],
    "investment": ["investment", "investments", "investor", "investors", "investissement", "investissements", "investisseurs"],
    "connectivity": ["connectivity", "corridor", "corridors", "transport", "transit", "logistics", "railway", "railways", "rail", "freight", "cargo", "container", "containers", "ferry", "border crossing", "border crossings", "checkpoint", "checkpoints", "dry port", "trans-caspian", "middle corridor", "highway", "road", "roads", "connectivite", "couloir", "couloirs", "ferroviaire", "chemin de fer", "fret", "marchandises", "logistique", "point de passage", "postes frontieres", "autoroute"],
    "law-enforcement": ["law enforcement", "law-enforcement", "police", "public security", "internal affairs", "interior minister", "interior ministers", "transnational crime", "organised crime", "organized crime", "drug trafficking", "narcotics", "cybercrime", "application de la loi", "forces de l'ordre", "securite publique", "affaires interieures", "ministre de l'interieur", "criminalite transnationale", "trafic de drogue", "cybercriminalite"],
    "security": ["security", "terrorism", "terrorist", "extremism", "separatism", "three evils", "counter-terrorism", "anti-terrorism", "joint exercise", "joint exercises", "military exercise", "securite", "terrorisme", "extremisme", "separatisme", "exercice conjoint", "exercices conjoints"],
    "interference": ["interference", "infiltration", "colour revolution", "color revolution", "colour revolutions", "color revolutions", "external forces", "ingerence", "infiltration", "revolution de couleur", "revolutions de couleur", "forces exterieures"],
    "people-to-people": ["people-to-people", "people to people", "exchanges between the peoples", "exchanges between peoples", "between the two peoples", "humanitarian ties", "cultural", "culture", "tourism", "tourist", "tourists", "visa-free", "visa free", "visa", "visas", "students", "student", "universities", "university", "education", "youth", "media", "sister cities", "sister-city", "twinned", "luban workshop", "echanges humains", "echanges entre les peuples", "entre les deux peuples", "culturel", "culturels", "culturelle", "tourisme", "touristes", "sans visa", "exemption de visa", "exemption de visas", "etudiants", "universites", "jeunesse", "villes jumelles", "jumelage"],
    "subnational": ["subnational", "sub-national", "regions", "regional governments", "provinces", "provincial", "oblast", "oblasts", "local governments", "sister cities", "sister provinces", "infranational", "infranationaux", "provinces", "collectivites locales", "villes jumelles"],
    "new-fields": ["new energy", "renewable", "renewables", "green energy", "solar", "wind power", "artificial intelligence", "digital", "e-commerce", "nuclear", "critical minerals", "innovation", "science and technology", "high technology", "high-tech", "agriculture", "agricultural", "scientific and technical", "science", "technology", "technological", "new fields", "new areas", "nouvelles energies", "renouvelable", "renouvelables", "energie verte", "solaire", "eolien", "intelligence artificielle", "numerique", "commerce electronique", "nucleaire", "mineraux critiques", "innovation", "science et technologie", "nouveaux domaines", "agriculture"],
    "energy": ["energy", "oil", "gas", "pipeline", "pipelines", "power plant", "power plants", "electricity", "energie", "petrole", "gaz", "gazoduc", "oleoduc", "centrale"],
    "core-interests": ["core interests", "taiwan", "xinjiang", "tibet", "one-china", "one china", "interets fondamentaux", "interets vitaux", "une seule chine"],
    "political-trust": ["mutual trust", "political trust", "strategic trust", "confiance mutuelle", "confiance politique", "confiance strategique"],
    "coordination": ["coordination", "coordinate", "coordinated", "international and regional affairs", "international affairs", "regional affairs", "concertation", "affaires internationales", "affaires regionales"],
    "multilateral": ["multilateral", "multilateralism", "multilateral bodies", "multilateral organisations", "multilateral organizations", "multilateral fora", "international organisations", "international organizations", "multilateral", "multilaterales", "multilateraux", "organisations multilaterales", "organisations internationales"],
}

# Concepts naming a thing done once (see the module docstring).
OBJECTS = frozenset({"summit", "secretariat", "strategic-dialogue", "treaty", "agreement", "presidency", "visit"})

# Organisations and formats that exclude each other: a sentence about an SCO summit is
# not about a China–Central Asia summit, even though both are summits.
FRAMEWORKS = frozenset({"sco", "cica", "united-nations", "china-central-asia"})

# What else shows a thing done once: a presidency is served when its summit is held.
OBJECT_EVIDENCE: dict[str, set[str]] = {
    "presidency": {"presidency", "summit"},
}

# Concepts so often mentioned in passing that they alone never tie a sentence to a pledge.
WEIGHTS: dict[str, float] = {
    "agreement": 0.5,
    "visit": 0.5,
    "coordination": 0.6,
    "political-trust": 0.6,
    "multilateral": 0.6,
    "security": 0.8,
    "energy": 0.7,
    "investment": 0.7,
}

# Forms that name more than one concept: extremism is a security matter and, in this
# region's official usage, the "infiltration" the pledges against interference mean.
ALSO: dict[str, list[str]] = {
    "interference": ["extremism", "separatism", "three evils", "three evil forces", "extremisme", "separatisme", "trois fleaux", "trois forces du mal"],
}

# Which concept an area or a framework of a pledge (SPEC §2) stands for.
AREA_CONCEPTS = {
    "trade": "trade",
    "security": "security",
    "connectivity": "connectivity",
    "people-to-people": "people-to-people",
    "energy": "energy",
}
FRAMEWORK_CONCEPTS = {
    "BRI": "belt-and-road",
    "SCO": "sco",
    "UN": "united-nations",
    "CICA": "cica",
    "China–Central Asia": "china-central-asia",
}

# Short labels for notes ("SCO summit attended — Kazakhstan").
LABELS = {
    "belt-and-road": "Belt and Road",
    "sco": "SCO",
    "presidency": "presidency",
    "cica": "CICA",
    "united-nations": "UN",
    "china-central-asia": "China–Central Asia",
    "summit": "summit",
    "secretariat": "secretariat",
    "strategic-dialogue": "strategic dialogue",
    "treaty": "treaty",
    "agreement": "agreement",
    "visit": "visit",
    "trade": "trade",
    "investment": "investment",
    "connectivity": "transport links",
    "law-enforcement": "law enforcement",
    "security": "security",
    "interference": "interference",
    "people-to-people": "people-to-people ties",
    "subnational": "regional ties",
    "new-fields": "new fields",
    "energy": "energy",
    "core-interests": "core interests",
    "political-trust": "political trust",
    "coordination": "coordination",
    "multilateral": "multilateral bodies",
}

# Words too common in this genre to tie a sentence to a pledge by themselves: the
# fallback that matches a pledge by its own words (a consulate, a city, a flight)
# skips them, as it skips the languages' frequent words and the countries' names.
GENERIC_WORDS = frozenset(["cooperation", "cooperate", "strengthen", "strengthening", "deepen", "deepening", "expand", "expanding", "promote", "promoting", "develop", "development", "support", "supporting", "further", "jointly", "together", "relations", "relationship", "partnership", "strategic", "comprehensive", "mutual", "mutually", "beneficial", "high", "quality", "level", "new", "work", "working", "keep", "continue", "continued", "between", "area", "areas", "field", "fields", "side", "sides", "country", "countries", "party", "parties", "more", "other", "each", "issue", "issues", "international", "regional", "bilateral", "joint", "also", "well", "make", "build", "building", "advance", "advancing", "improve", "improving", "enhance", "enhancing", "foster", "step", "boost", "widen", "grow", "growing", "ready", "readiness", "willing", "commitment", "committed", "agreed", "agree", "pledge", "pledged", "calls", "call", "hopes", "hope", "will", "would", "should", "shall", "could", "foreign", "minister", "ministers", "president", "presidents", "leader", "leaders", "government", "governments", "meeting", "meetings", "talks", "visit", "year", "years", "first", "second", "third", "next", "last", "today", "week", "month", "said", "says", "stated", "noted", "added", "announced", "reported", "according", "news", "report", "press", "cooperation", "renforcer", "approfondir", "developper", "promouvoir", "soutenir", "relations", "partenariat", "strategique", "global", "mutuelle", "mutuel", "domaine", "domaines", "deux", "pays", "partie", "parties", "echanges", "ministre", "ministres", "president", "presidents", "dirigeants", "gouvernement", "reunion", "visite", "annee", "nouveau", "nouvelle", "nouvelles", "davantage", "ensemble", "conjointement", "travailler", "poursuivre"])

# Verbs of a thing done once, and the words an event about it is reported with:
# "Launch a cargo flight" is fulfilled when the flight "was launched", "Open a
# consulate" when « la Chine a ouvert son consulat ».
DELIVERABLE_VERBS: dict[str, tuple[str, ...]] = {
    "launch": ("launch", "lanc", "inaugurat", "inaugur"),
    "open": ("open", "ouvr", "ouvert", "inaugurat", "inaugur"),
    "hold": ("held", "hold", "took place", "convened", "tenu", "eu lieu", "deroul"),
    "host": ("host", "held", "accueill"),
    "sign": ("sign",),
    "conclude": ("conclu", "sign"),
    "establish": ("establish", "set up", "creat", "etabli", "cre", "mis en place"),
    "set up": ("establish", "set up", "creat", "etabli", "cre", "mis en place"),
    "create": ("establish", "set up", "creat", "etabli", "cre"),
    "build": ("built", "complet", "commission", "construit", "achev"),
    "complete": ("complet", "achev"),
    "ratify": ("ratif",),
    "deliver": ("deliver", "livr", "handed over"),
    "lancer": ("launch", "lanc", "inaugur"),
    "ouvrir": ("open", "ouvr", "ouvert", "inaugur"),
    "signer": ("sign",),
    "creer": ("creat", "cre", "establish", "set up"),
    "etablir": ("establish", "etabli", "set up"),
    "construire": ("built", "construit", "achev", "complet"),
    "organiser": ("held", "organis", "tenu", "eu lieu"),
}
