"""What the user should believe about the server, from two witnesses: the connection monitor
(does an Ollama answer at the address in use?) and the app's own `ollama serve`."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.errors import OllamaError
from desktop.core.hosts import HostURL, parse_ollama_host
from desktop.core.setup.serve_log import CrashDiagnosis
from desktop.services.connection import ConnectionState
from desktop.services.server.managed import ManagedState
from desktop.services.server.status import ServerStatus


@dataclass(frozen=True)
class ServerState:
    status: ServerStatus
    host: str  # host:port shown to people
    version: str = ""
    owned: bool = False  # the app's own server (it stops when the app quits)
    adopted: bool = False  # an Ollama the app found running on its port
    binary: str = ""
    exit_code: int | None = None
    diagnosis: CrashDiagnosis | None = None  # why the app's own server stopped (CRASHED)
    error: OllamaError | None = None  # why nothing usable answers
    answered_before: bool = False  # an Ollama answered earlier in this session


def _same_server(url: str, host: HostURL) -> bool:
    try:
        return parse_ollama_host(url).base_url == host.base_url
    except ValueError:
        return False


def combine(managed: ManagedState, conn: ConnectionState, host: HostURL) -> ServerState:
    """The app's own server speaks while it is changing, has crashed (and nothing else
    answers), or is the server in use; otherwise the connection monitor does."""
    m = managed.status
    own_in_use = m is ServerStatus.CONNECTED and _same_server(managed.url, host)
    crashed = m is ServerStatus.CRASHED and not conn.status.answering
    if m.busy or crashed or own_in_use:
        return ServerState(
            m,
            parse_ollama_host(managed.url).display if managed.url else host.display,
            managed.version,
            owned=not managed.adopted and m is not ServerStatus.CRASHED,
            adopted=managed.adopted,
            binary=managed.binary,
            exit_code=managed.exit_code,
            diagnosis=managed.diagnosis,
            answered_before=conn.answered_before,
        )
    return ServerState(
        conn.status,
        conn.host,
        conn.version,
        error=conn.error,
        answered_before=conn.answered_before,
    )
