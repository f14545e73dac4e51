"""OLLAMA_HOST parsing, exactly as Ollama's envconfig.Host() does it.

Rules (ollama envconfig/config.go):
- no scheme: ``http``, default port 11434; ``http://`` without port is port 80, ``https://`` 443;
- an empty value means 127.0.0.1:11434; a path after the host is kept;
- an invalid port falls back to the scheme's default port.
For *connecting*, the unspecified addresses 0.0.0.0 and :: mean this machine's loopback.

Beyond Ollama's rules, a value the app cannot connect to is refused with a HostError whose
``kind`` says why (only http and https; no user name or password; no spaces, control or
other characters a URL cannot carry), so every parsed HostURL is one the HTTP client accepts.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from enum import Enum

import idna

DEFAULT_PORT = 11434
_LABEL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$")
_PATH = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")


class HostErrorKind(Enum):
    SCHEME = "scheme"  # not http:// or https://
    USERINFO = "userinfo"  # user:password@ in the address
    CHARACTERS = "characters"  # spaces, control characters, or a name no DNS can hold
    PATH = "path"  # a query, fragment or characters a URL path cannot carry


class HostError(ValueError):
    """A server address the app cannot use; ``value`` is what was given."""

    def __init__(self, kind: HostErrorKind, value: str, source: str = "") -> None:
        super().__init__(f"{kind.value}: {value!r}")
        self.kind = kind
        self.value = value
        self.source = source  # "--host", "setting", "OLLAMA_HOST" or "" (typed in)


@dataclass(frozen=True)
class HostURL:
    scheme: str
    host: str
    port: int
    path: str = ""

    @property
    def base_url(self) -> str:
        """The URL to send API requests to (no trailing slash)."""
        host = self.host
        if ":" in host:  # IPv6 literal
            host = f"[{host}]"
        path = f"/{self.path}" if self.path else ""
        return f"{self.scheme}://{host}:{self.port}{path}"

    @property
    def display(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def is_loopback(self) -> bool:
        return is_loopback_host(self.host)


def _split_host_port(hostport: str) -> tuple[str, str] | None:
    """Go's net.SplitHostPort: 'h:p' or '[v6]:p'; None when there is no port."""
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0 or not hostport[end + 1 :].startswith(":"):
            return None
        return hostport[1:end], hostport[end + 2 :]
    if hostport.count(":") != 1:
        return None
    host, port = hostport.split(":")
    return host, port


def _check_host(host: str, value: str) -> str:
    """The host as the HTTP client will send it (IDNA for non-ASCII names), or HostError."""
    bad = HostError(HostErrorKind.CHARACTERS, value)
    if ":" in host:
        try:
            if not host.isascii():
                raise ValueError(host)
            ipaddress.IPv6Address(host)
        except ValueError:
            raise bad from None
        return host
    ascii_host = host
    if not host.isascii():
        try:  # exactly as the HTTP client (httpx) will encode it
            ascii_host = idna.encode(host.lower()).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError):
            raise bad from None
    labels = ascii_host.split(".")
    if len(ascii_host) > 253 or not all(_LABEL.match(p) for p in labels):
        raise bad
    if all(p.isdigit() for p in labels):
        try:  # the client takes #.#.#.# for an IPv4 address and checks it
            ipaddress.IPv4Address(ascii_host)
        except ValueError:
            raise bad from None
    for label in labels:
        if label[:4].lower() == "xn--":
            try:  # an A-label the client (and DNS) can decode
                idna.decode(label)
            except (idna.IDNAError, UnicodeError, ValueError, IndexError):
                raise bad from None
    return host


def parse_ollama_host(value: str | None, *, for_connect: bool = True) -> HostURL:
    """Parse an OLLAMA_HOST value (or a --host option) into a HostURL; HostError when the
    app cannot connect to it."""
    raw = value or ""
    s = raw.strip()
    if any(c.isspace() or not c.isprintable() for c in s):
        raise HostError(HostErrorKind.CHARACTERS, raw)
    default_port = str(DEFAULT_PORT)
    if "://" in s:
        scheme, hostport = s.split("://", 1)
        scheme = scheme.lower()
        if scheme == "http":
            default_port = "80"
        elif scheme == "https":
            default_port = "443"
        else:
            raise HostError(HostErrorKind.SCHEME, raw)
    else:
        scheme, hostport = "http", s
    hostport, _, path = hostport.partition("/")
    if "@" in hostport:
        raise HostError(HostErrorKind.USERINFO, raw)
    if not _PATH.match(path) or "?" in hostport or "#" in hostport:
        raise HostError(HostErrorKind.PATH, raw)
    split = _split_host_port(hostport)
    if split is None:
        host, port = "127.0.0.1", default_port
        trimmed = hostport.strip("[]")
        if trimmed:
            host = trimmed
    else:
        host, port = split
    if host:
        host = _check_host(host, raw)
    try:
        port_n = int(port)
        if not 0 <= port_n <= 65535:
            raise ValueError(port)
    except ValueError:
        port_n = int(default_port)
    if for_connect:
        if host in ("", "0.0.0.0"):
            host = "127.0.0.1"
        elif host == "::":
            host = "::1"
    return HostURL(scheme=scheme, host=host, port=port_n, path=path.strip("/"))


def is_loopback_host(host: str) -> bool:
    h = host.strip("[]").lower()
    if h in ("localhost", "") or h.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def is_all_interfaces(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


def resolve_host(cli_host: str | None, saved_host: str) -> HostURL:
    """The server the app uses: --host, then the saved `host` setting, then OLLAMA_HOST,
    then 127.0.0.1:11434. The GUI and the command-line tools share this order. The first
    value given decides: when it is unusable, HostError (with ``source``) says which."""
    for value, source in (
        (cli_host, "--host"),
        (saved_host, "setting"),
        (os.environ.get("OLLAMA_HOST"), "OLLAMA_HOST"),
    ):
        if value:
            try:
                return parse_ollama_host(value)
            except HostError as e:
                e.source = source
                raise
    return parse_ollama_host("")
