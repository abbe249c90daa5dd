"""The one place that talks to the user's terminal: stdout data, stderr messages."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


class Terminal:
    """Knows whether stdout is a terminal and owns the rich consoles (markup off)."""

    @property
    def stdout_is_terminal(self) -> bool:
        return sys.stdout.isatty()

    @property
    def stdin_is_terminal(self) -> bool:
        return sys.stdin.isatty()

    @property
    def fancy(self) -> bool:
        """Colour and box drawing only for a real terminal that can show them (SPEC §5)."""
        return self.stdout_is_terminal and os.environ.get("TERM") != "dumb"

    @property
    def out(self) -> Console:
        """A rich Console on the current stdout (tests swap stdout between commands)."""
        if self._console is None or self._console_file is not sys.stdout:
            self._console, self._console_file = self._make_console(), sys.stdout
        return self._console

    _console: Console | None = None
    _console_file: object = None

    def _make_console(self) -> Console:

        no_color = "NO_COLOR" in os.environ or not self.fancy
        # No `file=`: rich then writes to whatever sys.stdout is at print time, so the
        # cached console survives a swapped stdout (CliRunner, redirect_stdout).
        return _Console(markup=False, highlight=False, emoji=False,
                       no_color=no_color, soft_wrap=False,
                       color_system=None if no_color else "auto")

    def write(self, text: str) -> None:
        """Raw data to stdout (TSV, JSON, ids…)."""
        sys.stdout.write(text)
        sys.stdout.flush()

    def message(self, text: str) -> None:
        """A confirmation or progress message: stderr, so stdout stays data."""
        print(text, file=sys.stderr)

    def warn(self, text: str) -> None:
        print(f"warning: {text}", file=sys.stderr)

    def error(self, text: str, hint: str | None = None) -> None:
        print(f"error: {text}", file=sys.stderr)
        if hint:
            print(f"hint: {hint}", file=sys.stderr)


def _Console(**options: object) -> Console:
    """A rich Console that lets a closed stdout pipe reach the CLI's exit point.

    rich's own answer to a closed pipe is `SystemExit(1)`; `tracker show | head`
    must end quietly with 0, which the exit point in app.py does for BrokenPipeError.
    """
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return PipeConsole(**options)


terminal = Terminal()
