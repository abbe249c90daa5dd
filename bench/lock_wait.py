"""How long writers wait for the database lock when many write at once (issue #11, item 12).

    python bench/lock_wait.py                            # 8 writers × 8 marks, 10,000 pledges
    python bench/lock_wait.py --writers 16 --marks 4
    python bench/lock_wait.py --pledges 1000 --timeout 900

Each writer is a loop of real `tracker mark` processes on its own pledges of one
generated database (bench/generate.py). Every process times its own wait for
the lock, from the moment it asks to the moment it holds it, and the script
prints how many marks failed and the p50/p95/max of those waits. The default
lock timeout (10 s) applies unless --timeout says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Run inside each `mark` process: the real CLI, with the lock wait timed around it.
ONE_MARK = """
import json, sys, time
from tracker import store
waits = sys.argv[1]
original = store._wait_for_lock
def timed(*args, **kwargs):
    start = time.monotonic()
    try:
        return original(*args, **kwargs)
    finally:
        with open(waits, "a") as log:
            log.write(json.dumps(time.monotonic() - start) + "\\n")
store._wait_for_lock = timed
from tracker.cli.launch import main
sys.argv = ["tracker", *sys.argv[2:]]
main()
"""

WRITER = """
import subprocess, sys
waits, db, first, marks = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
failed = 0
for number in range(marks):
    done = subprocess.run([sys.executable, "-c", sys.argv[5], waits, "--db", db, "mark",
                           str(first + number), "--status", "in-progress", "--note",
                           f"writer step {number}"],
                          capture_output=True)
    if done.returncode != 0:
        failed += 1
        sys.stderr.write(done.stderr.decode(errors="replace"))
print(failed)
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--marks", type=int, default=8, help="marks per writer")
    parser.add_argument("--pledges", type=int, default=10_000)
    parser.add_argument("--timeout", type=float, default=None,
                        help="TRACKER_LOCK_TIMEOUT for the writers (default: the tracker's)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--pledges",
                        str(args.pledges), "--out", str(data)], check=True,
                       capture_output=True)
        db = data / f"db-{args.pledges}.json"
        size = db.stat().st_size
        waits = data / "waits.ndjson"
        env = dict(os.environ)
        env.pop("TRACKER_LOCK_TIMEOUT", None)
        if args.timeout is not None:
            env["TRACKER_LOCK_TIMEOUT"] = str(args.timeout)
        env["TRACKER_DB"] = str(db)
        start = time.monotonic()
        writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(waits), str(db),
                                     str(1 + n * args.marks), str(args.marks), ONE_MARK],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                   for n in range(args.writers)]
        failed, messages = 0, []
        for writer in writers:
            out, err = writer.communicate()
            failed += int(out.decode().strip() or args.marks)
            if err.strip():
                messages.append(err.decode(errors="replace").strip().splitlines()[0])
        elapsed = time.monotonic() - start
        times = ([json.loads(line) for line in waits.read_text().splitlines()]
                 if waits.exists() else [])
        marked = sum(1 for p in json.loads(db.read_text())["pledges"].values()
                     for u in p["updates"] if (u.get("note") or "").startswith("writer step"))
    total = args.writers * args.marks
    print(f"{args.writers} writers × {args.marks} marks on {args.pledges:,} pledges "
          f"({size / 1e6:.1f} MB), lock timeout "
          f"{args.timeout if args.timeout is not None else 'default (10 s)'}")
    print(f"failed: {failed} of {total}; all done in {elapsed:.1f} s; "
          f"their updates in the file: {marked}")
    if times:
        print(f"lock wait over {len(times)} marks: p50 {percentile(times, 0.5):.2f} s, "
              f"p95 {percentile(times, 0.95):.2f} s, max {max(times):.2f} s, "
              f"mean {statistics.mean(times):.2f} s")
    for message in messages[:3]:
        print("  e.g.", message)


if __name__ == "__main__":
    main()
