#!/usr/bin/env bash
# Make the README pictures from the sample data: the terminal report and the HTML report.
#
# Needs the tracker installed in $PYTHON's environment and Debian's `chromium`
# (apt-get install chromium). Writes docs/report-terminal.png, docs/report-html.png
# and docs/sample-report.html. Run from anywhere: docs/make_screenshots.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
PYTHON="${PYTHON:-$repo/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then
    echo "error: chromium not found; install it (apt-get install chromium) or set CHROMIUM" >&2
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A pinned "today" and database keep the pictures reproducible and the user's data untouched.
export TRACKER_DB="$work/tracker.json" TRACKER_TODAY=2026-01-15
"$PYTHON" -m tracker import "$repo/sample_data/cn-kz-strategic-dialogue.json" >/dev/null 2>&1

shoot() {  # shoot URL PNG WIDTH HEIGHT
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$work/profile" --screenshot="$2" --window-size="$3,$4" "$1" \
        >/dev/null 2>&1
}

# The terminal report as a coloured 80-column terminal shows it, recorded by rich as SVG.
"$PYTHON" - "$work/terminal.svg" <<'PY'
import sys

from rich.console import Console

from tracker.cli.common import open_store
from tracker.dates import today
from tracker.render.report_table import print_report
from tracker.reporting import build_report

store = open_store()
report = build_report(store.pledges(), store.dialogues(), as_of=today(),
                      generated="2026-01-15T09:00:00Z")
console = Console(record=True, width=80, force_terminal=True, color_system="truecolor",
                  markup=False, file=open("/dev/null", "w"))
print_report(console, report, plain=False)
console.save_svg(sys.argv[1], title="tracker report")
PY
# Wrap the SVG in a page so that it is drawn at its natural size on a dark background.
printf '<!DOCTYPE html><html><body style="margin:0;background:#1e1e1e"><img src="terminal.svg" style="display:block"></body></html>' \
    > "$work/terminal.html"
shoot "file://$work/terminal.html" "$here/report-terminal.png" 1000 2150

"$PYTHON" -m tracker report --title "China–Kazakhstan pledges: status report" \
    --output "$here/sample-report.html" 2>/dev/null
chmod 644 "$here/sample-report.html"
shoot "file://$here/sample-report.html" "$here/report-html.png" 1100 1800

echo "wrote $here/report-terminal.png, $here/report-html.png and $here/sample-report.html"
