"""The status report as one self-contained HTML page: inline CSS and SVG, no script, no network.

Every piece of user text goes through `esc` (html.escape with quotes); only
http(s) addresses become links. A Content-Security-Policy forbids scripts
and any fetch, so the page stays inert even if a value slipped through.
"""

from __future__ import annotations

from datetime import date
from html import escape

from tracker.model import STATUSES
from tracker.render.report_text import (
    GROUPING_TITLES,
    MATRIX_NOTE,
    STATUS_SHORT,
    average_text,
    baseline_group,
    change_label,
    changes_sentence,
    cutoff_line,
    deadlines_sentence,
    dialogue_line,
    evidence_text,
    flagged_percent_text,
    is_compliant_side,
    linkable,
    matrix_cell,
    methods_lines,
    movement_text,
    no_action_sentence,
    percent_text,
    pledge_score_text,
    progress_text,
    quote_language,
    score_sentence,
    shown_statuses,
    summary_sentences,
    target_text,
    whole_percent,
    with_targets,
)
from tracker.reporting import Report
from tracker.scoring import Group, figures_of

STATUS_COLOURS = {
    "pledged": "#8d939b", "in-progress": "#1f6fbf", "partial": "#d59a00", "stalled": "#8e3fa8",
    "fulfilled": "#2e7d32", "broken": "#c62828", "superseded": "#b9bec4",
}
COMPLIANT, NONCOMPLIANT = "#2e7d32", "#c62828"  # either side of the one threshold
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
h2 { font-size: 1.25em; margin: 28px 0 10px; border-bottom: 1px solid var(--line);
     padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 22px 0 6px; }
