"""`--output FILE` of report and export: never over the database, permissions as `>` gives."""

import os
import stat

import pytest


@pytest.mark.parametrize("command", [("report", "--format", "json"), ("export",)])
def test_output_onto_the_database_is_refused_and_changes_nothing(run, sample_db, command):
    before = sample_db.read_bytes()
    result = run(*command, "--output", sample_db)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --output ")
    assert "is the database or its lock file" in result.stderr
    assert result.stdout == ""
    assert sample_db.read_bytes() == before


@pytest.mark.parametrize("command", [("report", "--format", "json"), ("export",)])
def test_output_by_another_path_to_the_database_is_refused(run, sample_db, tmp_path,
                                                           command, monkeypatch):
    before = sample_db.read_bytes()
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert run(*command, "--output", "../tracker.json").exit_code == 1
    link = tmp_path / "link.json"
    link.symlink_to(sample_db)
    assert run(*command, "--output", link).exit_code == 1
    hard = tmp_path / "hard.json"
    os.link(sample_db, hard)
    assert run(*command, "--output", hard).exit_code == 1
    assert sample_db.read_bytes() == before


@pytest.mark.parametrize("command", [("report", "--format", "json"), ("export",)])
def test_output_onto_the_lock_file_is_refused(run, sample_db, command):
    lock = sample_db.with_name(sample_db.name + ".lock")
    result = run(*command, "--output", lock)
    assert result.exit_code == 1 and "is the database or its lock file" in result.stderr


@pytest.mark.parametrize("command", [("report", "--format", "json"), ("export",)])
def test_a_new_output_file_gets_the_mode_shell_redirection_would(run, sample_db, tmp_path,
                                                                 command):
    target = tmp_path / "out.json"
    old = os.umask(0o027)
    try:
        run(*command, "--output", target, ok=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert stat.S_IMODE(sample_db.stat().st_mode) == 0o600
