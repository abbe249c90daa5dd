"""Status at a date, compliance scores and group figures (SPEC §3). Pure: no I/O.

Scores follow the G7/G20 Research Group's scale: +1 fulfilled, 0 for work
under way, -1 broken (and `pledged` past its due date or in a final report,
`stalled` in a final report); `superseded` and unverifiable pledges are not
scored. As the Research Group does, the unit of scoring is the cell — one
party of one pledge — and every average (a pledge's, a party's, an area's,
the overall figure) is the mean of its cells.

Everything here works on dated updates, so any figure can be recomputed for a
past cut-off: `pledge_as_of` replays a pledge's log up to a date and the rest
of the module reads those replayed copies.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from tracker.model import STATUSES, StateLog, current_states, fold, party_state

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
    log = StateLog(pledge)
    for update in pledge["updates"]:
        if as_of is None or update["date"] <= as_of:
            log.add(update)
    return log.party(party) if party is not None else log.overall()


def pledge_as_of(pledge: dict, as_of: str, known: tuple | None = None,
                 complete: bool = False) -> dict:
    """A copy of the pledge as it stood on `as_of`: later updates dropped, status replayed.

    The copy shares the unchanged values with the original, so it is cheap; it
    carries `party_status` (each party's status on that date) and `party_progress`.
    `known` is the pledge's current state as `model.current_states` gives it (stored,
    see tracker/derived.py): used when no update is dated after `as_of`, so the
    pledge needs no replay. `complete`: the caller knows no update is dated after
    `as_of` (a report to the newest update's day).
    """
    view = dict(pledge)
    log = pledge["updates"]
    if complete or all(u["date"] <= as_of for u in log):
        updates = log
        overall, states = known if known is not None else current_states(pledge)
    else:
        updates = [u for u in log if u["date"] <= as_of]
        overall, states = current_states(pledge, updates)
    view["updates"] = updates
    view["status"], view["progress"] = overall
    view["party_status"] = {party: status for party, (status, _) in states.items()}
    view["party_progress"] = {party: progress for party, (_, progress) in states.items()}
    return view


def party_view(pledge: dict, as_of: str, party: str, known: tuple | None = None,
               complete: bool = False) -> dict:
    """The pledge as one party saw it on `as_of`: that party's status and progress as
    the pledge's, and only the updates about it (its own and the joint ones).

    A report filtered to one party reads these, so that its summary, status
    filters, lists and changes agree with that party's "By party" row.
    `party_status` still holds every party's status, from the whole log.
    """
    view = pledge_as_of(pledge, as_of, known, complete)
    view["status"], view["progress"] = party_state(pledge, party, view["updates"])
    wanted = fold(party)
    view["cell_parties"] = [name for name in pledge["by"] if fold(name) == wanted]
    view["updates"] = [u for u in view["updates"]
                       if not u.get("party") or fold(u["party"]) == wanted]
    if wanted in {fold(name) for name in pledge.get("not_verifiable_for") or ()}:
        # Marked n/a for this party: to it the pledge is not a verifiable one (listed
        # apart, never stale); the other parties' cells keep the pledge's own flag.
        view["pledge_verifiable"] = view["verifiable"]
        view["verifiable"] = False
    return view


def score(status: str, *, due: str | None, as_of: str, final: bool = False,
          verifiable: bool = True) -> int | None:
    """The compliance score of one status, or None where it is not scored.

    A final report scores no action at all as the Research Group scores a member
    that did nothing: -1, whatever the due date. An interim report gives a
    `pledged` cell time until its due date.
    """
    if not verifiable:
        return None
    if status == "pledged":
        return -1 if final or (due is not None and due < as_of) else None
    if status == "stalled":
        return -1 if final else 0
    return _BASE_SCORE[status]


def percent_of(average: float | Fraction | None) -> float | Fraction | None:
    """The score as a percentage: (average + 1) / 2 × 100 (SPEC §3)."""
    return None if average is None else (average + 1) / 2 * 100


def round_half_up(value: Fraction | float, places: int) -> Decimal:
    """`value` to `places` decimals, a half rounded away from zero, as published tables do.

    Rounding the exact mean (a Fraction) keeps 0.25 → 63 % and 2/3 → 83 %:
    float formatting would round 62.5 to the even 62, and rounding an
    already-rounded 0.67 would give 84.
    """
    exact = value if isinstance(value, Fraction) else Fraction(value)
    whole = math.floor(abs(exact) * 10 ** places + Fraction(1, 2))
    return Decimal(whole if exact >= 0 else -whole).scaleb(-places)


@dataclass(slots=True)
class Cell:
    """One party of one pledge, scored: the unit every average is made of."""

    party: str
    status: str
    points: int | None
    applies: bool = True  # False: "n/a", the pledge does not apply to this party
    verifiable: bool = True  # False: the whole pledge is too vague to score

    @property
    def no_action(self) -> bool:
        """A verifiable cell with no implementing action yet that is not (yet) scored."""
        return (self.applies and self.verifiable and self.status == "pledged"
                and self.points is None)


def pledge_cells(view: dict, as_of: str, final: bool = False) -> list[Cell]:
    """The cells of a replayed pledge: one per party it counts (see `pledge_as_of`).

    A one-party view (`party_view`) counts that party's cell alone. A party
    for which the pledge is marked not verifiable ("n/a") has a cell that is
    never scored, as is every cell of an unverifiable pledge.
    """
    marked = view.get("not_verifiable_for")
    not_applicable = {fold(name) for name in marked} if marked else None
    cells = []
    for party in view.get("cell_parties") or view["party_status"]:
        status = view["party_status"][party]
        applies = not_applicable is None or fold(party) not in not_applicable
        points = score(status, due=view["due"], as_of=as_of, final=final,
                       verifiable=view["verifiable"] and applies)
        cells.append(Cell(party, status, points, applies, view["verifiable"]))
    return cells


def _cells(view: dict, as_of: str, final: bool) -> Iterable[Cell]:
    """The view's cells: those a report already put on it (`cells`), else computed."""
    cached = view.get("cells")
    return cached.values() if cached is not None else pledge_cells(view, as_of, final)


@dataclass(slots=True)
class Group:
    """Figures for one row of a report: a party, an area, a framework, a dialogue, a pledge…

    `pledges` and `counts` count pledges (a party's row: the pledges it is party
    to, by its own status); `scored` and `score_total` count cells.
    """

    name: str
    pledges: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    scored: int = 0
    score_total: int = 0
    progress_total: int = 0
    unverifiable: int = 0
    no_action: int = 0  # verifiable cells still `pledged` and not scored (interim only)

    def add_pledge(self, status: str, progress: int, verifiable: bool,
                   sums: tuple[int, int, int] = (0, 0, 0)) -> None:
        """Count a pledge and, with `sums` (see `cell_sums`), its cells all at once."""
        self.pledges += 1
        self.counts[status] += 1
        if verifiable:  # an unverifiable pledge's progress estimate is not averaged either
            self.progress_total += progress
        else:
            self.unverifiable += 1
        self.scored += sums[0]
        self.score_total += sums[1]
        self.no_action += sums[2]

    def add_cell(self, cell: Cell) -> None:
        if cell.points is not None:
            self.scored += 1
            self.score_total += cell.points
        elif cell.no_action:
            self.no_action += 1

    @property
    def mean(self) -> Fraction | None:
        """The exact mean of the scored cells (for rounding as published)."""
        return Fraction(self.score_total, self.scored) if self.scored else None

    @property
    def average(self) -> float | None:
        return self.score_total / self.scored if self.scored else None

    @property
    def percent(self) -> float | None:
        # Float arithmetic: a report asks this of every pledge, and Fractions are slow.
        # Displayed figures are rounded from `mean`, the exact value.
        average = self.average
        return None if average is None else (average + 1) / 2 * 100

    @property
    def mean_if_no_action_fails(self) -> Fraction | None:
        """The mean if every cell with no action yet counted -1 (as a final report would)."""
        cells = self.scored + self.no_action
        return Fraction(self.score_total - self.no_action, cells) if cells else None

    @property
    def average_progress(self) -> float | None:
        counted = self.pledges - self.unverifiable
        return self.progress_total / counted if counted else None

    def as_dict(self) -> dict:
        """The figures for JSON: averages unrounded (renderers round them for display)."""
        cells = self.scored + self.no_action
        if_failed = (self.score_total - self.no_action) / cells if self.no_action else None
        return {
            "name": self.name, "pledges": self.pledges, "counts": dict(self.counts),
            "scored": self.scored,
            "average_score": self.average,
            "percent": self.percent,
            "average_progress": (None if self.average_progress is None
                                 else round(self.average_progress, 2)),
            "unverifiable": self.unverifiable,
            "no_action": self.no_action,
            "if_no_action_fails": None if if_failed is None else {
                "average_score": if_failed, "percent": (if_failed + 1) / 2 * 100},
        }


def cell_sums(cells: Iterable[Cell]) -> tuple[int, int, int]:
    """(scored cells, their score total, cells with no action yet): what `Group.add_cell`
    adds for these cells, worked out once per pledge instead of once per report row."""
    scored = total = no_action = 0
    for cell in cells:
        if cell.points is not None:
            scored += 1
            total += cell.points
        elif cell.no_action:
            no_action += 1
    return scored, total, no_action


def _view_sums(view: dict, as_of: str, final: bool) -> tuple[int, int, int]:
    """A view's cell sums: those a report already put on it (`cell_sums`), else worked out."""
    return view.get("cell_sums") or cell_sums(_cells(view, as_of, final))


def _group_names(view: dict, grouping: str) -> list[str]:
    if grouping == "dialogue":
        return [view["dialogue"]]
    if grouping == "status":
        return [view["status"]]
    return [view.get(grouping) or "(none)"]


def group_figures(views: Iterable[dict], grouping: str, *, as_of: str, final: bool = False,
                  ) -> list[Group]:
    """One Group per value of `grouping` over replayed pledges.

    A party's row holds that party's cells, and counts each pledge by the
    party's own status; every other row holds its pledges' cells and counts
    them by the pledge's status. Names match case- and accent-insensitively
    and keep their first spelling. Rows come sorted by name (by the status
    order when grouping by status).
    """
    groups: dict[str, Group] = {}
    by_spelling: dict[str, Group] = {}  # each spelling folded once, not once per pledge

    def group_named(name: str) -> Group:
        group = by_spelling.get(name)
        if group is None:
            key = fold(name)
            group = groups.get(key)
            if group is None:
                group = groups[key] = Group(name)
            by_spelling[name] = group
        return group

    for view in views:
        if grouping == "party":
            # Every party's cell, even in a one-party report: the table compares them.
            verifiable = view.get("pledge_verifiable", view["verifiable"])
            every = (_cells(view, as_of, final) if not view.get("cell_parties")
                     else pledge_cells({**view, "cell_parties": None,
                                        "verifiable": verifiable}, as_of, final))
            for cell in every:
                if not cell.applies:  # n/a: not one of that party's pledges to count
                    continue
                group = group_named(cell.party)
                group.add_pledge(cell.status, view["party_progress"][cell.party], verifiable)
                group.add_cell(cell)
            continue
        sums = _view_sums(view, as_of, final)
        for name in _group_names(view, grouping):
            group_named(name).add_pledge(view["status"], view["progress"], view["verifiable"],
                                         sums)
    if grouping == "status":
        order = {status: index for index, status in enumerate(STATUSES)}
        return sorted(groups.values(), key=lambda g: order[g.name])
    # Keyed by the folded name already: sorting the keys is sorting by fold(g.name).
    return [group for _, group in sorted(groups.items())]


def figures_of(view: dict) -> Group:
    """A report view's own figures (`pledge_figures`), worked out the first time they are
    read: a terminal shows forty pledges' of a hundred thousand. The view carries its
    cells already (`build_report`), so the cut-off is theirs."""
    figures = view.get("figures")
    if figures is None:
        figures = view["figures"] = pledge_figures(view, "", False)
    return figures


def pledge_figures(view: dict, as_of: str, final: bool = False) -> Group:
    """One pledge's own compliance: the mean of its cells (a row of the matrix)."""
    figures = Group(view["text"])
    figures.add_pledge(view["status"], view["progress"], view["verifiable"],
                       _view_sums(view, as_of, final))
    return figures


def overall(views: Iterable[dict], *, as_of: str, final: bool = False) -> Group:
    """The figures over every replayed pledge: the mean of all their cells."""
    total = Group("all pledges")
    for view in views:
        total.add_pledge(view["status"], view["progress"], view["verifiable"],
                         _view_sums(view, as_of, final))
    return total


def existing_as_of(pledges: Iterable[dict], dialogue_dates: dict[str, str], as_of: str
                   ) -> list[dict]:
    """The pledges already made by `as_of` (their dialogue took place on or before it)."""
    return [p for p in pledges if dialogue_dates.get(p["dialogue"], "") <= as_of]
