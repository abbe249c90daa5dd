"""`tracker.followup`: later texts of our own → proposed updates, one pattern per test."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract.folding import shadow
from tracker.followup import read
from tracker.followup.events import events_in
from tracker.followup.evidence import dates_in
from tracker.followup.lexicon import concepts_in

DIALOGUE = {
    "id": "cn-kz", "date": "2024-03-29", "parties": ["China", "Kazakhstan"],
    "participants": [{"name": "Wang Yi", "party": "China"},
                     {"name": "Murat Nurtleu", "party": "Kazakhstan"}],
}
LATER = {"id": "cn-kz-2", "date": "2025-04-25", "parties": ["China", "Kazakhstan"]}
DIALOGUES = {"cn-kz": DIALOGUE, "cn-kz-2": LATER}


def pledge(pledge_id: int, text: str, *, by=("China", "Kazakhstan"), area="political",
           framework=None, tags=(), quote=None, dialogue="cn-kz", status="pledged",
           updates=()) -> dict:
    return {"id": pledge_id, "dialogue": dialogue, "text": text, "quote": quote, "by": list(by),
            "area": area, "framework": framework, "tags": list(tags), "status": status,
            "progress": 0, "verifiable": True, "updates": list(updates)}


PLEDGES = [
    pledge(1, "Set up a standing strategic dialogue between the two foreign ministers.",
           tags=["dialogue-mechanism"]),
    pledge(2, "Jointly advance high-quality Belt and Road cooperation.", area="economic",
           framework="BRI", quote="promouvoir la coopération dans le cadre de l'ICR"),
    pledge(5, "Improve law-enforcement and security cooperation.", area="security"),
    pledge(6, "Keep strengthening the China–Central Asia cooperation mechanism.",
           area="multilateral", framework="China–Central Asia"),
    pledge(7, "Back each other's rotating presidency of the SCO.", area="multilateral",
           framework="SCO", tags=["sco-presidency"]),
    pledge(9, "China will work with Kazakhstan to grow the volume of trade.", by=["China"],
           area="trade", tags=["trade-volume"]),
    pledge(10, "Build a resilient connectivity corridor.", by=["China"], area="connectivity",
           tags=["transport", "corridor"]),
    pledge(11, "More exchanges between the two peoples.", by=["China"],
           area="people-to-people"),
    pledge(21, "Work together for a successful second China–Central Asia summit in Astana.",
           area="multilateral", framework="China–Central Asia", tags=["summit"],
           dialogue="cn-kz-2"),
]


def proposals(text: str, pledges=PLEDGES, on: str = "2025-12-01", **kwargs) -> dict[int, dict]:
    found = read(text, pledges, DIALOGUES, default_date=date.fromisoformat(on), **kwargs)
    return {p.pledge: p.to_dict() for p in found}


# --- what happened, and what it does to a pledge ------------------------------------------


def test_a_summit_held_fulfils_the_pledge_about_it_and_advances_the_mechanism():
    found = proposals("The second China–Central Asia summit took place in Astana on 17 June "
                      "2025, and the six leaders signed a treaty of good-neighbourliness.")
    assert found[21]["status"] == "fulfilled" and found[21]["progress"] == 100
    assert found[21]["date"] == "2025-06-17"
    assert found[6]["status"] == "in-progress"  # an open-ended aim is only advanced
    assert found[21]["cue"] == "took place"
    assert 7 not in found  # an SCO pledge is not about a China–Central Asia summit


def test_postponed_is_stalled_and_cancelled_is_broken():
    stalled = proposals("The joint anti-terrorism exercise of China and Kazakhstan was "
                        "postponed in May 2025.")
    assert stalled[5]["status"] == "stalled"
    broken = proposals("Kazakhstan cancelled the agreement on the new freight corridor with "
                       "China in October 2025.")
    assert broken[10]["status"] == "broken"


def test_a_negated_event_is_a_setback_not_a_success():
    found = proposals("The cooperation agreement on law enforcement between China and "
                      "Kazakhstan was not signed in 2025.")
    assert found[5]["status"] == "stalled"


def test_a_trade_figure_advances_the_trade_pledge_and_is_in_the_note():
    found = proposals("Trade between China and Kazakhstan reached $43.8 billion in 2024, "
                      "up 7 % on the year before.", on="2025-01-23")
    assert found[9]["status"] == "in-progress"
    assert "$43.8 billion" in found[9]["note"]
    assert found[9]["date"] == "2025-01-23"  # a year alone is no event date: the text's date
    assert found[9]["sentence"].startswith("Trade between")


def test_a_completion_figure_becomes_progress():
    found = proposals("The new China–Kazakhstan railway corridor is 60 % complete, the "
                      "builders reported in March 2025.")
    assert found[10]["progress"] == 60 and found[10]["status"] == "in-progress"


# --- evidence, not echoes ----------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The two sides agreed to continue deepening security cooperation.",
    "China and Kazakhstan will hold the next strategic dialogue in Beijing.",
    "The summit is expected to be held in Astana in June.",
    "China is ready to work with Kazakhstan to implement the consensus reached by the leaders "
    "on trade.",
    "Les deux parties sont convenues de renforcer la coopération en matière de sécurité.",
    "Le prochain sommet Chine–Asie centrale sera organisé à Astana.",
])
def test_a_renewed_promise_is_no_evidence(sentence):
    assert proposals(sentence) == {}


def test_a_topical_text_with_no_event_gives_nothing():
    text = ("China and Kazakhstan discussed trade, transport corridors and security. "
            "Both sides praised the strategic dialogue and hoped for more exchanges between "
            "their peoples.")
    assert proposals(text) == {}


def test_third_countries_alone_are_not_the_pledges_parties():
    assert proposals("Uzbekistan and Kyrgyzstan signed a railway agreement in 2025.") == {}


def test_an_event_before_the_pledge_was_made_is_background():
    assert 21 not in proposals("The first China–Central Asia summit was held in Xi'an in "
                               "2023.")
    assert proposals("The strategic dialogue was held on 10 March 2024.") == {}


# --- across languages, parties, dates -------------------------------------------------------


def test_a_french_text_meets_a_pledge_recorded_in_english():
    found = proposals("Un nouveau terminal logistique de la Ceinture et la Route a été "
                      "inauguré par la Chine et le Kazakhstan le 3 juillet 2024.")
    assert found[2]["status"] == "in-progress" and found[2]["date"] == "2024-07-03"


def test_the_side_that_acted_is_the_party():
    found = proposals("Kazakhstan's president took part in the SCO summit in Tianjin on "
                      "1 September.", on="2025-09-02")
    assert found[7]["party"] == "Kazakhstan"
    assert found[7]["status"] == "fulfilled"  # a presidency is backed at its summit
    assert found[7]["date"] == "2025-09-01"


def test_both_sides_acting_leaves_the_party_empty():
    found = proposals("Wang Yi held the third strategic dialogue with Murat Nurtleu in "
                      "Beijing on 12 May 2025.")
    assert found[1]["party"] is None and found[1]["status"] == "fulfilled"


def test_a_headline_in_the_present_tense_reports_an_event():
    text = ("China and Kazakhstan sign law-enforcement pact\n\n"
            "The interior ministers of the two countries met in Almaty on 4 March 2025.")
    found = proposals(text)
    assert found[5]["status"] == "in-progress"


def test_an_event_sentence_without_a_topic_borrows_the_title():
    text = ("China and Central Asia hold first conference on public security\n\n"
            "During the meeting on 10 September 2024, the delegations of China and "
            "Kazakhstan signed several documents.")
    found = proposals(text)
    assert found[5]["date"] == "2024-09-10"


def test_one_proposal_per_pledge_the_strongest():
    text = ("The SCO summit was held in Astana. "
            "China's president attended the SCO summit in Astana on 4 July 2024, backing "
            "Kazakhstan's presidency.")
    found = read(text, PLEDGES, DIALOGUES, default_date=date(2024, 7, 10))
    assert [p.pledge for p in found].count(7) == 1
    assert next(p for p in found if p.pledge == 7).date == "2024-07-04"


def test_an_update_already_logged_is_flagged():
    logged = pledge(7, "Back each other's rotating presidency of the SCO.", framework="SCO",
                    updates=[{"date": "2025-09-01", "status": "fulfilled", "party": "Kazakhstan",
                              "progress": 100}])
    found = proposals("Kazakhstan's president took part in the SCO summit in Tianjin on "
                      "1 September.", pledges=[logged], on="2025-09-03")
    assert found[7]["already_recorded"] is True


def test_the_note_is_short_and_not_the_sentence():
    sentence = ("The second China–Central Asia summit took place in Astana on 17 June 2025 "
                "with the leaders of China, Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan "
                "and Uzbekistan, who signed a treaty and adopted a declaration.")
    note = proposals(sentence)[21]["note"]
    assert len(note) <= 140 and note != sentence and "took place" in note.lower()


# --- stages ----------------------------------------------------------------------------------


def test_concepts_are_found_in_both_languages_and_acronyms_only_in_capitals():
    assert set(concepts_in("la Ceinture et la Route")) == {"belt-and-road"}
    assert "united-nations" not in concepts_in("un accord")
    assert "united-nations" in concepts_in("at the UN")
    assert "sco" in concepts_in("l'OCS")


def test_an_event_right_after_a_promise_is_no_event():
    assert events_in(shadow("the summit will be held in june"), "en") == []
    assert [e.kind for e in events_in(shadow("the summit was held in june"), "en")] == ["done"]
    assert events_in(shadow("le sommet sera inaugure"), "fr") == []


def test_a_day_and_month_without_a_year_is_the_latest_not_after_the_text():
    found = dates_in(shadow("held on 17 june"), date(2025, 6, 20))
    assert found[0].day == date(2025, 6, 17)
    found = dates_in(shadow("held on 17 june"), date(2025, 6, 10))
    assert found[0].day == date(2024, 6, 17)


def test_empty_and_odd_input_gives_nothing():
    assert read("", PLEDGES, DIALOGUES, default_date=date(2025, 1, 1)) == []
    assert read("   \n\n", PLEDGES, DIALOGUES, default_date=date(2025, 1, 1)) == []
    assert read("text", [], DIALOGUES, default_date=date(2025, 1, 1)) == []


@settings(deadline=None, max_examples=60)
@given(st.text(max_size=400))
def test_any_text_reads_without_error_and_proposes_known_pledges(text):
    found = read(text, PLEDGES, DIALOGUES, default_date=date(2025, 6, 1))
    ids = [p.pledge for p in found]
    assert len(ids) == len(set(ids)) and set(ids) <= {p["id"] for p in PLEDGES}
    for p in found:
        assert p.status in {"fulfilled", "in-progress", "partial", "stalled", "broken"}
        assert p.date <= "2025-06-01" or p.date[:4].isdigit()


def test_arriving_to_attend_a_summit_is_attending_it_in_french_too():
    found = proposals("Le président kazakh est arrivé à Tianjin pour participer au sommet de "
                      "l'OCS le 31 août 2025.", on="2025-09-02")
    assert found[7]["status"] == "fulfilled" and found[7]["party"] == "Kazakhstan"
    assert found[7]["date"] == "2025-08-31"
    found = proposals("Kazakhstan's foreign minister is in Tianjin to attend the SCO summit.",
                      on="2025-08-30")
    assert found[7]["party"] == "Kazakhstan"


OWN_WORDS = [
    pledge(22, "Open a consulate in Aktobe, with visa services.", by=["China"],
           area="people-to-people"),
    pledge(23, "Launch a direct Urumqi–Astana cargo flight.", area="connectivity"),
    *PLEDGES,
]


def test_a_pledge_outside_the_term_list_is_matched_by_its_own_words():
    found = proposals("China opened its consulate in Aktobe on 2 April 2025.", OWN_WORDS)
    assert found[22]["status"] == "fulfilled" and found[22]["date"] == "2025-04-02"
    found = proposals("La Chine a ouvert son consulat à Aktobe le 2 avril 2025.", OWN_WORDS)
    assert found[22]["status"] == "fulfilled"
    found = proposals("China postponed the opening of its consulate in Aktobe on 10 March "
                      "2025.", OWN_WORDS)
    assert found[22]["status"] == "stalled"


def test_launching_what_the_pledge_asked_to_launch_fulfils_it_and_a_city_is_no_doer():
    found = proposals("The direct Urumqi–Astana cargo flight was launched on 2 March 2025.",
                      OWN_WORDS)
    assert found[23]["status"] == "fulfilled" and found[23]["party"] is None


def test_each_sentence_is_read_in_its_own_language():
    text = ("The direct Urumqi–Astana cargo flight was launched on 2 March 2025 by the two "
            "airlines.\nLes échanges commerciaux entre la Chine et le Kazakhstan ont progressé "
            "de 12 % au premier trimestre, selon les douanes, le 20 avril 2025.")
    found = proposals(text, OWN_WORDS)
    assert found[23]["status"] == "fulfilled" and found[9]["status"] == "in-progress"


def test_each_sentence_keeps_its_own_date():
    # A date belongs to its own sentence's event: the next sentence, undated or dated
    # only by its month, does not take it.
    text = ("Kazakhstan and China opened a new Belt and Road logistics terminal on 3 March "
            "2025. Law-enforcement cooperation between Kazakhstan and China was suspended "
            "in January 2025 after a dispute.")
    found = proposals(text, on="2025-03-20")
    assert found[2]["date"] == "2025-03-03"
    assert found[5]["status"] == "stalled" and found[5]["date"] == "2025-01-31"
    undated = text.replace(" in January 2025", "")
    assert proposals(undated, on="2025-03-20")[5]["date"] == "2025-03-20"  # the text's date
    # In the text's own month, the text's date; the French month too.
    french = ("La coopération en matière d'application de la loi entre le Kazakhstan et la "
              "Chine a été suspendue en mars 2025.")
    assert proposals(french, on="2025-03-20")[5]["date"] == "2025-03-20"


def test_a_month_is_dated_by_its_last_day_and_never_after_the_text():
    ref = date(2025, 3, 20)
    assert [d.day for d in dates_in("suspended in january 2025", ref)] == [date(2025, 1, 31)]
    assert [d.day for d in dates_in("in february 2024", ref)] == [date(2024, 2, 29)]
    assert [d.day for d in dates_in("done in december 2025", ref)] == [None]  # still to come
    # "3 March 2025" is one date, not also "March 2025".
    assert [d.day for d in dates_in("on 3 march 2025", ref)] == [date(2025, 3, 3)]


def test_a_pledge_met_only_through_its_issue_area_is_not_proposed():
    # A trade deal suspended says nothing about a trade-area pledge to train customs
    # officers; it does bear on a pledge about that very deal.
    pledges = [pledge(31, "Train 500 customs officers.", area="trade"),
               pledge(32, "Sign a free trade agreement.", area="trade")]
    found = proposals("Kazakhstan and China suspended the free trade agreement talks on "
                      "4 March 2025.", pledges, on="2025-03-20")
    assert set(found) == {32}
    assert found[32]["status"] == "stalled"
