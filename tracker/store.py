"""The database: one TinyDB JSON file, atomic writes, an inter-process lock,
never-reused pledge ids, a schema version and the change log (SPEC §7).

TinyDB's own JSONStorage rewrites the file in place, so two writers can
interleave and leave NUL bytes or half a document. Here TinyDB works on an
in-memory copy (`_SnapshotStorage`); a writing command holds an exclusive lock
for its whole read-modify-write and `commit` replaces the file atomically once.

TinyDB also reuses the highest document id after it is removed; pledge ids
therefore come from `next_pledge_id` in the meta record, which only grows.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from tracker import delta, derived
from tracker.dates import now_timestamp
from tracker.errors import DatabaseError, NotFound
from tracker.model import ID_LIMIT, PLEDGE_FIELDS, STATUSES, is_figure, is_pledge_id
from tracker.printable import is_plain

try:  # optional: the same file bytes, parsed 3× and written 20× faster (see `encode`)
    import orjson as _orjson
except ImportError:  # pragma: no cover — the json module does the same, slower
    _orjson = None

SCHEMA_VERSION = 2  # 2: list fields in the change log are splices (tracker.delta)
TABLES = ("meta", "dialogues", "pledges", "history")
DEFAULT_LOCK_TIMEOUT = 10.0
_PLEDGE_FIELD_SET = frozenset(PLEDGE_FIELDS)
NEW_FILE_MODE = 0o600  # an analyst's notes are nobody else's business
_stdlib_only = False  # set once a file needed the json module to be read


def default_path() -> Path:
    """`$TRACKER_DB`, else `tracker.json` in the user data folder."""
    env = os.environ.get("TRACKER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("pledge-tracker", appauthor=False) / "tracker.json"


class _SnapshotStorage(Storage):
    """TinyDB storage over a dict already read from disk; `Store.commit` persists it."""

    def __init__(self, data: dict) -> None:
        self.data = data

    def read(self) -> dict:
        return self.data

    def write(self, data: dict) -> None:
        self.data = data


def _empty_data() -> dict:
    return {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "next_pledge_id": 1,
                       "next_change_id": 1}},
        "dialogues": {},
        "pledges": {},
        "history": {},
    }


def _broken(path: Path, why: str) -> DatabaseError:
    return DatabaseError(
        f"{path} {why}; the file was left untouched",
        hint="repair or restore it, or point --db / TRACKER_DB at another file",
    )


class Loaded:
    """A database file as read: its data, the file's identity, and the cache made from it."""

    __slots__ = ("data", "identity", "states_raw", "spans", "raw", "canonical", "plain",
                 "rows_raw", "settled", "cache_settled")

    def __init__(self, data: dict, identity: list[int] | None = None) -> None:
        self.data = data
        self.identity = identity  # None: no file, or an empty one
        self.states_raw: bytes | None = None  # from a matching cache (tracker.derived)
        self.spans: dict | None = None  # where each record sits (tracker.layout)
        self.raw: bytes | None = None  # the file's bytes, kept while records are unparsed
        self.canonical = False  # the bytes are what `encode` gives for `data`
        self.plain = False  # nothing in them the sanitiser changes (tracker.derived.Cached)
        self.rows_raw: bytes | None = None  # the pledges' rows, unparsed (tracker.derived)
        self.settled = False  # unchanged while read, nor just before (derived.settled)
        self.cache_settled = False  # the cache says so of the file it was made from


def load_file(path: Path) -> dict:
    """Read and check the database file; a missing or empty file is a new database."""
    return read_file(path).data


