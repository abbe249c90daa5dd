"""`tracker show`, `edit` and `remove`."""

import json

from conftest import read_db


def test_show_table_and_json(run, small_db):
    run("mark", "1", "--status", "in-progress", "--note", "Lease signed", "--date",
        "2025-02-01", ok=True)
    table = run("show", "1", ok=True)
    assert "Open a trade office" in table.stdout
    assert "Lease signed" in table.stdout and "2025-02-01" in table.stdout
    record = json.loads(run("show", "1", "--format", "json", ok=True).stdout)
    assert record == read_db(small_db)["pledges"]["1"]
    missing = run("show", "42")
    assert missing.exit_code == 1 and "no pledge with id 42" in missing.stderr


def test_edit_fields_and_tags(run, small_db):
    run("edit", "1", "2", "--framework", "BRI", "--add-tag", "priority", ok=True)
    data = read_db(small_db)["pledges"]
    assert data["1"]["framework"] == data["2"]["framework"] == "BRI"
    assert data["1"]["tags"] == ["priority"]
    run("edit", "1", "--remove-tag", "PRIORITY", "--due", "none", "--text", "New words",
        ok=True)
    one = read_db(small_db)["pledges"]["1"]
    assert one["tags"] == [] and one["due"] is None and one["text"] == "New words"


def test_edit_errors_change_nothing(run, small_db):
    before = small_db.read_bytes()
    for args, message in ((["1", "--text", ""], "text must not be empty"),
                          (["1"], "nothing to change"),
                          (["1", "--due", "whenever"], "cannot read"),
                          (["1", "--by", "Nobody"], "not a party"),
                          (["7", "--area", "x"], "no pledge with id 7")):
        result = run("edit", *args)
        assert result.exit_code == 1 and message in result.stderr, args
    assert small_db.read_bytes() == before


def test_remove_needs_yes_off_a_terminal(run, small_db):
    before = small_db.read_bytes()
    refused = run("remove", "2")
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    assert small_db.read_bytes() == before
    run("remove", "2", "--yes", ok=True)
    assert "2" not in read_db(small_db)["pledges"]


def test_ids_are_never_reused(run, small_db):
    run("remove", "3", "--yes", ok=True)
    new_id = run("add", "After removal", "-d", "test-dlg", ok=True).stdout.strip()
    assert new_id == "4"
    run("remove", "4", "--yes", ok=True)
    assert run("add", "Again", "-d", "test-dlg", ok=True).stdout.strip() == "5"
