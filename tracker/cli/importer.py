"""`tracker import`: load JSON, NDJSON or CSV, validated whole, all or nothing."""

from typing import Annotated

import typer

from tracker import formats
from tracker.cli.common import open_store, read_input, stop_on_problems, writing
from tracker.cli.terminal import terminal


def import_file(
    source: Annotated[str, typer.Argument(
        metavar="FILE",
        help=f"A file to import ({', '.join(formats.extensions('import'))}), or - for stdin.")],
    input_format: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"{formats.listed('import')}. Default: from the file's extension, else its "
             "content.")]
    = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Say how many records would be added, changed, unchanged; "
                          "write nothing.")] = False,
) -> None:
    """Import dialogues and pledges from JSON, NDJSON or CSV.

    Pledges are matched by uuid, dialogues by id; CSV rows without a uuid are
    matched by dialogue and text, so an edited spreadsheet updates its
    pledges. Every record is checked first: on any error each bad record is
    listed and nothing is written. Importing the same file twice changes nothing.

    \b
    Examples:
      tracker import sample_data/cn-kz-strategic-dialogue.json
      tracker import pledges.csv --dry-run
      tracker export | tracker --db copy.json import -
      tracker export -f ndjson | tracker --db copy.json import - --format ndjson
    """
    from tracker.interchange import guess_format

    named = (formats.check("import", input_format, what="import format")
             if input_format is not None else None)
    # The spreadsheet advice fits a CSV file only; a JSON file is never a spreadsheet.
    is_csv = (named or formats.from_extension("import", source)) == "csv"
    text, label = read_input(source, hint="save the spreadsheet as 'CSV UTF-8'" if is_csv
                             else None)
    fmt = named or guess_format(label, text)
    if dry_run:
        plan = _plan(open_store(), text, fmt, label)
        _report_problems(plan, label)
        terminal.message(f"Would add {plan.added}, change {plan.changed}, leave "
                         f"{plan.unchanged} unchanged (dry run: nothing written)")
        return
    from tracker.interchange import apply_import

    with writing(f"import {label}") as store:
        plan = _plan(store, text, fmt, label)
        _report_problems(plan, label)
        apply_import(store, plan)
    for wanted, given in plan.renumbered:
        if wanted in plan.claimed_in_file:
            terminal.message(f"Pledge id {wanted} was claimed by an earlier record of {label}; "
                             f"imported as {given}")
        else:
            terminal.message(f"Pledge id {wanted} is or was in use (ids are never reused); "
                             f"imported as {given}")
    terminal.message(f"Imported from {label}: {plan.added} added, {plan.changed} changed, "
                     f"{plan.unchanged} unchanged")


def _plan(store, text: str, fmt: str, label: str):
    from tracker.interchange import plan_import, read_import

    document, parsed = read_import(fmt, text, store, label)
    with terminal.progress("Checking records") as progress:
        return plan_import(store, document, label, parsed=parsed, progress=progress)


def _report_problems(plan, label: str) -> None:
    for warning in plan.warnings:
        terminal.warn(warning)
    stop_on_problems(plan.errors, label, nothing_done="nothing was imported")
