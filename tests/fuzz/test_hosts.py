"""Host strings from anywhere (--host, OLLAMA_HOST, settings, typed in) through to the HTTP
client's URL: either a clear HostError or an address httpx accepts and can send to."""

from __future__ import annotations

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.hosts import HostError, parse_ollama_host

_PIECES = st.sampled_from(
    [
        "http://",
        "https://",
        "ftp://",
        "HTTP://",
        "://",
        "[",
        "]",
        "::",
        ":",
        "@",
        "user:pw@",
        "/",
        "?",
        "#",
        "%",
        "%zz",
        " ",
        "\t",
        "\x00",
        "\u202e",
        "é",
        "ß",
        "例え",
        "xn--",
        "-",
        ".",
        "..",
        "localhost",
        "127.0.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1%eth0",
        "11434",
        "99999",
        "-1",
        "a" * 64,
        "example.com",
        "_srv",
        "\\",
        "path",
        "\ud800",
    ]
)
HOSTS = st.one_of(
    st.text(max_size=60),
    st.lists(_PIECES, max_size=8).map("".join),
    st.tuples(st.lists(_PIECES, max_size=4).map("".join), st.text(max_size=12)).map("".join),
)


def _check(value: str) -> None:
    try:
        host = parse_ollama_host(value)
    except HostError:
        return
    url = httpx.URL(host.base_url + "/api/version")  # what OllamaApi sends
    assert url.scheme in ("http", "https")
    assert url.host
    httpx.Request("GET", url)
    assert host.display


@settings(max_examples=1500, deadline=None)
@given(HOSTS)
def test_any_host_string_is_refused_clearly_or_reaches_the_client(value: str) -> None:
    _check(value)


def test_the_reported_crashes_are_clear_refusals() -> None:
    for value in ("http://user:pw@127.0.0.1:11434", "ftp://x", "http://a b", "\u202ehost"):
        try:
            parse_ollama_host(value)
        except HostError:
            continue
        raise AssertionError(value)
