"""The status report of SPEC §5a as one data structure, computed once for every renderer.

Pure: records in, a `Report` out. The terminal, Markdown, HTML, JSON and CSV
renderers only lay out what `build_report` computed, so they always agree.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from tracker.dates import days_from
from tracker.model import STATUSES, StateLog, canonical_name, fold
from tracker.query import Filters, is_due_between, is_overdue, is_stale, last_activity, select
from tracker.scoring import (
    Group,
    cell_sums,
    existing_as_of,
    figures_of,
    group_figures,
    overall,
    party_view,
    pledge_as_of,
    pledge_cells,
    state_as_of,
)

DEFAULT_TITLE = "Pledge status report"
DEFAULT_GROUPINGS = ("party", "area", "framework", "dialogue")
UPCOMING_DAYS = 90  # "deadlines in the next 90 days" (SPEC §5a)
STALE_DAYS = 180  # "no update for 180 days" (SPEC §5a)


@dataclass(slots=True)
class Change:
    """One update dated within the report's window, with the status it moved from."""

    date: str
    pledge_id: int
    text: str
    party: str | None
    before: str
    status: str
    progress: int
    note: str | None
    evidence: str | None
    evidence_record: dict = field(default_factory=dict)  # the update, for its evidence

    def as_dict(self) -> dict:
        return {"date": self.date, "pledge": self.pledge_id, "party": self.party,
                "from": self.before, "to": self.status, "progress": self.progress,
                "note": self.note, "evidence": self.evidence}


class Groups(Mapping):
    """A report's rows for each grouping, worked out the first time they are read.

    A terminal report over many dialogues never shows the thousands of rows of
    "By dialogue" (see tracker/render/report_table.py); JSON, Markdown and HTML
    read every grouping, and get the same rows.
    """

    __slots__ = ("_names", "_compute", "_done")

    def __init__(self, names: tuple[str, ...], compute: Callable[[str], list[Group]]) -> None:
        self._names = names
        self._compute = compute
        self._done: dict[str, list[Group]] = {}

    def __getitem__(self, name: str) -> list[Group]:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._done:
            self._done[name] = self._compute(name)
        return self._done[name]

    def __contains__(self, name: object) -> bool:
        return name in self._names  # Mapping's own would work the grouping out

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class ChangeList(Sequence):
    """A report's changes, newest first, each made into a `Change` only when read.

    A terminal report reads twenty of a database's hundreds of thousands of
    updates (and counts the rest); Markdown, HTML and JSON read them all.
    """

    __slots__ = ("_rows", "_sorted", "_party")

    def __init__(self, rows: list[tuple], party: str | None = None) -> None:
        # (date, pledge id, -position, view, index in its log), newest first once sorted;
        # what each update replaced is worked out only for the changes read (`_change`).
        self._rows = rows
        self._sorted = False
        self._party = party

    def __len__(self) -> int:
        return len(self._rows)

    def _newest(self, count: int) -> list[tuple]:
        """The `count` newest rows: a terminal's twenty need no sort of every update."""
        if self._sorted or count * 8 > len(self._rows):
            return self._all()[:count]
        import heapq

        return heapq.nlargest(count, self._rows)

    def _all(self) -> list[tuple]:
        if not self._sorted:
            self._rows.sort(reverse=True)  # positions differ: views are never compared
            self._sorted = True
        return self._rows

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self._rows))
            rows = (self._newest(stop)[start:stop:step] if start >= 0 and step == 1
                    else self._all()[index])
            return [_change(row, self._party) for row in rows]
        if index < 0:
            return _change(self._all()[index], self._party)
        return _change(self._newest(index + 1)[index], self._party)

    def __iter__(self):
        return (_change(row, self._party) for row in self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)


def _change(row: tuple, party: str | None) -> Change:
    day, pledge_id, _, view, index = row
    update = view["updates"][index]
    # The status this update replaced: its party's (in a one-party report, that
    # party's), or the pledge's for a joint one; from the log before it.
    earlier = StateLog(view)
    for previous in view["updates"][:index]:
        earlier.add(previous)
    if party is not None:
        before = earlier.party(party)[0]
    elif update["party"]:
        before = earlier.party(update["party"])[0]
    else:
        before = earlier.overall()[0]
    return Change(date=day, pledge_id=pledge_id, text=view["text"], party=update["party"],
                  before=before, status=update["status"], progress=update["progress"],
                  note=update["note"], evidence=update["evidence"], evidence_record=update)


@dataclass
class Movement:
    """A pledge whose status on the cut-off differs from its status when the window opened."""

    pledge_id: int
    text: str
    before: str | None  # None: the pledge was made inside the window
    after: str

    def as_dict(self) -> dict:
        return {"pledge": self.pledge_id, "from": self.before, "to": self.after}