def read_file(path: Path, *, lazy: bool = False, partial: bool = False) -> Loaded:
    """`load_file`, with the file's identity and, from a cache made from these very bytes,
    the pledges' states and the records' places; such a file's checks passed when the
    cache was made.

    `lazy`: when the cache knows where each record sits, parse only the small
    tables; pledges and change-log entries are parsed as they are asked for
    (`tracker.layout.LazyTable`), for a command that needs a few of them.
    `partial` (a reading command, lazily): when the cache is this file's by its status
    alone, the file's bytes are read only where a table or record is parsed
    (`tracker.layout.FileBytes`).
    """
    decides = derived.status_decides if partial and lazy and _orjson is not None else None
    raw, info, settled = _read_database_bytes(path, partial_if=decides)
    if raw is None or not raw or (isinstance(raw, bytes) and raw.isspace()):
        return Loaded(_empty_data())  # not strip(): that copies the whole file
    loaded = Loaded({})
    loaded.settled = settled
    from tracker.layout import collector_paused

    with collector_paused():
        cached, loaded.identity = derived.read(path, info, raw)
        data = None
        # Spans are kept only for bytes orjson wrote or reads back exactly (no NaN, no
        # integer beyond 64 bits, which orjson would read as a float): only those are
        # read by orjson unchecked. Any other file is parsed as without a cache.
        if cached is not None and cached.spans is not None and _orjson is not None:
            try:
                if lazy:
                    data = _lazy_tables(raw, cached.spans)
                    loaded.raw = raw
                else:
                    data = _orjson.loads(raw)  # these bytes were checked for the cache
            except (_orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                data = None  # a cache that does not fit the file: read it whole
        if data is None and not isinstance(raw, bytes):
            raw = raw[0:len(raw)]  # it changed since its status was taken: read it all
        if data is None:
            data, loaded.canonical = _parse(raw, path)
            check_shape(data, path)
            if loaded.canonical and derived.enabled():
                loaded.raw = raw  # for the cache a reader makes (`open_for_reading`)
            if cached is not None and cached.spans is None:
                loaded.states_raw = cached.states_raw  # still this very file's (its identity)
        else:
            loaded.states_raw, loaded.spans = cached.states_raw, cached.spans
            loaded.plain, loaded.rows_raw = cached.plain, cached.rows_raw
            loaded.cache_settled = cached.settled
            loaded.canonical = cached.spans is not None
        loaded.data = data
        del raw  # unless kept above, the file's bytes are not needed any more
    return loaded


def _lazy_tables(raw: bytes, spans: dict) -> dict:
    """The tables, in the file's order: pledges and the change log unparsed (LazyTable).

    Each table's span must fall where the file names that table (else ValueError:
    the cache does not fit these bytes); a table the file lacks is added empty, as
    `check_shape` adds it.
    """
    from tracker.layout import SPANNED, LazyTable, parse, table_at

    data: dict[str, Any] = {}
    for name, span in spans["tables"].items():
        if not table_at(raw, name, span):
            raise ValueError(name)
        if name == SPANNED:
            data[name] = LazyTable(raw, span, spans[SPANNED], check=_is_pledge_record)
        elif name == "history":
            data[name] = LazyTable(raw, span, None, spans["history_top"])
        elif name == "dialogues":  # parsed if read: a listing by area never does
            data[name] = LazyTable(raw, span, None)
        else:
            data[name] = parse(raw, span)
            if type(data[name]) is not dict:
                raise ValueError(name)
    for name in TABLES[1:]:
        data.setdefault(name, {})
    meta = data["meta"]["1"]
    if meta["schema_version"] != SCHEMA_VERSION or check_counters(meta):
        raise ValueError("meta")
    return data


def _is_pledge_record(key: str, record: Any) -> bool:
    """What a span must point to: the pledge whose id is its key."""
    return type(record) is dict and record.get("id") == int(key)


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _not_a_regular_file(path: Path, mode: int) -> DatabaseError:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return _broken(path, f"is {kind}, not a database file")


def check_database_path(path: Path) -> bool:
    """Refuse at once anything but a regular file or nothing (SPEC §7); True if it exists.

    Opening a FIFO would wait forever and a device would be replaced by a JSON
    file; a dangling link would make the tracker create its target.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise _broken(path, f"is a link to {os.readlink(path)}, which does not exist") \
                from None
        return False
    except OSError as error:
        raise DatabaseError(f"cannot use {path}: {error.strerror}; nothing was changed") \
            from None
    if not stat.S_ISREG(info.st_mode):
        raise _not_a_regular_file(path, info.st_mode)
    return True


def _read_database_bytes(path: Path, *, partial_if=None
                         ) -> tuple[Any, os.stat_result | None, bool]:
    """The file's bytes and status, None if there is no file; never blocks on a FIFO.
    Also whether the file was settled while read (`derived.settled`). With
    `partial_if(path, status)` true, the bytes are a `tracker.layout.FileBytes`, read
    where sliced.

    The status is taken from the open file after reading it: it describes the
    bytes read even if a writer renames a new file into place meanwhile.
    """
    if not check_database_path(path):
        return None, None, False
    try:
        # O_NONBLOCK: should a FIFO replace the file after the check, open returns at
        # once and fstat refuses it, instead of waiting for a writer that never comes.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None, None, False
    except OSError as error:
        raise DatabaseError(f"cannot read {path}: {error.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        started = time.time_ns()
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise _not_a_regular_file(path, before.st_mode)
        if partial_if is not None and before.st_size > 0 and partial_if(path, before):
            from tracker.layout import FileBytes

            return FileBytes(os.dup(fd), before.st_size), before, False
        try:
            raw = handle.read()
        except OSError as error:
            raise DatabaseError(f"cannot read {path}: {error.strerror}") from None
        after = os.fstat(fd)
        return raw, after, derived.settled(before, after, started)


def _parse(raw: bytes, path: Path) -> tuple[Any, bool]:
    """orjson when it is installed (3× faster); the json module for anything it refuses.
    Also whether the bytes are exactly what `encode` writes for the data.

    orjson keeps the last of two equal keys without a word; what it read is
    trusted only when writing it back gives the very bytes of the file (as for
    every file the tracker wrote). Anything else is read again by the json
    module, which refuses a duplicate key and names it.
    """
    global _stdlib_only
    from tracker.jsonio import DuplicateKey, is_canonical, loads_strict

    if _orjson is not None and not _stdlib_only:
        try:
            data = _orjson.loads(raw)
        except _orjson.JSONDecodeError:
            # json accepts a few things orjson does not (NaN, huge integers) and
            # words its errors well: let it decide, and let it write the file back
            # too, so that such values survive unchanged. (A lone surrogate it reads
            # too; that one is refused below.)
            _stdlib_only = True
        else:
            if is_canonical(data, raw):
                return data, True
            del data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _broken(path, f"is not UTF-8 text (byte {error.start})") from None
    import json  # only for a file orjson did not read back as written (and its errors)

    try:
        data = loads_strict(text)
    except json.JSONDecodeError as error:
        raise _broken(
            path, f"is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except DuplicateKey as error:
        raise _broken(path, f"has the key {error.key!r} twice in one object (a merge "
                            "conflict resolved by hand?)") from None
    except RecursionError:
        raise _broken(path, "is nested too deeply to be a pledge-tracker database") from None
    where = _lone_surrogate(data)
    if where is not None:
        # JSON may escape half a character ("\ud800"); no output, file or terminal
        # can hold it, so every command would fail on it later.
        raise _broken(path, f"holds half a character (a lone surrogate escape such as "
                            f"\\ud800) in {where}")
    return data, False


_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(data: Any) -> str | None:
    """Where a string (key or value) of `data` holds a lone surrogate, else None."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return where or "the file"
        elif isinstance(value, dict):
            for key, item in value.items():
                if _SURROGATE.search(key):
                    return f"a key of {where or 'the file'}"
                stack.append((item, f"{where} → {key}" if where else key))
        elif isinstance(value, list):
            stack.extend((item, f"{where} → item {index + 1}")
                         for index, item in enumerate(value))
    return None


def check_shape(data: Any, path: Path) -> None:
    """Refuse JSON that is not a tracker database, naming where it goes wrong."""
    if _looks_sound(data):
        return
    if not isinstance(data, dict) or not isinstance(data.get("meta"), dict):
        raise _broken(path, "is JSON but not a pledge-tracker database (no 'meta' table)")
    meta = data["meta"].get("1")
    if not isinstance(meta, dict) or not isinstance(meta.get("schema_version"), int):
        raise _broken(path, "has no schema version (meta → 1 → schema_version)")
    version = meta["schema_version"]
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} was written by a newer pledge-tracker (schema {version}; this one "
            f"reads up to {SCHEMA_VERSION})",
            hint="upgrade pledge-tracker; the file was left untouched",
        )
    if version < SCHEMA_VERSION:
        return  # an older shape: checked again once upgraded in memory (`_load_current`)
    bad_counter = check_counters(meta)
    if bad_counter:
        raise _broken(path, f"has a bad meta → 1 → {bad_counter}: {meta.get(bad_counter)!r}")
    for table in TABLES[1:]:
        records = data.setdefault(table, {})
        if not isinstance(records, dict):
            raise _broken(path, f"has a '{table}' table that is not an object")
        for key, record in records.items():
            if not (key.isascii() and key.isdigit()) or not isinstance(record, dict):
                raise _broken(path, f"has a bad record at {table} → {key}")
    for key, pledge in data["pledges"].items():
        _check_pledge_shape(pledge, key, meta["next_pledge_id"], path)
    for key, dialogue in data["dialogues"].items():
        problem = _dialogue_problem(dialogue)
        if problem is not None:
            raise _broken(path, f"has a bad value at dialogues → {key} → {problem}")
    repeated = _repeated_dialogue(data["dialogues"])
    if repeated is not None:
        raise _broken(path, f"has two dialogues with the id {repeated!r}")
    for key, entry in data["history"].items():
        problem = _entry_problem(entry)
        if problem is not None:
            raise _broken(path, f"has a bad value at history → {key} → {problem}")


def check_counters(meta: dict) -> str | None:
    """The counter that is out of range, if any: one rule for what is written and read."""
    for key in ("next_pledge_id", "next_change_id"):
        value = meta.get(key)
        if type(value) is not int or not 1 <= value <= ID_LIMIT:
            return key
    return None


