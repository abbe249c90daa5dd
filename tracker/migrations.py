"""Schema upgrades of the database file: one registered function per version step.

Every change to the file's shape ships as a migration here, with a test that
upgrades a fixture file of the older version (tests/fixtures/schema-vN.json).
A migration takes the whole data dict of version N and returns it in the shape
of version N + 1; it must not touch the disk. The store applies them in memory
on every read, and writes the result (keeping the old file as a backup beside
it) only on the first write.

Schema 1 is the first released shape, so no upgrade is registered yet.
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