.meta { color: var(--muted); margin: 2px 0; }
.kind { display: inline-block; padding: 1px 8px; border-radius: 10px; background: var(--ink);
        color: #fff; font-size: .8em; text-transform: uppercase; letter-spacing: .05em; }
p.lead { font-size: 1.08em; margin: 4px 0; }
.methods { border: 1px solid var(--line); border-radius: 8px; padding: 2px 16px 10px;
           background: var(--band); }
.methods h2 { border: 0; margin-top: 10px; }
p.headline { font-weight: 600; margin: 0 0 8px; }
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
.lang { font-style: normal; font-size: .75em; border: 1px solid var(--line); border-radius: 4px;
        padding: 0 4px; text-transform: uppercase; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
ul.evidence { padding-left: 20px; }
.empty { color: var(--muted); font-style: italic; }
.legend span { margin-right: 14px; white-space: nowrap; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
footer { margin-top: 40px; color: var(--muted); font-size: .85em; }
@media print {
  /* No page size: the printer's A4 or Letter, with margins that suit both. */
  @page { margin: 14mm 13mm; }
  body { font-size: 9.5pt; max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  /* Headings stay with what follows; long tables may run on, a row never splits. */
  h2, h3, figcaption { break-after: avoid; }
  table.group, figure, article, .cards, .methods, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  /* The averages row closes the matrix once, not at the foot of every page. */
  tfoot { display: table-row-group; }
  h2 { margin: 14px 0 6px; }
  h3 { margin: 10px 0 4px; }
  p.lead { font-size: 1em; }
  .cards { gap: 6px; }
  .card { padding: 3px 8px; min-width: 0; flex: 1; }
  .card b { font-size: 1.2em; }
  .charts { grid-template-columns: 1fr 1fr; gap: 0 16px; }
  .charts h2, #chart-score-time { grid-column: 1 / -1; }
  figure { margin: 2px 0 8px; }
  /* The changes keep their notes; each one's source is in the appendix. */
  #changes th:nth-child(5), #changes td:nth-child(5) { display: none; }
  a { color: inherit; text-decoration: none; }
  /* A link is printed once: in the appendix, after its title. */
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


def _link(update: dict) -> str:
    """`date — outlet — title`, a link when the evidence is a web address."""
    evidence = update.get("evidence")
    if not evidence:
        return ""
    label = esc(evidence_text(update))
    if linkable(evidence):
        return f'<a href="{esc(evidence)}" rel="noreferrer">{label}</a>'
    return label


def _status(status: str) -> str:
    return (f'<span class="status" style="background:{STATUS_COLOURS[status]}">'
            f"{esc(status)}</span>")


def _bar(percent: float | None) -> str:
    if percent is None:
        return ""
    return (f'<span class="bar" role="img" aria-label="{percent:.0f}%">'
            f'<i style="width:{percent:.1f}%;background:{_score_colour(percent)}"></i></span>')


def _score_colour(percent: float) -> str:
    return COMPLIANT if is_compliant_side(percent) else NONCOMPLIANT


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
        _header(report), _narrative(report), _methods(report), _summary(report),
        _charts(report), _groups(report), _matrix(report),
        (_pledge_table("targets", "Targets (latest value against the target)",
                       with_targets(report), "value", target_text)
         if with_targets(report) else ""),
        _pledge_table("deadlines-overdue", f"Overdue (due before {report.as_of})",
                      report.overdue, "due", lambda v: v["due"]),
        _pledge_table("deadlines-upcoming", f"Due from {report.as_of} to {report.upcoming_until}",
                      report.upcoming, "due", lambda v: v["due"]),
        _pledge_table("stale", f"No update since {report.stale_before} (oldest first)",
                      report.stale, "last update", report.last_activity),
        _changes(report),
        _pledge_table("unverifiable", "Not verifiable (listed apart, never scored)",
                      report.unverifiable, "made by", lambda v: ", ".join(v["by"])),
        _pledges(report),
        f"<footer>Generated by pledge tracker on {esc(report.generated)}.</footer>",
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


def _narrative(report: Report) -> str:
    return (f'<section id="narrative"><h2>Summary</h2>'
            f"<p class=\"lead\">{esc(' '.join(summary_sentences(report)))}</p></section>")


def _methods(report: Report) -> str:
    lines = methods_lines(report)
    headline = f'<p class="headline">{esc(lines[0][1])}</p>'
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(text)}</dd>" for label, text in lines[1:])
    return (f'<section id="methods" class="methods"><h2>Headline and methods</h2>{headline}'
            f'<dl class="facts">{rows}</dl></section>')


def _summary(report: Report) -> str:
    total = report.summary
    before = None if report.baseline is None else report.baseline.summary
    undated = sum(1 for view in report.pledges if not view["due"])
    cards = [
        (percent_text(total), f"compliance · {average_text(total)} average over "
                              f"{total.scored} scored"),
        (movement_text(before, total), f"since {report.since}"),
        (str(total.pledges), "pledges"
         + (f" ({total.unverifiable} not verifiable)" if total.unverifiable else "")),
        (str(total.counts["fulfilled"]), "fulfilled"),
        (str(len(report.overdue)), "overdue"),
        (f"{undated} of {total.pledges}", "with no deadline"),
    ]
    card_html = "".join(f'<div class="card"><b>{esc(big)}</b><span>{esc(small)}</span></div>'
                        for big, small in cards)
    return (
        f'<section id="summary"><h2>Figures</h2><div class="cards">{card_html}</div>'
        f"<p>Compliance: {esc(score_sentence(total))}"
        + (f"; {esc(no_action_sentence(total))}" if total.no_action else "")
        + f". Average progress {esc(progress_text(total))} (an estimate, not a score).</p>"
        f"<p>{esc(changes_sentence(report))}.</p>"
        f"<p>{esc(deadlines_sentence(report))}.</p></section>"
    )


def _charts(report: Report) -> str:
    verifiable = [v for v in report.pledges if v["verifiable"]]
    counts = {status: sum(1 for v in verifiable if v["status"] == status) for status in STATUSES}
    figures = [_figure("chart-score-time", "Compliance over time (after each dated update)",
                       _score_over_time(report)),
               _figure("chart-status", f"Status of the {len(verifiable)} verifiable pledges",
                       _status_chart(counts))]
    for grouping in ("party", "area"):
        rows = report.groups.get(grouping)
        if rows:
            figures.append(_figure(f"chart-{grouping}", f"Compliance score by {grouping}",
                                   _score_chart(rows)))
    return f'<section id="charts" class="charts"><h2>Charts</h2>{"".join(figures)}</section>'


def _figure(figure_id: str, caption: str, svg: str) -> str:
    return f'<figure id="{figure_id}"><figcaption>{esc(caption)}</figcaption>{svg}</figure>'


def _svg(height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {height}" '
            f'width="{CHART_WIDTH}" height="{height}" role="img" aria-label="{esc(title)}">'
            f"<title>{esc(title)}</title>{''.join(body)}</svg>")


def _status_chart(counts: dict[str, int]) -> str:
    rows = [s for s in STATUSES if counts[s]] or ["pledged"]
    biggest = max((counts[s] for s in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 60
    body = []
    for index, status in enumerate(rows):
        y = 8 + index * 26
        width = counts[status] / biggest * span
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end" font-size="13">'
            f"{esc(status)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="18" '
            f'fill="{STATUS_COLOURS[status]}"><title>{esc(status)}: {counts[status]}'
            f"</title></rect>"
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 14}" font-size="13">'
            f"{counts[status]}</text>")
    return _svg(16 + len(rows) * 26, "Verifiable pledges by status", body)


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
            f"{esc(percent_text(group))} ({average_text(group)}, {group.scored} scored)"
            f"</title></rect>"
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 13}" font-size="12">'
            f"{esc(flagged_percent_text(group))}</text>")
    height = 32 + len(rows) * 24
    axis = [f'<line x1="{LABEL_WIDTH + span / 2:.1f}" y1="16" x2="{LABEL_WIDTH + span / 2:.1f}" '
            f'y2="{height - 4}" stroke="#5b6570" stroke-dasharray="3 3"/>',
            f'<text x="{LABEL_WIDTH}" y="12" font-size="11" fill="#5b6570">0%</text>',
            f'<text x="{LABEL_WIDTH + span / 2:.1f}" y="12" font-size="11" fill="#5b6570" '
            'text-anchor="middle">50% = score 0</text>',
            f'<text x="{LABEL_WIDTH + span:.1f}" y="12" font-size="11" fill="#5b6570" '
            'text-anchor="end">100%</text>']
    return _svg(height, "Compliance score by group", axis + body)


def _day_number(day: str) -> int:
    return date.fromisoformat(day).toordinal()


def _dialogue_label(dialogue: dict) -> str:
    """A chart label: `Beijing dialogue, 2024-03-29` (the title when no place is known)."""
    name = f"{dialogue['place']} dialogue" if dialogue.get("place") else _short(dialogue["title"])
    return f"{name}, {dialogue['date']}"


def _score_over_time(report: Report) -> str:
    """Overall compliance after each update date, a step line; dialogues marked and named."""
    points = [(day, percent) for day, percent in report.series if percent is not None]
    if not points:
        return _svg(40, "Compliance over time",
                    ['<text x="8" y="24" font-size="13" fill="#5b6570">'
                     "No pledge scored by the cut-off.</text>"])
    starts = [d["date"] for d in report.dialogues]
    first = min([_day_number(points[0][0])] + [_day_number(d) for d in starts])
    last = max(_day_number(report.as_of), first + 1)
    if last > date.max.toordinal():  # everything on the calendar's last day: widen back
        first, last = date.max.toordinal() - 1, date.max.toordinal()
    left, right, top, bottom = 48, CHART_WIDTH - 16, 40, 190
    height = bottom + 26

    def x_of(day: str) -> float:
        return left + (_day_number(day) - first) / (last - first) * (right - left)

    def y_of(percent: float) -> float:
        return bottom - percent / 100 * (bottom - top)

    body = []
    for level in (0, 50, 100):
        body.append(f'<line x1="{left}" y1="{y_of(level):.1f}" x2="{right}" '
                    f'y2="{y_of(level):.1f}" stroke="#d5dae0"'
                    + (' stroke-dasharray="3 3"' if level == 50 else "") + "/>"
                    f'<text x="{left - 6}" y="{y_of(level) + 4:.1f}" font-size="11" '
                    f'text-anchor="end" fill="#5b6570">{level}%</text>')
    for year in range(date.fromordinal(first).year + 1, date.fromordinal(last).year + 1):
        x = x_of(f"{year:04d}-01-01")  # ISO years have four digits, year 2 too
        body.append(f'<text x="{x:.1f}" y="{height - 6}" font-size="11" '
                    f'text-anchor="middle" fill="#5b6570">{year}</text>'
                    f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 5}" '
                    'stroke="#5b6570"/>')
    for index, dialogue in enumerate(report.dialogues):
        x = x_of(dialogue["date"])
        anchor = "start" if x < (left + right) / 2 else "end"
        shift = 4 if anchor == "start" else -4
        body.append(f'<line x1="{x:.1f}" y1="{top - 22 + (index % 2) * 12}" x2="{x:.1f}" '
                    f'y2="{bottom}" stroke="#1d232a" stroke-dasharray="2 3"/>'
                    f'<text x="{x + shift:.1f}" y="{top - 14 + (index % 2) * 12}" '
                    f'font-size="11" text-anchor="{anchor}">'
                    f"{esc(_dialogue_label(dialogue))}</text>")
    steps = []
    for index, (day, percent) in enumerate(points):
        if index:
            steps.append(f"{x_of(day):.1f},{y_of(points[index - 1][1]):.1f}")
        steps.append(f"{x_of(day):.1f},{y_of(percent):.1f}")
    steps.append(f"{x_of(report.as_of):.1f},{y_of(points[-1][1]):.1f}")
    body.append(f'<polyline points="{" ".join(steps)}" fill="none" stroke="#1f6fbf" '
                'stroke-width="2"/>')
    for day, percent in points:
        body.append(f'<circle cx="{x_of(day):.1f}" cy="{y_of(percent):.1f}" r="3" '
                    f'fill="{_score_colour(percent)}"><title>{esc(day)}: '
                    f"{esc(whole_percent(percent))}</title></circle>")
    day, percent = points[-1]
    body.append(f'<text x="{right:.1f}" y="{y_of(percent) - 8:.1f}" font-size="12" '
                f'text-anchor="end" font-weight="600">{esc(whole_percent(percent))} on '
                f"{esc(report.as_of)}</text>")
    return _svg(height, "Compliance over time, with the dialogues marked", body)


def _groups(report: Report) -> str:
    shown = shown_statuses(report)
    parts = ['<section id="groups"><h2>Scores by group</h2>']
    for grouping, rows in report.groups.items():
        head = "".join(f'<th class="n">{esc(s)}</th>' for s in shown)
        body = "".join(
            f"<tr><td>{esc(g.name)}</td><td class=\"n\">{g.pledges}</td>"
            + "".join(f'<td class="n">{g.counts[s]}</td>' for s in shown)
            + f'<td class="n">{g.scored}</td><td class="n">{esc(average_text(g))}</td>'
            f'<td class="n">{esc(flagged_percent_text(g))}</td><td>{_bar(g.percent)}</td>'
            f'<td class="n">'
            f"{esc(movement_text(baseline_group(report, grouping, g.name), g))}</td>"
            f'<td class="n">{esc(progress_text(g))}</td></tr>'
            for g in rows)
        parts.append(
            f'<h3 id="by-{grouping}">{esc(GROUPING_TITLES[grouping])}</h3>'
            f'<table class="group"><thead><tr><th>{esc(grouping)}</th><th class="n">pledges</th>'
            f'{head}<th class="n">scored</th><th class="n">average</th><th class="n">%</th>'
            f'<th>score</th><th class="n">since {esc(report.since)}</th>'
            f'<th class="n">progress</th></tr></thead><tbody>{body}</tbody></table>')
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
                    f'<td class="n avg">{esc(average_text(figures_of(view)))}</td>'
                    f'<td class="n avg">{esc(percent_text(figures_of(view)))}</td></tr>')
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
    return (f'<section id="matrix"><h2>Pledges × parties</h2>'
            f'<div class="scroll"><table class="matrix{" many" if short else ""}"><thead><tr>'
            f'<th class="n">#</th><th>pledge</th>{head}<th class="n">average</th>'
            f'<th class="n">%</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            f"<tfoot>{foot}</tfoot></table></div><p class=\"legend\">{legend}</p>"
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
        + f"</td><td>{esc(c.note)}</td><td>{_link(c.evidence_record)}</td></tr>"
        for c in report.changes)
    return (f'<section id="changes"><h2>{esc(title)}</h2><table><thead><tr><th>date</th>'
            '<th class="n">#</th><th>change</th><th>note</th><th>evidence</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></section>")


def _pledges(report: Report) -> str:
    articles = [_pledge_article(view, report) for view in report.pledges]
    return ('<section id="pledges"><h2>Appendix: pledge detail</h2>'
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
    target = target_text(view)
    if target:
        fact_html += f"<dt>Target</dt><dd>{esc(target)}</dd>"
    language = quote_language(view, report)
    quote = ""
    if view["quote"]:
        label = f'<span class="lang">{esc(language)}</span> ' if language else ""
        lang = f' lang="{esc(language)}"' if language else ""
        quote = f"<blockquote{lang}>{label}{esc(view['quote'])}</blockquote>"
    if view["updates"]:
        items = "".join(
            f"<li><b>{esc(u['date'])}</b> {_status(u['status'])} {u['progress']}%"
            + (f" ({esc(u['party'])})" if u["party"] else "")
            + (f" — {esc(u['note'])}" if u["note"] else "")
            + (f" — {_link(u)}" if u["evidence"] else "") + "</li>"
            for u in view["updates"])
        evidence = f'<ul class="evidence">{items}</ul>'
    else:
        evidence = f'<p class="empty">No update recorded by {esc(report.as_of)}.</p>'
    return (f'<article id="pledge-{view["id"]}"><h3>{view["id"]}. {esc(view["text"])}</h3>'
            f'{quote}<dl class="facts">{fact_html}</dl>{evidence}</article>')
