"""A container's own CPU time and memory, as its control group's files say them (Linux; v1
and v2). Parsing only: services/server/docker_meter.py reads the files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CgroupPaths:
    """Where a process's cgroup is, per controller (v1) or unified (v2), relative to the
    cgroup mount; '' when that controller is not listed."""

    memory: str = ""
    cpuacct: str = ""  # v1 "cpuacct" (alone or as "cpu,cpuacct")
    unified: str = ""  # v2 "0::"


def parse_proc_cgroup(text: str) -> CgroupPaths:
    """/proc/<pid>/cgroup ('4:memory:/docker/<id>', '0::/system.slice/docker-<id>.scope')."""
    memory = cpuacct = unified = ""
    for line in text.splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, path = parts
        names = controllers.split(",")
        if "memory" in names:
            memory = path
        if "cpuacct" in names:
            cpuacct = path
        if controllers == "" and parts[0] == "0":
            unified = path
    return CgroupPaths(memory, cpuacct, unified)


def belongs_to(paths: CgroupPaths, container_id: str) -> bool:
    """The cgroup is the container's own (its ID is in the path): a PID from an engine in
    a virtual machine (Docker Desktop) means another process on this computer."""
    if len(container_id) < 12:
        return False
    return any(container_id in p for p in (paths.memory, paths.cpuacct, paths.unified))


def stat_value(text: str, key: str) -> int | None:
    """One 'key value' line of memory.stat or cpu.stat."""
    for line in text.splitlines():
        k, _, v = line.partition(" ")
        if k == key and v.strip().isdigit():
            return int(v)
    return None


def memory_in_use(usage: int, memory_stat: str, v2: bool) -> int:
    """What `docker stats` calls the container's memory: usage less the inactive file cache
    (v1 'total_inactive_file', v2 'inactive_file')."""
    inactive = stat_value(memory_stat, "inactive_file" if v2 else "total_inactive_file") or 0
    return max(0, usage - inactive) if inactive < usage else usage
