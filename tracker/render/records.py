"""The renderers `tracker/formats.py` names, each with the one signature its kind of
output calls: records, reports and export documents as text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# -- records (list, show, history, dialogue list, extract) ---------------------


def json_records(records: Sequence[dict], columns: Sequence[str],
                 rows: Sequence[Sequence[object]], ids: Sequence[object], header: bool) -> str:
    from tracker.render.json import to_json

    return to_json(list(records))


def ndjson_records(records: Sequence[dict], columns: Sequence[str],
                   rows: Sequence[Sequence[object]], ids: Sequence[object], header: bool) -> str:
    from tracker.render.json import to_ndjson

    return to_ndjson(records)


def csv_rows(records: Sequence[dict], columns: Sequence[str],
             rows: Sequence[Sequence[object]], ids: Sequence[object], header: bool) -> str:
    from tracker.render.plain import to_csv

    return to_csv(rows, columns if header else None)


def tsv_rows(records: Sequence[dict], columns: Sequence[str],
             rows: Sequence[Sequence[object]], ids: Sequence[object], header: bool) -> str:
    from tracker.render.plain import to_tsv

    return to_tsv(rows, columns if header else None)


def id_lines(records: Sequence[dict], columns: Sequence[str],
             rows: Sequence[Sequence[object]], ids: Sequence[object], header: bool) -> str:
    from tracker.render.plain import to_ids

    return to_ids(ids)


# -- the status report ---------------------------------------------------------


def report_json(report: Any, *, to_file: bool = False) -> str:
    from tracker.render.json import to_json
    from tracker.render.report_text import methods_lines, summary_sentences

    # The same words every other format opens with, then the figures.
    return to_json({"summary_text": summary_sentences(report),
                    "methods": dict(methods_lines(report, coloured=False)), **report.as_dict()})


def report_csv(report: Any, *, to_file: bool = False) -> str:
    from tracker.render.report_figures import to_csv

    return to_csv(report)


def report_markdown(report: Any, *, to_file: bool = False) -> str:
    from tracker.render.report_markdown import to_markdown

    return to_markdown(report)


def report_html(report: Any, *, to_file: bool = False) -> str:
    from tracker.render.report_html import to_html

    return to_html(report)


# -- the interchange document (export) -----------------------------------------


def export_json(document: dict, *, plain: bool = False) -> bytes:
    """The export as UTF-8 JSON bytes: the database writer's own output, never decoded
    (an export of 100,000 pledges is 150 MB). `plain`: its values come from a file
    known to hold no float only json writes right (tracker/derived.py)."""
    from tracker.jsonio import plain_json, pretty_json

    return plain_json(document) if plain else pretty_json(document)


def export_ndjson(document: dict) -> str:
    from tracker.interchange import ndjson_records
    from tracker.render.json import to_ndjson

    return to_ndjson(ndjson_records(document))


def export_csv(document: dict) -> str:
    from tracker.interchange_csv import CSV_COLUMNS, export_rows
    from tracker.render.plain import to_csv

    return to_csv(export_rows(document), CSV_COLUMNS)
