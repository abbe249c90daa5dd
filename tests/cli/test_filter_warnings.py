"""A filter value that no record has gets a warning naming the closest known value; a
database path that leads nowhere is said so. The result itself stays an empty success."""

import pytest


@pytest.mark.parametrize("command", [["list"], ["report", "-f", "json"], ["export"]])
@pytest.mark.parametrize("option, value, warning", [
    ("-d", "nope", "warning: no dialogue has the id 'nope' (known: test-dlg)"),
    ("-d", "test-dgl", "warning: no dialogue has the id 'test-dgl' (did you mean test-dlg?)"),
    ("-d", "TEST-DLG", "warning: no dialogue has the id 'TEST-DLG' (did you mean test-dlg?)"),
    ("--area", "tradee", "warning: no pledge has the area 'tradee' (did you mean trade?)"),
    ("--framework", "SCOO", "warning: no pledge has the framework 'SCOO' (did you mean SCO?)"),
    ("--tag", "urgent", "warning: no pledge has the tag 'urgent' (none has one yet)"),
])
def test_a_value_no_record_has_is_warned_about(run, small_db, command, option, value,
                                               warning):
    before = small_db.read_bytes()
    result = run(*command, option, value)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == warning
    assert small_db.read_bytes() == before


def test_a_party_typo_gets_the_closest_party(run, small_db):
    result = run("list", "--by", "Alpah")
    assert result.stderr == ("warning: no dialogue has the party 'Alpah' (did you mean "
                             "Alpha? known parties: Alpha, Beta)\n")


def test_known_values_in_any_case_are_not_warned_about(run, small_db):
    for args in (["-d", "test-dlg"], ["--area", "Trade"], ["--framework", "sco"],
                 ["--by", "beta"]):
        result = run("list", *args, ok=True)
        assert result.stderr == "" and result.stdout, args
    assert run("list", "--area", "trade", "--area", "tradee", ok=True).stderr.count(
        "warning") == 1


def test_a_database_path_that_leads_nowhere_is_said_and_nothing_is_made(run, small_db,
                                                                        tmp_path):
    typo = tmp_path / "trakcer.json"
    result = run("--db", typo, "list")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == (f"warning: there is no database at {typo}; check the path (the "
                             "first command that records something starts one there)\n")
    assert not typo.exists() and not (tmp_path / "trakcer.json.lock").exists()
    # $TRACKER_DB set up for a first run is not a typo: no warning before the first write.
    assert run("list", ok=True).stderr == ""
