"""Round trip: export any database, import it into an empty one, export again: identical."""

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Run
from tracker.model import STATUSES
from tracker.printable import BIDI_CONTROLS

# Letters from many scripts plus the characters that break naive CSV/TSV/JSON writers.
AWKWARD = st.sampled_from(list("\t\n,;\"'\\ éÉçØßĞ字北京Алматыقازاقستانकज़ाख़🙂—…"))
# Bidirectional overrides are refused on input, as control characters are (issue #11).
TEXT = st.text(alphabet=st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=BIDI_CONTROLS),
    AWKWARD), min_size=1, max_size=40
).filter(lambda text: text.strip())
OPTIONAL_TEXT = st.one_of(st.none(), st.just(""), TEXT)
DAY = st.dates().map(lambda day: day.isoformat())
LANGUAGE = st.one_of(st.none(), st.just(""),
                    st.from_regex(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}", fullmatch=True))
NAME = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"),
                                      blacklist_characters=BIDI_CONTROLS),
               min_size=1, max_size=12).filter(lambda name: ";" not in name)


@st.composite
def update(draw, parties, since):
    status = draw(st.sampled_from(STATUSES))
    day = draw(st.dates(min_value=date.fromisoformat(since))).isoformat()
    return {"date": day, "status": status,
            "progress": 100 if status == "fulfilled" else draw(st.integers(0, 100)),
            "note": draw(OPTIONAL_TEXT), "evidence": draw(OPTIONAL_TEXT),
            "party": draw(st.one_of(st.none(), st.sampled_from(parties)))}


@st.composite
def databases(draw):
    dialogues = []
    for number in range(draw(st.integers(1, 3))):
        parties = draw(st.lists(NAME, min_size=1, max_size=3))
        dialogues.append({
            "id": f"dlg-{number}", "title": draw(TEXT), "date": draw(DAY),
            "place": draw(OPTIONAL_TEXT), "parties": parties,
            "participants": draw(st.lists(st.fixed_dictionaries({
                "name": TEXT, "role": OPTIONAL_TEXT,
                "party": st.one_of(st.none(), st.just(""), st.sampled_from(parties))}),
                max_size=2)),
            "source": draw(st.one_of(st.none(), st.fixed_dictionaries({
                "title": OPTIONAL_TEXT, "url": OPTIONAL_TEXT, "language": LANGUAGE}))),
            "notes": draw(OPTIONAL_TEXT),
        })
    pledges = []
    for _ in range(draw(st.integers(0, 6))):
        dialogue = draw(st.sampled_from(dialogues))
        status = draw(st.sampled_from(STATUSES))
        pledges.append({
            "dialogue": dialogue["id"], "text": draw(TEXT), "quote": draw(OPTIONAL_TEXT),
            "by": draw(st.lists(st.sampled_from(dialogue["parties"]), max_size=2)),
            "area": draw(OPTIONAL_TEXT), "framework": draw(OPTIONAL_TEXT),
            "tags": draw(st.lists(NAME, max_size=3)),
            "due": draw(st.one_of(st.none(), DAY)),
            "verifiable": draw(st.booleans()), "status": status,
            "progress": 100 if status == "fulfilled" else draw(st.integers(0, 100)),
            "updates": draw(st.lists(update(dialogue["parties"], dialogue["date"]), max_size=3)),
        })
    return {"schema_version": 1, "dialogues": dialogues, "pledges": pledges}


def export(run: Run, db: Path, fmt: str) -> str:
    return run("--db", db, "export", "--format", fmt, ok=True).stdout


def without_export_time(text: str, fmt: str) -> object:
    if fmt == "json":
        document = json.loads(text)
        del document["exported_at"]
        return document
    return [json.loads(line) for line in text.splitlines()]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=databases(), fmt=st.sampled_from(["json", "ndjson"]))
def test_export_import_export_is_identical(document, fmt):
    run = Run()
    with tempfile.TemporaryDirectory() as folder:
        source, copy = Path(folder, "source.json"), Path(folder, "copy.json")
        generated = Path(folder, "generated.json")
        generated.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        run("--db", source, "import", generated, ok=True)  # any database the tool can hold
        assert len(json.loads(source.read_text(encoding="utf-8"))["pledges"]) == len(
            document["pledges"])

        first = export(run, source, fmt)
        run("--db", copy, "import", "-", "--format", fmt, input=first, ok=True)
        second = export(run, copy, fmt)
        assert without_export_time(second, fmt) == without_export_time(first, fmt)

        # Importing the export again changes nothing at all.
        before = copy.read_bytes()
        result = run("--db", copy, "import", "-", "--format", fmt, input=first, ok=True)
        assert " 0 added, 0 changed" in result.stderr
        assert copy.read_bytes() == before


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=databases())
def test_exported_csv_reimports_without_change(document):
    """CSV summarises updates, so it cannot rebuild a database; it must not disturb one."""
    run = Run()
    with tempfile.TemporaryDirectory() as folder:
        db, generated = Path(folder, "db.json"), Path(folder, "generated.json")
        generated.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        run("--db", db, "import", generated, ok=True)
        before = db.read_bytes()
        sheet = export(run, db, "csv")
        run("--db", db, "import", "-", "--format", "csv", input=sheet, ok=True)
        assert db.read_bytes() == before
