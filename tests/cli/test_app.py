"""Global behaviour: version, help with examples, the database file and its guarantees."""

import json
import subprocess
import sys

import pytest
from conftest import on_a_terminal, read_db, tracker_exe

from tracker import __version__

COMMANDS = [["dialogue", "add"], ["dialogue", "list"], ["dialogue", "show"],
            ["dialogue", "edit"], ["dialogue", "remove"], ["add"], ["list"], ["show"],
            ["mark"], ["edit"], ["remove"], ["report"], ["export"], ["import"], ["extract"]]


def test_version(run):
    assert run("--version", ok=True).stdout == f"tracker {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(run, command):
    result = run(*command, "--help", ok=True)
    assert "Example" in result.stdout
    assert "tracker " in result.stdout


def test_unknown_command_and_option_are_usage_errors(run):
    assert run("frobnicate").exit_code == 2
    assert run("list", "--colour").exit_code == 2


def test_db_option_beats_environment(run, tmp_path, small_db):
    other = tmp_path / "other.json"
    run("--db", other, "dialogue", "add", "Other", "--date", "2025-01-01", "--party", "X",
        ok=True)
    assert [d["id"] for d in read_db(other)["dialogues"].values()] == ["other-2025"]
    assert len(read_db(small_db)["dialogues"]) == 1


@pytest.mark.parametrize("content, where", [
    (b'{"meta": {"1": {"schema_version": 1', "line 1"),
    (b"\x00\x00\x00", "not valid JSON"),
    (b"[1, 2, 3]", "not a pledge-tracker database"),
    (b'{"meta": {"1": {"schema_version": 1, "next_pledge_id": 2, "next_change_id": 1}},'
     b' "pledges": {"1": {"id": 1, "status": "done"}}}', "pledges → 1"),
    (b"\xff\xfe not utf8", "not UTF-8"),
])
def test_corrupt_file_refused_and_left_byte_identical(run, db, content, where):
    db.write_bytes(content)
    for args in (["list"], ["dialogue", "add", "T", "--date", "2025-01-01", "--party", "X"]):
        result = run(*args)
        assert result.exit_code == 3, (args, result.stderr)
        assert where in result.stderr
        assert "left untouched" in result.stderr
        assert db.read_bytes() == content


def test_newer_schema_refused(run, db):
    newer = {"meta": {"1": {"schema_version": 99, "next_pledge_id": 1, "next_change_id": 1}}}
    db.write_text(json.dumps(newer))
    result = run("list")
    assert result.exit_code == 3 and "newer pledge-tracker" in result.stderr


def test_file_is_indented_utf8_and_records_changes(run, small_db):
    run("add", "Échanges entre les peuples — 人文交流", "-d", "test-dlg", ok=True)
    text = small_db.read_text(encoding="utf-8")
    assert "Échanges entre les peuples — 人文交流" in text  # no \u escapes
    assert text.startswith('{\n  "meta"')
    data = json.loads(text)
    assert data["meta"]["1"]["schema_version"] == 2
    commands = [entry["command"] for entry in data["history"].values()]
    assert commands == ["dialogue add test-dlg", "add 1", "add 2", "add 3", "add 4"]
    assert oct(small_db.stat().st_mode & 0o777) == "0o600"


def test_no_traceback_on_unexpected_failure(run, small_db, monkeypatch):
    import tracker.query

    monkeypatch.delenv("TRACKER_DEBUG")  # what a user sees: no traceback

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(tracker.query, "select", broken)
    result = run("list")
    assert result.exit_code == 1
    assert "unexpected failure: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.stderr


