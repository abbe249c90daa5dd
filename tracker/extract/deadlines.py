"""A pledge's deadline read from its own clause ("by 2030", « d'ici la fin de l'année »).

The words are read by `tracker.dates.parse_deadline`, the one date grammar of the
tracker; relative forms ("within three years") count from the dialogue's date, and
are left out when the dialogue has none. Words that name no day ("by the next
summit") give no deadline.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from tracker.errors import InvalidValue

# Where a deadline may start, and the words it may hold (a cheap filter before parsing).
_LEAD = re.compile(
    r"(?<!\w)(?:by|before|until|till|no later than|not later than|within|in|"
    r"d'ici|d’ici|avant|au plus tard|dans|jusqu'|jusqu’|en)(?!\w)",
    re.IGNORECASE,
)
_TIME_WORD = re.compile(
    r"\d|\b(?:years?|months?|quarters?|half|end|mid|weeks?|days?|summer|winter|spring|autumn|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|ans?|ann[ée]es?|mois|trimestres?|semestres?|fin|semaines?|jours?|janvier|"
    r"f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\b",
    re.IGNORECASE,
)
_MAX_WORDS = 7
# Two far-apart days: a relative deadline reads differently from each, an absolute one does not.
_PROBES = (date(2001, 1, 1), date(2011, 7, 1))


@lru_cache(maxsize=4096)
def _parse(words: str, base: date | None) -> date | None:
    from tracker.dates import parse_deadline

    try:
        if base is not None:
            return parse_deadline(words, base=base)
        first, second = (parse_deadline(words, base=probe) for probe in _PROBES)
        return first if first == second else None
    except (InvalidValue, ValueError, OverflowError):
        return None


def find_deadline(clause: str, base: date | None) -> str | None:
    """The ISO deadline the clause names, or None (the longest phrase that reads as one)."""
    for lead in _LEAD.finditer(clause):
        rest = clause[lead.start() :]
        words = re.findall(r"\S+", rest)[:_MAX_WORDS]
        if not _TIME_WORD.search(" ".join(words[1:])):
            continue
        for count in range(len(words), 1, -1):
            phrase = " ".join(words[:count]).rstrip(",;:.»\")")
            found = _parse(phrase, base)
            if found is not None:
                return found.isoformat()
    return None


def dialogue_date(dialogue: dict) -> date | None:
    """The dialogue's date, when it has a valid ISO one."""
    value = dialogue.get("date")
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
