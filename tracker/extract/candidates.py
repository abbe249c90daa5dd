"""Stage 5: accepted cues turned into candidate pledges, with an area and a framework.

What follows a cue is cut at the next cue, trimmed of attributions (", a ajouté
M. Nourtléou"), split into verb phrases, and each gets an area and a framework from
the keyword tables of `tracker.extract_rules`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tracker.extract.clauses import split_phrases
from tracker.extract.cues import cue_matches
from tracker.extract.deadlines import find_deadline
from tracker.extract.document import Document
from tracker.extract.folding import shadow as fold_text
from tracker.extract.parties import NAME_TOKEN
from tracker.extract.sentences import Sentence, list_marker
from tracker.extract.subjects import Found, accept, speaker
from tracker.extract_rules import FRAMEWORK_AREAS

KINDS = ("commitment", "proposal")


@dataclass
class Candidate:
    """One proposed pledge, with where it came from. Field order is the JSON order.

    `kind` is "commitment" (the party binds itself) or "proposal" (a call or suggestion
    by the party's minister); `cue` is the phrase that made it a pledge, as written;
    `due` is an ISO deadline read from the clause, or None.
    """

    quote: str
    text: str
    by: list[str]
    area: str | None
    framework: str | None
    sentence: int
    kind: str = "commitment"
    cue: str = ""
    due: str | None = None

    def to_dict(self) -> dict:
        """The candidate as a JSON-ready dict, fields in their documented order."""
        return {
            "quote": self.quote,
            "text": self.text,
            "by": list(self.by),
            "area": self.area,
            "framework": self.framework,
            "sentence": self.sentence,
            "kind": self.kind,
            "cue": self.cue,
            "due": self.due,
        }


def read(doc: Document, progress: Callable[[int], None] | None = None) -> list[Candidate]:
    """Every candidate of the document, in text order, without repeating a pledge's text.

    `progress`, when given, is called now and then with how many characters are read.
    """
    results: list[Candidate] = []
    seen: set[str] = set()
    said_by: tuple[str, ...] | None = None
    items = _list_items(doc)
    intro: Candidate | None = None  # the clause that opens the list being read
    for number, sentence in enumerate(doc.sentences, start=1):
        if progress is not None and number % 200 == 0:
            progress(sentence.start)
        if sentence.title:
            continue
        said_by = speaker(doc, sentence) or said_by
        found = sentence_candidates(doc, sentence, number, said_by)
        marker = items.get(number - 1)
        if marker is None:
            intro = None
        elif intro is not None and not found:
            # "The participants agreed on the following:" — each item is the intro's pledge.
            found = [c for c in [_item(doc, sentence, number, marker, intro)] if c is not None]
        if number in items and found and _opens_list(doc, sentence):
            # The line that introduces a list is not itself a pledge: its items are.
            intro = found.pop()
        for candidate in found:
            key = fold_text(candidate.text)
            if key not in seen:
                seen.add(key)
                results.append(candidate)
    return results


def _opens_list(doc: Document, sentence: Sentence) -> bool:
    return doc.text[sentence.start : sentence.end].rstrip().endswith(":")


def _list_items(doc: Document) -> dict[int, int]:
    """Sentence index → marker length, for the sentences that are list items.

    A number alone ("1." before a capital, cut off as a sentence of its own) makes the
    next sentence the item.
    """
    items: dict[int, int] = {}
    sentences = doc.sentences
    for index, sentence in enumerate(sentences):
        written = doc.text[sentence.start : sentence.end]
        if _LONE_MARKER.fullmatch(written) and index + 1 < len(sentences):
            items[index] = len(written)
            items[index + 1] = 0
        elif index not in items:
            length = list_marker(doc.text, sentence)
            if length:
                items[index] = length
    return items


_LONE_MARKER = re.compile(r"\(?(?:\d{1,2}|[a-z])[.)]")


def _item(
    doc: Document, sentence: Sentence, number: int, marker: int, intro: Candidate
) -> Candidate | None:
    """A list item as a pledge of the clause that introduced the list."""
    start = sentence.start + marker
    if start >= sentence.end:
        return None
    end = trim(doc, start, sentence.end)
    body = tidy(doc.text[start:end])
    if len(NAME_TOKEN.findall(body)) < 2:
        return None
    area, framework = classify(doc, doc.shadow[start:end], doc.cased[start:end])
    return Candidate(
        quote=doc.text[start:end].strip(),
        text=body[:1].upper() + body[1:],
        by=list(intro.by),
        area=area,
        framework=framework,
        sentence=number,
        kind=intro.kind,
        cue=intro.cue,
        due=find_deadline(doc.text[start:end], doc.date),
    )


def sentence_candidates(
    doc: Document, sentence: Sentence, number: int, said_by: tuple[str, ...] | None
) -> list[Candidate]:
    """The candidates of one sentence (`number` counts from 1, titles included)."""
    accepted: list[tuple[Found, re.Match]] = []
    window_start = sentence.start
    for cue, match in cue_matches(doc, sentence):
        if accepted and match.start() < accepted[-1][0].end:
            continue  # inside a cue already taken
        previous = accepted[-1][0] if accepted else None
        found = accept(doc, cue, match, window_start, previous, said_by)
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
            split_phrases(doc, found.end, body_end, found.cue, match)
        ):
            end = trim(doc, start, end)
            quote_start = found.start if piece_index == 0 else start
            candidate = _candidate(doc, found, quote_start, start, end, number, piece_index == 0)
            if candidate is not None:
                candidates.append(candidate)
    return candidates


def trim(doc: Document, start: int, end: int) -> int:
    """Drop trailing punctuation, conjunctions and attributions (", a ajouté M. Nourtléou")."""
    while True:
        # Both patterns end at the end of the clause and are short: search its tail only.
        tail = max(start, end - _TAIL_REACH)
        cut = doc.rules.trailing.search(doc.shadow, tail, end)
        if cut and cut.start() < end:
            end = cut.start()
            continue
        cut = doc.rules.attribution_tail.search(doc.shadow, tail, end)
        if cut and cut.start() > start:
            end = cut.start()
            continue
        return end


# How far back from a clause's end a trailing attribution is looked for.
_TAIL_REACH = 400


def _candidate(
    doc: Document,
    found: Found,
    quote_start: int,
    start: int,
    end: int,
    number: int,
    first: bool,
) -> Candidate | None:
    quote = doc.text[quote_start:end].strip()
    body = doc.text[start:end].strip()
    if not first:
        body = re.sub(
            r"^(?:(?:ainsi que|as well as|et|and) )?(?:de |d['’]|à |a |pour |to )",
            "",
            body,
            flags=re.IGNORECASE,
        )
    if found.cue.text in ("=", "infinitive"):
        cue_words = doc.text[found.start : found.end].strip()
        cue_words = re.sub(r"^(?:a|ont|has|have|had)\s+", "", cue_words, flags=re.IGNORECASE)
        if found.cue.text == "infinitive":
            cue_words = infinitive(doc, cue_words)
        body = f"{cue_words} {body}" if first else body
    elif found.cue.text and first:
        body = found.cue.text + body
    elif not first and found.cue.text == "infinitive":
        head, _, rest = body.partition(" ")
        body = f"{infinitive(doc, head)} {rest}".strip()
    body = tidy(body)
    if len(NAME_TOKEN.findall(body)) < 2:
        return None
    area, framework = classify(doc, doc.shadow[start:end], doc.cased[start:end])
    return Candidate(
        quote=quote,
        text=body[:1].upper() + body[1:],
        by=list(found.by),
        area=area,
        framework=framework,
        sentence=number,
        kind=found.cue.kind,
        cue=" ".join(doc.text[found.start : found.end].split()),
        due=find_deadline(doc.text[quote_start:end], doc.date),
    )


def infinitive(doc: Document, verb: str) -> str:
    """A future or conditional verb as its infinitive ("renforceront" → "renforcer")."""
    for ending, replacement in getattr(doc.rules.module, "FUTURE_ENDINGS", ()):
        changed, count = re.subn(ending + "$", replacement, verb)
        if count:
            return changed
    return verb


def classify(doc: Document, shadow: str, cased: str) -> tuple[str | None, str | None]:
    """Suggested (area, framework): keyword votes, and the first framework named."""
    framework, earliest = None, len(shadow) + 1
    plain = shadow
    for name, words, acronyms in doc.rules.frameworks:
        for pattern, surface in ((words, shadow), (acronyms, cased)):
            if pattern is None:
                continue
            match = pattern.search(surface)
            if match and match.start() < earliest:
                framework, earliest = name, match.start()
            # Framework names ("la Ceinture et la Route") must not vote for an area.
            plain = _blank(pattern, surface, plain)
    scores = [
        (sum(len(p.findall(plain)) for p in patterns), area) for area, patterns in doc.rules.areas
    ]
    best = max(scores, key=lambda pair: pair[0], default=(0, None))
    area = best[1] if best[0] > 0 else FRAMEWORK_AREAS.get(framework or "")
    return area, framework


def tidy(text: str) -> str:
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
