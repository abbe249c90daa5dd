"""Every `--help` reads well at 80 columns: named placeholders, a help line per option."""

import re

import pytest
import typer

from tracker.cli.app import app

BUILT_IN = {"help", "install_completion", "show_completion"}


def commands(group=None, path=()):
    group = group or typer.main.get_command(app)
    yield path, group
    for name, command in getattr(group, "commands", {}).items():
        yield from commands(command, (*path, name))


ALL = list(commands())


@pytest.mark.parametrize("path, command", ALL, ids=[" ".join(p) or "tracker" for p, _ in ALL])
def test_every_option_and_argument_has_a_metavar_and_help(path, command):
    for param in command.params:
        if param.name in BUILT_IN:
            continue
        is_flag = getattr(param, "is_flag", False)
        assert is_flag or param.metavar, (path, param.name)
        assert param.help, (path, param.name)


@pytest.mark.parametrize("path, command", ALL, ids=[" ".join(p) or "tracker" for p, _ in ALL])
def test_help_fits_80_columns_without_raw_placeholders(run, monkeypatch, path, command):
    monkeypatch.setenv("COLUMNS", "80")
    text = run(*path, "--help", ok=True).stdout
    assert not re.search(r"<[a-z_\[\]]+>|\[\[", text), text
    assert all(len(line) <= 80 for line in text.splitlines()), [
        line for line in text.splitlines() if len(line) > 80]
    # A default is said once: in the help text or by the library, not both.
    assert not re.search(r"Default: ([^.]+)\.\s+\[default: \1\]", " ".join(text.split()))


def test_remove_asks_with_the_pledge_text_shortened_at_a_word(run, small_db, monkeypatch):
    import tracker.cli.remove as remove
    from tracker.errors import Refused

    asked = []

    def ask(question, yes, **_):
        asked.append(question)
        raise Refused("nothing was removed")

    monkeypatch.setattr(remove, "confirm_or_refuse", ask)
    run("edit", "1", "--text", "Open a trade office in Almaty and another one in Beijing "
        "before the end of the next year", ok=True)
    result = run("remove", "1")
    assert result.exit_code == 1
    assert asked == ["Remove pledge 1 (Open a trade office in Almaty and another one in "
                     "Beijing […])?"]


def test_the_command_list_gives_every_summary_whole(run):
    # click cut long first sentences mid-phrase ("… (progress is logged with `tracker...").
    text = run("--help", ok=True).stdout
    commands = text[text.index("Commands:"):].split("\n\n")[0].splitlines()[1:]
    assert len(commands) >= 17
    for line in commands:
        assert line.rstrip().endswith(".") and "..." not in line, line
