"""Stage 1: the text cut into sentences; a line without final punctuation is a title.

Periods of abbreviations ("M.", "Mr.", "U.S.", an initial) do not end a sentence.
Every step looks at a bounded window around each line or period: linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.folding import shadow as fold_text
from tracker.extract_rules import en, fr

_SENTENCE_END = re.compile(r"[.!?]+[\"')\]»”]*(?=\s+[\"'(«“]?[^\W\d_a-z]|\s+\d|\s*$)")
_TERMINAL = re.compile(r"[.!?:;\"'»”)\]]\s*$")
# A list item's marker at the start of a line: "•", "-", "–", "*", "1.", "2)", "a)", "(b)".
BULLET = re.compile(r"\s*(?:[•·▪◦●■□➢►*\-–—]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))(?=\s)\s*")
_LAST_TOKEN = re.compile(r"(?:(?<=\s)|^|(?<=[(\"']))([\w.\-]+)$")
# How far back from a period an abbreviation is looked for (no abbreviation is longer).
_ABBREVIATION_REACH = 80
_ABBREVIATIONS = frozenset(fold_text(a) for a in (*fr.ABBREVIATIONS, *en.ABBREVIATIONS))


@dataclass
class Sentence:
    """A sentence's span in the text; a title is counted but not searched for pledges."""

    start: int
    end: int
    title: bool


def list_marker(text: str, sentence: Sentence) -> int:
    """Length of the list marker opening the sentence at the start of its line ("• ", "2) "),
    or 0 when the sentence is not a list item."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    if text[line_start : sentence.start].strip():
        return 0
    match = BULLET.match(text, sentence.start, sentence.end)
    return match.end() - sentence.start if match else 0


def _abbreviation_before(shadow: str, dot: int) -> bool:
    """Whether the period at `dot` ends an abbreviation ("M.", "Mr.", "U.S.", an initial)."""
    match = _LAST_TOKEN.search(shadow, max(0, dot - _ABBREVIATION_REACH), dot)
    if not match:
        return False
    token = match.group(1)
    if token in _ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha():  # an initial: "J. Smith"
        return True
    # Dotted acronyms and compound abbreviations: "u.s", "j.-c", "e.g".
    return bool(re.fullmatch(r"(?:\w{1,2}\.)+\w{1,2}", token) or re.fullmatch(r"\w\.-\w", token))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(
    text: str, shadow: str | None = None, cased: str | None = None
) -> list[Sentence]:
    """Every sentence and title of `text`, in order (`shadow`, `cased`: its folded forms)."""
    shadow = fold_text(text) if shadow is None else shadow
    # A sentence starts with a capital: the case-keeping surface tells.
    cased = fold_text(text, lower=False) if cased is None else cased
    sentences: list[Sentence] = []
    lines = text.split("\n")
    # A title needs text after it: the last line with any text is never one.
    last_with_text = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    line_start = 0
    for index, line in enumerate(lines):
        line_end = line_start + len(line)
        stripped = line.strip()
        if stripped:
            # A line without final punctuation followed by more text is a title or heading.
            is_title = (
                not _TERMINAL.search(stripped)
                and not BULLET.match(stripped)
                and len(stripped.split()) <= 25
                and index < last_with_text
            )
            if is_title:
                sentences.append(Sentence(*strip_span(text, line_start, line_end), title=True))
            else:
                start = line_start
                for match in _SENTENCE_END.finditer(cased, line_start, line_end):
                    if match.group().startswith(".") and _abbreviation_before(
                        shadow, match.start()
                    ):
                        continue
                    if text[start : match.end()].strip():
                        sentences.append(
                            Sentence(*strip_span(text, start, match.end()), title=False)
                        )
                    start = match.end()
                if text[start:line_end].strip():
                    sentences.append(Sentence(*strip_span(text, start, line_end), title=False))
        line_start = line_end + 1
    return sentences


def split_sentences(text: str, lang: str = "auto") -> list[str]:
    """The text's sentences in order (a title line counts as one); never splits "M. Wang".

    `lang` is accepted for symmetry with `extract`: both languages split the same way.
    """
    return [text[s.start : s.end] for s in sentence_spans(text)]
