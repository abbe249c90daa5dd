"""Shell completion of values: statuses, dialogue ids and pledge ids from the user's database.

Typer completes command and option names by itself; this module adds the
values. Completion runs on every Tab press, so a completer reads the database
named by --db (or TRACKER_DB, or the default file) and never raises: a missing
or broken file just completes nothing.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from tracker.model import STATUSES

MAX_SHOWN = 200  # completion lists longer than this help nobody


def _database(ctx: typer.Context) -> Path:
    from tracker.cli.context import options_of

    return options_of(ctx).database()


def _read_store(ctx: typer.Context):
    from tracker.store import open_for_reading

    return open_for_reading(_database(ctx))


def complete_status(incomplete: str) -> list[str]:
    return [status for status in STATUSES if status.startswith(incomplete.lower())]


def complete_dialogue(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        dialogues = _read_store(ctx).dialogues()
    except Exception:  # noqa: BLE001 — a Tab press must never print a traceback
        return []
    return [(d["id"], _short(d["title"])) for d in dialogues
            if d["id"].startswith(incomplete)][:MAX_SHOWN]


def complete_pledge(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        pledges = _read_store(ctx).pledges()
    except Exception:  # noqa: BLE001 — a Tab press must never print a traceback
        return []
    return [(str(p["id"]), _short(p["text"])) for p in pledges
            if str(p["id"]).startswith(incomplete)][:MAX_SHOWN]


def _short(text: str) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= 60 else line[:59] + "…"


# Which parameters complete what, by parameter name. An option `--dialogue`
# names an existing dialogue everywhere; the argument `dialogue_id` does in
# `dialogue show|edit|remove` (in `dialogue add`, `--id` is a new one: not completed).
_BY_OPTION: dict[str, Callable[..., Any]] = {
    "status": complete_status, "dialogue": complete_dialogue,
}
_BY_ARGUMENT: dict[str, Callable[..., Any]] = {
    "ids": complete_pledge, "pledge_id": complete_pledge, "dialogue_id": complete_dialogue,
}


def attach(app: typer.Typer) -> None:
    """Give every command's status, dialogue and pledge parameters their completer."""
    for command in app.registered_commands:
        _attach_to(command.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            attach(group.typer_instance)


def _attach_to(callback: Callable[..., Any] | None) -> None:
    if callback is None:
        return
    try:
        signature = inspect.signature(callback, eval_str=True)
    except (NameError, TypeError):
        signature = inspect.signature(callback)
    for parameter in signature.parameters.values():
        for info in _parameter_infos(parameter):
            table = _BY_ARGUMENT if isinstance(info, typer.models.ArgumentInfo) else _BY_OPTION
            completer = table.get(parameter.name)
            if completer is not None and info.autocompletion is None:
                info.autocompletion = completer


def _parameter_infos(parameter: inspect.Parameter) -> list[Any]:
    found = []
    if typing.get_origin(parameter.annotation) is typing.Annotated:
        found.extend(typing.get_args(parameter.annotation)[1:])
    found.append(parameter.default)
    return [item for item in found if isinstance(item, typer.models.ParameterInfo)]
