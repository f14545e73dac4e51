"""The processes of the Ollama server a benchmark measures, on this computer: the one that
listens on the server's port and its runners. Another server's runners (a second native
server, a Docker container's processes seen from the host) are never counted; where the
listener cannot be seen (another user's, or no permission), every native Ollama process of
this computer outside containers is, as before."""

from __future__ import annotations

import psutil

from desktop.core.chat.processes import in_a_container, is_runner, is_server, pid_namespace


def _all_native() -> list[psutil.Process]:
    """This computer's Ollama processes; those in a container (another PID namespace, as
    a Docker container's on Linux) are the container's, measured through its cgroup."""
    own = pid_namespace("self")
    out = []
    for p in psutil.process_iter(["name", "cmdline"]):
        try:
            name, cmd = p.info["name"] or "", p.info["cmdline"] or []
        except psutil.Error:
            continue
        if (is_server(name, cmd) or is_runner(name, cmd)) and not in_a_container(p.pid, own):
            out.append(p)
    return out


def _listener(port: int) -> psutil.Process | None:
    try:
        conns = psutil.net_connections(kind="tcp")
    except (psutil.Error, OSError):
        return None
    for c in conns:
        if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port and c.pid:
            try:
                p = psutil.Process(c.pid)
                if is_server(p.name(), p.cmdline()):
                    return p
            except psutil.Error:
                continue
    return None


def server_processes(port: int | None = None) -> list[psutil.Process]:
    """The server on ``port`` and its runners, else every native Ollama process here."""
    server = _listener(port) if port else None
    if server is not None:
        try:
            return [server, *server.children(recursive=True)]
        except psutil.Error:
            pass
    return _all_native()


def ollama_cpu_seconds(port: int | None = None) -> dict[int, float]:
    """{pid: user+system seconds} of the server (on ``port``) and its runners."""
    out: dict[int, float] = {}
    for p in server_processes(port):
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        out[p.pid] = float(t.user + t.system)
    return out


def runner_rss(port: int | None = None) -> int:
    """Largest resident memory of a runner of the server (on ``port``); 0 when none."""
    best = 0
    for p in server_processes(port):
        try:
            if is_runner(p.name(), p.cmdline()):
                best = max(best, int(p.memory_info().rss))
        except psutil.Error:
            continue
    return best
