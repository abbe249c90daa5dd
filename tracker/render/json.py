"""JSON and NDJSON output: field names of SPEC §2, UTF-8 letters kept as they are."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from tracker.jsonio import pretty_json


def to_json(value: Any) -> str:
    """Indented JSON: the same bytes as the database file's writer, and as fast."""
    return pretty_json(value).decode("utf-8")


def to_ndjson(records: Iterable[Any]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
