"""`tracker mark`: logging dated progress with evidence."""

import json
import re
from pathlib import Path

from conftest import SAMPLE, read_db


def test_mark_appends_an_update_and_sets_state(run, small_db):
    run("mark", "1", "--status", "in-progress", "--progress", "40", "--note", "Office leased",
        "--evidence", "https://example.org/a", "--date", "2025-03-01", ok=True)
    pledge = read_db(small_db)["pledges"]["1"]
    assert pledge["status"] == "in-progress" and pledge["progress"] == 40
    update = pledge["updates"][0]
    assert update["date"] == "2025-03-01"
    assert update["note"] == "Office leased"
    assert update["evidence"] == "https://example.org/a"
    assert list(update) == ["date", "status", "progress", "note", "evidence", "party",
                            "recorded"]


def test_status_comes_from_the_latest_update_by_date(run, small_db):
    run("mark", "1", "--status", "fulfilled", "--date", "2025-05-01", ok=True)
    run("mark", "1", "--status", "in-progress", "--progress", "30", "--date", "2025-02-01",
        ok=True)  # backdated: logged, but not the latest
    pledge = read_db(small_db)["pledges"]["1"]
    assert [u["date"] for u in pledge["updates"]] == ["2025-02-01", "2025-05-01"]
    assert pledge["status"] == "fulfilled" and pledge["progress"] == 100


def test_progress_rules(run, small_db):
    run("mark", "1", "--progress", "100", ok=True)
    assert read_db(small_db)["pledges"]["1"]["status"] == "fulfilled"
    run("mark", "2", "--progress", "20", ok=True)
    assert read_db(small_db)["pledges"]["2"]["status"] == "in-progress"
    refused = run("mark", "3", "--status", "fulfilled", "--progress", "50")
    assert refused.exit_code == 1 and "progress 100" in refused.stderr


def test_several_ids_and_party(run, small_db):
    run("mark", "1", "2", "--status", "stalled", "--note", "No news", ok=True)
    data = read_db(small_db)["pledges"]
    assert data["1"]["status"] == data["2"]["status"] == "stalled"
    run("mark", "1", "--status", "fulfilled", "--party", "beta", ok=True)
    assert read_db(small_db)["pledges"]["1"]["updates"][-1]["party"] == "Beta"
    wrong = run("mark", "2", "--status", "fulfilled", "--party", "Beta")
    assert wrong.exit_code == 1 and "made by Alpha" in wrong.stderr


def test_errors_change_nothing(run, small_db):
    before = small_db.read_bytes()
    cases = [
        (["1", "--status", "done"], "unknown status 'done' (choose from: pledged, in-progress"),
        (["1", "--progress", "150"], "progress must be from 0 to 100"),
        (["1", "99", "--status", "fulfilled"], "no pledge with id 99"),
        (["1", "--status", "stalled", "--date", "2030-01-01"], "in the future"),
        (["1"], "nothing to record"),
        (["0", "--note", "x"], "not a pledge id"),
        (["-1", "--note", "x"], None),
        (["99999999999999999999", "--note", "x"], "not a pledge id"),
    ]
    for args, message in cases:
        result = run("mark", *args)
        assert result.exit_code in (1, 2), args
        if message:
            assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert small_db.read_bytes() == before, args


def test_ids_from_stdin(run, small_db):
    run("mark", "-", "--status", "stalled", input="1\n3\tanything\n\n", ok=True)
    data = read_db(small_db)["pledges"]
    assert data["1"]["status"] == "stalled" and data["3"]["status"] == "stalled"
    assert data["2"]["status"] == "pledged"
    bad = run("mark", "-", "--status", "stalled", input="1\nabc\n")
    assert bad.exit_code == 1 and "stdin line 2" in bad.stderr


