"""`tracker extract`: candidates from a readout, and --add in one undoable change."""

import json
from pathlib import Path

import pytest
from conftest import SHARED, read_db

READOUTS = Path(__file__).resolve().parent.parent / "fixtures" / "readouts"
SEED = SHARED / "seeds" / "000_280498be22c27ec9.txt"


@pytest.fixture
def en_dialogue(run, db):
    expected = json.loads((READOUTS / "en_china_turkmenistan.expected.json").read_text())
    dialogue = expected["dialogue"]
    args = ["dialogue", "add", dialogue["title"], "--date", dialogue["date"], "--id",
            dialogue["id"]]
    for party in dialogue["parties"]:
        args += ["--party", party]
    for person in dialogue.get("participants", []):
        args += ["--participant", f"{person['name']}|{person.get('role') or ''}|"
                                  f"{person.get('party') or ''}"]
    run(*args, ok=True)
    return dialogue, expected


def test_json_candidates_from_a_file(run, en_dialogue):
    dialogue, expected = en_dialogue
    result = run("extract", READOUTS / "en_china_turkmenistan.txt", "-d", dialogue["id"],
                 "--format", "json", ok=True)
    candidates = json.loads(result.stdout)
    assert len(candidates) == len(expected["pledges"])
    assert list(candidates[0]) == ["quote", "text", "by", "area", "framework", "sentence",
                                   "kind", "cue", "due"]
    assert f"{len(candidates)} candidate pledges found" in result.stderr


def test_add_records_all_in_one_change(run, en_dialogue, db):
    dialogue, expected = en_dialogue
    text = (READOUTS / "en_china_turkmenistan.txt").read_text(encoding="utf-8")
    refused = run("extract", "-", "-d", dialogue["id"], "--add", input=text)
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[-1] == (
        "error: nothing recorded: confirming needs a terminal; pass --yes to record them "
        "without asking")
    assert read_db(db)["pledges"] == {}
    result = run("extract", "-", "-d", dialogue["id"], "--add", "--yes", input=text, ok=True)
    ids = [int(line) for line in result.stdout.split()]
    # The readout holds one proposal (a call by one minister): --add records commitments only.
    assert ids == list(range(1, len(expected["pledges"])))
    assert "1 proposal left out (--include-proposals records them too)" in result.stderr
    data = read_db(db)
    assert len(data["pledges"]) == len(ids)
    assert all(p["tags"] == ["extracted"] for p in data["pledges"].values())
    last = list(data["history"].values())[-1]
    assert last["command"].startswith("extract stdin --add")
    assert {change["key"] for change in last["changes"]} == set(ids)
    run("undo", ok=True)  # one undo takes the whole extraction back
    assert read_db(db)["pledges"] == {}


def test_errors(run, en_dialogue, tmp_path):
    dialogue, _ = en_dialogue
    missing = run("extract", tmp_path / "nope.txt", "-d", dialogue["id"])
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    unknown = run("extract", "-", "-d", "nope", input="The sides agreed to meet.")
    assert unknown.exit_code == 1 and "no dialogue" in unknown.stderr
    empty = run("extract", "-", "-d", dialogue["id"], input="  \n")
    assert empty.exit_code == 1 and "no text" in empty.stderr
    lang = run("extract", "-", "-d", dialogue["id"], "--lang", "de", input="x")
    assert lang.exit_code == 1 and "unknown language" in lang.stderr


@pytest.mark.skipif(not SEED.exists(), reason="the seed readout (../shared/seeds) is not here")
def test_seed_readout_through_the_cli(run, sample_db):
    result = run("extract", SEED, "-d", "cn-kz-fmsd-2024", "--format", "tsv", ok=True)
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["sentence", "by", "kind", "cue", "due", "area", "framework", "text",
                       "quote"]
    by = [row[1] for row in rows[1:]]
    assert by.count("China") == 4 and by.count("Kazakhstan") == 5
    assert by.count("China; Kazakhstan") == 8


