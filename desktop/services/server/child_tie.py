"""Tying the app's own `ollama serve` to the app's life (issue 24.10): when the app ends,
however it ends (SIGKILL, a crash, logout), its server ends too instead of holding the port
and gigabytes of memory until the next launch reclaims it.

- Linux: the server runs through util-linux's ``setpriv --pdeathsig TERM`` (on every
  mainstream distribution since 2018), which asks the kernel to send it SIGTERM when the
  app's thread that started it ends, then becomes the server (same process, exec). PySide6
  does not offer QProcess.setChildProcessModifier, and Python code in the forked child of a
  threaded app can deadlock before exec, so the setting is made by that small program.
- Windows: the server is put in a job object that kills its processes when the app's handle
  to the job closes, which the system does when the app ends (ctypes; written to the
  documented API, not run on this project's Linux machines).
- Elsewhere (macOS; Linux without setpriv): a watchdog process (``ollama-desk
  --watch-server``, watchdog.py) waits on a pipe whose other end only the app holds; when
  the app ends the pipe closes, and the watchdog ends the server if it is still the same
  process (pid and start time).

``ollama serve`` stops its model runners itself on SIGTERM.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import subprocess
import sys
from enum import Enum

import psutil

SETPRIV = ("--pdeathsig", "TERM", "--")


class TieKind(Enum):
    PARENT_DEATH = "parent_death"  # Linux: setpriv --pdeathsig
    JOB = "job"  # Windows: a job object that kills on close
    WATCHDOG = "watchdog"  # a process that ends the server when the app's pipe closes
    NONE = "none"  # not tied (tests of the reclaim path)


@functools.cache
def _setpriv() -> str:
    """setpriv's path when it knows --pdeathsig (util-linux >= 2.33), else ""."""
    path = shutil.which("setpriv")
    if path is None:
        return ""
    try:
        out = subprocess.run(
            [path, "--help"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    return path if "--pdeathsig" in out else ""


def best_kind() -> TieKind:
    if sys.platform == "win32":
        return TieKind.JOB
    if sys.platform.startswith("linux") and _setpriv():
        return TieKind.PARENT_DEATH
    return TieKind.WATCHDOG


def watchdog_command() -> list[str]:
    """How to run the watchdog: the frozen app itself, or this Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--watch-server"]
    return [sys.executable, "-m", "desktop", "--watch-server"]


class ChildTie:
    """One server process's tie. ``command()`` before it starts, ``started(pid)`` once it
    runs, ``release()`` when it has ended (or at quit, after stopping it)."""

    def __init__(self, kind: TieKind | None = None) -> None:
        self.kind = best_kind() if kind is None else kind
        self._watchdog: subprocess.Popen[bytes] | None = None
        self._job: int | None = None

    def command(self, program: str, args: list[str]) -> tuple[str, list[str]]:
        """The program and arguments QProcess should start."""
        if self.kind is TieKind.PARENT_DEATH and (setpriv := _setpriv()):
            return setpriv, [*SETPRIV, program, *args]
        return program, args

    def started(self, pid: int) -> None:
        if self.kind is TieKind.JOB:
            self._job = _kill_on_close_job(pid)
        elif self.kind is TieKind.WATCHDOG:
            self._start_watchdog(pid)

    def release(self) -> None:
        """The server ended: the watchdog goes (its pipe closes; the server it watched is
        gone, so it only exits). A job handle is kept: closing it would kill the job's
        processes, and there are none left."""
        watchdog, self._watchdog = self._watchdog, None
        if watchdog is not None and watchdog.stdin is not None:
            with contextlib.suppress(OSError):
                watchdog.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                watchdog.wait(0.5)  # reaped when it has ended already (no zombie)

    def _start_watchdog(self, pid: int) -> None:
        try:
            born = psutil.Process(pid).create_time()
        except psutil.Error:
            return
        with contextlib.suppress(OSError):
            self._watchdog = subprocess.Popen(
                [*watchdog_command(), str(pid), repr(born)],
                stdin=subprocess.PIPE,  # its only tie to the app: the app's end of it
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl+C meant for the app does not end it
            )


def _kill_on_close_job(pid: int) -> int | None:
    """Windows: a job object with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE holding ``pid``."""
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    class BasicLimits(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class IoCounters(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_uint64)
            for name in ("Read", "Write", "Other", "ReadBytes", "WriteBytes", "OtherBytes")
        ]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", BasicLimits),
            ("IoInfo", IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.OpenProcess.restype = wintypes.HANDLE
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return None
    limits = ExtendedLimits()
    limits.BasicLimitInformation.LimitFlags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    extended_limit_information = 9
    kernel32.SetInformationJobObject(
        wintypes.HANDLE(job),
        extended_limit_information,
        ctypes.byref(limits),
        ctypes.sizeof(limits),
    )
    handle = kernel32.OpenProcess(0x0100 | 0x0001, False, pid)  # SET_QUOTA | TERMINATE
    if handle:
        kernel32.AssignProcessToJobObject(wintypes.HANDLE(job), wintypes.HANDLE(handle))
        kernel32.CloseHandle(wintypes.HANDLE(handle))
    return int(job)  # kept open for the app's life: the system closes it when the app ends