_STATUS_SET = frozenset(STATUSES)


def _looks_sound(data: Any) -> bool:
    """The checks of `check_shape` in one fast pass, stricter and wordless.

    True only where `check_shape` would accept the data; on False, `check_shape`
    runs its slow checks to find and name the problem. At 100,000 pledges the slow
    checks took a quarter of a second; this pass takes about a tenth.
    """
    try:
        meta = data["meta"]["1"]
        next_id = meta["next_pledge_id"]
        if not (type(meta["schema_version"]) is int and meta["schema_version"] <= SCHEMA_VERSION
                and check_counters(meta) is None):
            return False
        tables = [data.setdefault(table, {}) for table in TABLES[1:]]
        if not all(type(records) is dict for records in tables):
            return False
        for key, record in data["dialogues"].items():
            if not (key.isascii() and key.isdigit() and type(record) is dict
                    and _dialogue_problem(record) is None):
                return False
        if _repeated_dialogue(data["dialogues"]) is not None:
            return False
        for key, record in data["history"].items():
            if not (key.isascii() and key.isdigit() and type(record) is dict
                    and _entry_problem(record) is None):
                return False
        statuses = _STATUS_SET
        for key, pledge in data["pledges"].items():
            if type(pledge) is not dict or not pledge.keys() >= _PLEDGE_FIELD_SET:
                return False
            pledge_id, progress, updates = pledge.get("id"), pledge.get("progress"), \
                pledge.get("updates")
            if not (type(pledge_id) is int and pledge_id < next_id and str(pledge_id) == key
                    and type(pledge.get("dialogue")) is str and type(pledge.get("text")) is str
                    and type(pledge.get("by")) is list and type(pledge.get("tags")) is list
                    and pledge.get("status") in statuses
                    and type(progress) is int and 0 <= progress <= 100
                    and type(updates) is list):
                return False
            if not all(type(name) is str for name in pledge["by"]) or \
                    not all(type(tag) is str for tag in pledge["tags"]) or \
                    _pledge_problem(pledge) is not None:
                return False
            for update in updates:
                if type(update) is not dict or not _sound_update(update):
                    return False
    except (KeyError, TypeError, AttributeError):
        return False
    return True


def _sound_update(update: dict) -> bool:
    """What replaying a pledge reads from an update has the type it must (the slow path
    of `check_shape` names what does not: `_update_problem`)."""
    return _update_problem(update) is None


def _update_problem(update: dict) -> str | None:
    date = update.get("date")
    if not _is_day(date):
        return "date: missing" if "date" not in update else f"date: {date!r}"
    status, progress, party = update.get("status"), update.get("progress"), update.get("party")
    if status is not None and status not in _STATUS_SET:
        return f"status: {status!r}"
    if progress is not None and not (type(progress) is int and 0 <= progress <= 100):
        return f"progress: {progress!r}"
    if party is not None and type(party) is not str:
        return f"party: {party!r}"
    for field in ("note", "evidence", "evidence_title"):
        if type(update.get(field)) not in _TEXT_OR_NONE:
            return f"{field}: {update[field]!r}"
    published = update.get("evidence_date")
    if published is not None and not _is_day(published):
        return f"evidence_date: {published!r}"
    value = update.get("value")
    if value is not None and not is_figure(value):
        return f"value: {value!r}"
    return None


# What a record's fields hold, beyond the ones every read needs (checked above): a value
# of another type would fail a report, a sort or a filter later, or be scored wrongly
# ("verifiable": "false" is a true value), so the file is refused where it is wrong.
_TEXT_OR_NONE = (str, type(None))
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)


def _is_day(value: Any) -> bool:
    """An ISO date (`2025-06-30`) of the calendar."""
    if type(value) is not str or not _DAY.match(value):
        return False
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _list_of(value: Any, kind: type) -> bool:
    """Whether `value` is a list of `kind` values exactly (no bool for an int)."""
    return type(value) is list and all(type(item) is kind for item in value)


def _pledge_problem(pledge: dict) -> str | None:
    """The first of a pledge's other fields that holds a value of the wrong kind."""
    for field in ("quote", "area", "framework", "uuid"):
        if type(pledge[field]) not in _TEXT_OR_NONE:
            return f"{field}: {pledge[field]!r}"
    if pledge["due"] is not None and not _is_day(pledge["due"]):
        return f"due: {pledge['due']!r}"
    if type(pledge["verifiable"]) is not bool:
        return f"verifiable: {pledge['verifiable']!r}"
    marked = pledge.get("not_verifiable_for")
    if marked is not None and not _list_of(marked, str):
        return f"not_verifiable_for: {marked!r}"
    target = pledge.get("target")
    if target is not None and not (is_figure(target) and target > 0):
        return f"target: {target!r}"
    if type(pledge.get("unit")) not in _TEXT_OR_NONE:
        return f"unit: {pledge['unit']!r}"
    return None


def _dialogue_problem(dialogue: Any) -> str | None:
    """The first field of a dialogue record that holds a value of the wrong kind."""
    if type(dialogue) is not dict:
        return f"the record: {dialogue!r}"
    if type(dialogue.get("id")) is not str or not dialogue["id"]:
        return f"id: {dialogue.get('id')!r}"
    if type(dialogue.get("title")) is not str:
        return f"title: {dialogue.get('title')!r}"
    if not _is_day(dialogue.get("date")):
        return f"date: {dialogue.get('date')!r}"
    parties = dialogue.get("parties")
    if not _list_of(parties, str):
        return f"parties: {parties!r}"
    for field in ("place", "notes"):
        if type(dialogue.get(field)) not in _TEXT_OR_NONE:
            return f"{field}: {dialogue[field]!r}"
    return None


def _repeated_dialogue(dialogues: dict) -> str | None:
    """A dialogue id that two records hold, if any."""
    seen: set[str] = set()
    for record in dialogues.values():
        if record["id"] in seen:
            return record["id"]
        seen.add(record["id"])
    return None


def _entry_problem(entry: Any) -> str | None:
    """The first field of a change-log entry that `history` and `undo` could not read."""
    if type(entry) is not dict:
        return f"the record: {entry!r}"
    if type(entry.get("id")) is not int:
        return f"id: {entry.get('id')!r}"
    if type(entry.get("at")) is not str:
        return f"at: {entry.get('at')!r}"
    if type(entry.get("command")) not in _TEXT_OR_NONE:
        return f"command: {entry['command']!r}"
    undoes = entry.get("undoes")
    if undoes is not None and not _list_of(undoes, int):
        return f"undoes: {undoes!r}"
    changes = entry.get("changes")
    if type(changes) is not list or not all(
            type(change) is dict and type(change.get("table")) is str
            and change.get("op") in ("add", "remove", "update") for change in changes):
        return f"changes: {'missing' if changes is None else 'not a list of changes'}"
    return None


