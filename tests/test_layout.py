"""Records located in the file's bytes (tracker/layout.py): a lazily read table gives the same
records as a full parse, and a spliced write gives the very bytes of encoding the whole
database, with spans that are the new file's own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.layout import LazyTable, spans_of, splice
from tracker.store import _lazy_tables, encode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402 — bench/ is a folder of scripts, not a package

# Text a record may hold: quotes, backslashes, line breaks (escaped in JSON), accents,
# and what looks like the layout itself.
texts = st.one_of(st.text(max_size=30),
                  st.sampled_from(['\n    "12": {', '"}\n  },', "\\", "« Côte d'Ivoire »",
                                   "\u2028", '\n  "pledges": ']))
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), texts,
                    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6,
                              max_value=1e6))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)), max_leaves=12)
records = st.dictionaries(texts, values, max_size=6)


def database(pledges: list[dict], history: int) -> dict:
    return {
        "meta": {"1": {"schema_version": 2, "next_pledge_id": len(pledges) + 1,
                       "next_change_id": history + 1}},
        "dialogues": {"1": {"id": "d", "parties": ["A"]}},
        "pledges": {str(i): {**record, "id": i} for i, record in enumerate(pledges, 1)},
        "history": {str(i): {"id": i, "changes": []} for i in range(1, history + 1)},
    }


@settings(max_examples=150, deadline=None)
@given(pledges=st.lists(records, max_size=8), history=st.integers(0, 3))
def test_spans_find_every_record_and_nothing_else(pledges, history) -> None:
    data = database(pledges, history)
    content = encode(data)
    spans = spans_of(content)
    assert spans is not None
    assert list(spans["tables"]) == list(data)
    for name, (start, end) in spans["tables"].items():
        assert json.loads(content[start:end]) == data[name]
    assert list(spans["pledges"]) == list(data["pledges"])
    for key, (start, end) in spans["pledges"].items():
        assert json.loads(content[start:end]) == data["pledges"][key]
    assert spans["history_top"] == history


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pledges=st.lists(records, min_size=1, max_size=8), history=st.integers(1, 3),
       data=st.data())
def test_a_splice_is_the_whole_file_encoded(pledges, history, data) -> None:
    whole = database(pledges, history)
    content = encode(whole)
    spans = spans_of(content)
    lazy = _lazy_tables(content, spans)
    expected = json.loads(content)
    keys = list(whole["pledges"])
    for key in data.draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys))):
        record = lazy["pledges"][key]  # parsed on first access, changed in place
        change = data.draw(records)
        change.pop("id", None)  # a pledge's id is its key (what a lazy read checks)
        record.update(change)
        expected["pledges"][key].update(change)
    for offset in range(data.draw(st.integers(0, 3))):
        key = str(len(pledges) + 1 + offset)
        record = data.draw(records)
        assert key not in lazy["pledges"]
        lazy["pledges"][key] = record
        expected["pledges"][key] = record
    for offset in range(data.draw(st.integers(0, 2))):
        key = str(history + 1 + offset)
        assert key not in lazy["history"]  # known new without parsing the change log
        lazy["history"][key] = expected["history"][key] = {"id": int(key), "changes": []}
    lazy["meta"]["1"]["next_change_id"] = expected["meta"]["1"]["next_change_id"] = 10**6
    result = splice(content, spans, lazy)
    if result is None:  # a value only json writes right (say 1e-05): the whole file
        assert any("e-" in json.dumps(r) for r in expected["pledges"].values())
        return
    pieces, new_spans = result
    new_content = b"".join(pieces)
    assert new_content == encode(expected)
    assert new_spans == spans_of(new_content)
    assert lazy["history"].whole is None  # the change log was never parsed


def test_reading_every_record_parses_the_table_once_and_keeps_changes() -> None:
    dialogues, pledges = generate.generate(20)
    content = encode(generate.database(dialogues, pledges))
    table = _lazy_tables(content, spans_of(content))["pledges"]
    assert isinstance(table, LazyTable)
    table["3"]["text"] = "changed"
    table["21"] = {"id": 21}
    assert table.whole is None and len(table) == 21 and list(table)[-1] == "21"
    records = dict(table.items())
    assert table.whole is not None
    assert records["3"]["text"] == "changed" and list(records)[-1] == "21"
    assert splice(content, spans_of(content), {"pledges": table}) is None


@pytest.mark.parametrize("text", [b"", b"{}\n", b'{\n  "meta": {}\n}', b"[\n]\n",
                                  b'{\n    "pledges": {}\n}\n'])
def test_a_file_not_laid_out_as_the_writer_lays_it_out_has_no_spans(text) -> None:
    assert spans_of(text) is None


# -- through the command line ---------------------------------------------------------------


@pytest.fixture
def generated(db: Path) -> Path:
    dialogues, pledges = generate.generate(40)
    db.write_bytes(encode(generate.database(dialogues, pledges)))
    return db


COMMANDS = st.lists(st.one_of(
    st.tuples(st.just("add"), st.sampled_from(["dlg-000001-2012", "dlg-000003-2020"])),
    st.tuples(st.just("mark"), st.lists(st.integers(1, 44), min_size=1, max_size=3),
              st.sampled_from(["partial", "fulfilled", "stalled"])),
    st.tuples(st.just("edit"), st.integers(1, 44), st.sampled_from(["energy", "trade"])),
    st.tuples(st.just("show"), st.integers(1, 44)),
    st.tuples(st.just("remove"), st.integers(1, 44)),
    st.tuples(st.just("undo"),)), min_size=1, max_size=6)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=COMMANDS)
def test_commands_that_read_a_few_pledges_leave_the_file_a_full_write_would(
        run, generated, monkeypatch, script) -> None:
    """The same commands on a copy without the cache (every write encodes the whole file)
    end with the very same bytes, and print the same."""
    # One clock for both: the change log names `updated` only when a write changed it,
    # so a second ticking between the two runs of a command made them differ.
    import tracker.actions
    import tracker.dates
    import tracker.store

    for module in (tracker.actions, tracker.dates, tracker.store):
        monkeypatch.setattr(module, "now_timestamp", lambda: "2026-01-15T12:00:00Z")
    copy = generated.with_name("copy.json")
    copy.write_bytes(generated.read_bytes())
    run("list", ok=True)  # the cache, with the records' places
    for step in script:
        if step[0] == "add":
            args = ["add", "A pledge added lazily", "-d", step[1]]
        elif step[0] == "mark":
            args = ["mark", *map(str, step[1]), "--status", step[2], "--note", "n",
                    "--date", "2026-01-10"]
        elif step[0] == "edit":
            args = ["edit", str(step[1]), "--area", step[2]]
        elif step[0] == "show":
            args = ["show", str(step[1])]
        elif step[0] == "remove":
            args = ["remove", str(step[1]), "--yes"]
        else:
            args = ["undo"]
        lazy = run(*args)  # (an undo may take away the dialogue an add names: both refuse)
        monkeypatch.setenv("TRACKER_NO_CACHE", "1")
        full = run("--db", copy, *args)
        monkeypatch.delenv("TRACKER_NO_CACHE")
        assert (lazy.exit_code, lazy.stdout) == (full.exit_code, full.stdout)
        assert _steady(generated.read_bytes()) == _steady(copy.read_bytes())


def test_add_mark_edit_splice_and_show_reads_one_pledge(run, generated, monkeypatch) -> None:
    import tracker.layout

    run("list", ok=True)
    spliced = []
    real = tracker.layout.splice
    monkeypatch.setattr(tracker.layout, "splice",
                        lambda *a: spliced.append(real(*a)) or spliced[-1])
    assert run("add", "Build a ferry link", "-d", "dlg-000003-2020", ok=True).stdout == "41\n"
    run("mark", "41", "3", "--status", "partial", "--note", "work began", ok=True)
    run("edit", "3", "--add-tag", "ferries", ok=True)
    assert len(spliced) == 3 and all(result is not None for result in spliced)
    shown = run("show", "41", ok=True).stdout
    assert "Build a ferry link" in shown and "work began" in shown
    data = json.loads(generated.read_text(encoding="utf-8"))
    assert "ferries" in data["pledges"]["3"]["tags"]
    assert data["pledges"]["41"]["status"] == "partial"
    assert encode(data) == generated.read_bytes()


def _steady(content: bytes) -> bytes:
    """The file without the times of day commands stamp on it, and new pledges' uuids."""
    import re

    content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"T", content)
    return re.sub(rb'"uuid": "[0-9a-f-]{36}"', b'"uuid": "U"', content)
