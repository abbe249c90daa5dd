"""The interchange document of SPEC §7: building exports and planning/applying imports.

An import is planned in full before anything is written: every record is
validated, every error collected with its record number, and only a clean
plan is applied — all or nothing.
"""

from __future__ import annotations

import json
import re
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tracker import formats
from tracker.dates import check_timestamp, now_timestamp
from tracker.errors import InvalidValue
from tracker.model import ID_LIMIT, check_text, is_pledge_id, validate_dialogue
from tracker.store import SCHEMA_VERSION, Store


def export_document(dialogues: list[dict], pledges: list[dict]) -> dict:
    return {"schema_version": SCHEMA_VERSION, "exported_at": now_timestamp(),
            "dialogues": dialogues, "pledges": pledges}


IMPORT_FORMATS = formats.names("import")
# A JSON object with none of these is some other document, not an export to import.
DOCUMENT_KEYS = ("schema_version", "exported_at", "dialogues", "pledges")

# Called as progress(done, total) while an import is planned, for a progress bar.
Progress = Callable[[int, int], None]


def ndjson_records(document: dict) -> list[dict]:
    """The export as NDJSON records: each dialogue, then each pledge, with a `type` first."""
    return ([{"type": "dialogue", **dialogue} for dialogue in document["dialogues"]]
            + [{"type": "pledge", **pledge} for pledge in document["pledges"]])


def guess_format(name: str, text: str) -> str:
    """The import format from a file's extension, else from its first characters."""
    fmt = formats.from_extension("import", name)
    if fmt is not None:
        return fmt
    start = text.lstrip("\ufeff \t\r\n")
    if not start.startswith("{"):
        return "csv"
    try:
        json.loads(text.removeprefix("\ufeff"))
    except RecursionError:
        return "json"  # parse_json says what is wrong with it
    except json.JSONDecodeError as error:
        # Several objects one after another, one a line: NDJSON.
        return "ndjson" if error.msg == "Extra data" else "json"
    return "json"


