"""Status at a date, compliance scores and group figures (SPEC §3). Pure: no I/O.

Scores follow the G7/G20 Research Group's scale: +1 fulfilled, 0 for work
under way, -1 broken (and `pledged` past its due date, `stalled` in a final
report); `superseded` and unverifiable pledges are not scored.

Everything here works on dated updates, so any figure can be recomputed for a
past cut-off: `pledge_as_of` replays a pledge's log up to a date and the rest
of the module reads those replayed copies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.model import STATUSES, fold, party_state, party_states, pledge_state

GROUPINGS = ("status", "dialogue", "area", "party", "framework")

_BASE_SCORE: dict[str, int | None] = {
    "pledged": None, "in-progress": 0, "partial": 0, "stalled": 0,
    "fulfilled": 1, "broken": -1, "superseded": None,
}


def state_as_of(pledge: dict, as_of: str | None = None, party: str | None = None
                ) -> tuple[str, int]:
    """(status, progress) of a pledge — or of one party on it — from updates dated ≤ as_of.

    The rule is model.pledge_state / model.party_state: a party's own latest
    update, else the latest joint update, else the pledge's initial state.
    """
    updates = pledge["updates"]
    if as_of is not None:
        updates = [u for u in updates if u["date"] <= as_of]
    if party is not None:
        return party_state(pledge, party, updates)
    return pledge_state(pledge, updates)


def pledge_as_of(pledge: dict, as_of: str) -> dict:
    """A copy of the pledge as it stood on `as_of`: later updates dropped, status replayed.

    The copy shares the unchanged values with the original, so it is cheap; it
    carries `party_status` (each party's status on that date) and `party_progress`.
    """
    view = dict(pledge)
    updates = [u for u in pledge["updates"] if u["date"] <= as_of]
    view["updates"] = updates
    view["status"], view["progress"] = pledge_state(pledge, updates)
    states = party_states(pledge, updates)
    view["party_status"] = {party: status for party, (status, _) in states.items()}
    view["party_progress"] = {party: progress for party, (_, progress) in states.items()}
    return view


def party_view(pledge: dict, as_of: str, party: str) -> dict:
    """The pledge as one party saw it on `as_of`: that party's status and progress as
    the pledge's, and only the updates about it (its own and the joint ones).

    A report filtered to one party reads these, so that its summary, status
    filters, lists and changes agree with that party's "By party" row.
    `party_status` still holds every party's status, from the whole log.
    """
    view = pledge_as_of(pledge, as_of)
    view["status"], view["progress"] = party_state(pledge, party, view["updates"])
    wanted = fold(party)
    view["updates"] = [u for u in view["updates"]
                       if not u.get("party") or fold(u["party"]) == wanted]
    return view


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


def pledge_score(view: dict, as_of: str, final: bool = False) -> int | None:
    """The score of a replayed pledge (see `pledge_as_of`) on its cut-off date."""
    return score(view["status"], due=view["due"], as_of=as_of, final=final,
                 verifiable=view["verifiable"])


def percent_of(average: float | None) -> float | None:
    """The score as a percentage: (average + 1) / 2 × 100 (SPEC §3)."""
    return None if average is None else (average + 1) / 2 * 100


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
        return percent_of(self.average)

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


def _group_names(view: dict, grouping: str) -> list[str]:
    if grouping == "dialogue":
        return [view["dialogue"]]
    if grouping == "status":
        return [view["status"]]
    return [view.get(grouping) or "(none)"]


def group_figures(views: Iterable[dict], grouping: str, *, as_of: str, final: bool = False,
                  ) -> list[Group]:
    """One Group per value of `grouping` over replayed pledges (parties: each party's status).

    Names match case- and accent-insensitively and keep their first spelling.
    Rows come sorted by name (by the status order when grouping by status).
    """
    groups: dict[str, Group] = {}
    for view in views:
        if grouping == "party":
            entries = [(name, status, view["party_progress"][name])
                       for name, status in view["party_status"].items()]
        else:
            entries = [(name, view["status"], view["progress"])
                       for name in _group_names(view, grouping)]
        for name, status, progress in entries:
            group = groups.get(fold(name))
            if group is None:
                group = groups[fold(name)] = Group(name)
            points = score(status, due=view["due"], as_of=as_of, final=final,
                           verifiable=view["verifiable"])
            group.add(status, progress, points, view["verifiable"])
    if grouping == "status":
        order = {status: index for index, status in enumerate(STATUSES)}
        return sorted(groups.values(), key=lambda g: order[g.name])
    return sorted(groups.values(), key=lambda g: fold(g.name))


def overall(views: Iterable[dict], *, as_of: str, final: bool = False) -> Group:
    """The figures over every replayed pledge."""
    total = Group("all pledges")
    for view in views:
        total.add(view["status"], view["progress"], pledge_score(view, as_of, final),
                  view["verifiable"])
    return total


def existing_as_of(pledges: Iterable[dict], dialogue_dates: dict[str, str], as_of: str
                   ) -> list[dict]:
    """The pledges already made by `as_of` (their dialogue took place on or before it)."""
    return [p for p in pledges if dialogue_dates.get(p["dialogue"], "") <= as_of]
