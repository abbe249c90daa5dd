"""The director's report: generated sentences, methods box, movement, evidence and targets."""

from __future__ import annotations

import json
import math
import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, read_db

WORDS = ("Headline", "Scoring", "Cut-off", "Sources", "Evidence", "Not verifiable", "Reading")


def report_json(run, *args: str) -> dict:
    return json.loads(run("report", "--format", "json", *args, ok=True).stdout)


def half_up(value: float) -> int:
    return math.floor(value + 0.5)


def squeezed(text: str) -> str:
    return " ".join(text.split())


def markdown_text(text: str) -> str:
    """Markdown as a reader sees it: escapes dropped, entities decoded."""
    return unescape(re.sub(r"\\(.)", r"\1", text))


def html_text(text: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", text))


def check_sentences(run, data: dict, *filters: str) -> None:
    """Every fact each generated sentence states, read back and compared with the figures.

    `filters` are the report's options other than its dates.
    """
    first, fulfilled, trouble, idle, due = data["summary_text"]
    summary = data["summary"]
    pledges = data["pledges"]
    verifiable = [p for p in pledges if p["verifiable"]]

    found = re.fullmatch(r"On (\S+) compliance stands at (\d+)% \(([+-]\d\.\d\d) average over "
                         r"(\d+) scored cells?\), (.*)\.", first)
    assert found, first
    assert found[1] == data["as_of"]
    assert int(found[2]) == half_up(summary["percent"])
    assert float(found[3]) == round(summary["average_score"], 2)
    assert int(found[4]) == summary["scored"]
    # Movement: the figure the day before the window opened, as `--as-of` computes it.
    before_day = (date.fromisoformat(data["since"]) - timedelta(days=1)).isoformat()
    before = report_json(run, *filters, "--as-of", before_day)["summary"]["percent"]
    if before is None:
        assert found[5] == f"with none scored before {data['since']}"
    else:
        was, now = half_up(before), half_up(summary["percent"])
        word = "unchanged from" if was == now else "up from" if now > was else "down from"
        assert found[5] == (f"{word} before {data['since']}" if was == now
                            else f"{word} {was}% before {data['since']}")

    found = re.fullmatch(r"Fulfilled: (\d+) of (\d+) verifiable pledges?(?: \((.*)\))?\.",
                         fulfilled)
    assert found, fulfilled
    done = [p["id"] for p in verifiable if p["status"] == "fulfilled"]
    assert int(found[1]) == len(done) and int(found[2]) == len(verifiable)
    assert [int(n) for n in re.findall(r"#(\d+)", found[3] or "")] == done[:6]

    stalled = [p["id"] for p in verifiable if p["status"] == "stalled"]
    broken = [p["id"] for p in verifiable if p["status"] == "broken"]
    if stalled or broken:
        for label, ids in (("stalled", stalled), ("broken", broken)):
            part = re.search(rf"{label}: ([^;.]*)", trouble, re.I)
            assert [int(n) for n in re.findall(r"#(\d+)", part[1] if part else "")] == ids
    else:
        assert trouble == "None is stalled or broken."

    stale = data["stale"]["pledges"]
    last = {p["id"]: p["last_update"] for p in pledges}
    if stale:
        named = re.findall(r"#(\d+) \(since (\S+)\)", idle)
        assert [(int(n), day) for n, day in named] == [(n, last[n]) for n in stale[:3]]
        if len(stale) > 3:
            assert idle.endswith(f"of {len(stale)} with none since "
                                 f"{data['stale']['no_update_since']}.")
    else:
        assert idle.startswith("Every open verifiable pledge has an update")

    undated = sum(1 for p in pledges if p["due"] is None)
    assert due.endswith(f"; {undated} of {len(pledges)} pledges have no deadline.")
    if data["overdue"]:
        assert [int(n) for n in re.findall(r"#(\d+)", due.split(";")[0])] == data["overdue"]
    ahead = sorted((p for p in verifiable if p["due"] and p["due"] >= data["as_of"]
                    and p["status"] in ("pledged", "in-progress", "partial", "stalled")),
                   key=lambda p: (p["due"], p["id"]))
    if ahead:
        assert f"Next deadline: #{ahead[0]['id']} on {ahead[0]['due']}" in due.replace(
            "next deadline", "Next deadline")
    else:
        assert "o open pledge has a deadline ahead" in due


@pytest.mark.parametrize(("dates", "filters"), [
    ((), ()), (("--since", "2025-01-01"), ()), (("--as-of", "2024-12-31"), ()),
    (("--since", "2025-05-01"), ("--party", "Kazakhstan")),
    (("--since", "2024-07-01", "--as-of", "2025-01-31"), ("--area", "multilateral"))])
def test_each_sentence_of_the_sample_summary_states_the_figures(run, sample_db, dates,
                                                                filters):
    data = report_json(run, *dates, *filters)
    assert 3 <= len(data["summary_text"]) <= 5
    check_sentences(run, data, *filters)


def test_sentences_name_stalled_broken_overdue_and_the_next_deadline(run, small_db):
    run("add", "Sign a visa deal", "-d", "test-dlg", "--due", "2026-03-01", ok=True)
    run("add", "Build a bridge", "-d", "test-dlg", "--due", "2026-02-01", ok=True)
    run("mark", "2", "--status", "broken", "--date", "2025-02-01", ok=True)
    run("mark", "4", "--status", "stalled", "--date", "2025-03-01", ok=True)
    data = report_json(run)
    check_sentences(run, data)
    assert data["summary_text"][2] == "Stalled: #4; broken: #2."
    assert data["summary_text"][4] == ("Overdue: #1; next deadline: #5 on 2026-02-01; "
                                       "2 of 5 pledges have no deadline.")


def test_every_format_opens_with_the_same_summary_and_methods(run, sample_db):
    data = report_json(run)
    sentences = " ".join(data["summary_text"])
    methods = data["methods"]
    assert list(methods) == list(WORDS)
    table = squeezed(run("report", ok=True).stdout)
    markdown = squeezed(markdown_text(run("report", "--format", "markdown", ok=True).stdout))
    html = squeezed(html_text(run("report", "--format", "html", ok=True).stdout))
    for name, text in (("table", table), ("markdown", markdown), ("html", html)):
        assert sentences in text, name
        for label, words in methods.items():
            assert squeezed(words) in text, (name, label)
        # Summary and methods come before any figure table.
        assert text.index(sentences) < text.index("By party"), name
        assert text.index(squeezed(methods["Scoring"])) < text.index("By party"), name
    assert "Compliance 68% on 2026-01-15" in methods["Headline"]
    assert "Interim report" in methods["Cut-off"]
    assert "https://en.people.cn/n3/2025/0427/c90000-20307920.html" in methods["Sources"]
    final = report_json(run, "--final")["methods"]
    assert "Final report: no action scores −1." in final["Cut-off"]
    assert "This is a final report: stalled and pledged count −1." in final["Scoring"]


def test_movement_since_shows_both_figures_for_headline_party_and_area(run, sample_db):
    data = report_json(run, "--since", "2025-01-01")
    before = report_json(run, "--as-of", "2024-12-31")
    was = half_up(before["summary"]["percent"])
    now = half_up(data["summary"]["percent"])
    assert (was, now) == (54, 68)
    table = run("report", "--since", "2025-01-01", ok=True).stdout
    assert "Since 2025-01-01: 54% → 68%" in table
    party_line = squeezed(table[table.index("By party"):table.index("By area")])
    old = {g["name"]: g["percent"] for g in before["groups"]["party"]}
    for group in data["groups"]["party"]:
        assert (f"{group['name']} {half_up(old[group['name']])}% → "
                f"{half_up(group['percent'])}%") in party_line
    markdown = run("report", "--since", "2025-01-01", "--format", "markdown", ok=True).stdout
    assert "| since 2025-01-01 |" in markdown
    assert re.search(r"^\| multilateral \| .* \| 67% → 83% \|", markdown, re.M)
    html = run("report", "--since", "2025-01-01", "--format", "html", ok=True).stdout
    assert "54% → 68%" in html and "since 2025-01-01" in html


def test_evidence_reads_date_outlet_title_and_travels_through_export(run, small_db, tmp_path):
    run("mark", "1", "--progress", "40", "--date", "2025-03-01", "--note", "Lease signed",
        "--evidence", "https://www.example.org/news/lease",
        "--evidence-title", "Trade office lease signed", "--evidence-date", "2025-03-02",
        ok=True)
    stored = read_db(small_db)["pledges"]["1"]["updates"][-1]
    assert (stored["evidence_title"], stored["evidence_date"]) == (
        "Trade office lease signed", "2025-03-02")
    markdown = run("report", "--format", "markdown", ok=True).stdout
    assert ("[2025-03-02 — example.org — Trade office lease signed]"
            "(<https://www.example.org/news/lease>)") in markdown
    html = run("report", "--format", "html", ok=True).stdout
    assert ('<a href="https://www.example.org/news/lease" rel="noreferrer">2025-03-02 — '
            "example.org — Trade office lease signed</a>") in html
    # The raw address is printed once, in the appendix, and never as a link's text.
    assert html.count(">https://www.example.org/news/lease<") == 0
    exported = tmp_path / "out.json"
    exported.write_text(run("export", "--format", "json", ok=True).stdout, encoding="utf-8")
    other = tmp_path / "other.json"
    run("--db", other, "import", exported, ok=True)
    again = read_db(other)["pledges"]["1"]["updates"][-1]
    assert (again["evidence_title"], again["evidence_date"]) == (
        "Trade office lease signed", "2025-03-02")


def test_evidence_title_without_evidence_is_refused_and_changes_nothing(run, small_db):
    before = small_db.read_bytes()
    for args in (["--evidence-title", "A title", "--note", "x"],
                 ["--evidence-date", "2025-03-01", "--note", "x"],
                 ["--evidence", "https://e.org", "--evidence-date", "someday"],
                 ["--evidence", "https://e.org", "--evidence-date", "2027-01-01"]):
        result = run("mark", "1", *args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert small_db.read_bytes() == before


def test_quotes_in_another_language_are_labelled(run, sample_db):
    markdown = run("report", "--format", "markdown", ok=True).stdout
    assert "> (fr) annoncé l'établissement" in markdown
    html = run("report", "--format", "html", ok=True).stdout
    assert '<blockquote lang="fr"><span class="lang">fr</span> annoncé' in html


def test_a_target_and_a_measured_value_end_to_end(run, small_db):
    pledge_id = run("add", "Double two-way trade", "-d", "test-dlg", "--target", "82",
                    "--unit", "USD bn", ok=True).stdout.strip()
    run("mark", pledge_id, "--value", "41", "--date", "2025-02-01", ok=True)
    run("mark", pledge_id, "--value", "43.82", "--progress", "7", "--date", "2025-06-01",
        ok=True)
    expected = "43.8 of 82 USD bn (53%), measured 2025-06-01"
    table = run("report", ok=True).stdout
    targets = table[table.index("Targets (latest value"):table.index("Overdue (due")]
    assert "43.8 of 82 USD bn (53%)," in targets and "measured 2025-06-01" in targets
    for fmt in ("markdown", "html"):
        assert expected in run("report", "--format", fmt, ok=True).stdout, fmt
    # JSON carries the same figures; `show` gives the target and each measured value.
    data = json.loads(run("report", "--format", "json", ok=True).stdout)
    assert data["targets"] == [int(pledge_id)]
    shown = next(p for p in data["pledges"] if p["id"] == int(pledge_id))
    assert (shown["target"], shown["unit"], shown["value"], shown["measured"]) == (
        82, "USD bn", 43.82, "2025-06-01")
    assert "target" not in next(p for p in data["pledges"] if p["id"] != int(pledge_id))
    show = run("show", pledge_id, ok=True).stdout
    assert f"target      {expected}" in show
    assert "value 41 USD bn" in show and "value 43.8 USD bn" in show
    # Before the second value, the first one stands.
    early = run("report", "--as-of", "2025-03-01", "--format", "markdown", ok=True).stdout
    assert "41 of 82 USD bn (50%), measured 2025-02-01" in early
    run("edit", pledge_id, "--target", "none", ok=True)
    assert "target" not in read_db(small_db)["pledges"][pledge_id]
    assert "USD bn" not in run("report", ok=True).stdout
    run("undo", ok=True)  # and back
    assert read_db(small_db)["pledges"][pledge_id]["target"] == 82


def test_bad_targets_and_values_are_one_line_errors_that_change_nothing(run, small_db):
    before = small_db.read_bytes()
    cases = [("mark", "1", "--value", "3"),  # no target on pledge 1
             ("add", "x", "-d", "test-dlg", "--target", "0"),
             ("add", "x", "-d", "test-dlg", "--target", "lots"),
             ("add", "x", "-d", "test-dlg", "--unit", "USD bn"),
             ("edit", "1", "--target", "nan")]
    for args in cases:
        result = run(*args)
        assert result.exit_code == 1, args
        assert len(result.stderr.strip().splitlines()) <= 2 and "Traceback" not in result.stderr
    assert small_db.read_bytes() == before
    run("edit", "1", "--target", "10", ok=True)
    result = run("mark", "1", "--value", "many")
    assert result.exit_code == 1 and "--value must be a number" in result.stderr


def test_a_file_without_the_new_fields_keeps_its_shape(run, db):
    run("import", SAMPLE, ok=True)
    stored = read_db(db)["pledges"]["1"]
    assert "target" not in stored and "unit" not in stored
    assert list(stored["updates"][0])[:7] == ["date", "status", "progress", "note",
                                              "evidence", "party", "recorded"]


def test_small_groups_are_flagged_and_not_applicable_reads_the_same(run, sample_db):
    data = report_json(run)
    areas = {g["name"]: g for g in data["groups"]["area"]}
    assert areas["political"]["scored"] == 2 and areas["multilateral"]["scored"] >= 3
    table = run("report", ok=True).stdout
    political = next(line for line in table.splitlines() if line.startswith("political "))
    assert "100%†" in political
    multilateral = next(line for line in table.splitlines() if line.startswith("multilateral"))
    assert "†" not in multilateral
    markdown = run("report", "--format", "markdown", ok=True).stdout
    assert re.search(r"^\| political \|.*\| 100%† \|", markdown, re.M)
    html = run("report", "--format", "html", ok=True).stdout
    assert "100%†" in html
    # The one "not applicable" sign: pledge 9 was made by China alone.
    for text in (table, markdown, html):
        row = next(line for line in text.splitlines() if "grow the volume of trade" in line)
        assert "—" in row and "·" not in row and " - " not in row


def test_terminal_has_the_progress_column_and_rounds_half_up(run, small_db):
    # Four scored cells adding up to +1: mean 0.25, 62.5 %, shown as 63 %.
    run("mark", "1", "--status", "in-progress", "--progress", "25", "--date", "2025-03-01",
        ok=True)  # joint: Alpha 0, Beta 0
    run("mark", "2", "--status", "fulfilled", "--date", "2025-03-01", ok=True)  # Alpha +1
    run("add", "Open a consulate", "-d", "test-dlg", "--by", "Alpha", ok=True)
    run("mark", "4", "--status", "in-progress", "--progress", "50", "--date", "2025-03-01",
        ok=True)  # Alpha 0
    data = report_json(run)
    assert data["summary"]["percent"] == 62.5
    table = run("report", ok=True).stdout
    assert "(63%)" in table and "(62%)" not in table
    header = next(line for line in table.splitlines() if line.startswith("party "))
    assert header.split()[-1] == "progress"
    alpha = next(line for line in table.splitlines() if line.startswith("Alpha "))
    progress = {g["name"]: g["average_progress"] for g in data["groups"]["party"]}
    assert alpha.split()[-1] == f"{half_up(progress['Alpha'])}%"


def test_unverifiable_pledges_stay_out_of_the_no_update_list_and_the_status_chart(
        run, small_db):
    data = report_json(run)
    assert 3 in data["unverifiable"] and 3 not in data["stale"]["pledges"]
    html = run("report", "--format", "html", ok=True).stdout
    assert "Status of the 2 verifiable pledges" in html


def test_score_over_time_has_a_point_per_update_date_and_names_the_dialogues(run, sample_db):
    html = run("report", "--format", "html", ok=True).stdout
    chart = html[html.index('id="chart-score-time"'):html.index('id="chart-status"')]
    dates = {u["date"] for p in json.loads(Path(SAMPLE).read_text())["pledges"]
             for u in p["updates"]} | {"2024-03-29", "2025-04-25", "2026-01-15"}
    points = re.findall(r"<circle [^>]*><title>(\S+): (\d+)%</title>", chart)
    assert {day for day, _ in points} == dates
    for day in ("2024-07-04", "2025-01-23", "2025-09-01"):  # each point is `--as-of` that day
        replayed = report_json(run, "--as-of", day)["summary"]["percent"]
        assert dict(points)[day] == str(half_up(replayed)), day
    assert "Beijing dialogue, 2024-03-29</text>" in chart
    assert "Almaty dialogue, 2025-04-25</text>" in chart


def test_follow_up_apply_carries_the_sources_title_and_date(run, sample_db, tmp_path):
    text = tmp_path / "later.txt"
    text.write_text("The interior ministers of China and Kazakhstan signed a plan on joint "
                    "operations against drug trafficking in Almaty on 12 November 2025.\n",
                    encoding="utf-8")
    run("follow-up", text, "--date", "2025-11-20", "--source", "https://www.example.org/a",
        "--source-title", "Joint anti-drug plan signed", "--apply", "--yes", ok=True)
    update = read_db(sample_db)["pledges"]["5"]["updates"][-1]
    assert (update["date"], update["evidence_title"], update["evidence_date"]) == (
        "2025-11-12", "Joint anti-drug plan signed", "2025-11-20")
    markdown = run("report", "--format", "markdown", ok=True).stdout
    assert "[2025-11-20 — example.org — Joint anti-drug plan signed]" in markdown
    refused = run("follow-up", text, "--source-title", "No link")
    assert refused.exit_code == 1 and "give --source too" in refused.stderr


def test_figures_beyond_fifteen_digits_are_refused(run, small_db, tmp_path):
    # 1e308 as a value made every later report overflow; a target of 1e-320 likewise.
    pledge_id = run("add", "Double two-way trade", "-d", "test-dlg", "--target", "82",
                    ok=True).stdout.strip()
    before = small_db.read_bytes()
    for args in (("mark", pledge_id, "--value", "1e308"),
                 ("add", "x", "-d", "test-dlg", "--target", "1e-320"),
                 ("edit", pledge_id, "--target", "1e16")):
        result = run(*args)
        assert result.exit_code == 1, args
        assert "must be between 1e-15 and 1e+15 in size" in result.stderr, args
    assert small_db.read_bytes() == before
    document = {"dialogues": [], "pledges": [{"dialogue": "test-dlg", "text": "Big",
                                             "target": 10 ** 400}]}
    source = tmp_path / "big.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = run("import", source)
    assert result.exit_code == 1 and "a whole number of 401 digits" in result.stderr
    assert small_db.read_bytes() == before
    run("report", ok=True)


def test_colours_are_explained_only_where_they_are_drawn(run, sample_db, monkeypatch):
    said = "or more are drawn green, lower ones red"
    assert said in run("report", "--format", "html", ok=True).stdout
    for fmt in ("table", "markdown", "json"):
        assert said not in run("report", "--format", fmt, ok=True).stdout, fmt
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert said in run("report", ok=True).stdout


def test_an_address_no_report_can_link_is_cited_in_full(run, small_db):
    # It was cut to its site ("example.org"): the evidence itself was lost.
    run("mark", "1", "--note", "n1", "--date", "2025-02-01",
        "--evidence", "https://example.org/reports/Annual Report 2024.pdf", ok=True)
    run("mark", "2", "--note", "n2", "--date", "2025-02-01",
        "--evidence", "https://example.org/reports/annual-report-2024.pdf", ok=True)
    markdown = run("report", "--format", "markdown", ok=True).stdout
    assert "example.org — https://example.org/reports/Annual Report 2024.pdf" in markdown
    assert "[example.org](<https://example.org/reports/annual-report-2024.pdf>)" in markdown
    html = run("report", "--format", "html", ok=True).stdout
    assert "example.org — https://example.org/reports/Annual Report 2024.pdf" in html
    assert 'href="https://example.org/reports/Annual' not in html
    # One rule for every format: an address with a quote is cited, never linked.
    run("mark", "3", "--note", "n3", "--date", "2025-02-01",
        "--evidence", 'https://example.org/q"a', ok=True)
    markdown = run("report", "--format", "markdown", ok=True).stdout
    assert 'example.org — https://example.org/q"a' in markdown.replace("\\", "")
    assert '(<https://example.org/q"a>)' not in markdown
