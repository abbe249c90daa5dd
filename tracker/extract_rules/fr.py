"""French rules for the pledge extractor: cue phrases, party forms, area and framework keywords."""

# ruff: noqa: E501, SIM905  (tables read better one entry a line, and as plain word lists)

LANG = "fr"

# Frequent words that are nearly absent from English text: language detection counts them.
STOPWORDS = frozenset(
    "le la les des du de et est sont une dans pour avec que qui au aux sur par ont "
    "leur leurs ses cette ces entre deux ainsi été être sa son pays nous il elle".split()
)

# Words ending with a period that do not end a sentence ("M. Wang", "Mme Li").
ABBREVIATIONS = frozenset(
    "m mm mme mmes mlle mgr me dr pr st ste av apr j.-c cf p pp art no vol éd env "
    "janv févr avr juil sept oct nov déc".split()
)

# Adverbs that may sit between a subject, a cue and its verb ("est pleinement prête à").
ADVERBS = (
    r"\w+ment|toujours|aussi|également|encore|davantage|ensemble|mieux|bien|déjà|"
    r"donc|en outre|par ailleurs|pour sa part|pour leur part|de son côté|de leur côté|"
    r"à son tour|quant à elle|quant à lui|à cet égard|notamment|tout à fait|en effet|"
    r"d'une seule voix|main dans la main"
)

# Phrases naming every party at once: their pledges are joint.
JOINT_SUBJECTS = (
    r"(?:les|ces) (?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix) (?:parties|pays|côtés|camps|"
    r"ministres|chefs d'état|dirigeants|présidents|gouvernements|délégations|nations|états|"
    r"capitales|partenaires)|"
    r"les (?:participants|chefs d'état|chefs d'états|présidents|dirigeants|ministres|"
    r"états membres|pays participants|pays membres)|"
    r"toutes les parties|tous les participants|les parties|chacune des parties|l'une et l'autre partie"
)

# Pronouns that can open a clause; "ils"/"elles" stand for both sides, the others for one.
PRONOUNS_ONE = ("il", "elle", "nous", "je", "celle-ci", "celui-ci")
PRONOUNS_ALL = ("ils", "elles")

# Words after which a party name is an object, not the subject ("avec le Kazakhstan").
PREPOSITIONS = frozenset(
    "avec à au aux de du des d' entre envers pour par contre vers chez sur dans concernant "
    "sans selon auprès parmi".split()
)
# Determiners skipped when looking at the word before a party name ("avec LA Chine").
DETERMINERS = frozenset("le la les l' un une son sa ses leur leurs ce cette".split())
# Words that join two party names into one subject ("la Chine ET le Kazakhstan").
CONJUNCTIONS = frozenset("et ainsi que ou".split())

# Speech verbs: who says a sentence is who makes its pledges ("a déclaré M. Wang").
SPEECH = (
    r"(?:a|ont|avait|avaient)\s+{adv}(?:déclaré|dit|indiqué|ajouté|souligné|noté|affirmé|réaffirmé|"
    r"précisé|estimé|expliqué|poursuivi|conclu|rappelé|fait savoir|fait remarquer|assuré|"
    r"insisté|relevé|fait observer|observé|martelé|signalé|annoncé|exprimé|proposé|suggéré)|"
    r"(?:déclare|dit|indique|ajoute|souligne|note|affirme|précise|estime|explique|assure|propose)\s+(?=que|qu'|m\.|mme)|"
    r"selon|d'après"
)

# A trailing attribution to remove from a clause: ", a ajouté M. Nourtléou".
ATTRIBUTION_TAIL = (
    r"[,;]\s*(?:a|ont)\s+{adv}(?:déclaré|dit|indiqué|ajouté|souligné|noté|affirmé|"
    r"réaffirmé|précisé|estimé|expliqué|poursuivi|conclu|rappelé|fait savoir|assuré|insisté|"
    r"martelé|relevé|observé|signalé)(?:\s+[^,;]{0,80})?$|"
    r"[,;]\s*(?:selon|d'après)\s+[^,;]{0,80}$|"
    r"[,;]\s*(?:a|ont)[- ]t[- ](?:il|elle|ils|elles)\s+(?:\w+\s*)*$"
)

