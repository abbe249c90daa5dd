"""What the reliability tests share: a real `tracker` process, and "is this file valid"."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from tracker.store import check_shape

PYTHON = sys.executable


def tracker(db: Path, *args: str, input: bytes | None = None, env: dict | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `python -m tracker --db DB ARGS…` as a separate process; bytes in and out."""
    return subprocess.run([PYTHON, "-m", "tracker", "--db", str(db), *args], input=input,
                          capture_output=True, timeout=timeout, env={**os.environ, **(env or {})})


def assert_valid(db: Path) -> dict:
    """The file parses as JSON and passes the store's own shape check."""
    data = json.loads(db.read_text(encoding="utf-8"))
    check_shape(data, db)
    return data


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
