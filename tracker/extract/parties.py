"""Stage 3a: where the text names the parties, both sides at once, people, and pronouns.

A party is found by its names, adjectives and capital in both languages ("la partie
chinoise", "Beijing", "Kazakh side"); phrases for both sides ("les deux parties");
and people — the dialogue's participants and the officials a readout introduces
("le ministre … du Kazakhstan, Mourat Nourtléou") — matched on any name token,
accent-folded and fuzzily, so "M. Nourtléou" finds a participant stored as "Murat Nurtleu".
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from tracker.extract.folding import alternation, fold_pattern, is_acronym, shadow
from tracker.extract.rules import Rules
from tracker.extract.sentences import Sentence
from tracker.extract_rules import en, fr

# Surnames whose folded forms are at least this similar are taken as the same person:
# "nourtleou" (French transliteration) and "nurtleu" (English) score 0.875.
NAME_SIMILARITY = 0.7
# How far before an official's name the office and the country are looked for.
_INTRODUCTION_REACH = 140

NAME_TOKEN = re.compile(r"[^\W\d_][\w'\-]*")
_CAPITALISED = re.compile(r"(?<![\w'\-])[^\W\d_a-z][\w'\-]+")


@dataclass
class Mention:
    """A span naming a party (or a third country), both sides, a person or a pronoun."""

    start: int
    end: int
    parties: tuple[str, ...]  # empty: a country that is not a party of this dialogue
    kind: str  # "party", "joint", "person", "pronoun-one", "pronoun-all"


# Countries' names in their own languages and scripts, as an analyst may record the
# parties ("Россия", "中国"): a readout in English or French then still finds them.
ENDONYMS = {
    "Afghanistan": ["افغانستان"], "Armenia": ["Հայաստան"], "Azerbaijan": ["azərbaycan"],
    "Belarus": ["беларусь"], "Brazil": ["brasil"], "China": ["中国", "中华人民共和国", "中國"],
    "Egypt": ["مصر"], "Georgia": ["საქართველო"], "Germany": ["deutschland"],
    "Hungary": ["magyarország"], "India": ["भारत"], "Iran": ["ایران"], "Israel": ["ישראל"],
    "Italy": ["italia"], "Japan": ["日本", "日本国"], "Kazakhstan": ["қазақстан", "казахстан"],
    "Kyrgyzstan": ["кыргызстан", "киргизия"], "Mexico": ["méxico"],
    "Mongolia": ["монгол улс", "монголия"], "North Korea": ["조선민주주의인민공화국"],
    "Pakistan": ["پاکستان"], "Philippines": ["pilipinas"], "Poland": ["polska"],
    "Qatar": ["قطر"], "Russia": ["россия", "российская федерация"],
    "Saudi Arabia": ["السعودية", "المملكة العربية السعودية"], "Serbia": ["србија", "srbija"],
    "South Korea": ["대한민국", "한국"], "Spain": ["españa"],
    "Tajikistan": ["тоҷикистон", "таджикистан"], "Thailand": ["ประเทศไทย"],
    "Turkmenistan": ["türkmenistan", "туркменистан"], "Ukraine": ["україна"],
    "United Arab Emirates": ["الإمارات"],
    "Uzbekistan": ["oʻzbekiston", "o'zbekiston", "ўзбекистон", "узбекистан"],
    "Vietnam": ["việt nam"], "Peru": ["perú"], "Algeria": ["الجزائر"],
    "Morocco": ["المغرب"],
}


def country_forms() -> dict[str, list[str]]:
    """Every country's forms in both languages: a French readout may say "Beijing" too;
    and in the country's own language (`ENDONYMS`), as parties may be recorded."""
    forms: dict[str, list[str]] = {}
    for module in (fr, en):
        for country, aliases in module.COUNTRIES.items():
            forms.setdefault(country, [country]).extend(aliases)
    for country, names in ENDONYMS.items():
        forms.setdefault(country, [country]).extend(names)
    return forms


