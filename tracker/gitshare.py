"""Sharing a database through git (SPEC §9): registering the merge and diff drivers.

git decides how to merge and diff a file from two places: `.gitattributes`
(committed, so every clone reads the same line) names a driver for the file,
and each clone's own `.git/config` says what command that driver runs. The
config is never pushed or cloned, so each analyst runs `tracker git-setup` once
in their clone; `missing_driver` notices a clone where that was forgotten.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.errors import InvalidValue, Refused

DRIVER = "tracker"  # the name in `merge=tracker diff=tracker` and `[merge "tracker"]`
ATTRIBUTES = f"merge={DRIVER} diff={DRIVER}"
COMMIT_MESSAGE = "Merge and diff tracker databases by meaning (tracker git-setup)"


def tracker_command() -> str:
    """This very tracker, by absolute path, as a shell command (git runs drivers via sh)."""
    import shlex

    return f"{shlex.quote(os.path.abspath(sys.executable))} -m tracker"


def driver_config() -> dict[str, str]:
    """The git config entries `git-setup` writes into a clone."""
    command = tracker_command()
    return {
        f"merge.{DRIVER}.name": "pledge tracker: merge databases by meaning",
        f"merge.{DRIVER}.driver": f"{command} merge %O %A %B",
        f"diff.{DRIVER}.textconv": f"{command} textconv",
    }


@dataclass
class SetupReport:
    """What `git-setup` did (nothing, on a clone already set up)."""

    repo: Path
    pattern: str
    config_set: list[str] = field(default_factory=list)  # keys written or corrected
    attributes_added: bool = False
    ignore_added: bool = False
    committed: bool = False


def _git(repo: Path, *args: str, check: bool = True) -> Any:
    """`git -C repo ARGS`, its output captured; a failure refused with git's own last line."""
    import subprocess

    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                              text=True, env=env)
    except FileNotFoundError:
        raise Refused("git is not installed (or not on PATH)",
                      hint="install git, then run `tracker git-setup` again") from None
    if check and done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise Refused(f"git {args[0]} failed in {repo}: "
                      f"{detail[-1] if detail else f'exit {done.returncode}'}")
    return done


def repository_root(folder: Path) -> Path:
    """The top folder of the git work tree holding `folder`; refuses when there is none."""
    if not folder.is_dir():
        raise InvalidValue(f"{folder} is not a folder")
    done = _git(folder, "rev-parse", "--show-toplevel", check=False)
    if done.returncode != 0:
        raise InvalidValue(f"{folder} is not inside a git repository",
                           hint=f"run `git init` in {folder}, or give --repo DIR")
    return Path(done.stdout.strip()).resolve()


def _anchored(database: Path, root: Path) -> str:
    """The database's path from the repository's root, as git patterns anchor it."""
    target = Path(os.path.realpath(database))
    try:
        return "/" + target.relative_to(root).as_posix()
    except ValueError:
        raise InvalidValue(f"the database {database} is not inside the repository {root}",
                           hint=f"point --db (or TRACKER_DB) at the file in the repository, "
                                f"e.g. --db {root / 'tracker.json'}") from None


def attribute_pattern(database: Path, root: Path) -> str:
    """The `.gitattributes` pattern naming the database: its path from the root, anchored."""
    pattern = _anchored(database, root)
    if any(ch in pattern for ch in ' "\\\t*?[') or not pattern.isprintable():
        # gitattributes takes a C-style quoted pattern for such names: the glob characters
        # are escaped first (so the name matches only itself), then the whole is quoted.
        quoted = (_glob_escaped(pattern).replace("\\", "\\\\").replace('"', '\\"')
                  .replace("\t", "\\t"))
        pattern = '"' + quoted + '"'
    return pattern


def _glob_escaped(pattern: str) -> str:
    """A path as a git pattern that matches only itself: `*`, `?`, `[` and `\\` escaped."""
    return "".join("\\" + ch if ch in "*?[\\" else ch for ch in pattern)


