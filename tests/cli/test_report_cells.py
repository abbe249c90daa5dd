"""Cells as the unit of scoring (issue 15): weights, rounding, the matrix's averages,
--final and the interim note on cells without action, all checked against hand counts."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest

from tracker.render.report_text import format_average, format_percent

PARTIES = ["Argentina", "Australia", "Brazil", "Canada", "China", "France", "Germany",
           "India", "Indonesia", "Italy", "Japan", "South Korea", "Mexico", "Russia",
           "Saudi Arabia", "South Africa", "Türkiye", "United Kingdom", "United States",
           "European Union", "African Union"]


def report_json(run, *args: str) -> dict:
    return json.loads(run("report", "--format", "json", *args, ok=True).stdout)


@pytest.fixture
def trio(run, db):
    """North, South and East (2025-01-10), hand-scored on 2025-06-01:

    1 joint: North fulfilled, South partial, East broken (one update each)  +1  0 -1
    2 North alone: fulfilled                                                 +1
    3 joint: fulfilled as a whole (one joint update)                        +1 +1 +1
    4 joint: no update at all, no due date                                   .  .  .
    """
    run("dialogue", "add", "Trio", "--date", "2025-01-10", "--party", "North", "--party",
        "South", "--party", "East", "--id", "trio", ok=True)
    for text, by in (("Open the border posts", []), ("Cut tariffs", ["--by", "North"]),
                     ("Hold a summit", []), ("Build a pipeline", [])):
        run("add", text, "-d", "trio", *by, ok=True)
    for party, status in (("North", "fulfilled"), ("South", "partial"), ("East", "broken")):
        run("mark", "1", "--party", party, "--status", status, "--date", "2025-06-01", ok=True)
    run("mark", "2", "3", "--status", "fulfilled", "--date", "2025-06-01", ok=True)
    return db


def test_every_cell_weighs_the_same_and_a_pledge_is_the_mean_of_its_cells(run, trio):
    data = report_json(run, "--as-of", "2025-07-01")
    # Cells: +1 0 -1 | +1 | +1 +1 +1: seven scored, total +4 (a pledge-level average would
    # give (0 + 1 + 1) / 3; the Research Group's method gives 4 / 7).
    summary = data["summary"]
    assert (summary["scored"], summary["average_score"]) == (7, pytest.approx(4 / 7))
    assert summary["percent"] == pytest.approx((4 / 7 + 1) / 2 * 100)
    own = {p["id"]: (p["status"], p["scored"], p["average_score"]) for p in data["pledges"]}
    # Pledge 1 keeps its least advanced party's status for lists, but scores 0 on average.
    assert own == {1: ("broken", 3, 0.0), 2: ("fulfilled", 1, 1.0), 3: ("fulfilled", 3, 1.0),
                   4: ("pledged", 0, None)}
    parties = {g["name"]: (g["pledges"], g["scored"], g["average_score"])
               for g in data["groups"]["party"]}
    assert parties == {"East": (3, 2, 0.0), "North": (4, 3, 1.0),
                       "South": (3, 2, pytest.approx(0.5))}
    # The overall mean equals the mean over every party's cells, weighted by cells.
    assert sum(g["scored"] * g["average_score"] for g in data["groups"]["party"]) == \
        pytest.approx(4)
    # Pledge 4's three cells have seen no action: (4 - 3) / 10 at -1.
    assert summary["no_action"] == 3
    assert summary["if_no_action_fails"]["average_score"] == pytest.approx(0.1)


def test_final_report_scores_every_cell_without_action_minus_one(run, trio):
    data = report_json(run, "--as-of", "2025-07-01", "--final")
    assert (data["summary"]["scored"], data["summary"]["average_score"]) == (
        10, pytest.approx(0.1))
    four = next(p for p in data["pledges"] if p["id"] == 4)
    assert four["cells"] == {"North": -1, "South": -1, "East": -1}
    table = run("report", "--as-of", "2025-07-01", "--final", ok=True).stdout
    assert "+0.10 average over 10 scored cells (55%)" in table
    assert "without action" not in table  # nothing left unscored to mention


def test_interim_report_names_the_cells_without_action_in_every_format(run, trio):
    sentence = "55% (+0.10) if the 3 cells without action yet count as -1"
    table = " ".join(run("report", "--as-of", "2025-07-01", ok=True).stdout.split())
    assert "Compliance: +0.57 average over 7 scored cells (79%)" in table
    assert sentence in table
    for fmt in ("markdown", "html"):
        out = run("report", "--as-of", "2025-07-01", "--format", fmt, ok=True).stdout
        assert "+0.57 average over 7 scored cells (79%); " + sentence in out, fmt


@pytest.mark.parametrize(("mean", "average", "percent"), [
    (Fraction(1, 4), "+0.25", "63%"),      # 62.5 rounds up, not to the even 62
    (Fraction(2, 3), "+0.67", "83%"),      # 83.33 from the exact mean, not 84 from 0.67
    (Fraction(-1, 8), "-0.13", "44%"),     # -0.125: a half goes away from zero; 43.75 → 44
    (Fraction(1, 200), "+0.01", "50%"),    # 0.005 → 0.01; 50.25 → 50
    (Fraction(-1), "-1.00", "0%"),
    (Fraction(0), "+0.00", "50%"),
    (None, "—", "—"),
])
def test_rounding_half_up_from_the_exact_mean(mean, average, percent):
    assert (format_average(mean), format_percent(mean)) == (average, percent)


def test_a_quarter_shows_63_percent_in_every_format(run, db):
    run("dialogue", "add", "Pair", "--date", "2025-01-10", "--party", "Alpha", "--party",
        "Beta", "--id", "pair", ok=True)
    run("add", "One", "-d", "pair", ok=True)
    run("add", "Two", "-d", "pair", ok=True)
    run("mark", "1", "--party", "Alpha", "--status", "fulfilled", "--date", "2025-02-01",
        ok=True)
    run("mark", "1", "--party", "Beta", "--status", "partial", "--date", "2025-02-01", ok=True)
    run("mark", "2", "--status", "in-progress", "--date", "2025-02-01", ok=True)
    # Cells +1 0 | 0 0: mean 0.25, 62.5 % → 63 %; JSON keeps 62.5.
    data = report_json(run)
    assert (data["summary"]["average_score"], data["summary"]["percent"]) == (0.25, 62.5)
    assert "+0.25 average over 4 scored cells (63%)" in run("report", ok=True).stdout
    markdown = run("report", "--format", "markdown", ok=True).stdout
    assert "| [1](#pledge-1) | One | fulfilled | partial | +0.50 | 75% |" in markdown
    assert "|  | **average** | +0.50 | +0.00 | +0.25 | 63% |" in markdown
    assert "|  | **%** | 75% | 50% |  |  |" in markdown
    html = run("report", "--format", "html", ok=True).stdout
    foot = html[html.index("<tfoot>"):html.index("</tfoot>")]
    assert re.findall(r">([+-]?\d+\.\d\d|\d+%)<", foot) == [
        "+0.50", "+0.00", "+0.25", "63%", "75%", "50%"]


@pytest.fixture
def summit(run, db):
    """21 members, 13 commitments; 1–4 fulfilled by all, Brazil broke 5."""
    run("dialogue", "add", "Summit", "--date", "2025-01-10", "--id", "summit",
        *(arg for party in PARTIES for arg in ("--party", party)), ok=True)
    for number in range(1, 14):
        run("add", f"Commitment {number} of the summit declaration", "-d", "summit", ok=True)
    run("mark", "1", "2", "3", "4", "--status", "fulfilled", "--date", "2025-06-01", ok=True)
    run("mark", "5", "--party", "Brazil", "--status", "broken", "--date", "2025-06-01",
        ok=True)
    return db


def test_a_21_party_matrix_fits_80_columns_in_parts_with_every_figure_whole(
        run, summit, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("report", ok=True).stdout
    matrix = out[out.index("Pledges × parties"):out.index("Overdue")]
    lines = matrix.splitlines()
    assert max(len(line) for line in lines) <= 80
    # First the pledges with their own averages, then the parties in parts.
    assert re.search(r"^ +5 Commitment 5 of the summit declaration +1 -1\.00 +0%$", matrix,
                     re.M)
    assert re.search(r"^ +all cells +85 +\+0\.98 +99%$", matrix, re.M)  # 83 / 85
    parts = re.findall(r"^Parties, part (\d) of (\d)$", matrix, re.M)
    assert len(parts) >= 2 and all(total == str(len(parts)) for _, total in parts)
    headers = " ".join(line for line in lines if line.lstrip().startswith("#"))
    header_words = set(" ".join(lines).split())
    for party in PARTIES:
        for word in party.split():
            assert word in header_words, word  # names wrap at spaces, never mid-word
    assert headers.count("#") == len(parts) + 1
    # Each part ends with its column averages: 21 averages and 21 percentages in all.
    averages = [line.split()[1:] for line in lines if line.startswith("avg ")]
    percents = [line.split()[1:] for line in lines if line.lstrip().startswith("% ")]
    assert sum(len(row) for row in averages) == sum(len(row) for row in percents) == 21
    flat = [value for row in averages for value in row]
    assert flat[PARTIES.index("Brazil")] == "+0.60"  # +1 four times, -1 once
    assert flat.count("+1.00") == 20
    # Every pledge has a cell in every part: 13 rows of statuses per part.
    for number in range(1, 14):
        rows = [line for line in lines if re.match(rf"^ *{number} ", line)]
        assert len(rows) == len(parts) + 1, number


def test_a_21_party_matrix_in_markdown_and_html_has_every_average(run, summit):
    markdown = run("report", "--format", "markdown", ok=True).stdout
    average_row = next(line for line in markdown.splitlines() if "**average**" in line)
    cells = [c.strip() for c in average_row.strip("|").split("|")]
    assert cells[2:] == ["+1.00"] * 2 + ["+0.60"] + ["+1.00"] * 18 + ["+0.98", "99%"]
    html = run("report", "--format", "html", ok=True).stdout
    matrix = html[html.index('id="matrix"'):html.index('id="deadlines-overdue"')]
    assert 'class="matrix many"' in matrix and 'class="scroll"' in matrix
    assert matrix.count('title="fulfilled">done</span>') == 4 * 21


def test_one_party_report_matrix_is_that_partys_column(run, trio):
    data = report_json(run, "--party", "South", "--as-of", "2025-07-01")
    south = next(g for g in data["groups"]["party"] if g["name"] == "South")
    assert (data["summary"]["scored"], data["summary"]["average_score"]) == (
        south["scored"], south["average_score"])
    assert [p["cells"] for p in data["pledges"]] == [{"South": 0}, {"South": 1},
                                                     {"South": None}]
    markdown = run("report", "--party", "South", "--as-of", "2025-07-01", "--format",
                   "markdown", ok=True).stdout
    assert "| # | pledge | South | average | % |" in markdown


def test_one_cell_without_action_counts_in_the_singular():
    from tracker.render.report_text import no_action_sentence
    from tracker.scoring import Group

    one = Group("x", scored=1, score_total=1, no_action=1)
    assert no_action_sentence(one).endswith("if the 1 cell without action yet counts as -1")
    two = Group("x", scored=1, score_total=1, no_action=2)
    assert no_action_sentence(two).endswith("if the 2 cells without action yet count as -1")
