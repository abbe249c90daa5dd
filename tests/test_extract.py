"""The pledge extractor: recall and precision on readouts, attribution, splitting, resolution."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.extract import Candidate, detect_language, extract, split_sentences
from tracker.model import fold

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
READOUTS = FIXTURES / "readouts"
# The seed readout is shared data, never copied into the repository: tests read it in place.
SEEDS = REPO / ".." / "shared" / "seeds"

CN_KZ = {
    "id": "cn-kz-fmsd-2024",
    "title": "China–Kazakhstan Foreign Ministers' Strategic Dialogue",
    "date": "2024-03-29",
    "parties": ["China", "Kazakhstan"],
    "participants": [
        {"name": "Wang Yi", "role": "Minister of Foreign Affairs", "party": "China"},
        {"name": "Murat Nurtleu", "role": "Minister of Foreign Affairs", "party": "Kazakhstan"},
    ],
}


# ---------------------------------------------------------------------------
# Scoring a readout against its expected pledges.


@dataclass
class Score:
    """How the candidates of one readout compare with its expected pledges."""

    name: str
    expected: int
    found: int = 0  # expected pledges matched by a candidate
    false: list[str] = field(default_factory=list)  # candidates that match nothing expected
    misattributed: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong_framework: list[str] = field(default_factory=list)
    non_pledges_taken: list[str] = field(default_factory=list)
    candidates: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        counted = self.found + len(self.false)
        return self.found / counted if counted else 1.0

    def line(self) -> str:
        return (
            f"{self.name}: recall {self.recall:.2f} ({self.found}/{self.expected}), "
            f"precision {self.precision:.2f} ({self.found}/{self.found + len(self.false)}), "
            f"false {len(self.false)}, misattributed {len(self.misattributed)}, "
            f"candidates {self.candidates}"
        )


def score(name: str, candidates: list[Candidate], expected: dict) -> Score:
    """Match candidates to expected pledges by a distinctive substring of the quote.

    Each expected pledge is matched by at most one candidate; a candidate that matches
    none (or only one already matched) is a false candidate. A candidate matching an
    `optional` phrase — a reading a careful analyst might or might not record — counts
    neither way.
    """
    pledges = expected["pledges"]
    result = Score(name=name, expected=len(pledges), candidates=len(candidates))
    matched = [False] * len(pledges)
    for candidate in candidates:
        quote = fold(candidate.quote)
        hits = [i for i, p in enumerate(pledges) if fold(p["contains"]) in quote]
        free = [i for i in hits if not matched[i]]
        if free:
            index = free[0]
            matched[index] = True
            pledge = pledges[index]
            if sorted(candidate.by) != sorted(pledge["by"]):
                result.misattributed.append(
                    f"{candidate.quote!r}: {candidate.by} != {pledge['by']}"
                )
            if "framework" in pledge and candidate.framework != pledge["framework"]:
                result.wrong_framework.append(
                    f"{candidate.quote!r}: {candidate.framework} != {pledge['framework']}"
                )
        elif not any(fold(o) in quote for o in expected.get("optional", [])):
            result.false.append(candidate.quote)
        for phrase in expected.get("non_pledges", []):
            if fold(phrase) in quote:
                result.non_pledges_taken.append(phrase)
    result.found = sum(matched)
    result.missed = [p["contains"] for p, hit in zip(pledges, matched, strict=True) if not hit]
    return result


def fixture_cases() -> list[tuple[str, Path | None, Path]]:
    """(name, readout text file or None when absent, expectations file) for every fixture."""
    cases = []
    for expected_path in sorted(FIXTURES.glob("seed_*.expected.json")):
        seed = json.loads(expected_path.read_text(encoding="utf-8"))["seed"]
        text_path = SEEDS / seed
        cases.append((f"seed {seed}", text_path if text_path.exists() else None, expected_path))
    for text_path in sorted(READOUTS.glob("*.txt")):
        expected_path = text_path.with_suffix(".expected.json")
        cases.append((text_path.stem, text_path, expected_path))
    return cases


def run_case(name: str, text_path: Path | None, expected_path: Path) -> Score:
    if text_path is None:
        pytest.skip(f"{name}: the seed readout is not in ../shared/seeds (it is never copied here)")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    text = text_path.read_text(encoding="utf-8")
    return score(name, extract(text, expected["dialogue"], lang="auto"), expected)


CASES = fixture_cases()
CASE_IDS = [case[0] for case in CASES]


@pytest.mark.parametrize(("name", "text_path", "expected_path"), CASES, ids=CASE_IDS)
def test_every_pledge_is_found(name: str, text_path: Path | None, expected_path: Path) -> None:
    result = run_case(name, text_path, expected_path)
    assert result.recall == 1.0, f"missed: {result.missed}"


@pytest.mark.parametrize(("name", "text_path", "expected_path"), CASES, ids=CASE_IDS)
def test_pledges_are_attributed_to_the_right_party(
    name: str, text_path: Path | None, expected_path: Path
) -> None:
    result = run_case(name, text_path, expected_path)
    assert result.misattributed == []


@pytest.mark.parametrize(("name", "text_path", "expected_path"), CASES, ids=CASE_IDS)
def test_at_most_one_false_candidate(
    name: str, text_path: Path | None, expected_path: Path
) -> None:
    result = run_case(name, text_path, expected_path)
    assert len(result.false) <= 1, f"false candidates: {result.false}"


@pytest.mark.parametrize(("name", "text_path", "expected_path"), CASES, ids=CASE_IDS)
def test_facts_praise_and_exchanges_are_not_pledges(
    name: str, text_path: Path | None, expected_path: Path
) -> None:
    result = run_case(name, text_path, expected_path)
    assert result.non_pledges_taken == []


@pytest.mark.parametrize(("name", "text_path", "expected_path"), CASES, ids=CASE_IDS)
def test_frameworks_are_suggested(name: str, text_path: Path | None, expected_path: Path) -> None:
    result = run_case(name, text_path, expected_path)
    assert result.wrong_framework == []


def test_quality_report() -> None:
    """Prints recall and precision per fixture (see them with `pytest -s`)."""
    for name, text_path, expected_path in CASES:
        if text_path is None:
            print(f"{name}: skipped (seed readout absent)")
            continue
        print(run_case(name, text_path, expected_path).line())


# ---------------------------------------------------------------------------
# Behaviour on short texts.


def test_seed_text_never_copied_into_the_repository() -> None:
    for path in REPO.rglob("*.txt"):
        if ".git" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        assert "accordait la priorité à la Chine dans son programme diplomatique" not in text, path


def test_french_enumeration_gives_one_candidate_per_verb_phrase() -> None:
    text = (
        "Les deux parties ont convenu de promouvoir le commerce, d'approfondir les échanges "
        "entre les peuples, de renforcer la coopération en matière de sécurité et de coopérer "
        "au sein des Nations unies et de l'Organisation de coopération de Shanghai."
    )
    candidates = extract(text, CN_KZ)
    assert [c.text for c in candidates] == [
        "Promouvoir le commerce",
        "Approfondir les échanges entre les peuples",
        "Renforcer la coopération en matière de sécurité",
        "Coopérer au sein des Nations unies et de l'Organisation de coopération de Shanghai",
    ]
    assert all(c.by == ["China", "Kazakhstan"] for c in candidates)
    assert [c.area for c in candidates][1:3] == ["people-to-people", "security"]
    assert candidates[3].framework == "UN"


def test_english_enumeration_splits_verbs_but_not_noun_lists() -> None:
    text = (
        "Kazakhstan is ready to promote trade, investment and energy cooperation, deepen "
        "people-to-people exchanges and strengthen security cooperation with China."
    )
    candidates = extract(text, CN_KZ)
    assert [c.text for c in candidates] == [
        "Promote trade, investment and energy cooperation",
        "Deepen people-to-people exchanges",
        "Strengthen security cooperation with China",
    ]
    assert all(c.by == ["Kazakhstan"] for c in candidates)


def test_shared_object_is_not_split() -> None:
    text = (
        "Les deux parties ont convenu de continuer à perfectionner et à renforcer le mécanisme "
        "Chine-Asie centrale."
    )
    candidates = extract(text, CN_KZ)
    assert len(candidates) == 1
    assert candidates[0].framework == "China–Central Asia"


@pytest.mark.parametrize(
    "text",
    [
        "M. Wang a salué les progrès réalisés dans la coopération bilatérale.",
        "Les deux parties ont échangé leurs vues sur les questions internationales.",
        "Bilateral trade hit a record high of 41 billion dollars last year.",
        "Both sides exchanged views on the situation in Afghanistan.",
        "Wang Yi praised Kazakhstan's readiness to deepen cooperation.",
        "Le commerce bilatéral a atteint un niveau record en 2023.",
        "He said the relationship will continue to grow.",
        "Les relations entre la Chine et le Kazakhstan maintiendraient un fort élan.",
        "China had agreed to build the road in 2019.",
    ],
)
def test_non_pledges_give_nothing(text: str) -> None:
    assert extract(text, CN_KZ) == []


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("La partie chinoise est prête à renforcer la coopération énergétique.", ["China"]),
        ("Beijing stands ready to expand imports of Kazakh wheat.", ["China"]),
        ("The Kazakh side is willing to open a new border crossing.", ["Kazakhstan"]),
        ("Astana s'engage à faciliter le transit des marchandises.", ["Kazakhstan"]),
        ("Both sides agreed to hold the next dialogue in Astana.", ["China", "Kazakhstan"]),
        ("Les deux pays sont convenus de créer un comité mixte.", ["China", "Kazakhstan"]),
        ("M. Wang a déclaré que son pays était prêt à accroître les investissements.", ["China"]),
        ("Mr. Nurtleu said Kazakhstan will deepen cooperation on water resources.", ["Kazakhstan"]),
        # Attribution at the end of the sentence, French transliteration of the name.
        ("Nous sommes prêts à élargir les échanges, a ajouté M. Nourtléou.", ["Kazakhstan"]),
    ],
)
def test_party_resolution(text: str, by: list[str]) -> None:
    candidates = extract(text, CN_KZ)
    assert candidates, text
    assert candidates[0].by == by


def test_speaker_is_carried_to_the_next_sentence() -> None:
    text = (
        "Mr. Nurtleu said his visit was a success. "
        "He added that the country stands ready to host the next round of talks."
    )
    candidates = extract(text, CN_KZ)
    assert [c.by for c in candidates] == [["Kazakhstan"]]


def test_a_call_on_both_sides_is_the_speakers_pledge() -> None:
    text = (
        "La Chine est prête à travailler avec le Kazakhstan, a déclaré M. Wang, appelant les "
        "deux parties à accroître les échanges entre les peuples."
    )
    candidates = extract(text, CN_KZ)
    assert [c.by for c in candidates] == [["China"], ["China"]]
    assert candidates[1].text == "Accroître les échanges entre les peuples"


def test_third_country_is_not_a_party() -> None:
    text = "L'Ouzbékistan est prêt à rejoindre le projet. The Kazakh side is ready to join it too."
    candidates = extract(text, CN_KZ)
    assert [c.by for c in candidates] == [["Kazakhstan"]]


def test_people_introduced_by_the_readout_are_resolved_without_participants() -> None:
    dialogue = {"id": "x", "parties": ["China", "Kazakhstan"]}
    text = (
        "Le ministre chinois des Affaires étrangères, Wang Yi, a reçu son homologue du "
        "Kazakhstan, Mourat Nourtléou. Le pays est prêt à ouvrir un consulat, a indiqué "
        "M. Nourtléou."
    )
    assert [c.by for c in extract(text, dialogue)] == [["Kazakhstan"]]


def test_candidate_fields_and_order() -> None:
    (candidate,) = extract("China will build a new logistics hub in Khorgos.", CN_KZ)
    assert list(candidate.to_dict()) == [
        "quote", "text", "by", "area", "framework", "sentence", "kind", "cue", "due"]
    assert candidate.to_dict() == {
        "quote": "will build a new logistics hub in Khorgos",
        "text": "Build a new logistics hub in Khorgos",
        "by": ["China"],
        "area": "connectivity",
        "framework": None,
        "sentence": 1,
        "kind": "commitment",
        "cue": "will",
        "due": None,
    }


def test_sentence_numbers_count_the_title() -> None:
    text = (
        "Titre de la dépêche\n"
        "La Chine a salué la visite. Le Kazakhstan est prêt à investir davantage."
    )
    (candidate,) = extract(text, CN_KZ)
    assert candidate.sentence == 3


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("M. Wang a rencontré M. Nourtléou. Ils ont parlé.", 2),
        ("Mr. Blinken met U.S. officials on Monday. They agreed to meet again.", 2),
        ("Mme Li est arrivée. Dr. Smith aussi.", 2),
        ("First line\nSecond line. Third sentence! Fourth?", 4),
    ],
)
def test_sentence_splitting_keeps_abbreviations(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les deux parties ont convenu de renforcer la coopération.", "fr"),
        ("The two sides agreed to strengthen cooperation.", "en"),
        ("", "en"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_explicit_language_overrides_detection() -> None:
    text = "La Chine est prête à investir davantage."
    assert extract(text, CN_KZ, lang="fr")
    assert extract(text, CN_KZ, lang="en") == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["auto", "fr", "en"]))
def test_extract_never_raises(text: str, lang: str) -> None:
    for candidate in extract(text, CN_KZ, lang=lang):
        assert candidate.by and set(candidate.by) <= set(CN_KZ["parties"])
        assert candidate.sentence >= 1


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *[
                    "La",
                    "Chine",
                    "est",
                    "prête",
                    "à",
                    ",",
                    "et",
                    "de",
                    "d'",
                    "M.",
                    "Wang",
                    "a",
                    "déclaré",
                    "Les",
                    "deux",
                    "parties",
                ],
                *[
                    "ont",
                    "convenu",
                    "de",
                    "promouvoir",
                    "the",
                    "two",
                    "sides",
                    "will",
                    "agreed",
                    "to",
                    "support",
                ],
                *[
                    "Kazakhstan",
                    ".",
                    "«",
                    "»",
                    "(",
                    ")",
                    ";",
                    "renforcer",
                    "strengthen",
                    "and",
                    "et",
                    "Beijing",
                ],
                *["Astana", "U.S.", "Mr.", "Nourtléou"],
            ]
        ),
        max_size=60,
    )
)
def test_extract_never_raises_on_readout_like_text(words: list[str]) -> None:
    extract(" ".join(words), CN_KZ)


def test_dialogue_without_parties_gives_no_attribution_error() -> None:
    assert extract("Both sides agreed to meet again.", {"id": "x"}) == []


# ---------------------------------------------------------------------------
# The patterns of published readouts (issue #10), each in sentences of our own.


def texts(text: str, dialogue: dict | None = None) -> list[tuple[str, list[str]]]:
    return [(c.text, c.by) for c in extract(text, dialogue or CN_KZ)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ministers expressed their intention to expand cooperation on border security.",
            [("Expand cooperation on border security", ["China", "Kazakhstan"])],
        ),
        (
            "Kazakhstan expressed its readiness to host the next round of consultations.",
            [("Host the next round of consultations", ["Kazakhstan"])],
        ),
        (
            "Both sides reaffirmed their commitment to the peaceful settlement of disputes.",
            [("Reaffirmed their commitment to the peaceful settlement of disputes",
              ["China", "Kazakhstan"])],
        ),
        (
            "China reiterated its firm support for the water-saving programme of Kazakhstan.",
            [("Reiterated its firm support for the water-saving programme of Kazakhstan",
              ["China"])],
        ),
        (
            "Les deux parties ont exprimé leur volonté de renforcer la coopération douanière.",
            [("Renforcer la coopération douanière", ["China", "Kazakhstan"])],
        ),
        (
            "Le Kazakhstan a réaffirmé sa disponibilité à apporter son concours au projet.",
            [("Apporter son concours au projet", ["Kazakhstan"])],
        ),
        (
            "Les ministres ont souligné leur attachement à la liberté de navigation.",
            [("Souligné leur attachement à la liberté de navigation", ["China", "Kazakhstan"])],
        ),
    ],
)
def test_commitments_written_as_nouns(text: str, expected: list) -> None:
    assert texts(text) == expected


def test_a_bulleted_list_gives_one_pledge_per_item_and_not_its_introduction() -> None:
    text = (
        "The participants agreed to pursue the following priorities:\n"
        "• widening the use of national currencies in trade;\n"
        "- a joint survey of glacier melt in the Tian Shan;\n"
        "1. regular consultations between the customs services.\n"
        "Bilateral trade grew quickly."
    )
    assert texts(text) == [
        ("Widening the use of national currencies in trade", ["China", "Kazakhstan"]),
        ("A joint survey of glacier melt in the Tian Shan", ["China", "Kazakhstan"]),
        ("Regular consultations between the customs services", ["China", "Kazakhstan"]),
    ]


def test_a_numbered_french_list_takes_its_subject_from_the_introduction() -> None:
    text = (
        "Le Kazakhstan s'engage à mener les actions suivantes :\n"
        "a) ouvrir un centre logistique à Khorgos ;\n"
        "b) simplifier les formalités de transit."
    )
    assert texts(text) == [
        ("Ouvrir un centre logistique à Khorgos", ["Kazakhstan"]),
        ("Simplifier les formalités de transit", ["Kazakhstan"]),
    ]


def test_enumerations_are_split() -> None:
    assert texts(
        "La Chine travaillera avec le Kazakhstan pour consolider la confiance, élargir les "
        "échanges et approfondir la coopération."
    ) == [
        ("Travailler avec le Kazakhstan pour consolider la confiance", ["China"]),
        ("Élargir les échanges", ["China"]),
        ("Approfondir la coopération", ["China"]),
    ]
    assert texts("China will deepen trade and expand investment in Kazakhstan.") == [
        ("Deepen trade", ["China"]),
        ("Expand investment in Kazakhstan", ["China"]),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "China hopes that Kazakhstan will keep its market open to Chinese firms.",
        "La Chine espère que le Kazakhstan maintiendra sa politique d'ouverture.",
        "Kazakhstan looks forward to deeper ties with China.",
        "Wang Yi welcomed the decision of Kazakhstan to open a consulate.",
        "The two sides discussed plans to build a new bridge.",
        "Les deux parties ont discuté du projet de nouvelle ligne ferroviaire.",
    ],
)
def test_hopes_and_non_cues_are_not_pledges(text: str) -> None:
    assert extract(text, CN_KZ) == []


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Kazakhstan expressed its willingness to train Chinese-speaking engineers.",
         "Train Chinese-speaking engineers"),
        ("China stands ready to fund a desalination plant.", "Fund a desalination plant"),
        ("Kazakhstan is committed to a stable supply of uranium.",
         "Committed to a stable supply of uranium"),
        ("China will be a reliable partner for Kazakhstan in hard times.",
         "Be a reliable partner for Kazakhstan in hard times"),
        ("The United States reaffirmed that it continues to support the reforms of Kazakhstan.",
         "Continue to support the reforms of Kazakhstan"),
    ],
)
def test_missing_cues_are_found(text: str, first: str) -> None:
    dialogue = {**CN_KZ, "parties": ["China", "Kazakhstan", "United States"]}
    candidates = extract(text, dialogue)
    assert candidates and candidates[0].text == first


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("China will double grain purchases from Kazakhstan by 2030.", "2030-12-31"),
        ("Kazakhstan will open the new checkpoint before the end of the year.", "2024-12-31"),
        ("China will build two logistics hubs within three years.", "2027-03-29"),
        ("Both sides will sign the visa agreement by the next summit.", None),
        ("Le Kazakhstan ouvrira un consulat à Urumqi d'ici 2026.", "2026-12-31"),
        ("La Chine livrera les locomotives avant la fin de l'année.", "2024-12-31"),
    ],
)
def test_deadlines_are_read_into_due(text: str, due: str | None) -> None:
    (candidate,) = extract(text, CN_KZ)
    assert candidate.due == due


def test_relative_deadlines_need_the_dialogue_date() -> None:
    undated = {k: v for k, v in CN_KZ.items() if k != "date"}
    (candidate,) = extract("China will build two depots within three years.", undated)
    assert candidate.due is None
    (candidate,) = extract("China will build two depots by 2028.", undated)
    assert candidate.due == "2028-12-31"


def test_kinds_and_cues() -> None:
    text = (
        "Wang Yi said the two sides should set up a joint laboratory. "
        "Kazakhstan agreed to supply more wheat."
    )
    found = [(c.kind, c.cue, c.by) for c in extract(text, CN_KZ)]
    assert found == [
        ("proposal", "should", ["China"]),
        ("commitment", "agreed to", ["Kazakhstan"]),
    ]
    (french,) = extract(
        "Les deux pays doivent moderniser le poste frontière, a dit M. Wang.", CN_KZ)
    assert (french.kind, french.by) == ("proposal", ["China"])


def test_long_text_is_read_whole_and_progress_is_reported() -> None:
    filler = "The delegations toured the old town of Turkistan. " * 400
    text = filler + "Kazakhstan will host the youth festival in Almaty."
    seen: list[tuple[int, int]] = []
    (candidate,) = extract(text, CN_KZ, progress=lambda done, total: seen.append((done, total)))
    assert candidate.text == "Host the youth festival in Almaty"
    assert seen[-1] == (len(text), len(text))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Nurtleu thanked Beijing, noting that Kazakhstan will keep its transit tariffs low.",
         [("Keep its transit tariffs low", ["Kazakhstan"])]),
        ("Both sides expressed a desire to open a second rail crossing.",
         [("Open a second rail crossing", ["China", "Kazakhstan"])]),
        ("Les deux parties se sont déclarées prêtes à créer un fonds commun.",
         [("Créer un fonds commun", ["China", "Kazakhstan"])]),
        ("Les deux pays ont fait part de leur volonté de relancer la ligne Urumqi-Almaty.",
         [("Relancer la ligne Urumqi-Almaty", ["China", "Kazakhstan"])]),
        ("Les parties partagent la volonté de protéger le bassin de l'Ili.",
         [("Protéger le bassin de l'Ili", ["China", "Kazakhstan"])]),
        ("Elles s'opposent fermement au trafic de drogue.",
         [("S'opposent fermement au trafic de drogue", ["China", "Kazakhstan"])]),
        ("China is ready to work with Kazakhstan to steadily expand and upgrade the pipeline "
         "and build a training centre.",
         [("Work with Kazakhstan to steadily expand and upgrade the pipeline", ["China"]),
          ("Build a training centre", ["China"])]),
        ("Both sides reaffirmed their commitment to protecting minority languages, including "
         "teaching them at school.",
         [("Protecting minority languages, including teaching them at school",
           ["China", "Kazakhstan"])]),
    ],
)
def test_subjects_after_that_and_more_nominal_cues(text: str, expected: list) -> None:
    assert texts(text) == expected
