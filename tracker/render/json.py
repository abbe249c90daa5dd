"""JSON and NDJSON output: field names of SPEC §2, UTF-8 letters kept as they are."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def to_ndjson(records: Iterable[Any]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
