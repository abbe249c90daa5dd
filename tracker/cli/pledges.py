"""How pledges look in list-like output: the columns and one row per pledge."""

PLEDGE_COLUMNS = ("id", "status", "progress", "due", "dialogue", "by", "area", "framework",
                  "text")


def pledge_row(pledge: dict) -> list:
    return [pledge["id"], pledge["status"], pledge["progress"], pledge["due"],
            pledge["dialogue"], pledge["by"], pledge["area"], pledge["framework"],
            pledge["text"]]


# Terminal columns after id, status and text, most useful first; each is shown only while
# the text keeps TEXT_ROOM characters a line, so a narrow terminal still reads well.
OPTIONAL_COLUMNS = ("due", "by", "%", "area", "dialogue")
TEXT_ROOM = 32
_CAPS = {"by": 14, "area": 16, "dialogue": 16}


def _cell(pledge: dict, column: str) -> object:
    if column == "%":
        return f"{pledge['progress']}%"
    if column == "by":
        return ", ".join(pledge["by"])
    return pledge[column]


def table_layout(pledges: list[dict], width: int) -> tuple[list[str], list[list]]:
    """Columns and rows for a terminal table `width` characters wide."""
    def needed(column: str) -> int:
        longest = max((len(str(_cell(p, column) or "")) for p in pledges), default=0)
        return min(max(longest, len(column)), _CAPS.get(column, 99)) + 2

    used = needed("id") + needed("status") + TEXT_ROOM
    shown = set()
    for column in OPTIONAL_COLUMNS:
        if column == "dialogue" and len({p["dialogue"] for p in pledges}) <= 1:
            continue
        if used + needed(column) <= width:
            used += needed(column)
            shown.add(column)
    columns = ["id", "status", *(c for c in ("%", "due", "dialogue", "by", "area")
                                 if c in shown), "text"]
    return columns, [[_cell(p, c) for c in columns] for p in pledges]
