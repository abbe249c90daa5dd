"""Cue phrases of events that happened, in English and French: what `follow-up` takes as evidence.

Each entry is a regular expression over folded text (lower case, no accents, one
kind of dash and apostrophe), matched on word boundaries. The kinds:

- `done`: something was carried out or took place (held, signed, entered into
  force, opened, attended). It fulfils a pledge about that very thing and
  advances any other.
- `advanced`: a measurable step (reached, grew, launched a first phase, began).
- `stalled`: postponed, suspended, delayed, fell.
- `broken`: cancelled, withdrew, refused.

`ECHOES` are the words of a promise or a plan: an event cue that follows one of
them closely ("agreed to hold", "will be signed", « sera inauguré ») is a new
pledge, not evidence, and is left to `tracker extract`. `NEGATIONS` before a
`done` cue ("was not signed") turn it into `stalled`.

To add a cue: append it to the language and kind it belongs to.
"""

# ruff: noqa: E501

EVENTS: dict[str, dict[str, list[str]]] = {
    "en": {
        "done": [
            r"(?:was|were|has been|have been|had been) (?:successfully )?(?:held|convened|signed|opened|inaugurated|completed|delivered|launched|established|set up|created|adopted|ratified|commissioned|concluded|handed over|put into operation|put into service|staged|hosted|organi[sz]ed|implemented|fulfilled|met|achieved|realised|realized)",
            r"(?:was|were) (?:officially )?(?:opened|inaugurated|launched)",
            r"took place", r"(?:has|have|had) taken place",
            r"(?:entered|enters|came|has come|have come) into (?:force|effect|operation)", r"took effect", r"(?:has|have) taken effect",
            r"signed", r"held", r"convened", r"hosted", r"inaugurated", r"opened", r"completed", r"delivered", r"ratified", r"commissioned",
            r"attended", r"attends", r"arrived in",
            r"(?:is|was|are|were) in [\w' -]{2,30}? to (?:attend|take part in|participate in)",
 r"(?:took|has taken|have taken) part in", r"participated in", r"joined", r"visited", r"paid (?:a|an) (?:state |official |working )?visit",
            r"met (?:with|in|on)", r"(?:held|had) talks", r"(?:adopted|approved|concluded)",
            r"set up", r"established", r"launched", r"handed over", r"put into operation", r"went into operation", r"began operating", r"started operating",
            r"(?:now )?(?:operates|runs|is operating|is running|is in operation|is in force|is open)",
        ],
        "advanced": [
            r"reached", r"rose", r"grew", r"increased", r"has (?:risen|grown|increased|reached|expanded|doubled|exceeded|surpassed|advanced|progressed)",
            r"have (?:risen|grown|increased|reached|expanded|doubled|exceeded|surpassed|advanced|progressed)",
            r"stood at", r"came to", r"put (?:[\w$.,'-]+ ){1,8}at(?= (?:usd ?|us\$|\$|eur ?|\u20ac)?\d)",
            r"(?:was|were)(?: worth)?(?= (?:usd ?|us\$|\$|eur ?|\u20ac)\d)",
            r"reaching", r"totall?ing", r"amounting to", r"rising to", r"growing to",
            r"expanded", r"doubled", r"tripled", r"exceeded", r"surpassed", r"surged", r"climbed", r"jumped", r"totall?ed", r"amounted to", r"hit a (?:record|new high)",
            r"up \d[\d.,]*\s?(?:%|per ?cent|percent)", r"(?:an? )?(?:increase|rise|growth) of \d[\d.,]*\s?(?:%|per ?cent|percent)",
            r"\d{1,3}\s?(?:%|per ?cent|percent) (?:complete|completed|done|finished|built|ready)",
            r"(?:is|are) (?:being )?implemented", r"(?:is|are) (?:now )?implementing", r"(?:is|are) under way", r"(?:is|are) underway",
            r"(?:have |has |had )?agreed (?:on|to) (?:establish|create|set up|launch|open|introduce|build|sign)\w*",
            r"first phase", r"first stage", r"(?:began|begun|started|commenced|kicked off)", r"(?:is|are) under construction", r"(?:is|are) being (?:built|implemented|expanded)",
            r"broke ground", r"groundbreaking", r"advanced", r"progressed", r"made (?:\w+ )?progress",
            r"continues? to (?:rise|grow|increase|expand|climb|deepen)", r"continued to (?:rise|grow|increase|expand|climb|deepen)",
            r"set(?:ting)? (?:a )?new (?:historical |historic |all-time )?records?", r"(?:have|has) taken root", r"took root",
        ],
        "stalled": [
            r"(?:was|were|has been|have been|had been) (?:postponed|delayed|suspended|deferred|put on hold|frozen|halted|shelved|stalled)",
            r"postponed", r"delayed", r"suspended", r"deferred", r"put on hold", r"stalled", r"halted", r"shelved",
            r"fell", r"dropped", r"declined", r"decreased", r"shrank", r"contracted", r"down \d[\d.,]*\s?(?:%|per ?cent|percent)",
        ],
        "broken": [
            r"(?:was|were|has been|have been|had been) (?:cancell?ed|called off|scrapped|abandoned|terminated|revoked|annulled|rejected)",
            r"cancell?ed", r"called off", r"scrapped", r"abandoned", r"terminated", r"revoked", r"annulled",
            r"withdrew from", r"pulled out of", r"(?:has|have) withdrawn from", r"refused to", r"declined to", r"rejected",
        ],
    },
    "fr": {
        "done": [
            r"(?:s'est|se sont) (?:tenue?s?|deroulee?s?|reunie?s?)", r"a eu lieu", r"ont eu lieu", r"avait eu lieu",
            r"(?:a|ont) ete (?:officiellement )?(?:signee?s?|inauguree?s?|ouverte?s?|lancee?s?|achevee?s?|creee?s?|etablie?s?|adoptee?s?|ratifiee?s?|conclue?s?|livree?s?|mise?s? en service|mise?s? en place|organisee?s?|accueillie?s?|tenue?s?)",
            r"(?:est|sont) (?:officiellement )?(?:entree?s?) en vigueur", r"(?:est|sont) (?:desormais )?(?:ouverte?s?|operationnelle?s?|en service|en vigueur)",
            r"(?:a|ont) (?:signe|inaugure|ouvert|lance|acheve|cree|etabli|adopte|ratifie|conclu|livre|accueilli|organise|tenu|mis en service|mis en place)",
            r"(?:s'est|se sont) (?:terminee?s?|achevee?s?|conclue?s?|clos|close|closes|clotures?|cloturee?s?)",
            r"(?:est|etait|sont|etaient) (?:a|au|aux|en) [\w' -]{2,30}? pour (?:y )?(?:participer|assister|prendre part)",
            r"(?:est|sont) arrivee?s? (?:\w+ )?(?:a|au|aux|en)",
            r"rencontrait", r"rencontraient", r"(?:a|ont) (?:participe|assiste|pris part)", r"(?:s'est|se sont) rendue?s?", r"(?:a|ont) effectue une visite", r"(?:s'est|se sont) entretenue?s?", r"(?:a|ont) rencontre", r"se sont rencontres",
            r"signee?s?", r"inauguree?s?", r"entree?s? en vigueur",
        ],
        "advanced": [
            r"(?:a|ont) atteint", r"(?:a|ont) (?:augmente|progresse|cru|double|depasse|bondi|grimpe)", r"en hausse de", r"(?:une )?(?:hausse|croissance|augmentation|progression) de \d[\d.,]*\s?(?:%|pour ?cent)",
            r"(?:achevee?s?|realisee?s?|construite?s?) a \d{1,3}\s?(?:%|pour ?cent)",
            r"mett(?:ent|ait|aient|e)? en (?:oe|\u0153)uvre", r"(?:est|sont) en cours",
            r"(?:ont|a) convenu (?:de |d')(?:creer|etablir|mettre en place|lancer|ouvrir|signer)", r"(?:sont|est) convenue?s? (?:de |d')(?:creer|etablir|mettre en place|lancer|ouvrir|signer)",
            r"atteignant", r"s'est eleve", r"se sont eleves", r"s'elevant a", r"premiere phase", r"premiere etape", r"(?:a|ont) (?:commence|demarre|debute)", r"(?:est|sont) en (?:cours de )?construction", r"en cours de realisation",
            r"(?:a|ont) (?:progresse|avance)", r"continuer?n?t? (?:de|a) (?:grimper|croitre|augmenter|progresser|s'accroitre|se developper)",
            r"(?:s'est|se sont) (?:renforcee?s?|developpee?s?|accrue?s?|intensifiee?s?)", r"(?:a|ont) enregistre",
        ],
        "stalled": [
            r"(?:a|ont) ete (?:reportee?s?|suspendue?s?|ajournee?s?|retardee?s?|gelee?s?|differee?s?)", r"reportee?s?", r"suspendue?s?", r"ajournee?s?", r"au point mort",
            r"(?:a|ont) (?:baisse|recule|diminue|chute)", r"en baisse de", r"en recul de",
        ],
        "broken": [
            r"(?:a|ont) ete (?:annulee?s?|abandonnee?s?|rejetee?s?|resiliee?s?|revoquee?s?)", r"annulee?s?", r"abandonnee?s?",
            r"(?:s'est|se sont) retiree?s?", r"(?:a|ont) refuse", r"(?:a|ont) rejete", r"(?:a|ont) renonce",
        ],
    },
}

