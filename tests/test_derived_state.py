"""Derived state equals the replay: what is computed once (and stored) is what replaying
the update log gives, on random histories."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.model import (
    STATUSES,
    StateLog,
    current_states,
    party_state,
    party_states,
    pledge_state,
)

PARTIES = ["China", "Kazakhstan", "Türkiye", "Côte d'Ivoire"]
# Spellings a hand-edited or imported log may hold: case and accents differ, or none.
SPELLINGS = [None, "", "china", "CHINA", "Kazakhstan", "turkiye", "Türkiye", "Côte d'Ivoire",
             "cote d'ivoire", "Mongolia"]
DAYS = [f"2024-0{month}-1{day}" for month in range(1, 4) for day in range(3)]

updates = st.fixed_dictionaries({
    "date": st.sampled_from(DAYS),
    "status": st.sampled_from(STATUSES),
    "progress": st.integers(0, 100),
    "note": st.none(),
    "evidence": st.none(),
    "party": st.sampled_from(SPELLINGS),
    "recorded": st.just("2024-01-01T00:00:00Z"),
})
pledges = st.fixed_dictionaries({
    "by": st.lists(st.sampled_from(PARTIES), min_size=1, max_size=4, unique=True),
    "status": st.sampled_from(STATUSES),
    "progress": st.integers(0, 100),
    # Parties the pledge does not apply to (n/a): they have no say in its own state.
    "not_verifiable_for": st.lists(st.sampled_from(SPELLINGS[2:]), max_size=3, unique=True),
    # Logs are kept in date order by the tracker; a hand edit may not keep them so.
    "updates": st.lists(updates, max_size=8).flatmap(
        lambda log: st.sampled_from([log, sorted(log, key=lambda u: u["date"])])),
})


@settings(max_examples=400, deadline=None)
@given(pledges)
def test_one_pass_state_equals_the_replay_after_every_update(pledge: dict) -> None:
    log = StateLog(pledge)
    for count in range(len(pledge["updates"]) + 1):
        earlier = pledge["updates"][:count]
        assert log.overall() == pledge_state(pledge, earlier)
        assert log.parties() == party_states(pledge, earlier)
        for name in SPELLINGS:
            if name:
                assert log.party(name) == party_state(pledge, name, earlier)
        if count < len(pledge["updates"]):
            log.add(pledge["updates"][count])
    assert current_states(pledge) == (pledge_state(pledge), party_states(pledge))
