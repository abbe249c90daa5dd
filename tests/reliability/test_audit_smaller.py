"""The audit's smaller findings: BOMs, id claims inside one file, huge CSV headers,
a group-shared database's lock, `edit --by` and a lock path that is a folder."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from conftest import SAMPLE, read_db


def _sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_json_and_ndjson_saved_with_a_bom_import(run, db, tmp_path, fmt):
    if fmt == "json":
        text = _sample_text()
    else:
        document = json.loads(_sample_text())
        text = "".join(json.dumps({"type": kind[:-1], **record}, ensure_ascii=False) + "\n"
                       for kind in ("dialogues", "pledges") for record in document[kind])
    source = tmp_path / f"with-bom.{fmt}"
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run("import", source, ok=True)
    assert "23 added" in result.stderr
    piped = run("--db", tmp_path / "other.json", "import", "-", input="\ufeff" + text, ok=True)
    assert "23 added" in piped.stderr


def test_two_records_asking_for_one_free_id_blame_the_file(run, small_db, tmp_path):
    document = json.loads(run("export", ok=True).stdout)
    first, second = (dict(document["pledges"][0]), dict(document["pledges"][1]))
    for number, pledge in enumerate((first, second)):
        pledge["uuid"] = f"00000000-0000-4000-8000-00000000000{number}"
        pledge["id"] = 50
    source = tmp_path / "claims.json"
    source.write_text(json.dumps({"dialogues": document["dialogues"],
                                  "pledges": [first, second]}), encoding="utf-8")
    result = run("import", source, ok=True)
    assert f"Pledge id 50 was claimed by an earlier record of {source}; imported as 51" \
        in result.stderr
    assert "is or was in use" not in result.stderr


def test_a_csv_with_very_many_columns_names_a_few(run, small_db, tmp_path):
    extra = [f"col{number}" for number in range(100_000)]
    source = tmp_path / "wide.csv"
    source.write_text(",".join(["dialogue", "text", *extra]) + "\n"
                      + ",".join(["test-dlg", "A wide row", *[""] * len(extra)]) + "\n",
                      encoding="utf-8")
    result = run("import", source, ok=True)
    warning = next(line for line in result.stderr.splitlines() if line.startswith("warning"))
    assert warning == ("warning: ignoring unknown columns: col0, col1, col2, col3, col4 "
                       "and 99995 more")


def test_the_lock_file_takes_the_databases_group_and_mode(run, small_db):
    lock = Path(str(small_db) + ".lock")
    lock.unlink()
    groups = [gid for gid in os.getgroups() if gid != small_db.stat().st_gid]
    if groups and os.geteuid() == 0:
        os.chown(small_db, -1, groups[0])
    os.chmod(small_db, 0o660)
    run("mark", "1", "--progress", "5", ok=True)
    assert stat.S_IMODE(lock.stat().st_mode) == 0o660
    assert lock.stat().st_gid == small_db.stat().st_gid
    assert stat.S_IMODE(small_db.stat().st_mode) == 0o660


def test_edit_by_refuses_to_drop_a_party_with_its_own_updates(run, small_db):
    run("mark", "1", "--party", "Beta", "--status", "in-progress", "--date", "2025-03-01",
        ok=True)
    before = small_db.read_bytes()
    result = run("edit", "1", "--by", "Alpha")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: pledge 1: it has updates about Beta (2025-03-01), "
                                    "which would no longer be one of its parties (Alpha)")
    assert small_db.read_bytes() == before
    run("edit", "2", "--by", "Alpha", "--by", "Beta", ok=True)  # no such updates: fine
    assert read_db(small_db)["pledges"]["2"]["by"] == ["Alpha", "Beta"]


def test_a_lock_path_that_is_a_folder_says_nothing_was_changed(run, small_db):
    lock = Path(str(small_db) + ".lock")
    lock.unlink()
    lock.mkdir()
    before = small_db.read_bytes()
    result = run("mark", "1", "--progress", "5")
    assert result.exit_code == 3
    assert "Is a directory" in result.stderr and "nothing was changed" in result.stderr
    assert small_db.read_bytes() == before
