"""`tracker show`: one pledge with its whole update log."""

from typing import Annotated

import typer

from tracker.cli.common import (
    RECORD_FORMATS,
    ShowFormatOption,
    choose_format,
    open_store,
    parse_id,
)
from tracker.cli.pledges import PLEDGE_COLUMNS, pledge_row
from tracker.cli.terminal import terminal

UPDATE_COLUMNS = ("date", "status", "progress", "party", "note", "evidence")


def show(
    pledge_id: Annotated[str, typer.Argument(metavar="ID", help="The pledge's id.")],
    output_format: ShowFormatOption = None,
) -> None:
    """Show one pledge with its whole update log, oldest first.

    \b
    Examples:
      tracker show 3
      tracker show 3 --format json | jq '.updates[-1]'
    """
    fmt = choose_format(output_format, RECORD_FORMATS, piped_default="table")
    store = open_store(lazy=True)
    pledge = store.pledge(parse_id(pledge_id))
    if fmt != "table":
        from tracker.cli.output import emit_one

        emit_one(fmt, pledge, columns=PLEDGE_COLUMNS, row=pledge_row(pledge),
                 record_id=pledge["id"])
        return
    from tracker.cli.output import emit, emit_fields

    dialogue = store.find_dialogue(pledge["dialogue"])
    dialogue_label = pledge["dialogue"] + (
        f" — {dialogue['title']} ({dialogue['date']})" if dialogue else "")
    emit_fields([
        ("id", pledge["id"]), ("text", pledge["text"]), ("quote", pledge["quote"]),
        ("dialogue", dialogue_label), ("by", pledge["by"]), ("area", pledge["area"]),
        ("framework", pledge["framework"]), ("tags", pledge["tags"]), ("due", pledge["due"]),
        *_target(pledge),
        ("verifiable", _verifiable(pledge)),
        ("status", pledge["status"]), *_by_party(pledge), ("progress", f"{pledge['progress']}%"),
        ("uuid", pledge["uuid"]), ("created", pledge["created"]),
        ("updated", pledge["updated"]),
    ], title=f"Pledge {pledge['id']}")
    terminal.out.print()
    if not pledge["updates"]:
        terminal.out.print("No updates yet. Log one with: tracker mark "
                           f"{pledge['id']} --status in-progress --note '…' --evidence URL")
        return
    count = len(pledge["updates"])
    from tracker.cli.output import stacked

    emit("table", records=pledge["updates"], columns=UPDATE_COLUMNS[:-1],
         rows=[[u["date"], u["status"], f"{u['progress']}%", u["party"],
                stacked(u["note"], *_measured(u, pledge), _evidence(u))]
               for u in pledge["updates"]],
         ids=[], title=f"{count} update{'s' if count != 1 else ''}", no_wrap=("date",),
         priority=("note", "date", "status", "progress"))


def _target(pledge: dict) -> list[tuple[str, str]]:
    """A `target` field (`43.8 of 82 USD bn (53%), measured 2025-01-23`) when it has one."""
    from tracker.render.report_text import target_text

    text = target_text(pledge)
    return [("target", text)] if text is not None else []


def _measured(update: dict, pledge: dict) -> list[str]:
    """`value 43.8 USD bn` for an update that measured the pledge's target."""
    if update.get("value") is None:
        return []
    from tracker.render.report_text import number_text

    unit = f" {pledge['unit']}" if pledge.get("unit") else ""
    return [f"value {number_text(update['value'])}{unit}"]


def _evidence(update: dict) -> str | None:
    """The evidence link, with its title and date when they were given."""
    about = [part for part in (update.get("evidence_title"), update.get("evidence_date")) if part]
    if not update["evidence"]:
        return None
    return update["evidence"] + (f" ({', '.join(about)})" if about else "")


def _verifiable(pledge: dict) -> str:
    if not pledge["verifiable"]:
        return "no (not scored)"
    parties = pledge.get("not_verifiable_for")
    if parties:
        return (f"yes; not verifiable for: {', '.join(parties)} (n/a: "
                f"{'that cell is' if len(parties) == 1 else 'those cells are'} not scored)")
    return "yes"


def _by_party(pledge: dict) -> list[tuple[str, str]]:
    """A `by party` field when some party's status differs from the pledge's, else none."""
    from tracker.model import party_states

    states = party_states(pledge)
    if all(status == pledge["status"] for status, _ in states.values()):
        return []
    return [("by party", " · ".join(f"{party} {status}"
                                     for party, (status, _) in states.items()))]
