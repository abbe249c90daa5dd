"""The one place that talks to the user's terminal: stdout data, stderr messages, and
every rich console — the terminal's own, plain ones for pipes and files, the progress bar."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING

from tracker.printable import is_plain_text, printable

if TYPE_CHECKING:
    from rich.console import Console

# Piped tables are not wrapped, so each record stays on one line however long, unless
# COLUMNS says how wide the reader is (`COLUMNS=80 tracker show 3 | less`).
UNWRAPPED_WIDTH = 100_000
# Below this many steps a task is over before a progress bar could say anything.
PROGRESS_THRESHOLD = 1000


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
        """Colour and box drawing only for a real terminal that can show them (SPEC §5),
        or when FORCE_COLOR asks for them (`tracker report | less -R`)."""
        if os.environ.get("FORCE_COLOR") and "NO_COLOR" not in os.environ:
            return True
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

    def plain_console(self, *, file: IO[str] | None = None, width: int | None = None
                      ) -> Console:
        """A console without colour, box-drawing styles or markup: for pipes and files."""
        # _Console: a file console's text goes through the sanitiser too.
        return _Console(file=file if file is not None else sys.stdout,
                       width=width if width is not None else piped_width(), markup=False,
                       highlight=False, emoji=False, no_color=True, color_system=None,
                       soft_wrap=False)

    @contextmanager
    def table_console(self) -> Iterator[Console]:
        """The terminal's console on a terminal; elsewhere a plain, unwrapped one.

        A piped table gets no colour, no box drawing, no wrapping and no trailing
        padding, so `grep` and `cut` see one record a line.
        """
        if self.fancy:
            yield self.out
            return
        console = self.plain_console()
        with console.capture() as capture:
            yield console
        self.write("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))

    @contextmanager
    def progress(self, description: str) -> Iterator[Callable[[int, int], None] | None]:
        """A progress bar on stderr for long tasks, only when stderr is a terminal.

        Yields `advance(done, total)`, or None when no bar can be shown; the bar
        appears once a task has `PROGRESS_THRESHOLD` steps or more.
        """
        if not (sys.stderr.isatty() and os.environ.get("TERM") != "dumb"):
            yield None
            return
        bar: list = []

        def advance(done: int, total: int) -> None:
            if total < PROGRESS_THRESHOLD:
                return
            if not bar:
                from rich.console import Console
                from rich.progress import Progress

                shown = Progress(console=Console(file=sys.stderr), transient=True)
                shown.start()
                bar.extend([shown, shown.add_task(description, total=total)])
            if done % 200 == 0 or done == total:
                bar[0].update(bar[1], completed=done)

        try:
            yield advance
        finally:
            if bar:
                bar[0].stop()

    # Everything below goes through `printable`: stored text may hold what input checks
    # refuse (a hand-edited file), and no escape sequence may reach the user's terminal.

    def write(self, text: str | bytes, *, checked: bool = False) -> None:
        """Raw data to stdout (TSV, JSON, ids…); bytes are UTF-8, written as they are.
        `checked`: bytes known to hold nothing the sanitiser changes."""
        if isinstance(text, bytes):
            from tracker.printable import printable_bytes

            sys.stdout.flush()
            sys.stdout.buffer.write(text if checked else printable_bytes(text))
            sys.stdout.buffer.flush()
            return
        sys.stdout.write(printable(text))
        sys.stdout.flush()

    def message(self, text: str) -> None:
        """A confirmation or progress message: stderr, so stdout stays data."""
        print(_fitted(printable(text)), file=sys.stderr)

    def warn(self, text: str) -> None:
        print(_fitted(f"warning: {printable(text)}"), file=sys.stderr)

    def error(self, text: str, hint: str | None = None) -> None:
        print(f"error: {printable(text)}", file=sys.stderr)
        if hint:
            print(f"hint: {printable(hint)}", file=sys.stderr)


def _fitted(text: str) -> str:
    """`text` wrapped at words to the width of the terminal stderr writes to; as it is
    when stderr is a pipe or a file (a log keeps one line per message)."""
    try:
        if not sys.stderr.isatty():
            return text
        width = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return text
    if width < 20 or all(len(line) <= width for line in text.splitlines()):
        return text
    import textwrap

    return "\n".join(textwrap.fill(line, width, break_long_words=False,
                                   break_on_hyphens=False) if len(line) > width else line
                     for line in text.splitlines())


def piped_width() -> int:
    """COLUMNS when it is set to a width, else wide enough never to wrap."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isascii() and columns.isdigit() and int(columns) > 0 \
        else UNWRAPPED_WIDTH


def _Console(**options: object) -> Console:
    """A rich Console that lets a closed stdout pipe reach the CLI's exit point.

    rich's own answer to a closed pipe is `SystemExit(1)`; `tracker show | head`
    must end quietly with 0, which the exit point in app.py does for BrokenPipeError.
    """
    from rich.console import Console
    from rich.segment import Segment

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

        def _render_buffer(self, buffer):  # type: ignore[no-untyped-def]
            # Rich's own styles are added after this point; the text itself (the
            # records) goes through the one sanitiser first. A page is thousands of
            # segments and almost never holds anything to escape: one check of all
            # their text first, then each segment only if something is there.
            buffer = list(buffer)
            if is_plain_text("".join([s.text for s in buffer if not s.control])):
                return super()._render_buffer(buffer)
            return super()._render_buffer(
                segment if segment.control else Segment(printable(segment.text),
                                                        segment.style, segment.control)
                for segment in buffer)

    return PipeConsole(**options)


terminal = Terminal()


def brief(text: str, width: int = 100) -> str:
    """User text for a one-line message: cut at a word, with a sign that it was cut."""
    import textwrap

    short = textwrap.shorten(text, width=width, placeholder=" […]")
    if short.startswith("[…]"):  # one word longer than the line (a link): cut it
        return text[:width - 2] + " […]"
    return short
