"""The audit's inputs against the database file: ids, duplicate keys, temp files,
read-only files, special files, missing folders and pathological JSON (issue #11).

Each test runs what the audit ran and checks what a user sees: exit code, the
one-line message, and the file (untouched when refused)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, read_db
from helpers import digest, tracker

# -- 1. absurd ids ------------------------------------------------------------------


def _import_with_id(run, tmp_path: Path, pledge_id: object):
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    document["pledges"] = document["pledges"][:1]
    document["pledges"][0]["id"] = pledge_id
    document["pledges"][0]["uuid"] = "0b7c3a52-3a51-4f0e-9a57-1f0d0c1e2d3f"
    source = tmp_path / "absurd.json"
    # json writes integers of any size, as a hostile file would hold them.
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return run("import", source)


@pytest.mark.parametrize("pledge_id", [18446744073709551615, 10**30, 10**12])
def test_an_id_out_of_range_is_refused_at_import_and_the_database_still_works(
        run, sample_db, tmp_path, pledge_id):
    before = sample_db.read_bytes()
    result = _import_with_id(run, tmp_path, pledge_id)
    assert result.exit_code == 1
    assert f"id must be a whole number from 1 to 999999999999, got {pledge_id}" in result.stderr
    assert sample_db.read_bytes() == before
    assert run("add", "Still works", "-d", "cn-kz-fmsd-2024", ok=True).stdout.strip().isdigit()
    run("undo", ok=True)


def test_the_highest_id_is_kept_and_what_is_written_reads_back(run, sample_db, tmp_path):
    assert _import_with_id(run, tmp_path, 999_999_999_999).exit_code == 0
    assert run("show", "999999999999", "--format", "json", ok=True).stdout
    assert read_db(sample_db)["meta"]["1"]["next_pledge_id"] == 10**12
    before = sample_db.read_bytes()
    # No id is left to give: refused before writing a counter the reader would refuse.
    result = run("add", "One more", "-d", "cn-kz-fmsd-2024")
    assert result.exit_code == 3 and "next_pledge_id would pass its limit" in result.stderr
    assert sample_db.read_bytes() == before
    run("undo", ok=True)  # the import comes off: every command still works
    assert run("list", ok=True).exit_code == 0


def test_a_counter_out_of_range_in_the_file_is_named(run, small_db):
    small_db.write_text(small_db.read_text().replace('"next_pledge_id": 4',
                                                     '"next_pledge_id": 18446744073709551616'))
    result = run("list")
    assert result.exit_code == 3
    assert "meta → 1 → next_pledge_id: 18446744073709551616" in result.stderr


# -- 2. duplicate keys -----------------------------------------------------------------


def test_a_second_pledges_table_is_exit_3_naming_the_key(run, small_db):
    text = small_db.read_text(encoding="utf-8")
    # What a hand-resolved merge conflict leaves: both sides' tables, one after the other.
    small_db.write_text(text.replace('  "history": {', '  "pledges": {},\n  "history": {', 1),
                        encoding="utf-8")
    before = digest(small_db)
    for command in (["list"], ["mark", "1", "--progress", "5"], ["export"]):
        result = run(*command)
        assert result.exit_code == 3, command
        assert "has the key 'pledges' twice in one object" in result.stderr
        assert "the file was left untouched" in result.stderr
    assert digest(small_db) == before


def test_a_duplicate_key_deep_inside_a_record_is_found_too(run, small_db):
    text = small_db.read_text(encoding="utf-8")
    small_db.write_text(text.replace('"text": "Open a trade office",',
                                     '"text": "Open a trade office",\n      "text": "Other",', 1),
                        encoding="utf-8")
    result = run("show", "1")
    assert result.exit_code == 3 and "the key 'text' twice" in result.stderr


def test_an_import_file_with_a_duplicate_key_is_refused(run, sample_db, tmp_path):
    before = sample_db.read_bytes()
    text = SAMPLE.read_text(encoding="utf-8")
    source = tmp_path / "merged.json"
    source.write_text(text.replace('"pledges": [', '"pledges": [],\n  "pledges": [', 1),
                      encoding="utf-8")
    result = run("import", source)
    assert result.exit_code == 1 and "has the key 'pledges' twice" in result.stderr
    lines = tmp_path / "merged.ndjson"
    lines.write_text('{"type": "dialogue", "id": "x", "id": "y"}\n', encoding="utf-8")
    result = run("import", lines)
    assert result.exit_code == 1 and "line 1: the key 'id' appears twice" in result.stderr
    assert sample_db.read_bytes() == before


# -- 4. temp files left by a killed writer ------------------------------------------------


def test_the_next_writer_removes_temp_files_a_killed_writer_left(run, small_db):
    folder = small_db.parent
    stale = [folder / ".tracker.json.k1ll3d_1.tmp", folder / ".tracker.json.v1.bak.x2y4z6w8.tmp"]
    for path in stale:
        path.write_bytes(small_db.read_bytes())
    other = folder / ".notes.json.abcdefgh.tmp"  # another file's: not ours to remove
    other.write_text("keep")
    run("list", ok=True)
    assert all(path.exists() for path in stale)  # a reader removes nothing
    run("mark", "1", "--progress", "5", ok=True)
    assert not any(path.exists() for path in stale)
    assert other.read_text() == "keep"


# -- 5. a read-only database ----------------------------------------------------------------


def test_a_read_only_database_is_refused_before_any_work(run, small_db):
    Path(str(small_db) + ".lock").unlink()
    os.chmod(small_db, 0o444)
    before = small_db.read_bytes()
    result = run("mark", "1", "--progress", "5")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: {small_db} is read-only (mode 0444)")
    assert small_db.read_bytes() == before
    assert stat.S_IMODE(small_db.stat().st_mode) == 0o444
    assert not Path(str(small_db) + ".lock").exists()
    assert run("list", ok=True).stdout  # reading still works


# -- 7. special files, dangling links, missing folders -----------------------------------------


def test_a_fifo_is_refused_at_once_by_readers_and_writers(tmp_path):
    fifo = tmp_path / "db.json"
    os.mkfifo(fifo)
    for command in (["list"], ["add", "x", "-d", "d"]):
        result = tracker(fifo, *command, timeout=20)
        assert result.returncode == 3
        assert b"is a FIFO (named pipe), not a database file" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_a_character_device_is_never_replaced(run, tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = run("--db", device, "dialogue", "add", "T", "--date", "2025-01-01",
                 "--party", "A")
    assert result.exit_code == 3 and "is a character device" in result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_a_dangling_link_is_refused_and_nothing_is_created(run, tmp_path):
    link = tmp_path / "db.json"
    link.symlink_to(tmp_path / "gone" / "deeper" / "real.json")
    for command in (["list"], ["dialogue", "add", "T", "--date", "2025-01-01", "--party", "A"]):
        result = run("--db", link, *command)
        assert result.exit_code == 3
        assert "which does not exist" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_an_explicit_db_in_a_missing_folder_is_refused(run, tmp_path):
    wanted = tmp_path / "typo" / "tracker.json"
    result = run("--db", wanted, "dialogue", "add", "T", "--date", "2025-01-01", "--party", "A")
    assert result.exit_code == 3
    assert f"the folder {wanted.parent} does not exist; nothing was changed" in result.stderr
    assert not wanted.parent.exists()


def test_the_default_data_folder_is_still_created(run, monkeypatch, tmp_path):
    monkeypatch.delenv("TRACKER_DB")
    run("dialogue", "add", "T", "--date", "2025-01-01", "--party", "A", ok=True)
    assert (tmp_path / "xdg-data" / "pledge-tracker" / "tracker.json").is_file()


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["report"], ["export"],
                                     ["history"], ["dialogue", "list"]])
def test_reading_commands_create_nothing(run, tmp_path, command):
    folder = tmp_path / "empty"
    folder.mkdir()
    run("--db", folder / "tracker.json", *command)
    assert list(folder.iterdir()) == []


# -- 11. pathological JSON -------------------------------------------------------------------


def test_a_deeply_nested_database_is_exit_3_naming_the_file(tmp_path):
    db = tmp_path / "tracker.json"
    db.write_text("[" * 100_000)
    result = tracker(db, "list")
    assert result.returncode == 3
    assert result.stderr.startswith(f"error: {db} is nested too deeply".encode())
    assert db.read_text() == "[" * 100_000


def test_a_deeply_nested_import_is_a_clear_exit_1(run, small_db, tmp_path):
    before = small_db.read_bytes()
    for name, content in (("deep.json", "[" * 100_000), ("deep2.json", '{"a":' * 100_000)):
        source = tmp_path / name
        source.write_text(content)
        result = run("import", source)
        assert result.exit_code == 1, result.stderr
        assert "unexpected" not in result.stderr and result.stderr.startswith("error: ")
    assert small_db.read_bytes() == before


def test_export_to_a_full_disk_is_a_clean_error(small_db):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = subprocess.run(["bash", "-c", '"$0" -m tracker export > /dev/full', sys.executable],
                            capture_output=True, env={**os.environ, "TRACKER_DB": str(small_db)},
                            timeout=60)
    assert result.returncode == 1
    assert result.stderr.decode().startswith("error: cannot write the output: No space left")
    assert b"unexpected" not in result.stderr and b"Traceback" not in result.stderr


# -- 3. undo and uuids -------------------------------------------------------------------------


def test_undo_refuses_to_bring_back_a_uuid_another_pledge_has_now(run, small_db, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_text(run("export", ok=True).stdout, encoding="utf-8")
    run("remove", "1", "--yes", ok=True)  # change 5
    run("import", backup, ok=True)  # change 6: pledge 1 comes back as 4, same uuid
    before = small_db.read_bytes()
    result = run("undo", "5")
    assert result.exit_code == 1
    assert ("cannot undo #5 (remove 1): pledge 1 would come back with uuid "
            in result.stderr)
    assert "which pledge 4 has now, added by #6 (import " in result.stderr
    assert small_db.read_bytes() == before
    uuids = [p["uuid"] for p in read_db(small_db)["pledges"].values()]
    assert len(uuids) == len(set(uuids))
    run("undo", ok=True)  # the import goes; then the removal can be undone
    run("undo", "5", ok=True)
    assert run("import", backup, ok=True).stderr.endswith("0 added, 0 changed, 4 unchanged\n")


# -- a second audit: every field of a hand-edited record -----------------------------


def _edit_pledge(data: dict, field: str, value: object) -> str:
    data["pledges"]["1"][field] = value
    return f"pledges → 1 → {field}: {value!r}"


def _edit_update(data: dict, field: str, value: object) -> str:
    pledge = next(p for p in data["pledges"].values() if p["updates"])
    pledge["updates"][0][field] = value
    return f"pledges → {pledge['id']} → updates → 0 → {field}: {value!r}"


def _edit_dialogue(data: dict, field: str, value: object) -> str:
    data["dialogues"]["1"][field] = value
    return f"dialogues → 1 → {field}: {value!r}"


@pytest.mark.parametrize(("edit", "field", "value"), [
    (_edit_pledge, "due", 20250630), (_edit_pledge, "due", "2025-02-30"),
    (_edit_pledge, "area", 7), (_edit_pledge, "framework", ["SCO"]),
    (_edit_pledge, "verifiable", "false"), (_edit_pledge, "progress", True),
    (_edit_pledge, "target", 1e300), (_edit_pledge, "target", -3),
    (_edit_pledge, "not_verifiable_for", "China"),
    (_edit_update, "date", "2025-13-01"), (_edit_update, "note", 12),
    (_edit_update, "value", "lots"),
    (_edit_dialogue, "date", "2024-03-32"), (_edit_dialogue, "parties", ["China", 5]),
    (_edit_dialogue, "title", None),
])
def test_a_field_of_the_wrong_kind_is_refused_with_its_place(run, sample_db, edit, field,
                                                              value):
    data = read_db(sample_db)
    place = edit(data, field, value)
    sample_db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = digest(sample_db)
    for command in (["report"], ["list", "--sort", "due"], ["history"], ["show", "1"],
                    ["edit", "1", "--area", "energy"], ["mark", "1", "--status", "fulfilled"]):
        result = run(*command)
        assert result.exit_code == 3, (command, result.stderr)
        assert f"has a bad value at {place}" in result.stderr, command
        assert "unexpected failure" not in result.stderr
    assert digest(sample_db) == before


def test_a_garbled_change_log_entry_or_a_repeated_dialogue_is_refused(run, sample_db):
    data = read_db(sample_db)
    del data["history"]["1"]["id"]
    sample_db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for command in (["history"], ["undo"]):
        result = run(*command)
        assert result.exit_code == 3 and "history → 1 → id: None" in result.stderr, command
    data = read_db(sample_db)
    data["history"]["1"]["id"] = 1
    data["dialogues"]["2"] = dict(data["dialogues"]["1"])
    sample_db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("dialogue", "list")
    assert result.exit_code == 3 and "has two dialogues with the id" in result.stderr
