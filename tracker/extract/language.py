"""Which language a readout is written in: French or English, by their frequent words."""

from __future__ import annotations

import re

from tracker.extract.folding import shadow
from tracker.extract_rules import en, fr
from tracker.model import fold

LANGUAGES = ("fr", "en")

_FR_WORDS = frozenset(fold(w) for w in fr.STOPWORDS)
_EN_WORDS = frozenset(fold(w) for w in en.STOPWORDS)


def detect_language(text: str) -> str:
    """'fr' or 'en', by which language's frequent words the text uses more (English on a tie)."""
    words = re.findall(r"[a-z]+", shadow(text))
    fr_count = sum(1 for w in words if w in _FR_WORDS)
    en_count = sum(1 for w in words if w in _EN_WORDS)
    return "fr" if fr_count > en_count else "en"


def resolve_language(text: str, lang: str) -> str:
    """`lang` when it is "fr" or "en"; otherwise the language detected in `text`."""
    return lang if lang in LANGUAGES else detect_language(text)
