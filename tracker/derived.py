"""Derived state kept beside the database: `tracker.json.cache` beside `tracker.json`.

The JSON database stays the one canonical store (SPEC §7). This file is a
disposable cache of two things worked out from it:

- that the very bytes of the database passed every check of `store.load_file`
  (no key given twice, the right shape), so a reader need not check them again;
- every pledge's current state, overall and per party (`model.current_states`),
  so a report need not replay each pledge's update log.

It is trusted only for the file it was made from: its first line records the
database file's identity — device, inode, size, modification time and change
time, in nanoseconds, and a CRC-32 of its bytes — and the tracker version that
wrote it. Any difference (a hand edit, `git pull`, a restore, a copy, another
tracker version) makes it stale, and a stale cache is never read past that
first line. The change time cannot be set by hand (`touch -d` sets only the
modification time), and the checksum sees an edit whatever its times say.

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

FORMAT = 1  # bump when the cache's shape or the state rule changes: older caches are ignored
SUFFIX = ".cache"
_STATUS_SET = frozenset(STATUSES)

# A pledge's stored state: [[status, progress], {party: [status, progress], …}],
# unpacked like the tuples of `model.current_states`.
State = list


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


def same_file(info: os.stat_result, made_from: list[int]) -> bool:
    """Whether the file `info` describes is still, by its status, the one read."""
    return identity(info, b"")[:5] == made_from[:5]


def entry(pledge: dict) -> State:
    """A pledge's current state, as stored: [[status, progress], {party: [status, progress]}]."""
    (status, progress), parties = current_states(pledge)
    return [[status, progress], {party: [*state] for party, state in parties.items()}]


def entries(pledges: dict[str, dict]) -> dict[str, State]:
    return {key: entry(pledge) for key, pledge in pledges.items()}


def _header(made_from: list[int]) -> dict:
    from tracker import __version__

    return {"format": FORMAT, "tracker": __version__, "database": made_from}


class Cached:
    """What a matching cache holds: the pledges' states, and where each record sits in
    the file (`tracker.layout.spans_of`; None for a file laid out by hand)."""

    __slots__ = ("states", "spans", "plain")

    def __init__(self, states: dict[str, State], spans: dict | None, plain: bool) -> None:
        self.states = states
        self.spans = spans
        # The file holds nothing the output sanitiser would change and no float only the
        # json module writes right: its values can be written out as orjson writes them.
        self.plain = plain


def read(db: Path, made_from: list[int]) -> Cached | None:
    """The cache, if it was made from the file `made_from` names.

    None for a missing, stale, damaged or unreadable cache: the caller checks and
    works out everything itself, as if there were no cache.
    """
    if not enabled():
        return None
    try:
        import orjson

        fd = os.open(cache_path(db), os.O_RDONLY | os.O_NONBLOCK
                     | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as file:
            if not _is_regular(os.fstat(fd)):
                return None
            if orjson.loads(file.readline(4096)) != _header(made_from):
                return None
            body = orjson.loads(file.read())
    except (OSError, ValueError, ImportError):
        return None
    if type(body) is not dict or type(body.get("states")) is not dict:
        return None  # each state is checked where it is used (`checked`)
    from tracker.layout import sound

    spans = body.get("spans")
    return Cached(body["states"], spans if spans is not None and sound(spans) else None,
                  body.get("plain") is True)


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
          spans: dict | None = None, plain: bool = False) -> None:
    """Replace the cache (temp file and rename: a reader never sees half of one).

    The cache gets the database's permissions: it tells as much as the file does.
    No fsync: after a crash a cache is at worst missing or unreadable, and rebuilt.
    """
    if not enabled():
        return
    target = cache_path(db)
    temp_name = None
    try:
        import orjson

        content = b"%b\n%b\n" % (orjson.dumps(_header(made_from)),
                                  orjson.dumps({"states": states, "spans": spans,
                                                "plain": plain}))
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


def carried_over(previous: dict[str, State] | None, pledges: dict[str, dict],
                 changed: set[str]) -> dict[str, State]:
    """The states after a write: the pledges in `changed` worked out again, the rest kept.

    Without the states of the file that was read, every pledge is worked out.
    """
    if previous is None:
        return entries(pledges)
    states = dict(previous)
    for key in changed:  # only these are looked at: the others may not even be parsed
        if key in pledges:
            states[key] = entry(pledges[key])
        else:
            states.pop(key, None)
    return states


def remove(db: Path) -> None:
    """Delete the cache (a file that no longer describes the database)."""
    with contextlib.suppress(OSError):
        target = cache_path(db)
        if target.is_file() and not target.is_symlink():
            target.unlink()
