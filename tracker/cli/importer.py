"""`tracker import`: load an interchange document, validated whole, all or nothing."""

import json
import sys
from typing import Annotated

import typer

from tracker.cli.common import open_store, writing
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue

MAX_ERRORS_SHOWN = 20


def _read_source(source: str) -> tuple[str, str]:
    if source == "-":
        try:
            return sys.stdin.read(), "stdin"
        except UnicodeDecodeError:
            raise InvalidValue("stdin is not UTF-8 text") from None
    try:
        with open(source, encoding="utf-8") as handle:
            return handle.read(), source
    except FileNotFoundError:
        raise InvalidValue(f"no such file: {source}") from None
    except UnicodeDecodeError as error:
        raise InvalidValue(f"{source} is not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise InvalidValue(f"cannot read {source}: {error.strerror}") from None


def import_file(
    source: Annotated[str, typer.Argument(
        metavar="FILE", help="An export document (JSON), or - for stdin.")],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Say what would change; write nothing.")] = False,
) -> None:
    """Import dialogues and pledges; records are matched by uuid (pledges) and id (dialogues).

    Every record is checked first: on any error, each bad record is listed and
    nothing is written. Importing the same file twice changes nothing.

    \b
    Examples:
      tracker import sample_data/cn-kz-strategic-dialogue.json
      tracker import backup.json --dry-run
      tracker export | tracker --db copy.json import -
    """
    text, label = _read_source(source)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidValue(f"{label} is not valid JSON: {error.msg} at line {error.lineno}, "
                           f"column {error.colno}") from None
    from tracker.interchange import apply_import, plan_import

    if dry_run:
        plan = plan_import(open_store(), document, label)
        _report_errors(plan.errors, label)
        terminal.message(f"Would add {plan.added}, change {plan.changed}, leave "
                         f"{plan.unchanged} unchanged (dry run: nothing written)")
        return
    with writing(f"import {label}") as store:
        plan = plan_import(store, document, label)
        _report_errors(plan.errors, label)
        apply_import(store, plan)
    for wanted, given in plan.renumbered:
        terminal.message(f"Pledge id {wanted} was taken; imported as {given}")
    terminal.message(f"Imported from {label}: {plan.added} added, {plan.changed} changed, "
                     f"{plan.unchanged} unchanged")


def _report_errors(errors: list[str], label: str) -> None:
    if not errors:
        return
    for line in errors[:MAX_ERRORS_SHOWN]:
        terminal.message(f"  {line}")
    if len(errors) > MAX_ERRORS_SHOWN:
        terminal.message(f"  … and {len(errors) - MAX_ERRORS_SHOWN} more")
    raise InvalidValue(f"{label}: {len(errors)} bad record{'s' if len(errors) != 1 else ''}; "
                       "nothing was imported")
