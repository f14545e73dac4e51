"""Installed models that outlive the process, for the stand-in `ollama serve`
(tests/release_server/standin.py): a real server keeps what it pulled in its models folder,
so a second launch of the app finds it there. Kept as JSON in OLLAMA_MODELS (only when that
is set, so a test never writes into the real home folder)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from .models import FakeModel, Layer
from .server import FakeOllama

STATE_FILE = "fake-installed.json"


def load_installed(fake: FakeOllama, folder: Path) -> None:
    """Install what an earlier run saved in ``folder`` (nothing when there is no file)."""
    path = folder / STATE_FILE
    if not path.is_file():
        return
    for raw in json.loads(path.read_text(encoding="utf-8")):
        layers = [Layer(**layer) for layer in raw.pop("layers")]
        fake.install(FakeModel(**raw, layers=layers))


def save_installed(fake: FakeOllama, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with fake.lock:
        models = [dataclasses.asdict(m) for m in fake.state.installed.values()]
    (folder / STATE_FILE).write_text(json.dumps(models), encoding="utf-8")
