"""Time tracker commands in fresh processes, beside Taskwarrior on the same data.

    python bench/run.py                       # writes bench/RESULTS.md: 1k, 10k, 100k, 5 runs
    python bench/run.py --sizes 1000,10000 --runs 3
    python bench/run.py --sizes 10000 --all   # every command, not only the six pairs
    python bench/run.py --sizes 20 --runs 1 --no-taskwarrior --output /tmp/r.md

By default it times the six command pairs of issue #13 (list, show, report,
export, mark, add against their Taskwarrior equivalents) and marks each ratio
against its goal at 10,000 pledges; it also gives `report` over `list` (goal
at 100,000 pledges: at most 2). `--all` adds every other command. The load
average is recorded before and after each size: the machine may be shared.

Each command runs once as a warm-up (file cache, .pyc files) and then `--runs`
times, each in a new process; the table gives the median, min and max wall
time and the peak resident memory of the slowest-memory run (from wait4, per
process). Writing commands start every run from a fresh copy of the database,
so each run does the same work, with the derived-state cache a previous command
leaves beside it (made by an untimed read; `--no-cache` runs without it).
Commands that a user sees on a terminal (`list`'s first page, `report`) run on a
pseudo-terminal, as a user would see them; the rest are piped, as a script
would run them.

When `task` (Taskwarrior) is installed, the equivalent Taskwarrior command is
timed in the same run on the same pledges (TASKRC/TASKDATA in a temp folder)
and the ratio tracker/Taskwarrior is printed. The table is printed and written
between the markers of bench/RESULTS.md (text outside the markers is kept).
"""

from __future__ import annotations

import argparse
import fcntl
import importlib.metadata
import json
import os
import platform
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import TODAY, write_all  # noqa: E402

START_MARK = "<!-- results:start -->"
END_MARK = "<!-- results:end -->"
COLUMNS, LINES = 120, 50
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
PACKAGES = ("pledge-tracker", "typer", "click", "rich", "tinydb", "python-dateutil",
            "platformdirs", "filelock", "orjson", "pydantic")


@dataclass
class Case:
    """One command to time: tracker's arguments and, if any, Taskwarrior's equivalent."""

    name: str
    args: list[str]
    task: list[str] | None = None
    writes: bool = False  # restore the database before every run
    tty: bool = False  # stdout is a pseudo-terminal
    fresh: bool = False  # start from an empty database (import)
    needs: str | None = None  # a command that must exist in `tracker --help`
    goal: str | None = None  # its key in RATIO_GOALS


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


# The six command pairs (#13), side by side with Taskwarrior, and their goals
# as a ratio of Taskwarrior's median at 10,000 pledges.
RATIO_GOALS = {"list": 0.8, "show": 1.0, "report": 1.0, "export": 0.8, "mark": 1.2,
               "add": 3.0}
REPORT_OVER_LIST = 2.0  # at 100,000 pledges `report` costs at most twice `list`


