"""Each stage of the extractor on its own: sentences, parties, cues, clauses, subjects."""

from __future__ import annotations

from tracker.extract import Document
from tracker.extract.clauses import split_phrases
from tracker.extract.cues import cue_matches
from tracker.extract.language import detect_language
from tracker.extract.rules import compiled
from tracker.extract.sentences import sentence_spans
from tracker.extract.subjects import speaker

DIALOGUE = {
    "parties": ["China", "Kazakhstan"],
    "participants": [{"name": "Murat Nurtleu", "party": "Kazakhstan"}],
}


def doc(text: str, lang: str = "en") -> Document:
    return Document(text, DIALOGUE, compiled(lang))


def test_sentences_mark_titles_and_keep_abbreviations() -> None:
    text = "A heading line\nMr. Li met the U.S. envoy. They talked.\nClosing line."
    spans = sentence_spans(text)
    assert [(text[s.start : s.end], s.title) for s in spans] == [
        ("A heading line", True),
        ("Mr. Li met the U.S. envoy.", False),
        ("They talked.", False),
        ("Closing line.", False),
    ]


def test_language_is_read_from_frequent_words() -> None:
    assert detect_language("Les deux pays ont signé un accord sur le transit.") == "fr"
    assert detect_language("The two countries signed a transit agreement.") == "en"


def test_party_index_finds_adjectives_capitals_people_and_both_sides() -> None:
    d = doc("The Kazakh side and Beijing met; both sides heard Nourtleu.")
    found = [(d.text[m.start : m.end], m.parties, m.kind) for m in d.index.mentions]
    assert ("The Kazakh side", ("Kazakhstan",), "party") in found
    assert ("Beijing", ("China",), "party") in found
    assert ("both sides", ("China", "Kazakhstan"), "joint") in found
    assert ("Nourtleu", ("Kazakhstan",), "person") in found


def test_cues_are_found_in_order_longest_first() -> None:
    d = doc("Kazakhstan is ready to open a consulate and will host the forum.")
    names = [d.text[m.start() : m.end()].strip() for _, m in cue_matches(d, d.sentences[0])]
    assert names[0] == "is ready to"
    assert "will" in names


def test_clauses_split_verb_phrases_but_not_noun_lists() -> None:
    d = doc("Both sides agreed to expand trade and investment and deepen cultural exchanges.")
    cue, match = next(
        (c, m) for c, m in cue_matches(d, d.sentences[0]) if m.group().startswith("agreed")
    )
    end = d.sentences[0].end
    pieces = [d.text[s:e].strip() for s, e in split_phrases(d, match.end(), end, cue, match)]
    # The stage cuts; trimming the joining "and" and the full stop comes later.
    assert pieces == ["expand trade and investment and", "deepen cultural exchanges."]


def test_speaker_follows_a_speech_verb() -> None:
    d = doc("The talks went well, said Nurtleu.")
    assert speaker(d, d.sentences[0]) == ("Kazakhstan",)


def test_parties_recorded_in_their_own_script_or_less_common_ones_are_found():
    # An analyst may record "Россия" and "中国"; a readout in English still names
    # "the Russian side" and "China". "La partie ivoirienne" is Côte d'Ivoire alone.
    from tracker.extract import extract

    text = ("The two sides agreed to complete a feasibility study by the end of 2026. "
            "The Russian side will open a liaison office in Harbin. China reaffirmed its "
            "commitment to buy liquefied natural gas under long-term contracts.")
    found = extract(text, {"id": "rc", "date": "2025-09-01", "parties": ["Россия", "中国"]})
    assert [candidate.by for candidate in found] == [["Россия", "中国"], ["Россия"],
                                                        ["中国"]]
    french = ("La partie ivoirienne se tient prête à accueillir la prochaine réunion "
              "ministérielle en 2026.")
    found = extract(french, {"id": "s", "date": "2025-04-14",
                             "parties": ["Türkiye", "Côte d'Ivoire", "Union européenne"]})
    assert [candidate.by for candidate in found] == [["Côte d'Ivoire"]]
