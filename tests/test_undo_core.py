"""The undo core without the CLI: which entries are in effect, what to revert, reverting."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tracker import actions, undo
from tracker.errors import Conflict, InvalidValue, NotFound
from tracker.store import open_for_reading, open_for_writing

DIALOGUE = {"id": "talks-2025", "title": "Talks", "date": "2025-01-10", "place": None,
            "parties": ["Alpha", "Beta"], "participants": [], "source": None, "notes": None,
            "created": "2025-01-10T00:00:00Z", "updated": "2025-01-10T00:00:00Z"}


def entry(entry_id: int, *undoes: int, command: str = "cmd") -> dict:
    return {"id": entry_id, "command": command, "changes": [],
            **({"undoes": list(undoes)} if undoes else {})}


# -- the model: depth, effect, choosing ------------------------------------------------


def test_depth_counts_undos_of_undos():
    history = [entry(1), entry(2), entry(3, 2), entry(4, 3), entry(5, 1, 4)]
    assert undo.depths(history) == {1: 0, 2: 0, 3: 1, 4: 2, 5: 3}


def test_an_entry_is_in_effect_unless_an_entry_in_effect_reverts_it():
    history = [entry(1), entry(2, 1), entry(3, 2)]  # a change, its undo, a redo
    assert undo.in_effect(history) == {1: True, 2: False, 3: True}
    assert undo.reverted_by(history, 2) == 3
    assert undo.reverted_by(history, 1) is None
    assert undo.in_effect(history[:2]) == {1: False, 2: True}


def test_choose_walks_back_and_forward():
    history = [entry(1), entry(2), entry(3, 2)]
    assert [e["id"] for e in undo.choose(history).entries] == [1]
    redo = undo.choose(history, redo=True)
    assert ([e["id"] for e in redo.entries], redo.redo) == ([3], True)
    assert [e["id"] for e in undo.choose([entry(1), entry(2)], steps=2).entries] == [2, 1]
    assert undo.choose(history, entry_id=3).redo is True
    assert undo.choose(history, entry_id=1).redo is False


@pytest.mark.parametrize(("history", "options", "message"), [
    ([], {}, "the change log is empty"),
    ([entry(1)], {"steps": 0}, "--steps must be 1 or more"),
    ([entry(1), entry(2, 1)], {}, "every change is already undone"),
    ([entry(1)], {"redo": True}, "no undo is in effect"),
    ([entry(1)], {"steps": 2}, "only 1 entry can be undone, not 2"),
    ([entry(1), entry(2)], {"steps": 3}, "only 2 entries can be undone, not 3"),
    ([entry(1), entry(2, 1)], {"entry_id": 1}, "change #1 is already reverted (by #2)"),
])
def test_choose_refuses_what_cannot_be_done(history, options, message):
    with pytest.raises(InvalidValue) as raised:
        undo.choose(history, **options)
    assert message in raised.value.message


def test_choose_an_unknown_entry():
    with pytest.raises(NotFound, match="no change #9"):
        undo.choose([entry(1)], entry_id=9)


def test_describe_names_what_an_undo_reverted():
    history = [entry(1, command="mark 3"), entry(2, 1, command="undo")]
    assert undo.describe(history, history[1]) == "#2 (undo, which reverted #1 (mark 3))"
    assert undo.describe(history, entry(3, command="")) == "#3 (change)"


# -- reverting on a real database ---------------------------------------------------------


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "tracker.json"
    with open_for_writing(path, "dialogue add") as store:
        store.add_dialogue(dict(DIALOGUE))
    with open_for_writing(path, "add") as store:
        actions.create_pledge(store, {"text": "Open an office"}, "talks-2025")
        actions.create_pledge(store, {"text": "Hold a summit", "by": ["Beta"]}, "talks-2025")
    return path


def undo_last(path, **options):
    with open_for_writing(path, "undo") as store:
        undo.undo(store, undo.choose(store.history(), **options))


def test_reverting_gives_back_the_file_byte_for_byte(db):
    before = db.read_bytes()
    with open_for_writing(db, "mark 1") as store:
        actions.log_update(store, 1, day=date(2025, 3, 1),
                           status="partial", progress=50)
    with open_for_writing(db, "edit 2") as store:
        store.update_pledge({**store.pledge(2), "area": "trade"})
    undo_last(db, steps=2)
    data = json.loads(db.read_text(encoding="utf-8"))
    assert {k: v for k, v in data.items() if k not in ("history", "meta")} == {
        k: v for k, v in json.loads(before).items() if k not in ("history", "meta")}
    assert data["history"]["5"]["undoes"] == [4, 3]


def test_undo_brings_back_removed_pledges_with_their_ids(db):
    with open_for_writing(db, "remove 1") as store:
        store.remove_pledge(1)
    undo_last(db)
    store = open_for_reading(db)
    assert [p["id"] for p in store.pledges()] == [1, 2]
    assert store.next_pledge_id() == 3


def test_a_change_changed_again_since_cannot_be_undone_out_of_order(db):
    with open_for_writing(db, "edit 1") as store:
        store.update_pledge({**store.pledge(1), "area": "trade"})
    with open_for_writing(db, "edit 1 again") as store:
        store.update_pledge({**store.pledge(1), "area": "energy"})
    unchanged = db.read_bytes()
    with pytest.raises(Conflict, match=r"cannot undo #3 \(edit 1\): pledge 1 was changed "
                                       r"again since, by #4 \(edit 1 again\)"):
        undo_last(db, entry_id=3)
    assert db.read_bytes() == unchanged


def test_an_undo_that_would_orphan_a_pledge_is_refused(db):
    with open_for_writing(db, "dialogue edit") as store:
        actions.change_dialogue(store, "talks-2025",
                                {**store.dialogue("talks-2025"),
                                 "parties": ["Alpha", "Beta", "Gamma"]})
    with open_for_writing(db, "add") as store:
        actions.create_pledge(store, {"text": "Gamma's own", "by": ["Gamma"]}, "talks-2025")
    assert undo.broken_references(open_for_reading(db)) == {}
    with pytest.raises(Conflict, match="pledge 3 is by Gamma, which would no longer be a "
                                       "party of talks-2025"):
        undo_last(db, entry_id=3)


def test_broken_references_names_a_missing_dialogue(db):
    with open_for_writing(db, "dialogue remove") as store:
        store.remove_dialogue("talks-2025")
        assert undo.broken_references(store) == {
            1: "belongs to dialogue 'talks-2025', which would no longer exist",
            2: "belongs to dialogue 'talks-2025', which would no longer exist"}
        store.log.clear()  # nothing to commit: the file stays as it was
    assert open_for_reading(db).find_dialogue("talks-2025") is not None


def test_an_undo_of_an_entry_no_longer_in_the_log_is_still_an_undo():
    assert undo.depths([entry(5, 3)]) == {5: 1}


def test_undo_reverts_a_redo_and_redo_reverts_an_undo_of_a_redo():
    redone = [entry(1), entry(2, 1), entry(3, 2)]  # depth 0, 1, 2
    assert [e["id"] for e in undo.choose(redone).entries] == [3]
    undone_again = [*redone, entry(4, 3)]  # depth 3: an undo of the redo
    assert undo.depths(undone_again)[4] == 3
    assert [e["id"] for e in undo.choose(undone_again, redo=True).entries] == [4]
