"""What can go wrong with the chat history, as kinds the UI turns into sentences."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class HistoryErrorKind(Enum):
    DAMAGED = "damaged"  # not a chat database, or a damaged one (garbage, truncated)
    NEWER = "newer"  # written by a newer version of the app (schema we do not know)
    READ_ONLY = "read_only"  # the file or its folder cannot be written
    DISK_FULL = "disk_full"  # no space left (or the database may not grow)
    BUSY = "busy"  # another program holds the database locked
    UNAVAILABLE = "unavailable"  # the history is not open (it failed earlier, or closed)
    IO = "io"  # any other failure to read or write the file


@dataclass
class HistoryError(Exception):
    """A failed history call: its kind, the file, and the underlying message."""

    kind: HistoryErrorKind
    path: str = ""
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.detail}" if self.detail else self.kind.value


class NewerSchemaError(Exception):
    """The database was written by a newer version of the app."""


# SQLite's primary result codes (sqlite3.h); the extended codes carry them in the low byte
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL = 10, 11, 13
_SQLITE_CANTOPEN, _SQLITE_NOTADB, _SQLITE_PERM = 14, 26, 3


def classify(error: BaseException, path: str = "") -> HistoryError:
    """The kind of a failure raised by sqlite3 or the file system."""
    detail = f"{type(error).__name__}: {error}"
    if isinstance(error, HistoryError):
        return error
    if isinstance(error, NewerSchemaError):
        return HistoryError(HistoryErrorKind.NEWER, path, str(error))
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return HistoryError(HistoryErrorKind.DISK_FULL, path, detail)
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return HistoryError(HistoryErrorKind.READ_ONLY, path, detail)
        return HistoryError(HistoryErrorKind.IO, path, detail)
    if isinstance(error, sqlite3.Error):
        code = int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        kind = {
            _SQLITE_CORRUPT: HistoryErrorKind.DAMAGED,
            _SQLITE_NOTADB: HistoryErrorKind.DAMAGED,
            _SQLITE_FULL: HistoryErrorKind.DISK_FULL,
            _SQLITE_READONLY: HistoryErrorKind.READ_ONLY,
            _SQLITE_PERM: HistoryErrorKind.READ_ONLY,
            _SQLITE_CANTOPEN: HistoryErrorKind.READ_ONLY,
            _SQLITE_BUSY: HistoryErrorKind.BUSY,
            _SQLITE_LOCKED: HistoryErrorKind.BUSY,
        }.get(code)
        if kind is None:
            text = str(error).lower()
            if "disk is full" in text or "disk full" in text:
                kind = HistoryErrorKind.DISK_FULL
            elif "not a database" in text or "malformed" in text:
                kind = HistoryErrorKind.DAMAGED
            elif "readonly" in text or "read-only" in text:
                kind = HistoryErrorKind.READ_ONLY
            else:
                kind = HistoryErrorKind.IO
        if kind is HistoryErrorKind.IO and _disk_nearly_full(path):
            kind = HistoryErrorKind.DISK_FULL  # a full disk often reads "disk I/O error"
        return HistoryError(kind, path, detail)
    return HistoryError(HistoryErrorKind.IO, path, detail)


NEARLY_FULL_BYTES = 8 * 2**20  # less free than this where the history lives: it is full


def _disk_nearly_full(path: str) -> bool:
    """SQLite reports a full disk as "disk I/O error" when the write that failed was the
    WAL's shared memory or the journal (SQLITE_IOERR_SHMSIZE...): ask the disk."""
    if not path:
        return False
    folder = Path(path).parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False
