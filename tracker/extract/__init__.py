"""Readout text → candidate pledges: a rule-based, offline extractor for French and English.

Use it as:

    from tracker.extract import extract
    for candidate in extract(text, dialogue):          # dialogue: the dialogue record (a dict)
        print(candidate.to_dict())

One module per stage, in the order they run (each usable alone):

- `language`   — `detect_language`: French or English, by frequent words.
- `sentences`  — `sentence_spans`, `split_sentences`: sentences and title lines; never
                 breaks on "M.", "Mr.", "U.S.".
- `clauses`    — `split_phrases`: what follows a cue, cut into coordinated verb phrases.
- `cues`       — `cue_matches`: the cue phrases of commitment in a sentence.
- `parties`    — `PartyIndex`: where parties, both sides, people and pronouns are named.
- `subjects`   — `speaker`, `accept`: who makes each pledge (subject, speaker, both sides).
- `candidates` — `read`, `Candidate`: accepted cues as candidates with area and framework.

Support: `folding` (the folded matching surface), `rules` (the language data compiled),
`document` (a text prepared once for every stage). All the language itself — cue
phrases, country forms, keywords — lives in `tracker.extract_rules`; add a cue there.
Nothing here does I/O or raises on odd input: any text gives a (possibly empty) list.
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.extract.candidates import KINDS, Candidate, read
from tracker.extract.document import Document
from tracker.extract.language import LANGUAGES, detect_language, resolve_language
from tracker.extract.rules import compiled
from tracker.extract.sentences import split_sentences

__all__ = [
    "KINDS", "LANGUAGES", "Candidate", "Document", "detect_language", "extract", "split_sentences",
]


def extract(
    text: str,
    dialogue: dict,
    lang: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> list[Candidate]:
    """Candidate pledges in a readout's `text`, in the order they appear.

    `dialogue` is the dialogue record: `parties` (required for attribution) and
    `participants` (`[{name, role, party}]`, optional) are read. `lang` is "fr",
    "en" or "auto" (detected from frequent words). Each candidate's `by` lists
    party names as spelled in `dialogue["parties"]`; `dialogue["date"]` (ISO) is the day
    relative deadlines ("within three years") count from. `progress`, when given, is
    called now and then with (characters read, characters in all); the whole text is
    always read.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    if not isinstance(dialogue, dict):
        dialogue = {}
    document = Document(text, dialogue, compiled(resolve_language(text, lang)))
    report = None if progress is None else (lambda done: progress(done, len(text)))
    found = read(document, report)
    if progress is not None:
        progress(len(text), len(text))
    return found
