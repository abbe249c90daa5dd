"""Stage 3: a sentence held against a pledge — score, status, the side that acted, a note."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from tracker.extract.folding import shadow
from tracker.extract_rules import events as event_rules
from tracker.extract_rules import terms as term_rules
from tracker.followup.events import Event
from tracker.followup.evidence import MONEY, PERCENT_DONE, Dated
from tracker.followup.lexicon import concepts_in, country_lexicon

STATUS_OF_KIND = {"done": "fulfilled", "advanced": "in-progress", "stalled": "stalled",
                  "broken": "broken"}
KIND_WEIGHT = {"done": 1.0, "advanced": 0.9, "stalled": 0.9, "broken": 0.9}
MIN_SCORE = 0.3  # below this a match is a coincidence of words, not evidence
SAME_UPDATE_DAYS = 7  # an update this close in date, same party and status, is the same news
MEETING_DAYS = 3  # events this soon after a pledge was made are that meeting's own report
NOTE_LENGTH = 140
OPEN_STATUSES = frozenset({"pledged", "in-progress", "partial", "stalled"})

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
    headline: bool = field(default=False, repr=False)  # taken from a title line

    def to_dict(self) -> dict:
        record = asdict(self)
        del record["dated"], record["headline"]
        return record


@dataclass
class PledgeProfile:
    pledge: dict
    concepts: dict[str, float]  # concept -> weight in this pledge
    objects: frozenset[str]
    parties: frozenset[str]
    counterparts: frozenset[str]  # parties, the dialogue's parties, countries its text names
    since: date | None  # the dialogue's date: events before it are no evidence
    deliverables: tuple[str, ...] = ()  # verbs of a thing done once in its text ("launch")
    area_only: str | None = None  # the concept its issue area alone gives, if its words don't
    total: float = field(default=0.0)  # the weight of its concepts ("w:" words apart)
    word_total: float = field(default=0.0)  # the weight of its own words


def profile(pledge: dict, dialogue: dict | None) -> PledgeProfile:
    """The concepts a pledge is about, from its text, quote, tags, area and framework."""
    words = " ".join(filter(None, (
        pledge.get("text"), pledge.get("quote"),
        " ".join(tag.replace("-", " ") for tag in pledge.get("tags") or ()),
    )))
    concepts = {c: term_rules.WEIGHTS.get(c, 1.0) for c in concepts_in(words)}
    area_only = None
    if (area := term_rules.AREA_CONCEPTS.get(pledge.get("area") or "")) is not None:
        if area not in concepts:
            area_only = area
        concepts.setdefault(area, term_rules.WEIGHTS.get(area, 1.0) * 0.5)
    if (frame := term_rules.FRAMEWORK_CONCEPTS.get(pledge.get("framework") or "")) is not None:
        concepts.setdefault(frame, term_rules.WEIGHTS.get(frame, 1.0))
    for word in keywords(pledge.get("text") or ""):
        concepts.setdefault(WORD + word, KEYWORD_WEIGHT)
    parties = frozenset(pledge.get("by") or ())
    named = {c for _, countries in country_lexicon().find(pledge.get("text") or "")
             for c in countries}
    folded = " " + " ".join(_WORD.findall(shadow(pledge.get("text") or ""))) + " "
    dialogue_parties = set((dialogue or {}).get("parties") or ())
    since = None
    if dialogue and dialogue.get("date"):
        since = date.fromisoformat(dialogue["date"])
    return PledgeProfile(
        pledge=pledge, concepts=concepts,
        objects=frozenset(concepts) & term_rules.OBJECTS,
        parties=parties, counterparts=frozenset(parties | named | dialogue_parties),
        since=since,
        deliverables=tuple(verb for verb in term_rules.DELIVERABLE_VERBS
                           if re.search(rf" {verb}(?:s|es|ing)? ", folded)),
        area_only=area_only,
    )


WORD = "w:"  # a pledge's own word, as a concept of its own
KEYWORD_WEIGHT = 0.8
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _plain_words() -> frozenset[str]:
    """Stems no pledge is told apart by: frequent words, genre words, names of countries."""
    from tracker.extract.parties import country_forms
    from tracker.extract_rules import en, fr

    words = set(en.STOPWORDS) | set(fr.STOPWORDS) | term_rules.GENERIC_WORDS
    for aliases in country_forms().values():
        words.update(w for alias in aliases for w in _WORD.findall(shadow(alias)))
    for forms in term_rules.CONCEPTS.values():
        words.update(shadow(f) for f in forms if " " not in f and "-" not in f)
    return frozenset(stem(shadow(w)) for w in words)


def stem(word: str) -> str:
    """A light stem shared by both languages' spellings: launched/launch, consulate/consulat."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) >= 5:
        word = word[:-1]
    return word


