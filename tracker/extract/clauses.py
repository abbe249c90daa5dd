"""Stage 2: what follows a cue cut into its coordinated verb phrases, one pledge each.

"de promouvoir …, d'approfondir … et de coopérer …" gives three phrases; a list of
nouns ("les Nations unies et la Conférence pour …") is never split.
"""

from __future__ import annotations

import re

from tracker.extract.document import Document
from tracker.extract.rules import Cue

_SEPARATOR = re.compile(
    r",\s*(?:(?:et|and|ainsi que|as well as)\s+)?|\s+(?:et|and|ainsi que|as well as)\s+"
    r"|;\s*(?:(?:et|and)\s+)?"
)
# Words in -ing that open a prepositional phrase, never a coordinated verb phrase.
_NOT_GERUNDS = frozenset(["including", "according", "regarding", "concerning", "following"])
_FRENCH_IRREGULAR = frozenset(
    ["conclure", "inclure", "exclure", "boire", "croire", "accroitre", "connaitre", "reconnaitre"]
)


def linker(match: re.Match) -> str:
    """What introduces each verb phrase after this cue: "de", "a" (à), "pour", "to" or ""."""
    words = re.findall(r"[\w]+'?", match.group())
    last = words[-1] if words else ""
    if last in ("de", "d'"):
        return "de"
    if last in ("a", "pour", "to"):
        return last
    return ""


def verb_head(
    doc: Document, position: int, link: str, first: bool, form: str | None = None
) -> str | None:
    """The form of the verb heading the phrase at `position` ("inf", "base", "ing"), or None."""
    rules = doc.rules
    rest = doc.shadow[position : position + 80]
    original = doc.text[position : position + 80].lower()
    offset = len(rest) - len(rest.lstrip())
    if not first:
        linked = re.match(r"(?:de |d'|a |pour |to )", rest[offset:])
        if linked:
            if linked.group().strip(" ") not in (link, "d'" if link == "de" else link):
                return None
            offset += linked.end()
        elif link in ("de", "a", "pour") and form != "bare-ok":
            return None
    pronoun = re.match(
        r"(?:(?:se|ne|pas|plus|jamais|en|y|nous|le|la|les|leur|lui) |s'|n'|l')+", rest[offset:]
    )
    if pronoun:
        offset += pronoun.end()
    adverbs = rules.adverb_run.match(rest, offset)
    if adverbs:
        offset = adverbs.end()
    word = re.match(r"[\w\-]+", rest[offset:])
    if not word:
        return None
    folded = word.group()
    written = original[offset : offset + len(folded)]
    if rules.lang == "fr":
        return "inf" if french_infinitive(doc, folded, written) else None
    if first:
        # Right after a cue that takes a verb ("agreed to", "will"), any word but a
        # determiner or pronoun is one: the lexicon is needed only to split enumerations.
        if folded in rules.module.NOT_VERBS or not folded.isalpha():
            return None
        return "ing" if folded.endswith("ing") and len(folded) > 5 else "base"
    if folded in rules.ambiguous_verbs:
        after = rest[offset + len(folded) :].lstrip()
        if rules.object_start is not None and rules.object_start.match(after):
            return "base"
        return None
    if folded in rules.verbs:
        return "base"
    if (
        form == "ing"
        and folded.endswith("ing")
        and folded not in _NOT_GERUNDS
        and folded[:-3] in rules.verbs | {v[:-1] for v in rules.verbs if v.endswith("e")}
    ):
        return "ing"
    return None


def french_infinitive(doc: Document, folded: str, written: str) -> bool:
    """Whether a French word is an infinitive (its ending is read on the word as written)."""
    # Folded, "déclaré" would end in "-re": the accent decides.
    if folded in doc.rules.not_infinitives or len(folded) < 4:
        return folded in {"etre", "dire", "lire", "fuir", "voir"}
    if written.endswith(("é", "è", "ê")):
        return False
    return (
        bool(re.search(r"(?:er|ir|re|oir)$", folded))
        and not re.search(r"(?:aire|ere|ure|oire)$", folded)
        or folded in _FRENCH_IRREGULAR
    )


