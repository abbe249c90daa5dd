"""The language data of `tracker.extract_rules`, compiled once per language into regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType

from tracker.extract.folding import alternation, fold_pattern, is_acronym, shadow
from tracker.extract_rules import rules_for
from tracker.model import fold


@dataclass
class Cue:
    """One compiled cue phrase of `extract_rules.<lang>.COMMITMENTS` (fields described there)."""

    regex: re.Pattern
    by: str  # "subject" or "speaker"
    then: str  # "verb", "np" or "self"
    strict: bool
    text: str | None
    kind: str = "commitment"  # "commitment" or "proposal"
    name: str = ""  # the cue as an analyst reads it, for the candidate's `cue`


@dataclass
class Rules:
    """Everything the stages match on, for one language."""

    lang: str
    module: ModuleType
    adv: str
    cues: list[Cue]
    non_pledges: re.Pattern
    speech: re.Pattern
    attribution_tail: re.Pattern
    boundaries: re.Pattern
    coordination_tail: re.Pattern
    trailing: re.Pattern
    joint: re.Pattern
    adverb_run: re.Pattern
    filler: re.Pattern
    pronouns: re.Pattern
    areas: list[tuple[str, list[re.Pattern]]]
    frameworks: list[tuple[str, re.Pattern | None, re.Pattern | None]]
    verbs: frozenset[str] = field(default_factory=frozenset)
    ambiguous_verbs: frozenset[str] = field(default_factory=frozenset)
    object_start: re.Pattern | None = None
    not_infinitives: frozenset[str] = field(default_factory=frozenset)
    np_end: re.Pattern | None = None
    group_gap: re.Pattern | None = None


def expand(pattern: str, adv: str, joint: str) -> str:
    """A rule pattern folded, with `{adv}` and `{joint}` filled in."""
    return fold_pattern(pattern).replace("{adv}", adv).replace("{joint}", joint)


def _word_end(pattern: str) -> str:
    # A cue must end on a word boundary — unless what it matched last is a space or the
    # apostrophe of an elided "d'", which runs straight into the next word.
    return pattern + r"(?:(?<=[\s'])|(?!\w))"


def _keyword_patterns(keywords: list[str]) -> list[re.Pattern]:
    """One pattern matching any of an area's keywords as whole words (a final "*": a stem)."""
    bodies = []
    for keyword in sorted(keywords, key=len, reverse=True):
        stem = keyword.endswith("*")
        bodies.append(re.escape(shadow(keyword.rstrip("*"))) + ("" if stem else r"(?!\w)"))
    return [re.compile(r"(?<!\w)(?:" + "|".join(bodies) + ")")] if bodies else []


def _cue_name(entry: dict) -> str:
    """A readable name for a cue: its own `name`, else its pattern without regex syntax."""
    if entry.get("name"):
        return entry["name"]
    first = re.sub(r"\(\?P<\w+>[^)]*\)", "…", entry["cue"])
    first = re.sub(r"\{adv\}\s*", "", first)
    first = re.sub(r"\{joint\}", "both sides", first)
    # Keep the first choice of every group: "(?:is|are) (?:ready|willing) to" → "is ready to".
    while True:
        changed = re.sub(r"\(\?:([^()|]*)(?:\|[^()]*)?\)\??", r"\1", first)
        if changed == first:
            break
        first = changed
    first = re.sub(r"\\w\{3,\}", "…", first)
    first = re.sub(r"[\\^$?*+]|\\[bsw]", "", first)
    return " ".join(first.split())


@lru_cache(maxsize=4)
def compiled(lang: str) -> Rules:
    """The compiled rules for "fr" or "en" (built once, then cached)."""
    module = rules_for(lang)
    adv_words = fold_pattern(module.ADVERBS)
    adv = r"(?:\b(?:" + adv_words + r")\b(?:\s*,\s*|\s+))*"
    joint = "(?:" + fold_pattern(module.JOINT_SUBJECTS) + ")"

    def compile_(pattern: str) -> re.Pattern:
        return re.compile(expand(pattern, adv, joint))

    cues = [
        Cue(
            # No leading "(?<!\w)": the regex engine then skips ahead to a possible first
            # letter; `cues.cue_matches` drops the matches that start inside a word.
            regex=re.compile(r"(?:" + _word_end(expand(entry["cue"], adv, joint)) + ")"),
            by=entry.get("by", "subject"),
            then=entry.get("then", "verb"),
            strict=entry.get("strict", False),
            text=entry.get("text"),
            kind=entry.get("kind", "proposal" if entry.get("by") == "speaker" else "commitment"),
            name=_cue_name(entry),
        )
        for entry in module.COMMITMENTS
    ]
    areas = [(area, _keyword_patterns(words)) for area, words in module.AREAS.items()]
    # Each framework: (name, its names matched on the folded text, its acronyms matched
    # case-sensitively on the accent-folded text — "UN" must not match the article "un").
    frameworks = []
    for name, aliases in module.FRAMEWORKS.items():
        lower = [shadow(a) for a in aliases if not is_acronym(a)]
        upper = [shadow(a, lower=False) for a in aliases if is_acronym(a)]
        frameworks.append(
            (
                name,
                re.compile(alternation(lower)) if lower else None,
                re.compile(alternation(upper)) if upper else None,
            )
        )
    pronoun_words = [*module.PRONOUNS_ONE, *module.PRONOUNS_ALL]
    return Rules(
        lang=lang,
        module=module,
        adv=adv,
        cues=cues,
        non_pledges=re.compile(
            "|".join("(?:" + expand(p, adv, joint) + ")" for p in module.NON_PLEDGES)
        ),
        speech=compile_(r"(?<!\w)(?:" + module.SPEECH + r")(?!\w)"),
        attribution_tail=compile_(module.ATTRIBUTION_TAIL),
        boundaries=compile_(module.CLAUSE_BOUNDARIES),
        coordination_tail=compile_(module.COORDINATION_TAIL),
        trailing=compile_(module.TRAILING),
        joint=re.compile(r"(?<!\w)" + joint + r"(?!\w)"),
        adverb_run=re.compile(adv),
        filler=re.compile(r"^[\s,]*" + adv + r"[\s,]*$"),
        pronouns=re.compile(alternation(list(pronoun_words))),
        areas=areas,
        frameworks=frameworks,
        verbs=getattr(module, "VERBS", frozenset()),
        ambiguous_verbs=getattr(module, "AMBIGUOUS_VERBS", frozenset()),
        object_start=(
            re.compile(fold_pattern(module.OBJECT_START))
            if hasattr(module, "OBJECT_START")
            else None
        ),
        not_infinitives=frozenset(fold(w) for w in getattr(module, "NOT_INFINITIVES", ())),
        np_end=compile_(module.NP_END) if hasattr(module, "NP_END") else None,
        # Between two names of one subject: "la Chine ET LE Kazakhstan", "China, Kazakhstan".
        group_gap=re.compile(
            r"^\s*(?:,|" + "|".join(re.escape(c) for c in module.CONJUNCTIONS) + r")?\s*(?:(?:"
            + "|".join(re.escape(d) for d in module.DETERMINERS) + r")\s*)?$"
        ),
    )