@dataclass
class Report:
    """Everything a status report shows, already computed."""

    title: str
    generated: str
    as_of: str
    since: str
    final: bool
    dialogues: list[dict]
    groupings: tuple[str, ...]
    summary: Group
    groups: Mapping[str, list[Group]]  # a `Groups`: each grouping worked out when read
    parties: list[str]
    # Replayed pledges (see scoring.pledge_as_of), each with its `cells` (party → Cell)
    # and `figures` (its own compliance: the mean of its cells, a Group).
    pledges: list[dict]
    overdue: list[dict]
    upcoming: list[dict]
    upcoming_until: str
    stale: list[dict]
    stale_before: str
    unverifiable: list[dict]
    changes: Sequence[Change]  # newest first (a ChangeList)
    movements: list[Movement]
    dialogue_dates: dict[str, str] = field(default_factory=dict)
    # The matrix's column-average row: each party's figures over the pledges shown,
    # in `parties` order (the same as the "By party" rows, whatever the groupings).
    party_columns: list[Group] = field(default_factory=list)
    # A report filtered to exactly one party shows that party's statuses throughout;
    # with several, `party_filter` names them and the figures stay pledge-level.
    party: str | None = None
    party_filter: list[str] = field(default_factory=list)
    # The same report as it stood the day before the window opened (`since`), for the
    # movement "50 % → 62 %"; None inside that baseline itself.
    baseline: Report | None = None
    # The overall compliance percentage after each update date (and each dialogue's),
    # for the score-over-time chart; only computed when asked (see `build_report`).
    series: list[tuple[str, float | None]] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "final" if self.final else "interim"

    def movement_counts(self) -> dict[str, int]:
        """How many pledges moved to each status inside the window (new ones from `pledged`)."""
        counts = dict.fromkeys(STATUSES, 0)
        for movement in self.movements:
            if (movement.before or "pledged") != movement.after:
                counts[movement.after] += 1
        return {status: n for status, n in counts.items() if n}

    @property
    def new_pledges(self) -> int:
        """Pledges made at dialogues held after the window opened."""
        return sum(1 for movement in self.movements if movement.before is None)

    def last_activity(self, view: dict) -> str:
        return last_activity(view, self.dialogue_dates)

    def as_dict(self) -> dict:
        """The computed figures for `--format json`; pledges appear by id in the lists."""
        return {
            "title": self.title, "generated": self.generated, "as_of": self.as_of,
            "since": self.since, "kind": self.kind,
            "party": self.party, "party_filter": self.party_filter,
            "dialogues": [{key: d.get(key) for key in ("id", "title", "date", "place", "parties")}
                          for d in self.dialogues],
            "summary": {**self.summary.as_dict(), "changed_since": {
                "updates": len(self.changes), "new_pledges": self.new_pledges,
                "pledges_moved": sum(self.movement_counts().values()),
                "reached": self.movement_counts()}},
            "groups": {name: [g.as_dict() for g in rows] for name, rows in self.groups.items()},
            "pledges": [{
                "id": v["id"], "dialogue": v["dialogue"], "text": v["text"], "by": v["by"],
                "area": v["area"], "framework": v["framework"], "due": v["due"],
                "verifiable": v["verifiable"], "status": v["status"], "progress": v["progress"],
                "scored": figures_of(v).scored, "average_score": figures_of(v).average,
                "percent": figures_of(v).percent,
                "cells": {cell.party: cell.points if cell.applies else "n/a"
                          for cell in v["cells"].values()},
                "party_status": v["party_status"],
                "last_update": self.last_activity(v),
                **_target_figures(v),
            } for v in self.pledges],
            "targets": [v["id"] for v in self.pledges if v.get("target") is not None],
            "overdue": [v["id"] for v in self.overdue],
            "due_soon": {"until": self.upcoming_until, "pledges": [v["id"] for v in self.upcoming]},
            "stale": {"no_update_since": self.stale_before,
                      "pledges": [v["id"] for v in self.stale]},
            "unverifiable": [v["id"] for v in self.unverifiable],
            "changes": [c.as_dict() for c in self.changes],
            "movements": [m.as_dict() for m in self.movements],
        }


def latest_value(view: dict) -> dict | None:
    """The latest update (by date) that carries a measured value of the pledge's target."""
    measured = [u for u in view["updates"] if u.get("value") is not None]
    return max(measured, key=lambda u: u["date"]) if measured else None


def _target_figures(view: dict) -> dict:
    """A pledge's target and its latest measured value, for `--format json`."""
    if view.get("target") is None:
        return {}
    latest = latest_value(view)
    return {"target": view["target"], "unit": view.get("unit"),
            "value": None if latest is None else latest["value"],
            "measured": None if latest is None else latest["date"]}


