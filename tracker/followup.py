"""A later text → proposed progress updates on pledges already recorded (pure, no I/O).

The reading goes in four steps, each cheap and linear in the text:

1. sentences and language, from the extractor's own stages;
2. in each sentence, the domain's concepts (`extract_rules/terms.py`, both
   languages), the countries and people it names, its dates and figures, and
   the events it reports (`extract_rules/events.py`) — an event right after the
   words of a promise ("agreed to", "will be") is an echo of a pledge, not
   evidence, and is passed over;
3. each sentence with an event is held against the pledges sharing one of its
   concepts (an inverted index, so a large database costs no more per sentence
   than a small one); the match is scored by how much of the pledge's own
   concepts the sentence covers, whether it names one of the pledge's parties,
   and how firm the event is;
4. per pledge, the strongest sentence becomes one `Proposal`, with the status the
   event implies: a thing done once (a summit held, a secretariat opened) fulfils a
   pledge about that thing and only advances an open-ended one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from tracker.extract_rules import events as event_rules
from tracker.extract_rules import terms as term_rules

STATUS_OF_KIND = {"done": "fulfilled", "advanced": "in-progress", "stalled": "stalled",
                  "broken": "broken"}
KIND_WEIGHT = {"done": 1.0, "advanced": 0.9, "stalled": 0.9, "broken": 0.9}
MIN_SCORE = 0.3  # below this a match is a coincidence of words, not evidence
SAME_UPDATE_DAYS = 7  # an update this close in date, same party and status, is the same news
MEETING_DAYS = 3  # events this soon after a pledge was made are that meeting's own report
NOTE_LENGTH = 140
OPEN_STATUSES = frozenset({"pledged", "in-progress", "partial", "stalled"})

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u00b4`\u2032"), "'")


@dataclass
class Proposal:
    """One proposed update: what `tracker follow-up` prints and `--apply` records."""

    pledge: int
    status: str
    progress: int | None
    party: str | None
    date: str
    note: str
    evidence: str | None
    sentence: str
    score: float
    cue: str
    why: str
    already_recorded: bool = False
    sentence_number: int = 0
    dated: bool = field(default=False, repr=False)  # the sentence gave the event's own date

    def to_dict(self) -> dict:
        record = asdict(self)
        del record["dated"]
        return record


def normalise(text: str) -> str:
    """Lower case, no accents, one dash and one apostrophe: the form every rule is written in."""
    return _lower(_fold_marks(text))


def _fold_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_DASHES).translate(_QUOTES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _lower(text: str) -> str:
    """Lower case that keeps every character's position (İ stays one character)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


_TOKEN = re.compile(r"[\w+]+|'")


class Lexicon:
    """Multi-word names looked up as runs of words: linear in the text, however many names.

    A name matches whole words only, the longest name first; dashes and dots count as
    spaces ("China–Central Asia" is "china central asia"). Names written in capitals
    (acronyms) match only capitals.
    """

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.lower: dict[tuple[str, ...], list[str]] = {}
        self.upper: dict[tuple[str, ...], list[str]] = {}
        for name, values in names.items():
            acronym = name.isupper()
            key = tuple(_TOKEN.findall(_fold_marks(name) if acronym else normalise(name)))
            if not key:
                continue
            table = self.upper if acronym else self.lower
            merged = table.setdefault(key, [])
            merged.extend(v for v in values if v not in merged)
        self.longest = max((len(k) for k in (*self.lower, *self.upper)), default=1)
        # Most words start no name: one set look-up tells, before any run is built.
        self.first_lower = {k[0] for k in self.lower}
        self.first_upper = {k[0] for k in self.upper}

    def find(self, cased: str) -> list[tuple[int, list[str]]]:
        """(position, values) of every name in `cased` (accent-folded, case kept)."""
        tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(cased)]
        lowered = [t.lower() for _, t in tokens]
        found: list[tuple[int, list[str]]] = []
        index = 0
        while index < len(tokens):
            if (lowered[index] not in self.first_lower
                    and tokens[index][1] not in self.first_upper):
                index += 1
                continue
            for size in range(min(self.longest, len(tokens) - index), 0, -1):
                words = lowered[index:index + size]
                values = self.lower.get(tuple(words))
                if values is None and self.upper:
                    values = self.upper.get(tuple(t for _, t in tokens[index:index + size]))
                if values is not None:
                    found.append((tokens[index][0], values))
                    index += size
                    break
            else:
                index += 1
        return found


