"""The interchange core without the CLI: formats, planning an import, applying it, CSV rows."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLE
from tracker import interchange, interchange_csv
from tracker.store import SCHEMA_VERSION, Store, _empty_data

DIALOGUE = {"id": "talks-2025", "title": "Talks", "date": "2025-01-10",
            "parties": ["Alpha", "Beta"]}
UUID = "7d3c0a52-6a3b-4a55-9a43-8f7d1f1f2b10"


def empty_store(tmp_path) -> Store:
    return Store(tmp_path / "db.json", _empty_data())


def pledge(text: str = "Open an office", **fields) -> dict:
    return {"dialogue": "talks-2025", "text": text, **fields}


def imported(tmp_path, document: dict) -> tuple[Store, interchange.ImportPlan]:
    store = empty_store(tmp_path)
    plan = interchange.plan_import(store, document, "file")
    interchange.apply_import(store, plan)
    return store, plan


# -- formats -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("data.JSON", "", "json"),
    ("data.jsonl", "{}", "ndjson"),
    ("data.ndjson", "{}", "ndjson"),
    ("sheet.csv", "{}", "csv"),
    ("stdin", '{"pledges": []}', "json"),
    ("stdin", ' {"a": 1}\n{"b": 2}\n', "ndjson"),
    ("stdin", '{"a": ', "json"),  # broken JSON is still JSON: its error says where
    ("stdin", "dialogue,text\n", "csv"),
])
def test_guess_format(name, text, expected):
    assert interchange.guess_format(name, text) == expected


def test_parse_json_names_the_place_of_an_error():
    with pytest.raises(Exception, match=r"in\.json is not valid JSON: .*line 2, column 1"):
        interchange.parse_json('{"a": 1,\n}', "in.json")


def test_parse_ndjson_labels_records_by_line_and_collects_errors():
    text = ('{"type": "dialogue", "id": "d"}\n\n'
            '{"type": "pledge", "text": "x"}\n'
            '{"type": "note"}\n'
            '{broken\n')
    parsed = interchange.parse_ndjson(text)
    assert parsed.dialogues == [{"id": "d"}] and parsed.dialogue_labels == ["line 1"]
    assert parsed.pledges == [{"text": "x"}] and parsed.pledge_labels == ["line 3"]
    assert parsed.errors[0].startswith("line 4, type: expected")
    assert parsed.errors[1].startswith("line 5: not valid JSON")


def test_ndjson_records_put_dialogues_first_with_their_type():
    records = interchange.ndjson_records({"dialogues": [{"id": "d"}], "pledges": [{"id": 1}]})
    assert records == [{"type": "dialogue", "id": "d"}, {"type": "pledge", "id": 1}]


def test_export_document_shape():
    document = interchange.export_document([DIALOGUE], [])
    assert list(document) == ["schema_version", "exported_at", "dialogues", "pledges"]
    assert document["schema_version"] == SCHEMA_VERSION


# -- planning and applying --------------------------------------------------------


def test_a_new_document_is_planned_then_applied(tmp_path):
    store, plan = imported(tmp_path, {"dialogues": [DIALOGUE],
                                      "pledges": [pledge(), pledge("Hold a summit")]})
    assert (plan.added, plan.changed, plan.unchanged, plan.errors) == (3, 0, 0, [])
    assert [p["id"] for p in store.pledges()] == [1, 2]
    first = store.pledge(1)
    assert first["uuid"] and first["created"] == first["updated"]
    assert first["by"] == ["Alpha", "Beta"]


def test_importing_the_same_document_again_changes_nothing(tmp_path):
    document = {"dialogues": [DIALOGUE], "pledges": [pledge(uuid=UUID)]}
    store, _ = imported(tmp_path, document)
    again = interchange.plan_import(store, document, "file")
    assert (again.added, again.changed, again.unchanged) == (0, 0, 2)


def test_a_changed_pledge_is_matched_by_uuid_and_keeps_its_id(tmp_path):
    store, _ = imported(tmp_path, {"dialogues": [DIALOGUE], "pledges": [pledge(uuid=UUID)]})
    plan = interchange.plan_import(store, {"pledges": [pledge("New words", uuid=UUID)]}, "f")
    assert (plan.added, plan.changed) == (0, 1)
    interchange.apply_import(store, plan)
    assert store.pledge(1)["text"] == "New words"


def test_every_bad_record_is_named_and_nothing_applies(tmp_path):
    store = empty_store(tmp_path)
    document = {"dialogues": [DIALOGUE, "not an object", {"id": "Bad Slug"}],
                "pledges": [pledge(), pledge(dialogue="nowhere"), pledge(id=0),
                            pledge(uuid="nope"), 7, pledge(uuid=UUID), pledge(uuid=UUID)]}
    plan = interchange.plan_import(store, document, "file")
    assert [error.split(":")[0] for error in plan.errors] == [
        "dialogue 2", "dialogue 3", "pledge 2", "pledge 3", "pledge 4", "pledge 5", "pledge 7"]
    assert "appears twice" in plan.errors[-1]
    with pytest.raises(Exception, match="nothing was written"):
        interchange.apply_import(store, plan)
    assert store.pledges() == [] and store.changes == []


@pytest.mark.parametrize("document", [[], {"pledges": {}}, {"dialogues": "x"}])
def test_a_document_of_the_wrong_shape_is_one_error(tmp_path, document):
    plan = interchange.plan_import(empty_store(tmp_path), document, "file")
    assert plan.errors == ['file: not an interchange document (expected {"dialogues": [...], '
                           '"pledges": [...]})']


def test_a_newer_schema_is_refused(tmp_path):
    plan = interchange.plan_import(empty_store(tmp_path),
                                   {"schema_version": SCHEMA_VERSION + 1}, "file")
    assert "is newer than this pledge-tracker reads" in plan.errors[0]


def test_a_pledge_keeps_its_id_when_free_and_is_renumbered_otherwise(tmp_path):
    store, plan = imported(tmp_path, {"dialogues": [DIALOGUE],
                                      "pledges": [pledge("a", id=5), pledge("b", id=5),
                                                  pledge("c", id=2), pledge("d")]})
    assert {p["text"]: p["id"] for p in store.pledges()} == {"a": 5, "c": 2, "b": 6, "d": 7}
    assert plan.renumbered == [(5, 6)]
    assert store.next_pledge_id() == 8


def test_progress_reports_every_record(tmp_path):
    seen = []
    interchange.plan_import(empty_store(tmp_path), {"dialogues": [DIALOGUE],
                                                    "pledges": [pledge(), pledge("b")]},
                            "file", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_changed_dialogue_must_still_fit_its_stored_pledges(tmp_path):
    store, _ = imported(tmp_path, {"dialogues": [DIALOGUE], "pledges": [
        pledge(uuid=UUID, by=["Beta"], updates=[{"date": "2025-02-01", "status": "partial",
                                                 "progress": 50}])]})
    narrower = {**DIALOGUE, "parties": ["Alpha"], "date": "2025-03-01"}
    plan = interchange.plan_import(store, {"dialogues": [narrower]}, "file")
    assert plan.errors == [
        "dialogue 1: cannot remove party 'Beta': pledge 1 name it",
        "dialogue 1: cannot move talks-2025 to 2025-03-01: pledge 1 have updates from "
        "2025-02-01"]
    # The same change with the pledge brought along, fitting it, is fine.
    moved = pledge(uuid=UUID, by=["Alpha"])
    plan = interchange.plan_import(store, {"dialogues": [narrower], "pledges": [moved]}, "f")
    assert plan.errors == [] and plan.changed == 2


def test_dialogues_for_a_filtered_export(tmp_path):
    other = {**DIALOGUE, "id": "other-2025"}
    store, _ = imported(tmp_path, {"dialogues": [DIALOGUE, other], "pledges": [pledge()]})
    assert [d["id"] for d in interchange.dialogues_for(store, store.pledges(), False)] == [
        "talks-2025"]
    assert len(interchange.dialogues_for(store, [], True)) == 2


# -- CSV ------------------------------------------------------------------------------


def test_export_rows_follow_the_columns(tmp_path):
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    rows = interchange_csv.export_rows(document)
    assert len(rows) == len(document["pledges"])
    row = dict(zip(interchange_csv.CSV_COLUMNS, rows[0], strict=True))
    first = document["pledges"][0]
    assert row["by"] == "; ".join(first["by"])
    assert row["update_count"] == len(first["updates"])
    assert row["last_update_date"] == first["updates"][-1]["date"]
    assert row["parties"] == "China; Kazakhstan"


def test_csv_rows_match_stored_pledges_by_text_and_log_a_new_status(tmp_path):
    store, _ = imported(tmp_path, {"dialogues": [DIALOGUE], "pledges": [pledge()]})
    sheet = ("Dialogue;Text;Status;Progress;Colour\n"
             "talks-2025;  open an OFFICE ;in-progress;30;red\n"
             "talks-2025;Build a road;;;\n")
    parsed = interchange_csv.parse_csv(sheet, store, "sheet.csv")
    assert parsed.errors == []
    assert parsed.warnings == ["ignoring unknown column: Colour"]
    assert parsed.pledge_labels == ["row 2", "row 3"]
    updated, new = parsed.pledges
    assert updated["id"] == 1 and updated["text"] == "open an OFFICE"
    assert [(u["status"], u["progress"], u["note"]) for u in updated["updates"]] == [
        ("in-progress", 30, "set by import of sheet.csv")]
    assert (new["status"], new["progress"], new["updates"]) == ("pledged", 0, [])


@pytest.mark.parametrize(("sheet", "error"), [
    ("", "sheet.csv: the CSV is empty"),
    ("text\nx\n", "row 1: missing column dialogue"),
    ("dialogue,text\nnowhere,x\n", "row 2, dialogue: unknown dialogue 'nowhere'"),
    ("dialogue,text,uuid\ntalks-2025,x,nope\n", "row 2, uuid: uuid 'nope' is not a UUID"),
    ("dialogue,text,progress,verifiable\ntalks-2025,x,200,maybe\n", "row 2, progress:"),
    ("dialogue,text\ntalks-2025,x,extra\n", "row 2: 3 cells but the header has 2 columns"),
    ("dialogue,text\ntalks-2025,x\ntalks-2025,X\n", "row 3: the same pledge as row 2"),
])
def test_csv_errors_name_row_and_column(tmp_path, sheet, error):
    store, _ = imported(tmp_path, {"dialogues": [DIALOGUE], "pledges": []})
    parsed = interchange_csv.parse_csv(sheet, store, "sheet.csv")
    assert parsed.errors and parsed.errors[0].startswith(error), parsed.errors


def test_a_csv_row_can_create_its_dialogue(tmp_path):
    store = empty_store(tmp_path)
    sheet = "dialogue,text,dialogue_date,parties\nnew-2025,x,2025-05-01,A; B\n"
    parsed = interchange_csv.parse_csv(sheet, store, "sheet.csv")
    assert parsed.errors == []
    assert parsed.dialogues[0]["parties"] == ["A", "B"]
    assert parsed.pledges[0]["by"] == ["A", "B"]
