"""Wording shared by every report renderer: how a score, a header or a summary reads."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from urllib.parse import urlsplit

from tracker.model import STATUSES, fold
from tracker.reporting import Report, latest_value
from tracker.scoring import Cell, Group, figures_of, percent_of, round_half_up

# The two signs for an empty cell, the same in every format: "n/a" where the pledge does
# not apply to a party, a dash where there is no figure (nothing scored, not a party).
NOT_APPLICABLE = "n/a"
NO_FIGURE = "—"
FEW_CELLS = 3  # a group with fewer scored cells than this is flagged, not read as a rate
FEW_MARK = "†"
# The one colour threshold: a score of 0 on average (50 %) or better is on the
# compliant side; below it, more was broken or let lapse than delivered.
COLOUR_THRESHOLD = 50

# Four-letter column labels, so that a table with every status fits 80 columns.
STATUS_SHORT = {
    "pledged": "pldg", "in-progress": "prog", "partial": "part", "stalled": "stal",
    "fulfilled": "done", "broken": "brkn", "superseded": "supd",
}
GROUPING_TITLES = {
    "party": "By party", "area": "By area", "framework": "By framework",
    "dialogue": "By dialogue", "status": "By status",
}


SCORES_NOTE = (
    "Scores: fulfilled +1; in-progress, partial and stalled 0; broken −1; pledged −1 once "
    "past due; superseded and unverifiable pledges are not scored. A cell is one party of "
    "one pledge; every average (a pledge's, a group's, the overall one) is the mean of its "
    "scored cells, and % = (average + 1) / 2 × 100, both rounded half up.")
MATRIX_NOTE = ("Each row's average is the pledge's, over its parties; each column's is the "
               "party's, over its pledges; the corner is the mean of every scored cell. "
               "n/a: the pledge does not apply to that party; a dash: not a party to it.")


def matrix_cell(view: dict, party: str, *, short: bool = False) -> str:
    """What the matrix shows for one party of one pledge: its status, `n/a`, or `—`."""
    cell = cell_of(view, party)
    if cell is None:
        return NO_FIGURE
    if not cell.applies:
        return NOT_APPLICABLE
    return STATUS_SHORT[cell.status] if short else cell.status


def cell_of(view: dict, party: str) -> Cell | None:
    """The pledge's cell for `party` (names match case- and accent-insensitively)."""
    wanted = fold(party)
    return next((cell for name, cell in view["cells"].items() if fold(name) == wanted), None)


def format_average(mean: Fraction | None) -> str:
    """An average as published: two decimals, signed, rounded half up from the exact mean."""
    if mean is None:
        return NO_FIGURE
    return f"{round_half_up(mean, 2):+.2f}"


def format_percent(mean: Fraction | None) -> str:
    """The percentage of an average: a whole number, rounded half up (0.25 → 63%)."""
    return NO_FIGURE if mean is None else f"{round_half_up(percent_of(mean), 0)}%"


def average_text(group: Group) -> str:
    return format_average(group.mean)


def percent_text(group: Group) -> str:
    return format_percent(group.mean)


def pledge_score_text(view: dict) -> str:
    """A pledge's own compliance for its section: `+0.50 (75%) over 2 cells`."""
    figures = figures_of(view)
    if figures.mean is None:
        return "not scored"
    noun = "cell" if figures.scored == 1 else "cells"
    return f"{average_text(figures)} ({percent_text(figures)}) over {figures.scored} {noun}"


def half_up(value: float) -> int:
    """A whole number rounded half up (62.5 → 63), as `round_half_up` rounds a mean."""
    return math.floor(value + 0.5)


def whole_percent(value: float | None) -> str:
    return NO_FIGURE if value is None else f"{half_up(value)}%"


def flagged_percent_text(group: Group) -> str:
    """The percentage, marked † when it rests on fewer than FEW_CELLS scored cells."""
    return percent_text(group) + (FEW_MARK if is_few(group) else "")


def is_few(group: Group) -> bool:
    return 0 < group.scored < FEW_CELLS


def progress_text(group: Group) -> str:
    return whole_percent(group.average_progress)


def is_compliant_side(percent: float) -> bool:
    return percent >= COLOUR_THRESHOLD


def movement_text(before: Group | None, after: Group) -> str:
    """`50% → 65%`: the percentage when the window opened and at the cut-off."""
    return f"{whole_percent(None if before is None else before.percent)} → {percent_text(after)}"


