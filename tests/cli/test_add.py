"""`tracker add`: recording pledges."""

import re

import pytest
from conftest import read_db


def test_add_prints_only_the_id(run, small_db):
    result = run("add", "Build a corridor", "-d", "test-dlg", "--by", "beta", "--tag", "x",
                 "--due", "June 2026", "--quote", "un couloir", ok=True)
    assert result.stdout == "4\n"
    assert "Recorded pledge 4 (Beta)" in result.stderr
    pledge = read_db(small_db)["pledges"]["4"]
    assert pledge["by"] == ["Beta"]  # matched case-insensitively, kept as first written
    assert pledge["due"] == "2026-06-30"  # a month as a deadline is its last day
    assert pledge["status"] == "pledged" and pledge["progress"] == 0
    assert re.fullmatch(r"[0-9a-f-]{36}", pledge["uuid"])
    assert list(pledge) == ["id", "uuid", "dialogue", "text", "quote", "by", "area",
                            "framework", "tags", "due", "verifiable", "status", "progress",
                            "created", "updated", "updates"]


def test_joint_pledge_defaults_to_every_party(run, small_db):
    assert read_db(small_db)["pledges"]["1"]["by"] == ["Alpha", "Beta"]


@pytest.mark.parametrize("args, message", [
    (["", "-d", "test-dlg"], "text must not be empty"),
    (["   ", "-d", "test-dlg"], "text must not be empty"),
    (["X", "-d", "nope"], "no dialogue with id 'nope'"),
    (["X", "-d", "test-dlg", "--by", "Gamma"], "'Gamma' is not a party"),
    (["X", "-d", "test-dlg", "--due", "31/02/2025"], "not a real date"),
    (["X", "-d", "test-dlg", "--due", "03/04/2025"], "ambiguous"),
    (["X", "-d", "test-dlg", "--due", "someday"], "cannot read 'someday' as a date"),
    (["bad\x07bell", "-d", "test-dlg"], "control character"),
])
def test_bad_input_is_refused_and_changes_nothing(run, small_db, args, message):
    before = small_db.read_bytes()
    result = run("add", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    assert small_db.read_bytes() == before


def test_missing_dialogue_option_is_a_usage_error(run, small_db):
    result = run("add", "Something")
    assert result.exit_code == 2


def test_markup_looking_text_is_kept_literally(run, small_db):
    for text in ("fix [/] bug", "call [bold]Bob[/bold]", "[red]x"):
        pledge_id = run("add", text, "-d", "test-dlg", ok=True).stdout.strip()
        shown = run("show", pledge_id, "--format", "table", ok=True)
        assert text in shown.stdout
        listed = run("list", "--format", "table", "--search", text, ok=True)
        assert text in listed.stdout
