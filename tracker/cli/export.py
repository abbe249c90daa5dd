"""`tracker export`: dump dialogues and pledges as JSON, NDJSON or CSV."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.common import counted, dialogue_dates, open_store, with_filters, write_output
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue
from tracker.query import Filters

EXPORT_FORMATS = ("json", "ndjson", "csv")


@with_filters
def export(
    filters: Filters,
    output_format: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"Format: {', '.join(EXPORT_FORMATS)}.")] = "json",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
) -> None:
    """Export dialogues and pledges: JSON (one document), NDJSON or CSV.

    json: {schema_version, exported_at, dialogues, pledges}, updates inside
    each pledge. ndjson: one object a line, each with "type": "dialogue" or
    "pledge". csv: one row per pledge, its updates summarised (count, last
    date, last note). With filters, only the matching pledges and their
    dialogues are exported.

    \b
    Examples:
      tracker export > backup.json
      tracker export --dialogue cn-kz-fmsd-2024 --output cn-kz.json
      tracker export --format csv --status pledged --output open.csv
      tracker export --format ndjson | jq -c 'select(.type == "pledge") | .text'
      tracker export | tracker --db copy.json import -
    """
    fmt = output_format.strip().lower()
    if fmt not in EXPORT_FORMATS:
        raise InvalidValue(f"unknown export format {output_format!r} "
                           f"(choose from: {', '.join(EXPORT_FORMATS)})")
    store = open_store()
    from tracker.interchange import dialogues_for, export_document
    from tracker.query import select

    pledges = select(store.pledges(), filters, dialogue_dates(store))
    document = export_document(dialogues_for(store, pledges, filters.is_empty()), pledges)
    text = render_export(document, fmt)
    if output is None:
        terminal.write(text)
        return
    write_output(output, text)
    terminal.message(f"Exported {counted(len(document['dialogues']), 'dialogue')} and "
                     f"{counted(len(pledges), 'pledge')} to {output}")


def render_export(document: dict, fmt: str) -> str:
    """The export document as text in one of EXPORT_FORMATS."""
    if fmt == "ndjson":
        from tracker.interchange import ndjson_records
        from tracker.render.json import to_ndjson

        return to_ndjson(ndjson_records(document))
    if fmt == "csv":
        from tracker.interchange_csv import CSV_COLUMNS, export_rows
        from tracker.render.plain import to_csv

        return to_csv(export_rows(document), CSV_COLUMNS)
    from tracker.render.json import to_json

    return to_json(document)
