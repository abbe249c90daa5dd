"""Stage 4: who makes each pledge — the cue's subject, the sentence's speaker, or both sides.

Each sentence gets a speaker ("a déclaré M. Wang", "Wang said", "he added"), carried
over to the next sentences until another one speaks. A cue counts when it has a
subject that is a party (or, for a call or proposal, a speaker), and when no phrase
of praise, fact or exchange of views governs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.clauses import linker, verb_head
from tracker.extract.cues import governed_by_non_pledge
from tracker.extract.document import Document
from tracker.extract.parties import Mention
from tracker.extract.rules import Cue
from tracker.extract.sentences import Sentence

_CLAUSE_OPENER = re.compile(r"\bque\b|\bqu'|\bthat\b|[;:]")


@dataclass
class Found:
    """A cue accepted in a sentence, with who makes the pledge and where its clause starts."""

    cue: Cue
    start: int
    end: int
    by: tuple[str, ...]
    clause_start: int


def speaker(doc: Document, sentence: Sentence) -> tuple[str, ...] | None:
    """The parties of whoever says the sentence ("…, a déclaré M. Wang", "Wang said"), if named."""
    mentions = doc.index.in_span(sentence.start, sentence.end)
    for speech in doc.rules.speech.finditer(doc.shadow, sentence.start, sentence.end):
        # "…, a déclaré M. Wang" / "said Wang": the speaker follows the verb.
        after = [
            m
            for m in mentions
            if speech.end() <= m.start <= speech.end() + 40
            and m.kind in ("person", "party")
            and not re.search(r"[,;]", doc.shadow[speech.end() : m.start])
        ]
        if after and after[0].parties:
            return after[0].parties
        before = [m for m in mentions if m.end <= speech.start() and is_subject(doc, m)]
        people = [m for m in before if m.kind == "person"]
        chosen = people[-1] if people else (before[-1] if before else None)
        if chosen is not None and chosen.kind in ("person", "party") and chosen.parties:
            return chosen.parties
        if chosen is not None and chosen.kind == "joint":
            return None
    return None


def is_subject(doc: Document, mention: Mention) -> bool:
    """Whether a mention can be the subject of what follows it (not "with China", "China's")."""
    tail = doc.shadow[mention.end : mention.end + 3]
    if re.match(r"'s\b|-\w", tail):  # "China's support", "Chine-Asie centrale"
        return False
    start = group_start(doc, mention)
    words = re.findall(r"[\w']+", doc.shadow[max(0, start - 40) : start])
    module = doc.rules.module
    while words and words[-1] in module.DETERMINERS:
        words.pop()
    if not words:
        return True
    previous = words[-1]
    if mention.kind.startswith("pronoun") and previous in ("that", "que", "qu'"):
        return True  # "reaffirmed that they will…": a pronoun after "that" opens the clause
    if previous.endswith("'") and previous != "l'":
        previous = previous[-2:] if previous.endswith("d'") else previous
    return previous not in module.PREPOSITIONS and previous not in {"d'", "qu'"}


def group_start(doc: Document, mention: Mention) -> int:
    """Start of a group of names ("la Chine et le Kazakhstan") ending in `mention`."""
    start = mention.start
    if mention.kind == "joint":
        return start  # "au Kazakhstan, les deux présidents": both sides stand alone
    gap = doc.rules.group_gap
    mentions = doc.index.mentions
    for position in doc.index.before(mention.start):
        other = mentions[position]
        if other.end <= start and other.kind in ("party", "person"):
            if gap.match(doc.shadow[other.end : start]) and other.end > start - 30:
                start = other.start
            else:
                break
    return start


def group(doc: Document, mention: Mention) -> tuple[tuple[str, ...], int]:
    """Parties named by the coordinated group ending in `mention`, and where it starts."""
    start = group_start(doc, mention)
    parties: list[str] = []
    inside = doc.index.in_span(start, mention.end)
    for other in inside:
        if other.kind in ("party", "joint", "person"):
            parties.extend(p for p in other.parties if p not in parties)
    # "China and Uzbekistan": a group with a third country is not this dialogue's pledge.
    if any(not m.parties for m in inside if m.kind == "party"):
        return (), start
    return tuple(p for p in doc.parties if p in parties), start


def subject(doc: Document, window_start: int, cue_start: int, strict: bool):
    """The subject before a cue: (parties, clause start), None when there is none,
    "reject" when it is someone who is not a party (a third country), "pronoun" for a
    pronoun that stands for no party named in the clause ("il", "we")."""
    rules = doc.rules
    mentions = doc.index.in_span(window_start, cue_start)
    for mention in reversed(mentions):
        if mention.kind.startswith("pronoun"):
            if strict and not rules.filler.match(doc.shadow[mention.end : cue_start]):
                return None
            if not is_subject(doc, mention):
                continue
            if mention.kind == "pronoun-all":
                return doc.parties, mention.start
            # "The United States reaffirmed that it continues…": the pronoun stands for the
            # subject of the clause it depends on; "il", "he" alone: the speaker (None).
            antecedent = subject(doc, window_start, mention.start, strict=False)
            if isinstance(antecedent, tuple):
                return antecedent[0], mention.start
            return "pronoun"
        if not is_subject(doc, mention):
            if strict:
                return None
            continue
        gap = doc.shadow[mention.end : cue_start]
        if strict and not rules.filler.match(gap):
            return None
        # A relative or a new clause separates the name from the cue ("la Chine, qui…").
        if (
            re.search(rules.boundaries, gap)
            and not rules.filler.match(gap)
            and not re.fullmatch(r"[\s,]*(?:\w+[\s,]+){0,6}", gap)
        ):
            continue
        parties, start = group(doc, mention)
        if not parties:
            return "reject"
        return parties, start
    return None


def holder(doc: Document, match: re.Match) -> tuple[str, ...] | None:
    """Parties named in a cue's `holder` group ("the United States' support for")."""
    if "holder" not in match.re.groupindex or match.group("holder") is None:
        return None
    start, end = match.span("holder")
    parties = [
        p
        for m in doc.index.in_span(start, end)
        if m.kind in ("party", "person")
        for p in m.parties
    ]
    return tuple(p for p in doc.parties if p in parties) or None


