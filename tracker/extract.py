"""Readout text → candidate pledges: a rule-based, offline extractor for French and English (pure).

Use it as:

    from tracker.extract import extract
    for candidate in extract(text, dialogue):          # dialogue: the dialogue record (a dict)
        print(candidate.to_dict())

How it works, in order:

1. The text is split into sentences (`split_sentences`), without breaking on "M.",
   "Mr.", "U.S." and the like; a first line without final punctuation is a title.
2. Every mention of a party is found: its names, adjectives and capital in both
   languages ("la partie chinoise", "Beijing", "Kazakh side"), phrases for both
   sides ("les deux parties", "the two sides"), and people — the dialogue's
   participants and the officials a readout introduces ("le ministre … du
   Kazakhstan, Mourat Nourtléou") — matched on any name token, accent-folded and
   fuzzily, so "M. Nourtléou" finds a participant stored as "Murat Nurtleu".
3. Each sentence gets a speaker ("a déclaré M. Wang", "Wang said", "he added"),
   carried over to the next sentences until another one speaks.
4. Cue phrases of commitment (`extract_rules.<lang>.COMMITMENTS`) are found. A cue
   counts when it has a subject that is a party (or, for a call or proposal, a
   speaker), and when no phrase of praise, fact or exchange of views governs it.
5. What follows a cue is cut at the next cue, trimmed of attributions (", a
   ajouté M. Nourtléou"), and split into one candidate per coordinated verb phrase
   ("de promouvoir …, d'approfondir … et de coopérer …") — but never inside a
   list of nouns ("les Nations unies et la Conférence pour …").
6. Each candidate gets an area and a framework from keyword tables.

All the language lives in `tracker.extract_rules`; this module holds only logic.
Nothing here does I/O or raises on odd input: any text gives a (possibly empty) list.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType

from tracker.extract_rules import FRAMEWORK_AREAS, en, fr, rules_for
from tracker.model import fold

__all__ = ["Candidate", "detect_language", "extract", "split_sentences"]

LANGUAGES = ("fr", "en")
# Surnames whose folded forms are at least this similar are taken as the same person:
# "nourtleou" (French transliteration) and "nurtleu" (English) score 0.875.
NAME_SIMILARITY = 0.7


@dataclass
class Candidate:
    """One proposed pledge, with where it came from. Field order is the JSON order."""

    quote: str
    text: str
    by: list[str]
    area: str | None
    framework: str | None
    sentence: int

    def to_dict(self) -> dict:
        return {
            "quote": self.quote,
            "text": self.text,
            "by": list(self.by),
            "area": self.area,
            "framework": self.framework,
            "sentence": self.sentence,
        }


# ---------------------------------------------------------------------------
# Folding. Matching runs on a "shadow" of the text: lower-case, accents removed,
# typographic quotes and dashes made plain — and exactly as long as the text, so a
# match's offsets cut the quote out of the original, accents and all.

_PLAIN = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2011": "-",
    "\u2010": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\t": " ",
}


def _fold_char(ch: str, lower: bool) -> str:
    plain = _PLAIN.get(ch)
    if plain is not None:
        return plain
    if lower:
        low = ch.lower()
        ch = low if len(low) == 1 else ch  # "İ".lower() is two characters: keep the length
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base and not unicodedata.combining(base) else ch


def _shadow(text: str, lower: bool = True) -> str:
    """The text folded character by character (same length): the surface all rules match on."""
    return "".join(_fold_char(ch, lower) for ch in text)


def _fold_pattern(pattern: str) -> str:
    """Fold a rule pattern like the text, but keep its case (so `\\S` stays `\\S`)."""
    return "".join(_fold_char(ch, lower=False) for ch in pattern)


def _is_acronym(alias: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _alternation(words: list[str]) -> str:
    """A regex matching any of `words` as whole words, longest first."""
    unique = sorted({w for w in words if w}, key=len, reverse=True)
    return r"(?<![\w])(?:" + "|".join(re.escape(w) for w in unique) + r")(?![\w])"


# ---------------------------------------------------------------------------
# Compiled rules, one set per language.


@dataclass
class _Cue:
    regex: re.Pattern
    by: str  # "subject" or "speaker"
    then: str  # "verb", "np" or "self"
    strict: bool
    text: str | None


@dataclass
class _Rules:
    lang: str
    module: ModuleType
    adv: str
    cues: list[_Cue]
    non_pledges: re.Pattern
    speech: re.Pattern
    attribution_tail: re.Pattern
    boundaries: re.Pattern
    coordination_tail: re.Pattern
    trailing: re.Pattern
    joint: re.Pattern
    adverb_run: re.Pattern
    filler: re.Pattern
    pronouns: re.Pattern
    areas: list[tuple[str, list[re.Pattern]]]
    frameworks: list[tuple[str, re.Pattern | None, re.Pattern | None]]
    verbs: frozenset[str] = field(default_factory=frozenset)
    ambiguous_verbs: frozenset[str] = field(default_factory=frozenset)
    object_start: re.Pattern | None = None
    not_infinitives: frozenset[str] = field(default_factory=frozenset)


def _expand(pattern: str, adv: str, joint: str) -> str:
    return _fold_pattern(pattern).replace("{adv}", adv).replace("{joint}", joint)


def _word_end(pattern: str) -> str:
    # A cue must end on a word boundary — unless what it matched last is a space or the
    # apostrophe of an elided "d'", which runs straight into the next word.
    return pattern + r"(?:(?<=[\s'])|(?!\w))"


def _keyword_patterns(keywords: list[str]) -> list[re.Pattern]:
    """Whole-word patterns for area keywords; a final "*" makes a keyword a stem."""
    patterns = []
    for keyword in keywords:
        stem = keyword.endswith("*")
        body = re.escape(_shadow(keyword.rstrip("*")))
        patterns.append(re.compile(r"(?<!\w)" + body + ("" if stem else r"(?!\w)")))
    return patterns


@lru_cache(maxsize=4)
def _rules(lang: str) -> _Rules:
    module = rules_for(lang)
    adv_words = _fold_pattern(module.ADVERBS)
    adv = r"(?:\b(?:" + adv_words + r")\b(?:\s*,\s*|\s+))*"
    joint = "(?:" + _fold_pattern(module.JOINT_SUBJECTS) + ")"

    def compile_(pattern: str) -> re.Pattern:
        return re.compile(_expand(pattern, adv, joint))

    cues = [
        _Cue(
            regex=re.compile(r"(?<!\w)(?:" + _word_end(_expand(entry["cue"], adv, joint)) + ")"),
            by=entry.get("by", "subject"),
            then=entry.get("then", "verb"),
            strict=entry.get("strict", False),
            text=entry.get("text"),
        )
        for entry in module.COMMITMENTS
    ]
    areas = [(area, _keyword_patterns(words)) for area, words in module.AREAS.items()]
    # Each framework: (name, its names matched on the folded text, its acronyms matched
    # case-sensitively on the accent-folded text — "UN" must not match the article "un").
    frameworks = []
    for name, aliases in module.FRAMEWORKS.items():
        lower = [_shadow(a) for a in aliases if not _is_acronym(a)]
        upper = [_shadow(a, lower=False) for a in aliases if _is_acronym(a)]
        frameworks.append(
            (
                name,
                re.compile(_alternation(lower)) if lower else None,
                re.compile(_alternation(upper)) if upper else None,
            )
        )
    pronoun_words = [*module.PRONOUNS_ONE, *module.PRONOUNS_ALL]
    return _Rules(
        lang=lang,
        module=module,
        adv=adv,
        cues=cues,
        non_pledges=re.compile(
            "|".join("(?:" + _expand(p, adv, joint) + ")" for p in module.NON_PLEDGES)
        ),
        speech=compile_(r"(?<!\w)(?:" + module.SPEECH + r")(?!\w)"),
        attribution_tail=compile_(module.ATTRIBUTION_TAIL),
        boundaries=compile_(module.CLAUSE_BOUNDARIES),
        coordination_tail=compile_(module.COORDINATION_TAIL),
        trailing=compile_(module.TRAILING),
        joint=re.compile(r"(?<!\w)" + joint + r"(?!\w)"),
        adverb_run=re.compile(adv),
        filler=re.compile(r"^[\s,]*" + adv + r"[\s,]*$"),
        pronouns=re.compile(_alternation(list(pronoun_words))),
        areas=areas,
        frameworks=frameworks,
        verbs=getattr(module, "VERBS", frozenset()),
        ambiguous_verbs=getattr(module, "AMBIGUOUS_VERBS", frozenset()),
        object_start=(
            re.compile(_fold_pattern(module.OBJECT_START))
            if hasattr(module, "OBJECT_START")
            else None
        ),
        not_infinitives=frozenset(fold(w) for w in getattr(module, "NOT_INFINITIVES", ())),
    )


# ---------------------------------------------------------------------------
# Language and sentences.


def detect_language(text: str) -> str:
    """'fr' or 'en', by which language's frequent words the text uses more (English on a tie)."""
    words = re.findall(r"[a-z]+", _shadow(text))
    fr_words = {fold(w) for w in fr.STOPWORDS}
    en_words = {fold(w) for w in en.STOPWORDS}
    fr_count = sum(1 for w in words if w in fr_words)
    en_count = sum(1 for w in words if w in en_words)
    return "fr" if fr_count > en_count else "en"


