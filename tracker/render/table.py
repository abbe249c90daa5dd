"""Rich tables and panels for the terminal; plain (no colour, no box drawing) when piped."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.render.quick_table import QuickTable

# One colour per status, used wherever a status is shown on a terminal.
STATUS_STYLES = {
    "pledged": "white", "in-progress": "cyan", "partial": "yellow", "stalled": "magenta",
    "fulfilled": "green", "broken": "red", "superseded": "dim",
}


# Columns of free text get room first; short codes never wrap (SPEC §5: text in full,
# never squeezed to a few letters a line).
WIDE_COLUMNS = {"text": 24, "note": 18, "title": 16, "evidence": 14}
SHORT_COLUMNS = {"id", "status", "progress", "%", "due", "date", "n", "score", "pledges"}
NARROW_COLUMNS = {"dialogue": 16, "by": 14, "area": 16, "party": 12, "parties": 12}
WRAP_MIN = 8  # the narrowest a wrapping column gets before columns are dropped
WORD_MAX = 20  # longer words (URLs) may be folded rather than keep a column this wide
# Headers of short columns wider than their values; used when that saves a column.
SHORT_HEADERS = {"pledges": "n", "change": "#", "progress": "%"}


def make_table(columns: Sequence[str], *, plain: bool, title: str | None = None,
               no_wrap: Sequence[str] = (), rows: Sequence[Sequence[object]] = (),
               width: int | None = None, priority: Sequence[str] = ()
               ) -> tuple[Table, list[int]]:
    """A table that fits in `width` columns, and the indexes of the columns it keeps.

    Rich crops whatever is wider than the console, so the widths are planned
    here: columns that must not wrap keep their natural width, wrapping ones
    shrink towards a minimum, and when even that is too wide the least
    important columns are dropped (`priority` lists the most important first;
    unlisted columns come after, in order).
    """
    table = QuickTable(
        title=title, box=None if plain else box.SIMPLE_HEAD, show_edge=not plain,
        header_style="" if plain else "bold", title_style="" if plain else "bold",
        title_justify="left" if plain else "center", pad_edge=False, expand=False,
    )
    fixed = [column in no_wrap or column in SHORT_COLUMNS for column in columns]
    kept = list(range(len(columns)))
    widths: dict[int, int | None] = dict.fromkeys(kept)
    headers = list(columns)
    if width is not None:
        kept, widths = _plan_widths(columns, rows, fixed, width, plain=plain,
                                    priority=priority)
        if len(kept) < len(columns):  # a shorter header may save a column
            short = [SHORT_HEADERS.get(c, c) if fixed[i] else c for i, c in enumerate(columns)]
            short_kept, short_widths = _plan_widths(short, rows, fixed, width, plain=plain,
                                                    priority=priority, names=columns)
            if len(short_kept) > len(kept):
                headers, kept, widths = short, short_kept, short_widths
    for index in kept:
        column = columns[index]
        planned = widths[index]
        squeezed = planned is not None and planned < _natural(headers, rows, index)
        table.add_column(headers[index], no_wrap=fixed[index] and not squeezed, overflow="fold",
                         min_width=None if planned is not None else WIDE_COLUMNS.get(column),
                         max_width=None if planned is not None else NARROW_COLUMNS.get(column),
                         width=planned)
    return table, kept


def _natural(columns: Sequence[str], rows: Sequence[Sequence[object]], index: int) -> int:
    """The width a column needs to show every cell (and its header) unwrapped."""
    from rich.cells import cell_len

    longest = cell_len(columns[index])
    for row in rows:
        for line in _text(row[index]).splitlines() or [""]:
            longest = max(longest, cell_len(line))
    return longest


def _plan_widths(columns: Sequence[str], rows: Sequence[Sequence[object]], fixed: list[bool],
                 width: int, *, plain: bool, priority: Sequence[str],
                 names: Sequence[str] | None = None
                 ) -> tuple[list[int], dict[int, int | None]]:
    """Which columns to keep and how wide; `names` (default `columns`) are what
    `priority` and the width defaults refer to when headers were shortened."""
    names = names or columns
    natural = [_natural(columns, rows, index) for index in range(len(columns))]
    # A wrapping column never narrower than its longest word (links aside), so no name
    # or word is split: when even that does not fit, a less important column goes.
    floor = [natural[i] if fixed[i] else min(natural[i], max(
        min(_longest_word(rows, i), WORD_MAX), _longest_header_word(columns[i]), 1))
        for i in range(len(columns))]
    minimum = [natural[i] if fixed[i] else max(floor[i], min(natural[i], max(
        WIDE_COLUMNS.get(names[i], WRAP_MIN), min(len(columns[i]), 12))))
        for i in range(len(columns))]
    ranked = [i for name in priority for i, column in enumerate(names) if column == name]
    ranked += [i for i in range(len(columns)) if i not in ranked]
    kept = sorted(ranked)
    if sum(minimum) > _room(len(kept), width, plain=plain):
        minimum = floor  # narrower columns before fewer columns
    # The three most important columns (a listing's text, id and status) are not given
    # up for one long word: that word is folded first.
    essential = set(ranked[:3])
    folded = [floor[i] if fixed[i] else min(floor[i], max(WRAP_MIN, _longest_header_word(
        columns[i]))) for i in range(len(columns))]
    while len(kept) > 1 and sum(minimum[i] for i in kept) > _room(len(kept), width, plain=plain):
        drop = next(i for i in reversed(ranked) if i in kept)
        if drop in essential and minimum != folded:
            minimum = folded
            continue
        kept.remove(drop)
    space = max(_room(len(kept), width, plain=plain), len(kept))
    planned = {i: minimum[i] for i in kept}
    if sum(planned.values()) > space:  # one column left, narrower than its minimum
        return kept, {i: max(1, space // len(kept)) for i in kept}
    # Share what is left out evenly among the columns that want more, up to their need.
    left = space - sum(planned.values())
    while left > 0:
        wanting = [i for i in kept if planned[i] < natural[i]]
        if not wanting:
            break
        share = max(1, left // len(wanting))
        for i in wanting:
            grant = min(share, natural[i] - planned[i], left)
            planned[i] += grant
            left -= grant
            if not left:
                break
    return kept, dict(planned)


def _room(count: int, width: int, *, plain: bool) -> int:
    """What `count` columns leave for their cells in `width` characters."""
    # Padding: one each side of every column except the outer edges; separators and
    # edges only with box drawing.
    return width - (2 * count - 2) - ((count - 1 + 2) if not plain else 0)


def _longest_header_word(header: str) -> int:
    return max((len(word) for word in header.split()), default=0)


def _longest_word(rows: Sequence[Sequence[object]], index: int) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for row in rows for word in _text(row[index]).split()),
               default=0)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.plain
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def cell(value: object, style: str = "") -> Text:
    """User text as data, never markup: `[bold]` stays `[bold]`."""
    if value is None:
        return Text("")
    if isinstance(value, list | tuple):
        value = ", ".join(str(item) for item in value)
    return Text(str(value), style=style)


def status_cell(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def print_rows(console: Console, columns: Sequence[str], rows: Sequence[Sequence[object]], *,
               plain: bool, title: str | None = None, status_column: str | None = "status",
               no_wrap: Sequence[str] = ("id",), priority: Sequence[str] = ()) -> None:
    """Rows as a table no wider than the console (columns dropped by `priority` if need be)."""
    table, kept = make_table(columns, plain=plain, title=title, no_wrap=no_wrap, rows=rows,
                             width=console.width, priority=priority)
    status_index = columns.index(status_column) if status_column in columns else -1
    for row in rows:
        table.add_row(*(status_cell(row[index]) if index == status_index and row[index]
                        else cell(row[index]) for index in kept))
    console.print(table)


def print_fields(console: Console, pairs: Sequence[tuple[str, object]], *, plain: bool,
                 title: str | None = None) -> None:
    """A two-column 'field: value' block, e.g. for `show`."""
    table = QuickTable(box=None, show_header=False, pad_edge=False, title=title,
                  title_style="" if plain else "bold", title_justify="left")
    table.add_column("field", style="" if plain else "bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for name, value in pairs:
        table.add_row(Text(name), status_cell(value) if name == "status" else cell(value))
    console.print(table)
