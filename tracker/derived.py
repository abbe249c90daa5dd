"""Derived state kept beside the database: `tracker.json.cache` beside `tracker.json`.

The JSON database stays the one canonical store (SPEC §7). This file is a
disposable cache of what is worked out from it:

- that the very bytes of the database passed every check of `store.load_file`
  (no key given twice, the right shape), so a reader need not check them again;
- every pledge's current state, overall and per party (`model.current_states`),
  so a report need not replay each pledge's update log;
- where each record sits in the file (`tracker.layout`);
- every pledge's row (`ROW_FIELDS`): what `list` filters, sorts and prints, so a
  listing reads a few bytes a pledge instead of parsing its update log.

It is trusted only for the file it was made from: its first line records the
database file's identity — device, inode, size, modification time and change
time, in nanoseconds, and a CRC-32 of its bytes — and the tracker version that
wrote it. Any difference (a hand edit, `git pull`, a restore, a copy, another
tracker version) makes it stale, and a stale cache is never read past that
first line. The change time cannot be set by hand (`touch -d` sets only the
modification time), and the checksum sees an edit whatever its times say.

The checksum is worked out again only when the file's status cannot tell (as
git's index does with "racily clean" files): a change time has the grain of the
kernel's clock tick, so two changes within one tick could leave the same
status. When the cache was written in a later tick than the file's last change
(its own modification time is after the file's change time), and its maker saw
the file settled (a write the tracker made itself, or a file that did not
change while it was read and had not changed for a moment before), any later
change to the file shows in its change time, and the status alone decides.
Otherwise every read checks the bytes (8 ms for 19 MB).

A writing command, holding the database's lock, writes the cache for the file
it has just written: the states of the pledges it changed worked out afresh,
the rest carried over. A reading command that finds the cache missing or stale
(the file changed outside the tracker) makes it, as `git status` refreshes
git's index: only beside an existing database it may write, and never for a
file it could not read in full. Deleting the cache is always safe; a cache that
cannot be read or written (a read-only folder, a full disk) is not used, and no
command fails or warns because of it. `TRACKER_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

from tracker.model import STATUSES, current_states

FORMAT = 3  # bump when the cache's shape or the state rule changes: older caches are ignored
SUFFIX = ".cache"
_STATUS_SET = frozenset(STATUSES)

# A pledge's stored state: [[status, progress], {party: [status, progress], …}],
# unpacked like the tuples of `model.current_states`.
State = list


# A pledge's row: the fields `list` filters on, sorts by and prints (tracker.query,
# cli/pledges.py), in this order, then the date of its latest update (None without one):
# `--stale` needs that date, not the updates. `--search` reads the update notes and
# `--format json` whole records: those take the records themselves.
ROW_FIELDS = ("id", "status", "progress", "due", "dialogue", "by", "area", "framework",
              "tags", "text", "updated")
LAST_UPDATE = "last_update"
ROW_KEYS = (*ROW_FIELDS, LAST_UPDATE)


def enabled() -> bool:
    return os.environ.get("TRACKER_NO_CACHE", "") in ("", "0")


def cache_path(db: Path) -> Path:
    return db.with_name(db.name + SUFFIX)


def identity(info: os.stat_result, content: bytes | list) -> list[int]:
    """What the cache is keyed on: the file's device, inode, size, mtime and ctime (ns),
    and the CRC-32 of its bytes.

    The times have the kernel's tick for grain, and a file system reuses a freed
    inode: two quick writes of the same size could look like one file. The
    checksum (10 ms for 19 MB) tells them apart, and any edit however made.
    """
    if isinstance(content, list):  # pieces written one after the other (tracker.layout)
        crc = 0
        for piece in content:
            crc = zlib.crc32(piece, crc)
    else:
        crc = zlib.crc32(content)
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, crc]


def status_of(info: os.stat_result) -> list[int]:
    """The part of the identity the file's status gives (no checksum)."""
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def same_file(info: os.stat_result, made_from: list[int]) -> bool:
    """Whether the file `info` describes is still, by its status, the one read."""
    return status_of(info) == made_from[:5]


# A file changed this shortly before it was read may have been changed again while it was
# read, within the same clock tick (a few ms): its status then describes other bytes.
SETTLE_NS = 50_000_000


def settled(before: os.stat_result, after: os.stat_result, started_ns: int) -> bool:
    """Whether the bytes read between the two statuses are surely the ones `after`
    describes: the file did not change while it was read, nor just before."""
    return status_of(before) == status_of(after) and \
        after.st_ctime_ns < started_ns - SETTLE_NS


