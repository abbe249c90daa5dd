"""For every writing command, `undo` gives back the exported state byte for byte."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE

COMMANDS = {
    "dialogue add": ["dialogue", "add", "Next Round", "--date", "2025-05-01", "--party", "Alpha",
                     "--party", "Beta"],
    "dialogue edit": ["dialogue", "edit", "test-dlg", "--place", "Astana", "--add-party", "Gamma",
                      "--notes", "moved"],
    "dialogue rename": ["dialogue", "edit", "test-dlg", "--id", "renamed-dlg"],
    "dialogue remove --cascade": ["dialogue", "remove", "test-dlg", "--cascade", "--yes"],
    "add": ["add", "Build a bridge", "-d", "test-dlg", "--tag", "x", "--due", "2026-06-30"],
    "mark several": ["mark", "1", "2", "3", "--status", "partial", "--note", "Half done",
                     "--evidence", "https://example.org"],
    "mark with a party": ["mark", "1", "--party", "Beta", "--status", "broken",
                          "--date", "2025-03-01"],
    "edit several": ["edit", "1", "2", "--add-tag", "priority", "--due", "none",
                     "--framework", "SCO"],
    "edit clearing": ["edit", "2", "--framework", "", "--not-verifiable"],
    "remove several": ["remove", "1", "3", "--yes"],
    "import the sample": ["import", str(SAMPLE)],
}


def exported(run) -> bytes:
    """`tracker export` minus the line that says when it ran."""
    text = run("export", ok=True).stdout
    return "".join(line for line in text.splitlines(keepends=True)
                   if '"exported_at"' not in line).encode()


@pytest.mark.parametrize("name", COMMANDS)
def test_undo_restores_the_export_byte_for_byte_and_redo_brings_it_back(run, small_db, name):
    run("mark", "2", "--progress", "10", "--note", "earlier", ok=True)
    before = exported(run)
    run(*COMMANDS[name], ok=True)
    after = exported(run)
    assert after != before
    run("undo", ok=True)
    assert exported(run) == before
    run("undo", "--redo", ok=True)
    assert exported(run) == after
    run("undo", ok=True)
    assert exported(run) == before


def test_undo_of_an_import_that_changed_existing_records(run, sample_db, tmp_path):
    document = json.loads(run("export", ok=True).stdout)
    document["pledges"][0]["text"] = "Changed by the import"
    document["dialogues"][0]["place"] = "Elsewhere"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document, ensure_ascii=False))
    before = exported(run)
    run("import", changed, ok=True)
    assert exported(run) != before
    run("undo", ok=True)
    assert exported(run) == before
