"""Import a local GGUF file (e.g. one downloaded for LM Studio or Jan) as an Ollama model.

The header is read and checked first; a bogus or truncated file is refused before anything
is uploaded or created. Then: hash, upload as a blob (unless the server has it), create,
with the chat template the user chose (``core/models/chat_templates.py``: a file without
``tokenizer.chat_template`` gets nothing from Ollama and answers with raw turn tokens).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.models.chat_templates import ChatTemplate
from desktop.core.models.gguf import GGUFError, GGUFInfo, read_gguf
from desktop.services.api_client import UPLOAD_CHUNK, OllamaApi, check_name
from desktop.services.cancel import CancelToken
from desktop.services.tasks import Task, TaskRunner


class GGUFImportError(OllamaError):
    """The file is not a usable GGUF; ``gguf`` carries the problem for the message."""

    def __init__(self, error: GGUFError) -> None:
        super().__init__(ErrorKind.LOCAL_IO, error.detail)
        self.gguf = error


def inspect_file(path: Path) -> GGUFInfo:
    try:
        return read_gguf(path)
    except GGUFError as e:
        raise GGUFImportError(e) from None


def import_gguf(
    api: OllamaApi,
    path: Path,
    name: str,
    token: CancelToken,
    report: Callable[[Any], None],
    template: ChatTemplate | None = None,
) -> GGUFInfo:
    """Worker: check, hash, upload, create (with ``template`` and its stop words, or the
    file's own template when None). progressed: ("hash"|"upload", done, total),
    ("create", status)."""
    check_name(name, allow_host=False)
    info = inspect_file(path)
    digest = sha256_file(path, token, lambda d, t: report(("hash", d, t)))
    if not api.blob_exists(digest):
        api.upload_blob(path, digest, lambda d, t: report(("upload", d, t)), token)
    else:
        report(("upload", info.file_size, info.file_size))
    body: dict[str, Any] = {
        "files": {path.name if path.suffix == ".gguf" else "model.gguf": digest}
    }
    if template is not None:
        body.update(template.create_fields())
    api.create(name, body, lambda ev: report(("create", ev.status)), token)
    return info


class GGUFImporter(QObject):
    """inspect(path) -> Task succeeded(GGUFInfo); start(path, name) -> Task (see above)."""

    modelsChanged = Signal()

    def __init__(
        self, runner: TaskRunner, api: Callable[[], OllamaApi], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.api = api

    def inspect(self, path: Path, connect: Callable[[Task], None] | None = None) -> Task:
        """``connect(task)`` runs before the worker starts: connect its signals there."""
        return self.runner.submit("inspect gguf", lambda _t, _r: inspect_file(path), connect)

    def start(
        self,
        path: Path,
        name: str,
        connect: Callable[[Task], None] | None = None,
        template: ChatTemplate | None = None,
    ) -> Task:
        """Import ``path`` as ``name`` with ``template`` (None: the file's own)."""
        api = self.api()

        def wire(task: Task) -> None:
            task.succeeded.connect(self._created)
            if connect is not None:
                connect(task)

        return self.runner.submit(
            f"import {name}",
            lambda token, report: import_gguf(api, path, name, token, report, template),
            wire,
        )

    def _created(self, _info: object) -> None:
        self.modelsChanged.emit()


def sha256_file(
    path: str | Path,
    cancel: CancelToken | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> str:
    """`sha256:<hex>` of a file, read in chunks (cancellable, with progress)."""
    p = Path(path)
    h = hashlib.sha256()
    try:
        total = p.stat().st_size
        done = 0
        with p.open("rb") as f:
            while chunk := f.read(UPLOAD_CHUNK):
                if cancel is not None:
                    cancel.check()
                h.update(chunk)
                done += len(chunk)
                if on_progress is not None:
                    on_progress(done, total)
    except OSError as e:
        raise OllamaError(ErrorKind.LOCAL_IO, str(e)) from None
    return "sha256:" + h.hexdigest()
