"""The watchdog process that ends the app's own server when the app ends (child_tie.py:
used where the kernel cannot be asked to, e.g. macOS). Run as
``ollama-desk --watch-server PID START_TIME`` with a pipe on stdin whose other end only the
app holds. No Qt; it sleeps in a blocking read and costs nothing until the pipe closes.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Sequence

import psutil

STOP_TIMEOUT_S = 5.0


def main(argv: Sequence[str]) -> int:
    try:
        pid, born = int(argv[0]), float(argv[1])
    except (IndexError, ValueError):
        print("usage: --watch-server PID START_TIME", file=sys.stderr)
        return 2
    for sig in (signal.SIGINT, getattr(signal, "SIGHUP", None)):
        if sig is not None:  # a terminal's Ctrl+C or hang-up is for the app, not for this
            signal.signal(sig, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        while sys.stdin.buffer.read(4096):  # the app never writes: this waits for the end
            pass
    end_server(pid, born)
    return 0


def end_server(pid: int, born: float) -> None:
    """SIGTERM to the server (it stops its runners), then SIGKILL to what is left after
    STOP_TIMEOUT_S; nothing when the pid is no longer that process."""
    try:
        server = psutil.Process(pid)
        if abs(server.create_time() - born) > 0.01:
            return  # ended meanwhile, and its number was given to another process
        family = [server, *server.children(recursive=True)]
        server.terminate()
    except psutil.Error:
        return
    _, alive = psutil.wait_procs(family[:1], timeout=STOP_TIMEOUT_S)
    for proc in alive + family[1:]:
        with contextlib.suppress(psutil.Error):
            if proc.is_running():
                proc.kill()
