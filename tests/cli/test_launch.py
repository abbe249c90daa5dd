"""The console script wires up only the command it runs; `--help`, completion and a
mistyped name still see every command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tracker.cli.app import COMMANDS, app
from tracker.cli.launch import command_asked_for


@pytest.mark.parametrize(("args", "expected"), [
    (["list", "--area", "trade"], "list"),
    (["--db", "x.json", "report"], "report"),
    (["--db=x.json", "mark", "3"], "mark"),
    (["dialogue", "list"], "dialogue"),
    (["follow-up", "-"], "follow-up"),
    (["--help"], None),
    (["-h"], None),
    (["--show-completion", "bash"], None),
    (["--db", "x.json"], None),
    ([], None),
    (["lsit"], "lsit"),  # not a command: the app then wires every one (see below)
])
def test_the_command_is_read_past_the_global_options(args, expected) -> None:
    assert command_asked_for(args, {}) == expected


def test_a_completion_request_wires_everything() -> None:
    assert command_asked_for(["list"], {"_TRACKER_COMPLETE": "complete_bash"}) is None


def test_the_table_of_commands_is_what_the_app_registers() -> None:
    registered = [c.name for c in app.registered_commands]
    registered += [g.name for g in app.registered_groups]
    assert sorted(registered) == sorted(COMMANDS)


def launch(db, *args: str) -> subprocess.CompletedProcess:
    """The console script's entry point in a new process; says what it imported and wired
    (from its exit: the console script leaves through os._exit)."""
    code = ("import json, os, sys\n"
            "sys.argv = ['tracker', *json.loads(sys.argv[1])]\n"
            "leave = os._exit\n"
            "def report(code):\n"
            "    from tracker.cli.app import app\n"
            "    names = sorted([c.name for c in app.registered_commands]"
            " + [g.name for g in app.registered_groups])\n"
            "    print(json.dumps({'modules': sorted(sys.modules), 'commands': names}),"
            " file=sys.stderr)\n"
            "    sys.stderr.flush()\n"
            "    leave(code)\n"
            "os._exit = report\n"
            "from tracker.cli.launch import main\n"
            "main()\n")
    return subprocess.run([sys.executable, "-c", code, json.dumps(list(args))],
                          capture_output=True, text=True, env={**__import__("os").environ,
                                                               "TRACKER_DB": str(db)})


def wired(result: subprocess.CompletedProcess) -> dict:
    return json.loads(result.stderr.strip().splitlines()[-1])


def test_a_piped_listing_wires_one_command_and_imports_no_rich(sample_db) -> None:
    result = launch(sample_db, "list", "--area", "trade")
    assert result.returncode == 0 and "\t" in result.stdout
    seen = wired(result)
    assert seen["commands"] == ["list"]
    assert not [m for m in seen["modules"] if m == "rich" or m.startswith("rich.")]
    assert "tracker.cli.report" not in seen["modules"]


def test_help_and_a_mistyped_command_see_every_command(sample_db) -> None:
    helped = launch(sample_db, "--help")
    assert helped.returncode == 0 and "follow-up" in helped.stdout
    assert wired(helped)["commands"] == sorted(COMMANDS)
    typo = launch(sample_db, "--db", str(sample_db), "lsit")
    assert typo.returncode == 2
    assert "no such command 'lsit'. Did you mean 'list'?" in typo.stderr


def test_a_subcommand_group_runs_alone(sample_db) -> None:
    result = launch(sample_db, "dialogue", "list")
    assert result.returncode == 0 and "cn-kz" in result.stdout
    assert wired(result)["commands"] == ["dialogue"]


def test_the_console_script_exits_with_the_commands_code_and_all_its_output(sample_db):
    """It leaves through os._exit: every byte is still written and the code kept."""
    from tests.conftest import tracker_exe

    env = {**__import__("os").environ, "TRACKER_DB": str(sample_db)}
    listed = subprocess.run([*tracker_exe(), "export", "--format", "ndjson"], env=env,
                            capture_output=True, text=True)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) > 5
    assert all(json.loads(line) for line in listed.stdout.splitlines())
    missing = subprocess.run([*tracker_exe(), "show", "999"], env=env, capture_output=True,
                             text=True)
    assert missing.returncode == 1 and missing.stderr.startswith("error: no pledge with id 999")
