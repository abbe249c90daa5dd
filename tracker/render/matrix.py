"""`export --format matrix`: the wide score sheet that `tracker assess` reads back."""

from __future__ import annotations

from tracker.assess import matrix_rows
from tracker.model import fold
from tracker.render.plain import to_csv


def matrix_parties(document: dict) -> list[str]:
    """The sheet's party columns: the exported dialogues' parties that some pledge has,
    in the dialogues' order, first spelling kept."""
    names: dict[str, str] = {}
    for dialogue in document["dialogues"]:
        for party in dialogue["parties"]:
            names.setdefault(fold(party), party)
    for pledge in document["pledges"]:
        for party in pledge["by"]:
            names.setdefault(fold(party), party)
    used = {fold(party) for pledge in document["pledges"] for party in pledge["by"]}
    return [name for key, name in names.items() if key in used]


def export_matrix(document: dict) -> str:
    """pledge id, then each party's latest score (+1, 0, -1, n/a or empty), one row a pledge."""
    parties = matrix_parties(document)
    return to_csv(matrix_rows(document["pledges"], parties), ["pledge", *parties])
