"""Stage 3: cue phrases of commitment in a sentence, and the phrases that cancel them.

The cue phrases themselves are language data: `tracker.extract_rules.<lang>.COMMITMENTS`
(add a cue there); phrases of praise, fact or exchange of views are `NON_PLEDGES`.
"""

from __future__ import annotations

import re

from tracker.extract.document import Document
from tracker.extract.rules import Cue
from tracker.extract.sentences import Sentence


def cue_matches(doc: Document, sentence: Sentence) -> list[tuple[Cue, re.Match]]:
    """Every cue phrase in the sentence: earlier first, and the longer of two at one place first."""
    matches = []
    shadow = doc.shadow
    for cue in doc.rules.cues:
        position = sentence.start
        while (m := cue.regex.search(shadow, position, sentence.end)) is not None:
            before = shadow[m.start() - 1] if m.start() else " "
            if before.isalnum() or before == "_":
                position = m.start() + 1  # inside a word: a cue starts a word, look further
                continue
            matches.append((cue, m))
            position = max(m.end(), m.start() + 1)
    # The shorter of two cues at one place is tried only if the longer is refused
    # ("œuvreront à la mise en œuvre" → "œuvreront").
    matches.sort(key=lambda pair: (pair[1].start(), -pair[1].end()))
    return matches


def governed_by_non_pledge(doc: Document, window_start: int, cue_start: int) -> bool:
    """Whether praise, a fact or an exchange of views governs the cue ("a salué…")."""
    for negative in doc.rules.non_pledges.finditer(doc.shadow, window_start, cue_start):
        between = doc.shadow[negative.end() : cue_start]
        if not re.search(doc.rules.boundaries, between):
            return True
    return False
