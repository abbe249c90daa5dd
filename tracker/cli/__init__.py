"""The command line: one module per command or group; `app` wires them together."""

# Set by the console script (tracker.cli.launch) before tracker.cli.app is imported:
# the one command this process runs, so that only it is wired up. None: all of them.
only_command: str | None = None
# Set by the console script: the databases a command opened, kept until it exits
# (tracker.cli.launch._leave). None: a test or an embedding, which frees them as usual.
kept: list | None = None
