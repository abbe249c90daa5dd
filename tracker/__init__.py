"""pledge tracker: record diplomatic pledges and follow them until kept or broken."""

__version__ = "0.1.0"
