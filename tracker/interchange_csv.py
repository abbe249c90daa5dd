"""Pledges as spreadsheet rows: the CSV export and the CSV import (matched, merged, checked).

One row is one pledge. Lists (`by`, `tags`, `parties`) are written `China; Kazakhstan`.
The update log does not fit in a row, so the export summarises it (count, last date,
last note) and the import ignores those summary columns; a changed `status` or
`progress` on a pledge that exists already is recorded as a new dated update, so the
evidence log keeps saying when and how the status changed.

Rows without a `uuid` (a colleague's spreadsheet) are matched to stored pledges by
dialogue and text, so importing an edited spreadsheet again updates its pledges
instead of duplicating them.
"""

from __future__ import annotations

import copy
import csv
import io
import re
from collections import Counter
from typing import Any

from tracker.dates import now_timestamp, parse_date, today
from tracker.errors import InvalidValue
from tracker.interchange import ParsedRecords, check_uuid
from tracker.model import (
    check_progress,
    check_status,
    fold,
    resolve_mark,
    validate_dialogue,
    validate_pledge,
)
from tracker.render.plain import csv_text
from tracker.store import Store

MAX_COLUMNS_NAMED = 5  # unknown columns a warning names before counting the rest

# The export's columns, in order. The import reads every one of them except the
# summary columns in SUMMARY_COLUMNS; only `dialogue` and `text` are required.
CSV_COLUMNS = (
    "id", "uuid", "dialogue", "text", "quote", "by", "area", "framework", "tags", "due",
    "verifiable", "status", "progress", "update_count", "last_update_date",
    "last_update_note", "created", "updated", "dialogue_title", "dialogue_date",
    "dialogue_place", "parties", "target", "unit",
)
SUMMARY_COLUMNS = ("update_count", "last_update_date", "last_update_note")
REQUIRED_COLUMNS = ("dialogue", "text")
LIST_SEPARATOR = ";"
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def _joined(values: list[str] | None) -> str:
    return f"{LIST_SEPARATOR} ".join(values or [])


def export_rows(document: dict) -> list[list[object]]:
    """One row per pledge of an export document, in CSV_COLUMNS order."""
    dialogues = {dialogue["id"]: dialogue for dialogue in document["dialogues"]}
    rows = []
    for pledge in document["pledges"]:
        dialogue = dialogues.get(pledge["dialogue"], {})
        last = pledge["updates"][-1] if pledge["updates"] else {}
        rows.append([
            pledge["id"], pledge["uuid"], pledge["dialogue"], pledge["text"], pledge["quote"],
            _joined(pledge["by"]), pledge["area"], pledge["framework"], _joined(pledge["tags"]),
            pledge["due"], pledge["verifiable"], pledge["status"], pledge["progress"],
            len(pledge["updates"]), last.get("date"), last.get("note"), pledge["created"],
            pledge["updated"], dialogue.get("title"), dialogue.get("date"),
            dialogue.get("place"), _joined(dialogue.get("parties")),
            pledge.get("target"), pledge.get("unit"),
        ])
    return rows


def _column_name(header: str) -> str:
    """`Dialogue Date ` and `dialogue-date` both name the `dialogue_date` column."""
    return re.sub(r"[\s-]+", "_", header.strip().lstrip("\ufeff").lower())


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def _text_key(dialogue_id: str, text: str) -> tuple[str, str]:
    """How a row without a uuid finds its pledge: same dialogue, same text (any case/accents)."""
    return dialogue_id, " ".join(fold(text).split())


class _RowError(Exception):
    """What is wrong with one row: (column or None, message) for each problem found."""

    def __init__(self, column: str | None, message: str) -> None:
        super().__init__(message)
        self.problems = [(column, message)]


def _cell_value(column: str, text: str) -> Any:
    """A cell's text as the value the pledge field holds (None for an empty optional cell)."""
    text = csv_text(text)  # undo the export's formula guard: `'=x` was `=x`
    try:
        if column in ("by", "tags"):
            return _split_list(text)
        if not text.strip():
            return None
        if column == "due":
            return parse_date(text.strip(), deadline=True).isoformat()
        if column == "verifiable":
            word = text.strip().lower()
            if word in _TRUE or word in _FALSE:
                return word in _TRUE
            raise InvalidValue(f"expected true or false, got {text.strip()!r}")
        if column == "status":
            return check_status(text)
        if column == "progress":
            return check_progress(text)
        if column == "id":
            if not (text.strip().isascii() and text.strip().isdigit()) or int(text) < 1:
                raise InvalidValue(f"expected a whole number from 1, got {text.strip()!r}")
            return int(text)
        return text
    except InvalidValue as error:
        raise _RowError(column, error.message) from None


