"""Output and input that do what the name says: `-o` follows the file's extension,
and `mark -` takes whatever record format `list` printed."""

import pytest
from conftest import read_db


@pytest.mark.parametrize("name, first", [
    ("e.csv", "id,uuid,dialogue,text"), ("e.ndjson", '{"type": "dialogue"'),
    ("e.jsonl", '{"type": "dialogue"'), ("e.json", "{"), ("e.bak", "{"),
])
def test_export_output_takes_its_format_from_the_extension(run, small_db, tmp_path, name,
                                                           first):
    target = tmp_path / name
    run("export", "-o", target, ok=True)
    assert target.read_text(encoding="utf-8").startswith(first)
    if name != "e.bak":  # and it imports back as what it is called
        assert ": 0 added, 0 changed, " in run("import", target, ok=True).stderr


@pytest.mark.parametrize("args, message, hint", [
    (["export", "-o", "e.csv", "--format", "json"], "--format json but 'e.csv' is named as csv",
     "name the file e.json"),
    (["export", "-o", "e.md"], "'e.md' is named as markdown, which `tracker export` does not "
     "write (choose from: json, ndjson, csv", "e.json"),
    (["report", "-o", "r.md", "--format", "html"], "--format html but 'r.md' is named as "
     "markdown", "name the file r.html"),
    (["report", "-o", "r.ndjson"], "`tracker report` does not write", "r.txt"),
])
def test_an_extension_that_contradicts_the_format_is_an_error(run, small_db, tmp_path, args,
                                                              message, hint):
    before = small_db.read_bytes()
    args = [tmp_path / a if a.startswith(("e.", "r.")) else a for a in args]
    result = run(*args)
    assert result.exit_code == 1
    error, hint_line = result.stderr.splitlines()
    assert error.startswith("error: ") and message in error
    assert hint_line.startswith("hint: ") and hint in hint_line
    assert not any(path.exists() for path in args if not isinstance(path, str))
    assert small_db.read_bytes() == before


def test_matching_format_and_extension_is_fine(run, small_db, tmp_path):
    run("export", "-o", tmp_path / "e.csv", "--format", "csv", ok=True)
    run("report", "-o", tmp_path / "r.html", "--format", "html", ok=True)
    assert (tmp_path / "r.html").read_text(encoding="utf-8").lstrip().startswith("<!")


@pytest.mark.parametrize("fmt", ["csv", "json", "ndjson", "tsv", "ids"])
def test_mark_reads_ids_from_any_record_format_of_list(run, small_db, fmt):
    listed = run("list", "--area", "trade", "--area", "security", "--format", fmt, ok=True)
    run("mark", "-", "--note", "Checked", input=listed.stdout, ok=True)
    pledges = read_db(small_db)["pledges"]
    assert [len(pledges[key]["updates"]) for key in ("1", "2", "3")] == [1, 1, 0]


def test_mark_reads_the_pledges_of_an_export_and_of_show(run, small_db):
    document = run("export", "--area", "security", ok=True).stdout
    run("mark", "-", "--note", "From the export", input=document, ok=True)
    shown = run("show", "3", "--format", "json", ok=True).stdout
    run("mark", "-", "--note", "From show", input=shown, ok=True)
    ndjson = run("export", "--format", "ndjson", "--area", "trade", ok=True).stdout
    run("mark", "-", "--note", "From NDJSON", input=ndjson, ok=True)
    pledges = read_db(small_db)["pledges"]
    assert [pledges[key]["updates"][-1]["note"] for key in ("1", "2", "3")] == [
        "From NDJSON", "From the export", "From show"]


@pytest.mark.parametrize("stdin, message", [
    ('[{"id": "x"}]', "stdin record 1: 'x' is not a pledge id"),
    ('{"id": 1\n{"id": 2}', "stdin is neither JSON nor NDJSON"),
    ("id,text\n1,a\nseven,b\n", "stdin row 3: 'seven' is not a pledge id"),
])
def test_bad_records_on_stdin_are_refused_and_change_nothing(run, small_db, stdin, message):
    before = small_db.read_bytes()
    result = run("mark", "-", "--note", "x", input=stdin)
    assert result.exit_code == 1 and message in result.stderr
    assert small_db.read_bytes() == before
