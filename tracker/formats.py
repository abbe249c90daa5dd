"""Every format the tracker reads or writes, named once: its name, file extensions, and
the renderer each kind of output uses for it.

Adding a format means one entry in `FORMATS` and one in `RENDERERS` for each kind
of output that offers it (plus its renderer under `tracker/render/`); every
command, its help text and its error messages read them from here. Renderers are
named by dotted path and imported only when used, so a command pays only for the
formats it writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import PurePath
from typing import Any

from tracker.errors import InvalidValue


@dataclass(frozen=True)
class Format:
    """One format: its name and the file extensions that mean it (lower case)."""

    name: str
    extensions: tuple[str, ...] = ()


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("table", (".txt", ".text")),
    Format("json", (".json",)),
    Format("ndjson", (".ndjson", ".jsonl")),
    Format("csv", (".csv",)),
    Format("tsv", (".tsv",)),
    Format("ids"),
    Format("markdown", (".md", ".markdown")),
    Format("html", (".html", ".htm")),
    # The pledges × parties score sheet `assess` reads: CSV, but never meant by `.csv`.
    Format("matrix"),
)}

# Kind of output → format name → its renderer, "module:function". The order is the
# order help texts list them in.
#   records: (records, columns, rows, ids, header) → text; "" for `table`, which
#            cli/output.py draws on the terminal's console
#   report:  (built report, *, to_file) → text
#   export:  (interchange document) → text
#   import:  (text, store, label) → (document, parsed records or None): the parsers
#   extract: how `extract` lists its candidates (record renderers)
#   follow-up: how `follow-up` lists its proposals (record renderers)
RENDERERS: dict[str, dict[str, str]] = {
    "records": {
        "table": "",
        "json": "tracker.render.records:json_records",
        "ndjson": "tracker.render.records:ndjson_records",
        "csv": "tracker.render.records:csv_rows",
        "tsv": "tracker.render.records:tsv_rows",
        "ids": "tracker.render.records:id_lines",
    },
    "report": {
        "table": "tracker.cli.report:render_table",
        "markdown": "tracker.render.records:report_markdown",
        "html": "tracker.render.records:report_html",
        "json": "tracker.render.records:report_json",
        "csv": "tracker.render.records:report_csv",
    },
    "export": {
        "json": "tracker.render.records:export_json",
        "ndjson": "tracker.render.records:export_ndjson",
        "csv": "tracker.render.records:export_csv",
        "matrix": "tracker.render.matrix:export_matrix",
    },
    "import": {
        "json": "tracker.interchange:read_json",
        "ndjson": "tracker.interchange:read_ndjson",
        "csv": "tracker.interchange_csv:read_csv",
    },
    "extract": {
        "table": "",
        "json": "tracker.render.records:json_records",
        "ndjson": "tracker.render.records:ndjson_records",
        "csv": "tracker.render.records:csv_rows",
        "tsv": "tracker.render.records:tsv_rows",
    },
    "follow-up": {
        "table": "",
        "json": "tracker.render.records:json_records",
        "ndjson": "tracker.render.records:ndjson_records",
        "csv": "tracker.render.records:csv_rows",
        "tsv": "tracker.render.records:tsv_rows",
    },
}


# The record formats that print each record whole; the others print the `rows` given.
WHOLE_RECORDS = frozenset({"json", "ndjson"})


def names(kind: str) -> tuple[str, ...]:
    """The format names a kind of output offers, in help order."""
    return tuple(RENDERERS[kind])


def listed(kind: str) -> str:
    """`json, ndjson, csv`: for help texts and messages."""
    return ", ".join(names(kind))


def renderer(kind: str, name: str) -> Callable[..., Any]:
    """The function that renders (or, for `import`, parses) `name` for this kind of output."""
    module, function = RENDERERS[kind][name].split(":")
    return getattr(import_module(module), function)


def check(kind: str, value: str, *, what: str = "format") -> str:
    """A format name the user gave, normalised; InvalidValue naming the choices otherwise."""
    wanted = value.strip().lower()
    if wanted not in RENDERERS[kind]:
        raise InvalidValue(f"unknown {what} {value!r} (choose from: {listed(kind)})")
    return wanted


def from_extension(kind: str, path: str | PurePath) -> str | None:
    """The format of this kind that the file name's extension means, or None."""
    name = str(path).lower()
    for fmt in names(kind):
        if any(name.endswith(extension) for extension in FORMATS[fmt].extensions):
            return fmt
    return None


def for_output(kind: str, value: str | None, path: str | PurePath | None, *,
               default: str | None, what: str = "format") -> str | None:
    """The format `--format VALUE --output PATH` asks for: VALUE, else what the file's
    extension means, else `default`. An extension that means another format (or one
    this kind does not write) is an error: `-o e.csv` never holds JSON."""
    fmt = check(kind, value, what=what) if value is not None else None
    implied = _extension_format(path) if path is not None else None
    if implied is None or implied == fmt:
        return fmt or (from_extension(kind, path) if path is not None else None) or default
    name = PurePath(path).name
    if implied not in RENDERERS[kind]:
        raise InvalidValue(f"{name!r} is named as {implied}, which `tracker {kind}` does not "
                           f"write (choose from: {listed(kind)})",
                           hint="name the file after the format, e.g. "
                                f"{_renamed(name, fmt or default or names(kind)[0])}")
    if fmt is not None:
        raise InvalidValue(f"--format {fmt} but {name!r} is named as {implied}",
                           hint=f"drop --format to write {implied}, or name the file "
                                f"{_renamed(name, fmt)}")
    return implied


def _extension_format(path: str | PurePath) -> str | None:
    """The data format a file name's extension means, whatever the command (.txt,
    plain text, commits to nothing)."""
    name = str(path).lower()
    for fmt in FORMATS.values():
        if fmt.name != "table" and any(name.endswith(ext) for ext in fmt.extensions):
            return fmt.name
    return None


def _renamed(name: str, fmt: str) -> str:
    """`e.csv` renamed for `fmt`: `e.json`."""
    extensions = FORMATS[fmt].extensions if fmt in FORMATS else ()
    if not extensions:
        return name
    return str(PurePath(name).with_suffix(extensions[0]))


def extensions(kind: str) -> list[str]:
    """`*.txt`, `*.md`…: the main file extension of each format of this kind."""
    return [f"*{FORMATS[fmt].extensions[0]}" for fmt in names(kind) if FORMATS[fmt].extensions]