def default_as_of(pledges: list[dict], today: date) -> date:
    """The cut-off of a report run without --as-of: today, the user's local day.

    An update logged by someone whose day is already tomorrow (a colleague in
    Kiritimati, say) is dated tomorrow; `list` and `show` count it, so the report
    runs to that day instead of leaving it out and disagreeing with them.
    """
    newest = max((update["date"] for pledge in pledges for update in pledge["updates"]),
                 default="")
    if newest <= today.isoformat():
        return today
    try:
        return date.fromisoformat(newest)
    except ValueError:  # not a date (a hand-edited file): today it is
        return today


def build_report(
    pledges: list[dict], dialogues: list[dict], *, as_of: date, since: date | None = None,
    final: bool = False, filters: Filters | None = None,
    groupings: tuple[str, ...] = DEFAULT_GROUPINGS,
    title: str | None = None, generated: str = "", with_baseline: bool = True,
    with_series: bool = False, states: dict[str, list] | None = None,
) -> Report:
    """Replay every pledge to `as_of`, filter, score and group them (SPEC §3, §5a).

    Filters see each pledge as it stood on `as_of` (its status then, overdue
    then), so a report re-run for a past date selects what it would have then.
    Without `since`, the window opens on the first covered dialogue's date.
    Filtered to exactly one party, every pledge is seen as that party's (see
    `scoring.party_view`): its status, its updates and the joint ones.
    `with_baseline` also builds the report for the day before the window opened
    (`Report.baseline`); `with_series` computes the score after each update date.
    `states` holds each pledge's current state by key (tracker/derived.py): a pledge
    with no update after a cut-off is not replayed for it.
    """
    known = states or {}
    cutoff = as_of.isoformat()
    dialogue_dates = {d["id"]: d["date"] for d in dialogues}
    made = existing_as_of(pledges, dialogue_dates, cutoff)
    party_filter = _party_filter(filters, pledges, dialogues)
    party = party_filter[0] if len(party_filter) == 1 else None
    # Up to the newest update's day (the usual cut-off) no log needs cutting short.
    complete = max((u["date"] for p in made for u in p["updates"]), default="") <= cutoff
    if party is None:
        replayed = (pledge_as_of(p, cutoff, known.get(str(p["id"])), complete) for p in made)
    else:
        replayed = (party_view(p, cutoff, party, known.get(str(p["id"])), complete)
                    for p in made)
    views = select(replayed, filters or Filters(), dialogue_dates, today=as_of)
    views.sort(key=lambda v: v["id"])
    for view in views:
        view["cells"] = {cell.party: cell for cell in pledge_cells(view, cutoff, final)}
        view["cell_sums"] = cell_sums(view["cells"].values())  # what every row adds
        # view["figures"]: worked out when read (scoring.figures_of)

    covered_ids = {v["dialogue"] for v in views}
    covered = sorted((d for d in dialogues if d["id"] in covered_ids),
                     key=lambda d: (d["date"], d["id"]))
    if since is None:
        window_start = covered[0]["date"] if covered else cutoff
    else:
        window_start = since.isoformat()
    upcoming_until = days_from(as_of, UPCOMING_DAYS).isoformat()
    stale_before = days_from(as_of, -STALE_DAYS).isoformat()

    originals = {p["id"]: p for p in made}
    # A one-party report's matrix is that party's column: its figures are the summary's.
    parties = [party] if party is not None and views else _parties(views, covered)
    groups = Groups(groupings, lambda name: group_figures(views, name, as_of=cutoff,
                                                          final=final))
    party_rows = groups["party"] if "party" in groups else \
        group_figures(views, "party", as_of=cutoff, final=final)
    by_party = {fold(g.name): g for g in party_rows}
    return Report(
        title=title or DEFAULT_TITLE, generated=generated, as_of=cutoff, since=window_start,
        final=final, dialogues=covered, groupings=groupings,
        summary=overall(views, as_of=cutoff, final=final),
        groups=groups,
        parties=parties,
        pledges=views,
        overdue=sorted((v for v in views if is_overdue(v, cutoff)),
                       key=lambda v: (v["due"], v["id"])),
        upcoming=sorted((v for v in views if is_due_between(v, cutoff, upcoming_until)),
                        key=lambda v: (v["due"], v["id"])),
        upcoming_until=upcoming_until,
        # Unverifiable pledges are never scored, so "no recorded action" says nothing
        # about them either: they are listed apart.
        stale=sorted((v for v in views
                      if v["verifiable"] and is_stale(v, dialogue_dates, stale_before)),
                     key=lambda v: (last_activity(v, dialogue_dates), v["id"])),
        stale_before=stale_before,
        unverifiable=[v for v in views if not v["verifiable"]],
        changes=_changes(views, window_start, party),
        movements=_movements(views, originals, dialogue_dates, window_start, party),
        dialogue_dates=dialogue_dates, party=party, party_filter=party_filter,
        party_columns=[by_party.get(fold(name)) or Group(name) for name in parties],
        baseline=(build_report(pledges, dialogues,
                               as_of=days_from(date.fromisoformat(window_start), -1),
                               final=final, filters=filters,
                               groupings=groupings, title=title, generated=generated,
                               with_baseline=False, states=states)
                  if with_baseline and window_start <= cutoff else None),
        series=(score_series([originals[v["id"]] for v in views], dialogue_dates, cutoff,
                             final, party, states) if with_series else []),
    )


