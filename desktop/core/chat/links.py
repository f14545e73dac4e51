"""How a link from model output is shown before the user opens it (no spoofing).

Bidi controls can make ``https://example.com/\u202egpj.exe`` read as ``.../exe.jpg``, and
zero-width characters can hide inside a host name. Before a link is opened the user sees
every such character escaped (``\\u202e``), and the scheme and host on a line of their own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

# bidi embeddings, overrides and isolates, marks, zero-width characters, BOM
_INVISIBLE = frozenset(
    "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u00ad"
)


def _escape_char(c: str) -> str:
    if c in _INVISIBLE or unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp"):
        return f"\\u{ord(c):04x}"
    return c


def visible(text: str) -> str:
    """``text`` with every invisible or direction-changing character written as \\uXXXX."""
    return "".join(_escape_char(c) for c in text)


@dataclass(frozen=True)
class LinkView:
    scheme: str
    host: str
    full: str  # the whole link, escaped
    suspicious: bool  # it held invisible characters, or a host in another script


def describe_link(href: str) -> LinkView:
    shown = visible(href)
    try:
        parts = urlsplit(href)
        scheme, host = parts.scheme, parts.hostname or ""
    except ValueError:
        scheme, host = "", ""
    if scheme == "mailto":
        host = href.split(":", 1)[1].split("?", 1)[0].rpartition("@")[2]
    shown_host = visible(host)
    try:
        ascii_host = host.encode("idna").decode("ascii") if host else ""
    except UnicodeError:
        ascii_host = shown_host
    if ascii_host and ascii_host != host:
        shown_host = f"{shown_host} ({ascii_host})"  # punycode shows look-alike letters
    return LinkView(visible(scheme), shown_host, shown, shown != href or ascii_host != host)
