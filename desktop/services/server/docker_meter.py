"""A container's own CPU seconds and memory, for the benchmark's Docker run: from its cgroup
where this computer runs the engine (Linux), else memory from `docker stats`; None (not
known) where neither can be read. Never the whole machine's figures. Blocking: worker
threads only."""

from __future__ import annotations

from pathlib import Path

import psutil

from desktop.core.chat.processes import is_runner
from desktop.core.setup.cgroup import (
    CgroupPaths,
    belongs_to,
    memory_in_use,
    parse_proc_cgroup,
    stat_value,
)
from desktop.core.setup.docker import DockerContainer
from desktop.core.setup.docker_text import stats_memory
from desktop.services.server.docker_cli import DockerCli, DockerError

CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC = Path("/proc")


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except (OSError, UnicodeDecodeError):
        return None


class ContainerMeter:
    def __init__(
        self,
        cli: DockerCli,
        container: DockerContainer,
        cgroup_root: Path = CGROUP_ROOT,
        proc: Path = PROC,
    ) -> None:
        self.cli = cli
        self.container = container
        self.root = cgroup_root
        self.paths: CgroupPaths | None = None
        text = _read(proc / str(container.pid) / "cgroup") if container.pid else None
        if text is not None:
            paths = parse_proc_cgroup(text)
            if belongs_to(paths, container.id):
                self.paths = paths

    def _v1(self, controller: str, rel: str, name: str) -> str | None:
        for folder in (controller, "cpu,cpuacct", "cpuacct,cpu"):
            text = _read(self.root / folder / rel.lstrip("/") / name)
            if text is not None:
                return text
        return None

    def _v2(self, name: str) -> str | None:
        assert self.paths is not None
        rel = self.paths.unified.lstrip("/")
        for base in (self.root, self.root / "unified"):
            text = _read(base / rel / name)
            if text is not None:
                return text
        return None

    def cpu_seconds(self) -> dict[int, float]:
        """{container main pid: CPU seconds of every process the container ran}; {} when
        the cgroup cannot be read (the energy figure is then not known)."""
        p = self.paths
        if p is None:
            return {}
        if p.cpuacct:
            text = self._v1("cpuacct", p.cpuacct, "cpuacct.usage")
            if text is not None and text.strip().isdigit():
                return {self.container.pid: int(text) / 1e9}
        if p.unified:
            stat = self._v2("cpu.stat")
            usec = stat_value(stat, "usage_usec") if stat is not None else None
            if usec is not None:
                return {self.container.pid: usec / 1e6}
        return {}

    def _runner_rss(self) -> int | None:
        """The largest runner's resident memory among the container's processes (what the
        native run reports for its runner), from the cgroup's list of processes."""
        p = self.paths
        if p is None:
            return None
        text = None
        if p.memory:
            text = self._v1("memory", p.memory, "cgroup.procs")
        if text is None and p.unified:
            text = self._v2("cgroup.procs")
        best = None
        for word in (text or "").split():
            if not word.isdigit():
                continue
            try:
                proc = psutil.Process(int(word))
                if is_runner(proc.name(), proc.cmdline()):
                    best = max(best or 0, int(proc.memory_info().rss))
            except psutil.Error:
                continue
        return best

    def memory(self) -> int | None:
        """Bytes the model takes in the container: its runner's resident memory as the
        native run counts it, else the container's use as `docker stats` counts it (None:
        not known)."""
        rss = self._runner_rss()
        if rss:
            return rss
        p = self.paths
        if p is not None and p.memory:
            usage = self._v1("memory", p.memory, "memory.usage_in_bytes")
            stat = self._v1("memory", p.memory, "memory.stat") or ""
            if usage is not None and usage.strip().isdigit():
                return memory_in_use(int(usage), stat, v2=False)
        if p is not None and p.unified:
            current = self._v2("memory.current")
            stat = self._v2("memory.stat") or ""
            if current is not None and current.strip().isdigit():
                return memory_in_use(int(current), stat, v2=True)
        try:
            return stats_memory(
                self.cli.stats_memory_text(self.container.id or self.container.name)
            )
        except DockerError:
            return None
