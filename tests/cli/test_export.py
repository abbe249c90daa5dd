"""`tracker export`: JSON, NDJSON and CSV, with filters, to stdout or a file."""

import csv
import io
import json

from tests.conftest import SAMPLE, read_db


def test_json_export_matches_the_database_field_by_field(run, sample_db):
    document = json.loads(run("export", ok=True).stdout)
    assert set(document) == {"schema_version", "exported_at", "dialogues", "pledges"}
    stored = read_db(sample_db)
    by_id = {p["id"]: p for p in stored["pledges"].values()}
    assert len(document["pledges"]) == len(by_id) == 21
    for pledge in document["pledges"]:
        assert pledge == by_id[pledge["id"]]
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert [d["id"] for d in document["dialogues"]] == [d["id"] for d in sample["dialogues"]]


def test_list_json_and_export_json_have_the_same_shape(run, sample_db):
    listed = json.loads(run("list", "--format", "json", ok=True).stdout)
    exported = json.loads(run("export", ok=True).stdout)["pledges"]
    assert listed == exported


def test_ndjson_has_one_typed_object_a_line(run, sample_db):
    lines = run("export", "--format", "ndjson", ok=True).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["type"] for r in records] == ["dialogue"] * 2 + ["pledge"] * 21
    document = json.loads(run("export", ok=True).stdout)
    assert [{k: v for k, v in r.items() if k != "type"} for r in records] == \
        document["dialogues"] + document["pledges"]


def test_csv_has_one_row_per_pledge_with_updates_summarised(run, sample_db):
    text = run("export", "--format", "csv", ok=True).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    document = json.loads(run("export", ok=True).stdout)
    assert len(rows) == len(document["pledges"])
    for row, pledge in zip(rows, document["pledges"], strict=True):
        assert row["uuid"] == pledge["uuid"]
        assert row["text"] == pledge["text"]
        assert row["by"] == "; ".join(pledge["by"])
        assert row["status"] == pledge["status"]
        assert int(row["progress"]) == pledge["progress"]
        assert int(row["update_count"]) == len(pledge["updates"])
        last = pledge["updates"][-1] if pledge["updates"] else {}
        assert row["last_update_date"] == (last.get("date") or "")
        assert row["last_update_note"] == (last.get("note") or "")


def test_filters_choose_pledges_and_their_dialogues(run, sample_db):
    document = json.loads(run("export", "--dialogue", "cn-kz-fmsd-2025", ok=True).stdout)
    assert {p["dialogue"] for p in document["pledges"]} == {"cn-kz-fmsd-2025"}
    assert [d["id"] for d in document["dialogues"]] == ["cn-kz-fmsd-2025"]
    rows = list(csv.DictReader(io.StringIO(run(
        "export", "--format", "csv", "--status", "fulfilled", ok=True).stdout)))
    assert rows and {row["status"] for row in rows} == {"fulfilled"}


def test_output_file_gets_the_data_and_stdout_stays_empty(run, sample_db, tmp_path):
    target = tmp_path / "out.csv"
    result = run("export", "--format", "csv", "--output", target, ok=True)
    assert result.stdout == ""
    assert "21 pledges" in result.stderr
    assert len(list(csv.DictReader(target.open(encoding="utf-8", newline="")))) == 21


def test_unknown_format_is_refused(run, sample_db):
    result = run("export", "--format", "xml")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: unknown export format 'xml'")
    assert result.stdout == ""


def test_the_output_files_extension_chooses_the_format_as_report_does(run, sample_db,
                                                                        tmp_path):
    run("export", "--output", tmp_path / "pledges.csv", ok=True)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "pledges.csv").read_text("utf-8"))))
    assert len(rows) == 21 and rows[0]["dialogue"] == "cn-kz-fmsd-2024"
    run("export", "--output", tmp_path / "all.jsonl", ok=True)
    lines = (tmp_path / "all.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["type"] for line in lines[:2]] == ["dialogue", "dialogue"]
    # An extension that names no export format keeps the default, JSON.
    run("export", "--output", tmp_path / "backup.bak", ok=True)
    assert json.loads((tmp_path / "backup.bak").read_text("utf-8"))["pledges"]


def test_every_format_name_and_extension_comes_from_one_registry():
    from tracker import formats
    from tracker.cli.common import RECORD_FORMATS
    from tracker.cli.export import EXPORT_FORMATS
    from tracker.cli.report import REPORT_FORMATS
    from tracker.interchange import IMPORT_FORMATS

    assert formats.names("records") == RECORD_FORMATS
    assert IMPORT_FORMATS == ("json", "ndjson", "csv")
    assert EXPORT_FORMATS == ("json", "ndjson", "csv", "matrix")  # matrix: what assess reads
    assert REPORT_FORMATS == ("table", "markdown", "html", "json", "csv")
    assert formats.from_extension("report", "Report.HTM") == "html"
    assert formats.from_extension("import", "data.ndjson") == "ndjson"
    assert formats.from_extension("export", "notes.md") is None
