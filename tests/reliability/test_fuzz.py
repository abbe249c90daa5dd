"""Hypothesis drives the CLI with arbitrary strings in every option: exit 0, 1 or 2, no
traceback, and the database still validates."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.store import check_shape

# Arbitrary text, plus the values most likely to find a crack.
NASTY = st.sampled_from([
    "", " ", "-", "0", "-1", "99999999999999999999", "1e9", "#1", "0000-00-00", "2025-02-30",
    "9999-12-31", "03/04/2025", "+99999y", "-99999d", "eoq", "30d", "0d", "99999y", "-3m",
    "\x00", "\x1b[31m", "[bold]x[/bold]", "=HYPERLINK(\"x\")", "é" * 20, "x" * 20000, "\n",
    "in-progress", "FULFILLED", "json", "csv", "ids", "table", "markdown", "html", "status",
    "area", "party", "test-dlg", "Alpha", "1 2", "\ud7ff", "\t1", "1\t2",
])
VALUE = st.one_of(NASTY, st.text(max_size=40))

# Each template is a writing or reading command; `V` marks where a fuzzed value goes.
TEMPLATES = [
    ["add", "V", "-d", "V", "--by", "V", "--area", "V", "--framework", "V", "--tag", "V",
     "--due", "V", "--quote", "V"],
    ["add", "V", "-d", "test-dlg", "--due", "V"],
    ["mark", "V", "--status", "V", "--progress", "V", "--note", "V", "--date", "V"],
    ["mark", "1", "--status", "V", "--date", "V", "--party", "V", "--evidence", "V"],
    ["edit", "V", "--text", "V", "--due", "V", "--add-tag", "V", "--dialogue", "V"],
    ["edit", "2", "--by", "V", "--area", "V", "--remove-tag", "V"],
    ["remove", "V", "--yes"],
    ["show", "V", "--format", "V"],
    ["list", "--status", "V", "--due-before", "V", "--due-after", "V", "--stale", "V",
     "--due-within", "V", "--search", "V", "--sort", "V", "--limit", "V", "--format", "V"],
    ["list", "--dialogue", "V", "--by", "V", "--area", "V", "--tag", "V", "--framework", "V"],
    ["report", "--by", "V", "--as-of", "V", "--since", "V", "--format", "V"],
    ["export", "--format", "V", "--status", "V"],
    ["history", "V", "--limit", "V", "--format", "V"],
    ["undo", "V"],
    ["undo", "--steps", "V"],
    ["dialogue", "add", "V", "--date", "V", "--party", "V", "--party", "V", "--id", "V"],
    ["dialogue", "edit", "test-dlg", "--title", "V", "--date", "V", "--add-party", "V",
     "--remove-party", "V", "--id", "V"],
    ["dialogue", "show", "V", "--format", "V"],
    ["dialogue", "remove", "V", "--yes"],
]


@st.composite
def command_lines(draw) -> list[str]:
    template = draw(st.sampled_from(TEMPLATES))
    return [draw(VALUE) if part == "V" else part for part in template]


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(args=st.lists(command_lines(), min_size=1, max_size=3))
def test_arbitrary_values_never_crash_or_damage_the_database(run, small_db, args):
    for line in args:
        result = run(*line)
        assert result.exit_code in (0, 1, 2), (line, result.exit_code, result.stderr)
        assert "Traceback" not in result.stderr, (line, result.stderr)
        assert "unexpected failure" not in result.stderr, (line, result.stderr)
        if result.exit_code != 0:
            assert result.stderr.strip(), line  # a failure always says why
    data = json.loads(small_db.read_text(encoding="utf-8"))
    check_shape(data, small_db)
