"""The one sanitiser between stored text and any output: terminal, pipe or file.

Input is checked when it is recorded (no control characters, no bidirectional
overrides), but a database can be edited by hand or merged from elsewhere. An
escape sequence printed raw can recolour the terminal, retitle its window or
hide text; a bidirectional override (U+202A–U+202E, U+2066–U+2069) makes a line
read differently from what it holds. Every such character leaving the tracker
is written as a visible `\\uXXXX` escape instead — which, inside JSON output,
is the very same string.

Output can be 100 MB (`export` at 100,000 pledges), so the common case — nothing
to change — is decided on the UTF-8 bytes with C-speed scans, not a regex over text.
"""

from __future__ import annotations

import re

ALLOWED_CONTROLS = "\t\n\r"  # \r: CSV ends its lines with \r\n
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")

_NOT_C0 = bytes(byte for byte in range(256) if byte >= 0x20 and byte != 0x7F)
_MULTIBYTE = (re.compile(rb"\xc2[\x80-\x9f]"),  # C1 controls
              re.compile(rb"\xe2\x80[\xaa-\xae]"),  # U+202A–U+202E
              re.compile(rb"\xe2\x81[\xa6-\xa9]"))  # U+2066–U+2069


def _may_hold_unsafe(text: str) -> bool:
    return _bytes_may_hold_unsafe(text.encode("utf-8", "surrogatepass"))


def _bytes_may_hold_unsafe(data: bytes) -> bool:
    if data.translate(None, _NOT_C0).translate(None, ALLOWED_CONTROLS.encode()):
        return True
    return any(pattern.search(data) for pattern in _MULTIBYTE)


def is_plain(data: bytes | memoryview) -> bool:
    """Whether UTF-8 `data` holds nothing `printable` would change."""
    return not _bytes_may_hold_unsafe(data)


def is_plain_text(text: str) -> bool:
    """Whether `printable` would leave `text` as it is."""
    return not text or not _may_hold_unsafe(text)


def printable_bytes(data: bytes) -> bytes:
    """`printable` for UTF-8 output already encoded (a 100 MB export is never decoded
    and encoded again just to find nothing to change)."""
    if not data or not _bytes_may_hold_unsafe(data):
        return data
    return printable(data.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")


def printable(text: str) -> str:
    """`text` with every control character (but tab and newlines) and bidi override
    written as `\\uXXXX`."""
    if not text or not _may_hold_unsafe(text):
        return text
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
