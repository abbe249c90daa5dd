"""Rich tables and panels for the terminal; plain (no colour, no box drawing) when piped."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

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


def make_table(columns: Sequence[str], *, plain: bool, title: str | None = None,
               no_wrap: Sequence[str] = ()) -> Table:
    table = Table(
        title=title, box=None if plain else box.SIMPLE_HEAD, show_edge=not plain,
        header_style="" if plain else "bold", title_style="" if plain else "bold",
        pad_edge=False, expand=False,
    )
    for column in columns:
        table.add_column(column, no_wrap=column in no_wrap or column in SHORT_COLUMNS,
                         overflow="fold", min_width=WIDE_COLUMNS.get(column),
                         max_width=NARROW_COLUMNS.get(column),
                         )
    return table


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
               no_wrap: Sequence[str] = ("id",)) -> None:
    table = make_table(columns, plain=plain, title=title, no_wrap=no_wrap)
    status_index = columns.index(status_column) if status_column in columns else -1
    for row in rows:
        table.add_row(*(status_cell(value) if index == status_index and value else cell(value)
                        for index, value in enumerate(row)))
    console.print(table)


def print_fields(console: Console, pairs: Sequence[tuple[str, object]], *, plain: bool,
                 title: str | None = None) -> None:
    """A two-column 'field: value' block, e.g. for `show`."""
    table = Table(box=None, show_header=False, pad_edge=False, title=title,
                  title_style="" if plain else "bold", title_justify="left")
    table.add_column("field", style="" if plain else "bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for name, value in pairs:
        table.add_row(Text(name), status_cell(value) if name == "status" else cell(value))
    console.print(table)
