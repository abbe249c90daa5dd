"""`tracker extract`: propose the pledges a readout's text contains, and record them."""

from typing import Annotated

import typer

from tracker import formats
from tracker.cli.common import (
    choose_format,
    confirm_or_refuse,
    counted,
    open_store,
    read_input,
    writing,
)
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue

EXTRACT_FORMATS = formats.names("extract")
COLUMNS = ("sentence", "by", "area", "framework", "text", "quote")
LANGUAGES = ("auto", "fr", "en")


def extract(
    source: Annotated[str, typer.Argument(
        metavar="FILE", help="The readout as plain text (UTF-8), or - for stdin.")],
    dialogue: Annotated[str, typer.Option(
        "--dialogue", "-d", metavar="ID", help="The dialogue the readout reports.")],
    lang: Annotated[str, typer.Option(
        "--lang", metavar="LANG", help="auto, fr or en.")] = "auto",
    output_format: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"Output format: {', '.join(EXTRACT_FORMATS)}. Default: table on a terminal, "
             "tsv when piped.")] = None,
    add: Annotated[bool, typer.Option(
        "--add", help="Record the candidates as pledges of the dialogue (asks first).")
    ] = False,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="With --add: do not ask; needed when not on a terminal.")
    ] = False,
) -> None:
    """Propose the pledges a readout contains: one candidate per commitment, with who
    made it (from the dialogue's parties and participants), a suggested area and
    framework, and the clause as written. Rule-based and offline, French and English.

    With --add the candidates are recorded as pledges in one change, which a single
    `tracker undo` reverts; their new ids are printed on stdout.

    \b
    Examples:
      tracker extract readout.txt --dialogue cn-kz-fmsd-2024
      tracker extract readout.txt -d cn-kz-fmsd-2024 --format json | jq '.[].text'
      tracker extract readout.txt -d cn-kz-fmsd-2024 --add --yes
    """
    if lang.lower() not in LANGUAGES:
        raise InvalidValue(f"unknown language {lang!r} (choose from: {', '.join(LANGUAGES)})")
    fmt = choose_format(output_format, EXTRACT_FORMATS, piped_default="tsv")
    text, label = read_input(source)
    if not text.strip():
        raise InvalidValue(f"{label} holds no text")
    current = open_store()
    parent = current.dialogue(dialogue)
    from tracker.extract import extract as find_candidates

    candidates = [c.to_dict() for c in find_candidates(text, parent, lang.lower())]
    terminal.message(f"{len(candidates)} candidate pledge{'s' if len(candidates) != 1 else ''} "
                     f"found in {label}")
    if not add:
        _show(fmt, candidates)
        return
    # Running --add again on the same readout must not record every pledge twice.
    candidates = _new_only(candidates, current.pledges(), parent["id"])
    if not candidates:
        terminal.message(f"Nothing new to record in {parent['id']}.")
        return
    # With --add, stdout carries the new ids (as `tracker add` does): candidates go to stderr.
    for candidate in candidates:
        terminal.message(f"  [{candidate['sentence']}] {', '.join(candidate['by'])}: "
                         f"{candidate['text']}")
    confirm_or_refuse(f"Record these {len(candidates)} pledges in {parent['id']}?", yes)
    from tracker.actions import create_pledge
    from tracker.dates import now_timestamp

    stamp = now_timestamp()
    new_ids = []
    with writing(f"extract {label} --add") as store:
        target = store.dialogue(dialogue)
        # Again under the lock: another command may have recorded some meanwhile.
        candidates = _new_only(candidates, store.pledges(), target["id"], quiet=True)
        if not candidates:
            terminal.message(f"Nothing new to record in {target['id']}.")
            return
        for candidate in candidates:
            pledge = create_pledge(store, {
                "text": candidate["text"], "quote": candidate["quote"], "by": candidate["by"],
                "area": candidate["area"], "framework": candidate["framework"],
                "tags": ["extracted"], "updates": [],
            }, target["id"], stamp=stamp)
            new_ids.append(pledge["id"])
        store.command = f"extract {label} --add ({len(new_ids)} pledges)"
    terminal.write("".join(f"{pledge_id}\n" for pledge_id in new_ids))
    terminal.message(f"Recorded {counted(len(new_ids), 'pledge')} in {target['id']} "
                     f"(ids {new_ids[0]}–{new_ids[-1]}; one `tracker undo` reverts them)")


def _new_only(candidates: list[dict], pledges: list[dict], dialogue_id: str, *,
              quiet: bool = False) -> list[dict]:
    """The candidates whose text (ignoring case, accents and spacing) the dialogue lacks."""
    from tracker.model import fold

    def key(text: str) -> str:
        return " ".join(fold(text).split())

    known = {key(p["text"]) for p in pledges if p["dialogue"] == dialogue_id}
    fresh = []
    for candidate in candidates:
        if key(candidate["text"]) not in known:
            known.add(key(candidate["text"]))
            fresh.append(candidate)
    skipped = len(candidates) - len(fresh)
    if skipped and not quiet:
        terminal.message(f"{skipped} candidate{'s' if skipped != 1 else ''} already recorded "
                         f"in {dialogue_id}: skipped")
    return fresh


def _show(fmt: str, candidates: list[dict]) -> None:
    from tracker.cli.output import emit

    if fmt == "table":
        columns = ("#", "by", "area", "framework", "text")
        emit(fmt, records=candidates, columns=columns,
             rows=[[c["sentence"], c["by"], c["area"], c["framework"], c["text"]]
                   for c in candidates], ids=[], title="Candidate pledges (# = sentence)",
             status_column=None, empty_message=None,
             priority=("text", "#", "by", "area", "framework"))
        return
    emit(fmt, records=candidates, columns=COLUMNS,
         rows=[[c[column] for column in COLUMNS] for c in candidates], ids=[])
