"""Shell completion: installs, and completes commands, statuses, dialogue and pledge ids."""

import os
import subprocess

import pytest

from tests.conftest import tracker_exe


def complete(line: str, db=None) -> list[str]:
    """What bash would offer after typing `line` (ending in a space: a new word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = dict(os.environ, _TRACKER_COMPLETE="complete_bash", COMP_WORDS=line,
               COMP_CWORD=str(cword))
    if db is not None:
        env["TRACKER_DB"] = str(db)
    result = subprocess.run(tracker_exe(), env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.split()


def test_command_names(small_db):
    assert {"add", "list", "show", "mark", "export", "import", "dialogue"} <= set(
        complete("tracker "))
    assert complete("tracker ex") == ["export", "extract"]


def test_status_values(small_db):
    assert complete("tracker mark 1 --status p") == ["pledged", "partial"]
    assert complete("tracker list --status ") == ["pledged", "in-progress", "partial",
                                                  "stalled", "fulfilled", "broken",
                                                  "superseded"]


def test_dialogue_ids(small_db):
    assert complete("tracker list --dialogue ") == ["test-dlg"]
    assert complete("tracker dialogue show t") == ["test-dlg"]
    assert complete("tracker add x --dialogue ") == ["test-dlg"]


def test_pledge_ids(small_db):
    assert complete("tracker mark ") == ["1", "2", "3"]
    assert complete("tracker show 2") == ["2"]
    assert complete("tracker remove 1 ") == ["1", "2", "3"]


def test_completion_reads_the_database_named_by_db(run, small_db, tmp_path):
    other = tmp_path / "other.json"
    run("--db", other, "dialogue", "add", "Other", "--date", "2025-01-01", "--party", "A",
        "--id", "other-dlg", ok=True)
    assert complete(f"tracker --db {other} dialogue show ") == ["other-dlg"]
    assert complete("tracker dialogue show ", db=other) == ["other-dlg"]


@pytest.mark.parametrize("content", [None, b"{not json", b'{"meta": 3}'])
def test_completion_never_crashes_on_a_missing_or_broken_database(tmp_path, content):
    db = tmp_path / "broken.json"
    if content is not None:
        db.write_bytes(content)
    assert complete("tracker show ", db=db) == []
    assert complete(f"tracker --db {db} dialogue show ") == []


def test_show_and_install_completion(run, tmp_path):
    shown = run("--show-completion", "bash", ok=True).stdout
    assert "_TRACKER_COMPLETE=complete_bash" in shown
    result = run("--install-completion", "bash", ok=True)
    assert "completion installed" in result.stdout.lower()
    installed = tmp_path / "home" / ".bash_completions" / "tracker.sh"
    assert "_TRACKER_COMPLETE" in installed.read_text()
