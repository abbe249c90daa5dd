"""`tracker list`: filters, sorting, limits and the piped default."""

import json

import pytest
from conftest import read_db


def ids(result) -> list[int]:
    return [int(line.split("\t")[0]) for line in result.stdout.splitlines()]


def test_piped_default_is_headerless_tsv(run, small_db):
    result = run("list", ok=True)
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].split("\t")[:3] == ["1", "pledged", "0"]
    assert "\x1b" not in result.stdout and "─" not in result.stdout


@pytest.mark.parametrize("args, expected", [
    (["--by", "alpha"], [1, 2]),
    (["--area", "TRADE"], [1]),
    (["--framework", "sco"], [2]),
    (["--dialogue", "test-dlg"], [1, 2, 3]),
    (["--dialogue", "other"], []),
    (["--status", "pledged"], [1, 2, 3]),
    (["--due-before", "2025-07-01"], [1]),
    (["--due-after", "2025-07-01"], []),
    (["--overdue"], [1]),  # due 2025-06-30, today is pinned to 2026-01-15
    (["--due-within", "1y"], []),
    (["--stale", "6m"], [1, 2, 3]),
    (["--search", "SECURITE"], []),
    (["--search", "security"], [2]),
])
def test_filters(run, small_db, args, expected):
    assert ids(run("list", *args, ok=True)) == expected


def test_search_ignores_case_and_accents(run, small_db):
    run("add", "Coopération sécuritaire renforcée", "-d", "test-dlg", ok=True)
    assert ids(run("list", "--search", "SECURITAIRE", ok=True)) == [4]


def test_overdue_excludes_settled_pledges(run, small_db):
    run("mark", "1", "--status", "fulfilled", ok=True)
    assert ids(run("list", "--overdue", ok=True)) == []


def test_sort_and_limit(run, small_db):
    assert ids(run("list", "--sort", "-id", ok=True)) == [3, 2, 1]
    assert ids(run("list", "--sort", "area", ok=True)) == [3, 2, 1]
    assert ids(run("list", "--sort", "due", "--limit", "1", ok=True)) == [1]
    bad = run("list", "--sort", "colour")
    assert bad.exit_code == 1 and "cannot sort by 'colour'" in bad.stderr
    negative = run("list", "--limit", "-1")
    assert negative.exit_code == 1


def test_bad_filter_values(run, small_db):
    for args, message in ((["--status", "done"], "unknown status"),
                          (["--stale", "soon"], "as a period"),
                          (["--due-before", "13/13/2025"], "not a real date"),
                          (["--format", "xml"], "unknown format 'xml'")):
        result = run("list", *args)
        assert result.exit_code == 1 and message in result.stderr, args


def test_json_is_the_stored_record(run, small_db):
    listed = json.loads(run("list", "--format", "json", ok=True).stdout)
    stored = list(read_db(small_db)["pledges"].values())
    assert listed == stored


def test_table_shows_full_text_and_footer(run, small_db):
    long_text = "A pledge whose wording runs long enough to need wrapping in a table cell " * 2
    run("add", long_text.strip(), "-d", "test-dlg", ok=True)
    table = run("list", "--format", "table", ok=True)
    words = " ".join(table.stdout.split())
    assert "runs long enough to need wrapping" in words
    for _ in range(3):
        run("add", "More", "-d", "test-dlg", ok=True)
    limited = run("list", "--format", "table", "--limit", "2", ok=True)
    assert "5 more match" in limited.stderr


def test_empty_database_lists_nothing(run, db):
    result = run("list", ok=True)
    assert result.stdout == ""
    assert not db.exists()  # reading never creates the file


@pytest.mark.parametrize("option", ["--due-before", "--due-after", "--due-within", "--stale"])
def test_an_empty_date_or_period_is_an_error_not_everything(run, small_db, option):
    result = run("list", option, "")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {option}: ")
    assert result.stdout == ""


def test_a_party_no_dialogue_has_gives_an_empty_result_and_a_warning(run, small_db):
    for command in (["list", "--by", "Russia"], ["report", "--party", "Russia", "-f", "json"],
                    ["export", "--by", "Russia"]):
        result = run(*command)
        assert result.exit_code == 0, command
        assert result.stderr.splitlines()[0] == (
            "warning: no dialogue has the party 'Russia' (known parties: Alpha, Beta)"), command
    assert run("list", "--by", "russia").stdout == ""
    known = run("list", "--by", "alpha", ok=True)
    assert known.stderr == "" and known.stdout.startswith("1\t")
    assert run("show", "1", ok=True).stderr == ""  # the warning belongs to that one command


def test_a_month_as_a_bound_never_matches_both_sides(run, small_db):
    run("edit", "1", "--due", "2025-06-15", ok=True)
    assert ids(run("list", "--due-before", "June 2025", ok=True)) == []
    assert ids(run("list", "--due-after", "June 2025", ok=True)) == []
    assert ids(run("list", "--due-after", "May 2025", ok=True)) == [1]
    assert ids(run("list", "--due-before", "July 2025", ok=True)) == [1]


def test_non_ascii_digits_are_not_ids(run, small_db):
    for text in ("²", "١", "３"):
        result = run("show", text)
        assert result.exit_code == 1, text
        assert "is not a pledge id" in result.stderr and "unexpected" not in result.stderr


def test_search_folds_dashes_apostrophes_and_quotes(run, small_db):
    run("add", "Finish the Dostyk–Moyinty second track", "-d", "test-dlg", ok=True)
    run("add", "Open a consulate in Xi’an", "-d", "test-dlg",
        "--quote", "« le corridor “vert” »", ok=True)
    found = lambda text: run("list", "--search", text, "--format", "ids",  # noqa: E731
                             ok=True).stdout.split()
    assert found("dostyk-moyinty") == ["4"]
    assert found("Dostyk—Moyinty") == ["4"]
    assert found("Xi'an") == ["5"]
    assert found('"vert"') == ["5"]
    assert found("xi`an") == ["5"]
