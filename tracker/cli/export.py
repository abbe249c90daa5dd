"""`tracker export`: dump dialogues and pledges as JSON, NDJSON, CSV or a score sheet."""

from pathlib import Path
from typing import Annotated

import typer

from tracker import formats
from tracker.cli.common import counted, dialogue_dates, open_store, with_filters, write_output
from tracker.cli.terminal import terminal
from tracker.query import Filters

EXPORT_FORMATS = formats.names("export")


@with_filters
def export(
    filters: Filters,
    output_format: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"Format: {', '.join(EXPORT_FORMATS)}. Default: from the --output file's "
             "extension, else json.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
) -> None:
    """Export dialogues and pledges: JSON (one document), NDJSON, CSV or a score sheet.

    json: {schema_version, exported_at, dialogues, pledges}, updates inside
    each pledge. ndjson: one object a line, each with "type": "dialogue" or
    "pledge". csv: one row per pledge, its updates summarised (count, last
    date, last note). matrix: one row per pledge (its id), one column per
    party, each party's latest score (+1, 0, -1, n/a, or empty): the sheet
    `tracker assess` reads. With filters, only the matching pledges and their
    dialogues are exported.

    \b
    Examples:
      tracker export > backup.json
      tracker export --dialogue cn-kz-fmsd-2024 --output cn-kz.json
      tracker export --format csv --status pledged --output open.csv
      tracker export --format ndjson | jq -c 'select(.type == "pledge") | .text'
      tracker export | tracker --db copy.json import -
      tracker export --format matrix --dialogue g20-2024 --output scores.csv
    """
    fmt = formats.for_output("export", output_format, output, default="json",
                             what="export format")
    store = open_store(lazy=True)
    from tracker.interchange import dialogues_for, export_document
    from tracker.query import fields_read, select

    # From a plain file (tracker/derived.py) the JSON needs no scan for what the
    # sanitiser changes or for floats json writes otherwise: nothing of the kind is there.
    plain = store.plain and fmt == "json"
    # Its pledges are chosen by their rows (as `list` does; all of them: none needed)
    # and written out as the file has them, never parsed; `--search` reads the notes.
    by_rows = plain and filters.search is None
    if by_rows and filters.is_empty():
        pledges = [{"id": pledge_id} for pledge_id in store.pledge_ids()]
    else:
        # The dialogue too: a filtered export takes the chosen pledges' dialogues.
        pledges = select(store.pledge_rows(fields_read(filters) | {"dialogue"}) if by_rows
                         else store.pledges(), filters, dialogue_dates(store))
    document = export_document(dialogues_for(store, pledges, filters.is_empty()), pledges)
    if by_rows:
        ids = [pledge["id"] for pledge in pledges]
        written = store.pledges_as_written(ids)
        document["pledges"] = written if written is not None else store.pledges_named(ids)
    text = render_export(document, fmt, plain=plain)
    if output is None:
        terminal.write(text, checked=plain)
        return
    write_output(output, text, checked=plain)
    terminal.message(f"Exported {counted(len(document['dialogues']), 'dialogue')} and "
                     f"{counted(len(pledges), 'pledge')} to {output}")


def render_export(document: dict, fmt: str, *, plain: bool = False) -> str | bytes:
    """The export document in one of EXPORT_FORMATS: text, or UTF-8 bytes (JSON)."""
    render = formats.renderer("export", fmt)
    return render(document, plain=True) if plain else render(document)
