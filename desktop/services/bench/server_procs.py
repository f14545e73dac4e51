"""The processes of the Ollama server a benchmark measures, on this computer: the one that
listens on the server's port and its runners. Another server's runners (a second native
server, a Docker container's processes seen from the host) are never counted; where the
listener cannot be seen (another user's, or no permission), every native Ollama process of
this computer outside containers is, as before."""

from __future__ import annotations

import psutil

from desktop.core.bench.load import server_processes
from desktop.core.chat.processes import is_runner


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