# Words that end a clause's subject: a pledge's own subject never lies before one of these.
CLAUSE_BOUNDARIES = r"[;:]|,|\bque\b|\bqu'|\bet\b|\bmais\b|\btandis que\b|\balors que\b|\btout en\b"
# A clause that opens with one of these continues the previous one's subject ("…, et est prête à").
COORDINATION_TAIL = r"(?:,\s*)?(?:\bet\b|\bainsi que\b|\bmais\b|\bpuis\b|\btout en\b|\bou\b|,)\s*{adv}$"
# Words trimmed from the end of a clause once the next clause is cut away.
TRAILING = r"(?:[\s,;:.]|\bet\b|\bmais\b|\bainsi que\b|\btout en\b|\btandis que\b|\bque\b|\bqu'|\bajoutant\b|\bsoulignant\b|\bnotant\b|\bindiquant\b|\bestimant\b|\bdéclarant\b)+$"

# Where a noun phrase after a cue ends: a new verb of stating joined by "et".
NP_END = r"(?:,\s*|\s+)(?:et|tout en)\s+(?:a|ont)\s+{adv}(?:réaffirmé|réitéré|souligné|noté|dit|ajouté|exprimé|appelé|salué|rappelé|confirmé|estimé|indiqué|manifesté|marqué)\b"