def _check_pledge_shape(pledge: dict, key: str, next_id: int, path: Path) -> None:
    where = f"pledges → {key}"
    if len(pledge) < len(PLEDGE_FIELDS) or not _PLEDGE_FIELD_SET.issubset(pledge):
        missing = [field for field in PLEDGE_FIELDS if field not in pledge]
        if missing:
            raise _broken(path, f"has a pledge without {', '.join(missing)} at {where}")
    checks = (
        ("id", lambda v: is_pledge_id(v) and str(v) == key and v < next_id),
        ("dialogue", lambda v: isinstance(v, str)),
        ("text", lambda v: isinstance(v, str)),
        ("by", lambda v: isinstance(v, list) and all(isinstance(name, str) for name in v)),
        ("tags", lambda v: isinstance(v, list) and all(isinstance(tag, str) for tag in v)),
        ("status", lambda v: v in STATUSES),
        ("progress", lambda v: type(v) is int and 0 <= v <= 100),
        ("updates", lambda v: isinstance(v, list) and all(isinstance(u, dict) for u in v)),
    )
    for field, ok in checks:
        if not ok(pledge.get(field)):
            raise _broken(path, f"has a bad value at {where} → {field}: {pledge.get(field)!r}")
    for index, update in enumerate(pledge["updates"]):
        problem = _update_problem(update)
        if problem is not None:
            raise _broken(path, f"has a bad value at {where} → updates → {index} → {problem}")
    problem = _pledge_problem(pledge)
    if problem is not None:
        raise _broken(path, f"has a bad value at {where} → {problem}")


MAX_LOCK_TIMEOUT = 86_400.0  # a day


def _lock_timeout() -> float:
    raw = os.environ.get("TRACKER_LOCK_TIMEOUT")
    if not raw:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = float("nan")
    # NaN, a negative wait or one beyond a day (`inf` overflowed the timer) is a typo.
    if not 0 <= seconds <= MAX_LOCK_TIMEOUT:
        raise DatabaseError(f"TRACKER_LOCK_TIMEOUT={raw!r} is not a number of seconds from 0 "
                            f"to {MAX_LOCK_TIMEOUT:g}")
    return seconds


def write_atomically(path: Path, content: bytes | list, *,
                     new_file_mode: int = NEW_FILE_MODE) -> os.stat_result:
    """Replace `path` with `content`: temp file in the same folder, fsync, rename, fsync folder.

    A crash at any moment leaves the old file or the new one, never a mixture.
    The file keeps its permissions; a new one gets `new_file_mode` (by default
    readable by its owner only, as the database must be). Returns the status of
    the file written, taken after the rename from the file itself.
    """
    folder = path.parent
    owner = None
    try:
        info = path.stat()
        mode, owner = stat.S_IMODE(info.st_mode), (info.st_uid, info.st_gid)
    except FileNotFoundError:
        mode = new_file_mode
    # mkstemp opens with O_EXCL: it never follows a link planted at the temp name.
    import tempfile

    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as temp:
            if isinstance(content, list):  # pieces, in order (tracker.layout.splice)
                temp.writelines(content)
            else:
                temp.write(content)
            temp.flush()
            os.fchmod(temp.fileno(), mode)
            if owner is not None and owner != (os.geteuid(), os.getegid()):
                _keep_owner(temp.fileno(), owner)
            os.fsync(temp.fileno())
            os.replace(temp_name, path)
            written = os.fstat(temp.fileno())  # after the rename, which sets its ctime
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return written
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
    return written


def _keep_owner(fd: int, owner: tuple[int, int]) -> None:
    """root (cron, sudo) writing someone's database must not take it away from them."""
    # Not root: the new file is ours, as it would be after any editor's save.
    with suppress(OSError):
        os.fchown(fd, *owner)


def encode(data: dict) -> bytes:
    """The file's bytes: UTF-8, indented, one key a line, key order as stored (stable)."""
    from tracker.jsonio import pretty_json

    return pretty_json(data, stdlib_only=_stdlib_only)


class ChangeLog:
    """The changes one command makes, collected for its single change-log entry.

    Each change names its table, key and operation; an update keeps only what
    differs, in the format of `tracker.delta`.
    """

    def __init__(self) -> None:
        self.changes: list[dict] = []

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def added(self, table: str, key: Any) -> None:
        self._append(table, key, "add", None, None)

    def removed(self, table: str, key: Any, before: dict) -> None:
        self._append(table, key, "remove", before, None)

    def updated(self, table: str, key: Any, before: dict, after: dict, *,
                exact: bool = False) -> bool:
        """Log what differs (lists as splices, `tracker.delta`); False when nothing changed.

        With `exact`, fields `after` lacks count as removed (without it, as kept).
        """
        difference = delta.diff(before, after, exact=exact)
        if difference is None:
            return False
        self.changes.append({"table": table, "key": key, "op": "update", **difference})
        return True

    def entry(self, change_id: int, command: str, undoes: list[int]) -> dict:
        """The change-log record of these changes."""
        entry: dict[str, Any] = {"id": change_id, "at": now_timestamp(), "command": command}
        if undoes:
            entry["undoes"] = list(undoes)
        entry["changes"] = self.changes
        return entry

    def clear(self) -> None:
        self.changes = []

    def _append(self, table: str, key: Any, op: str, before: Any, after: Any) -> None:
        self.changes.append({"table": table, "key": key, "op": op, "before": before,
                             "after": after})