def first_subject(doc: Document, window_start: int, end: int):
    """The first name that can be a subject in a clause (after its last "que"/"that")."""
    clause = window_start
    for boundary in _CLAUSE_OPENER.finditer(doc.shadow, window_start, end):
        clause = boundary.end()
    for mention in doc.index.in_span(clause, end):
        if mention.kind in ("party", "joint", "person") and is_subject(doc, mention):
            parties, start = group(doc, mention)
            return (parties, start) if parties else "reject"
    return None


def accept(
    doc: Document,
    cue: Cue,
    match: re.Match,
    window_start: int,
    previous: Found | None,
    said_by: tuple[str, ...] | None,
) -> Found | None:
    """The cue as a pledge with its parties, or None when it is not one (see the module doc)."""
    rules = doc.rules
    start, end = match.start(), match.end()
    window = doc.shadow[window_start:start]
    if governed_by_non_pledge(doc, window_start, start):
        return None
    if cue.then == "verb" and not verb_head(doc, end, linker(match), first=True):
        return None
    by: tuple[str, ...] | None = None
    clause_start = start
    coordination = re.search(rules.coordination_tail, window) if previous else None
    if previous is not None and coordination and coordination.start() < len(window):
        # "…, et est prêt à": the same subject goes on.
        by, clause_start = previous.by, window_start + coordination.start()
    else:
        coordination = re.search(rules.coordination_tail, window)
        found = None
        if coordination and coordination.start() < len(window):
            # "L'Ouzbékistan adhère au principe d'une seule Chine et s'engage à…": the
            # subject is the one of the clause's first verb, not the last name before "et".
            found = first_subject(doc, window_start, window_start + coordination.start())
        if found is None:
            found = subject(doc, window_start, start, strict=cue.strict)
        if found == "reject":
            return None
        if found == "pronoun":
            # "Nous devons…", "he will…": whoever speaks, when someone does.
            if cue.strict and not said_by:
                return None
        elif found is not None:
            by, clause_start = found
        elif cue.strict:
            return None
    named = holder(doc, match)
    if named:
        by = named  # "a réaffirmé le soutien de la France à…": the holder pledges
    if cue.by == "speaker":
        joint = by is not None and set(by) == set(doc.parties)
        if cue.strict:
            # "The two sides should…" commits whoever says it; "China should…" said by
            # Kazakhstan is a demand on China, not a pledge.
            if not joint and said_by and by and set(by) != set(said_by):
                return None
            by = said_by or by
        elif by is None or joint:
            # "appelant les deux parties à…": the call is the speaker's. With a named
            # subject ("Wang Yi called on both sides to…"), the subject is the caller.
            by = said_by or by
    if by is None:
        by = previous.by if previous else (said_by or doc.parties)
    if not by:
        return None
    return Found(cue, start, end, by, clause_start)