def keywords(text: str) -> dict[str, int]:
    """A text's own telling words (stemmed), each with where it first stands."""
    plain = _plain_words()
    found: dict[str, int] = {}
    for match in _WORD.finditer(shadow(text)):
        word = match.group(0)
        if len(word) < 4 or word.isdigit():
            continue
        stemmed = stem(word)
        if stemmed not in plain and stemmed not in found:
            found[stemmed] = match.start()
    return found


# ---------------------------------------------------------------------------
# Reading.


@dataclass
class Mention:
    """A country (or "" for a third country) named in a sentence, at a position in it."""

    party: str
    start: int
    locative: bool  # "in Astana": the place where, not the one who acted
    joint: bool = False  # "the two sides": both parties at once


@dataclass
class Sentence:
    """A sentence as the matching stage sees it."""

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


def match(sentence: Sentence, item: PledgeProfile, rarity: dict[str, float], ref: date,
           source: str | None, lang: str) -> Proposal | None:
    shared = [c for c in item.concepts if c in sentence.concepts]
    terms = [c for c in shared if not c.startswith(WORD)]
    words = [c for c in shared if c.startswith(WORD)]
    # A concept met only in passing ("an agreement") never ties a sentence to a pledge alone;
    # the pledge's own words must meet at least twice ("consulate" and "Aktobe").
    if all(term_rules.WEIGHTS.get(c, 1.0) < 0.8 for c in terms):
        terms = []
    if len(words) < 2:
        words = []
    if not terms and not words:
        return None
    if not words and terms == [item.area_only]:
        # Only the pledge's issue area meets the sentence ("trade", for a pledge to train
        # customs officers): that names no pledge of that area in particular.
        return None
    shared = terms + words
    own = term_rules.FRAMEWORKS & set(item.concepts)
    if own and (term_rules.FRAMEWORKS & set(sentence.concepts)) - own and not (
            own & set(sentence.concepts)):
        return None  # another organisation's event (an SCO summit is no China–Central Asia one)
    involved = sentence.context & item.counterparts
    if not involved:
        return None
    if len(involved) < 2 <= len(item.counterparts) and sentence.context - item.counterparts:
        # "Kazakhstan, Kyrgyzstan and Uzbekistan signed a protocol": one side with third
        # countries and without the other is not the two sides' cooperation.
        return None
    named_here = any(m.party in item.counterparts and not m.joint for m in sentence.mentions)
    # The square root: a pledge about several things is still well matched by a sentence
    # about its main one.
    coverage = max(
        math.sqrt(sum(item.concepts[c] * rarity[c] for c in terms) / item.total)
        if terms and item.total else 0.0,
        0.9 * math.sqrt(sum(item.concepts[c] * rarity[c] for c in words) / item.word_total)
        if words and item.word_total else 0.0)
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
    labels = [term_rules.LABELS.get(c, c) for c in terms] + [c[len(WORD):] for c in words]
    why = (f"{event.kind} event '{event.cue}'; about {', '.join(labels)}; "
           f"{'names ' + ', '.join(sorted(involved)) if named_here else 'parties from context'}")
    return Proposal(
        pledge=item.pledge["id"], status=status, progress=progress, party=party,
        date=day.isoformat(), note=_note(event, sentence, labels, party),
        evidence=source, sentence=sentence.text, score=round(score, 2), cue=event.cue, why=why,
        sentence_number=sentence.number, dated=when.day is not None, headline=sentence.title,
    )


