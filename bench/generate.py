"""Generate realistic benchmark data: a tracker database, an import file and Taskwarrior tasks.

Run `python bench/generate.py --pledges 10000 --out /tmp/bench-data` to write, for
that size:

- `db-10000.json` — a tracker database written directly in the file format
  (the dict of tracker/store.py encoded with `store.encode`), as if every
  dialogue's readout had been imported once: one change-log entry per dialogue;
- `import-10000.json` — the same dialogues and pledges as an interchange
  document, to time `tracker import` into an empty database;
- `task-10000.json` — the same pledges as Taskwarrior tasks (`task import`
  format): project = dialogue, tags = area and tags, due date, status
  (fulfilled, broken, superseded → completed; the rest pending), and one
  annotation per dated update (its note), so 0–6 annotations a task.

The shape is a research group's decade of follow-up: ten pledges per dialogue
(1,000 dialogues for 10,000 pledges), each pledge with 0–6 dated updates
(uniformly, so 3 on average), every update with a note and most with an
evidence link, some of them by one party only; French and English text with
accents, every status and area. The output depends only on the size and
`--seed`, so runs on different machines time the same data.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.model import (  # noqa: E402 — after the path fix, so a checkout runs as is
    DIALOGUE_FIELDS,
    PLEDGE_FIELDS,
    STATUSES,
    UPDATE_FIELDS,
    pledge_state,
)
from tracker.store import SCHEMA_VERSION, encode  # noqa: E402

TODAY = date(2026, 1, 15)  # the runner pins TRACKER_TODAY to this day as well
FIRST_DAY = date(2012, 1, 1)
PLEDGES_PER_DIALOGUE = 10
MAX_UPDATES = 6  # each pledge has 0–6 updates, uniformly: 3 on average

PARTIES = [
    "China", "Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan",
    "Türkiye", "Côte d'Ivoire", "France", "Sénégal", "México", "Perú", "Россия", "Brasil",
    "Japan", "Republic of Korea", "Mongolia", "Azerbaijan", "Georgia", "Algérie",
]
PLACES = ["Beijing", "Astana", "Almaty", "Tachkent", "Bichkek", "Genève", "Paris",
          "Dakar", "Abidjan", "Ankara", "Bakou", "Montréal", "São Paulo", "Xi'an"]
AREAS = ["trade", "connectivity", "security", "people-to-people", "political",
         "multilateral", "energy", "environment"]
FRAMEWORKS = ["BRI", "SCO", "UN", "CICA", "Paris Agreement", "WTO", None, None, None]
TAGS = ["visa", "rail", "agriculture", "transit", "culture", "education", "tourism",
        "customs", "finance", "water", "health", "digital", "media", "youth", "ports"]
DIALOGUE_KINDS = [
    ("Foreign Ministers' Strategic Dialogue", "en"),
    ("Dialogue stratégique des ministres des Affaires étrangères", "fr"),
    ("Intergovernmental Cooperation Committee", "en"),
    ("Comité de coopération économique et commerciale", "fr"),
    ("Summit on Connectivity and Trade", "en"),
    ("Réunion consultative de haut niveau", "fr"),
]
PLEDGE_TEXTS = [
    ("Expand bilateral trade in {thing} to {number} billion dollars by {year}.", "en"),
    ("Open a new {thing} corridor through {place} before {year}.", "en"),
    ("Hold the next round of the dialogue in {place} within a year.", "en"),
    ("Simplify visa procedures for students, journalists and business travellers.", "en"),
    ("Cooperate on {thing} within the framework of multilateral bodies.", "en"),
    ("Set up a joint working group on {thing} and report back by {year}.", "en"),
    ("Élargir les échanges de {thing_fr} et atteindre {number} milliards de dollars "
     "d'ici {year}.", "fr"),
    ("Renforcer la coopération en matière de {thing_fr} et de sécurité régionale.", "fr"),
    ("Créer un centre culturel à {place} et favoriser les échanges entre les peuples.", "fr"),
    ("Accélérer la construction du corridor ferroviaire via {place} (achèvement prévu "
     "en {year}).", "fr"),
    ("Développer l'énergie verte, l'hydroélectricité et les réseaux électriques "
     "transfrontaliers.", "fr"),
    ("Élaborer un programme d'études conjoint ; accueillir {number}00 étudiants "
     "boursiers par an.", "fr"),
]
THINGS = [("agricultural products", "produits agricoles"), ("energy", "énergie"),
          ("rail freight", "fret ferroviaire"), ("digital services", "services numériques"),
          ("critical minerals", "minerais critiques"), ("water resources", "ressources en eau")]
QUOTES = [
    "« Les deux parties sont convenues de renforcer la coopération pragmatique. »",
    "Les ministres ont réaffirmé leur attachement au développement de la coopération.",
    "The sides agreed to step up practical cooperation in every field.",
    "双方同意加强务实合作。",
    None, None,
]
NOTES = [
    "Accord signé à {place} ; entrée en vigueur annoncée pour l'été.",
    "Joint statement published after the meeting in {place}.",
    "Le volume des échanges a progressé de {number} % selon les douanes.",
    "Work began on the {place} section; financing still under discussion.",
    "Aucun progrès constaté ; la réunion prévue a été reportée.",
    "Délégation reçue à {place} — protocole d'accord paraphé.",
    "Report by the ministry: target missed, talks continue.",
    "Communiqué conjoint : le groupe de travail s'est réuni à {place} et a adopté un "
    "calendrier.",
]
# Status a pledge may move to next, so that update logs read like real follow-up.
NEXT_STATUS = {
    "pledged": ["in-progress", "in-progress", "stalled", "partial"],
    "in-progress": ["in-progress", "partial", "fulfilled", "stalled"],
    "partial": ["in-progress", "fulfilled", "partial", "broken"],
    "stalled": ["in-progress", "broken", "superseded", "stalled"],
}


def _iso(day: date) -> str:
    return day.isoformat()


def _stamp(day: date, rng: random.Random) -> str:
    return f"{day.isoformat()}T{rng.randrange(7, 20):02d}:{rng.randrange(60):02d}:00Z"


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _fill(template: str, rng: random.Random) -> str:
    thing, thing_fr = rng.choice(THINGS)
    return template.format(thing=thing, thing_fr=thing_fr, place=rng.choice(PLACES),
                           number=rng.randrange(2, 60), year=rng.randrange(2020, 2031))


def _ordered(values: dict, fields: tuple[str, ...]) -> dict:
    return {name: values.get(name) for name in fields}


def make_dialogue(number: int, rng: random.Random) -> dict:
    day = FIRST_DAY + timedelta(days=rng.randrange((TODAY - FIRST_DAY).days - 30))
    parties = rng.sample(PARTIES, 2 if rng.random() < 0.8 else 3)
    kind, language = rng.choice(DIALOGUE_KINDS)
    stamp = _stamp(day + timedelta(days=rng.randrange(1, 20)), rng)
    return _ordered({
        "id": f"dlg-{number:06d}-{day.year}",
        "title": f"{' – '.join(parties)} {kind} #{number}",
        "date": _iso(day),
        "place": rng.choice(PLACES),
        "parties": parties,
        "participants": [{"name": f"Ministre {party}", "role": "Minister of Foreign Affairs",
                          "party": party} for party in parties],
        "source": {"title": f"Readout ({language})", "url": f"https://example.org/r/{number}",
                   "language": language},
        "notes": _fill(rng.choice(NOTES) or "Compte rendu de la réunion à {place}.", rng),
        "created": stamp,
        "updated": stamp,
    }, DIALOGUE_FIELDS)


def make_pledge(pledge_id: int, dialogue: dict, rng: random.Random) -> dict:
    start = date.fromisoformat(dialogue["date"])
    text, _ = rng.choice(PLEDGE_TEXTS)
    by = dialogue["parties"] if rng.random() < 0.5 else [rng.choice(dialogue["parties"])]
    due = None
    if rng.random() < 0.7:
        due = _iso(start + timedelta(days=rng.randrange(90, 2000)))
    status = rng.choice(["pledged", "pledged", "in-progress", "partial", "stalled",
                         "fulfilled", "broken", "superseded"])
    updates = []
    current = "pledged"
    progress = 0
    # Follow-up spread over the years after the dialogue, never past today.
    last_day = min(TODAY, start + timedelta(days=2400))
    span = (last_day - start).days
    days = sorted(start + timedelta(days=rng.randint(1, max(1, span)))
                  for _ in range(rng.randint(0, MAX_UPDATES)))
    for day in days:
        day = min(day, TODAY)
        current = rng.choice(NEXT_STATUS.get(current, [current]))
        progress = 100 if current == "fulfilled" else min(95, progress + rng.randrange(0, 40))
        updates.append(_ordered({
            "date": _iso(day), "status": current, "progress": progress,
            "note": _fill(rng.choice(NOTES), rng),
            "evidence": f"https://example.org/e/{pledge_id}/{len(updates)}"
            if rng.random() < 0.8 else None,
            "party": rng.choice(by) if rng.random() < 0.3 else None,
            "recorded": _stamp(day, rng),
        }, UPDATE_FIELDS))
    if updates:
        # The tracker's own rule (joint updates decide, party-specific ones only their party).
        status, progress = pledge_state({"by": by, "updates": updates, "status": status,
                                         "progress": 0})
    else:
        progress = 100 if status == "fulfilled" else 0
    created = dialogue["created"]
    return _ordered({
        "id": pledge_id,
        "uuid": _uuid(rng),
        "dialogue": dialogue["id"],
        "text": _fill(text, rng),
        "quote": rng.choice(QUOTES),
        "by": list(by),
        "area": rng.choice(AREAS),
        "framework": rng.choice(FRAMEWORKS),
        "tags": rng.sample(TAGS, rng.randrange(3)),
        "due": due,
        "verifiable": rng.random() < 0.9,
        "status": status,
        "progress": progress,
        "created": created,
        "updated": updates[-1]["recorded"] if updates else created,
        "updates": updates,
    }, PLEDGE_FIELDS)


def generate(pledges: int, seed: int = 6) -> tuple[list[dict], list[dict]]:
    """Dialogues and pledges (ids 1…N), ten pledges per dialogue."""
    rng = random.Random(f"{seed}-{pledges}")
    dialogues: list[dict] = []
    records: list[dict] = []
    while len(records) < pledges:
        dialogue = make_dialogue(len(dialogues) + 1, rng)
        dialogues.append(dialogue)
        count = min(pledges - len(records), PLEDGES_PER_DIALOGUE)
        for _ in range(count):
            records.append(make_pledge(len(records) + 1, dialogue, rng))
    missing = set(STATUSES) - {p["status"] for p in records}
    for status, pledge in zip(sorted(missing), records, strict=False):
        # Tiny sizes must still show every status (the runner's filters use them).
        pledge["status"], pledge["updates"] = status, []
        pledge["progress"] = 100 if status == "fulfilled" else 0
    dialogues.sort(key=lambda d: (d["date"], d["id"]))
    return dialogues, records


def database(dialogues: list[dict], pledges: list[dict]) -> dict:
    """The database file's dict, as if each dialogue's readout had been imported once."""
    by_dialogue: dict[str, list[int]] = {}
    for pledge in pledges:
        by_dialogue.setdefault(pledge["dialogue"], []).append(pledge["id"])
    history = {}
    for number, dialogue in enumerate(dialogues, 1):
        changes = [{"table": "dialogues", "key": dialogue["id"], "op": "add", "before": None,
                    "after": None}]
        changes.extend({"table": "pledges", "key": pledge_id, "op": "add", "before": None,
                        "after": None} for pledge_id in by_dialogue.get(dialogue["id"], []))
        history[str(number)] = {"id": number, "at": dialogue["created"],
                                "command": f"import readout-{dialogue['id']}.json",
                                "changes": changes}
    return {
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "next_pledge_id": len(pledges) + 1,
                       "next_change_id": len(history) + 1}},
        "dialogues": {str(n): d for n, d in enumerate(dialogues, 1)},
        "pledges": {str(p["id"]): p for p in pledges},
        "history": history,
    }


def interchange(dialogues: list[dict], pledges: list[dict]) -> dict:
    return {"schema_version": SCHEMA_VERSION, "exported_at": "2026-01-15T12:00:00Z",
            "dialogues": dialogues, "pledges": pledges}


def _task_time(day_or_stamp: str) -> str:
    """Taskwarrior's compact UTC form, 20250131T120000Z."""
    if len(day_or_stamp) == 10:
        day_or_stamp += "T12:00:00Z"
    return day_or_stamp.replace("-", "").replace(":", "")