@lru_cache(maxsize=1)
def _concept_lexicon() -> Lexicon:
    names: dict[str, list[str]] = defaultdict(list)
    for table in (term_rules.CONCEPTS, term_rules.ALSO):
        for concept, forms in table.items():
            for form in forms:
                names[form].append(concept)
    return Lexicon(names)


def concepts_in(text: str) -> dict[str, list[int]]:
    """The concepts a text names, each with where (in the normalised text) it is named."""
    found: dict[str, list[int]] = defaultdict(list)
    for start, concepts in _concept_lexicon().find(_fold_marks(text)):
        for concept in concepts:
            found[concept].append(start)
    return dict(found)


@dataclass(frozen=True)
class _EventRules:
    cues: re.Pattern  # named groups k_<kind>_<n>
    title_cues: re.Pattern  # present-tense headline verbs, as `done`
    echoes: re.Pattern
    negations: re.Pattern
    not_events: re.Pattern
    clause_echoes: re.Pattern
    boundary: re.Pattern


@lru_cache(maxsize=2)
def _event_rules(lang: str) -> _EventRules:
    table = event_rules.EVENTS[lang]
    parts = []
    for kind, patterns in table.items():
        for n, pattern in enumerate(sorted(patterns, key=len, reverse=True)):
            parts.append(f"(?P<k_{kind}_{n}>{pattern})")
    # Longer phrases are tried first within a kind; across kinds the first listed wins.
    cues = re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w])")
    echoes = re.compile(r"(?<![\w'])(?:" + "|".join(
        sorted(event_rules.ECHOES[lang], key=len, reverse=True)) + r")\s*$")
    negations = re.compile(r"(?<![\w'])(?:" + "|".join(
        sorted(event_rules.NEGATIONS[lang], key=len, reverse=True)) + r")(?![\w])")
    title_cues = re.compile(r"(?<![\w'])(?:" + "|".join(
        f"(?P<k_done_{n}>{p})" for n, p in enumerate(event_rules.TITLE_EVENTS[lang]))
        + r")(?![\w])")
    not_events = re.compile(
        r"(?<![\w'])(?:" + "|".join(event_rules.NOT_EVENTS[lang]) + r")(?![\w])")
    clause_echoes = re.compile(r"(?<![\w'])(?:" + "|".join(event_rules.CLAUSE_ECHOES[lang])
                               + r")(?![\w])")
    boundary = re.compile(event_rules.CLAUSE_BOUNDARY)
    return _EventRules(cues, title_cues, echoes, negations, not_events, clause_echoes, boundary)


@dataclass
class Event:
    """An event cue in a sentence: its kind, the words, where, and whether it is negated."""

    kind: str
    cue: str
    start: int
    negated: bool = False


def events_in(normalised: str, lang: str, *, title: bool = False) -> tuple[list[Event], list[str]]:
    """The sentence's events, and the echoes of promises passed over."""
    rules = _event_rules(lang)
    found: list[Event] = []
    echoes: list[str] = []
    matches = list(rules.cues.finditer(normalised))
    if title:
        matches += rules.title_cues.finditer(normalised)
    qualifying = [m.span() for m in rules.not_events.finditer(normalised)]
    for match in matches:
        if any(start <= match.start() < end for start, end in qualifying):
            continue
        if _in_promise(normalised, match.start(), rules):
            echoes.append(match.group(0))
            continue
        kind = match.lastgroup.split("_")[1]
        before = normalised[max(0, match.start() - 40):match.start()]
        words = before.split()
        window = " ".join(words[-3:])
        negated = bool(rules.negations.search(window))
        if not negated and _echoed(words, rules.echoes):
            echoes.append(f"{' '.join(words[-2:])} {match.group(0)}".strip())
            continue
        if negated and kind == "done":
            kind = "stalled"
        found.append(Event(kind, match.group(0), match.start(), negated))
    return found, echoes


def _in_promise(normalised: str, cue_start: int, rules: _EventRules) -> bool:
    """Whether a promise ("agreed to", "will", "is ready to") opens the cue's clause."""
    head = normalised[:cue_start]
    boundaries = [m.end() for m in rules.boundary.finditer(head)]
    clause = head[boundaries[-1]:] if boundaries else head
    return bool(rules.clause_echoes.search(clause))


