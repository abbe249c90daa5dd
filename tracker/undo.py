"""Undo and redo over the change log: which entries are in effect, what a later change
depends on, and reverting an entry exactly (no CLI here; `tracker undo` calls it).

The model. Every command that writes adds one change-log entry. An undo is an
entry too, with `undoes: [ids]`; reverting an undo re-applies what it reverted
(a redo), and a redo can be undone again. An entry is *in effect* unless a later
entry that is in effect reverts it. An entry's *depth* is 0 for a command, 1 for
an undo of commands, 2 for a redo, and so on:

- `tracker undo` reverts the newest entry in effect with an even depth (a
  command, or a redo): it walks back through what was done.
- `tracker undo --redo` reverts the newest entry in effect with an odd depth
  (an undo): it walks forward through what was undone.
- `tracker undo ID` reverts that entry, whatever it is.

Reverting an entry is refused when a record it changed has changed since and
that later change is still visible: the record is rolled back through every
later change that touched it, and must come out equal to what it is now.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from tracker.delta import SpliceMismatch, roll_back
from tracker.errors import Conflict, InvalidValue, NotFound
from tracker.store import Store


@dataclass
class Plan:
    """The entries one `tracker undo` reverts, newest first."""

    entries: list[dict]
    redo: bool


def depths(history: list[dict]) -> dict[int, int]:
    by_id = {entry["id"]: entry for entry in history}
    depth: dict[int, int] = {}
    for entry in history:  # oldest first: a target always comes before its undo
        targets = entry.get("undoes") or []
        depth[entry["id"]] = 1 + max((depth.get(t, 0) for t in targets if t in by_id),
                                     default=0) if targets else 0
    return depth


def in_effect(history: list[dict]) -> dict[int, bool]:
    """Entry id → whether its changes are still part of the database's state."""
    reverted_by: dict[int, list[int]] = {}
    for entry in history:
        for target in entry.get("undoes") or []:
            reverted_by.setdefault(target, []).append(entry["id"])
    effect: dict[int, bool] = {}
    for entry in reversed(history):  # newest first: an undo is decided before its target
        effect[entry["id"]] = not any(effect.get(u, False)
                                      for u in reverted_by.get(entry["id"], []))
    return effect


def reverted_by(history: list[dict], entry_id: int) -> int | None:
    """The entry in effect that reverts `entry_id`, if one does."""
    effect = in_effect(history)
    return next((e["id"] for e in reversed(history)
                 if entry_id in (e.get("undoes") or []) and effect[e["id"]]), None)


def choose(history: list[dict], *, steps: int = 1, redo: bool = False,
           entry_id: int | None = None) -> Plan:
    """Which entries to revert; refuses (exit 1) when there are not enough."""
    if steps < 1:
        raise InvalidValue(f"--steps must be 1 or more, got {steps}")
    if not history:
        raise InvalidValue("nothing to undo: the change log is empty")
    effect, depth = in_effect(history), depths(history)
    if entry_id is not None:
        entry = next((e for e in history if e["id"] == entry_id), None)
        if entry is None:
            raise NotFound(f"no change #{entry_id} in the change log",
                           hint="see `tracker history`")
        if not effect[entry_id]:
            raise InvalidValue(
                f"change #{entry_id} is already reverted (by #{reverted_by(history, entry_id)})",
                hint=f"to bring it back, run `tracker undo {reverted_by(history, entry_id)}`")
        return Plan([entry], redo=depth[entry_id] % 2 == 1)
    wanted = 1 if redo else 0
    chosen: list[dict] = []
    simulated = list(history)
    next_id = max(e["id"] for e in history) + 1
    # One step at a time: reverting a redo brings its undo back into effect, and
    # with it the undone change's absence, so each step sees the state left by
    # the previous one.
    for _ in range(steps):
        effect, depth = in_effect(simulated), depths(simulated)
        entry = next((e for e in reversed(history)
                      if effect[e["id"]] and depth[e["id"]] % 2 == wanted), None)
        if entry is None:
            break
        chosen.append(entry)
        simulated.append({"id": next_id + len(chosen), "undoes": [entry["id"]]})
    if not chosen:
        raise InvalidValue("nothing to redo: no undo is in effect" if redo
                           else "nothing to undo: every change is already undone")
    if len(chosen) < steps:
        raise InvalidValue(f"only {len(chosen)} entr{'ies' if len(chosen) != 1 else 'y'} "
                           f"can be {'redone' if redo else 'undone'}, not {steps}; "
                           "nothing was changed",
                           hint="an `undo --steps N` is one entry in `tracker history`")
    return Plan(chosen, redo=redo)


