"""The project's exception types and the exit codes they map to (SPEC §6)."""

from __future__ import annotations

# The one table of exit codes; the CLI's single exit point reads it.
EXIT_OK = 0
EXIT_REQUEST = 1  # the request cannot be done: unknown id, invalid value, refusal, conflict
EXIT_USAGE = 2  # malformed command line (raised by the CLI library itself)
EXIT_DATABASE = 3  # database unusable: unreadable, corrupt, locked, newer version


class TrackerError(Exception):
    """An error a user can act on; `message` is shown as `error: <message>`."""

    exit_code = EXIT_REQUEST

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InvalidValue(TrackerError):
    """A value given by the user (or found in an imported record) is not acceptable."""


class NotFound(TrackerError):
    """An id that names no pledge or dialogue."""


class Refused(TrackerError):
    """A request the tool declines to carry out (e.g. removal without confirmation)."""


class Conflict(TrackerError):
    """The request clashes with what is stored (duplicate id, dependent records)."""


class DatabaseError(TrackerError):
    """The database file cannot be used safely; nothing was written."""

    exit_code = EXIT_DATABASE