class Store:
    """An open database: records in memory, changes collected for one commit.

    Each table has one write path: `add_pledges` / `update_pledge` /
    `remove_pledge` and `add_dialogue` / `update_dialogue` / `remove_dialogue`
    (the other writers are shorthands for them). Every writer logs what it did
    in `log`, and those that may change nothing say whether they did.
    """

    def __init__(self, path: Path, data: dict) -> None:
        self.path = path
        self._db = TinyDB(storage=_SnapshotStorage, data=data)
        self._storage: _SnapshotStorage = self._db.storage  # type: ignore[assignment]
        self.log = ChangeLog()
        # Ids below the counter as it stood when the file was read have been given out
        # (perhaps since removed): never again (SPEC §2), even to an import asking for one.
        self._first_unused_id = self.meta["next_pledge_id"]
        self.command = ""  # what the change log says was run, e.g. "mark 3 4"
        self.undoes: list[int] = []  # for an undo: the change-log entries it reverts
        self.upgraded_from: int | None = None  # schema of the file, when older than ours
        # Every pledge's current state by key, from the cache or worked out on reading
        # (tracker.derived); None when not known. Kept up to date by `commit`.
        self._states: dict[str, list] | None = None
        self.states_raw: bytes | None = None  # the cache's, parsed when first asked for
        # Every pledge's row (`derived.ROW_FIELDS`), as the cache holds them (unparsed).
        self.rows_raw: bytes | None = None
        self._rows_parsed: dict[str, list] | None = None
        self._rows: dict[frozenset | None, list[dict]] = {}  # by the fields they hold
        # Whether `commit` keeps the cache beside the file: only for the database a
        # command opened, not for a file git hands the merge driver.
        self.keeps_cache = False
        # The file as read and where its records sit, when it was read lazily: a
        # write then changes only the bytes of what changed (tracker.layout.splice).
        self.read_bytes: bytes | None = None
        self.spans: dict | None = None
        self.plain = False  # the file holds nothing the sanitiser changes (tracker.derived)

    @property
    def changes(self) -> list[dict]:
        """The changes collected so far (those of `log`)."""
        return self.log.changes

    @property
    def states(self) -> dict[str, list] | None:
        """Every pledge's current state by key (`derived.entry`), or None when not known."""
        if self.states_raw is not None:
            self._states, self.states_raw = derived.states(self.states_raw), None
        return self._states

    @states.setter
    def states(self, value: dict[str, list] | None) -> None:
        self._states, self.states_raw = value, None

    def _record_update(self, table: str, key: Any, before: dict, after: dict, *,
                       exact: bool = False) -> bool:
        """`ChangeLog.updated` on this store's log (the name older tests use)."""
        return self.log.updated(table, key, before, after, exact=exact)

    # -- reading -------------------------------------------------------------

    @property
    def meta(self) -> dict:
        return self._storage.data["meta"]["1"]

    def dialogues(self) -> list[dict]:
        return sorted(self._storage.data["dialogues"].values(), key=lambda d: (d["date"], d["id"]))

    def find_dialogue(self, dialogue_id: str) -> dict | None:
        return next(
            (d for d in self._storage.data["dialogues"].values() if d["id"] == dialogue_id), None
        )

    def dialogue(self, dialogue_id: str) -> dict:
        found = self.find_dialogue(dialogue_id)
        if found is None:
            known = ", ".join(d["id"] for d in self.dialogues()[:8]) or "none yet"
            raise NotFound(
                f"no dialogue with id {dialogue_id!r} (known: {known})",
                hint="see `tracker dialogue list`",
            )
        return found

    def pledges(self) -> list[dict]:
        """Every pledge, by id. The dicts are the stored ones: copy before changing."""
        return list(self._storage.data["pledges"].values())

    def pledge_rows(self, fields: set[str] | None = None) -> list[dict]:
        """Every pledge as `list` filters, sorts and prints it (`derived.ROW_KEYS`: no
        updates, the latest one's date instead), from the cache when it has the rows;
        else the stored pledges themselves, which have every field of a row. With
        `fields`, the rows hold those only (and "id"): see `pledge_rows_named`. For a
        reading command: they are the pledges as read."""
        key = frozenset(fields) if fields is not None else None
        if key not in self._rows:
            from tracker.layout import collector_paused

            with collector_paused():
                if self._rows_parsed is None and self.rows_raw is not None:
                    self._rows_parsed = derived.rows(self.rows_raw) or {}
                parsed = self._rows_parsed
                made = None
                if parsed:
                    made = derived.row_dicts(parsed) if key is None else \
                        derived.narrow_row_dicts(parsed, key)
            self._rows[key] = made if made is not None else self.pledges()
        return self._rows[key]

    def pledge_rows_named(self, ids: list[int]) -> list[dict]:
        """The whole rows of the pledges `ids`, in that order (the records themselves
        where the cache has no rows, or a row is not what the tracker writes)."""
        parsed = self._rows_parsed
        if parsed:
            try:
                made = derived.row_dicts({str(i): parsed[str(i)] for i in ids})
            except KeyError:
                made = None
            if made is not None:
                return made
        return self.pledges_named(ids)

    def pledges_as_written(self, ids: list[int]) -> list | None:
        """The pledges `ids` as the file writes them, for `jsonio.plain_json` to put into
        its output unparsed (a record sits at the same depth in an export as in the
        file); None unless the file is plain and every one can be taken as it is."""
        from tracker.jsonio import written
        from tracker.layout import LazyTable

        table = self._storage.data["pledges"]
        if not self.plain or not isinstance(table, LazyTable):
            return None
        found = []
        for pledge_id in ids:
            raw = table.raw(str(pledge_id))
            if raw is None:
                return None
            found.append(written(raw))
        return found

    def pledge_ids(self) -> list[int]:
        """Every pledge's id, in the table's order (a lazily read table parses none)."""
        return [int(key) for key in self._storage.data["pledges"]]

    def pledges_named(self, ids: list[int]) -> list[dict]:
        """The pledges `ids`, in that order: parsed one by one when they are few, with
        their whole table (one parse, three times cheaper a pledge) when they are many."""
        from tracker.layout import LazyTable

        table = self._storage.data["pledges"]
        if isinstance(table, LazyTable) and len(ids) * 3 > len(table):
            table.materialize()
        return [self.pledge(pledge_id) for pledge_id in ids]

    def find_pledge(self, pledge_id: int) -> dict | None:
        return self._storage.data["pledges"].get(str(pledge_id))

    def pledge(self, pledge_id: int) -> dict:
        found = self.find_pledge(pledge_id)
        if found is None:
            raise NotFound(f"no pledge with id {pledge_id}", hint="see `tracker list`")
        return found

    def history(self) -> list[dict]:
        return list(self._storage.data["history"].values())

    # -- dialogues: one write path ------------------------------------------

    def add_dialogue(self, dialogue: dict) -> None:
        table = self._storage.data["dialogues"]
        # TinyDB's next document id: one above the highest, as its insert gives.
        doc_id = max(map(int, table), default=0) + 1
        table[str(doc_id)] = dialogue
        self.log.added("dialogues", dialogue["id"])

    def _dialogue_key(self, dialogue_id: str) -> str:
        for key, record in self._storage.data["dialogues"].items():
            if record["id"] == dialogue_id:
                return key
        raise NotFound(f"no dialogue with id {dialogue_id!r}")

    def update_dialogue(self, current_id: str, dialogue: dict, *, exact: bool = False
                        ) -> bool:
        """Change the dialogue now called `current_id` (its id may change); False if no change.

        Fields `dialogue` lacks are kept, or with `exact` dropped.
        """
        key = self._dialogue_key(current_id)
        before = self._storage.data["dialogues"][key]
        if not self.log.updated("dialogues", current_id, before, dialogue, exact=exact):
            return False
        if exact:
            self._storage.data["dialogues"][key] = dialogue
        else:
            before.update(dialogue)
        return True

    def replace_dialogue(self, old_id: str, dialogue: dict) -> bool:
        return self.update_dialogue(old_id, dialogue)

    def put_dialogue(self, current_id: str, dialogue: dict) -> bool:
        """Replace a dialogue by exactly `dialogue` (its id may change), in place."""
        return self.update_dialogue(current_id, dialogue, exact=True)

    def remove_dialogue(self, dialogue_id: str) -> None:
        key = self._dialogue_key(dialogue_id)
        before = self._storage.data["dialogues"].pop(key)
        self.log.removed("dialogues", dialogue_id, before)

    # -- pledges: one id allocator, one write path --------------------------

    def next_pledge_id(self) -> int:
        return self.meta["next_pledge_id"]

    def id_is_free(self, wanted: object) -> bool:
        """True for an id never given out: an import may keep it."""
        return (type(wanted) is int and wanted >= self._first_unused_id
                and str(wanted) not in self._storage.data["pledges"])

    def _allocate_id(self, wanted: object, *, keep: bool) -> int:
        """The id a new pledge gets: `wanted` when `keep` and it is free, else the next one.

        The counter then stands above the id given, so it is never given again.
        """
        given = wanted if keep and self.id_is_free(wanted) else self.meta["next_pledge_id"]
        assert isinstance(given, int)
        self.meta["next_pledge_id"] = max(self.meta["next_pledge_id"], given + 1)
        return given

    def add_pledges(self, pledges: list[dict], *, keep_ids: bool = True) -> list[int]:
        """Store new pledges, each under its own `id` when free (and `keep_ids`), else a new one.

        The dicts themselves are stored, their `id` set. TinyDB rewrites its whole
        table on every insert, which makes adding 10,000 pledges one by one
        quadratic; the table is a dict here, so a batch goes straight into it.
        """
        table = self._storage.data["pledges"]
        highest_before = max(map(int, table), default=0)
        given = []
        for pledge in pledges:
            pledge["id"] = self._allocate_id(pledge.get("id"), keep=keep_ids)
            table[str(pledge["id"])] = pledge
            self.log.added("pledges", pledge["id"])
            given.append(pledge["id"])
        self._keep_pledges_in_id_order(given, highest_before)
        return given

    def add_pledge(self, pledge: dict, *, keep_id: bool = False) -> int:
        """Store one new pledge under a fresh id (or its own, if `keep_id` and free)."""
        return self.add_pledges([pledge], keep_ids=keep_id)[0]

    def restore_pledge(self, pledge: dict) -> None:
        """Bring back a removed pledge exactly as it was: same id, uuid and fields."""
        if self.find_pledge(pledge["id"]) is not None:
            raise DatabaseError(f"pledge {pledge['id']} exists already; cannot restore it")
        table = self._storage.data["pledges"]
        highest_before = max(map(int, table), default=0)
        self.meta["next_pledge_id"] = max(self.meta["next_pledge_id"], pledge["id"] + 1)
        table[str(pledge["id"])] = pledge
        self.log.added("pledges", pledge["id"])
        self._keep_pledges_in_id_order([pledge["id"]], highest_before)

    def _keep_pledges_in_id_order(self, added: list[int], highest_before: int) -> None:
        """Pledges stay in id order in the file (and so in exports), wherever one is added.

        An import that keeps a low free id, or an undo that brings back a removed
        pledge, would otherwise append it at the end, and undo/redo would not give
        back the same export byte for byte.
        """
        if not added or (added[0] > highest_before and added == sorted(added)):
            return  # the usual case: new ids, above every other
        table = self._storage.data["pledges"]
        self._storage.data["pledges"] = dict(sorted(table.items(), key=lambda i: int(i[0])))

    def update_pledge(self, pledge: dict, *, exact: bool = False) -> bool:
        """Change the stored pledge with `pledge["id"]`; False when nothing changed.

        Fields `pledge` lacks are kept, or with `exact` dropped. Either way the
        change happens in place (TinyDB's upsert copies the whole table first:
        `mark` of many ids at 100,000 pledges spent seconds there).
        """
        before = self.pledge(pledge["id"])
        if not self.log.updated("pledges", pledge["id"], before, pledge, exact=exact):
            return False
        if exact:
            self._storage.data["pledges"][str(pledge["id"])] = pledge
        else:
            before.update(pledge)
        return True

    def replace_pledge(self, pledge: dict) -> bool:
        return self.update_pledge(pledge)

    def put_pledge(self, pledge: dict) -> bool:
        """Replace a pledge by exactly `pledge` (fields it lacks are dropped), in place."""
        return self.update_pledge(pledge, exact=True)

    def replace_pledges(self, pledges: list[dict]) -> int:
        """`update_pledge` for many pledges; how many changed."""
        return sum(self.update_pledge(pledge) for pledge in pledges)

    def remove_pledge(self, pledge_id: int) -> None:
        before = self.pledge(pledge_id)
        del self._storage.data["pledges"][str(pledge_id)]  # TinyDB's remove(doc_ids), in O(1)
        self.log.removed("pledges", pledge_id, before)

    def commit(self) -> int | None:
        """Write every collected change atomically, with one change-log entry; its id or None."""
        if not self.log:
            return None
        change_id = self.meta["next_change_id"]
        self.meta["next_change_id"] = change_id + 1
        bad_counter = check_counters(self.meta)
        if bad_counter:  # what is written must read back (`check_shape`)
            raise DatabaseError(f"{self.path}: {bad_counter} would pass its limit "
                                f"({ID_LIMIT - 1}); nothing was changed")
        entry = self.log.entry(change_id, self.command, self.undoes)
        history = self._storage.data["history"]
        if str(change_id) in history:  # what TinyDB's insert refuses too
            raise DatabaseError(f"{self.path}: change {change_id} is in the change log "
                                "already (meta → 1 → next_change_id edited by hand?); "
                                "nothing was changed")
        # TinyDB's insert of Document(entry, doc_id=change_id), without it copying the
        # whole change log first (a lazily read one is not even parsed: tracker.layout).
        history[str(change_id)] = entry
        changed = {str(change["key"]) for change in self.log.changes
                   if change["table"] == "pledges"}
        try:
            if self.upgraded_from is not None:
                self._back_up_old_file()
            content, spans, plain = self._new_content()
            written = write_atomically(self.path, content)
        except OSError as error:
            reason = error.strerror or str(error)
            if error.errno == errno.ENOSPC:
                reason = "the disk is full"
            raise DatabaseError(
                f"cannot write {self.path}: {reason}; nothing was changed",
                hint="free some space or check the folder's permissions",
            ) from None
        self.log.clear()
        self.upgraded_from = None
        self.read_bytes = None
        self.plain = plain
        self._write_cache(written, content, changed, spans)
        return change_id

    def _new_content(self) -> tuple[bytes | list, dict | None, bool]:
        """The file's new bytes, where its records sit if that is known already, and
        whether they are plain (nothing the sanitiser changes, no float json writes).

        A lazily read file gets only the bytes of what changed replaced or appended
        (tracker.layout.splice); anything else is encoded whole.
        """
        from tracker.layout import LazyTable, splice

        data = self._storage.data
        if self.read_bytes is not None and self.spans is not None \
                and self.upgraded_from is None:
            spliced = splice(self.read_bytes, self.spans, data)
            if spliced is not None:
                if os.environ.get("TRACKER_DEBUG"):  # the test suite: prove it every time
                    self._check_splice(*spliced)
                pieces, spans = spliced
                # The new pieces are bytes (orjson's, no float json writes otherwise);
                # the old ones are views into a file already known to be plain or not.
                plain = self.plain and all(is_plain(piece) for piece in pieces
                                           if isinstance(piece, bytes))
                return pieces, spans, plain
        for name, table in data.items():
            if isinstance(table, LazyTable):
                data[name] = table.materialize()
        from tracker.jsonio import fast_pretty_json

        fast = None if _stdlib_only else fast_pretty_json(data)
        if fast is None:
            return encode(data), None, False  # written by json: no spans, no splicing
        if not self.keeps_cache or not derived.enabled():
            return fast, None, False
        from tracker.layout import spans_of

        return fast, spans_of(fast), is_plain(fast)

    def _check_splice(self, content: bytes | list, spans: dict) -> None:
        """The spliced bytes are the whole database encoded, and their spans are right."""
        from tracker.layout import LazyTable, spans_of

        assert self.read_bytes is not None
        expected = _orjson.loads(self.read_bytes)
        for name, table in self._storage.data.items():
            if isinstance(table, LazyTable) and table.whole is not None:
                expected[name] = table.whole
            elif isinstance(table, LazyTable):
                expected[name].update(table.loaded)
                expected[name].update(table.added)
            else:
                expected[name] = table
        content = b"".join(content) if isinstance(content, list) else content
        if encode(expected) != content:
            raise AssertionError("a spliced write differs from the whole file encoded")
        if spans_of(content) != spans:
            raise AssertionError("a spliced write's spans differ from the file's")

    def _write_cache(self, written: os.stat_result, content: bytes | list, changed: set[str],
                     spans: dict | None) -> None:
        """The derived-state cache of the file just written: the changed pledges' states
        worked out again, the others carried over (`tracker.derived`)."""
        if not self.keeps_cache or not derived.enabled():
            self.states = self.rows_raw = None
            return
        pledges = self._storage.data["pledges"]
        # The cache's sections as read, their changed members replaced (never parsed whole).
        states = derived.carried_section(
            self.states_raw if self.states_raw is not None else self._states, pledges, changed)
        rows = derived.carried_section(self.rows_raw, pledges, changed, work_out=derived.row)
        self.states_raw, self.rows_raw = states, rows
        self._rows, self._rows_parsed = {}, None
        if os.environ.get("TRACKER_DEBUG"):  # the test suite: every write proves the carry-over
            for what, carried, fresh in (("state", states, derived.entries(pledges)),
                                         ("row", rows, derived.rows_of(pledges))):
                if list(fresh.items()) != list(_orjson.loads(carried).items()):
                    carried = _orjson.loads(carried)
                    wrong = sorted(k for k in fresh if fresh[k] != carried.get(k))[:5]
                    raise AssertionError(f"derived {what} carried over wrongly for pledges "
                                         f"{wrong or 'in another order'}")
        size = sum(map(len, content)) if isinstance(content, list) else len(content)
        if written.st_size == size:  # else someone changed the file meanwhile
            # Not settled: the next reader checks these bytes once (see tracker.derived).
            derived.write(self.path, derived.identity(written, content), states,
                          stat.S_IMODE(written.st_mode), spans, self.plain, rows)

    def _back_up_old_file(self) -> None:
        """Keep the file as it was before its first upgrade, beside it (`tracker.json.v1.bak`).

        An older backup under that name is never overwritten: a different one gets
        the next free number (`tracker.json.v1.2.bak`).
        """
        old = self.path.read_bytes()
        number = 1
        while True:
            suffix = f".v{self.upgraded_from}.bak" if number == 1 else \
                f".v{self.upgraded_from}.{number}.bak"
            backup = self.path.with_name(self.path.name + suffix)
            try:
                if backup.read_bytes() == old:
                    return
            except FileNotFoundError:
                break
            except OSError:
                pass  # a folder (or a file it cannot read) has that name: take the next
            number += 1
        write_atomically(backup, old)