def parse_json(text: str, source: str) -> dict:
    """An interchange document from JSON text (structure is checked by plan_import)."""
    from tracker.jsonio import DuplicateKey, loads_strict

    try:
        # A byte-order mark (Windows editors save one) is no part of the document.
        return loads_strict(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        raise InvalidValue(f"{source} is not valid JSON: {error.msg} (line {error.lineno}, "
                           f"column {error.colno})") from None
    except DuplicateKey as error:
        raise InvalidValue(f"{source} has the key {error.key!r} twice in one object; "
                           "nothing was imported", hint="keep one of the two") from None
    except RecursionError:
        raise InvalidValue(f"{source} is nested too deeply to be an interchange document; "
                           "nothing was imported") from None


def read_json(text: str, store: Store, source: str) -> tuple[Any, None]:
    """The `import` reader of JSON: the document (checked by plan_import)."""
    return parse_json(text, source), None


def read_ndjson(text: str, store: Store, source: str) -> tuple[None, ParsedRecords]:
    """The `import` reader of NDJSON: its records, each labelled by its line."""
    return None, parse_ndjson(text)


def read_import(fmt: str, text: str, store: Store, source: str
               ) -> tuple[Any, ParsedRecords | None]:
    """An import's text read as `fmt`: a document, or records read from lines or rows."""
    return formats.renderer("import", fmt)(text, store, source)


@dataclass
class ParsedRecords:
    """Records read from NDJSON or CSV, each with the label errors will name it by."""

    dialogues: list[Any] = field(default_factory=list)
    dialogue_labels: list[str] = field(default_factory=list)
    pledges: list[Any] = field(default_factory=list)
    pledge_labels: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def document(self) -> dict:
        return {"dialogues": self.dialogues, "pledges": self.pledges}


def parse_ndjson(text: str) -> ParsedRecords:
    """NDJSON: one object a line with `type` "dialogue" or "pledge"; errors name the line."""
    parsed = ParsedRecords()
    from tracker.jsonio import DuplicateKey, loads_strict

    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        if not line.strip():
            continue
        label = f"line {number}"
        try:
            record = loads_strict(line)
        except json.JSONDecodeError as error:
            parsed.errors.append(f"{label}: not valid JSON ({error.msg}, column {error.colno})")
            continue
        except DuplicateKey as error:
            parsed.errors.append(f"{label}: the key {error.key!r} appears twice")
            continue
        except RecursionError:
            parsed.errors.append(f"{label}: nested too deeply")
            continue
        kind = record.get("type") if isinstance(record, dict) else None
        if kind not in ("dialogue", "pledge"):
            parsed.errors.append(f"{label}, type: expected \"dialogue\" or \"pledge\", "
                                 f"got {kind!r}")
            continue
        record = {key: value for key, value in record.items() if key != "type"}
        if kind == "dialogue":
            parsed.dialogues.append(record)
            parsed.dialogue_labels.append(label)
        else:
            parsed.pledges.append(record)
            parsed.pledge_labels.append(label)
    return parsed


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
    claimed_in_file: set[int] = field(default_factory=set)  # free ids two records asked for
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        return len(self.new_dialogues) + len(self.new_pledges)

    @property
    def changed(self) -> int:
        return len(self.changed_dialogues) + len(self.changed_pledges)


def check_uuid(value: Any) -> str:
    try:
        return str(uuid_module.UUID(str(value)))
    except ValueError:
        raise InvalidValue(f"uuid {value!r} is not a UUID") from None


def _check_timestamp(value: Any, name: str, default: str) -> str:
    return default if value is None else check_timestamp(value, name)


def plan_import(store: Store, document: Any, source: str = "input", *,
                parsed: ParsedRecords | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """Validate a whole interchange document against the store; nothing is written.

    `parsed` (from NDJSON or CSV) supplies the document, the labels errors use
    for each record ("line 4", "row 7") and the errors found while reading it.
    Dialogues are planned first (pledges are checked against them), then
    pledges, then whether each changed dialogue still fits its pledges.
    """
    plan = ImportPlan()
    dialogue_labels: list[str] | None = None
    pledge_labels: list[str] | None = None
    if parsed is not None:
        document = parsed.document()
        dialogue_labels, pledge_labels = parsed.dialogue_labels, parsed.pledge_labels
        plan.errors.extend(parsed.errors)
        plan.warnings.extend(parsed.warnings)
    if not isinstance(document, dict) or not isinstance(document.get("pledges", []), list) \
            or not isinstance(document.get("dialogues", []), list) \
            or not any(key in document for key in DOCUMENT_KEYS):
        plan.errors.append(f"{source}: not an interchange document "
                           "(expected {\"dialogues\": [...], \"pledges\": [...]})")
        return plan
    version = document.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        plan.errors.append(f"{source}: schema_version {version!r} is newer than this "
                           f"pledge-tracker reads ({SCHEMA_VERSION})")
        return plan
    raw_dialogues, raw_pledges = document.get("dialogues", []), document.get("pledges", [])
    counter = _Counter(len(raw_dialogues) + len(raw_pledges), progress)
    stamp = now_timestamp()
    dialogues, labels = _plan_dialogues(plan, store, raw_dialogues, dialogue_labels, stamp,
                                        counter)
    _plan_pledges(plan, store, raw_pledges, pledge_labels, dialogues, stamp, counter)
    _check_changed_dialogues(plan, store, labels)
    if parsed is not None:
        plan.errors.sort(key=_file_position)  # reading and planning found them apart
    return plan


def _file_position(error: str) -> int:
    """The line or row an error names (0 for the file as a whole), to list them in order."""
    found = re.match(r"(?:line|row) (\d+)\b", error)
    return int(found.group(1)) if found else 0


class _Counter:
    """Counts planned records for the progress callback."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def step(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)


def _plan_dialogues(plan: ImportPlan, store: Store, raws: list[Any],
                    labels: list[str] | None, stamp: str, counter: _Counter
                    ) -> tuple[dict[str, dict], dict[str, str]]:
    """Sort the file's dialogues into new, changed and unchanged.

    Returns every dialogue a pledge may belong to after the import, by id, and the
    label of each dialogue the file changes.
    """
    dialogues: dict[str, dict] = {d["id"]: d for d in store.dialogues()}
    changed_labels: dict[str, str] = {}
    for number, raw in enumerate(raws, 1):
        label = labels[number - 1] if labels else f"dialogue {number}"
        counter.step()
        try:
            if not isinstance(raw, dict):
                raise InvalidValue("a dialogue must be an object")
            dialogue = validate_dialogue(raw)
            dialogue["created"] = _check_timestamp(raw.get("created"), "created", stamp)
            dialogue["updated"] = _check_timestamp(raw.get("updated"), "updated", stamp)
        except InvalidValue as error:
            plan.errors.append(f"{label}: {error.message}")
            continue
        existing = dialogues.get(dialogue["id"])
        if existing is not None and raw.get("created") is None:
            dialogue["created"] = existing.get("created")  # a file without stamps keeps ours
        if existing is None:
            plan.new_dialogues.append(dialogue)
        elif _differs(existing, dialogue):
            plan.changed_dialogues.append(dialogue)
            changed_labels[dialogue["id"]] = label
        else:
            plan.unchanged += 1
        dialogues[dialogue["id"]] = dialogue
    return dialogues, changed_labels


def _plan_pledges(plan: ImportPlan, store: Store, raws: list[Any], labels: list[str] | None,
                  dialogues: dict[str, dict], stamp: str, counter: _Counter) -> None:
    """Sort the file's pledges into new, changed and unchanged, matched by uuid."""
    from tracker.actions import new_pledge

    by_uuid = {pledge["uuid"]: pledge for pledge in store.pledges()}
    seen_uuids: set[str] = set()
    for number, raw in enumerate(raws, 1):
        label = labels[number - 1] if labels else f"pledge {number}"
        counter.step()
        try:
            if not isinstance(raw, dict):
                raise InvalidValue("a pledge must be an object")
            parent = dialogues.get(raw.get("dialogue"))
            if parent is None:
                _orphan_problems(plan, label, raw)
                continue
            pledge = new_pledge(
                raw, parent, stamp=stamp,
                uuid=check_uuid(raw["uuid"]) if raw.get("uuid") else None,
                created=_check_timestamp(raw.get("created"), "created", stamp),
                updated=_check_timestamp(raw.get("updated"), "updated", stamp))
            wanted_id = raw.get("id")
            if wanted_id is not None and not is_pledge_id(wanted_id):
                raise InvalidValue(f"id must be a whole number from 1 to {ID_LIMIT - 1}, "
                                   f"got {wanted_id!r}")
        except InvalidValue as error:
            plan.errors.append(f"{label}: {error.message}")
            continue
        if pledge["uuid"] in seen_uuids:
            plan.errors.append(f"{label}: uuid {pledge['uuid']} appears twice in the file")
            continue
        seen_uuids.add(pledge["uuid"])
        existing = by_uuid.get(pledge["uuid"])
        if existing is None:
            pledge["id"] = wanted_id
            plan.new_pledges.append(pledge)
        else:
            pledge["id"] = existing["id"]
            if raw.get("created") is None:
                pledge["created"] = existing["created"]  # a file without stamps keeps ours
            if _differs(existing, pledge):
                plan.changed_pledges.append(pledge)
            else:
                plan.unchanged += 1


def _orphan_problems(plan: ImportPlan, label: str, raw: dict) -> None:
    """A pledge without a dialogue to check it against: say so, and check its text anyway."""
    if raw.get("dialogue") is None:
        plan.errors.append(f"{label}: no dialogue field (each pledge names the id of the "
                           "dialogue it belongs to)")
    else:
        plan.errors.append(f"{label}: dialogue {raw['dialogue']!r} is neither in the file "
                           "nor in the database")
    try:
        check_text(raw.get("text"), "text")
    except InvalidValue as error:
        plan.errors.append(f"{label}: {error.message}")


def _check_changed_dialogues(plan: ImportPlan, store: Store, labels: dict[str, str]) -> None:
    """A changed dialogue must still fit the stored pledges the import leaves with it.

    The file's own pledges were checked against it already; a stored pledge the
    file does not bring would otherwise be left naming a party the dialogue lost,
    or holding updates older than its new date.
    """
    if not plan.changed_dialogues:
        return
    from tracker.actions import dialogue_conflicts

    # The file's changed pledges replace their stored versions (they may have moved).
    incoming = {pledge["uuid"] for pledge in plan.changed_pledges}
    staying: dict[str, list[dict]] = {}
    for pledge in store.pledges():
        if pledge["uuid"] not in incoming:
            staying.setdefault(pledge["dialogue"], []).append(pledge)
    for dialogue in plan.changed_dialogues:
        for problem in dialogue_conflicts(dialogue, staying.get(dialogue["id"], [])):
            plan.errors.append(f"{labels[dialogue['id']]}: {problem}")


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
    keeping = [p for p in plan.new_pledges if store.id_is_free(p["id"])]
    claimed: dict[int, dict] = {}
    for pledge in keeping:  # two new pledges asking for one id: the first keeps it
        if claimed.setdefault(pledge["id"], pledge) is not pledge:
            plan.claimed_in_file.add(pledge["id"])
    keeping = list(claimed.values())
    kept = {id(pledge) for pledge in keeping}
    rest = [p for p in plan.new_pledges if id(p) not in kept]
    wanted_ids = [pledge["id"] for pledge in rest]
    for pledge in rest:
        pledge["id"] = None  # takes the next free id
    store.add_pledges(keeping + rest)
    for wanted, pledge in zip(wanted_ids, rest, strict=True):
        if wanted is not None:
            plan.renumbered.append((wanted, pledge["id"]))
    store.replace_pledges(plan.changed_pledges)
