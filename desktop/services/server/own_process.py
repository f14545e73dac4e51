"""What the app started, remembered on disk, so an `ollama serve` left running when the app
was killed is recognised after a restart and managed (and stopped on quit) again.

A process is the app's only when its pid, its start time and its program all match the
record: a pid reused by another program is never touched. Blocking (psutil and a small
file); the reclaim look-up is cheap, the stop runs in a worker.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

RECORD_NAME = "managed-server.json"


@dataclass(frozen=True)
class OwnProcess:
    pid: int
    create_time: float
    exe: str  # resolved program path
    url: str
    binary: str  # the program as chosen (may be a link)


def remember(record: Path, pid: int, url: str, binary: str) -> OwnProcess | None:
    try:
        proc = psutil.Process(pid)
        own = OwnProcess(pid, proc.create_time(), os.path.realpath(proc.exe()), url, binary)
        record.parent.mkdir(parents=True, exist_ok=True)
        tmp = record.with_name(record.name + ".tmp")
        tmp.write_text(json.dumps(asdict(own)), encoding="utf-8")
        tmp.replace(record)
        return own
    except (OSError, psutil.Error):
        return None


def forget(record: Path) -> None:
    with contextlib.suppress(OSError):
        record.unlink(missing_ok=True)


def find_own(record: Path) -> tuple[OwnProcess, psutil.Process] | None:
    """The app's own server from an earlier run, still running; None (and the record
    dropped) when it is gone or the pid now belongs to something else."""
    try:
        raw = json.loads(record.read_text(encoding="utf-8"))
        own = OwnProcess(
            int(raw["pid"]),
            float(raw["create_time"]),
            str(raw["exe"]),
            str(raw["url"]),
            str(raw["binary"]),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        forget(record)
        return None
    try:
        proc = psutil.Process(own.pid)
        same = (
            abs(proc.create_time() - own.create_time) < 0.01
            and os.path.realpath(proc.exe()) == own.exe
            and proc.status() != psutil.STATUS_ZOMBIE
        )
    except psutil.Error:
        same = False
    if not same:
        forget(record)
        return None
    return own, proc


def terminate(proc: psutil.Process, timeout_s: float) -> None:
    """SIGTERM (ollama unloads its runners), then a kill after ``timeout_s``."""
    with contextlib.suppress(psutil.Error):
        proc.terminate()
        try:
            proc.wait(timeout_s)
        except psutil.TimeoutExpired:
            proc.kill()
            proc.wait(2)
