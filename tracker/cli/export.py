"""`tracker export`: dump dialogues and pledges in the interchange format."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.common import dialogue_dates, open_store, with_filters
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue
from tracker.query import Filters

EXPORT_FORMATS = ("json",)


@with_filters
def export(
    filters: Filters,
    output_format: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"Format: {', '.join(EXPORT_FORMATS)}.")] = "json",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
) -> None:
    """Export dialogues and pledges (with their updates) as one JSON document.

    \b
    Examples:
      tracker export > backup.json
      tracker export --dialogue cn-kz-fmsd-2024 --output cn-kz.json
      tracker export | tracker --db copy.json import -
    """
    if output_format.lower() not in EXPORT_FORMATS:
        raise InvalidValue(f"unknown export format {output_format!r} "
                           f"(choose from: {', '.join(EXPORT_FORMATS)})")
    store = open_store()
    from tracker.interchange import dialogues_for, export_document
    from tracker.query import select
    from tracker.render.json import to_json

    pledges = select(store.pledges(), filters, dialogue_dates(store))
    document = export_document(dialogues_for(store, pledges, filters.is_empty()), pledges)
    text = to_json(document)
    if output is None:
        terminal.write(text)
        return
    from tracker.store import write_atomically

    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        raise InvalidValue(f"cannot write {output}: {error.strerror or error}") from None
    terminal.message(f"Exported {len(document['dialogues'])} dialogues and {len(pledges)} "
                     f"pledges to {output}")
