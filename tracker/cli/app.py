"""The `tracker` command: global options, command wiring and the single exit point
that turns the project's errors into a message and an exit code (SPEC §6)."""

import errno
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from tracker import __version__
from tracker.cli.context import RunOptions
from tracker.errors import EXIT_REQUEST, EXIT_USAGE, TrackerError

# Writing stdout can fail like this when it is a file (`export > file` on a full disk).
OUTPUT_FAILURES = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)
INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C (128 + SIGINT)


class TrackerGroup(TyperGroup):
    """The single exit point: every outcome becomes one message on stderr and an exit code.

    `main` runs the CLI library without its own error printing (standalone
    mode off) so that usage errors, interruptions and a closed stdout are
    reported the way SPEC §6 says; `invoke` maps the project's errors.
    """

    def main(self, args=None, prog_name=None, complete_var=None,  # type: ignore[override]
             standalone_mode: bool = True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        args = list(sys.argv[1:] if args is None else args)
        try:
            args = _completion_arguments(args)
            outcome = super().main(args, prog_name, complete_var, standalone_mode=False,
                                   **extra)
            code = outcome if isinstance(outcome, int) else 0
        except BrokenPipeError:
            code = _reader_left()
        except KeyboardInterrupt:
            code = _interrupted()
        except Exception as error:  # noqa: BLE001 — only the CLI library's own get here
            if not _is_click_exception(error):
                raise
            code = _report_click_error(error)
        try:
            # Flush now, inside the handler: a failure at interpreter exit would print a
            # warning and exit 120 (the Python docs' advice for SIGPIPE).
            sys.stdout.flush()
        except BrokenPipeError:
            code = _reader_left()
        except OSError as error:
            if error.errno not in OUTPUT_FAILURES:
                raise
            code = _output_failed(error)
        sys.exit(code)

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        from tracker.cli.context import running
        from tracker.cli.terminal import terminal

        try:
            with running(ctx):
                return super().invoke(ctx)
        except TrackerError as error:
            terminal.error(error.message, error.hint)
            raise typer.Exit(error.exit_code) from None
        except typer.Exit:
            raise
        except (typer.Abort, KeyboardInterrupt, EOFError):
            # Ctrl-C or end of input (at the `remove` prompt, say): the store writes only
            # when a command finishes, so leaving here changes nothing.
            raise typer.Exit(_interrupted()) from None
        except BrokenPipeError:
            # `tracker list | head`: the reader left; that is not an error.
            _silence_stdout()
            raise typer.Exit(0) from None
        except OSError as error:
            if error.errno not in OUTPUT_FAILURES:
                raise
            # The database's own writes report these as DatabaseError: this is stdout
            # (`export > file` on a full disk).
            raise typer.Exit(_output_failed(error)) from None
        except Exception as error:  # noqa: BLE001 — the last line of defence
            if _is_click_exception(error):
                raise  # usage errors: `main` reports them
            if os.environ.get("TRACKER_DEBUG") == "1":
                raise
            terminal.error(
                f"unexpected failure: {type(error).__name__}: {error}",
                "nothing was written; rerun with TRACKER_DEBUG=1 to see the traceback "
                "and report it",
            )
            raise typer.Exit(EXIT_REQUEST) from None


COMPLETION_OPTIONS = ("--install-completion", "--show-completion")


def _completion_arguments(args: list[str]) -> list[str]:
    """`--install-completion [SHELL]` among the global options: the shell may be left
    out (the one running is meant, passed on as ""), but nothing may follow it."""
    index = 0
    while index < len(args):
        word = args[index]
        if word in COMPLETION_OPTIONS:
            rest = args[index + 1:]
            if rest and not rest[0].startswith("-"):
                if rest[1:]:
                    from typer import BadParameter

                    raise BadParameter(f"{word} takes one shell name, then nothing: "
                                       f"unexpected {' '.join(rest[1:])!r}")
                return args
            return [*args[:index + 1], "", *rest]
        if word == "--db":
            index += 2
        elif word.startswith("--db=") or word == "--version":
            index += 1
        else:
            return args
    return args


def _report_click_error(error: Exception) -> int:
    """The CLI library's exceptions as SPEC §6 lines; returns the exit code."""
    from tracker.cli.terminal import terminal

    kind = {cls.__name__ for cls in type(error).__mro__}
    if "Abort" in kind:  # Ctrl-C or end of input at a prompt
        return _interrupted()
    if "NoArgsIsHelpError" in kind:  # `tracker` or `tracker dialogue` alone: the help
        error.show()  # type: ignore[attr-defined]
        return EXIT_USAGE
    message = _sentence(error.format_message())  # type: ignore[attr-defined]
    if "UsageError" in kind:
        ctx = getattr(error, "ctx", None)
        command = ctx.command_path if ctx is not None else "tracker"
        terminal.error(message, f"see '{command} --help'")
        return EXIT_USAGE
    terminal.error(message)
    return getattr(error, "exit_code", EXIT_REQUEST)


def _sentence(message: str) -> str:
    """`Missing option '--dialogue'.` → `missing option '--dialogue'`, as our own errors read."""
    message = " ".join(message.split()).rstrip(".")
    return message[:1].lower() + message[1:]


def _interrupted() -> int:
    from tracker.cli.terminal import terminal

    # A write happens only when its command finishes, so an interruption before then
    # leaves the database as it was.
    terminal.error("interrupted; nothing was changed")
    return INTERRUPTED


def _output_failed(error: OSError) -> int:
    from tracker.cli.terminal import terminal

    _silence_stdout()
    terminal.error(f"cannot write the output: {error.strerror}",
                   "the output is incomplete; the database was not changed")
    return EXIT_REQUEST


def _reader_left() -> int:
    _silence_stdout()
    return 0


def _is_click_exception(error: BaseException) -> bool:
    names = {cls.__name__ for cls in type(error).__mro__}
    return bool(names & {"ClickException", "UsageError", "Exit", "Abort"})


def _silence_stdout() -> None:
    """Point stdout at /dev/null so nothing more (not even the exit flush) hits the pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    cls=TrackerGroup,
    name="tracker",
    help="Record the pledges made at diplomatic dialogues and follow them until they are "
         "kept or broken.",
    epilog=(
        "\b\nExamples:\n"
        "  tracker import sample_data/cn-kz-strategic-dialogue.json\n"
        "  tracker dialogue add 'Strategic Dialogue' --date 2024-03-29 \\\n"
        "      --party China --party Kazakhstan\n"
        "  id=$(tracker add 'Expand BRI trade' --dialogue cn-kz-fmsd-2024 --area trade)\n"
        "  tracker mark $id --status in-progress --note 'Trade up 7%' --evidence URL\n"
        "  tracker report"
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,  # ours below: a named shell is honoured, others refused
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


def _install_completion(ctx: typer.Context, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from tracker.cli import completion

    shell = completion.chosen_shell(value)
    written = completion.install(shell)
    typer.echo(f"{shell} completion installed in {written[0]}"
               + (f" (loaded from {written[1]})" if len(written) > 1 else ""))
    typer.echo("It takes effect in a new terminal; installing again changes nothing.")
    raise typer.Exit()


def _show_completion(ctx: typer.Context, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from tracker.cli import completion

    typer.echo(completion.script(completion.chosen_shell(value)))
    raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[Path | None, typer.Option(
        "--db", metavar="PATH", envvar="TRACKER_DB", show_envvar=True,
        help="The database file. Default: tracker.json in your user data folder.")] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True,
        help="Show the version and exit.")] = False,
    install_completion: Annotated[str | None, typer.Option(
        "--install-completion", metavar="[SHELL]", is_eager=True, expose_value=False,
        callback=_install_completion,
        help="Install completion for SHELL (bash, zsh, fish or powershell; "
             "default: the shell you are in) and exit.")] = None,
    show_completion: Annotated[str | None, typer.Option(
        "--show-completion", metavar="[SHELL]", is_eager=True, expose_value=False,
        callback=_show_completion,
        help="Print the completion script for SHELL, to install it yourself.")] = None,
) -> None:
    """Record the pledges made at diplomatic dialogues and follow them until they are kept
    or broken."""
    # Named on the command line, not taken from $TRACKER_DB (compared by name: the CLI
    # library keeps ParameterSource in a private module).
    source = getattr(ctx.get_parameter_source("db"), "name", None)
    ctx.obj = RunOptions(db_path=db.expanduser() if db is not None else None,
                         db_named=source == "COMMANDLINE")
    if ctx.invoked_subcommand not in ("git-setup", "merge", "textconv"):
        from tracker.cli.sharing import warn_if_not_set_up

        warn_if_not_set_up(ctx.obj.database())


# Each command: its module in tracker.cli and the function there, in `--help` order.
COMMANDS = {
    "dialogue": ("dialogue", "app"),
    "add": ("add", "add"),
    "list": ("list_", "list_pledges"),
    "show": ("show", "show"),
    "mark": ("mark", "mark"),
    "edit": ("edit", "edit"),
    "remove": ("remove", "remove"),
    "report": ("report", "report"),
    "export": ("export", "export"),
    "import": ("importer", "import_file"),
    "assess": ("assess", "assess"),
    "extract": ("extract", "extract"),
    "follow-up": ("followup", "follow_up"),
    "history": ("history", "history"),
    "undo": ("undo", "undo"),
    "git-setup": ("sharing", "git_setup"),
    "merge": ("sharing", "merge"),
    "textconv": ("sharing", "textconv"),
}
HIDDEN = frozenset({"textconv"})
# The one-line summaries of `tracker --help` (each command's own --help says the rest):
# click would cut the first sentence of the docstring mid-phrase instead.
SUMMARIES = {
    "add": "Record a pledge; prints its id alone on stdout.",
    "list": "List pledges, filtered and sorted.",
    "show": "Show one pledge with its whole update log.",
    "mark": "Log dated progress on pledges, with evidence.",
    "edit": "Change a pledge's fields.",
    "remove": "Remove pledges.",
    "report": "The status report, with compliance scores.",
    "export": "Export dialogues and pledges: JSON, NDJSON, CSV, a score sheet.",
    "import": "Import dialogues and pledges from JSON, NDJSON or CSV.",
    "assess": "Record an assessment round from a score sheet.",
    "extract": "Propose the pledges a readout contains.",
    "follow-up": "Propose progress updates from a later text.",
    "history": "Show the change log, newest first.",
    "undo": "Revert the last change (undo --redo brings it back).",
    "git-setup": "Let git merge and diff the database by meaning.",
    "merge": "Merge two versions of a database (git's merge driver).",
}


def _register(only: str | None = None) -> None:
    """Wire the commands into `app`: all of them, or with `only` just that one.

    The console script names the command it runs (tracker.cli.launch): typer
    turns every registered function into a click command before it runs any,
    which for all twenty cost about 35 ms on each run.
    """
    import importlib

    for name, (module_name, function) in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(f"tracker.cli.{module_name}")
        if name == "dialogue":
            app.add_typer(module.app, name="dialogue")
        else:
            app.command(name, hidden=name in HIDDEN,
                        short_help=SUMMARIES.get(name))(getattr(module, function))
    if only is None:
        # A shell's completion request runs `tracker` alone, so every command is wired;
        # one command run by name has nothing to complete (and saves the 4 ms).
        from tracker.cli import completion

        completion.attach(app)


def _command_asked_for() -> str | None:
    """The command the console script was started for, when it can be told for sure."""
    from tracker import cli

    return cli.only_command if cli.only_command in COMMANDS else None


_register(_command_asked_for())


def main() -> None:
    """Console-script entry point."""
    app(prog_name="tracker")
