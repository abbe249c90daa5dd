"""`tracker report`: figures checked by hand, formats, files, filters and errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import read_db

BOX_OR_BLOCK = re.compile("[\u2500-\u259f]")
ANSI = re.compile(r"\x1b\[")


@pytest.fixture
def scored_db(run, small_db: Path) -> Path:
    """Alpha and Beta (2025-01-10), six pledges whose figures are worked out by hand below.

    1 joint, trade, due 2025-06-30: in-progress 2025-03-01 (joint); Beta broken 2025-08-01
      (the pledge stays in-progress, overdue: Alpha has not spoken since the joint update);
      Alpha fulfilled 2025-09-01 — both sides have spoken since, so the pledge is broken
    2 Alpha, security, SCO: broken 2025-02-01
    3 Beta, political: not verifiable
    4 joint, connectivity, due 2026-06-30: stalled 2025-05-01
    5 joint, people-to-people, due 2025-12-01: no update (overdue on 2026-01-15)
    6 joint, trade, due 2026-03-01: no update (due within 90 days of 2026-01-15)
    """
    # Pledges 1–3 come from the shared `small_db` fixture.
    run("add", "Build a bridge", "-d", "test-dlg", "--area", "connectivity", "--due",
        "2026-06-30", ok=True)
    run("add", "Sign a visa deal", "-d", "test-dlg", "--area", "people-to-people", "--due",
        "2025-12-01", ok=True)
    run("add", "Hold a trade fair", "-d", "test-dlg", "--area", "trade", "--due", "2026-03-01",
        ok=True)
    run("mark", "1", "--status", "in-progress", "--progress", "40", "--date", "2025-03-01",
        "--note", "Lease signed", "--evidence", "https://example.org/lease", ok=True)
    run("mark", "1", "--status", "broken", "--date", "2025-08-01", "--party", "Beta", ok=True)
    run("mark", "1", "--status", "fulfilled", "--date", "2025-09-01", "--party", "Alpha",
        ok=True)
    run("mark", "2", "--status", "broken", "--date", "2025-02-01", ok=True)
    run("mark", "4", "--status", "stalled", "--progress", "20", "--date", "2025-05-01", ok=True)
    return small_db


def report_json(run, *args: str) -> dict:
    return json.loads(run("report", "--format", "json", *args, ok=True).stdout)


def figures(group: dict) -> tuple:
    return group["pledges"], group["scored"], group["average_score"], group["percent"]


def cells(pledges: int, scored: int, total: int) -> tuple:
    """The figures of a group of `pledges` whose `scored` cells add up to `total`."""
    average = total / scored
    return pledges, scored, pytest.approx(average), pytest.approx((average + 1) / 2 * 100)


def by_name(data: dict, grouping: str) -> dict[str, dict]:
    return {group["name"]: group for group in data["groups"][grouping]}


def test_figures_on_the_cut_off_match_the_hand_count(run, scored_db):
    data = report_json(run)  # today is pinned to 2026-01-15
    assert data["as_of"] == "2026-01-15" and data["kind"] == "interim"
    summary = data["summary"]
    # Cells: 1 Alpha fulfilled +1, Beta broken -1 (its own updates); 2 (Alpha alone) -1;
    # 4 stalled 0 and 0; 5 pledged past due -1 and -1; 3 unverifiable; 6 not yet due.
    assert figures(summary) == cells(6, 7, -3)
    # Pledge 6's two cells have seen no action: at -1 the mean would be -5 / 9.
    assert summary["no_action"] == 2
    assert summary["if_no_action_fails"] == {"average_score": pytest.approx(-5 / 9),
                                             "percent": pytest.approx(200 / 9)}
    assert summary["counts"] == {"pledged": 3, "in-progress": 0, "partial": 0, "stalled": 1,
                                 "fulfilled": 0, "broken": 2, "superseded": 0}
    assert summary["unverifiable"] == 1
    parties = by_name(data, "party")
    # Alpha: 1 fulfilled (its own update) +1, 2 -1, 4 0, 5 -1, 6 unscored.
    assert figures(parties["Alpha"]) == (5, 4, -0.25, 37.5)
    # Beta: 1 broken (its own update) -1, 3 unverifiable, 4 0, 5 -1, 6 unscored.
    assert figures(parties["Beta"]) == cells(5, 3, -2)
    areas = by_name(data, "area")
    assert figures(areas["trade"]) == (2, 2, 0.0, 50.0)  # pledge 1's +1 and -1; 6 unscored
    assert figures(areas["people-to-people"]) == (1, 2, -1.0, 0.0)
    assert figures(by_name(data, "framework")["SCO"]) == (1, 1, -1.0, 0.0)
    assert figures(by_name(data, "dialogue")["test-dlg"]) == cells(6, 7, -3)
    assert data["overdue"] == [5]  # 1 is broken: no longer owed
    assert data["due_soon"] == {"until": "2026-04-15", "pledges": [6]}
    # Oldest first; 3 is not verifiable, so it is listed apart, not as a pledge left idle.
    assert data["stale"] == {"no_update_since": "2025-07-19", "pledges": [5, 6, 4]}
    assert data["unverifiable"] == [3]
    pledge1 = data["pledges"][0]
    assert pledge1["party_status"] == {"Alpha": "fulfilled", "Beta": "broken"}
    # Each pledge's own compliance is the mean of its cells.
    own = {p["id"]: (p["scored"], p["average_score"], p["percent"], p["cells"])
           for p in data["pledges"]}
    assert own[1] == (2, 0.0, 50.0, {"Alpha": 1, "Beta": -1})
    assert own[2] == (1, -1.0, 0.0, {"Alpha": -1})
    assert own[3] == (0, None, None, {"Beta": None})
    assert own[6] == (0, None, None, {"Alpha": None, "Beta": None})


def test_final_report_scores_stalled_as_minus_one(run, scored_db):
    data = report_json(run, "--final")
    assert data["kind"] == "final"
    # Stalled counts -1, and so does every cell with no action (pledge 6), due or not:
    # 1: +1 -1; 2: -1; 4: -1 -1; 5: -1 -1; 6: -1 -1.
    assert figures(data["summary"]) == cells(6, 9, -7)
    assert data["summary"]["no_action"] == 0 and data["summary"]["if_no_action_fails"] is None


def test_as_of_before_and_after_updates(run, scored_db):
    early = report_json(run, "--as-of", "2025-02-15")
    # Only pledge 2's broken is on record; pledge 1 is pledged and not yet due.
    assert figures(early["summary"]) == (6, 1, -1.0, 0.0)
    spring = report_json(run, "--as-of", "2025-04-01")
    assert figures(spring["summary"]) == cells(6, 3, -1)  # 1: 0 and 0; 2: -1
    assert spring["summary"]["counts"]["pledged"] == 4
    assert spring["summary"]["counts"]["in-progress"] == 1
    assert spring["overdue"] == [] and spring["pledges"][0]["status"] == "in-progress"
    parties = by_name(spring, "party")
    assert figures(parties["Alpha"]) == (5, 2, -0.5, 25.0)
    assert figures(parties["Beta"]) == (5, 1, 0.0, 50.0)


def test_as_of_around_a_per_party_update(run, scored_db):
    august = report_json(run, "--as-of", "2025-08-15")
    # Beta's "broken" is about Beta only: Alpha, with no update of its own, and the pledge
    # keep the joint update's in-progress (so the pledge, due 2025-06-30, is overdue).
    assert august["pledges"][0]["status"] == "in-progress"
    assert august["pledges"][0]["party_status"] == {"Alpha": "in-progress", "Beta": "broken"}
    assert august["overdue"] == [1]
    assert figures(by_name(august, "party")["Alpha"])[1:3] == (3, pytest.approx(-1 / 3))
    september = report_json(run, "--as-of", "2025-09-30")
    # Now both sides have spoken since the joint update: they decide, and Beta broke it.
    assert (september["pledges"][0]["status"], september["pledges"][0]["progress"]) == (
        "broken", 70)
    assert september["pledges"][0]["party_status"] == {"Alpha": "fulfilled", "Beta": "broken"}
    assert figures(by_name(september, "party")["Alpha"])[2] == 0.0   # +1 -1 0
    assert figures(by_name(september, "party")["Beta"])[2] == -0.5   # -1 0


def test_as_of_before_a_dialogue_leaves_its_pledges_out(run, scored_db):
    data = report_json(run, "--as-of", "2024-12-31")
    assert data["summary"]["pledges"] == 0 and data["pledges"] == []
    assert data["dialogues"] == []


def test_since_lists_the_changes_and_movements_in_the_window(run, scored_db):
    data = report_json(run, "--since", "2025-06-01")
    assert [(c["date"], c["pledge"], c["from"], c["to"], c["party"]) for c in data["changes"]] == [
        # Alpha moved from its own previous status, not from Beta's "broken".
        ("2025-09-01", 1, "in-progress", "fulfilled", "Alpha"),
        ("2025-08-01", 1, "in-progress", "broken", "Beta"),
    ]
    # Pledge 1 as a whole moved once both parties had spoken after its joint update.
    assert data["movements"] == [{"pledge": 1, "from": "in-progress", "to": "broken"}]
    assert data["summary"]["changed_since"] == {
        "updates": 2, "new_pledges": 0, "pledges_moved": 1, "reached": {"broken": 1}}
    everything = report_json(run)
    assert everything["since"] == "2025-01-10" and len(everything["changes"]) == 5


def test_filters_see_pledges_as_they_stood_on_the_cut_off(run, scored_db):
    data = report_json(run, "--status", "in-progress", "--as-of", "2025-04-01")
    assert [p["id"] for p in data["pledges"]] == [1]
    overdue = report_json(run, "--overdue")
    assert [p["id"] for p in overdue["pledges"]] == [5]
    august = report_json(run, "--overdue", "--as-of", "2025-08-15")
    assert [p["id"] for p in august["pledges"]] == [1]
    alpha = report_json(run, "--party", "alpha", "--by", "area")
    assert [p["id"] for p in alpha["pledges"]] == [1, 2, 4, 5, 6]
    assert list(alpha["groups"]) == ["area"]


def test_table_report_shows_every_section_in_plain_text_within_80_columns(
        run, scored_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("report", ok=True).stdout
    for heading in ("Pledge status report", "Test Dialogue (2025-01-10; Alpha, Beta)",
                    "As of 2026-01-15 · interim report · changes since 2025-01-10", "Summary",
                    "6 pledges (1 not verifiable",
                    "3 pledged · 1 stalled · 2 broken",
                    "Compliance: -0.43 average over 7 scored cells (29%)",
                    "22% (-0.56) if the 2 cells without action yet count as -1",
                    "By party", "By area", "By framework", "By dialogue", "Pledges × parties",
                    "Overdue (due before 2026-01-15)", "Due from 2026-01-15 to 2026-04-15",
                    "No update since 2025-07-19", "Changes since 2025-01-10",
                    "Not verifiable (never scored)"):
        assert heading in out, heading
    assert max(len(line) for line in out.splitlines()) <= 80
    assert not ANSI.search(out) and not BOX_OR_BLOCK.search(out)
    assert not any(line != line.rstrip() for line in out.splitlines())
    matrix = out[out.index("Pledges × parties"):out.index("Overdue (due")]
    row = next(line for line in matrix.splitlines() if "Open a trade office" in line)
    assert row.split()[-4:] == ["fulfilled", "broken", "+0.00", "50%"]
    security = next(line for line in matrix.splitlines() if "security meeting" in line)
    assert security.split()[-4:] == ["broken", "—", "-1.00", "0%"]  # Beta did not make it: a dash
    # The column-average row: each party's mean, and the overall mean in the corner.
    average = next(line for line in matrix.splitlines() if line.split()[:1] == ["average"])
    assert average.split() == ["average", "-0.25", "-0.67", "-0.43", "29%"]


def test_terminal_report_in_colour_fits_80_columns(scored_db, run, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    from rich.console import Console

    from tracker.cli.common import open_store
    from tracker.dates import today
    from tracker.render.report_table import print_report
    from tracker.reporting import build_report

    store = open_store()
    report = build_report(store.pledges(), store.dialogues(), as_of=today(), generated="now")
    console = Console(record=True, width=80, force_terminal=True, color_system="truecolor",
                      markup=False)
    print_report(console, report, plain=False)
    text = console.export_text(styles=False, clear=False)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "█" in text  # the bars
    assert ANSI.search(console.export_text(styles=True))


def test_csv_holds_one_row_per_group(run, scored_db):
    rows = list(csv.DictReader(io.StringIO(run("report", "--format", "csv", ok=True).stdout)))
    assert rows[0]["grouping"] == "overall" and rows[0]["pledges"] == "6"
    assert float(rows[0]["average_score"]) == pytest.approx(-3 / 7)  # unrounded
    assert float(rows[0]["percent"]) == pytest.approx(200 / 7)
    beta = next(r for r in rows if r["grouping"] == "party" and r["name"] == "Beta")
    assert (beta["broken"], beta["stalled"], beta["pledged"], beta["scored"]) == (
        "1", "1", "3", "3")
    assert {r["grouping"] for r in rows} == {"overall", "party", "area", "framework", "dialogue",
                                             "pledge"}
    # One row per pledge too, with its own compliance over its cells.
    pledges = {r["pledge"]: r for r in rows if r["grouping"] == "pledge"}
    assert list(pledges) == ["1", "2", "3", "4", "5", "6"]
    assert (pledges["1"]["name"], pledges["1"]["scored"], pledges["1"]["average_score"],
            pledges["1"]["percent"], pledges["1"]["broken"]) == (
        "Open a trade office", "2", "0.0", "50.0", "1")
    assert (pledges["3"]["average_score"], pledges["3"]["unverifiable"]) == ("", "1")


def test_markdown_has_the_sections_and_one_per_pledge_with_evidence_links(run, scored_db):
    out = run("report", "--format", "markdown", ok=True).stdout
    for heading in ("# Pledge status report", "## Summary", "## By party", "## By area",
                    "## By framework", "## By dialogue", "## Pledges × parties",
                    "## Overdue (due before 2026-01-15)", "## Changes since 2025-01-10",
                    "## Not verifiable (listed apart, never scored)",
                    "## Appendix: pledge detail"):
        assert f"\n{heading}\n" in f"\n{out}", heading
    assert "| Alpha | 5 |" in out
    assert "### 1. Open a trade office" in out
    assert ("- 2025-03-01 — in-progress 40%: Lease signed — "
            "[example.org](<https://example.org/lease>)") in out
    assert len(re.findall(r"^### \d+\. ", out, re.M)) == 6


def test_output_file_takes_its_format_from_the_extension(run, scored_db, tmp_path):
    for name, marker in (("r.md", "# Pledge status report"), ("r.html", "<!DOCTYPE html>"),
                         ("r.json", '"as_of": "2026-01-15"'), ("r.csv", "as_of,kind,grouping"),
                         ("r.txt", "Pledges × parties")):
        target = tmp_path / name
        result = run("report", "--output", target, ok=True)
        assert result.stdout == ""
        assert marker in target.read_text(encoding="utf-8"), name
        assert str(target) in result.stderr
    forced = tmp_path / "report.out"
    run("report", "--format", "json", "-o", forced, ok=True)
    assert json.loads(forced.read_text())["summary"]["pledges"] == 6
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temp file


def test_output_replaces_an_existing_file(run, scored_db, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old content")
    run("report", "-o", target, ok=True)
    assert target.read_text().startswith("# Pledge status report")


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "pdf"], "unknown format 'pdf'"),
    (["--by", "colour"], "cannot group by 'colour'"),
    (["--as-of", "03/04/2025"], "ISO"),
    (["--since", "2026-01-01", "--as-of", "2025-12-31"], "after the cut-off"),
    (["--output", "report.docx"], "cannot tell the format from 'report.docx'"),
    (["--output", "no/such/folder/r.md"], "does not exist"),
    (["--title", " "], "--title must not be empty"),
])
def test_bad_requests_exit_1_with_one_clear_line(run, scored_db, args, message):
    before = scored_db.read_bytes()
    result = run("report", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert scored_db.read_bytes() == before


def test_report_never_writes_the_database(run, scored_db, tmp_path):
    before = read_db(scored_db)
    run("report", "-o", tmp_path / "r.html", ok=True)
    assert read_db(scored_db) == before


def test_empty_database_gives_an_empty_report(run, db):
    out = run("report", ok=True).stdout
    assert "0 pledges" in out and "no pledge scored yet" in out
    assert report_json(run)["summary"]["pledges"] == 0


# The sample: figures worked out from sample_data by hand (see the README, "Status reports").
def test_sample_report_known_numbers(run, sample_db):
    data = report_json(run)
    # 17 scored cells: China's 10 add up to +3, Kazakhstan's 7 to +3.
    assert figures(data["summary"]) == cells(21, 17, 6)
    # Eight verifiable pledges without action yet; 4 and 8 are joint: two cells each.
    assert data["summary"]["no_action"] == 10
    assert data["summary"]["counts"]["fulfilled"] == 3
    assert data["summary"]["counts"]["in-progress"] == 7
    assert data["summary"]["counts"]["pledged"] == 11
    assert data["summary"]["unverifiable"] == 3
    parties = by_name(data, "party")
    assert figures(parties["China"]) == cells(15, 10, 3)
    assert figures(parties["Kazakhstan"]) == cells(15, 7, 3)
    assert figures(by_name(data, "framework")["SCO"]) == (1, 2, 1.0, 100.0)
    assert data["unverifiable"] == [13, 14, 20]
    assert data["overdue"] == []
    assert data["summary"]["changed_since"] == {
        "updates": 16, "new_pledges": 2, "pledges_moved": 10,
        "reached": {"in-progress": 7, "fulfilled": 3}}


def test_sample_report_at_the_end_of_2024(run, sample_db):
    data = report_json(run, "--as-of", "2024-12-31")
    # Only the first dialogue existed; eight pledges had an implementing step, none fulfilled.
    assert [d["id"] for d in data["dialogues"]] == ["cn-kz-fmsd-2024"]
    # 13 scored cells: 12 at 0 and China's +1 on pledge 7 (its own update of 2024-07-04).
    assert figures(data["summary"]) == cells(19, 13, 1)
    assert data["summary"]["counts"]["in-progress"] == 8
    assert data["summary"]["counts"]["fulfilled"] == 0


STATUS_WORDS = {"pledged", "in-progress", "partial", "stalled", "fulfilled", "broken",
                "superseded", "pldg", "prog", "part", "stal", "done", "brkn", "supd"}


def _terminal_report(width: int = 80) -> str:
    from rich.console import Console

    from tracker.cli.common import open_store
    from tracker.dates import today
    from tracker.render.report_table import print_report
    from tracker.reporting import build_report

    store = open_store()
    report = build_report(store.pledges(), store.dialogues(), as_of=today(), generated="now")
    console = Console(record=True, width=width, force_terminal=True, markup=False,
                      color_system="truecolor")
    print_report(console, report, plain=False)
    return console.export_text(styles=False, clear=False)


def assert_nothing_split(text: str, ids: list[int]) -> None:
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    for line in lines:
        for word in re.findall(r"[a-z]+(?:-[a-z]+)*", line):
            # A cut status shows as a proper prefix ("in-progres") or a tail ("s").
            assert word in STATUS_WORDS or word == "pledge" or not any(
                s.startswith(word) and len(word) >= 3 for s in STATUS_WORDS), (word, line)
        assert not re.search(r"\b\d{4}-\d{2}-\d?$|\b\d{4}-\d{0,2}$", line.rstrip()), line
    matrix = text[text.index("Pledges × parties"):text.index("Overdue (due")]
    starts = {int(m) for m in re.findall(r"^ *(\d+) ", matrix, re.M)}
    assert starts == set(ids)  # every id whole, on one line: no "1" over "0"


def test_terminal_report_of_the_sample_never_splits_ids_dates_or_statuses(
        sample_db, run, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    run("mark", "2", "--party", "Kazakhstan", "--status", "broken", ok=True)
    text = _terminal_report()
    assert_nothing_split(text, list(range(1, 22)))
    row = next(line for line in text.splitlines() if line.lstrip().startswith("2 "))
    assert row.split()[-4:] == ["in-progress", "broken", "-0.50", "25%"]
    stale = text[text.index("No update since"):text.index("Changes since")]
    assert re.search(r"^ *3  2024-03-29  in-progress  Deepen", stale, re.M)


def test_terminal_matrix_with_many_long_party_names_keeps_status_labels_whole(
        run, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    names = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
             "People's Republic of China"]
    run("dialogue", "add", "C+C5", "--date", "2025-01-10", *(a for n in names
                                                           for a in ("--party", n)),
        "--id", "c5", ok=True)
    for number in range(12):
        run("add", f"Joint pledge number {number} with a fairly long text", "-d", "c5", ok=True)
    run("mark", "11", "--party", "Uzbekistan", "--status", "in-progress", ok=True)
    run("mark", "12", "--status", "superseded", ok=True)
    text = _terminal_report()
    assert_nothing_split(text, list(range(1, 13)))
    assert "prog" in text and "supd" in text  # short labels, whole


def test_terminal_group_tables_stop_at_40_rows(run, db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    run("dialogue", "add", "Many areas", "--date", "2025-01-10", "--party", "Alpha",
        "--id", "many", ok=True)
    for number in range(45):
        run("add", f"Pledge {number}", "-d", "many", "--area", f"area-{number:02d}", ok=True)
    out = run("report", ok=True).stdout
    by_area = out[out.index("By area"):out.index("By framework")]
    assert "area-39" in by_area and "area-40" not in by_area
    assert "… and 5 more (--format markdown or html lists them all" in by_area
    data = report_json(run)
    assert len(data["groups"]["area"]) == 45  # only the terminal stops


def test_group_tables_show_every_status_a_row_has(run, sample_db):
    # On 2024-12-31 no pledge as a whole was fulfilled, but China had fulfilled pledge 7
    # (its own update of 2024-07-04): the "By party" row must still add up.
    table = run("report", "--as-of", "2024-12-31", ok=True).stdout
    china = next(line for line in table.splitlines() if line.startswith("China "))
    assert china.split()[:5] == ["China", "13", "5", "7", "1"]
    header = next(line for line in table.splitlines() if line.startswith("party "))
    assert header.split()[:5] == ["party", "n", "pldg", "prog", "done"]
    assert "done fulfilled" in table  # the legend names the extra column
    markdown = run("report", "--as-of", "2024-12-31", "--format", "markdown", ok=True).stdout
    assert "| party | pledges | pledged | in-progress | fulfilled | scored |" in markdown
    assert "| China | 13 | 5 | 7 | 1 | 8 |" in markdown
    html = run("report", "--as-of", "2024-12-31", "--format", "html", ok=True).stdout
    groups = html[html.index('id="groups"'):html.index('id="matrix"')]
    assert groups.count('<th class="n">fulfilled</th>') == 4  # every group table has it
    assert ('<td>China</td><td class="n">13</td><td class="n">5</td><td class="n">7</td>'
            '<td class="n">1</td>') in groups


def test_one_party_report_counts_that_partys_statuses(run, sample_db):
    # Pledge 7 was fulfilled by China alone (2024-07-04): for Kazakhstan it is still pledged.
    data = report_json(run, "--party", "kazakhstan", "--as-of", "2024-12-31")
    assert data["party"] == "Kazakhstan"
    own = by_name(data, "party")["Kazakhstan"]
    assert data["summary"]["counts"] == own["counts"]
    assert (data["summary"]["counts"]["pledged"], data["summary"]["counts"]["in-progress"]) \
        == (9, 5)
    assert figures(data["summary"]) == figures(own)
    seven = next(p for p in data["pledges"] if p["id"] == 7)
    assert seven["status"] == "pledged"
    assert seven["party_status"] == {"China": "fulfilled", "Kazakhstan": "pledged"}
    # China's own updates are not Kazakhstan's news: they leave the changes and "Since".
    assert {c["party"] for c in data["changes"]} <= {None, "Kazakhstan"}
    assert 7 not in {c["pledge"] for c in data["changes"]}
    assert data["summary"]["changed_since"]["updates"] == len(data["changes"]) == 6
    everyone = report_json(run, "--as-of", "2024-12-31")
    assert everyone["summary"]["changed_since"]["updates"] == 10
    table = run("report", "--party", "Kazakhstan", "--as-of", "2024-12-31", ok=True).stdout
    assert "filtered to Kazakhstan: statuses are Kazakhstan's" in " ".join(table.split())
    assert "9 pledged · 5 in-progress" in table


def test_one_party_report_filters_by_that_partys_status(run, sample_db):
    china = report_json(run, "--party", "China", "--status", "fulfilled", "--as-of",
                        "2024-12-31")
    assert [p["id"] for p in china["pledges"]] == [7]
    assert report_json(run, "--status", "fulfilled", "--as-of", "2024-12-31")["pledges"] == []


def test_one_party_report_lists_overdue_stale_and_changes_from_that_partys_side(
        run, scored_db):
    # 2025-08-15: Beta broke pledge 1; for Alpha (and as a whole) it is in-progress, overdue.
    alpha = report_json(run, "--party", "Alpha", "--as-of", "2025-08-15")
    beta = report_json(run, "--party", "Beta", "--as-of", "2025-08-15")
    assert alpha["overdue"] == [1] and beta["overdue"] == []
    assert report_json(run, "--party", "Beta", "--overdue", "--as-of",
                       "2025-08-15")["pledges"] == []
    later = report_json(run, "--party", "Alpha", "--since", "2025-06-01")
    assert [(c["date"], c["pledge"], c["from"], c["to"], c["party"])
            for c in later["changes"]] == [("2025-09-01", 1, "in-progress", "fulfilled",
                                            "Alpha")]
    assert later["movements"] == [{"pledge": 1, "from": "in-progress", "to": "fulfilled"}]
    # On 2025-08-31 Alpha's last news on pledge 1 is the joint update of 2025-03-01 (Beta's
    # update of August is not about Alpha): stale for Alpha, not for the pledge as a whole.
    stale = report_json(run, "--party", "Alpha", "--as-of", "2025-08-31")["stale"]
    assert stale["no_update_since"] == "2025-03-04" and 1 in stale["pledges"]
    assert 1 not in report_json(run, "--as-of", "2025-08-31")["stale"]["pledges"]


def test_several_parties_keep_the_pledge_view_and_say_so(run, scored_db):
    data = report_json(run, "--party", "alpha", "--party", "Beta")
    assert data["party"] is None and data["party_filter"] == ["Alpha", "Beta"]
    assert data["summary"]["counts"] == report_json(run)["summary"]["counts"]
    for fmt in ("table", "markdown", "html"):
        out = run("report", "--party", "alpha", "--party", "Beta", "--format", fmt,
                  ok=True).stdout
        assert ("filtered to parties: Alpha, Beta; summary counts pledges as a whole"
                in " ".join(out.split())), fmt
    # The same party twice is one party.
    assert report_json(run, "--party", "Beta", "--party", "beta")["party"] == "Beta"
