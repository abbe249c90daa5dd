"""Stage 2c: what else a sentence gives — the event's date, a completion figure, a sum."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s+{_MONTH}(?:,?\s+(\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6, "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3,
             "vendredi": 4, "samedi": 5, "dimanche": 6}
_WEEKDAY = re.compile(r"\b(?:on|last|ce|le|this)\s+(" + "|".join(_WEEKDAYS) + r")\b(?!\s*,?\s*\d)")
_YEAR_ONLY = re.compile(r"\b(?:in|en|since|depuis|during|durant|of|de)\s+((?:19|20)\d{2})\b")


@dataclass
class Dated:
    day: date | None  # a full date the sentence gives
    year: int | None  # a year alone ("in 2023"): used to tell an old event from a new one
    start: int


def dates_in(normalised: str, ref: date) -> list[Dated]:
    """Dates a sentence gives; a day and month without a year is the latest not after `ref`."""
    found: list[Dated] = []
    for match in _ISO.finditer(normalised):
        day = _safe_date(int(match[1]), int(match[2]), int(match[3]))
        if day:
            found.append(Dated(day, day.year, match.start()))
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for match in pattern.finditer(normalised):
            month = _MONTHS[match[month_group]]
            year = int(match[3]) if match[3] else None
            day = _with_year(int(match[day_group]), month, year, ref)
            if day:
                found.append(Dated(day, day.year, match.start()))
    for match in _WEEKDAY.finditer(normalised):
        # "on Sunday" in a dated report: the last such day on or before the report.
        back = (ref.weekday() - _WEEKDAYS[match[1]]) % 7
        found.append(Dated(ref - timedelta(days=back), None, match.start()))
    days = [(d.start, d.start + 16) for d in found]  # a full date's reach (month year)
    for match in _MONTH_YEAR.finditer(normalised):
        if any(start <= match.start() < end for start, end in days):
            continue  # the "March 2026" of "3 March 2026"
        found.append(Dated(_in_month(int(match[2]), _MONTHS[match[1]], ref), int(match[2]),
                           match.start()))
    for match in _YEAR_ONLY.finditer(normalised):
        found.append(Dated(None, int(match[1]), match.start()))
    return found


def _in_month(year: int, month: int, ref: date) -> date | None:
    """The day an event "in January 2026" is known to have happened by: the month's last
    day, or the text's own date within that month; None for a month still to come."""
    if not 1 <= year <= 9999 or date(year, month, 1) > ref:
        return None
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return min(following - timedelta(days=1), ref)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(day: int, month: int, year: int | None, ref: date) -> date | None:
    if year is not None:
        return _safe_date(year, month, day)
    this_year = _safe_date(ref.year, month, day)
    if this_year and this_year <= ref:
        return this_year
    return _safe_date(ref.year - 1, month, day)


PERCENT_DONE = re.compile(
    r"\b(\d{1,3})\s?(?:%|per ?cent|percent|pour ?cent)\s+(?:complete|completed|done|finished|"
    r"built|ready|of the (?:work|works|construction|project|target|plan|goal))\b|"
    r"\b(?:achevee?s?|realisee?s?|construite?s?) a (\d{1,3})\s?(?:%|pour ?cent)")
MONEY = re.compile(
    r"(?:(?:us\s?)?\$|usd\s?|eur\s?|€)\s?\d[\d.,]*\s?(?:billion|million|trillion|bn|mn|m|b)?\b|"
    r"\b\d[\d.,]*\s?(?:billion|million|milliards?|millions?)\s?(?:de\s)?(?:dollars|usd|euros|yuan)?",
    re.IGNORECASE)


