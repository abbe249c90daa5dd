"""Wording shared by every report renderer: how a score, a header or a summary reads."""

from __future__ import annotations

from tracker.model import STATUSES
from tracker.reporting import Report
from tracker.scoring import Group

# Four-letter column labels, so that a table with every status fits 80 columns.
STATUS_SHORT = {
    "pledged": "pldg", "in-progress": "prog", "partial": "part", "stalled": "stal",
    "fulfilled": "done", "broken": "brkn", "superseded": "supd",
}
GROUPING_TITLES = {
    "party": "By party", "area": "By area", "framework": "By framework",
    "dialogue": "By dialogue", "status": "By status",
}


def average_text(group: Group) -> str:
    return "—" if group.average is None else f"{group.average:+.2f}"


def percent_text(group: Group) -> str:
    return "—" if group.percent is None else f"{group.percent:.0f}%"


def progress_text(group: Group) -> str:
    return "—" if group.average_progress is None else f"{group.average_progress:.0f}%"


def score_sentence(group: Group) -> str:
    """`+0.23 average over 13 scored pledges (62%)`, or why there is no score."""
    if group.average is None:
        return "no pledge scored yet"
    noun = "pledge" if group.scored == 1 else "pledges"
    return (f"{group.average:+.2f} average over {group.scored} scored {noun} "
            f"({group.percent:.0f}%)")


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

