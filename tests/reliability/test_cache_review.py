"""What an adversarial review of the cache (tracker/derived.py), lazy reading and splicing
(tracker/layout.py) and the console script's exit (tracker/cli/launch.py) broke, each
failing before its fix: the cached path compared with TRACKER_NO_CACHE=1, or what a user
sees. Also `--output` onto a device, a named pipe or a link, which replaced them."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import orjson
import pytest
from conftest import SAMPLE, cache_parts, tracker_exe, write_cache_parts


def cli(db: Path, *args: str, no_cache: bool = False, debug: bool = False,
        stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    """The installed console script, as a user runs it (a new process each time)."""
    env = dict(os.environ, TRACKER_DB=str(db), TRACKER_TODAY="2026-01-15")
    env.pop("TRACKER_DEBUG", None)
    env.pop("TRACKER_NO_CACHE", None)
    if no_cache:
        env["TRACKER_NO_CACHE"] = "1"
    if debug:
        env["TRACKER_DEBUG"] = "1"
    return subprocess.run([*tracker_exe(), *args], env=env, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=120)


def _canonical(data: dict) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


# -- 1. a file without one of the tables: fine without the cache, a crash with it --------


@pytest.mark.parametrize("missing", ["history", "dialogues"])
def test_lazy_commands_on_a_file_without_a_table(db: Path, missing: str) -> None:
    """check_shape accepts a file lacking a table (it is filled in with {}), and so does
    every command with TRACKER_NO_CACHE=1; once a reader has made the cache, the lazy
    path (`_lazy_tables`) builds only the tables in the file and show / mark / add / edit /
    dialogue list die with "unexpected failure: KeyError: 'history'" (or 'dialogues')."""
    assert cli(db, "import", str(SAMPLE)).returncode == 0
    data = json.loads(db.read_text(encoding="utf-8"))
    del data[missing]
    db.write_bytes(_canonical(data))
    copy = db.with_name("copy.json")
    copy.write_bytes(db.read_bytes())

    assert cli(db, "list").returncode == 0  # makes the cache (the file is canonical)
    for args in (["show", "4"], ["dialogue", "list"], ["mark", "4", "--progress", "10"],
                 ["add", "New", "-d", "cn-kz-fmsd-2025"], ["edit", "5", "--text", "Hi"]):
        with_cache = cli(db, *args)
        without = cli(copy, *args, no_cache=True)
        assert b"unexpected failure" not in with_cache.stderr, (args, with_cache.stderr)
        # (without a dialogues table, mark and add name a dialogue that is not there:
        # both refuse alike)
        assert with_cache.returncode == without.returncode, (args, with_cache.stderr)
        assert with_cache.stdout == without.stdout, args


# -- 2. integers beyond 64 bits: orjson reads them as floats on the cached path ----------


def test_an_integer_beyond_64_bits_never_reaches_a_cached_read(db: Path) -> None:
    """orjson reads an integer beyond 64 bits as a float, so a cached read once turned a
    target of 10**20 into 1e+20 and a later write stored that. Targets and values now
    keep to 1e15 in size: such a figure is refused as it is given, and a file holding one
    (a hand edit) is refused with or without the cache, never rewritten."""
    assert cli(db, "dialogue", "add", "D", "--date", "2024-01-01", "--party", "A",
               "--id", "d").returncode == 0
    assert cli(db, "add", "p", "-d", "d", "--target", "1e20").returncode == 1
    assert cli(db, "add", "p", "-d", "d", "--target", "5").returncode == 0
    assert cli(db, "mark", "1", "--value", "1e300").returncode == 1
    text = db.read_text(encoding="utf-8").replace('"target": 5', '"target": 100000000000000000000')
    db.write_text(text, encoding="utf-8")
    before = db.read_bytes()
    for no_cache in (False, True):
        shown = cli(db, "show", "1", "--format", "json", no_cache=no_cache)
        assert shown.returncode == 3 and b"target: 100000000000000000000" in shown.stderr
        assert cli(db, "add", "q", "-d", "d", no_cache=no_cache).returncode == 3
    assert db.read_bytes() == before


def _forge_cache(db: Path, change) -> None:
    """Rewrite the cache's body, with a header that matches the file (as a cache left
    by a buggy or older writer, or a copied one, would)."""
    from tracker import __version__, derived

    _, body, states, _ = cache_parts(db)
    body = json.loads(body)
    change(body)
    raw = db.read_bytes()
    header = {"made": {"format": derived.FORMAT, "tracker": __version__,
                       "database": derived.identity(os.stat(db), raw)}}
    write_cache_parts(db, header, orjson.dumps(body), states, b"")


def _swap_4_and_5(body: dict) -> None:
    spans = body["spans"]["pledges"]
    spans["4"], spans["5"] = spans["5"], spans["4"]


def _shift(body: dict) -> None:
    for span in body["spans"]["pledges"].values():
        span[0] += 3
        span[1] += 3


def test_wrong_spans_never_write_a_wrong_database(db: Path) -> None:
    """Spans are trusted without a look at what they point to: `mark 4` with spans of
    4 and 5 swapped records the update on pledge 5 and writes it under key "4"; the
    file then fails its own checks ("bad value at pledges → 4 → id: 5"). A record parsed
    from a span could be checked (its id is its key) before anything is written."""
    assert cli(db, "import", str(SAMPLE)).returncode == 0
    assert cli(db, "list").returncode == 0
    _forge_cache(db, _swap_4_and_5)
    cli(db, "mark", "4", "--progress", "10")
    checked = cli(db, "list", no_cache=True)
    assert checked.returncode == 0, checked.stderr  # the database must stay readable
    pledges = json.loads(db.read_text(encoding="utf-8"))["pledges"]
    assert pledges["4"]["id"] == 4 and pledges["5"]["id"] == 5


def test_wrong_spans_are_not_an_unexpected_failure(db: Path) -> None:
    """Spans that cut a record in the wrong place: `show 4` dies with "unexpected failure:
    JSONDecodeError" (no fallback to reading the file whole, as for a damaged body)."""
    assert cli(db, "import", str(SAMPLE)).returncode == 0
    assert cli(db, "list").returncode == 0
    _forge_cache(db, _shift)
    shown = cli(db, "show", "4")
    assert b"unexpected failure" not in shown.stderr, shown.stderr
    assert shown.returncode == 0