# Participles that only qualify a noun ("the consensus reached by the leaders"): no event.
NOT_EVENTS = {
    "en": [r"(?:consensus|agreements?|understandings?|accords?) (?:reached|achieved)", r"(?:the )?level (?:reached|achieved)"],
    "fr": [r"(?:consensus|accords?|ententes?) (?:atteints?|conclus?|obtenus?)"],
}

# Promises that govern the rest of their clause: "China is willing to work with Kazakhstan
# to implement the consensus reached" reports no event, however many words follow.
CLAUSE_ECHOES = {
    "en": [r"(?:is|are|was|were|remains?|stands?|stood) (?:\w+ )?(?:willing|ready|prepared|determined|committed) to", r"agreed to", r"pledged to", r"vowed to", r"promised to", r"undertook to",
           r"will", r"would", r"should", r"shall", r"intends? to", r"plans? to", r"aims? to", r"hopes? (?:to|that)", r"called for", r"calls? on", r"urged", r"expressed (?:the |their |his |her |its )?(?:hope|readiness|willingness|intention|desire)"],
    "fr": [r"(?:est|sont|se dit|se disent|s'est dit|se sont dits?) (?:\w+ )?(?:pret|prets|prete|disposee?s?|determinee?s?|resolue?s?) a", r"(?:ont|a) convenu d", r"(?:sont|est) convenue?s? d", r"(?:ont|a) promis d", r"s'engage", r"s'engagent", r"se sont engages",
           r"va", r"vont", r"devrait", r"devraient", r"doit", r"doivent", r"entend", r"entendent", r"souhaite", r"souhaitent", r"espere", r"esperent", r"(?:a|ont) appele", r"(?:a|ont) exhorte"],
}
CLAUSE_BOUNDARY = r"[;:.]|,\s*(?:which|who|while|but|whereas|and the|qui|tandis|mais|alors que)\b|\b(?:while|whereas|but)\b"

