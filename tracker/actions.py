"""The core actions behind every writing command: create a pledge, log an update, change
a dialogue. Commands parse their options, call one of these and print; the rules live here.

Each action checks its request against the domain rules (model.py) and writes
through the open store; the caller holds the lock and commits. The pure halves
(`new_pledge`, `with_update`, `dialogue_conflicts`) serve the import planners,
which must check everything before writing anything.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.dates import now_timestamp, today
from tracker.errors import Conflict, InvalidValue
from tracker.model import (
    DEFAULT_STATUS,
    canonical_name,
    derive_state,
    fold,
    insert_update,
    make_update,
    new_uuid,
    party_state,
    party_states,
    pledge_state,
    resolve_mark,
    validate_dialogue,
    validate_pledge,
)
from tracker.store import Store

if TYPE_CHECKING:
    from tracker.assess import AssessmentPlan

# -- pledges -----------------------------------------------------------------


def new_pledge(fields: dict, dialogue: dict, *, stamp: str | None = None,
               uuid: str | None = None, created: str | None = None,
               updated: str | None = None) -> dict:
    """A checked pledge record of `dialogue`, stamped with its identity and times.

    The one place a new pledge gets its `uuid` (a fresh one unless given) and its
    `created` and `updated` stamps (now, unless given: an import keeps the file's).
    """
    pledge = validate_pledge(fields, dialogue)
    moment = stamp or now_timestamp()
    pledge["uuid"] = uuid or new_uuid()
    pledge["created"] = created or moment
    pledge["updated"] = updated or moment
    return pledge


def create_pledge(store: Store, fields: dict, dialogue_id: str, *,
                  stamp: str | None = None) -> dict:
    """Record a new pledge of the stored dialogue `dialogue_id`; the stored record, id set."""
    pledge = new_pledge(fields, store.dialogue(dialogue_id), stamp=stamp)
    store.add_pledge(pledge)
    return pledge


# -- updates -----------------------------------------------------------------


def check_update_day(day: date) -> None:
    """Progress is logged once it has happened: never with a date after today."""
    if day > today():
        raise InvalidValue(f"--date {day.isoformat()} is in the future; "
                           "log progress once it has happened")


def with_update(pledge: dict, *, day: str, status: str | None, progress: int | None,
                note: str | None = None, evidence: str | None = None,
                party: str | None = None, stamp: str, evidence_title: str | None = None,
                evidence_date: str | None = None, value: float | None = None,
                ) -> tuple[dict, dict]:
    """The pledge with one more dated update, its status derived; and that update.

    Without a status, the new one follows from the state the update continues
    from as it stood on `day` (the party's own, for a party-specific update),
    by the rules of `model.resolve_mark`. Raises InvalidValue for a party the
    pledge lacks, a contradictory status and progress, or a measured `value` on a
    pledge without a target to measure it against.
    """
    if value is not None and pledge.get("target") is None:
        raise InvalidValue(f"pledge {pledge['id']} has no target to measure --value against; "
                           f"set one first: tracker edit {pledge['id']} --target N --unit U")
    party_name = None
    if party is not None:
        party_name = canonical_name(party, pledge["by"])
        if fold(party_name) not in {fold(name) for name in pledge["by"]}:
            raise InvalidValue(f"pledge {pledge['id']} was made by "
                               f"{', '.join(pledge['by'])}, not {party!r}")
    earlier = [u for u in pledge["updates"] if u["date"] <= day]
    base_status, base_progress = (party_state(pledge, party_name, earlier)
                                  if party_name else pledge_state(pledge, earlier))
    update_status, update_progress = resolve_mark(base_status, status, progress, base_progress)
    updates = pledge["updates"]
    if (party_name and not updates and len(pledge["by"]) > 1
            and (pledge["status"], pledge["progress"]) != (DEFAULT_STATUS, 0)):
        # The other parties would fall back to the pledge's initial state, which
        # an update log cannot hold (it reads as `pledged`): keep the recorded
        # state as a joint update, so logging one side does not reset the others.
        updates = [make_update(
            day=day, status=pledge["status"], progress=pledge["progress"],
            note="state recorded before the first update about one party",
            party=None, recorded=stamp)]
    update = make_update(day=day, status=update_status, progress=update_progress,
                         note=note, evidence=evidence, party=party_name, recorded=stamp,
                         evidence_title=evidence_title, evidence_date=evidence_date,
                         value=value)
    if party_name is None and status is None and len(pledge["by"]) > 1:
        _keep_each_partys_state(pledge, earlier, update)
    changed = {**pledge, "updates": insert_update(updates, update), "updated": stamp}
    derive_state(changed)
    return changed, update


def _keep_each_partys_state(pledge: dict, earlier: list[dict], update: dict) -> None:
    """Refuse an update for every party that the user gave no status for (a note, a
    progress estimate, a measured value) when the parties stand apart and it would
    set some party's state.

    A joint update carries one status, and every party without an update of its own
    takes it: where the parties stand apart, a note for all of them would give one
    side's status to the others, and change their scores, unasked.
    """
    before = party_states(pledge, earlier)
    if len(set(before.values())) == 1:  # they stand together: the update speaks for all
        return
    after = party_states(pledge, insert_update(earlier, update))
    moved = [party for party in pledge["by"] if after[party] != before[party]]
    if not moved:
        return
    stand = ", ".join(f"{party} {status} ({progress}%)"
                      for party, (status, progress) in before.items())
    raise InvalidValue(
        f"pledge {pledge['id']} stands apart for its parties on {update['date']} ({stand}): "
        f"an update for all of them would set {', '.join(moved)} to {update['status']} "
        f"({update['progress']}%)",
        hint="log it about one side with --party NAME, or give --status to set every side")


def log_update(store: Store, pledge_id: int, *, day: date, status: str | None = None,
               progress: int | None = None, note: str | None = None,
               evidence: str | None = None, party: str | None = None,
               stamp: str | None = None, evidence_title: str | None = None,
               evidence_date: str | None = None, value: float | None = None,
               ) -> tuple[dict, dict]:
    """Log one dated update on a stored pledge; the pledge as stored now, and the update."""
    pledge = store.pledge(pledge_id)
    made = store.dialogue(pledge["dialogue"])["date"]
    if day.isoformat() < made:
        raise InvalidValue(f"--date {day.isoformat()} is before pledge {pledge_id} was "
                           f"made ({pledge['dialogue']}, {made})")
    try:
        changed, update = with_update(pledge, day=day.isoformat(), status=status,
                                      progress=progress, note=note, evidence=evidence,
                                      party=party, stamp=stamp or now_timestamp(),
                                      evidence_title=evidence_title,
                                      evidence_date=evidence_date, value=value)
    except InvalidValue as error:
        if error.message.startswith(f"pledge {pledge_id} "):
            raise
        raise InvalidValue(f"pledge {pledge_id}: {error.message}") from None
    store.update_pledge(changed)
    return changed, update


# -- dialogues ---------------------------------------------------------------


def dialogue_conflicts(dialogue: dict, pledges: list[dict]) -> list[str]:
    """What would break if `dialogue` were the dialogue of `pledges`: one line per problem.

    The rule every change of a dialogue obeys (edit, rename, import, merge): its
    pledges' parties, and the parties their updates name, stay among its parties,
    and none of their updates is dated before it. Empty when nothing breaks.
    """
    parties = {fold(name) for name in dialogue["parties"]}
    naming: dict[str, list[int]] = {}
    for pledge in pledges:
        names = [*pledge["by"], *(u["party"] for u in pledge["updates"] if u.get("party"))]
        for name in dict.fromkeys(names):
            if fold(name) not in parties:
                users = naming.setdefault(fold(name), [name])
                if pledge["id"] not in users[1:]:
                    users.append(pledge["id"])
    problems = [f"cannot remove party {users[0]!r}: {_pledges(users[1:])} name it"
                for users in naming.values()]
    early = {pledge["id"]: min(u["date"] for u in pledge["updates"]) for pledge in pledges
             if pledge["updates"] and min(u["date"] for u in pledge["updates"]) < dialogue["date"]}
    if early:
        problems.append(f"cannot move {dialogue['id']} to {dialogue['date']}: "
                        f"{_pledges(list(early))} have updates from {min(early.values())}")
    return problems


def _pledges(ids: list[int]) -> str:
    shown = ", ".join(map(str, ids[:10])) + (", …" if len(ids) > 10 else "")
    return f"pledge{'s' if len(ids) != 1 else ''} {shown}"


def change_dialogue(store: Store, current_id: str, record: dict, *,
                    stamp: str | None = None) -> bool:
    """Replace the stored dialogue `current_id` by `record` (which may rename it).

    Refused (Conflict, nothing written) when its pledges would no longer fit it
    (see `dialogue_conflicts`) or the new id is taken. On a rename the pledges
    follow. True when anything changed.
    """
    current = store.dialogue(current_id)
    updated = validate_dialogue(record)
    updated["created"], updated["updated"] = current.get("created"), stamp or now_timestamp()
    pledges = [p for p in store.pledges() if p["dialogue"] == current["id"]]
    problems = dialogue_conflicts(updated, pledges)
    if problems:
        raise Conflict(problems[0])
    if updated["id"] != current["id"] and store.find_dialogue(updated["id"]) is not None:
        raise Conflict(f"a dialogue with id {updated['id']!r} exists already")
    old_id = current["id"]  # update_dialogue changes `current` in place
    changed = store.update_dialogue(old_id, updated)
    if updated["id"] != old_id:
        for pledge in pledges:
            changed |= store.update_pledge({**pledge, "dialogue": updated["id"],
                                            "updated": updated["updated"]})
    return changed


# -- assessment rounds -------------------------------------------------------


def record_assessment(store: Store, plan: AssessmentPlan, day: date, *,
                      stamp: str | None = None) -> None:
    """Record a checked assessment round (see `tracker.assess.plan_assessment`).

    Each score is one update about its party dated `day`, logged as `mark
    --party` logs one; each party the round marks n/a joins the pledge's
    `not_verifiable_for`, and one scored again after an n/a leaves it.
    """
    moment = stamp or now_timestamp()
    for score in plan.scores:
        log_update(store, score.pledge_id, day=day, status=score.status, note=score.note,
                   evidence=score.evidence, party=score.party, stamp=moment)
    marking: dict[int, tuple[list[str], set[str]]] = {}
    for pledge_id, party in plan.not_applicable:
        marking.setdefault(pledge_id, ([], set()))[0].append(party)
    for pledge_id, party in plan.applicable_again:
        marking.setdefault(pledge_id, ([], set()))[1].add(fold(party))
    for pledge_id, (added, removed) in marking.items():
        pledge = store.pledge(pledge_id)
        kept = [p for p in pledge.get("not_verifiable_for") or () if fold(p) not in removed]
        changed = {**pledge, "updated": moment}
        changed.pop("not_verifiable_for", None)
        if kept + added:
            changed["not_verifiable_for"] = kept + added
        derive_state(changed)  # a party with no say any more, or again
        store.update_pledge(changed, exact=True)  # exact: a list emptied is dropped