def _load_current(path: Path) -> tuple[dict, int | None]:
    """The file's data in the current shape, upgraded in memory; and its older version, if any."""
    loaded, version = _read_current(path)
    return loaded.data, version


def _read_current(path: Path, *, lazy: bool = False, partial: bool = False
                  ) -> tuple[Loaded, int | None]:
    from tracker.migrations import MigrationError, upgrade

    loaded = read_file(path, lazy=lazy, partial=partial)
    version = loaded.data["meta"]["1"]["schema_version"]
    if version >= SCHEMA_VERSION:
        return loaded, None
    try:
        loaded.data = upgrade(loaded.data, version, SCHEMA_VERSION)
    except MigrationError as error:
        raise _broken(path, str(error)) from None
    check_shape(loaded.data, path)
    # A cache describes a current file only.
    loaded.states_raw = loaded.spans = loaded.raw = loaded.rows_raw = None
    loaded.canonical = False
    return loaded, version


def open_for_reading(path: Path, *, lazy: bool = False) -> Store:
    """The database as it is now; readers need no lock because writes are atomic renames.

    An older file is upgraded in memory only: reading never writes the database.
    A missing or stale cache of derived state is made again (`tracker.derived`).
    `lazy`: for a command that reads a few pledges (see `read_file`).
    """
    loaded, version = _read_current(path, lazy=lazy, partial=True)
    store = Store(path, loaded.data)
    store.states_raw, store.plain = loaded.states_raw, loaded.plain
    store.rows_raw = loaded.rows_raw
    if (loaded.states_raw is None and loaded.identity is not None and version is None
            and derived.enabled()):
        from tracker.jsonio import holds_no_tiny_float
        from tracker.layout import spans_of

        store.states = derived.entries(loaded.data["pledges"])
        raw, loaded.raw = loaded.raw, None
        spans = spans_of(raw) if raw is not None else None
        store.plain = raw is not None and holds_no_tiny_float(raw) and is_plain(raw)
        _refresh_cache(path, loaded.identity, derived.section(store.states), spans,
                       store.plain, derived.section(derived.rows_of(loaded.data["pledges"])),
                       settled=loaded.settled)
    elif (loaded.settled and not loaded.cache_settled and loaded.states_raw is not None
          and loaded.rows_raw is not None and loaded.identity is not None):
        # The bytes were checked against the cache and the file is settled: say so in
        # the cache, and the next reads need not check them (as git rewrites its index).
        _refresh_cache(path, loaded.identity, loaded.states_raw, loaded.spans, loaded.plain,
                       loaded.rows_raw, settled=True)
    return store


