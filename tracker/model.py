"""Dialogues, pledges and updates: field order, validation and derived status (SPEC §2, §3).

Records are plain dicts in the order of the FIELDS tuples below, so that the
database file, `export` and `list --format json` share one shape. This module
does no I/O.
"""

from __future__ import annotations

import re
import unicodedata
import uuid as uuid_module
from typing import Any

from tracker.dates import check_timestamp, iso_date
from tracker.errors import InvalidValue
from tracker.printable import BIDI_CONTROLS

# The status vocabulary (SPEC §3), in the order a pledge's life runs.
STATUSES = ("pledged", "in-progress", "partial", "stalled", "fulfilled", "broken", "superseded")
DEFAULT_STATUS = "pledged"
# Statuses of a pledge that is still owed: these can be overdue or stale.
OPEN_STATUSES = ("pledged", "in-progress", "partial", "stalled")

DIALOGUE_FIELDS = (
    "id", "title", "date", "place", "parties", "participants", "source", "notes",
    "created", "updated",
)
PLEDGE_FIELDS = (
    "id", "uuid", "dialogue", "text", "quote", "by", "area", "framework", "tags", "due",
    "verifiable", "status", "progress", "created", "updated", "updates",
)
UPDATE_FIELDS = ("date", "status", "progress", "note", "evidence", "party", "recorded")
# Fields a record carries only when they are set, after the fields above: a numeric
# target on a pledge (AidData's way) and, on an update, the evidence's title and
# publication date and a measured value. Files without them stay valid as they are.
OPTIONAL_PLEDGE_FIELDS = ("target", "unit")
OPTIONAL_UPDATE_FIELDS = ("evidence_title", "evidence_date", "value")

# Pledge ids are below this: 12 digits at most, so every id the store hands out
# (the counter included) stays a plain 64-bit integer that `show` and `mark` accept.
ID_LIMIT = 10**12
MAX_TEXT = 10_000  # characters in one text field; a readout clause is far shorter
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def status_choices() -> str:
    return ", ".join(STATUSES)


def is_pledge_id(value: Any) -> bool:
    """The one rule for a pledge id, wherever one is read, imported or written."""
    return type(value) is int and 0 < value < ID_LIMIT


def check_status(value: str) -> str:
    status = value.strip().lower()
    if status not in STATUSES:
        raise InvalidValue(f"unknown status {value!r} (choose from: {status_choices()})")
    return status


