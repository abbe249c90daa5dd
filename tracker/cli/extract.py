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
COLUMNS = ("sentence", "by", "kind", "cue", "due", "area", "framework", "text", "quote")
# A progress bar step, in characters: a text of 200 KB or more (1,000 steps) shows a bar.
PROGRESS_STEP = 200
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
        "--add", help="Record the commitments found as pledges of the dialogue (asks first).")
    ] = False,
    include_proposals: Annotated[bool, typer.Option(
        "--include-proposals", help="With --add: record proposals (calls by one side) too.")
    ] = False,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="With --add: do not ask; needed when not on a terminal.")
    ] = False,
) -> None:
    """Propose the pledges a readout contains: one candidate per commitment, with who
    made it (from the dialogue's parties and participants), its kind (commitment, or
    proposal: a call by one side's minister), the cue that made it a pledge, the
    deadline the clause names (relative ones count from the dialogue's date), a
    suggested area and framework, and the clause as written. Rule-based and offline,
    French and English; the whole text is read, however long.

    With --add the commitments are recorded as pledges in one change (with
    --include-proposals, the proposals too), which a single `tracker undo` reverts;
    their new ids are printed on stdout.

    \b
    Examples:
      tracker extract readout.txt --dialogue cn-kz-fmsd-2024
      tracker extract readout.txt -d cn-kz-fmsd-2024 --format json | jq '.[].text'
      tracker extract readout.txt -d cn-kz-fmsd-2024 --add --yes
      tracker extract readout.txt -d cn-kz-fmsd-2024 --add --include-proposals -y
    """
    if lang.lower() not in LANGUAGES:
        raise InvalidValue(f"unknown language {lang!r} (choose from: {', '.join(LANGUAGES)})")
    if include_proposals and not add:
        raise InvalidValue("--include-proposals goes with --add (every kind is shown without it)")
    fmt = choose_format(output_format, EXTRACT_FORMATS, piped_default="tsv")
    text, label = read_input(source)
    if not text.strip():
        raise InvalidValue(f"{label} holds no text")
    current = open_store()
    parent = current.dialogue(dialogue)
    from tracker.extract import extract as find_candidates

    with terminal.progress("Reading the readout") as advance:
        progress = None if advance is None else _in_steps(advance)
        candidates = [c.to_dict() for c in find_candidates(text, parent, lang.lower(), progress)]
    terminal.message(f"{len(candidates)} candidate pledge{'s' if len(candidates) != 1 else ''} "
                     f"found in {label}")
    if not add:
        _show(fmt, candidates)
        return
    if not include_proposals:
        proposals = sum(1 for c in candidates if c["kind"] == "proposal")
        candidates = [c for c in candidates if c["kind"] != "proposal"]
        if proposals:
            terminal.message(f"{counted(proposals, 'proposal')} left out "
                             "(--include-proposals records them too)")
        if not candidates:
            terminal.message(f"No commitment to record in {parent['id']}.")
            return
    # Running --add again on the same readout must not record every pledge twice.
    candidates = _new_only(candidates, current.pledges(), parent["id"])
    if not candidates:
        terminal.message(f"Nothing new to record in {parent['id']}.")
        return
    # With --add, stdout carries the new ids (as `tracker add` does): candidates go to stderr.
    for candidate in candidates:
        due = f" (due {candidate['due']})" if candidate["due"] else ""
        kind = " [proposal]" if candidate["kind"] == "proposal" else ""
        terminal.message(f"  [{candidate['sentence']}] {', '.join(candidate['by'])}{kind}: "
                         f"{candidate['text']}{due}")
    confirm_or_refuse(f"Record these {len(candidates)} pledges in {parent['id']}?", yes,
                      action=("recorded", "record them"))
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
                "due": candidate["due"],
                "tags": ["extracted"] + (["proposal"] if candidate["kind"] == "proposal" else []),
                "updates": [],
            }, target["id"], stamp=stamp)
            new_ids.append(pledge["id"])
        store.command = f"extract {label} --add ({len(new_ids)} pledges)"
    terminal.write("".join(f"{pledge_id}\n" for pledge_id in new_ids))
    which = (f"id {new_ids[0]}; `tracker undo` reverts it" if len(new_ids) == 1 else
             f"ids {new_ids[0]}–{new_ids[-1]}; one `tracker undo` reverts them")
    terminal.message(f"Recorded {counted(len(new_ids), 'pledge')} in {target['id']} ({which})")


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
        columns = ("#", "by", "kind", "due", "area", "framework", "text")
        emit(fmt, records=candidates, columns=columns,
             rows=[[c["sentence"], c["by"], c["kind"], c["due"], c["area"], c["framework"],
                    c["text"]] for c in candidates], ids=[],
             title="Candidate pledges (# = sentence)",
             status_column=None, empty_message=None,
             priority=("text", "#", "by", "kind", "due", "area", "framework"))
        return
    emit(fmt, records=candidates, columns=COLUMNS,
         rows=[[c[column] for column in COLUMNS] for c in candidates], ids=[])


def _in_steps(advance):
    """The terminal's progress bar fed in steps of `PROGRESS_STEP` characters."""
    def progress(done: int, total: int) -> None:
        steps = total // PROGRESS_STEP
        # The bar redraws every 200 steps: report whole hundreds of steps, and the end.
        advance(steps if done >= total else done // PROGRESS_STEP // 200 * 200, steps)
    return progress
