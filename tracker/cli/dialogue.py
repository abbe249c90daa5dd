"""`tracker dialogue add|list|show|edit|remove`: the meetings pledges are made at."""

from typing import Annotated

import typer

from tracker.cli.common import (
    RECORD_FORMATS,
    FormatOption,
    ShowFormatOption,
    choose_format,
    confirm_or_refuse,
    counted,
    open_store,
    writing,
)
from tracker.cli.terminal import brief, terminal
from tracker.errors import Conflict, InvalidValue

app = typer.Typer(help="Record and manage dialogues (the meetings where pledges are made).",
                  short_help="Record and manage dialogues.",
                  no_args_is_help=True, rich_markup_mode=None)

DIALOGUE_COLUMNS = ("id", "date", "title", "place", "parties", "pledges")


def _participant(text: str) -> dict:
    """`Name|Role|Party` (role and party optional) into a participant record."""
    parts = [part.strip() for part in text.split("|")]
    if len(parts) > 3 or not parts[0]:
        raise InvalidValue(f"--participant {text!r}: write it as 'Name|Role|Party'")
    parts += [None] * (3 - len(parts))
    return {"name": parts[0], "role": parts[1] or None, "party": parts[2] or None}


def _source(title: str | None, url: str | None, language: str | None) -> dict | None:
    if not (title or url or language):
        return None
    return {"title": title, "url": url, "language": language}


@app.command("add")
def add(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The dialogue's title.")],
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="When it took place.")],
    party: Annotated[list[str], typer.Option(
        "--party", "-p", metavar="NAME", help="A side of the dialogue (repeat for each).")],
    place: Annotated[str | None, typer.Option(
        "--place", metavar="TEXT", help="Where it took place.")] = None,
    dialogue_id: Annotated[str | None, typer.Option(
        "--id", metavar="SLUG", help="Its id; default: derived from title and year.")] = None,
    participant: Annotated[list[str] | None, typer.Option(
        "--participant", metavar="'NAME|ROLE|PARTY'",
        help="Someone who took part (repeatable); PARTY must be one of the parties.")] = None,
    source_title: Annotated[str | None, typer.Option(
        "--source-title", metavar="TEXT", help="The readout's title.")] = None,
    source_url: Annotated[str | None, typer.Option(
        "--source-url", metavar="URL", help="Where the readout is published.")] = None,
    source_lang: Annotated[str | None, typer.Option(
        "--source-lang", metavar="TAG", help="The readout's language (BCP 47), e.g. fr.")] = None,
    notes: Annotated[str | None, typer.Option(
        "--notes", metavar="TEXT", help="Free notes on the dialogue.")] = None,
) -> None:
    """Record a dialogue; prints its id on stdout.

    \b
    Example:
      tracker dialogue add "China–Kazakhstan Strategic Dialogue" \\
        --date 2024-03-29 --party China --party Kazakhstan --place Beijing \\
        --id cn-kz-fmsd-2024
    """
    from tracker.dates import now_timestamp, parse_date
    from tracker.model import check_text, slugify, validate_dialogue

    day = parse_date(date).isoformat()
    clean_title = check_text(title, "title")
    record = {
        "id": dialogue_id if dialogue_id is not None else slugify(clean_title, day),
        "title": clean_title, "date": day, "place": place, "parties": party,
        "participants": [_participant(p) for p in participant or []],
        "source": _source(source_title, source_url, source_lang), "notes": notes,
    }
    dialogue = validate_dialogue(record)
    dialogue["created"] = dialogue["updated"] = now_timestamp()
    with writing(f"dialogue add {dialogue['id']}") as store:
        if store.find_dialogue(dialogue["id"]) is not None:
            raise Conflict(f"a dialogue with id {dialogue['id']!r} exists already",
                           hint="choose another with --id")
        store.add_dialogue(dialogue)
    terminal.write(dialogue["id"] + "\n")
    terminal.message(f"Recorded dialogue {dialogue['id']}: {brief(dialogue['title'])} ({day})")


def _row(dialogue: dict, pledge_count: int) -> list:
    return [dialogue["id"], dialogue["date"], dialogue["title"], dialogue["place"],
            dialogue["parties"], pledge_count]


@app.command("list")
def list_dialogues(output_format: FormatOption = None) -> None:
    """List dialogues, oldest first.

    \b
    Example:
      tracker dialogue list --format json
    """
    store = open_store(lazy=True)
    fmt = choose_format(output_format, RECORD_FORMATS, piped_default="tsv")
    counts: dict[str, int] = {}
    for pledge in store.pledges():
        counts[pledge["dialogue"]] = counts.get(pledge["dialogue"], 0) + 1
    dialogues = store.dialogues()
    from tracker.cli.output import emit

    emit(fmt, records=dialogues, columns=DIALOGUE_COLUMNS,
         rows=[_row(d, counts.get(d["id"], 0)) for d in dialogues],
         ids=[d["id"] for d in dialogues], title="Dialogues", status_column=None,
         header=output_format is not None,
         priority=("id", "title", "date", "parties", "pledges", "place"))


