"""The console-script entry point: `tracker --version` is answered before typer is imported.

Importing typer and wiring every command costs about 60 ms; `--version`
alone, in scripts that check which tracker they have, needs neither.
"""

import os
import sys
from collections.abc import Mapping


def main() -> None:
    """Run the command line (tracker.cli.app) unless the one argument is `--version`."""
    if sys.argv[1:] == ["--version"]:
        from tracker import __version__

        # The very line and exit code of the app's own --version option.
        sys.stdout.write(f"tracker {__version__}\n")
        sys.stdout.flush()
        return
    import tracker.cli

    tracker.cli.only_command = command_asked_for(sys.argv[1:], os.environ)
    from tracker.cli.app import main as run_app

    run_app()


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
