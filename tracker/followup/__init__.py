"""A later text → proposed progress updates on pledges already recorded (pure, no I/O).

Use it as:

    from tracker.followup import read
    for proposal in read(text, pledges, dialogues, default_date=date(2025, 6, 18)):
        print(proposal.to_dict())

The reading shares the extractor's first stages (`tracker.extract`): the folded
surface, sentences and titles, the language, and where parties, both sides and
people are named. Then, one module per stage:

- `lexicon`  — the domain's concepts in both languages (`extract_rules/terms.py`),
               and leaders and regions, looked up as runs of words (linear);
- `events`   — what happened (`extract_rules/events.py`: held, signed, grew,
               postponed, cancelled), and the promises ("agreed to", "will be")
               whose events are echoes, not evidence;
- `evidence` — the event's own date, a completion figure, a sum;
- `matching` — each sentence held against the pledges sharing one of its concepts
               (an inverted index), scored, given a status, an actor and a note.

Per pledge, the strongest sentence becomes one `Proposal`. To add a term or a cue,
edit the data modules in `tracker/extract_rules/`, not this package.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from datetime import date

from tracker.extract.language import detect_language
from tracker.followup.events import events_in
from tracker.followup.evidence import dates_in
from tracker.followup.lexicon import Lexicon, concepts_in, extras_lexicon
from tracker.followup.matching import (
    OPEN_STATUSES,
    WORD,
    Mention,
    PledgeProfile,
    Proposal,
    Sentence,
    already_recorded,
    keywords,
    match,
    profile,
)

__all__ = ["Proposal", "read"]

_LOCATIVE = re.compile(r"\b(?:in|at|to|into|via|near|a|en|au|aux|dans|vers)\s+"
                       r"(?:the\s+|la\s+|le\s+|l')?$")
_PLACE_COMMA = re.compile(r"\b(?:in|at|a|en|dans)\s+[\w'-]+(?:\s[\w'-]+)?,\s*$")
_OTHER = ""  # a country that is none of the pledges' parties


def read(text: str, pledges: list[dict], dialogues: dict[str, dict], *, lang: str = "auto",
         default_date: date, source: str | None = None) -> list[Proposal]:
    """Proposals for `pledges` from a later `text`: at most one per pledge, strongest first.

    `dialogues` maps dialogue ids to records (their date, parties and participants
    are read). Events the text does not date take `default_date`, and a day and
    month without a year is the latest one not after it.
    """
    if not isinstance(text, str) or not text.strip() or not pledges:
        return []
    from tracker.extract import Document
    from tracker.extract.language import resolve_language
    from tracker.extract.rules import compiled

    language = resolve_language(text, lang)
    profiles = [profile(p, dialogues.get(p.get("dialogue"))) for p in pledges]
    index: dict[str, list[PledgeProfile]] = defaultdict(list)
    for item in profiles:
        for concept in item.concepts:
            index[concept].append(item)
    rarity = {c: math.log(1 + len(profiles) / len(items)) for c, items in index.items()}
    for item in profiles:
        item.total = sum(w * rarity[c] for c, w in item.concepts.items() if not c.startswith(WORD))
        item.word_total = sum(w * rarity[c] for c, w in item.concepts.items()
                              if c.startswith(WORD))

    document = Document(text, _everyone(pledges, dialogues), compiled(language))
    best: dict[int, Proposal] = {}
    context: frozenset[str] = frozenset()
    topic: dict[str, list[int]] = {}  # what the title and the lead are about
    lead_read = False
    lead_date: date | None = None  # the first date the opening sentences give
    opening = 3
    for number, span in enumerate(document.sentences, start=1):
        sentence = _analyse(document, span, number, language, default_date, context)
        context = sentence.context
        if not lead_read:
            for concept in sentence.concepts:
                topic.setdefault(concept, [0])
            lead_read = not sentence.title
        if opening and not sentence.title:
            opening -= 1
            if lead_date is None:
                lead_date = next((d.day for d in dates_in(sentence.normalised, default_date)
                                  if d.day is not None), None)
        if sentence.events and not sentence.concepts and topic:
            # "During the meeting, the delegations signed cooperation documents": the
            # meeting is the one the title and the lead are about.
            sentence.concepts = {c: [e.start for e in sentence.events] for c in topic}
            sentence.borrowed = True
        if not sentence.events or not sentence.concepts:
            continue
        candidates = {id(p): p for c in sentence.concepts for p in index.get(c, ())}
        for item in candidates.values():
            proposal = match(sentence, item, rarity, default_date, source, language)
            if proposal is None:
                continue
            held = best.get(proposal.pledge)
            if held is None or (proposal.score, proposal.dated) > (held.score, held.dated):
                best[proposal.pledge] = proposal
    proposals = list(best.values())
    for proposal in proposals:
        # A headline's news is dated in the first paragraph under it ("ALMATY, April
        # 25 —"; "on Sunday"). Any other undated sentence takes the text's own date: a
        # date in an earlier sentence belongs to that sentence's event, not to this one.
        if proposal.headline and not proposal.dated and lead_date is not None:
            proposal.date = lead_date.isoformat()
    by_id = {p["id"]: p for p in pledges}
    for proposal in proposals:
        proposal.already_recorded = already_recorded(proposal, by_id[proposal.pledge])
    # Strongest first; among equals, open pledges before settled ones, then by id.
    proposals.sort(key=lambda p: (-p.score, by_id[p.pledge].get("status") not in OPEN_STATUSES,
                                  p.pledge))
    return proposals


def _everyone(pledges: list[dict], dialogues: dict[str, dict]) -> dict:
    """One dialogue-shaped record naming every party and participant the pledges involve."""
    parties: dict[str, None] = {}
    participants = []
    for dialogue in dialogues.values():
        parties.update(dict.fromkeys(dialogue.get("parties") or ()))
        participants.extend(dialogue.get("participants") or ())
    for pledge in pledges:
        parties.update(dict.fromkeys(pledge.get("by") or ()))
    return {"parties": list(parties), "participants": participants}


def _analyse(document, span, number: int, lang: str, ref: date,
             context: frozenset[str]) -> Sentence:
    normalised = document.shadow[span.start:span.end]
    raw = document.text[span.start:span.end]
    if len(raw.split()) >= 6:
        # A text may quote the other language: read each sentence in its own.
        lang = detect_language(raw)
    events = events_in(normalised, lang, title=span.title)
    mentions = _mentions(document, span, normalised)
    named = frozenset(m.party for m in mentions if not m.joint)
    concepts = concepts_in(raw)
    for word, start in keywords(raw).items():
        concepts.setdefault(WORD + word, [start])
    return Sentence(
        number=number, text=" ".join(raw.split()), normalised=normalised,
        concepts=concepts, events=events, mentions=mentions,
        context=named or context, dates=dates_in(normalised, ref) if events else [],
        title=span.title,
    )


def _mentions(document, span, normalised: str) -> list[Mention]:
    """Who the sentence names: the extractor's party index, plus leaders and regions."""
    found: list[Mention] = []

    def add(parties, start: int, end: int, joint: bool = False) -> None:
        before = normalised[max(0, start - 40):start]
        # "in Astana", "Tianjin, China", "the Urumqi–Astana flight" and "the China–Central
        # Asia summit" name places or formats, not doers.
        locative = bool(_LOCATIVE.search(before[-12:]) or _PLACE_COMMA.search(before)
                        or before.endswith("-") or normalised[end:end + 1] == "-")
        for party in parties or (_OTHER,):
            found.append(Mention(party, start, locative, joint))

    for mention in document.index.in_span(span.start, span.end):
        if mention.kind in ("party", "person"):
            add(mention.parties, mention.start - span.start, mention.end - span.start)
        elif mention.kind == "joint":
            add(document.parties, mention.start - span.start, mention.end - span.start,
                joint=True)
    cased = document.cased[span.start:span.end]
    lexicon: Lexicon = extras_lexicon()
    for start, end, countries in lexicon.spans(cased):
        add(countries, start, end)
    return found
