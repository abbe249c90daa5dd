"""Real shell pipelines with the installed `tracker`: ids through pipes, export | import."""

import json
import os
import re
import subprocess

from tests.conftest import REPO, SAMPLE, read_db, tracker_exe

ANSI = re.compile(r"\x1b\[")
BOX_DRAWING = re.compile(r"[\u2500-\u257f]")


def ok(result):
    assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
    return result


def test_overdue_ids_piped_into_mark(sh, run, small_db):
    ok(sh('tracker list --overdue --format ids | '
          'tracker mark - --status stalled --note "no movement since the summit"'))
    pledges = read_db(small_db)["pledges"]
    assert pledges["1"]["status"] == "stalled"
    assert pledges["1"]["updates"][-1]["note"] == "no movement since the summit"
    assert [pledges[key]["status"] for key in ("2", "3")] == ["pledged", "pledged"]


def test_default_tsv_first_column_feeds_mark(sh, small_db):
    ok(sh("tracker list --by Beta | tracker mark - --progress 20"))
    pledges = read_db(small_db)["pledges"]
    assert [pledges[key]["progress"] for key in ("1", "2", "3")] == [20, 0, 20]


def test_ids_piped_into_edit_and_remove(sh, small_db):
    ok(sh("tracker list --by Alpha --format ids | tracker edit - --add-tag reviewed"))
    pledges = read_db(small_db)["pledges"]
    assert [pledges[key]["tags"] for key in ("1", "2", "3")] == [["reviewed"], ["reviewed"], []]
    ok(sh("tracker list --area trade --format ids | tracker remove - --yes"))
    assert sorted(read_db(small_db)["pledges"]) == ["2", "3"]


def test_bad_id_on_stdin_changes_nothing(sh, small_db):
    before = small_db.read_bytes()
    result = sh("printf '1\\nbanana\\n' | tracker mark - --status broken")
    assert result.returncode == 1
    assert result.stderr == "error: stdin line 2: 'banana' is not a pledge id\n"
    assert small_db.read_bytes() == before


def test_add_prints_only_the_new_id(sh, small_db):
    result = ok(sh('id=$(tracker add "Open a consulate" -d test-dlg) && echo "got $id"'))
    assert result.stdout == "got 4\n"


def test_export_piped_into_import_of_another_database(sh, sample_db, tmp_path):
    other = tmp_path / "other.json"
    result = ok(sh(f"tracker export | tracker --db {other} import -"))
    assert "23 added" in result.stderr
    first = json.loads(ok(sh("tracker export")).stdout)
    second = json.loads(ok(sh(f"tracker --db {other} export")).stdout)
    for document in (first, second):
        del document["exported_at"]
    assert first["pledges"] == second["pledges"]
    assert first == second
    # A second run of the same pipeline changes nothing.
    before = other.read_bytes()
    assert "0 added, 0 changed, 23 unchanged" in ok(
        sh(f"tracker export | tracker --db {other} import -")).stderr
    assert other.read_bytes() == before


def test_ndjson_and_csv_through_pipes(sh, sample_db, tmp_path):
    ok(sh(f"tracker export --format ndjson | tracker --db {tmp_path / 'n.json'} import - "
          "--format ndjson"))
    ok(sh(f"tracker export --format csv | tracker --db {tmp_path / 'c.json'} import -"))
    for name in ("n.json", "c.json"):
        assert len(read_db(tmp_path / name)["pledges"]) == 21


def test_jq_over_json_and_ndjson(sh, sample_db):
    result = ok(sh("tracker list --status fulfilled --format json | jq -r '.[].id'"))
    assert result.stdout == ok(sh("tracker list --status fulfilled --format ids")).stdout
    count = ok(sh("tracker export --format ndjson | jq -c 'select(.type == \"pledge\")' "
                  "| wc -l")).stdout
    assert count.strip() == "21"


def test_head_closing_the_pipe_is_not_an_error(sh, sample_db):
    result = ok(sh("tracker list | head -1"))
    assert result.stdout.startswith("1\t")
    assert result.stderr == ""


def test_no_escape_or_box_drawing_in_any_piped_output(sh, sample_db):
    commands = [
        "tracker list", "tracker list --format table", "tracker list --format csv",
        "tracker list --format json", "tracker show 1", "tracker show 1 --format table",
        "tracker dialogue list", "tracker dialogue list --format table",
        "tracker dialogue show cn-kz-fmsd-2024", "tracker export", "tracker export -f csv",
        "tracker export -f ndjson", "tracker report", "tracker --help", "tracker list --help",
    ]
    for command in commands:
        # A terminal-like environment: only stdout being a pipe should turn fancy output off.
        result = ok(sh(f"unset NO_COLOR; TERM=xterm-256color COLUMNS=80 {command} | cat"))
        assert result.stdout, command
        assert not ANSI.search(result.stdout), command
        assert not BOX_DRAWING.search(result.stdout), command


def test_import_file_then_list_in_a_pipeline(sh, db):
    result = ok(sh(f"tracker import {SAMPLE} && tracker list --status fulfilled | cut -f1"))
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    fulfilled = [str(p["id"]) for p in sample["pledges"] if p["status"] == "fulfilled"]
    assert fulfilled and result.stdout.split() == fulfilled


def test_an_empty_pipe_into_mark_is_a_success_that_changes_nothing(sh, small_db):
    before = small_db.read_bytes()
    result = ok(sh("tracker list --status broken --format ids | tracker mark - --status stalled"))
    assert result.stderr == "No pledge ids on stdin; nothing to do.\n"
    assert small_db.read_bytes() == before


def readme_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")  # the ```bash blocks
    return re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL)


def test_every_example_in_the_scripting_readme_runs_as_written(tmp_path, db):
    """The examples run in order, in a fresh folder, as one `set -e -o pipefail` script."""
    blocks = readme_blocks()
    assert len(blocks) >= 6
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "sample_data").symlink_to(SAMPLE.parent)
    exe = " ".join(tracker_exe())
    for number, block in enumerate(blocks, 1):
        script = f"set -e -o pipefail\ntracker() {{ {exe} \"$@\"; }}\n{block}"
        result = subprocess.run(["bash", "-c", script], cwd=tmp_path / "work",
                                capture_output=True, text=True, timeout=120,
                                env=dict(os.environ))
        assert result.returncode == 0, (number, block, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
    pledges = read_db(db)["pledges"].values()
    flight = [p for p in pledges if p["text"].startswith("Launch a direct Urumqi")]
    assert len(flight) == 1 and flight[0]["status"] == "partial"
    assert (tmp_path / "work" / "copy.json").exists()


def test_tsv_with_its_header_feeds_mark(sh, small_db):
    result = ok(sh("tracker list --by Beta --format tsv | tracker mark - --note x"))
    assert "error" not in result.stderr
    pledges = read_db(small_db)["pledges"]
    assert [len(pledges[key]["updates"]) for key in ("1", "2", "3")] == [1, 0, 1]


def test_only_a_first_line_id_header_is_skipped(sh, small_db):
    before = small_db.read_bytes()
    result = sh("printf 'ID\\tx\\n1\\nid\\n' | tracker mark - --note x")
    assert result.returncode == 1
    assert result.stderr == "error: stdin line 3: 'id' is not a pledge id\n"
    assert small_db.read_bytes() == before