def _refresh_cache(path: Path, made_from: list[int], states: bytes,
                   spans: dict | None, plain: bool, rows: bytes, *, settled: bool) -> None:
    """A reader's cache, written only while the file is still the one it read, and only
    beside a database its user may write (a read-only one is someone's wish: hands off)."""
    if not derived.enabled():
        return
    try:
        info = os.stat(path)
    except OSError:
        return
    if not derived.same_file(info, made_from) or not os.access(path, os.W_OK) \
            or not info.st_mode & 0o222:
        return
    derived.write(path, made_from, states, stat.S_IMODE(info.st_mode), spans, plain, rows,
                  settled=settled)


def _real_path(path: Path) -> Path:
    """Write through a symlinked database to its target instead of replacing the link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextmanager
def _exclusive_lock(path: Path, timeout: float) -> Iterator[None]:
    """An exclusive inter-process lock on `<db>.lock`, waiting at most `timeout` seconds.

    The lock file is opened with O_NOFOLLOW and never truncated or written, so a
    symlink planted at its name cannot make the tracker clobber another file.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: filelock's native lock
        yield from _filelock(path, timeout)
        return
    lock_path = Path(str(path) + ".lock")
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags, NEW_FILE_MODE)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise DatabaseError(f"{lock_path} is a symbolic link; refusing to follow it, "
                                "nothing was changed",
                                hint="remove that link: the lock file is never a link") from None
        raise DatabaseError(f"cannot lock {path}: {error.strerror} ({lock_path}); "
                            "nothing was changed") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DatabaseError(f"{lock_path} is not a regular file; nothing was changed",
                                hint="remove it; the tracker creates its lock file itself")
        _share_lock_like_database(fd, info, path)
        _wait_for_lock(fcntl, fd, path, timeout)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _share_lock_like_database(fd: int, lock: os.stat_result, path: Path) -> None:
    """The lock file gets the database's group and mode, so a group sharing a 0660
    database can also take its lock (a 0600 lock file would shut them out)."""
    try:
        database = path.stat()
    except OSError:
        return  # a new database: 0600, as the database itself will be
    mode = stat.S_IMODE(database.st_mode) & 0o666
    with suppress(OSError):
        if lock.st_gid != database.st_gid:
            os.fchown(fd, -1, database.st_gid)
        if stat.S_IMODE(lock.st_mode) != mode:
            os.fchmod(fd, mode)


