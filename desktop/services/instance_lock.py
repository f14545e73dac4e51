"""The settings folder's lock: the operating system's own file lock on ``instance.lock``.

The lock belongs to the open file, so the kernel drops it the moment the app ends, however it
ends (crash, SIGKILL, power loss on reboot): a lock file left behind holds nothing, whatever
it contains (empty, garbage, an old process id, another user's). Only a live process holding
the lock keeps a second app out. A path the app would not make itself (a symbolic link, a
folder, a pipe, a file with other names) is refused, and the refusal names it. Nothing is
ever written through such a path.

POSIX: ``flock`` (per open file, so two locks in one process exclude each other too; works
on a file opened read-only, so another user's readable file can serve). Windows:
``msvcrt.locking`` on the first byte (released by the system when the process ends; not
tested on this project's Linux machines).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl
    import pwd

LOCK_NAME = "instance.lock"


class LockState(Enum):
    TAKEN = "taken"  # this process holds it
    HELD = "held"  # a live process holds it
    REFUSED = "refused"  # the path is not a lock file the app can use (see ``problem``)


class LockProblem(Enum):
    LINK = "link"  # a symbolic link
    NOT_A_FILE = "not_a_file"  # a folder, a pipe, a device, a socket
    MORE_NAMES = "more_names"  # a hard link: the same file under another name too
    UNREADABLE = "unreadable"  # another user's file this user cannot open
    FAILED = "failed"  # the system refused for another reason (see ``detail``)


@dataclass(frozen=True)
class LockResult:
    state: LockState
    problem: LockProblem | None = None
    owner: str = ""  # the file's owner when it is not this user's
    holder: int = 0  # the pid the holder wrote, when it could be read
    detail: str = ""


class InstanceLock:
    """``acquire()`` at start; keep the object while the app runs; ``release()`` at quit."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> LockResult:
        if self._fd is not None:
            return LockResult(LockState.TAKEN)
        try:
            fd = self._open()
        except _RefusedError as e:
            return e.result
        try:
            if not _try_lock(fd):
                return LockResult(LockState.HELD, holder=_read_pid(fd))
            _write_pid(fd)
        except OSError as e:
            os.close(fd)
            return LockResult(LockState.REFUSED, LockProblem.FAILED, detail=str(e))
        self._fd = fd
        return LockResult(LockState.TAKEN)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # the next reader sees no process id
            os.close(fd)  # closing drops the lock

    def _open(self) -> int:
        """The lock file, opened without following a link; made (0600) if missing."""
        path = self.path
        if sys.platform == "win32":  # no O_NOFOLLOW: look first (no other user can race us
            with contextlib.suppress(FileNotFoundError):  # in a per-user profile folder)
                _check_kind(os.lstat(path).st_mode)
        flags = os.O_CREAT
        for name in ("O_NOFOLLOW", "O_NONBLOCK", "O_NOCTTY", "O_NOINHERIT", "O_BINARY"):
            flags |= getattr(os, name, 0)  # no blocking on a pipe, no terminal taken
        try:
            fd = os.open(path, os.O_RDWR | flags, 0o600)
        except OSError as e:
            fd = self._open_failed(e, flags)
        try:
            st = os.fstat(fd)
            _check_kind(st.st_mode)
            if st.st_nlink > 1:
                raise _RefusedError(LockProblem.MORE_NAMES)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _open_failed(self, e: OSError, flags: int) -> int:
        if e.errno == errno.ELOOP or os.path.islink(self.path):
            raise _RefusedError(LockProblem.LINK) from None
        if e.errno in (errno.EISDIR, errno.ENXIO, errno.EOPNOTSUPP):
            raise _RefusedError(LockProblem.NOT_A_FILE) from None
        if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            try:  # another user's file (or a read-only folder): a read-only open can lock
                return os.open(self.path, os.O_RDONLY | flags & ~os.O_CREAT)
            except OSError:
                raise _RefusedError(LockProblem.UNREADABLE, _owner(self.path)) from None
        raise _RefusedError(LockProblem.FAILED, detail=e.strerror or str(e)) from None


class _RefusedError(Exception):
    def __init__(self, problem: LockProblem, owner: str = "", detail: str = "") -> None:
        super().__init__(problem.value)
        self.result = LockResult(LockState.REFUSED, problem, owner, detail=detail)


def _check_kind(mode: int) -> None:
    if stat.S_ISLNK(mode):
        raise _RefusedError(LockProblem.LINK)
    if not stat.S_ISREG(mode):
        raise _RefusedError(LockProblem.NOT_A_FILE)


def _owner(path: Path) -> str:
    try:
        uid = os.lstat(path).st_uid
    except OSError:
        return ""
    if sys.platform == "win32":
        return str(uid)
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _try_lock(fd: int) -> bool:
    """True when this process now holds the lock; False when another holds it."""
    if sys.platform == "win32":
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _write_pid(fd: int) -> None:
    """For the message a second launch shows (only where this user may write it; Windows
    keeps the locked first byte and writes after it)."""
    with contextlib.suppress(OSError):
        offset = 1 if sys.platform == "win32" else 0
        os.ftruncate(fd, offset)
        os.lseek(fd, offset, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())


def _read_pid(fd: int) -> int:
    with contextlib.suppress(OSError, ValueError):
        os.lseek(fd, 1 if sys.platform == "win32" else 0, os.SEEK_SET)
        text = os.read(fd, 32).split(b"\n", 1)[0].strip()
        if text.isdigit() and len(text) < 12:
            return int(text)
    return 0
