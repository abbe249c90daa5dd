"""The derived-state cache beside the database (tracker/derived.py): written by every write,
made again by a reader when the file changed outside the tracker, never trusted for a file
it was not made from, and never changing what any command prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from conftest import cache_parts, write_cache_parts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import derived
from tracker.model import current_states
from tracker.store import encode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402 — bench/ is a folder of scripts, not a package


def cache_of(db: Path) -> Path:
    return db.with_name(db.name + ".cache")


def cache_lines(db: Path) -> list[bytes]:
    """The cache's parts: header, spans and plainness, states, rows (tracker/derived.py)."""
    return cache_parts(db)


def stored_states(db: Path) -> dict:
    return json.loads(cache_lines(db)[2])


def stored_spans(db: Path) -> dict | None:
    return json.loads(cache_lines(db)[1])["spans"]


def replayed_states(db: Path) -> dict:
    """Every pledge's state worked out from the file itself, the slow way."""
    data = json.loads(db.read_text(encoding="utf-8"))
    result = {}
    for key, pledge in data["pledges"].items():
        overall, parties = current_states(pledge)
        result[key] = [list(overall), {name: list(state) for name, state in parties.items()}]
    return result


@pytest.fixture
def generated(db: Path) -> Path:
    dialogues, pledges = generate.generate(60)
    db.write_bytes(encode(generate.database(dialogues, pledges)))
    return db


# -- what is stored is the replay -----------------------------------------------------------

STATUSES = ["pledged", "in-progress", "partial", "stalled", "fulfilled", "broken"]
steps = st.lists(st.one_of(
    st.tuples(st.just("mark"), st.integers(1, 4), st.sampled_from(STATUSES),
              st.sampled_from([None, "Alpha", "Beta"]), st.integers(1, 28)),
    st.tuples(st.just("add"), st.sampled_from(["Alpha", "Beta", "Alpha,Beta"])),
    st.tuples(st.just("edit-by"), st.integers(1, 4), st.sampled_from(["Alpha", "Beta"])),
    st.tuples(st.just("remove"), st.integers(1, 4)),
    st.tuples(st.just("undo"),),
), min_size=1, max_size=7)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=steps)
def test_stored_states_equal_the_replay_after_random_writes(run, small_db, script) -> None:
    small_db.write_bytes(small_db.read_bytes())  # a fresh start: the cache is stale now
    run("list", ok=True)  # a reader makes it again
    for step in script:
        if step[0] == "mark":
            _, pledge, status, party, day = step
            args = ["mark", pledge, "--status", status, "--date", f"2025-02-{day:02d}"]
            run(*args, *(["--party", party] if party else []))
        elif step[0] == "add":
            run("add", "Another pledge", "-d", "test-dlg", "--by", step[1])
        elif step[0] == "edit-by":
            run("edit", step[1], "--by", step[2])
        elif step[0] == "remove":
            run("remove", step[1], "--yes")
        else:
            run("undo")
        # TRACKER_DEBUG (conftest) already makes each write check its carried-over
        # states against a full replay; here the file on disk is checked too.
        assert stored_states(small_db) == replayed_states(small_db)


def test_a_write_stores_every_pledge_state_and_names_the_file_it_describes(run, small_db):
    run("mark", "1", "--status", "partial", "--party", "Alpha", ok=True)
    header = json.loads(cache_lines(small_db)[0])["made"]
    info = small_db.stat()
    assert header["database"] == [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns,
                                  info.st_ctime_ns, zlib.crc32(small_db.read_bytes())]
    assert stored_states(small_db) == replayed_states(small_db)
    assert stored_states(small_db)["1"][1]["Alpha"] == ["partial", 0]


# -- never trusted for another file ---------------------------------------------------------


