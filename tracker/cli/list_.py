"""`tracker list`: the pledges that match the filters."""

from typing import Annotated

import typer

from tracker.cli.common import (
    RECORD_FORMATS,
    FormatOption,
    SortOption,
    choose_format,
    dialogue_dates,
    open_store,
    with_filters,
)
from tracker.cli.pledges import PLEDGE_COLUMNS, pledge_row, table_layout
from tracker.errors import InvalidValue
from tracker.query import Filters

TERMINAL_PAGE = 100  # rows a terminal table shows unless --limit says otherwise (SPEC §5)


@with_filters
def list_pledges(
    filters: Filters,
    sort: SortOption = "id",
    limit: Annotated[int | None, typer.Option(
        "--limit", "-n", metavar="N",
        help=f"Show at most N (0: all). Default: {TERMINAL_PAGE} on a terminal, all when piped.",
    )] = None,
    output_format: FormatOption = None,
) -> None:
    """List pledges, filtered and sorted.

    On a terminal this prints a table (first 100 rows); piped, it prints
    tab-separated lines without a header, id first, so it can feed other commands.

    \b
    Examples:
      tracker list --dialogue cn-kz-fmsd-2024 --status in-progress
      tracker list --overdue --format ids | tracker mark - --status stalled
      tracker list --by Kazakhstan --area security --sort due --format json
    """
    if limit is not None and limit < 0:
        raise InvalidValue(f"--limit must be 0 (all) or more, got {limit}")
    fmt = choose_format(output_format, RECORD_FORMATS, piped_default="tsv")
    store = open_store(lazy=True)
    from tracker.formats import WHOLE_RECORDS
    from tracker.query import fields_read, select, sort_pledges

    # A pledge's row has all a listing needs but the update notes `--search` reads;
    # whole records are read for the pledges chosen (all of them: read at once).
    by_rows = filters.search is None and not (fmt in WHOLE_RECORDS and filters.is_empty())
    listed = store.pledge_rows(fields_read(filters, sort)) if by_rows else store.pledges()
    pledges = sort_pledges(select(listed, filters, dialogue_dates(store)), sort)
    if limit is None:
        limit = TERMINAL_PAGE if fmt == "table" else 0
    more = max(0, len(pledges) - limit) if limit else 0
    if limit:
        pledges = pledges[:limit]
    if by_rows:  # rows of the fields filtered and sorted on: now whole, for the chosen
        ids = [pledge["id"] for pledge in pledges]
        pledges = store.pledges_named(ids) if fmt in WHOLE_RECORDS else \
            store.pledge_rows_named(ids)
    from tracker.cli.output import emit

    if fmt == "table":
        from tracker.cli.terminal import terminal

        columns, rows = table_layout(pledges, terminal.out.width)
    else:
        columns, rows = PLEDGE_COLUMNS, [pledge_row(p) for p in pledges]
    emit(fmt, records=pledges, columns=columns, rows=rows,
         ids=[p["id"] for p in pledges], more=more, header=output_format is not None,
         priority=("text", "id", "status", "due", "by", "%", "area", "dialogue"))
