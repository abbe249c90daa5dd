"""Pretty JSON bytes, fast: the one writer behind the database file and JSON output.

Always exactly `json.dumps(value, ensure_ascii=False, indent=2)` plus a newline:
orjson writes the same bytes 20× faster for everything the tracker stores
(tests/test_bench.py checks it), except floats below 1e-4, which it writes as
0.00001 where json writes 1e-05 — a hand-edited file could hold one, so output
that may contain one is written by json instead.
"""

from __future__ import annotations

import re
from typing import Any

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; json still works
    _orjson = None


def pretty_json(value: Any, *, stdlib_only: bool = False) -> bytes:
    """`value` as indented UTF-8 JSON bytes ending in a newline."""
    fast = None if stdlib_only else fast_pretty_json(value)
    if fast is not None:
        return fast
    import json  # only where orjson cannot write it right

    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def plain_json(value: Any) -> bytes:
    """`pretty_json` of values read from a file known to be plain (tracker/derived.py):
    no float there needs the json module, so orjson's bytes are taken unscanned."""
    if _orjson is None:
        return pretty_json(value)
    try:
        return _orjson.dumps(value, option=_orjson.OPT_INDENT_2 | _orjson.OPT_APPEND_NEWLINE)
    except (_orjson.JSONEncodeError, TypeError):
        return pretty_json(value)


def written(record: bytes) -> Any:
    """JSON bytes `plain_json` puts into its output as they are: a record taken from a
    plain file at the depth it has there (an exported pledge: `Store.pledges_as_written`)."""
    return _orjson.Fragment(record)


def holds_no_tiny_float(text: bytes) -> bool:
    """Whether orjson's bytes `text` surely hold no float that json writes otherwise."""
    return not _may_hold_tiny_float(text)


def fast_pretty_json(value: Any) -> bytes | None:
    """`pretty_json` by orjson, or None where only the json module writes it right."""
    if _orjson is None:
        return None
    try:
        fast = _orjson.dumps(value, option=_orjson.OPT_INDENT_2 | _orjson.OPT_APPEND_NEWLINE)
    except (_orjson.JSONEncodeError, TypeError):
        return None  # e.g. an integer beyond 64 bits: json writes it
    return None if _may_hold_tiny_float(fast) else fast  # the newline is orjson's: no copy


_NUMBER_CHARS = frozenset(b"0123456789.-+eE")
# What orjson writes for a float below 1e-4, as the end of a token in indented output:
# `1e-7,` or `0.00001` then a comma or a line break. Text inside a string can match
# too ("…people-2,…"); the token's start is looked at below. Two expressions, each
# starting with a literal (one with an alternation would try every byte).
_CANDIDATES = (re.compile(rb"e-[0-9]+[,\n]"), re.compile(rb"0\.0000[0-9]*[,\n]"))


def _may_hold_tiny_float(text: bytes) -> bool:
    """True if a JSON number (not text inside a string) in `text` could be a float below 1e-4.

    orjson writes those as `1e-7` or `0.00001` (never `E`), so each place that
    ends like one is looked at: it is a number if its token stands alone on an
    array line or after `": `. Text inside a string can look the same ("…1e-5
    ppm…"); such a false alarm only costs the slower json writer. Regular
    expressions starting with a literal scan 15 MB in about 15 ms each; looking at
    every `e-` from Python took 40 ms (each UUID and "people-to-people" has one).
    """
    for candidate in _CANDIDATES:
        for match in candidate.finditer(text):
            if _stands_alone(text, match.start()):
                return True
    return False


class DuplicateKey(ValueError):
    """One JSON object names the same key twice; json and orjson would keep the last."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return record


def loads_strict(text: str) -> Any:
    """`json.loads` that refuses a key given twice in one object (raises DuplicateKey).

    A hand-resolved merge conflict easily leaves two `"pledges": {…}`; json would
    silently keep the second and drop the first. Deep nesting raises RecursionError.
    """
    import json

    return json.loads(text, object_pairs_hook=_refuse_duplicates)


def is_canonical(value: Any, raw: bytes) -> bool:
    """Whether `raw` is exactly what `pretty_json` writes for `value` (orjson only).

    A file the tracker wrote comes back byte for byte; one where a parser dropped
    a duplicate key (or that someone reformatted) does not, and is then read again
    by `loads_strict`. Cheaper than it sounds: orjson writes 150 MB in well under
    a second, about a seventh of the time it takes to read it.
    """
    if _orjson is None:
        return False
    try:
        return _orjson.dumps(value, option=_orjson.OPT_INDENT_2
                             | _orjson.OPT_APPEND_NEWLINE) == raw
    except (_orjson.JSONEncodeError, TypeError):
        return False


def _stands_alone(text: bytes, start: int) -> bool:
    """Whether the number-like bytes around `start` are a JSON value, not part of a string."""
    while start > 0 and text[start - 1] in _NUMBER_CHARS:
        start -= 1
    if text[start - 3:start] == b'": ':
        return True
    before = start - 1
    while before >= 0 and text[before] == 0x20:  # an array item's indentation
        before -= 1
    return before < start - 1 and (before < 0 or text[before] == 0x0A)
