"""The benchmark tools work, and the speed-ups keep the database file exactly as before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.table import Document

from tracker import store as store_module
from tracker.store import _SnapshotStorage, encode, load_file

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402 — bench/ is a folder of scripts, not a package


def stdlib_bytes(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def run_bench(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    tracker = Path(sys.executable).parent / "tracker"
    return subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "20", "--runs", "1",
         "--data", str(tmp_path / "data"), "--output", str(tmp_path / "RESULTS.md"),
         "--tracker", str(tracker), *extra],
        capture_output=True, text=True, timeout=300)


def test_runner_times_every_command_on_a_tiny_database(tmp_path: Path) -> None:
    result = run_bench(tmp_path, "--no-taskwarrior", "--all")
    assert result.returncode == 0, result.stderr
    results = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    for name in ("`--version`", "`--help`", "`list --area trade --status in-progress (piped tsv)`",
                 "`list (terminal, first page)`", "`report (terminal)`",
                 "`export --format json`", "`add`", "`mark ID --note`", "`edit ID`",
                 "`remove ID --yes`", "`report --as-of (replay)`", "`import 20 into empty db`"):
        assert name in result.stdout
        assert name in results
    assert "| CPU |" in results and "| Python |" in results and "typer " in results
    assert "<!-- results:start -->" in results and "<!-- results:end -->" in results
    assert "--all`" in results


def test_runner_times_the_issues_six_pairs_and_keeps_text_outside_its_markers(
        tmp_path: Path) -> None:
    (tmp_path / "RESULTS.md").write_text(
        "# Mine\n\nnotes before\n\n<!-- results:start -->\nold\n<!-- results:end -->\n\n"
        "## Profiles\n\nnotes after\n", encoding="utf-8")
    result = run_bench(tmp_path, "--no-taskwarrior")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert text.startswith("# Mine\n\nnotes before\n")
    assert text.endswith("## Profiles\n\nnotes after\n")
    assert "\nold\n" not in text
    rows = [line.split("|")[1].strip() for line in text.splitlines() if line.startswith("| `")]
    assert rows == ["`list --area trade --status in-progress (piped tsv)`", "`show ID`",
                    "`report (terminal)`", "`export --format json`", "`mark ID --note`", "`add`"]
    assert "Load average before: " in text
    assert "`report` / `list`: " in text
    assert "(≤ 0.8 × task at 10,000)" in text  # goals are stated for 10,000 pledges


@pytest.mark.skipif(subprocess.run(["sh", "-c", "command -v task"], capture_output=True
                                   ).returncode != 0, reason="Taskwarrior is not installed")
def test_runner_compares_with_taskwarrior(tmp_path: Path) -> None:
    result = run_bench(tmp_path, "--only", "export,mark ID")
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("| `export"))
    cells = [cell.strip() for cell in row.split("|")]
    assert cells[6] != "—" and float(cells[8]) > 0  # task's median and the ratio


def test_generated_database_is_what_the_tracker_would_write(tmp_path: Path) -> None:
    paths = generate.write_all(40, tmp_path)
    raw = paths["db"].read_bytes()
    data = load_file(paths["db"])
    assert encode(data) == raw == stdlib_bytes(json.loads(raw))
    pledges = list(data["pledges"].values())
    assert len(pledges) == 40
    assert {p["status"] for p in pledges} == set(generate.STATUSES)
    assert any("é" in p["text"] or "è" in p["text"] for p in pledges)
    document = json.loads(paths["import"].read_text(encoding="utf-8"))
    assert [p["uuid"] for p in document["pledges"]] == [p["uuid"] for p in pledges]


def test_generated_data_has_the_issues_shape() -> None:
    dialogues, pledges = generate.generate(1000)
    assert len(dialogues) == 100  # ten pledges a dialogue: 1,000 dialogues at 10,000
    counts = [len(p["updates"]) for p in pledges]
    assert set(counts) == set(range(7)) and 2.7 <= sum(counts) / len(counts) <= 3.3
    updates = [u for p in pledges for u in p["updates"]]
    assert all(u["note"] for u in updates)
    assert 0.7 <= sum(1 for u in updates if u["evidence"]) / len(updates) <= 0.9
    assert any(u["party"] for u in updates)
    tasks = generate.taskwarrior_tasks(pledges)
    assert [len(t.get("annotations", [])) for t in tasks] == counts  # 0–6 annotations each


def test_generated_import_file_imports_cleanly(tmp_path: Path, run) -> None:
    paths = generate.write_all(30, tmp_path)
    document = json.loads(paths["import"].read_text(encoding="utf-8"))
    result = run("import", paths["import"], ok=True)
    assert f"{len(document['dialogues']) + 30} added, 0 changed" in result.stderr
    listed = json.loads(run("list", "--format", "json", ok=True).stdout)
    assert listed == document["pledges"]  # validation changed nothing: the data is realistic


# -- orjson must write the very bytes json writes --------------------------------------------

json_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | json_text
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(json_text, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_encode_is_byte_identical_to_json_dumps(value: object) -> None:
    assert encode({"meta": value}) == stdlib_bytes({"meta": value})


@pytest.mark.parametrize("value", [1e-05, -1e-09, [1e-07, 2], 0.0001, 1.5e-300, 2**70,
                                   "1e-5 ppm", "people-to-people 9e-4", {"x": "0.00001"}])
def test_encode_falls_back_where_orjson_would_differ(value: object) -> None:
    assert encode({"v": value}) == stdlib_bytes({"v": value})


def test_file_that_only_json_reads_is_also_written_by_json(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(store_module, "_stdlib_only", False)
    path = tmp_path / "db.json"
    data = generate.database(*generate.generate(5))
    data["pledges"]["1"]["extra"] = float("nan")  # json reads NaN; orjson refuses it
    path.write_bytes(stdlib_bytes(data))
    loaded = load_file(path)
    assert store_module._stdlib_only
    assert encode(loaded) == path.read_bytes()


# -- the direct writes do what TinyDB's table operations did ---------------------------------


def test_pledge_writes_match_tinydb_table_operations(tmp_path: Path) -> None:
    data = generate.database(*generate.generate(30))
    theirs = json.loads(json.dumps(data))
    tiny = TinyDB(storage=_SnapshotStorage, data=theirs)
    table = tiny.table("pledges", cache_size=0)
    store = store_module.Store(tmp_path / "db.json", json.loads(json.dumps(data)))

    changed = {**store.pledge(7), "status": "broken", "progress": 40, "extra": "new key"}
    store.replace_pledge(dict(changed))
    table.upsert(Document(dict(changed), doc_id=7))
    new = {**store.pledge(3), "uuid": "x", "text": "Nouvelle promesse — été"}
    new.pop("id")
    store.add_pledge(dict(new, id=12), keep_id=False)
    table.insert(Document(dict(new, id=31), doc_id=31))
    store.remove_pledge(5)
    table.remove(doc_ids=[5])

    assert encode(store._storage.data["pledges"]) == encode(tiny.storage.data["pledges"])
    assert list(store._storage.data["pledges"]) == list(tiny.storage.data["pledges"])


def test_mark_of_many_ids_changes_each_of_them(tmp_path: Path, run, db: Path) -> None:
    db.write_bytes(encode(generate.database(*generate.generate(60))))
    ids = [str(n) for n in range(10, 60, 7)]
    run("mark", *ids, "--status", "in-progress", "--note", "Revue trimestrielle", ok=True)
    after = json.loads(db.read_text(encoding="utf-8"))
    for pledge_id in ids:
        assert after["pledges"][pledge_id]["updates"][-1]["note"] == "Revue trimestrielle"
    assert db.read_bytes() == stdlib_bytes(after)


def test_a_broken_pledge_is_still_named_exactly(run, db: Path) -> None:
    data = generate.database(*generate.generate(25))
    data["pledges"]["12"]["status"] = "done"
    db.write_bytes(encode(data))
    result = run("list")
    assert result.exit_code == 3
    assert "pledges → 12 → status: 'done'" in result.stderr
    data["pledges"]["12"]["status"] = "broken"
    data["history"]["2"] = []
    db.write_bytes(encode(data))
    result = run("list")
    assert result.exit_code == 3 and "history → 2" in result.stderr


def test_version_answered_early_is_the_apps_own_line(run) -> None:
    launched = subprocess.run([sys.executable, "-c",
                               "import sys; sys.argv = ['tracker', '--version'];"
                               "from tracker.cli.launch import main; main()"],
                              capture_output=True, text=True)
    assert launched.returncode == 0
    assert launched.stdout == run("--version", ok=True).stdout
    assert "typer" not in subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv = ['tracker', '--version'];"
         "from tracker.cli.launch import main; main(); print(sorted(sys.modules))"],
        capture_output=True, text=True).stdout.split("\n", 1)[1]


@pytest.mark.parametrize("sizes", ["abc", "10,", "0", "-5"])
def test_the_runner_refuses_bad_sizes_with_a_usage_error(sizes) -> None:
    done = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--sizes", sizes],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "argument --sizes" in done.stderr and "Traceback" not in done.stderr
