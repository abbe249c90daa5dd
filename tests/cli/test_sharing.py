"""A team shares one database through git: `git-setup`, `git pull` merging by meaning, `git diff`.

Real git in temporary folders: a bare `origin` and clones of it, each with its
own `.git/config` (HOME and the system config are isolated), as colleagues have.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, read_db, tracker_exe

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def git_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A git that reads no system or user config but ours: a name, `main`, merge on pull."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Test Analyst\n\temail = analyst@example.org\n"
        "[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n"
        "[advice]\n\tdetachedHead = false\n", encoding="utf-8")


def git(folder: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                          timeout=60)
    if ok:
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


class Clone:
    """One analyst's clone: `tracker` runs against its tracker.json, `git` inside it."""

    def __init__(self, run, path: Path) -> None:
        self.run, self.path, self.db = run, path, path / "tracker.json"

    def tracker(self, *args: str, ok: bool | None = True):
        return self.run("--db", self.db, *args, ok=ok)

    def git(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        return git(self.path, *args, ok=ok)

    def commit(self, message: str) -> None:
        self.git("commit", "-q", "-am", message)

    def pull(self) -> subprocess.CompletedProcess:
        return self.git("pull", "-q", "--no-edit", "origin", "main")

    def sync(self) -> subprocess.CompletedProcess:
        """Pull, then push what this clone has."""
        pulled = self.pull()
        self.git("push", "-q", "origin", "HEAD:main")
        return pulled

    def export(self) -> dict:
        document = json.loads(self.tracker("export", "--format", "json").stdout)
        del document["exported_at"]
        return document

    def set_change_time(self, at: str) -> None:
        """Date the newest change-log entry: which of two edits is later must not hang on
        both falling into the same second."""
        data = read_db(self.db)
        newest = max(data["history"], key=int)
        data["history"][newest]["at"] = at
        self.db.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    folder = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(folder)], check=True)
    return folder


@pytest.fixture
def clone(run, origin: Path, tmp_path: Path):
    """`clone("bob")`: a fresh clone of origin, with `tracker git-setup` run in it."""

    def make(name: str, *, setup: bool = True) -> Clone:
        path = tmp_path / name
        subprocess.run(["git", "clone", "-q", str(origin), str(path)], check=True,
                       capture_output=True)
        member = Clone(run, path)
        if setup:
            member.tracker("git-setup")
        return member

    return make


@pytest.fixture
def alice(clone) -> Clone:
    """The first analyst: one dialogue with two pledges, set up and pushed to origin."""
    member = clone("alice", setup=False)
    member.tracker("dialogue", "add", "Strategic Dialogue", "--date", "2025-01-10", "--party",
                   "Alpha", "--party", "Beta", "--id", "sd-2025")
    member.tracker("add", "Open a trade office", "-d", "sd-2025", "--area", "trade")
    member.tracker("add", "Hold a security meeting", "-d", "sd-2025", "--area", "security")
    member.git("add", "tracker.json")
    member.git("commit", "-q", "-m", "Start the desk's tracker")
    member.tracker("git-setup")
    member.git("push", "-q", "origin", "HEAD:main")
    return member


@pytest.fixture
def bob(alice, clone) -> Clone:
    return clone("bob")


def texts(member: Clone) -> dict[int, str]:
    return {p["id"]: p["text"] for p in member.export()["pledges"]}


# -- git-setup ------------------------------------------------------------------------

def test_git_setup_commits_the_attributes_and_registers_both_drivers(alice):
    attributes = (alice.path / ".gitattributes").read_text(encoding="utf-8")
    assert attributes == "/tracker.json merge=tracker diff=tracker\n"
    assert alice.git("status", "--porcelain").stdout == ""
    assert "tracker git-setup" in alice.git("log", "-1", "--format=%s").stdout
    driver = alice.git("config", "merge.tracker.driver").stdout.strip()
    assert driver.endswith(" -m tracker merge %O %A %B")
    assert Path(driver.split(" -m tracker")[0].strip("'")).is_absolute()
    assert alice.git("config", "diff.tracker.textconv").stdout.strip().endswith(
        " -m tracker textconv")


def test_git_setup_run_again_changes_nothing(alice):
    commits = alice.git("rev-list", "--count", "HEAD").stdout
    result = alice.tracker("git-setup")
    assert "Already set up" in result.stderr
    assert alice.git("rev-list", "--count", "HEAD").stdout == commits
    assert (alice.path / ".gitattributes").read_text(encoding="utf-8").count("merge=") == 1


