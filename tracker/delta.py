"""What one change-log record holds for an updated record, and applying it either way.

An `update` record keeps, for each field that changed, its old value in
`before` and its new one in `after`. A list field that is a list on both sides
(a pledge's `updates`, its `tags`, a dialogue's `parties`) is kept as a splice
instead, under `splices`:

    "splices": {"updates": {"at": 3, "before": [], "after": [{…the new update…}]}}

meaning "at index 3, the items `before` were replaced by the items `after`".
A `mark` therefore logs the one update it added, not the whole list twice, so
the log grows with the work done rather than with its square (SPEC §7).

Items are compared exactly (types and key order included): undo must give back
the very bytes the file held, and `1 == 1.0` or two dicts with their keys in
another order would otherwise count as unchanged.
"""

from __future__ import annotations

import copy
from typing import Any


class SpliceMismatch(ValueError):
    """The list does not hold, at the splice's place, the items the splice expects."""


def same(a: Any, b: Any) -> bool:
    """Equal as the file would write them: same types, same key order, same values."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return (len(a) == len(b) and list(a) == list(b)
                and all(same(value, b[key]) for key, value in a.items()))
    if type(a) is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def splice(old: list, new: list) -> dict:
    """The smallest single splice turning `old` into `new` (common head and tail kept)."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and same(old[head], new[head]):
        head += 1
    tail = 0
    while tail < limit - head and same(old[-1 - tail], new[-1 - tail]):
        tail += 1
    return {"at": head, "before": old[head:len(old) - tail], "after": new[head:len(new) - tail]}


def _apply(items: list, at: int, expected: list, replacement: list) -> list:
    if not (type(items) is list and type(at) is int and 0 <= at <= len(items)
            and same(items[at:at + len(expected)], expected)):
        raise SpliceMismatch("the list no longer holds what the change log says it held")
    return items[:at] + copy.deepcopy(replacement) + items[at + len(expected):]


def redo_splice(items: list, change: dict) -> list:
    """The list after the splice, given the list before it."""
    return _apply(items, change["at"], change["before"], change["after"])


def undo_splice(items: list, change: dict) -> list:
    """The list before the splice, given the list after it."""
    return _apply(items, change["at"], change["after"], change["before"])


def diff(before: dict, after: dict, *, exact: bool) -> dict | None:
    """The `before`/`after`/`splices` of an update record; None when nothing changed.

    A field missing on one side is left out of that side's dict, so undo can tell
    "was absent" from "was null". With `exact`, fields `after` lacks count as
    removed (an upsert, without it, keeps them). A change of `updated` alone is
    no change.
    """
    fields = list(after) + ([field for field in before if field not in after]
                            if exact else [])
    changed = [field for field in fields if (field in before) != (field in after)
               or not same(before.get(field), after.get(field))]
    if not changed or changed == ["updated"]:
        return None
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    splices: dict[str, dict] = {}
    for field in changed:
        if type(before.get(field)) is list and type(after.get(field)) is list:
            splices[field] = splice(before[field], after[field])
            continue
        if field in before:
            old[field] = before[field]
        if field in after:
            new[field] = after[field]
    record: dict[str, Any] = {"before": old, "after": new}
    if splices:
        record["splices"] = splices
    return record


def roll_back(record: dict, change: dict) -> dict:
    """`record` (as it was after an update `change`) as it was before it; a new dict.

    Raises SpliceMismatch when a spliced list is not as the change left it.
    """
    rolled = dict(record)
    before, after = change.get("before") or {}, change.get("after") or {}
    for field in list(after) + [f for f in before if f not in after]:
        if field in before:
            rolled[field] = copy.deepcopy(before[field])
        else:
            rolled.pop(field, None)
    for field, piece in (change.get("splices") or {}).items():
        rolled[field] = undo_splice(record.get(field), piece)
    return rolled


def changed_fields(change: dict) -> list[str]:
    """The fields an update record touches, in the order it lists them."""
    before, after = change.get("before") or {}, change.get("after") or {}
    return (list(after) + [f for f in before if f not in after]
            + list(change.get("splices") or {}))


def from_whole_lists(change: dict) -> dict:
    """An update record of schema 1 (whole lists on both sides) in the splice shape."""
    before, after = change.get("before") or {}, change.get("after") or {}
    lists = [field for field in after
             if type(after[field]) is list and type(before.get(field)) is list]
    if not lists:
        return change
    splices = dict(change.get("splices") or {})
    for field in lists:
        splices[field] = splice(before[field], after[field])
    upgraded = {key: value for key, value in change.items() if key not in ("before", "after",
                                                                           "splices")}
    upgraded["before"] = {k: v for k, v in before.items() if k not in lists}
    upgraded["after"] = {k: v for k, v in after.items() if k not in lists}
    upgraded["splices"] = splices
    return upgraded
