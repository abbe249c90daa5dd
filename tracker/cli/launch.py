"""The console-script entry point: `tracker --version` is answered before typer is imported.

Importing typer and wiring every command costs about 60 ms; `--version`
alone, in scripts that check which tracker they have, needs neither.
"""

import contextlib
import os
import sys
from collections.abc import Mapping
from typing import NoReturn


def main() -> None:
    """Run the command line (tracker.cli.app) unless the one argument is `--version`."""
    if sys.stdout is None:  # started with stdout closed (`tracker list >&-`)
        if sys.stderr is not None:
            sys.stderr.write("error: standard output is closed; nothing was run\n")
        _leave(1)
    if sys.argv[1:] == ["--version"]:
        from tracker import __version__

        # The very line and exit code of the app's own --version option; a reader that
        # left (`tracker --version | head -0`) is no error, as for every command.
        try:
            sys.stdout.write(f"tracker {__version__}\n")
            sys.stdout.flush()
        except BrokenPipeError:
            _leave(0)
        return
    import tracker.cli

    tracker.cli.only_command = command_asked_for(sys.argv[1:], os.environ)
    tracker.cli.kept = []  # see `_leave`
    from tracker.cli.app import main as run_app

    try:
        run_app()
    except SystemExit as done:
        _leave(done.code)


def _leave(code: object) -> NoReturn:
    """Exit at once, without taking the interpreter apart object by object.

    A command on a 100,000-pledge database holds a million small objects; freeing
    them one by one when the command returns, then again at interpreter exit,
    took a quarter of a second after the output was complete. The databases a
    command opened are kept (tracker.cli.kept) until this point; by now every
    file the command wrote has been written, synced and closed, and the app has
    flushed stdout and said what it had to say, so only stderr is flushed here.
    """
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):  # None: closed
            stream.flush()  # the app already reported a closed or full stdout
    os._exit(code)


# The global options that take a value (see tracker.cli.app.main_options).
_VALUED_OPTIONS = ("--db",)


def command_asked_for(args: list[str], environ: Mapping[str, str]) -> str | None:
    """The command named on the command line, or None where every command must be known:
    `--help` and completion list them all, and an unknown name gets suggestions."""
    if any(key.startswith("_TRACKER_COMPLETE") for key in environ):
        return None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in _VALUED_OPTIONS:
            index += 2
        elif arg.startswith("-"):
            if not arg.startswith(tuple(f"{option}=" for option in _VALUED_OPTIONS)):
                return None  # --help, --version, --install-completion …: the whole app
            index += 1
        else:
            return arg
    return None