def party_aliases(parties: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Maps from folded alias to party (lower-case forms) and from acronym to party.

    Countries that are not parties of the dialogue map to "" so that a third country
    ("l'Ouzbékistan est prêt à …") is seen as a subject, and not taken for a party.
    """
    lower: dict[str, str] = {}
    upper: dict[str, str] = {}
    forms = country_forms()
    claimed: set[str] = set()
    for party in parties:
        wanted = shadow(party)
        for country, aliases in forms.items():
            if wanted in {shadow(a) for a in aliases}:
                claimed.add(country)
                for alias in aliases:
                    target = upper if is_acronym(alias) else lower
                    key = shadow(alias, lower=not is_acronym(alias))
                    target.setdefault(key, party)
        lower.setdefault(wanted, party)
    for country, aliases in forms.items():
        if country in claimed:
            continue
        for alias in aliases:
            target = upper if is_acronym(alias) else lower
            target.setdefault(shadow(alias, lower=not is_acronym(alias)), "")
    return lower, upper


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a person's name that can identify them alone (three letters or more)."""
    return [t for t in (shadow(t) for t in NAME_TOKEN.findall(name)) if len(t) >= 3]


def _same_name(token: str, known: str) -> bool:
    if token == known:
        return True
    if min(len(token), len(known)) < 4:
        return False
    return difflib.SequenceMatcher(None, token, known).ratio() >= NAME_SIMILARITY


# Head nouns that make a country adjective a subject ("la partie chinoise", "the Kazakh side"),
# in both languages; the mention is stretched over them.
_HEADS_BEFORE = re.compile(
    r"(?:" + "|".join(fold_pattern(m.HEADS_BEFORE) for m in (fr, en)) + r")\s+$"
)
_HEADS_AFTER = re.compile(
    r"\s+(?:" + "|".join(fold_pattern(m.HEADS_AFTER) for m in (fr, en)) + r")(?!\w)"
)

# Capitalised words that open sentences or name institutions, never a person.
_COMMON_CAPITALISED = frozenset(
    shadow(w)
    for w in (  # noqa: SIM905 (a plain word list reads better)
        "le la les l un une des du de et en pour sur dans avec par au aux ce cette il elle ils "
        "elles nous the a an and of in on for with by to at he she they we it this that these "
        "both two its their his her m mr mrs ms mme dr "
        # Institutions and events: capitalised, and never a person's name.
        "meeting meetings affairs ministry ministers ministers' committee council summit forum "
        "dialogue organization organisation conference office department state states "
        "republic government union assembly secretariat mechanism initiative"
    ).split()
)
_ROLE_WORDS = frozenset(shadow(w) for w in (*fr.ROLES, *en.ROLES))


class PartyIndex:
    """Every mention in a text, sorted by position, with range look-ups in logarithmic time."""

    def __init__(
        self, text: str, folded: str, cased: str, dialogue: dict, rules: Rules,
        sentences: list[Sentence],
    ):
        self.text = text
        self.shadow = folded
        self.cased = cased
        self.parties: list[str] = [
            p for p in dialogue.get("parties") or [] if isinstance(p, str) and p
        ]
        self.rules = rules
        self.lower, self.upper = party_aliases(self.parties)
        countries = self._country_mentions()
        self.people: dict[str, str] = self._participants(dialogue)
        for token, party in self._learn_people(sentences, countries).items():
            self.people.setdefault(token, party)
        self.mentions: list[Mention] = [
            *countries,
            *self._joint_mentions(),
            *self._person_mentions(),
            *self._pronoun_mentions(),
        ]
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]

    # Countries ------------------------------------------------------------
    def _country_mentions(self) -> list[Mention]:
        found: list[Mention] = []
        if self.lower:
            for match in re.finditer(alternation(list(self.lower)), self.shadow):
                found.append(self._country(match.start(), match.end(), self.lower[match.group()]))
        if self.upper:
            for match in re.finditer(alternation(list(self.upper)), self.cased):
                found.append(self._country(match.start(), match.end(), self.upper[match.group()]))
        found.sort(key=lambda m: (m.start, -m.end))
        return found

    def _country(self, start: int, end: int, party: str) -> Mention:
        # Take in the head noun that makes an adjective a subject: "la partie chinoise",
        # "the Kazakh side", so that nothing stands between the subject and its cue.
        before = _HEADS_BEFORE.search(self.shadow, max(0, start - 40), start)
        if before:
            start = before.start()
        after = _HEADS_AFTER.match(self.shadow, end)
        if after:
            end = after.end()
        return Mention(start, end, (party,) if party else (), "party")

    def _joint_mentions(self) -> list[Mention]:
        return [
            Mention(m.start(), m.end(), tuple(self.parties), "joint")
            for m in self.rules.joint.finditer(self.shadow)
        ]

    def _pronoun_mentions(self) -> list[Mention]:
        all_words = {shadow(p) for p in self.rules.module.PRONOUNS_ALL}
        return [
            Mention(
                m.start(),
                m.end(),
                (),
                "pronoun-all" if m.group() in all_words else "pronoun-one",
            )
            for m in self.rules.pronouns.finditer(self.shadow)
        ]

    # People -----------------------------------------------------------------
    def party_of(self, name: str) -> str | None:
        """The dialogue party a country name stands for, if any."""
        if not name:
            return None
        key = shadow(name)
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
            party = self.party_of(person.get("party") or "")
            if party is None:
                continue
            for token in name_tokens(person["name"]):
                people.setdefault(token, party)
        return people

    def _is_name_word(self, token: str) -> bool:
        folded = shadow(token)
        return not (
            folded in _ROLE_WORDS
            or folded in self.lower
            or token in self.upper
            or folded in _COMMON_CAPITALISED
        )

    def _learn_people(
        self, sentences: list[Sentence], countries: list[Mention]
    ) -> dict[str, str]:
        """Officials a readout introduces: "le ministre … du Kazakhstan, Mourat Nourtléou",
        "Kazakh Foreign Minister Murat Nurtleu" — the party named before the role."""
        learned: dict[str, str] = {}
        parties = [m for m in countries if m.parties]
        starts = [m.start for m in parties]
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
                before = self.shadow[
                    max(sentence.start, name_start - _INTRODUCTION_REACH) : name_start
                ]
                introduced = before.rstrip().endswith(",") or (
                    len(run) > len(tail)
                    and shadow(run[len(run) - len(tail) - 1].group()) in _ROLE_WORDS
                )
                if not introduced or not any(
                    w in _ROLE_WORDS for w in re.findall(r"[\w-]+", before)
                ):
                    continue
                low = max(sentence.start, name_start - _INTRODUCTION_REACH)
                first = bisect.bisect_left(starts, low)
                last = bisect.bisect_left(starts, name_start)
                if first >= last:
                    continue
                for token in tail:
                    folded = shadow(token.group())
                    if len(folded) >= 3:
                        learned.setdefault(folded, parties[last - 1].parties[0])
        return learned

    def _person_mentions(self) -> list[Mention]:
        if not self.people:
            return []
        found = []
        resolved: dict[str, str | None] = {}
        for match in _CAPITALISED.finditer(self.text):
            token = shadow(match.group())
            if len(token) < 3 or not self._is_name_word(match.group()):
                continue
            if token not in resolved:
                party = self.people.get(token)
                if party is None:
                    party = next(
                        (p for known, p in self.people.items() if _same_name(token, known)), None
                    )
                resolved[token] = party
            if resolved[token] is not None:
                found.append(Mention(match.start(), match.end(), (resolved[token],), "person"))
        return found

    # Look-ups -----------------------------------------------------------------
    def in_span(self, start: int, end: int) -> list[Mention]:
        """The mentions lying wholly inside [start, end), in order."""
        found = []
        for position in range(bisect.bisect_left(self.starts, start), len(self.mentions)):
            mention = self.mentions[position]
            if mention.start >= end:
                break
            if mention.end <= end:
                found.append(mention)
        return found

    def before(self, position: int) -> range:
        """Indexes of the mentions starting before `position`, nearest first."""
        return range(bisect.bisect_left(self.starts, position) - 1, -1, -1)
