"""`tracker add`: record a pledge made at a dialogue."""

from typing import Annotated

import typer

from tracker.cli.common import writing
from tracker.cli.terminal import terminal


def add(
    text: Annotated[str, typer.Argument(
        metavar="TEXT", help="The commitment, in your words.")],
    dialogue: Annotated[str, typer.Option(
        "--dialogue", "-d", metavar="ID", help="The dialogue it was made at.")],
    by: Annotated[list[str] | None, typer.Option(
        "--by", metavar="PARTY",
        help="Who made it (repeatable). Default: every party of the dialogue.")] = None,
    area: Annotated[str | None, typer.Option(
        "--area", metavar="AREA", help="Issue area, e.g. trade, connectivity, security.")] = None,
    framework: Annotated[str | None, typer.Option(
        "--framework", metavar="NAME", help="Umbrella it falls under, e.g. BRI, SCO, UN.")] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", metavar="TAG", help="A free label (repeatable).")] = None,
    due: Annotated[str | None, typer.Option(
        "--due", metavar="DATE", help="Deadline, e.g. 2025-06-30, 'Q3 2027', fin-2025.")] = None,
    quote: Annotated[str | None, typer.Option(
        "--quote", metavar="TEXT", help="The clause as the source words it (short).")] = None,
    verifiable: Annotated[bool, typer.Option(
        "--verifiable/--not-verifiable",
        help="--not-verifiable for statements too vague to test (never scored).")] = True,
    target: Annotated[str | None, typer.Option(
        "--target", metavar="NUMBER",
        help="A numeric target the pledge is measured against, e.g. 82.")] = None,
    unit: Annotated[str | None, typer.Option(
        "--unit", metavar="UNIT", help="The target's unit, e.g. 'USD bn'.")] = None,
) -> None:
    """Record a pledge; prints its id alone on stdout.

    \b
    Examples:
      tracker add "Expand trade under the BRI" --dialogue cn-kz-fmsd-2024 \\
        --by China --area trade --framework BRI --due 2025-12-31
      id=$(tracker add "Hold the next dialogue in Almaty" -d cn-kz-fmsd-2024)
      tracker add "Double two-way trade" -d cn-kz-fmsd-2024 --target 82 \\
        --unit "USD bn"
    """
    from tracker.actions import create_pledge
    from tracker.cli.terminal import brief
    from tracker.dates import parse_date

    due_iso = parse_date(due, deadline=True).isoformat() if due else None
    with writing("add", lazy=True) as store:
        pledge = create_pledge(store, {
            "text": text, "quote": quote, "by": by or [], "area": area,
            "framework": framework, "tags": tag or [], "due": due_iso,
            "verifiable": verifiable, "updates": [], "target": target, "unit": unit,
        }, dialogue)
        pledge_id = pledge["id"]
        store.command = f"add {pledge_id}"
    terminal.write(f"{pledge_id}\n")
    terminal.message(f"Recorded pledge {pledge_id} ({', '.join(pledge['by'])}): "
                     f"{brief(pledge['text'])}")
