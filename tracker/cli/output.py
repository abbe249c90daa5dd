"""One shared way to print records in every format (SPEC §5), for every command."""

from collections.abc import Sequence

from tracker.cli.terminal import terminal


def emit(fmt: str, *, records: Sequence[dict], columns: Sequence[str],
         rows: Sequence[Sequence[object]], ids: Sequence[object], title: str | None = None,
         status_column: str | None = "status", more: int = 0, header: bool = True) -> None:
    """Print a list of records: full records for json/ndjson, `rows` for the rest."""
    if fmt == "json":
        from tracker.render.json import to_json

        terminal.write(to_json(list(records)))
    elif fmt == "ndjson":
        from tracker.render.json import to_ndjson

        terminal.write(to_ndjson(records))
    elif fmt == "csv":
        from tracker.render.plain import to_csv

        terminal.write(to_csv(rows, columns))
    elif fmt == "tsv":
        from tracker.render.plain import to_tsv

        terminal.write(to_tsv(rows, columns if header else None))
    elif fmt == "ids":
        from tracker.render.plain import to_ids

        terminal.write(to_ids(ids))
    else:
        from tracker.render.table import print_rows

        if not rows:
            terminal.message("No matching records.")
            return
        print_rows(terminal.out, columns, rows, plain=not terminal.fancy, title=title,
                   status_column=status_column)
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