def _echoed(words_before: list[str], echoes: re.Pattern) -> bool:
    """Whether a promise's words stand right before the cue (at most two words between)."""
    for gap in range(0, 3):
        head = words_before[: len(words_before) - gap] if gap else words_before
        if not head:
            break
        tail = " ".join(head[-3:])
        if echoes.search(tail):
            # Gaps may only be auxiliaries/adverbs: "will now be held", "sera bientôt signé".
            between = words_before[len(head):]
            if all(w in _FILLERS for w in between):
                return True
    return False


_FILLERS = frozenset(
    ["be", "been", "being", "now", "soon", "also", "then", "again", "finally", "officially",
     "formally", "jointly", "eventually", "etre", "ete", "bientot", "aussi", "egalement",
     "ensuite", "enfin", "officiellement", "formellement", "conjointement"]
)


# ---------------------------------------------------------------------------
# Countries, people, dates and figures.


@lru_cache(maxsize=1)
def _country_lexicon() -> Lexicon:
    """Countries by name, adjective, capital and leader, and regions as all their countries."""
    from tracker.extract_rules import en, fr

    names: dict[str, list[str]] = defaultdict(list)
    for module in (en, fr):
        for country, aliases in module.COUNTRIES.items():
            for alias in (country, *aliases):
                names[alias].append(country)
    for country, leaders in event_rules.LEADERS.items():
        for leader in leaders:
            names[leader].append(country)
    for region, countries in event_rules.REGIONS.items():
        names[region].extend(countries)
    return Lexicon(names)


_LOCATIVE = re.compile(r"(?:\b(?:in|at|to|into|via|near|a|en|au|aux|dans|vers)"
                       r"\s+(?:the\s+|la\s+|le\s+|l')?)$")


@dataclass
class Mention:
    party: str
    start: int
    locative: bool  # "in Astana": the place where, not the one who acted


_PLACE_COMMA = re.compile(r"\b(?:in|at|a|en|dans)\s+[\w'-]+(?:\s[\w'-]+)?,\s*$")


def mentions_in(cased: str, people: Lexicon | None = None) -> list[Mention]:
    """Countries a sentence names: names, adjectives, capitals, leaders, the dialogue's people."""
    normalised = _lower(cased)
    found = []
    for lexicon in filter(None, (_country_lexicon(), people)):
        for start, parties in lexicon.find(cased):
            before = normalised[max(0, start - 40):start]
            locative = bool(_LOCATIVE.search(before[-12:]) or _PLACE_COMMA.search(before))
            found.extend(Mention(party, start, locative) for party in dict.fromkeys(parties))
    return found


_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR_ONLY = re.compile(r"\b(?:in|en|since|depuis|during|durant|of|de)\s+((?:19|20)\d{2})\b")


@dataclass
class Dated:
    day: date | None  # a full date the sentence gives
    year: int | None  # a year alone ("in 2023"): used to tell an old event from a new one
    start: int


def dates_in(normalised: str, ref: date) -> list[Dated]:
    """Dates a sentence gives; a day and month without a year is the latest not after `ref`."""
    found: list[Dated] = []
    for match in _ISO.finditer(normalised):
        day = _safe_date(int(match[1]), int(match[2]), int(match[3]))
        if day:
            found.append(Dated(day, day.year, match.start()))
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for match in pattern.finditer(normalised):
            month = _MONTHS[match[month_group]]
            year = int(match[3]) if match[3] else None
            day = _with_year(int(match[day_group]), month, year, ref)
            if day:
                found.append(Dated(day, day.year, match.start()))
    for match in _MONTH_YEAR.finditer(normalised):
        found.append(Dated(None, int(match[2]), match.start()))
    for match in _YEAR_ONLY.finditer(normalised):
        found.append(Dated(None, int(match[1]), match.start()))
    return found


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(day: int, month: int, year: int | None, ref: date) -> date | None:
    if year is not None:
        return _safe_date(year, month, day)
    this_year = _safe_date(ref.year, month, day)
    if this_year and this_year <= ref:
        return this_year
    return _safe_date(ref.year - 1, month, day)


_PERCENT_DONE = re.compile(
    r"\b(\d{1,3})\s?(?:%|per ?cent|percent|pour ?cent)\s+(?:complete|completed|done|finished|"
    r"built|ready|of the (?:work|works|construction|project|target|plan|goal))\b|"
    r"\b(?:achevee?s?|realisee?s?|construite?s?) a (\d{1,3})\s?(?:%|pour ?cent)")