# Cue phrases of commitment. Each entry:
#   cue     the phrase that commits (see the module docstring of extract_rules for conventions)
#   by      "subject": the grammatical subject makes the pledge ("Le Kazakhstan est prêt à");
#           "speaker": whoever speaks makes it ("appelant les deux parties à", a proposal)
#   then    "verb": verb phrases follow, enumerations are split ("de promouvoir…, d'approfondir…");
#           "np": a noun phrase follows, kept whole ("soutient fermement la Chine…");
#           "self": the cue is itself the verb (a future tense: "renforcera…")
#   strict  True when the cue is ambiguous out of context: it then counts only right after its
#           subject ("Le Kazakhstan soutient", never "le soutien")
#   text    what the cleaned text starts with in place of the cue (None: nothing; "=": the cue as written)
#   kind    "commitment" (the default) or "proposal" (the default when `by` is "speaker")
#   name    how the cue is shown to the analyst (the candidate's `cue`); default: read off `cue`
COMMITMENTS = [
    {"cue": r"(?:suis|sommes|êtes|est|sont|était|étaient|serait|seraient|sera|seront|reste|restent|demeure|demeurent|se tient|se tiennent|se dit|se disent|s'est dite?|se sont dite?s|se déclare|se déclarent|s'est déclarée?|se sont déclarée?s|s'exprime|s'expriment) {adv}prêt(?:e|s|es)? (?:à|a)"},
    {"cue": r"(?:est|sont|était|étaient|serait|seraient|sera|seront|reste|restent|se dit|se disent|s'est dite?) {adv}(?:disposé|déterminé|résolu|décidé|attaché|désireux|désireuse|soucieux|soucieuse)(?:e|s|es)? (?:à|a|de|d')"},
    {"cue": r"(?:s'engage|s'engagent|s'engageait|s'engageaient|s'est engagée?|se sont engagé(?:e)?s|s'engagera|s'engageront|s'engagerait|s'engageraient) {adv}(?:à|a)"},
    {"cue": r"(?:a|ont) {adv}(?:convenu|décidé|résolu|promis|accepté|choisi) (?:de|d')"},
    {"cue": r"(?:sont|se sont) {adv}(?:convenu|convenue|convenus|convenues|accordé|accordés|accordées) (?:de|d'|pour)"},
    {"cue": r"(?:se sont|s'est|se mettent|se met) {adv}(?:mis|mise|mises) d'accord (?:pour|de|d')"},
    {"cue": r"(?:sont|est|se sont|s'est) {adv}(?:tombé|tombés|tombée|tombées) d'accord (?:pour|de|d')"},
    {"cue": r"(?:conviennent|convient|décident|décide|s'accordent|s'accorde) {adv}(?:de|d'|à|a)"},
    {"cue": r"(?:a|ont) {adv}l'intention (?:de|d')"},
    {"cue": r"(?:aspire|aspirent|aspirait|aspiraient|aspirera|aspireront) {adv}(?:« ?)?(?:à|a)", "name": "aspire à"},
    # A list follows: "Les ministres sont convenus des priorités suivantes :".
    {"cue": r"(?:ont|sont|se sont) {adv}(?:convenu|convenus|convenues|décidé|arrêté) (?=(?:des|les|de) (?:\w+ )?(?:suivant|suivante|suivants|suivantes)|de ce qui suit|ce qui suit)", "then": "np", "name": "sont convenus des … suivants"},
    {"cue": r"(?:prévoit|prévoient|prévoyait|prévoyaient|envisage|envisagent|s'efforce|s'efforcent|s'efforcera|s'efforceront|s'attache|s'attachent|s'attachera|s'attacheront|tâchera|tâcheront|promet|promettent) {adv}(?:de|d'|à|a)"},
    {"cue": r"(?:œuvre|œuvrent|œuvrera|œuvreront|œuvrerait|œuvreraient|travaillera|travailleront) {adv}(?:à|a|pour)"},
    # Bare infinitives follow these verbs: "souhaite étendre la coopération".
    {"cue": r"(?:souhaite|souhaitent|souhaiterait|souhaiteraient|entend|entendent|compte|comptent|espère|espèrent|veut|veulent|voudrait|voudraient|désire|désirent|entendait|entendaient)"},
    {"cue": r"(?:va|vont|allait|allaient)", "strict": True},
    {"cue": r"(?:continue|continuent|continuera|continueront|continuerait|continueraient|poursuivra|poursuivront) {adv}(?:à|a|de|d')", "strict": True, "text": "continuer à "},
    {"cue": r"(?:veille|veillent|veillera|veilleront) {adv}(?:à|a)", "strict": True, "text": "veiller à "},
    # Announcing that a mechanism is set up commits the sides to run it:
    # "ont conjointement annoncé l'établissement d'un mécanisme de dialogue".
    {"cue": r"(?:a|ont) {adv}(?:annoncé|décidé|convenu) (?:l'établissement|la création|le lancement|la mise en place|l'ouverture) (?:de |d'|du |des )", "then": "np", "text": "établir "},
    # Support is a pledge too: "Le Kazakhstan soutient fermement la Chine dans…".
    # Opposing something is a stated position: "Elles s'opposent résolument à toute menace…".
    {"cue": r"(?:s'oppose|s'opposent|s'opposera|s'opposeront) {adv}(?:à|a|au|aux)", "then": "np", "strict": True, "text": "=", "name": "s'oppose à"},
    {"cue": r"(?:soutient|soutiennent|soutiendra|soutiendront|soutiendrait|soutiendraient|appuie|appuient|appuiera|appuieront)", "then": "np", "strict": True, "text": "soutenir "},
    {"cue": r"(?:continue|continuent|continuera|continueront) {adv}(?:de soutenir|à soutenir|d'appuyer|à appuyer)", "then": "np", "strict": True, "text": "continuer à soutenir "},
    # Commitments written as nouns, after a verb of stating: "ont exprimé leur volonté de
    # renforcer…", "a réaffirmé sa disponibilité à apporter son concours" (verb phrases follow).
    {"cue": r"(?:a |ont )?(?:réaffirmé|réaffirme|réaffirment|réitéré|réitère|réitèrent|exprimé|exprime|expriment|renouvelé|renouvelle|renouvellent|confirmé|confirme|confirment|souligné|souligne|soulignent|manifesté|manifeste|manifestent|marqué|affirmé|affirme|affirment|témoigné de|fait part de|partagent|partage) (?:sa|son|leur|leurs|la|une) {adv}(?:(?:ferme|pleine|plein|commune|entière|totale|profonde|sincère|forte|même) )?(?:volonté|disponibilité|détermination|intention|aspiration|disposition|engagement|désir|souhait|résolution|attachement|intérêt)(?: (?:commune|ferme|pleine|plein|entière|totale|profonde|sincère|indéfectible|forte))? (?:de |d'|à |a )", "name": "a exprimé sa volonté de"},
    # The holder of the support, when named, is who pledges: "le soutien de la France à".
    {"cue": r"(?:a |ont )?(?:réaffirmé|réaffirme|réaffirment|réitéré|réitère|réitèrent|exprimé|exprime|expriment|renouvelé|renouvelle|renouvellent) (?:son|leur|le|l') {adv}(?:ferme |plein |entier |total |indéfectible )?(?:soutien|appui|attachement|engagement)(?: (?:ferme|plein|indéfectible|total))?(?P<holder> (?:de|du|des|d') ?[^,;]{1,40}?)? (?:à|au|aux|en faveur|envers|pour)", "then": "np", "text": "=", "name": "a réaffirmé son soutien à"},
    {"cue": r"(?:a |ont )?(?:réaffirmé|réaffirme|réaffirment|réitéré|réitère|réitèrent|exprimé|exprime|expriment|renouvelé|renouvelle|renouvellent|confirmé|confirme|confirment|souligné|souligne|soulignent|manifesté|manifeste|manifestent|marqué|affirmé|affirme|affirment) (?:sa|son|leur|leurs|le|l') {adv}(?:(?:ferme|plein|pleine|entier|entière|total|totale|indéfectible|profond|sincère) )?(?:soutien|appui|attachement|engagement|adhésion)(?: (?:ferme|plein|pleine|indéfectible|total|totale|entier|profond|sincère))? ", "then": "np", "text": "=", "name": "a souligné son attachement à"},
    # A proposal or call to both sides commits the speaker's side.
    {"cue": r"(?:appelant|appelle|appellent|a appelé|ont appelé|invitant|invite|a invité|exhortant|exhorte|a exhorté|encourageant|encourage|a encouragé) {joint} {adv}(?:à|a)", "by": "speaker"},
    {"cue": r"(?:a |ont )?(?:proposé|propose|proposant|suggéré|suggère|suggérant) que {joint} {adv}", "by": "speaker", "then": "np"},
    {"cue": r"(?:doivent|devraient|devront|doit|devrait|devra|devons|devrions|devrons)", "by": "speaker", "strict": True},
    # "Il faut renforcer…": a call in the speaker's own voice.
    {"cue": r"il (?:faut|faudra|faudrait) {adv}", "by": "speaker", "name": "il faut"},
    {"cue": r"(?:a |ont )?(?:proposé|propose|proposent) {adv}(?:de|d')", "kind": "proposal", "name": "a proposé de"},
    # Future and conditional tenses ("renforcera", "approfondiraient"): a pledge only right
    # after a party, so that "les relations … maintiendraient" is not one.
    {"cue": r"(?:(?:se|ne|n'y|y|en|nous|leur|lui) |s'|n')*(?:\w{3,}(?:era|eront|erait|eraient|ira|iront|irait|iraient|dra|dront|drait|draient|vra|vront|vrait|vraient|ura|uront)|fera|feront|ferait|feraient)", "then": "self", "strict": True, "text": "infinitive"},
]

