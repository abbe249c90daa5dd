"""The HTML report: its sections and SVG charts, escaping of user text, and a real browser."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest

HOSTILE = "<script>alert(1)</script>"


class Outline(HTMLParser):
    """Collects what a test needs to see: tags with attributes, ids, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.open_svgs = 0
        self.svg_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "svg":
            self.open_svgs += 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self.open_svgs -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self.open_svgs:
            self.svg_text.append(data)

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(html: str) -> Outline:
    outline = Outline()
    outline.feed(html)
    outline.close()
    return outline


def html_report(run, *args: str) -> str:
    return run("report", "--format", "html", *args, ok=True).stdout


def test_sample_html_has_every_section_and_chart(run, sample_db):
    page = parse(html_report(run))
    for section in ("header", "narrative", "methods", "summary", "charts", "groups", "matrix",
                    "deadlines-overdue",
                    "deadlines-upcoming", "stale", "changes", "unverifiable", "pledges"):
        assert section in page.ids, section
    for chart in ("chart-status", "chart-party", "chart-area", "chart-score-time"):
        assert chart in page.ids, chart
    svgs = page.all("svg")
    assert len(svgs) == 4 and all(svg.get("role") == "img" for svg in svgs)
    assert len(page.all("circle")) > 0  # the score line has a dot per update date
    assert {f"pledge-{n}" for n in range(1, 22)} <= page.ids
    text = " ".join(page.text)
    assert "First China–Kazakhstan Foreign Ministers' Strategic Dialogue" in text
    assert "+0.35 average over 17 scored cells (68%)" in text
    assert "China" in " ".join(page.svg_text) and "multilateral" in " ".join(page.svg_text)
    # Print stylesheet present; the matrix colours each status cell.
    styles = " ".join(page.text)
    assert "@media print" in styles
    assert any("background:#2e7d32" in (attrs.get("style") or "")
               for attrs in page.all("span"))


def test_html_is_self_contained(run, sample_db):
    html = html_report(run)
    page = parse(html)
    assert not page.all("script") and not page.all("link") and not page.all("img")
    assert not page.all("iframe") and not page.all("object")
    assert "url(" not in html and "@import" not in html
    csp = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    # The only outward references are evidence links a reader may click.
    for anchor in page.all("a"):
        href = anchor["href"]
        assert href.startswith(("#pledge-", "https://", "http://")), href
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)


def test_user_text_is_escaped_everywhere(run, db):
    run("dialogue", "add", "Talks <b>bold</b> & co", "--date", "2025-01-10", "--party",
        "<i>Alpha</i>", "--party", "Beta\" onload=\"x", "--id", "t", ok=True)
    pledge_id = run("add", HOSTILE, "-d", "t", "--area", "<svg onload=alert(2)>",
                    "--framework", "</style><script>alert(3)</script>",
                    "--quote", "\"><img src=x onerror=alert(4)>", "--tag", "<u>t</u>",
                    ok=True).stdout.strip()
    run("mark", pledge_id, "--status", "in-progress", "--date", "2025-02-01",
        "--note", "<iframe src=//evil></iframe>", "--evidence", "javascript:alert(5)", ok=True)
    run("mark", pledge_id, "--status", "broken", "--date", "2025-03-01", "--party",
        "<i>Alpha</i>", "--evidence", "https://example.org/\"><script>x</script>", ok=True)
    html = html_report(run)
    page = parse(html)
    assert not page.all("script") and not page.all("img") and not page.all("iframe")
    assert [attrs for attrs in page.all("svg") if "onload" in attrs] == []
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert not any((a.get("href") or "").startswith("javascript") for a in page.all("a"))
    text = "".join(page.text)
    for literal in (HOSTILE, "<svg onload=alert(2)>", "Talks <b>bold</b> & co",
                    "\"><img src=x onerror=alert(4)>", "<iframe src=//evil></iframe>",
                    "javascript:alert(5)", "<i>Alpha</i>"):
        assert literal in text, literal
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The same text in Markdown is shown, not run.
    markdown = run("report", "--format", "markdown", ok=True).stdout
    assert "<script>" not in markdown and "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    assert "](javascript" not in markdown and "(<javascript" not in markdown


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(chromium() is None,
                    reason="headless Chromium is not installed (Debian: apt-get install "
                           "chromium); it is needed to check the HTML report renders")
def test_html_report_renders_in_headless_chromium(run, sample_db, tmp_path):
    page = tmp_path / "report.html"
    run("report", "--output", page, ok=True)
    shot = tmp_path / "report.png"
    pdf = tmp_path / "report.pdf"
    base = [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--no-pdf-header-footer"]
    with tempfile.TemporaryDirectory() as profile:
        flags = [*base, f"--user-data-dir={profile}"]
        dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True,
                             text=True, timeout=120)
        subprocess.run([*flags, f"--screenshot={shot}", "--window-size=1100,1400",
                        page.as_uri()], capture_output=True, timeout=120)
        subprocess.run([*flags, f"--print-to-pdf={pdf}", page.as_uri()],
                       capture_output=True, timeout=120)
    rendered = parse(dom.stdout)
    assert "summary" in rendered.ids and "pledges" in rendered.ids
    assert len(rendered.all("svg")) == 4
    assert "Pledge status report" in " ".join(rendered.text)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


def test_empty_report_is_still_a_whole_page(run, db):
    page = parse(html_report(run))
    assert {"summary", "charts", "matrix", "pledges"} <= page.ids
    assert "No pledge matches." in " ".join(page.text)


def test_timeline_marks_each_dialogue(run, sample_db):
    page = parse(html_report(run))
    svg_text = " ".join(page.svg_text)
    # Named in the chart itself, not only in a tooltip.
    assert "Beijing dialogue, 2024-03-29" in page.svg_text
    assert "Almaty dialogue, 2025-04-25" in page.svg_text
    assert "68% on 2026-01-15" in svg_text
