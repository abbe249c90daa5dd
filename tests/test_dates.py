"""Dates and periods: every form SPEC §4 names, and refusal of everything else."""

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.dates import parse_date, parse_deadline, parse_period, period_before
from tracker.errors import InvalidValue

BASE = date(2026, 1, 15)


@pytest.mark.parametrize("text, expected", [
    ("2025-06-30", date(2025, 6, 30)),
    ("30 June 2025", date(2025, 6, 30)),
    ("June 30, 2025", date(2025, 6, 30)),
    ("29 mars 2024", date(2024, 3, 29)),
    ("1er juillet 2024", date(2024, 7, 1)),
    ("today", BASE), ("Yesterday", date(2026, 1, 14)), ("tomorrow", date(2026, 1, 16)),
    ("+3d", date(2026, 1, 18)), ("+2w", date(2026, 1, 29)), ("+6m", date(2026, 7, 15)),
    ("+1y", date(2027, 1, 15)), ("-1m", date(2025, 12, 15)),
    ("eom", date(2026, 1, 31)), ("eoq", date(2026, 3, 31)), ("eoy", date(2026, 12, 31)),
    ("31/12/2025", date(2025, 12, 31)), ("12/31/2025", date(2025, 12, 31)),
    ("2025/06/30", date(2025, 6, 30)),
])
def test_accepted_forms(text, expected):
    assert parse_date(text, base=BASE) == expected


def test_month_alone_is_its_end_as_a_deadline():
    assert parse_date("June 2025", base=BASE) == date(2025, 6, 1)
    assert parse_date("June 2025", deadline=True, base=BASE) == date(2025, 6, 30)
    assert parse_date("2025-02", deadline=True, base=BASE) == date(2025, 2, 28)
    assert parse_date("2024", deadline=True, base=BASE) == date(2024, 12, 31)


def test_month_arithmetic_clamps_to_month_end():
    assert parse_date("+1m", base=date(2025, 1, 31)) == date(2025, 2, 28)


@pytest.mark.parametrize("text, message", [
    ("03/04/2025", "ambiguous"), ("0000-00-00", "not a real date"),
    ("2025-02-30", "not a real date"), ("June", "no year"), ("soon", "too vague"),
    ("", "empty date"), ("1/2/25", "two-digit year"), ("+99999y", "outside the years"),
])
def test_refused_forms(text, message):
    with pytest.raises(InvalidValue, match=message):
        parse_date(text, base=BASE)


@pytest.mark.parametrize("text, expected", [
    ("Q3 2027", date(2027, 9, 30)), ("3Q 2027", date(2027, 9, 30)),
    ("T3 2027", date(2027, 9, 30)), ("2027-Q3", date(2027, 9, 30)),
    ("third quarter of 2027", date(2027, 9, 30)), ("3e trimestre 2027", date(2027, 9, 30)),
    ("Q1 2026", date(2026, 3, 31)), ("q4 2025", date(2025, 12, 31)),
    ("H1 2027", date(2027, 6, 30)), ("first half of 2027", date(2027, 6, 30)),
    ("premier semestre 2027", date(2027, 6, 30)),
    ("second half of 2026", date(2026, 12, 31)), ("second semestre 2026", date(2026, 12, 31)),
    ("H2 2026", date(2026, 12, 31)),
    ("end of 2025", date(2025, 12, 31)), ("end-2025", date(2025, 12, 31)),
    ("year-end 2025", date(2025, 12, 31)), ("fin 2025", date(2025, 12, 31)),
    ("End–2025", date(2025, 12, 31)), ("fin de l’année 2025", date(2025, 12, 31)),
    ("mid-2026", date(2026, 6, 30)), ("mi-2026", date(2026, 6, 30)),
    ("fin juin 2026", date(2026, 6, 30)), ("end of June 2026", date(2026, 6, 30)),
    ("end of Q3 2027", date(2027, 9, 30)),
    ("next month", date(2026, 2, 28)), ("next quarter", date(2026, 6, 30)),
    ("next year", date(2027, 12, 31)), ("l'année prochaine", date(2027, 12, 31)),
    ("the end of the year", date(2026, 12, 31)), ("fin de l'année", date(2026, 12, 31)),
    ("by Q3 2027", date(2027, 9, 30)), ("before end of 2025", date(2025, 12, 31)),
    ("d'ici fin 2025", date(2025, 12, 31)), ("d’ici la fin de 2025", date(2025, 12, 31)),
    ("avant fin juin 2026", date(2026, 6, 30)), ("by end-2027", date(2027, 12, 31)),
    ("by 2030", date(2030, 12, 31)), ("by the end of 2025", date(2025, 12, 31)),
    ("within three years", date(2029, 1, 15)), ("dans les six mois", date(2026, 7, 15)),
    ("30/06/2025", date(2025, 6, 30)), ("June 2025", date(2025, 6, 30)),
])
def test_deadline_is_the_last_day_the_words_allow(text, expected):
    assert parse_deadline(text, base=BASE) == expected


def test_a_period_as_a_plain_date_is_its_first_day():
    assert parse_date("Q3 2027", base=BASE) == date(2027, 7, 1)
    assert parse_date("second semestre 2026", base=BASE) == date(2026, 7, 1)
    assert parse_date("next month", base=BASE) == date(2026, 2, 1)
    # A point in time is the same day either way.
    assert parse_date("end of 2025", base=BASE) == date(2025, 12, 31)
    assert parse_date("mid-2026", base=BASE) == date(2026, 6, 30)


@pytest.mark.parametrize("text, message", [
    ("soon", "too vague"), ("early 2026", "too vague"), ("beginning of 2027", "too vague"),
    ("Q5 2027", "cannot read"), ("H3 2027", "cannot read"), ("Q3", "no year"),
    ("1m", "+1m"), ("30 February 2027", "not a real date"), ("31 juin 2026", "not a real date"),
    ("by the next summit", "cannot read"), ("by", "cannot read"),
])
def test_words_with_no_last_day_are_refused_with_a_hint(text, message):
    with pytest.raises(InvalidValue, match=re.escape(message)):
        parse_deadline(text, base=BASE)


def test_vague_words_suggest_periods_of_the_same_year():
    with pytest.raises(InvalidValue) as caught:
        parse_deadline("early 2026", base=BASE)
    assert "Q1 2026" in caught.value.message and "H1 2026" in caught.value.message


def test_ambiguous_date_suggests_both_iso_readings():
    with pytest.raises(InvalidValue) as caught:
        parse_date("03/04/2025")
    assert "2025-04-03" in caught.value.message and "2025-03-04" in caught.value.message


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_every_iso_date_round_trips(day):
    assert parse_date(day.isoformat(), base=BASE) == day


@given(st.text(max_size=40))
def test_any_text_is_a_date_or_a_clear_refusal(text):
    try:
        result = parse_date(text, base=BASE)
    except InvalidValue as error:
        assert error.message
    else:
        assert isinstance(result, date)


def test_periods():
    assert parse_period("30d") == (30, "d")
    assert period_before("6m", BASE) == date(2025, 7, 15)
    for bad in ("0d", "3x", "d", "-3d", ""):
        with pytest.raises(InvalidValue, match="period"):
            parse_period(bad)