def cases(size: int, data: Path, sample: dict, *, every: bool = False) -> list[Case]:
    """The commands timed at one size; ids and uuids pick the same pledge for both tools.

    The first six are the issue's pairs; `every` adds the other commands.
    """
    pid, uuid, dialogue = sample["id"], sample["uuid"], sample["dialogue"]
    many = sample["many_ids"]
    core = [
        Case("list --area trade --status in-progress (piped tsv)",
             ["list", "--area", "trade", "--status", "in-progress"], ["+trade", "list"],
             goal="list"),
        Case("show ID", ["show", str(pid)], [uuid, "information"], goal="show"),
        Case("report (terminal)", ["report"], ["summary"], tty=True, goal="report"),
        Case("export --format json", ["export", "--format", "json"], ["export"],
             goal="export"),
        Case("mark ID --note", ["mark", str(pid), "--status", "in-progress", "--note",
                                "Réunion tenue à Astana"],
             [uuid, "annotate", "Réunion tenue à Astana"], writes=True, goal="mark"),
        Case("add", ["add", "Ouvrir une liaison aérienne directe Almaty–Ürümqi", "--dialogue",
                     dialogue, "--area", "connectivity", "--due", "2026-06-30"],
             ["add", "Ouvrir une liaison aérienne directe Almaty–Ürümqi",
              f"project:{dialogue}", "+connectivity", "due:2026-06-30"], writes=True,
             goal="add"),
    ]
    if not every:
        return core
    return [
        Case("--version", ["--version"], ["--version"]),
        Case("--help", ["--help"], ["help"]),
        *core,
        Case("dialogue list", ["dialogue", "list"], ["projects"]),
        Case("list (terminal, first page)", ["list"], ["limit:100", "list"], tty=True),
        Case("list --status stalled --format json", ["list", "--status", "stalled", "--format",
                                                     "json"]),
        Case("report --format json", ["report", "--format", "json"]),
        Case("report --as-of (replay)", ["report", "--as-of", "2024-12-31", "--since",
                                         "2024-07-01", "--format", "json"]),
        Case(f"mark {len(many)} IDs", ["mark", *map(str, many), "--status", "in-progress", "--note",
                                       "Revue trimestrielle"],
             [*sample["many_uuids"], "annotate", "Revue trimestrielle"], writes=True),
        Case("edit ID", ["edit", str(pid), "--area", "security"],
             [uuid, "modify", "+security"], writes=True),
        Case("remove ID --yes", ["remove", str(pid), "--yes"], [uuid, "delete"], writes=True),
        Case("history", ["history"], needs="history"),
        Case("undo", ["undo"], ["undo"], writes=True, needs="undo"),
        Case(f"import {size:,} into empty db", ["import", str(data / f"import-{size}.json")],
             ["import", str(data / f"task-{size}.json")], fresh=True),
    ]


# -- running one process ---------------------------------------------------------------------


def _drain(fd: int) -> None:
    """Read a pty's master side until the child closes it, so the child never blocks."""
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def run_once(argv: list[str], env: dict[str, str], *, tty: bool) -> tuple[float, int, int, str]:
    """Run one process; (seconds, exit code, peak RSS in KB, stderr tail)."""
    stderr = tempfile.TemporaryFile()  # noqa: SIM115 — closed below, after the child exits
    master = slave = None
    if tty:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        stdout = slave
    else:
        stdout = subprocess.DEVNULL
    reader = None
    # wait4's ru_maxrss would count this (large) runner's pages copied at fork, so GNU
    # time, a small process, forks the command and reports its own child's peak.
    rss_file = None
    if GNU_TIME:
        rss_file = tempfile.NamedTemporaryFile(prefix="bench-rss-", delete=False)  # noqa: SIM115
        rss_file.close()
        argv = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file.name, *argv]
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=stdout,
                               stderr=stderr)
    if tty:
        os.close(slave)
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if reader is not None:
        reader.join(timeout=5)
        os.close(master)
    stderr.seek(0)
    tail = stderr.read().decode("utf-8", "replace")[-400:]
    stderr.close()
    peak = usage.ru_maxrss
    if rss_file is not None:
        text = Path(rss_file.name).read_text().strip().splitlines()
        os.unlink(rss_file.name)
        peak = int(text[-1]) if text and text[-1].isdigit() else peak
    return elapsed, process.returncode, peak, tail


class Tool:
    """How to run one tool against its copy of the data for one size."""

    def __init__(self, name: str, command: list[str], work: Path) -> None:
        self.name, self.command, self.work = name, command, work

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("TRACKER_", "TASK"))}
        env.update(COLUMNS=str(COLUMNS), LINES=str(LINES), TERM="xterm-256color",
                   LC_ALL="C.UTF-8")
        env.pop("NO_COLOR", None)
        # A user's installed package has .pyc files; an environment that forbids
        # writing them (as some sandboxes do) would time recompiling every module.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("PYTHONUNBUFFERED", None)
        return env

    def prepare(self, case: Case) -> None:
        raise NotImplementedError

    def ok_codes(self, case: Case) -> tuple[int, ...]:
        return (0,)

    def argv(self, case: Case) -> list[str]:
        raise NotImplementedError

    def time(self, case: Case, runs: int) -> Timing:
        timing = Timing()
        for index in range(runs + 1):  # the first run warms the caches and is not counted
            self.prepare(case)
            elapsed, code, peak, tail = run_once(self.argv(case), self.env(), tty=case.tty)
            if code not in self.ok_codes(case):
                raise RuntimeError(f"{self.name} {case.name!r} exited {code}: {tail.strip()}")
            if index:
                timing.seconds.append(elapsed)
                timing.peak_kb = max(timing.peak_kb, peak)
        return timing


