"""The status report as one self-contained HTML page: inline CSS and SVG, no script, no network.

Every piece of user text goes through `esc` (html.escape with quotes); only
http(s) addresses become links. A Content-Security-Policy forbids scripts
and any fetch, so the page stays inert even if a value slipped through.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from html import escape

from tracker.model import STATUSES
from tracker.render.report_text import (
    GROUPING_TITLES,
    MATRIX_NOTE,
    SCORES_NOTE,
    STATUS_SHORT,
    average_text,
    change_label,
    changes_sentence,
    cutoff_line,
    dialogue_line,
    matrix_cell,
    no_action_sentence,
    percent_text,
    pledge_score_text,
    progress_text,
    score_sentence,
    shown_statuses,
)
from tracker.reporting import Report
from tracker.scoring import Group

STATUS_COLOURS = {
    "pledged": "#8d939b", "in-progress": "#1f6fbf", "partial": "#d59a00", "stalled": "#8e3fa8",
    "fulfilled": "#2e7d32", "broken": "#c62828", "superseded": "#b9bec4",
}
_URL = re.compile(r"^https?://[^\s<>\"']+$")
CHART_WIDTH = 640
LABEL_WIDTH = 190
MAX_LABEL = 28  # chart labels are cut (tables beside them show names in full)

CSS = """
:root { --ink: #1d232a; --muted: #5b6570; --line: #d5dae0; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 1040px; margin: 0 auto; padding: 24px 28px 48px; }
header { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 8px; }
h1 { font-size: 1.7em; margin: 0 0 6px; }
h2 { font-size: 1.25em; margin: 32px 0 10px; border-bottom: 1px solid var(--line);
     padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 22px 0 6px; }
.meta { color: var(--muted); margin: 2px 0; }
.kind { display: inline-block; padding: 1px 8px; border-radius: 10px; background: var(--ink);
        color: #fff; font-size: .8em; text-transform: uppercase; letter-spacing: .05em; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px;
        background: var(--band); }
.card b { display: block; font-size: 1.6em; }
.card span { color: var(--muted); font-size: .85em; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: .92em; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: inline-block; width: 90px; height: 10px; background: #e3e7eb;
       border-radius: 2px; vertical-align: middle; }
.bar i { display: block; height: 100%; border-radius: 2px; }
.status { display: inline-block; padding: 0 7px; border-radius: 9px; color: #fff;
          font-size: .85em; white-space: nowrap; }
td.none { color: var(--muted); text-align: center; }
.scroll { overflow-x: auto; }
table.matrix td.avg, table.matrix tfoot td, table.matrix tfoot th { font-weight: 600; }
table.matrix tfoot tr:first-child > * { border-top: 2px solid var(--ink); }
table.many { font-size: .8em; }
table.many th, table.many td { padding: 3px 4px; }
table.many td:nth-child(2) { min-width: 14em; }
.charts { display: grid; grid-template-columns: 1fr; gap: 8px; }
figure { margin: 6px 0 16px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg { max-width: 100%; height: auto; font-family: inherit; }
article { border-top: 1px solid var(--line); padding-top: 4px; }
blockquote { margin: 6px 0; padding: 4px 12px; border-left: 4px solid var(--line);
             color: var(--muted); font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
ul.evidence { padding-left: 20px; }
.empty { color: var(--muted); font-style: italic; }
.legend span { margin-right: 14px; white-space: nowrap; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
footer { margin-top: 40px; color: var(--muted); font-size: .85em; }
@media print {
  @page { margin: 14mm; }
  body { font-size: 10pt; max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  table, figure, article, .cards { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  ul.evidence a[href]::after { content: " <" attr(href) ">"; font-size: .8em;
                               word-break: break-all; color: var(--muted); }
  #pledges { break-before: page; }
  .scroll { overflow: visible; }
  table.many { font-size: 7pt; }
}
"""


def esc(value: object) -> str:
    """User text as HTML text or attribute value: never markup."""
    return escape("" if value is None else str(value), quote=True)


def _link(evidence: str | None) -> str:
    if not evidence:
        return ""
    if _URL.match(evidence):
        return f'<a href="{esc(evidence)}" rel="noreferrer">{esc(evidence)}</a>'
    return esc(evidence)


def _status(status: str) -> str:
    return (f'<span class="status" style="background:{STATUS_COLOURS[status]}">'
            f"{esc(status)}</span>")


def _bar(percent: float | None) -> str:
    if percent is None:
        return ""
    return (f'<span class="bar" role="img" aria-label="{percent:.0f}%">'
            f'<i style="width:{percent:.1f}%;background:{_score_colour(percent)}"></i></span>')


def _score_colour(percent: float) -> str:
    return "#2e7d32" if percent >= 67 else "#d59a00" if percent >= 34 else "#c62828"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def to_html(report: Report) -> str:
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        # No script may run and nothing may be fetched: the file is all there is.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="pledge tracker">',
        f"<title>{esc(report.title)} — as of {esc(report.as_of)}</title>",
        f"<style>{CSS}</style>", "</head>", "<body>",
        _header(report), _summary(report), _charts(report), _groups(report), _matrix(report),
        _pledge_table("deadlines-overdue", f"Overdue (due before {report.as_of})",
                      report.overdue, "due", lambda v: v["due"]),
        _pledge_table("deadlines-upcoming", f"Due from {report.as_of} to {report.upcoming_until}",
                      report.upcoming, "due", lambda v: v["due"]),
        _pledge_table("stale", f"No update since {report.stale_before}", report.stale,
                      "last update", report.last_activity),
        _changes(report),
        _pledge_table("unverifiable", "Not verifiable (listed apart, never scored)",
                      report.unverifiable, "made by", lambda v: ", ".join(v["by"])),
        _pledges(report),
        f"<footer>Generated by pledge tracker on {esc(report.generated)}. Scores follow the "
        "G7/G20 Research Group's −1/0/+1 compliance scale. "
        f"{esc(SCORES_NOTE)}"
        + (" This is a final report: stalled and pledged count −1." if report.final else "")
        + "</footer>",
        "</body>", "</html>",
    ]
    return "\n".join(parts) + "\n"


def _header(report: Report) -> str:
    dialogues = "".join(f"<li>{esc(dialogue_line(d))}</li>" for d in report.dialogues)
    return (
        f'<header id="header"><h1>{esc(report.title)}</h1>'
        f'<p class="meta"><span class="kind">{esc(report.kind)}</span> '
        f"{esc(cutoff_line(report))}</p>"
        f'<p class="meta">Dialogues covered:</p>'
        + (f'<ul class="meta dialogues">{dialogues}</ul>' if dialogues
           else '<p class="empty">none — no pledge matches</p>')
        + "</header>"
    )


def _summary(report: Report) -> str:
    total = report.summary
    cards = [
        (str(total.pledges), "pledges"
         + (f" ({total.unverifiable} not verifiable)" if total.unverifiable else "")),
        (percent_text(total), f"compliance · {average_text(total)} average"),
        (str(total.scored), "cells scored"),
        (str(total.counts["fulfilled"]), "fulfilled"),
        (str(len(report.overdue)), "overdue"),
        (str(len(report.upcoming)), f"due by {report.upcoming_until}"),
    ]
    card_html = "".join(f'<div class="card"><b>{esc(big)}</b><span>{esc(small)}</span></div>'
                        for big, small in cards)
    return (
        f'<section id="summary"><h2>Summary</h2><div class="cards">{card_html}</div>'
        f"<p>Compliance: {esc(score_sentence(total))}"
        + (f"; {esc(no_action_sentence(total))}" if total.no_action else "")
        + "; average progress "
        f"{esc(progress_text(total))}.</p>"
        f"<p>{esc(changes_sentence(report))}.</p>"
        f"<p>{len(report.stale)} open pledges have had no update since "
        f"{esc(report.stale_before)}.</p></section>"
    )


def _charts(report: Report) -> str:
    figures = [_figure("chart-status", "Status distribution", _status_chart(report.summary))]
    for grouping in ("party", "area"):
        rows = report.groups.get(grouping)
        if rows:
            figures.append(_figure(f"chart-{grouping}", f"Compliance score by {grouping}",
                                   _score_chart(rows)))
    figures.append(_figure("chart-timeline", "Timeline of updates", _timeline(report)))
    return f'<section id="charts" class="charts"><h2>Charts</h2>{"".join(figures)}</section>'


def _figure(figure_id: str, caption: str, svg: str) -> str:
    return f'<figure id="{figure_id}"><figcaption>{esc(caption)}</figcaption>{svg}</figure>'


def _svg(height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {height}" '
            f'width="{CHART_WIDTH}" height="{height}" role="img" aria-label="{esc(title)}">'
            f"<title>{esc(title)}</title>{''.join(body)}</svg>")


def _status_chart(total: Group) -> str:
    rows = [s for s in STATUSES if total.counts[s]] or ["pledged"]
    biggest = max((total.counts[s] for s in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 60
    body = []
    for index, status in enumerate(rows):
        y = 8 + index * 26
        width = total.counts[status] / biggest * span
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end" font-size="13">'
            f"{esc(status)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="18" '
            f'fill="{STATUS_COLOURS[status]}"><title>{esc(status)}: {total.counts[status]}'
            f"</title></rect>"
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 14}" font-size="13">'
            f"{total.counts[status]}</text>")
    return _svg(16 + len(rows) * 26, "Pledges by status", body)


def _score_chart(rows: list[Group]) -> str:
    """Horizontal bars of the percentage score; the dashed line marks 50% (score 0)."""
    span = CHART_WIDTH - LABEL_WIDTH - 60
    body = []
    for index, group in enumerate(rows):
        y = 24 + index * 24
        label = f'<text x="{LABEL_WIDTH - 8}" y="{y + 13}" text-anchor="end" font-size="13">' \
                f"{esc(_short(group.name))}<title>{esc(group.name)}</title></text>"
        if group.percent is None:
            body.append(label + f'<text x="{LABEL_WIDTH + 4}" y="{y + 13}" font-size="12" '
                        'fill="#5b6570">not scored</text>')
            continue
        width = group.percent / 100 * span
        body.append(
            label + f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="16" '
            f'fill="{_score_colour(group.percent)}"><title>{esc(group.name)}: '
            f"{group.percent:.0f}% ({average_text(group)}, {group.scored} scored)</title></rect>"
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 13}" font-size="12">'
            f"{group.percent:.0f}%</text>")
    height = 32 + len(rows) * 24
    axis = [f'<line x1="{LABEL_WIDTH + span / 2:.1f}" y1="16" x2="{LABEL_WIDTH + span / 2:.1f}" '
            f'y2="{height - 4}" stroke="#5b6570" stroke-dasharray="3 3"/>',
            f'<text x="{LABEL_WIDTH}" y="12" font-size="11" fill="#5b6570">0%</text>',
            f'<text x="{LABEL_WIDTH + span / 2:.1f}" y="12" font-size="11" fill="#5b6570" '
            'text-anchor="middle">50% = score 0</text>',
            f'<text x="{LABEL_WIDTH + span:.1f}" y="12" font-size="11" fill="#5b6570" '
            'text-anchor="end">100%</text>']
    return _svg(height, "Compliance score by group", axis + body)


def _month_index(day: str) -> int:
    return int(day[:4]) * 12 + int(day[5:7]) - 1


def _timeline(report: Report) -> str:
    """Updates per month, one row per status; a dot's area grows with the count."""
    counts = Counter((update["date"][:7], update["status"])
                     for view in report.pledges for update in view["updates"])
    starts = [d["date"] for d in report.dialogues]
    if not counts:
        return _svg(40, "Timeline of updates",
                    ['<text x="8" y="24" font-size="13" fill="#5b6570">'
                     "No update recorded by the cut-off.</text>"])
    first = min([_month_index(m + "-01") for m, _ in counts] + [_month_index(d) for d in starts])
    last = max(_month_index(report.as_of), first + 1)
    rows = [s for s in STATUSES if any(status == s for _, status in counts)]
    left, right, top = 100, CHART_WIDTH - 16, 26
    step = (right - left) / (last - first)
    biggest = max(counts.values())

    def x_of(month: int) -> float:
        return left + (month - first) * step

    height = top + len(rows) * 28 + 28
    body = []
    for year in range(first // 12, last // 12 + 1):
        month = year * 12
        if first <= month <= last:
            body.append(f'<line x1="{x_of(month):.1f}" y1="{top - 8}" x2="{x_of(month):.1f}" '
                        f'y2="{height - 22}" stroke="#d5dae0"/>'
                        f'<text x="{x_of(month):.1f}" y="{height - 8}" font-size="11" '
                        f'text-anchor="middle" fill="#5b6570">{year}</text>')
    for dialogue in report.dialogues:
        x = x_of(_month_index(dialogue["date"]))
        body.append(f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{height - 22}" '
                    f'stroke="#1d232a" stroke-dasharray="2 3"><title>{esc(dialogue["title"])} '
                    f"({esc(dialogue['date'])})</title></line>")
    for index, status in enumerate(rows):
        y = top + index * 28 + 10
        body.append(f'<text x="{left - 10}" y="{y + 4}" font-size="12" text-anchor="end">'
                    f"{esc(status)}</text>")
        for (month, row_status), n in sorted(counts.items()):
            if row_status != status:
                continue
            radius = 3 + 8 * math.sqrt(n / biggest)
            body.append(f'<circle cx="{x_of(_month_index(month + "-01")):.1f}" cy="{y}" '
                        f'r="{radius:.1f}" fill="{STATUS_COLOURS[status]}" fill-opacity=".8">'
                        f"<title>{esc(month)}: {n} update{'s' if n > 1 else ''} to "
                        f"{esc(status)}</title></circle>")
    x = x_of(_month_index(report.as_of))
    body.append(f'<text x="{x:.1f}" y="{top - 12}" font-size="11" text-anchor="end" '
                f'fill="#5b6570">as of {esc(report.as_of)}</text>')
    return _svg(height, "Timeline of updates by month and status", body)


def _groups(report: Report) -> str:
    shown = shown_statuses(report)
    parts = ['<section id="groups"><h2>Scores by group</h2>']
    for grouping, rows in report.groups.items():
        head = "".join(f'<th class="n">{esc(s)}</th>' for s in shown)
        body = "".join(
            f"<tr><td>{esc(g.name)}</td><td class=\"n\">{g.pledges}</td>"
            + "".join(f'<td class="n">{g.counts[s]}</td>' for s in shown)
            + f'<td class="n">{g.scored}</td><td class="n">{esc(average_text(g))}</td>'
            f'<td class="n">{esc(percent_text(g))}</td><td>{_bar(g.percent)}</td>'
            f'<td class="n">{esc(progress_text(g))}</td></tr>'
            for g in rows)
        parts.append(
            f'<h3 id="by-{grouping}">{esc(GROUPING_TITLES[grouping])}</h3>'
            f'<table class="group"><thead><tr><th>{esc(grouping)}</th><th class="n">pledges</th>'
            f'{head}<th class="n">scored</th><th class="n">average</th><th class="n">%</th>'
            f'<th>score</th><th class="n">progress</th></tr></thead><tbody>{body}</tbody>'
            "</table>")
    parts.append("</section>")
    return "".join(parts)


def _matrix(report: Report) -> str:
    if not report.pledges:
        return ('<section id="matrix"><h2>Pledges × parties</h2>'
                '<p class="empty">No pledge matches.</p></section>')
    # Many parties: short status labels (the full word in a tooltip), so the table stays
    # readable; it scrolls sideways on a narrow screen and shrinks to the page in print.
    short = len(report.parties) > WIDE_MATRIX
    head = "".join(f'<th class="n">{esc(p)}</th>' for p in report.parties)
    rows = []
    for view in report.pledges:
        cells = "".join(_matrix_cell(view, party, short=short) for party in report.parties)
        rows.append(f'<tr><td class="n"><a href="#pledge-{view["id"]}">{view["id"]}</a></td>'
                    f"<td>{esc(view['text'])}</td>{cells}"
                    f'<td class="n avg">{esc(average_text(view["figures"]))}</td>'
                    f'<td class="n avg">{esc(percent_text(view["figures"]))}</td></tr>')
    averages = "".join(f'<td class="n">{esc(average_text(g))}</td>'
                       for g in report.party_columns)
    percents = "".join(f'<td class="n">{esc(percent_text(g))}</td>'
                       for g in report.party_columns)
    foot = (f'<tr><td></td><th>average</th>{averages}'
            f'<td class="n avg">{esc(average_text(report.summary))}</td>'
            f'<td class="n avg">{esc(percent_text(report.summary))}</td></tr>'
            f"<tr><td></td><th>%</th>{percents}<td></td><td></td></tr>")
    legend = "".join(f'<span><i style="background:{STATUS_COLOURS[s]}"></i>{esc(s)}'
                     + (f" ({esc(STATUS_SHORT[s])})" if short else "") + "</span>"
                     for s in STATUSES)
    return (f'<section id="matrix"><h2>Pledges × parties</h2><p class="legend">{legend}</p>'
            f'<div class="scroll"><table class="matrix{" many" if short else ""}"><thead><tr>'
            f'<th class="n">#</th><th>pledge</th>{head}<th class="n">average</th>'
            f'<th class="n">%</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            f"<tfoot>{foot}</tfoot></table></div>"
            f'<p class="legend">{esc(MATRIX_NOTE)}</p></section>')


WIDE_MATRIX = 6  # more parties than this: short status labels in the matrix


def _matrix_cell(view: dict, party: str, *, short: bool) -> str:
    shown = matrix_cell(view, party)
    if shown not in STATUS_COLOURS:
        return f'<td class="none">{esc(shown)}</td>'
    if short:
        return (f'<td><span class="status" style="background:{STATUS_COLOURS[shown]}" '
                f'title="{esc(shown)}">{esc(STATUS_SHORT[shown])}</span></td>')
    return f"<td>{_status(shown)}</td>"


def _pledge_table(section_id: str, title: str, views: list[dict], column: str, value_of
                  ) -> str:
    if not views:
        return (f'<section id="{section_id}"><h2>{esc(title)}</h2>'
                '<p class="empty">None.</p></section>')
    rows = "".join(
        f'<tr><td class="n"><a href="#pledge-{v["id"]}">{v["id"]}</a></td>'
        f"<td>{esc(value_of(v))}</td><td>{_status(v['status'])}</td><td>{esc(v['text'])}</td>"
        "</tr>" for v in views)
    return (f'<section id="{section_id}"><h2>{esc(title)}</h2><table><thead><tr>'
            f'<th class="n">#</th><th>{esc(column)}</th><th>status</th><th>pledge</th></tr>'
            f"</thead><tbody>{rows}</tbody></table></section>")


def _changes(report: Report) -> str:
    title = f"Changes since {report.since}"
    if not report.changes:
        return f'<section id="changes"><h2>{esc(title)}</h2><p class="empty">None.</p></section>'
    rows = "".join(
        f'<tr><td class="n">{esc(c.date)}</td>'
        f'<td class="n"><a href="#pledge-{c.pledge_id}">{c.pledge_id}</a></td>'
        f"<td>{esc(change_label(c.before, c.status))}"
        + (f" ({esc(c.party)})" if c.party else "")
        + f"</td><td>{esc(c.note)}</td><td>{_link(c.evidence)}</td></tr>"
        for c in report.changes)
    return (f'<section id="changes"><h2>{esc(title)}</h2><table><thead><tr><th>date</th>'
            '<th class="n">#</th><th>change</th><th>note</th><th>evidence</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></section>")


def _pledges(report: Report) -> str:
    articles = [_pledge_article(view, report) for view in report.pledges]
    return ('<section id="pledges"><h2>Pledges</h2>'
            + ("".join(articles) or '<p class="empty">No pledge matches.</p>') + "</section>")


def _pledge_article(view: dict, report: Report) -> str:
    score = pledge_score_text(view)
    facts = [
        ("Dialogue", view["dialogue"]), ("Made by", ", ".join(view["by"])),
        ("Area", view["area"]), ("Framework", view["framework"]),
        ("Tags", ", ".join(view["tags"])), ("Due", view["due"]),
    ]
    fact_html = "".join(f"<dt>{esc(name)}</dt><dd>{esc(value)}</dd>"
                        for name, value in facts if value)
    status_html = (f"{_status(view['status'])} {view['progress']}% · score {esc(score)}"
                   + ("" if view["verifiable"] else " · not verifiable"))
    if len(set(view["party_status"].values())) > 1:
        status_html += " · " + "; ".join(f"{esc(p)}: {_status(s)}"
                                         for p, s in view["party_status"].items())
    fact_html += f"<dt>Status</dt><dd>{status_html}</dd>"
    quote = f"<blockquote>{esc(view['quote'])}</blockquote>" if view["quote"] else ""
    if view["updates"]:
        items = "".join(
            f"<li><b>{esc(u['date'])}</b> {_status(u['status'])} {u['progress']}%"
            + (f" ({esc(u['party'])})" if u["party"] else "")
            + (f" — {esc(u['note'])}" if u["note"] else "")
            + (f" — {_link(u['evidence'])}" if u["evidence"] else "") + "</li>"
            for u in view["updates"])
        evidence = f'<ul class="evidence">{items}</ul>'
    else:
        evidence = f'<p class="empty">No update recorded by {esc(report.as_of)}.</p>'
    return (f'<article id="pledge-{view["id"]}"><h3>{view["id"]}. {esc(view["text"])}</h3>'
            f'{quote}<dl class="facts">{fact_html}</dl>{evidence}</article>')
