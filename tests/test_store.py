"""The store: migrations, backups, permissions, the lock file and record order."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from conftest import read_db

from tracker import migrations, store
from tracker.errors import DatabaseError

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA_V1 = FIXTURES / "schema-v1.json"
CURRENT = FIXTURES / f"schema-v{store.SCHEMA_VERSION}.json"
NEXT = store.SCHEMA_VERSION + 1


def test_every_registered_migration_has_a_fixture_of_its_older_version():
    # The rule of the registry: an upgrade from N is tested on a real schema-N file.
    for version in migrations.MIGRATIONS:
        assert (FIXTURES / f"schema-v{version}.json").exists(), version
    assert (FIXTURES / f"schema-v{store.SCHEMA_VERSION}.json").exists()


def test_the_current_fixture_loads_as_it_is():
    data = store.load_file(CURRENT)
    assert data["meta"]["1"]["schema_version"] == store.SCHEMA_VERSION == 2
    assert [p["id"] for p in data["pledges"].values()] == [1]


@pytest.fixture
def schema_next(monkeypatch):
    """A test-only next schema: the same file with `meta.time_zone` added (no such release)."""
    monkeypatch.setattr(store, "SCHEMA_VERSION", NEXT)
    monkeypatch.setitem(migrations.MIGRATIONS, NEXT - 1, _add_time_zone)


def _add_time_zone(data: dict) -> dict:
    data["meta"]["1"]["time_zone"] = "UTC"
    return data


def test_reading_an_older_file_upgrades_in_memory_only(run, db, schema_next):
    db.write_bytes(CURRENT.read_bytes())
    result = run("list", "--format", "json", ok=True)
    assert [p["text"] for p in json.loads(result.stdout)] == ["Open a trade office"]
    assert db.read_bytes() == CURRENT.read_bytes()
    assert not list(db.parent.glob("*.bak"))


def test_first_write_upgrades_and_keeps_the_old_file_as_a_backup(run, db, schema_next):
    db.write_bytes(CURRENT.read_bytes())
    run("edit", "1", "--area", "economy", ok=True)
    data = read_db(db)
    assert data["meta"]["1"]["schema_version"] == NEXT
    assert data["meta"]["1"]["time_zone"] == "UTC"
    assert data["pledges"]["1"]["area"] == "economy"
    backup = db.with_name(f"tracker.json.v{NEXT - 1}.bak")
    assert backup.read_bytes() == CURRENT.read_bytes()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    # Later writes find a current file: no second backup.
    run("edit", "1", "--area", "trade", ok=True)
    assert sorted(p.name for p in db.parent.glob("*.bak")) == [backup.name]
    assert backup.read_bytes() == CURRENT.read_bytes()


def test_an_existing_different_backup_is_never_overwritten(run, db, schema_next):
    db.write_bytes(CURRENT.read_bytes())
    older = db.with_name(f"tracker.json.v{NEXT - 1}.bak")
    older.write_text("an earlier backup\n")
    run("edit", "1", "--area", "economy", ok=True)
    assert older.read_text() == "an earlier backup\n"
    assert db.with_name(f"tracker.json.v{NEXT - 1}.2.bak").read_bytes() == CURRENT.read_bytes()


def test_a_failing_migration_is_exit_3_and_leaves_the_file(run, db, monkeypatch):
    monkeypatch.setattr(store, "SCHEMA_VERSION", NEXT)

    def broken(data: dict) -> dict:
        raise KeyError("nothing")

    monkeypatch.setitem(migrations.MIGRATIONS, NEXT - 1, broken)
    db.write_bytes(CURRENT.read_bytes())
    result = run("edit", "1", "--area", "economy")
    assert result.exit_code == 3
    assert f"cannot upgrade it from schema {NEXT - 1} to {NEXT}" in result.stderr
    assert db.read_bytes() == CURRENT.read_bytes()


def test_a_missing_migration_is_exit_3(run, db, monkeypatch):
    monkeypatch.setattr(store, "SCHEMA_VERSION", NEXT)
    db.write_bytes(CURRENT.read_bytes())
    result = run("list")
    assert result.exit_code == 3
    assert f"no upgrade is known from schema {NEXT - 1} to {NEXT}" in result.stderr


def test_a_file_from_a_newer_version_is_refused(run, db):
    data = json.loads(CURRENT.read_text())
    data["meta"]["1"]["schema_version"] = 99
    db.write_text(json.dumps(data))
    before = db.read_bytes()
    result = run("edit", "1", "--area", "economy")
    assert result.exit_code == 3
    assert "newer pledge-tracker (schema 99" in result.stderr
    assert db.read_bytes() == before


def test_registering_a_step_twice_is_a_programming_error(monkeypatch):
    monkeypatch.setitem(migrations.MIGRATIONS, 7, _add_time_zone)
    with pytest.raises(ValueError):
        migrations.register(7)(_add_time_zone)


def test_a_new_database_is_readable_by_its_owner_only(run, small_db):
    assert stat.S_IMODE(small_db.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(str(small_db) + ".lock").stat().st_mode) == 0o600


def test_a_rewrite_keeps_the_database_permissions(run, small_db):
    os.chmod(small_db, 0o640)
    run("edit", "1", "--area", "economy", ok=True)
    assert stat.S_IMODE(small_db.stat().st_mode) == 0o640


def test_no_temp_file_is_left_behind(run, small_db):
    run("mark", "1", "--progress", "10", ok=True)
    assert sorted(p.name for p in small_db.parent.iterdir()
                  if p.name.startswith(".")) == []


def test_a_symlink_planted_at_the_lock_name_is_not_followed(run, small_db, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    lock = Path(str(small_db) + ".lock")
    lock.unlink()
    lock.symlink_to(victim)
    before = small_db.read_bytes()
    result = run("edit", "1", "--area", "economy")
    assert result.exit_code == 3
    assert "symbolic link" in result.stderr
    assert victim.read_text() == "precious\n"
    assert small_db.read_bytes() == before


def test_a_symlinked_database_is_written_through_not_replaced(run, small_db, tmp_path):
    real = tmp_path / "elsewhere" / "real.json"
    real.parent.mkdir()
    small_db.rename(real)
    small_db.symlink_to(real)
    run("edit", "1", "--area", "economy", ok=True)
    assert small_db.is_symlink()
    assert read_db(real)["pledges"]["1"]["area"] == "economy"


def test_pledges_stay_in_id_order_when_a_low_id_comes_back(run, small_db):
    run("remove", "2", "--yes", ok=True)
    run("undo", ok=True)
    assert list(read_db(small_db)["pledges"]) == ["1", "2", "3"]


def test_update_records_tell_absent_from_null(tmp_path):
    opened = store.Store(tmp_path / "x.json", store._empty_data())
    changed = opened._record_update("pledges", 1, {"a": 1, "gone": None}, {"a": 2, "new": 3},
                                    exact=True)
    assert changed
    assert opened.changes[0]["before"] == {"a": 1, "gone": None}
    assert opened.changes[0]["after"] == {"a": 2, "new": 3}


def test_check_shape_names_the_bad_place(tmp_path):
    data = json.loads(CURRENT.read_text())
    data["pledges"]["1"]["progress"] = "half"
    with pytest.raises(DatabaseError, match=r"pledges → 1 → progress"):
        store.check_shape(data, tmp_path / "x.json")


def test_write_atomically_gives_a_new_file_the_mode_asked_and_keeps_an_old_ones(tmp_path):
    new = tmp_path / "report.txt"
    store.write_atomically(new, b"one", new_file_mode=0o644)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    store.write_atomically(new, b"two", new_file_mode=0o600)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644 and new.read_bytes() == b"two"
    default = tmp_path / "db.json"
    store.write_atomically(default, b"{}")
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
