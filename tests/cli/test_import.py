"""`tracker import`: JSON, NDJSON and CSV; checked whole, all or nothing, upserting."""

import json
import os
import pty
import subprocess

from tests.conftest import SAMPLE, read_db, tracker_exe

SHEET_HEADER = "dialogue,text,by,area,framework,due,status,progress\n"


def write(path, text):
    path.write_text(text, encoding="utf-8", newline="")
    return path


def pledges_by_text(db):
    return {p["text"]: p for p in read_db(db)["pledges"].values()}


def test_a_spreadsheet_with_the_analysts_columns_imports(run, small_db, tmp_path):
    sheet = write(tmp_path / "sheet.csv", SHEET_HEADER
                  + 'test-dlg,"Build a bridge, then a road",Alpha; Beta,transport,BRI,'
                    'June 2026,in-progress,40\n'
                  + "test-dlg,Train officials,beta,,,,,\n")
    result = run("import", sheet, ok=True)
    assert "2 added, 0 changed, 0 unchanged" in result.stderr
    pledges = pledges_by_text(small_db)
    bridge = pledges["Build a bridge, then a road"]
    assert bridge["by"] == ["Alpha", "Beta"]
    assert (bridge["area"], bridge["framework"], bridge["due"]) == ("transport", "BRI",
                                                                    "2026-06-30")
    assert (bridge["status"], bridge["progress"]) == ("in-progress", 40)
    officials = pledges["Train officials"]
    assert officials["by"] == ["Beta"]  # as first written in the dialogue
    assert (officials["status"], officials["progress"], officials["area"]) == ("pledged", 0,
                                                                                None)


def test_reimporting_an_edited_spreadsheet_updates_instead_of_duplicating(run, small_db,
                                                                          tmp_path):
    sheet = tmp_path / "sheet.csv"
    write(sheet, SHEET_HEADER + "test-dlg,Train officials,Beta,training,,,,\n")
    run("import", sheet, ok=True)
    before = read_db(small_db)
    again = run("import", sheet, ok=True)
    assert "0 added, 0 changed, 1 unchanged" in again.stderr
    assert read_db(small_db) == before  # a second import changes nothing, not even history

    write(sheet, SHEET_HEADER + "test-dlg,TRAIN officials,Beta,capacity,,2026-12-31,partial,50\n")
    result = run("import", sheet, ok=True)
    assert "0 added, 1 changed, 0 unchanged" in result.stderr
    pledges = [p for p in read_db(small_db)["pledges"].values() if p["dialogue"] == "test-dlg"]
    assert len(pledges) == 4
    edited = pledges_by_text(small_db)["TRAIN officials"]
    assert (edited["area"], edited["due"]) == ("capacity", "2026-12-31")
    assert (edited["status"], edited["progress"]) == ("partial", 50)
    # The status change is in the evidence log, dated today, saying where it came from.
    assert edited["updates"][-1]["date"] == "2026-01-15"
    assert "set by import of" in edited["updates"][-1]["note"]
    assert "1 unchanged" in run("import", sheet, ok=True).stderr


def test_a_csv_with_a_bad_row_is_rejected_whole(run, small_db, tmp_path):
    sheet = write(tmp_path / "sheet.csv", SHEET_HEADER
                  + "test-dlg,A fine pledge,,trade,,,,\n"
                  + "test-dlg,A bad pledge,Gamma,trade,,31/31/2025,done,\n"
                  + "test-dlg,Another fine pledge,,trade,,,,\n"
                  + "test-dlg,Too much progress,,trade,,,,150\n")
    before = small_db.read_bytes()
    result = run("import", sheet)
    assert result.exit_code == 1
    assert "row 3, due: '31/31/2025'" in result.stderr
    assert "row 3, status: unknown status 'done'" in result.stderr
    assert "row 5, progress: progress must be from 0 to 100, got 150" in result.stderr
    assert "row 2" not in result.stderr and "row 4" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert small_db.read_bytes() == before


