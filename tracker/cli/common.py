"""What every command shares: the database path, id parsing, formats and filter options."""

import functools
import inspect
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from tracker import formats
from tracker.cli.context import current_options
from tracker.errors import InvalidValue, Refused
from tracker.model import ID_LIMIT as MAX_ID
from tracker.query import SORT_KEYS, Filters

RECORD_FORMATS = formats.names("records")


def db_path() -> Path:
    """The database this run uses (`--db`, `$TRACKER_DB` or the default), from the context."""
    return current_options().database()


def open_store(*, lazy: bool = False):
    """The database for a reading command. `lazy`: tables are parsed as they are asked
    for (see tracker.layout) — a command that reads a few pledges by id parses only
    those, one that never reads the change log never parses it."""
    from tracker.store import open_for_reading

    options = current_options()
    path = db_path()
    store = open_for_reading(path, lazy=lazy)
    _keep(store)
    if options.db_named and not path.exists():
        from tracker.cli.terminal import terminal

        terminal.warn(f"there is no database at {path}; check the path (the first "
                      "command that records something starts one there)")
    if options.filters is not None:
        warn_unmatched_filters(options.filters, store)
    return store


def warn_unmatched_filters(filters: Filters, store) -> None:
    """An empty result is a success, but a filter value no record has is most likely a
    typo: say so, with the closest value the database does have."""
    if filters.by:
        warn_unknown_parties(filters.by, store.dialogues())
    if filters.dialogue:
        _warn_unknown("no dialogue has the id", filters.dialogue,
                      [d["id"] for d in store.dialogues()], exact=True)
    wanted = {name: getattr(filters, name) for name in ("area", "framework", "tag")}
    if any(wanted.values()):
        from tracker.query import fields_read

        # The rows `list` filters too (the same fields: made once), unless --search reads
        # whole records anyway.
        pledges = store.pledges() if filters.search is not None else \
            store.pledge_rows(fields_read(filters))
        for name, values in wanted.items():
            if values:
                held = ([tag for p in pledges for tag in p["tags"]] if name == "tag"
                        else [p.get(name) for p in pledges])
                _warn_unknown(f"no pledge has the {name}", values,
                              list(dict.fromkeys(v for v in held if v)))


def warn_unknown_parties(wanted: list[str], dialogues: list[dict]) -> None:
    known = list(dict.fromkeys(party for d in dialogues for party in d["parties"]))
    _warn_unknown("no dialogue has the party", wanted, known,
                  listed=f"known parties: {', '.join(known) or 'none yet'}")


def _warn_unknown(subject: str, wanted: list[str], known: list[str], *,
                  listed: str | None = None, exact: bool = False) -> None:
    """`warning: no pledge has the area 'tradee' (did you mean trade?)` for each value
    that none of `known` matches as the filter matches (case and accents aside, except
    for ids: `exact`)."""
    import difflib

    from tracker.cli.terminal import terminal
    from tracker.model import fold as folding

    def fold(text: str) -> str:
        return text if exact else folding(text)

    folded = {fold(value): value for value in known}
    if listed is None:
        listed = ("none has one yet" if not known else
                  "known: " + ", ".join(known[:8]) + (", …" if len(known) > 8 else ""))
    for value in wanted:
        name = value.strip()
        if not name or fold(name) in folded:
            continue
        similar = {folding(value): value for value in known}  # closeness ignores case
        close = difflib.get_close_matches(folding(name), list(similar), n=1, cutoff=0.6)
        note = f"did you mean {similar[close[0]]}?" if close else listed
        if close and listed.startswith("known parties"):
            note += f" {listed}"
        terminal.warn(f"{subject} {name!r} ({note})")


@contextmanager
def writing(command: str, *, lazy: bool = False) -> Iterator[Any]:
    """The database for a writing command, locked; `lazy` for one that changes a few
    pledges by id: only their bytes are rewritten (see tracker.layout)."""
    from tracker.store import open_for_writing

    with open_for_writing(db_path(), command, lazy=lazy) as store:
        _keep(store)
        yield store


def _keep(store: Any) -> None:
    """Keep the store until the console script exits (tracker.cli.launch._leave)."""
    import tracker.cli

    if tracker.cli.kept is not None:
        tracker.cli.kept.append(store)


