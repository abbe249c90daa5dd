"""Behaviour the mutation run (bench/mutate.py) found unguarded: each test here fails on
at least one small change to the code that every other test let through."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tracker import store as store_module
from tracker.dates import _FRENCH_MONTHS, _ORDINALS, parse_date, shift
from tracker.errors import InvalidValue
from tracker.model import latest_update, make_update, pledge_state, resolve_mark

# -- dates: month arithmetic and period ends from months other than January ----


@pytest.mark.parametrize(("base", "text", "expected"), [
    (date(2025, 8, 31), "+6m", date(2026, 2, 28)),
    (date(2025, 3, 31), "-1m", date(2025, 2, 28)),
    (date(2024, 5, 31), "+1m", date(2024, 6, 30)),
    (date(2025, 11, 15), "+2m", date(2026, 1, 15)),
    (date(2026, 1, 15), "-2m", date(2025, 11, 15)),
    (date(2024, 2, 29), "+1y", date(2025, 2, 28)),
    (date(2025, 7, 9), "+10d", date(2025, 7, 19)),
    (date(2025, 7, 9), "-2w", date(2025, 6, 25)),
    (date(2025, 5, 10), "eoq", date(2025, 6, 30)),
    (date(2025, 4, 1), "eoq", date(2025, 6, 30)),
    (date(2025, 3, 31), "eoq", date(2025, 3, 31)),
    (date(2025, 8, 2), "eoq", date(2025, 9, 30)),
    (date(2025, 11, 2), "eoq", date(2025, 12, 31)),
    (date(2024, 2, 10), "eom", date(2024, 2, 29)),
    (date(2023, 6, 10), "eoy", date(2023, 12, 31)),
])
def test_relative_dates_count_from_any_month(base, text, expected):
    assert parse_date(text, base=base) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("today", date(2024, 3, 29)), ("yesterday", date(2024, 3, 28)),
    ("tomorrow", date(2024, 3, 30)), ("+3d", date(2024, 4, 1)),
])
def test_relative_dates_count_from_their_base_not_from_today(text, expected):
    # The pinned today of the test session is 2026-01-15: the base must win.
    assert parse_date(text, base=date(2024, 3, 29)) == expected


def test_shift_by_months_and_years_and_out_of_range():
    assert shift(date(2025, 10, 31), 4, "m") == date(2026, 2, 28)
    assert shift(date(2025, 10, 31), -10, "m") == date(2024, 12, 31)
    assert shift(date(2025, 12, 1), 1, "y") == date(2026, 12, 1)
    with pytest.raises(InvalidValue, match="outside the years"):
        shift(date(9999, 12, 1), 1, "m")
    with pytest.raises(InvalidValue, match="outside the years"):
        shift(date(1, 1, 1), -1, "d")


@pytest.mark.parametrize("name", sorted(_FRENCH_MONTHS))
def test_every_french_month_name_reads(name):
    month = ["january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december"].index(
        _FRENCH_MONTHS[name].lower()) + 1
    assert parse_date(f"15 {name} 2025") == date(2025, month, 15)


@pytest.mark.parametrize(("text", "expected"), [
    ("13/12/2025", date(2025, 12, 13)),   # 13 can only be the day
    ("12/13/2025", date(2025, 12, 13)),
    ("12/12/2025", date(2025, 12, 12)),   # the same either way
    ("2025/12/13", date(2025, 12, 13)),
])
def test_day_and_month_at_twelve_and_thirteen(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["11/12/2025", "12/11/2025", "01/12/2025"])
def test_swappable_day_and_month_are_refused(text):
    with pytest.raises(InvalidValue, match="ambiguous"):
        parse_date(text)


def test_thirteen_as_both_day_and_month_is_no_date():
    with pytest.raises(InvalidValue, match="not a real date"):
        parse_date("13/13/2025")


# -- the id counter --------------------------------------------------------------


def _store(tmp_path, next_id: int = 1):
    data = store_module._empty_data()
    data["meta"]["1"]["next_pledge_id"] = next_id
    return store_module.Store(tmp_path / "db.json", data)


def _pledge(pledge_id=None) -> dict:
    return {"id": pledge_id, "text": "x"}


def test_new_ids_count_up_from_the_counter(tmp_path):
    opened = _store(tmp_path, next_id=10)
    assert opened.add_pledge(_pledge()) == 10
    assert opened.add_pledge(_pledge()) == 11
    assert opened.next_pledge_id() == 12


def test_a_kept_id_moves_the_counter_above_it_and_never_down(tmp_path):
    opened = _store(tmp_path, next_id=11)
    assert opened.add_pledges([_pledge(20)]) == [20]
    assert opened.next_pledge_id() == 21
    assert opened.add_pledges([_pledge(15)]) == [15]  # free, below the counter now
    assert opened.next_pledge_id() == 21
    assert opened.add_pledge(_pledge()) == 21
    assert list(opened._storage.data["pledges"]) == ["15", "20", "21"]


def test_which_ids_an_import_may_keep(tmp_path):
    opened = _store(tmp_path, next_id=5)
    assert not opened.id_is_free(4)      # given out before (perhaps removed since)
    assert opened.id_is_free(5)          # the counter itself was never given
    assert opened.id_is_free(6)
    assert not opened.id_is_free(True)   # a bool is not an id
    assert not opened.id_is_free("6")
    assert not opened.id_is_free(None)
    opened.add_pledges([_pledge(6)])
    assert not opened.id_is_free(6)      # taken now
    assert opened.add_pledges([_pledge(4)]) == [7]  # not free: the next id instead
    assert opened.add_pledge(_pledge(9)) == 8       # a plain add ignores the asked id


def test_a_restored_pledge_keeps_its_id_and_the_counter_stays_above(tmp_path):
    opened = _store(tmp_path, next_id=3)
    opened.restore_pledge({"id": 7, "text": "back"})
    assert opened.next_pledge_id() == 8
    opened.restore_pledge({"id": 2, "text": "older"})
    assert opened.next_pledge_id() == 8
    assert list(opened._storage.data["pledges"]) == ["2", "7"]


# -- marks: the progress boundary and two joint updates on one day ----------------


def test_progress_above_zero_on_a_pledged_pledge_means_work_began():
    assert resolve_mark("pledged", None, 1, 0) == ("in-progress", 1)
    assert resolve_mark("pledged", None, 0, 0) == ("pledged", 0)
    assert resolve_mark("partial", None, 1, 0) == ("partial", 1)
    assert resolve_mark("pledged", None, 99, 0) == ("in-progress", 99)
    assert resolve_mark("pledged", None, 100, 0) == ("fulfilled", 100)


def test_marks_at_the_progress_boundary(run, small_db):
    run("mark", "1", "--progress", "1", "--date", "2025-02-01", ok=True)
    run("mark", "2", "--progress", "0", "--note", "nothing yet", "--date", "2025-02-01",
        ok=True)
    shown = {p["id"]: (p["status"], p["progress"])
             for p in json.loads(run("list", "--format", "json", ok=True).stdout)}
    assert shown[1] == ("in-progress", 1)
    assert shown[2] == ("pledged", 0)


def test_of_two_joint_updates_on_one_day_the_later_logged_decides():
    first = make_update(day="2025-03-01", status="in-progress", progress=30, recorded="a")
    second = make_update(day="2025-03-01", status="stalled", progress=30, recorded="b")
    pledge = {"by": ["A", "B"], "status": "pledged", "progress": 0,
              "updates": [first, second]}
    assert latest_update(pledge["updates"]) is second
    assert pledge_state(pledge) == ("stalled", 30)


def test_two_marks_on_one_day_keep_the_second(run, small_db):
    run("mark", "1", "--status", "in-progress", "--date", "2025-03-01", ok=True)
    run("mark", "1", "--status", "stalled", "--date", "2025-03-01", ok=True)
    pledge = json.loads(run("show", "1", "--format", "json", ok=True).stdout)
    assert [u["status"] for u in pledge["updates"]] == ["in-progress", "stalled"]
    assert pledge["status"] == "stalled"


# -- reports: grouping, and a one-party report's progress --------------------------


def test_report_grouped_by_status(run, small_db):
    run("mark", "1", "--status", "fulfilled", "--date", "2025-03-01", ok=True)
    run("mark", "2", "--status", "in-progress", "--date", "2025-03-01", ok=True)
    report = json.loads(run("report", "--by", "status", "--format", "json", ok=True).stdout)
    assert list(report["groups"]) == ["status"]
    rows = {row["name"]: row for row in report["groups"]["status"]}
    assert {name: row["pledges"] for name, row in rows.items()} == {
        "fulfilled": 1, "in-progress": 1, "pledged": 1}


@pytest.mark.parametrize("grouping", ["area", "party", "framework", "dialogue"])
def test_report_by_one_grouping_shows_only_it(run, small_db, grouping):
    report = json.loads(run("report", "--by", grouping, "--format", "json", ok=True).stdout)
    assert list(report["groups"]) == [grouping]
    assert sum(row["pledges"] for row in report["groups"][grouping]) >= 2


def test_a_one_party_report_shows_that_partys_progress(run, small_db):
    run("mark", "1", "--party", "Alpha", "--progress", "40", "--date", "2025-02-01", ok=True)
    run("mark", "1", "--party", "Beta", "--progress", "70", "--date", "2025-02-02", ok=True)
    alpha = json.loads(run("report", "--party", "Alpha", "--format", "json", ok=True).stdout)
    beta = json.loads(run("report", "--party", "Beta", "--format", "json", ok=True).stdout)
    by_id = {p["id"]: p for p in alpha["pledges"]}
    assert (by_id[1]["status"], by_id[1]["progress"]) == ("in-progress", 40)
    assert {p["id"]: p["progress"] for p in beta["pledges"]}[1] == 70


# -- dates: ordinal words and periods around a base other than today ----------------

_QUARTER_ENDS = {1: date(2027, 3, 31), 2: date(2027, 6, 30), 3: date(2027, 9, 30),
                 4: date(2027, 12, 31)}
_HALF_ENDS = {1: date(2027, 6, 30), 2: date(2027, 12, 31)}


# Written out here, not read from dates.py: a test must not share the table it checks.
ORDINAL_WORDS = {
    1: ["first", "1st", "premier", "première", "premiere", "1er", "1re"],
    2: ["second", "2nd", "seconde", "deuxième", "deuxieme", "2e", "2ème"],
    3: ["third", "3rd", "troisième", "troisieme", "3e", "3ème"],
    4: ["fourth", "4th", "quatrième", "quatrieme", "4e", "4ème"],
}


def test_the_ordinal_words_are_the_ones_tested():
    assert sorted(_ORDINALS) == sorted(w for words in ORDINAL_WORDS.values() for w in words)


@pytest.mark.parametrize(("number", "word"), [
    (number, word) for number, words in ORDINAL_WORDS.items() for word in words])
def test_every_ordinal_word_names_its_quarter_and_half(number, word):
    assert parse_date(f"{word} quarter 2027", deadline=True) == _QUARTER_ENDS[number]
    if number in _HALF_ENDS:
        assert parse_date(f"{word} half 2027", deadline=True) == _HALF_ENDS[number]
    else:
        with pytest.raises(InvalidValue):
            parse_date(f"{word} half 2027", deadline=True)


NUMBER_WORDS = {1: ["one", "un", "une", "a"], 2: ["two", "deux"], 3: ["three", "trois"],
                4: ["four", "quatre"], 5: ["five", "cinq"], 6: ["six"], 7: ["seven", "sept"],
                8: ["eight", "huit"], 9: ["nine", "neuf"], 10: ["ten", "dix"],
                11: ["eleven"], 12: ["twelve", "douze"]}


@pytest.mark.parametrize(("number", "word"), [
    (number, word) for number, words in NUMBER_WORDS.items() for word in words])
def test_every_number_word_counts_its_months(number, word):
    assert parse_date(f"within {word} months", base=date(2025, 1, 31)) == shift(
        date(2025, 1, 31), number, "m")


def test_next_and_last_week_from_a_sunday():
    sunday = date(2025, 5, 11)
    assert parse_date("next week", base=sunday) == date(2025, 5, 12)
    assert parse_date("next week", deadline=True, base=sunday) == date(2025, 5, 18)
    assert parse_date("last week", base=sunday) == date(2025, 4, 28)
    assert parse_date("this week", deadline=True, base=sunday) == sunday


@pytest.mark.parametrize(("text", "deadline", "expected"), [
    ("next quarter", True, date(2025, 9, 30)),
    ("next quarter", False, date(2025, 7, 1)),
    ("last month", True, date(2025, 4, 30)),
    ("this year", True, date(2025, 12, 31)),
    ("next week", False, date(2025, 5, 12)),
    ("next week", True, date(2025, 5, 18)),
    ("quarter", True, date(2025, 6, 30)),
    ("next half", True, date(2025, 12, 31)),
    ("mid-2026", True, date(2026, 6, 30)),
    ("mid June 2026", True, date(2026, 6, 15)),
    ("end of Q3 2027", False, date(2027, 9, 30)),
    ("H2 2027", False, date(2027, 7, 1)),
    ("T2 2027", True, date(2027, 6, 30)),
    ("2Q 2027", True, date(2027, 6, 30)),
])
def test_periods_count_from_their_base(text, deadline, expected):
    assert parse_date(text, deadline=deadline, base=date(2025, 5, 10)) == expected


def test_a_text_field_holds_up_to_ten_thousand_characters():
    from tracker.model import check_text

    assert check_text("x" * 10_000, "text") == "x" * 10_000
    with pytest.raises(InvalidValue, match="text"):
        check_text("x" * 10_001, "text")


# -- query: the edges of each date test, and sorting on values that may be 0 ----------


def _view(pledge_id: int, **fields) -> dict:
    base = {"id": pledge_id, "dialogue": "d", "status": "pledged", "progress": 0,
            "due": None, "updates": [], "by": ["A"], "tags": [], "area": None,
            "framework": None, "text": "t", "quote": None}
    return {**base, **fields}


def test_overdue_starts_the_day_after_the_due_date():
    from tracker.query import is_overdue

    due = _view(1, due="2025-06-30")
    assert not is_overdue(due, "2025-06-30")
    assert is_overdue(due, "2025-07-01")
    assert not is_overdue({**due, "status": "fulfilled"}, "2025-07-01")
    assert not is_overdue(_view(2), "2025-07-01")


def test_due_between_includes_both_ends():
    from tracker.query import is_due_between

    assert is_due_between(_view(1, due="2025-06-30"), "2025-06-30", "2025-07-31")
    assert is_due_between(_view(1, due="2025-07-31"), "2025-06-30", "2025-07-31")
    assert not is_due_between(_view(1, due="2025-08-01"), "2025-06-30", "2025-07-31")
    assert not is_due_between(_view(1, due="2025-07-01", status="broken"),
                              "2025-06-30", "2025-07-31")


def test_stale_means_no_activity_before_the_cutoff_on_an_open_pledge():
    from tracker.query import is_stale

    dates_of = {"d": "2025-01-10"}
    assert not is_stale(_view(1), dates_of, "2025-01-10")
    assert is_stale(_view(1), dates_of, "2025-01-11")
    assert not is_stale(_view(1, status="fulfilled"), dates_of, "2026-01-01")
    marked = _view(1, updates=[{"date": "2025-03-01"}, {"date": "2025-02-01"}])
    assert not is_stale(marked, dates_of, "2025-03-01")
    assert is_stale(marked, dates_of, "2025-03-02")


def test_due_before_and_after_leave_out_the_bound_itself():
    from tracker.query import Filters, select

    pledges = [_view(1, due="2025-06-29"), _view(2, due="2025-06-30"),
               _view(3, due="2025-07-01"), _view(4)]
    assert [p["id"] for p in select(pledges, Filters(due_before="2025-06-30"), {})] == [1]
    assert [p["id"] for p in select(pledges, Filters(due_after="2025-06-30"), {})] == [3]
    assert [p["id"] for p in select(pledges, Filters(due_after="June 2025"), {})] == [3]


def test_sorting_by_progress_keeps_a_zero_once_and_in_order():
    from tracker.query import sort_pledges

    pledges = [_view(1, progress=50), _view(2, progress=0), _view(3, progress=100)]
    assert [p["id"] for p in sort_pledges(pledges, "progress")] == [2, 1, 3]
    assert [p["id"] for p in sort_pledges(pledges, "-progress")] == [3, 1, 2]
    by_area = [_view(1, area="trade"), _view(2), _view(3, area="energy")]
    assert [p["id"] for p in sort_pledges(by_area, "-area")] == [1, 3, 2]


@pytest.mark.parametrize(("parties", "message"), [
    ("China", "parties must be a list of names"),
    (["China", 7], "parties must be a list of names"),
    ([], "at least one party"),
])
def test_a_dialogues_parties_must_be_a_list_of_names(parties, message):
    from tracker.model import validate_dialogue

    with pytest.raises(InvalidValue, match=message):
        validate_dialogue({"id": "d", "title": "T", "date": "2025-01-01", "parties": parties})


def test_an_empty_or_blank_database_file_is_a_new_database(tmp_path):
    for content in (b"", b"  \n\t\n"):
        path = tmp_path / "db.json"
        path.write_bytes(content)
        opened = store_module.open_for_reading(path)
        assert opened.pledges() == [] and opened.next_pledge_id() == 1


def test_a_reimported_pledge_keeps_its_stored_creation_stamp_unless_the_file_has_one(
        run, small_db, tmp_path):
    stored = json.loads(run("show", "1", "--format", "json", ok=True).stdout)
    changed = {key: stored[key] for key in ("uuid", "dialogue", "by")}
    changed["text"] = "Open two trade offices"
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"pledges": [changed]}), encoding="utf-8")
    run("import", path, ok=True)
    after = json.loads(run("show", "1", "--format", "json", ok=True).stdout)
    assert after["text"] == "Open two trade offices"
    assert after["created"] == stored["created"]
    changed.update(text="Open three", created="2024-01-01T00:00:00Z")
    path.write_text(json.dumps({"pledges": [changed]}), encoding="utf-8")
    run("import", path, ok=True)
    assert json.loads(run("show", "1", "--format", "json", ok=True).stdout)["created"] == \
        "2024-01-01T00:00:00Z"


def test_an_unknown_dialogue_on_an_empty_database_says_none_are_known(run, db):
    result = run("add", "Something", "-d", "nowhere")
    assert result.exit_code == 1
    assert "no dialogue with id 'nowhere' (known: none yet)" in result.stderr


def test_a_stored_pledge_missing_a_field_is_named(run, small_db):
    data = json.loads(small_db.read_text(encoding="utf-8"))
    del data["pledges"]["2"]["text"]
    small_db.write_text(json.dumps(data), encoding="utf-8")
    result = run("list")
    assert result.exit_code == 3
    assert "has a pledge without text at pledges → 2" in result.stderr