def test_installed_command_runs_as_subprocess(small_db):
    result = subprocess.run([*tracker_exe(), "list", "--format", "json"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [p["id"] for p in json.loads(result.stdout)] == [1, 2, 3]
    module = subprocess.run([sys.executable, "-m", "tracker", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert module.stdout == f"tracker {__version__}\n"


def test_parallel_processes_lose_no_pledge(small_db):
    procs = [subprocess.Popen([*tracker_exe(), "add", f"Parallel {n}", "-d", "test-dlg"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(8)]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert all(proc.returncode == 0 for proc in procs), outputs
    new_ids = sorted(int(out.strip()) for out, _ in outputs)
    assert new_ids == list(range(4, 12))
    texts = {p["text"] for p in read_db(small_db)["pledges"].values()}
    assert {f"Parallel {n}" for n in range(8)} <= texts


def test_usage_errors_are_two_lines_in_the_spec_format(run):
    cases = {
        ("add", "x"): ("error: missing option '--dialogue' / '-d'", "tracker add"),
        ("list", "--bogus"): ("error: no such option: --bogus", "tracker list"),
        ("mark", "1", "--progress", "abc"): (
            "error: invalid value for '--progress' / '-p': 'abc' is not a valid integer",
            "tracker mark"),
        ("dialogue", "add"): ("error: missing argument 'TITLE'", "tracker dialogue add"),
        ("frobnicate",): ("error: no such command 'frobnicate'", "tracker"),
    }
    for args, (message, command) in cases.items():
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.stderr == f"{message}\nhint: see '{command} --help'\n", args
        assert result.stdout == ""


def test_help_and_version_still_succeed_and_no_arguments_shows_help(run):
    assert run("--help", ok=True).stdout.startswith("Usage: tracker [OPTIONS] COMMAND")
    assert run("add", "--help", ok=True).stdout.startswith("Usage: tracker add [OPTIONS]")
    assert run("--version", ok=True).stdout == f"tracker {__version__}\n"
    bare = run()
    assert bare.exit_code == 2 and "Usage: tracker [OPTIONS] COMMAND" in bare.stderr


def _take_the_terminal() -> None:
    """In the child: a new session whose controlling terminal is the pty, so ^C is SIGINT."""
    import fcntl
    import os
    import termios

    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@pytest.mark.parametrize("key", [b"\x03", b"\x04"], ids=["ctrl-c", "ctrl-d"])
def test_interrupting_the_remove_prompt_changes_nothing(small_db, key):
    import os
    import select
    import time

    before = small_db.read_bytes()
    primary, secondary = os.openpty()
    process = subprocess.Popen([*tracker_exe(), "remove", "1"], stdin=secondary,
                               stdout=secondary, stderr=secondary,
                               preexec_fn=_take_the_terminal)
    os.close(secondary)
    seen = b""
    deadline = time.monotonic() + 60
    while b"[y/N]" not in seen and time.monotonic() < deadline:
        if select.select([primary], [], [], 1)[0]:
            seen += os.read(primary, 4096)
    # A second press if the first went astray (a user would press again); never more.
    for _ in range(2):
        os.write(primary, key)
        try:
            process.wait(timeout=15)
            break
        except subprocess.TimeoutExpired:
            continue
    process.kill()
    assert process.wait(timeout=5) == 130, seen
    try:
        while select.select([primary], [], [], 1)[0]:
            seen += os.read(primary, 4096)
    except OSError:  # the terminal closed with the process
        pass
    os.close(primary)
    assert b"error: interrupted; nothing was changed" in seen
    assert b"Traceback" not in seen
    assert small_db.read_bytes() == before


@pytest.mark.parametrize("command", ["tracker show 1", "tracker dialogue show cn-kz-fmsd-2024",
                                     "tracker list --format table", "tracker report",
                                     "tracker export"])
def test_a_reader_that_leaves_early_is_not_an_error(sh, sample_db, command):
    result = sh(f"COLUMNS=80 {command} | head -1")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip()


def test_a_pledge_key_that_is_not_its_id_is_refused(run, small_db):
    data = read_db(small_db)
    data["pledges"] = {("001" if key == "1" else key): value
                       for key, value in data["pledges"].items()}
    small_db.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    before = small_db.read_bytes()
    result = run("show", "1")
    assert result.exit_code == 3 and "pledges → 001" in result.stderr
    assert small_db.read_bytes() == before


def test_a_message_under_a_table_keeps_to_a_narrow_terminal(small_db):
    # The "… more match" line went out as one 72-character line under a table that fitted.
    code, text = on_a_terminal("list", "--limit", "1", width=50, db=small_db)
    assert code == 0
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 50, lines
    start = next(number for number, line in enumerate(lines) if "more match" in line)
    assert " ".join(line.strip() for line in lines[start:] if line.strip()) == (
        "… 2 more match; use --limit 0 to show all, or --format tsv to pipe them.")
    assert start < len(lines) - 1  # wrapped, at a word
