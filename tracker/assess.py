"""Assessment rounds from a score sheet: read it, check every cell, plan the updates. Pure.

An analyst keeps a round the way the G7/G20 Research Group does: one row per
pledge, one column per party, −1/0/+1 in each cell (the *wide* sheet), or
one row per cell, `pledge,party,score[,note,evidence]` (the *long* sheet).
`read_sheet` turns either into cells; `plan_assessment` checks them all
against the dialogue's pledges and says what to record, with every problem
named by its row and column, so that nothing is written unless all is well.
`matrix_rows` writes the wide sheet back from the pledges.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from tracker.model import STATUSES, fold

# What a score in a sheet records (the Research Group's scale, SPEC §3).
SCORE_STATUSES = {1: "fulfilled", 0: "partial", -1: "broken"}
# What the matrix export writes for a party's latest status: its base score, or nothing.
STATUS_SCORES = {"fulfilled": "+1", "in-progress": "0", "partial": "0", "stalled": "0",
                 "broken": "-1"}
NOT_APPLICABLE = {"n/a", "na", "n.a.", "not applicable"}
LONG_COLUMNS = ("pledge", "party", "score")
LONG_OPTIONAL = ("note", "evidence")
MINUS_SIGNS = "\u2212\u2013"  # the minus sign and the en dash a spreadsheet may put for "-"
_SCORE = re.compile(r"^([+-]?)\s*([01])(?:\.0*)?$")


@dataclass
class SheetCell:
    """One non-empty cell of a score sheet, where it was and what it says."""

    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str  # the header of the cell's column (wide) or "score" (long)
    pledge: str  # the pledge as the sheet names it: id, uuid or exact text
    party: str
    value: str
    note: str | None = None
    evidence: str | None = None
    party_column: str = "party"  # where a bad party name is to be found

    def where(self, column: str | None = None) -> str:
        return f"row {self.row}, column {column or self.column!r}"


@dataclass
class Sheet:
    """The cells of a sheet (empty ones too: not assessed), its shape, and what could not
    be read at all."""

    shape: str  # "wide" or "long"
    cells: list[SheetCell] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)  # a wide sheet's party columns


def read_sheet(text: str) -> Sheet:
    """The cells of a wide or long score sheet (CSV, commas or semicolons, BOM, CRLF)."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    # A spreadsheet set to a European locale saves CSV with semicolons (as `import` reads).
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        return Sheet("wide", errors=[f"not readable as CSV: {error}"])
    if not rows or not any(cell.strip() for cell in rows[0]):
        return Sheet("wide", errors=["the sheet is empty (expected a header row: pledge, then "
                                     "one column per party; or pledge,party,score)"])
    header = [cell.strip() for cell in rows[0]]
    names = [fold(cell) for cell in header]
    if set(LONG_COLUMNS) <= set(names):
        return _read_long(header, names, rows[1:])
    return _read_wide(header, rows[1:])


def _read_wide(header: list[str], rows: list[list[str]]) -> Sheet:
    sheet = Sheet("wide")
    parties = sheet.parties = header[1:]
    if not parties:
        sheet.errors.append("row 1: no party columns (expected: pledge, then one column per "
                            "party; or the long form pledge,party,score)")
        return sheet
    seen: dict[str, str] = {}
    for index, party in enumerate(parties, 2):
        if not party:
            sheet.errors.append(f"row 1, column {index}: a party column without a name")
        elif fold(party) in seen:
            sheet.errors.append(f"row 1: the party {party!r} has two columns")
        seen.setdefault(fold(party), party)
    if sheet.errors:
        return sheet
    for number, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        pledge = row[0].strip() if row else ""
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            sheet.errors.append(f"row {number}: {len(row)} cells, but the header has "
                                f"{len(header)} columns")
            continue
        values = [cell.strip() for cell in row[1:]]
        values += [""] * (len(parties) - len(values))
        if not pledge:
            sheet.errors.append(f"row {number}, column {header[0] or 1!r}: no pledge named")
            continue
        for party, value in zip(parties, values, strict=True):
            sheet.cells.append(SheetCell(number, party, pledge, party, value,
                                         party_column=party))
    return sheet


