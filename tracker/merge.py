"""Three-way merge of two tracker databases by meaning (SPEC §9): what git's merge driver runs.

Records are matched across the sides by identity, never by line: pledges by
`uuid`, dialogues by `id` (or, for one renamed since the common ancestor, by
the place it holds in the file and its creation time). Then, record by record
and field by field:

- a record added on one side is kept; a pledge added on both sides under the same
  id keeps it on our side, and theirs takes the next free id;
- updates (and tags) are merged as sets: what either side added is kept, what
  either side dropped from the ancestor stays dropped;
- a field changed on one side takes that value; changed on both sides to
  different values, the later change wins (times from each side's change log)
  and the losing value goes into the merge's change-log entry, as its `before`;
- a record removed on one side and changed on the other is kept, with a warning.

The change logs are unioned in time order and renumbered after the ancestor's
entries; the merge itself is recorded as one more entry: the changes it made to
our side, which `tracker undo` reverts like any command. Nothing here touches
the disk: the caller commits the returned store.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.delta import changed_fields
from tracker.model import derive_state, insert_update
from tracker.store import Store

MERGE_COMMAND = "merge"
_ABSENT = object()  # a field a record does not have (not the same as null)


@dataclass
class Conflict:
    """A field both sides changed to different values: which value won, which lost."""

    table: str  # "pledges" or "dialogues"
    key: Any  # the record's id in the merged database
    field: str
    winner: Any
    loser: Any


@dataclass
class MergeResult:
    """The merged database as an open, uncommitted store, and what to tell the user."""

    store: Store
    notes: list[str] = field(default_factory=list)  # renumbered pledges
    warnings: list[str] = field(default_factory=list)  # kept records, restored dialogues
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def data(self) -> dict:
        """The merged database as the store holds it (the file's content once committed)."""
        return self.store._storage.data


@dataclass
class _Side:
    """One side of the merge (ours or theirs) and what its change log says it did."""

    name: str  # "our" or "their", as messages say it
    data: dict
    new_entries: list[dict]  # change-log entries the common ancestor does not have
    times: dict[tuple[str, Any, str], str]  # (table, key, field or "*") → latest change
    known: dict[int, int]  # entry id on this side → id of the same entry in the ancestor
    renumbered: dict[int, dict] = field(default_factory=dict)  # entry id → merged entry

    def result_id(self, entry_id: int) -> int:
        """The number one of this side's entries has in the merged change log."""
        if entry_id in self.renumbered:
            return self.renumbered[entry_id]["id"]
        return self.known.get(entry_id, entry_id)

    def changed_at(self, table: str, key: Any, field_name: str, record: dict) -> str:
        """When this side last changed that field: its log, else the record's `updated`."""
        return (self.times.get((table, key, field_name))
                or self.times.get((table, key, "*"))
                or str(record.get("updated") or ""))


def read_side(path: Path) -> dict:
    """One of the three files, upgraded in memory to the current schema.

    Raises DatabaseError (exit 3) for a file that is not a tracker database or
    comes from a newer version; an empty file is an empty database (git's BASE
    when both sides created the file on their own). `tracker merge` refuses a
    missing file before it gets here.
    """
    from tracker.store import _load_current

    return _load_current(path)[0]


def merge(base: dict, ours: dict, theirs: dict, path: Path, *, command: str = MERGE_COMMAND
          ) -> MergeResult:
    """Merge three databases (already upgraded to the current schema) into `ours`' store.

    The arguments are not changed. The returned store holds the merged records, the
    unioned change log and, in `store.changes`, the changes from our side to the
    result; `store.commit()` writes them as one change-log entry.
    """
    base, ours, theirs = (copy.deepcopy(d) for d in (base, ours, theirs))
    base_by_content = {_content(entry): entry["id"] for entry in base["history"].values()}
    our_side = _side("our", ours, base_by_content)
    their_side = _side("their", theirs, base_by_content)

    result_notes: list[str] = []
    warnings: list[str] = []
    conflicts: list[Conflict] = []

    dialogues, renamed = _merge_dialogues(base, our_side, their_side, warnings, conflicts)
    pledges, their_ids, next_id = _merge_pledges(base, our_side, their_side, result_notes,
                                                 warnings, conflicts)
    _repair_dialogue_references(pledges, dialogues, renamed, base, our_side, their_side,
                                warnings)

    history, next_change = _union_history(base, our_side, their_side, their_ids)
    start = copy.deepcopy(ours)
    start["history"] = history
    start["meta"]["1"]["next_change_id"] = next_change
    store = Store(path, start)
    store.command = command
    _apply(store, dialogues, pledges)
    store.meta["next_pledge_id"] = max(store.meta["next_pledge_id"], next_id)
    return MergeResult(store, result_notes, warnings, conflicts)


# -- the sides' change logs ---------------------------------------------------------

def _content(entry: dict) -> str:
    """What an entry did, whatever number it has: a merge elsewhere may have renumbered it."""
    return json.dumps([entry.get("at"), entry.get("command"), entry.get("changes")],
                      sort_keys=True, ensure_ascii=False, default=str)


def _side(name: str, data: dict, base_by_content: dict[str, int]) -> _Side:
    known: dict[int, int] = {}  # this side's entry id → the ancestor's id of the same entry
    new_entries = []
    for entry in data["history"].values():
        ancestor = base_by_content.get(_content(entry))
        if ancestor is None:
            new_entries.append(entry)
        else:
            known[entry.get("id")] = ancestor
    times: dict[tuple[str, Any, str], str] = {}
    for entry in new_entries:
        at = str(entry.get("at") or "")
        for change in entry.get("changes") or []:
            table, key = change.get("table"), change.get("key")
            fields = ["*"] if change.get("op") != "update" else changed_fields(change)
            if change.get("op") == "update" and table == "dialogues" and "id" in (
                    change.get("after") or {}):
                key = change["after"]["id"]  # a renamed dialogue: known by its new id since
            for field_name in fields:
                spot = (table, key, field_name)
                if at >= times.get(spot, ""):
                    times[spot] = at
    return _Side(name, data, new_entries, times, known)


def _union_history(base: dict, ours: _Side, theirs: _Side, their_ids: dict[int, int]
                   ) -> tuple[dict, int]:
    """The ancestor's entries, then both sides' new ones in time order, numbered after them.

    Ties in time are ordered by content, so two clones merging the same work
    (each from its own side) number the entries alike.
    """
    history = dict(base["history"])
    next_change = max([base["meta"]["1"]["next_change_id"] if base["history"] else 1,
                       *(int(key) + 1 for key in history)])
    seen: dict[str, dict] = {}
    tagged = []
    for side in (ours, theirs):
        for entry in side.new_entries:
            entry = copy.deepcopy(entry)
            old_id = entry.get("id")
            if side is theirs:
                _renumber_pledges_in_entry(entry, their_ids)
            content = _content(entry)
            if content in seen:  # both sides have it (both pulled the same third clone)
                side.renumbered[old_id] = seen[content]
                continue
            seen[content] = entry
            side.renumbered[old_id] = entry
            tagged.append((str(entry.get("at") or ""), content, side, old_id, entry))
    if all(side is ours for _at, _key, side, _old, _entry in tagged):
        # Their side brought no entry of its own: our log stays exactly as it is.
        return copy.deepcopy(ours.data["history"]), ours.data["meta"]["1"]["next_change_id"]
    tagged.sort(key=lambda item: item[:2])
    for *_, entry in tagged:
        entry["id"] = next_change
        next_change += 1
    for _at, _content_key, side, _old_id, entry in tagged:  # noqa: B007 — `side` is used
        if entry.get("undoes"):
            entry["undoes"] = [side.result_id(target) for target in entry["undoes"]]
        history[str(entry["id"])] = entry
    return history, next_change


def _renumber_pledges_in_entry(entry: dict, their_ids: dict[int, int]) -> None:
    """Their entries name their pledges by their ids: use the ids those pledges have now."""
    for change in entry.get("changes") or []:
        if change.get("table") != "pledges":
            continue
        if change.get("key") in their_ids:
            change["key"] = their_ids[change["key"]]
        for part in ("before", "after"):
            record = change.get(part)
            if isinstance(record, dict) and record.get("id") in their_ids:
                record["id"] = their_ids[record["id"]]


# -- fields ------------------------------------------------------------------------

def _same(a: Any, b: Any) -> bool:
    return a is b or (a is not _ABSENT and b is not _ABSENT and a == b)


def _later_wins(ours: Any, our_time: str, theirs: Any, their_time: str) -> bool:
    """True when our value wins: the later change; on a tie, the same answer on both clones."""
    if our_time != their_time:
        return our_time > their_time
    return _sort_text(ours) >= _sort_text(theirs)


def _sort_text(value: Any) -> str:
    return "" if value is _ABSENT else json.dumps(value, sort_keys=True, ensure_ascii=False)


def _merge_set(base: list | None, ours: list, theirs: list, *, by_date: bool = False) -> list:
    """Items either side added are kept; items either side dropped from `base` stay dropped."""
    base = base or []
    merged = [item for item in ours if item in theirs or item not in base]
    for item in theirs:
        if item not in ours and item not in base and item not in merged:
            merged = insert_update(merged, item) if by_date else [*merged, item]
    return merged


def _merge_record(table: str, key: Any, base: dict | None, ours: dict, theirs: dict,
                  our_side: _Side, their_side: _Side, our_key: Any, their_key: Any,
                  conflicts: list[Conflict], special: dict[str, Any]) -> dict:
    """Field by field; `special` holds fields already decided (ids, merged lists)."""
    names = list(ours) + [name for name in theirs if name not in ours]
    merged: dict[str, Any] = {}
    for name in names:
        if name in special:
            merged[name] = special[name]
            continue
        mine, yours = ours.get(name, _ABSENT), theirs.get(name, _ABSENT)
        old = base.get(name, _ABSENT) if base is not None else _ABSENT
        if _same(mine, yours):
            value = mine
        elif _same(mine, old):
            value = yours
        elif _same(yours, old):
            value = mine
        else:
            our_time = our_side.changed_at(table, our_key, name, ours)
            their_time = their_side.changed_at(table, their_key, name, theirs)
            if _later_wins(mine, our_time, yours, their_time):
                value, loser = mine, yours
            else:
                value, loser = yours, mine
            if value is not _ABSENT and loser is not _ABSENT:
                conflicts.append(Conflict(table, key, name, value, loser))
        if value is not _ABSENT:
            merged[name] = value
    return merged


def _later_stamp(*records: dict | None) -> Any:
    stamps = [r.get("updated") for r in records if r is not None and r.get("updated")]
    return max(stamps) if stamps else None


# -- pledges -----------------------------------------------------------------------

def _by_uuid(data: dict) -> dict[str, dict]:
    return {pledge["uuid"]: pledge for pledge in data["pledges"].values()
            if isinstance(pledge.get("uuid"), str)}


def _merge_pledges(base: dict, ours: _Side, theirs: _Side, notes: list[str],
                   warnings: list[str], conflicts: list[Conflict]
                   ) -> tuple[dict[str, dict], dict[int, int], int]:
    """uuid → merged pledge; their id → merged id where it changed; the next free id."""
    old, mine, yours = _by_uuid(base), _by_uuid(ours.data), _by_uuid(theirs.data)
    our_next = ours.data["meta"]["1"]["next_pledge_id"]
    their_next = theirs.data["meta"]["1"]["next_pledge_id"]
    next_free = max(our_next, their_next, base["meta"]["1"]["next_pledge_id"])
    taken = {pledge["id"] for pledge in mine.values()}
    their_ids: dict[int, int] = {}
    merged: dict[str, dict] = {}

    for uuid in list(mine) + [u for u in yours if u not in mine]:
        our, their, ancestor = mine.get(uuid), yours.get(uuid), old.get(uuid)
        if our is not None and their is not None:
            if their["id"] != our["id"]:
                their_ids[their["id"]] = our["id"]
            merged[uuid] = _merge_pledge(ancestor, our, their, ours, theirs, conflicts)
        elif ancestor is None:
            if our is not None:
                merged[uuid] = our
                continue
            pledge = copy.deepcopy(their)
            # Ids below our counter were given out on our side (even if since removed).
            if pledge["id"] < our_next or pledge["id"] in taken:
                notes.append(f"pledge {pledge['id']} (their side) is now {next_free}")
                their_ids[pledge["id"]] = next_free
                pledge["id"] = next_free
                next_free += 1
            taken.add(pledge["id"])
            merged[uuid] = pledge
        else:
            kept = our if our is not None else their
            remover = theirs if our is not None else ours
            if _same_but_updated(kept, ancestor):
                continue  # removed on one side, untouched on the other: removed
            merged[uuid] = copy.deepcopy(kept)
            keeper = ours if our is not None else theirs
            warnings.append(
                f"pledge {kept['id']} was removed on {remover.name} side and changed on "
                f"{keeper.name} side; kept it (`tracker remove {kept['id']}` removes it)")
    next_id = max([next_free, *(p["id"] + 1 for p in merged.values())])
    return merged, their_ids, next_id


def _same_but_updated(record: dict, ancestor: dict) -> bool:
    return ({k: v for k, v in record.items() if k != "updated"}
            == {k: v for k, v in ancestor.items() if k != "updated"})


def _merge_pledge(ancestor: dict | None, our: dict, their: dict, ours: _Side, theirs: _Side,
                  conflicts: list[Conflict]) -> dict:
    old_updates = (ancestor or {}).get("updates") or []
    updates = _merge_set(old_updates, our["updates"], their["updates"], by_date=True)
    special: dict[str, Any] = {
        "id": our["id"],
        "updates": updates,
        "tags": _merge_set((ancestor or {}).get("tags"), our.get("tags") or [],
                           their.get("tags") or []),
        "updated": _later_stamp(our, their),
        "created": min(str(our.get("created") or ""), str(their.get("created") or ""))
        or our.get("created"),
    }
    derived = updates and updates != our["updates"] and updates != their["updates"]
    if derived:  # both sides logged progress: the union decides the current state
        special["status"], special["progress"] = our["status"], our["progress"]
    merged = _merge_record("pledges", our["id"], ancestor, our, their, ours, theirs,
                           our["id"], their["id"], conflicts, special)
    if derived:
        derive_state(merged)
    return merged


# -- dialogues ---------------------------------------------------------------------

def _match_dialogues(base: dict, side: dict) -> tuple[dict[str, dict], list[dict]]:
    """Base dialogue id → the side's record (followed through a rename); the side's new ones."""
    by_id = {d["id"]: d for d in side["dialogues"].values()}
    matched: dict[str, dict] = {}
    used: set[int] = set()
    for key, ancestor in base["dialogues"].items():
        record = by_id.get(ancestor["id"])
        if record is None:
            candidate = side["dialogues"].get(key)
            if candidate is not None and candidate.get("created") == ancestor.get("created") \
                    and candidate["id"] not in {d["id"] for d in base["dialogues"].values()}:
                record = candidate  # the same record under a new id: renamed
        if record is not None:
            matched[ancestor["id"]] = record
            used.add(id(record))
    added = [d for d in side["dialogues"].values() if id(d) not in used]
    return matched, added


def _merge_dialogues(base: dict, ours: _Side, theirs: _Side, warnings: list[str],
                     conflicts: list[Conflict]) -> tuple[list[dict], dict[str, str]]:
    """The merged dialogues; and every old id either side used → the merged id."""
    our_match, our_added = _match_dialogues(base, ours.data)
    their_match, their_added = _match_dialogues(base, theirs.data)
    merged: list[dict] = []
    renamed: dict[str, str] = {}
    for ancestor in base["dialogues"].values():
        our, their = our_match.get(ancestor["id"]), their_match.get(ancestor["id"])
        if our is None and their is None:
            continue
        if our is None or their is None:
            kept = our if our is not None else their
            if _same_but_updated(kept, ancestor):
                continue
            keeper, remover = (ours, theirs) if our is not None else (theirs, ours)
            warnings.append(f"dialogue {kept['id']} was removed on {remover.name} side and "
                            f"changed on {keeper.name} side; kept it")
            record = copy.deepcopy(kept)
        else:
            record = _merge_record("dialogues", our["id"], ancestor, our, their, ours, theirs,
                                   our["id"], their["id"], conflicts,
                                   {"updated": _later_stamp(our, their)})
        for old_id in (ancestor["id"], (our or {}).get("id"), (their or {}).get("id")):
            if old_id is not None and old_id != record["id"]:
                renamed[old_id] = record["id"]
        merged.append(record)
    merged_ids = {d["id"] for d in merged}
    their_new = {d["id"]: d for d in their_added}
    for our in our_added:
        their = their_new.pop(our["id"], None)
        if their is None:
            record = our
        else:  # added on both sides under one id: one dialogue
            record = _merge_record("dialogues", our["id"], None, our, their, ours, theirs,
                                   our["id"], their["id"], conflicts,
                                   {"updated": _later_stamp(our, their)})
        if record["id"] not in merged_ids:
            merged.append(record)
            merged_ids.add(record["id"])
    for their in their_new.values():
        if their["id"] not in merged_ids:
            merged.append(their)
            merged_ids.add(their["id"])
    return merged, renamed


def _repair_dialogue_references(pledges: dict[str, dict], dialogues: list[dict],
                                renamed: dict[str, str], base: dict, ours: _Side,
                                theirs: _Side, warnings: list[str]) -> None:
    """Every pledge keeps a dialogue: follow renames, bring back a removed dialogue."""
    known = {d["id"] for d in dialogues}
    for pledge in pledges.values():
        name = pledge["dialogue"]
        if name in known:
            continue
        if renamed.get(name) in known:
            pledge["dialogue"] = renamed[name]
            continue
        for source in (ours.data, theirs.data, base):
            record = next((d for d in source["dialogues"].values() if d["id"] == name), None)
            if record is not None:
                dialogues.append(copy.deepcopy(record))
                known.add(name)
                warnings.append(f"dialogue {name} was removed on one side but pledge "
                                f"{pledge['id']} of it was kept; kept the dialogue too")
                break


# -- the merged store --------------------------------------------------------------

def _apply(store: Store, dialogues: list[dict], pledges: dict[str, dict]) -> None:
    """Turn our side into the merged result through the store, which records each change."""
    current = {d["id"]: d for d in store.dialogues()}
    wanted = {d["id"]: d for d in dialogues}
    renamed_ours = {}
    for record in dialogues:
        if record["id"] in current:
            store.update_dialogue(record["id"], copy.deepcopy(record), exact=True)
            continue
        # A dialogue our side has under another id (renamed on their side)?
        old = next((d for d in current.values() if d["id"] not in wanted
                    and d.get("created") == record.get("created")
                    and d["id"] not in renamed_ours), None)
        if old is not None:
            renamed_ours[old["id"]] = record["id"]
            store.update_dialogue(old["id"], copy.deepcopy(record), exact=True)
        else:
            store.add_dialogue(copy.deepcopy(record))
    merged_ids = {pledge["id"] for pledge in pledges.values()}
    for pledge in store.pledges():
        if pledge["id"] not in merged_ids:
            store.remove_pledge(pledge["id"])
    for pledge in sorted(pledges.values(), key=lambda p: p["id"]):
        if store.find_pledge(pledge["id"]) is None:
            # Its own id, even one our side's counter has passed (kept against a removal).
            store.restore_pledge(copy.deepcopy(pledge))
        else:
            store.update_pledge(copy.deepcopy(pledge), exact=True)
    for name in current:
        if name not in wanted and name not in renamed_ours:
            store.remove_dialogue(name)
