"""The options of one `tracker` run — the database and the current command's filters —
kept on the typer context (`ctx.obj` of the root command), not in a module global."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from tracker.query import Filters


@dataclass
class RunOptions:
    """What the global options and the running command's filters say."""

    db_path: Path | None = None
    db_named: bool = False  # given as --db on the command line (not the environment)
    # The filters of the command running now, so `open_store` can warn about a party
    # no dialogue has (`list --by Russia`) whichever command asked.
    filters: Filters | None = None

    def database(self) -> Path:
        """`--db`, else `$TRACKER_DB`, else the file in the user data folder."""
        if self.db_path is not None:
            return self.db_path
        from tracker.store import default_path

        return default_path()


def options_of(ctx: typer.Context) -> RunOptions:
    """The run's options from a context; during shell completion (no callback has run)
    they are read from the parsed `--db` of the root command."""
    root = ctx.find_root()
    if not isinstance(root.obj, RunOptions):
        db = root.params.get("db")
        root.obj = RunOptions(db_path=Path(db).expanduser() if db else None)
    return root.obj


# The context of the `tracker` command running now, set by the app's exit point for the
# length of one invocation (the CLI library keeps its own such stack, but privately).
_running: ContextVar[typer.Context | None] = ContextVar("tracker_context", default=None)


@contextmanager
def running(ctx: typer.Context) -> Iterator[None]:
    """Make `ctx` the context `current_options` reads while a command runs."""
    token = _running.set(ctx)
    try:
        yield
    finally:
        _running.reset(token)


def current_options() -> RunOptions:
    """The options of the command running now; defaults outside a command (Python use)."""
    ctx = _running.get()
    return options_of(ctx) if ctx is not None else RunOptions()
