"""A report over many dialogues sums them up in one table; the detail is a request away."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tracker.store import encode

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402 — bench/ is a folder of scripts, not a package


@pytest.fixture
def many(db: Path) -> list[dict]:
    dialogues, pledges = generate.generate(120)  # twelve dialogues of ten pledges
    db.write_bytes(encode(generate.database(dialogues, pledges)))
    return dialogues


def test_terminal_report_sums_many_dialogues_up_by_year(run, many) -> None:
    result = run("report", ok=True)
    out = result.stdout
    years = sorted({d["date"][:4] for d in many})
    assert f"12 dialogues from {many[0]['date']} to {many[-1]['date']}" in out
    assert "(each dialogue: --by dialogue, or --format markdown or html)" in " ".join(out.split())
    header = next(line for line in out.splitlines() if line.startswith("year"))
    assert header.split() == ["year", "dialogues", "pledges", "parties", "places"]
    rows = [line.split() for line in out.splitlines() if line[:4] in years
            and len(line.split()) == 5]
    assert [row[0] for row in rows] == years
    assert sum(int(row[1]) for row in rows) == 12 and sum(int(row[2]) for row in rows) == 120
    for dialogue in many:  # no line per dialogue (the methods box may cite them as sources)
        assert f"{dialogue['title']} ({dialogue['date']}, {dialogue['place']};" not in out
    assert "By dialogue" not in out
    assert "By party" in out and "By area" in out


def test_by_dialogue_shows_every_dialogue_and_every_row(run, many) -> None:
    out = run("report", "--by", "dialogue", ok=True).stdout
    for dialogue in many:
        assert f"{dialogue['title']} ({dialogue['date']}" in out
    table = out[out.index("By dialogue"):]
    for dialogue in many:
        assert dialogue["id"] in table
    assert "… and" not in table.split("Pledges × parties")[0]


def test_markdown_and_html_list_every_dialogue(run, many) -> None:
    markdown = run("report", "--format", "markdown", ok=True).stdout
    html = run("report", "--format", "html", ok=True).stdout
    for dialogue in many:
        assert dialogue["id"] in markdown and dialogue["id"] in html
    assert markdown.count("\n- ") >= 12


def test_few_dialogues_are_still_listed_one_a_line(run, db) -> None:
    dialogues, pledges = generate.generate(30)  # three dialogues
    db.write_bytes(encode(generate.database(dialogues, pledges)))
    out = run("report", ok=True).stdout
    for dialogue in dialogues:
        assert f"{dialogue['title']} ({dialogue['date']}" in out
    assert "By dialogue" in out and "year" not in out.split("Summary")[0]


def test_terminal_methods_box_counts_many_readouts_and_documents_cite_each(run, many) -> None:
    out = " ".join(run("report", ok=True).stdout.split())
    sources = out[out.index("Sources:"):out.index("Evidence:")]
    assert f"{len(many)} dialogues' readouts, {len(many)} with a link (example.org {len(many)})" \
        in sources
    assert "Each readout: --by dialogue, or --format markdown or html." in sources
    assert all(dialogue["title"] not in sources for dialogue in many)
    markdown = run("report", "--format", "markdown", ok=True).stdout
    methods = next(line for line in markdown.splitlines() if line.startswith("- **Sources:**"))
    assert all(dialogue["source"]["url"] in methods for dialogue in many)
    by_dialogue = " ".join(run("report", "--by", "dialogue", ok=True).stdout.split())
    assert all(dialogue["title"] in by_dialogue.split("Sources:")[1] for dialogue in many[:3])


def test_the_newest_changes_read_alone_are_the_head_of_the_full_sorted_list() -> None:
    """A terminal reads the newest twenty changes without sorting every update; they are
    exactly the first twenty of the full list, each with the status it replaced."""
    from datetime import date

    from tracker.reporting import build_report
    from tracker.store import Store

    dialogues, pledges = generate.generate(200)
    data = generate.database(dialogues, pledges)
    store = Store(Path("unused.json"), data)
    report = build_report(store.pledges(), store.dialogues(), as_of=date(2026, 1, 15))
    fresh = build_report(store.pledges(), store.dialogues(), as_of=date(2026, 1, 15))
    head = report.changes[:20]
    assert head == list(fresh.changes)[:20]
    assert report.changes[3] == head[3] and fresh.changes[-1] == list(fresh.changes)[-1]
    dates = [change.date for change in fresh.changes]
    assert dates == sorted(dates, reverse=True) and len(dates) == len(report.changes) > 40