MAX_SERIES_POINTS = 120  # beyond this many update dates the chart takes month ends


def score_series(pledges: list[dict], dialogue_dates: dict[str, str], cutoff: str,
                 final: bool, party: str | None = None,
                 states: dict[str, list] | None = None) -> list[tuple[str, float | None]]:
    """(date, overall percentage) after every date an update or a dialogue falls on.

    Each point replays the report's pledges to that date, as `--as-of` would.
    """
    days = {u["date"] for p in pledges for u in p["updates"] if u["date"] <= cutoff}
    days |= {dialogue_dates[p["dialogue"]] for p in pledges if p["dialogue"] in dialogue_dates}
    days = sorted(d for d in days if d <= cutoff)
    if len(days) > MAX_SERIES_POINTS:
        days = sorted({min(_month_end(d), cutoff) for d in days})
    known = states or {}

    def view_of(pledge: dict, day: str) -> dict:
        state = known.get(str(pledge["id"]))
        return (pledge_as_of(pledge, day, state) if party is None
                else party_view(pledge, day, party, state))

    points = []
    for day in days:
        made = existing_as_of(pledges, dialogue_dates, day)
        views = [view_of(p, day) for p in made]
        points.append((day, overall(views, as_of=day, final=final).percent))
    if days and days[-1] != cutoff:
        views = [view_of(p, cutoff) for p in pledges]
        points.append((cutoff, overall(views, as_of=cutoff, final=final).percent))
    return points


def _month_end(day: str) -> str:
    year, month = int(day[:4]), int(day[5:7])
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _party_filter(filters: Filters | None, pledges: list[dict], dialogues: list[dict]
                  ) -> list[str]:
    """The distinct parties the report is filtered to, spelled as the records spell them."""
    if filters is None or not filters.by:
        return []
    known = [name for d in dialogues for name in d["parties"]]
    known += [name for p in pledges for name in p["by"]]
    names: dict[str, str] = {}
    for value in filters.by:
        name = value.strip()
        names.setdefault(fold(name), canonical_name(name, known))
    return list(names.values())


def _parties(views: list[dict], covered: list[dict]) -> list[str]:
    """The matrix columns: the covered dialogues' parties, then any other, first spelling kept."""
    names: dict[str, str] = {}
    for dialogue in covered:
        for party in dialogue["parties"]:
            names.setdefault(fold(party), party)
    used: set[str] = set()
    for view in views:  # one pass: every spelling folded (a dict lookup), first one kept
        for party in view["by"]:
            key = fold(party)
            if key not in used:
                used.add(key)
                names.setdefault(key, party)
    return [name for key, name in names.items() if key in used]


def _changes(views: list[dict], start: str, party: str | None = None) -> ChangeList:
    """Every update dated from `start` to the cut-off, with the status it replaced.

    In a one-party report (`party`) the views hold only that party's and joint
    updates, and what an update replaced is that party's status.
    """
    rows = []
    position = 0
    for view in views:
        pledge_id = view["id"]
        for index, update in enumerate(view["updates"]):  # only those up to the cut-off
            if update["date"] >= start:
                position -= 1  # equal dates and pledges keep the log's order
                rows.append((update["date"], pledge_id, position, view, index))
    return ChangeList(rows, party)


def _movements(views: list[dict], originals: dict[int, dict], dialogue_dates: dict[str, str],
               start: str, party: str | None = None) -> list[Movement]:
    """Pledges whose status moved between the day before `start` and the cut-off.

    A pledge made after `start` counts as new (`before` None) and as moved if
    it left `pledged`; one made on `start` itself starts from `pledged`. In a
    one-party report the statuses compared are that party's.
    """
    before_start = days_from(date.fromisoformat(start), -1).isoformat()
    movements = []
    for view in views:
        made = dialogue_dates.get(view["dialogue"], "")
        if made > start:
            before, baseline = None, "pledged"
        elif made == start:
            before = baseline = "pledged"
        else:
            before = baseline = state_as_of(originals[view["id"]], before_start, party)[0]
        if before is None or baseline != view["status"]:
            movements.append(Movement(view["id"], view["text"], before, view["status"]))
    return movements