def test_add_twice_records_nothing_new_the_second_time(run, en_dialogue, db):
    dialogue, expected = en_dialogue
    text = (READOUTS / "en_china_turkmenistan.txt").read_text(encoding="utf-8")
    run("extract", "-", "-d", dialogue["id"], "--add", "--yes", input=text, ok=True)
    before = db.read_bytes()
    again = run("extract", "-", "-d", dialogue["id"], "--add", "--yes", input=text, ok=True)
    count = len(expected["pledges"]) - 1  # the commitments: the proposal is left out
    assert again.stdout == ""
    assert f"{count} candidates already recorded in {dialogue['id']}: skipped" in again.stderr
    assert f"Nothing new to record in {dialogue['id']}." in again.stderr
    assert db.read_bytes() == before


def test_add_skips_only_texts_the_dialogue_has_ignoring_case_and_accents(run, en_dialogue, db):
    dialogue, _ = en_dialogue
    text = (READOUTS / "en_china_turkmenistan.txt").read_text(encoding="utf-8")
    found = json.loads(run("extract", "-", "-d", dialogue["id"], "--format", "json",
                           input=text, ok=True).stdout)
    first = found[0]["text"]
    run("add", first.upper().replace("E", "É"), "-d", dialogue["id"], ok=True)
    result = run("extract", "-", "-d", dialogue["id"], "--add", "--yes", input=text, ok=True)
    assert "1 candidate already recorded" in result.stderr
    texts = [p["text"] for p in read_db(db)["pledges"].values()]
    commitments = [c for c in found if c["kind"] == "commitment"]
    assert len(texts) == len(commitments) and first not in texts


def test_include_proposals_records_both_kinds_with_their_deadline(run, en_dialogue, db):
    dialogue, expected = en_dialogue
    text = (READOUTS / "en_china_turkmenistan.txt").read_text(encoding="utf-8")
    found = json.loads(run("extract", "-", "-d", dialogue["id"], "--format", "json",
                           input=text, ok=True).stdout)
    (proposal,) = [c for c in found if c["kind"] == "proposal"]
    assert proposal["by"] == ["China"] and proposal["cue"].startswith("called on")
    result = run("extract", "-", "-d", dialogue["id"], "--add", "--include-proposals", "--yes",
                 input=text, ok=True)
    assert len(result.stdout.split()) == len(expected["pledges"])
    assert "[proposal]" in result.stderr and f"(due {proposal['due']})" in result.stderr
    pledges = read_db(db)["pledges"].values()
    recorded = next(p for p in pledges if p["text"] == proposal["text"])
    assert recorded["tags"] == ["extracted", "proposal"] and recorded["due"] == proposal["due"]


def test_include_proposals_needs_add(run, en_dialogue, db):
    dialogue, _ = en_dialogue
    before = db.read_bytes()
    result = run("extract", "-", "-d", dialogue["id"], "--include-proposals",
                 input="China will build a road.")
    assert result.exit_code == 1 and "--include-proposals goes with --add" in result.stderr
    assert db.read_bytes() == before


def test_kind_cue_and_due_in_every_format(run, en_dialogue):
    dialogue, _ = en_dialogue
    text = "Turkmenistan will open a trade house in Beijing by 2027."
    for fmt in ("json", "ndjson", "csv", "tsv"):
        out = run("extract", "-", "-d", dialogue["id"], "--format", fmt, input=text, ok=True)
        assert "commitment" in out.stdout and "2027-12-31" in out.stdout, fmt
        assert "will" in out.stdout, fmt
    table = run("extract", "-", "-d", dialogue["id"], "--format", "table", input=text, ok=True)
    assert "commitment" in table.stdout and "2027-12-31" in table.stdout


def test_add_of_one_new_pledge_names_its_id_not_a_range(run, en_dialogue, db):
    """'(ids 30–30; one `tracker undo` reverts them)' read oddly for a single pledge."""
    dialogue, _ = en_dialogue
    text = (READOUTS / "en_china_turkmenistan.txt").read_text(encoding="utf-8")
    found = json.loads(run("extract", "-", "-d", dialogue["id"], "--format", "json",
                           input=text, ok=True).stdout)
    commitments = [c["text"] for c in found if c["kind"] == "commitment"]
    for recorded in commitments[1:]:
        run("add", recorded, "-d", dialogue["id"], ok=True)
    result = run("extract", "-", "-d", dialogue["id"], "--add", "--yes", input=text, ok=True)
    new_id = int(result.stdout)
    assert f"Recorded 1 pledge in {dialogue['id']} (id {new_id}; `tracker undo` reverts it)" \
        in result.stderr
    assert "–" not in result.stderr