def test_party_not_in_the_dialogue_names_the_row(run, small_db, tmp_path):
    sheet = write(tmp_path / "s.csv", SHEET_HEADER + "test-dlg,Something,Gamma,,,,,\n")
    result = run("import", sheet)
    assert result.exit_code == 1
    assert "row 2" in result.stderr and "'Gamma' is not a party" in result.stderr


def test_unknown_dialogue_is_created_only_with_its_date_and_parties(run, db, tmp_path):
    bare = write(tmp_path / "bare.csv", "dialogue,text\nnew-dlg,Do something\n")
    result = run("import", bare)
    assert result.exit_code == 1
    assert "row 2, dialogue: unknown dialogue 'new-dlg'" in result.stderr
    assert not db.exists()
    full = write(tmp_path / "full.csv", "dialogue,text,dialogue_title,dialogue_date,parties\n"
                 "new-dlg,Do something,Astana talks,2025-05-02,China; Kazakhstan\n"
                 "new-dlg,Do more,,,\n")
    assert "3 added" in run("import", full, ok=True).stderr
    stored = read_db(db)
    (dialogue,) = stored["dialogues"].values()
    assert (dialogue["id"], dialogue["title"], dialogue["date"], dialogue["parties"]) == (
        "new-dlg", "Astana talks", "2025-05-02", ["China", "Kazakhstan"])
    assert all(p["by"] == ["China", "Kazakhstan"] for p in stored["pledges"].values())


def test_missing_required_column_and_unknown_columns(run, small_db, tmp_path):
    result = run("import", write(tmp_path / "s.csv", "dialogue,title\ntest-dlg,x\n"))
    assert result.exit_code == 1
    assert "row 1: missing column text" in result.stderr
    result = run("import", write(tmp_path / "t.csv", "dialogue,text,Comment\ntest-dlg,x,hi\n"),
                 ok=True)
    assert "warning: ignoring unknown column: Comment" in result.stderr


def test_duplicate_rows_are_an_error(run, small_db, tmp_path):
    sheet = write(tmp_path / "s.csv", "dialogue,text\ntest-dlg,Same\ntest-dlg,same\n")
    result = run("import", sheet)
    assert result.exit_code == 1
    assert "row 3: the same pledge as row 2" in result.stderr


def test_exported_csv_imports_back_unchanged_and_into_an_empty_database(run, sample_db,
                                                                        tmp_path):
    exported = tmp_path / "all.csv"
    run("export", "--format", "csv", "--output", exported, ok=True)
    before = sample_db.read_bytes()
    assert "0 added, 0 changed, 23 unchanged" in run("import", exported, ok=True).stderr
    assert sample_db.read_bytes() == before
    other = tmp_path / "other.json"
    assert "23 added" in run("--db", other, "import", exported, ok=True).stderr
    original = {p["uuid"]: p for p in read_db(sample_db)["pledges"].values()}
    for pledge in read_db(other)["pledges"].values():
        source = original[pledge["uuid"]]
        for field in ("id", "dialogue", "text", "quote", "by", "area", "framework", "tags",
                      "due", "verifiable", "status", "progress", "created", "updated"):
            assert pledge[field] == source[field], field
        for field in ("target", "unit"):  # only on the pledges that have a target
            assert pledge.get(field) == source.get(field), field
    assert any(p.get("target") for p in read_db(other)["pledges"].values())


def test_dry_run_counts_and_writes_nothing(run, sample_db, tmp_path):
    document = json.loads(run("export", ok=True).stdout)
    document["pledges"][0]["text"] += " (edited)"
    document["pledges"][1]["uuid"] = "00000000-0000-4000-8000-000000000001"
    path = write(tmp_path / "doc.json", json.dumps(document))
    before = sample_db.read_bytes()
    result = run("import", path, "--dry-run", ok=True)
    assert "Would add 1, change 1, leave 21 unchanged" in result.stderr
    assert sample_db.read_bytes() == before


