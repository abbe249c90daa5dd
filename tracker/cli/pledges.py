"""How pledges look in list-like output: the columns and one row per pledge."""

PLEDGE_COLUMNS = ("id", "status", "progress", "due", "dialogue", "by", "area", "framework",
                  "text")


def pledge_row(pledge: dict) -> list:
    return [pledge["id"], pledge["status"], pledge["progress"], pledge["due"],
            pledge["dialogue"], pledge["by"], pledge["area"], pledge["framework"],
            pledge["text"]]
