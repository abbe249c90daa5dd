"""`tracker dialogue …`: recording and managing dialogues."""

import json

import pytest
from conftest import read_db


def test_add_prints_id_and_stores_dialogue(run, db):
    result = run("dialogue", "add", "Strategic Dialogue", "--date", "29 March 2024",
                 "--party", "China", "--party", "Kazakhstan", "--place", "Beijing",
                 "--participant", "Wang Yi|Foreign Minister|China", "--source-lang", "fr",
                 ok=True)
    assert result.stdout == "strategic-dialogue-2024\n"
    assert "Recorded dialogue strategic-dialogue-2024" in result.stderr
    stored = list(read_db(db)["dialogues"].values())[0]
    assert stored["date"] == "2024-03-29"
    assert stored["parties"] == ["China", "Kazakhstan"]
    assert stored["participants"] == [
        {"name": "Wang Yi", "role": "Foreign Minister", "party": "China"}]
    assert stored["source"] == {"title": None, "url": None, "language": "fr"}


def test_duplicate_id_refused(run, small_db):
    before = small_db.read_bytes()
    result = run("dialogue", "add", "Again", "--date", "2025-01-01", "--party", "X",
                 "--id", "test-dlg")
    assert result.exit_code == 1
    assert "exists already" in result.stderr
    assert small_db.read_bytes() == before


def test_bad_slug_and_bad_date_are_errors(run, db):
    bad_slug = run("dialogue", "add", "T", "--date", "2025-01-01", "--party", "X",
                   "--id", "Not A Slug")
    assert bad_slug.exit_code == 1 and "not a slug" in bad_slug.stderr
    bad_date = run("dialogue", "add", "T", "--date", "03/04/2025", "--party", "X")
    assert bad_date.exit_code == 1 and "ambiguous" in bad_date.stderr
    assert not db.exists()


def test_missing_party_is_usage_error(run, db):
    result = run("dialogue", "add", "T", "--date", "2025-01-01")
    assert result.exit_code == 2
    assert "--party" in result.stderr


def test_list_and_show(run, small_db):
    listed = run("dialogue", "list", ok=True)
    assert listed.stdout.split("\t")[:3] == ["test-dlg", "2025-01-10", "Test Dialogue"]
    as_json = json.loads(run("dialogue", "list", "--format", "json", ok=True).stdout)
    assert as_json[0]["id"] == "test-dlg"
    shown = run("dialogue", "show", "test-dlg", ok=True)
    assert "Test Dialogue" in shown.stdout and "3 pledges" in shown.stdout
    one = json.loads(run("dialogue", "show", "test-dlg", "--format", "json", ok=True).stdout)
    assert one["parties"] == ["Alpha", "Beta"]
    missing = run("dialogue", "show", "nope")
    assert missing.exit_code == 1 and "no dialogue with id 'nope'" in missing.stderr


def test_edit_renames_and_pledges_follow(run, small_db):
    run("dialogue", "edit", "test-dlg", "--id", "renamed-dlg", "--place", "Astana", ok=True)
    data = read_db(small_db)
    assert [d["id"] for d in data["dialogues"].values()] == ["renamed-dlg"]
    assert {p["dialogue"] for p in data["pledges"].values()} == {"renamed-dlg"}


def test_edit_refuses_removing_a_party_in_use(run, small_db):
    before = small_db.read_bytes()
    result = run("dialogue", "edit", "test-dlg", "--remove-party", "alpha")
    assert result.exit_code == 1 and "pledges 1, 2 name it" in result.stderr
    assert small_db.read_bytes() == before


def test_remove_refused_with_pledges_unless_cascade(run, small_db):
    refused = run("dialogue", "remove", "test-dlg", "--yes")
    assert refused.exit_code == 1 and "--cascade" in refused.stderr
    no_yes = run("dialogue", "remove", "test-dlg", "--cascade")
    assert no_yes.exit_code == 1 and "--yes" in no_yes.stderr
    run("dialogue", "remove", "test-dlg", "--cascade", "--yes", ok=True)
    data = read_db(small_db)
    assert data["dialogues"] == {} and data["pledges"] == {}


def test_a_participant_must_belong_to_one_of_the_parties(run, db):
    base = ["dialogue", "add", "T", "--date", "2024-01-01", "--party", "China", "--party",
            "Kazakhstan"]
    result = run(*base, "--participant", "Wang Yi|FM|Russia")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error: participant Wang Yi: 'Russia' is not a party of this dialogue "
        "(parties: China, Kazakhstan)\n")
    assert not db.exists() or read_db(db)["dialogues"] == {}
    run(*base, "--participant", "Wang Yi|FM|china", "--participant", "Someone", ok=True)
    people = next(iter(read_db(db)["dialogues"].values()))["participants"]
    assert [p["party"] for p in people] == ["China", None]  # stored as the party is spelled


@pytest.mark.parametrize("tag, ok", [("fr", True), ("zh-Hans", True), ("pt-BR", True),
                                     ("es-419", True), ("not a tag!", False), ("f", False),
                                     ("french", False), ("fr_FR", False), ("fr-", False)])
def test_source_language_must_look_like_a_language_tag(run, db, tag, ok):
    result = run("dialogue", "add", "T", "--date", "2024-01-01", "--party", "China",
                 "--source-lang", tag)
    assert result.exit_code == (0 if ok else 1), result.stderr
    if not ok:
        assert f"source language {tag!r} is not a language tag" in result.stderr


def test_a_dialogue_cannot_move_after_its_pledges_updates(run, small_db):
    run("mark", "1", "--status", "in-progress", "--date", "2025-02-01", ok=True)
    before = small_db.read_bytes()
    result = run("dialogue", "edit", "test-dlg", "--date", "2025-03-01")
    assert result.exit_code == 1 and "updates from 2025-02-01" in result.stderr
    assert small_db.read_bytes() == before
    run("dialogue", "edit", "test-dlg", "--date", "2025-01-20", ok=True)


def test_adding_a_participant_twice_keeps_one(run, db):
    run("dialogue", "add", "Round", "--date", "2025-01-10", "--party", "China", "--party",
        "Kazakhstan", "--id", "r", ok=True)
    run("dialogue", "edit", "r", "--add-participant", "Wang Yi|Minister|China", ok=True)
    run("dialogue", "edit", "r", "--add-participant", "Wang Yi|Minister|China", ok=True)
    run("dialogue", "edit", "r", "--add-participant", "wang yi|Foreign Minister", ok=True)
    people = next(iter(read_db(db)["dialogues"].values()))["participants"]
    assert people == [{"name": "Wang Yi", "role": "Foreign Minister", "party": "China"}]
    refused = run("dialogue", "edit", "r", "--add-participant", "Someone|Envoy|Russia")
    assert refused.exit_code == 1
    assert "'Russia' is not a party of this dialogue (parties: China, Kazakhstan)" in \
        refused.stderr
