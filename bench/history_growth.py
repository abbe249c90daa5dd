"""How much 200 `tracker mark` runs on one pledge add to the database file.

    python bench/history_growth.py               # 200 marks on the sample's pledge 1
    python bench/history_growth.py --marks 50

The audit's input (issue #11, item 6): the China–Kazakhstan sample, then one
pledge marked again and again, each mark a separate process. The goal is at
most 400 KB added by 200 marks; under schema 1 (whole update lists before and
after in every change-log entry) the same run went from 29 KB to 14.7 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "cn-kz-strategic-dialogue.json"


def tracker(db: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), *args], check=True,
                   capture_output=True, env={**os.environ, "TRACKER_DB": str(db)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--marks", type=int, default=200)
    parser.add_argument("--pledge", default="1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "tracker.json"
        tracker(db, "import", str(SAMPLE))
        start = db.stat().st_size
        checkpoints = {}
        for number in range(1, args.marks + 1):
            tracker(db, "mark", args.pledge, "--progress", str(min(99, number // 2 + 1)),
                    "--note", f"Step {number} of the work, reported by the ministry",
                    "--evidence", f"https://example.org/news/{number}")
            if number in (1, 10, 50, 100, 200) or number == args.marks:
                checkpoints[number] = db.stat().st_size
    print(f"file after import: {start / 1024:.1f} KB")
    for number, size in checkpoints.items():
        print(f"after {number:>4} marks: {size / 1024:8.1f} KB  (+{(size - start) / 1024:.1f} KB)")
    added = checkpoints[args.marks] - start
    print(f"{args.marks} marks added {added / 1024:.1f} KB "
          f"({added / args.marks:.0f} bytes a mark); goal for 200: at most 400 KB")


if __name__ == "__main__":
    main()
