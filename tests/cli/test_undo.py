"""`tracker undo`: revert, walk back, redo, revert one entry, refuse when a later change depends."""

import json

from conftest import read_db


def exported(run) -> dict:
    document = json.loads(run("export", ok=True).stdout)
    del document["exported_at"]
    return document


def test_undo_with_an_empty_history_says_so(run, db):
    result = run("undo")
    assert result.exit_code == 1
    assert "nothing to undo: the change log is empty" in result.stderr
    assert not db.exists()


def test_undo_reverts_a_multi_id_mark_and_says_what(run, small_db):
    before = exported(run)
    run("mark", "1", "2", "--status", "in-progress", "--note", "Started", ok=True)
    result = run("undo", ok=True)
    assert "Reverted #5 (mark 1 2)" in result.stderr
    assert "`tracker undo --redo` brings it back" in result.stderr
    assert exported(run) == before


def test_undo_of_remove_brings_the_pledge_back_with_id_and_uuid(run, small_db):
    original = read_db(small_db)["pledges"]["2"]
    run("remove", "2", "--yes", ok=True)
    run("undo", ok=True)
    assert read_db(small_db)["pledges"]["2"] == original
    assert run("add", "New one", "-d", "test-dlg", ok=True).stdout == "4\n"  # 2 is not reused


def test_repeated_undo_walks_back_and_redo_walks_forward(run, small_db):
    states = [exported(run)]
    run("edit", "1", "--area", "energy", ok=True)
    states.append(exported(run))
    run("mark", "1", "--progress", "30", ok=True)
    states.append(exported(run))
    run("undo", ok=True)
    assert exported(run) == states[1]
    run("undo", ok=True)
    assert exported(run) == states[0]
    run("undo", "--redo", ok=True)
    assert exported(run) == states[1]
    run("undo", "--redo", ok=True)
    assert exported(run) == states[2]
    result = run("undo", "--redo")
    assert result.exit_code == 1 and "nothing to redo" in result.stderr
    run("undo", ok=True)  # undoing a redo undoes the change again
    assert exported(run) == states[1]


def test_steps_reverts_several_in_one_entry(run, small_db):
    start = exported(run)
    run("edit", "1", "--area", "energy", ok=True)
    run("edit", "2", "--area", "energy", ok=True)
    run("undo", "--steps", "2", ok=True)
    assert exported(run) == start
    entry = read_db(small_db)["history"]["7"]
    assert entry["command"] == "undo --steps 2" and entry["undoes"] == [6, 5]
    run("undo", "--redo", ok=True)  # one entry: both come back
    assert [p["area"] for p in exported(run)["pledges"][:2]] == ["energy", "energy"]


def test_too_many_steps_changes_nothing(run, small_db):
    before = small_db.read_bytes()
    result = run("undo", "--steps", "99")
    assert result.exit_code == 1
    assert "only 4 entries can be undone, not 99" in result.stderr
    assert small_db.read_bytes() == before


def test_undo_refuses_when_a_later_change_touched_the_same_pledge(run, small_db):
    run("edit", "1", "--area", "energy", ok=True)   # #5
    run("mark", "1", "--progress", "30", ok=True)   # #6
    before = small_db.read_bytes()
    result = run("undo", "5")
    assert result.exit_code == 1
    assert "cannot undo #5 (edit 1): pledge 1 was changed again since, by #6 (mark 1)" \
        in result.stderr
    assert small_db.read_bytes() == before


def test_undo_of_an_older_independent_change_works(run, small_db):
    run("edit", "1", "--area", "energy", ok=True)   # #5
    run("edit", "2", "--area", "energy", ok=True)   # #6
    run("undo", "5", ok=True)
    pledges = exported(run)["pledges"]
    assert [p["area"] for p in pledges[:2]] == ["trade", "energy"]


def test_undo_of_a_dialogue_with_later_pledges_is_refused(run, db):
    run("dialogue", "add", "D", "--date", "2025-01-01", "--party", "A", "--party", "B",
        "--id", "d", ok=True)
    run("add", "Promise", "-d", "d", ok=True)
    result = run("undo", "1")
    assert result.exit_code == 1
    assert "pledge 1 belongs to dialogue 'd', which would no longer exist" in result.stderr


def test_undoing_an_undo_entry_by_number_redoes_it(run, small_db):
    run("edit", "3", "--text", "Reworded", ok=True)   # #5
    run("undo", ok=True)                               # #6
    result = run("undo", "6", ok=True)
    assert "Reverted #6 (undo, which reverted #5 (edit 3))" in result.stderr
    assert exported(run)["pledges"][2]["text"] == "Reworded"
    again = run("undo", "6")
    assert again.exit_code == 1 and "already reverted (by #7)" in again.stderr


def test_undo_of_a_dialogue_rename_renames_back_with_its_pledges(run, small_db):
    start = exported(run)
    run("dialogue", "edit", "test-dlg", "--id", "renamed", ok=True)
    run("undo", ok=True)
    assert exported(run) == start


def test_bad_arguments_are_refused(run, small_db):
    assert run("undo", "0").exit_code == 1
    assert run("undo", "99").exit_code == 1
    assert run("undo", "--steps", "0").exit_code == 1
    assert run("undo", "3", "--redo").exit_code == 1
    assert run("undo", "x").exit_code == 2


def test_help_explains_the_model_with_examples(run):
    text = run("undo", "--help", ok=True).stdout
    assert "--redo" in text and "tracker undo 42" in text and "refuses" in text