def check_progress(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            raise InvalidValue(
                f"progress must be a whole number from 0 to 100, got {value!r}") from None
    if not 0 <= value <= 100:
        raise InvalidValue(f"progress must be from 0 to 100, got {value}")
    return value


def check_text(value: Any, field: str, *, required: bool = True) -> str | None:
    """Strip a text field; refuse empty required text, control characters and huge values."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidValue(f"{field} must not be empty")
        return None
    if not isinstance(value, str):
        raise InvalidValue(f"{field} must be text, got {type(value).__name__}")
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise InvalidValue(f"{field} is {len(text)} characters long; the limit is {MAX_TEXT}")
    bad = next((ch for ch in text if ch not in "\t\n" and (
        unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI_CONTROLS)), None)
    if bad is not None:
        raise InvalidValue(f"{field} {not_text(bad)}")
    return text


def not_text(ch: str) -> str:
    """What is wrong with a character no record may hold, as the end of a sentence."""
    if "\udc80" <= ch <= "\udcff":  # how Python reads a byte of a command line that is not UTF-8
        return f"is not UTF-8 (it holds the byte 0x{ord(ch) - 0xDC00:02X})"
    if unicodedata.category(ch) == "Cs":
        return f"holds U+{ord(ch):04X}, half of a character (a lone surrogate)"
    kind = "bidirectional override" if ch in BIDI_CONTROLS else "control character"
    return f"contains the {kind} U+{ord(ch):04X}"


def check_slug(value: str) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise InvalidValue(
            f"dialogue id {value!r} is not a slug: use lower-case letters, digits and single "
            "hyphens, e.g. cn-kz-fmsd-2024"
        )
    return value


def slugify(title: str, day: str) -> str:
    """A dialogue id derived from its title and date, e.g. `china-kazakhstan-...-2024`."""
    # Accents go (é → e); any other non-ASCII character, such as a dash, splits words.
    ascii_text = "".join(ch if ch.isascii() else " " for ch in fold(title))
    words = re.findall(r"[a-z0-9]+", ascii_text)
    stem = ""
    for word in words:  # whole words up to 48 characters: never "strategic-dia"
        if stem and len(stem) + 1 + len(word) > 48:
            break
        stem = f"{stem}-{word}" if stem else word[:48]
    return f"{stem or 'dialogue'}-{day[:4]}"


def fold(text: str) -> str:
    """Case- and accent-insensitive form, for matching names and searching text."""
    # Reports and filters fold the same few party, area and framework names once per
    # pledge, hundreds of thousands of times; those short names are kept in a plain
    # dict (a lookup is half the cost of lru_cache's). Long text (a pledge's searchable
    # text) is seldom folded twice and would only crowd them out.
    folded = _FOLDED.get(text)
    if folded is None:
        folded = _fold(text)
        if len(text) <= FOLD_CACHED_LENGTH and len(_FOLDED) < FOLD_CACHE_SIZE:
            _FOLDED[text] = folded
    return folded


FOLD_CACHED_LENGTH = 80
FOLD_CACHE_SIZE = 1 << 16  # names of parties, areas, places, dialogues: a few MB at most
_FOLDED: dict[str, str] = {}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_PUNCTUATION_FOLD)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Every dash, apostrophe and quotation mark as its plain ASCII self: "Dostyk–Moyinty"
# and "Xi’an" are found by what a keyboard types (as case and accents are folded).
_PUNCTUATION_FOLD = str.maketrans(
    dict.fromkeys("‐‑‒–—―−⁃﹘﹣", "-") | dict.fromkeys("’‘‛ʼʹ′´`", "'")
    | dict.fromkeys("“”„‟«»″‹›", '"'))


def check_names(values: list[str], field: str) -> list[str]:
    """Clean a list of names (parties, tags): stripped, non-empty, no case-duplicates."""
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        name = check_text(value, field)
        if fold(name) not in seen:
            seen.add(fold(name))
            names.append(name)
    return names


def canonical_name(value: str, known: list[str]) -> str:
    """A name as first written: `china` becomes `China` when `China` is already known."""
    wanted = fold(value)
    return next((name for name in known if fold(name) == wanted), value)


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def ordered(record: dict, fields: tuple[str, ...]) -> dict:
    """The record with exactly `fields`, in that order (missing ones as None)."""
    return {field: record.get(field) for field in fields}


def with_optional(record: dict, values: dict, fields: tuple[str, ...]) -> dict:
    """`record` with those of the optional `fields` that have a value in `values`, in order."""
    for field in fields:
        if values.get(field) is not None:
            record[field] = values[field]
    return record


def make_update(
    *, day: str, status: str, progress: int, note: str | None = None,
    evidence: str | None = None, party: str | None = None, recorded: str,
    evidence_title: str | None = None, evidence_date: str | None = None,
    value: float | None = None,
) -> dict:
    return with_optional(ordered(
        {"date": day, "status": status, "progress": progress, "note": note,
         "evidence": evidence, "party": party, "recorded": recorded},
        UPDATE_FIELDS,
    ), {"evidence_title": evidence_title, "evidence_date": evidence_date, "value": value},
        OPTIONAL_UPDATE_FIELDS)


# A target or a measured value is a figure a readout gives: fifteen digits either way
# is room for any of them, and keeps every ratio a report works out a finite float.
NUMBER_LIMIT = 1e15


def is_figure(value: Any) -> bool:
    """Whether `value` is a number `check_number` would keep as it is (a stored one)."""
    return (type(value) in (int, float) and value == value
            and (value == 0 or 1 / NUMBER_LIMIT <= abs(value) <= NUMBER_LIMIT))


def check_number(value: Any, field: str, *, positive: bool = False) -> int | float:
    """A finite number (a whole one is kept whole); `positive` refuses zero and below.

    Magnitudes beyond NUMBER_LIMIT, or below its inverse, are refused.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(str(value).strip().replace(",", ""))
        except ValueError:
            raise InvalidValue(f"{field} must be a number, got {value!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidValue(f"{field} must be a finite number, got {value!r}")
    if positive and value <= 0:
        raise InvalidValue(f"{field} must be above 0, got {value:g}")
    if value != 0 and not 1 / NUMBER_LIMIT <= abs(value) <= NUMBER_LIMIT:
        shown = (f"{value:g}" if isinstance(value, float)
                 else f"a whole number of {len(str(abs(value)))} digits")
        raise InvalidValue(f"{field} must be between {1 / NUMBER_LIMIT:g} and "
                           f"{NUMBER_LIMIT:g} in size, got {shown}")
    return int(value) if float(value).is_integer() else float(value)


def latest_update(updates: list[dict], party: str | None = None) -> dict | None:
    """The latest update by date (ties: the later one in the log), optionally for one party."""
    best = None
    for update in updates:
        if party is not None and fold(update.get("party") or "") != fold(party):
            continue
        if best is None or update["date"] >= best["date"]:
            best = update
    return best


def latest_joint_update(updates: list[dict]) -> dict | None:
    """The latest update by date that names no party: one about the pledge as a whole."""
    best = None
    for update in updates:
        if not update.get("party") and (best is None or update["date"] >= best["date"]):
            best = update
    return best


# How far a pledge has got, least advanced first. A pledge whose parties have
# all spoken since its latest joint update (if any) is as far along as its
# furthest-behind party (see `pledge_state`): one side breaking it makes it
# broken whatever the other does, one side stalling stalls it, and it is
# fulfilled only once every side is.
ADVANCE_ORDER = ("broken", "stalled", "pledged", "in-progress", "partial", "fulfilled",
                 "superseded")
_ADVANCE_RANK = {status: rank for rank, status in enumerate(ADVANCE_ORDER)}


def initial_state(pledge: dict) -> tuple[str, int]:
    """The (status, progress) a pledge had before its first update.

    A pledge without updates keeps what it was recorded (or imported) with; once
    it has updates its stored status is derived from them, so the time before
    the first one reads as `pledged`, 0 (as a replay to an earlier date does).
    """
    if pledge["updates"]:
        return DEFAULT_STATUS, 0
    return pledge["status"], pledge["progress"]


def party_state(pledge: dict, party: str, updates: list[dict] | None = None
                ) -> tuple[str, int]:
    """(status, progress) of one party on a pledge: its latest own update, else the latest
    joint update, else the pledge's initial state. `updates` narrows the log (a replay)."""
    log = pledge["updates"] if updates is None else updates
    latest = latest_update(log, party) or latest_joint_update(log)
    if latest is not None:
        return latest["status"], latest["progress"]
    return initial_state(pledge)


def party_states(pledge: dict, updates: list[dict] | None = None
                 ) -> dict[str, tuple[str, int]]:
    """(status, progress) of every party of the pledge, in `by` order."""
    return {party: party_state(pledge, party, updates) for party in pledge["by"]}


def pledge_state(pledge: dict, updates: list[dict] | None = None) -> tuple[str, int]:
    """(status, progress) of the pledge as a whole (SPEC §2, §3 as refined in the README).

    Once every party of the pledge has an update of its own dated on or after
    the latest joint update (one naming no party), the parties decide (see
    `combine_states`): what each side has since recorded is newer news than the
    joint one. That holds trivially when there is no joint update, and for a
    one-party pledge as soon as that party has spoken. Otherwise the latest
    joint update decides; a pledge with no update keeps its initial state.
    A party the pledge does not apply to (`not_verifiable_for`) has no say,
    unless it is the only kind of party left.
    """
    log = pledge["updates"] if updates is None else updates
    if not log:
        return initial_state(pledge)
    not_applicable = {fold(name) for name in pledge.get("not_verifiable_for") or ()}
    parties = [p for p in pledge["by"] if fold(p) not in not_applicable] or pledge["by"]
    joint = latest_joint_update(log)
    if joint is not None and not _parties_caught_up(parties, log, joint["date"]):
        return joint["status"], joint["progress"]
    return combine_states([party_state(pledge, party, log) for party in parties])


def _parties_caught_up(parties: list[str], log: list[dict], since: str) -> bool:
    """Whether every one of `parties` has an own update dated on or after `since`."""
    spoken = {fold(update["party"]) for update in log
              if update.get("party") and update["date"] >= since}
    return bool(parties) and all(fold(party) in spoken for party in parties)


def combine_states(states: list[tuple[str, int]]) -> tuple[str, int]:
    """One (status, progress) for a pledge from its parties' (status, progress).

    A party whose part was superseded does not hold the others back. Of the
    rest, the least advanced status in ADVANCE_ORDER wins, except that a party
    still at `pledged` beside one that has moved makes the pledge `in-progress`:
    an implementing step is on record. Progress is the parties' mean, rounded
    down, so only a pledge every counted party fulfilled reaches 100.
    """
    counted = [state for state in states if state[0] != "superseded"] or states
    status = min((s for s, _ in counted), key=_ADVANCE_RANK.__getitem__)
    if status == "pledged" and any(s != "pledged" for s, _ in counted):
        status = "in-progress"
    return status, sum(p for _, p in counted) // len(counted)


class StateLog:
    """A pledge's state after each update, kept as the updates arrive in log order.

    The same answers as `pledge_state` and `party_state` over the updates added
    so far, in one pass: each update is looked at once, instead of the whole
    log once per party per question. A report walks a pledge's log with it to
    know what each update replaced; `current_states` uses it for the state now.
    """

    __slots__ = ("pledge", "by", "deciding", "count", "joint", "latest", "spoken")

    def __init__(self, pledge: dict) -> None:
        self.pledge = pledge
        self.by = [(party, fold(party)) for party in pledge["by"]]  # folded once
        # The parties with a say in the pledge's own state: as in `pledge_state`, not
        # those it does not apply to (n/a), unless no other is left.
        marked = pledge.get("not_verifiable_for")
        not_applicable = {fold(name) for name in marked} if marked else ()
        self.deciding = [(party, key) for party, key in self.by
                         if key not in not_applicable] or self.by
        self.count = 0
        self.joint: dict | None = None  # the latest update naming no party
        # Per folded party name, its latest update as `latest_update` finds it (joint
        # updates count under "", as there), and the date of its latest own update.
        self.latest: dict[str, dict] = {}
        self.spoken: dict[str, str] = {}

    def add(self, update: dict) -> None:
        """The next update of the log (ties on a date go to the later one, as in the log)."""
        day = update["date"]
        self.count += 1
        party = update.get("party")
        if party:
            key = fold(party)
            if key not in self.spoken or day > self.spoken[key]:
                self.spoken[key] = day
        else:
            key = ""
            if self.joint is None or day >= self.joint["date"]:
                self.joint = update
        best = self.latest.get(key)
        if best is None or day >= best["date"]:
            self.latest[key] = update

    def party(self, party: str, key: str | None = None) -> tuple[str, int]:
        """Like `party_state(pledge, party, updates so far)`; `key` is fold(party)."""
        latest = self.latest.get(fold(party) if key is None else key) or self.joint
        if latest is None:
            return initial_state(self.pledge)
        return latest["status"], latest["progress"]

    def parties(self) -> dict[str, tuple[str, int]]:
        """Like `party_states(pledge, updates so far)`."""
        return {party: self.party(party, key) for party, key in self.by}

    def overall(self) -> tuple[str, int]:
        """Like `pledge_state(pledge, updates so far)`."""
        if not self.count:
            return initial_state(self.pledge)
        joint = self.joint
        if joint is not None:
            # The latest joint update decides unless every party has spoken since.
            spoken, since = self.spoken, joint["date"]
            if not self.deciding:
                return joint["status"], joint["progress"]
            for _, key in self.deciding:
                day = spoken.get(key)
                if day is None or day < since:
                    return joint["status"], joint["progress"]
        return combine_states([self.party(party, key) for party, key in self.deciding])


def current_states(pledge: dict, updates: list[dict] | None = None
                   ) -> tuple[tuple[str, int], dict[str, tuple[str, int]]]:
    """(`pledge_state`, `party_states`) of a pledge in one pass over its log."""
    log = StateLog(pledge)
    for update in pledge["updates"] if updates is None else updates:
        log.add(update)
    return log.overall(), log.parties()


def derive_state(pledge: dict) -> None:
    """Set a pledge's stored status and progress from its update log (see `pledge_state`).

    A pledge with no update keeps the values it was recorded (or imported) with.
    """
    if pledge["updates"]:
        pledge["status"], pledge["progress"] = pledge_state(pledge)


def insert_update(updates: list[dict], update: dict) -> list[dict]:
    """A new log with `update` placed by date, after any update of the same date."""
    position = len(updates)
    while position > 0 and updates[position - 1]["date"] > update["date"]:
        position -= 1
    return [*updates[:position], update, *updates[position:]]


def resolve_mark(current_status: str, status: str | None, progress: int | None,
                 current_progress: int) -> tuple[str, int]:
    """Status and progress of a new update, from what the user gave (SPEC §3 rules).

    `fulfilled` implies progress 100; progress 100 implies `fulfilled` unless
    another status is given; progress on a merely pledged pledge means work began.
    """
    if status is None:
        if progress == 100:
            status = "fulfilled"
        elif progress is not None and progress > 0 and current_status == "pledged":
            status = "in-progress"
        elif current_status == "fulfilled" and progress is not None and progress < 100:
            # Progress alone never demotes a pledge: that takes a status of the user's.
            raise InvalidValue(
                f"it is fulfilled, so its progress stays 100; to record {progress}%, "
                "give the status it has now, e.g. --status in-progress")
        else:
            status = current_status
    if progress is None:
        # Progress is an estimate the user keeps: a new status alone leaves it as it was.
        progress = 100 if status == "fulfilled" else current_progress
    if status == "fulfilled" and progress != 100:
        raise InvalidValue(f"a fulfilled pledge has progress 100, not {progress}")
    return status, progress


# The shape of a BCP 47 tag (language, then subtags), not the registry: enough to catch typos.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def validate_dialogue(record: dict) -> dict:
    """Check and normalise a dialogue record (from the CLI or an import)."""
    if not isinstance(record, dict):
        raise InvalidValue("a dialogue must be an object")
    out = ordered(record, DIALOGUE_FIELDS)
    out["id"] = check_slug(record.get("id"))
    out["title"] = check_text(record.get("title"), "title")
    out["date"] = iso_date(record.get("date"), "date")
    out["place"] = check_text(record.get("place"), "place", required=False)
    parties = record.get("parties")
    if not isinstance(parties, list) or not all(isinstance(p, str) for p in parties):
        raise InvalidValue("parties must be a list of names")
    out["parties"] = check_names(parties, "party")
    if not out["parties"]:
        raise InvalidValue("a dialogue needs at least one party (--party)")
    participants = record.get("participants") or []
    if not isinstance(participants, list) or not all(isinstance(p, dict) for p in participants):
        raise InvalidValue("participants must be a list of {name, role, party} objects")
    out["participants"] = [
        {"name": check_text(p.get("name"), "participant name"),
         "role": check_text(p.get("role"), "participant role", required=False),
         "party": check_text(p.get("party"), "participant party", required=False)}
        for p in participants
    ]
    # One entry per person: naming someone again (any case or accents) updates their
    # role or party rather than listing them twice.
    people: dict[str, dict] = {}
    for person in out["participants"]:
        known = people.setdefault(fold(person["name"]), person)
        if known is not person:
            known.update({key: value for key, value in person.items()
                          if value is not None and key != "name"})
    out["participants"] = list(people.values())
    for person in out["participants"]:
        if person["party"] is not None:
            try:
                person["party"] = _known_party(person["party"], out["parties"])
            except InvalidValue as error:
                raise InvalidValue(f"participant {person['name']}: {error.message}",
                                   hint="add that side with --party, or fix the "
                                        "participant's party") from None
    source = record.get("source")
    if source is not None:
        if not isinstance(source, dict):
            raise InvalidValue("source must be an object {title, url, language}")
        source = {key: check_text(source.get(key), f"source {key}", required=False)
                  for key in ("title", "url", "language")}
        if source["language"] is not None and not LANGUAGE_TAG.fullmatch(source["language"]):
            raise InvalidValue(f"source language {source['language']!r} is not a language "
                               "tag (BCP 47, e.g. fr, en, zh-Hans, pt-BR)")
        source = source if any(source.values()) else None
    out["source"] = source
    out["notes"] = check_text(record.get("notes"), "notes", required=False)
    return out


def validate_update(update: dict, parties: list[str]) -> dict:
    if not isinstance(update, dict):
        raise InvalidValue("an update must be an object")
    party = check_text(update.get("party"), "update party", required=False)
    if party is not None:
        party = _known_party(party, parties)
    progress = update.get("progress")
    progress = check_progress(progress) if progress is not None else None
    status = update.get("status")
    status = check_status(status) if status else None
    # An update without a status (a spreadsheet's) reads like `tracker mark --progress`.
    status, progress = resolve_mark(DEFAULT_STATUS, status, progress, 0)
    day = iso_date(update.get("date"), "update date")
    recorded = update.get("recorded")
    if recorded is not None:
        check_timestamp(recorded, "update recorded")
    value = update.get("value")
    evidence_date = update.get("evidence_date")
    return make_update(
        day=day,
        status=status,
        progress=progress,
        note=check_text(update.get("note"), "update note", required=False),
        evidence=check_text(update.get("evidence"), "update evidence", required=False),
        party=party,
        recorded=recorded or f"{day}T00:00:00Z",
        evidence_title=check_text(update.get("evidence_title"), "update evidence_title",
                                  required=False),
        evidence_date=(None if evidence_date in (None, "")
                       else iso_date(evidence_date, "update evidence_date")),
        value=None if value in (None, "") else check_number(value, "update value"),
    )


def _known_party(name: str, parties: list[str]) -> str:
    for party in parties:
        if fold(party) == fold(name):
            return party
    raise InvalidValue(f"{name!r} is not a party of this dialogue (parties: {', '.join(parties)})")


def check_update_parties(pledge: dict) -> None:
    """Refuse a pledge whose updates are about a side that is not one of its parties.

    As `mark --party` refuses a side that did not make the pledge: `edit --by`
    dropping a party must not leave that party's own updates behind, scoring a
    cell that no longer exists.
    """
    makers = {fold(party) for party in pledge["by"]}
    orphans = [u for u in pledge["updates"] if u["party"] and fold(u["party"]) not in makers]
    if orphans:
        party = orphans[0]["party"]
        days = ", ".join(u["date"] for u in orphans if fold(u["party"]) == fold(party))
        raise InvalidValue(f"it has updates about {party} ({days}), which would no longer be "
                           f"one of its parties ({', '.join(pledge['by'])}); keep {party} among "
                           "them")


def validate_pledge(record: dict, dialogue: dict) -> dict:
    """Check and normalise a pledge record against its dialogue."""
    if not isinstance(record, dict):
        raise InvalidValue("a pledge must be an object")
    out = ordered(record, PLEDGE_FIELDS)
    out["dialogue"] = dialogue["id"]
    out["text"] = check_text(record.get("text"), "text")
    out["quote"] = check_text(record.get("quote"), "quote", required=False)
    by = record.get("by") or []
    if not isinstance(by, list):
        raise InvalidValue("by must be a list of parties")
    out["by"] = [_known_party(p, dialogue["parties"]) for p in check_names(by, "by")] or list(
        dialogue["parties"]
    )
    out["area"] = check_text(record.get("area"), "area", required=False)
    out["framework"] = check_text(record.get("framework"), "framework", required=False)
    tags = record.get("tags") or []
    if not isinstance(tags, list):
        raise InvalidValue("tags must be a list of labels")
    out["tags"] = check_names(tags, "tag")
    out["due"] = None if record.get("due") in (None, "") else iso_date(record["due"], "due")
    verifiable = record.get("verifiable", True)
    if verifiable is None:
        verifiable = True
    if not isinstance(verifiable, bool):
        raise InvalidValue("verifiable must be true or false")
    out["verifiable"] = verifiable
    not_verifiable_for = _not_verifiable_for(record.get("not_verifiable_for"), out["by"])
    target = record.get("target")
    target = None if target in (None, "") else check_number(target, "target", positive=True)
    unit = check_text(record.get("unit"), "unit", required=False)
    if unit is not None and target is None:
        raise InvalidValue("a unit needs a target: give --target with --unit")
    out["status"] = check_status(record.get("status") or DEFAULT_STATUS)
    progress = record.get("progress")
    out["progress"] = check_progress(progress) if progress is not None else (
        100 if out["status"] == "fulfilled" else 0
    )
    updates = record.get("updates") or []
    if not isinstance(updates, list):
        raise InvalidValue("updates must be a list")
    out["updates"] = sorted(
        (validate_update(u, dialogue["parties"]) for u in updates), key=lambda u: u["date"]
    )
    if out["updates"] and out["updates"][0]["date"] < dialogue["date"]:
        raise InvalidValue(f"an update is dated {out['updates'][0]['date']}, before the "
                           f"pledge was made at {dialogue['id']} ({dialogue['date']})")
    derive_state(out)
    if out["status"] == "fulfilled" and out["progress"] != 100:
        raise InvalidValue(f"a fulfilled pledge has progress 100, not {out['progress']}")
    if not_verifiable_for:
        out["not_verifiable_for"] = not_verifiable_for
    return with_optional(out, {"target": target, "unit": unit}, OPTIONAL_PLEDGE_FIELDS)


def _not_verifiable_for(value: Any, by: list[str]) -> list[str]:
    """The parties a pledge does not apply to ("n/a" in a score sheet), as `by` spells them.

    The field is optional and kept only when it names a party, so that records
    without one keep the shape they always had.
    """
    if value in (None, []):
        return []
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise InvalidValue("not_verifiable_for must be a list of parties")
    names = []
    for name in check_names(value, "not_verifiable_for"):
        party = next((p for p in by if fold(p) == fold(name)), None)
        if party is None:
            raise InvalidValue(f"not verifiable for {name!r}, who is not a party to the pledge "
                               f"(made by: {', '.join(by)})")
        names.append(party)
    return names
