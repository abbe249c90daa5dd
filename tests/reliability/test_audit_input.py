"""The audit's hostile input: escape sequences and bidi overrides, other scripts' digits,
dates at the ends of the calendar (issue #11, items 8–10)."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE

ESC_TITLE = "\x1b]0;owned\x07"  # sets the terminal window's title
RED = "\x1b[31m"


def _one_pledge_document(**changes) -> dict:
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    document["pledges"] = document["pledges"][:1]
    pledge = document["pledges"][0]
    for key, value in changes.items():
        if key == "recorded":
            pledge["updates"][0]["recorded"] = value
        else:
            pledge[key] = value
    return document


# -- 8. terminal injection ----------------------------------------------------------------


@pytest.mark.parametrize("field", ["created", "updated", "recorded"])
@pytest.mark.parametrize("value", ["2024" + ESC_TITLE, "2024-03-29T10:00:00Z" + RED,
                                   "2024-13-45T99:00:00Z", "2024-03-29"])
def test_a_timestamp_must_be_a_real_one(run, db, tmp_path, field, value):
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(_one_pledge_document(**{field: value})), encoding="utf-8")
    result = run("import", source)
    assert result.exit_code == 1
    assert "must be an ISO 8601 timestamp" in result.stderr
    assert "\x1b" not in result.stderr  # the refusal itself does not replay the sequence
    assert not db.exists()


@pytest.mark.parametrize("override", ["\u202e", "\u202a", "\u2066", "\u2069"])
def test_bidirectional_overrides_are_refused_in_text(run, small_db, override):
    before = small_db.read_bytes()
    result = run("add", f"Pay {override}0001 dollars", "-d", "test-dlg")
    assert result.exit_code == 1
    assert f"bidirectional override U+{ord(override):04X}" in result.stderr
    result = run("mark", "1", "--note", f"done{override}")
    assert result.exit_code == 1
    assert small_db.read_bytes() == before


def test_stored_escapes_never_reach_any_output(run, small_db, monkeypatch):
    # A hand-edited file: escape sequences and an override straight in the records.
    text = small_db.read_text(encoding="utf-8")
    text = text.replace('"Open a trade office"', json.dumps(f"Open{ESC_TITLE} a {RED}office\u202e"))
    text = text.replace('"trade"', json.dumps("tr\x1b[2Jade"), 1)
    small_db.write_text(text, encoding="utf-8")
    outputs = {
        "show": run("show", "1", ok=True),
        "show json": run("show", "1", "--format", "json", ok=True),
        "list": run("list", ok=True),
        "list table": run("list", "--format", "table", ok=True),
        "export csv": run("export", "--format", "csv", ok=True),
        "report": run("report", ok=True),
        "report markdown": run("report", "--format", "markdown", ok=True),
        "history": run("history", ok=True),
    }
    for name, result in outputs.items():
        for bad in ("\x1b", "\x07", "\u202e"):
            assert bad not in result.stdout + result.stderr, (name, bad)
    # (rich drops a BEL by itself; the sanitiser escapes the rest)
    assert "Open\\u001b]0;owned a \\u001b[31moffice\\u202e" in outputs["show"].stdout
    assert "Open\\u001b]0;owned\\u0007 a" in outputs["list"].stdout
    # In JSON the escape is the same string: the data survives, the terminal is safe.
    assert json.loads(outputs["show json"].stdout)["text"].startswith("Open\x1b]0;owned")


def test_stored_escapes_are_escaped_in_coloured_output_too(run, small_db, monkeypatch):
    # Coloured output (FORCE_COLOR, as `tracker report | less -R`) goes through the same
    # sanitiser: rich's own colour codes are the only escapes that reach the terminal.
    text = small_db.read_text(encoding="utf-8")
    text = text.replace('"Open a trade office"', json.dumps(f"Open{ESC_TITLE} a {RED}office"))
    small_db.write_text(text, encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    for command in (["list", "--format", "table"], ["show", "1"], ["report"]):
        result = run(*command, ok=True)
        assert "\x1b[" in result.stdout, command  # coloured indeed
        assert "\x1b]" not in result.stdout and RED + "office" not in result.stdout, command
        assert "Open\\u001b]0;owned" in result.stdout, command


def test_an_escaped_cell_keeps_to_its_column(run, small_db, monkeypatch):
    # The escape written in place of a control character is longer than the character:
    # the table must be laid out for the escaped text, or the row runs past the terminal.
    text = small_db.read_text(encoding="utf-8")
    text = text.replace('"Open a trade office"',
                        json.dumps(f"Open{RED} a trade office and staff it within the year"))
    small_db.write_text(text, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "60")
    for command in (["list", "--format", "table"], ["show", "1"]):
        lines = run(*command, ok=True).stdout.splitlines()
        assert max(len(line) for line in lines) <= 60, (command, lines)
        shown = " ".join(line.strip() for line in lines)
        assert "Open\\u001b[31m a trade office" in shown, command


def test_a_command_line_that_is_not_utf8_is_refused(run, small_db, tmp_path):
    from helpers import tracker

    before = small_db.read_bytes()
    # A byte that is not UTF-8 in an argument (a terminal set to Latin-1, say): Python
    # hands it on as a lone surrogate, which no file or output could hold.
    process = tracker(small_db, b"add", b"Ouvrir un bureau \xe0 Almaty", b"-d", b"test-dlg")
    assert process.returncode == 1
    assert process.stderr.decode() == "error: text is not UTF-8 (it holds the byte 0xE0)\n"
    for args in (["mark", "1", "--note", "vu \udce9t\u00e9"],
                 ["add", "x", "-d", "test-dlg", "--tag", "\udcff"],
                 ["report", "--title", "Rapport \udce9t\u00e9", "--format", "json"]):
        result = run(*args)
        assert result.exit_code == 1 and "is not UTF-8 (it holds the byte 0x" in result.stderr
    assert small_db.read_bytes() == before


def test_half_a_character_in_the_file_is_refused_with_its_place(run, small_db):
    text = small_db.read_text(encoding="utf-8")
    small_db.write_text(text.replace('"Open a trade office"', '"Open a \\ud800 office"'),
                        encoding="utf-8")
    before = small_db.read_bytes()
    for args in (["list"], ["show", "1"], ["report"], ["export", "--format", "json"],
                 ["mark", "1", "--note", "n"]):
        result = run(*args)
        assert result.exit_code == 3, args
        assert "holds half a character (a lone surrogate escape such as \\ud800) in " \
               "pledges → 1 → text" in result.stderr, args
    assert small_db.read_bytes() == before
    # A whole character written as an escaped pair is a character like any other.
    small_db.write_text(text.replace('"Open a trade office"', '"Open a \\ud83d\\ude00 office"'),
                        encoding="utf-8")
    assert "Open a \U0001f600 office" in run("list", ok=True).stdout


# -- 9. digits of other scripts ---------------------------------------------------------------


@pytest.mark.parametrize("day", ["٢٠٢٥-٠١-٠١", "२०२५-०१-०१", "٣٠ June 2025", "2025-0١-01"])
def test_dates_take_ascii_digits_only(run, small_db, tmp_path, day):
    before = small_db.read_bytes()
    for command in (["add", "x", "-d", "test-dlg", "--due", day],
                    ["list", "--due-before", day], ["mark", "1", "--progress", "5", "--date", day]):
        result = run(*command)
        assert result.exit_code == 1, (command, result.stderr)
        assert result.stderr.startswith("error: ")
    source = tmp_path / "arabic.json"
    source.write_text(json.dumps(_one_pledge_document(due=day)), encoding="utf-8")
    result = run("import", source)
    assert result.exit_code == 1 and "due must be an ISO date" in result.stderr
    assert small_db.read_bytes() == before


# -- 10. the ends of the calendar ------------------------------------------------------------


@pytest.fixture
def edge_db(run, db):
    run("dialogue", "add", "First ever", "--date", "0001-01-01", "--party", "A", "--party", "B",
        "--id", "first", ok=True)
    run("add", "Last deadline", "-d", "first", "--due", "9999-12-31", ok=True)
    run("mark", "1", "--date", "0001-01-01", "--status", "in-progress", ok=True)
    return db


@pytest.mark.parametrize("args", [
    ["report"], ["report", "--format", "markdown"], ["report", "--format", "html"],
    ["report", "--format", "json"], ["report", "--as-of", "0001-01-02"],
    ["report", "--as-of", "9999-12-30"], ["report", "--since", "0001-01-01"],
    ["report", "--as-of", "9999-12-31", "--since", "0001-01-01", "--final"],
    ["list", "--due-before", "9999-12-31"], ["list", "--overdue"], ["list", "--stale", "1y"],
])
def test_edge_dates_give_answers(run, edge_db, args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr


def test_everything_on_the_calendars_last_day_still_draws_its_chart(run, db, monkeypatch):
    # The HTML chart widened a one-day span past 9999-12-31 and failed.
    monkeypatch.setenv("TRACKER_TODAY", "9999-12-31")
    run("dialogue", "add", "Far talks", "--date", "9999-12-31", "--party", "A", "--party", "B",
        "--id", "far", ok=True)
    run("add", "Do a thing", "-d", "far", ok=True)
    run("mark", "1", "--progress", "20", "--date", "9999-12-31", ok=True)
    page = run("report", "--format", "html", ok=True).stdout
    assert 'aria-label="Compliance over time, with the dialogues marked"' in page


@pytest.mark.parametrize("args", [["list", "--due-before", "tomorrow"],
                                  ["list", "--due-within", "1y"], ["report", "--since", "+1d"]])
def test_past_the_calendar_is_a_clean_error(run, edge_db, monkeypatch, args):
    monkeypatch.setenv("TRACKER_TODAY", "9999-12-31")
    result = run(*args)
    assert result.exit_code == 1
    assert "outside the years 1–9999" in result.stderr and "unexpected" not in result.stderr


# -- 13. time zones ----------------------------------------------------------------------------


def test_list_show_and_report_agree_across_time_zones(small_db):
    from helpers import tracker

    east, west = {"TZ": "Pacific/Kiritimati", "TRACKER_TODAY": ""}, \
        {"TZ": "Etc/GMT+12", "TRACKER_TODAY": ""}
    # Kiritimati (UTC+14) is always a calendar day ahead of UTC-12: its "today" is their
    # tomorrow. The update is dated by the local day of the person who logs it.
    assert tracker(small_db, "mark", "1", "--status", "in-progress", "--progress", "40",
                   env=east).returncode == 0
    listed = tracker(small_db, "list", "--format", "json", env=west)
    shown = tracker(small_db, "show", "1", "--format", "json", env=west)
    reported = tracker(small_db, "report", "--format", "json", env=west)
    assert [p["status"] for p in json.loads(listed.stdout) if p["id"] == 1] == ["in-progress"]
    assert json.loads(shown.stdout)["status"] == "in-progress"
    report = json.loads(reported.stdout)
    assert [p["status"] for p in report["pledges"] if p["id"] == 1] == ["in-progress"]
    assert report["as_of"] == json.loads(shown.stdout)["updates"][-1]["date"]
