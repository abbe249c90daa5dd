"""The database as text for git's diff driver: one record a block, one field a line.

`git diff` and `git log -p` compare these lines instead of the raw JSON, so a
change reads as the pledge and field it touched (`pledge 3` / `-  text: …`
/ `+  text: …`). Blocks start at the left margin, so git's hunk headers name
the record a hunk is in. Fields that only the tool moves (`updated`) and the
counters are left out; the change log is one line an entry.
"""

from __future__ import annotations

import json
from typing import Any

_QUIET_FIELDS = frozenset({"updated", "updates", "id"})


def _value(value: Any) -> str:
    if isinstance(value, str):
        # One field, one line: a line break inside a note must not split it.
        return json.dumps(value, ensure_ascii=False)[1:-1] if (
            "\n" in value or "\r" in value or "\t" in value) else value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "; ".join(_value(item) for item in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _fields(record: dict) -> list[str]:
    return [f"  {name}: {_value(value)}" for name, value in record.items()
            if name not in _QUIET_FIELDS and value not in (None, [], "")]


def _update_line(update: dict) -> str:
    head = f"  update {update.get('date')}: {update.get('status')} {update.get('progress')}%"
    rest = [f"{name} {_value(update[name])}" for name in ("party", "note", "evidence",
                                                           "recorded")
            if update.get(name) not in (None, "")]
    extra = [f"{name} {_value(value)}" for name, value in update.items()
             if name not in ("date", "status", "progress", "party", "note", "evidence",
                             "recorded") and value is not None]
    return "; ".join([head, *rest, *extra])


def database_text(data: dict) -> str:
    """The whole database as diff-friendly lines (data already checked as a database)."""
    meta = data["meta"]["1"]
    lines = [f"pledge tracker database, schema {meta.get('schema_version')}"]
    dialogues = sorted(data.get("dialogues", {}).values(),
                       key=lambda d: (str(d.get("date")), str(d.get("id"))))
    for dialogue in dialogues:
        lines += ["", f"dialogue {dialogue.get('id')}", *_fields(dialogue)]
    for pledge in data.get("pledges", {}).values():
        lines += ["", f"pledge {pledge.get('id')}", *_fields(pledge)]
        lines += [_update_line(update) for update in pledge.get("updates") or []
                  if isinstance(update, dict)]
    entries = list(data.get("history", {}).values())
    if entries:
        lines += ["", "change log"]
    for entry in entries:
        reverts = entry.get("undoes") or []
        suffix = f" (reverts {', '.join(f'#{n}' for n in reverts)})" if reverts else ""
        lines.append(f"  #{entry.get('id')} {entry.get('at')} "
                     f"{entry.get('command') or 'change'}{suffix}")
    return "\n".join(lines) + "\n"