_MONEY = re.compile(
    r"(?:(?:us\s?)?\$|usd\s?|eur\s?|€)\s?\d[\d.,]*\s?(?:billion|million|trillion|bn|mn|m|b)?\b|"
    r"\b\d[\d.,]*\s?(?:billion|million|milliards?|millions?)\s?(?:de\s)?(?:dollars|usd|euros|yuan)?")


# ---------------------------------------------------------------------------
# Pledges: what each one is about.


@dataclass
class PledgeProfile:
    pledge: dict
    concepts: dict[str, float]  # concept -> weight in this pledge
    objects: frozenset[str]
    parties: frozenset[str]
    counterparts: frozenset[str]  # parties, the dialogue's parties, countries its text names
    since: date | None  # the dialogue's date: events before it are no evidence
    total: float = field(default=0.0)


def profile(pledge: dict, dialogue: dict | None) -> PledgeProfile:
    """The concepts a pledge is about, from its text, quote, tags, area and framework."""
    words = " ".join(filter(None, (
        pledge.get("text"), pledge.get("quote"),
        " ".join(tag.replace("-", " ") for tag in pledge.get("tags") or ()),
    )))
    concepts = {c: term_rules.WEIGHTS.get(c, 1.0) for c in concepts_in(words)}
    if (area := term_rules.AREA_CONCEPTS.get(pledge.get("area") or "")) is not None:
        concepts.setdefault(area, term_rules.WEIGHTS.get(area, 1.0) * 0.5)
    if (frame := term_rules.FRAMEWORK_CONCEPTS.get(pledge.get("framework") or "")) is not None:
        concepts.setdefault(frame, term_rules.WEIGHTS.get(frame, 1.0))
    parties = frozenset(pledge.get("by") or ())
    named = {m.party for m in mentions_in(_fold_marks(pledge.get("text") or ""))}
    dialogue_parties = set((dialogue or {}).get("parties") or ())
    since = None
    if dialogue and dialogue.get("date"):
        since = date.fromisoformat(dialogue["date"])
    return PledgeProfile(
        pledge=pledge, concepts=concepts,
        objects=frozenset(concepts) & term_rules.OBJECTS,
        parties=parties, counterparts=frozenset(parties | named | dialogue_parties),
        since=since,
    )


# ---------------------------------------------------------------------------
# Reading.


@dataclass
class _Sentence:
    number: int
    text: str
    normalised: str
    concepts: dict[str, list[int]]
    events: list[Event]
    mentions: list[Mention]
    context: frozenset[str]  # countries the sentence names, else those named last before it
    dates: list[Dated]
    title: bool = False
    borrowed: bool = False  # concepts taken from the text's title and lead, not its own


def read(text: str, pledges: list[dict], dialogues: dict[str, dict], *, lang: str = "auto",
         default_date: date, source: str | None = None) -> list[Proposal]:
    """Proposals for `pledges` from a later `text`: at most one per pledge, strongest first."""
    from tracker.extract import detect_language, split_sentences

    language = detect_language(text) if lang == "auto" else lang
    profiles = [profile(p, dialogues.get(p.get("dialogue"))) for p in pledges]
    index: dict[str, list[PledgeProfile]] = defaultdict(list)
    for item in profiles:
        for concept in item.concepts:
            index[concept].append(item)
    rarity = {c: math.log(1 + len(profiles) / len(items)) for c, items in index.items()}
    for item in profiles:
        item.total = sum(w * rarity[c] for c, w in item.concepts.items())
    people = _people(dialogues)

    best: dict[int, Proposal] = {}
    context: frozenset[str] = frozenset()
    topic: dict[str, list[int]] = {}  # what the title and the lead are about
    lead_read = False
    for number, raw in enumerate(split_sentences(text, language), start=1):
        sentence = _analyse(number, raw, language, people, default_date, context)
        context = sentence.context
        if not lead_read:
            for concept in sentence.concepts:
                topic.setdefault(concept, [0])
            lead_read = not sentence.title
        if sentence.events and not sentence.concepts and topic:
            # "During the meeting, the delegations signed cooperation documents": the
            # meeting is the one the title and lead are about.
            sentence.concepts = {c: [e.start for e in sentence.events] for c in topic}
            sentence.borrowed = True
        if not sentence.events or not sentence.concepts:
            continue
        candidates = {id(p): p for c in sentence.concepts for p in index.get(c, ())}
        for item in candidates.values():
            proposal = _match(sentence, item, rarity, default_date, source, language)
            if proposal is None:
                continue
            held = best.get(proposal.pledge)
            if held is None or (proposal.score, proposal.dated) > (held.score, held.dated):
                best[proposal.pledge] = proposal
    proposals = list(best.values())
    by_id = {p["id"]: p for p in pledges}
    for proposal in proposals:
        proposal.already_recorded = _already_recorded(proposal, by_id[proposal.pledge])
    # Strongest first; among equals, open pledges before settled ones, then by id.
    proposals.sort(key=lambda p: (-p.score, by_id[p.pledge].get("status") not in OPEN_STATUSES,
                                  p.pledge))
    return proposals


