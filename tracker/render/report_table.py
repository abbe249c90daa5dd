"""The status report on a terminal: panels, tables with bars, the pledges × parties matrix.

Laid out to fit 80 columns. With `plain` (stdout is not a terminal) it is
plain text: no colour, no box drawing, ASCII bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.console import Group as Stack
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tracker.model import STATUSES
from tracker.render.quick_table import QuickTable
from tracker.render.report_text import (
    GROUPING_TITLES,
    MATRIX_NOTE,
    NO_FIGURE,
    NOT_APPLICABLE,
    STATUS_SHORT,
    average_text,
    baseline_group,
    cell_of,
    change_label,
    changes_sentence,
    cutoff_line,
    deadlines_sentence,
    dialogue_line,
    dialogue_years,
    dialogues_sentence,
    flagged_percent_text,
    half_up,
    is_compliant_side,
    lists_every_dialogue,
    matrix_cell,
    methods_lines,
    movement_text,
    no_action_sentence,
    percent_text,
    pledges_sentence,
    progress_text,
    score_sentence,
    shown_statuses,
    summary_sentences,
    target_text,
    with_targets,
)
from tracker.render.table import STATUS_STYLES
from tracker.reporting import Report
from tracker.scoring import Group, figures_of

BAR_WIDTH = 8
MAX_CHANGES_SHOWN = 20  # the terminal shows the latest; Markdown and HTML list them all
# A terminal report is read, not searched: long lists of pledges stop here (and drawing
# ten thousand rows with rich takes seconds). Markdown and HTML list everything.
MAX_ROWS_SHOWN = 40


def bar(percent: float | None, *, plain: bool, width: int = BAR_WIDTH) -> Text:
    """A small horizontal bar for a percentage: green when high, red when low."""
    if percent is None:
        return Text("")
    filled = half_up(percent / 100 * width)
    if plain:
        return Text("#" * filled + "." * (width - filled))
    colour = "green" if is_compliant_side(percent) else "red"
    return Text("█" * filled, style=colour) + Text("░" * (width - filled), style="dim")


def _status_text(status: str | None, *, plain: bool, short: bool = False) -> Text:
    if status is None:
        return Text(NO_FIGURE)
    label = STATUS_SHORT[status] if short else status
    return Text(label, style="" if plain else STATUS_STYLES[status])


def _table(columns: Sequence[tuple[str, str]], *, plain: bool, title: str | None = None
           ) -> Table:
    """A compact table: one space between columns; `columns` are (header, justify)."""
    table = QuickTable(
        title=title, title_justify="left", title_style="" if plain else "bold",
        box=None if plain else box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
        padding=(0, 1, 0, 0), header_style="" if plain else "bold", expand=False,
    )
    for index, (header, justify) in enumerate(columns):
        wraps = index == 0 or header in ("pledge", "note")
        table.add_column(header, justify=justify, no_wrap=not wraps, overflow="fold",
                         ratio=1 if wraps else None)
    return table


def _gap(table: Table) -> int:
    """Characters between two columns: the padding, plus the (blank) divider of a box."""
    return 1 if table.box is None else 2


def _fix_widths(table: Table, console: Console, widths: list[int | None],
                wrap: Sequence[int] = ()) -> Table:
    """Set every column's width, the one None (the pledge text) taking what is left.

    Rich measures every cell of a column it must size itself; with thousands of
    pledges that measuring costs seconds, and these widths are known anyway.
    Columns sized to their longest value (ids, dates, statuses) never wrap;
    the flexible one and those listed in `wrap` (capped widths) wrap their text.
    """
    gaps = (len(widths) - 1) * _gap(table)
    rest = max(20, console.width - sum(w for w in widths if w is not None) - gaps)
    for index, (column, width) in enumerate(zip(table.columns, widths, strict=True)):
        column.width = rest if width is None else width
        column.ratio = None
        column.no_wrap = width is not None and index not in wrap
    return table


@dataclass
class _Column:
    """One column of a report table and how it may give way on a narrow terminal."""

    header: str
    cells: list[Text]
    justify: str = "left"
    wraps: bool = False  # may wrap, at spaces only (names, pledge text, notes)
    flexible: bool = False  # takes whatever room is left (the pledge text)
    drop: int | None = None  # dropped in this order when room is short (lowest first)
    short_header: str | None = None  # the header (and cells) when headers are shortened
    short_cells: list[Text] | None = None
    short: bool = False

    def shown_header(self) -> str:
        return self.short_header if self.short and self.short_header is not None \
            else self.header

    def shown_cells(self) -> list[Text]:
        return self.short_cells if self.short and self.short_cells is not None else self.cells

    def natural(self) -> int:
        """The width that shows the header and every cell on one line."""
        return max([cell_len(self.shown_header()),
                    *(cell_len(line) for cell in self.shown_cells()
                      for line in cell.plain.splitlines())])

    def floor(self) -> int:
        """The narrowest it can be without a word split: its longest word (URLs aside)."""
        if not (self.wraps or self.flexible):
            return self.natural()
        words = [word for cell in [Text(self.shown_header()), *self.shown_cells()]
                 for word in cell.plain.split()]
        return min(self.natural(), max((min(cell_len(w), WORD_MAX) for w in words), default=1))


CORE = 100  # columns with a drop rank from here on go only after headers are shortened
WORD_MAX = 20  # a longer "word" (a link) may be folded rather than widen its column


@dataclass
class _Fit:
    """The columns a table keeps at a width, and what gave way to get there."""

    columns: list[_Column]
    widths: list[int]
    dropped: list[str] = field(default_factory=list)
    shortened: bool = False
    fits: bool = True
    squeezed: bool = False


def _fit(columns: list[_Column], width: int, gap: int, *, flexible_min: int = 20) -> _Fit:
    """Plan column widths for `width` characters: first drop the columns ranked for it
    (the bar, then the least important counts), then shorten headers, then let wrapping
    columns narrow to their longest word, then drop the rest of the ranked columns.
    Fixed columns (counts, dates, ids) are always whole: a digit is never cut."""
    kept = list(columns)
    dropped: list[str] = []
    squeezed = False

    def widths() -> list[int]:
        planned = []
        for column in kept:
            if column.flexible:
                planned.append(column.floor() if squeezed
                               else min(column.natural(), max(flexible_min, column.floor())))
            elif column.wraps and squeezed:
                planned.append(column.floor())
            else:
                planned.append(column.natural())
        return planned

    def fits() -> bool:
        return sum(widths()) + gap * (len(kept) - 1) <= width

    def drop_ranked(below: int | None) -> bool:
        ranked = sorted((c for c in kept if c.drop is not None
                         and (below is None or c.drop < below)), key=lambda c: c.drop)
        for column in ranked:
            if fits():
                return True
            kept.remove(column)
            dropped.append(column.header)
        return fits()

    def plan(*, shortened: bool, ok: bool = True) -> _Fit:
        planned = widths()
        spare = width - sum(planned) - gap * (len(kept) - 1)
        flexible = [i for i, column in enumerate(kept) if column.flexible]
        if flexible and (spare > 0 or not ok):  # last resort: fold the text's words
            planned[flexible[0]] = max(1, planned[flexible[0]] + spare)
        elif spare > 0 and squeezed:  # wrapping columns back towards their natural width
            for i, column in enumerate(kept):
                grant = min(spare, column.natural() - planned[i])
                planned[i] += grant
                spare -= grant
        return _Fit(kept, planned, dropped, shortened, ok, squeezed)

    if drop_ranked(CORE):
        return plan(shortened=False)
    for column in kept:
        column.short = True
    if fits():
        return plan(shortened=True)
    squeezed = True
    if fits() or drop_ranked(None):
        return plan(shortened=True)
    return plan(shortened=True, ok=False)


def _fitted_table(console: Console, columns: list[_Column], *, plain: bool,
                  title: str | None = None, flexible_min: int = 20,
                  section_after: int | None = None) -> tuple[Table, _Fit]:
    """A compact table no wider than the console, planned by `_fit`; a rule under
    row `section_after` when given (totals below it)."""
    table = _table([], plain=plain, title=title)
    fit = _fit(columns, console.width, _gap(table), flexible_min=flexible_min)
    for column, width in zip(fit.columns, fit.widths, strict=True):
        table.add_column(column.shown_header(), justify=column.justify, width=width,
                         no_wrap=not (column.wraps or column.flexible), overflow="fold")
    rows = zip(*(column.shown_cells() for column in fit.columns), strict=True)
    for index, row in enumerate(rows):
        table.add_row(*row, end_section=index == section_after)
    return table, fit


def _heading(console: Console, text: str, *, plain: bool) -> None:
    console.print()
    console.print(Text(text, style="" if plain else "bold underline"))


def _summary(report: Report, *, plain: bool) -> Stack:
    total = report.summary
    counts = Text()
    for index, status in enumerate(s for s in STATUSES if total.counts[s]):
        if index:
            counts.append(" · ")
        counts.append(f"{total.counts[status]} ", style="" if plain else "bold")
        counts.append(status, style="" if plain else STATUS_STYLES[status])
    score_line = Text(f"Compliance: {score_sentence(total)} ")
    score_line.append_text(bar(total.percent, plain=plain, width=16))
    before = None if report.baseline is None else report.baseline.summary
    lines = [Text(pledges_sentence(report)), counts or Text("no pledges"), score_line]
    if total.no_action:
        lines.append(Text(f"  {no_action_sentence(total)}"))
    lines += [Text(f"Since {report.since}: {movement_text(before, total)}; average progress "
                   f"{progress_text(total)} (an estimate, not a score)"),
              Text(changes_sentence(report)), Text(deadlines_sentence(report))]
    return Stack(*lines)


def _dialogue_table(report: Report, *, plain: bool) -> Table:
    """The covered dialogues, a row a year: how many, their pledges, parties and places."""
    table = _table([("year", "left"), ("dialogues", "right"), ("pledges", "right"),
                    ("parties", "right"), ("places", "right")], plain=plain)
    for year, count, pledges, parties, places in dialogue_years(report):
        table.add_row(year, f"{count:,}", f"{pledges:,}", str(parties), str(places))
    return table


# Count columns give way on a narrow terminal in this order (the least telling first).
STATUS_DROP_ORDER = ("superseded", "stalled", "partial", "pledged", "in-progress", "broken",
                     "fulfilled")


def _group_table(console: Console, grouping: str, rows: list[Group], shown: list[str], *,
                 plain: bool, limit: int | None = MAX_ROWS_SHOWN) -> tuple[Table, _Fit]:
    rows = rows[:limit]

    def counts(values: list[str], header: str, drop: int | None) -> _Column:
        return _Column(header, [Text(value) for value in values], "right", drop=drop)

    columns = [
        _Column(grouping, [Text(group.name) for group in rows], wraps=True),
        counts([str(group.pledges) for group in rows], "n", CORE + 3),
        *(_Column(STATUS_SHORT[s], [
            Text(str(group.counts[s]),
                 style=("" if plain else "dim") if not group.counts[s] else STATUS_STYLES[s])
            for group in rows], "right", drop=10 + STATUS_DROP_ORDER.index(s))
          for s in shown),
        counts([str(group.scored) for group in rows], "scored", 1),
        counts([average_text(group) for group in rows], "avg", CORE + 2),
        counts([flagged_percent_text(group) for group in rows], "%", CORE + 1),
        _Column("", [bar(group.percent, plain=plain) for group in rows], drop=0),
        counts([progress_text(group) for group in rows], "progress", 2),
    ]
    return _fitted_table(console, columns, plain=plain, title=GROUPING_TITLES[grouping])


def _movement_line(report: Report, grouping: str, rows: list[Group]) -> Text:
    """`Since 2024-07-01: China 50% → 65% · Kazakhstan …` under a group table."""
    return Text(f"Since {report.since}: " + " · ".join(
        f"{group.name} {movement_text(baseline_group(report, grouping, group.name), group)}"
        for group in rows[:MAX_ROWS_SHOWN]))


def _pledge_rows(console: Console, title: str, views: list[dict], date_header: str,
                 date_of, *, plain: bool) -> None:
    _heading(console, title, plain=plain)
    if not views:
        console.print(Text("none"))
        return
    hidden = len(views) - MAX_ROWS_SHOWN
    views = views[:MAX_ROWS_SHOWN]
    statuses = [view["status"] for view in views]
    columns = [
        _Column("#", [Text(str(view["id"])) for view in views], "right"),
        # A date never wraps; a list of parties ("by") may, between names.
        _Column(date_header, [Text(date_of(view) or "") for view in views],
                wraps=True),
        _Column("status", [_status_text(s, plain=plain) for s in statuses], drop=CORE + 1,
                short_header="stat",
                short_cells=[_status_text(s, plain=plain, short=True) for s in statuses]),
        _Column("pledge", [Text(view["text"]) for view in views], flexible=True),
    ]
    table, _ = _fitted_table(console, columns, plain=plain)
    console.print(table)
    _more(console, hidden)


def _more(console: Console, hidden: int) -> None:
    if hidden > 0:
        console.print(Text(f"… and {hidden} more (--format markdown or html lists them all; "
                           "filters narrow the report)"))


def print_report(console: Console, report: Report, *, plain: bool) -> None:
    """Write the whole report to `console` (which must have markup off)."""
    console.print(Text(report.title, style="" if plain else "bold"))
    if not report.dialogues:
        console.print(Text("No dialogue covered: no pledge matches."))
    elif lists_every_dialogue(report):
        # One print: a print per line costs a rich render each (seconds for a thousand).
        console.print(Text("\n".join(dialogue_line(d) for d in report.dialogues)))
    else:
        console.print(Text(dialogues_sentence(report)))
        console.print(_dialogue_table(report, plain=plain))
    console.print(Text(cutoff_line(report)))
    _heading(console, "Summary", plain=plain)
    console.print(Text(" ".join(summary_sentences(report))))
    console.print()
    methods = Text("\n").join(
        Text.assemble((f"{label}: ", "" if plain else "bold"), text)
        for label, text in methods_lines(
            report, every_source=False,
            coloured=not plain and console.color_system is not None and not console.no_color))
    if plain:
        console.print(Text("Headline and methods"))
        console.print(methods)
    else:
        console.print(Panel(methods, title="Headline and methods", title_align="left"))
    console.print()
    figures = _summary(report, plain=plain)
    if plain:
        console.print(Text("Figures"))
        console.print(figures)
    else:
        console.print(Panel(figures, title="Figures", title_align="left", expand=False))

    shown = shown_statuses(report)
    dropped: dict[str, list[str]] = {}  # column → the groupings whose table left it out
    drawn: list[str] = []
    headers: set[str] = set()
    every_dialogue = lists_every_dialogue(report)
    for grouping in report.groups:
        if grouping == "dialogue" and not every_dialogue:
            continue  # summed up by year above; each dialogue's row is in `--by dialogue`
        rows = report.groups[grouping]  # worked out here, when shown
        # Asked for alone (`--by dialogue`), a grouping shows every row.
        limit = None if len(report.groups) == 1 else MAX_ROWS_SHOWN
        console.print()
        table, fit = _group_table(console, grouping, rows, shown, plain=plain, limit=limit)
        console.print(table)
        if limit is not None:
            _more(console, len(rows) - limit)
        drawn.append(grouping)
        for name in fit.dropped:
            dropped.setdefault(name or "bars", []).append(grouping)
        headers.update(column.header for column in fit.columns)
        if grouping in ("party", "area"):
            console.print(_movement_line(report, grouping, rows))
    legend = [f"{STATUS_SHORT[s]} {s}" for s in shown if STATUS_SHORT[s] in headers]
    if legend or "avg" in headers:
        cells = ("scored counts cells (one per party of a pledge), avg is their mean"
                 if "scored" in headers else
                 "avg is the mean of the cells (one per party of a pledge)")
        console.print(Text("Columns: " + ", ".join(legend) + ("; " if legend else "")
                           + cells + " from -1 to +1, % = (avg + 1) / 2 × 100"
                           + ("; progress is the mean progress estimate."
                              if "progress" in headers else "."),
                           style="" if plain else "dim"))
    if dropped:
        # A column only some tables left out is named with those tables.
        named = ", ".join(name if len(where) == len(drawn) else
                          f"{name} (by {', '.join(where)})" for name, where in dropped.items())
        console.print(Text(f"Left out at {console.width} columns: {named} "
                           "(a wider terminal or --format markdown shows them).",
                           style="" if plain else "dim"))

    _matrix(console, report, plain=plain)
    if with_targets(report):
        _pledge_rows(console, "Targets (latest value against the target)", with_targets(report),
                     "value", target_text, plain=plain)
    _pledge_rows(console, f"Overdue (due before {report.as_of})", report.overdue, "due",
                 lambda v: v["due"], plain=plain)
    _pledge_rows(console, f"Due from {report.as_of} to {report.upcoming_until}",
                 report.upcoming, "due", lambda v: v["due"], plain=plain)
    _pledge_rows(console, f"No update since {report.stale_before} (oldest first)",
                 report.stale, "last", report.last_activity, plain=plain)
    _changes(console, report, plain=plain)
    _pledge_rows(console, "Not verifiable (never scored)", report.unverifiable, "by",
                 lambda v: ", ".join(v["by"]), plain=plain)


def _matrix(console: Console, report: Report, *, plain: bool) -> None:
    """The pledges × parties matrix with each row's and each column's average.

    When every party column fits beside the pledge text it is one table. With
    many parties (a G20 table has 21) it comes in parts that each fit the
    width: first the pledges with their own averages, then the parties a few
    columns at a time, each part with its column averages. Figures are never cut.
    """
    _heading(console, "Pledges × parties", plain=plain)
    if not report.pledges:
        console.print(Text("none"))
        return
    shown = report.pledges[:MAX_ROWS_SHOWN]
    id_width = max(1, *(len(str(view["id"])) for view in shown))
    gap = 1 if plain else 2
    figures = [AVERAGE_WIDTH, PERCENT_WIDTH]
    room = (console.width - id_width - MIN_PLEDGE_WIDTH - sum(figures)
            - (len(report.parties) + 3) * gap)
    widths = _party_widths(report.parties, room)
    if widths is not None:
        short = min(widths, default=LONGEST_STATUS) < LONGEST_STATUS
        table = _table([("#", "right"), ("pledge", "left"),
                        *((party, "left") for party in report.parties),
                        ("avg", "right"), ("%", "right")], plain=plain)
        # Party columns wrap a long name in the header; every status label fits the width.
        _fix_widths(table, console, [id_width, None, *widths, *figures],
                    wrap=range(2, 2 + len(widths)))
        for index, view in enumerate(shown):
            table.add_row(str(view["id"]), Text(view["text"]),
                          *(_matrix_text(view, party, plain=plain, short=short)
                            for party in report.parties),
                          average_text(figures_of(view)), percent_text(figures_of(view)),
                          end_section=index == len(shown) - 1)
        table.add_row("", "average", *(average_text(g) for g in report.party_columns),
                      average_text(report.summary), percent_text(report.summary))
        table.add_row("", "%", *(percent_text(g) for g in report.party_columns), "", "")
        console.print(table)
    else:
        _matrix_in_parts(console, report, shown, plain=plain)
    _more(console, len(report.pledges) - MAX_ROWS_SHOWN)
    console.print(Text(MATRIX_NOTE, style="" if plain else "dim"))


AVERAGE_WIDTH = len("+0.00")
PERCENT_WIDTH = len("100%")
LONGEST_STATUS = max(len(s) for s in STATUSES)
SHORT_STATUS = max(len(s) for s in STATUS_SHORT.values())
MIN_PLEDGE_WIDTH = 20  # the matrix's pledge text keeps at least this much


def _party_widths(parties: list[str], room: int) -> list[int] | None:
    """Matrix column widths beside the pledge text: full status labels if they fit in
    `room`, else short ones; None when even short ones do not fit.

    A column is as wide as its party's name (up to 16 cells, or its longest word)
    and at least its labels and figures, so a status word or an average never
    splits; longer names wrap, between words only: when a word would have to
    split, None (the matrix in parts). Widths are terminal cells: 中国 takes four.
    """
    for label in (LONGEST_STATUS, max(SHORT_STATUS, AVERAGE_WIDTH)):
        widths = [max(min(cell_len(party), 16), _longest_word(party), label)
                  for party in parties]
        if sum(widths) <= room:
            return widths
        if label * len(parties) <= room:
            # Names too long for the room: share it out, never below the label.
            spare = room - label * len(parties)
            shared = [label + min(w - label, spare // len(parties)) for w in widths]
            if all(width >= _longest_word(party) for width, party in zip(shared, parties,
                                                                         strict=True)):
                return shared
    return None


def _longest_word(name: str) -> int:
    return max((cell_len(word) for word in name.split()), default=0)


def _matrix_text(view: dict, party: str, *, plain: bool, short: bool) -> Text:
    label = matrix_cell(view, party, short=short)
    cell = cell_of(view, party)
    # The same two signs as every other format, piped or not.
    status = cell.status if cell is not None and label not in (NO_FIGURE, NOT_APPLICABLE) \
        else None
    return Text(label, style="" if plain or status is None else STATUS_STYLES[status])


def _matrix_in_parts(console: Console, report: Report, shown: list[dict], *,
                     plain: bool) -> None:
    """The matrix for many parties: the pledges and their averages, then the parties in
    groups of columns that fit the width, each with its column averages."""
    id_width = max(len("avg"), *(len(str(view["id"])) for view in shown))
    gap = 1 if plain else 2
    figures = [figures_of(view) for view in shown] + [report.summary]
    # On a narrow terminal the count of cells gives way first; averages are never cut.
    table, _ = _fitted_table(console, [
        _Column("#", [Text(str(view["id"])) for view in shown] + [Text("")], "right"),
        _Column("pledge", [Text(view["text"]) for view in shown] + [Text("all cells")],
                flexible=True),
        _Column("cells", [Text(str(f.scored)) for f in figures], "right", drop=CORE + 1),
        _Column("avg", [Text(average_text(f)) for f in figures], "right"),
        _Column("%", [Text(percent_text(f)) for f in figures], "right"),
    ], plain=plain, section_after=len(shown) - 1)
    console.print(table)

    # A party's column is as wide as its longest word (in terminal cells), so no name
    # splits mid-word unless a single word is wider than the terminal itself.
    widest = max(SHORT_STATUS, console.width - id_width - 2 * gap)
    widths = [max(SHORT_STATUS, AVERAGE_WIDTH, min(widest, _longest_word(party)))
              for party in report.parties]
    parts = _column_parts(widths, console.width - id_width, gap)
    console.print()
    console.print(Text(f"The parties in {len(parts)} part{'s' if len(parts) != 1 else ''} "
                       f"({STATUS_LEGEND}; n/a does not "
                       "apply; a dash: not a party)"))
    for number, part in enumerate(parts, 1):
        console.print()
        console.print(Text(f"Parties, part {number} of {len(parts)}"))
        table = _table([("#", "right"), *((report.parties[i], "left") for i in part)],
                       plain=plain)
        _fix_widths(table, console, [id_width, *(widths[i] for i in part)],
                    wrap=range(1, 1 + len(part)))
        for index, view in enumerate(shown):
            table.add_row(str(view["id"]),
                          *(_matrix_text(view, report.parties[i], plain=plain, short=True)
                            for i in part),
                          end_section=index == len(shown) - 1)
        table.add_row("avg", *(average_text(report.party_columns[i]) for i in part))
        table.add_row("%", *(percent_text(report.party_columns[i]) for i in part))
        console.print(table)


def _column_parts(widths: list[int], room: int, gap: int) -> list[list[int]]:
    """Column indexes in as few consecutive parts as fit `room`, as even in size as possible."""
    def fits(part: list[int]) -> bool:
        return sum(widths[i] + gap for i in part) <= room

    count = 1
    while True:
        size = -(-len(widths) // count)
        parts = [list(range(start, min(start + size, len(widths))))
                 for start in range(0, len(widths), size)]
        if all(fits(part) for part in parts) or size == 1:
            return parts
        count += 1


STATUS_LEGEND = ", ".join(f"{short} {status}" for status, short in STATUS_SHORT.items())


def _changes(console: Console, report: Report, *, plain: bool) -> None:
    _heading(console, f"Changes since {report.since}", plain=plain)
    if not report.changes:
        console.print(Text("none"))
        return
    shown = report.changes[:MAX_CHANGES_SHOWN]
    labels = []
    for change in shown:
        label = Text(change_label(change.before, change.status),
                     style="" if plain else STATUS_STYLES[change.status])
        if change.party:
            label.append(f" ({change.party})")
        labels.append(label)
    dates = _Column("date", [Text(change.date) for change in shown])
    ids = _Column("#", [Text(str(change.pledge_id)) for change in shown], "right")
    table, fit = _fitted_table(console, [
        dates, ids, _Column("change", labels, wraps=True),
        _Column("note", [Text(change.note or "") for change in shown], flexible=True)],
        plain=plain)
    if not fit.fits or fit.squeezed:  # narrow: the note follows the change in one column
        joined = [label + Text(f": {change.note}" if change.note else "")
                  for label, change in zip(labels, shown, strict=True)]
        table, _ = _fitted_table(console, [dates, ids, _Column("change", joined,
                                                                 flexible=True)], plain=plain)
    console.print(table)
    hidden = len(report.changes) - MAX_CHANGES_SHOWN
    if hidden > 0:
        console.print(Text(f"… and {hidden} earlier change{'s' if hidden > 1 else ''} "
                           "(--format markdown or html lists them all)"))
