"""One shared way to print records in every format (SPEC §5), for every command.

Commands hand over their records (full dicts, for json/ndjson), the table
columns with one row per record (for table/csv/tsv) and the ids (for `ids`);
this module picks the renderer from the registry in `tracker/formats.py`. Adding
a format means an entry there and a renderer under `tracker/render/`.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.cli.terminal import UNWRAPPED_WIDTH, terminal

__all__ = ["UNWRAPPED_WIDTH", "emit", "emit_fields", "emit_one", "stacked"]


def emit(fmt: str, *, records: Sequence[dict], columns: Sequence[str],
         rows: Sequence[Sequence[object]], ids: Sequence[object], title: str | None = None,
         status_column: str | None = "status", more: int = 0, header: bool = True,
         empty_message: str | None = "No matching records.",
         no_wrap: Sequence[str] = ("id",), priority: Sequence[str] = ()) -> None:
    """Print a list of records: full records for json/ndjson, `rows` for the rest."""
    if fmt != "table":
        from tracker.formats import renderer

        terminal.write(renderer("records", fmt)(records, columns, rows, ids, header))
    else:
        from tracker.render.table import print_rows

        if not rows:
            if empty_message:
                terminal.message(empty_message)
            return
        with terminal.table_console() as console:
            print_rows(console, columns, _one_line_rows(rows), plain=not terminal.fancy,
                       title=title, status_column=status_column, no_wrap=no_wrap,
                       priority=priority)
        if more:
            terminal.message(f"… {more} more match; use --limit 0 to show all, "
                             "or --format tsv to pipe them.")


def emit_one(fmt: str, record: dict, *, columns: Sequence[str], row: Sequence[object],
             record_id: object) -> None:
    """Print one record: an object in JSON, one line elsewhere (tables are the caller's)."""
    if fmt == "json":
        from tracker.render.json import to_json

        terminal.write(to_json(record))
    else:
        emit(fmt, records=[record], columns=columns, rows=[row], ids=[record_id])


def emit_fields(pairs: Sequence[tuple[str, object]], *, title: str | None = None) -> None:
    """A 'field  value' block for one record on a terminal (plain and unwrapped when piped)."""
    from tracker.render.table import print_fields

    with terminal.table_console() as console:
        print_fields(console, [(name, _one_line(value)) for name, value in pairs],
                     plain=not terminal.fancy, title=title)


def stacked(*parts: object) -> str:
    """Several values in one table cell, one a line (side by side when piped, as TSV is)."""
    return ("\n" if terminal.fancy else "  ").join(str(part) for part in parts if part)


def _one_line(value: object) -> object:
    """Text with tabs and newlines escaped (as in TSV) when piped; unchanged on a terminal."""
    if terminal.fancy:
        return value
    from tracker.render.plain import tsv_cell

    if isinstance(value, str):
        return tsv_cell(value)
    if isinstance(value, list | tuple):
        return [tsv_cell(item) if isinstance(item, str) else item for item in value]
    return value


def _one_line_rows(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    if terminal.fancy:
        return [list(row) for row in rows]
    return [[_one_line(value) for value in row] for row in rows]