def _read_long(header: list[str], names: list[str], rows: list[list[str]]) -> Sheet:
    sheet = Sheet("long")
    position = {name: names.index(name) for name in (*LONG_COLUMNS, *LONG_OPTIONAL)
                if name in names}
    unknown = [header[i] for i, name in enumerate(names)
               if name not in (*LONG_COLUMNS, *LONG_OPTIONAL)]
    if unknown:
        sheet.errors.append(f"row 1: unknown column{'s' if len(unknown) > 1 else ''} "
                            f"{', '.join(map(repr, unknown))} (a long sheet has: "
                            f"{', '.join((*LONG_COLUMNS, *LONG_OPTIONAL))})")
        return sheet

    def value(row: list[str], name: str) -> str:
        index = position.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    for number, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        pledge, party, score = (value(row, name) for name in LONG_COLUMNS)
        if not pledge:
            sheet.errors.append(f"row {number}, column 'pledge': no pledge named")
            continue
        if not party:
            sheet.errors.append(f"row {number}, column 'party': no party named")
            continue
        sheet.cells.append(SheetCell(number, "score", pledge, party, score,
                                     note=value(row, "note") or None,
                                     evidence=value(row, "evidence") or None))
    return sheet


def read_score(value: str) -> tuple[str | None, bool]:
    """(the status a sheet's cell records, whether it was given as a number).

    +1 and 1 are fulfilled, 0 partial, -1 (ASCII, minus sign or en dash) broken;
    a status word records that status; "n/a" gives (None, False). Anything
    else is a ValueError.
    """
    text = value.strip()
    if fold(text) in NOT_APPLICABLE:
        return None, False
    for sign in MINUS_SIGNS:
        text = text.replace(sign, "-")
    match = _SCORE.match(text)
    if match:
        number = int(match.group(2)) * (-1 if match.group(1) == "-" else 1)
        return SCORE_STATUSES[number], True
    status = fold(text)
    if status in STATUSES:
        return status, False
    raise ValueError(f"{value!r} is not a score (use +1, 0, -1, n/a, or a status: "
                     f"{', '.join(STATUSES)})")


@dataclass
class PlannedScore:
    """One cell to record: a per-party update of `status` on a pledge."""

    pledge_id: int
    party: str  # spelled as the pledge spells it
    status: str
    note: str | None
    evidence: str | None


@dataclass
class AssessmentPlan:
    """What a round would record, or the problems that stop it."""

    scores: list[PlannedScore] = field(default_factory=list)
    not_applicable: list[tuple[int, str]] = field(default_factory=list)  # (pledge, party)
    # (pledge, party) marked n/a before and scored now: the pledge applies to them again.
    applicable_again: list[tuple[int, str]] = field(default_factory=list)
    unchanged: int = 0  # cells that say what is on record already
    empty: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def pledges(self) -> int:
        return len({score.pledge_id for score in self.scores}
                   | {pledge_id for pledge_id, _ in self.not_applicable}
                   | {pledge_id for pledge_id, _ in self.applicable_again})


def plan_assessment(sheet: Sheet, dialogue: dict, pledges: list[dict], day: str,
                    note: str | None = None) -> AssessmentPlan:
    """Check every cell of `sheet` against the dialogue's pledges; plan what to record.

    `pledges` are the dialogue's. A cell may name a pledge by id, uuid or exact
    text; its party must be a party of the dialogue and of that pledge. A cell
    that says what is on record already for its party on `day` (the same
    status, or for a number the same score) is left alone, so that recording
    a sheet twice, or the sheet `export --format matrix` wrote, changes nothing.
    """
    plan = AssessmentPlan(errors=list(sheet.errors))
    finder = _PledgeFinder(dialogue, pledges)
    known = {fold(p) for p in dialogue["parties"]}
    # A wide sheet's party columns are checked once, in its header.
    for column in sheet.parties:
        if fold(column) not in known:
            plan.errors.append(f"row 1, column {column!r}: {_not_a_party(column, dialogue)}")
    seen: dict[tuple[int, str], int] = {}
    failed_rows: set[int] = set()
    for cell in sheet.cells:
        if cell.row in failed_rows or fold(cell.party) not in known and sheet.parties:
            continue
        try:
            pledge = finder.find(cell.pledge)
        except LookupError as error:
            failed_rows.add(cell.row)
            column = "pledge" if sheet.shape == "long" else None
            plan.errors.append(f"{cell.where(column) if column else f'row {cell.row}'}: "
                               f"{error}")
            continue
        if not cell.value:
            # Not assessed in this round (counted only where the party could have been).
            plan.empty += fold(cell.party) in {fold(p) for p in pledge["by"]}
            continue
        party = _party_of(cell, dialogue, pledge, plan)
        if party is None:
            continue
        try:
            status, numeric = read_score(cell.value)
        except ValueError as error:
            plan.errors.append(f"{cell.where()}: {error}")
            continue
        key = (pledge["id"], fold(party))
        if key in seen:
            plan.errors.append(f"{cell.where()}: pledge {pledge['id']} is scored for {party} "
                               f"again (first in row {seen[key]})")
            continue
        seen[key] = cell.row
        marked = fold(party) in {fold(p) for p in pledge.get("not_verifiable_for") or ()}
        if status is None:
            if marked:
                plan.unchanged += 1
            else:
                plan.not_applicable.append((pledge["id"], party))
            continue
        if marked:
            plan.applicable_again.append((pledge["id"], party))
        elif _on_record(pledge, party, day, status, numeric):
            plan.unchanged += 1
            continue
        plan.scores.append(PlannedScore(pledge["id"], party, status,
                                        cell.note or note, cell.evidence))
    return plan


