"""Stage 2a: names looked up as runs of words — the domain's concepts, countries, leaders.

Matching runs on the extractor's folded surface (`tracker.extract.folding.shadow`:
same length as the text, lower case, no accents, plain dashes and quotes), so every
position found here is a position in the original sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from tracker.extract.folding import shadow
from tracker.extract_rules import events as event_rules
from tracker.extract_rules import terms as term_rules

_TOKEN = re.compile(r"[\w+]+|'")


class Lexicon:
    """Multi-word names looked up as runs of words: linear in the text, however many names.

    A name matches whole words only, the longest name first; dashes and dots count as
    spaces ("China–Central Asia" is "china central asia"). Names written in capitals
    (acronyms) match only capitals.
    """

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.names = names
        self.lower: dict[tuple[str, ...], list[str]] = {}
        self.upper: dict[tuple[str, ...], list[str]] = {}
        for name, values in names.items():
            acronym = name.isupper()
            key = tuple(_TOKEN.findall(shadow(name, lower=not acronym)))
            if not key:
                continue
            table = self.upper if acronym else self.lower
            merged = table.setdefault(key, [])
            merged.extend(v for v in values if v not in merged)
        self.longest = max((len(k) for k in (*self.lower, *self.upper)), default=1)
        # Most words start no name: one set look-up tells, before any run is built.
        self.first_lower = {k[0] for k in self.lower}
        self.first_upper = {k[0] for k in self.upper}

    def find(self, cased: str) -> list[tuple[int, list[str]]]:
        """(position, values) of every name in `cased` (the folded surface, case kept)."""
        return [(start, values) for start, _, values in self.spans(cased)]

    def spans(self, cased: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, values) of every name in `cased`."""
        tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(cased)]
        lowered = [t.lower() for _, t in tokens]
        found: list[tuple[int, int, list[str]]] = []
        index = 0
        while index < len(tokens):
            if (lowered[index] not in self.first_lower
                    and tokens[index][1] not in self.first_upper):
                index += 1
                continue
            for size in range(min(self.longest, len(tokens) - index), 0, -1):
                words = lowered[index:index + size]
                values = self.lower.get(tuple(words))
                if values is None and self.upper:
                    values = self.upper.get(tuple(t for _, t in tokens[index:index + size]))
                if values is not None:
                    last_start, last = tokens[index + size - 1]
                    found.append((tokens[index][0], last_start + len(last), values))
                    index += size
                    break
            else:
                index += 1
        return found


@lru_cache(maxsize=1)
def _concept_lexicon() -> Lexicon:
    names: dict[str, list[str]] = defaultdict(list)
    for table in (term_rules.CONCEPTS, term_rules.ALSO):
        for concept, forms in table.items():
            for form in forms:
                names[form].append(concept)
    return Lexicon(names)


def concepts_in(text: str) -> dict[str, list[int]]:
    """The concepts a text names, each with where (in the normalised text) it is named."""
    found: dict[str, list[int]] = defaultdict(list)
    for start, concepts in _concept_lexicon().find(shadow(text, lower=False)):
        for concept in concepts:
            found[concept].append(start)
    return dict(found)


@lru_cache(maxsize=1)
def extras_lexicon() -> Lexicon:
    """Leaders and regions, which the extractor's party stage does not know, to countries."""
    names: dict[str, list[str]] = defaultdict(list)
    for country, leaders in event_rules.LEADERS.items():
        for leader in leaders:
            names[leader].append(country)
    for region, countries in event_rules.REGIONS.items():
        names[region].extend(countries)
    return Lexicon(names)


@lru_cache(maxsize=1)
def country_lexicon() -> Lexicon:
    """Every country's forms in both languages, plus leaders and regions: for pledge texts."""
    from tracker.extract.parties import country_forms

    names: dict[str, list[str]] = defaultdict(list)
    for country, aliases in country_forms().items():
        for alias in aliases:
            names[alias].append(country)
    for name, values in extras_lexicon().names.items():
        names[name].extend(values)
    return Lexicon(names)
