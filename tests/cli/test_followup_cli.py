"""`tracker follow-up`: proposals from a later text, and --apply in one undoable change."""

from __future__ import annotations

import json
import subprocess

from conftest import REPO, read_db, tracker_exe

DIGEST = REPO / "sample_data" / "followup-2025.txt"

# Follow-up sentences of our own about the sample's pledges, with events the sample
# has not logged (pledge 5: law enforcement; pledge 8: the UN and CICA; pledge 10: the
# connectivity corridor) and one renewed promise that is no evidence.
LATER = (
    "China and Kazakhstan sign law-enforcement cooperation plan\n\n"
    "The interior ministers of China and Kazakhstan signed a plan on joint operations "
    "against drug trafficking in Almaty on 12 November 2025.\n"
    "A second rail border crossing between the two countries was opened on 3 October 2025.\n"
    "The two sides agreed to continue deepening their coordination at the UN.\n"
)


def proposals(result) -> dict[int, dict]:
    return {p["pledge"]: p for p in json.loads(result.stdout)}


def test_json_proposals_on_the_sample(run, sample_db, tmp_path):
    text = tmp_path / "later.txt"
    text.write_text(LATER, encoding="utf-8")
    result = run("follow-up", text, "--date", "2025-11-20", "--source", "https://example.org/a",
                 "--format", "json", ok=True)
    found = proposals(result)
    assert found[5]["status"] == "in-progress" and found[5]["date"] == "2025-11-12"
    assert found[10]["status"] == "in-progress" and found[10]["date"] == "2025-10-03"
    assert 8 not in found  # "agreed to continue …" renews a pledge; it is no evidence
    assert found[5]["evidence"] == "https://example.org/a"
    assert found[5]["cue"] == "signed" and found[5]["sentence"].startswith("The interior")
    assert set(found[5]) >= {"pledge", "status", "progress", "party", "date", "note",
                             "evidence", "sentence", "score", "cue", "why",
                             "already_recorded"}
    assert "proposed updates from" in result.stderr


def test_table_shows_pledge_status_date_score_and_the_sentence(run, sample_db):
    result = run("follow-up", DIGEST, "--date", "2025-09-02", "--format", "table", ok=True)
    assert "pledge" in result.stdout and "score" in result.stdout
    assert "(recorded)" in result.stdout  # the sample already logs these events
    assert "already recorded" in result.stderr


def test_tsv_when_piped_and_csv_and_ndjson(run, sample_db):
    tsv = run("follow-up", DIGEST, "--date", "2025-09-02", ok=True)
    assert tsv.stdout.splitlines()[0].startswith("pledge\tstatus\tprogress\tparty\tdate")
    csv = run("follow-up", DIGEST, "--date", "2025-09-02", "--format", "csv", ok=True)
    assert csv.stdout.splitlines()[0].startswith("pledge,status,")
    ndjson = run("follow-up", DIGEST, "--date", "2025-09-02", "--format", "ndjson", ok=True)
    lines = ndjson.stdout.splitlines()
    assert lines and all(json.loads(line)["pledge"] for line in lines)


def test_dialogue_narrows_the_pledges(run, sample_db, tmp_path):
    result = run("follow-up", DIGEST, "--date", "2025-09-02", "-d", "cn-kz-fmsd-2025",
                 "--format", "json", ok=True)
    assert set(proposals(result)) <= {20, 21}