def test_a_party_update_leaves_the_other_party_and_the_pledge_alone(run, sample_db):
    # The QA case: Kazakhstan pulls out of joint pledge 2 (in-progress 10 by a joint update).
    result = run("mark", "2", "--party", "kazakhstan", "--status", "broken",
                 "--note", "KZ pulled out", ok=True)
    assert result.stderr.splitlines() == [
        "Pledge 2 (Kazakhstan): broken (10%) as of 2026-01-15; "
        "the pledge as a whole: in-progress (10%)"]
    stored = read_db(sample_db)["pledges"]["2"]
    assert (stored["status"], stored["progress"]) == ("in-progress", 10)
    report = json.loads(run("report", "--format", "json", ok=True).stdout)
    pledge2 = next(p for p in report["pledges"] if p["id"] == 2)
    assert pledge2["status"] == "in-progress"
    assert pledge2["party_status"] == {"China": "in-progress", "Kazakhstan": "broken"}
    parties = {g["name"]: g["counts"]["broken"] for g in report["groups"]["party"]}
    assert parties == {"China": 0, "Kazakhstan": 1}
    shown = run("show", "2", ok=True).stdout
    assert re.search(r"^status +in-progress$", shown, re.M)
    assert re.search(r"^by party +China in-progress · Kazakhstan broken$", shown, re.M)
    assert "by party" not in run("show", "3", ok=True).stdout


def test_a_party_update_continues_from_that_partys_state(run, small_db):
    run("mark", "1", "--status", "in-progress", "--progress", "40", "--date", "2025-03-01",
        ok=True)
    run("mark", "1", "--party", "Beta", "--progress", "70", "--date", "2025-04-01", ok=True)
    # Alpha's note continues from the joint 40%, not from Beta's 70%.
    run("mark", "1", "--party", "Alpha", "--note", "Still on it", "--date", "2025-05-01",
        ok=True)
    # A joint update continues from the pledge's own state: both sides have spoken since
    # the first joint update, so that is theirs combined (70 and 40: 55).
    run("mark", "1", "--note", "Joint review", "--date", "2025-06-01", ok=True)
    updates = read_db(small_db)["pledges"]["1"]["updates"]
    assert [(u["party"], u["status"], u["progress"]) for u in updates] == [
        (None, "in-progress", 40), ("Beta", "in-progress", 70), ("Alpha", "in-progress", 40),
        (None, "in-progress", 55)]


def test_a_note_for_all_never_gives_one_sides_status_to_the_other(run, small_db):
    # Alpha broke joint pledge 1; Beta has said nothing. A note with no status would
    # be a joint update stamped "broken", and Beta would be scored -1 for Alpha's act.
    run("mark", "1", "--party", "Alpha", "--status", "broken", "--date", "2025-05-01",
        ok=True)
    before = small_db.read_bytes()
    for extra in ([], ["--progress", "30"]):
        refused = run("mark", "1", "--note", "Joint commission met", "--date", "2025-06-01",
                      *extra)
        assert refused.exit_code == 1, extra
        assert refused.stderr.splitlines() == [
            "error: pledge 1 stands apart for its parties on 2025-06-01 (Alpha broken (0%), "
            "Beta pledged (0%)): an update for all of them would set Beta to "
            f"broken ({extra[1] if extra else 0}%)",
            "hint: log it about one side with --party NAME, or give --status to set every side"]
        assert small_db.read_bytes() == before
    # Said of one side, or with a status for both, it is recorded.
    run("mark", "1", "--party", "Beta", "--note", "Joint commission met", "--date",
        "2025-06-01", ok=True)
    report = json.loads(run("report", "--format", "json", ok=True).stdout)
    pledge1 = next(p for p in report["pledges"] if p["id"] == 1)
    assert pledge1["party_status"] == {"Alpha": "broken", "Beta": "pledged"}
    run("mark", "1", "--status", "in-progress", "--date", "2025-07-01", ok=True)
    # Standing together again, a note speaks for both and changes neither.
    run("mark", "1", "--note", "Quarterly review", "--date", "2025-08-01", ok=True)
    assert read_db(small_db)["pledges"]["1"]["updates"][-1]["status"] == "in-progress"


def test_only_party_updates_make_the_pledge_as_far_as_its_furthest_behind_party(
        run, small_db):
    run("mark", "1", "--party", "Alpha", "--status", "fulfilled", "--date", "2025-03-01",
        ok=True)
    pledge = read_db(small_db)["pledges"]["1"]
    assert (pledge["status"], pledge["progress"]) == ("in-progress", 50)  # Beta: pledged
    run("mark", "1", "--party", "Beta", "--status", "broken", "--date", "2025-04-01", ok=True)
    assert read_db(small_db)["pledges"]["1"]["status"] == "broken"
    run("mark", "1", "--party", "Beta", "--status", "fulfilled", "--date", "2025-05-01",
        ok=True)
    pledge = read_db(small_db)["pledges"]["1"]
    assert (pledge["status"], pledge["progress"]) == ("fulfilled", 100)


