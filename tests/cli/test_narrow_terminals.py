"""Every terminal table at 40, 60, 80 and 120 columns: nothing wider than the terminal,
no name split mid-word, no figure cut; the bar goes first, then the least telling counts."""

import io
import json
import re

import pytest
from conftest import on_a_terminal, read_db

WIDTHS = (40, 60, 80, 120)
CENTRAL_ASIA = ("China", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan")


def terminal_report(width: int) -> str:
    """The report as a colour terminal `width` columns wide shows it (box drawing, bars)."""
    from rich.console import Console

    from tracker.cli.common import open_store
    from tracker.dates import today
    from tracker.render.report_table import print_report
    from tracker.reporting import build_report

    store = open_store()
    report = build_report(store.pledges(), store.dialogues(), as_of=today(), generated="now")
    console = Console(file=io.StringIO(), width=width, force_terminal=True, markup=False,
                      color_system="truecolor")
    print_report(console, report, plain=False)
    from rich.text import Text

    return Text.from_ansi(console.file.getvalue()).plain


def piped_report(run, monkeypatch, width: int) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    return run("report", ok=True).stdout


def both_reports(run, monkeypatch, width):
    return {"terminal": terminal_report(width), "piped": piped_report(run, monkeypatch, width)}


def tokens(text: str) -> set[str]:
    return set(text.split())


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def group_line(text: str, title: str, name: str) -> str:
    """The line of `name` in the table titled `title` (its first line, if it wraps)."""
    table = section(text, title, "\n\n")
    first = name.split()[0]
    return next(line for line in table.splitlines() if line.split()[:1] == [first])


@pytest.mark.parametrize("width", WIDTHS)
def test_report_tables_fit_and_keep_names_and_figures_whole(run, sample_db, monkeypatch,
                                                            width):
    data = json.loads(run("report", "--format", "json", ok=True).stdout)
    for kind, text in both_reports(run, monkeypatch, width).items():
        assert max(len(line) for line in text.splitlines()) <= width, (kind, width)
        words = tokens(text)
        for grouping, groups in data["groups"].items():
            title = {"party": "By party", "area": "By area", "framework": "By framework",
                     "dialogue": "By dialogue"}[grouping]
            for group in groups:
                for word in group["name"].split():  # "Kazakhstan", never "Kazakh" + "stan"
                    assert word in words, (kind, width, word)
                line = group_line(text, title, group["name"]).split()
                # The count, the average and the percentage are never cut or dropped.
                assert str(group["pledges"]) in line, (kind, width, line)
                if group["average_score"] is not None:
                    assert f"{group['average_score']:+.2f}" in line, (kind, width, line)
                    # A figure resting on fewer than 3 scored cells carries a †.
                    assert f"{group['percent']:.0f}%" in {t.rstrip("†") for t in line}, (
                        kind, width, line)
        for pledge in data["pledges"]:
            for word in pledge["text"].split():
                assert word in words, (kind, width, word)


def test_the_bar_goes_first_then_the_least_telling_counts(run, sample_db, monkeypatch):
    wide, medium, narrow = (both_reports(run, monkeypatch, width) for width in (120, 60, 40))
    by_party = {name: {kind: section(text, "By party", "\n\n") for kind, text in r.items()}
                for name, r in (("wide", wide), ("medium", medium), ("narrow", narrow))}
    # 120 columns: every column and the bars.
    assert "█" in by_party["wide"]["terminal"] and "#" in by_party["wide"]["piped"]
    assert "scored" in by_party["wide"]["terminal"] and "pldg" in by_party["wide"]["terminal"]
    # 60 (with box drawing): no bars, the counts still there.
    table = by_party["medium"]["terminal"]
    assert "█" not in table and "pldg" in table and "done" in table
    assert "Left out at 60 columns: bars" in medium["terminal"]
    # 40: the least telling counts go too ("scored" before the status counts), never n/avg/%.
    narrow_table = by_party["narrow"]["terminal"]
    assert "scored" not in narrow_table and "pldg" not in narrow_table
    assert {"n", "avg", "%"} <= tokens(narrow_table)
    assert "Left out at 40 columns: bars, scored, progress, pldg" in " ".join(
        narrow["terminal"].split())


def test_a_column_only_some_tables_leave_out_is_named_with_them(run, sample_db):
    # At 80 columns the framework table alone has no bars; the note said "bars" as if
    # every table had lost them.
    code, text = on_a_terminal("report", width=80, db=sample_db)
    assert code == 0
    note = " ".join(text[text.index("Left out at 80 columns"):].split("(a wider")[0].split())
    assert note == "Left out at 80 columns: bars (by framework)"
    assert "█" in section(text, "By party", "\n\n")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_matrix_never_splits_a_party_name(run, db, monkeypatch, width):
    run("dialogue", "add", "Central Asia round", "--date", "2025-03-01", "--id", "c6",
        *(arg for party in CENTRAL_ASIA for arg in ("--party", party)), ok=True)
    run("add", "Build a regional customs data exchange", "-d", "c6", "--due", "Q3 2027",
        ok=True)
    run("add", "Hold a water-sharing summit", "-d", "c6", "--by", "Uzbekistan", ok=True)
    for kind, text in both_reports(run, monkeypatch, width).items():
        assert max(len(line) for line in text.splitlines()) <= width, (kind, width)
        matrix = section(text, "Pledges × parties", "Overdue")
        words = tokens(matrix)
        if all(party in words for party in CENTRAL_ASIA):
            continue  # every name whole as a header
        # Too narrow for the names: short ones that cannot be mistaken, and a key; parties
        # that still do not fit go on to another table, each party once.
        flowing = " ".join(matrix.split())
        for short, party in (("Kaz", "Kazakhstan"), ("Kyr", "Kyrgyzstan"),
                             ("Taj", "Tajikistan"), ("Tur", "Turkmenistan")):
            assert short in words and f"{short} {party}" in flowing, (kind, width)
            assert flowing.count(f"{short} {party}") == 1
        assert width < 120


@pytest.mark.parametrize("width", WIDTHS)
def test_list_keeps_ids_statuses_and_whole_words(run, sample_db, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    pledges = json.loads(run("list", "--format", "json", ok=True).stdout)
    text = run("list", "--format", "table", ok=True).stdout
    assert max(len(line) for line in text.splitlines()) <= width
    words = tokens(text)
    starts = [line.split()[0] for line in text.splitlines()[1:] if line[:1].isdigit()]
    assert starts == [str(p["id"]) for p in pledges]  # every id whole, one row each
    assert "status" in words and "in-progress" in words
    for pledge in pledges:
        for word in pledge["text"].split():
            assert word in words, (width, word)


@pytest.mark.parametrize("width", WIDTHS)
def test_history_keeps_the_command_column(run, small_db, monkeypatch, width):
    run("mark", "1", "--status", "in-progress", "--note", "Premises found", ok=True)
    monkeypatch.setenv("COLUMNS", str(width))
    text = run("history", "--format", "table", ok=True).stdout
    assert max(len(line) for line in text.splitlines()) <= width
    header = text.splitlines()[1].split()
    assert "command" in header
    assert re.search(r"^(4|#)?\s*4\s+mark 1\b", text, re.M) or "mark 1" in text
    entries = len(read_db(small_db)["history"])
    ids = {line.split()[0] for line in text.splitlines()[2:] if line[:1].isdigit()}
    assert ids == {str(n) for n in range(1, entries + 1)}  # change numbers never cut
    # The timestamp is whole or left out, never broken over two lines.
    assert not re.search(r"\d{4}-\d{2}-\d{2}T(?!\d{2}:\d{2}:\d{2}Z)", text)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_matrix_keeps_every_pledge_average_whole(run, sample_db, monkeypatch, width):
    data = json.loads(run("report", "--format", "json", ok=True).stdout)
    for kind, text in both_reports(run, monkeypatch, width).items():
        matrix = section(text, "Pledges × parties", "Overdue")
        rows: dict[str, list[str]] = {}  # the first line of each pledge (in parts: the
        for line in matrix.splitlines():  # first part holds the text and the averages)
            if re.match(r"^ *\d+ ", line):
                rows.setdefault(line.split()[0], line.split())
        checked = 0
        for pledge in data["pledges"]:
            if pledge["average_score"] is None:
                continue
            row = rows[str(pledge["id"])]
            assert f"{pledge['average_score']:+.2f}" in row, (kind, width, row)
            assert f"{pledge['percent']:.0f}%" in row, (kind, width, row)
            checked += 1
        assert checked >= 10


@pytest.mark.parametrize("width", [24, 40])
def test_one_long_word_is_folded_before_the_id_or_status_goes(run, small_db, monkeypatch,
                                                              width):
    # A 24-letter word kept the text column 20 wide, and the status column (at 40) or
    # the id column (at 24) was dropped instead: rows could not be told apart.
    run("add", "Adopt the Intergovernmentalisation framework", "-d", "test-dlg", ok=True)
    monkeypatch.setenv("COLUMNS", str(width))
    text = run("list", "--format", "table", ok=True).stdout
    assert max(len(line) for line in text.splitlines()) <= width
    header = text.splitlines()[0].split()
    assert header[:2] == ["id", "status"], header
    assert [line.split()[0] for line in text.splitlines()[1:] if line[:1].isdigit()] == \
        ["1", "2", "3", "4"]


@pytest.mark.parametrize("width", [60, 80, 200])
def test_the_matrix_keeps_long_and_wide_party_names_whole(run, db, monkeypatch, width):
    # A name of 31 letters was cut at 16 even at 200 columns, and a Chinese name was
    # measured in characters, not terminal cells, and split.
    names = ["中华人民共和国", "Deutschland", "Saint-Vincent-et-les-Grenadines"]
    run("dialogue", "add", "Party names", "--date", "2025-01-01", "--id", "pn",
        *(arg for name in names for arg in ("--party", name)), ok=True)
    run("add", "Hold a joint meeting", "-d", "pn", ok=True)
    monkeypatch.setenv("COLUMNS", str(width))
    text = run("report", ok=True).stdout
    matrix = text[text.index("Pledges × parties"):]
    for name in names:
        assert name in matrix, (width, name)


def test_history_at_80_columns_says_which_field_changed(run, small_db):
    # On a terminal, one long slug in the log made the field column go first.
    run("dialogue", "add", "Third dialogue", "--date", "2026-01-10", "--party", "Alpha",
        "--party", "Beta", "--id", "alpha-beta-strategic-dialogue-2026", ok=True)
    run("mark", "1", "--status", "in-progress", "--note", "Site chosen", "--evidence",
        "https://example.org/2025/03/01/trade-office-site-chosen-in-astana", ok=True)
    run("edit", "1", "--due", "2026-06-30", ok=True)
    code, text = on_a_terminal("history", width=80, db=small_db)
    assert code == 0
    assert max(len(line) for line in text.splitlines()) <= 80
    header = next(line for line in text.splitlines() if "command" in line).split()
    assert {"command", "field", "after"} <= set(header), header
    assert re.search(r"edit 1\s+(pledge 1\s+)?due\s+(\S+\s+)?2026-06-30", text), text