def entry(pledge: dict) -> State:
    """A pledge's current state, as stored: [[status, progress], {party: [status, progress]}]."""
    (status, progress), parties = current_states(pledge)
    return [[status, progress], {party: [*state] for party, state in parties.items()}]


def entries(pledges: dict[str, dict]) -> dict[str, State]:
    return {key: entry(pledge) for key, pledge in pledges.items()}


def row(pledge: dict) -> list:
    """A pledge's row as stored: its ROW_FIELDS values, then its latest update's date."""
    return [*(pledge.get(name) for name in ROW_FIELDS),
            max((update["date"] for update in pledge["updates"]), default=None)]


def rows_of(pledges: dict[str, dict]) -> dict[str, list]:
    return {key: row(pledge) for key, pledge in pledges.items()}


def row_dicts(rows: dict[str, list]) -> list[dict] | None:
    """The rows as pledge-like dicts (ROW_KEYS; no updates), in the table's order; None
    if any is not the shape `row` writes (a damaged cache: use the records)."""
    # Spelled out, this is three times as fast as dict(zip(ROW_KEYS, …)) (5 ms against
    # 18 ms at 10,000 pledges); a test holds the names to ROW_KEYS.
    try:
        return [{"id": id_, "status": status, "progress": progress, "due": due,
                 "dialogue": dialogue, "by": by, "area": area, "framework": framework,
                 "tags": tags, "text": text, "updated": updated, LAST_UPDATE: last}
                for (id_, status, progress, due, dialogue, by, area, framework, tags, text,
                     updated, last) in rows.values()]
    except (TypeError, ValueError):  # not a list of twelve
        return None


def _header(made_from: list[int]) -> dict:
    from tracker import __version__

    return {"format": FORMAT, "tracker": __version__, "database": made_from}


class Cached:
    """What a matching cache holds: where each record sits in the file
    (`tracker.layout.spans_of`; None for a file laid out by hand), and the pledges'
    states and rows, unparsed until asked for (`states`, `rows`): a listing needs
    no states, a report no rows."""

    __slots__ = ("states_raw", "spans", "plain", "rows_raw")

    def __init__(self, states_raw: bytes, spans: dict | None, plain: bool,
                 rows_raw: bytes | None = None) -> None:
        self.states_raw = states_raw
        self.spans = spans
        # The file holds nothing the output sanitiser would change and no float only the
        # json module writes right: its values can be written out as orjson writes them.
        self.plain = plain
        self.rows_raw = rows_raw


def states(raw: bytes | None) -> dict[str, State] | None:
    """The states a cache holds (`Cached.states_raw`), or None. Each is checked where a
    report uses it (`checked`); a write only carries them."""
    if raw is None:
        return None
    try:
        import orjson

        from tracker.layout import collector_paused

        with collector_paused():
            parsed = orjson.loads(raw)
    except (ValueError, ImportError):
        return None
    return parsed if type(parsed) is dict else None


def rows(raw: bytes | None) -> dict[str, list] | None:
    """The rows a cache holds (`Cached.rows_raw`), or None (no rows, or not readable)."""
    if raw is None:
        return None
    try:
        import orjson

        parsed = orjson.loads(raw)
    except (ValueError, ImportError):
        return None
    if type(parsed) is not dict or not all(type(v) is list for v in parsed.values()):
        return None
    return parsed


def read(db: Path, info: os.stat_result, content: bytes) -> tuple[Cached | None, list[int]]:
    """The cache, if it was made from the file whose status is `info` and bytes
    `content`; and that file's identity.

    None for a missing, stale, damaged or unreadable cache: the caller checks and
    works out everything itself, as if there were no cache.
    """
    made_from: list[int] | None = None
    cached = None
    if enabled():
        try:
            cached, made_from = _read(db, info, content)
        except (OSError, ValueError, ImportError):
            cached = None
    return cached, made_from if made_from is not None else identity(info, content)


