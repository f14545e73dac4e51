"""OLLAMA_HOST parsing, exactly as Ollama's envconfig.Host() does it.

Rules (ollama envconfig/config.go):
- no scheme: ``http``, default port 11434; ``http://`` without port is port 80, ``https://`` 443;
- an empty value means 127.0.0.1:11434; a path after the host is kept;
- an invalid port falls back to the scheme's default port.
For *connecting*, the unspecified addresses 0.0.0.0 and :: mean this machine's loopback.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

DEFAULT_PORT = 11434


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


def parse_ollama_host(value: str | None, *, for_connect: bool = True) -> HostURL:
    """Parse an OLLAMA_HOST value (or a --host option) into a HostURL."""
    s = (value or "").strip()
    default_port = str(DEFAULT_PORT)
    if "://" in s:
        scheme, hostport = s.split("://", 1)
        scheme = scheme.lower()
        if scheme == "http":
            default_port = "80"
        elif scheme == "https":
            default_port = "443"
    else:
        scheme, hostport = "http", s
    hostport, _, path = hostport.partition("/")
    split = _split_host_port(hostport)
    if split is None:
        host, port = "127.0.0.1", default_port
        trimmed = hostport.strip("[]")
        if trimmed:
            host = trimmed
    else:
        host, port = split
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
    then 127.0.0.1:11434. The GUI and the command-line tools share this order."""
    for value in (cli_host, saved_host, os.environ.get("OLLAMA_HOST")):
        if value:
            return parse_ollama_host(value)
    return parse_ollama_host("")
