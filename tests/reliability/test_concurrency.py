"""8 processes × 25 mixed writes on one database: every write is there afterwards."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from helpers import PYTHON, assert_valid

WORKERS, WRITES = 8, 25

# Each worker is one process that runs 25 tracker commands through the real CLI
# (in-process, to keep the test fast): add a pledge, mark it, tag it, repeat.
WORKER = textwrap.dedent("""
    import sys
    from typer.testing import CliRunner
    from tracker.cli.app import app

    worker, writes = sys.argv[1], int(sys.argv[2])
    runner = CliRunner()
    pledge = None
    for step in range(writes):
        name = f"w{worker}-{step}"
        if step % 3 == 0:
            args = ["add", name, "-d", "race"]
        elif step % 3 == 1:
            args = ["mark", pledge, "--progress", str(step), "--note", name]
        else:
            args = ["edit", pledge, "--add-tag", name]
        result = runner.invoke(app, args)
        if result.exit_code != 0:
            sys.exit(f"{args}: {result.exit_code} {result.stderr}")
        if step % 3 == 0:
            pledge = result.stdout.strip()
""")


def test_parallel_writers_lose_nothing(run, db, tmp_path, monkeypatch):
    run("dialogue", "add", "Race", "--date", "2025-01-01", "--party", "A", "--party", "B",
        "--id", "race", ok=True)
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "60")
    workers = [subprocess.Popen([PYTHON, "-c", WORKER, str(n), str(WRITES)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for n in range(WORKERS)]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()
    data = assert_valid(db)
    pledges = list(data["pledges"].values())
    texts = {p["text"] for p in pledges}
    notes = {u["note"] for p in pledges for u in p["updates"]}
    tags = {t for p in pledges for t in p["tags"]}
    for n in range(WORKERS):
        for step in range(WRITES):
            name = f"w{n}-{step}"
            assert name in (texts, notes, tags)[step % 3], name
    assert len(pledges) == WORKERS * len(range(0, WRITES, 3))
    assert len(data["history"]) == 1 + WORKERS * WRITES
    assert sorted(int(k) for k in data["pledges"]) == [p["id"] for p in pledges]
    assert sys.version_info >= (3, 11)