def _cells(values: dict[str, str]) -> dict[str, Any]:
    """Every readable cell of a row as a field value; all bad cells reported together."""
    cells: dict[str, Any] = {}
    failure: _RowError | None = None
    for column, text in values.items():
        if column not in CSV_COLUMNS or column in SUMMARY_COLUMNS:
            continue
        try:
            cells[column] = _cell_value(column, text)
        except _RowError as error:
            if failure is None:
                failure = error
            else:
                failure.problems.extend(error.problems)
    if failure is not None:
        raise failure
    return cells


def read_csv(text: str, store: Store, source: str) -> tuple[None, ParsedRecords]:
    """The `import` reader of CSV: its rows as records, each labelled by its row."""
    return None, parse_csv(text, store, source)


def parse_csv(text: str, store: Store, source: str) -> ParsedRecords:
    """Read a CSV of pledges against the store: rows become full, merged pledge records.

    Errors name the spreadsheet row (the header is row 1) and the column.
    """
    parsed = ParsedRecords()
    text = text.lstrip("\ufeff")
    # A spreadsheet set to a European locale saves CSV with semicolons: read its header
    # to tell (a comma-separated header has no semicolon outside a quoted name).
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # strict: a quote opened and never closed is an error, not every later row swallowed
    # into one cell.
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    header: list[str] | None = None
    try:
        header = next(reader, None)
        if header is None:
            parsed.errors.append(f"{source}: the CSV is empty (expected a header row with at "
                                 f"least: {', '.join(REQUIRED_COLUMNS)})")
            return parsed
        columns = [_column_name(name) for name in header]
        repeated = sorted(name for name, count in Counter(columns).items() if name and count > 1)
        if repeated:
            parsed.errors.append(f"row 1: the column{'s' if len(repeated) > 1 else ''} "
                                 f"{', '.join(repeated)} "
                                 f"appear{'' if len(repeated) > 1 else 's'} twice; which one "
                                 "holds the values?")
            return parsed
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        if missing:
            parsed.errors.append(f"row 1: missing column{'s' if len(missing) > 1 else ''} "
                                 f"{', '.join(missing)} (the header has: {', '.join(header)})")
            return parsed
        unknown = [name for name in header if _column_name(name) not in CSV_COLUMNS]
        if unknown:
            # A sheet with a million stray columns gets one line, not a 9 MB warning.
            named = ", ".join(name[:40] for name in unknown[:MAX_COLUMNS_NAMED])
            more = len(unknown) - MAX_COLUMNS_NAMED
            parsed.warnings.append(f"ignoring unknown column{'s' if len(unknown) > 1 else ''}: "
                                   f"{named}" + (f" and {more} more" if more > 0 else ""))
        for row in reader:
            rows.append(row)
    except csv.Error as error:
        if "end of data" in str(error):  # the row being read when the file ended
            opened = len(rows) + 2 if header is not None else 1
            parsed.errors.append(f"row {opened}: a quoted cell opens here and is never "
                                 "closed (a missing \")")
        else:
            parsed.errors.append(f"{source}: not readable as CSV (line {reader.line_num}): "
                                 f"{error}")
        return parsed
    _RowReader(store, columns, source, parsed).read(rows)
    return parsed