def _party_of(cell: SheetCell, dialogue: dict, pledge: dict, plan: AssessmentPlan
              ) -> str | None:
    """The pledge's spelling of the cell's party, or None with the problem in `plan`."""
    wanted = fold(cell.party)
    if wanted not in {fold(p) for p in dialogue["parties"]}:
        plan.errors.append(f"{cell.where(cell.party_column)}: "
                           f"{_not_a_party(cell.party, dialogue)}")
        return None
    party = next((p for p in pledge["by"] if fold(p) == wanted), None)
    if party is None:
        plan.errors.append(f"{cell.where()}: pledge {pledge['id']} was made by "
                           f"{', '.join(pledge['by'])}, not {cell.party}")
    return party


def _not_a_party(name: str, dialogue: dict) -> str:
    return (f"{name!r} is not a party of {dialogue['id']} "
            f"(parties: {', '.join(dialogue['parties'])})")


def _on_record(pledge: dict, party: str, day: str, status: str, numeric: bool) -> bool:
    """Whether the party's status on `day` already says what the cell says."""
    from tracker.model import party_state

    current = party_state(pledge, party, [u for u in pledge["updates"] if u["date"] <= day])[0]
    if numeric:
        return STATUS_SCORES.get(current) == STATUS_SCORES[status]
    return current == status


class _PledgeFinder:
    """Finds a dialogue's pledge by id (`12` or `#12`), uuid or exact text."""

    def __init__(self, dialogue: dict, pledges: list[dict]) -> None:
        self.dialogue = dialogue
        self.by_id = {str(p["id"]): p for p in pledges}
        self.by_uuid = {p["uuid"].lower(): p for p in pledges}
        self.by_text: dict[str, list[dict]] = {}
        for pledge in pledges:
            self.by_text.setdefault(_words(pledge["text"]), []).append(pledge)

    def find(self, name: str) -> dict:
        key = name.strip()
        number = key.removeprefix("#")
        if number.isascii() and number.isdigit():
            if number.lstrip("0") in self.by_id:
                return self.by_id[number.lstrip("0")]
            raise LookupError(f"no pledge {number} in {self.dialogue['id']}")
        if key.lower() in self.by_uuid:
            return self.by_uuid[key.lower()]
        found = self.by_text.get(_words(key), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise LookupError(f"{len(found)} pledges of {self.dialogue['id']} read "
                              f"{_short(key)!r} (ids {', '.join(str(p['id']) for p in found)})"
                              "; name it by id")
        raise LookupError(f"no pledge of {self.dialogue['id']} reads {_short(key)!r} "
                          "(name it by id, uuid or its exact text)")


def _words(text: str) -> str:
    """Text with its runs of white space as one space: a spreadsheet may wrap a cell."""
    return " ".join(text.split())


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def matrix_rows(pledges: list[dict], parties: list[str]) -> list[list[str]]:
    """The wide score sheet of `pledges`: id, then each party's latest score.

    A party's cell is the base score of its latest status (+1, 0, -1), `n/a`
    where the pledge does not apply to it, and empty where it has no score
    (still `pledged`, `superseded`) or is not a party to the pledge — so that
    `assess` reading the sheet back records nothing new.
    """
    from tracker.model import party_state

    rows = []
    for pledge in pledges:
        by = {fold(p): p for p in pledge["by"]}
        not_applicable = {fold(p) for p in pledge.get("not_verifiable_for") or ()}
        row = [str(pledge["id"])]
        for party in parties:
            key = fold(party)
            if key not in by:
                row.append("")
            elif key in not_applicable:
                row.append("n/a")
            else:
                row.append(STATUS_SCORES.get(party_state(pledge, by[key])[0], ""))
        rows.append(row)
    return rows