class Tracker(Tool):
    def __init__(self, command: list[str], work: Path, db: Path, *, cache: bool = True) -> None:
        super().__init__("tracker", command, work)
        self.pristine, self.db = db, work / "tracker.json"
        self.cache = cache
        self.restore()
        self.dirty = False

    def env(self) -> dict[str, str]:
        env = super().env()
        env.update(TRACKER_DB=str(self.db), TRACKER_TODAY=TODAY.isoformat(),
                   HOME=str(self.work), XDG_DATA_HOME=str(self.work / "xdg"))
        if not self.cache:
            env["TRACKER_NO_CACHE"] = "1"
        return env

    def restore(self) -> None:
        """The pristine database, as the command before left it: with its derived-state
        cache (tracker/derived.py), made by an untimed read. A copy is a new file to
        the cache, which every write after the first keeps up to date; `--no-cache`
        times the other case, the first command after the file changed behind the
        tracker's back (and `TRACKER_NO_CACHE=1`)."""
        shutil.copyfile(self.pristine, self.db)
        if self.cache:
            subprocess.run([*self.command, "dialogue", "list"], env=self.env(),
                           stdout=subprocess.DEVNULL, check=True)

    def prepare(self, case: Case) -> None:
        if case.fresh:
            self.db.unlink(missing_ok=True)
            self.dirty = True
        elif case.writes or self.dirty:
            self.restore()
            self.dirty = case.writes

    def argv(self, case: Case) -> list[str]:
        return [*self.command, *case.args]


class Taskwarrior(Tool):
    RC = ("confirmation=off\nverbose=nothing\nhooks=off\nrecurrence=off\n"
          "news.version=2.6.2\ndateformat=Y-M-D\nbulk=0\n")

    def __init__(self, work: Path, pristine: Path) -> None:
        super().__init__("task", ["task"], work)
        self.pristine, self.data = pristine, work / "taskdata"
        (work / "taskrc").write_text(self.RC, encoding="utf-8")
        self._restore()
        self.dirty = False

    def _restore(self) -> None:
        shutil.rmtree(self.data, ignore_errors=True)
        shutil.copytree(self.pristine, self.data)

    def env(self) -> dict[str, str]:
        env = super().env()
        env.update(TASKRC=str(self.work / "taskrc"), TASKDATA=str(self.data))
        return env

    def prepare(self, case: Case) -> None:
        if case.fresh:
            shutil.rmtree(self.data, ignore_errors=True)
            self.data.mkdir()
            self.dirty = True
        elif case.writes or self.dirty:
            self._restore()
            self.dirty = case.writes

    def argv(self, case: Case) -> list[str]:
        return ["task", *(case.task or [])]

    def ok_codes(self, case: Case) -> tuple[int, ...]:
        # Taskwarrior exits 1 when a filter matches nothing (tiny test databases).
        return (0,) if case.writes else (0, 1)


