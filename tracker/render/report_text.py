"""Wording shared by every report renderer: how a score, a header or a summary reads."""

from __future__ import annotations

from fractions import Fraction

from tracker.model import STATUSES, fold
from tracker.reporting import Report
from tracker.scoring import Cell, Group, percent_of, round_half_up

# Four-letter column labels, so that a table with every status fits 80 columns.
STATUS_SHORT = {
    "pledged": "pldg", "in-progress": "prog", "partial": "part", "stalled": "stal",
    "fulfilled": "done", "broken": "brkn", "superseded": "supd",
}
GROUPING_TITLES = {
    "party": "By party", "area": "By area", "framework": "By framework",
    "dialogue": "By dialogue", "status": "By status",
}


SCORES_NOTE = (
    "Scores: fulfilled +1; in-progress, partial and stalled 0; broken −1; pledged −1 once "
    "past due; superseded and unverifiable pledges are not scored. A cell is one party of "
    "one pledge; every average (a pledge's, a group's, the overall one) is the mean of its "
    "scored cells, and % = (average + 1) / 2 × 100, both rounded half up.")
MATRIX_NOTE = ("Each row's average is the pledge's, over its parties; each column's is the "
               "party's, over its pledges; the corner is the mean of every scored cell. "
               "n/a: the pledge does not apply to that party; a dash: not a party to it.")


def matrix_cell(view: dict, party: str, *, short: bool = False) -> str:
    """What the matrix shows for one party of one pledge: its status, `n/a`, or `—`."""
    cell = cell_of(view, party)
    if cell is None:
        return "—"
    if not cell.applies:
        return "n/a"
    return STATUS_SHORT[cell.status] if short else cell.status


def cell_of(view: dict, party: str) -> Cell | None:
    """The pledge's cell for `party` (names match case- and accent-insensitively)."""
    wanted = fold(party)
    return next((cell for name, cell in view["cells"].items() if fold(name) == wanted), None)


def format_average(mean: Fraction | None) -> str:
    """An average as published: two decimals, signed, rounded half up from the exact mean."""
    if mean is None:
        return "—"
    return f"{round_half_up(mean, 2):+.2f}"


def format_percent(mean: Fraction | None) -> str:
    """The percentage of an average: a whole number, rounded half up (0.25 → 63%)."""
    return "—" if mean is None else f"{round_half_up(percent_of(mean), 0)}%"


def average_text(group: Group) -> str:
    return format_average(group.mean)


def percent_text(group: Group) -> str:
    return format_percent(group.mean)


def pledge_score_text(view: dict) -> str:
    """A pledge's own compliance for its section: `+0.50 (75%) over 2 cells`."""
    figures = view["figures"]
    if figures.mean is None:
        return "not scored"
    noun = "cell" if figures.scored == 1 else "cells"
    return f"{average_text(figures)} ({percent_text(figures)}) over {figures.scored} {noun}"


def progress_text(group: Group) -> str:
    return "—" if group.average_progress is None else f"{group.average_progress:.0f}%"


def score_sentence(group: Group) -> str:
    """`+0.23 average over 13 scored cells (62%)`, or why there is no score."""
    if group.average is None:
        return "no pledge scored yet"
    noun = "cell" if group.scored == 1 else "cells"
    return (f"{average_text(group)} average over {group.scored} scored {noun} "
            f"({percent_text(group)})")


def no_action_sentence(group: Group) -> str:
    """`42% (-0.17) if the 6 cells without action count as -1`, or "" when there are none.

    An interim report leaves a cell with no implementing action unscored until
    its due date; this says what the headline would be if they counted as a
    final report counts them.
    """
    if not group.no_action:
        return ""
    if_failed = group.mean_if_no_action_fails
    noun = "cell" if group.no_action == 1 else "cells"
    return (f"{format_percent(if_failed)} ({format_average(if_failed)}) if the "
            f"{group.no_action} {noun} without action yet count as -1")


def pledges_sentence(report: Report) -> str:
    total = report.summary
    noun = "pledge" if total.pledges == 1 else "pledges"
    text = f"{total.pledges} {noun}"
    if total.unverifiable:
        text += f" ({total.unverifiable} not verifiable, listed apart and never scored)"
    return text


def status_counts(group: Group) -> list[tuple[str, int]]:
    """(status, count) for the statuses that occur, in the vocabulary's order."""
    return [(status, group.counts[status]) for status in STATUSES if group.counts[status]]


def shown_statuses(report: Report) -> list[str]:
    """The status columns of the group tables: every status that some row has.

    A group can hold a status the summary lacks (a party fulfilled its part of a
    pledge that is not fulfilled as a whole), so every table is looked at.
    """
    rows = [report.summary, *(group for groups in report.groups.values() for group in groups)]
    return [status for status in STATUSES if any(row.counts[status] for row in rows)]


def counts_sentence(group: Group) -> str:
    return ", ".join(f"{n} {status}" for status, n in status_counts(group)) or "none"


def changes_sentence(report: Report) -> str:
    """What changed inside the window, in one line."""
    parts = [f"{len(report.changes)} update{'' if len(report.changes) == 1 else 's'}"]
    moved = report.movement_counts()
    if moved:
        total = sum(moved.values())
        detail = ", ".join(f"{n} to {status}" for status, n in moved.items())
        parts.append(f"{total} pledge{'' if total == 1 else 's'} moved ({detail})")
    if report.new_pledges:
        parts.append(f"{report.new_pledges} new pledge{'' if report.new_pledges == 1 else 's'}")
    return f"Since {report.since}: " + "; ".join(parts)


def dialogue_line(dialogue: dict) -> str:
    where = f", {dialogue['place']}" if dialogue.get("place") else ""
    return f"{dialogue['title']} ({dialogue['date']}{where}; {', '.join(dialogue['parties'])})"


def cutoff_line(report: Report) -> str:
    return (f"As of {report.as_of} · {report.kind} report · changes since {report.since}"
            + (f" · {party_note(report)}" if report.party_filter else "")
            + f" · generated {report.generated}")


def party_note(report: Report) -> str:
    """Whose statuses the figures count, when the report is filtered by party."""
    if report.party is not None:
        return f"filtered to {report.party}: statuses are {report.party}'s"
    return (f"filtered to parties: {', '.join(report.party_filter)}; "
            "summary counts pledges as a whole")


def change_label(before: str | None, after: str) -> str:
    return f"{before} → {after}" if before and before != after else after

