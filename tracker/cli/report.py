"""`tracker report`: the status report of SPEC §5a on the terminal or as a file to send."""

from pathlib import Path
from typing import Annotated

import typer

from tracker import formats
from tracker.cli.common import choose_format, open_store, with_filters, write_output
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue
from tracker.query import Filters

REPORT_FORMATS = formats.names("report")
FILE_WIDTH = 80  # a text report written to a file is laid out for an 80-column reader


@with_filters(party_flag="--party")
def report(
    filters: Filters,
    group_by: Annotated[str | None, typer.Option(
        "--by", "-g", metavar="GROUP",
        help="Show one grouping: status, dialogue, area, party or framework. "
             "Default: party, area, framework and dialogue.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE",
        help="Cut-off: compute everything from the updates dated on or before DATE. "
             "Default: today.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE",
        help="List what changed from DATE to the cut-off. "
             "Default: the date of the first dialogue covered.")] = None,
    final: Annotated[bool, typer.Option(
        "--final",
        help="A final report: stalled pledges, and pledged ones with no action yet "
             "(due or not), score -1.")] = False,
    title: Annotated[str | None, typer.Option(
        "--title", metavar="TEXT", help="The report's title.")] = None,
    output_format: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"Format: {', '.join(REPORT_FORMATS)}. Default: from the --output file's "
             "extension, else table.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write the report to FILE (replaced atomically) instead of stdout.")] = None,
) -> None:
    """Status report: status counts and compliance scores by party, area, framework and
    dialogue, the pledges × parties matrix, deadlines, stale pledges and recent changes.

    Scores: fulfilled +1; in-progress, partial, stalled 0 (stalled -1 with
    --final); broken -1; pledged -1 once past due (with --final, -1 whatever the
    due date); superseded and unverifiable pledges are not scored. The percentage
    is (average + 1) / 2 × 100.

    \b
    Examples:
      tracker report
      tracker report --as-of 2024-12-31 --since 2024-07-01
      tracker report --party Kazakhstan --by area
      tracker report --final --output report.html
      tracker report --format markdown > report.md
      tracker report --format json | jq .summary
    """
    from tracker import derived
    from tracker.dates import now_timestamp, parse_date, today
    from tracker.layout import collector_paused
    from tracker.model import check_text
    from tracker.reporting import DEFAULT_GROUPINGS, build_report, default_as_of
    from tracker.scoring import GROUPINGS

    fmt = _choose_format(output_format, output)
    if group_by is not None and group_by.strip().lower() not in GROUPINGS:
        raise InvalidValue(f"cannot group by {group_by!r} (choose from: {', '.join(GROUPINGS)})")
    groupings = (group_by.strip().lower(),) if group_by else DEFAULT_GROUPINGS
    store = open_store(lazy=True)
    cutoff = parse_date(as_of) if as_of is not None else default_as_of(store.pledges(), today())
    window = parse_date(since, base=cutoff) if since is not None else None
    if window is not None and window > cutoff:
        raise InvalidValue(f"--since {window} is after the cut-off {cutoff}; "
                           "choose a date on or before --as-of")
    if title is not None:  # as any text the tracker records: not empty, nothing unprintable
        title = check_text(title, "--title")
    # A view of every pledge and a row per update, none in a reference cycle: the
    # collector would only walk them again and again (a third of the time at 100,000).
    with collector_paused():
        built = build_report(store.pledges(), store.dialogues(), as_of=cutoff, since=window,
                             final=final, filters=filters, groupings=groupings,
                             title=title,
                             generated=now_timestamp(), with_series=fmt == "html",
                             states=derived.checked(store.states))
        text = formats.renderer("report", fmt)(built, to_file=output is not None)
    if output is None:
        terminal.write(text)
        return
    write_output(output, text)
    terminal.message(f"Wrote the {fmt} report ({built.summary.pledges} pledges) to {output}")


def _choose_format(value: str | None, output: Path | None) -> str:
    if value is not None or output is None:
        fmt = choose_format(value, REPORT_FORMATS, piped_default="table")
        formats.for_output("report", fmt, output, default=fmt)  # -o r.md --format html
        return fmt
    fmt = formats.for_output("report", None, output, default=None)
    if fmt is None:
        raise InvalidValue(f"cannot tell the format from {output.name!r}; pass --format "
                           f"({', '.join(REPORT_FORMATS)}) or a file named "
                           f"{', '.join(formats.extensions('report'))}")
    return fmt


def render_table(built, *, to_file: bool) -> str:
    """The terminal report as text: coloured for a terminal, plain for a pipe or a file."""
    import io

    from tracker.render.report_table import print_report

    fancy = terminal.fancy and not to_file
    if fancy:
        # Print straight to the terminal's console so colours and its width apply.
        print_report(terminal.out, built, plain=False)
        return ""
    width = FILE_WIDTH if to_file else terminal.out.width
    buffer = io.StringIO()
    console = terminal.plain_console(file=buffer, width=width)
    print_report(console, built, plain=True)
    # Rich pads every cell to its column's width; a plain file needs no trailing blanks.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
