"""Shell completion: installing it for bash, zsh, fish or PowerShell, and the values it
offers — statuses, formats, sort keys, groupings, and the dialogue ids, pledge ids,
parties, areas, frameworks and tags of the user's database.

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


def _from_store(ctx: typer.Context, incomplete: str, values_of) -> list[str]:
    """The distinct values `values_of(store)` gives that start with what was typed
    (case aside), in the order first recorded."""
    try:
        values = values_of(_read_store(ctx))
    except Exception:  # noqa: BLE001 — a Tab press must never print a traceback
        return []
    typed = incomplete.casefold()
    return [v for v in dict.fromkeys(values) if v and v.casefold().startswith(typed)][:MAX_SHOWN]


def complete_party(ctx: typer.Context, incomplete: str) -> list[str]:
    return _from_store(ctx, incomplete,
                       lambda store: [p for d in store.dialogues() for p in d["parties"]])


def complete_area(ctx: typer.Context, incomplete: str) -> list[str]:
    return _from_store(ctx, incomplete, lambda store: [p["area"] for p in store.pledges()])


def complete_framework(ctx: typer.Context, incomplete: str) -> list[str]:
    return _from_store(ctx, incomplete,
                       lambda store: [p["framework"] for p in store.pledges()])


def complete_tag(ctx: typer.Context, incomplete: str) -> list[str]:
    return _from_store(ctx, incomplete,
                       lambda store: [t for p in store.pledges() for t in p["tags"]])


def complete_sort(incomplete: str) -> list[str]:
    from tracker.query import SORT_KEYS

    keys = [*SORT_KEYS, *(f"-{key}" for key in SORT_KEYS)]
    return [key for key in keys if key.startswith(incomplete.lower())]


def complete_grouping(incomplete: str) -> list[str]:
    from tracker.scoring import GROUPINGS

    return [name for name in GROUPINGS if name.startswith(incomplete.lower())]


# The kind of output each command's --format chooses among (tracker/formats.py).
_FORMAT_KINDS = {"report": "report", "export": "export", "import": "import",
                 "extract": "extract", "follow-up": "follow-up"}


def complete_format(ctx: typer.Context, incomplete: str) -> list[str]:
    from tracker import formats

    kind = _FORMAT_KINDS.get(ctx.info_name or "", "records")
    return [name for name in formats.names(kind) if name.startswith(incomplete.lower())]


def _short(text: str) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= 60 else line[:59] + "…"


# Which parameters complete what, by parameter name. An option `--dialogue`
# names an existing dialogue everywhere; the argument `dialogue_id` does in
# `dialogue show|edit|remove` (in `dialogue add`, `--id` is a new one: not completed).
_BY_OPTION: dict[str, Callable[..., Any]] = {
    "status": complete_status, "dialogue": complete_dialogue, "by": complete_party,
    "party": complete_party, "add_party": complete_party, "remove_party": complete_party,
    "area": complete_area, "framework": complete_framework, "tag": complete_tag,
    "add_tag": complete_tag, "remove_tag": complete_tag, "sort": complete_sort,
    "group_by": complete_grouping, "output_format": complete_format,
    "input_format": complete_format,
}
_BY_ARGUMENT: dict[str, Callable[..., Any]] = {
    "ids": complete_pledge, "pledge_id": complete_pledge, "dialogue_id": complete_dialogue,
}


def attach(app: typer.Typer) -> None:
    """Give every command's parameters their completer, and make the shells' completion
    requests (`_TRACKER_COMPLETE=complete_bash` …) known to the CLI library, whose own
    install options the app replaces with ones that honour the shell named."""
    from typer.completion import completion_init

    completion_init()
    _attach_values(app)


def _attach_values(app: typer.Typer) -> None:
    for command in app.registered_commands:
        _attach_to(command.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            _attach_values(group.typer_instance)


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


# -- installing --------------------------------------------------------------------

SHELLS = ("bash", "zsh", "fish", "powershell")
_SHELL_NAMES = {"bash": "bash", "zsh": "zsh", "fish": "fish", "powershell": "powershell",
                "pwsh": "powershell"}
_BEGIN, _END = "# >>> tracker completion >>>", "# <<< tracker completion <<<"


def chosen_shell(name: str | None) -> str:
    """The shell to install for: the one named (case aside), else the one running."""
    if name is None or not name.strip():
        from typer._completion_shared import _get_shell_name

        detected = _get_shell_name()
        if detected not in _SHELL_NAMES:
            raise typer.BadParameter(
                f"cannot tell which shell this is ({detected or 'unknown'}); name it, "
                f"e.g. --install-completion bash (choose from: {', '.join(SHELLS)})")
        return _SHELL_NAMES[detected]
    wanted = name.strip().lower()
    if wanted not in _SHELL_NAMES:
        raise typer.BadParameter(f"unknown shell {name!r} (choose from: {', '.join(SHELLS)})")
    return _SHELL_NAMES[wanted]


def script(shell: str, prog_name: str = "tracker") -> str:
    """The completion script for `shell`, as the CLI library writes it."""
    from typer.completion import get_completion_script

    complete_var = "_{}_COMPLETE".format(prog_name.replace("-", "_").upper())
    return get_completion_script(prog_name=prog_name, complete_var=complete_var,
                                 shell="pwsh" if shell == "powershell" else shell)


def install(shell: str, prog_name: str = "tracker") -> list[Path]:
    """Install completion for `shell` under the home folder; the files it wrote.

    Installing again changes nothing more: the script file is rewritten whole, and
    the start-up file gets its one line (or its one marked block) only once.
    """
    home = Path.home()
    if shell == "bash":
        target = home / ".bash_completions" / f"{prog_name}.sh"
        _write(target, script(shell, prog_name))
        return [target, _ensure_block(home / ".bashrc", f"source '{target}'")]
    if shell == "zsh":
        target = home / ".zfunc" / f"_{prog_name}"
        _write(target, script(shell, prog_name))
        return [target, _ensure_block(home / ".zshrc",
                                      "fpath+=~/.zfunc; autoload -Uz compinit; compinit")]
    if shell == "fish":
        target = home / ".config" / "fish" / "completions" / f"{prog_name}.fish"
        _write(target, script(shell, prog_name))
        return [target]
    import os

    profile = (home / "Documents" / "PowerShell" if os.name == "nt"
               else home / ".config" / "powershell") / "Microsoft.PowerShell_profile.ps1"
    return [_ensure_block(profile, script(shell, prog_name).strip())]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def _ensure_block(path: Path, body: str) -> Path:
    """Put `body` in the start-up file `path` between marker lines, replacing an earlier
    copy; the rest of the file is left exactly as it was."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = f"{_BEGIN}\n{body}\n{_END}\n"
    if _BEGIN in text and _END in text:
        start = text.index(_BEGIN)
        end = text.index(_END, start) + len(_END)
        text = text[:start] + block.rstrip("\n") + text[end:]
    else:
        if text and not text.endswith("\n"):
            text += "\n"
        text += block
    _write(path, text)
    return path
