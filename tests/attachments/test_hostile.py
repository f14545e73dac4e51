"""Hostile files through the app's own attach path (AttachJobs on the task API): each is
refused with its kind, promptly, and nothing else happens."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.attachments.model import AttachmentError, AttachmentErrorKind
from desktop.services.attachments.jobs import AttachJobs
from desktop.services.tasks import TaskRunner
from tests.attachments import documents as d

K = AttachmentErrorKind


@pytest.fixture
def jobs(qtbot: QtBot) -> Iterator[AttachJobs]:
    runner = TaskRunner()
    yield AttachJobs(runner)
    runner.shutdown()


def outcome(qtbot: QtBot, jobs: AttachJobs, path: Path) -> object:
    results: list[object] = []
    jobs.ready.connect(lambda _j, a: results.append(a))
    jobs.refused.connect(lambda _j, e: results.append(e))
    jobs.add_file(str(path))
    qtbot.waitUntil(lambda: bool(results), timeout=30000)
    return results[0]


def hostile_files(folder: Path) -> dict[str, tuple[Path, AttachmentErrorKind]]:
    files: dict[str, tuple[Path, AttachmentErrorKind]] = {}

    def put(name: str, data: bytes, kind: AttachmentErrorKind) -> None:
        (folder / name).write_bytes(data)
        files[name] = (folder / name, kind)

    put("flate-bomb.pdf", d.pdf_flate_bomb(), K.TOO_COMPLEX)
    put("million-pages.pdf", d.pdf_page_tree_bomb(), K.TOO_COMPLEX)
    put("deep.pdf", d.pdf_deep_nesting(), K.TOO_COMPLEX)
    put("zip-bomb.docx", d.docx_zip_bomb(), K.TOO_COMPLEX)
    put("huge.png", d.png_header_bomb(), K.TOO_MANY_PIXELS)
    big = folder / "500mb.txt"
    with big.open("wb") as f:
        f.truncate(500 * 1024 * 1024)
    files["500mb.txt"] = (big, K.TOO_BIG)
    if hasattr(os, "symlink") and Path("/dev/zero").exists():
        (folder / "zero.md").symlink_to("/dev/zero")
        files["zero.md"] = (folder / "zero.md", K.NOT_A_FILE)
    return files


def test_each_hostile_file_is_refused_with_its_kind(
    qtbot: QtBot, jobs: AttachJobs, tmp_path: Path
) -> None:
    for name, (path, kind) in hostile_files(tmp_path).items():
        result = outcome(qtbot, jobs, path)
        assert isinstance(result, AttachmentError), name
        assert result.kind is kind, (name, result)


def test_cancel_stops_a_long_read(qtbot: QtBot, jobs: AttachJobs, tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(d.report_pdf(400))
    results: list[object] = []
    jobs.refused.connect(lambda _j, e: results.append(e))
    jobs.ready.connect(lambda _j, a: results.append(a))
    progress: list[float] = []
    jobs.progressed.connect(lambda _j, f: progress.append(f))
    job = jobs.add_file(str(path))
    qtbot.waitUntil(lambda: bool(progress) or bool(results), timeout=20000)
    jobs.cancel(job)
    qtbot.waitUntil(lambda: bool(results), timeout=20000)
    assert isinstance(results[0], AttachmentError) and results[0].kind is K.CANCELLED
    assert not jobs.busy
