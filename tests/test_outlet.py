"""A report names each evidence link's outlet by cutting the host out by hand: it must
agree with urllib's reading of the address."""

from __future__ import annotations

from urllib.parse import urlsplit

from hypothesis import given
from hypothesis import strategies as st

from tracker.render.report_text import outlet

label = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1,
                max_size=12)
host = st.builds(".".join, st.lists(label, min_size=1, max_size=4))


@given(scheme=st.sampled_from(["http", "https"]), user=st.sampled_from(["", "me@", "a:b@"]),
       www=st.booleans(), name=host, port=st.sampled_from(["", ":80", ":8443"]),
       rest=st.sampled_from(["", "/", "/a/b.html", "?q=1", "#top", "/x?y=z#w"]))
def test_outlet_agrees_with_urlsplit(scheme, user, www, name, port, rest) -> None:
    url = f"{scheme}://{user}{'www.' if www else ''}{name}{port}{rest}"
    expected = (urlsplit(url).hostname or "").removeprefix("www.") or None
    assert outlet(url) == expected


def test_outlet_of_odd_addresses() -> None:
    assert outlet("https://[2001:db8::1]:443/x") == "2001:db8::1"
    assert outlet("ftp://example.org/x") is None
    assert outlet("not a link") is None
    assert outlet(None) is None
    assert outlet("https://") is None
