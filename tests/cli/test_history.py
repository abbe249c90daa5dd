"""`tracker history`: newest first, one row per changed field, in every format."""

import json


def test_history_lists_changes_newest_first_with_field_before_after(run, small_db):
    run("edit", "1", "--area", "energy", ok=True)
    lines = run("history", ok=True).stdout.splitlines()
    first = lines[0].split("\t")
    assert first[0] == "5" and first[2] == "edit 1"
    assert first[3:] == ["pledge 1", "update", "area", "trade", "energy"]
    assert lines[-1].split("\t")[2:5] == ["dialogue add test-dlg", "dialogue test-dlg", "add"]


def test_history_of_one_pledge_and_a_limit(run, small_db):
    run("mark", "1", "2", "--progress", "20", "--note", "Begun", ok=True)
    rows = [line.split("\t") for line in run("history", "2", ok=True).stdout.splitlines()]
    assert {row[3] for row in rows} == {"pledge 2"}
    assert list(dict.fromkeys(row[0] for row in rows)) == ["5", "3"]
    assert ["updates", "", "+ 2026-01-15 in-progress 20% Begun"] in [row[5:] for row in rows]
    assert ["status", "pledged", "in-progress"] in [row[5:] for row in rows]
    limited = run("history", "--limit", "1", "--format", "ids", ok=True).stdout
    assert limited == "5\n"


def test_history_json_gives_entries_with_in_effect(run, small_db):
    run("remove", "3", "--yes", ok=True)
    run("undo", ok=True)
    entries = json.loads(run("history", "--format", "json", ok=True).stdout)
    assert [e["id"] for e in entries] == [6, 5, 4, 3, 2, 1]
    assert entries[0]["undoes"] == [5] and entries[0]["in_effect"] is True
    assert entries[1]["in_effect"] is False
    assert entries[1]["changes"][0]["before"]["text"] == "Support each other"
    ndjson = run("history", "--format", "ndjson", ok=True).stdout.splitlines()
    assert len(ndjson) == 6 and json.loads(ndjson[0])["id"] == 6


def test_history_table_and_csv_mark_undone_entries(run, small_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    run("edit", "2", "--area", "=cmd()", ok=True)
    run("undo", ok=True)
    table = run("history", "--format", "table", ok=True).stdout
    assert "edit 2 (undone)" in table and "undo (reverts #5)" in table
    csv_text = run("history", "--format", "csv", ok=True).stdout
    assert csv_text.splitlines()[0] == "change,at,command,record,op,field,before,after"
    assert "'=cmd()" in csv_text


def test_history_refuses_bad_values(run, small_db):
    assert run("history", "0").exit_code == 1
    assert run("history", "--limit", "-1").exit_code == 1
    assert run("history", "--format", "yaml").exit_code == 1
    assert run("history", "99").exit_code == 1  # never a pledge id


def test_history_of_an_empty_database(run, db):
    assert run("history", ok=True).stdout == ""
    assert run("history", "--format", "json", ok=True).stdout == "[]\n"


def test_history_of_an_id_never_given_out_is_an_error(run, small_db):
    result = run("history", "999")
    assert (result.exit_code, result.stderr) == (1, "error: no pledge with id 999\n")
    assert run("history", "4").exit_code == 1  # the next id, not given out yet
    run("remove", "3", "--yes", ok=True)
    removed = run("history", "3", "--format", "json", ok=True)  # removed, but it existed
    assert [entry["changes"][0]["op"] for entry in json.loads(removed.stdout)] == [
        "remove", "add"]


def test_the_add_entry_shows_the_text_as_added_not_as_edited_since(run, small_db):
    run("edit", "1", "--text", "Open two trade offices", ok=True)
    run("dialogue", "edit", "test-dlg", "--title", "Renamed Dialogue", ok=True)
    rows = [line.split("\t") for line in run("history", "1", ok=True).stdout.splitlines()]
    assert rows[0][4:] == ["update", "text", "Open a trade office", "Open two trade offices"]
    assert rows[-1][4:] == ["add", "", "", "Open a trade office"]
    run("remove", "1", "--yes", ok=True)
    rows = [line.split("\t") for line in run("history", ok=True).stdout.splitlines()]
    adds = {row[3]: row[7] for row in rows if row[4] == "add"}
    assert adds["pledge 1"] == "Open a trade office"
    assert adds["dialogue test-dlg"] == "Test Dialogue"


def test_a_renamed_dialogue_keeps_its_title_in_the_history(run, db):
    # The add of a dialogue later given a new --id read "(since removed)".
    run("dialogue", "add", "Talks in Astana", "--date", "2025-01-10", "--party", "A",
        "--party", "B", "--id", "talks-2025", ok=True)
    run("dialogue", "edit", "talks-2025", "--id", "astana-talks-2025", ok=True)
    rows = [line.split("\t") for line in run("history", ok=True).stdout.splitlines()[1:]]
    added = next(row for row in rows if row[4] == "add")
    assert added[-1] == "Talks in Astana"