# -- 4. the console script's own --version ---------------------------------------------


def test_version_to_a_closed_pipe_has_no_traceback(db: Path) -> None:
    """`tracker --version | head -0` (reader gone): launch.py's fast path writes without
    the app's handling and prints a BrokenPipeError traceback; every other command
    leaves quietly (exit 0, as `tracker list | head -0`)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = cli(db, "--version", stdout=write_end)
        listed = cli(db, "list", stdout=write_end)
    finally:
        os.close(write_end)
    assert b"Traceback" not in done.stderr, done.stderr
    assert done.returncode == listed.returncode


def test_version_with_stdout_closed_is_a_one_line_error(db: Path) -> None:
    done = subprocess.run([*tracker_exe(), "--version"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, close_fds=True,
                          preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert done.stderr == b"error: standard output is closed; nothing was run\n"


# -- 5. --output onto what is not a plain file ------------------------------------------------


def test_output_into_a_device_writes_into_it_and_keeps_it(run, sample_db, tmp_path) -> None:
    import stat

    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("making a device node needs root")
    run("export", "--format", "json", "--output", device, ok=True)
    run("report", "--format", "markdown", "--output", device, ok=True)
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_output_into_a_named_pipe_is_read_at_its_other_end(run, sample_db, tmp_path) -> None:
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    run("export", "--format", "json", "--output", fifo, ok=True)
    reader.join(timeout=30)
    assert json.loads(got[0])["pledges"] and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_through_a_link_keeps_the_link(run, sample_db, tmp_path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old\n")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    run("export", "--output", link, ok=True)
    assert link.is_symlink() and json.loads(real.read_text())["pledges"]


# -- 5. an export that writes records as the file has them ---------------------------------


def _cut_short(db: Path):
    """Spans that end on the first `}` inside each record: a brace, but not the record's."""
    raw = db.read_bytes()

    def change(body: dict) -> None:
        for span in body["spans"]["pledges"].values():
            inner = raw.find(b"}", span[0] + 1, span[1] - 1)
            if inner != -1:
                span[1] = inner + 1
    return change


@pytest.mark.parametrize("forge", ["swap", "shift", "cut short"])
def test_an_export_never_writes_what_wrong_spans_point_to(db: Path, forge: str) -> None:
    """`export --format json` copies each pledge's bytes from the file: only when its span
    is surely the whole record; otherwise the record is read, and the export is the same."""
    assert cli(db, "import", str(SAMPLE)).returncode == 0
    assert cli(db, "list").returncode == 0
    expected = cli(db, "export", "--format", "json", no_cache=True)
    change = {"swap": _swap_4_and_5, "shift": _shift, "cut short": _cut_short(db)}[forge]
    _forge_cache(db, change)
    got = cli(db, "export", "--format", "json")
    assert got.returncode == 0, got.stderr
    def steady(out: bytes) -> bytes:
        return re.sub(rb'"exported_at": "[^"]*"', b"", out)

    assert steady(got.stdout) == steady(expected.stdout)  # byte for byte
