"""The model's rules: validation, status from the latest update, the mark rules."""

import pytest

from tracker import model
from tracker.errors import InvalidValue
from tracker.model import (
    combine_states,
    fold,
    insert_update,
    latest_update,
    resolve_mark,
    slugify,
    validate_dialogue,
    validate_pledge,
)

DIALOGUE = validate_dialogue({"id": "d-2025", "title": "D", "date": "2025-01-01",
                              "parties": ["China", "Kazakhstan"]})


def test_pledge_state_comes_from_latest_update_by_date():
    pledge = validate_pledge({"text": "x", "updates": [
        {"date": "2025-05-01", "status": "fulfilled", "progress": 100},
        {"date": "2025-02-01", "status": "in-progress", "progress": 20},
    ]}, DIALOGUE)
    assert [u["date"] for u in pledge["updates"]] == ["2025-02-01", "2025-05-01"]
    assert (pledge["status"], pledge["progress"]) == ("fulfilled", 100)


def test_same_day_updates_keep_their_order():
    first = {"date": "2025-01-01", "status": "in-progress"}
    second = {"date": "2025-01-01", "status": "stalled"}
    assert latest_update([first, second]) is second
    assert insert_update([first], second) == [first, second]


@pytest.mark.parametrize("current, status, progress, expected", [
    ("pledged", None, 100, ("fulfilled", 100)),
    ("pledged", None, 30, ("in-progress", 30)),
    ("stalled", None, 30, ("stalled", 30)),
    ("broken", None, 100, ("fulfilled", 100)),
    ("partial", None, 60, ("partial", 60)),
    ("in-progress", "fulfilled", None, ("fulfilled", 100)),
    ("in-progress", "partial", 100, ("partial", 100)),
])
def test_mark_rules(current, status, progress, expected):
    assert resolve_mark(current, status, progress, 10) == expected


def test_fulfilled_needs_full_progress():
    with pytest.raises(InvalidValue, match="progress 100"):
        resolve_mark("pledged", "fulfilled", 50, 0)


@pytest.mark.parametrize("record, message", [
    ({"text": ""}, "text must not be empty"),
    ({"text": "x", "by": ["Russia"]}, "not a party"),
    ({"text": "x", "status": "done"}, "unknown status"),
    ({"text": "x", "progress": 101}, "0 to 100"),
    ({"text": "x", "due": "2025-13-01"}, "not a real date"),
    ({"text": "x", "verifiable": "yes"}, "true or false"),
    ({"text": "x", "updates": [{"date": "2025-01-01", "party": "Mongolia"}]}, "not a party"),
])
def test_pledge_validation(record, message):
    with pytest.raises(InvalidValue, match=message):
        validate_pledge(record, DIALOGUE)


def test_names_match_case_insensitively_and_keep_first_spelling():
    pledge = validate_pledge({"text": "x", "by": ["KAZAKHSTAN", "kazakhstan"]}, DIALOGUE)
    assert pledge["by"] == ["Kazakhstan"]


def test_slugify_drops_accents_and_adds_year():
    assert slugify("Dialogue stratégique Chine–Kazakhstan", "2024-03-29") == \
        "dialogue-strategique-chine-kazakhstan-2024"


@pytest.mark.parametrize(("states", "expected"), [
    ([("in-progress", 40), ("in-progress", 60)], ("in-progress", 50)),
    ([("fulfilled", 100), ("broken", 30)], ("broken", 65)),       # one side broke it
    ([("fulfilled", 100), ("stalled", 20)], ("stalled", 60)),
    ([("fulfilled", 100), ("pledged", 0)], ("in-progress", 50)),  # a step is on record
    ([("pledged", 0), ("pledged", 0)], ("pledged", 0)),
    ([("fulfilled", 100), ("partial", 70)], ("partial", 85)),
    ([("fulfilled", 100), ("superseded", 10)], ("fulfilled", 100)),  # replaced part
    ([("superseded", 10), ("superseded", 30)], ("superseded", 20)),
    ([("fulfilled", 100), ("fulfilled", 100)], ("fulfilled", 100)),
])
def test_party_states_combine_into_the_furthest_behind(states, expected):
    assert combine_states(states) == expected


def test_fold_is_cached_for_names_only(monkeypatch):
    monkeypatch.setattr(model, "_FOLDED", {})
    assert fold("Kazakhstan") == fold("KAZAKHSTAN") == "kazakhstan"
    assert model._FOLDED == {"Kazakhstan": "kazakhstan", "KAZAKHSTAN": "kazakhstan"}
    long_text = "Élargir " * 20
    assert fold(long_text) == "elargir " * 20
    assert len(model._FOLDED) == 2  # long text is not kept


def test_fold_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(model, "_FOLDED", {})
    monkeypatch.setattr(model, "FOLD_CACHE_SIZE", 3)
    assert [fold(f"Partie {n}") for n in range(5)] == [f"partie {n}" for n in range(5)]
    assert len(model._FOLDED) == 3


def test_a_new_status_alone_keeps_the_progress_estimate():
    assert resolve_mark("fulfilled", "partial", None, 100) == ("partial", 100)
    assert resolve_mark("broken", "in-progress", None, 60) == ("in-progress", 60)


def test_pledge_follows_its_parties_once_all_have_spoken_after_the_joint_update():
    def log(*entries):
        return validate_pledge({"text": "x", "updates": [
            {"date": d, "status": s, "party": p} for d, s, p in entries]}, DIALOGUE)

    joint_then_one = log(("2025-02-01", "in-progress", None),
                         ("2025-03-01", "fulfilled", "China"))
    assert joint_then_one["status"] == "in-progress"  # Kazakhstan has not spoken since
    both = log(("2025-02-01", "in-progress", None), ("2025-03-01", "fulfilled", "China"),
               ("2025-04-01", "fulfilled", "Kazakhstan"))
    assert (both["status"], both["progress"]) == ("fulfilled", 100)
    older = log(("2025-01-15", "fulfilled", "China"), ("2025-01-20", "fulfilled", "Kazakhstan"),
                ("2025-02-01", "in-progress", None))
    assert older["status"] == "in-progress"  # the joint update is newer than both
    mixed = log(("2025-02-01", "in-progress", None), ("2025-03-01", "fulfilled", "China"),
                ("2025-04-01", "stalled", "Kazakhstan"))
    assert mixed["status"] == "stalled"  # the parties' combining rule applies
    alone = validate_pledge({"text": "x", "by": ["Kazakhstan"], "updates": [
        {"date": "2025-02-01", "status": "in-progress"},
        {"date": "2025-05-01", "status": "fulfilled", "party": "Kazakhstan"}]}, DIALOGUE)
    assert (alone["status"], alone["progress"]) == ("fulfilled", 100)


def test_a_pledge_listing_no_party_keeps_its_joint_update():
    from tracker.model import pledge_state

    record = {"by": [], "status": "pledged", "progress": 0, "updates": [
        {"date": "2025-02-01", "status": "stalled", "progress": 10, "party": None}]}
    assert pledge_state(record) == ("stalled", 10)
