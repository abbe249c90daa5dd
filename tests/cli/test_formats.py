"""Every record-printing command in every format; nothing fancy when stdout is not a terminal."""

import csv
import io
import json
import re

import pytest

from tests.conftest import read_db

ANSI = re.compile(r"\x1b\[")
BOX_DRAWING = re.compile(r"[\u2500-\u257f]")

RECORD_COMMANDS = [
    ("list",), ("show", "1"), ("dialogue", "list"), ("dialogue", "show", "test-dlg"),
]
FORMATS = ("table", "json", "ndjson", "csv", "tsv", "ids")


@pytest.fixture
def awkward_db(run, small_db):
    """small_db plus a pledge whose text has a tab, a newline, quotes, commas and accents."""
    run("add", 'Say "yes",\tthen\nact — Алматы, 北京, Zürich', "-d", "test-dlg", ok=True)
    run("mark", "4", "--status", "in-progress", "--note", "line one\nline two", ok=True)
    return small_db


@pytest.mark.parametrize("command", RECORD_COMMANDS)
@pytest.mark.parametrize("fmt", (*FORMATS, None))
def test_no_colour_or_box_drawing_when_piped(run, awkward_db, command, fmt, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    args = [*command] + ([] if fmt is None else ["--format", fmt])
    result = run(*args, ok=True)
    assert result.stdout
    assert not ANSI.search(result.stdout + result.stderr)
    assert not BOX_DRAWING.search(result.stdout)


def test_piped_list_defaults_to_headerless_tsv_without_limit(run, small_db):
    for n in range(120):
        run("add", f"Extra pledge {n}", "-d", "test-dlg", ok=True)
    lines = run("list", ok=True).stdout.splitlines()
    assert len(lines) == 123
    assert lines[0].split("\t")[:3] == ["1", "pledged", "0"]


def test_tsv_escapes_tabs_and_newlines_so_a_record_stays_one_line(run, awkward_db):
    lines = run("list", "--format", "tsv", ok=True).stdout.splitlines()
    assert lines[0].split("\t")[0] == "id"  # asked for explicitly: with a header
    assert len(lines) == 5
    cells = lines[4].split("\t")
    assert len(cells) == len(lines[0].split("\t"))
    assert cells[-1] == 'Say "yes",\\tthen\\nact — Алматы, 北京, Zürich'


def test_piped_tables_keep_one_record_a_line(run, awkward_db, monkeypatch):
    # Unless COLUMNS says how wide the reader is (tests/test_table.py), a pipe is unwrapped.
    monkeypatch.delenv("COLUMNS")
    lines = run("list", "--format", "table", ok=True).stdout.splitlines()
    assert len(lines) == 5  # header + 4 pledges, however long the text
    assert all(line == line.rstrip() for line in lines)
    shown = run("show", "4", ok=True).stdout
    assert "line one\\nline two" in shown


def test_json_is_utf8_and_matches_the_database(run, awkward_db):
    text = run("list", "--format", "json", ok=True).stdout
    assert "Алматы" in text and "\\u" not in text
    stored = {p["id"]: p for p in read_db(awkward_db)["pledges"].values()}
    for record in json.loads(text):
        assert record == stored[record["id"]]
    one = json.loads(run("show", "4", "--format", "json", ok=True).stdout)
    assert one == stored[4]
    dialogue = json.loads(run("dialogue", "show", "test-dlg", "--format", "json",
                              ok=True).stdout)
    assert dialogue == next(iter(read_db(awkward_db)["dialogues"].values()))


def test_ndjson_is_one_record_a_line(run, awkward_db):
    lines = run("list", "--format", "ndjson", ok=True).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 2, 3, 4]
    assert len(run("show", "4", "--format", "ndjson", ok=True).stdout.splitlines()) == 1


def test_csv_reads_back_with_the_csv_module(run, awkward_db):
    rows = list(csv.DictReader(io.StringIO(run("list", "--format", "csv", ok=True).stdout)))
    assert [row["id"] for row in rows] == ["1", "2", "3", "4"]
    assert rows[3]["text"] == 'Say "yes",\tthen\nact — Алматы, 北京, Zürich'
    assert rows[0]["by"] == "Alpha; Beta"
    dialogues = list(csv.DictReader(io.StringIO(
        run("dialogue", "list", "--format", "csv", ok=True).stdout)))
    assert dialogues[0]["id"] == "test-dlg" and dialogues[0]["pledges"] == "4"


def test_ids_format_prints_only_ids(run, small_db):
    assert run("list", "--format", "ids", ok=True).stdout == "1\n2\n3\n"
    assert run("list", "--area", "trade", "--format", "ids", ok=True).stdout == "1\n"
    assert run("dialogue", "list", "--format", "ids", ok=True).stdout == "test-dlg\n"


def test_empty_result_is_a_success_in_every_format(run, small_db):
    for fmt in FORMATS:
        result = run("list", "--status", "broken", "--format", fmt, ok=True)
        assert result.stdout in ("", "[]\n") or result.stdout.count("\n") == 1


def test_unknown_format_is_one_clear_error(run, small_db):
    result = run("list", "--format", "yaml")
    assert result.exit_code == 1
    assert result.stderr == ("error: unknown format 'yaml' (choose from: table, json, ndjson, "
                             "csv, tsv, ids)\n")
