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
the file settled (it did not change while it was read, nor for 50 ms before),
any later change to the file shows in its change time, and the status alone
decides. Otherwise a read checks the bytes (8 ms for 19 MB); a reader that finds
them the very ones and the file settled marks the cache settled (rewriting it),
as git rewrites its index. A writer's own cache is never marked settled: in the
tick of its write another program could still change the file unseen.

The file: a header line (the identity, whether settled, the rows' CRC-32 and the
sizes of the two sections), a line with the records' places, then the states and
the rows, each a section (`section`): a JSON object with one pledge a line.

A writing command, holding the database's lock, writes the cache for the file
it has just written: the members of the pledges it changed worked out afresh,
the rest of each section kept byte for byte (`carried_section`). A reading
command that finds the cache missing or stale (the file changed outside the
tracker) makes it, as `git status` refreshes git's index: only beside an
existing database it may write, and never for a file it could not read in full.
Deleting the cache is always safe; a cache that cannot be read or written (a
read-only folder, a full disk) is not used, and no command fails or warns
because of it. `TRACKER_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from pathlib import Path
from typing import Any

from tracker.model import STATUSES, current_states

FORMAT = 6  # bump when the cache's shape or the state rule changes: older caches are ignored
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
    if not isinstance(content, bytes | list):  # a file read where sliced (layout.FileBytes)
        content = content[0:len(content)]
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
    if any is not what `row` writes: a cache with a right checksum but forged or made by
    a faulty tracker must neither crash `list` nor change what it prints.

    One pass checks and builds (16 ms at 10,000 pledges in a fresh process, where
    checking a column at a time and then building took 30): spelled out, the dicts
    cost a third of dict(zip(ROW_KEYS, …)); a test holds the names to ROW_KEYS.
    """
    from itertools import chain

    statuses, made = _STATUS_SET, []
    append = made.append
    try:
        for key, (id_, status, progress, due, dialogue, by, area, framework, tags, text,
                  updated, last) in rows.items():
            if not (type(id_) is int and type(progress) is int and status in statuses
                    and type(dialogue) is str and type(text) is str and type(by) is list
                    and type(tags) is list and (due is None or type(due) is str)
                    and (area is None or type(area) is str)
                    and (framework is None or type(framework) is str)
                    and (updated is None or type(updated) is str)
                    and (last is None or type(last) is str) and str(id_) == key):
                return None
            append({"id": id_, "status": status, "progress": progress, "due": due,
                    "dialogue": dialogue, "by": by, "area": area, "framework": framework,
                    "tags": tags, "text": text, "updated": updated, LAST_UPDATE: last})
    except (TypeError, ValueError):  # not a list of twelve
        return None
    names = chain(chain.from_iterable(row["by"] for row in made),
                  chain.from_iterable(row["tags"] for row in made))
    return made if set(map(type, names)) <= {str} else None


_ROW_INDEX = {name: index for index, name in enumerate(ROW_KEYS)}


def _str_or_none(value: Any) -> bool:
    return value is None or type(value) is str


def _names(value: Any) -> bool:
    return type(value) is list and all(type(name) is str for name in value)


# What `row` writes for each field: the checks of `row_dicts`, one field at a time.
_ROW_CHECKS = {"id": lambda v: type(v) is int, "status": _STATUS_SET.__contains__,
               "progress": lambda v: type(v) is int, "due": _str_or_none,
               "dialogue": lambda v: type(v) is str, "by": _names, "area": _str_or_none,
               "framework": _str_or_none, "tags": _names, "text": lambda v: type(v) is str,
               "updated": _str_or_none, LAST_UPDATE: _str_or_none}


def narrow_row_dicts(rows: dict[str, list], fields: set[str]) -> list[dict] | None:
    """The rows as dicts of `fields` (and "id") only, checked as `row_dicts` checks them;
    None if any is not what `row` writes. A listing filters and sorts these, then
    makes whole rows of the pledges it shows (a few dicts of three keys cost a fifth
    of ten thousand of twelve)."""
    from operator import itemgetter

    names = ["id", *sorted(set(fields) - {"id"})]
    width = len(ROW_KEYS)
    try:
        values = list(rows.values())
        if any(len(row) != width for row in values):
            return None
        for name in names:
            check = _ROW_CHECKS[name]
            if not all(map(check, map(itemgetter(_ROW_INDEX[name]), values))):
                return None
        if [str(row[0]) for row in values] != list(rows):
            return None  # each row is its key's pledge
        at = [_ROW_INDEX[name] for name in names]
        # Spelled out for the usual few fields: twice as fast as dict(zip(…)).
        if len(names) == 1:
            return [{"id": row[0]} for row in values]
        if len(names) == 2:
            (a, b), (i, j) = names, at
            return [{a: row[i], b: row[j]} for row in values]
        if len(names) == 3:
            (a, b, c), (i, j, k) = names, at
            return [{a: row[i], b: row[j], c: row[k]} for row in values]
        pick = itemgetter(*at)
        return [dict(zip(names, pick(row), strict=True)) for row in values]
    except (TypeError, KeyError):
        return None


def _header(made_from: list[int]) -> dict:
    from tracker import __version__

    return {"format": FORMAT, "tracker": __version__, "database": made_from}


class Cached:
    """What a matching cache holds: where each record sits in the file
    (`tracker.layout.spans_of`; None for a file laid out by hand), and the pledges'
    states and rows, unparsed until asked for (`states`, `rows`): a listing needs
    no states, a report no rows."""

    __slots__ = ("states_raw", "spans", "plain", "rows_raw", "settled")

    def __init__(self, states_raw: bytes, spans: dict | None, plain: bool,
                 rows_raw: bytes | None = None, settled: bool = False) -> None:
        self.settled = settled  # its header says its maker saw the file settled
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
    return parsed if type(parsed) is dict else None


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


def _open(db: Path):
    return os.fdopen(os.open(cache_path(db), os.O_RDONLY | os.O_NONBLOCK
                             | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)), "rb")


def _status_decides(header: Any, own: os.stat_result, info: os.stat_result) -> bool:
    """Whether this cache's header may be trusted for the file `info` describes without
    a look at its bytes (see the module's docstring); `own`: the cache file's status."""
    if type(header) is not dict or type(header.get("made")) is not dict:
        return False
    recorded = header["made"].get("database")
    return (header.get("settled") is True and type(recorded) is list and len(recorded) == 6
            and recorded[:5] == status_of(info) and own.st_mtime_ns > info.st_ctime_ns
            and header["made"] == _header(recorded))


def status_decides(db: Path, info: os.stat_result) -> bool:
    """Whether the cache beside `db` is, by status alone, the one of the file `info`
    describes: then a reader need not read the file's bytes to check them."""
    if not enabled():
        return False
    try:
        import orjson

        with _open(db) as file:
            own = os.fstat(file.fileno())
            return _is_regular(own) and _status_decides(orjson.loads(file.readline(4096)),
                                                        own, info)
    except (OSError, ValueError, ImportError):
        return False


def _read(db: Path, info: os.stat_result, content: bytes
          ) -> tuple[Cached | None, list[int] | None]:
    import orjson

    with _open(db) as file:
        own = os.fstat(file.fileno())
        if not _is_regular(own):
            return None, None
        header = orjson.loads(file.readline(4096))
        if type(header) is not dict or type(header.get("made")) is not dict:
            return None, None
        if _status_decides(header, own, info):
            made_from = header["made"]["database"]
        else:
            made_from = identity(info, content)
        if header["made"] != _header(made_from):
            return None, made_from
        sizes = header.get("sizes")
        if type(sizes) is not list or len(sizes) != 2 or not all(
                type(size) is int and size >= 0 for size in sizes):
            return None, made_from
        body_raw = file.readline()
        states_raw = file.read(sizes[0])
        rows_raw = file.read(sizes[1])
    # Only the very bytes written are used (a check of 1 ms): a cache damaged on disk is
    # not, whatever its shape. The rows' values are checked too when parsed (`rows`),
    # the states' where a report uses them (`checked`).
    crc = zlib.crc32(rows_raw, zlib.crc32(states_raw, zlib.crc32(body_raw)))
    if header.get("body") != crc or len(states_raw) != sizes[0] or len(rows_raw) != sizes[1]:
        return None, made_from
    body = orjson.loads(body_raw)
    if type(body) is not dict or not states_raw.startswith(b"{"):
        return None, made_from
    from tracker.layout import sound

    spans = body.get("spans")
    if not rows_raw.strip():
        rows_raw = None
    return Cached(states_raw, spans if spans is not None and sound(spans) else None,
                  body.get("plain") is True, rows_raw, header.get("settled") is True), made_from


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
            if status not in statuses or type(progress) is not int \
                    or not 0 <= progress <= 100 or type(parties) is not dict:
                return False
            for party_status, party_progress in parties.values():
                if party_status not in statuses or type(party_progress) is not int \
                        or not 0 <= party_progress <= 100:
                    return False
    except (TypeError, ValueError):
        return False
    return True


def write(db: Path, made_from: list[int], states: bytes, mode: int,
          spans: dict | None = None, plain: bool = False,
          rows: bytes | None = None, *, settled: bool = False) -> None:
    """Replace the cache (temp file and rename: a reader never sees half of one).
    `states` and `rows` are sections (`section`, `carried_section`); `settled`: its
    maker saw the file settled (see the module's docstring).

    The cache gets the database's permissions: it tells as much as the file does.
    No fsync: after a crash a cache is at worst missing or unreadable, and rebuilt.
    """
    if not enabled():
        return
    target = cache_path(db)
    temp_name = None
    try:
        import orjson

        rows = rows or b""
        body = orjson.dumps({"spans": spans, "plain": plain}) + b"\n"
        header = {"made": _header(made_from), "settled": settled,
                  "body": zlib.crc32(rows, zlib.crc32(states, zlib.crc32(body))),
                  "sizes": [len(states), len(rows)]}
        content = b"%b\n%b%b%b" % (orjson.dumps(header), body, states, rows)
        import tempfile

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


# -- sections: the states and the rows, one pledge a line ------------------------------------
#
# A section is a JSON object with one member a line: `{"1":[…],\n"2":[…]}`. orjson never
# writes a raw newline inside a value, so `,\n"KEY":` only ever starts the member KEY: a
# write replaces the members of the pledges it changed without parsing the others.

SPLICED_AT_MOST = 64  # more changed pledges than this: the section is parsed and made again


def section(entries: dict[str, Any]) -> bytes:
    """`entries` as a section."""
    import orjson

    dumps = orjson.dumps
    return b"{%b}" % b",\n".join(b"%b:%b" % (dumps(key), dumps(value))
                                 for key, value in entries.items())


def carried_section(previous: bytes | dict | None, pledges: dict[str, dict],
                    changed: set[str], work_out=entry) -> bytes:
    """The section of states (or with `work_out=row`, of rows) after a write: the members
    of the pledges in `changed` worked out again, the rest kept as they are, in the
    table's order.

    `previous`: the section of the file that was read, or its entries already parsed;
    without it, every pledge is worked out.
    """
    if isinstance(previous, bytes) and len(changed) <= SPLICED_AT_MOST:
        spliced = _spliced(previous, pledges, changed, work_out)
        if spliced is not None:
            return spliced
    known = previous if isinstance(previous, dict) else \
        _parsed_section(previous) if previous is not None else None
    known = known or {}
    return section({key: work_out(pledge) if key in changed or key not in known
                    else known[key] for key, pledge in _items(pledges, known, changed)})


def _items(pledges: dict[str, dict], known: dict, changed: set[str]):
    """(key, pledge) in the table's order; a lazily read table parses only the pledges
    whose entry is worked out again."""
    for key in pledges:
        yield key, pledges[key] if key in changed or key not in known else None


def _spliced(previous: bytes, pledges: dict[str, dict], changed: set[str],
             work_out) -> bytes | None:
    """`previous` with the members of `changed` replaced, removed or added; None when a
    new member would not go last in the table's order (an undone removal puts a pledge
    back in its place), or the section is not one this tracker writes."""
    if not (previous.startswith(b"{") and previous.endswith(b"}")):
        return None
    import orjson

    members = previous[1:-1]
    appended = []
    for key in [*(key for key in changed if key not in pledges),
                *(key for key in pledges if key in changed)]:
        head = orjson.dumps(key) + b":"
        if members.startswith(head):
            start = 0
        else:
            found = members.find(b",\n" + head)
            start = found + 2 if found != -1 else -1
        new = head + orjson.dumps(work_out(pledges[key])) if key in pledges else None
        if start == -1:
            if new is not None:
                members = members + b",\n" + new if members else new
                appended.append(key)
            continue
        end = members.find(b",\n", start)
        end = len(members) if end == -1 else end
        if new is not None:
            members = members[:start] + new + members[end:]
        elif start == 0:
            members = members[end + 2:]
        else:
            members = members[:start - 2] + members[end:]
    if appended:
        keys = list(pledges)
        if keys[len(keys) - len(appended):] != appended:
            return None
    return b"{%b}" % members


def _parsed_section(raw: bytes) -> dict | None:
    try:
        import orjson

        parsed = orjson.loads(raw)
    except (ValueError, ImportError):
        return None
    return parsed if type(parsed) is dict else None


def remove(db: Path) -> None:
    """Delete the cache (a file that no longer describes the database)."""
    with contextlib.suppress(OSError):
        target = cache_path(db)
        if target.is_file() and not target.is_symlink():
            target.unlink()