# Phrases that report a fact, a past event, praise or an exchange of views. A cue of
# commitment inside the same clause, after one of these, is not taken as a pledge.
NON_PLEDGES = [
    r"(?:a|ont) {adv}(?:salué|félicité|apprécié|remercié|loué|applaudi|rendu hommage)",
    r"(?:salue|saluent|félicite|félicitent|apprécie|apprécient|remercie|remercient)",
    r"se (?:sont )?{adv}félicités?",
    r"(?:a|ont) {adv}(?:échangé|procédé à un échange)",
    r"échange de vues|échanges de vues|échangé leurs vues|échangé des vues",
    r"(?:a|ont) {adv}(?:passé en revue|présenté|informé|rappelé que|exprimé sa satisfaction|exprimé leur satisfaction)",
    r"(?:a|ont) {adv}atteint|niveau record|record historique",
    r"(?:avait|avaient|aurait|auraient) {adv}(?:déjà )?",
    r"la semaine dernière|l'année dernière|l'an dernier|le mois dernier",
    # Hopes and wishes about what someone else will do commit no one.
    r"(?:espère|espèrent|espérait|espéraient|souhaite|souhaitent|souhaiterait|souhaiteraient|attend|attendent|s'attend|s'attendent) que|(?:a|ont) {adv}(?:espéré|souhaité|exprimé l'espoir|exprimé le souhait) que|(?:est|sont) (?:convaincue?s?|confiante?s?) que",
    # Discussing and looking forward are not commitments.
    r"(?:a|ont) {adv}(?:discuté|évoqué|examiné|abordé)|se (?:réjouit|réjouissent) (?:de|d')",
]

