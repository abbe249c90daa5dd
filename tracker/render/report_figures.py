"""The report's computed figures as CSV: one row per group, the overall row first, then
one row per pledge (its own compliance over its cells)."""

from __future__ import annotations

from tracker.model import STATUSES
from tracker.render.plain import to_csv as rows_to_csv
from tracker.reporting import Report
from tracker.scoring import Group, figures_of

CSV_HEADER = ("as_of", "kind", "grouping", "name", "pledges", *STATUSES, "scored",
              "average_score", "percent", "average_progress", "unverifiable", "pledge")


def _row(report: Report, grouping: str, group: Group, pledge_id: int | None = None
         ) -> list[object]:
    figures = group.as_dict()
    return [report.as_of, report.kind, grouping, group.name, group.pledges,
            *(group.counts[status] for status in STATUSES), group.scored,
            figures["average_score"], figures["percent"], figures["average_progress"],
            group.unverifiable, pledge_id]


def to_csv(report: Report) -> str:
    rows = [_row(report, "overall", report.summary)]
    for grouping, groups in report.groups.items():
        rows.extend(_row(report, grouping, group) for group in groups)
    rows.extend(_row(report, "pledge", figures_of(view), view["id"]) for view in report.pledges)
    return rows_to_csv(rows, CSV_HEADER)
