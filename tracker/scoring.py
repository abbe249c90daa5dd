"""Status at a date, compliance scores and group figures (SPEC §3). Pure: no I/O.

Scores follow the G7/G20 Research Group's scale: +1 fulfilled, 0 for work
under way, -1 broken (and `pledged` past its due date, `stalled` in a final
report); `superseded` and unverifiable pledges are not scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from tracker.model import STATUSES, fold, latest_update

GROUPINGS = ("status", "dialogue", "area", "party", "framework")

_BASE_SCORE: dict[str, int | None] = {
    "pledged": None, "in-progress": 0, "partial": 0, "stalled": 0,
    "fulfilled": 1, "broken": -1, "superseded": None,
}


def state_as_of(pledge: dict, as_of: str | None = None, party: str | None = None
                ) -> tuple[str, int]:
    """(status, progress) of a pledge — or of one party on it — from updates dated ≤ as_of."""
    updates = pledge["updates"]
    if as_of is not None:
        updates = [u for u in updates if u["date"] <= as_of]
    if party is not None:
        own = latest_update(updates, party)
        if own is not None:
            return own["status"], own["progress"]
    latest = latest_update(updates)
    if latest is not None:
        return latest["status"], latest["progress"]
    if pledge["updates"] and as_of is not None:
        return "pledged", 0  # its updates all come later: as of then, nothing had happened
    return pledge["status"], pledge["progress"]


def score(status: str, *, due: str | None, as_of: str, final: bool = False,
          verifiable: bool = True) -> int | None:
    """The compliance score of one status, or None where it is not scored."""
    if not verifiable:
        return None
    if status == "pledged":
        return -1 if due is not None and due < as_of else None
    if status == "stalled":
        return -1 if final else 0
    return _BASE_SCORE[status]


@dataclass
class Group:
    """Figures for one row of a report: a party, an area, a framework, a dialogue…"""

    name: str
    pledges: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    scored: int = 0
    score_total: int = 0
    progress_total: int = 0
    unverifiable: int = 0

    def add(self, status: str, progress: int, points: int | None, verifiable: bool) -> None:
        self.pledges += 1
        self.counts[status] += 1
        self.progress_total += progress
        if not verifiable:
            self.unverifiable += 1
        if points is not None:
            self.scored += 1
            self.score_total += points

    @property
    def average(self) -> float | None:
        return self.score_total / self.scored if self.scored else None

    @property
    def percent(self) -> float | None:
        average = self.average
        return None if average is None else (average + 1) / 2 * 100

    @property
    def average_progress(self) -> float | None:
        return self.progress_total / self.pledges if self.pledges else None

    def as_dict(self) -> dict:
        return {
            "name": self.name, "pledges": self.pledges, "counts": dict(self.counts),
            "scored": self.scored,
            "average_score": None if self.average is None else round(self.average, 4),
            "percent": None if self.percent is None else round(self.percent, 2),
            "average_progress": (None if self.average_progress is None
                                 else round(self.average_progress, 2)),
            "unverifiable": self.unverifiable,
        }


def _group_names(pledge: dict, grouping: str, dialogue_titles: dict[str, str]) -> list[str]:
    if grouping == "party":
        return list(pledge["by"])
    if grouping == "dialogue":
        return [pledge["dialogue"]]
    if grouping == "status":
        return []  # filled by the caller from the computed status
    return [pledge.get(grouping) or "(none)"]


def group_figures(
    pledges: Iterable[dict], grouping: str, *, as_of: str, final: bool = False,
    dialogue_titles: dict[str, str] | None = None,
) -> list[Group]:
    """One Group per value of `grouping`, in first-seen order (parties: per party's status)."""
    groups: dict[str, Group] = {}
    for pledge in pledges:
        if grouping == "party":
            entries = [(name, *state_as_of(pledge, as_of, name)) for name in pledge["by"]]
        else:
            status, progress = state_as_of(pledge, as_of)
            names = [status] if grouping == "status" else _group_names(
                pledge, grouping, dialogue_titles or {})
            entries = [(name, status, progress) for name in names]
        for name, status, progress in entries:
            key = fold(name)
            group = groups.setdefault(key, Group(name))
            points = score(status, due=pledge["due"], as_of=as_of, final=final,
                           verifiable=pledge["verifiable"])
            group.add(status, progress, points, pledge["verifiable"])
    if grouping == "status":
        order = {status: index for index, status in enumerate(STATUSES)}
        return sorted(groups.values(), key=lambda g: order[g.name])
    return sorted(groups.values(), key=lambda g: fold(g.name))


def overall(pledges: Iterable[dict], *, as_of: str, final: bool = False) -> Group:
    total = Group("all pledges")
    for pledge in pledges:
        status, progress = state_as_of(pledge, as_of)
        total.add(status, progress, score(status, due=pledge["due"], as_of=as_of, final=final,
                                          verifiable=pledge["verifiable"]),
                  pledge["verifiable"])
    return total


def existing_as_of(pledges: Iterable[dict], dialogue_dates: dict[str, str], as_of: str
                   ) -> list[dict]:
    """The pledges already made by `as_of` (their dialogue took place on or before it)."""
    return [p for p in pledges if dialogue_dates.get(p["dialogue"], "") <= as_of]


def as_of_date(value: date) -> str:
    return value.isoformat()
