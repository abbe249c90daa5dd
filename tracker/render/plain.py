"""Line-oriented output for pipes and spreadsheets: TSV, CSV and bare ids."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_cell(value: object) -> str:
    """One TSV cell: tabs and newlines escaped so that one record stays one line."""
    return cell_text(value).translate(_TSV_ESCAPES)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(cell_text(item) for item in value)
    return str(value)


def to_tsv(rows: Iterable[Sequence[object]], header: Sequence[str] | None = None) -> str:
    lines = [] if header is None else ["\t".join(header)]
    lines.extend("\t".join(tsv_cell(value) for value in row) for row in rows)
    return "".join(line + "\n" for line in lines)


# A spreadsheet runs a cell that starts with one of these as a formula (CSV
# injection): `=HYPERLINK(...)` in a pledge's note must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def csv_cell(value: object) -> str:
    """One CSV cell; text a spreadsheet would run as a formula gets a leading `'` (OWASP).

    Text that already starts with `'` before such a character gets one too, so that
    `csv_text` can undo exactly what this did and a CSV round trip loses nothing.
    """
    text = cell_text(value)
    if (text.startswith(FORMULA_STARTS) and not _is_number(text)) or _escaped(text):
        return "'" + text
    return text


def _escaped(text: str) -> bool:
    return len(text) > 1 and text[0] == "'" and text[1:].startswith((*FORMULA_STARTS, "'"))


def csv_text(cell: str) -> str:
    """A cell as `csv_cell` wrote it, back to the text it came from."""
    return cell[1:] if _escaped(cell) else cell


def _is_number(text: str) -> bool:
    """-1 or +2.5 are values, not formulas (a score can be negative): keep them numbers."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def to_csv(rows: Iterable[Sequence[object]], header: Sequence[str] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header is not None:
        writer.writerow([csv_cell(name) for name in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def to_ids(ids: Iterable[object]) -> str:
    return "".join(f"{value}\n" for value in ids)
