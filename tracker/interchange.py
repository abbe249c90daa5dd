"""The interchange document of SPEC §7: building exports and planning/applying imports.

An import is planned in full before anything is written: every record is
validated, every error collected with its record number, and only a clean
plan is applied — all or nothing.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field
from typing import Any

from tracker.dates import now_timestamp
from tracker.errors import InvalidValue
from tracker.model import validate_dialogue, validate_pledge
from tracker.store import SCHEMA_VERSION, Store


def export_document(dialogues: list[dict], pledges: list[dict]) -> dict:
    return {"schema_version": SCHEMA_VERSION, "exported_at": now_timestamp(),
            "dialogues": dialogues, "pledges": pledges}


def dialogues_for(store: Store, pledges: list[dict], everything: bool) -> list[dict]:
    """All dialogues for a whole export; otherwise those the chosen pledges belong to."""
    if everything:
        return store.dialogues()
    wanted = {pledge["dialogue"] for pledge in pledges}
    return [dialogue for dialogue in store.dialogues() if dialogue["id"] in wanted]


@dataclass
class ImportPlan:
    """What an import would do; `errors` non-empty means it must not be applied."""

    new_dialogues: list[dict] = field(default_factory=list)
    changed_dialogues: list[dict] = field(default_factory=list)
    new_pledges: list[dict] = field(default_factory=list)
    changed_pledges: list[dict] = field(default_factory=list)
    unchanged: int = 0
    renumbered: list[tuple[int, int]] = field(default_factory=list)  # (wanted id, given id)
    errors: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        return len(self.new_dialogues) + len(self.new_pledges)

    @property
    def changed(self) -> int:
        return len(self.changed_dialogues) + len(self.changed_pledges)


def _check_uuid(value: Any) -> str:
    try:
        return str(uuid_module.UUID(str(value)))
    except ValueError:
        raise InvalidValue(f"uuid {value!r} is not a UUID") from None


def _check_timestamp(value: Any, name: str, default: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str) or len(value) < 10 or not value[:4].isdigit():
        raise InvalidValue(f"{name} must be an ISO 8601 timestamp, got {value!r}")
    return value


def plan_import(store: Store, document: Any, source: str = "input") -> ImportPlan:
    """Validate a whole interchange document against the store; nothing is written."""
    plan = ImportPlan()
    if not isinstance(document, dict) or not isinstance(document.get("pledges", []), list) \
            or not isinstance(document.get("dialogues", []), list):
        plan.errors.append(f"{source}: not an interchange document "
                           "(expected {\"dialogues\": [...], \"pledges\": [...]})")
        return plan
    version = document.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        plan.errors.append(f"{source}: schema_version {version!r} is newer than this "
                           f"pledge-tracker reads ({SCHEMA_VERSION})")
        return plan
    stamp = now_timestamp()
    dialogues: dict[str, dict] = {d["id"]: d for d in store.dialogues()}
    for number, raw in enumerate(document.get("dialogues", []), 1):
        try:
            dialogue = validate_dialogue(raw)
            dialogue["created"] = _check_timestamp(raw.get("created"), "created", stamp)
            dialogue["updated"] = _check_timestamp(raw.get("updated"), "updated", stamp)
        except InvalidValue as error:
            plan.errors.append(f"dialogue {number}: {error.message}")
            continue
        existing = dialogues.get(dialogue["id"])
        if existing is None:
            plan.new_dialogues.append(dialogue)
        elif _differs(existing, dialogue):
            plan.changed_dialogues.append(dialogue)
        else:
            plan.unchanged += 1
        dialogues[dialogue["id"]] = dialogue

    by_uuid = {pledge["uuid"]: pledge for pledge in store.pledges()}
    seen_uuids: set[str] = set()
    for number, raw in enumerate(document.get("pledges", []), 1):
        try:
            if not isinstance(raw, dict):
                raise InvalidValue("a pledge must be an object")
            parent = dialogues.get(raw.get("dialogue"))
            if parent is None:
                raise InvalidValue(f"dialogue {raw.get('dialogue')!r} is neither in the file "
                                   "nor in the database")
            pledge = validate_pledge(raw, parent)
            pledge["uuid"] = _check_uuid(raw["uuid"]) if raw.get("uuid") else \
                str(uuid_module.uuid4())
            pledge["created"] = _check_timestamp(raw.get("created"), "created", stamp)
            pledge["updated"] = _check_timestamp(raw.get("updated"), "updated", stamp)
            wanted_id = raw.get("id")
            if wanted_id is not None and (isinstance(wanted_id, bool) or not isinstance(
                    wanted_id, int) or wanted_id < 1):
                raise InvalidValue(f"id must be a positive whole number, got {wanted_id!r}")
        except InvalidValue as error:
            plan.errors.append(f"pledge {number}: {error.message}")
            continue
        if pledge["uuid"] in seen_uuids:
            plan.errors.append(f"pledge {number}: uuid {pledge['uuid']} appears twice in the file")
            continue
        seen_uuids.add(pledge["uuid"])
        existing = by_uuid.get(pledge["uuid"])
        if existing is None:
            pledge["id"] = wanted_id
            plan.new_pledges.append(pledge)
        else:
            pledge["id"] = existing["id"]
            if _differs(existing, pledge):
                plan.changed_pledges.append(pledge)
            else:
                plan.unchanged += 1
    return plan


def _differs(existing: dict, incoming: dict) -> bool:
    return any(existing.get(key) != value for key, value in incoming.items()
               if key != "updated")


def apply_import(store: Store, plan: ImportPlan) -> None:
    """Write a clean plan into the open store (the caller holds the lock and commits)."""
    if plan.errors:
        raise InvalidValue("the import has errors; nothing was written")
    for dialogue in plan.new_dialogues:
        store.add_dialogue(dialogue)
    for dialogue in plan.changed_dialogues:
        store.replace_dialogue(dialogue["id"], dialogue)
    # Pledges that keep their own id go first, so that a renumbered one cannot take it.
    keeping = [p for p in plan.new_pledges if isinstance(p["id"], int)
               and store.find_pledge(p["id"]) is None]
    claimed: dict[int, dict] = {}
    for pledge in keeping:  # two new pledges asking for one id: the first keeps it
        claimed.setdefault(pledge["id"], pledge)
    keeping = list(claimed.values())
    kept = {id(pledge) for pledge in keeping}
    rest = [p for p in plan.new_pledges if id(p) not in kept]
    for pledge in keeping:
        store.add_pledge(pledge, keep_id=True)
    for pledge in rest:
        wanted = pledge["id"]
        given = store.add_pledge(pledge)
        if wanted is not None:
            plan.renumbered.append((wanted, given))
    for pledge in plan.changed_pledges:
        store.replace_pledge(pledge)
