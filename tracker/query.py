"""Filters (SPEC §4 Filters) turned into one predicate over pledges, and sorting."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from tracker import dates
from tracker.derived import LAST_UPDATE
from tracker.errors import InvalidValue
from tracker.model import OPEN_STATUSES, check_status, fold

SORT_KEYS = ("id", "due", "status", "progress", "dialogue", "area", "updated", "text")


@dataclass
class Filters:
    """What the user asked for; empty lists and None mean 'any'. Values are as typed."""

    dialogue: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    by: list[str] = field(default_factory=list)
    area: list[str] = field(default_factory=list)
    framework: list[str] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)
    due_before: str | None = None
    due_after: str | None = None
    overdue: bool = False
    due_within: str | None = None
    stale: str | None = None
    search: str | None = None

    def is_empty(self) -> bool:
        return self == Filters()


def last_activity(pledge: dict, dialogue_dates: dict[str, str]) -> str:
    """The date of a pledge's latest update, or of its dialogue when it has none.
    A pledge's row (`Store.pledge_rows`) has that date instead of its updates."""
    updates = pledge.get("updates")
    if updates is None:
        latest = pledge[LAST_UPDATE]
    else:
        latest = max((update["date"] for update in updates), default=None)
    return latest if latest is not None else dialogue_dates.get(pledge["dialogue"], "")


# The deadline and staleness tests that `--overdue`, `--due-within` and `--stale` apply,
# and that the report's lists use on pledges replayed to its cut-off date.
def is_overdue(pledge: dict, as_of: str) -> bool:
    """Still owed and its due date passed before `as_of`."""
    return (pledge["status"] in OPEN_STATUSES and pledge["due"] is not None
            and pledge["due"] < as_of)


def is_due_between(pledge: dict, start: str, end: str) -> bool:
    """Still owed and due from `start` to `end`, both included."""
    return (pledge["status"] in OPEN_STATUSES and pledge["due"] is not None
            and start <= pledge["due"] <= end)


def is_stale(pledge: dict, dialogue_dates: dict[str, str], cutoff: str) -> bool:
    """Still owed and nothing recorded on it since before `cutoff`."""
    return pledge["status"] in OPEN_STATUSES and last_activity(pledge, dialogue_dates) < cutoff


# The fields of a pledge each filter reads (`build_predicate` and the tests above): a
# listing filters rows of these fields only (`Store.pledge_rows`), then makes whole rows
# of the pledges it shows. A test holds every filter to this table.
FIELDS_READ = {
    "dialogue": ("dialogue",), "status": ("status",), "by": ("by",), "area": ("area",),
    "framework": ("framework",), "tag": ("tags",), "due_before": ("due",),
    "due_after": ("due",), "overdue": ("status", "due"), "due_within": ("status", "due"),
    "stale": ("status", LAST_UPDATE, "dialogue"),  # `last_activity` of a row
    "search": ("text", "quote", "updates"),  # only ever of whole records
}


def fields_read(filters: Filters, sort: str = "id") -> set[str]:
    """The fields `build_predicate` and `sort_pledges` read for these filters and sort."""
    fields = {"id", sort.lstrip("-").strip().lower()} & set(SORT_KEYS) | {"id"}
    for name, read in FIELDS_READ.items():
        value = getattr(filters, name)
        if value not in (None, False, []):
            fields.update(read)
    return fields