def describe(history: list[dict], entry: dict) -> str:
    """`#7 (mark 3 4)`, or for an undo `#9 (undo, which reverted #7 (mark 3 4))`.

    One level only: an undo of an undo of an undo names the entry it reverted,
    not that entry's own story (`tracker history` tells the rest).
    """
    by_id = {e["id"]: e for e in history}
    text = f"#{entry['id']} ({entry['command'] or 'change'}"
    targets = [by_id[t] for t in entry.get("undoes") or [] if t in by_id]
    if targets:
        text += ", which reverted " + ", ".join(
            f"#{t['id']} ({t['command'] or 'change'})" for t in targets)
    return text + ")"


# -- records touched, rolled back and restored --------------------------------------

def _key_after(change: dict) -> Any:
    """The record's key once the change is done (a dialogue can be renamed)."""
    if change["table"] == "dialogues" and change["op"] == "update" and "id" in (
            change["after"] or {}):
        return change["after"]["id"]
    return change["key"]


def _roll_back(state: dict | None, change: dict) -> dict | None:
    """The record as it was before `change`, given the record as it was after it.

    Raises SpliceMismatch when a list is not as the change left it.
    """
    if change["op"] == "add":
        return None
    if change["op"] == "remove":
        return copy.deepcopy(change["before"])
    return roll_back(state or {}, change)


def _current(store: Store, table: str, key: Any) -> dict | None:
    if table == "pledges":
        return store.find_pledge(int(key))
    return store.find_dialogue(key)


def _label(table: str, key: Any) -> str:
    return f"pledge {key}" if table == "pledges" else f"dialogue {key}"


def check_revertible(store: Store, history: list[dict], target: dict) -> None:
    """Refuse (Conflict) when a record `target` changed was changed again since, visibly."""
    later = [e for e in history if e["id"] > target["id"]]
    # Changes made by this very undo, not yet in the log, count as the newest ones.
    later.append({"id": None, "command": "this undo", "changes": store.changes})
    last_change: dict[tuple[str, Any], dict] = {}
    for change in target["changes"]:
        last_change[(change["table"], change["key"])] = change
    for (table, _), change in last_change.items():
        key = _key_after(change)
        touching: list[tuple[dict, dict]] = []
        for entry in later:
            for other in entry["changes"]:
                if other["table"] == table and other["key"] == key:
                    touching.append((entry, other))
                    key = _key_after(other)
        if not touching:
            continue
        now = _current(store, table, key)
        state = copy.deepcopy(now)
        try:
            for _entry, other in reversed(touching):
                state = _roll_back(state, other)
            visible = state != now
        except SpliceMismatch:
            visible = True  # the later changes do not even roll back: they show
        if visible:
            blocker = next(e for e, _ in reversed(touching) if e["id"] is not None) \
                if any(e["id"] is not None for e, _ in touching) else touching[-1][0]
            raise Conflict(
                f"cannot undo #{target['id']} ({target['command']}): "
                f"{_label(table, change['key'])} was changed again since, by "
                f"#{blocker['id']} ({blocker['command']})",
                hint=f"undo #{blocker['id']} first (`tracker undo` walks back in order); "
                     "nothing was changed")


