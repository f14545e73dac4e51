"""Reading `ollama serve` output and `ollama -v` (recorded in tests/fixtures/.../serve_*.log,
cli_version_*.txt): when it is listening, and why it died."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class CrashReason(Enum):
    PORT_IN_USE = "port_in_use"
    MISSING_LIBRARIES = "missing_libraries"
    OUT_OF_MEMORY = "out_of_memory"
    PERMISSION = "permission"
    NOT_EXECUTABLE = "not_executable"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CrashDiagnosis:
    reason: CrashReason
    evidence: str = ""  # the log line that says so
    address: str = ""  # for PORT_IN_USE


_LISTENING = re.compile(r'msg="Listening on (\S+) \(version ([^)\s]+)\)"')
_PORT_IN_USE = re.compile(r"listen tcp (\S+): bind: address already in use")
_MISSING_LIB = re.compile(
    r"error while loading shared libraries|cannot open shared object file|"
    r"GLIBC_\S+' not found|GLIBCXX_\S+' not found|Library not loaded|"
    r"The code execution cannot proceed because \S+ was not found",
    re.IGNORECASE,
)
_OOM = re.compile(
    r"out of memory|cannot allocate memory|std::bad_alloc|"
    r"fatal error: runtime: out of memory|oom-kill",
    re.IGNORECASE,
)
_PERMISSION = re.compile(r"permission denied", re.IGNORECASE)
_CLI_UP = re.compile(r"ollama version is (\S+)")
_CLI_DOWN = re.compile(r"client version is (\S+)")


def listening_line(line: str) -> tuple[str, str] | None:
    """(address, version) from `msg="Listening on 127.0.0.1:11435 (version 0.33.0-rc2)"`."""
    m = _LISTENING.search(line)
    return (m.group(1), m.group(2)) if m else None


def diagnose(
    lines: list[str], exit_code: int | None = None, killed_by_signal: int | None = None
) -> CrashDiagnosis:
    """Why `ollama serve` exited, from the tail of its log and how it ended."""
    for line in reversed(lines):
        m = _PORT_IN_USE.search(line)
        if m:
            return CrashDiagnosis(CrashReason.PORT_IN_USE, line.strip(), m.group(1))
    for pattern, reason in (
        (_MISSING_LIB, CrashReason.MISSING_LIBRARIES),
        (_OOM, CrashReason.OUT_OF_MEMORY),
        (_PERMISSION, CrashReason.PERMISSION),
    ):
        for line in reversed(lines):
            if pattern.search(line):
                return CrashDiagnosis(reason, line.strip())
    if killed_by_signal == 9:  # the kernel's OOM killer sends SIGKILL and logs nothing here
        return CrashDiagnosis(CrashReason.OUT_OF_MEMORY, "killed by signal 9 (SIGKILL)")
    if exit_code == 127:
        return CrashDiagnosis(CrashReason.MISSING_LIBRARIES, "exit code 127")
    if exit_code == 126:
        return CrashDiagnosis(CrashReason.NOT_EXECUTABLE, "exit code 126")
    last = next((ln.strip() for ln in reversed(lines) if ln.strip()), "")
    return CrashDiagnosis(CrashReason.UNKNOWN, last)


def parse_cli_version(text: str) -> str | None:
    """`ollama -v` output: `ollama version is X`, or the two warnings with `client version
    is X` when no server answers."""
    m = _CLI_UP.search(text) or _CLI_DOWN.search(text)
    return m.group(1) if m else None