def build_predicate(
    filters: Filters, dialogue_dates: dict[str, str], today: date | None = None
) -> Callable[[dict], bool]:
    """One function that says whether a pledge passes every filter (AND across options)."""
    ref = today or dates.today()
    tests: list[Callable[[dict], bool]] = []

    if filters.dialogue:
        wanted = {value.strip() for value in filters.dialogue}
        tests.append(lambda p: p["dialogue"] in wanted)
    if filters.status:
        statuses = {check_status(value) for value in filters.status}
        tests.append(lambda p: p["status"] in statuses)
    if filters.by:
        parties = {fold(value) for value in filters.by}
        tests.append(lambda p: any(fold(name) in parties for name in p["by"]))
    for name in ("area", "framework"):
        values = getattr(filters, name)
        if values:
            folded = {fold(value) for value in values}
            tests.append(lambda p, name=name, folded=folded: fold(p.get(name) or "") in folded)
    if filters.tag:
        tags = {fold(value) for value in filters.tag}
        tests.append(lambda p: bool(tags & {fold(tag) for tag in p["tags"]}))
    # `is not None`: an empty value (`--due-before ""`) is an error, not "no filter".
    if filters.due_before is not None:
        # "June 2025" as a bound: before its first day, after its last (never both).
        before = _parsed("--due-before", dates.parse_date, filters.due_before,
                         base=ref).isoformat()
        tests.append(lambda p: p["due"] is not None and p["due"] < before)
    if filters.due_after is not None:
        after = _parsed("--due-after", dates.parse_date, filters.due_after, deadline=True,
                        base=ref).isoformat()
        tests.append(lambda p: p["due"] is not None and p["due"] > after)
    if filters.overdue:
        today_iso = ref.isoformat()
        tests.append(lambda p: is_overdue(p, today_iso))
    if filters.due_within is not None:
        start = ref.isoformat()
        end = _parsed("--due-within", dates.period_after, filters.due_within, ref).isoformat()
        tests.append(lambda p: is_due_between(p, start, end))
    if filters.stale is not None:
        cutoff = _parsed("--stale", dates.period_before, filters.stale, ref).isoformat()
        tests.append(lambda p: is_stale(p, dialogue_dates, cutoff))
    if filters.search is not None:
        needle = fold(filters.search.strip())
        if not needle:
            raise InvalidValue("--search needs some text to look for")
        tests.append(lambda p: needle in searchable_text(p))

    if len(tests) == 1:
        return tests[0]

    def keep(pledge: dict) -> bool:
        for test in tests:  # noqa: SIM110 — all(…) makes a generator for each pledge
            if not test(pledge):
                return False
        return True

    return keep


def _parsed(option: str, parse: Callable, *args: object, **options: object) -> date:
    """A filter's date or period, with the option named in the error."""
    try:
        return parse(*args, **options)
    except InvalidValue as error:
        raise InvalidValue(f"{option}: {error.message}", hint=error.hint) from None


def searchable_text(pledge: dict) -> str:
    parts = [pledge["text"], pledge.get("quote") or ""]
    parts.extend(update.get("note") or "" for update in pledge["updates"])
    return fold("\n".join(parts))


def select(
    pledges: Iterable[dict], filters: Filters, dialogue_dates: dict[str, str],
    today: date | None = None,
) -> list[dict]:
    if filters.is_empty():
        return list(pledges)
    keep = build_predicate(filters, dialogue_dates, today)
    return [pledge for pledge in pledges if keep(pledge)]


def sort_pledges(pledges: list[dict], key: str) -> list[dict]:
    """Sort by one of SORT_KEYS; a leading `-` reverses. Missing values sort last."""
    reverse = key.startswith("-")
    name = key.lstrip("-").strip().lower()
    if name not in SORT_KEYS:
        raise InvalidValue(f"cannot sort by {key!r} (choose from: {', '.join(SORT_KEYS)})")
    if name == "status":
        from tracker.model import STATUSES

        order = {status: index for index, status in enumerate(STATUSES)}
        value = lambda p: order[p["status"]]  # noqa: E731
    elif name in ("id", "progress"):
        value = lambda p: p[name]  # noqa: E731
    else:
        value = lambda p: fold(p.get(name) or "")  # noqa: E731
    always = name in ("id", "progress", "status")
    present = [p for p in pledges if always or p.get(name)]
    missing = [] if always else [p for p in pledges if not p.get(name)]
    present.sort(key=lambda p: (value(p), p["id"]), reverse=reverse)
    missing.sort(key=lambda p: p["id"])
    return present + missing
