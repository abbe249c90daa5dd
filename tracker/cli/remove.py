"""`tracker remove`: remove pledges (their ids are never given out again)."""

import textwrap
from typing import Annotated

import typer

from tracker.cli.common import confirm_or_refuse, parse_ids, writing
from tracker.cli.terminal import terminal


def remove(
    ids: Annotated[list[str], typer.Argument(
        metavar="ID...", help="Pledge ids; `-` reads them from stdin (ids, TSV, CSV or JSON).")],
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Do not ask; needed when not on a terminal.")] = False,
) -> None:
    """Remove pledges. Asks first on a terminal; elsewhere needs --yes.

    \b
    Examples:
      tracker remove 12
      tracker list --dialogue test-2025 --format ids | tracker remove - --yes
    """
    pledge_ids = parse_ids(ids)
    with writing("remove " + " ".join(map(str, pledge_ids))) as store:
        pledges = [store.pledge(pledge_id) for pledge_id in pledge_ids]
        if len(pledges) == 1:
            # Cut at a word, never mid-word, and say that it was cut.
            text = textwrap.shorten(pledges[0]["text"], width=60, placeholder=" […]")
            subject = f"pledge {pledges[0]['id']} ({text})"
        else:
            subject = f"{len(pledges)} pledges ({', '.join(map(str, pledge_ids[:10]))})"
        confirm_or_refuse(f"Remove {subject}?", yes, subject=subject)
        for pledge in pledges:
            store.remove_pledge(pledge["id"])
    terminal.message(f"Removed {len(pledges)} pledge{'s' if len(pledges) != 1 else ''} "
                     "(undo with `tracker undo`)")