# Words after which a new subject starts: "Xi noted that the parties signed …".
SUBJECT_OPENERS = r"\b(?:that|que|qu')\b|[:\"\u00ab\u201c]"

# Headlines report past events in the present tense ("Leaders sign treaty"): these
# cues count only in a title line.
TITLE_EVENTS: dict[str, list[str]] = {
    "en": [r"holds?", r"signs?", r"opens?", r"launch(?:es)?", r"inaugurates?", r"attends?", r"joins?", r"meets?", r"adopts?", r"completes?", r"ratif(?:y|ies)", r"hosts?", r"visits?"],
    "fr": [r"tien(?:nen)?t", r"signent", r"signe", r"inaugurent", r"inaugure", r"ouvrent", r"ouvre", r"lancent", r"lance", r"adoptent", r"adopte", r"accueille", r"accueillent", r"participe", r"participent", r"rencontre"],
}

# A promise, a plan or a wish: an event cue right after one of these is no evidence.
# (An agreement to set up something new — "agreed to establish a framework" — is an
# outcome, listed with the `advanced` cues; "agreed to continue deepening" is an echo.)
ECHOES = {
    "en": [
        r"will", r"would", r"shall", r"should", r"could", r"can", r"may", r"might", r"must",
        r"to be", r"agreed to", r"agree to", r"pledged to", r"vowed to", r"committed to", r"commit to",
        r"expected to", r"plans? to", r"planned to", r"intends? to", r"aims? to", r"aimed at", r"seeks? to", r"hopes? to", r"hope that", r"is set to", r"are set to",
        r"is to", r"are to", r"ready to", r"readiness to", r"willing(?:ness)? to", r"called for", r"calls for", r"looks? forward to", r"looking forward to",
        r"proposed", r"propose", r"going to", r"scheduled to", r"due to",
    ],
    "fr": [
        r"va", r"vont", r"sera", r"seront", r"serait", r"seraient", r"doit", r"doivent", r"devrait", r"devraient", r"pourrait", r"pourraient",
        r"etre", r"afin d'etre", r"s'engagent a", r"se sont engages a", r"(?:sont|ont) convenus? de", r"entend", r"entendent", r"compte", r"comptent",
        r"souhaite", r"souhaitent", r"pret a", r"prets a", r"prete a", r"disposee? a", r"prevoit de", r"prevoient de", r"vise a", r"visent a", r"appelle a", r"appele a",
    ],
}

NEGATIONS = {
    "en": [r"not", r"never", r"no longer", r"failed to", r"yet to", r"has yet to", r"have yet to"],
    "fr": [r"ne", r"n'", r"pas", r"jamais", r"toujours pas"],
}

# Heads of state and government and foreign ministers of the region, by country: an
# event they carried out was carried out by their side. Facts; extend as needed.
LEADERS = {
    "China": ["xi jinping", "president xi", "li qiang", "wang yi", "zhao leji", "han zheng", "wang huning"],
    "Kazakhstan": ["tokayev", "tokaev", "tokaiev", "tokaïev", "nurtleu", "bektenov", "smailov", "koshanov", "ashikbayev", "kosherbayev"],
    "Uzbekistan": ["mirziyoyev", "mirziyoev", "saidov", "aripov"],
    "Kyrgyzstan": ["japarov", "zhaparov", "kulubaev", "kasymaliev"],
    "Tajikistan": ["rahmon", "rakhmon", "muhriddin", "rasulzoda"],
    "Turkmenistan": ["berdimuhamedov", "berdymukhamedov", "meredov"],
    "Russia": ["putin", "poutine", "lavrov", "mishustin"],
}

# Regions that stand for each of their countries: "China and Central Asia signed …"
# names Kazakhstan among the signatories.
REGIONS = {
    "central asia": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
    "central asian": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
    "asie centrale": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
    "c5": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
}
