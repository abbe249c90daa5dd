"""`tracker assess`: record an assessment round from a score sheet, all or nothing."""

from typing import Annotated

import typer

from tracker.cli.common import counted, open_store, read_input, stop_on_problems, writing
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue


def assess(
    source: Annotated[str, typer.Argument(
        metavar="FILE", help="The score sheet (CSV), or - for stdin.")],
    dialogue: Annotated[str, typer.Option(
        "--dialogue", "-d", metavar="ID", help="The dialogue whose pledges are scored.")],
    date: Annotated[str, typer.Option(
        "--date", metavar="DATE", help="The date of the round: every score is dated so.")],
    note: Annotated[str | None, typer.Option(
        "--note", "-m", metavar="TEXT",
        help="A note for every score (a long sheet's own note column wins).")] = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Check the sheet and say what would be recorded; write nothing.")]
    = False,
) -> None:
    """Record an assessment round from a score sheet, as the G20 Research Group keeps them.

    Wide sheet: the first column names the pledge (id, uuid or exact text),
    every other column is a party. Long sheet: columns pledge, party, score
    and optionally note, evidence. A score is +1 (fulfilled), 0 (partial),
    -1 (broken), a status word, or n/a (the pledge does not apply to that
    party: its cell leaves every average); an empty cell is not assessed.
    Each score becomes an update about that party dated --date. Commas or
    semicolons, a BOM and CRLF line ends are all read. Every cell is checked
    first; on any problem each is listed with its row and column and nothing
    is written. The round is one change: `tracker undo` reverts all of it.

    \b
    Examples:
      tracker assess round1.csv --dialogue g20-2024 --date 2025-06-30
      tracker assess scores.csv -d g20-2024 --date "30 June 2025" --dry-run
      tracker export --format matrix --dialogue g20-2024 > sheet.csv
    """
    from tracker.actions import check_update_day
    from tracker.assess import plan_assessment, read_sheet
    from tracker.dates import parse_date

    day = parse_date(date)
    check_update_day(day)
    clean_note = None
    if note is not None:
        from tracker.model import check_text

        clean_note = check_text(note, "--note", required=False)
    text, label = read_input(source, hint="save the spreadsheet as 'CSV UTF-8'")
    sheet = read_sheet(text)

    def plan_for(store):
        found = store.dialogue(dialogue)
        if day.isoformat() < found["date"]:
            raise InvalidValue(f"--date {day.isoformat()} is before {found['id']} took place "
                               f"({found['date']})")
        pledges = [p for p in store.pledges() if p["dialogue"] == found["id"]]
        plan = plan_assessment(sheet, found, pledges, day.isoformat(), clean_note)
        stop_on_problems(plan.errors, label, nothing_done="nothing was recorded")
        return plan

    if dry_run:
        plan = plan_for(open_store())
        terminal.message(_summary(plan, day.isoformat(), would=True))
        return
    from tracker.actions import record_assessment

    with writing(f"assess {label} --dialogue {dialogue} --date {day.isoformat()}") as store:
        plan = plan_for(store)
        record_assessment(store, plan, day)
    terminal.message(_summary(plan, day.isoformat(), would=False))


def _summary(plan, day: str, *, would: bool) -> str:
    verb = "Would record" if would else "Recorded"
    parts = [f"{verb} {counted(len(plan.scores), 'score')} dated {day} on "
             f"{counted(plan.pledges, 'pledge')}"]
    if plan.not_applicable:
        parts.append(f"{len(plan.not_applicable)} n/a (not verifiable for that party)")
    if plan.applicable_again:
        parts.append(f"{len(plan.applicable_again)} no longer n/a")
    if plan.unchanged:
        parts.append(f"{plan.unchanged} already on record")
    if plan.empty:
        parts.append(f"{plan.empty} not assessed (empty)")
    text = "; ".join(parts)
    return text + (" (dry run: nothing written)" if would else "")
