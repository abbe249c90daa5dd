"""Shared fixtures: every test runs against its own temp database, never the user's."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli.app import app

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_data" / "cn-kz-strategic-dialogue.json"
SHARED = REPO.parent / "shared"
TODAY = "2026-01-15"  # a pinned "today" keeps dates and reports reproducible


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the tool at a temp database and a fixed, colourless 100-column terminal."""
    db = tmp_path / "tracker.json"
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("TRACKER_TODAY", TODAY)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # An unexpected failure must fail the test that meets it, not pass for an ordinary
    # exit 1: with TRACKER_DEBUG the exit point lets it through (`Run` re-raises it, a
    # subprocess prints its traceback). Tests of the exit point itself unset it.
    monkeypatch.setenv("TRACKER_DEBUG", "1")
    monkeypatch.delenv("TRACKER_LOCK_TIMEOUT", raising=False)
    monkeypatch.delenv("TRACKER_NO_CACHE", raising=False)
    # A file only the json module reads switches its writer on for the rest of the
    # process (one command, in real use): each test starts as a new process would.
    import tracker.store

    monkeypatch.setattr(tracker.store, "_stdlib_only", False)
    return db


@pytest.fixture
def db(isolated_env: Path) -> Path:
    return isolated_env


class Run:
    """Run `tracker ARGS…` in-process and keep stdout, stderr and the exit code apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, ok: bool | None = None):
        result = self.runner.invoke(app, [str(a) for a in args], input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a crash, never an answer a test may accept
        if ok is True:
            assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
        return result


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def sample_db(run: Run, db: Path) -> Path:
    """A database holding the China–Kazakhstan sample."""
    run("import", SAMPLE, ok=True)
    return db


@pytest.fixture
def small_db(run: Run, db: Path) -> Path:
    """One dialogue (Alpha and Beta, 2025-01-10) with three pledges, ids 1–3."""
    run("dialogue", "add", "Test Dialogue", "--date", "2025-01-10", "--party", "Alpha",
        "--party", "Beta", "--id", "test-dlg", ok=True)
    run("add", "Open a trade office", "-d", "test-dlg", "--area", "trade", "--due",
        "2025-06-30", ok=True)
    run("add", "Hold a security meeting", "-d", "test-dlg", "--by", "Alpha", "--area",
        "security", "--framework", "SCO", ok=True)
    run("add", "Support each other", "-d", "test-dlg", "--by", "Beta", "--area", "political",
        "--not-verifiable", ok=True)
    return db


def read_db(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def tracker_exe() -> list[str]:
    """The installed `tracker` console script (beside this Python), else `python -m tracker`."""
    script = Path(sys.executable).with_name("tracker")
    if script.exists():
        return [str(script)]
    found = shutil.which("tracker")
    return [found] if found else [sys.executable, "-m", "tracker"]


def on_a_terminal(*args: str, width: int, db: Path) -> tuple[int, str]:
    """Run the installed command on a pseudo-terminal `width` columns wide, as a user at
    a terminal does: its exit code and everything it showed (stdout and stderr), without
    colour codes and carriage returns."""
    import fcntl
    import re
    import select
    import struct
    import termios

    primary, secondary = os.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    env = {**os.environ, "TRACKER_DB": str(db)}
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    process = subprocess.Popen([*tracker_exe(), *args], stdin=subprocess.DEVNULL,
                               stdout=secondary, stderr=secondary, env=env)
    os.close(secondary)
    seen = b""
    while True:
        try:
            if not select.select([primary], [], [], 60)[0]:
                break
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    os.close(primary)
    code = process.wait(timeout=60)
    text = re.sub(r"\x1b\[[0-9;]*m", "", seen.decode("utf-8")).replace("\r", "")
    return code, text


@pytest.fixture
def sh(db: Path) -> Callable[..., subprocess.CompletedProcess]:
    """Run a shell pipeline where `tracker` is the installed command."""
    exe = " ".join(tracker_exe())

    def run_shell(script: str, input: str | None = None) -> subprocess.CompletedProcess:
        env = dict(os.environ)
        return subprocess.run(["bash", "-o", "pipefail", "-c", f"tracker() {{ {exe} \"$@\"; }}\n"
                               + script], input=input, capture_output=True, text=True,
                              env=env, timeout=120)

    return run_shell


def cache_parts(db: Path) -> list[bytes]:
    """The cache beside `db` (tracker/derived.py): its header line, its spans line, and
    its states and rows sections, cut where the header's sizes say."""
    raw = db.with_name(db.name + ".cache").read_bytes()
    header, body, rest = raw.split(b"\n", 2)
    states_size, rows_size = json.loads(header)["sizes"]
    return [header, body, rest[:states_size], rest[states_size:states_size + rows_size]]


def write_cache_parts(db: Path, header: dict, body: bytes, states: bytes, rows: bytes, *,
                      checksum: bool = True) -> None:
    """A cache made by hand: the header's sizes fit the sections given and, with
    `checksum`, its checksum too (a forgery, not damage)."""
    import zlib

    body += b"\n"
    header = {**header, "sizes": [len(states), len(rows)]}
    if checksum:
        header["body"] = zlib.crc32(rows, zlib.crc32(states, zlib.crc32(body)))
    db.with_name(db.name + ".cache").write_bytes(
        json.dumps(header).encode() + b"\n" + body + states + rows)
