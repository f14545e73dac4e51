"""Reading a file's bytes: devices, pipes, growing and changing files are said so, and
nothing larger than the limit is ever read into memory."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from desktop.core.attachments.model import AttachmentError, AttachmentErrorKind
from desktop.core.attachments.reading import read_file

K = AttachmentErrorKind


def kind_of(path: Path, **kwargs: object) -> AttachmentErrorKind:
    with pytest.raises(AttachmentError) as info:
        read_file(path, **kwargs)  # type: ignore[arg-type]
    return info.value.kind


def test_a_regular_file_is_read_with_its_hash(tmp_path: Path) -> None:
    p = tmp_path / "notes.md"
    p.write_bytes(b"# Notes\n")
    got = read_file(p)
    assert got.name == "notes.md" and got.data == b"# Notes\n" and len(got.sha256) == 64


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="POSIX")
def test_a_link_to_dev_zero_is_not_a_file(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    assert kind_of(link) is K.NOT_A_FILE


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX")
def test_a_pipe_is_not_a_file_and_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert kind_of(fifo) is K.NOT_A_FILE


def test_folders_and_missing_files(tmp_path: Path) -> None:
    assert kind_of(tmp_path) is K.NOT_A_FILE
    assert kind_of(tmp_path / "gone.txt") is K.UNREADABLE


def test_a_500_mb_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(500 * 1024 * 1024)  # sparse: costs no disk
    assert kind_of(big) is K.TOO_BIG


def test_a_file_that_grows_past_the_limit_while_read(tmp_path: Path) -> None:
    p = tmp_path / "log.txt"
    p.write_bytes(b"x" * 1000)
    calls = []

    def grow(_fraction: float) -> None:  # another program appends while we read
        calls.append(1)
        with p.open("ab") as f:
            f.write(b"y" * 5000)

    assert kind_of(p, limit=4000, on_progress=grow) is K.TOO_BIG


def test_a_file_that_changes_while_read(tmp_path: Path) -> None:
    p = tmp_path / "draft.txt"
    p.write_bytes(b"a" * 3_000_000)
    done = threading.Event()

    def rewrite(_fraction: float) -> None:
        if not done.is_set():
            done.set()
            with p.open("r+b") as f:
                f.write(b"b" * 10)
            st = p.stat()
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))

    assert kind_of(p, on_progress=rewrite) is K.CHANGED


def test_cancel(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"a" * 3_000_000)
    assert kind_of(p, cancelled=lambda: True) is K.CANCELLED
