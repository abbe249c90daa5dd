"""`tracker mark`: log dated progress, with evidence, on one or more pledges."""

from typing import Annotated

import typer

from tracker.cli.common import parse_ids, writing
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue
from tracker.model import status_choices


def mark(
    ids: Annotated[list[str], typer.Argument(
        metavar="ID...", help="Pledge ids; `-` reads them from stdin (ids, TSV, CSV or JSON).")],
    status: Annotated[str | None, typer.Option(
        "--status", "-s", metavar="STATUS",
        help=f"One of: {status_choices()}.")] = None,
    progress: Annotated[int | None, typer.Option(
        "--progress", "-p", metavar="0-100", help="Progress estimate in percent.")] = None,
    note: Annotated[str | None, typer.Option(
        "--note", "-m", metavar="TEXT", help="What happened.")] = None,
    evidence: Annotated[str | None, typer.Option(
        "--evidence", "-e", metavar="URL", help="A link or citation for it.")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", metavar="DATE", help="When it happened. Default: today.")] = None,
    party: Annotated[str | None, typer.Option(
        "--party", metavar="PARTY", help="The one side this update is about.")] = None,
    evidence_title: Annotated[str | None, typer.Option(
        "--evidence-title", metavar="TEXT",
        help="The evidence's title, e.g. the headline of the article linked.")] = None,
    evidence_date: Annotated[str | None, typer.Option(
        "--evidence-date", metavar="DATE",
        help="When the evidence was published (reports show date — outlet — title).")] = None,
    value: Annotated[str | None, typer.Option(
        "--value", metavar="NUMBER",
        help="The measured value, for a pledge with a --target (e.g. 43.8).")] = None,
) -> None:
    """Log progress on pledges: one dated update each, with a note and evidence.

    Without --status, progress 100 means fulfilled and progress on a merely
    pledged pledge means in-progress; otherwise the status stays as it is
    (progress below 100 on a fulfilled pledge needs the --status it has now).

    \b
    Examples:
      tracker mark 4 --status in-progress --progress 40 --date 2024-07-03 \\
        --note "Trans-Caspian cargo route launched" --evidence https://…
      tracker mark 7 9 --status fulfilled --date "17 June 2025"
      tracker mark 9 --value 43.8 --date 2025-01-23 --evidence https://… \\
        --evidence-title "Trade with China in 2024" --evidence-date 2025-01-23
      tracker list --overdue --format ids | tracker mark - --status stalled
    """
    from tracker.actions import check_update_day, log_update
    from tracker.dates import now_timestamp, parse_date, today
    from tracker.model import check_number, check_progress, check_status, check_text

    new_status = check_status(status) if status is not None else None
    new_progress = check_progress(progress) if progress is not None else None
    clean_note = check_text(note, "note", required=False)
    clean_evidence = check_text(evidence, "evidence", required=False)
    clean_title = check_text(evidence_title, "--evidence-title", required=False)
    measured = check_number(value, "--value") if value is not None else None
    if (new_status is None and new_progress is None and not clean_note and not clean_evidence
            and measured is None):
        raise InvalidValue("nothing to record: give --status, --progress, --note, --evidence "
                           "or --value")
    if (clean_title or evidence_date is not None) and not clean_evidence:
        raise InvalidValue("--evidence-title and --evidence-date describe the evidence: "
                           "give --evidence too")
    day = parse_date(date) if date is not None else today()
    check_update_day(day)
    published = parse_date(evidence_date).isoformat() if evidence_date is not None else None
    if published is not None and published > today().isoformat():
        raise InvalidValue(f"--evidence-date {published} is in the future")
    pledge_ids = parse_ids(ids)
    stamp = now_timestamp()
    confirmations: list[str] = []
    with writing("mark " + " ".join(map(str, pledge_ids)), lazy=True) as store:
        for pledge_id in pledge_ids:
            changed, update = log_update(store, pledge_id, day=day, status=new_status,
                                         progress=new_progress, note=clean_note,
                                         evidence=clean_evidence, party=party, stamp=stamp,
                                         evidence_title=clean_title,
                                         evidence_date=published, value=measured)
            confirmations.append(_confirmation(changed, update))
    # Only now is the change committed: a later id that fails must not leave
    # confirmations of work that was rolled back.
    for line in confirmations:
        terminal.message(line)


def _confirmation(pledge: dict, update: dict) -> str:
    """What `mark` did to one pledge, and where that leaves it (or the party) now."""
    from tracker.model import party_state

    party = update["party"]
    subject = f"Pledge {pledge['id']}" + (f" ({party})" if party else "")
    now = (party_state(pledge, party) if party
           else (pledge["status"], pledge["progress"]))
    logged = (update["status"], update["progress"])
    if now == logged:
        line = f"{subject}: {now[0]} ({now[1]}%) as of {update['date']}"
    else:
        # A backdated update, with a newer one still deciding the current status.
        line = (f"{subject}: logged update of {update['date']} ({logged[0]} {logged[1]}%); "
                f"current status {now[0]} ({now[1]}%)")
    if party and (pledge["status"], pledge["progress"]) != now:
        line += f"; the pledge as a whole: {pledge['status']} ({pledge['progress']}%)"
    return line
