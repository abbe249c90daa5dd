"""`tracker merge BASE OURS THEIRS` in-process: two copies of one database diverge, then merge.

The same merge git runs as its driver (tests/cli/test_sharing.py runs it
through real git); here the three files are made directly, which is fast
enough for many cases and a property test.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import read_db
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures"


class Branches:
    """A base database and two copies of it, `ours` and `theirs`, to change and merge."""

    def __init__(self, run, folder: Path) -> None:
        self.run, self.folder = run, folder
        folder.mkdir(parents=True, exist_ok=True)
        self.base, self.ours, self.theirs = (folder / f"{n}.json"
                                             for n in ("base", "ours", "theirs"))

    def on(self, db: Path, *args: str, ok: bool | None = True):
        return self.run("--db", db, *args, ok=ok)

    def branch(self) -> None:
        """Both sides start as copies of the base."""
        for side in (self.ours, self.theirs):
            shutil.copy(self.base, side)

    def merge(self, ok: bool | None = True):
        return self.run("merge", self.base, self.ours, self.theirs, ok=ok)

    def export(self, db: Path | None = None) -> dict:
        document = json.loads(self.on(db or self.ours, "export", "--format", "json").stdout)
        del document["exported_at"]
        return document

    def date_newest_change(self, db: Path, at: str) -> None:
        """Set when the newest change happened (edits within one second need an order)."""
        data = read_db(db)
        data["history"][max(data["history"], key=int)]["at"] = at
        db.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def make_branches(run, folder: Path) -> Branches:
    branches = Branches(run, folder)
    base = branches.base
    branches.on(base, "dialogue", "add", "Strategic Dialogue", "--date", "2025-01-10",
                "--party", "Alpha", "--party", "Beta", "--id", "sd-2025")
    branches.on(base, "add", "Open a trade office", "-d", "sd-2025", "--area", "trade")
    branches.on(base, "add", "Hold a security meeting", "-d", "sd-2025", "--area", "security")
    branches.branch()
    return branches


def pledge(branches: Branches, pledge_id: int) -> dict:
    return next(p for p in branches.export()["pledges"] if p["id"] == pledge_id)


def test_updates_from_both_sides_are_kept_in_date_order(run, tmp_path):
    b = make_branches(run, tmp_path / "b")
    b.on(b.theirs, "mark", "1", "--status", "in-progress", "--note", "Site chosen",
         "--date", "2025-03-01")
    b.on(b.ours, "mark", "1", "--progress", "100", "--note", "Office opened",
         "--date", "2025-05-01")
    b.on(b.ours, "mark", "1", "--note", "Lease signed", "--date", "2025-02-01")
    result = b.merge()
    assert "Merged by meaning as change #7: 1 pledge changed (`tracker undo` reverts it)" \
        in result.stderr
    merged = pledge(b, 1)
    assert [u["note"] for u in merged["updates"]] == ["Lease signed", "Site chosen",
                                                      "Office opened"]
    assert (merged["status"], merged["progress"]) == ("fulfilled", 100)


def test_the_same_update_on_both_sides_is_kept_once(run, tmp_path):
    b = make_branches(run, tmp_path / "b")
    b.on(b.base, "mark", "2", "--status", "stalled", "--date", "2025-03-01")
    b.branch()
    b.on(b.theirs, "edit", "2", "--area", "defence")
    b.merge()
    assert len(pledge(b, 2)["updates"]) == 1
    assert pledge(b, 2)["area"] == "defence"


def test_a_field_changed_on_both_sides_takes_the_later_change_whichever_side(run, tmp_path):
    for later, loser_side in (("ours", "theirs"), ("theirs", "ours")):
        b = make_branches(run, tmp_path / later)
        b.on(b.ours, "edit", "1", "--due", "2025-06-30")
        b.date_newest_change(b.ours, "2030-01-01T10:00:00Z" if later == "ours"
                             else "2030-01-01T09:00:00Z")
        b.on(b.theirs, "edit", "1", "--due", "2025-12-31")
        b.date_newest_change(b.theirs, "2030-01-01T10:00:00Z" if later == "theirs"
                             else "2030-01-01T09:00:00Z")
        result = b.merge()
        assert "pledge 1: due changed on both sides; kept the later change" in result.stderr
        winner, loser = ("2025-06-30", "2025-12-31") if later == "ours" else (
            "2025-12-31", "2025-06-30")
        assert pledge(b, 1)["due"] == winner
        rows = [line.split("\t") for line in b.on(b.ours, "history", "1").stdout.splitlines()]
        # Their value won: the merge changed ours, and says so. Ours won: the merge left
        # ours as it was, and their change is in the history as their own entry.
        assert [row[5:] for row in rows if row[2] == "merge"] == (
            [["due", loser, winner]] if later == "theirs" else [])
        assert ["due", "", "2025-12-31"] in [row[5:] for row in rows if row[2] == "edit 1"]
        if later == "ours":  # nothing of theirs came in: no merge entry for undo to revert
            assert "their side brought no change to the records" in result.stderr
            continue
        # Undo of the merge gives back our side as it was before it.
        b.on(b.ours, "undo")
        assert pledge(b, 1)["due"] == "2025-06-30", loser_side


def test_undoing_a_merge_our_side_won_never_gives_us_their_value(run, tmp_path):
    # Ours won the field both sides changed, and their side brought something else too:
    # undo of the merge takes back what came in, and leaves our value as it was.
    b = make_branches(run, tmp_path / "b")
    b.on(b.theirs, "edit", "1", "--area", "economy")
    b.date_newest_change(b.theirs, "2030-01-01T09:00:00Z")
    b.on(b.theirs, "add", "Theirs only", "-d", "sd-2025")
    b.on(b.ours, "edit", "1", "--area", "commerce")
    b.date_newest_change(b.ours, "2030-01-01T10:00:00Z")
    before = b.export()
    b.merge()
    assert pledge(b, 1)["area"] == "commerce"
    assert len(b.export()["pledges"]) == 3
    b.on(b.ours, "undo")
    assert b.export() == before


def test_tags_added_on_both_sides_are_all_kept(run, tmp_path):
    b = make_branches(run, tmp_path / "b")
    b.on(b.ours, "edit", "1", "--add-tag", "office")
    b.on(b.theirs, "edit", "1", "--add-tag", "almaty")
    b.merge()
    assert pledge(b, 1)["tags"] == ["office", "almaty"]


def test_a_pledge_removed_on_one_side_and_untouched_on_the_other_is_removed(run, tmp_path):
    b = make_branches(run, tmp_path / "b")
    b.on(b.theirs, "remove", "2", "--yes")
    b.on(b.ours, "edit", "1", "--area", "commerce")
    result = b.merge()
    assert "warning" not in result.stderr
    assert [p["id"] for p in b.export()["pledges"]] == [1]
    assert b.on(b.ours, "add", "Next", "-d", "sd-2025").stdout == "3\n"  # 2 is never reused


def test_dialogue_fields_edited_on_each_side_are_both_kept(run, tmp_path):
    b = make_branches(run, tmp_path / "b")
    b.on(b.ours, "dialogue", "edit", "sd-2025", "--place", "Astana")
    b.on(b.theirs, "dialogue", "edit", "sd-2025", "--title", "First Strategic Dialogue")
    b.merge()
    dialogue = b.export()["dialogues"][0]
    assert (dialogue["title"], dialogue["place"]) == ("First Strategic Dialogue", "Astana")


def test_a_dialogue_renamed_on_one_side_takes_the_other_sides_new_pledge_along(run, tmp_path):
    b = make_branches(run, tmp_path / "b")
    b.on(b.ours, "dialogue", "edit", "sd-2025", "--id", "sd-first")
    b.on(b.theirs, "add", "Exchange students", "-d", "sd-2025")
    b.merge()
    document = b.export()
    assert [d["id"] for d in document["dialogues"]] == ["sd-first"]
    assert {p["dialogue"] for p in document["pledges"]} == {"sd-first"}
    assert len(document["pledges"]) == 3


def test_a_dialogue_removed_on_one_side_comes_back_for_a_pledge_added_on_the_other(
        run, tmp_path):
    b = make_branches(run, tmp_path / "b")
    b.on(b.ours, "dialogue", "remove", "sd-2025", "--cascade", "--yes")
    b.on(b.theirs, "mark", "1", "--note", "Talks began", "--date", "2025-02-01")
    result = b.merge()
    assert "pledge 1 was removed on our side and changed on their side; kept it" in result.stderr
    document = b.export()
    assert [d["id"] for d in document["dialogues"]] == ["sd-2025"]
    assert [p["id"] for p in document["pledges"]] == [1]


def test_a_side_that_is_not_a_database_fails_the_merge_and_leaves_ours(run, tmp_path):
    b = make_branches(run, tmp_path / "b")
    b.on(b.ours, "add", "Ours only", "-d", "sd-2025")
    original = b.ours.read_bytes()
    b.theirs.write_text('{"shopping": ["tea"]}\n', encoding="utf-8")
    result = b.merge(ok=None)
    assert result.exit_code == 3
    assert "not a pledge-tracker database" in result.stderr
    assert "OURS was left as it was" in result.stderr
    assert b.ours.read_bytes() == original


def test_an_empty_side_fails_the_merge_instead_of_removing_everything(run, tmp_path):
    # A truncated, committed file must not wipe the records of everyone who pulls it.
    b = make_branches(run, tmp_path / "b")
    original = b.ours.read_bytes()
    for side in (b.theirs, b.ours):
        side.write_bytes(b"" if side == b.theirs else b"  \n")
        result = b.merge(ok=None)
        assert result.exit_code == 3
        assert f"{side} ({'THEIRS' if side == b.theirs else 'OURS'}) is empty" in result.stderr
        assert "OURS was left as it was" in result.stderr
        shutil.copy(b.base, b.theirs)
    b.ours.write_bytes(original)
    b.merge()  # and with both sides whole it merges
    assert len(b.export()["pledges"]) == 2


def test_an_older_schema_on_one_side_is_upgraded_first(run, tmp_path):
    b = Branches(run, tmp_path / "b")
    shutil.copy(FIXTURES / "schema-v1.json", b.base)
    b.branch()
    b.on(b.ours, "add", "Newer pledge", "-d", "old-dlg")
    result = b.merge()
    assert result.exit_code == 0
    from tracker.store import SCHEMA_VERSION

    assert read_db(b.ours)["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert [p["text"] for p in b.export()["pledges"]][-1] == "Newer pledge"


# -- the property: nothing either side wrote is lost ----------------------------------

OPERATIONS = st.lists(st.sampled_from(["add", "mark", "edit", "remove", "dialogue"]),
                      max_size=3)


def _play(b: Branches, db: Path, operations: list[str], side: str) -> None:
    for number, operation in enumerate(operations):
        ids = [p["id"] for p in read_db(db)["pledges"].values()]
        label = f"{side} {number}"
        if operation == "add" or not ids:
            b.on(db, "add", f"Pledge {label}", "-d", "sd-2025")
        elif operation == "mark":
            b.on(db, "mark", str(ids[number % len(ids)]), "--note", f"Note {label}",
                 "--date", f"2025-0{number + 2}-01")
        elif operation == "edit":
            b.on(db, "edit", str(ids[number % len(ids)]), "--add-tag", f"tag-{side}")
        elif operation == "remove":
            b.on(db, "remove", str(ids[-1]), "--yes")
        else:
            b.on(db, "dialogue", "add", f"Round {label}", "--date", "2025-02-01",
                 "--party", "Alpha", "--party", "Beta", "--id", f"round-{side}-{number}")


@settings(deadline=None, max_examples=5, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ours_ops=OPERATIONS, theirs_ops=OPERATIONS)
def test_merging_random_work_keeps_every_add_and_update_and_undo_reverts_it(
        run, tmp_path_factory, ours_ops, theirs_ops):
    b = make_branches(run, tmp_path_factory.mktemp("prop"))
    _play(b, b.ours, ours_ops, "ours")
    _play(b, b.theirs, theirs_ops, "theirs")
    sides = [b.export(b.ours), b.export(b.theirs)]
    b.merge()
    merged = b.export()
    ids = [p["id"] for p in merged["pledges"]]
    uuids = [p["uuid"] for p in merged["pledges"]]
    assert len(set(ids)) == len(ids) and len(set(uuids)) == len(uuids)
    merged_texts = {p["text"] for p in merged["pledges"]}
    merged_updates = [u for p in merged["pledges"] for u in p["updates"]]
    for side in sides:
        for record in side["pledges"]:
            if record["text"].startswith("Pledge "):  # added on that side
                assert record["text"] in merged_texts
            for update in record["updates"]:
                assert update in merged_updates
        assert {d["id"] for d in side["dialogues"]} <= {d["id"] for d in merged["dialogues"]}
    assert read_db(b.ours)["meta"]["1"]["next_pledge_id"] > max(ids, default=0)
    if b.on(b.ours, "history", "--limit", "1").stdout.split("\t")[2] == "merge":
        b.on(b.ours, "undo")  # no field was changed on both sides: back to our side exactly
        assert b.export() == sides[0]


def test_two_databases_with_no_common_ancestor_merge_by_uuid(run, tmp_path):
    """git passes an empty BASE when both clones created the file on their own."""
    b = Branches(run, tmp_path / "b")
    b.base.write_text("", encoding="utf-8")
    sample = Path(__file__).parent.parent / "sample_data" / "cn-kz-strategic-dialogue.json"
    for side, text in ((b.ours, "Ours only"), (b.theirs, "Theirs only")):
        b.on(side, "import", sample)
        b.on(side, "add", text, "-d", "cn-kz-fmsd-2024")
    result = b.merge()
    assert "pledge 22 (their side) is now 23" in result.stderr
    document = b.export()
    assert [p["text"] for p in document["pledges"]][-2:] == ["Ours only", "Theirs only"]
    assert len(document["pledges"]) == 23  # the sample's 21 pledges once, not twice
    assert len(document["dialogues"]) == 2


def test_a_merge_that_brings_nothing_leaves_ours_as_it_was(run, tmp_path):
    b = make_branches(run, tmp_path / "b")
    b.on(b.ours, "mark", "1", "--note", "Only ours", "--date", "2025-02-01")
    original = b.ours.read_bytes()
    result = b.merge()
    assert "their side brought no change" in result.stderr
    assert b.ours.read_bytes() == original


def test_a_list_field_changed_on_both_sides_takes_the_later_and_undo_restores_the_other(
        run, tmp_path):
    b = make_branches(run, tmp_path / "b")
    b.on(b.ours, "edit", "1", "--by", "Alpha")
    b.date_newest_change(b.ours, "2030-01-01T09:00:00Z")
    b.on(b.theirs, "edit", "1", "--by", "Beta")
    b.date_newest_change(b.theirs, "2030-01-01T10:00:00Z")
    b.merge()
    assert pledge(b, 1)["by"] == ["Beta"]
    rows = [line.split("\t") for line in b.on(b.ours, "history", "1").stdout.splitlines()]
    assert [row[5:] for row in rows if row[2] == "merge"] == [["by", "- Alpha", "+ Beta"]]
    b.on(b.ours, "undo")
    assert pledge(b, 1)["by"] == ["Alpha"]
    b.on(b.ours, "undo", "--redo")
    assert pledge(b, 1)["by"] == ["Beta"]


def test_history_names_a_pledge_a_merge_renumbered(run, tmp_path):
    # Their "add 1" became pledge 2 here; its add read "(since removed)".
    b = make_branches(run, tmp_path / "b")
    b.on(b.theirs, "add", "Hold a business forum", "-d", "sd-2025")
    b.on(b.ours, "add", "Exchange statistics", "-d", "sd-2025")
    b.merge()
    rows = [line.split("\t") for line in b.on(b.ours, "history").stdout.splitlines()]
    adds = {(row[2], row[3]): row[-1] for row in rows if row[4] == "add"}
    assert adds[("merge", "pledge 4")] == "Hold a business forum"
    assert adds[("add 3", "pledge 4")] == "Hold a business forum"
    assert "(since removed)" not in {title for title in adds.values()}