def revert(store: Store, entry: dict) -> None:
    """Apply the inverse of every change of `entry`, last change first, through the store.

    The store records these as ordinary changes, so the undo is itself revertible.
    """
    uuids: dict[str, int] | None = None
    for change in reversed(entry["changes"]):
        table, key, op = change["table"], change["key"], change["op"]
        if table == "pledges":
            if op == "add":
                store.remove_pledge(int(key))
            elif op == "remove":
                if uuids is None:
                    uuids = {pledge["uuid"]: pledge["id"] for pledge in store.pledges()}
                _refuse_second_uuid(store, entry, change["before"], uuids)
                store.restore_pledge(copy.deepcopy(change["before"]))
                uuids[change["before"]["uuid"]] = change["before"]["id"]
            else:
                store.put_pledge(_roll_back(store.pledge(int(key)), change))
        elif op == "add":
            store.remove_dialogue(key)
        elif op == "remove":
            store.add_dialogue(copy.deepcopy(change["before"]))
        else:
            current = _key_after(change)
            restored = _roll_back(store.dialogue(current), change)
            store.put_dialogue(current, restored)


def _refuse_second_uuid(store: Store, entry: dict, pledge: dict, uuids: dict[str, int]
                        ) -> None:
    """Bringing back a removed pledge whose uuid another pledge holds now would make
    two pledges one identity (and every later export un-importable): refuse, naming
    the change that brought the other one in."""
    holder = uuids.get(pledge.get("uuid"))
    if holder is None or holder == pledge["id"]:
        return
    history = store.history()
    blocker = next((e for e in reversed(history)
                    if any(c["table"] == "pledges" and c["key"] == holder and c["op"] == "add"
                           for c in e["changes"])), None)
    by = f", added by {describe(history, blocker)}" if blocker else ""
    raise Conflict(f"cannot undo {describe(history, entry)}: pledge {pledge['id']} would come "
                   f"back with uuid {pledge['uuid']}, which pledge {holder} has now{by}",
                   hint=(f"undo #{blocker['id']} first, or " if blocker else "")
                   + f"remove pledge {holder}; nothing was changed")


def broken_references(store: Store) -> dict[int, str]:
    """Pledge id → what is wrong with its dialogue reference (missing dialogue or party)."""
    from tracker.model import fold

    parties = {d["id"]: {fold(p) for p in d["parties"]} for d in store.dialogues()}
    broken: dict[int, str] = {}
    for pledge in store.pledges():
        known = parties.get(pledge["dialogue"])
        if known is None:
            broken[pledge["id"]] = (f"belongs to dialogue {pledge['dialogue']!r}, which would "
                                    "no longer exist")
            continue
        missing = [name for name in pledge["by"] if fold(name) not in known]
        if missing:
            broken[pledge["id"]] = (f"is by {', '.join(missing)}, which would no longer be a "
                                    f"party of {pledge['dialogue']}")
    return broken


def check_references(store: Store, entry: dict, before: dict[int, str]) -> None:
    """Refuse a revert that leaves a pledge without its dialogue or party (unless it was so)."""
    new = {key: why for key, why in broken_references(store).items() if key not in before}
    if new:
        pledge_id, why = next(iter(new.items()))
        raise Conflict(f"cannot undo #{entry['id']} ({entry['command']}): pledge {pledge_id} "
                       f"{why}", hint="undo the later changes to that pledge first; "
                                      "nothing was changed")


def undo(store: Store, plan: Plan) -> None:
    """Revert each planned entry in turn on the open store; the caller commits."""
    history = store.history()
    for entry in plan.entries:
        check_revertible(store, history, entry)
        already = broken_references(store)
        try:
            revert(store, entry)
        except SpliceMismatch:
            raise Conflict(f"cannot undo #{entry['id']} ({entry['command']}): a list it "
                           "changed no longer holds what the change log says",
                           hint="undo the later changes first; nothing was changed") from None
        check_references(store, entry, already)
    store.undoes = [entry["id"] for entry in plan.entries]
