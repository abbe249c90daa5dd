"""Disk full, read-only folder, lock held past the wait: exit 3, a clear message, no change."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import textwrap

import pytest
from conftest import SAMPLE
from helpers import PYTHON, tracker


@pytest.fixture
def tmpfs(tmp_path):
    """A 64 KiB tmpfs (root only): a real full disk and a real read-only folder."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the injected-error tests cover it")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_injected_disk_full_is_exit_3_and_changes_nothing(run, small_db, monkeypatch):
    before = small_db.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run("add", "One more", "-d", "test-dlg")
    assert result.exit_code == 3
    assert "the disk is full; nothing was changed" in result.stderr
    monkeypatch.undo()
    assert small_db.read_bytes() == before
    assert not [p for p in small_db.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_really_full_disk_is_exit_3_and_changes_nothing(tmpfs):
    db = tmpfs / "tracker.json"
    assert tracker(db, "import", str(SAMPLE)).returncode == 0
    filler = tmpfs / "filler"
    # Fill the disk: less room is left than one more copy of the database.
    with contextlib.suppress(OSError), open(filler, "wb") as out:
        out.write(b"\0" * (64 * 1024))
    before = db.read_bytes()
    result = tracker(db, "mark", "1", "--note", "x" * 2000)
    assert result.returncode == 3, result.stderr
    assert b"the disk is full; nothing was changed" in result.stderr
    assert b"Traceback" not in result.stderr
    assert db.read_bytes() == before
    # The import's derived-state cache stays: it still describes the untouched file.
    assert sorted(p.name for p in tmpfs.iterdir()) == ["filler", "tracker.json",
                                                       "tracker.json.cache",
                                                       "tracker.json.lock"]


def test_a_read_only_folder_is_exit_3_and_changes_nothing(tmpfs):
    db = tmpfs / "tracker.json"
    assert tracker(db, "import", str(SAMPLE)).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    before = db.read_bytes()
    result = tracker(db, "edit", "1", "--area", "energy")
    assert result.returncode == 3, result.stderr
    assert b"Read-only file system" in result.stderr
    assert b"Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert tracker(db, "list").returncode == 0  # reading still works


def test_an_unwritable_folder_without_root(run, small_db, monkeypatch):
    """The same promise where chmod is enough (not root), by an injected EACCES otherwise."""
    before = small_db.read_bytes()
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = run("edit", "1", "--area", "energy")
    assert result.exit_code == 3
    assert "cannot write" in result.stderr and "Permission denied" in result.stderr
    monkeypatch.undo()
    assert small_db.read_bytes() == before


HOLDER = textwrap.dedent("""
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("held", flush=True)
    time.sleep(60)
""")


def test_a_lock_held_past_the_timeout_is_exit_3_and_changes_nothing(small_db):
    holder = subprocess.Popen([PYTHON, "-c", HOLDER, str(small_db) + ".lock"],
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        before = small_db.read_bytes()
        result = tracker(small_db, "edit", "1", "--area", "energy",
                         env={"TRACKER_LOCK_TIMEOUT": "0.5"})
        assert result.returncode == 3
        assert b"is locked by another tracker command (waited 0.5 s); nothing was changed" \
            in result.stderr
        assert small_db.read_bytes() == before
        assert tracker(small_db, "list").returncode == 0  # readers never wait
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert tracker(small_db, "edit", "1", "--area", "energy").returncode == 0


@pytest.mark.parametrize("value", ["soon", "nan", "-1", "inf", "1e12"])
def test_a_bad_lock_timeout_is_exit_3(run, small_db, monkeypatch, value):
    # inf and 1e12 overflowed the timer when another writer held the lock; nan and -1
    # were taken as no wait at all.
    before = small_db.read_bytes()
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", value)
    result = run("edit", "1", "--area", "energy")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: TRACKER_LOCK_TIMEOUT={value!r} is not a number "
                                    "of seconds from 0 to 86400")
    assert small_db.read_bytes() == before