@app.command("show")
def show(
    dialogue_id: Annotated[str, typer.Argument(metavar="ID", help="The dialogue's id.")],
    output_format: ShowFormatOption = None,
) -> None:
    """Show one dialogue with its participants and pledges.

    \b
    Example:
      tracker dialogue show cn-kz-fmsd-2024
    """
    store = open_store(lazy=True)
    dialogue = store.dialogue(dialogue_id)
    fmt = choose_format(output_format, RECORD_FORMATS, piped_default="table")
    pledges = [p for p in store.pledges() if p["dialogue"] == dialogue["id"]]
    from tracker.cli.output import emit, emit_one

    if fmt != "table":
        emit_one(fmt, dialogue, columns=DIALOGUE_COLUMNS, row=_row(dialogue, len(pledges)),
                 record_id=dialogue["id"])
        return
    from tracker.cli.output import emit_fields

    source = dialogue["source"] or {}
    emit_fields([
        ("id", dialogue["id"]), ("title", dialogue["title"]), ("date", dialogue["date"]),
        ("place", dialogue["place"]), ("parties", dialogue["parties"]),
        ("participants", "; ".join(
            " — ".join(x for x in (p["name"], p["role"], p["party"]) if x)
            for p in dialogue["participants"])),
        ("source", " · ".join(x for x in (source.get("title"), source.get("url"),
                                          source.get("language")) if x)),
        ("notes", dialogue["notes"]),
    ])
    if pledges:
        terminal.out.print()
        emit("table", records=pledges, columns=("id", "status", "by", "area", "text"),
             rows=[[p["id"], p["status"], p["by"], p["area"], p["text"]] for p in pledges],
             ids=[p["id"] for p in pledges], title=counted(len(pledges), "pledge"),
             priority=("id", "text", "status", "by", "area"))


@app.command("edit")
def edit(
    dialogue_id: Annotated[str, typer.Argument(metavar="ID", help="The dialogue's id.")],
    title: Annotated[str | None, typer.Option(
        "--title", metavar="TEXT", help="New title.")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", metavar="DATE", help="New date.")] = None,
    place: Annotated[str | None, typer.Option(
        "--place", metavar="TEXT", help="New place; '' clears it.")] = None,
    new_id: Annotated[str | None, typer.Option(
        "--id", metavar="SLUG", help="Rename the dialogue; its pledges follow.")] = None,
    add_party: Annotated[list[str] | None, typer.Option(
        "--add-party", metavar="NAME", help="Add a side (repeatable).")] = None,
    remove_party: Annotated[list[str] | None, typer.Option(
        "--remove-party", metavar="NAME", help="Refused while a pledge names the party.")] = None,
    add_participant: Annotated[list[str] | None, typer.Option(
        "--add-participant", metavar="'NAME|ROLE|PARTY'",
        help="Add someone who took part (repeatable).")] = None,
    source_title: Annotated[str | None, typer.Option(
        "--source-title", metavar="TEXT", help="The readout's title; '' clears it.")] = None,
    source_url: Annotated[str | None, typer.Option(
        "--source-url", metavar="URL", help="The readout's address; '' clears it.")] = None,
    source_lang: Annotated[str | None, typer.Option(
        "--source-lang", metavar="TAG", help="The readout's language; '' clears it.")] = None,
    notes: Annotated[str | None, typer.Option(
        "--notes", metavar="TEXT", help="New notes; '' clears them.")] = None,
) -> None:
    """Change a dialogue's fields.

    \b
    Example:
      tracker dialogue edit cn-kz-fmsd-2024 --place Beijing --source-lang fr
    """
    from tracker.actions import change_dialogue
    from tracker.dates import parse_date
    from tracker.model import fold

    with writing(f"dialogue edit {dialogue_id}") as store:
        current = store.dialogue(dialogue_id)
        record = dict(current)
        if title is not None:
            record["title"] = title
        if date is not None:
            record["date"] = parse_date(date).isoformat()
        if place is not None:
            record["place"] = place
        if new_id is not None:
            record["id"] = new_id
        if notes is not None:
            record["notes"] = notes
        parties = list(record["parties"]) + list(add_party or [])
        for name in remove_party or []:
            matches = [p for p in parties if fold(p) == fold(name)]
            if not matches:
                raise InvalidValue(f"{name!r} is not a party of {current['id']}")
            parties.remove(matches[0])
        record["parties"] = parties
        record["participants"] = list(record["participants"]) + [
            _participant(p) for p in add_participant or []]
        if source_title is not None or source_url is not None or source_lang is not None:
            source = dict(record["source"] or {})
            for key, value in (("title", source_title), ("url", source_url),
                               ("language", source_lang)):
                if value is not None:
                    source[key] = value
            record["source"] = source
        changed = change_dialogue(store, current["id"], record)
    terminal.message(f"Updated dialogue {record['id']}" if changed
                     else f"Dialogue {record['id']} already had those values")


@app.command("remove")
def remove(
    dialogue_id: Annotated[str, typer.Argument(metavar="ID", help="The dialogue's id.")],
    cascade: Annotated[bool, typer.Option(
        "--cascade", help="Also remove its pledges (otherwise refused when it has any).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a dialogue (refused while it has pledges, unless --cascade).

    \b
    Example:
      tracker dialogue remove test-dialogue-2025 --cascade --yes
    """
    with writing(f"dialogue remove {dialogue_id}") as store:
        dialogue = store.dialogue(dialogue_id)
        pledges = [p["id"] for p in store.pledges() if p["dialogue"] == dialogue["id"]]
        if pledges and not cascade:
            raise Conflict(f"dialogue {dialogue['id']} has {len(pledges)} pledges; "
                           "pass --cascade to remove them too")
        what = f"dialogue {dialogue['id']}" + (f" and its {len(pledges)} pledges" if pledges
                                                 else "")
        confirm_or_refuse(f"Remove {what}?", yes, subject=what)
        for pledge_id in pledges:
            store.remove_pledge(pledge_id)
        store.remove_dialogue(dialogue["id"])
    terminal.message(f"Removed {what} (undo with `tracker undo`)")
