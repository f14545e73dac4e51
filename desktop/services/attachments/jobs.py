"""AttachJobs: reading attached files and images on the one task API ("attachments" lane:
one at a time, a 2-core laptop has none to spare), with progress, cancel, and one outcome
per job heard on the main thread: ready(Attachment) or refused(AttachmentError)."""

from __future__ import annotations

import hashlib
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from desktop.core.attachments.extract import extract_file
from desktop.core.attachments.model import (
    AttachmentError,
    document_format,
    estimate_tokens,
    image_format,
)
from desktop.core.attachments.model import AttachmentErrorKind as K
from desktop.core.attachments.reading import read_file
from desktop.core.attachments.refs import Attachment, AttachmentKind, AttachmentRef
from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.attachments.images import image_from_clipboard, prepare_image
from desktop.services.cancel import CancelToken
from desktop.services.tasks import Task, TaskRunner

LANE = "attachments"
PROGRESS_EVERY_S = 0.1  # at most ten progress signals a second per file


@dataclass(frozen=True)
class _Refused:
    error: AttachmentError


def read_document(
    path: Path | str,
    on_progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Attachment:
    """A document attachment from a file (blocking: run it in a worker)."""
    raw, doc = extract_file(path, on_progress, cancelled)
    payload = doc.to_bytes()
    info: dict[str, Any] = {}
    if doc.pages:
        info["pages"] = doc.pages
    if doc.truncated:
        info["truncated"] = True
    ref = AttachmentRef(
        kind=AttachmentKind.DOCUMENT,
        name=raw.name,
        format=doc.format.value,
        size=len(raw.data),
        blob=hashlib.sha256(payload).hexdigest(),
        chars=doc.chars,
        tokens=estimate_tokens(doc.text()),
        info=info,
    )
    return Attachment(ref, payload)


def read_image(
    path: Path | str,
    on_progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Attachment:
    """An image attachment from a file (blocking: run it in a worker)."""
    raw = read_file(path, on_progress=on_progress, cancelled=cancelled)
    return prepare_image(raw.name, raw.data, len(raw.data), cancelled)


def read_any(
    path: Path | str,
    on_progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Attachment:
    name = Path(path).name
    if image_format(name) is not None:
        return read_image(path, on_progress, cancelled)
    if document_format(name) is not None:
        return read_document(path, on_progress, cancelled)
    raise AttachmentError(K.UNSUPPORTED, name)


class AttachJobs(QObject):
    """progressed(int, float)          a job's progress, 0..1 (throttled)
    ready(int, Attachment)            the job's attachment, read
    refused(int, AttachmentError)     why it was not (CANCELLED after cancel())"""

    progressed = Signal(int, float)
    ready = Signal(int, Attachment)
    refused = Signal(int, AttachmentError)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._ids = itertools.count(1)
        self._tasks: dict[int, Task] = {}

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def add_file(self, path: str) -> int:
        """Start reading ``path``; returns the job's id."""
        return self._start(f"attach {Path(path).name}", lambda p, c: read_any(path, p, c))

    def add_pasted_image(self, name: str, image: QImage) -> int:
        """Start preparing a picture pasted from the clipboard."""
        copy = QImage(image)  # implicitly shared: the worker reads its own reference

        def op(_p: Callable[[float], None], cancelled: Callable[[], bool]) -> Attachment:
            data = image_from_clipboard(copy)
            return prepare_image(name, data, len(data), cancelled)

        return self._start("attach pasted image", op)

    def cancel(self, job: int) -> None:
        task = self._tasks.get(job)
        if task is not None:
            task.cancel()

    def cancel_all(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()

    def _start(
        self,
        name: str,
        read: Callable[[Callable[[float], None], Callable[[], bool]], Attachment],
    ) -> int:
        job = next(self._ids)

        def op(token: CancelToken, report: Callable[[Any], None]) -> Any:
            last = [0.0]

            def progress(fraction: float) -> None:
                now = time.monotonic()
                if now - last[0] >= PROGRESS_EVERY_S:
                    last[0] = now
                    report(fraction)

            try:
                return read(progress, lambda: token.cancelled)
            except AttachmentError as e:
                return _Refused(e)

        def succeeded(result: Any) -> None:
            self._tasks.pop(job, None)
            if isinstance(result, _Refused):
                self.refused.emit(job, result.error)
            else:
                self.ready.emit(job, result)

        def failed(error: OllamaError) -> None:
            self._tasks.pop(job, None)
            kind = K.CANCELLED if error.kind is ErrorKind.CANCELLED else K.DAMAGED
            self.refused.emit(job, AttachmentError(kind, error.detail))

        def progressed(value: Any) -> None:
            if job in self._tasks and isinstance(value, float):
                self.progressed.emit(job, value)

        self._tasks[job] = self.runner.run(
            name,
            op,
            on_success=succeeded,
            on_failure=failed,
            on_progress=progressed,
            lane=LANE,
        )
        return job