def baseline_group(report: Report, grouping: str, name: str) -> Group | None:
    """The same group in the report's baseline (the day before its window), if it had one."""
    if report.baseline is None:
        return None
    from tracker.model import fold

    return next((g for g in report.baseline.groups.get(grouping, [])
                 if fold(g.name) == fold(name)), None)


def number_text(value: float) -> str:
    """43.82 → `43.8`, 82 → `82`: one decimal at most, as a reader compares them."""
    text = f"{value:,.1f}".rstrip("0").rstrip(".")
    return text


def target_text(view: dict) -> str | None:
    """`43.8 of 82 USD bn (53%), measured 2025-01-23`; `no value yet of 82 USD bn`; or None."""
    target = view.get("target")
    if target is None:
        return None
    unit = f" {view['unit']}" if view.get("unit") else ""
    latest = latest_value(view)
    if latest is None:
        return f"no value yet of {number_text(target)}{unit}"
    return (f"{number_text(latest['value'])} of {number_text(target)}{unit} "
            f"({whole_percent(latest['value'] / target * 100)}), measured {latest['date']}")


def outlet(url: str | None) -> str | None:
    """Where a link points, as a reader names it: the site's host without `www.`.

    A report names the outlet of every update's evidence (tens of thousands of
    links in a decade's database): the host is cut out of the address by hand,
    and only an unusual one (a bracketed IPv6 address) goes through urlsplit.
    """
    if not url or not url.startswith(("http://", "https://")):
        return None
    netloc = url.partition("//")[2]
    for end in "/?#":
        netloc = netloc.partition(end)[0]
    host = netloc.rpartition("@")[2]
    bracketed = host.startswith("[")
    host = (urlsplit(url).hostname or "") if bracketed else host.partition(":")[0].lower()
    return host.removeprefix("www.") or None


def evidence_parts(update: dict) -> list[str]:
    """PolitiFact's `date — outlet — title` for an update's evidence, whatever is known.

    A citation that is not a link is its own title.
    """
    evidence = update.get("evidence")
    if not evidence:
        return []
    site = outlet(evidence)
    # An address no report can link (a space, <, > or a quote in it) is cited in full
    # rather than cut to its site.
    title = update.get("evidence_title") or (None if linkable(evidence) else evidence)
    return [part for part in (update.get("evidence_date"), site, title) if part]


_LINKABLE = re.compile(r"https?://[^\s<>\"']+\Z")


def linkable(evidence: str) -> bool:
    """Whether evidence is a web address every format can link as it is (Markdown's
    `<…>`, HTML's `href`): no space, <, > or quote in it."""
    return _LINKABLE.match(evidence) is not None


def evidence_text(update: dict) -> str:
    return " — ".join(evidence_parts(update))


def score_sentence(group: Group) -> str:
    """`+0.23 average over 13 scored cells (62%)`, or why there is no score."""
    if group.average is None:
        return "no pledge scored yet"
    noun = "cell" if group.scored == 1 else "cells"
    return (f"{average_text(group)} average over {group.scored} scored {noun} "
            f"({percent_text(group)})")


def no_action_sentence(group: Group) -> str:
    """`42% (-0.17) if the 6 cells without action count as -1`, or "" when there are none.

    An interim report leaves a cell with no implementing action unscored until
    its due date; this says what the headline would be if they counted as a
    final report counts them.
    """
    if not group.no_action:
        return ""
    if_failed = group.mean_if_no_action_fails
    noun, verb = ("cell", "counts") if group.no_action == 1 else ("cells", "count")
    return (f"{format_percent(if_failed)} ({format_average(if_failed)}) if the "
            f"{group.no_action} {noun} without action yet {verb} as -1")


def pledges_sentence(report: Report) -> str:
    total = report.summary
    noun = "pledge" if total.pledges == 1 else "pledges"
    text = f"{total.pledges} {noun}"
    if total.unverifiable:
        text += f" ({total.unverifiable} not verifiable, listed apart and never scored)"
    return text


def status_counts(group: Group) -> list[tuple[str, int]]:
    """(status, count) for the statuses that occur, in the vocabulary's order."""
    return [(status, group.counts[status]) for status in STATUSES if group.counts[status]]


