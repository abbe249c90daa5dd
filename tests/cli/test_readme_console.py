"""The README's console excerpts are what a real terminal shows, command by command.

Every ```console block runs in order in one shell, on a pseudo-terminal 80 columns
wide (no colour), as a reader following the tour would. A `…` line in an excerpt
stands for any number of lines; a command shown without output is run, not compared.
"""

import os
import pty
import re
import select
import subprocess

from conftest import REPO, SAMPLE, tracker_exe

MARK = "@@@ command "
README_TODAY = "2026-11-30"  # the day the tour's excerpts were taken (its mark is 2026-09-14)


def console_steps() -> list[tuple[str, list[str]]]:
    """(command, expected lines) for every `$ …` line of the README's console blocks."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL):
        lines = block.splitlines()
        while lines:
            line = lines.pop(0)
            assert line.startswith("$ "), f"console output with no command: {line!r}"
            command = line[2:]
            while command.endswith("\\"):
                command = command[:-1] + " " + lines.pop(0).strip()
            expected = []
            while lines and not lines[0].startswith("$ "):
                expected.append(lines.pop(0))
            steps.append((command, expected))
    return steps


def run_on_a_terminal(script: str, cwd, env) -> str:
    """Run a bash script with stdin, stdout and stderr on one pseudo-terminal."""
    leader, follower = pty.openpty()
    os.set_blocking(leader, False)
    process = subprocess.Popen(["bash", "-c", script], cwd=cwd, env=env, stdin=follower,
                               stdout=follower, stderr=follower, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the script is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        elif process.poll() is not None:
            break
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def matches(expected: list[str], actual: list[str]) -> bool:
    """`actual` is `expected`, line by line, where a `…` line stands for any lines."""
    if not expected:
        return not actual
    if expected[0] == "…":
        return any(matches(expected[1:], actual[start:]) for start in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


def test_the_readme_console_excerpts_are_real_output(tmp_path, db):
    steps = console_steps()
    assert len(steps) >= 6
    work = tmp_path / "work"
    work.mkdir()
    (work / "sample_data").symlink_to(SAMPLE.parent)
    exe = " ".join(tracker_exe())
    script = [f'tracker() {{ {exe} "$@"; }}']
    for number, (command, _) in enumerate(steps):
        script += [f"echo '{MARK}{number}'", command]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "LINES": "50", "TERM": "xterm",
           "TRACKER_TODAY": README_TODAY}
    output = run_on_a_terminal("\n".join(script), work, env)
    parts = re.split(rf"^{MARK}(\d+)\n", output, flags=re.M)
    shown = {int(number): text for number, text in zip(parts[1::2], parts[2::2], strict=True)}
    assert sorted(shown) == list(range(len(steps))), output
    for number, (command, expected) in enumerate(steps):
        actual = [line.rstrip() for line in shown[number].splitlines()]
        assert "Traceback" not in shown[number], (command, shown[number])
        if expected:
            assert matches([line.rstrip() for line in expected], actual), (
                command, "\n".join(actual))