def test_json_errors_name_the_record_and_field(run, small_db, tmp_path):
    document = {"dialogues": [], "pledges": [
        {"dialogue": "test-dlg", "text": "ok"},
        {"dialogue": "test-dlg", "text": "bad", "progress": 300},
        {"dialogue": "nowhere", "text": "lost"},
    ]}
    before = small_db.read_bytes()
    result = run("import", write(tmp_path / "d.json", json.dumps(document)))
    assert result.exit_code == 1
    assert "pledge 2: progress must be from 0 to 100" in result.stderr
    assert "pledge 3: dialogue 'nowhere'" in result.stderr
    assert small_db.read_bytes() == before


def test_ndjson_import_from_stdin_with_line_numbers_in_errors(run, sample_db, tmp_path):
    text = run("export", "--format", "ndjson", ok=True).stdout
    other = tmp_path / "other.json"
    assert "23 added" in run("--db", other, "import", "-", input=text, ok=True).stderr
    lines = text.splitlines()
    lines[4] = lines[4].replace('"type": "pledge"', '"type": "promise"')
    lines[6] = "{not json"
    result = run("--db", tmp_path / "third.json", "import", "-", "--format", "ndjson",
                 input="\n".join(lines))
    assert result.exit_code == 1
    assert "line 5, type: expected \"dialogue\" or \"pledge\", got 'promise'" in result.stderr
    assert "line 7: not valid JSON" in result.stderr
    assert not (tmp_path / "third.json").exists()


def test_format_is_guessed_from_extension_or_content_and_can_be_forced(run, sample_db,
                                                                       tmp_path):
    csv_text = run("export", "--format", "csv", ok=True).stdout
    weird = write(tmp_path / "data.txt", csv_text)
    assert "23 unchanged" in run("import", weird, ok=True).stderr
    assert "23 unchanged" in run("import", "-", input=csv_text, ok=True).stderr
    result = run("import", weird, "--format", "json")
    assert result.exit_code == 1 and "is not valid JSON" in result.stderr
    result = run("import", weird, "--format", "yaml")
    assert result.exit_code == 1 and "unknown import format 'yaml'" in result.stderr


def test_utf8_bom_and_crlf_from_a_spreadsheet_are_fine(run, small_db, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffDialogue,Text,By\r\ntest-dlg,Coopération énergétique,Alpha\r\n"
                     .encode())
    run("import", path, ok=True)
    assert pledges_by_text(small_db)["Coopération énergétique"]["by"] == ["Alpha"]


