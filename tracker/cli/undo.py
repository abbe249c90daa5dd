"""`tracker undo`: revert the last change(s) from the change log, or redo an undo."""

from typing import Annotated

import typer

from tracker.cli.common import writing
from tracker.cli.terminal import terminal


def undo(
    change: Annotated[int | None, typer.Argument(
        metavar="[CHANGE]",
        help="Revert this change-log entry (see `tracker history`) instead of the last one.",
        show_default=False)] = None,
    steps: Annotated[int, typer.Option(
        "--steps", "-n", metavar="N", help="Revert the last N changes, newest first.")] = 1,
    redo: Annotated[bool, typer.Option(
        "--redo", help="Revert the last undo instead: bring back what it removed.")] = False,
) -> None:
    """Revert the last change to the database, exactly, as one new change.

    Every command that writes is one entry in `tracker history`. `undo` reverts
    the newest entry still in effect: repeat it (or pass --steps N) to walk
    further back. A whole import, a mark on many pledges, a removal (the pledge
    comes back with its id and uuid) are each one entry.

    An undo is itself an entry, so nothing is lost: `undo --redo` reverts the
    newest undo still in effect (repeat it to walk forward again), and
    `undo CHANGE` reverts any one entry — a command, an undo (which redoes it)
    or a redo. An `undo --steps N` is one entry: `--redo` brings all N back at once.

    Undo refuses, changing nothing, when a record the change touched was changed
    again by a later command still in effect: undo that one first.

    \b
    Examples:
      tracker undo                 # revert the last command
      tracker undo --steps 3       # revert the last three, in one go
      tracker undo --redo          # changed my mind: bring it back
      tracker history --limit 5    # find an entry's number…
      tracker undo 42              # …and revert just that one
    """
    from tracker.undo import choose, describe
    from tracker.undo import undo as revert_entries

    if change is not None and (steps != 1 or redo):
        from tracker.errors import InvalidValue

        raise InvalidValue("give a CHANGE number, or --steps/--redo, not both")
    if change is not None and change < 1:
        from tracker.errors import InvalidValue

        raise InvalidValue(f"{change} is not a change number (they start at 1)")
    words = ["undo"] + ([str(change)] if change is not None else []) + (
        [f"--steps {steps}"] if steps != 1 else []) + (["--redo"] if redo else [])
    with writing(" ".join(words)) as store:
        history = store.history()
        plan = choose(history, steps=steps, redo=redo, entry_id=change)
        revert_entries(store, plan)
    for entry in plan.entries:
        terminal.message(f"Reverted {describe(history, entry)}")
    terminal.message("Changed your mind? `tracker undo --redo` brings it back" if not plan.redo
                     else "Changed your mind? `tracker undo` reverts this again")
