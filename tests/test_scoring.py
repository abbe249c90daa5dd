"""Scoring (SPEC §3): status replayed at a date, the -1/0/+1 rules and group figures."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.model import STATUSES, derive_state, party_states
from tracker.query import is_stale
from tracker.reporting import build_report
from tracker.scoring import (
    group_figures,
    overall,
    pledge_as_of,
    score,
    state_as_of,
)

DIALOGUE = {"id": "d", "title": "D", "date": "2025-01-10", "place": None,
            "parties": ["Alpha", "Beta"]}


def update(day: str, status: str, progress: int = 0, party: str | None = None) -> dict:
    return {"date": day, "status": status, "progress": progress, "note": None,
            "evidence": None, "party": party, "recorded": day}


def pledge(pledge_id: int, *updates: dict, by=("Alpha", "Beta"), due=None, verifiable=True,
           area="trade", status="pledged", progress=0) -> dict:
    record = {
        "id": pledge_id, "uuid": f"u{pledge_id}", "dialogue": "d", "text": f"pledge {pledge_id}",
        "quote": None, "by": list(by), "area": area, "framework": None, "tags": [],
        "due": due, "verifiable": verifiable, "status": status, "progress": progress,
        "created": "", "updated": "", "updates": list(updates),
    }
    derive_state(record)  # the stored state, as the tracker would write it
    return record


@pytest.mark.parametrize(("status", "due", "final", "expected"), [
    ("pledged", None, False, None),
    ("pledged", "2025-06-30", False, None),   # not yet due on the cut-off
    ("pledged", "2025-06-29", False, -1),     # past due: counts against
    ("pledged", "2025-06-30", True, -1),      # a final report: no action at all fails
    ("pledged", None, True, -1),
    ("in-progress", "2020-01-01", False, 0),
    ("partial", None, False, 0),
    ("stalled", None, False, 0),
    ("stalled", None, True, -1),              # a final report counts stalled as a failure
    ("fulfilled", None, False, 1),
    ("broken", None, False, -1),
    ("superseded", "2020-01-01", False, None),
])
def test_score_rules(status, due, final, expected):
    assert score(status, due=due, as_of="2025-06-30", final=final) == expected


@pytest.mark.parametrize("status", STATUSES)
def test_unverifiable_pledges_are_never_scored(status):
    assert score(status, due="2000-01-01", as_of="2025-06-30", final=True,
                 verifiable=False) is None


def test_state_is_replayed_from_the_updates_dated_up_to_the_cut_off():
    item = pledge(1, update("2025-03-01", "in-progress", 40),
                  update("2025-09-01", "fulfilled", 100))
    assert state_as_of(item, "2025-02-28") == ("pledged", 0)
    assert state_as_of(item, "2025-03-01") == ("in-progress", 40)
    assert state_as_of(item, "2025-08-31") == ("in-progress", 40)
    assert state_as_of(item, "2025-09-01") == ("fulfilled", 100)
    assert state_as_of(item) == ("fulfilled", 100)


def test_a_party_keeps_its_own_latest_update_and_otherwise_the_latest_joint_one():
    item = pledge(1, update("2025-03-01", "in-progress", 40),
                  update("2025-08-01", "broken", 40, party="Beta"),
                  update("2025-09-01", "fulfilled", 100, party="alpha"))
    before = pledge_as_of(item, "2025-07-31")
    assert before["party_status"] == {"Alpha": "in-progress", "Beta": "in-progress"}
    middle = pledge_as_of(item, "2025-08-15")
    # Beta's update is about Beta only: Alpha and the pledge keep the joint update's status.
    assert (middle["status"], middle["progress"]) == ("in-progress", 40)
    assert middle["party_status"] == {"Alpha": "in-progress", "Beta": "broken"}
    after = pledge_as_of(item, "2025-12-31")
    assert after["party_status"] == {"Alpha": "fulfilled", "Beta": "broken"}
    assert after["party_progress"] == {"Alpha": 100, "Beta": 40}
    # Both sides have spoken since the joint update: they decide, and Beta broke it.
    assert (after["status"], after["progress"]) == ("broken", 70)
    assert (item["status"], item["progress"]) == ("broken", 70)
    assert state_as_of(item, "2025-08-31") == ("in-progress", 40)


def test_parties_decide_once_every_one_has_spoken_since_the_latest_joint_update():
    item = pledge(1, update("2025-03-01", "in-progress", 40),
                  update("2025-04-01", "fulfilled", 100, party="Alpha"),
                  update("2025-05-01", "fulfilled", 100, party="Beta"),
                  update("2025-06-01", "stalled", 40))
    # Every side fulfilled its part after the joint update of March: fulfilled.
    assert state_as_of(item, "2025-05-01") == ("fulfilled", 100)
    assert state_as_of(item, "2025-04-30") == ("in-progress", 40)  # Beta had not spoken
    # A newer joint update speaks for the pledge again, until both sides speak after it.
    assert (item["status"], item["progress"]) == ("stalled", 40)
    same_day = pledge(2, update("2025-03-01", "stalled", 10),
                      update("2025-03-01", "fulfilled", 100, party="Alpha"),
                      update("2025-03-01", "fulfilled", 100, party="Beta"))
    assert same_day["status"] == "fulfilled"  # "on or after" the joint update's date


def test_a_one_party_pledge_follows_that_partys_update_after_the_joint_one():
    item = pledge(1, update("2025-03-01", "in-progress", 30),
                  update("2025-09-01", "fulfilled", 100, party="Beta"), by=("Beta",))
    assert (item["status"], item["progress"]) == ("fulfilled", 100)
    assert state_as_of(item, "2025-08-31") == ("in-progress", 30)
    # An update for a side that did not make the pledge does not count.
    other = pledge(2, update("2025-03-01", "in-progress", 30),
                   update("2025-09-01", "broken", 30, party="Alpha"), by=("Beta",))
    assert (other["status"], other["progress"]) == ("in-progress", 30)


def test_a_pledge_with_only_party_updates_takes_its_furthest_behind_party():
    item = pledge(1, update("2025-03-01", "fulfilled", 100, party="Alpha"),
                  update("2025-08-01", "broken", 20, party="Beta"))
    early = pledge_as_of(item, "2025-01-31")
    assert (early["status"], early["party_status"]) == (
        "pledged", {"Alpha": "pledged", "Beta": "pledged"})
    # Alpha delivered, Beta has not begun: an implementing step is on record.
    spring = pledge_as_of(item, "2025-04-01")
    assert (spring["status"], spring["progress"]) == ("in-progress", 50)
    assert spring["party_status"] == {"Alpha": "fulfilled", "Beta": "pledged"}
    # Beta broke it: a joint pledge one side broke is broken, whatever the other did.
    assert (item["status"], item["progress"]) == ("broken", 60)
    assert pledge_as_of(item, "2025-12-31")["status"] == "broken"


def test_a_pledge_without_updates_keeps_its_recorded_state():
    item = pledge(1, status="partial", progress=30)
    assert state_as_of(item, "2020-01-01") == ("partial", 30)


def test_group_figures_by_hand():
    views = [pledge_as_of(p, "2026-01-15") for p in (
        pledge(1, update("2025-03-01", "fulfilled", 100), area="trade"),
        pledge(2, update("2025-03-01", "broken"), area="Trade"),   # same group, other spelling
        pledge(3, update("2025-03-01", "stalled", 20), area="security"),
        pledge(4, area="security", due="2025-12-01"),              # pledged past due: -1
        pledge(5, area="security", verifiable=False),
    )]
    rows = {g.name: g for g in group_figures(views, "area", as_of="2026-01-15")}
    assert set(rows) == {"trade", "security"}
    # Each joint pledge is two cells: trade is +1 +1 -1 -1.
    assert (rows["trade"].pledges, rows["trade"].scored, rows["trade"].average) == (2, 4, 0)
    assert rows["trade"].percent == 50
    security = rows["security"]
    assert (security.pledges, security.scored, security.unverifiable) == (3, 4, 1)
    assert security.average == -0.5 and security.percent == 25
    assert security.counts["pledged"] == 2 and security.counts["stalled"] == 1
    final = {g.name: g for g in group_figures(views, "area", as_of="2026-01-15", final=True)}
    assert final["security"].average == -1 and final["security"].percent == 0
    total = overall(views, as_of="2026-01-15")
    assert (total.pledges, total.scored, total.score_total) == (5, 8, -2)
    # Pledge 5 is not verifiable: like its score, its progress estimate is left out.
    assert total.average_progress == (100 + 0 + 20 + 0) / 4


def test_stale_counts_only_open_pledges_and_uses_the_dialogue_date_without_updates():
    dates = {"d": "2025-01-10"}
    quiet = pledge_as_of(pledge(1), "2026-01-15")
    done = pledge_as_of(pledge(2, update("2025-01-20", "fulfilled", 100)), "2026-01-15")
    recent = pledge_as_of(pledge(3, update("2025-12-01", "in-progress", 10)), "2026-01-15")
    assert is_stale(quiet, dates, "2025-07-19")
    assert not is_stale(done, dates, "2025-07-19")
    assert not is_stale(recent, dates, "2025-07-19")


def test_changes_and_movements_inside_the_window():
    pledges = [
        pledge(1, update("2025-03-01", "in-progress", 40), update("2025-08-01", "broken", 40,
                                                                  party="Beta")),
        pledge(2, update("2025-02-01", "in-progress", 10)),
        pledge(3, update("2025-02-01", "in-progress", 10), update("2025-07-01", "broken", 10)),
    ]
    report = build_report(pledges, [DIALOGUE], as_of=date(2026, 1, 15),
                          since=date(2025, 6, 1))
    assert [(c.pledge_id, c.before, c.status, c.party) for c in report.changes] == [
        (1, "in-progress", "broken", "Beta"), (3, "in-progress", "broken", None)]
    # Beta's update moved Beta, not pledge 1 as a whole; the joint update moved pledge 3.
    assert [(m.pledge_id, m.before, m.after) for m in report.movements] == [
        (3, "in-progress", "broken")]
    assert report.movement_counts() == {"broken": 1}


statuses = st.sampled_from(STATUSES)
updates_strategy = st.lists(
    st.tuples(st.dates(date(2025, 1, 10), date(2026, 12, 31)), statuses,
              st.sampled_from([None, "Alpha", "Beta"])), max_size=6)


@given(st.lists(st.tuples(updates_strategy, st.booleans(),
                          st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2027, 1, 1)))),
                max_size=12),
       st.dates(date(2025, 1, 10), date(2027, 1, 1)), st.booleans())
def test_figures_stay_consistent_for_any_log(entries, cutoff, final):
    pledges = []
    for index, (log, verifiable, due) in enumerate(entries, 1):
        ups = sorted((update(d.isoformat(), s, 100 if s == "fulfilled" else 0, party)
                      for d, s, party in log), key=lambda u: u["date"])
        pledges.append(pledge(index, *ups, verifiable=verifiable,
                              due=due.isoformat() if due else None))
    report = build_report(pledges, [DIALOGUE], as_of=cutoff, final=final)
    total = report.summary
    assert total.pledges == len(pledges) == sum(total.counts.values())
    assert total.scored <= 2 * (total.pledges - total.unverifiable)  # two parties each
    if total.average is not None:
        assert -1 <= total.average <= 1 and 0 <= total.percent <= 100
    for grouping in ("area", "dialogue"):
        rows = report.groups[grouping]
        assert sum(g.pledges for g in rows) == total.pledges
        assert sum(g.score_total for g in rows) == total.score_total
    # Each party's row counts exactly the pledges that party made.
    for group in report.groups["party"]:
        assert group.pledges == len(pledges)
    # Nothing dated after the cut-off leaks into the report.
    assert all(u["date"] <= cutoff.isoformat() for v in report.pledges for u in v["updates"])
    assert all(c.date <= cutoff.isoformat() for c in report.changes)


@given(updates_strategy, st.sampled_from(["Alpha", "Beta"]), statuses,
       st.dates(date(2025, 1, 10), date(2026, 12, 31)))
def test_an_update_about_one_party_never_moves_the_other(log, party, status, day):
    ups = sorted((update(d.isoformat(), s, 100 if s == "fulfilled" else 0, p)
                  for d, s, p in log), key=lambda u: u["date"])
    before = pledge(1, *ups)
    new = update(day.isoformat(), status, 100 if status == "fulfilled" else 0, party)
    after = pledge(1, *sorted([*ups, new], key=lambda u: u["date"]))
    other = "Beta" if party == "Alpha" else "Alpha"
    assert party_states(after)[other] == party_states(before)[other]
    joint = max((u["date"] for u in ups if not u["party"]), default=None)
    if joint is not None and not any(u["party"] == other and u["date"] >= joint for u in ups):
        # A joint update on record that the other side has not answered since keeps
        # speaking for the pledge: one side's update does not move it either.
        assert (after["status"], after["progress"]) == (before["status"], before["progress"])
    # A replay to any date agrees with the stored state once every update is in.
    view = pledge_as_of(after, "2027-01-01")
    assert (view["status"], view["progress"]) == (after["status"], after["progress"])
    assert view["party_status"] == {p: s for p, (s, _) in party_states(after).items()}


@given(updates_strategy, st.dates(date(2025, 1, 10), date(2026, 12, 31)),
       st.sets(st.sampled_from(["Alpha", "Beta"]), min_size=1))
def test_a_pledge_every_party_fulfilled_since_every_joint_update_is_fulfilled(log, day, by):
    """Whatever came before, each side's own fulfilled update, dated after the latest joint
    update, makes the pledge fulfilled — now and in a replay to that date."""
    ups = [update(d.isoformat(), s, 100 if s == "fulfilled" else 0, p)
           for d, s, p in log if d < day]
    ups += [update(day.isoformat(), "fulfilled", 100, party) for party in sorted(by)]
    item = pledge(1, *sorted(ups, key=lambda u: u["date"]), by=sorted(by))
    assert (item["status"], item["progress"]) == ("fulfilled", 100)
    assert state_as_of(item, day.isoformat()) == ("fulfilled", 100)


@given(st.lists(updates_strategy, min_size=1, max_size=8), st.sampled_from(["Alpha", "Beta"]),
       st.dates(date(2025, 1, 10), date(2027, 1, 1)))
def test_a_one_party_report_summary_is_that_partys_row(logs, party, cutoff):
    from tracker.query import Filters

    pledges = [pledge(index, *sorted((update(d.isoformat(), s, 100 if s == "fulfilled" else 0,
                                             p) for d, s, p in log), key=lambda u: u["date"]))
               for index, log in enumerate(logs, 1)]
    report = build_report(pledges, [DIALOGUE], as_of=cutoff, filters=Filters(by=[party]))
    row = next(g for g in report.groups["party"] if g.name == party)
    assert report.summary.counts == row.counts
    assert (report.summary.scored, report.summary.score_total) == (row.scored, row.score_total)
    assert all(c.party in (None, party) for c in report.changes)
