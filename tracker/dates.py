"""Dates and periods: the one place that parses what users type (SPEC §4, Dates)."""

from __future__ import annotations

import calendar
import os
import re
from datetime import UTC, date, datetime, timedelta

from tracker.errors import InvalidValue

DATE_FORMS = (
    "ISO (2025-06-30), written (30 June 2025), a period (June 2025, Q3 2027, H1 2027, "
    "end of 2025, mid-2026) or relative (today, +3d, +6m, -1m, next month, eoq)"
)
PERIOD_FORMS = "a number and a unit: 30d, 6w, 3m or 1y"
_RELATIVE = re.compile(r"^([+-])(\d{1,5})([dwmy])$", re.ASCII)
_PERIOD = re.compile(r"^(\d{1,5})([dwmy])$", re.ASCII)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)
_YEAR = re.compile(r"^(\d{4})$", re.ASCII)
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$", re.ASCII)

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


_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})",
                        re.ASCII)


def check_timestamp(value: object, field: str) -> str:
    """A stored or imported ISO 8601 timestamp with its zone (`2025-03-01T09:30:00Z`),
    checked as a real moment, returned unchanged."""
    if isinstance(value, str) and _TIMESTAMP.fullmatch(value):
        try:
            datetime.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise InvalidValue(f"{field} must be an ISO 8601 timestamp such as "
                       f"2025-03-01T09:30:00Z, got {value!r}")


