"""The command line: one module per command or group; `app` wires them together."""