def test_not_utf8_is_refused(run, small_db, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("dialogue,text\ntest-dlg,Coopération\n".encode("latin-1"))
    result = run("import", path)
    assert result.exit_code == 1 and "is not UTF-8" in result.stderr


def _big_export(run, tmp_path, count=1200):
    run("dialogue", "add", "Big", "--date", "2025-01-01", "--party", "A", "--id", "big",
        ok=True)
    rows = "".join(f"big,Pledge number {n}\n" for n in range(count))
    path = write(tmp_path / "big.csv", "dialogue,text\n" + rows)
    return path


def test_no_progress_bar_when_stderr_is_not_a_terminal(run, db, tmp_path):
    path = _big_export(run, tmp_path)
    result = subprocess.run([*tracker_exe(), "import", str(path)], capture_output=True,
                            text=True, env=dict(os.environ, TERM="xterm"), timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"Imported from {path}: 1200 added, 0 changed, 0 unchanged\n"


def test_progress_bar_on_a_terminal_stderr(run, db, tmp_path):
    path = _big_export(run, tmp_path)
    leader, follower = pty.openpty()
    env = dict(os.environ, TERM="xterm")
    env.pop("NO_COLOR", None)
    process = subprocess.Popen([*tracker_exe(), "import", str(path)], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=120) == 0
    os.close(leader)
    assert b"Checking records" in seen
    assert b"1200 added" in seen
    assert process.stdout.read() == b""


def test_a_file_without_timestamps_imports_twice_without_change(run, small_db, tmp_path):
    document = {"dialogues": [], "pledges": [
        {"uuid": "00000000-0000-4000-8000-0000000000aa", "dialogue": "test-dlg", "text": "x"}]}
    path = write(tmp_path / "d.json", json.dumps(document))
    assert "1 added" in run("import", path, ok=True).stderr
    before = small_db.read_bytes()
    assert "0 added, 0 changed, 1 unchanged" in run("import", path, ok=True).stderr
    assert small_db.read_bytes() == before


def test_a_taken_id_is_renumbered_and_said_so(run, small_db, tmp_path):
    document = {"dialogues": [], "pledges": [
        {"id": 2, "dialogue": "test-dlg", "text": "wants id 2"},
        {"id": 9, "dialogue": "test-dlg", "text": "wants id 9"}]}
    result = run("import", write(tmp_path / "d.json", json.dumps(document)), ok=True)
    assert "Pledge id 2 is or was in use (ids are never reused); imported as 10" in result.stderr
    ids = {p["text"]: p["id"] for p in read_db(small_db)["pledges"].values()}
    assert (ids["wants id 9"], ids["wants id 2"]) == (9, 10)
    assert read_db(small_db)["meta"]["1"]["next_pledge_id"] == 11


def test_an_import_never_reuses_the_id_of_a_removed_pledge(run, small_db, tmp_path):
    run("remove", "3", "--yes", ok=True)
    document = {"dialogues": [], "pledges": [
        {"id": 3, "dialogue": "test-dlg", "text": "another pledge asking for id 3"}]}
    result = run("import", write(tmp_path / "d.json", json.dumps(document)), ok=True)
    assert "Pledge id 3 is or was in use" in result.stderr
    ids = {p["text"]: p["id"] for p in read_db(small_db)["pledges"].values()}
    assert ids["another pledge asking for id 3"] == 4
    assert "3" not in read_db(small_db)["pledges"]


def test_the_spreadsheet_hint_is_for_csv_files_only(run, db, tmp_path):
    for name, hinted in (("data.json", False), ("data.csv", True), ("data.ndjson", False)):
        path = tmp_path / name
        path.write_bytes(b"\xff\xfe{}")
        result = run("import", path)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: {path} is not UTF-8 text (byte 0)\n")
        assert ("CSV UTF-8" in result.stderr) is hinted, name


def test_a_semicolon_separated_spreadsheet_imports(run, small_db, tmp_path):
    sheet = ("dialogue;text;by;area;status;progress\n"
             "test-dlg;Ouvrir un bureau, à Almaty;Alpha;trade;in-progress;20\n")
    run("import", write(tmp_path / "eu.csv", sheet), ok=True)
    pledges = {p["text"]: p for p in read_db(small_db)["pledges"].values()}
    pledge = pledges["Ouvrir un bureau, à Almaty"]
    assert (pledge["by"], pledge["status"], pledge["progress"]) == (["Alpha"], "in-progress", 20)


def _changed_first_dialogue(tmp_path, **fields):
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    document["dialogues"][0].update(fields)
    document["pledges"] = []  # the pledges stay as stored
    return write(tmp_path / "changed.json", json.dumps(document))


def test_importing_a_dialogue_that_drops_a_party_its_pledges_name_is_refused(
        run, sample_db, tmp_path):
    before = sample_db.read_bytes()
    result = run("import", _changed_first_dialogue(tmp_path, parties=["China"],
                                                   participants=[]))
    assert result.exit_code == 1
    assert "dialogue 1: cannot remove party 'Kazakhstan': pledges 1, 2, 3" in result.stderr
    assert "nothing was imported" in result.stderr
    assert sample_db.read_bytes() == before
    assert run("edit", "2", "--area", "trade").exit_code == 0


def test_importing_a_dialogue_dated_after_its_pledges_updates_is_refused(
        run, sample_db, tmp_path):
    before = sample_db.read_bytes()
    result = run("import", _changed_first_dialogue(tmp_path, date="2026-01-01"))
    assert result.exit_code == 1
    assert "cannot move cn-kz-fmsd-2024 to 2026-01-01: pledges 1, 2" in result.stderr
    assert "have updates from 2024-03-29" in result.stderr
    assert sample_db.read_bytes() == before


def test_a_dialogue_change_its_pledges_still_fit_imports(run, sample_db, tmp_path):
    result = run("import", _changed_first_dialogue(tmp_path, place="Astana"), ok=True)
    assert "0 added, 1 changed" in result.stderr
    assert read_db(sample_db)["dialogues"]["1"]["place"] == "Astana"


def test_a_json_object_that_is_not_an_export_is_refused(run, small_db, tmp_path):
    before = small_db.read_bytes()
    for text in ('{"x": 1}', "{}"):
        path = write(tmp_path / "notdb.json", text + "\n")
        for args, label in (((path,), str(path)), (("-",), "stdin")):
            result = run("import", *args, input=text)
            assert result.exit_code == 1, (text, args)
            assert f"{label}: not an interchange document" in result.stderr
            assert "added" not in result.stderr and "Traceback" not in result.stderr
            assert small_db.read_bytes() == before


def test_a_pledge_without_a_dialogue_field_says_so_and_problems_come_in_file_order(
        run, small_db, tmp_path):
    before = small_db.read_bytes()
    half = write(tmp_path / "half.json", '{"schema_version": 1, "pledges": [{"text": "x"}]}')
    result = run("import", half)
    assert result.exit_code == 1
    assert "pledge 1: no dialogue field" in result.stderr
    assert "None" not in result.stderr
    lines = ['{"type": "pledge", "text": 5}',
             '{"type": "dialogue", "id": "Not A Slug", "title": "T", "date": "2025-01-01", '
             '"parties": ["A"]}',
             "{not json"]
    result = run("import", "-", "--format", "ndjson", input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    problems = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert [problem.split(":")[0] for problem in problems] == ["line 1", "line 1", "line 2",
                                                               "line 3"]
    assert problems[0].startswith("line 1: no dialogue field")
    assert problems[1] == "line 1: text must be text, got int"
    assert "not a slug" in problems[2]
    assert "4 problems; nothing was imported" in result.stderr.splitlines()[-1]
    assert small_db.read_bytes() == before


def test_a_csv_round_trip_counts_its_dialogues_the_same_both_times(run, sample_db, tmp_path):
    exported = tmp_path / "x.csv"
    run("export", "--format", "csv", "-o", exported, ok=True)
    other = tmp_path / "new.json"
    first = run("--db", other, "import", exported, ok=True).stderr
    assert "23 added, 0 changed, 0 unchanged" in first
    before = other.read_bytes()
    again = run("--db", other, "import", exported, "--dry-run", ok=True).stderr
    assert "Would add 0, change 0, leave 23 unchanged" in again
    assert "0 added, 0 changed, 23 unchanged" in run("--db", other, "import", exported,
                                                      ok=True).stderr
    assert other.read_bytes() == before


def test_an_unclosed_quote_or_a_repeated_column_is_refused(run, small_db, tmp_path):
    # A quote never closed used to swallow every later row into one pledge's text.
    before = small_db.read_bytes()
    unclosed = write(tmp_path / "q.csv", 'dialogue,text\ntest-dlg,"Open an office\n'
                                         "test-dlg,Second pledge\ntest-dlg,Third\n")
    result = run("import", unclosed)
    assert result.exit_code == 1
    assert 'row 2: a quoted cell opens here and is never closed (a missing ")' in result.stderr
    repeated = write(tmp_path / "d.csv", "dialogue,text,area,Area\ntest-dlg,x,trade,\n")
    result = run("import", repeated)
    assert result.exit_code == 1
    assert "row 1: the column area appears twice; which one holds the values?" in result.stderr
    assert small_db.read_bytes() == before
    quoted = write(tmp_path / "ok.csv", 'dialogue,text\ntest-dlg,"A ""quoted"" word, kept"\n')
    run("import", quoted, ok=True)
    assert any(p["text"] == 'A "quoted" word, kept'
               for p in read_db(small_db)["pledges"].values())
