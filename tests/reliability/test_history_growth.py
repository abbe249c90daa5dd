"""The change log records what changed: a mark logs its one update, not the list twice.

The audit's input: marks on one pledge, one after another. Under schema 1 each
`mark` stored the whole update list before and after, so the file grew with
the square of the marks (200 marks: 29 KB → 14.7 MB). bench/history_growth.py
measures the 200-mark figure with real processes.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import read_db

from tracker import delta, store

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_each_mark_adds_about_the_same_bytes_however_long_the_log(run, small_db):
    sizes = [small_db.stat().st_size]
    for number in range(25):
        run("mark", "1", "--progress", str(number + 1), "--note", f"step {number}", ok=True)
        sizes.append(small_db.stat().st_size)
    first, last = sizes[1] - sizes[0], sizes[-1] - sizes[-2]
    # Whole lists twice made the 25th mark cost about 25× the first; a splice costs the same.
    assert last <= first + 64, (first, last)
    entry = read_db(small_db)["history"][str(len(read_db(small_db)["history"]))]
    (change,) = entry["changes"]
    assert "updates" not in change["before"] and "updates" not in change["after"]
    assert change["splices"]["updates"]["at"] == 24
    assert change["splices"]["updates"]["before"] == []
    assert [u["note"] for u in change["splices"]["updates"]["after"]] == ["step 24"]


def test_undo_and_redo_of_a_mark_in_the_middle_of_the_log_are_byte_exact(run, small_db):
    run("mark", "1", "--progress", "10", "--date", "2025-03-01", ok=True)
    run("mark", "1", "--progress", "30", "--date", "2025-05-01", ok=True)
    before = small_db.read_bytes()
    pledges_before = read_db(small_db)["pledges"]
    # A backdated update goes between the two: the splice sits at index 1.
    run("mark", "1", "--progress", "20", "--date", "2025-04-01", ok=True)
    pledges_after = read_db(small_db)["pledges"]
    change = read_db(small_db)["history"]["7"]["changes"][0]
    assert change["splices"]["updates"]["at"] == 1
    run("undo", ok=True)
    assert read_db(small_db)["pledges"] == pledges_before
    assert json.dumps(read_db(small_db)["pledges"]) == json.dumps(pledges_before)
    run("undo", "--redo", ok=True)
    assert json.dumps(read_db(small_db)["pledges"]) == json.dumps(pledges_after)
    assert len(small_db.read_bytes()) > len(before)


def test_items_equal_in_python_but_not_in_the_file_count_as_changed():
    # {"a": 1, "b": 2} == {"b": 2, "a": 1} and 1 == 1.0, yet the file's bytes differ.
    old, new = [{"a": 1, "b": 2}, 1], [{"b": 2, "a": 1}, 1.0]
    piece = delta.splice(old, new)
    assert piece == {"at": 0, "before": old, "after": new}
    assert json.dumps(delta.undo_splice(new, piece)) == json.dumps(old)
    assert json.dumps(delta.redo_splice(old, piece)) == json.dumps(new)


def test_a_folder_where_the_backup_goes_takes_the_next_name(run, db):
    # It made the upgrade fail with "cannot write …/tracker.json: Is a directory".
    v1 = (FIXTURES / "schema-v1.json").read_bytes()
    db.write_bytes(v1)
    db.with_name("tracker.json.v1.bak").mkdir()
    run("mark", "1", "--status", "in-progress", ok=True)
    assert db.with_name("tracker.json.v1.2.bak").read_bytes() == v1
    assert read_db(db)["meta"]["1"]["schema_version"] == store.SCHEMA_VERSION


def test_a_schema_1_file_is_migrated_with_a_backup_and_reads_the_same(run, db):
    v1 = (FIXTURES / "schema-v1.json").read_bytes()
    db.write_bytes(v1)
    shown_before = run("history", "--format", "tsv", ok=True).stdout
    assert db.read_bytes() == v1  # reading never writes
    exported_before = run("export", ok=True).stdout.splitlines()
    run("undo", ok=True)  # the first write: reverts `remove 2`, upgrades the file
    assert db.with_name("tracker.json.v1.bak").read_bytes() == v1
    data = read_db(db)
    assert data["meta"]["1"]["schema_version"] == store.SCHEMA_VERSION
    mark = data["history"]["4"]["changes"][0]
    assert mark["before"] == {"status": "pledged"}
    assert mark["splices"]["updates"]["after"][0]["note"] == "Office lease signed"
    marked = [line.split("\t")[5:] for line in shown_before.splitlines()
              if line.startswith("4\t")]
    assert ["updates", "", "+ 2025-02-01 in-progress 0% Office lease signed"] in marked
    assert [line.split("\t")[5:] for line in run("history", ok=True).stdout.splitlines()
            if line.startswith("4\t")] == marked
    run("undo", "--redo", ok=True)  # removes pledge 2 again
    run("undo", "4", ok=True)  # the migrated mark reverts exactly
    pledge = read_db(db)["pledges"]["1"]
    assert (pledge["status"], pledge["updates"]) == ("pledged", [])
    run("undo", "--redo", ok=True)
    exported = [line for line in run("export", ok=True).stdout.splitlines()
                if '"exported_at"' not in line and '"schema_version"' not in line]
    assert exported == [line for line in exported_before
                        if '"exported_at"' not in line and '"schema_version"' not in line]
