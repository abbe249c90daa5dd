"""`tracker follow-up`: read a later text and propose progress updates on recorded pledges."""

from typing import Annotated

import typer

from tracker import formats
from tracker.cli.common import choose_format, open_store, read_input
from tracker.cli.terminal import terminal
from tracker.errors import InvalidValue

FOLLOW_UP_FORMATS = formats.names("follow-up")
COLUMNS = ("pledge", "status", "progress", "party", "date", "score", "cue", "already_recorded",
           "note", "evidence", "sentence", "why")
LANGUAGES = ("auto", "fr", "en")
SHORT_SENTENCE = 90


def follow_up(
    source: Annotated[str, typer.Argument(
        metavar="FILE",
        help="The later text (news, readout, statistics) as UTF-8, or - for stdin.")],
    dialogue: Annotated[list[str] | None, typer.Option(
        "--dialogue", "-d", metavar="ID",
        help="Only pledges of this dialogue (repeatable). Default: every pledge.")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", metavar="DATE",
        help="The date of events the text does not date itself (its publication date). "
             "Default: today.")] = None,
    source_url: Annotated[str | None, typer.Option(
        "--source", metavar="URL", help="Where the text comes from: each update's evidence.")
    ] = None,
    source_title: Annotated[str | None, typer.Option(
        "--source-title", metavar="TEXT",
        help="The text's title (its headline), kept with the evidence; with --date as its "
             "publication date, reports cite date — outlet — title.")] = None,
    lang: Annotated[str, typer.Option(
        "--lang", metavar="LANG", help="auto, fr or en.")] = "auto",
    output_format: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"Output format: {', '.join(FOLLOW_UP_FORMATS)}. Default: table on a terminal, "
             "tsv when piped.")] = None,
    apply: Annotated[bool, typer.Option(
        "--apply", help="Record the proposals as updates (asks about each on a terminal).")
    ] = False,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="With --apply: take every proposal without asking; needed when "
                            "not on a terminal.")] = False,
) -> None:
    """Propose progress updates from a later text: for each pledge the text bears on,
    the status its events imply (held, signed, entered into force → fulfilled when
    that is what the pledge asked for; grew, launched a first phase → in-progress;
    postponed → stalled; cancelled → broken), the date, the side that acted, the cue
    that was taken and the sentence. Renewed promises ("agreed to continue …") are
    not evidence and give no proposal. Rule-based and offline, French and English.

    With --apply the proposals are recorded as dated updates in one change that a
    single `tracker undo` reverts; proposals already in the log are skipped.

    \b
    Examples:
      tracker follow-up news.txt --date 2025-06-18 --source https://…
      tracker follow-up news.txt -d cn-kz-fmsd-2024 -f json | jq '.[].pledge'
      tracker follow-up news.txt --source https://… --apply --yes
    """
    from tracker.dates import parse_date, today

    if lang.lower() not in LANGUAGES:
        raise InvalidValue(f"unknown language {lang!r} (choose from: {', '.join(LANGUAGES)})")
    fmt = choose_format(output_format, FOLLOW_UP_FORMATS, piped_default="tsv")
    if yes and not apply:
        raise InvalidValue("--yes goes with --apply")
    from tracker.model import check_text

    title = check_text(source_title, "--source-title", required=False)
    if title is not None and source_url is None:
        raise InvalidValue("--source-title describes the --source: give --source too")
    ref = parse_date(date) if date is not None else today()
    if ref > today():
        raise InvalidValue(f"--date {ref.isoformat()} is in the future")
    text, label = _read_text(source)
    if not text.strip():
        terminal.message(f"{label} holds no text: no proposals")
    store = open_store()
    pledges = store.pledges()
    if dialogue:
        wanted = [store.dialogue(d)["id"] for d in dialogue]
        pledges = [p for p in pledges if p["dialogue"] in wanted]
    proposals = []
    if text.strip() and pledges:
        from tracker.followup import read

        dialogues = {d["id"]: d for d in store.dialogues()}
        proposals = [p.to_dict() for p in read(text, pledges, dialogues, lang=lang.lower(),
                                               default_date=ref, source=source_url)]
    _say_found(proposals, label, text, pledges)
    if not apply:
        _show(fmt, proposals)
        return
    # The text's own title and publication date travel with each update it yields.
    cited = {"evidence_title": title,
             "evidence_date": ref.isoformat() if date is not None and source_url else None}
    _apply(proposals, label, yes, cited)


def _read_text(source: str) -> tuple[str, str]:
    """The text, or an empty one when the input is binary (a PDF, an image): no proposals."""
    label = "stdin" if source == "-" else source
    try:
        text, label = read_input(source)
    except InvalidValue as error:
        if "not UTF-8 text" not in error.message:
            raise
        return "", f"{label} (not UTF-8 text)"
    if "\x00" in text:
        return "", f"{label} (binary, not text)"
    return text, label