# Infinitive endings and the nouns that share them (a noun list is never split).
INFINITIVE = r"(?:er|ir|re|oir|ïr)"
NOT_INFINITIVES = frozenset(
    """ministre membre cadre centre nombre ordre titre autre notre votre entre contre libre guerre
    terre pierre lettre mer fer hier hiver premier dernier entier dossier quartier chantier
    calendrier acier papier financier particulier singulier régulier métier pilier sentier cher fier
    avenir plaisir désir loisir couloir espoir territoire terroir trottoir comptoir laboratoire
    mémoire histoire victoire trajectoire filière frontière matière manière première dernière
    carrière culture structure infrastructure mesure ouverture nature procédure signature agriculture
    architecture aventure partenaire affaire commentaire salaire genre offre livre timbre chambre
    sucre arbre registre théâtre filtre spectre semestre trimestre fenêtre maître cancer leader
    super empire navire delire pire propre sincère clair ordinaire pouvoir devoir savoir pétrole
    ensemble sphère atmosphère caractère critère secteur septembre octobre novembre décembre
    dialogue ailleurs lieu heure somme tiers poivre cuivre cadre""".split()
)

# Area keywords: the area whose keywords a pledge mentions most is suggested (ties: first listed).
# A keyword is a whole word or phrase; a final * makes it a stem ("commerc*": commerce, commercial).
AREAS = {
    "trade": ["commerc*", "libre-échange", "échanges commerciaux", "économi*", "investi*", "marché*", "douan*", "export*", "import*", "tarif*", "industri*", "financ*", "agricol*", "agricult*", "produits", "entreprise*", "céréales", "blé"],
    "connectivity": ["connectivité", "couloir*", "corridor*", "transport*", "logistique*", "ferroviaire*", "chemin de fer", "chemins de fer", "transit", "ports", "port sec", "autoroute*", "infrastructure*", "passage* frontalier*", "fret", "lignes aériennes", "vols directs", "aérien*"],
    "security": ["sécurité", "forces du mal", "terroris*", "extrémis*", "séparatis*", "ingérence*", "infiltration*", "application de la loi", "police*", "défense", "militaire*", "drogue*", "criminalité", "cybersécurité", "stabilité"],
    "people-to-people": ["entre les peuples", "entre les deux peuples", "peuples", "infranationa*", "culture*", "culturel*", "touris*", "éducation", "étudiant*", "jeune*", "jeunesse", "média*", "universit*", "visa*", "villes jumelles", "provinces", "humanitaire*", "santé", "sport*"],
    "political": ["confiance politique", "politique*", "intérêts fondamentaux", "souveraineté", "intégrité territoriale", "taïwan", "taiwan", "xinjiang", "une seule chine", "stratégique*", "haut niveau", "visites", "affaires intérieures"],
    "multilateral": ["multilatéra*", "affaires internationales", "affaires régionales", "internationales et régionales", "présidence", "organisations internationales", "instances internationales"],
    "energy": ["énergi*", "pétrol*", "gaz", "gazier*", "gazoduc*", "oléoduc*", "nucléaire", "électricité", "électrique*", "renouvelable*", "hydro*", "solaire", "éolien*"],
    "technology": ["numérique", "technolog*", "innovation*", "scientifique*", "intelligence artificielle", "spatia*", "satellite*"],
    "environment": ["climat*", "environnement*", "écolog*", "développement vert", "transition verte", "eau", "ressources en eau", "désertification"],
}