def test_a_clone_without_git_setup_is_told_to_run_it(alice, clone):
    carol = clone("carol", setup=False)
    result = carol.tracker("list")
    assert "`tracker git-setup` has not been run in this clone" in result.stderr
    carol.tracker("git-setup")
    assert "git-setup" not in carol.tracker("list").stderr


def test_git_setup_outside_a_repository_is_refused(run, tmp_path):
    result = run("--db", tmp_path / "loose" / "tracker.json", "git-setup",
                 "--repo", tmp_path)
    assert result.exit_code == 1
    assert "is not inside a git repository" in result.stderr


@pytest.mark.parametrize("name", ["my tracker.json", "db[1].json", 'we*ird "db".json'])
def test_git_setup_works_for_a_database_name_with_spaces_or_glob_characters(run, tmp_path,
                                                                             name):
    # A space left .gitignore without entries; a [ made the attributes match nothing.
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    database = repo / name
    run("--db", database, "dialogue", "add", "D", "--date", "2025-01-01", "--party", "A",
        "--party", "B", "--id", "d", ok=True)
    run("--db", database, "git-setup", ok=True)
    assert git(repo, "check-attr", "merge", "diff", "--", name).stdout.splitlines() == [
        f"{git_quoted(name)}: merge: tracker", f"{git_quoted(name)}: diff: tracker"]
    for suffix in (".lock", ".cache"):
        (repo / (name + suffix)).touch()
        assert git(repo, "check-ignore", "-q", "--", name + suffix, ok=False).returncode == 0
    assert git(repo, "check-ignore", "-q", "--", name, ok=False).returncode == 1


def git_quoted(name: str) -> str:
    """A path as git prints it: C-quoted when it holds a quote (or a byte beyond ASCII)."""
    return '"' + name.replace('"', '\\"') + '"' if '"' in name else name


def test_git_diff_shows_pledges_and_fields_not_json(alice):
    alice.tracker("edit", "1", "--text", "Open two trade offices")
    diff = alice.git("diff").stdout
    assert "-  text: Open a trade office\n+  text: Open two trade offices" in diff
    assert "\n pledge 1\n" in diff  # the record the hunk is in, as context
    assert '"text"' not in diff


# -- merging on pull ----------------------------------------------------------------

def test_disjoint_adds_merge_without_conflict(alice, bob):
    bob.tracker("dialogue", "add", "Second Round", "--date", "2025-06-01", "--party", "Alpha",
                "--party", "Gamma", "--id", "round-2")
    bob.commit("Bob: round 2")
    bob.sync()
    alice.tracker("mark", "2", "--status", "in-progress", "--note", "Agenda agreed",
                  "--date", "2025-02-01")
    alice.commit("Alice: marked 2")
    pulled = alice.sync()
    assert "CONFLICT" not in pulled.stdout + pulled.stderr
    bob.pull()
    assert alice.export() == bob.export()
    assert [d["id"] for d in alice.export()["dialogues"]] == ["sd-2025", "round-2"]
    assert "<<<<<<<" not in alice.db.read_text(encoding="utf-8")


def test_pledges_added_on_both_sides_both_stay_theirs_renumbered(alice, bob):
    bob.tracker("add", "Bob's new pledge", "-d", "sd-2025")
    bob.commit("Bob: pledge 3")
    bob.sync()
    alice.tracker("add", "Alice's new pledge", "-d", "sd-2025")
    alice.commit("Alice: pledge 3")
    pulled = alice.sync()
    assert "pledge 3 (their side) is now 4" in pulled.stderr
    assert texts(alice) == {1: "Open a trade office", 2: "Hold a security meeting",
                            3: "Alice's new pledge", 4: "Bob's new pledge"}
    assert read_db(alice.db)["meta"]["1"]["next_pledge_id"] == 5
    bob.pull()
    assert bob.export() == alice.export()
    assert alice.tracker("add", "Next", "-d", "sd-2025").stdout == "5\n"