class _RowReader:
    """Turns rows into pledges, remembering what earlier rows matched or created."""

    def __init__(self, store: Store, columns: list[str], source: str,
                 parsed: ParsedRecords) -> None:
        self.columns = columns
        self.source = source
        self.parsed = parsed
        self.stamp = now_timestamp()
        self.today = today().isoformat()
        self.dialogues = {dialogue["id"]: dialogue for dialogue in store.dialogues()}
        self.by_uuid = {pledge["uuid"]: pledge for pledge in store.pledges()}
        self.by_text: dict[tuple[str, str], list[dict]] = {}
        for pledge in store.pledges():
            self.by_text.setdefault(_text_key(pledge["dialogue"], pledge["text"]),
                                    []).append(pledge)
        self.claimed: dict[str, int] = {}  # uuid or text key → the row that took it
        self.stored_dialogues = set(self.dialogues)  # not yet named by a row

    def read(self, rows: list[list[str]]) -> None:
        for number, cells in enumerate(rows, 2):
            if not any(cell.strip() for cell in cells):
                continue  # spreadsheets leave blank rows; they mean nothing
            try:
                if len(cells) > len(self.columns):
                    raise _RowError(None, f"{len(cells)} cells but the header has "
                                          f"{len(self.columns)} columns")
                values = dict(zip(self.columns, cells, strict=False))
                pledge = self.pledge_from(values, number)
            except _RowError as error:
                for column, message in error.problems:
                    where = f"row {number}" + (f", {column}" if column else "")
                    self.parsed.errors.append(f"{where}: {message}")
                continue
            self.parsed.pledges.append(pledge)
            self.parsed.pledge_labels.append(f"row {number}")

    def dialogue_for(self, values: dict[str, str], number: int) -> dict:
        dialogue_id = values.get("dialogue", "").strip()
        if not dialogue_id:
            raise _RowError("dialogue", "empty; every row needs its dialogue's id")
        day, parties = values.get("dialogue_date", ""), values.get("parties", "")
        if dialogue_id in self.stored_dialogues and day.strip() and parties.strip():
            # A row that carries its dialogue (as an export's rows do) counts it once, as
            # unchanged, as a JSON export's copy of it counts: the dialogue columns can
            # create a dialogue but never change a stored one.
            self.stored_dialogues.discard(dialogue_id)
            self.parsed.dialogues.append(copy.deepcopy(self.dialogues[dialogue_id]))
            self.parsed.dialogue_labels.append(f"row {number}")
        if dialogue_id in self.dialogues:
            return self.dialogues[dialogue_id]
        if not (day.strip() and parties.strip()):
            raise _RowError("dialogue", f"unknown dialogue {dialogue_id!r}: add it with "
                            "`tracker dialogue add`, or fill the dialogue_date and parties "
                            "columns so the import creates it")
        try:
            record = {"id": dialogue_id,
                      "title": values.get("dialogue_title", "").strip() or dialogue_id,
                      "date": parse_date(day.strip()).isoformat(),
                      "place": values.get("dialogue_place") or None,
                      "parties": _split_list(parties)}
            dialogue = validate_dialogue(record)
        except InvalidValue as error:
            raise _RowError("dialogue", f"cannot create dialogue {dialogue_id!r}: "
                            f"{error.message}") from None
        dialogue["created"] = dialogue["updated"] = self.stamp
        self.dialogues[dialogue_id] = dialogue
        self.parsed.dialogues.append(dialogue)
        self.parsed.dialogue_labels.append(f"row {number}")
        return dialogue

    def existing_pledge(self, values: dict[str, str], dialogue: dict, number: int
                        ) -> tuple[dict | None, str]:
        """The stored pledge this row updates (None: a new one) and the key that found it."""
        uuid = values.get("uuid", "").strip()
        if uuid:
            try:
                uuid = check_uuid(uuid)
            except InvalidValue as error:
                raise _RowError("uuid", error.message) from None
            return self.by_uuid.get(uuid), uuid
        text = values.get("text", "")
        key = _text_key(dialogue["id"], text)
        matches = self.by_text.get(key, [])
        if len(matches) > 1:
            raise _RowError("text", "matches several pledges of "
                            f"{dialogue['id']} (ids {', '.join(str(p['id']) for p in matches)}); "
                            "add a uuid column to say which")
        return (matches[0] if matches else None), f"{key[0]}\n{key[1]}"

    def pledge_from(self, values: dict[str, str], number: int) -> dict:
        dialogue = self.dialogue_for(values, number)
        existing, key = self.existing_pledge(values, dialogue, number)
        # A row edited to a new text keeps matching by uuid; guard both keys.
        for claim in {key, existing["uuid"] if existing else key}:
            if claim in self.claimed:
                raise _RowError(None, f"the same pledge as row {self.claimed[claim]}")
            self.claimed[claim] = number
        cells = _cells(values)
        record = copy.deepcopy(existing) if existing is not None else {}
        record["dialogue"] = dialogue["id"]
        for column in ("text", "quote", "by", "area", "framework", "tags", "due", "target",
                       "unit"):
            if column in cells:
                record[column] = cells[column]
        if cells.get("verifiable") is not None:
            record["verifiable"] = cells["verifiable"]
        status, progress = cells.get("status"), cells.get("progress")
        try:
            if existing is None:
                record["uuid"] = key if values.get("uuid", "").strip() else None
                record["id"] = cells.get("id")
                for stamp in ("created", "updated"):
                    record[stamp] = values.get(stamp, "").strip() or None
                record["status"], record["progress"] = resolve_mark("pledged", status,
                                                                    progress, 0)
                record["updates"] = []
            else:
                self.log_status_change(record, existing, status, progress)
                record["updated"] = self.stamp
            return validate_pledge(record, dialogue)
        except InvalidValue as error:
            raise _RowError(_field_named(error.message), error.message) from None

    def log_status_change(self, record: dict, existing: dict, status: str | None,
                          progress: int | None) -> None:
        """A new status or progress in the sheet becomes a dated update in the log."""
        if (status in (None, existing["status"])
                and progress in (None, existing["progress"])):
            return
        from tracker.actions import with_update

        logged, _ = with_update(record, day=self.today, status=status, progress=progress,
                                note=f"set by import of {self.source}", stamp=self.stamp)
        record["updates"] = logged["updates"]


def _field_named(message: str) -> str | None:
    """The column a model error is about, when its message starts by naming one."""
    first = message.split(" ", 1)[0]
    return first if first in CSV_COLUMNS else None