def ignore_pattern(database: Path, root: Path) -> str | None:
    """The `.gitignore` pattern naming the database: no quoting there, only the glob
    characters escaped (a suffix always follows, so no trailing space needs one); None
    for a name a line cannot hold (a tab, a newline)."""
    pattern = _anchored(database, root)
    if not pattern.isprintable():
        return None
    return _glob_escaped(pattern)


def _names_driver(line: str) -> bool:
    """Whether a `.gitattributes` line gives some file the tracker's merge driver."""
    parts = line.split()
    return bool(parts) and not parts[0].startswith("#") and f"merge={DRIVER}" in parts[1:]


def set_up(root: Path, database: Path) -> SetupReport:
    """Register the drivers in `root`'s clone and commit the attributes line; idempotent."""
    pattern = attribute_pattern(database, root)
    report = SetupReport(repo=root, pattern=pattern)
    for key, value in driver_config().items():
        now = _git(root, "config", "--local", "--get", key, check=False).stdout.rstrip("\n")
        if now != value:
            _git(root, "config", "--local", key, value)
            report.config_set.append(key)
    wanted = f"{pattern} {ATTRIBUTES}"
    report.attributes_added = _add_line(root / ".gitattributes", wanted)
    # The lock file beside the database, the derived-state cache (tracker/derived.py)
    # and the backup an upgrade leaves are this clone's business: never committed.
    plain = ignore_pattern(database, root)
    ignored = [_add_line(root / ".gitignore", plain + suffix)
               for suffix in (".lock", ".cache", ".*.bak")] if plain is not None else []
    report.ignore_added = any(ignored)
    files = [".gitattributes", ".gitignore"] if (root / ".gitignore").exists() else [
        ".gitattributes"]
    tracked = _git(root, "ls-files", "--error-unmatch", *files, check=False)
    dirty = _git(root, "status", "--porcelain", "--", *files).stdout.strip()
    if tracked.returncode != 0 or dirty:
        _git(root, "add", "--", *files)
        # Only these files: whatever else the analyst has staged stays staged, uncommitted.
        done = _git(root, "commit", "--quiet", "-m", COMMIT_MESSAGE, "--", *files, check=False)
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise Refused(
                "the drivers are registered and .gitattributes is written, but git could not "
                f"commit it: {detail[-1] if detail else done.returncode}",
                hint=f"commit {' and '.join(files)} yourself (git commit {' '.join(files)}) "
                     "so that clones get them")
        report.committed = True
    return report


def _add_line(path: Path, line: str) -> bool:
    """Append `line` to a text file unless it has it already; True if it was added."""
    from tracker.store import write_atomically

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    if any(existing.strip() == line for existing in text.splitlines()):
        return False
    separator = "" if not text or text.endswith("\n") else "\n"
    write_atomically(path, (text + separator + line + "\n").encode("utf-8"),
                     new_file_mode=0o644)
    return True


def _git_dir(root: Path) -> Path | None:
    """The folder holding this clone's config: `.git`, or the main one for a worktree."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    try:
        text = dot_git.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not text.startswith("gitdir:"):
        return None
    git_dir = (root / text[len("gitdir:"):].strip()).resolve()
    try:
        common = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except OSError:
        return git_dir
    return (git_dir / common).resolve()


def missing_driver(database: Path) -> Path | None:
    """The clone holding `database`, when its `.gitattributes` names the tracker's merge
    driver but its config does not define it (`git-setup` not run there); else None.

    Only reads two small files, without running git, so every command can afford it.
    """
    try:
        folder = Path(os.path.realpath(database)).parent
    except (OSError, ValueError):
        return None
    for root in (folder, *folder.parents):
        if not (root / ".git").exists():
            continue
        try:
            attributes = (root / ".gitattributes").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if not any(_names_driver(line) for line in attributes.splitlines()):
            return None
        git_dir = _git_dir(root)
        if git_dir is None:
            return None
        try:
            config = (git_dir / "config").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return root
        defined = any(line.strip().replace(" ", "").lower() == f'[merge"{DRIVER}"]'
                      for line in config.splitlines())
        return None if defined else root
    return None
