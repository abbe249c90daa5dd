"""A summit-sized assessment round, checked against the Research Group's method computed
here independently: 13 commitments × 21 members, one "n/a", loaded through `assess`."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

MEMBERS = ["Argentina", "Australia", "Brazil", "Canada", "China", "France", "Germany",
           "India", "Indonesia", "Italy", "Japan", "Korea", "Mexico", "Russia",
           "Saudi Arabia", "South Africa", "Türkiye", "United Kingdom", "United States",
           "European Union", "African Union"]
COMMITMENTS = 13
NOT_APPLICABLE = (9, "African Union")  # commitment 9 does not apply to the African Union


def table() -> dict[tuple[int, str], int | None]:
    """A made-up round with the spread a real one has: mostly +1, some 0, a few -1."""
    cells: dict[tuple[int, str], int | None] = {}
    for commitment in range(1, COMMITMENTS + 1):
        for index, member in enumerate(MEMBERS):
            turn = (commitment * 7 + index * 5 + commitment * index) % 11
            cells[(commitment, member)] = 1 if turn < 6 else 0 if turn < 9 else -1
    cells[NOT_APPLICABLE] = None
    # The African Union's 12 scored cells add up to 3: an average of exactly 0.25, whose
    # percentage (62.5) shows whether halves are rounded up.
    union = [c for c in range(1, COMMITMENTS + 1) if cells[(c, "African Union")] is not None]
    for commitment, value in zip(union, [1] * 6 + [0] * 3 + [-1] * 3, strict=True):
        cells[(commitment, "African Union")] = value
    return cells


def wide_sheet(cells: dict) -> str:
    lines = ["commitment," + ",".join(MEMBERS)]
    for commitment in range(1, COMMITMENTS + 1):
        values = [cells[(commitment, m)] for m in MEMBERS]
        lines.append(f"{commitment}," + ",".join(
            "n/a" if v is None else f"{v:+d}".replace("+0", "0") for v in values))
    return "\r\n".join(lines) + "\r\n"


def published(values: list[int]) -> tuple[str, str]:
    """Average to two decimals and percentage, rounded half up as the tables print them."""
    mean = Fraction(sum(values), len(values))
    percent = (mean + 1) / 2 * 100

    def rounded(value: Fraction, places: str) -> Decimal:
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(places), rounding=ROUND_HALF_UP)

    return f"{rounded(mean, '0.01'):+.2f}", f"{rounded(percent, '1')}%"


@pytest.fixture
def summit(run, db):
    run("dialogue", "add", "Leaders' Summit", "--date", "2024-11-19", "--id", "summit",
        *(arg for member in MEMBERS for arg in ("--party", member)), ok=True)
    for commitment in range(1, COMMITMENTS + 1):
        run("add", f"Commitment {commitment} of the leaders' declaration", "-d", "summit",
            ok=True)
    cells = table()
    run("assess", "-", "--dialogue", "summit", "--date", "2025-10-31", "--note",
        "Final compliance round", input=wide_sheet(cells), ok=True)
    return cells


def test_the_summit_table_gives_the_research_groups_figures_exactly(run, summit):
    cells = summit
    scored = {key: value for key, value in cells.items() if value is not None}
    assert len(scored) == 272
    data = json.loads(run("report", "--format", "json", ok=True).stdout)

    # Overall: the mean of all 272 cells (JSON keeps it unrounded).
    overall = Fraction(sum(scored.values()), len(scored))
    assert data["summary"]["scored"] == 272
    assert data["summary"]["average_score"] == pytest.approx(float(overall), abs=1e-12)
    assert data["summary"]["percent"] == pytest.approx(float((overall + 1) * 50), abs=1e-10)

    # Each member's average over the commitments it was scored on.
    members = {g["name"]: g for g in data["groups"]["party"]}
    for member in MEMBERS:
        values = [v for (c, m), v in scored.items() if m == member]
        figures = members[member]
        assert figures["scored"] == len(values)
        assert figures["average_score"] == pytest.approx(sum(values) / len(values), abs=1e-12)
    assert members["African Union"]["scored"] == 12
    assert members["African Union"]["average_score"] == 0.25

    # Each commitment's average across the members scored on it.
    commitments = {p["id"]: p for p in data["pledges"]}
    for commitment in range(1, COMMITMENTS + 1):
        values = [v for (c, m), v in scored.items() if c == commitment]
        assert commitments[commitment]["scored"] == len(values)
        assert commitments[commitment]["average_score"] == pytest.approx(
            sum(values) / len(values), abs=1e-12)
    assert commitments[9]["cells"]["African Union"] == "n/a"

    # The overall figure agrees, to two decimals, with the mean of the member averages and
    # with the mean of the commitment averages, as the Research Group notes.
    member_means = [Fraction(sum(v for (c, m), v in scored.items() if m == member),
                             sum(1 for (c, m) in scored if m == member)) for member in MEMBERS]
    assert published([1])[0] == "+1.00"
    assert abs(sum(member_means) / len(member_means) - overall) < Fraction(1, 200)

    # The printed figures, rounded half up from the exact means, in Markdown.
    markdown = run("report", "--format", "markdown", ok=True).stdout
    average_row = next(line for line in markdown.splitlines() if "**average**" in line)
    percent_row = next(line for line in markdown.splitlines() if "| **%** |" in line)
    shown_averages = [c.strip() for c in average_row.strip("|").split("|")][2:]
    shown_percents = [c.strip() for c in percent_row.strip("|").split("|")][2:]
    for index, member in enumerate(MEMBERS):
        values = [v for (c, m), v in scored.items() if m == member]
        assert (shown_averages[index], shown_percents[index]) == published(values), member
    assert (shown_averages[-2], shown_averages[-1]) == published(list(scored.values()))
    assert published([v for (c, m), v in scored.items() if m == "African Union"]) == (
        "+0.25", "63%")
    for commitment in range(1, COMMITMENTS + 1):
        values = [v for (c, m), v in scored.items() if c == commitment]
        row = next(line for line in markdown.splitlines()
                   if line.startswith(f"| [{commitment}](#pledge-{commitment}) |"))
        assert [c.strip() for c in row.strip("|").split("|")][-2:] == list(published(values))

    # The terminal and HTML reports print the same headline, and HTML the same averages.
    average, percent = published(list(scored.values()))
    headline = f"{average} average over 272 scored cells ({percent})"
    assert headline in run("report", ok=True).stdout
    html = run("report", "--format", "html", ok=True).stdout
    assert headline in html
    foot = html[html.index("<tfoot>"):html.index("</tfoot>")]
    assert re.findall(r'<td class="n(?: avg)?">([^<]+)</td>', foot) == (
        shown_averages + shown_percents[:-2])


def test_the_summit_sheet_round_trips_exactly(run, summit):
    exported = run("export", "--format", "matrix", "--dialogue", "summit", ok=True).stdout
    expected = wide_sheet(summit).replace("\r\n", "\n").splitlines()
    lines = exported.splitlines()
    assert lines[0].split(",", 1)[1] == expected[0].split(",", 1)[1]
    assert lines[1:] == expected[1:]
