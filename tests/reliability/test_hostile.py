"""Hostile input: huge text, control characters, invalid UTF-8, absurd ids and dates."""

from __future__ import annotations

import pytest
from helpers import assert_valid, tracker


@pytest.mark.parametrize("value", ["0", "99999999999999999999", "abc", "1.5", "#0"])
def test_absurd_ids_are_a_clear_error(run, small_db, value):
    before = small_db.read_bytes()
    for command in (["show", value], ["mark", value, "--progress", "5"], ["remove", value, "-y"],
                    ["history", value]):
        result = run(*command)
        assert result.exit_code == 1, (command, result.stderr)
        assert result.stderr.startswith("error: ") and "is not a pledge id" in result.stderr
    assert small_db.read_bytes() == before


def test_a_negative_id_is_a_usage_error_not_a_crash(run, small_db):
    result = run("show", "-1")
    assert result.exit_code == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize("day", ["0000-00-00", "2025-02-30", "9999-99-99", "0000-01-01"])
def test_impossible_dates_are_a_clear_error(run, small_db, day):
    result = run("add", "x", "-d", "test-dlg", "--due", day)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")


def test_very_long_text_is_refused_with_the_limit(run, small_db):
    before = small_db.read_bytes()
    result = run("add", "x" * 10_001, "-d", "test-dlg")
    assert result.exit_code == 1 and "the limit is 10000" in result.stderr
    assert small_db.read_bytes() == before
    assert run("add", "y" * 10_000, "-d", "test-dlg", ok=True).stdout == "4\n"


def test_control_characters_are_refused(run, small_db):
    result = run("mark", "1", "--note", "bell\x07here")
    assert result.exit_code == 1 and "control character U+0007" in result.stderr


def test_invalid_utf8_on_stdin_is_a_clear_error(small_db):
    before = small_db.read_bytes()
    for args in (["mark", "-", "--progress", "5"], ["import", "-"]):
        result = tracker(small_db, *args, input=b"1\n\xff\xfe\n")
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(b"error: ") and b"Traceback" not in result.stderr
        assert b"is not a pledge id" in result.stderr or b"stdin is not" in result.stderr
    assert small_db.read_bytes() == before
    assert_valid(small_db)


def test_formula_text_is_neutralised_in_csv(run, small_db):
    run("edit", "1", "--text", '=HYPERLINK("http://evil.example","click")', ok=True)
    run("edit", "2", "--text", "@SUM(1+1)", ok=True)
    out = run("list", "--format", "csv", ok=True).stdout
    assert "'=HYPERLINK" in out and "'@SUM(1+1)" in out
    assert "\n=" not in out and ",=" not in out and ",@" not in out