def _read(db: Path, info: os.stat_result, content: bytes
          ) -> tuple[Cached | None, list[int] | None]:
    import orjson

    fd = os.open(cache_path(db), os.O_RDONLY | os.O_NONBLOCK
                 | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as file:
        own = os.fstat(fd)
        if not _is_regular(own):
            return None, None
        header = orjson.loads(file.readline(4096))
        if type(header) is not dict or type(header.get("made")) is not dict:
            return None, None
        recorded = header["made"].get("database")
        if (header.get("settled") is True and type(recorded) is list and len(recorded) == 6
                and recorded[:5] == status_of(info) and own.st_mtime_ns > info.st_ctime_ns):
            made_from = recorded  # the status tells: see the module's docstring
        else:
            made_from = identity(info, content)
        if header["made"] != _header(made_from):
            return None, made_from
        body = orjson.loads(file.readline())
        states_raw = file.readline()
        rows_raw = file.read()
    if type(body) is not dict or not states_raw.startswith(b"{"):
        return None, made_from
    from tracker.layout import sound

    spans = body.get("spans")
    # The rows are used only if they are the very bytes written: a check of 2 ms, where
    # checking each row's values would cost as much as the listing they save.
    if header.get("rows") != zlib.crc32(rows_raw) or not rows_raw.strip():
        rows_raw = None
    return Cached(states_raw, spans if spans is not None and sound(spans) else None,
                  body.get("plain") is True, rows_raw), made_from


def _is_regular(info: os.stat_result) -> bool:
    import stat

    return stat.S_ISREG(info.st_mode)


def checked(states: dict[str, State] | None) -> dict[str, State] | None:
    """The states, if every one has the shape this tracker writes; else None (work them
    out again). A report checks them before it uses them; a write only carries them."""
    return states if states is not None and _sound(states) else None


def _sound(states: Any) -> bool:
    """The body of a cache this tracker wrote: a damaged one must not reach a report."""
    if type(states) is not dict:
        return False
    statuses = _STATUS_SET
    try:
        for state in states.values():
            (status, progress), parties = state
            if status not in statuses or type(progress) is not int or type(parties) is not dict:
                return False
            for party_status, party_progress in parties.values():
                if party_status not in statuses or type(party_progress) is not int:
                    return False
    except (TypeError, ValueError):
        return False
    return True


def write(db: Path, made_from: list[int], states: dict[str, State], mode: int,
          spans: dict | None = None, plain: bool = False,
          rows: dict[str, list] | None = None, *, settled: bool = False) -> None:
    """Replace the cache (temp file and rename: a reader never sees half of one).
    `settled`: its maker saw the file settled (see the module's docstring).

    The cache gets the database's permissions: it tells as much as the file does.
    No fsync: after a crash a cache is at worst missing or unreadable, and rebuilt.
    """
    if not enabled():
        return
    target = cache_path(db)
    temp_name = None
    try:
        import orjson

        rows_raw = orjson.dumps(rows) if rows is not None else b""
        header = {"made": _header(made_from), "settled": settled,
                  "rows": zlib.crc32(rows_raw) if rows_raw else None}
        content = b"%b\n%b\n%b\n%b" % (orjson.dumps(header),
                                        orjson.dumps({"spans": spans, "plain": plain}),
                                        orjson.dumps(states), rows_raw)
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
        with os.fdopen(fd, "wb") as file:
            os.fchmod(fd, mode & 0o666)
            file.write(content)
        if os.path.islink(target) or (os.path.lexists(target)
                                      and not os.path.isfile(target)):
            return  # something else sits at the cache's name: leave it alone
        os.replace(temp_name, target)
        temp_name = None
    except (OSError, ImportError, TypeError, ValueError):
        pass  # no cache this time; the next command works the states out again
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def carried_over(previous: dict[str, Any] | None, pledges: dict[str, dict],
                 changed: set[str], work_out=entry) -> dict[str, Any]:
    """The states (or with `work_out=row`, the rows) after a write: the pledges in
    `changed` worked out again, the rest kept; in the table's order.

    Without those of the file that was read, every pledge is worked out.
    """
    if previous is None:
        return {key: work_out(pledge) for key, pledge in pledges.items()}
    carried = dict(previous)
    for key in changed:  # only these are looked at: the others may not even be parsed
        if key in pledges:
            carried[key] = work_out(pledges[key])
        else:
            carried.pop(key, None)
    if len(carried) != len(pledges) or (changed and not _same_order(carried, pledges)):
        # A pledge added in place of another, say: the table's order, as a listing reads it.
        carried = {key: carried[key] if key in carried else work_out(pledges[key])
                   for key in pledges}
    return carried


def _same_order(carried: dict, pledges: dict) -> bool:
    return all(a == b for a, b in zip(carried, pledges, strict=True))


def remove(db: Path) -> None:
    """Delete the cache (a file that no longer describes the database)."""
    with contextlib.suppress(OSError):
        target = cache_path(db)
        if target.is_file() and not target.is_symlink():
            target.unlink()