def taskwarrior_data(data: Path, size: int, work: Path) -> Path:
    """A Taskwarrior data folder holding the size's tasks, built once by `task import`."""
    folder = data / f"taskdata-{size}"
    source = data / f"task-{size}.json"
    stamp = folder / ".source-mtime"
    if stamp.exists() and stamp.read_text() == str(source.stat().st_mtime_ns):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (work / "taskrc").write_text(Taskwarrior.RC, encoding="utf-8")
    env = {**os.environ, "TASKRC": str(work / "taskrc"), "TASKDATA": str(folder)}
    subprocess.run(["task", "import", str(source)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["task", "count"], env=env, check=True, stdout=subprocess.DEVNULL)  # gc
    stamp.write_text(str(source.stat().st_mtime_ns))
    return folder


# -- data, machine, table --------------------------------------------------------------------


def ensure_data(data: Path, size: int, regenerate: bool) -> dict:
    """Generate the size's files unless present; returns the pledge that commands act on."""
    db = data / f"db-{size}.json"
    if regenerate or not all((data / f"{kind}-{size}.json").exists()
                             for kind in ("db", "import", "task")):
        write_all(size, data)
    document = json.loads((data / f"import-{size}.json").read_text(encoding="utf-8"))
    pledges = document["pledges"]
    middle = pledges[len(pledges) // 2]
    step = max(1, len(pledges) // 50)
    many = pledges[::step][:50]
    return {"db": db, "id": middle["id"], "uuid": middle["uuid"],
            "dialogue": middle["dialogue"], "many_ids": [p["id"] for p in many],
            "many_uuids": [p["uuid"] for p in many]}


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    task = "not installed"
    if shutil.which("task"):
        task = subprocess.run(["task", "--version"], capture_output=True, text=True,
                              env={**os.environ, "TASKRC": "/dev/null"}).stdout.strip()
    return [("CPU", cpu), ("cores", str(os.cpu_count())), ("RAM", ram),
            ("OS", platform.platform()), ("Python", platform.python_version()),
            ("packages", ", ".join(versions)), ("Taskwarrior", task),
            ("load average at start", loadavg()
             + " (other work on the machine slows every figure)")]


def verdict(case: Case, size: int, mine: Timing, theirs: Timing | None) -> str:
    """The issue's ratio goal for this row (stated for 10,000 pledges), met or not."""
    limit = RATIO_GOALS.get(case.goal or "")
    if limit is None:
        return ""
    text = f"≤ {limit:.1f} × task"
    if size != 10_000:
        return f"({text} at 10,000)"
    if theirs is None:
        return f"{text}: no task to compare"
    return f"{text}: {'met' if mine.median <= limit * theirs.median else 'NOT met'}"


def report_over_list(size: int, rows: list[tuple[Case, Timing, Timing | None]]) -> list[str]:
    """`report` against `list` at this size (the issue asks ≤ 2× at 100,000 pledges)."""
    timed = {case.goal: mine for case, mine, _ in rows if case.goal}
    if "report" not in timed or "list" not in timed:
        return []
    ratio = timed["report"].median / timed["list"].median
    goal = (f" (goal ≤ {REPORT_OVER_LIST:g}: {'met' if ratio <= REPORT_OVER_LIST else 'NOT met'})"
            if size >= 100_000 else "")
    return [f"`report` / `list`: {ms(timed['report'].median)} / {ms(timed['list'].median)} ms "
            f"= {ratio:.2f}{goal}", ""]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def table(size: int, rows: list[tuple[Case, Timing, Timing | None]], load: tuple[str, str]
          ) -> list[str]:
    lines = [f"### {size:,} pledges", "",
             f"Load average before: {load[0]}; after: {load[1]}.", "",
             "| command | median ms | min | max | peak MB | task median ms | task MB "
             "| ratio | target |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for case, mine, theirs in rows:
        other = ("—", "—", "—") if theirs is None else (
            ms(theirs.median), f"{theirs.peak_kb / 1024:.0f}",
            f"{mine.median / theirs.median:.2f}")
        lines.append(
            f"| `{case.name}` | {ms(mine.median)} | {ms(min(mine.seconds))} | "
            f"{ms(max(mine.seconds))} | {mine.peak_kb / 1024:.0f} | {other[0]} | {other[1]} "
            f"| {other[2]} | {verdict(case, size, mine, theirs)} |")
    return lines + ["", *report_over_list(size, rows)]


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def write_results(path: Path, body: list[str]) -> None:
    block = "\n".join([START_MARK, *body, END_MARK])
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START_MARK in old and END_MARK in old:
        before, rest = old.split(START_MARK, 1)
        after = rest.split(END_MARK, 1)[1]
        text = before + block + after
    else:
        text = ("# Benchmark results\n\nWritten by `python bench/run.py`; "
                "see the README, \"Performance\".\n\n" + block + "\n")
    path.write_text(text, encoding="utf-8")


def tracker_command(explicit: str | None) -> list[str]:
    if explicit:
        return explicit.split()
    beside = Path(sys.executable).parent / "tracker"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("tracker")
    return [found] if found else [sys.executable, "-m", "tracker"]


def _sizes(value: str) -> str:
    """`--sizes`: positive whole numbers, comma-separated (a usage error otherwise)."""
    parts = value.split(",")
    if not all(part.strip().isdigit() and int(part) > 0 for part in parts):
        raise argparse.ArgumentTypeError(f"{value!r} is not a comma-separated list of "
                                         "pledge counts, such as 1000,10000")
    return ",".join(part.strip() for part in parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", type=_sizes,
                        help="comma-separated pledge counts (default: 1000,10000,100000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--data", type=Path, default=HERE / "data",
                        help="where generated data is kept between runs (default bench/data)")
    parser.add_argument("--regenerate", action="store_true", help="regenerate the data")
    parser.add_argument("--all", action="store_true", dest="every",
                        help="time every command, not only the issue's six pairs")
    parser.add_argument("--only", default="",
                        help="comma-separated words; time only commands whose name has one")
    parser.add_argument("--tracker", help="the command to run (default: the venv's tracker)")
    parser.add_argument("--no-taskwarrior", action="store_true",
                        help="do not time Taskwarrior even when `task` is installed")
    parser.add_argument("--no-cache", action="store_true",
                        help="run the tracker with TRACKER_NO_CACHE=1: every command checks "
                             "and works out everything from the file")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md",
                        help="results file (default bench/RESULTS.md)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]  # checked by `_sizes`
    only = [word for word in args.only.split(",") if word]
    command = tracker_command(args.tracker)
    with_task = not args.no_taskwarrior and shutil.which("task") is not None
    probe = subprocess.run([*command, "--help"], capture_output=True, text=True,
                           env={**os.environ, "COLUMNS": "200"})
    listed = probe.stdout

    header = [f"Run at {time.strftime('%Y-%m-%d %H:%M %Z')}: "
              f"`python bench/run.py --sizes {args.sizes} --runs {args.runs}"
              f"{' --all' if args.every else ''}{' --no-cache' if args.no_cache else ''}`"
              f"{'' if with_task else ' (Taskwarrior not timed)'}", "",
              "| machine | |", "| --- | --- |",
              *(f"| {key} | {value} |" for key, value in machine()), ""]
    print("\n".join(header), flush=True)
    body = list(header)
    args.data.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        sample = ensure_data(args.data, size, args.regenerate)
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as temp:
            work = Path(temp)
            (work / "tracker").mkdir()
            tracker = Tracker(command, work / "tracker", sample["db"], cache=not args.no_cache)
            task = None
            if with_task:
                (work / "task").mkdir()
                task = Taskwarrior(work / "task", taskwarrior_data(args.data, size, work))
            rows = []
            load_before = loadavg()
            for case in cases(size, args.data, sample, every=args.every):
                if case.needs and f" {case.needs} " not in listed.replace("\n", " "):
                    continue
                if only and not any(word in case.name for word in only):
                    continue
                mine = tracker.time(case, args.runs)
                theirs = task.time(case, args.runs) if task and case.task else None
                rows.append((case, mine, theirs))
                print(f"  {size:>7,}  {case.name:<40} {ms(mine.median):>7} ms"
                      + (f"   task {ms(theirs.median):>7} ms" if theirs else ""), flush=True)
            lines = table(size, rows, (load_before, loadavg()))
            print("\n".join(lines), flush=True)
            body.extend(lines)
    write_results(args.output, body)
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
