"""Schema upgrades of the database file: one registered function per version step.

Every change to the file's shape ships as a migration here, with a test that
upgrades a fixture file of the older version (tests/fixtures/schema-vN.json).
A migration takes the whole data dict of version N and returns it in the shape
of version N + 1; it must not touch the disk. The store applies them in memory
on every read, and writes the result (keeping the old file as a backup beside
it) only on the first write.

Schema 1 kept whole lists on both sides of a change; schema 2 keeps splices.
"""

from __future__ import annotations

from collections.abc import Callable

Migration = Callable[[dict], dict]

# from-version → the function that turns that version's data into the next one.
MIGRATIONS: dict[int, Migration] = {}


class MigrationError(Exception):
    """An upgrade cannot be done; the store reports it as an unusable database."""


def register(from_version: int) -> Callable[[Migration], Migration]:
    """Decorator: `@register(1)` marks the function that upgrades schema 1 to 2."""

    def add(migration: Migration) -> Migration:
        if from_version in MIGRATIONS:
            raise ValueError(f"an upgrade from schema {from_version} is registered already")
        MIGRATIONS[from_version] = migration
        return migration

    return add


def upgrade(data: dict, from_version: int, to_version: int) -> dict:
    """Apply each registered step from `from_version` up to `to_version`, in memory."""
    for version in range(from_version, to_version):
        migration = MIGRATIONS.get(version)
        if migration is None:
            raise MigrationError(f"no upgrade is known from schema {version} to {version + 1}")
        try:
            data = migration(data)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise MigrationError(
                f"cannot upgrade it from schema {version} to {version + 1}: "
                f"{type(error).__name__}: {error}") from None
        data["meta"]["1"]["schema_version"] = version + 1
    return data


@register(1)
def _list_changes_as_splices(data: dict) -> dict:
    """Schema 1 → 2: the change log keeps what a list gained or lost, not the list twice.

    200 marks on one pledge had stored 200 × 2 copies of a growing update list
    (29 KB → 14.7 MB); as splices the same history is a few hundred KB.
    """
    from tracker.delta import from_whole_lists

    for entry in data.get("history", {}).values():
        entry["changes"] = [from_whole_lists(change) if change.get("op") == "update" else change
                            for change in entry["changes"]]
    return data
