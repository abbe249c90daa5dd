"""The README's set-up commands without `make` work in a fresh checkout."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, tracker_exe


def _setup_lines() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith("python3 -m venv .venv")]


def test_the_main_job_without_make_loads_the_sample_and_reports(tmp_path: Path) -> None:
    """Everything after the install, run as written in a folder holding only the sample
    data (the folder `.demo` does not exist: the command must make it)."""
    first = _setup_lines()[0]
    steps = first.split(" && ")
    after_install = [step for step in steps if not step.startswith(("python3 -m venv",
                                                                    ".venv/bin/pip"))]
    assert after_install, first
    shutil.copytree(REPO / "sample_data", tmp_path / "sample_data")
    tracker = " ".join(tracker_exe())
    command = " && ".join(re.sub(r"^\.venv/bin/tracker\b", tracker, step)
                          for step in after_install)
    done = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                          "TRACKER_TODAY": "2026-01-15", "LC_ALL": "C.UTF-8"})
    assert done.returncode == 0, done.stderr
    assert "Kazakhstan" in done.stdout and (tmp_path / ".demo" / "tracker.json").exists()


def test_the_test_command_is_the_one_ci_runs() -> None:
    second = _setup_lines()[1]
    assert second.endswith("-m pytest -q")
    assert "pytest -q" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
