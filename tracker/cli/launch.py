"""The console-script entry point: `tracker --version` is answered before typer is imported.

Importing typer and wiring every command costs about 60 ms; `--version`
alone, in scripts that check which tracker they have, needs neither.
"""

import sys


def main() -> None:
    """Run the command line (tracker.cli.app) unless the one argument is `--version`."""
    if sys.argv[1:] == ["--version"]:
        from tracker import __version__

        # The very line and exit code of the app's own --version option.
        sys.stdout.write(f"tracker {__version__}\n")
        sys.stdout.flush()
        return
    from tracker.cli.app import main as run_app

    run_app()