_SENTENCE_END = re.compile(r"[.!?]+[\"')\]»”]*(?=\s+[\"'(«“]?[^\W\d_a-z]|\s+\d|\s*$)")
_TERMINAL = re.compile(r"[.!?:;\"'»”)\]]\s*$")


@dataclass
class _Sentence:
    start: int
    end: int
    title: bool  # a heading or title line: counted, but not searched for pledges


def _abbreviation_before(shadow: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """Whether the period at `dot` ends an abbreviation ("M.", "Mr.", "U.S.", an initial)."""
    head = shadow[:dot]
    match = re.search(r"(?:(?<=\s)|^|(?<=[(\"']))([\w.\-]+)$", head)
    if not match:
        return False
    token = match.group(1)
    if token in abbreviations:
        return True
    if len(token) == 1 and token.isalpha():  # an initial: "J. Smith"
        return True
    # Dotted acronyms and compound abbreviations: "u.s", "j.-c", "e.g".
    return bool(re.fullmatch(r"(?:\w{1,2}\.)+\w{1,2}", token) or re.fullmatch(r"\w\.-\w", token))


def _sentence_spans(text: str, lang: str) -> list[_Sentence]:
    shadow = _shadow(text)
    cased = _shadow(text, lower=False)  # a sentence starts with a capital: look at the case
    abbreviations = frozenset(_shadow(a) for a in (*fr.ABBREVIATIONS, *en.ABBREVIATIONS))
    sentences: list[_Sentence] = []
    line_start = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        line_end = line_start + len(line)
        stripped = line.strip()
        if stripped:
            # A line without final punctuation followed by more text is a title or heading.
            is_title = (
                not _TERMINAL.search(stripped)
                and len(stripped.split()) <= 25
                and any(rest.strip() for rest in lines[index + 1 :])
            )
            if is_title:
                sentences.append(_Sentence(*_strip_span(text, line_start, line_end), title=True))
            else:
                start = line_start
                for match in _SENTENCE_END.finditer(cased, line_start, line_end):
                    if match.group().startswith(".") and _abbreviation_before(
                        shadow, match.start(), abbreviations
                    ):
                        continue
                    if text[start : match.end()].strip():
                        sentences.append(
                            _Sentence(*_strip_span(text, start, match.end()), title=False)
                        )
                    start = match.end()
                if text[start:line_end].strip():
                    sentences.append(_Sentence(*_strip_span(text, start, line_end), title=False))
        line_start = line_end + 1
    return sentences


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, lang: str = "auto") -> list[str]:
    """The text's sentences in order (a title line counts as one); never splits "M. Wang"."""
    lang = detect_language(text) if lang not in LANGUAGES else lang
    return [text[s.start : s.end] for s in _sentence_spans(text, lang)]