def taskwarrior_tasks(pledges: list[dict]) -> list[dict]:
    """The same pledges as Taskwarrior tasks (what `task import` reads)."""
    tasks = []
    for pledge in pledges:
        task = {
            "uuid": pledge["uuid"],
            "description": pledge["text"],
            "project": pledge["dialogue"],
            "entry": _task_time(pledge["created"]),
            "modified": _task_time(pledge["updated"]),
            "status": "completed" if pledge["status"] in ("fulfilled", "broken", "superseded")
            else "pending",
            "tags": [pledge["area"], *pledge["tags"]],
        }
        if task["status"] == "completed":
            task["end"] = task["modified"]
        if pledge["due"]:
            task["due"] = _task_time(pledge["due"])
        notes = [{"entry": _task_time(u["recorded"]), "description": u["note"]}
                 for u in pledge["updates"] if u["note"]]
        if notes:
            task["annotations"] = notes
        tasks.append(task)
    return tasks


def write_all(pledges: int, out: Path, seed: int = 6) -> dict[str, Path]:
    """Write the three files for one size; returns their paths by kind."""
    out.mkdir(parents=True, exist_ok=True)
    dialogues, records = generate(pledges, seed)
    paths = {"db": out / f"db-{pledges}.json", "import": out / f"import-{pledges}.json",
             "task": out / f"task-{pledges}.json"}
    paths["db"].write_bytes(encode(database(dialogues, records)))
    paths["import"].write_text(
        json.dumps(interchange(dialogues, records), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8")
    paths["task"].write_text(json.dumps(taskwarrior_tasks(records), ensure_ascii=False),
                             encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pledges", default="1000,10000,100000",
                        help="comma-separated sizes (default: 1000,10000,100000)")
    parser.add_argument("--out", type=Path, default=Path("bench/data"),
                        help="folder for the files (default: bench/data)")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.pledges.split(",")):
        paths = write_all(size, args.out, args.seed)
        for kind, path in paths.items():
            print(f"{kind:7} {path}  ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