def _people(dialogues: dict[str, dict]) -> Lexicon:
    """The dialogues' participants (full name, and a distinctive surname alone) to their party."""
    names: dict[str, list[str]] = defaultdict(list)
    for dialogue in dialogues.values():
        for person in dialogue.get("participants") or ():
            name, party = person.get("name") or "", person.get("party")
            if not (party and name):
                continue
            names[name].append(party)
            last = name.split()[-1]
            if len(last) >= 5:
                names[last].append(party)
    return Lexicon(names)


def _analyse(number: int, raw: str, lang: str, people: Lexicon, ref: date,
             context: frozenset[str]) -> _Sentence:
    cased = _fold_marks(raw)
    normalised = _lower(cased)
    title = _is_title(raw)
    events, _ = events_in(normalised, lang, title=title)
    mentions = mentions_in(cased, people)
    named = frozenset(m.party for m in mentions)
    return _Sentence(
        number=number, text=" ".join(raw.split()), normalised=normalised,
        concepts=concepts_in(raw), events=events, mentions=mentions,
        context=named or context, dates=dates_in(normalised, ref) if events else [],
        title=title,
    )


_TERMINAL = re.compile(r"[.!?\u2026:;\"'\u00bb\u201d)\]]\s*$")


def _is_title(raw: str) -> bool:
    """A headline: a short line with no closing punctuation."""
    return not _TERMINAL.search(raw) and len(raw.split()) <= 20


def _match(sentence: _Sentence, item: PledgeProfile, rarity: dict[str, float], ref: date,
           source: str | None, lang: str) -> Proposal | None:
    shared = [c for c in item.concepts if c in sentence.concepts]
    if not shared or item.total <= 0:
        return None
    # A concept met only in passing ("an agreement") never ties a sentence to a pledge alone.
    if all(term_rules.WEIGHTS.get(c, 1.0) < 0.8 for c in shared):
        return None
    own = term_rules.FRAMEWORKS & set(item.concepts)
    if own and (term_rules.FRAMEWORKS & set(sentence.concepts)) - own and not (
            own & set(sentence.concepts)):
        return None  # another organisation's event (an SCO summit is no China–Central Asia one)
    involved = sentence.context & item.counterparts
    if not involved:
        return None
    named_here = any(m.party in item.counterparts for m in sentence.mentions)
    # The square root: a pledge about several things is still well matched by a sentence
    # about its main one.
    coverage = math.sqrt(sum(item.concepts[c] * rarity[c] for c in shared) / item.total)
    event = _nearest_event(sentence, shared)
    when = _event_date(sentence, event)
    if when.year is not None and item.since and when.year < item.since.year:
        return None  # the event predates the pledge: background, not follow-up
    if item.since and item.since <= (when.day or ref) <= item.since + timedelta(days=MEETING_DAYS):
        return None  # the meeting where the pledge was made, not its follow-up
    if item.since and (when.day or ref) < item.since:
        return None  # before the pledge was made
    score = (min(1.0, coverage) * KIND_WEIGHT[event.kind] * (1.0 if named_here else 0.8)
             * (0.7 if sentence.borrowed else 1.0))
    if score < MIN_SCORE:
        return None
    status, progress = _status(event, sentence, item)
    party = _actor(sentence, event, item, lang)
    day = when.day or ref
    labels = [term_rules.LABELS.get(c, c) for c in shared]
    why = (f"{event.kind} event '{event.cue}'; about {', '.join(labels)}; "
           f"{'names ' + ', '.join(sorted(involved)) if named_here else 'parties from context'}")
    return Proposal(
        pledge=item.pledge["id"], status=status, progress=progress, party=party,
        date=day.isoformat(), note=_note(event, sentence, labels, party),
        evidence=source, sentence=sentence.text, score=round(score, 2), cue=event.cue, why=why,
        sentence_number=sentence.number, dated=when.day is not None,
    )


