"""The matching surface: text folded character by character (lower case, no accents, plain quotes).

Matching runs on a "shadow" of the text that is exactly as long as the text, so a
match's offsets cut the quote out of the original, accents and all.
"""

from __future__ import annotations

import re
import unicodedata

_PLAIN = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2011": "-",
    "\u2010": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\t": " ",
}

_FOLDED: dict[tuple[str, bool], str] = {}


def _fold_char(ch: str, lower: bool) -> str:
    plain = _PLAIN.get(ch)
    if plain is not None:
        return plain
    if lower:
        low = ch.lower()
        ch = low if len(low) == 1 else ch  # "İ".lower() is two characters: keep the length
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base and not unicodedata.combining(base) else ch


def shadow(text: str, lower: bool = True) -> str:
    """The text folded character by character (same length): the surface all rules match on."""
    if text.isascii():
        # The common case, in one C call: only the tab and the backtick change (and the case).
        plain = text.replace("\t", " ").replace("`", "'")
        return plain.lower() if lower else plain
    # Fold each distinct character once, then translate the whole text in one C call.
    table = {}
    for ch in set(text):
        key = (ch, lower)
        out = _FOLDED.get(key)
        if out is None:
            out = _FOLDED[key] = _fold_char(ch, lower)
        if out != ch:
            table[ord(ch)] = out
    return text.translate(table)


def fold_pattern(pattern: str) -> str:
    """Fold a rule pattern like the text, but keep its case (so `\\S` stays `\\S`)."""
    return "".join(_fold_char(ch, lower=False) for ch in pattern)


def is_acronym(alias: str) -> bool:
    """Whether a name is written in capitals ("UN", "SCO"): such names match case-sensitively."""
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def alternation(words: list[str]) -> str:
    """A regex matching any of `words` as whole words, longest first."""
    unique = sorted({w for w in words if w}, key=len, reverse=True)
    return r"(?<![\w])(?:" + "|".join(re.escape(w) for w in unique) + r")(?![\w])"
