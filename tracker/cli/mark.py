"""`tracker mark`: log dated progress, with evidence, on one or more pledges."""

from typing import Annotated

import typer

from tracker.cli.common import parse_ids, writing
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue


def mark(
    ids: Annotated[list[str], typer.Argument(
        metavar="ID...", help="Pledge ids; `-` reads ids from stdin, one a line.")],
    status: Annotated[str | None, typer.Option(
        "--status", "-s", help="pledged, in-progress, partial, stalled, fulfilled, broken "
                               "or superseded.")] = None,
    progress: Annotated[int | None, typer.Option(
        "--progress", "-p", metavar="0-100", help="Progress estimate in percent.")] = None,
    note: Annotated[str | None, typer.Option("--note", "-m", help="What happened.")] = None,
    evidence: Annotated[str | None, typer.Option(
        "--evidence", "-e", metavar="URL", help="A link or citation for it.")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", metavar="DATE", help="When it happened. Default: today.")] = None,
    party: Annotated[str | None, typer.Option(
        "--party", metavar="PARTY", help="The one side this update is about.")] = None,
) -> None:
    """Log progress on pledges: one dated update each, with a note and evidence.

    Without --status, progress 100 means fulfilled and progress on a merely
    pledged pledge means in-progress; otherwise the status stays as it is.

    \b
    Examples:
      tracker mark 4 --status in-progress --progress 40 --date 2024-07-03 \\
        --note "Cargo traffic launched on the Trans-Caspian route" --evidence https://…
      tracker mark 7 9 --status fulfilled --date "17 June 2025"
      tracker list --overdue --format ids | tracker mark - --status stalled
    """
    from tracker.dates import now_timestamp, parse_date, today
    from tracker.model import (
        canonical_name,
        check_progress,
        check_status,
        check_text,
        derive_state,
        fold,
        insert_update,
        latest_update,
        make_update,
        resolve_mark,
    )

    new_status = check_status(status) if status is not None else None
    new_progress = check_progress(progress) if progress is not None else None
    clean_note = check_text(note, "note", required=False)
    clean_evidence = check_text(evidence, "evidence", required=False)
    if new_status is None and new_progress is None and not clean_note and not clean_evidence:
        raise InvalidValue("nothing to record: give --status, --progress, --note or --evidence")
    day = parse_date(date) if date else today()
    if day > today():
        raise InvalidValue(f"--date {day.isoformat()} is in the future; "
                           "log progress once it has happened")
    pledge_ids = parse_ids(ids)
    stamp = now_timestamp()
    with writing("mark " + " ".join(map(str, pledge_ids))) as store:
        for pledge_id in pledge_ids:
            pledge = store.pledge(pledge_id)
            party_name = None
            if party is not None:
                party_name = canonical_name(party, pledge["by"])
                if fold(party_name) not in {fold(name) for name in pledge["by"]}:
                    raise InvalidValue(f"pledge {pledge_id} was made by "
                                       f"{', '.join(pledge['by'])}, not {party!r}")
            # The state the new update continues from: as it stood on its date.
            earlier = [u for u in pledge["updates"] if u["date"] <= day.isoformat()]
            before = latest_update(earlier, party_name) or latest_update(earlier)
            base_status, base_progress = (
                (before["status"], before["progress"]) if before
                else (pledge["status"], pledge["progress"]) if not pledge["updates"]
                else ("pledged", 0))
            try:
                update_status, update_progress = resolve_mark(
                    base_status, new_status, new_progress, base_progress)
            except InvalidValue as error:
                raise InvalidValue(f"pledge {pledge_id}: {error.message}") from None
            update = make_update(day=day.isoformat(), status=update_status,
                                 progress=update_progress, note=clean_note,
                                 evidence=clean_evidence, party=party_name, recorded=stamp)
            changed = {**pledge, "updates": insert_update(pledge["updates"], update),
                       "updated": stamp}
            derive_state(changed)
            store.replace_pledge(changed)
            terminal.message(f"Pledge {pledge_id}: {changed['status']} "
                             f"({changed['progress']}%) as of {day.isoformat()}")