def test_a_hand_edit_keeping_size_and_mtime_is_still_seen(run, small_db):
    """An edit that keeps the file's size and puts its mtime back (touch -r) changes its
    ctime: the cache is not trusted, the report shows the edited status."""
    run("mark", "1", "--status", "stalled", ok=True)
    assert "1 stalled" in " ".join(run("report", ok=True).stdout.split())
    before = small_db.stat()
    text = small_db.read_text(encoding="utf-8")
    edited = text.replace('"status": "stalled"', '"status": "partial"')  # same length
    assert edited != text and len(edited) == len(text)
    small_db.write_text(edited, encoding="utf-8")
    os.utime(small_db, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert small_db.stat().st_size == before.st_size
    out = " ".join(run("report", ok=True).stdout.split())
    assert "1 stalled" not in out and "1 partial" in out
    assert stored_states(small_db) == replayed_states(small_db)  # the reader made it again


def test_a_hand_merged_duplicate_key_is_refused_even_with_a_cache_beside_it(run, small_db):
    run("list", ok=True)
    assert cache_of(small_db).exists()
    text = small_db.read_text(encoding="utf-8")
    small_db.write_text(text.replace('"pledges": {', '"pledges": {},\n  "pledges": {', 1),
                        encoding="utf-8")
    result = run("list")
    assert result.exit_code == 3 and "has the key 'pledges' twice" in result.stderr


@pytest.mark.parametrize("damage", [b"", b"not json\n", b"{}\n{}\n", b"\xff\xfe\n",
                                    "truncated"])
def test_a_damaged_cache_is_ignored_and_replaced(run, small_db, damage):
    run("mark", "2", "--status", "broken", ok=True)
    expected = run("report", "--format", "json", ok=True).stdout
    if damage == "truncated":
        damage = cache_of(small_db).read_bytes()[:-20]
    cache_of(small_db).write_bytes(damage)
    assert _steady(run("report", "--format", "json", ok=True).stdout) == _steady(expected)
    assert stored_states(small_db) == replayed_states(small_db)


def test_a_cache_with_a_wrong_body_for_this_file_is_not_read(run, small_db):
    """Another version's or another file's cache: the header does not match."""
    run("list", ok=True)
    header, body, states, rows = cache_lines(small_db)
    forged = json.loads(header)
    forged["made"]["tracker"] = "0.0.1"
    states = json.loads(states)
    states["1"] = [["fulfilled", 100], {"Alpha": ["fulfilled", 100], "Beta": ["fulfilled", 100]}]
    write_cache_parts(small_db, forged, body, json.dumps(states).encode(), rows)
    assert "fulfilled" not in run("list", "--format", "tsv", ok=True).stdout


def test_a_link_at_the_cache_name_is_neither_followed_nor_replaced(run, small_db, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    cache_of(small_db).unlink()
    cache_of(small_db).symlink_to(victim)
    run("mark", "1", "--progress", "10", ok=True)
    run("report", ok=True)
    assert victim.read_text() == "precious\n"
    assert cache_of(small_db).is_symlink()


# -- where it is written, and where not -----------------------------------------------------


def test_no_cache_when_turned_off(run, small_db, monkeypatch):
    cache_of(small_db).unlink(missing_ok=True)
    monkeypatch.setenv("TRACKER_NO_CACHE", "1")
    run("mark", "1", "--progress", "10", ok=True)
    run("report", ok=True)
    assert not cache_of(small_db).exists()


def test_a_read_only_database_gets_no_cache_from_a_reader(run, small_db):
    cache_of(small_db).unlink()
    os.chmod(small_db, 0o444)
    run("list", ok=True)
    assert not cache_of(small_db).exists()


def test_the_cache_has_the_database_permissions(run, small_db):
    os.chmod(small_db, 0o640)
    run("mark", "1", "--progress", "10", ok=True)
    assert cache_of(small_db).stat().st_mode & 0o777 == 0o640


def test_a_writer_removes_cache_temp_files_a_killed_process_left(run, small_db):
    left = small_db.parent / f".{small_db.name}.cache.abcd1234.tmp"
    left.write_bytes(b"half a cache")
    run("mark", "1", "--progress", "10", ok=True)
    assert not left.exists()


def test_the_merge_driver_leaves_no_cache_beside_git_files(run, small_db, tmp_path):
    for name in ("base.json", "ours.json", "theirs.json"):
        (tmp_path / name).write_bytes(small_db.read_bytes())
    run("merge", tmp_path / "base.json", tmp_path / "ours.json", tmp_path / "theirs.json")
    assert not (tmp_path / "ours.json.cache").exists()


# -- it never changes what a command prints --------------------------------------------------

READS = [["report", "--format", "json"], ["report"], ["report", "--by", "dialogue"],
         ["report", "--as-of", "2019-06-30", "--format", "markdown"],
         ["report", "--party", "Japan", "--format", "json"],
         ["list", "--format", "json"], ["list", "--status", "stalled"], ["show", "7"],
         # `list` reads the cache's rows; these reach every field of a row.
         ["list", "--stale", "6m", "--sort", "-updated"], ["list", "--overdue", "--sort", "due"],
         ["list", "--area", "trade", "--format", "ndjson"], ["list", "--tag", "rail"],
         ["list", "--by", "Japan", "--sort", "text", "--format", "csv"],
         ["list", "--search", "financing"], ["list", "--area", "tradee"],
         ["list", "--framework", "SCO", "--due-within", "5y", "--format", "ids"],
         ["list", "--due-before", "2020", "--due-after", "2015", "--sort", "-progress"],
         ["list", "--dialogue", "dlg-000002-2012", "--sort", "dialogue", "--format", "table"],
         ["list", "--status", "stalled", "--sort", "status", "--limit", "3"],
         ["list", "--tag", "visa", "--sort", "area", "--format", "ndjson"],
         ["export", "--format", "json", "--tag", "rail", "--status", "fulfilled"],
         ["export", "--format", "ndjson"], ["export", "--format", "json"],
         # A plain file's export copies the chosen pledges' bytes (Store.pledges_as_written).
         ["export", "--format", "json", "--area", "trade", "--stale", "1y"],
         ["export", "--format", "json", "--search", "financing"]]


@pytest.mark.parametrize("command", READS, ids=" ".join)
def test_output_is_the_same_with_and_without_the_cache(run, generated, monkeypatch, command):
    monkeypatch.setenv("TRACKER_NO_CACHE", "1")
    without = run(*command, ok=True).stdout
    monkeypatch.delenv("TRACKER_NO_CACHE")
    run(*command, ok=True)  # makes the cache
    assert cache_of(generated).exists()
    with_cache = run(*command, ok=True).stdout
    assert _steady(with_cache) == _steady(without)


def _steady(text: str) -> str:
    """Output without its generation time."""
    import re

    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "T", text)


def test_a_real_process_reads_the_cache_a_real_write_made(tmp_path):
    """Installed command, two processes: the writer's cache is what the reader trusts."""
    db = tmp_path / "db.json"
    dialogues, pledges = generate.generate(30)
    db.write_bytes(encode(generate.database(dialogues, pledges)))
    env = {**os.environ, "TRACKER_DB": str(db)}
    env.pop("TRACKER_NO_CACHE", None)
    tracker = [sys.executable, "-m", "tracker"]
    done = subprocess.run([*tracker, "mark", "3", "--status", "fulfilled", "--party",
                           pledges[2]["by"][0]], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert stored_states(db) == replayed_states(db)
    cached, _ = derived.read(db, db.stat(), db.read_bytes())
    assert derived.states(cached.states_raw) == stored_states(db)
    shown = subprocess.run([*tracker, "report", "--format", "json"], env=env,
                           capture_output=True, text=True)
    assert shown.returncode == 0 and json.loads(shown.stdout)["summary"]["pledges"] == 30


def cache_body(db: Path) -> dict:
    return json.loads(cache_lines(db)[1])


def test_a_file_holding_what_the_sanitiser_changes_is_never_taken_as_plain(run, small_db):
    """A hand edit put a right-to-left override in a pledge: the cache says the file is
    not plain, and the export still writes it as a visible escape."""
    data = json.loads(small_db.read_text(encoding="utf-8"))
    data["pledges"]["1"]["text"] = "Open a \u202etrade office"
    small_db.write_bytes(encode(data))
    run("list", ok=True)
    assert cache_body(small_db)["plain"] is False
    exported = run("export", "--format", "json", ok=True).stdout
    assert "\u202e" not in exported and "\\u202e" in exported
    run("mark", "2", "--status", "partial", ok=True)  # a splice keeps it not plain
    assert cache_body(small_db)["plain"] is False
    assert "\u202e" not in run("export", ok=True).stdout


def test_a_clean_file_stays_plain_through_splices(run, small_db):
    run("list", ok=True)
    assert cache_body(small_db)["plain"] is True
    run("mark", "1", "--status", "partial", "--note", "Work began", ok=True)
    run("add", "Hold a forum", "-d", "test-dlg", ok=True)
    assert cache_body(small_db)["plain"] is True
    assert cache_body(small_db)["spans"] is not None


# -- the rows `list` reads ---------------------------------------------------------------------


def _forge_rows(db: Path, change, *, crc: bool = True) -> None:
    """Change the rows the cache holds; with `crc`, their checksum in its header too."""
    header, body, states, rows = cache_lines(db)
    header, rows = json.loads(header), json.loads(rows)
    change(rows)
    write_cache_parts(db, header, body, states, json.dumps(rows).encode(), checksum=crc)


def _retext(rows: dict) -> None:
    rows["1"][derived.ROW_KEYS.index("text")] = "Text from the cache"


def test_list_reads_the_rows_and_never_the_updates(run, small_db):
    """The listing comes from the cache's rows (proved by forging one); whole records
    (`--format json`) and `--search` come from the file."""
    run("mark", "1", "--progress", "5", ok=True)
    _forge_rows(small_db, _retext)
    assert "Text from the cache" in run("list", "--format", "tsv", ok=True).stdout
    assert "Text from the cache" not in run("list", "--format", "json", ok=True).stdout
    assert "Text from the cache" not in run("list", "--search", "a", ok=True).stdout


def test_rows_whose_checksum_is_wrong_are_not_read(run, small_db):
    run("mark", "1", "--progress", "5", ok=True)
    expected = run("list", "--format", "tsv", ok=True).stdout
    _forge_rows(small_db, _retext, crc=False)
    assert run("list", "--format", "tsv", ok=True).stdout == expected


@pytest.mark.parametrize("damage", [lambda rows: rows["1"].pop(),
                                    lambda rows: rows.__setitem__("1", "not a row")])
def test_rows_of_another_shape_are_not_read(run, small_db, damage):
    run("mark", "1", "--progress", "5", ok=True)
    expected = run("list", "--format", "tsv", ok=True).stdout
    _forge_rows(small_db, damage)
    assert run("list", "--format", "tsv", ok=True).stdout == expected


def test_a_row_spelled_out_has_exactly_the_row_keys():
    pledge = {"id": 4, "status": "partial", "progress": 30, "due": "2026-01-01",
              "dialogue": "d", "by": ["Alpha"], "area": "trade", "framework": None,
              "tags": ["x"], "text": "T", "updated": "2025-01-01T00:00:00Z",
              "updates": [{"date": "2024-05-01"}, {"date": "2025-02-01"}], "uuid": "u"}
    made = derived.row_dicts({"4": derived.row(pledge)})
    assert made == [{**{key: pledge[key] for key in derived.ROW_FIELDS},
                     derived.LAST_UPDATE: "2025-02-01"}]
    assert list(made[0]) == list(derived.ROW_KEYS)


# -- when the status alone decides -------------------------------------------------------------


def _header_of(db: Path) -> dict:
    return json.loads(cache_lines(db)[0])


def _set_header(db: Path, change) -> None:
    lines = cache_lines(db)
    header = json.loads(lines[0])
    change(header)
    write_cache_parts(db, header, *lines[1:])


def _wrong_checksum(header: dict) -> None:
    header["made"]["database"][5] ^= 1


def test_a_writer_leaves_its_cache_unsettled_and_a_later_reader_settles_it(run, small_db):
    """In the tick of its own write another program could change the file unseen: the
    first read after the write checks the bytes, and if the file has been quiet since,
    marks the cache settled."""
    run("mark", "1", "--progress", "5", ok=True)
    assert _header_of(small_db)["settled"] is False
    states = stored_states(small_db)
    time.sleep(derived.SETTLE_NS / 1e9 + 0.05)
    run("list", ok=True)
    assert _header_of(small_db)["settled"] is True
    assert stored_states(small_db) == states == replayed_states(small_db)


def test_a_settled_cache_newer_than_the_file_is_trusted_by_status(run, small_db):
    """The checksum is not worked out again: proved by a cache whose checksum is wrong."""
    run("mark", "1", "--progress", "5", ok=True)
    time.sleep(derived.SETTLE_NS / 1e9 + 0.05)
    run("list", ok=True)
    assert _header_of(small_db)["settled"] is True
    _forge_rows(small_db, _retext)
    _set_header(small_db, _wrong_checksum)
    time.sleep(0.01)
    os.utime(cache_of(small_db))  # written after the file's last change, whatever the tick
    assert "Text from the cache" in run("list", "--format", "tsv", ok=True).stdout


@pytest.mark.parametrize("how", ["unsettled", "not newer"])
def test_otherwise_the_checksum_decides(run, small_db, how):
    run("mark", "1", "--progress", "5", ok=True)
    _forge_rows(small_db, _retext)
    _set_header(small_db, _wrong_checksum)
    if how == "unsettled":
        _set_header(small_db, lambda header: header.update(settled=False))
    else:
        ctime = small_db.stat().st_ctime_ns
        os.utime(cache_of(small_db), ns=(ctime, ctime))  # the same tick as the file's change
    assert "Text from the cache" not in run("list", "--format", "tsv", ok=True).stdout


def test_a_reader_calls_a_file_changed_just_before_it_read_unsettled(run, small_db,
                                                                    monkeypatch):
    monkeypatch.setattr(derived, "SETTLE_NS", 3600 * 10**9)  # every change is recent
    small_db.write_bytes(small_db.read_bytes())  # changed now: the cache is stale
    run("list", ok=True)
    assert _header_of(small_db)["settled"] is False
    monkeypatch.setattr(derived, "SETTLE_NS", 0)  # long since
    run("list", ok=True)
    assert _header_of(small_db)["settled"] is True


def _without_cache(run, monkeypatch, *args):
    with monkeypatch.context() as patch:
        patch.setenv("TRACKER_NO_CACHE", "1")
        return run(*args)


@pytest.mark.parametrize(("field", "value", "args"), [
    ("id", "x", ["list", "--format", "tsv"]),
    ("id", 99, ["list", "--format", "json"]),  # a row for a pledge the file lacks
    ("by", 123, ["list", "--format", "table"]),
    ("by", [7], ["list", "--by", "Alpha"]),
    ("tags", None, ["list", "--tag", "x"]),
    ("status", "bogus", ["list", "--sort", "status"]),
    ("progress", None, ["list", "--sort", "-progress"]),
    ("progress", True, ["list"]),
    ("due", 5, ["list", "--overdue"]),
    ("area", 7, ["list", "--area", "trade"]),
    ("text", 5, ["list", "--sort", "text"]),
    (derived.LAST_UPDATE, 5, ["list", "--stale", "3m"]),
])
def test_rows_with_a_right_checksum_but_values_of_another_type_are_not_read(
        run, small_db, monkeypatch, field, value, args):
    """A forged cache (or one a faulty tracker wrote) never crashes `list` nor changes
    what it prints: rows are checked a column at a time before they are used."""
    run("edit", "2", "--add-tag", "x", ok=True)
    run("mark", "1", "--progress", "5", "--date", "2025-02-01", ok=True)
    expected = _without_cache(run, monkeypatch, *args)
    _forge_rows(small_db, lambda rows: rows["1"].__setitem__(derived.ROW_KEYS.index(field),
                                                                value))
    result = run(*args)
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)


def test_a_same_size_edit_with_its_mtime_put_back_is_seen_when_the_status_decides(
        run, small_db, monkeypatch):
    run("mark", "1", "--progress", "5", ok=True)
    time.sleep(derived.SETTLE_NS / 1e9 + 0.05)
    run("list", ok=True)  # settled, and the cache newer than the file: the status decides
    assert _header_of(small_db)["settled"] is True
    info, content = small_db.stat(), small_db.read_bytes()
    text = json.loads(content)["pledges"]["1"]["text"].encode()
    with open(small_db, "r+b") as file:  # in place: the same inode and size
        file.write(content.replace(text, text.upper()))
    os.utime(small_db, ns=(info.st_atime_ns, info.st_mtime_ns))
    shown = run("list", "--format", "tsv", ok=True).stdout
    assert text.upper().decode() in shown
    assert shown == _without_cache(run, monkeypatch, "list", "--format", "tsv").stdout


@pytest.mark.parametrize(("change", "named"), [
    (lambda p: p["updates"][0].pop("date"), "updates → 0 → date: missing"),
    (lambda p: p["updates"][0].__setitem__("status", "done"), "updates → 0 → status: 'done'"),
    (lambda p: p["updates"][0].__setitem__("party", 3), "updates → 0 → party: 3"),
    (lambda p: p.__setitem__("by", ["Alpha", 1]), "by: ['Alpha', 1]"),
    (lambda p: p.__setitem__("tags", [None]), "tags: [None]"),
])
def test_a_hand_edit_that_breaks_an_update_or_a_name_is_refused_by_name(run, small_db,
                                                                         change, named):
    """What every report and listing reads from a pledge is checked with the file (a
    missing update date used to crash `report`, and `list` only with the cache on)."""
    run("mark", "1", "--progress", "5", ok=True)
    data = json.loads(small_db.read_text(encoding="utf-8"))
    change(data["pledges"]["1"])
    small_db.write_bytes(encode(data))
    before = small_db.read_bytes()
    for command in (["list"], ["report"], ["show", "1"]):
        result = run(*command)
        assert result.exit_code == 3, (command, result.stderr)
        assert f"pledges → 1 → {named}" in result.stderr
    assert small_db.read_bytes() == before


# -- a reader reads only the bytes it parses ---------------------------------------------------


def _bytes_read(monkeypatch) -> list[tuple[int, int]]:
    from tracker.layout import FileBytes

    reads: list[tuple[int, int]] = []
    real = FileBytes._read

    def recording(self, start: int, stop: int) -> bytes:
        reads.append((start, stop))
        return real(self, start, stop)

    monkeypatch.setattr(FileBytes, "_read", recording)
    return reads


def test_a_listing_by_area_reads_none_of_the_pledges_bytes(run, generated, monkeypatch):
    """With a settled cache, `list --area` reads the cache's rows and the file's small
    meta table: not one byte of the pledges (nor the file whole, to check its sum)."""
    monkeypatch.setattr(derived, "SETTLE_NS", 0)
    run("list", ok=True)  # the cache, settled
    reads = _bytes_read(monkeypatch)
    expected = _without_cache(run, monkeypatch, "list", "--area", "trade").stdout
    assert run("list", "--area", "trade", ok=True).stdout == expected
    start, end = stored_spans(generated)["tables"]["pledges"]
    inside = sum(max(0, min(b, end) - max(a, start)) for a, b in reads)
    assert inside <= 2, reads  # its first and last byte: the table is where the cache says
    assert sum(b - a for a, b in reads) < 1000


def test_show_reads_its_pledge_and_an_export_reads_the_table_once(run, generated,
                                                                 monkeypatch):
    monkeypatch.setattr(derived, "SETTLE_NS", 0)
    run("list", ok=True)
    reads = _bytes_read(monkeypatch)
    assert run("show", "7", ok=True).stdout == _without_cache(run, monkeypatch, "show",
                                                                "7").stdout
    assert sum(b - a for a, b in reads) < 20_000  # meta, dialogues, pledge 7
    reads.clear()
    run("export", "--format", "json", ok=True)
    table = stored_spans(generated)["tables"]["pledges"]
    assert [tuple(table)] == [read for read in reads if read[1] - read[0] > 20_000]


def test_file_bytes_slices_like_bytes_and_a_short_file_gives_short_slices(tmp_path):
    from tracker.layout import FileBytes

    path = tmp_path / "f"
    data = bytes(range(256)) * 40
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    content = FileBytes(os.dup(fd), len(data))
    os.close(fd)
    for start, stop in [(0, 10), (5, 5), (100, 90), (-20, None), (None, 7), (10000, 20000)]:
        assert content[start:stop] == data[start:stop]
    region, at = content.region(1000, 3000)
    assert (region, at) == (data[1000:3000], 1000) and content[1500:1600] == data[1500:1600]
    with pytest.raises(TypeError):
        content[3]
    os.truncate(path, 100)  # cut short meanwhile: short slices, never a crash
    assert content[50:5000] == data[50:100]
    content.close()


# -- a cache damaged on disk is not read (review of the sections) ----------------------------


def _both(run, monkeypatch, *args):
    with_cache = run(*args)
    without = _without_cache(run, monkeypatch, *args)
    return [(r.exit_code, _steady(r.stdout), r.stderr) for r in (with_cache, without)]


def _rewrite(db: Path, *, body: bytes | None = None, states: bytes | None = None,
             checksum: bool = False) -> None:
    header, old_body, old_states, rows = cache_parts(db)
    write_cache_parts(db, json.loads(header), old_body if body is None else body,
                      old_states if states is None else states, rows, checksum=checksum)


def _flip_status(db: Path) -> dict:
    states = cache_parts(db)[2]
    damaged = states.replace(b'"1":[["pledged",0]', b'"1":[["fulfilled",0]', 1)
    assert damaged != states
    return {"states": damaged}


def _no_dialogues_span(db: Path) -> dict:
    body = json.loads(cache_parts(db)[1])
    del body["spans"]["tables"]["dialogues"]
    return {"body": json.dumps(body).encode()}


def _no_span_for_pledge_2(db: Path) -> dict:
    body = json.loads(cache_parts(db)[1])
    del body["spans"]["pledges"]["2"]
    return {"body": json.dumps(body).encode()}


@pytest.mark.parametrize(("damage", "commands"), [
    (_flip_status, [["report", "--format", "json"], ["list", "--status", "fulfilled"]]),
    (_no_dialogues_span, [["dialogue", "list"], ["export", "--format", "json"]]),
    (_no_span_for_pledge_2, [["show", "2"], ["list", "--format", "json"]]),
], ids=["a status flipped", "no dialogues table", "no place for pledge 2"])
def test_a_cache_damaged_on_disk_is_not_read(run, small_db, monkeypatch, damage, commands):
    """Any section or line changed without its checksum: the header's checksum of the
    whole body no longer matches, and every command reads the file instead."""
    run("list", ok=True)
    _rewrite(small_db, **damage(small_db))
    for command in commands:
        cached, plain = _both(run, monkeypatch, *command)
        assert cached == plain, command


def test_states_with_a_progress_out_of_range_are_not_used(run, small_db, monkeypatch):
    """Even with a right checksum (a forged or faulty cache): a state is checked before a
    report uses it, its progress from 0 to 100."""
    run("list", ok=True)
    states = cache_parts(small_db)[2]
    forged = states.replace(b'"2":[["pledged",0]', b'"2":[["pledged",500]', 1)
    assert forged != states
    _rewrite(small_db, states=forged, checksum=True)
    cached, plain = _both(run, monkeypatch, "report", "--format", "json")
    assert cached == plain


def test_every_filter_names_the_fields_it_reads():
    """A listing filters rows that hold only the fields its filters read
    (`query.FIELDS_READ`): a filter missing from that table would see no value."""
    from dataclasses import fields

    from tracker.query import FIELDS_READ, Filters

    assert {field.name for field in fields(Filters)} == set(FIELDS_READ)
    assert all(set(read) <= set(derived.ROW_KEYS) for name, read in FIELDS_READ.items()
               if name != "search")  # --search reads whole records, never rows


def test_a_listing_makes_whole_rows_only_of_the_pledges_it_shows(run, generated,
                                                                 monkeypatch):
    run("list", ok=True)
    made = []
    real = derived.row_dicts
    monkeypatch.setattr(derived, "row_dicts", lambda rows: made.append(len(rows))
                        or real(rows))
    shown = run("list", "--area", "trade", "--status", "in-progress", ok=True).stdout
    assert made == [len(shown.splitlines())] and made[0] < 60
