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


@pytest.mark.parametrize("shell, script, startup", [
    ("bash", ".bash_completions/tracker.sh", ".bashrc"),
    ("zsh", ".zfunc/_tracker", ".zshrc"),
    ("fish", ".config/fish/completions/tracker.fish", None),
    ("powershell", ".config/powershell/Microsoft.PowerShell_profile.ps1", None),
    ("PWSH", ".config/powershell/Microsoft.PowerShell_profile.ps1", None),
])
def test_install_completion_honours_the_shell_named_and_is_idempotent(run, tmp_path, shell,
                                                                      script, startup):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    if startup:
        (home / startup).write_text("alias ll='ls -l'\n")
    for _ in range(3):
        result = run("--install-completion", shell, ok=True)
        assert result.stdout.startswith(f"{shell.lower().replace('pwsh', 'powershell')} "
                                        "completion installed in ")
    assert "_TRACKER_COMPLETE" in (home / script).read_text()
    if startup:
        text = (home / startup).read_text()
        assert text.startswith("alias ll='ls -l'\n")  # the user's own lines kept as they were
        assert text.count("# >>> tracker completion >>>") == 1
        assert "\n\n" not in text  # no blank line added per reinstall
    other = {".bashrc", ".zshrc"} - {startup}
    assert not any((home / name).exists() for name in other)  # no other shell touched
    if shell.lower() in ("powershell", "pwsh"):
        assert (home / script).read_text().count("_TRACKER_COMPLETE") >= 1
        assert (home / script).read_text().count("# >>> tracker completion >>>") == 1


@pytest.mark.parametrize("args, message", [
    (["--install-completion", "bogus-shell"], "unknown shell 'bogus-shell' (choose from: "
     "bash, zsh, fish, powershell)"),
    (["--install-completion", "bogus-shell", "extra", "args"], "unexpected 'extra args'"),
    (["--install-completion", "zsh", "extra"], "unexpected 'extra'"),
    (["--show-completion", "tcsh"], "unknown shell 'tcsh'"),
])
def test_other_shell_names_and_extra_words_are_refused(run, tmp_path, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    home = tmp_path / "home"
    assert not home.exists() or not any(home.rglob("*tracker*"))
    assert not (home / ".bashrc").exists() and not (home / ".zshrc").exists()


def test_show_completion_prints_each_shells_script(run):
    assert "compdef" in run("--show-completion", "zsh", ok=True).stdout
    assert "complete --command tracker" in run("--show-completion", "fish", ok=True).stdout
    assert "Register-ArgumentCompleter" in run("--show-completion", "powershell",
                                               ok=True).stdout


def test_values_complete_after_the_options_that_take_them(run, small_db):
    run("edit", "2", "--add-tag", "border", "--add-tag", "beta-side", ok=True)
    assert complete("tracker list --format ") == ["table", "json", "ndjson", "csv", "tsv",
                                                  "ids"]
    assert complete("tracker report --format m") == ["markdown"]
    from tracker import formats

    assert complete("tracker export --format ") == list(formats.names("export"))
    assert "markdown" not in complete("tracker export --format ")
    assert complete("tracker list --by ") == ["Alpha", "Beta"]
    assert complete("tracker report --party B") == ["Beta"]
    assert complete("tracker report --by ") == ["status", "dialogue", "area", "party",
                                                "framework"]
    assert complete("tracker list --area ") == ["trade", "security", "political"]
    assert complete("tracker list --framework ") == ["SCO"]
    assert complete("tracker list --tag b") == ["border", "beta-side"]
    assert complete("tracker edit 1 --remove-tag ") == ["border", "beta-side"]
    assert complete("tracker list --sort du") == ["due"]
    assert complete("tracker mark 1 --party A") == ["Alpha"]