def shown_statuses(report: Report) -> list[str]:
    """The status columns of the group tables: every status that some row has.

    A party's row can hold a status the summary lacks (a party fulfilled its part
    of a pledge that is not fulfilled as a whole). Every other row counts its
    pledges by their status, as the summary counts them all: those rows hold no
    status the summary lacks, and are not worked out just to be looked at.
    """
    rows = [report.summary, *report.groups.get("party", ())]
    return [status for status in STATUSES if any(row.counts[status] for row in rows)]


def counts_sentence(group: Group) -> str:
    return ", ".join(f"{n} {status}" for status, n in status_counts(group)) or "none"


def changes_sentence(report: Report) -> str:
    """What changed inside the window, in one line."""
    parts = [f"{len(report.changes)} update{'' if len(report.changes) == 1 else 's'}"]
    moved = report.movement_counts()
    if moved:
        total = sum(moved.values())
        detail = ", ".join(f"{n} to {status}" for status, n in moved.items())
        parts.append(f"{total} pledge{'' if total == 1 else 's'} moved ({detail})")
    if report.new_pledges:
        parts.append(f"{report.new_pledges} new pledge{'' if report.new_pledges == 1 else 's'}")
    return f"Since {report.since}: " + "; ".join(parts)


def deadlines_sentence(report: Report) -> str:
    """Overdue, due soon, without a deadline, and without an update: each counted."""
    undated = sum(1 for view in report.pledges if not view["due"])
    return (f"{len(report.overdue)} overdue · {len(report.upcoming)} due by "
            f"{report.upcoming_until} · {undated} of {len(report.pledges)} with no deadline · "
            f"{len(report.stale)} with no update since {report.stale_before}")


def dialogue_line(dialogue: dict) -> str:
    where = f", {dialogue['place']}" if dialogue.get("place") else ""
    return f"{dialogue['title']} ({dialogue['date']}{where}; {', '.join(dialogue['parties'])})"


# A report over more dialogues than this sums them up in one table, a row a year; the
# per-dialogue lines are in `--by dialogue`, Markdown and HTML.
DIALOGUES_LISTED = 8
OUTLETS_NAMED = 3  # a terminal's methods box names the outlets most readouts come from


def lists_every_dialogue(report: Report) -> bool:
    return len(report.dialogues) <= DIALOGUES_LISTED or report.groupings == ("dialogue",)


def dialogue_years(report: Report) -> list[tuple[str, int, int, int, int]]:
    """(year, dialogues, pledges, parties, places) for the dialogues a report covers."""
    pledges: dict[str, int] = {}
    for view in report.pledges:
        pledges[view["dialogue"]] = pledges.get(view["dialogue"], 0) + 1
    years: dict[str, tuple[int, int, set, set]] = {}
    for dialogue in report.dialogues:
        year = dialogue["date"][:4]
        count, made, parties, places = years.get(year, (0, 0, set(), set()))
        parties.update(fold(party) for party in dialogue["parties"])
        if dialogue.get("place"):
            places.add(fold(dialogue["place"]))
        years[year] = (count + 1, made + pledges.get(dialogue["id"], 0), parties, places)
    return [(year, count, made, len(parties), len(places))
            for year, (count, made, parties, places) in years.items()]


def dialogues_sentence(report: Report) -> str:
    """`1,000 dialogues from 2012-01-04 to 2025-12-10, 20 parties`: the covered ones in brief."""
    dialogues = report.dialogues
    parties = {fold(party) for d in dialogues for party in d["parties"]}
    return (f"{len(dialogues):,} dialogues from {dialogues[0]['date']} to "
            f"{dialogues[-1]['date']}, {len(parties)} "
            f"{'party' if len(parties) == 1 else 'parties'} (each dialogue: --by dialogue, "
            "or --format markdown or html)")


def cutoff_line(report: Report) -> str:
    return (f"As of {report.as_of} · {report.kind} report · changes since {report.since}"
            + (f" · {party_note(report)}" if report.party_filter else "")
            + f" · generated {report.generated}")


def party_note(report: Report) -> str:
    """Whose statuses the figures count, when the report is filtered by party."""
    if report.party is not None:
        return f"filtered to {report.party}: statuses are {report.party}'s"
    return (f"filtered to parties: {', '.join(report.party_filter)}; "
            "summary counts pledges as a whole")


def change_label(before: str | None, after: str) -> str:
    return f"{before} → {after}" if before and before != after else after



