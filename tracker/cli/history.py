"""`tracker history`: the change log, newest first — when, which command, what changed."""

import json
from typing import Annotated

import typer

from tracker.cli.common import RECORD_FORMATS, FormatOption, choose_format, open_store, parse_id
from tracker.errors import InvalidValue, NotFound

HISTORY_COLUMNS = ("change", "at", "command", "record", "op", "field", "before", "after")
TERMINAL_ENTRIES = 20  # entries a terminal shows unless --limit says otherwise


def history(
    pledge: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="Only changes to this pledge.", show_default=False)] = None,
    limit: Annotated[int | None, typer.Option(
        "--limit", "-n", metavar="N",
        help=f"Show at most N entries (0: all). Default: {TERMINAL_ENTRIES} on a terminal, "
             "all when piped.")] = None,
    output_format: FormatOption = None,
) -> None:
    """Show the change log, newest first: one line per changed field.

    Each entry is one command that wrote (its number is what `tracker undo
    CHANGE` takes); an undo says which entries it reverts, and entries that are
    no longer in effect are marked "(undone)". json and ndjson give the entries
    as stored, with "in_effect" added; tsv, csv and table give one row per field.

    \b
    Examples:
      tracker history --limit 5
      tracker history 12              # what happened to pledge 12
      tracker history --format json | jq '.[0].changes'
    """
    if limit is not None and limit < 0:
        raise InvalidValue(f"--limit must be 0 (all) or more, got {limit}")
    pledge_id = parse_id(pledge) if pledge is not None else None
    fmt = choose_format(output_format, RECORD_FORMATS, piped_default="tsv")
    store = open_store()
    if pledge_id is not None and pledge_id >= store.next_pledge_id():
        # A removed pledge still has a history; an id never given out has none.
        raise NotFound(f"no pledge with id {pledge_id}")
    from tracker.undo import in_effect

    entries = store.history()
    effect = in_effect(entries)
    titles = added_titles(store, entries)
    if pledge_id is not None:
        entries = [{**entry, "changes": [c for c in entry["changes"]
                                         if c["table"] == "pledges" and c["key"] == pledge_id]}
                   for entry in entries]
        entries = [entry for entry in entries if entry["changes"]]
    entries.reverse()
    if limit is None:
        limit = TERMINAL_ENTRIES if fmt == "table" else 0
    more = max(0, len(entries) - limit) if limit else 0
    if limit:
        entries = entries[:limit]
    records = [{**entry, "in_effect": effect[entry["id"]]} for entry in entries]
    rows = [row for entry in records for row in entry_rows(store, entry, titles)]
    from tracker.cli.output import emit

    emit(fmt, records=records, columns=HISTORY_COLUMNS, rows=rows,
         ids=[entry["id"] for entry in records], title="History", status_column=None,
         more=more, header=output_format is not None, no_wrap=("change", "at"),
         priority=("change", "command", "field", "after", "record", "before", "at", "op"))


def entry_rows(store, entry: dict, titles: dict | None = None) -> list[list[object]]:
    """One row per changed field (one per added or removed record)."""
    if titles is None:
        titles = added_titles(store, store.history())
    command = entry["command"] or "?"
    if entry.get("undoes"):
        command += " (reverts " + ", ".join(f"#{n}" for n in entry["undoes"]) + ")"
    if not entry["in_effect"]:
        command += " (undone)"
    rows = []
    for change in entry["changes"]:
        label = (f"pledge {change['key']}" if change["table"] == "pledges"
                 else f"dialogue {change['key']}")
        start = [entry["id"], entry["at"], command, label, change["op"]]
        if change["op"] == "add":
            title = titles.get((entry["id"], change["table"], change["key"]))
            rows.append(start + ["", "", title or "(since removed)"])
        elif change["op"] == "remove":
            before = change["before"] or {}
            rows.append(start + ["", before.get("text") or before.get("title") or "", ""])
        else:
            before, after = change["before"] or {}, change["after"] or {}
            for field in list(after) + [f for f in before if f not in after]:
                if field == "updated":
                    continue  # every change moves it; it says nothing
                old, new = before.get(field), after.get(field)
                if field == "updates" and isinstance(old, list) and isinstance(new, list):
                    old, new = _updates_diff(old, new)
                rows.append(start + [field, show_value(old), show_value(new)])
            for field, piece in (change.get("splices") or {}).items():
                rows.append(start + [field, *_list_diff(field, piece["before"],
                                                        piece["after"])])
    return rows


def added_titles(store, log: list[dict]) -> dict[tuple[int, str, object], str | None]:
    """The text (title) each add gave its record, by (change, table, key).

    An add keeps no copy of the record in the log: start from each record as it
    is now and walk the whole `log` back, newest first, taking each change's `before`.
    None for a record removed and never brought back.
    """
    from tracker.merge import MERGE_COMMAND

    field = {"pledges": "text", "dialogues": "title"}
    now: dict[tuple[str, object], str | None] = {}
    titles: dict[tuple[int, str, object], str | None] = {}
    # A merge adds to our side a record their side's own entry (also in the log) added:
    # both adds name the record the merge brought in.
    brought: dict[tuple[str, object], str | None] = {}
    for entry in reversed(log):
        for change in reversed(entry["changes"]):
            table, key = change["table"], change["key"]
            if table not in field:
                continue
            if (table, key) not in now:
                # A record renamed by this change (a dialogue's new --id) is found under
                # the id it has now.
                after = change.get("after") or {}
                current = after["id"] if change["op"] == "update" and "id" in after else key
                if (table, current) in now:
                    now[(table, key)] = now[(table, current)]
                else:
                    record = (store.find_pledge(current) if table == "pledges"
                              else store.find_dialogue(current))
                    now[(table, key)] = record.get(field[table]) if record else None
            before = change.get("before") or {}
            if change["op"] == "add":
                title = now[(table, key)]
                if entry.get("command") == MERGE_COMMAND:
                    brought[(table, key)] = title
                elif title is None:
                    title = brought.get((table, key))
                titles[(entry["id"], table, key)] = title
                now[(table, key)] = None
            elif change["op"] == "remove" or field[table] in before:
                now[(table, key)] = before.get(field[table])
    return titles


def _updates_diff(old: list, new: list) -> tuple[str, str]:
    """A mark adds one dated update; show that update, not the whole log twice."""
    removed = [u for u in old if u not in new]
    added = [u for u in new if u not in old]
    return _list_diff("updates", removed, added)


def _list_diff(field: str, removed: list, added: list) -> tuple[str, str]:
    """What a list lost (`- …`) and gained (`+ …`), one item after another."""
    text = _update_text if field == "updates" else show_value
    return ("; ".join("- " + text(item) for item in removed),
            "; ".join("+ " + text(item) for item in added))


def _update_text(update: object) -> str:
    if not isinstance(update, dict):
        return show_value(update)
    parts = [update.get("date"), update.get("status"),
             f"{update['progress']}%" if update.get("progress") is not None else None,
             update.get("party"), update.get("note"), update.get("evidence")]
    return " ".join(str(part) for part in parts if part)


def show_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False)
