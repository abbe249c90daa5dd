"""`tracker edit`: change the fields of one or more pledges."""

from typing import Annotated

import typer

from tracker.cli.common import counted, parse_ids, writing
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue


def edit(
    ids: Annotated[list[str], typer.Argument(
        metavar="ID...", help="Pledge ids; `-` reads them from stdin (ids, TSV, CSV or JSON).")],
    text: Annotated[str | None, typer.Option(
        "--text", metavar="TEXT", help="New wording.")] = None,
    quote: Annotated[str | None, typer.Option(
        "--quote", metavar="TEXT", help="New quote; '' clears it.")] = None,
    by: Annotated[list[str] | None, typer.Option(
        "--by", metavar="PARTY", help="Replace who made it (repeatable).")] = None,
    area: Annotated[str | None, typer.Option(
        "--area", metavar="AREA", help="New issue area; '' clears it.")] = None,
    framework: Annotated[str | None, typer.Option(
        "--framework", metavar="NAME", help="New framework; '' clears it.")] = None,
    due: Annotated[str | None, typer.Option(
        "--due", metavar="DATE", help="New deadline; 'none' clears it.")] = None,
    add_tag: Annotated[list[str] | None, typer.Option(
        "--add-tag", metavar="TAG", help="Add this tag (repeatable).")] = None,
    remove_tag: Annotated[list[str] | None, typer.Option(
        "--remove-tag", metavar="TAG", help="Remove this tag (repeatable).")] = None,
    dialogue: Annotated[str | None, typer.Option(
        "--dialogue", metavar="ID", help="Move to another dialogue.")] = None,
    verifiable: Annotated[bool | None, typer.Option(
        "--verifiable/--not-verifiable", help="Whether it can be scored.")] = None,
    new_target: Annotated[str | None, typer.Option(
        "--target", metavar="NUMBER",
        help="A numeric target, e.g. 82; 'none' clears it (and its unit).")] = None,
    unit: Annotated[str | None, typer.Option(
        "--unit", metavar="UNIT", help="The target's unit, e.g. 'USD bn'; '' clears it.")] = None,
) -> None:
    """Change pledge fields (progress is logged with `tracker mark`, not here).

    \b
    Examples:
      tracker edit 5 --due "31 December 2025" --add-tag priority
      tracker edit 5 6 --framework BRI
      tracker edit 9 --not-verifiable
      tracker edit 9 --target 82 --unit "USD bn"
    """
    from tracker.dates import now_timestamp, parse_date
    from tracker.model import check_update_parties, fold, validate_pledge

    asked = [text, quote, by, area, framework, due, add_tag, remove_tag, dialogue, verifiable,
             new_target, unit]
    if all(value is None for value in asked):
        raise InvalidValue("nothing to change: give at least one option (see --help)")
    due_value = None
    if due is not None:
        due_value = "" if due.strip().lower() in ("none", "") else parse_date(
            due, deadline=True).isoformat()
    pledge_ids = parse_ids(ids)
    stamp = now_timestamp()
    changed = 0
    with writing("edit " + " ".join(map(str, pledge_ids)), lazy=True) as store:
        for pledge_id in pledge_ids:
            pledge = store.pledge(pledge_id)
            record = dict(pledge)
            for field, value in (("text", text), ("quote", quote), ("area", area),
                                 ("framework", framework), ("due", due_value),
                                 ("verifiable", verifiable)):
                if value is not None:
                    record[field] = value
            if by is not None:
                record["by"] = by
            if new_target is not None:
                clearing = new_target.strip().lower() in ("none", "")
                record["target"] = None if clearing else new_target
                if clearing:
                    record["unit"] = None
            if unit is not None:
                record["unit"] = unit
            tags = list(pledge["tags"]) + list(add_tag or [])
            removing = {fold(tag) for tag in remove_tag or []}
            record["tags"] = [tag for tag in tags if fold(tag) not in removing]
            target = store.dialogue(dialogue if dialogue is not None else pledge["dialogue"])
            try:
                updated = validate_pledge(record, target)
                if by is not None:
                    check_update_parties(updated)
            except InvalidValue as error:
                raise InvalidValue(f"pledge {pledge_id}: {error.message}") from None
            for field in ("id", "uuid", "created"):
                updated[field] = pledge[field]
            updated["updated"] = stamp
            # A cleared target (an optional field) must leave the stored record, not linger.
            cleared = any(field in pledge and field not in updated for field in ("target", "unit"))
            changed += store.update_pledge(updated, exact=cleared)
    terminal.message(f"Updated {changed} of {counted(len(pledge_ids), 'pledge')}"
                     if changed else "Nothing changed: the pledges already had those values")