def _ids(views: list[dict], limit: int = 6) -> str:
    shown = ", ".join(f"#{v['id']}" for v in views[:limit])
    more = len(views) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def summary_sentences(report: Report) -> list[str]:
    """Three to five plain sentences that open every format, each built from the figures.

    Where compliance stands and how it moved since the window opened, what was
    delivered, what is stalled or broken, what has gone longest without an
    update, and what falls due next. No adjective the data cannot back.
    """
    total = report.summary
    sentences = []
    if total.percent is None:
        sentences.append(f"On {report.as_of} no pledge is scored yet "
                         f"({_count(total.pledges, 'pledge')} recorded).")
    else:
        before = None if report.baseline is None else report.baseline.summary.percent
        if before is None:
            moved = f", with none scored before {report.since}"
        else:
            was, now = half_up(before), half_up(total.percent)
            moved = (f", unchanged from before {report.since}" if was == now else
                     f", {'up' if now > was else 'down'} from {was}% before {report.since}")
        sentences.append(f"On {report.as_of} compliance stands at {percent_text(total)} "
                         f"({average_text(total)} average over "
                         f"{_count(total.scored, 'scored cell')})"
                         f"{moved}.")
    scored_views = [v for v in report.pledges if v["verifiable"]]
    fulfilled = [v for v in scored_views if v["status"] == "fulfilled"]
    sentences.append(
        f"Fulfilled: {len(fulfilled)} of {_count(len(scored_views), 'verifiable pledge')}"
        + (f" ({_ids(fulfilled)})." if fulfilled else "."))
    stalled = [v for v in scored_views if v["status"] == "stalled"]
    broken = [v for v in scored_views if v["status"] == "broken"]
    if stalled or broken:
        parts = [f"{label}: {_ids(views)}" for label, views in
                 (("stalled", stalled), ("broken", broken)) if views]
        sentences.append("; ".join(parts).capitalize() + ".")
    else:
        sentences.append("None is stalled or broken.")
    if report.stale:
        oldest = report.stale[:3]
        sentences.append("Longest without an update: " + ", ".join(
            f"#{v['id']} (since {report.last_activity(v)})" for v in oldest)
            + (f", of {len(report.stale)} with none since {report.stale_before}."
               if len(report.stale) > len(oldest) else "."))
    else:
        sentences.append(f"Every open verifiable pledge has an update since "
                         f"{report.stale_before}.")
    open_ahead = sorted((v for v in scored_views if v["due"] and v["due"] >= report.as_of
                         and v["status"] in ("pledged", "in-progress", "partial", "stalled")),
                        key=lambda v: (v["due"], v["id"]))
    undated = sum(1 for v in report.pledges if not v["due"])
    due = (f"Next deadline: #{open_ahead[0]['id']} on {open_ahead[0]['due']}" if open_ahead
           else "No open pledge has a deadline ahead")
    if report.overdue:
        due = f"Overdue: {_ids(report.overdue)}; " + due[0].lower() + due[1:]
    sentences.append(f"{due}; {undated} of {_count(len(report.pledges), 'pledge')} "
                     "have no deadline.")
    return sentences


def scoring_rule(report: Report) -> str:
    rule = SCORES_NOTE.removeprefix("Scores: ")
    return (rule[0].upper() + rule[1:]
            + (" This is a final report: stalled and pledged count −1." if report.final else ""))


def methods_lines(report: Report, *, every_source: bool = True, coloured: bool = True
                  ) -> list[tuple[str, str]]:
    """The headline and the methods box: the same (label, text) pairs in every format.

    Without `every_source` (a terminal) many dialogues' readouts are summed up; without
    `coloured` (Markdown, JSON, a pipe, NO_COLOR) nothing is said of colours.
    """
    total = report.summary
    headline = (f"Compliance {percent_text(total)} on {report.as_of}, the mean of "
                f"{_count(total.scored, 'scored cell')} on the G7/G20 Research Group's "
                "−1/0/+1 scale." if total.percent is not None else
                f"No compliance figure on {report.as_of}: no cell is scored yet.")
    headline += (f" Average progress ({progress_text(total)}) is the analysts' own 0–100 "
                 "estimate per pledge, not a score.")
    updates = sum(len(v["updates"]) for v in report.pledges)
    cited = cited_outlets(report)
    if report.final:
        kind = "Final report: no action scores −1."
    else:
        pending = no_action_sentence(total)
        kind = ("Interim report: work under way scores 0 and a cell with no action yet is "
                "not scored before its deadline"
                + (f" ({pending})." if pending else "."))
    return [
        ("Headline", headline),
        ("Scoring", scoring_rule(report)),
        ("Cut-off", f"{report.as_of}: only updates dated on or before it count. {kind}"),
        ("Sources", sources_text(report, every_source=every_source)),
        ("Evidence", f"{_count(updates, 'dated update')} citing "
                     f"{_count(len(cited), 'outlet')}, each shown as date — outlet — title "
                     "in the appendix."),
        ("Not verifiable", "statements too vague to test; listed apart, never scored, and "
                           "left out of the status chart, the progress averages and the "
                           "no-update list."),
        ("Reading", f"{FEW_MARK} marks a group with fewer than {FEW_CELLS} scored cells: "
                    f"too few to read as a rate. {NOT_APPLICABLE}: the pledge does not apply "
                    f"to that party; {NO_FIGURE}: no figure (nothing scored, or not a party "
                    "to the pledge)."
                    + (f" Scores of {COLOUR_THRESHOLD}% (average 0) or more are drawn green, "
                       "lower ones red." if coloured else "")),
    ]


