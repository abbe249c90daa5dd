"""Dates and periods: the one place that parses what users type (SPEC §4, Dates)."""

from __future__ import annotations

import calendar
import os
import re
from datetime import UTC, date, datetime, timedelta

from tracker.errors import InvalidValue

DATE_FORMS = (
    "ISO (2025-06-30), written (30 June 2025, June 2025), or relative "
    "(today, yesterday, tomorrow, +3d, +2w, +6m, +1y, -1m, eom, eoq, eoy)"
)
PERIOD_FORMS = "a number and a unit: 30d, 6w, 3m or 1y"

_RELATIVE = re.compile(r"^([+-])(\d{1,5})([dwmy])$")
_PERIOD = re.compile(r"^(\d{1,5})([dwmy])$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")

# Month names a French or English readout uses; dateutil knows only English.
_FRENCH_MONTHS = {
    "janvier": "January", "février": "February", "fevrier": "February", "mars": "March",
    "avril": "April", "mai": "May", "juin": "June", "juillet": "July", "août": "August",
    "aout": "August", "septembre": "September", "octobre": "October",
    "novembre": "November", "décembre": "December", "decembre": "December",
    "janv": "January", "févr": "February", "fevr": "February", "avr": "April",
    "juil": "July", "sept": "September", "oct": "October", "nov": "November", "déc": "December",
}
_FRENCH_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿ]+", re.IGNORECASE)


def today() -> date:
    """Today's date; `TRACKER_TODAY` pins it for reproducible reports and tests."""
    pinned = os.environ.get("TRACKER_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise InvalidValue(
                f"TRACKER_TODAY={pinned!r} is not an ISO date (YYYY-MM-DD)") from None
    return date.today()


def now_timestamp() -> str:
    """The current moment as an ISO 8601 UTC timestamp, to the second."""
    return datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    if not 1 <= year <= 9999:
        raise InvalidValue("that date falls outside the years 1–9999")
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, amount: int, unit: str) -> date:
    """`day` moved by `amount` days, weeks, months or years (unit d/w/m/y)."""
    try:
        if unit == "d":
            return day + timedelta(days=amount)
        if unit == "w":
            return day + timedelta(weeks=amount)
    except OverflowError:
        raise InvalidValue("that date falls outside the years 1–9999") from None
    return _add_months(day, amount * (12 if unit == "y" else 1))


def _checked(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue(f"{text!r} is not a real date (use {DATE_FORMS})") from None


def parse_date(text: str, *, deadline: bool = False, base: date | None = None) -> date:
    """Parse a user's date. With `deadline`, a bare month or year means its last day."""
    raw = text.strip()
    lowered = raw.lower()
    if not raw:
        raise InvalidValue(f"empty date (use {DATE_FORMS})")
    ref = base or today()
    named = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if lowered in named:
        return ref + timedelta(days=named[lowered])
    if lowered == "eom":
        return end_of_month(ref)
    if lowered == "eoq":
        return end_of_month(date(ref.year, ((ref.month - 1) // 3) * 3 + 3, 1))
    if lowered == "eoy":
        return date(ref.year, 12, 31)
    if match := _RELATIVE.match(lowered):
        sign, amount, unit = match.groups()
        return shift(ref, int(amount) * (-1 if sign == "-" else 1), unit)
    if match := _ISO_DAY.match(raw):
        return _checked(*(int(part) for part in match.groups()), raw)
    if match := _ISO_MONTH.match(raw):
        first = _checked(int(match[1]), int(match[2]), 1, raw)
        return end_of_month(first) if deadline else first
    if match := _YEAR.match(raw):
        year = int(match[1])
        return _checked(year, 12, 31, raw) if deadline else _checked(year, 1, 1, raw)
    if match := _NUMERIC.match(raw):
        return _parse_numeric(raw, *match.groups())
    if not any(ch.isalpha() for ch in raw):
        raise InvalidValue(f"cannot read {raw!r} as a date (use {DATE_FORMS})")
    return _parse_written(raw, deadline)


def _parse_numeric(raw: str, first: str, second: str, third: str) -> date:
    if len(first) == 4:  # 2025/06/30: year first is never ambiguous
        return _checked(int(first), int(second), int(third), raw)
    if len(third) != 4:
        raise InvalidValue(
            f"{raw!r} has a two-digit year or an unclear order; write it as ISO, e.g. 2025-06-30"
        )
    a, b, year = int(first), int(second), int(third)
    if a <= 12 and b <= 12 and a != b:
        raise InvalidValue(
            f"{raw!r} is ambiguous: day and month could be swapped; write it as ISO "
            f"({year:04d}-{b:02d}-{a:02d} or {year:04d}-{a:02d}-{b:02d})"
        )
    if a > 12:  # 31/12/2025
        return _checked(year, b, a, raw)
    return _checked(year, a, b, raw)  # 12/31/2025 (or 05/05/2025)


def _parse_written(raw: str, deadline: bool) -> date:
    from dateutil import parser as dateutil_parser

    english = _FRENCH_WORD.sub(
        lambda m: _FRENCH_MONTHS.get(m.group(0).lower().rstrip("."), m.group(0)), raw
    )
    english = re.sub(r"\b1er\b", "1", english, flags=re.IGNORECASE)
    # Parse twice with different defaults to learn which parts the text gave.
    first_default = datetime(2000, 1, 1)
    other_default = datetime(2001, 2, 2)
    try:
        one = dateutil_parser.parse(english, default=first_default)
        two = dateutil_parser.parse(english, default=other_default)
    except (ValueError, OverflowError):
        raise InvalidValue(f"cannot read {raw!r} as a date (use {DATE_FORMS})") from None
    if one.year != two.year:
        raise InvalidValue(f"{raw!r} has no year; add one, e.g. 30 June 2025")
    if one.month != two.month:
        raise InvalidValue(f"{raw!r} has a day but no month (use {DATE_FORMS})")
    if one.day != two.day:  # "June 2025"
        first = date(one.year, one.month, 1)
        return end_of_month(first) if deadline else first
    return one.date()


def parse_period(text: str) -> tuple[int, str]:
    """Parse a period such as `30d` or `6m` into (amount, unit)."""
    match = _PERIOD.match(text.strip().lower())
    if not match or int(match[1]) == 0:
        raise InvalidValue(f"cannot read {text!r} as a period (use {PERIOD_FORMS})")
    return int(match[1]), match[2]


def period_before(text: str, ref: date | None = None) -> date:
    """The date one period before `ref` (today by default)."""
    amount, unit = parse_period(text)
    return shift(ref or today(), -amount, unit)


def period_after(text: str, ref: date | None = None) -> date:
    """The date one period after `ref` (today by default)."""
    amount, unit = parse_period(text)
    return shift(ref or today(), amount, unit)


def iso_date(text: str, field: str) -> str:
    """Check that a stored or imported value is an ISO date; return it unchanged."""
    if not isinstance(text, str) or not _ISO_DAY.match(text):
        raise InvalidValue(f"{field} must be an ISO date (YYYY-MM-DD), got {text!r}")
    _checked(*(int(part) for part in _ISO_DAY.match(text).groups()), text)
    return text