def counted(number: int, noun: str) -> str:
    """`1 pledge`, `2 pledges`: messages read as sentences."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


MAX_ERRORS_SHOWN = 20


def stop_on_problems(errors: list[str], label: str, *, nothing_done: str) -> None:
    """List a file's problems (the first twenty) and refuse it whole; nothing if there are none."""
    if not errors:
        return
    from tracker.cli.terminal import terminal

    for line in errors[:MAX_ERRORS_SHOWN]:
        terminal.message(f"  {line}")
    if len(errors) > MAX_ERRORS_SHOWN:
        terminal.message(f"  … and {len(errors) - MAX_ERRORS_SHOWN} more")
    raise InvalidValue(f"{label}: {counted(len(errors), 'problem')}; {nothing_done}")


def write_output(path: Path, text: str | bytes, *, checked: bool = False) -> None:
    """Write `--output FILE` atomically, as shell redirection would, never over the database.

    A report or export written over the database (or its lock file) would
    replace every record with a document about them, so that is refused. A new
    file gets the permissions `>` would give it (0666 less the umask); the
    database's private 0600 is for the database alone. As with `>`, a link is
    written through (the link stays) and a device or named pipe is written into,
    never replaced by a file.
    """
    import os
    import stat

    from tracker.printable import printable, printable_bytes
    from tracker.store import write_atomically

    target = path.expanduser()
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if _is_database_file(target):
        raise InvalidValue(f"--output {path} is the database or its lock file; writing "
                           "there would replace your data", hint="choose another file name")
    if target.is_dir():
        raise InvalidValue(f"{path} is a folder; give a file name for --output")
    if not target.parent.is_dir():
        raise InvalidValue(f"cannot write {path}: the folder {target.parent} does not exist")
    try:
        if isinstance(text, bytes):
            content = text if checked else printable_bytes(text)
        else:
            content = printable(text).encode("utf-8")
        try:
            mode = os.stat(target).st_mode
        except FileNotFoundError:
            mode = stat.S_IFREG
        if stat.S_ISREG(mode):
            write_atomically(target, content, new_file_mode=_redirect_mode())
        else:  # /dev/stdout, a device, a FIFO: written into, as `>` writes into them
            with open(target, "wb") as out:
                out.write(content)
    except OSError as problem:
        raise InvalidValue(f"cannot write {path}: {problem.strerror or problem}") from None


def _is_database_file(target: Path) -> bool:
    """Whether `target` is the database or its lock file, by path or, if it exists, inode."""
    import os

    database = db_path().expanduser()
    for protected in (database, Path(str(database) + ".lock")):
        if target.resolve() == protected.resolve():
            return True
        try:
            if os.path.samefile(target, protected):
                return True
        except OSError:  # one of them does not exist (yet): the paths decided
            pass
    return False


def _redirect_mode() -> int:
    import os

    # The umask can only be read by setting it; set it straight back.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def read_stdin() -> str:
    """All of stdin as UTF-8 text; decoded here, strictly, whatever the locale says."""
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # an in-memory stdin (tests) is text already
            return sys.stdin.read()
        return stream.read().decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidValue(f"stdin is not UTF-8 text (byte {error.start})") from None


def read_input(source: str, *, hint: str | None = None) -> tuple[str, str]:
    """The text of a file, or of stdin for `-`, and a label for messages."""
    if source == "-":
        return read_stdin(), "stdin"
    try:
        # newline="" keeps newlines inside quoted CSV cells as they are.
        with open(source, encoding="utf-8", newline="") as handle:
            return handle.read(), source
    except FileNotFoundError:
        raise InvalidValue(f"no such file: {source}") from None
    except IsADirectoryError:
        raise InvalidValue(f"{source} is a folder, not a file") from None
    except UnicodeDecodeError as error:
        raise InvalidValue(f"{source} is not UTF-8 text (byte {error.start})",
                           hint=hint) from None
    except OSError as error:
        raise InvalidValue(f"cannot read {source}: {error.strerror}") from None


def parse_id(text: str) -> int:
    raw = text.strip()
    if raw.startswith("#"):
        raw = raw[1:]
    if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) < MAX_ID:
        raise InvalidValue(f"{text!r} is not a pledge id (ids are whole numbers from 1)")
    return int(raw)