def _nearest_event(sentence: _Sentence, shared: list[str]) -> Event:
    """The event cue closest to where the sentence names the pledge's concepts."""
    places = [pos for c in shared for pos in sentence.concepts[c]]
    return min(sentence.events,
               key=lambda e: (min(abs(e.start - p) for p in places), e.start))


def _event_date(sentence: _Sentence, event: Event) -> Dated:
    if not sentence.dates:
        return Dated(None, None, 0)
    full = [d for d in sentence.dates if d.day is not None]
    pool = full or sentence.dates
    return min(pool, key=lambda d: abs(d.start - event.start))


def _status(event: Event, sentence: _Sentence, item: PledgeProfile) -> tuple[str, int | None]:
    progress = None
    if match := _PERCENT_DONE.search(sentence.normalised):
        figure = int(match[1] or match[2])
        if 0 < figure <= 100:
            progress = figure
    if event.kind == "done":
        if _completes(item, sentence) or progress == 100:
            return "fulfilled", 100
        return "in-progress", progress
    if event.kind == "advanced":
        if progress == 100:
            return "fulfilled", 100
        return "in-progress", progress
    return STATUS_OF_KIND[event.kind], None


def _completes(item: PledgeProfile, sentence: _Sentence) -> bool:
    """Whether the event carried out the very thing the pledge asked for."""
    for wanted in item.objects:
        evidence = term_rules.OBJECT_EVIDENCE.get(wanted, {wanted})
        if any(c in sentence.concepts for c in evidence):
            return True
    return False


_MEETING = re.compile(r"\b(?:met|meets?|talks|rencontr\w*|entretenue?s?|reunie?s?)\b")
_PARTNER = re.compile(
    r"\b(?:with|together with|alongside|and|avec|et)\s+(?:the\s+|la\s+|le\s+|l')?$")


def _actor(sentence: _Sentence, event: Event, item: PledgeProfile, lang: str) -> str | None:
    """The one party of the pledge that acted, when the sentence names only it as a doer.

    Doers are the parties named in the event's own clause before it (its subject: after
    "that" in "Xi noted that the parties signed …") and those joined to it after it
    ("held talks with Nurtleu"); places ("in Astana") are not doers, both sides
    ("the two sides") and meetings are joint. Unknown doers: joint.
    """
    if len(item.parties) < 2 or _MEETING.search(event.cue):
        return None
    head = sentence.normalised[:event.start]
    openers = [m.end() for m in re.finditer(event_rules.SUBJECT_OPENERS, head)]
    clause_start = openers[-1] if openers else 0
    if re.search(event_rules.JOINT_SUBJECTS[lang], head[clause_start:]):
        return None
    doers = set()
    for mention in sentence.mentions:
        if mention.locative or mention.party not in item.parties:
            continue
        before = sentence.normalised[max(0, mention.start - 20):mention.start]
        if clause_start <= mention.start < event.start or (
                mention.start > event.start and _PARTNER.search(before)):
            doers.add(mention.party)
    return next(iter(doers)) if len(doers) == 1 else None


def _note(event: Event, sentence: _Sentence, labels: list[str], party: str | None) -> str:
    """A short paraphrase: who, what kind of event, about what, and any money figure."""
    who = party or "Reported"
    what = {"done": "carried out", "advanced": "progress", "stalled": "setback",
            "broken": "reversal"}[event.kind]
    note = f"{who}: {what} ({event.cue}) on {', '.join(labels)}"
    if match := _MONEY.search(sentence.normalised):
        note += f"; figure {match.group(0).strip()}"
    return note if len(note) <= NOTE_LENGTH else note[: NOTE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _already_recorded(proposal: Proposal, pledge: dict) -> bool:
    day = date.fromisoformat(proposal.date)
    for update in pledge.get("updates") or ():
        if update.get("status") != proposal.status or update.get("party") != proposal.party:
            continue
        try:
            recorded = date.fromisoformat(update["date"])
        except (KeyError, ValueError):
            continue
        if abs(recorded - day) <= timedelta(days=SAME_UPDATE_DAYS):
            return True
    return False
