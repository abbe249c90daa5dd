"""Words on the screen: help that says what happens, messages that read as sentences."""

import re

from conftest import read_db

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_show_help_says_what_a_pipe_gets(run, small_db):
    for command in (["show"], ["dialogue", "show"]):
        assert "tsv when piped" not in run(*command, "--help", ok=True).stdout
        assert "plain aligned text when piped" in " ".join(
            run(*command, "--help", ok=True).stdout.split())
    piped = run("show", "1", ok=True).stdout  # CliRunner's stdout is a pipe
    assert "\t" not in piped and re.search(r"^text\s+Open a trade office$", piped, re.M)
    assert "\t" in run("list", ok=True).stdout  # list: "tsv when piped", as it says


def test_add_shortens_a_long_text_at_a_word_in_its_message(run, small_db):
    text = " ".join(["cooperation"] * 800)  # about 9,600 characters
    result = run("add", text, "-d", "test-dlg", ok=True)
    message = result.stderr.strip()
    assert len(message) < 160 and message.endswith("cooperation […]")
    assert read_db(small_db)["pledges"]["4"]["text"] == text  # stored in full


def test_undo_messages_do_not_nest_without_end(run, small_db):
    run("mark", "1", "--note", "Premises found", ok=True)  # #5
    run("undo", ok=True)  # #6 reverts #5
    run("undo", "--redo", ok=True)  # #7 reverts #6
    result = run("undo", "7", ok=True)  # #8 reverts #7
    assert result.stderr.splitlines()[0] == "Reverted #7 (undo --redo, which reverted #6 (undo))"


def test_the_removal_refusal_reads_as_a_sentence(run, small_db):
    result = run("remove", "3")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: pledge 3 (Support each other) not removed: confirming needs a terminal; "
        "pass --yes to remove without asking"]
    dialogue = run("dialogue", "remove", "test-dlg", "--cascade")
    assert dialogue.stderr.startswith("error: dialogue test-dlg and its 3 pledges not removed")


def test_report_output_message_is_a_sentence(run, small_db, tmp_path):
    result = run("report", "-o", tmp_path / "r.html", ok=True)
    assert result.stderr.startswith("Wrote the html report (3 pledges) to ")


def test_force_color_colours_a_pipe(run, small_db, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    assert not ANSI.search(run("report", ok=True).stdout)
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = run("report", ok=True).stdout
    assert ANSI.search(coloured) and "Open a trade office" in ANSI.sub("", coloured)
    # The format a pipe gets by default stays data: TSV for list, whatever the colour.
    assert not ANSI.search(run("list", ok=True).stdout)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(run("report", ok=True).stdout)


def test_a_made_up_dialogue_id_is_cut_at_a_word(run, db):
    run("dialogue", "add", "China–Kazakhstan Foreign Ministers' Strategic Dialogue Round",
        "--date", "2026-05-20", "--party", "China", "--party", "Kazakhstan", ok=True)
    [dialogue] = read_db(db)["dialogues"].values()
    assert dialogue["id"] == "china-kazakhstan-foreign-ministers-strategic-2026"


def test_make_demo_keeps_the_installer_quiet():
    import shutil
    import subprocess

    from conftest import REPO

    if shutil.which("make") is None:
        import pytest

        pytest.skip("make is not installed")
    dry = subprocess.run(["make", "-n", "-B", "venv"], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    install = next(line for line in dry.splitlines() if "install" in line and "-e" in line)
    assert install.startswith("PYTHONWARNINGS=ignore ") and "--quiet" in install