def test_a_first_party_update_keeps_an_imported_state_for_the_other_parties(run, db, tmp_path):
    document = json.loads(Path(SAMPLE).read_text(encoding="utf-8"))
    document["pledges"] = [p for p in document["pledges"] if p["id"] == 8]
    document["pledges"][0].update(status="partial", progress=60)  # imported with no update
    source = tmp_path / "one.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    run("import", source, ok=True)
    run("mark", "8", "--party", "China", "--status", "stalled", ok=True)
    pledge = read_db(db)["pledges"]["8"]
    assert [(u["party"], u["status"], u["progress"]) for u in pledge["updates"]] == [
        (None, "partial", 60), ("China", "stalled", 60)]
    shown = run("show", "8", ok=True).stdout
    assert re.search(r"^by party +China stalled · Kazakhstan partial$", shown, re.M)


def test_a_failed_multi_id_mark_confirms_nothing(run, small_db):
    before = small_db.read_bytes()
    result = run("mark", "1", "999", "--status", "fulfilled")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "error: no pledge with id 999"
    assert "Pledge 1" not in result.stderr
    assert small_db.read_bytes() == before
    done = run("mark", "1", "2", "--status", "fulfilled", "--date", "2025-05-01", ok=True)
    assert done.stderr.splitlines() == ["Pledge 1: fulfilled (100%) as of 2025-05-01",
                                        "Pledge 2: fulfilled (100%) as of 2025-05-01"]


def test_a_backdated_mark_says_what_it_logged_and_what_still_stands(run, small_db):
    run("mark", "1", "--status", "stalled", "--progress", "10", "--date", "2025-06-01",
        ok=True)
    result = run("mark", "1", "--status", "in-progress", "--progress", "30",
                 "--date", "2025-05-01", ok=True)
    assert result.stderr.strip() == ("Pledge 1: logged update of 2025-05-01 "
                                     "(in-progress 30%); current status stalled (10%)")


def test_an_update_cannot_predate_the_pledge(run, small_db):
    before = small_db.read_bytes()
    result = run("mark", "1", "--status", "broken", "--date", "2020-01-01")
    assert result.exit_code == 1
    assert "before pledge 1 was made (test-dlg, 2025-01-10)" in result.stderr
    assert small_db.read_bytes() == before


def test_a_new_status_keeps_the_progress_estimate(run, small_db):
    run("mark", "1", "--status", "fulfilled", "--date", "2025-03-01", ok=True)
    run("mark", "1", "--status", "partial", ok=True)
    pledge = read_db(small_db)["pledges"]["1"]
    assert (pledge["status"], pledge["progress"]) == ("partial", 100)


def test_progress_alone_never_demotes_a_fulfilled_pledge(run, small_db):
    run("mark", "1", "--status", "fulfilled", "--date", "2025-05-01", ok=True)
    before = small_db.read_bytes()
    refused = run("mark", "1", "--progress", "40")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("error: pledge 1: it is fulfilled")
    assert "--status in-progress" in refused.stderr
    assert small_db.read_bytes() == before
    run("mark", "1", "--progress", "40", "--status", "in-progress", ok=True)
    pledge = read_db(small_db)["pledges"]["1"]
    assert (pledge["status"], pledge["progress"]) == ("in-progress", 40)


def test_progress_alone_keeps_any_other_status(run, small_db):
    run("mark", "2", "--status", "stalled", "--date", "2025-03-01", ok=True)
    run("mark", "2", "--progress", "30", ok=True)
    assert read_db(small_db)["pledges"]["2"]["status"] == "stalled"
    run("mark", "2", "--progress", "100", ok=True)
    assert read_db(small_db)["pledges"]["2"]["status"] == "fulfilled"
    assert "status it has now" in run("mark", "--help").stdout
