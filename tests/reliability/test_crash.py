"""A writer killed with SIGKILL at random moments leaves the old file or the new one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import textwrap
import time

from helpers import PYTHON, assert_valid, digest, tracker

KILLS = 12

# The victim: writes in a loop; after each command it appends the file's digest
# to a log, so the test knows every state a finished command produced.
VICTIM = textwrap.dedent("""
    import hashlib, json, os, sys
    from pathlib import Path
    from typer.testing import CliRunner
    from tracker.cli.app import app

    db, log = Path(sys.argv[1]), sys.argv[2]
    runner = CliRunner()
    step = 0
    while True:
        step += 1
        args = (["add", "p" + "x" * (step % 500), "-d", "crash"] if step % 2
                else ["mark", "1", "--progress", str(step % 100), "--note", f"n{step}"])
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        with open(log, "a") as out:
            data = db.read_bytes()
            count = len(json.loads(data)["history"])
            out.write(f"{hashlib.sha256(data).hexdigest()} {count}\\n")
            out.flush()
            os.fsync(out.fileno())
""")


def test_sigkill_at_random_moments_never_breaks_the_file(run, db, tmp_path):
    run("dialogue", "add", "Crash", "--date", "2025-01-01", "--party", "A", "--party", "B",
        "--id", "crash", ok=True)
    run("add", "first", "-d", "crash", ok=True)
    rng = random.Random(5)
    for attempt in range(KILLS):
        log = tmp_path / f"states-{attempt}.log"
        # The state before the victim starts.
        log.write_text(f"{digest(db)} {len(assert_valid(db)['history'])}\n")
        victim = subprocess.Popen([PYTHON, "-c", VICTIM, str(db), str(log)],
                                  env={**os.environ, "TRACKER_DB": str(db)},
                                  stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.4, 0.9))
        assert victim.poll() is None, victim.stderr.read().decode()
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        victim.stderr.close()
        data = assert_valid(db)
        states = [line.split() for line in log.read_text().splitlines()]
        if digest(db) not in {state for state, _ in states}:
            # Killed after the rename but before the digest was logged: then the
            # file is the state after exactly one more command than was logged.
            assert len(data["history"]) == int(states[-1][1]) + 1
        # The lock died with the process: the next command is not blocked.
        assert tracker(db, "add", "after", "-d", "crash").returncode == 0
    assert len(assert_valid(db)["history"]) > KILLS * 2
