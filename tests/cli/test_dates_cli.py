"""Deadlines as readouts and analysts write them, through every option that takes a date."""

import pytest
from conftest import read_db


@pytest.mark.parametrize("words, stored", [
    ("Q3 2027", "2027-09-30"), ("T3 2027", "2027-09-30"), ("H1 2027", "2027-06-30"),
    ("premier semestre 2027", "2027-06-30"), ("second half of 2026", "2026-12-31"),
    ("end of 2025", "2025-12-31"), ("by end-2027", "2027-12-31"), ("fin 2027", "2027-12-31"),
    ("mid-2026", "2026-06-30"), ("d'ici fin juin 2026", "2026-06-30"),
    ("next month", "2026-02-28"), ("next quarter", "2026-06-30"), ("next year", "2027-12-31"),
    ("30/06/2025", "2025-06-30"),
])
def test_add_due_reads_the_words_as_a_deadline(run, small_db, words, stored):
    pledge_id = run("add", "Open a consulate", "-d", "test-dlg", "--due", words,
                    ok=True).stdout.strip()
    assert read_db(small_db)["pledges"][pledge_id]["due"] == stored


def test_edit_due_takes_the_same_words(run, small_db):
    run("edit", "2", "--due", "avant la fin de 2026", ok=True)
    assert read_db(small_db)["pledges"]["2"]["due"] == "2026-12-31"


@pytest.mark.parametrize("words, hint", [
    ("soon", "too vague"), ("early 2026", "Q1 2026"), ("03/04/2025", "2025-04-03 or 2025-03-04"),
    ("1m", "+1m"), ("30 February 2027", "not a real date"), ("Q3", "has no year"),
])
def test_vague_or_ambiguous_deadlines_are_refused_and_change_nothing(run, small_db, words,
                                                                      hint):
    before = small_db.read_bytes()
    result = run("add", "Open a consulate", "-d", "test-dlg", "--due", words)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and hint in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert small_db.read_bytes() == before


def test_the_error_hint_names_the_period_forms(run, small_db):
    result = run("add", "Open a consulate", "-d", "test-dlg", "--due", "whenever")
    assert "Q3 2027" in result.stderr and "end of 2025" in result.stderr


def test_mark_date_and_dialogue_date_take_written_periods(run, small_db):
    run("mark", "1", "--note", "Lease signed", "--date", "end of June 2025", ok=True)
    assert read_db(small_db)["pledges"]["1"]["updates"][-1]["date"] == "2025-06-30"
    run("dialogue", "add", "Later round", "--date", "fin 2025", "--party", "Alpha",
        "--party", "Beta", "--id", "later", ok=True)
    dialogues = read_db(small_db)["dialogues"].values()
    assert {d["id"]: d["date"] for d in dialogues}["later"] == "2025-12-31"


@pytest.mark.parametrize("command", [
    ["mark", "1", "--note", "x", "--date", ""],
    ["report", "--as-of", ""],
    ["report", "--since", " "],
])
def test_an_empty_date_is_an_error_not_today(run, small_db, command):
    before = small_db.read_bytes()
    result = run(*command)
    assert result.exit_code == 1 and "empty date" in result.stderr
    assert small_db.read_bytes() == before


def test_filters_read_a_period_as_its_bounds(run, small_db):
    run("edit", "2", "--due", "Q3 2025", ok=True)  # pledge 1 is due 2025-06-30
    ids = lambda *a: run("list", *a, "--format", "ids", ok=True).stdout.split()  # noqa: E731
    assert ids("--due-before", "H2 2025") == ["1"]
    assert ids("--due-after", "H1 2025") == ["2"]
    assert ids("--due-before", "by end of 2025") == ["1", "2"]
    assert ids("--due-after", "mid-2025") == ["2"]


def test_the_spreadsheet_due_column_takes_the_same_words(run, small_db, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("dialogue,text,due\n"
                     "test-dlg,Open a rail link,Q3 2027\n"
                     "test-dlg,Train customs staff,fin juin 2026\n", encoding="utf-8")
    run("import", sheet, ok=True)
    dues = {p["text"]: p["due"] for p in read_db(small_db)["pledges"].values()}
    assert dues["Open a rail link"] == "2027-09-30"
    assert dues["Train customs staff"] == "2026-06-30"


def test_a_vague_due_in_a_spreadsheet_names_the_row(run, small_db, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("dialogue,text,due\ntest-dlg,Open a rail link,early 2027\n",
                     encoding="utf-8")
    before = small_db.read_bytes()
    result = run("import", sheet)
    assert result.exit_code == 1 and "too vague" in result.stderr
    assert small_db.read_bytes() == before