def parse_ids(values: list[str]) -> list[int]:
    """Ids from the command line; `-` reads more from stdin: one a line (TSV: the first
    column), or the records of `--format csv`, `json` or `ndjson`."""
    ids: list[int] = []
    for value in values:
        if value == "-":
            ids.extend(_ids_from_stdin())
        else:
            ids.append(parse_id(value))
    if not ids and "-" in values:
        # `list --overdue --format ids | mark - …` with nothing overdue: an empty
        # result is a success (SPEC §6), so a cron job does not report a failure.
        from tracker.cli.terminal import terminal

        terminal.message("No pledge ids on stdin; nothing to do.")
        raise typer.Exit(0)
    if not ids:
        raise InvalidValue("no pledge ids given (pass ids, or `-` to read them from stdin)")
    return list(dict.fromkeys(ids))


def _ids_from_stdin() -> list[int]:
    if sys.stdin.isatty():
        raise InvalidValue("`-` reads ids from stdin, but stdin is a terminal; pipe ids in")
    text = read_stdin()
    start = text.lstrip()[:1]
    if start in ("[", "{"):
        return _ids_from_json(text)
    first_line = text.lstrip().split("\n", 1)[0].strip().lower()
    if first_line.startswith("id,"):  # the header of `list --format csv`
        return _ids_from_csv(text)
    ids = []
    for number, line in enumerate(text.splitlines(), 1):
        first = line.split("\t", 1)[0].strip()
        if not first:
            continue
        if number == 1 and first.lower() == "id":
            continue  # the header of `list --format tsv`
        try:
            ids.append(parse_id(first))
        except InvalidValue:
            raise InvalidValue(f"stdin line {number}: {first[:40]!r} is not a pledge id") from None
    return ids


def _ids_from_csv(text: str) -> list[int]:
    """`list --format csv` on stdin: the `id` column of each row."""
    import csv
    import io

    ids = []
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), 2):
        value = (row.get("id") or "").strip()
        if not value:
            continue
        try:
            ids.append(parse_id(value))
        except InvalidValue:
            raise InvalidValue(f"stdin row {number}: {value[:40]!r} is not a pledge id") from None
    return ids


def _ids_from_json(text: str) -> list[int]:
    """JSON or NDJSON on stdin: the ids of the pledge records (`list --format json`,
    `export`, `show --format json`); dialogue records are passed over."""
    import json

    try:
        document = json.loads(text)
        records = (document.get("pledges", [document]) if isinstance(document, dict)
                   else document)
    except json.JSONDecodeError:
        try:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as error:
            raise InvalidValue(f"stdin is neither JSON nor NDJSON records: {error.msg} "
                               f"(line {error.lineno})") from None
    ids = []
    for index, record in enumerate(records if isinstance(records, list) else [records], 1):
        if isinstance(record, dict) and record.get("type") == "dialogue":
            continue
        value = record.get("id") if isinstance(record, dict) else record
        try:
            ids.append(parse_id(str(value)))
        except InvalidValue:
            raise InvalidValue(f"stdin record {index}: {str(value)[:40]!r} is not a "
                               "pledge id") from None
    return ids


def choose_format(value: str | None, allowed: tuple[str, ...], *, piped_default: str) -> str:
    """The output format: as asked, else `table` on a terminal and `piped_default` elsewhere."""
    if value is None:
        from tracker.cli.terminal import terminal

        return "table" if terminal.stdout_is_terminal else piped_default
    wanted = value.strip().lower()
    if wanted not in allowed:
        raise InvalidValue(f"unknown format {value!r} (choose from: {', '.join(allowed)})")
    return wanted


def confirm_or_refuse(question: str, yes: bool, *, subject: str | None = None,
                      action: tuple[str, str] = ("removed", "remove")) -> None:
    """Ask on a terminal; elsewhere refuse unless --yes (SPEC §4 remove).

    `subject` names what is at stake, for the refusal: "pledge 3 (Open a trade
    office)"; `action` what would be done, as (past participle, verb).
    """
    if yes:
        return
    done, verb = action
    if not sys.stdin.isatty():
        what = f"{subject} not {done}" if subject else f"nothing {done}"
        raise Refused(f"{what}: confirming needs a terminal; pass --yes to {verb} "
                      "without asking")
    if not typer.confirm(question, default=False, err=True):
        raise Refused(f"nothing was {done}")


FormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", metavar="FORMAT",
                 help=f"Output format: {', '.join(RECORD_FORMATS)}. "
                      "Default: table on a terminal, tsv when piped."),
]
# For commands that show one record: its fields, as plain aligned text when piped.
ShowFormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", metavar="FORMAT",
                 help=f"Output format: {', '.join(RECORD_FORMATS)}. "
                      "Default: table (plain aligned text when piped)."),
]

# The filter options of SPEC §4, declared once and added to every command that
# selects pledges by the `with_filters` decorator below.
_FILTER_OPTIONS: dict[str, tuple[Any, Any]] = {
    "dialogue": (list[str] | None, typer.Option(
        "--dialogue", "-d", metavar="ID", help="Only pledges of this dialogue (repeatable).")),
    "status": (list[str] | None, typer.Option(
        "--status", "-s", metavar="STATUS", help="Only pledges with this status (repeatable).")),
    "by": (list[str] | None, typer.Option(
        "--by", metavar="PARTY",
        help="Only pledges made by this party (repeatable). --status still reads the "
             "pledge's own status; `report --party P` reads P's.")),
    "area": (list[str] | None, typer.Option(
        "--area", metavar="AREA", help="Only pledges in this issue area (repeatable).")),
    "framework": (list[str] | None, typer.Option(
        "--framework", metavar="NAME", help="Only pledges under this framework (repeatable).")),
    "tag": (list[str] | None, typer.Option(
        "--tag", metavar="TAG", help="Only pledges with this tag (repeatable).")),
    "due_before": (str | None, typer.Option(
        "--due-before", metavar="DATE", help="Due before this date.")),
    "due_after": (str | None, typer.Option(
        "--due-after", metavar="DATE", help="Due after this date.")),
    "overdue": (bool, typer.Option(
        "--overdue", help="Past their due date and still open.")),
    "due_within": (str | None, typer.Option(
        "--due-within", metavar="PERIOD", help="Open and due within this period, e.g. 30d.")),
    "stale": (str | None, typer.Option(
        "--stale", metavar="PERIOD", help="Open with no update within this period, e.g. 6m.")),
    "search": (str | None, typer.Option(
        "--search", metavar="TEXT",
        help="Text in the pledge, its quote or notes (ignores case and accents).")),
}


def with_filters(command: Callable[..., Any] | None = None, *, party_flag: str = "--by"
                 ) -> Any:
    """Give a command the filter options; it receives them as one `filters: Filters`.

    `report` uses `--by` for its grouping (SPEC §4), so it passes
    `party_flag="--party"` for the party filter.
    """
    if command is None:
        return functools.partial(with_filters, party_flag=party_flag)
    options = dict(_FILTER_OPTIONS)
    if party_flag != "--by":
        options["by"] = (list[str] | None, typer.Option(
            party_flag, metavar="PARTY",
            help="Only pledges made by this party (repeatable). One party alone makes it "
                 "that party's report: --status, the summary and the lists read its own "
                 "status."))
    signature = inspect.signature(command)
    kept = [p for p in signature.parameters.values() if p.name != "filters"]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY,
                          default=False if annotation is bool else None,
                          annotation=Annotated[annotation, option])
        for name, (annotation, option) in options.items()
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in _FILTER_OPTIONS}
        for name, value in values.items():
            if value is None and isinstance(getattr(Filters(), name), list):
                values[name] = []
        options = current_options()
        options.filters = Filters(**values)
        try:
            return command(*args, filters=options.filters, **kwargs)
        finally:
            options.filters = None

    wrapper.__signature__ = signature.replace(parameters=kept + added)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in kept + added}
    del wrapper.__wrapped__  # typer must read the new signature, not the original
    return wrapper


SortOption = Annotated[
    str, typer.Option("--sort", metavar="KEY",
                      help=f"Sort by {', '.join(SORT_KEYS)}; prefix - to reverse.")]


def dialogue_dates(store: Any) -> Mapping[str, str]:
    """Each dialogue's date by its id, read from the store when first looked up (only
    `--stale` looks: a listing by area or status never parses the dialogues)."""
    return _DialogueDates(store)


class _DialogueDates(Mapping):
    def __init__(self, store: Any) -> None:
        self._store = store
        self._dates: dict[str, str] | None = None

    def _all(self) -> dict[str, str]:
        if self._dates is None:
            self._dates = {d["id"]: d["date"] for d in self._store.dialogues()}
        return self._dates

    def __getitem__(self, key: str) -> str:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
