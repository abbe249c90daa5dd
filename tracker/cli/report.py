"""`tracker report`: status counts and compliance scores by group (SPEC §3, §5a)."""

from typing import Annotated

import typer

from tracker.cli.common import choose_format, dialogue_dates, open_store, with_filters
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue
from tracker.query import Filters

REPORT_FORMATS = ("table", "json")
DEFAULT_GROUPINGS = ("party", "area", "framework", "dialogue")


@with_filters(party_flag="--party")
def report(
    filters: Filters,
    group_by: Annotated[str | None, typer.Option(
        "--by", "-g", metavar="GROUP",
        help="One table: status, dialogue, area, party or framework. "
             "Default: party, area, framework and dialogue.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE", help="Compute from updates dated on or before DATE.")] = None,
    final: Annotated[bool, typer.Option(
        "--final", help="A final report: stalled pledges score -1.")] = False,
    output_format: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"Format: {', '.join(REPORT_FORMATS)}. Default: table.")] = None,
) -> None:
    """Status report: counts per status, average progress and compliance score per group.

    Scores: fulfilled +1; in-progress, partial, stalled 0; broken -1; pledged
    -1 once past due; superseded and unverifiable pledges are not scored. The
    percentage is (average + 1) / 2 × 100.

    \b
    Examples:
      tracker report
      tracker report --by party --as-of 2024-12-31
      tracker report --party Kazakhstan --by area
      tracker report --dialogue cn-kz-fmsd-2024 --format json | jq .summary
    """
    from tracker.dates import parse_date, today
    from tracker.query import select
    from tracker.scoring import GROUPINGS, existing_as_of, group_figures, overall

    fmt = choose_format(output_format, REPORT_FORMATS, piped_default="table")
    if group_by is not None and group_by.lower() not in GROUPINGS:
        raise InvalidValue(f"cannot group by {group_by!r} (choose from: {', '.join(GROUPINGS)})")
    groupings = (group_by.lower(),) if group_by else DEFAULT_GROUPINGS
    cutoff = (parse_date(as_of) if as_of else today()).isoformat()
    store = open_store()
    dates_by_dialogue = dialogue_dates(store)
    pledges = existing_as_of(select(store.pledges(), filters, dates_by_dialogue),
                             dates_by_dialogue, cutoff)
    summary = overall(pledges, as_of=cutoff, final=final)
    groups = {name: group_figures(pledges, name, as_of=cutoff, final=final)
              for name in groupings}
    if fmt == "json":
        from tracker.render.json import to_json

        terminal.write(to_json({
            "as_of": cutoff, "final": final, "summary": summary.as_dict(),
            "groups": {name: [g.as_dict() for g in rows] for name, rows in groups.items()},
        }))
        return
    from tracker.render.report_table import print_report

    print_report(terminal.out, summary, groups, as_of=cutoff, final=final,
                 plain=not terminal.fancy)