# ---------------------------------------------------------------------------
# Parties and people.


@dataclass
class _Mention:
    start: int
    end: int
    parties: tuple[str, ...]  # empty: a country that is not a party of this dialogue
    kind: str  # "party", "joint", "person", "pronoun-one", "pronoun-all"


def _country_forms() -> dict[str, list[str]]:
    """Every country's forms in both languages: a French readout may say "Beijing" too."""
    forms: dict[str, list[str]] = {}
    for module in (fr, en):
        for country, aliases in module.COUNTRIES.items():
            forms.setdefault(country, [country]).extend(aliases)
    return forms


def _party_aliases(parties: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Maps from folded alias to party (lower-case forms) and from acronym to party.

    Countries that are not parties of the dialogue map to "" so that a third country
    ("l'Ouzbékistan est prêt à …") is seen as a subject, and not taken for a party.
    """
    lower: dict[str, str] = {}
    upper: dict[str, str] = {}
    forms = _country_forms()
    claimed: set[str] = set()
    for party in parties:
        wanted = _shadow(party)
        for country, aliases in forms.items():
            if wanted in {_shadow(a) for a in aliases}:
                claimed.add(country)
                for alias in aliases:
                    target = upper if _is_acronym(alias) else lower
                    key = _shadow(alias, lower=not _is_acronym(alias))
                    target.setdefault(key, party)
        lower.setdefault(wanted, party)
    for country, aliases in forms.items():
        if country in claimed:
            continue
        for alias in aliases:
            target = upper if _is_acronym(alias) else lower
            target.setdefault(_shadow(alias, lower=not _is_acronym(alias)), "")
    return lower, upper


_NAME_TOKEN = re.compile(r"[^\W\d_][\w'\-]*")
_CAPITALISED = re.compile(r"(?<![\w'\-])[^\W\d_a-z][\w'\-]+")


def _name_tokens(name: str) -> list[str]:
    """Folded tokens of a person's name that can identify them alone (three letters or more)."""
    return [t for t in (_shadow(t) for t in _NAME_TOKEN.findall(name)) if len(t) >= 3]


def _same_name(token: str, known: str) -> bool:
    if token == known:
        return True
    if min(len(token), len(known)) < 4:
        return False
    return difflib.SequenceMatcher(None, token, known).ratio() >= NAME_SIMILARITY


class _Index:
    """Where the text names the parties, both sides, and people of the dialogue."""

    def __init__(self, text: str, dialogue: dict, rules: _Rules, sentences: list[_Sentence]):
        self.text = text
        self.shadow = _shadow(text)
        self.cased = _shadow(text, lower=False)
        self.parties: list[str] = [
            p for p in dialogue.get("parties") or [] if isinstance(p, str) and p
        ]
        self.rules = rules
        self.lower, self.upper = _party_aliases(self.parties)
        self.role_words = frozenset(_shadow(w) for w in (*fr.ROLES, *en.ROLES))
        self.mentions: list[_Mention] = self._country_mentions()
        self.mentions += self._joint_mentions()
        self.people: dict[str, str] = self._participants(dialogue)
        for token, party in self._learn_people(sentences).items():
            self.people.setdefault(token, party)
        self.mentions += self._person_mentions()
        self.mentions += self._pronoun_mentions()
        self.mentions.sort(key=lambda m: (m.start, -m.end))

    # Countries ------------------------------------------------------------
    def _country_mentions(self) -> list[_Mention]:
        found: list[_Mention] = []
        if self.lower:
            for match in re.finditer(_alternation(list(self.lower)), self.shadow):
                found.append(self._country(match.start(), match.end(), self.lower[match.group()]))
        if self.upper:
            for match in re.finditer(_alternation(list(self.upper)), self.cased):
                found.append(self._country(match.start(), match.end(), self.upper[match.group()]))
        return found

    def _country(self, start: int, end: int, party: str) -> _Mention:
        # Take in the head noun that makes an adjective a subject: "la partie chinoise",
        # "the Kazakh side", so that nothing stands between the subject and its cue.
        before = _HEADS_BEFORE.search(self.shadow, max(0, start - 40), start)
        if before:
            start = before.start()
        after = _HEADS_AFTER.match(self.shadow, end)
        if after:
            end = after.end()
        return _Mention(start, end, (party,) if party else (), "party")

    def _joint_mentions(self) -> list[_Mention]:
        return [
            _Mention(m.start(), m.end(), tuple(self.parties), "joint")
            for m in self.rules.joint.finditer(self.shadow)
        ]

    def _pronoun_mentions(self) -> list[_Mention]:
        all_words = {_shadow(p) for p in self.rules.module.PRONOUNS_ALL}
        return [
            _Mention(
                m.start(),
                m.end(),
                (),
                "pronoun-all" if m.group() in all_words else "pronoun-one",
            )
            for m in self.rules.pronouns.finditer(self.shadow)
        ]

    # People -----------------------------------------------------------------
    def _party_of(self, name: str) -> str | None:
        if not name:
            return None
        key = _shadow(name)
        if key in self.lower and self.lower[key]:
            return self.lower[key]
        if name in self.upper and self.upper[name]:
            return self.upper[name]
        return None

    def _participants(self, dialogue: dict) -> dict[str, str]:
        people: dict[str, str] = {}
        for person in dialogue.get("participants") or []:
            if not isinstance(person, dict) or not isinstance(person.get("name"), str):
                continue
            party = self._party_of(person.get("party") or "")
            if party is None:
                continue
            for token in _name_tokens(person["name"]):
                people.setdefault(token, party)
        return people

    def _is_name_word(self, token: str) -> bool:
        folded = _shadow(token)
        return not (
            folded in self.role_words
            or folded in self.lower
            or token in self.upper
            or folded in _COMMON_CAPITALISED
        )

    def _learn_people(self, sentences: list[_Sentence]) -> dict[str, str]:
        """Officials a readout introduces: "le ministre … du Kazakhstan, Mourat Nourtléou",
        "Kazakh Foreign Minister Murat Nurtleu" — the party named before the role."""
        learned: dict[str, str] = {}
        country_mentions = [m for m in self.mentions if m.kind == "party" and m.parties]
        for sentence in sentences:
            tokens = list(_CAPITALISED.finditer(self.text, sentence.start, sentence.end))
            index = 0
            while index < len(tokens):
                # A run of capitalised words, separated by single spaces.
                run = [tokens[index]]
                while (
                    index + 1 < len(tokens)
                    and self.text[run[-1].end() : tokens[index + 1].start()] == " "
                ):
                    index += 1
                    run.append(tokens[index])
                index += 1
                # The name is the tail of the run after its last role or country word.
                tail: list[re.Match] = []
                for token in reversed(run):
                    if not self._is_name_word(token.group()):
                        break
                    tail.insert(0, token)
                if not tail or len(tail) > 4:
                    continue
                name_start = tail[0].start()
                before = self.shadow[max(sentence.start, name_start - 140) : name_start]
                introduced = before.rstrip().endswith(",") or (
                    len(run) > len(tail)
                    and _shadow(run[len(run) - len(tail) - 1].group()) in self.role_words
                )
                if not introduced or not any(
                    w in self.role_words for w in re.findall(r"[\w-]+", before)
                ):
                    continue
                prior = [
                    m
                    for m in country_mentions
                    if sentence.start <= m.start < name_start and m.start >= name_start - 140
                ]
                if not prior:
                    continue
                for token in tail:
                    folded = _shadow(token.group())
                    if len(folded) >= 3:
                        learned.setdefault(folded, prior[-1].parties[0])
        return learned

    def _person_mentions(self) -> list[_Mention]:
        if not self.people:
            return []
        found = []
        for match in _CAPITALISED.finditer(self.text):
            token = _shadow(match.group())
            if len(token) < 3 or not self._is_name_word(match.group()):
                continue
            party = self.people.get(token)
            if party is None:
                party = next(
                    (p for known, p in self.people.items() if _same_name(token, known)), None
                )
            if party is not None:
                found.append(_Mention(match.start(), match.end(), (party,), "person"))
        return found

    def in_span(self, start: int, end: int) -> list[_Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]


# Head nouns that make a country adjective a subject ("la partie chinoise", "the Kazakh side"),
# in both languages; the mention is stretched over them.
_HEADS_BEFORE = re.compile(
    r"(?:" + "|".join(_fold_pattern(m.HEADS_BEFORE) for m in (fr, en)) + r")\s+$"
)
_HEADS_AFTER = re.compile(
    r"\s+(?:" + "|".join(_fold_pattern(m.HEADS_AFTER) for m in (fr, en)) + r")(?!\w)"
)

# Capitalised words that open sentences or name institutions, never a person.
_COMMON_CAPITALISED = frozenset(
    _shadow(w)
    for w in [
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "de",
        "et",
        "en",
        "pour",
        "sur",
        "dans",
        "avec",
        "par",
        "au",
        "aux",
        "ce",
        "cette",
        "il",
        "elle",
        "ils",
        "elles",
        "nous",
        "the",
        "a",
        "an",
        "and",
        "of",
        "in",
        "on",
        "for",
        "with",
        "by",
        "to",
        "at",
        "he",
        "she",
        "they",
        "we",
        "it",
        "this",
        "that",
        "these",
        "both",
        "two",
        "its",
        "their",
        "his",
        "her",
        "m",
        "mr",
        "mrs",
        "ms",
        "mme",
        "dr",
    ]
)


# ---------------------------------------------------------------------------
# Reading one sentence.


@dataclass
class _Found:
    """A cue accepted in a sentence, with who makes the pledge and where its clause starts."""

    cue: _Cue
    start: int
    end: int
    by: tuple[str, ...]
    clause_start: int


class _Reader:
    def __init__(self, text: str, dialogue: dict, rules: _Rules):
        self.text = text
        self.rules = rules
        self.sentences = _sentence_spans(text, rules.lang)
        self.index = _Index(text, dialogue, rules, self.sentences)
        self.shadow = self.index.shadow
        self.parties = tuple(self.index.parties)

    def candidates(self) -> list[Candidate]:
        results: list[Candidate] = []
        seen: set[str] = set()
        speaker: tuple[str, ...] | None = None
        for number, sentence in enumerate(self.sentences, start=1):
            if sentence.title:
                continue
            speaker = self._speaker(sentence) or speaker
            for candidate in self._sentence_candidates(sentence, number, speaker):
                key = _shadow(candidate.text)
                if key not in seen:
                    seen.add(key)
                    results.append(candidate)
        return results

    # Who speaks ---------------------------------------------------------------
    def _speaker(self, sentence: _Sentence) -> tuple[str, ...] | None:
        mentions = self.index.in_span(sentence.start, sentence.end)
        for speech in self.rules.speech.finditer(self.shadow, sentence.start, sentence.end):
            # "…, a déclaré M. Wang" / "said Wang": the speaker follows the verb.
            after = [
                m
                for m in mentions
                if speech.end() <= m.start <= speech.end() + 40
                and m.kind in ("person", "party")
                and not re.search(r"[,;]", self.shadow[speech.end() : m.start])
            ]
            if after and after[0].parties:
                return after[0].parties
            before = [m for m in mentions if m.end <= speech.start() and self._is_subject(m)]
            people = [m for m in before if m.kind == "person"]
            chosen = people[-1] if people else (before[-1] if before else None)
            if chosen is not None and chosen.kind in ("person", "party") and chosen.parties:
                return chosen.parties
            if chosen is not None and chosen.kind == "joint":
                return None
        return None

    # Is a mention the subject of what follows it? ----------------------------------
    def _is_subject(self, mention: _Mention) -> bool:
        tail = self.shadow[mention.end : mention.end + 3]
        if re.match(r"'s\b|-\w", tail):  # "China's support", "Chine-Asie centrale"
            return False
        start = self._group_start(mention)
        words = re.findall(r"[\w']+", self.shadow[max(0, start - 40) : start])
        module = self.rules.module
        while words and words[-1] in module.DETERMINERS:
            words.pop()
        if not words:
            return True
        previous = words[-1]
        if previous.endswith("'") and previous != "l'":
            previous = previous[-2:] if previous.endswith("d'") else previous
        return previous not in module.PREPOSITIONS and previous not in {"d'", "qu'"}

    def _group_start(self, mention: _Mention) -> int:
        """Start of a group of names ("la Chine et le Kazakhstan") ending in `mention`."""
        start = mention.start
        conjunctions = "|".join(re.escape(c) for c in self.rules.module.CONJUNCTIONS)
        determiners = "|".join(re.escape(d) for d in self.rules.module.DETERMINERS)
        gap = re.compile(r"^\s*(?:,|" + conjunctions + r")?\s*(?:(?:" + determiners + r")\s*)?$")
        for other in reversed(self.index.mentions):
            if other.end <= start and other.kind in ("party", "joint", "person"):
                if gap.match(self.shadow[other.end : start]) and other.end > start - 30:
                    start = other.start
                else:
                    break
        return start

    def _group(self, mention: _Mention) -> tuple[tuple[str, ...], int]:
        """Parties named by the coordinated group ending in `mention`, and where it starts."""
        start = self._group_start(mention)
        parties: list[str] = []
        for other in self.index.mentions:
            if (
                start <= other.start
                and other.end <= mention.end
                and other.kind in ("party", "joint", "person")
            ):
                parties.extend(p for p in other.parties if p not in parties)
        # "China and Uzbekistan": a group with a third country is not this dialogue's pledge.
        if any(
            not m.parties
            for m in self.index.mentions
            if start <= m.start and m.end <= mention.end and m.kind == "party"
        ):
            return (), start
        return tuple(p for p in self.parties if p in parties), start

    # Which cues count ------------------------------------------------------------
    def _cue_matches(self, sentence: _Sentence) -> list[tuple[_Cue, re.Match]]:
        matches = []
        for cue in self.rules.cues:
            matches.extend(
                (cue, m) for m in cue.regex.finditer(self.shadow, sentence.start, sentence.end)
            )
        # Earlier first, and the longer of two cues at one place first: the shorter one is tried
        # only if the longer is refused ("œuvreront à la mise en œuvre" → "œuvreront").
        matches.sort(key=lambda pair: (pair[1].start(), -pair[1].end()))
        return matches

    def _accept(
        self,
        cue: _Cue,
        match: re.Match,
        window_start: int,
        previous: _Found | None,
        speaker: tuple[str, ...] | None,
    ) -> _Found | None:
        start, end = match.start(), match.end()
        window = self.shadow[window_start:start]
        if self._governed_by_non_pledge(window_start, start):
            return None
        if cue.then == "verb" and not self._verb_head(end, self._linker(match), first=True):
            return None
        by: tuple[str, ...] | None = None
        clause_start = start
        coordination = re.search(self.rules.coordination_tail, window) if previous else None
        if previous is not None and coordination and coordination.start() < len(window):
            # "…, et est prêt à": the same subject goes on.
            by, clause_start = previous.by, window_start + coordination.start()
        else:
            coordination = re.search(self.rules.coordination_tail, window)
            subject = None
            if coordination and coordination.start() < len(window) and not cue.strict:
                # "L'Ouzbékistan adhère au principe d'une seule Chine et s'engage à…": the
                # subject is the one of the clause's first verb, not the last name before "et".
                subject = self._first_subject(window_start, window_start + coordination.start())
            if subject is None:
                subject = self._subject(window_start, start, strict=cue.strict)
            if subject == "reject":
                return None
            if subject is not None:
                by, clause_start = subject
            elif cue.strict:
                return None
        holder = self._holder(match)
        if holder:
            by = holder  # "a réaffirmé le soutien de la France à…": the holder pledges
        if cue.by == "speaker":
            joint = by is not None and set(by) == set(self.parties)
            if cue.strict:
                # "The two sides should…" commits whoever says it; "China should…" said by
                # Kazakhstan is a demand on China, not a pledge.
                if not joint and speaker and by and set(by) != set(speaker):
                    return None
                by = speaker or by
            elif by is None or joint:
                # "appelant les deux parties à…": the call is the speaker's. With a named
                # subject ("Wang Yi called on both sides to…"), the subject is the caller.
                by = speaker or by
        if by is None:
            by = previous.by if previous else (speaker or self.parties)
        if not by:
            return None
        return _Found(cue, start, end, by, clause_start)

    def _subject(self, window_start: int, cue_start: int, strict: bool):
        """The subject before a cue: (parties, clause start), None when there is none,
        "reject" when it is someone who is not a party (a third country)."""
        mentions = [m for m in self.index.in_span(window_start, cue_start)]
        for mention in reversed(mentions):
            if mention.kind.startswith("pronoun"):
                if strict and not self.rules.filler.match(self.shadow[mention.end : cue_start]):
                    return None
                if not self._is_subject(mention):
                    continue
                if mention.kind == "pronoun-all":
                    return self.parties, mention.start
                return None  # "il", "he": the caller falls back on the speaker
            if not self._is_subject(mention):
                if strict:
                    return None
                continue
            gap = self.shadow[mention.end : cue_start]
            if strict and not self.rules.filler.match(gap):
                return None
            # A relative or a new clause separates the name from the cue ("la Chine, qui…").
            if (
                re.search(self.rules.boundaries, gap)
                and not self.rules.filler.match(gap)
                and not re.fullmatch(r"[\s,]*(?:\w+[\s,]+){0,6}", gap)
            ):
                continue
            parties, group_start = self._group(mention)
            if not parties:
                return "reject"
            return parties, group_start
        return None

    def _holder(self, match: re.Match) -> tuple[str, ...] | None:
        """Parties named in a cue's `holder` group ("the United States' support for")."""
        if "holder" not in match.re.groupindex or match.group("holder") is None:
            return None
        start, end = match.span("holder")
        parties = [
            p
            for m in self.index.in_span(start, end)
            if m.kind in ("party", "person")
            for p in m.parties
        ]
        return tuple(p for p in self.parties if p in parties) or None

    def _first_subject(self, window_start: int, end: int):
        """The first name that can be a subject in a clause (after its last "que"/"that")."""
        clause = window_start
        for boundary in re.finditer(r"\bque\b|\bqu'|\bthat\b|[;:]", self.shadow[window_start:end]):
            clause = window_start + boundary.end()
        for mention in self.index.in_span(clause, end):
            if mention.kind in ("party", "joint", "person") and self._is_subject(mention):
                parties, group_start = self._group(mention)
                return (parties, group_start) if parties else "reject"
        return None

    def _governed_by_non_pledge(self, window_start: int, cue_start: int) -> bool:
        """Whether praise, a fact or an exchange of views governs the cue ("a salué…")."""
        for negative in self.rules.non_pledges.finditer(self.shadow, window_start, cue_start):
            between = self.shadow[negative.end() : cue_start]
            if not re.search(self.rules.boundaries, between):
                return True
        return False

    # Verb phrases ------------------------------------------------------------------
    def _linker(self, match: re.Match) -> str:
        """What introduces each verb phrase after this cue: "de", "a" (à), "pour", "to" or ""."""
        words = re.findall(r"[\w]+'?", match.group())
        last = words[-1] if words else ""
        if last in ("de", "d'"):
            return "de"
        if last in ("a", "pour", "to"):
            return last
        return ""

    def _verb_head(
        self, position: int, linker: str, first: bool, form: str | None = None
    ) -> str | None:
        """The form of the verb heading the phrase at `position` ("inf", "base", "ing"), or None."""
        rest = self.shadow[position : position + 80]
        original = self.text[position : position + 80].lower()
        offset = len(rest) - len(rest.lstrip())
        if not first:
            linked = re.match(r"(?:de |d'|a |pour |to )", rest[offset:])
            if linked:
                if linked.group().strip(" ") not in (linker, "d'" if linker == "de" else linker):
                    return None
                offset += linked.end()
            elif linker in ("de", "a", "pour") and form != "bare-ok":
                return None
        pronoun = re.match(
            r"(?:(?:se|ne|pas|plus|jamais|en|y|nous|le|la|les|leur|lui) |s'|n'|l')+", rest[offset:]
        )
        if pronoun:
            offset += pronoun.end()
        adverbs = self.rules.adverb_run.match(rest, offset)
        if adverbs:
            offset = adverbs.end()
        word = re.match(r"[\w\-]+", rest[offset:])
        if not word:
            return None
        folded = word.group()
        written = original[offset : offset + len(folded)]
        if self.rules.lang == "fr":
            return "inf" if self._french_infinitive(folded, written) else None
        if first:
            # Right after a cue that takes a verb ("agreed to", "will"), any word but a
            # determiner or pronoun is one: the lexicon is needed only to split enumerations.
            if folded in self.rules.module.NOT_VERBS or not folded.isalpha():
                return None
            return "ing" if folded.endswith("ing") and len(folded) > 5 else "base"
        if folded in self.rules.ambiguous_verbs:
            after = rest[offset + len(folded) :].lstrip()
            if self.rules.object_start is not None and self.rules.object_start.match(after):
                return "base"
            return None
        if folded in self.rules.verbs:
            return "base"
        if (
            form == "ing"
            and folded.endswith("ing")
            and folded[:-3]
            in self.rules.verbs | {v[:-1] for v in self.rules.verbs if v.endswith("e")}
        ):
            return "ing"
        return None

    def _french_infinitive(self, folded: str, written: str) -> bool:
        # The ending is read on the word as written: folded, "déclaré" would end in "-re".
        if folded in self.rules.not_infinitives or len(folded) < 4:
            return folded in {"etre", "dire", "lire", "fuir", "voir"}
        if written.endswith(("é", "è", "ê")):
            return False
        return (
            bool(re.search(r"(?:er|ir|re|oir)$", folded))
            and not re.search(r"(?:aire|ere|ure|oire)$", folded)
            or folded
            in {
                "conclure",
                "inclure",
                "exclure",
                "boire",
                "croire",
                "accroitre",
                "connaitre",
                "reconnaitre",
            }
        )

    def _split(
        self, body_start: int, body_end: int, cue: _Cue, match: re.Match
    ) -> list[tuple[int, int]]:
        """Cut a clause into its coordinated verb phrases: [(start, end), …]."""
        if cue.then == "np":
            return [(body_start, body_end)]
        linker = self._linker(match)
        first_form = None if cue.then == "self" else self._verb_head(body_start, linker, first=True)
        cuts = [body_start]
        separator = re.compile(
            r",\s*(?:(?:et|and|ainsi que|as well as)\s+)?|\s+(?:et|and|ainsi que|as well as)\s+"
            r"|;\s*(?:(?:et|and)\s+)?"
        )
        depth_open = "(["
        for sep in separator.finditer(self.shadow, body_start, body_end):
            if sep.start() < cuts[-1]:
                continue
            # Never split inside brackets or quotes: "(ICR, …)".
            inside = self.shadow[cuts[-1] : sep.start()]
            if (
                sum(inside.count(ch) for ch in depth_open) > inside.count(")") + inside.count("]")
                or inside.count('"') % 2
            ):
                continue
            position = sep.end()
            if cue.then == "self":
                if not cue.regex.match(self.shadow, position):
                    continue
            else:
                comma = sep.group().lstrip().startswith(",") or sep.group().startswith(";")
                form = first_form
                if linker in ("de", "a", "pour") and comma:
                    # "de promouvoir …, approfondir …": a repeated "de" may be left out.
                    form = "bare-ok"
                head = self._verb_head(position, linker, first=False, form=form)
                if head is None or (
                    self.rules.lang == "en" and first_form == "ing" and head != "ing"
                ):
                    continue
            cuts.append(position)
        pieces = []
        for index, start in enumerate(cuts):
            end = cuts[index + 1] if index + 1 < len(cuts) else body_end
            pieces.append((start, end))
        return pieces

    # Sentences → candidates -----------------------------------------------------------
    def _sentence_candidates(
        self,
        sentence: _Sentence,
        number: int,
        speaker: tuple[str, ...] | None,
    ) -> list[Candidate]:
        accepted: list[tuple[_Found, re.Match]] = []
        window_start = sentence.start
        for cue, match in self._cue_matches(sentence):
            if accepted and match.start() < accepted[-1][0].end:
                continue  # inside a cue already taken
            previous = accepted[-1][0] if accepted else None
            found = self._accept(cue, match, window_start, previous, speaker)
            if found is not None:
                accepted.append((found, match))
                window_start = match.end()
        candidates = []
        for index, (found, match) in enumerate(accepted):
            body_end = (
                accepted[index + 1][0].clause_start if index + 1 < len(accepted) else sentence.end
            )
            body_end = max(body_end, found.end)
            for piece_index, (start, end) in enumerate(
                self._split(found.end, body_end, found.cue, match)
            ):
                end = self._trim(start, end)
                quote_start = found.start if piece_index == 0 else start
                candidate = self._candidate(
                    found, quote_start, start, end, number, first=piece_index == 0
                )
                if candidate is not None:
                    candidates.append(candidate)
        return candidates

    def _trim(self, start: int, end: int) -> int:
        """Drop trailing punctuation, conjunctions and attributions (", a ajouté M. Nourtléou")."""
        while True:
            segment = self.shadow[start:end]
            cut = self.rules.trailing.search(segment)
            if cut and cut.start() < len(segment):
                end = start + cut.start()
                continue
            cut = self.rules.attribution_tail.search(segment)
            if cut and cut.start() > 0:
                end = start + cut.start()
                continue
            return end

    def _candidate(
        self,
        found: _Found,
        quote_start: int,
        start: int,
        end: int,
        number: int,
        first: bool,
    ) -> Candidate | None:
        quote = self.text[quote_start:end].strip()
        body = self.text[start:end].strip()
        if not first:
            body = re.sub(
                r"^(?:(?:ainsi que|as well as|et|and) )?(?:de |d['’]|à |a |pour |to )",
                "",
                body,
                flags=re.IGNORECASE,
            )
        if found.cue.text in ("=", "infinitive"):
            cue_words = self.text[found.start : found.end].strip()
            cue_words = re.sub(r"^(?:a|ont|has|have|had)\s+", "", cue_words, flags=re.IGNORECASE)
            if found.cue.text == "infinitive":
                cue_words = self._infinitive(cue_words)
            body = f"{cue_words} {body}" if first else body
        elif found.cue.text and first:
            body = found.cue.text + body
        elif not first and found.cue.text == "infinitive":
            head, _, rest = body.partition(" ")
            body = f"{self._infinitive(head)} {rest}".strip()
        body = _tidy(body)
        if len(_NAME_TOKEN.findall(body)) < 2:
            return None
        area, framework = self._classify(self.shadow[start:end], self.index.cased[start:end])
        return Candidate(
            quote=quote,
            text=body[:1].upper() + body[1:],
            by=list(found.by),
            area=area,
            framework=framework,
            sentence=number,
        )

    def _infinitive(self, verb: str) -> str:
        """A future or conditional verb as its infinitive ("renforceront" → "renforcer")."""
        for ending, replacement in getattr(self.rules.module, "FUTURE_ENDINGS", ()):
            changed, count = re.subn(ending + "$", replacement, verb)
            if count:
                return changed
        return verb

    def _classify(self, shadow: str, cased: str) -> tuple[str | None, str | None]:
        """Suggested (area, framework): keyword votes, and the first framework named."""
        framework, earliest = None, len(shadow) + 1
        plain = shadow
        for name, words, acronyms in self.rules.frameworks:
            for pattern, surface in ((words, shadow), (acronyms, cased)):
                if pattern is None:
                    continue
                match = pattern.search(surface)
                if match and match.start() < earliest:
                    framework, earliest = name, match.start()
                # Framework names ("la Ceinture et la Route") must not vote for an area.
                plain = _blank(pattern, surface, plain)
        scores = [
            (sum(len(p.findall(plain)) for p in patterns), area)
            for area, patterns in self.rules.areas
        ]
        best = max(scores, key=lambda pair: pair[0], default=(0, None))
        area = best[1] if best[0] > 0 else FRAMEWORK_AREAS.get(framework or "")
        return area, framework


def _tidy(text: str) -> str:
    """Trim spaces and punctuation from both ends; keep a closing quote that has its opening."""
    text = text.strip(" ,;:.")
    while text and text[-1] in "\"'»”)" and not _balanced(text):
        text = text[:-1].rstrip(" ,;:.")
    while text and text[0] in "\"'«“(" and not _balanced(text):
        text = text[1:].lstrip()
    return text


def _balanced(text: str) -> bool:
    return (
        text.count("«") == text.count("»")
        and text.count("“") == text.count("”")
        and text.count("(") == text.count(")")
        and text.count('"') % 2 == 0
    )


def _blank(pattern: re.Pattern, surface: str, plain: str) -> str:
    """`plain` with the spans `pattern` matches in `surface` blanked out (same length)."""
    for match in pattern.finditer(surface):
        plain = plain[: match.start()] + " " * (match.end() - match.start()) + plain[match.end() :]
    return plain


def extract(text: str, dialogue: dict, lang: str = "auto") -> list[Candidate]:
    """Candidate pledges in a readout's `text`, in the order they appear.

    `dialogue` is the dialogue record: `parties` (required for attribution) and
    `participants` (`[{name, role, party}]`, optional) are read. `lang` is "fr",
    "en" or "auto" (detected from frequent words). Each candidate's `by` lists
    party names as spelled in `dialogue["parties"]`.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if not isinstance(dialogue, dict):
        dialogue = {}
    lang = detect_language(text) if lang not in LANGUAGES else lang
    return _Reader(text, dialogue, _rules(lang)).candidates()
