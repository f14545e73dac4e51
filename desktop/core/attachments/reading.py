"""Reading a file's bytes safely: only a regular file (never a device such as /dev/zero, a
pipe or a folder), never more than the limit however big it claims to be or grows, and a
file that changed while it was read is said so instead of half-read."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.attachments.model import MAX_FILE_BYTES, AttachmentError
from desktop.core.attachments.model import AttachmentErrorKind as K

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileBytes:
    name: str  # the file's name, without its folder
    data: bytes
    sha256: str  # of data: the same file attached twice is stored once


def read_file(
    path: Path | str,
    limit: int = MAX_FILE_BYTES,
    on_progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FileBytes:
    """The bytes of ``path`` (at most ``limit``); AttachmentError otherwise."""
    path = Path(path)
    try:
        before = os.stat(path)  # follows a symlink: a link to /dev/zero is a device
    except FileNotFoundError as e:
        raise AttachmentError(K.UNREADABLE, str(e)) from None
    except OSError as e:
        raise AttachmentError(K.UNREADABLE, str(e)) from None
    if not stat.S_ISREG(before.st_mode):
        raise AttachmentError(K.NOT_A_FILE, stat.filemode(before.st_mode))
    if before.st_size > limit:
        raise AttachmentError(K.TOO_BIG, str(before.st_size))
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise AttachmentError(K.UNREADABLE, str(e)) from None
    try:
        opened = os.fstat(fd)
        # replaced by a pipe or a device between the look and the open
        if not stat.S_ISREG(opened.st_mode):
            raise AttachmentError(K.NOT_A_FILE, stat.filemode(opened.st_mode))
        pieces: list[bytes] = []
        total = 0
        expected = max(1, opened.st_size)
        while True:
            if cancelled is not None and cancelled():
                raise AttachmentError(K.CANCELLED)
            try:
                piece = os.read(fd, min(CHUNK, limit + 1 - total))
            except OSError as e:
                raise AttachmentError(K.UNREADABLE, str(e)) from None
            if not piece:
                break
            pieces.append(piece)
            total += len(piece)
            if total > limit:  # it grew while read, or its size lied
                raise AttachmentError(K.TOO_BIG, f"more than {limit} bytes")
            if on_progress is not None:
                on_progress(min(1.0, total / expected))
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if (after.st_size, after.st_mtime_ns) != (opened.st_size, opened.st_mtime_ns) or (
        total != after.st_size
    ):
        raise AttachmentError(K.CHANGED, f"{opened.st_size} -> {after.st_size} bytes")
    data = b"".join(pieces)
    return FileBytes(path.name, data, hashlib.sha256(data).hexdigest())
