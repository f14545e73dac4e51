"""How much CPU other programs take while a measurement runs: the whole machine's busy CPU
time (psutil, /proc/stat on Linux, hypervisor steal included) minus the processes the
measurement itself runs (the Ollama server and runners, this app). Measured over the run,
not before it: a compile or a browser tab that starts half-way through counts.

No Qt. The Ollama processes are recognised by name (core/chat/processes)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psutil

from desktop.core.chat.processes import in_a_container, is_runner, is_server, pid_namespace

# Other programs using this much CPU (cores, averaged over the run) make a speed figure
# doubtful: on 2 cores a quarter core taken from Ollama's threads costs it about 12 %.
BUSY_CORES = 0.25
BUSY_SHARE = 0.05  # on larger machines: this share of the logical cores


def busy_limit(cores: int | None = None) -> float:
    n = cores if cores is not None else (psutil.cpu_count(logical=True) or 1)
    return max(BUSY_CORES, BUSY_SHARE * n)


@dataclass(frozen=True)
class CpuSnapshot:
    at: float  # monotonic seconds
    busy: float  # CPU seconds every core spent on anything but idling, since boot
    own: dict[int, float] = field(default_factory=dict)  # excluded processes: pid -> seconds


def _busy_seconds() -> float:
    t = psutil.cpu_times()
    idle = t.idle + getattr(t, "iowait", 0.0)
    # guest time is already inside user time on Linux
    guest = getattr(t, "guest", 0.0) + getattr(t, "guest_nice", 0.0)
    total = sum(float(x) for x in t) - guest
    return total - idle


def _cpu_seconds(p: psutil.Process) -> float | None:
    try:
        t = p.cpu_times()
    except psutil.Error:
        return None
    return float(t.user + t.system)


def ollama_processes() -> list[psutil.Process]:
    """This computer's Ollama server and runner processes; those in a container (another
    PID namespace, as a Docker container's on Linux) are the container's, measured through
    its cgroup."""
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


def server_processes(port: int | None = None) -> list[psutil.Process]:
    """The Ollama server listening on ``port`` and its runners; where that listener cannot
    be seen (another user's, no permission), every native Ollama process here."""
    return _server_tree(listening_pid(port) if port else None) or ollama_processes()


def _server_tree(pid: int | None) -> list[psutil.Process]:
    """The Ollama server ``pid`` and its runners; [] when it is not (or no longer) one."""
    if pid is None:
        return []
    try:
        server = psutil.Process(pid)
        if is_server(server.name(), server.cmdline()):
            return [server, *server.children(recursive=True)]
    except psutil.Error:
        pass
    return []


def snapshot(excluded: Callable[[], list[psutil.Process]]) -> CpuSnapshot:
    """The machine's busy time now, and the CPU time of the processes ``excluded`` names."""
    own: dict[int, float] = {}
    for p in excluded():
        secs = _cpu_seconds(p)
        if secs is not None:
            own[p.pid] = secs
    return CpuSnapshot(time.monotonic(), _busy_seconds(), own)


def others_cores(before: CpuSnapshot, after: CpuSnapshot) -> float:
    """CPU cores other programs used on average between two snapshots."""
    wall = after.at - before.at
    if wall <= 0:
        return 0.0
    mine = 0.0
    for pid, secs in after.own.items():
        start = before.own.get(pid, 0.0)  # a process that started meanwhile: all its time
        mine += max(0.0, secs - start)
    return max(0.0, (after.busy - before.busy) - mine) / wall


def this_process() -> list[psutil.Process]:
    return [psutil.Process(os.getpid())]


def server_and_this_process() -> list[psutil.Process]:
    """What a benchmark runs: the Ollama processes and this app."""
    return ollama_processes() + this_process()


Probe = Callable[[], CpuSnapshot]


def benchmark_probe() -> CpuSnapshot:
    return snapshot(server_and_this_process)


def listening_pid(port: int) -> int | None:
    """The process listening on this machine's TCP ``port`` (None: not found, or not ours
    to see, e.g. a system service of another user)."""
    try:
        conns = psutil.net_connections(kind="tcp")
    except (psutil.Error, OSError):
        return None
    for c in conns:
        if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port and c.pid:
            return int(c.pid)
    return None


def probe_for(port: int | None) -> Probe:
    """A probe that counts as "ours" only the server listening on ``port`` (and its
    runners) and this app: another Ollama answering someone else meanwhile is load. Without
    a listening process to see, every native Ollama process is counted as ours. The
    listener is looked up once (a look at every socket of the machine), not at each probe."""
    pid = listening_pid(port) if port else None
    return lambda: snapshot(lambda: (_server_tree(pid) or ollama_processes()) + this_process())


def own_process_probe() -> CpuSnapshot:
    """For the memory test, which runs in this process: Ollama answering a chat meanwhile
    competes for the same memory, so it counts as busy."""
    return snapshot(this_process)


def is_runner_process(p: psutil.Process) -> bool:
    info = getattr(p, "info", None) or {}
    return is_runner(info.get("name") or "", info.get("cmdline") or [])


IDLE_CHECK_S = 2.0  # one look at the CPU
IDLE_LOOKS = 2  # this many quiet looks in a row: the machine is idle
IDLE_WAIT_MAX_S = 15 * 60.0


def wait_until_idle(
    limit: float,
    should_stop: Callable[[], bool],
    report: Callable[[float], None],
    *,
    probe: Probe = benchmark_probe,
    interval: float = IDLE_CHECK_S,
    timeout: float = IDLE_WAIT_MAX_S,
) -> bool:
    """Block until other programs use less than ``limit`` cores for IDLE_LOOKS looks in a
    row (True), or ``timeout`` passes or ``should_stop`` says so (False). ``report`` hears
    each look's figure."""
    deadline = time.monotonic() + timeout
    quiet = 0
    before = probe()
    while time.monotonic() < deadline:
        end = time.monotonic() + interval
        while time.monotonic() < end:
            if should_stop():
                return False
            time.sleep(0.1)
        after = probe()
        cores = others_cores(before, after)
        before = after
        report(cores)
        quiet = quiet + 1 if cores < limit else 0
        if quiet >= IDLE_LOOKS:
            return True
    return False