def split_phrases(
    doc: Document, body_start: int, body_end: int, cue: Cue, match: re.Match
) -> list[tuple[int, int]]:
    """Cut a clause into its coordinated verb phrases: [(start, end), …]."""
    if cue.then == "np":
        # "supports X, and reaffirms that…": the noun phrase ends before the new verb.
        np_end = doc.rules.np_end
        end = np_end.search(doc.shadow, body_start, body_end) if np_end else None
        return [(body_start, end.start() if end else body_end)]
    link = linker(match)
    first_form = None if cue.then == "self" else verb_head(doc, body_start, link, first=True)
    cuts = [body_start, *_cuts(doc, body_start, body_end, link, first_form, cue)]
    if len(cuts) == 1:
        # "travaillera avec le Kazakhstan pour consolider …, élargir … et approfondir …":
        # the verbs after "pour" / "to" are pledges each, the first keeping the main verb.
        purpose = _PURPOSE.search(doc.shadow, body_start, body_end)
        if purpose is not None:
            inner = purpose.group(1).strip().replace("afin ", "").rstrip("'") or "to"
            inner = {"d": "de"}.get(inner, inner)
            form = verb_head(doc, purpose.end(), inner, first=True)
            if form is not None:
                inner_cuts = _cuts(doc, purpose.end(), body_end, inner, form, None)
                if inner_cuts and _bare_verb(doc.shadow[purpose.end() : inner_cuts[0]]):
                    # "to continuously optimize and strengthen these platforms": one object.
                    inner_cuts = inner_cuts[1:]
                cuts += inner_cuts
    pieces: list[tuple[int, int]] = []
    carried: int | None = None
    for index, start in enumerate(cuts):
        end = cuts[index + 1] if index + 1 < len(cuts) else body_end
        if carried is not None:
            start, carried = carried, None
        segment = doc.shadow[start:end]
        purposes = list(_PURPOSE.finditer(segment)) if index == 0 else []
        if purposes:
            # "work with X to steadily expand and upgrade the pipeline": the verb after
            # "to" shares the next phrase's object.
            segment = segment[purposes[-1].end() :]
        if end != body_end and _bare_verb(segment):
            # "approfondir, étendre et diversifier les relations": verbs sharing one object
            # stay one pledge with it.
            carried = start
            continue
        pieces.append((start, end))
    return pieces


_PURPOSE = re.compile(r"(?<!\w)(pour|afin de|afin d'|to)\s*(?<=[\s'])")


def _cuts(
    doc: Document, start: int, end: int, link: str, first_form: str | None, cue: Cue | None
) -> list[int]:
    """Where coordinated verb phrases start in [start, end), after the first one."""
    cuts = [start]
    for sep in _SEPARATOR.finditer(doc.shadow, start, end):
        if sep.start() < cuts[-1]:
            continue
        # Never split inside brackets or quotes: "(ICR, …)".
        inside = doc.shadow[cuts[-1] : sep.start()]
        if (
            inside.count("(") + inside.count("[") > inside.count(")") + inside.count("]")
            or inside.count('"') % 2
        ):
            continue
        position = sep.end()
        if cue is not None and cue.then == "self":
            if not cue.regex.match(doc.shadow, position):
                continue
        else:
            comma = sep.group().lstrip().startswith(",") or sep.group().startswith(";")
            form = first_form
            if link in ("de", "a") and comma or link == "pour":
                # "de promouvoir …, approfondir …": a repeated "de" may be left out, and
                # "pour" is rarely repeated at all ("pour consolider …, élargir … et …").
                form = "bare-ok"
            head = verb_head(doc, position, link, first=False, form=form)
            if head is None or (doc.rules.lang == "en" and first_form == "ing" and head != "ing"):
                continue
        cuts.append(position)
    return cuts[1:]


_LINK_WORDS = frozenset(["et", "and", "de", "d", "a", "pour", "to", "ainsi", "que", "as", "well"])


def _bare_verb(piece: str) -> bool:
    """Whether a piece is a verb alone ("étendre et "), with no object of its own."""
    words = [
        w for w in re.findall(r"[^\W\d_]+", piece)
        if w not in _LINK_WORDS and not w.endswith(("ly", "ment"))  # nor adverbs
    ]
    return len(words) <= 1
