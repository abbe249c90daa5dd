"""The status report as terminal tables."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from tracker.model import STATUSES
from tracker.render.table import STATUS_STYLES, make_table
from tracker.scoring import Group


def _score_text(group: Group) -> str:
    if group.average is None:
        return "—"
    return f"{group.percent:.0f}% ({group.average:+.2f})"


def _progress_text(group: Group) -> str:
    return "—" if group.average_progress is None else f"{group.average_progress:.0f}%"


def print_report(console: Console, summary: Group, groups: dict[str, list[Group]], *,
                 as_of: str, final: bool, plain: bool) -> None:
    kind = "final" if final else "interim"
    console.print(Text(f"Status report as of {as_of} ({kind})", style="" if plain else "bold"))
    counts = ", ".join(f"{summary.counts[s]} {s}" for s in STATUSES if summary.counts[s])
    console.print(Text(f"{summary.pledges} pledges: {counts or 'none'}"))
    console.print(Text(f"Compliance score: {_score_text(summary)} over {summary.scored} scored; "
                       f"average progress {_progress_text(summary)}"))
    if summary.unverifiable:
        console.print(Text(f"{summary.unverifiable} not verifiable (listed, never scored)"))
    # Only the statuses that occur get a column, so the table fits 80 columns.
    shown = [s for s in STATUSES if summary.counts[s]]
    for name, rows in groups.items():
        console.print()
        table = make_table([name, "n", *shown, "progress", "score"], plain=plain,
                           title=f"By {name}", no_wrap=["n", *shown, "progress", "score"])
        for group in rows:
            table.add_row(
                Text(group.name), str(group.pledges),
                *(Text(str(group.counts[s] or "·"), style="" if plain or not group.counts[s]
                       else STATUS_STYLES[s]) for s in shown),
                _progress_text(group), _score_text(group),
            )
        console.print(table)
