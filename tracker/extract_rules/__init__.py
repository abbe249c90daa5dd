"""Cue phrases, party names and keyword tables for `tracker.extract`, one module per language.

Each language module (`fr`, `en`) defines the same names; `tracker.extract` reads
them through `rules_for(lang)`. The modules hold data only, so an analyst can add
a cue phrase, a country form or a keyword without touching the extractor's logic.

Conventions for every pattern in these modules:
- write them in lower case; accents may be written or left out (they are folded
  away on both sides before matching, so "prête" and "prete" are the same);
- `{adv}` stands for "any run of adverbs" (the language's ADVERBS), `{joint}`
  for a phrase naming both sides (the language's JOINT_SUBJECTS);
- entries written entirely in capitals (acronyms: "UN", "SCO", "US") are matched
  case-sensitively, so the French article "un" is never taken for the UN.
"""

from __future__ import annotations

from types import ModuleType


def rules_for(lang: str) -> ModuleType:
    """The rule module for a language code ("fr" or "en")."""
    from tracker.extract_rules import en, fr

    return fr if lang == "fr" else en


# The area a framework's pledges belong to when their words name none (language-neutral).
FRAMEWORK_AREAS = {
    "BRI": "connectivity",
    "SCO": "multilateral",
    "UN": "multilateral",
    "CICA": "multilateral",
    "China–Central Asia": "multilateral",
    "BRICS": "multilateral",
    "ASEAN": "multilateral",
    "EAEU": "trade",
    "G20": "multilateral",
    "GDI": "multilateral",
    "GSI": "security",
    "GCI": "people-to-people",
    "CSTO": "security",
    "CIS": "multilateral",
    "EU": "multilateral",
    "WTO": "trade",
}