def test_same_field_edited_on_both_sides_later_wins_and_undo_restores_the_other(alice, bob):
    bob.tracker("edit", "1", "--text", "Open a trade office in Almaty")
    bob.set_change_time("2030-01-01T10:00:00Z")
    bob.commit("Bob: text")
    bob.sync()
    alice.tracker("edit", "1", "--text", "Open a trade office in Astana")
    alice.set_change_time("2030-01-01T09:00:00Z")
    alice.commit("Alice: text")
    alice.sync()
    assert texts(alice)[1] == "Open a trade office in Almaty"  # Bob's edit was later
    history = alice.tracker("history", "1").stdout.splitlines()
    merge_line = next(line for line in history if "\tmerge\t" in line)
    assert merge_line.split("\t")[5:] == ["text", "Open a trade office in Astana",
                                          "Open a trade office in Almaty"]
    assert any("Open a trade office in Astana" in line and "edit 1" in line
               for line in history)
    alice.tracker("undo")
    assert texts(alice)[1] == "Open a trade office in Astana"


def test_removed_on_one_side_and_edited_on_the_other_is_kept_with_a_warning(alice, bob):
    bob.tracker("edit", "2", "--area", "defence")
    bob.commit("Bob: area")
    bob.sync()
    alice.tracker("remove", "2", "--yes")
    alice.commit("Alice: removed 2")
    pulled = alice.sync()
    assert ("warning: pledge 2 was removed on our side and changed on their side; kept it"
            in pulled.stderr)
    assert alice.export()["pledges"][1]["area"] == "defence"


def test_three_clones_end_with_the_same_data_and_nothing_lost(alice, bob, clone):
    carol = clone("carol")
    for number, member in enumerate((alice, bob, carol), 3):
        member.tracker("add", f"Pledge from clone {number}", "-d", "sd-2025")
        member.tracker("mark", "1", "--note", f"seen by clone {number}",
                       "--date", f"2025-0{number}-01")
        member.commit(f"clone {number}")
    for member in (bob, carol, alice, bob):
        pulled = member.sync()
        assert "CONFLICT" not in pulled.stdout
    carol.pull()
    assert alice.export() == bob.export() == carol.export()
    assert sorted(texts(alice).values()) == sorted(
        ["Open a trade office", "Hold a security meeting", "Pledge from clone 3",
         "Pledge from clone 4", "Pledge from clone 5"])
    notes = [u["note"] for u in alice.export()["pledges"][0]["updates"]]
    assert notes == ["seen by clone 3", "seen by clone 4", "seen by clone 5"]
    uuids = [p["uuid"] for p in alice.export()["pledges"]]
    assert len(set(uuids)) == len(uuids) == 5


def test_undo_after_a_pull_reverts_the_merge_as_one_change(alice, bob):
    bob.tracker("add", "Bob's pledge", "-d", "sd-2025")
    bob.tracker("mark", "2", "--status", "stalled", "--note", "No date set",
                "--date", "2025-04-01")
    bob.commit("Bob")
    bob.sync()
    alice.tracker("edit", "1", "--add-tag", "office")
    alice.commit("Alice")
    before = alice.export()
    alice.sync()
    assert len(alice.export()["pledges"]) == 3
    result = alice.tracker("undo")
    assert "(merge)" in result.stderr
    assert alice.export() == before
    alice.tracker("undo", "--redo")
    bob.pull()
    assert alice.export() == bob.export()


def test_pull_after_pull_gives_identical_exports(alice, bob):
    for round_number in range(2):
        bob.tracker("add", f"Bob round {round_number}", "-d", "sd-2025")
        bob.commit(f"Bob {round_number}")
        bob.sync()
        alice.tracker("add", f"Alice round {round_number}", "-d", "sd-2025")
        alice.commit(f"Alice {round_number}")
        alice.sync()
        bob.pull()
        assert alice.export() == bob.export()
        assert alice.db.read_bytes() == bob.db.read_bytes()
    assert len(alice.export()["pledges"]) == 6


# -- `tracker merge` refusing ---------------------------------------------------------

def test_merge_refuses_a_newer_schema_and_git_reports_a_conflict(alice, bob):
    data = read_db(bob.db)
    data["meta"]["1"]["schema_version"] += 1
    bob.db.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    bob.commit("Bob, from the future")
    bob.sync()
    alice.tracker("add", "Alice's", "-d", "sd-2025")
    alice.commit("Alice")
    pulled = alice.pull_result = alice.git("pull", "--no-edit", "origin", "main", ok=False)
    assert pulled.returncode != 0
    assert "CONFLICT" in pulled.stdout
    assert "newer pledge-tracker" in pulled.stderr
    assert "Alice's" in alice.db.read_text(encoding="utf-8")
    assert "<<<<<<<" not in alice.db.read_text(encoding="utf-8")


