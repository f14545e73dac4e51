"""SystemMonitor: once a second, this computer's CPU/RAM/swap and the Ollama processes.

Sampling runs on its own thread (a process scan can take tens of milliseconds) and pauses
when nobody looks (the chat tab hidden or the window minimised).
"""

from __future__ import annotations

import contextlib
import threading
import time

import psutil
from PySide6.QtCore import QObject, Signal

from desktop.core.chat.processes import MachineSample, ProcStat, is_runner, is_server

SCAN_INTERVAL_S = 10.0  # how often to look for a server that is not (yet) found


class ProcessSampler:
    """Finds `ollama serve` and its runner children; keeps psutil.Process objects so their
    cpu_percent() measures from the previous call. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._server: psutil.Process | None = None
        self._procs: dict[int, psutil.Process] = {}
        self._next_scan = 0.0
        self.port: int | None = None

    def set_port(self, port: int | None) -> None:
        """The port the app talks to: with several `ollama serve` running (a system
        service and a user's own), the one listening there is the one to watch."""
        with self._lock:
            if port != self.port:
                self.port = port
                self._server = None
                self._next_scan = 0.0

    def _listens(self, p: psutil.Process) -> int:
        """0: listens on our port, 1: cannot tell (another user's service), 2: does not."""
        try:
            conns = p.net_connections(kind="tcp")
        except psutil.Error:
            return 1
        return 0 if any(c.status == psutil.CONN_LISTEN and c.laddr and
                        c.laddr.port == self.port for c in conns) else 2

    def _find_server(self, now: float) -> psutil.Process | None:
        if self._server is not None:
            with contextlib.suppress(psutil.Error):
                if self._server.is_running():
                    return self._server
            self._server = None
        if now < self._next_scan:
            return None
        self._next_scan = now + SCAN_INTERVAL_S
        found: list[psutil.Process] = []
        for p in psutil.process_iter(["name", "cmdline"]):
            with contextlib.suppress(psutil.Error):
                if is_server(p.info.get("name") or "", p.info.get("cmdline") or []):
                    found.append(p)
        if self.port is not None:
            # an `ollama serve` we can see is not listening on our port serves someone else
            ranked = sorted((self._listens(p), i) for i, p in enumerate(found))
            found = [found[i] for rank, i in ranked if rank < 2]
        self._server = found[0] if found else None
        return self._server

    def _runners(self, server: psutil.Process) -> list[psutil.Process]:
        out = []
        with contextlib.suppress(psutil.Error):
            for child in server.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    if is_runner(child.name(), child.cmdline()):
                        out.append(self._procs.setdefault(child.pid, child))
        return out

    def _stat(self, p: psutil.Process) -> ProcStat | None:
        try:
            with p.oneshot():
                times = p.cpu_times()
                return ProcStat(p.pid, p.name(), p.cpu_percent(None), p.memory_info().rss,
                                float(times.user + times.system))
        except psutil.Error:
            self._procs.pop(p.pid, None)
            return None

    def ollama_processes(self, now: float | None = None) -> tuple[ProcStat | None,
                                                                   tuple[ProcStat, ...]]:
        with self._lock:
            server = self._find_server(time.monotonic() if now is None else now)
            if server is None:
                return None, ()
            self._procs.setdefault(server.pid, server)
            runners = tuple(s for s in (self._stat(r) for r in self._runners(server)) if s)
            return self._stat(server), runners

    def cpu_seconds(self) -> dict[int, float]:
        """{pid: user+system CPU seconds} of the server and its runners."""
        server, runners = self.ollama_processes()
        return {p.pid: p.cpu_seconds for p in ([server] if server else []) + list(runners)}

    def sample(self) -> MachineSample:
        now = time.monotonic()
        vm = psutil.virtual_memory()
        sw = psutil.swap_memory()
        server, runners = self.ollama_processes(now)
        return MachineSample(t=now, cpu_percent=psutil.cpu_percent(None),
                             ram_used=int(vm.total - vm.available), ram_total=int(vm.total),
                             swap_used=int(sw.used), swap_total=int(sw.total),
                             server=server, runners=runners)


class SystemMonitor(QObject):
    """sampled(MachineSample) once per ``interval`` seconds while active."""

    sampled = Signal(object)

    def __init__(self, sampler: ProcessSampler | None = None, interval: float = 1.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sampler = sampler or ProcessSampler()
        self.interval = interval
        self._active = threading.Event()
        self._quit = threading.Event()
        self._thread: threading.Thread | None = None
        self.samples_taken = 0

    @property
    def active(self) -> bool:
        return self._active.is_set() and not self._quit.is_set()

    def set_active(self, active: bool) -> None:
        """Sample (True) or pause (False). Cheap; call it on every show/hide."""
        if self._quit.is_set():
            return
        if active:
            self._active.set()
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="system-monitor",
                                                daemon=True)
                self._thread.start()
        else:
            self._active.clear()

    def stop(self) -> None:
        self._quit.set()
        self._active.set()  # wake a paused loop so it can end
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None

    def _loop(self) -> None:
        while True:
            self._active.wait()
            if self._quit.is_set():
                return
            try:
                sample = self.sampler.sample()
            except Exception:  # noqa: BLE001 - a monitor must never kill the app
                sample = None
            if sample is not None and self._active.is_set() and not self._quit.is_set():
                self.samples_taken += 1
                self.sampled.emit(sample)
            if self._quit.wait(self.interval):
                return