# Framework keywords: the umbrella a pledge falls under, by the name the tracker records.
FRAMEWORKS = {
    "BRI": ["la ceinture et la route", "ceinture et route", "nouvelles routes de la soie", "ICR"],
    "SCO": ["organisation de coopération de shanghai", "OCS"],
    "UN": ["nations unies", "ONU", "conseil de sécurité"],
    "CICA": ["conférence pour l'interaction et les mesures de confiance en asie", "CICA"],
    "China–Central Asia": ["chine-asie centrale", "chine–asie centrale", "chine - asie centrale", "chine et asie centrale", "C+C5"],
    "BRICS": ["BRICS"],
    "ASEAN": ["ANASE", "ASEAN", "association des nations de l'asie du sud-est"],
    "EAEU": ["union économique eurasiatique", "union économique eurasienne", "UEEA", "UEE"],
    "G20": ["G20", "G-20"],
    "GDI": ["initiative pour le développement mondial", "IDM"],
    "GSI": ["initiative pour la sécurité mondiale", "ISM"],
    "GCI": ["initiative pour la civilisation mondiale"],
    "CSTO": ["organisation du traité de sécurité collective", "OTSC"],
    "CIS": ["communauté des états indépendants", "CEI"],
    "EU": ["union européenne"],
    "WTO": ["organisation mondiale du commerce", "OMC"],
}

# French forms of country names: the country (as the tracker's English table names it)
# → its name, adjectives, capital and other forms a readout uses. Head nouns such as
# "la partie" or "le gouvernement" need no entry: the adjective alone is enough.
COUNTRIES = {
    "China": ["chine", "chinois", "chinoise", "chinoises", "république populaire de chine", "rpc", "pékin", "beijing"],
    "Kazakhstan": ["kazakhstan", "kazakh", "kazakhe", "kazakhs", "kazakhes", "kazakhstanais", "kazakhstanaise", "kazakhstanaises", "astana", "noursoultan", "nur-sultan"],
    "Russia": ["russie", "russe", "russes", "fédération de russie", "moscou"],
    "Uzbekistan": ["ouzbékistan", "ouzbek", "ouzbèke", "ouzbeks", "ouzbèkes", "tachkent"],
    "Kyrgyzstan": ["kirghizistan", "kirghizstan", "kirghize", "kirghizes", "kirghiz", "bichkek"],
    "Tajikistan": ["tadjikistan", "tadjik", "tadjike", "tadjiks", "tadjikes", "douchanbé"],
    "Turkmenistan": ["turkménistan", "turkmène", "turkmènes", "achgabat"],
    "Mongolia": ["mongolie", "mongol", "mongole", "mongols", "mongoles", "oulan-bator"],
    "India": ["inde", "indien", "indienne", "indiens", "indiennes", "new delhi"],
    "Pakistan": ["pakistan", "pakistanais", "pakistanaise", "islamabad"],
    "Afghanistan": ["afghanistan", "afghan", "afghane", "afghans", "kaboul"],
    "Iran": ["iran", "iranien", "iranienne", "iraniens", "téhéran"],
    "Türkiye": ["turquie", "türkiye", "turc", "turque", "turcs", "ankara"],
    "Azerbaijan": ["azerbaïdjan", "azerbaïdjanais", "azerbaïdjanaise", "bakou"],
    "Georgia": ["géorgie", "géorgien", "géorgienne", "tbilissi"],
    "Armenia": ["arménie", "arménien", "arménienne", "erevan"],
    "Belarus": ["biélorussie", "bélarus", "biélorusse", "minsk"],
    "Ukraine": ["ukraine", "ukrainien", "ukrainienne", "kiev", "kyiv"],
    "United States": ["états-unis", "états-unis d'amérique", "américain", "américaine", "américains", "washington"],
    "France": ["france", "français", "française", "françaises", "paris"],
    "Germany": ["allemagne", "allemand", "allemande", "allemands", "berlin"],
    "United Kingdom": ["royaume-uni", "britannique", "britanniques", "londres"],
    "Italy": ["italie", "italien", "italienne", "rome"],
    "Spain": ["espagne", "espagnol", "espagnole", "madrid"],
    "Japan": ["japon", "japonais", "japonaise", "tokyo"],
    "South Korea": ["corée du sud", "république de corée", "sud-coréen", "sud-coréenne", "séoul"],
    "North Korea": ["corée du nord", "nord-coréen", "nord-coréenne", "pyongyang"],
    "Vietnam": ["viêt nam", "vietnam", "vietnamien", "vietnamienne", "hanoï"],
    "Indonesia": ["indonésie", "indonésien", "indonésienne", "jakarta"],
    "Thailand": ["thaïlande", "thaïlandais", "thaïlandaise", "bangkok"],
    "Malaysia": ["malaisie", "malaisien", "malaisienne", "kuala lumpur"],
    "Philippines": ["philippines", "philippin", "philippine", "manille"],
    "Singapore": ["singapour", "singapourien", "singapourienne"],
    "Australia": ["australie", "australien", "australienne", "canberra"],
    "Canada": ["canada", "canadien", "canadienne", "ottawa"],
    "Brazil": ["brésil", "brésilien", "brésilienne", "brasilia"],
    "South Africa": ["afrique du sud", "sud-africain", "sud-africaine", "pretoria"],
    "Egypt": ["égypte", "égyptien", "égyptienne", "le caire"],
    "Saudi Arabia": ["arabie saoudite", "saoudien", "saoudienne", "riyad"],
    "United Arab Emirates": ["émirats arabes unis", "émirien", "émirienne", "abou dhabi", "EAU"],
    "Qatar": ["qatar", "qatari", "qatarie", "doha"],
    "Israel": ["israël", "israélien", "israélienne", "jérusalem"],
    "Serbia": ["serbie", "serbe", "belgrade"],
    "Hungary": ["hongrie", "hongrois", "hongroise", "budapest"],
    "Poland": ["pologne", "polonais", "polonaise", "varsovie"],
    "European Union": ["union européenne", "UE", "bruxelles"],
    "Nigeria": ["nigeria", "nigéria", "nigérian", "nigériane", "abuja"],
    "Ethiopia": ["éthiopie", "éthiopien", "éthiopienne", "addis-abeba"],
    "Kenya": ["kenya", "kényan", "kényane", "nairobi"],
    "Mexico": ["mexique", "mexicain", "mexicaine", "mexico"],
    "Argentina": ["argentine", "argentin", "argentins", "buenos aires"],
    "Côte d'Ivoire": ["côte d'ivoire", "ivoirien", "ivoirienne", "ivoiriens", "ivoiriennes",
                      "yamoussoukro", "abidjan"],
    "Senegal": ["sénégal", "sénégalais", "sénégalaise", "dakar"],
    "Algeria": ["algérie", "algérien", "algérienne", "alger"],
    "Morocco": ["maroc", "marocain", "marocaine", "rabat"],
    "Peru": ["pérou", "péruvien", "péruvienne", "lima"],
}

