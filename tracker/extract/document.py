"""A readout prepared once for every stage: its folded forms, sentences and party index."""

from __future__ import annotations

from tracker.extract.deadlines import dialogue_date
from tracker.extract.folding import shadow
from tracker.extract.parties import PartyIndex
from tracker.extract.rules import Rules
from tracker.extract.sentences import sentence_spans


class Document:
    """The text, its folded surfaces (same length), its sentences and where parties are named."""

    def __init__(self, text: str, dialogue: dict, rules: Rules):
        self.text = text
        self.rules = rules
        self.shadow = shadow(text)
        self.cased = shadow(text, lower=False)
        self.sentences = sentence_spans(text, self.shadow, self.cased)
        self.index = PartyIndex(text, self.shadow, self.cased, dialogue, rules, self.sentences)
        self.parties = tuple(self.index.parties)
        self.date = dialogue_date(dialogue)  # relative deadlines count from it
