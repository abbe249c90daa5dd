"""Stage 2b: the events a sentence reports, and the promises that are no evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.extract_rules import events as event_rules


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


def events_in(normalised: str, lang: str, *, title: bool = False) -> list[Event]:
    """The events a sentence reports; cues inside a promise ("agreed to hold") are left out."""
    rules = _event_rules(lang)
    found: list[Event] = []
    matches = list(rules.cues.finditer(normalised))
    if title:
        matches += rules.title_cues.finditer(normalised)
    qualifying = [m.span() for m in rules.not_events.finditer(normalised)]
    for match in matches:
        if any(start <= match.start() < end for start, end in qualifying):
            continue
        if _in_promise(normalised, match.start(), rules):
            continue
        kind = match.lastgroup.split("_")[1]
        before = normalised[max(0, match.start() - 40):match.start()]
        words = before.split()
        window = " ".join(words[-3:])
        negated = bool(rules.negations.search(window))
        if not negated and _echoed(words, rules.echoes):
            continue
        if negated and kind == "done":
            kind = "stalled"
        found.append(Event(kind, match.group(0), match.start(), negated))
    return found


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