def _nearest_event(sentence: Sentence, shared: list[str]) -> Event:
    """The event cue closest to where the sentence names the pledge's concepts."""
    places = [pos for c in shared for pos in sentence.concepts[c]]
    return min(sentence.events,
               key=lambda e: (min(abs(e.start - p) for p in places), e.start))


def _event_date(sentence: Sentence, event: Event) -> Dated:
    if not sentence.dates:
        return Dated(None, None, 0)
    full = [d for d in sentence.dates if d.day is not None]
    pool = full or sentence.dates
    return min(pool, key=lambda d: abs(d.start - event.start))


def _status(event: Event, sentence: Sentence, item: PledgeProfile) -> tuple[str, int | None]:
    progress = None
    if match := PERCENT_DONE.search(sentence.normalised):
        figure = int(match[1] or match[2])
        if 0 < figure <= 100:
            progress = figure
    if event.kind == "done":
        if _completes(item, sentence, event) or progress == 100:
            return "fulfilled", 100
        return "in-progress", progress
    if event.kind == "advanced":
        if progress == 100:
            return "fulfilled", 100
        return "in-progress", progress
    return STATUS_OF_KIND[event.kind], None


def _completes(item: PledgeProfile, sentence: Sentence, event: Event) -> bool:
    """Whether the event carried out the very thing the pledge asked for."""
    if item.deliverables and sum(1 for c in sentence.concepts
                                 if c.startswith(WORD) and c in item.concepts) >= 2:
        # "Launch a cargo flight" and "the cargo flight was launched".
        cue = " " + event.cue + " "
        for verb in item.deliverables:
            if any(f" {form}" in cue for form in term_rules.DELIVERABLE_VERBS[verb]):
                return True
    for wanted in item.objects:
        evidence = term_rules.OBJECT_EVIDENCE.get(wanted, {wanted})
        if any(c in sentence.concepts for c in evidence):
            return True
    return False


_MEETING = re.compile(r"\b(?:met|meets?|talks|rencontr\w*|entretenue?s?|reunie?s?)\b")
_PARTNER = re.compile(
    r"\b(?:with|together with|alongside|and|avec|et)\s+(?:the\s+|la\s+|le\s+|l')?$")


def _actor(sentence: Sentence, event: Event, item: PledgeProfile, lang: str) -> str | None:
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
    if any(m.joint and clause_start <= m.start < event.start for m in sentence.mentions):
        return None  # "the two sides signed …"
    doers: set[str] = set()
    for mention in sentence.mentions:
        if mention.locative or mention.joint or mention.party not in item.parties:
            continue
        before = sentence.normalised[max(0, mention.start - 20):mention.start]
        if clause_start <= mention.start < event.start or (
                mention.start > event.start and _PARTNER.search(before)):
            doers.add(mention.party)
    return next(iter(doers)) if len(doers) == 1 else None


def _note(event: Event, sentence: Sentence, labels: list[str], party: str | None) -> str:
    """A short paraphrase: who, what kind of event, about what, and any money figure."""
    about = ", ".join(labels)
    if event.kind == "done":
        note = f"{' '.join(event.cue.split()[:4])} ({about})"
    else:
        what = {"advanced": "Progress", "stalled": "Setback", "broken": "Reversal"}[event.kind]
        note = f"{what} on {about}"
    note = f"{party}: {note}" if party else note[0].upper() + note[1:]
    if match := MONEY.search(sentence.text):
        note += f" ({match.group(0).strip()})"
    return note if len(note) <= NOTE_LENGTH else note[: NOTE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def already_recorded(proposal: Proposal, pledge: dict) -> bool:
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
