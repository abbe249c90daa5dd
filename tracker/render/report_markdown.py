"""The status report as Markdown: headings and tables, then one section per pledge."""

from __future__ import annotations

import re

from tracker.render.report_text import (
    GROUPING_TITLES,
    MATRIX_NOTE,
    average_text,
    baseline_group,
    change_label,
    changes_sentence,
    counts_sentence,
    cutoff_line,
    deadlines_sentence,
    dialogue_line,
    evidence_text,
    flagged_percent_text,
    linkable,
    matrix_cell,
    methods_lines,
    movement_text,
    no_action_sentence,
    percent_text,
    pledge_score_text,
    pledges_sentence,
    progress_text,
    quote_language,
    score_sentence,
    shown_statuses,
    summary_sentences,
    target_text,
    with_targets,
)
from tracker.reporting import Report
from tracker.scoring import figures_of

# Characters that Markdown (or HTML inside it) would read as syntax.
_SPECIAL = re.compile(r"([\\`*_\[\]{}|#~!])")


def md(text: object) -> str:
    """User text as literal Markdown: syntax escaped, HTML neutralised, on one line."""
    value = "" if text is None else str(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    return " ".join(value.split())


def evidence_link(update: dict) -> str:
    """`date — outlet — title`, linked to the evidence when it is a web address."""
    evidence = update.get("evidence")
    if not evidence:
        return ""
    label = md(evidence_text(update))
    if linkable(evidence):
        return f"[{label}](<{evidence}>)"
    return label


def _table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _pledge_list(title: str, views: list[dict], column: str, value_of, empty: str
                 ) -> list[str]:
    lines = ["", f"## {title}", ""]
    if not views:
        return [*lines, empty]
    rows = [[f"[{v['id']}](#pledge-{v['id']})", md(value_of(v)), v["status"], md(v["text"])]
            for v in views]
    return [*lines, *_table(["#", column, "status", "pledge"], rows, right={0})]


def to_markdown(report: Report) -> str:
    lines = [f"# {md(report.title)}", ""]
    lines.append("**Dialogues covered:**" + ("" if report.dialogues else " none"))
    lines.extend(f"- {md(dialogue_line(d))}" for d in report.dialogues)
    lines += ["", f"**{md(cutoff_line(report))}**", "", "## Summary", ""]
    lines.append(md(" ".join(summary_sentences(report))))
    lines += ["", "## Headline and methods", ""]
    lines += [f"- **{md(label)}:** {md(text)}"
              for label, text in methods_lines(report, coloured=False)]
    before = None if report.baseline is None else report.baseline.summary
    lines += ["", "## Figures", ""]
    lines += [f"- {md(pledges_sentence(report))}",
              f"- Status: {md(counts_sentence(report.summary))}",
              f"- Compliance: {md(score_sentence(report.summary))}"
              + (f"; {md(no_action_sentence(report.summary))}"
                 if report.summary.no_action else "")
              + f"; since {report.since}: {md(movement_text(before, report.summary))}",
              f"- Average progress {progress_text(report.summary)} (an estimate, not a score)",
              f"- {md(changes_sentence(report))}",
              f"- {md(deadlines_sentence(report))}"]

    shown = shown_statuses(report)
    for grouping, groups in report.groups.items():
        lines += ["", f"## {GROUPING_TITLES[grouping]}", ""]
        rows = [[md(g.name), str(g.pledges), *(str(g.counts[s]) for s in shown),
                 str(g.scored), average_text(g), md(flagged_percent_text(g)),
                 md(movement_text(baseline_group(report, grouping, g.name), g)),
                 progress_text(g)]
                for g in groups]
        header = [grouping, "pledges", *shown, "scored", "average", "%",
                  f"since {report.since}", "progress"]
        lines += _table(header, rows, right=set(range(1, len(header))))

    lines += ["", "## Pledges × parties", ""]
    if report.pledges:
        rows = []
        for view in report.pledges:
            rows.append([f"[{view['id']}](#pledge-{view['id']})", md(view["text"]),
                         *(matrix_cell(view, party) for party in report.parties),
                         average_text(figures_of(view)), percent_text(figures_of(view))])
        rows.append(["", "**average**", *(average_text(g) for g in report.party_columns),
                     average_text(report.summary), percent_text(report.summary)])
        rows.append(["", "**%**", *(percent_text(g) for g in report.party_columns), "", ""])
        header = ["#", "pledge", *(md(p) for p in report.parties), "average", "%"]
        lines += _table(header, rows, right={0, *range(2, len(header))})
        lines += ["", md(MATRIX_NOTE)]
    else:
        lines.append("No pledge matches.")

    if with_targets(report):
        lines += _pledge_list("Targets (latest value against the target)", with_targets(report),
                              "value", target_text, "None.")
    lines += _pledge_list(f"Overdue (due before {report.as_of})", report.overdue, "due",
                          lambda v: v["due"], "None.")
    lines += _pledge_list(f"Due from {report.as_of} to {report.upcoming_until}",
                          report.upcoming, "due", lambda v: v["due"], "None.")
    lines += _pledge_list(f"No update since {report.stale_before} (oldest first)",
                          report.stale, "last update", report.last_activity, "None.")

    lines += ["", f"## Changes since {report.since}", ""]
    if report.changes:
        rows = [[c.date, f"[{c.pledge_id}](#pledge-{c.pledge_id})",
                 md(change_label(c.before, c.status)) + (f" ({md(c.party)})" if c.party else ""),
                 md(c.note), evidence_link(c.evidence_record)] for c in report.changes]
        lines += _table(["date", "#", "change", "note", "evidence"], rows, right={1})
    else:
        lines.append("None.")

    lines += _pledge_list("Not verifiable (listed apart, never scored)", report.unverifiable,
                          "by", lambda v: ", ".join(v["by"]), "None.")

    lines += ["", "## Appendix: pledge detail"]
    for view in report.pledges:
        lines += _pledge_section(view, report)
    return "\n".join(lines) + "\n"


def _pledge_section(view: dict, report: Report) -> list[str]:
    score = pledge_score_text(view)
    facts = [
        ("Dialogue", view["dialogue"]), ("Made by", ", ".join(view["by"])),
        ("Area", view["area"]), ("Framework", view["framework"]),
        ("Tags", ", ".join(view["tags"])), ("Due", view["due"]),
        ("Status", f"{view['status']} ({view['progress']}%), score {score}"
         + ("" if view["verifiable"] else "; not verifiable")),
    ]
    if len({s for s in view["party_status"].values()}) > 1:
        facts.append(("By party", "; ".join(f"{p}: {s}" for p, s in view["party_status"].items())))
    lines = ["", f'<a id="pledge-{view["id"]}"></a>', "", f"### {view['id']}. {md(view['text'])}",
             ""]
    lines += [f"- {name}: {md(value)}" for name, value in facts if value]
    target = target_text(view)
    if target:
        lines.append(f"- Target: {md(target)}")
    if view["quote"]:
        language = quote_language(view, report)
        lines += ["", "> " + (f"({md(language)}) " if language else "") + md(view["quote"])]
    lines += ["", "Evidence:" if view["updates"] else f"No update recorded by {report.as_of}."]
    for update in view["updates"]:
        who = f" ({md(update['party'])})" if update["party"] else ""
        link = evidence_link(update)
        note = f": {md(update['note'])}" if update["note"] else ""
        lines.append(f"- {update['date']} — {update['status']} {update['progress']}%{who}{note}"
                     + (f" — {link}" if link else ""))
    return lines