def days_from(day: date, days: int) -> date:
    """`day` moved by `days`, stopping at the calendar's ends (years 1 and 9999).

    A window around a date (the 90 days after a report's cut-off, the day before
    its start) at the edge of the calendar is cut short there, not an error.
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


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
    """Parse a user's date. With `deadline`, a period (a month, Q3 2027, next year…)
    means its last day; otherwise its first."""
    raw = text.strip()
    lowered = raw.lower()
    if not raw:
        raise InvalidValue(f"empty date (use {DATE_FORMS})")
    if any(ch.isnumeric() and not ch.isascii() for ch in raw):
        # int() and dateutil read other scripts' digits, but stored dates must compare
        # as text (`--overdue`, `--due-before`): one set of digits everywhere.
        raise InvalidValue(f"{raw!r}: write dates with the digits 0-9")
    ref = base or today()
    named = {"today": 0, "yesterday": -1, "tomorrow": 1,
             "aujourd'hui": 0, "aujourd’hui": 0, "hier": -1, "demain": 1}
    if lowered in named:
        return shift(ref, named[lowered], "d")
    if lowered == "eom":
        return end_of_month(ref)
    if lowered == "eoq":
        return _period_bounds("quarter", ref)[1]
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
    if _PERIOD.match(lowered):
        raise InvalidValue(
            f"{raw!r} is a length of time, not a date; write +{lowered} for that long "
            f"from today (or -{lowered} for that long ago)"
        )
    if not any(ch.isalpha() for ch in raw):
        raise InvalidValue(f"cannot read {raw!r} as a date (use {DATE_FORMS})")
    if match := _WITHIN.match(re.sub(r"\s+", " ", lowered.replace("’", "'"))):
        return _within(raw, match[1], match[2], ref)
    if match := _LEAD_WORD.match(raw):  # "by Q3 2027" is a deadline of Q3 2027
        return parse_date(match[2], deadline=deadline, base=ref)
    return _parse_words(raw, deadline, ref)


def parse_deadline(text: str, *, base: date | None = None) -> date:
    """Read `text` as a deadline: the last day the words allow.

    "Q3 2027" → 2027-09-30, "by end-2025" → 2025-12-31, "d'ici fin juin 2026" →
    2026-06-30, "within 3 years" → three years after `base`. Relative forms count
    from `base` (today by default; a readout's own date when reading its text).
    Raises `InvalidValue` for anything that names no last day ("soon", "early 2026").
    """
    return parse_date(text, deadline=True, base=base)


# Words that may stand before a date and do not change it as a deadline.
_LEAD_WORD = re.compile(
    r"^(by|before|until|till|no later than|not later than|in|"
    r"d['’]ici(?: à| a)?|avant|au plus tard(?: le| en)?|jusqu['’](?:à|au)|en)\s+(.+)$",
    re.IGNORECASE,
)
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9} | {
    french: list(calendar.month_name).index(english)
    for french, english in _FRENCH_MONTHS.items()
}
_ORDINALS = {
    "first": 1, "1st": 1, "premier": 1, "première": 1, "premiere": 1, "1er": 1, "1re": 1,
    "second": 2, "2nd": 2, "seconde": 2, "deuxième": 2, "deuxieme": 2, "2e": 2, "2ème": 2,
    "third": 3, "3rd": 3, "troisième": 3, "troisieme": 3, "3e": 3, "3ème": 3,
    "fourth": 4, "4th": 4, "quatrième": 4, "quatrieme": 4, "4e": 4, "4ème": 4,
}
# French (and synonymous English) words mapped onto the one English vocabulary below.
_SYNONYMS = {
    "fin": "end", "mi": "mid", "milieu": "mid", "année": "year", "annee": "year",
    "an": "year", "ans": "year", "years": "year", "mois": "month", "months": "month",
    "trimestre": "quarter", "quarters": "quarter", "semestre": "half", "semaine": "week",
    "weeks": "week", "semaines": "week", "jours": "day", "jour": "day", "days": "day",
    "prochain": "next", "prochaine": "next", "coming": "next", "cette": "this", "ce": "this",
    "current": "this", "dernier": "last", "dernière": "last", "derniere": "last",
    "previous": "last", "past": "last",
}
_FILLERS = {"of", "the", "de", "du", "la", "le", "les", "l", "d", "des", "a", "à", "in", "en"}
_UNIT_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "un": 1, "une": 1, "deux": 2,
    "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "douze": 12, "a": 1,
}
# Words that name no last day: refused with a hint rather than guessed at.
_VAGUE = {"soon", "early", "late", "beginning", "start", "début", "debut", "shortly",
          "bientôt", "bientot", "prochainement", "asap", "eventually",
          "later", "future", "avenir"}
_WITHIN = re.compile(
    r"^(?:within|in|dans|sous|d'ici)\s+(?:the next |the coming |les |un délai de )?"
    r"([0-9]+|" + "|".join(_NUMBER_WORDS) + r")\s+(\w+)$")


def _words(raw: str) -> list[str]:
    """The text as lower-case words: typographic apostrophes and dashes made plain,
    elisions (l', d') and hyphens between words split off, commas dropped."""
    text = raw.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    text = re.sub(r"(?<=[^\W\d_])-|-(?=[^\W\d_])|(?<=\d)-(?=\d{4}\b)", " ", text)
    text = re.sub(r"\b([ld])'", r"\1 ", text)
    return re.findall(r"[\w'+-]+", re.sub(r"[,.]", " ", text))


def _parse_words(raw: str, deadline: bool, ref: date) -> date:
    words = [_SYNONYMS.get(word, word) for word in _words(raw)]
    if vague := next((word for word in words if word in _VAGUE), None):
        year = next((word for word in words if _is_year(word)), str(ref.year))
        raise InvalidValue(
            f"{raw!r} is too vague for a date ({vague!r} names no last day); give a day "
            f"or a period, e.g. {year}-03-31, Q1 {year}, H1 {year} or end of {year}"
        )
    words = [word for word in words if word not in _FILLERS]
    if words[:2] == ["year", "end"]:  # "year-end 2025"
        words = ["end", *words[2:]]
    if words and words[0] in ("end", "mid") and len(words) > 1:
        bounds = _period(words[1:], ref, raw)
        if bounds is None:
            return _parse_written(raw, deadline)
        start, end, unit = bounds
        if words[0] == "end":
            return end
        if unit == "year":
            return date(start.year, 6, 30)
        if unit == "month":
            return start.replace(day=15)
        raise InvalidValue(f"{raw!r} has no clear middle; name a month or a day instead")
    if day := _day(words, raw):
        return day
    bounds = _period(words, ref, raw)
    if bounds is None:
        return _parse_written(raw, deadline)
    return bounds[1] if deadline else bounds[0]


def _is_year(word: str) -> bool:
    return re.fullmatch(r"[0-9]{4}", word) is not None


def _day(words: list[str], raw: str) -> date | None:
    """`30 June 2025`, `June 30 2025`, `1er juillet 2024`; None if not of that shape."""
    if len(words) != 3 or not _is_year(words[2]):
        return None
    first, second = words[0], words[1]
    if first in _MONTHS:
        first, second = second, first
    number = re.fullmatch(r"([0-9]{1,2})(?:st|nd|rd|th|er|re)?", first)
    if not number or second not in _MONTHS:
        return None
    return _checked(int(words[2]), _MONTHS[second], int(number[1]), raw)


def _period(words: list[str], ref: date, raw: str) -> tuple[date, date, str] | None:
    """The first day, last day and unit of the period `words` name, or None."""
    if len(words) == 1 and _is_year(words[0]):
        return _year_bounds(int(words[0]), raw)
    if len(words) == 2 and words[0] == "year" and _is_year(words[1]):
        return _year_bounds(int(words[1]), raw)
    if len(words) == 2 and words[0] in _MONTHS and _is_year(words[1]):
        first = _checked(int(words[1]), _MONTHS[words[0]], 1, raw)
        return first, end_of_month(first), "month"
    if match := _quarter_or_half(words):
        unit, number, year = match
        first = _checked(year, (number - 1) * _UNIT_MONTHS[unit] + 1, 1, raw)
        return first, end_of_month(_add_months(first, _UNIT_MONTHS[unit] - 1)), unit
    relative = {"this": 0, "next": 1, "last": -1}
    if len(words) == 1 and words[0] in _UNIT_MONTHS | {"week": 0}:
        return (*_period_bounds(words[0], ref), words[0])
    if len(words) == 2:
        step, unit = words if words[0] in relative else words[::-1]
        if step in relative and unit in _UNIT_MONTHS | {"week": 0}:
            moved = (shift(ref, 7 * relative[step], "d") if unit == "week"
                     else _add_months(ref.replace(day=1), _UNIT_MONTHS[unit] * relative[step]))
            return (*_period_bounds(unit, moved), unit)
    if any(word in _MONTHS or re.fullmatch(r"[qht][1-4]|[1-4]q", word) for word in words) \
            and not any(_is_year(word) for word in words):
        raise InvalidValue(f"{raw!r} has no year; add one, e.g. {raw} {ref.year}")
    return None


def _quarter_or_half(words: list[str]) -> tuple[str, int, int] | None:
    """("quarter" | "half", number, year) for Q3 2027, 3Q 2027, T3 2027, 2027-Q3, H1 2027,
    S2 2027, third quarter of 2027, premier semestre 2027; None otherwise."""
    if len(words) == 2:
        label, year = words if _is_year(words[1]) else words[::-1]
        if not _is_year(year):
            return None
        if match := re.fullmatch(r"[qt]([1-4])|([1-4])q", label):
            return "quarter", int(match[1] or match[2]), int(year)
        if match := re.fullmatch(r"[hs]([12])", label):
            return "half", int(match[1]), int(year)
    if len(words) == 3 and words[0] in _ORDINALS and words[1] in ("quarter", "half") \
            and _is_year(words[2]):
        number = _ORDINALS[words[0]]
        if number <= (4 if words[1] == "quarter" else 2):
            return words[1], number, int(words[2])
    return None


def _year_bounds(year: int, raw: str) -> tuple[date, date, str]:
    return _checked(year, 1, 1, raw), _checked(year, 12, 31, raw), "year"


def _period_bounds(unit: str, day: date) -> tuple[date, date]:
    """The first and last day of the week, month, quarter, half or year holding `day`."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    months = _UNIT_MONTHS[unit]
    first = date(day.year, (day.month - 1) // months * months + 1, 1)
    return first, end_of_month(_add_months(first, months - 1))


def _within(raw: str, amount: str, unit: str, ref: date) -> date:
    """`within 3 years`, `dans les six mois`: that long after `ref`."""
    count = int(amount) if amount.isascii() and amount.isdigit() else _NUMBER_WORDS.get(amount)
    unit = _SYNONYMS.get(unit, unit).rstrip("s")
    if not count or unit not in ("day", "week", "month", "year"):
        raise InvalidValue(f"cannot read {raw!r} as a date (use {DATE_FORMS})")
    return shift(ref, count, unit[0])


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
        raise InvalidValue(f"{field} must be an ISO date (YYYY-MM-DD, digits 0-9), "
                           f"got {text!r}")
    _checked(*(int(part) for part in _ISO_DAY.match(text).groups()), text)
    return text
