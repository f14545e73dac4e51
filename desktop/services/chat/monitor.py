"""SystemMonitor: once a second, this computer's CPU/RAM/swap and the Ollama processes.

Sampling runs on the task API (a process scan can take tens of milliseconds) and pauses
when nobody looks (the chat tab hidden or the window minimised).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time

import psutil
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.chat.processes import (
    MachineSample,
    ProcStat,
    cpu_percent_between,
    in_a_container,
    is_runner,
    is_server,
    parse_cpu_times,
    parse_meminfo,
    pid_namespace,
)
from desktop.core.errors import OllamaError
from desktop.services.tasks import TaskRunner

# Looking for a server that is not (yet) found reads every process's name: a few ms. The
# wait between looks doubles from the first to the last figure; rescan() (a generation
# starts, the host changes) looks at once.
SCAN_INTERVAL_S = 10.0
SCAN_INTERVAL_MAX_S = 60.0
# Which processes are the server's children: psutil reads every process's parent to know
# (~3 ms); Linux lists them directly in /proc/PID/task/TID/children (~0.2 ms).
_LINUX = sys.platform.startswith("linux")


def _named_like_ollama() -> list[psutil.Process]:
    """Processes whose name contains "ollama": the few whose command line is worth reading.
    On Linux straight from /proc/PID/comm (~15 us a process; psutil's name() ~60 us)."""
    if _LINUX:
        out = []
        try:
            entries = [e.name for e in os.scandir("/proc") if e.name.isdigit()]
        except OSError:
            entries = []
        for pid in entries:
            try:
                with open(f"/proc/{pid}/comm", "rb") as f:
                    if b"ollama" not in f.read().lower():
                        continue
                out.append(psutil.Process(int(pid)))
            except (OSError, psutil.Error):
                continue
        if entries:
            return out
    procs = []
    for p in psutil.process_iter(["name"]):
        if "ollama" in (p.info.get("name") or "").lower():
            procs.append(p)
    return procs


class ProcessSampler:
    """Finds `ollama serve` and its runner children; keeps psutil.Process objects so their
    cpu_percent() measures from the previous call. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._server: psutil.Process | None = None
        self._procs: dict[int, psutil.Process] = {}
        self._next_scan = 0.0
        self._scan_wait = SCAN_INTERVAL_S
        # pid -> (is a runner, decided until): a forked child is not yet what it execs into,
        # so "not a runner" is looked at again after a while
        self._kinds: dict[int, tuple[bool, float]] = {}
        self.port: int | None = None
        self.scans = 0
        self._cpu_times: tuple[float, float] | None = None

    def set_port(self, port: int | None) -> None:
        """The port the app talks to: with several `ollama serve` running (a system
        service and a user's own), the one listening there is the one to watch."""
        with self._lock:
            if port != self.port:
                self.port = port
                self._server = None
                self._next_scan = 0.0
                self._scan_wait = SCAN_INTERVAL_S

    def rescan(self) -> None:
        """Look for the server at the next sample even if a look found none just now."""
        with self._lock:
            self._next_scan = 0.0
            self._scan_wait = SCAN_INTERVAL_S

    def _listens(self, p: psutil.Process) -> int:
        """0: listens on our port, 1: cannot tell (another user's service), 2: does not."""
        try:
            conns = p.net_connections(kind="tcp")
        except psutil.Error:
            return 1
        return (
            0
            if any(
                c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == self.port
                for c in conns
            )
            else 2
        )

    def _find_server(self, now: float, scan: bool = True) -> psutil.Process | None:
        if self._server is not None:
            with contextlib.suppress(psutil.Error):
                if self._server.is_running():
                    return self._server
            self._server = None
        if not scan or now < self._next_scan:
            return None
        self.scans += 1
        found: list[psutil.Process] = []
        own = pid_namespace("self")
        for p in _named_like_ollama():
            with contextlib.suppress(psutil.Error):
                # a Docker container's `ollama serve`, seen from the host, is not ours to
                # show as this computer's server (the Docker page measures its cgroup)
                if is_server(p.name(), p.cmdline()) and not in_a_container(p.pid, own):
                    found.append(p)
        if self.port is not None:
            # an `ollama serve` we can see is not listening on our port serves someone else
            ranked = sorted((self._listens(p), i) for i, p in enumerate(found))
            found = [found[i] for rank, i in ranked if rank < 2]
        self._server = found[0] if found else None
        self._next_scan = now + self._scan_wait
        self._scan_wait = (
            SCAN_INTERVAL_S if found else min(SCAN_INTERVAL_MAX_S, self._scan_wait * 2)
        )
        return self._server

    @staticmethod
    def _child_pids(server: psutil.Process) -> list[int] | None:
        """The server's descendants' pids from /proc, or None where that is not possible."""
        if not _LINUX:
            return None
        out: list[int] = []
        todo = [server.pid]
        while todo:
            pid = todo.pop()
            try:
                tids = os.listdir(f"/proc/{pid}/task")
            except (FileNotFoundError, ProcessLookupError):
                continue  # ended meanwhile
            except OSError:
                return None
            for tid in tids:
                try:
                    with open(f"/proc/{pid}/task/{tid}/children") as f:
                        kids = [int(k) for k in f.read().split()]
                except (FileNotFoundError, ProcessLookupError):
                    continue  # the thread ended
                except (OSError, ValueError):
                    return None  # a kernel without CONFIG_LINUX, or unreadable
                out.extend(kids)
                todo.extend(kids)
        return out

    def _runners(self, server: psutil.Process, now: float) -> list[psutil.Process]:
        children: list[psutil.Process] = []
        pids = self._child_pids(server)
        if pids is None:
            with contextlib.suppress(psutil.Error):
                children = server.children(recursive=True)
        else:
            for pid in pids:
                known = self._procs.get(pid)
                if known is not None:
                    children.append(known)
                    continue
                with contextlib.suppress(psutil.Error):
                    children.append(psutil.Process(pid))
        out = []
        alive = set()
        for child in children:
            alive.add(child.pid)
            kind, until = self._kinds.get(child.pid, (False, 0.0))
            if now >= until:
                try:
                    kind = is_runner(child.name(), child.cmdline())
                except psutil.Error:
                    continue
                self._kinds[child.pid] = (kind, float("inf") if kind else now + 5.0)
            if kind:
                out.append(self._procs.setdefault(child.pid, child))
        for pid in [p for p in self._kinds if p not in alive]:
            del self._kinds[pid]  # ended: a new process may get its pid
        for pid in [p for p in self._procs if p not in alive and p != server.pid]:
            del self._procs[pid]
        return out

    def _stat(self, p: psutil.Process) -> ProcStat | None:
        try:
            with p.oneshot():
                times = p.cpu_times()
                return ProcStat(
                    p.pid,
                    p.name(),
                    p.cpu_percent(None),
                    p.memory_info().rss,
                    float(times.user + times.system),
                )
        except psutil.Error:
            self._procs.pop(p.pid, None)
            return None

    def ollama_processes(
        self, now: float | None = None, scan: bool = True
    ) -> tuple[ProcStat | None, tuple[ProcStat, ...]]:
        """The server and its runners. ``scan=False`` never searches the process table (a
        search lists every process and its sockets: tens of ms, too slow for the GUI
        thread); it uses the server the monitor's background samples found."""
        now = time.monotonic() if now is None else now
        with self._lock:
            server = self._find_server(now, scan)
            if server is None:
                return None, ()
            self._procs.setdefault(server.pid, server)
            runners = tuple(s for s in (self._stat(r) for r in self._runners(server, now)) if s)
            return self._stat(server), runners

    def cpu_seconds(self) -> dict[int, float]:
        """{pid: user+system CPU seconds} of the server and its runners, as far as the
        background samples know them (cheap enough for the GUI thread: no process scan)."""
        server, runners = self.ollama_processes(scan=False)
        return {p.pid: p.cpu_seconds for p in ([server] if server else []) + list(runners)}

    def _machine(self) -> tuple[float, int, int, int, int]:
        """(CPU %, RAM used, RAM total, swap used, swap total). On Linux one read of
        /proc/meminfo and one line of /proc/stat (psutil parses /proc/vmstat and all of
        /proc/stat too: three times the cost, once a second)."""
        if _LINUX:
            try:
                with open("/proc/meminfo") as f:
                    mem = parse_meminfo(f.read())
                with open("/proc/stat") as f:
                    times = parse_cpu_times(f.readline())
            except OSError:
                mem = times = None
            if mem is not None and times is not None:
                prev, self._cpu_times = self._cpu_times, times
                cpu = 0.0 if prev is None else cpu_percent_between(prev, times)
                total, available, swap_total, swap_free = mem
                return cpu, total - available, total, swap_total - swap_free, swap_total
        vm = psutil.virtual_memory()
        sw = psutil.swap_memory()
        return (
            psutil.cpu_percent(None),
            int(vm.total - vm.available),
            int(vm.total),
            int(sw.used),
            int(sw.total),
        )

    def sample(self) -> MachineSample:
        now = time.monotonic()
        cpu, ram_used, ram_total, swap_used, swap_total = self._machine()
        server, runners = self.ollama_processes(now)
        return MachineSample(
            t=now,
            cpu_percent=cpu,
            ram_used=ram_used,
            ram_total=ram_total,
            swap_used=swap_used,
            swap_total=swap_total,
            server=server,
            runners=runners,
        )


# Seconds between machine samples. Each look is a wake-up, a process scan and a repaint of
# the chat's performance panel, taken from the model on a CPU-only laptop; the figures move
# slowly, so the panel looks every 2 s (each sample stands for two chart points).
SAMPLE_INTERVAL_S = 2.0


class SystemMonitor(QObject):
    """sampled(MachineSample) once per ``interval`` seconds while active.

    Each sample is one task on the task API's "monitor" lane (a process scan can take tens
    of milliseconds, so never on the main thread); a timer on the main thread asks for the
    next one, so pausing is stopping a timer and nothing runs while nobody looks."""

    sampled = Signal(MachineSample)

    def __init__(
        self,
        sampler: ProcessSampler | None = None,
        interval: float = SAMPLE_INTERVAL_S,
        runner: TaskRunner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sampler = sampler or ProcessSampler()
        self.interval = interval
        self.runner = runner or TaskRunner(max_threads=1, parent=self)
        self._active = False
        self._quit = False
        self._in_flight = False
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(interval * 1000)))
        self._timer.timeout.connect(self._sample)
        self.samples_taken = 0
        self.failures = 0

    @property
    def active(self) -> bool:
        return self._active and not self._quit

    def set_active(self, active: bool) -> None:
        """Sample (True) or pause (False). Cheap; call it on every show/hide."""
        if self._quit or active == self._active:
            return
        self._active = active
        if active:
            self._timer.start()
            self._sample()
        else:
            self._timer.stop()

    def stop(self) -> None:
        """For good (on quit); a sample under way is dropped."""
        self._quit = True
        self._active = False
        self._timer.stop()

    def _sample(self) -> None:
        if self._in_flight or not self.active:
            return  # a slow scan is not queued twice
        self._in_flight = True
        sampler = self.sampler
        self.runner.run(
            "sample machine",
            lambda _token, _report: sampler.sample(),
            on_success=self._on_sample,
            on_failure=self._on_failure,
            lane="monitor",
        )

    def _on_sample(self, sample: MachineSample) -> None:
        self._in_flight = False
        if self.active:
            self.samples_taken += 1
            self.sampled.emit(sample)

    def _on_failure(self, _error: OllamaError) -> None:
        self._in_flight = False  # a monitor never stops the app; the next tick tries again
        self.failures += 1