@pytest.mark.parametrize("present", [(), ("base.json",), ("base.json", "ours.json")])
def test_merge_with_a_missing_file_names_it_and_leaves_ours_as_it_was(run, small_db, tmp_path,
                                                                      monkeypatch, present):
    monkeypatch.chdir(tmp_path)
    names = ["base.json", "ours.json", "theirs.json"]
    for name in present:
        shutil.copy(small_db, tmp_path / name)
    before = {name: (tmp_path / name).read_bytes() for name in present}
    result = run("merge", *names)
    missing = next(name for name in names if name not in present)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: no such file: {missing}")
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    assert {name: (tmp_path / name).read_bytes() for name in present} == before
    assert not any((tmp_path / name).exists() for name in names if name not in present)


# -- the README walk-through, as written ---------------------------------------------

def readme_sharing_blocks() -> list[str]:
    """The ```sh blocks of the README's "Sharing a tracker with colleagues", in order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Sharing a tracker with colleagues\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)


def shell(script: str, cwd: Path) -> subprocess.CompletedProcess:
    """`script` in bash, where `tracker` is the installed command and the clone's own
    tracker.json is the database (the README exports TRACKER_DB in each clone)."""
    exe = " ".join(tracker_exe())
    return subprocess.run(["bash", "-c", f"set -e\ntracker() {{ {exe} \"$@\"; }}\n{script}"],
                          cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TRACKER_DB": str(cwd / "tracker.json")})


def test_the_readme_walkthrough_works_as_written(tmp_path):
    home = Path(os.environ["HOME"])
    (home / "shared").mkdir()
    (home / ".gitconfig").write_text(  # a colleague's git: a name, nothing else
        "[user]\n\tname = Test Analyst\n\temail = analyst@example.org\n", encoding="utf-8")
    alice_setup, bob_setup, bob_day, alice_day, abort_and_retry, by_hand = \
        readme_sharing_blocks()
    for number, block in enumerate((alice_setup, bob_setup, bob_day, alice_day), 1):
        done = shell(block, tmp_path)
        assert done.returncode == 0, (number, block, done.stdout, done.stderr)
    section = (REPO / "README.md").read_text(encoding="utf-8").split(
        "## Sharing a tracker with colleagues\n", 1)[1]
    said = re.search(r"```text\n(.*?)```", section, flags=re.DOTALL).group(1)
    for line in said.splitlines():  # what the README says Alice's pull prints
        assert line in done.stderr.splitlines()
    assert "Hold a business forum" in done.stdout and "Exchange trade statistics" in done.stdout
    alice, bob = home / "desk-alice", home / "desk-bob"
    git(bob, "pull", "-q")
    assert (alice / "tracker.json").read_bytes() == (bob / "tracker.json").read_bytes()

    # Carol forgot `tracker git-setup`: git merges line by line and reports a conflict.
    subprocess.run(["git", "clone", "-q", str(home / "shared" / "desk.git"),
                    str(home / "desk-carol")], check=True)
    carol = home / "desk-carol"
    git(carol, "config", "pull.rebase", "false")

    def diverge(note: str) -> None:
        assert shell(f"tracker add 'Carol: {note}' -d sd-2025 "
                     f"&& git commit -qam carol", carol).returncode == 0
        assert shell(f"tracker add 'Bob: {note}' -d sd-2025 && git commit "
                     f"-qam bob && git pull -q && git push -q", bob).returncode == 0
        pulled = git(carol, "pull", ok=False)
        assert "CONFLICT" in pulled.stdout
        assert "<<<<<<<" in (carol / "tracker.json").read_text(encoding="utf-8")

    diverge("first")
    done = shell(by_hand, carol)
    assert done.returncode == 0, (done.stdout, done.stderr)
    diverge("second")
    done = shell(abort_and_retry, carol)
    assert done.returncode == 0, (done.stdout, done.stderr)
    listed = shell("tracker list", carol).stdout
    for text in ("Carol: first", "Bob: first", "Carol: second", "Bob: second"):
        assert text in listed
    assert git(carol, "status", "--porcelain").stdout == ""
