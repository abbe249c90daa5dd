"""`tracker git-setup`, `tracker merge` and the diff driver: a database shared through git."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.common import counted, db_path
from tracker.cli.terminal import terminal


def git_setup(
    repo: Annotated[Path | None, typer.Option(
        "--repo", metavar="DIR",
        help="The git repository (default: the one holding the database).",
        show_default=False)] = None,
) -> None:
    """Let git merge and diff the database by meaning; run it once in each clone.

    Writes a `.gitattributes` line naming the database file (and commits it, so
    every clone gets it), and registers in this clone's git config a merge
    driver (`tracker merge %O %A %B`) and a diff driver that shows changes
    pledge by pledge, field by field. git never copies its config between
    clones: every colleague runs `tracker git-setup` once in their own clone.
    Running it again changes nothing.

    \b
    Examples:
      cd ~/desk && git init && tracker --db tracker.json git-setup
      TRACKER_DB=~/desk/tracker.json tracker git-setup
      tracker --db ~/desk/tracker.json git-setup --repo ~/desk
    """
    from tracker.gitshare import repository_root, set_up

    database = db_path().expanduser()
    start = repo.expanduser() if repo is not None else Path(database).resolve().parent
    root = repository_root(start)
    report = set_up(root, database)
    if report.config_set:
        terminal.message(f"Registered the merge and diff drivers in {root / '.git' / 'config'}")
    if report.attributes_added:
        terminal.message(f"Added `{report.pattern} merge=tracker diff=tracker` to "
                         f"{root / '.gitattributes'}")
    if report.ignore_added:
        terminal.message(f"Added the lock file and upgrade backups to {root / '.gitignore'}")
    if report.committed:
        terminal.message("Committed them: push so your colleagues' clones get it "
                         "(each of them runs `tracker git-setup` once too)")
    if not (report.config_set or report.attributes_added or report.ignore_added
            or report.committed):
        terminal.message(f"Already set up: git merges {report.pattern} in {root} by meaning")


def merge(
    base: Annotated[Path, typer.Argument(
        metavar="BASE", help="The common ancestor (git's %O).", show_default=False)],
    ours: Annotated[Path, typer.Argument(
        metavar="OURS", help="Our version, replaced by the result (git's %A).",
        show_default=False)],
    theirs: Annotated[Path, typer.Argument(
        metavar="THEIRS", help="Their version (git's %B).", show_default=False)],
) -> None:
    """Merge two versions of a database by meaning into OURS (git's merge driver).

    Records added on either side are kept (a pledge id taken on both sides is
    renumbered on their side, and the merge says so); updates are unioned; a
    field changed on both sides takes the later change, and the merge's entry
    in `tracker history` keeps the other value, which `tracker undo` restores.
    A record removed on one side and changed on the other is kept, with a
    warning. The change logs are unioned; the merge is one more change.

    OURS is replaced atomically, never with conflict markers. If a side is not
    a tracker database or was written by a newer version, the merge fails
    (exit 3) and leaves OURS as it was, so git reports a conflict; so does a
    file that does not exist (exit 1).

    \b
    Examples:
      tracker merge base.json mine.json theirs.json
      git config merge.tracker.driver   # what `tracker git-setup` registered
    """
    from tracker.errors import DatabaseError, InvalidValue
    from tracker.merge import merge as merge_databases
    from tracker.merge import read_side
    from tracker.store import encode, write_atomically

    missing = next((path for path in (base, ours, theirs) if not path.exists()), None)
    if missing is not None:
        # git always passes three files (an empty one for no BASE): a missing one is a typo.
        raise InvalidValue(f"no such file: {missing}; OURS was left as it was")
    for side, path in (("OURS", ours), ("THEIRS", theirs)):
        if not path.read_bytes().strip():
            # Only BASE may be empty (both sides created the file): an empty side is a
            # truncated file, and merging it would remove every record the other holds.
            raise DatabaseError(f"{path} ({side}) is empty, not a pledge-tracker database; "
                                "OURS was left as it was",
                                hint="git reports a conflict on this file: see \"When git "
                                     "reports a conflict\" in the README")
    try:
        sides = [read_side(path) for path in (base, ours, theirs)]
    except DatabaseError as error:
        raise DatabaseError(error.message.replace("; the file was left untouched", "")
                            + "; OURS was left as it was",
                            hint="git reports a conflict on this file: see \"When git reports "
                                 "a conflict\" in the README") from None
    original = ours.read_bytes()
    result = merge_databases(*sides, ours)
    for note in result.notes:
        terminal.message(note)
    for warning in result.warnings:
        terminal.warn(warning)
    for conflict in result.conflicts:
        what = f"pledge {conflict.key}" if conflict.table == "pledges" else \
            f"dialogue {conflict.key}"
        terminal.message(f"{what}: {conflict.field} changed on both sides; kept the later "
                         "change (the other is in `tracker history`)")
    summary = _summary(result.store.changes)
    change_id = result.store.commit()
    if change_id is None:
        content = encode(result.data)
        if content != original:
            # No change to record (their side only added to the log): still write the
            # union, so that both clones end with the same file.
            write_atomically(ours, content)
        terminal.message("Merged by meaning: their side brought no change to the records")
    else:
        terminal.message(f"Merged by meaning as change #{change_id}: {summary} "
                         "(`tracker undo` reverts it)")


def _summary(changes: list[dict]) -> str:
    """`2 pledges added, 1 pledge changed`: what the merge did to our side."""
    done = {"add": "added", "update": "changed", "remove": "removed"}
    counts: dict[tuple[str, str], set] = {}
    for change in changes:
        counts.setdefault((change["table"], change["op"]), set()).add(change["key"])
    parts = [f"{counted(len(counts[(table, op)]), noun)} {verb}"
             for table, noun in (("pledges", "pledge"), ("dialogues", "dialogue"))
             for op, verb in done.items() if (table, op) in counts]
    return ", ".join(parts)


def textconv(
    file: Annotated[Path, typer.Argument(metavar="FILE", show_default=False,
                                         help="A database file.")],
) -> None:
    """Print a database as text for `git diff` (the diff driver `git-setup` registers)."""
    from tracker.errors import DatabaseError
    from tracker.render.git_text import database_text
    from tracker.store import load_file

    try:
        data = load_file(file)
    except DatabaseError:
        # Not a database (a conflicted or hand-broken file): show it as it is.
        terminal.write(file.read_bytes().decode("utf-8", errors="replace"))
        return
    terminal.write(database_text(data))


def warn_if_not_set_up(database: Path) -> None:
    """Say so when this clone's `.gitattributes` names the merge driver but git lacks it."""
    from tracker.gitshare import missing_driver

    root = missing_driver(database.expanduser())
    if root is not None:
        terminal.warn(f"{root} shares the database through git, but `tracker git-setup` has "
                      "not been run in this clone: run it once, or `git pull` will merge "
                      "the database line by line")
