"""Where each record sits in the database file's bytes, and writes that touch only those.

The file is what `store.encode` writes: a top-level object of tables, each key on
a line indented two spaces, each record of a table on a line indented four
(`\\n    "12": {`). JSON strings hold no raw line break, so those two patterns
find every table and every record, and nothing else. `spans_of` lists them;
the cache beside the database (tracker/derived.py) keeps that list for the
very file it was made from.

With it, a command that needs a few pledges (`show`, `add`, `mark`, `edit`)
parses only those, the small tables (meta, dialogues) and nothing of the rest
(`LazyTable`), and its write replaces the bytes of the records it changed,
appends the ones it added and its change-log entry (`splice`): the same bytes,
byte for byte, that encoding the whole database would give — the test suite
checks that on every such write (TRACKER_DEBUG, `Store.commit`). Anything else
(a removal, a new dialogue, an order that must change) loads the whole table
and writes the whole file, as before.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager, suppress
from typing import Any

from tracker.jsonio import fast_pretty_json

_TABLE = re.compile(rb'\n  "([^"\\]+)": ')
_RECORD = re.compile(rb'\n    "([0-9]+)": ')
SPANNED = "pledges"  # the one table whose records are located one by one

Span = list  # [start, end) of a JSON value in the file's bytes


class FileBytes:
    """The bytes of an open file, read where they are sliced (`os.pread`), for a reading
    command that the cache lets read a few records: a listing reads none of the 19 MB.

    Only slices are offered (and `len`): what `LazyTable`, `parse` and the checks above
    use. A region read whole (`load`: a table about to be read record by record)
    serves the slices inside it. A file cut short meanwhile gives short slices, which
    the checks and the parser refuse: the command then fails cleanly, never crashes
    as a mapping of the file would.
    """

    def __init__(self, fd: int, size: int) -> None:
        self._fd, self._size = fd, size
        self._region: tuple[int, bytes] | None = None

    def __len__(self) -> int:
        return self._size

    def region(self, start: int, end: int) -> tuple[bytes, int]:
        """The bytes from `start` to `end`, read once and kept, and where they start."""
        if self._region is None or not (self._region[0] <= start
                                        and end <= self._region[0] + len(self._region[1])):
            self._region = (start, self._read(start, end))
        return self._region[1], self._region[0]

    def __getitem__(self, key: slice) -> bytes:
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("FileBytes takes slices only")
        start, stop, _ = key.indices(self._size)
        if self._region is not None:
            at, data = self._region
            if at <= start and stop <= at + len(data):
                return data[start - at:stop - at]
        return self._read(start, stop)

    def _read(self, start: int, stop: int) -> bytes:
        import os

        if stop <= start:
            return b""
        pieces, at = [], start
        while at < stop:
            piece = os.pread(self._fd, stop - at, at)
            if not piece:
                break
            pieces.append(piece)
            at += len(piece)
        return b"".join(pieces)

    def close(self) -> None:
        import os

        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __del__(self) -> None:
        with suppress(OSError):
            self.close()


def spans_of(content: bytes) -> dict | None:
    """Every table's value span, and each pledge record's; None if the bytes are not laid
    out as `store.encode` lays them out (a file formatted by hand)."""
    if not content.startswith(b"{\n") or not content.endswith(b"\n}\n"):
        return None
    starts = [(match.group(1).decode(), match.start(), match.end())
              for match in _TABLE.finditer(content)]
    tables: dict[str, Span] = {}
    for index, (name, _, value_start) in enumerate(starts):
        value_end = starts[index + 1][1] - 1 if index + 1 < len(starts) else len(content) - 3
        if content[value_end - 1:value_end] != b"}" or name in tables:
            return None
        if index + 1 < len(starts) and content[value_end:value_end + 1] != b",":
            return None
        tables[name] = [value_start, value_end]
    if SPANNED not in tables:
        return None
    start, end = tables[SPANNED]
    records: dict[str, Span] = {}
    found = [(match.group(1).decode(), match.start(), match.end())
             for match in _RECORD.finditer(content, start, end)]
    for index, (key, _, value_start) in enumerate(found):
        value_end = found[index + 1][1] - 1 if index + 1 < len(found) else end - 4
        records[key] = [value_start, value_end]
    if found and content[end - 4:end] != b"\n  }":
        return None
    top = 0
    if "history" in tables:
        start, end = tables["history"]
        top = max((int(match.group(1)) for match in _RECORD.finditer(content, start, end)),
                  default=0)
    return {"tables": tables, SPANNED: records, "history_top": top}


def sound(spans: Any) -> bool:
    """The shape `spans_of` gives (a damaged cache must not steer a read)."""
    try:
        tables, records = spans["tables"], spans[SPANNED]
        return (type(tables) is dict and type(records) is dict and SPANNED in tables
                and type(spans["history_top"]) is int
                and all(type(s) is int and type(e) is int and s <= e
                        for s, e in (*tables.values(), *records.values())))
    except (TypeError, KeyError, ValueError):
        return False


class NeedsWholeFile(Exception):
    """A value only the json module writes right: the whole file is encoded instead."""


def table_at(content: bytes, name: str, span: Span) -> bool:
    """Whether `span` is where the file gives the value of its table `name`."""
    return _value_at(content, b'\n  "%s": ' % name.encode(), span)


def record_at(content: bytes, key: str, span: Span) -> bool:
    """Whether `span` is where the file gives the value of the record `key` of a table."""
    return _value_at(content, b'\n    "%s": ' % key.encode(), span)


def _value_at(content: bytes, head: bytes, span: Span) -> bool:
    start, end = span
    return (start >= len(head) and end <= len(content)
            and content[start - len(head):start] == head
            and content[start:start + 1] == b"{" and content[end - 1:end] == b"}")


def indented(value: Any, depth: int) -> bytes:
    """`value` as `store.encode` writes it at `depth` (1: a table, 2: a record).

    Only orjson's output is spliced in: a file with spans is one orjson wrote
    (or that reads back byte for byte as orjson writes it), so pieces written by
    orjson agree with the rest of it.
    """
    fast = fast_pretty_json(value)
    if fast is None:
        raise NeedsWholeFile
    return fast[:-1].replace(b"\n", b"\n" + b"  " * depth)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Make many objects without the cyclic collector, then freeze them.

    A table read from the file is hundreds of thousands of dicts, none in a
    cycle, which the collector would walk again and again while they are made
    (at 100,000 pledges, 1.9 s instead of 0.6 s); once frozen, later collections
    skip them.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def parse(content: bytes, span: Span) -> Any:
    """The JSON value at `span` of the file (made with the collector paused)."""
    import orjson

    with collector_paused():
        return orjson.loads(content[span[0]:span[1]])


FEW_RECORDS = 16  # records read one by one from a file (FileBytes) before its table whole


class LazyTable(MutableMapping):
    """A table of the file whose records are parsed one at a time, when asked for.

    Keys come from the spans; a record is parsed on first access and kept (changes
    made to it in place are what a write saves). Going through every record
    (`values`, `items`), or removing one, parses the whole table once (`whole`)
    and from then on it is a plain dict inside.
    """

    def __init__(self, content: bytes, table: Span, records: dict[str, Span] | None,
                 top: int | None = None,
                 check: Callable[[str, Any], bool] | None = None) -> None:
        self._content = content
        self._table = table
        self._check = check  # what a record parsed from its span must be
        # Without record spans (the change log) only keys above `top`, the highest in
        # the file, are known to be new: those are appended unparsed; anything else
        # parses the whole table.
        self._spans = records
        self._top = top
        self.loaded: dict[str, Any] = {}  # parsed records of the file (changes in place)
        self.added: dict[str, Any] = {}  # records new to the file, in the order added
        self.whole: dict[str, Any] | None = None

    def _surely_new(self, key: object) -> bool:
        if self._spans is not None:
            return key not in self._spans
        return (self._top is not None and isinstance(key, str) and key.isdigit()
                and int(key) > self._top)

    # -- the whole table, when it is needed -------------------------------------------

    def materialize(self) -> dict[str, Any]:
        """The whole table as a dict, the records already parsed (and changed) kept."""
        if self.whole is None:
            try:
                whole = parse(self._content, self._table)
            except ValueError:  # orjson.JSONDecodeError: the span was checked, not its inside
                whole = None
            if type(whole) is not dict:
                from tracker.errors import DatabaseError

                raise DatabaseError("the database changed while it was read, or the cache "
                                    "beside it does not fit it; nothing was changed",
                                    hint="run the command again; if it fails again, delete "
                                    "the .cache file beside the database")
            whole.update(self.loaded)
            whole.update(self.added)
            self.whole = whole
        return self.whole

    @property
    def deferred(self) -> bool:
        """A small table (the dialogues) only parsed, whole, if a command reads it."""
        return self._spans is None and self._top is None

    @property
    def untouched_elsewhere(self) -> bool:
        """Whether a write may keep the rest of the table's bytes (nothing but the loaded
        records changed, and new ones were only appended)."""
        return self.whole is None

    def values(self):  # type: ignore[override]
        return self.materialize().values()

    def items(self):  # type: ignore[override]
        return self.materialize().items()

    # -- one record at a time ---------------------------------------------------------

    def raw(self, key: str) -> bytes | None:
        """The record's bytes in the file, as they are: None if it was read, changed or
        is new, or its span is not surely the whole record. A span is: it starts where
        the file names the record and ends on the `}` that the next record's name (or
        the table's end) follows, a newline and four spaces later, which no string holds.
        """
        if self.whole is not None or self._spans is None or key in self.loaded \
                or key in self.added or key not in self._spans:
            return None
        span, content = self._spans[key], self._content
        if isinstance(content, FileBytes):  # the whole table read once, not each record
            content, at = content.region(*self._table)
            span = (span[0] - at, span[1] - at)
        if not record_at(content, key, span):
            return None
        end = span[1]
        if content[end:end + 7] != b',\n    "' and content[end:end + 4] != b"\n  }":
            return None
        return content[span[0]:end]

    def __getitem__(self, key: str) -> Any:
        if self.whole is not None:
            return self.whole[key]
        if key in self.added:
            return self.added[key]
        if key in self.loaded:
            return self.loaded[key]
        if self._spans is None:
            return self.materialize()[key]
        span, content = self._spans[key], self._content  # KeyError: no such record
        if isinstance(content, FileBytes) and len(self.loaded) >= FEW_RECORDS:
            content, at = content.region(*self._table)  # many: the table in one read
            span = (span[0] - at, span[1] - at)
        record = None
        if record_at(content, key, span):
            try:
                record = parse(content, span)
            except ValueError:  # orjson.JSONDecodeError
                record = None
        if record is None or (self._check is not None and not self._check(key, record)):
            # The cache's place for it is not where the file has it: read the whole
            # table instead, and write the whole file (`untouched_elsewhere`).
            return self.materialize()[key]
        self.loaded[key] = record
        return record

    def __contains__(self, key: object) -> bool:
        if self.whole is not None:
            return key in self.whole
        if key in self.added or key in self.loaded:
            return True
        if self._surely_new(key):
            return False
        if self._spans is None:
            return key in self.materialize()
        return True

    def __setitem__(self, key: str, value: Any) -> None:
        if self.whole is not None:
            self.whole[key] = value
        elif key in self.added or self._surely_new(key):
            self.added[key] = value
        elif self._spans is not None:
            self.loaded[key] = value
        else:
            self.materialize()[key] = value

    def __delitem__(self, key: str) -> None:
        del self.materialize()[key]

    def __iter__(self) -> Iterator[str]:
        if self.whole is not None or self._spans is None:
            return iter(self.materialize())
        return iter([*self._spans, *self.added])

    def __len__(self) -> int:
        if self.whole is not None or self._spans is None:
            return len(self.materialize())
        return len(self._spans) + len(self.added)


def splice(content: bytes, spans: dict, data: dict) -> tuple[bytes, dict] | None:
    try:
        return _splice(content, spans, data)
    except NeedsWholeFile:
        return None


def _splice(content: bytes, spans: dict, data: dict) -> tuple[list, dict] | None:
    """The file's new bytes (and spans) when only what `data`'s lazy tables loaded or
    added changed, besides the small tables; None when the whole file must be written.

    The bytes come as pieces, views into the old bytes between new ones: written
    one after the other, a 19 MB file is never copied into a new one first.

    Meta and dialogues are written whole (they are small); each changed pledge
    replaces its own bytes; new pledges and change-log entries go at the end of
    their tables, where encoding the whole database would put them.
    """
    edits: list[tuple[int, int, bytes]] = []
    tables = spans["tables"]
    for name, table in data.items():
        span = tables.get(name)
        if span is None:
            return None
        if isinstance(table, LazyTable) and table.deferred:
            if table.whole is not None:  # read, perhaps changed: written whole
                edits.append((span[0], span[1], indented(table.whole, 1)))
        elif isinstance(table, LazyTable):
            if not table.untouched_elsewhere:
                return None
            if table.loaded:
                if name != SPANNED:
                    return None
                records = spans[SPANNED]
                for key, record in table.loaded.items():
                    start, end = records[key]
                    edits.append((start, end, indented(record, 2)))
            if table.added:
                if content[span[1] - 4:span[1]] != b"\n  }":
                    return None  # an empty table, `{}`: written whole
                chunk = b"".join(b',\n    "%s": %s' % (key.encode(), indented(record, 2))
                                 for key, record in table.added.items())
                edits.append((span[1] - 4, span[1] - 4, chunk))
        else:
            edits.append((span[0], span[1], indented(table, 1)))
    edits.sort(key=lambda edit: edit[0])
    old = memoryview(content)
    pieces, position = [], 0
    for start, end, replacement in edits:
        if start < position:
            return None  # overlapping edits: not a layout this knows
        pieces += [old[position:start], replacement]
        position = end
    pieces.append(old[position:])
    return pieces, _moved(spans, edits, data)


def _moved(spans: dict, edits: list[tuple[int, int, bytes]], data: dict) -> dict:
    """The spans of the new bytes: each old point shifted by the edits that end at or
    before it (edits are sorted and do not overlap, so their ends are sorted too),
    but not by bytes inserted at that very point."""
    ends = [end for _, end, _ in edits]
    shifts, total = [], 0
    for start, end, replacement in edits:
        total += len(replacement) - (end - start)
        shifts.append(total)

    def moved(point: int) -> int:
        index = bisect.bisect_right(ends, point)
        # Bytes inserted exactly at a point come after it (the end of the last record
        # is where new records are appended).
        while index and edits[index - 1][0] == edits[index - 1][1] == point:
            index -= 1
        return point + (shifts[index - 1] if index else 0)

    tables = {name: [moved(start), moved(end)] for name, (start, end) in spans["tables"].items()}
    # Nothing ends before the first edit that moves what follows it moves: an `add`
    # shifts no record at all, a `mark` only those after the one it changed.
    first = next((edits[i][1] for i, shift in enumerate(shifts) if shift), None)
    if first is None:
        records = dict(spans[SPANNED])
    else:
        records = {key: span if span[1] < first else [moved(span[0]), moved(span[1])]
                   for key, span in spans[SPANNED].items()}
    table = data.get(SPANNED)
    if isinstance(table, LazyTable) and table.added:
        insert_at = spans["tables"][SPANNED][1] - 4
        index = next(i for i, (start, end, _) in enumerate(edits)
                     if start == end == insert_at)
        position = insert_at + (shifts[index - 1] if index else 0)
        for key, record in table.added.items():
            position += len(b',\n    "%s": ' % key.encode())
            size = len(indented(record, 2))
            records[key] = [position, position + size]
            position += size
    top = spans["history_top"]
    history = data.get("history")
    if isinstance(history, LazyTable) and history.added:
        top = max(top, *(int(key) for key in history.added))
    return {"tables": tables, SPANNED: records, "history_top": top}