def _say_found(proposals: list[dict], label: str, text: str, pledges: list[dict]) -> None:
    if not text.strip():
        return
    if not pledges:
        terminal.message("No pledges to follow up: no proposals")
        return
    if not proposals:
        terminal.message(f"Nothing in {label} reports an event on a recorded pledge: "
                         "no proposals")
        return
    known = sum(1 for p in proposals if p["already_recorded"])
    line = f"{len(proposals)} proposed update{'s' if len(proposals) != 1 else ''} from {label}"
    if known:
        line += f" ({known} already recorded)"
    terminal.message(line)


def _show(fmt: str, proposals: list[dict]) -> None:
    from tracker.cli.output import emit

    if fmt == "table":
        rows = [[p["pledge"], p["status"] + (" (recorded)" if p["already_recorded"] else ""),
                 p["date"], f"{p['score']:.2f}", _shorten(p["sentence"])] for p in proposals]
        emit(fmt, records=proposals, columns=("pledge", "status", "date", "score", "sentence"),
             rows=rows, ids=[], title="Proposed updates", status_column=None,
             empty_message=None, no_wrap=("pledge", "status", "date", "score"),
             priority=("sentence", "pledge", "status", "date", "score"))
        return
    emit(fmt, records=proposals, columns=COLUMNS,
         rows=[[p[c] for c in COLUMNS] for p in proposals], ids=[p["pledge"] for p in proposals],
         empty_message=None)


def _shorten(sentence: str) -> str:
    if len(sentence) <= SHORT_SENTENCE:
        return sentence
    return sentence[: SHORT_SENTENCE - 1].rsplit(" ", 1)[0] + "…"


def _apply(proposals: list[dict], label: str, yes: bool, cited: dict) -> None:
    """Record the chosen proposals as updates, in one change that one `undo` reverts."""
    from tracker.cli.common import counted, writing
    from tracker.errors import Refused

    known = [p for p in proposals if p["already_recorded"]]
    if known:
        terminal.message(f"{counted(len(known), 'proposal')} already recorded: skipped")
    chosen = [p for p in proposals if not p["already_recorded"]]
    if not chosen:
        terminal.message("Nothing new to record.")
        return
    if not yes:
        if not terminal.stdin_is_terminal:
            raise Refused(f"record {counted(len(chosen), 'proposed update')}? refused: not a "
                          "terminal; pass --yes to take them all")
        chosen = _ask_each(chosen)
        if not chosen:
            terminal.message("Nothing recorded.")
            return
    from datetime import date

    from tracker.actions import log_update
    from tracker.dates import now_timestamp

    stamp = now_timestamp()
    lines = []
    with writing(f"follow-up {label} --apply") as store:
        for proposal in chosen:
            pledge, update = log_update(
                store, proposal["pledge"], day=date.fromisoformat(proposal["date"]),
                status=proposal["status"], progress=proposal["progress"],
                note=proposal["note"], evidence=proposal["evidence"],
                party=proposal["party"], stamp=stamp,
                **(cited if proposal["evidence"] else {}))
            who = f" ({update['party']})" if update["party"] else ""
            lines.append(f"Pledge {pledge['id']}{who}: logged {update['status']} as of "
                         f"{update['date']}; now {pledge['status']} ({pledge['progress']}%)")
        store.command = f"follow-up {label} --apply ({counted(len(lines), 'update')})"
    for line in lines:
        terminal.message(line)
    terminal.message(f"Recorded {counted(len(lines), 'update')} from {label} "
                     "(one `tracker undo` reverts them)")


def _ask_each(proposals: list[dict]) -> list[dict]:
    """On a terminal: yes, no or another status for each proposal; q keeps what was taken."""
    from tracker.model import STATUSES

    taken = []
    for proposal in proposals:
        terminal.message(f"\nPledge {proposal['pledge']}: {proposal['status']} on "
                         f"{proposal['date']}" + (f" ({proposal['party']})"
                                                  if proposal["party"] else "")
                         + f" — score {proposal['score']:.2f}, cue '{proposal['cue']}'")
        terminal.message(f"  {_shorten(proposal['sentence'])}")
        answer = typer.prompt("Record it? [y]es, [n]o, [e]dit status, [q]uit", default="y",
                              err=True).strip().lower()
        if answer.startswith("q"):
            break
        if answer.startswith("e"):
            status = typer.prompt(f"Status ({', '.join(s for s in STATUSES if s != 'pledged')})",
                                  default=proposal["status"], err=True).strip().lower()
            if status not in STATUSES:
                terminal.message(f"  unknown status {status!r}: skipped")
                continue
            proposal = {**proposal, "status": status,
                        "progress": proposal["progress"] if status == proposal["status"]
                        else None}
            answer = "y"
        if answer.startswith("y"):
            taken.append(proposal)
    return taken