def cited_outlets(report: Report) -> set[str]:
    """The outlets the report's evidence links point to (each site named once).

    A decade's database has hundreds of thousands of links to a few dozen sites:
    each link's scheme and host part is looked up before it is taken apart.
    """
    known: dict[str, str | None] = {}
    for view in report.pledges:
        for update in view["updates"]:
            link = update.get("evidence")
            if link:
                cut = link.find("/", 8)
                head = link[:cut] if cut > 0 else link
                if head not in known:
                    known[head] = outlet(link)
    return {site for site in known.values() if site is not None}


def sources_text(report: Report, *, every_source: bool = True) -> str:
    """Each covered dialogue's readout, or, past DIALOGUES_LISTED, what they come to.

    A decade's report covers a thousand dialogues: a sentence per readout would
    bury the methods box, so it counts them (with and without a link, by outlet
    and language); `--by dialogue` lists each one.
    """
    if not report.dialogues:
        return "no dialogue covered."
    if every_source or lists_every_dialogue(report):
        return "; ".join(source_line(dialogue) for dialogue in report.dialogues) + "."
    sources = [dialogue.get("source") or {} for dialogue in report.dialogues]
    linked = [source for source in sources if source.get("url")]
    outlets: dict[str, int] = {}
    for source in linked:
        site = outlet(source["url"])
        if site:
            outlets[site] = outlets.get(site, 0) + 1
    languages: dict[str, int] = {}
    for source in sources:
        if source.get("language"):
            languages[source["language"]] = languages.get(source["language"], 0) + 1
    named = sorted(outlets.items(), key=lambda item: (-item[1], item[0]))
    text = f"{len(sources)} dialogues' readouts, {len(linked)} with a link"
    if named:
        shown = ", ".join(f"{site} {count}" for site, count in named[:OUTLETS_NAMED])
        rest = len(named) - OUTLETS_NAMED
        text += f" ({shown}" + (f", {_count(rest, 'other outlet')})" if rest > 0 else ")")
    parts = [text]
    if languages:
        parts.append("languages " + ", ".join(
            f"{language} {count}" for language, count in sorted(
                languages.items(), key=lambda item: (-item[1], item[0]))))
    return "; ".join(parts) + ". Each readout: --by dialogue, or --format markdown or html."


def source_line(dialogue: dict) -> str:
    """`Title (date): source title, in fr, link (published by outlet)`."""
    source = dialogue.get("source") or {}
    parts = [source.get("title") or "no source recorded"]
    site = outlet(source.get("url"))
    if source.get("language"):
        parts.append(f"in {source['language']}")
    parts.append(source["url"] if source.get("url") else "no link")
    return (f"{dialogue['title']} ({dialogue['date']}): " + ", ".join(parts)
            + (f" (published by {site})" if site else ""))


def quote_language(view: dict, report: Report) -> str | None:
    """The language of a pledge's quote: its dialogue's source language, if not English."""
    dialogue = next((d for d in report.dialogues if d["id"] == view["dialogue"]), None)
    language = ((dialogue or {}).get("source") or {}).get("language")
    return None if not language or language.lower().startswith("en") else language


def with_targets(report: Report) -> list[dict]:
    """The report's pledges that carry a numeric target."""
    return [view for view in report.pledges if view.get("target") is not None]
