"""`tracker assess` and `export --format matrix`: score sheets in, score sheets out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import read_db


@pytest.fixture
def trio(run, db) -> Path:
    """North, South, East (2025-01-10); 1 joint, 2 North alone, 3 joint, 4 South and East."""
    run("dialogue", "add", "Trio", "--date", "2025-01-10", "--party", "North", "--party",
        "South", "--party", "East", "--id", "trio", ok=True)
    run("add", "Open the border posts", "-d", "trio", ok=True)
    run("add", "Cut tariffs", "-d", "trio", "--by", "North", ok=True)
    run("add", "Hold a summit", "-d", "trio", ok=True)
    run("add", "Build a pipeline", "-d", "trio", "--by", "South", "--by", "East", ok=True)
    return db


WIDE = ("pledge,North,South,East\n"
        "1,+1,0,-1\n"
        "Cut tariffs,1,,\n"
        "3,fulfilled,\u22121,n/a\n"
        "4,,,0\n")


def sheet(tmp_path: Path, text: str, name: str = "round.csv", encoding: str = "utf-8"
          ) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def pledge(path: Path, pledge_id: int) -> dict:
    return read_db(path)["pledges"][str(pledge_id)]


def report(run, *args: str) -> dict:
    return json.loads(run("report", "--format", "json", *args, ok=True).stdout)


def test_a_wide_sheet_records_one_update_per_scored_cell(run, trio, tmp_path):
    result = run("assess", sheet(tmp_path, WIDE), "--dialogue", "trio", "--date",
                 "2025-06-30", "--note", "Interim round", ok=True)
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "Recorded 7 scores dated 2025-06-30 on 4 pledges; 1 n/a (not verifiable for that "
        "party); 1 not assessed (empty)")  # South on 4: North is not party to 2 or 4
    one = pledge(trio, 1)
    assert [(u["date"], u["party"], u["status"], u["note"]) for u in one["updates"]] == [
        ("2025-06-30", "North", "fulfilled", "Interim round"),
        ("2025-06-30", "South", "partial", "Interim round"),
        ("2025-06-30", "East", "broken", "Interim round")]
    assert one["updates"][0]["progress"] == 100
    three = pledge(trio, 3)
    assert [(u["party"], u["status"]) for u in three["updates"]] == [
        ("North", "fulfilled"), ("South", "broken")]
    assert three["not_verifiable_for"] == ["East"]
    assert [(u["party"], u["status"]) for u in pledge(trio, 4)["updates"]] == [
        ("East", "partial")]
    # Cells: +1 0 -1 | +1 | +1 -1 (East n/a) | 0 (South not assessed): 7 scored, total +1.
    data = report(run, "--as-of", "2025-07-01")
    assert (data["summary"]["scored"], data["summary"]["average_score"]) == (
        7, pytest.approx(1 / 7))
    three_figures = next(p for p in data["pledges"] if p["id"] == 3)
    assert three_figures["cells"] == {"North": 1, "South": -1, "East": "n/a"}
    assert three_figures["average_score"] == 0.0
    east = next(g for g in data["groups"]["party"] if g["name"] == "East")
    assert (east["scored"], east["average_score"], east["no_action"]) == (2, -0.5, 0)


def test_show_says_a_party_is_not_verifiable_and_undo_reverts_the_whole_round(
        run, trio, tmp_path):
    before = read_db(trio)["pledges"]
    run("assess", sheet(tmp_path, WIDE), "--dialogue", "trio", "--date", "2025-06-30",
        ok=True)
    shown = run("show", "3", ok=True).stdout
    assert "not verifiable for: East" in shown
    assert json.loads(run("show", "3", "--format", "json", ok=True).stdout)[
        "not_verifiable_for"] == ["East"]
    history = run("history", ok=True).stdout
    changes = {line.split("\t")[0] for line in history.splitlines() if "\tassess " in line}
    assert len(changes) == 1  # the whole round is one change
    after = read_db(trio)["pledges"]
    run("undo", ok=True)
    assert read_db(trio)["pledges"] == before
    assert "not verifiable for" not in run("show", "3", ok=True).stdout
    run("undo", "--redo", ok=True)
    assert read_db(trio)["pledges"] == after


def test_a_long_sheet_with_notes_and_evidence(run, trio, tmp_path):
    text = ("party,pledge,score,note,evidence\n"
            "north,1,+1,Posts open,https://example.org/posts\n"
            "South,Open the border posts,partial,,\n"
            "East,1,n/a,,\n"
            "South,4,,,\n")
    run("assess", sheet(tmp_path, text), "-d", "trio", "--date", "2025-06-30", "--note",
        "Round one", ok=True)
    one = pledge(trio, 1)
    assert [(u["party"], u["status"], u["note"], u["evidence"]) for u in one["updates"]] == [
        ("North", "fulfilled", "Posts open", "https://example.org/posts"),
        ("South", "partial", "Round one", None)]
    assert one["not_verifiable_for"] == ["East"]
    # East, to whom it does not apply, does not hold the pledge back: partial, not in-progress.
    assert (one["status"], one["progress"]) == ("partial", 50)
    assert pledge(trio, 4)["updates"] == []


def test_semicolons_bom_and_crlf_are_read_as_import_reads_them(run, trio, tmp_path):
    text = "\ufeffpledge;North;South;East\r\n1;+1;0;\u22121\r\n"
    run("assess", sheet(tmp_path, text), "-d", "trio", "--date", "2025-06-30", ok=True)
    assert [u["status"] for u in pledge(trio, 1)["updates"]] == [
        "fulfilled", "partial", "broken"]


def test_stdin_and_dry_run(run, trio):
    before = trio.read_bytes()
    result = run("assess", "-", "-d", "trio", "--date", "2025-06-30", "--dry-run", input=WIDE,
                 ok=True)
    assert "Would record 7 scores dated 2025-06-30 on 4 pledges" in result.stderr
    assert "dry run: nothing written" in result.stderr
    assert trio.read_bytes() == before
    run("assess", "-", "-d", "trio", "--date", "2025-06-30", input=WIDE, ok=True)
    assert len(pledge(trio, 1)["updates"]) == 3


def test_the_same_round_twice_changes_nothing(run, trio, tmp_path):
    path = sheet(tmp_path, WIDE)
    run("assess", path, "-d", "trio", "--date", "2025-06-30", ok=True)
    after_first = trio.read_bytes()
    second = run("assess", path, "-d", "trio", "--date", "2025-06-30", ok=True)
    assert "Recorded 0 scores" in second.stderr and "8 already on record" in second.stderr
    assert read_db(trio)["pledges"] == json.loads(after_first)["pledges"]


BAD = ("pledge,North,South,West\n"       # West: not a party of the dialogue
       "1,+2,0,\n"                        # +2: not a score
       "2,1,1,\n"                         # South did not make pledge 2
       "99,1,,\n"                         # no pledge 99
       "Build a bridge,1,,\n"             # no such text
       "3,maybe,,\n"                      # not a score
       "4,,0,1\n")                        # West again (listed once, for its header)


def test_every_bad_cell_is_listed_with_its_row_and_column_and_nothing_is_written(
        run, trio, tmp_path):
    before = trio.read_bytes()
    result = run("assess", sheet(tmp_path, BAD), "-d", "trio", "--date", "2025-06-30")
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1] == f"error: {tmp_path / 'round.csv'}: 6 problems; nothing was recorded"
    listed = "\n".join(lines[:-1])
    for expected in (
            "row 2, column 'North': '+2' is not a score",
            "row 3, column 'South': pledge 2 was made by North, not South",
            "row 4: no pledge 99 in trio",
            "row 5: no pledge of trio reads 'Build a bridge'",
            "row 1, column 'West': 'West' is not a party of trio",
            "row 6, column 'North': 'maybe' is not a score"):
        assert expected in listed, expected
    assert "Traceback" not in result.stderr
    assert trio.read_bytes() == before


@pytest.mark.parametrize(("text", "message"), [
    ("pledge,party,score\n1,North,1\n1,north,0\n", "row 3, column 'score': pledge 1 is "
     "scored for North again (first in row 2)"),
    ("pledge,party,score\n1,,1\n", "row 2, column 'party': no party named"),
    ("pledge,party,score,colour\n1,North,1,red\n", "row 1: unknown column 'colour'"),
    ("pledge,North,North\n1,1,1\n", "row 1: the party 'North' has two columns"),
    ("pledge\n1\n", "row 1: no party columns"),
    ("", "the sheet is empty"),
    ("pledge,North\n,1\n", "row 2, column 'pledge': no pledge named"),
    ("pledge,North\n1,1,1\n", "row 2: 3 cells, but the header has 2 columns"),
])
def test_sheet_shape_problems(run, trio, tmp_path, text, message):
    before = trio.read_bytes()
    result = run("assess", sheet(tmp_path, text), "-d", "trio", "--date", "2025-06-30")
    assert result.exit_code == 1 and message in result.stderr, result.stderr
    assert trio.read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "2031-01-01"], "is in the future"),
    (["--date", "2024-12-31"], "before trio took place"),
    (["--date", "03/04/2025"], "ISO"),
    (["--dialogue", "nope"], "nope"),
])
def test_bad_options_exit_1_and_change_nothing(run, trio, tmp_path, args, message):
    options = {"--dialogue": "trio", "--date": "2025-06-30"}
    options.update(dict(zip(args[::2], args[1::2], strict=True)))
    before = trio.read_bytes()
    result = run("assess", sheet(tmp_path, WIDE), *(x for kv in options.items() for x in kv))
    assert result.exit_code == 1 and message in result.stderr, result.stderr
    assert trio.read_bytes() == before


def test_a_sheet_that_is_not_utf8_is_refused_with_advice(run, trio, tmp_path):
    path = sheet(tmp_path, "pledge,North\n1,+1\nCut tariffs Ü,1\n", encoding="latin-1")
    result = run("assess", path, "-d", "trio", "--date", "2025-06-30")
    assert result.exit_code == 1 and "not UTF-8" in result.stderr
    assert "CSV UTF-8" in result.stderr


def test_missing_options_are_usage_errors(run, trio, tmp_path):
    result = run("assess", sheet(tmp_path, WIDE), "--date", "2025-06-30")
    assert result.exit_code == 2 and "--dialogue" in result.stderr


def test_the_matrix_export_reads_back_exactly(run, trio, tmp_path):
    run("assess", sheet(tmp_path, WIDE), "-d", "trio", "--date", "2025-06-30", ok=True)
    run("mark", "4", "--party", "South", "--status", "in-progress", "--date", "2025-07-01",
        ok=True)
    exported = run("export", "--format", "matrix", "--dialogue", "trio", ok=True).stdout
    assert exported.splitlines() == ["pledge,North,South,East", "1,+1,0,-1", "2,+1,,",
                                     "3,+1,-1,n/a", "4,,0,0"]
    before = trio.read_bytes()
    again = run("assess", "-", "-d", "trio", "--date", "2025-07-01", input=exported, ok=True)
    assert "Recorded 0 scores" in again.stderr
    assert read_db(trio)["pledges"] == json.loads(before)["pledges"]
    # Into a copy of the same pledges with no score yet, the sheet gives itself back.
    document = json.loads(run("export", ok=True).stdout)
    for record in document["pledges"]:
        record.update(updates=[], status="pledged", progress=0)
        record.pop("not_verifiable_for", None)
    copy = tmp_path / "copy.json"
    run("--db", copy, "import", "-", input=json.dumps(document), ok=True)
    run("--db", copy, "assess", "-", "-d", "trio", "--date", "2025-07-01", input=exported,
        ok=True)
    assert run("--db", copy, "export", "--format", "matrix", ok=True).stdout == exported


def test_the_readme_example_gives_the_hand_computed_figures(run, db):
    """README, "Assessing compliance like the G20 Research Group": three parties, one n/a."""
    run("dialogue", "add", "Trilateral", "--date", "2025-01-10", "--party", "Norland",
        "--party", "Sudmark", "--party", "Ostia", "--id", "trilateral-2025", ok=True)
    for text in ("Open the rail link", "Cap fishing quotas", "Share flood data"):
        run("add", text, "-d", "trilateral-2025", ok=True)
    text = "pledge,Norland,Sudmark,Ostia\n1,+1,+1,0\n2,0,-1,n/a\n3,+1,0,-1\n"
    run("assess", "-", "-d", "trilateral-2025", "--date", "2025-12-15", input=text, ok=True)
    data = report(run)
    assert (data["summary"]["scored"], data["summary"]["average_score"],
            data["summary"]["percent"]) == (8, 0.125, 56.25)
    markdown = run("report", "--format", "markdown", ok=True).stdout
    rows = [line for line in markdown.splitlines() if line.startswith("| [")][:3]
    assert [row.split("|")[-3:-1] for row in rows] == [
        [" +0.67 ", " 83% "], [" -0.50 ", " 25% "], [" +0.00 ", " 50% "]]
    assert "|  | **average** | +0.67 | +0.00 | -0.50 | +0.13 | 56% |" in markdown
    assert "|  | **%** | 83% | 50% | 25% |  |  |" in markdown


@pytest.mark.parametrize(("value", "status"), [
    ("+1", "fulfilled"), ("1", "fulfilled"), (" +1 ", "fulfilled"), ("1.0", "fulfilled"),
    ("0", "partial"), ("-0", "partial"), ("-1", "broken"), ("\u22121", "broken"),
    ("\u20131", "broken"), ("Stalled", "stalled"), ("in-progress", "in-progress"),
    ("N/A", None), ("na", None),
])
def test_scores_a_sheet_may_hold(value, status):
    from tracker.assess import read_score

    assert read_score(value)[0] == status


@pytest.mark.parametrize("value", ["+2", "2", "0.5", "1-", "done", "x", "--1"])
def test_anything_else_is_not_a_score(value):
    from tracker.assess import read_score

    with pytest.raises(ValueError, match="is not a score"):
        read_score(value)


def test_reports_before_and_after_a_round_and_a_later_round_undoing_an_na(run, trio, tmp_path):
    run("assess", sheet(tmp_path, WIDE), "-d", "trio", "--date", "2025-06-30", ok=True)
    before = report(run, "--as-of", "2025-06-29")
    assert before["summary"]["scored"] == 0
    assert next(p for p in before["pledges"] if p["id"] == 3)["cells"]["East"] == "n/a"
    assert report(run, "--as-of", "2025-06-30")["summary"]["scored"] == 7
    # A later round scores East on pledge 3: the pledge applies to East again.
    run("assess", "-", "-d", "trio", "--date", "2025-09-30",
        input="pledge,party,score\n3,East,+1\n", ok=True)
    assert "not_verifiable_for" not in pledge(trio, 3)
    after = report(run, "--as-of", "2025-09-30")
    assert next(p for p in after["pledges"] if p["id"] == 3)["cells"]["East"] == 1
    assert after["summary"]["scored"] == 8


def test_not_verifiable_for_survives_export_and_import_and_is_checked(run, trio, tmp_path):
    run("assess", sheet(tmp_path, WIDE), "-d", "trio", "--date", "2025-06-30", ok=True)
    document = run("export", ok=True).stdout
    copy = tmp_path / "copy.json"
    run("--db", copy, "import", "-", input=document, ok=True)
    assert read_db(copy)["pledges"]["3"]["not_verifiable_for"] == ["East"]
    assert "not_verifiable_for" not in read_db(copy)["pledges"]["1"]  # only where it says so
    bad = json.loads(document)
    bad["pledges"][1]["not_verifiable_for"] = ["South"]  # pledge 2 is North's alone
    result = run("--db", tmp_path / "other.json", "import", "-", input=json.dumps(bad))
    assert result.exit_code == 1
    assert "not verifiable for 'South', who is not a party to the pledge" in result.stderr


def test_a_party_out_of_the_pledge_is_out_of_its_status_in_every_command(run, trio, tmp_path):
    # East broke pledge 1, then a round marks it n/a for East: list, show and the report
    # (which replays the log) must give the pledge the same status.
    run("mark", "1", "--party", "East", "--status", "broken", "--date", "2025-02-01", ok=True)
    run("assess", sheet(tmp_path, "pledge,party,score\n1,East,n/a\n1,North,+1\n"), "-d",
        "trio", "--date", "2025-03-01", ok=True)
    stored = pledge(trio, 1)
    assert stored["status"] != "broken"
    listed = run("list", "--format", "json", ok=True).stdout
    assert next(p for p in json.loads(listed) if p["id"] == 1)["status"] == stored["status"]
    reported = next(p for p in report(run)["pledges"] if p["id"] == 1)
    assert (reported["status"], reported["progress"]) == (stored["status"], stored["progress"])
    assert run("list", "--status", "broken", "--format", "ids", ok=True).stdout == ""
    assert report(run, "--status", "broken")["pledges"] == []


def test_a_pledge_that_does_not_apply_to_a_party_is_not_counted_in_its_row(run, trio,
                                                                           tmp_path):
    run("assess", sheet(tmp_path, "pledge,North,South,East\n1,+1,+1,0\n3,+1,0,n/a\n"),
        "-d", "trio", "--date", "2025-03-01", ok=True)
    rows = {g["name"]: g for g in report(run)["groups"]["party"]}
    # East is party to 1, 3 and 4, but 3 does not apply to it: two pledges, one each.
    assert rows["East"]["pledges"] == 2
    assert rows["East"]["counts"]["pledged"] == 1 and sum(rows["East"]["counts"].values()) == 2
    assert rows["North"]["pledges"] == 3  # 1, 2 and 3


def test_in_a_partys_own_report_a_pledge_marked_na_for_it_is_listed_apart(run, trio,
                                                                          tmp_path):
    run("assess", sheet(tmp_path, "pledge,North,South,East\n1,+1,+1,0\n3,+1,0,n/a\n"),
        "-d", "trio", "--date", "2025-03-01", ok=True)
    east = report(run, "--party", "East", "--as-of", "2026-01-15")
    assert 3 in east["unverifiable"]
    assert 3 not in east["stale"]["pledges"]
    assert next(p for p in east["pledges"] if p["id"] == 3)["verifiable"] is False
    # The other parties' rows in the same report still score pledge 3 (East's pledges
    # are 1, 3 and 4; North and South are party to 1 and 3, both scored).
    rows = {g["name"]: g for g in east["groups"]["party"]}
    assert (rows["North"]["scored"], rows["South"]["scored"]) == (2, 2)
    assert rows["East"]["pledges"] == 2  # 1 and 4: 3 does not apply to it