class _Deadline(Exception):
    """SIGALRM went off while a writer was queued for the lock."""


def _wait_for_lock(fcntl: Any, fd: int, path: Path, timeout: float) -> None:
    """Take the lock, queueing in the kernel with the other waiters, for at most `timeout` s.

    A blocking flock wakes waiters as soon as the lock is free, roughly in the
    order they came; polling with growing sleeps let newcomers overtake writers
    that had waited for longer (with 16 writers, half of them timed out). The
    deadline is a SIGALRM that interrupts the wait; where no alarm can be set
    (not the main thread, no SIGALRM) the old polling remains.
    """
    import signal
    import threading

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        if timeout <= 0:
            raise _locked(path, timeout) from None
    except OSError as error:
        raise DatabaseError(f"cannot lock {path}: {error.strerror}; nothing was changed") \
            from None
    if not hasattr(signal, "setitimer") or threading.current_thread() is not \
            threading.main_thread():
        _poll_for_lock(fcntl, fd, path, timeout)
        return

    def expire(signum: int, frame: Any) -> None:
        raise _Deadline

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        fcntl.flock(fd, fcntl.LOCK_EX)
        signal.setitimer(signal.ITIMER_REAL, 0)
    except _Deadline:
        raise _locked(path, timeout) from None
    except OSError as error:
        raise DatabaseError(f"cannot lock {path}: {error.strerror}; nothing was changed") \
            from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _poll_for_lock(fcntl: Any, fd: int, path: Path, timeout: float) -> None:
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _locked(path, timeout) from None
            time.sleep(min(0.01, remaining))


def _filelock(path: Path, timeout: float) -> Iterator[None]:
    from filelock import FileLock, Timeout

    lock = FileLock(str(path) + ".lock", timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise _locked(path, timeout) from None
    except OSError as error:
        raise DatabaseError(f"cannot lock {path}: {error.strerror}") from None
    try:
        yield
    finally:
        lock.release()


def _locked(path: Path, timeout: float) -> DatabaseError:
    return DatabaseError(
        f"{path} is locked by another tracker command (waited {timeout:g} s); "
        "nothing was changed",
        hint="try again, or raise TRACKER_LOCK_TIMEOUT",
    )


@contextmanager
def open_for_writing(path: Path, command: str, *, lazy: bool = False) -> Iterator[Store]:
    """Hold the database's lock for a whole read-modify-write; commit if no error.

    Everything that would make the write fail or go astray is refused first,
    before the lock or any file is touched. An older file is upgraded here, and
    written (with a backup of the old one) only when the command changes something.
    """
    timeout = _lock_timeout()
    if check_database_path(path):
        path = _real_path(path)
        _refuse_read_only(path)
    _ensure_folder(path)
    with _exclusive_lock(path, timeout):
        _remove_stale_temp_files(path)
        loaded, old_version = _read_current(path, lazy=lazy)
        store = Store(path, loaded.data)
        store.states_raw, store.plain = loaded.states_raw, loaded.plain
        store.rows_raw = loaded.rows_raw
        store.keeps_cache = True
        # A lazily read file is written back by splicing (tracker.layout) when it can be.
        store.read_bytes, store.spans = loaded.raw if lazy else None, loaded.spans
        store.command = command
        store.upgraded_from = old_version
        yield store
        store.commit()


def _refuse_read_only(path: Path) -> None:
    """A file its owner marked read-only stays as it is, whoever runs the tracker.

    The rename that replaces the file ignores the file's own mode, so without
    this check `chmod 444` would protect nothing (and root passes every access test).
    """
    mode = stat.S_IMODE(path.stat().st_mode)
    with suppress(OSError, AttributeError):
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            raise DatabaseError(f"cannot write {path}: {os.strerror(errno.EROFS)}; "
                                "nothing was changed",
                                hint="remount it read-write, or copy the database elsewhere")
    if not os.access(path, os.W_OK) or not mode & 0o222:
        raise DatabaseError(f"{path} is read-only (mode {mode:04o}); nothing was changed",
                            hint="make it writable (chmod u+w) to record changes; reading "
                                 "commands still work")


def _ensure_folder(path: Path) -> None:
    """Create the default data folder when missing; any other folder must exist already.

    A mistyped --db must not leave a trail of new folders behind it.
    """
    folder = path.parent
    if folder.is_dir():
        return
    from platformdirs import user_data_path

    if folder != user_data_path("pledge-tracker", appauthor=False):
        raise DatabaseError(f"the folder {folder} does not exist; nothing was changed",
                            hint="create it first, or give --db / TRACKER_DB a file in an "
                                 "existing folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(f"cannot create the folder {folder}: {error.strerror}") from None


def _remove_stale_temp_files(path: Path) -> None:
    """Delete temp files a killed writer of this database left behind (each a full copy).

    Only the lock holder writes temp files for this database, and it holds the
    lock now: any such file in the folder is left over from a writer that died
    between creating it and renaming it.
    """
    pattern = re.compile(r"\." + re.escape(path.name) + r"(\.v\d+(\.\d+)?\.bak|\.cache)?"
                         r"\.[A-Za-z0-9_]{8}\.tmp")
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            with suppress(OSError):
                os.unlink(entry.path)
