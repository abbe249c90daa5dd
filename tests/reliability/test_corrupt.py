"""A broken database is never overwritten: exit 3, the place named, the file byte-identical."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE


def _database() -> dict:
    pledge = {"id": 1, "uuid": "0b9c5a46-3f3e-4c3a-9a53-2d2a7c9f0e11", "dialogue": "d",
              "text": "t", "quote": None, "by": ["A"], "area": None, "framework": None,
              "tags": [], "due": None, "verifiable": True, "status": "pledged", "progress": 0,
              "created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z",
              "updates": []}
    dialogue = {"id": "d", "title": "D", "date": "2025-01-01", "place": None,
                "parties": ["A", "B"], "participants": [], "source": None, "notes": None,
                "created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z"}
    return {"meta": {"1": {"schema_version": 1, "next_pledge_id": 2, "next_change_id": 1}},
            "dialogues": {"1": dialogue}, "pledges": {"1": pledge}, "history": {}}


def _good() -> bytes:
    return json.dumps(_database(), indent=2).encode()


def _changed(change) -> bytes:
    data = _database()
    change(data)
    return json.dumps(data, indent=2).encode()


CASES = {
    "truncated": (lambda: _good()[: len(_good()) // 2], "is not valid JSON"),
    "nul bytes": (lambda: _good()[:40] + b"\0" * 64 + _good()[40:], "is not valid JSON"),
    "only nul bytes": (lambda: b"\0" * 4096, "is not valid JSON: Expecting value (line 1"),
    "not utf-8": (lambda: _good().replace(b'"t"', b'"\xff"'), "is not UTF-8 text (byte"),
    "a list": (lambda: b"[1, 2, 3]\n", "not a pledge-tracker database"),
    "another program's json": (lambda: b'{"name": "x"}', "no 'meta' table"),
    "no schema version": (lambda: _changed(lambda d: d["meta"]["1"].update(schema_version="1")),
                          "has no schema version"),
    "pledges not an object": (lambda: _changed(lambda d: d.update(pledges=[])),
                              "'pledges' table that is not an object"),
    "wrong type": (lambda: _changed(lambda d: d["pledges"]["1"].update(progress="none")),
                   "bad value at pledges → 1 → progress: 'none'"),
    "unknown status": (lambda: _changed(lambda d: d["pledges"]["1"].update(status="done")),
                       "pledges → 1 → status"),
    "missing field": (lambda: _changed(lambda d: d["pledges"]["1"].pop("due")),
                      "has a pledge without due at pledges → 1"),
    "bad dialogue": (lambda: _changed(lambda d: d["dialogues"]["1"].update(parties="A")),
                     "bad value at dialogues → 1 → parties: 'A'"),
    "id over the counter": (lambda: _changed(lambda d: d["meta"]["1"].update(next_pledge_id=1)),
                            "pledges → 1 → id"),
    "newer schema": (lambda: _changed(lambda d: d["meta"]["1"].update(schema_version=9)),
                     "newer pledge-tracker (schema 9"),
}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("command", [("list",), ("edit", "1", "--area", "x"),
                                     ("import", str(SAMPLE)), ("undo",), ("history",)])
def test_a_corrupt_file_is_exit_3_named_and_untouched(run, db, name, command):
    broken, expected = CASES[name]
    content = broken()
    db.write_bytes(content)
    result = run(*command)
    assert result.exit_code == 3, (result.stdout, result.stderr)
    assert expected in result.stderr
    assert str(db) in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == content


def test_the_base_case_is_accepted(run, db):
    db.write_bytes(_good())
    assert run("list", ok=True).stdout.startswith("1\t")