# Words for an office: an official introduced after one ("le ministre … du Kazakhstan,
# Mourat Nourtléou") is taken to speak for the country named with the office.
ROLES = frozenset(
    """ministre ministres président présidente premier vice-premier vice secrétaire ambassadeur
    ambassadrice envoyé envoyée chef conseiller conseillère homologue porte-parole directeur
    directrice représentant représentante délégué déléguée chancelier""".split()
)
# Nouns before a country adjective that make it a party: "la partie chinoise".
HEADS_BEFORE = (
    r"(?:la|le|les) (?:partie|côté|gouvernement|délégation|autorités|peuple|président|présidente|"
    r"ministre|dirigeant|dirigeants|direction|état|nation|pays)|(?:la|le|les)|l'"
)
# Words after a country name or adjective that belong to the same subject.
HEADS_AFTER = r"des affaires étrangères|pour sa part|de son côté"

# Future and conditional endings → infinitive, for the cleaned text ("renforceront" →
# "renforcer"). The first ending that fits is used: irregular verbs come first.
FUTURE_ENDINGS = [
    (r"(?<=\w)fera(?:i?ent|it|ont)?", "faire"), (r"^fer(?:a|ont|ait|aient)", "faire"),
    (r"iendr(?:a|ont|ait|aient)", "enir"), (r"oudr(?:a|ont|ait|aient)", "ouloir"),
    (r"ourr(?:a|ont|ait|aient)", "ourir"), (r"ouvr(?:a|ont|ait|aient)", "ouvoir"),
    (r"evr(?:a|ont|ait|aient)", "evoir"), (r"err(?:a|ont|ait|aient)", "oir"),
    (r"uir(?:a|ont|ait|aient)", "uire"), (r"ir(?:a|ont|ait|aient)", "ir"),
    (r"dr(?:a|ont|ait|aient)", "dre"), (r"er(?:a|ont|ait|aient)", "er"),
]