def test_empty_binary_and_irrelevant_input_give_no_proposals(run, sample_db, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\xff\xfe binary")
    irrelevant = tmp_path / "weather.txt"
    irrelevant.write_text("It rained in Astana on Monday. The football season opened.")
    for path, said in ((empty, "holds no text"), (binary, "not UTF-8"),
                       (irrelevant, "Nothing in")):
        result = run("follow-up", path, "--format", "json", ok=True)
        assert json.loads(result.stdout) == []
        assert said in result.stderr and "no proposals" in result.stderr


def test_bad_requests_are_one_line_errors_and_change_nothing(run, sample_db):
    before = sample_db.read_bytes()
    for args, message in (
        (["--lang", "de"], "unknown language"),
        (["--format", "yaml"], "unknown format"),
        (["--date", "2999-01-01"], "in the future"),
        (["-d", "nope"], "nope"),
        (["--yes"], "--yes goes with --apply"),
    ):
        result = run("follow-up", DIGEST, *args)
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
    missing = run("follow-up", "no-such-file.txt")
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    assert sample_db.read_bytes() == before


def test_apply_records_every_proposal_in_one_change_that_undo_reverts(run, sample_db,
                                                                       tmp_path):
    text = tmp_path / "later.txt"
    text.write_text(LATER, encoding="utf-8")
    before = read_db(sample_db)
    result = run("follow-up", text, "--date", "2025-11-20", "--source", "https://example.org/a",
                 "--apply", "--yes", ok=True)
    assert "Recorded" in result.stderr and "one `tracker undo`" in result.stderr
    shown = run("show", "5", "--format", "json", ok=True)
    pledge = json.loads(shown.stdout)
    update = pledge["updates"][-1]
    assert update["date"] == "2025-11-12" and update["evidence"] == "https://example.org/a"
    assert update["status"] == "in-progress" and update["note"]
    history = run("history", "--format", "json", ok=True)
    assert "follow-up" in history.stdout
    run("undo", ok=True)
    after = read_db(sample_db)
    assert after["pledges"] == before["pledges"]


def test_apply_skips_what_is_already_recorded(run, sample_db):
    before = sample_db.read_bytes()
    result = run("follow-up", DIGEST, "--date", "2025-09-02", "--apply", "--yes", ok=True)
    assert "already recorded: skipped" in result.stderr
    assert "Nothing new to record" in result.stderr
    assert sample_db.read_bytes() == before


def test_apply_off_a_terminal_needs_yes(run, sample_db, tmp_path):
    text = tmp_path / "later.txt"
    text.write_text(LATER, encoding="utf-8")
    before = sample_db.read_bytes()
    result = run("follow-up", text, "--date", "2025-11-20", "--apply")
    assert result.exit_code == 1 and "pass --yes" in result.stderr
    assert sample_db.read_bytes() == before


def test_the_installed_command_reads_stdin(sample_db):
    done = subprocess.run([*tracker_exe(), "follow-up", "-", "--date", "2025-11-20",
                           "--format", "json"], input=LATER, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert 5 in {p["pledge"] for p in json.loads(done.stdout)}


def test_the_readme_excerpt_is_what_the_command_prints(run, sample_db):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("tracker follow-up sample_data/followup-2025.txt --date 2025-09-02 "
                           "--format table\n```\n\n```text\n", 1)[1]
    excerpt = section.split("```", 1)[0]
    result = run("follow-up", DIGEST, "--date", "2025-09-02", "--format", "table", ok=True)
    assert result.stdout == excerpt


def test_on_a_terminal_apply_asks_about_each_proposal(run, sample_db, tmp_path, monkeypatch):
    from tracker.cli.terminal import Terminal

    monkeypatch.setattr(Terminal, "stdin_is_terminal", property(lambda self: True))
    text = tmp_path / "later.txt"
    text.write_text(LATER, encoding="utf-8")
    listed = proposals(run("follow-up", text, "--date", "2025-11-20", "--format", "json",
                           ok=True))
    assert len(listed) == 2  # pledges 5 and 10, strongest first
    first, second = list(listed)
    # Take the first as proposed; make the second "stalled" instead.
    result = run("follow-up", text, "--date", "2025-11-20", "--apply",
                 input="y\ne\nstalled\n", ok=True)
    assert "Record it?" in result.stderr
    updates = {pid: json.loads(run("show", pid, "--format", "json", ok=True).stdout)["updates"]
               for pid in (first, second)}
    assert updates[first][-1]["status"] == listed[first]["status"]
    assert updates[second][-1]["status"] == "stalled"
    # Answering no to everything records nothing.
    run("undo", ok=True)
    before = sample_db.read_bytes()
    result = run("follow-up", text, "--date", "2025-11-20", "--apply", input="n\nn\n", ok=True)
    assert "Nothing recorded" in result.stderr and sample_db.read_bytes() == before
