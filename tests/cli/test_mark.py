"""`tracker mark`: logging dated progress with evidence."""

from conftest import read_db


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
