"""The import dialog shows what a GGUF file is, and refuses bogus files clearly."""

from __future__ import annotations

import pytest

from desktop.services.api_client import OllamaApi
from desktop.services.models.gguf_import import GGUFImporter
from desktop.services.tasks import TaskRunner
from desktop.ui.models.import_dialog import ImportDialog, suggested_name
from tests.fake_ollama import tiny_llama_gguf


@pytest.fixture
def dialog(qtbot, fake_ollama):
    runner = TaskRunner()
    api = OllamaApi(fake_ollama.url)
    d = ImportDialog(GGUFImporter(runner, lambda: api))
    qtbot.addWidget(d)
    yield d
    runner.shutdown()
    api.close()


def test_valid_file_shows_its_facts_and_imports(qtbot, dialog, fake_ollama, tmp_path):
    path = tmp_path / "TinyLlama 1.1B Chat.Q4_K_M.gguf"
    path.write_bytes(tiny_llama_gguf())
    task = dialog.load_file(path)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass  # the worker starts on the next turn of the event loop: nothing is missed
    assert dialog.arch.text() == "llama" and dialog.quant.text() == "Q4_K_M"
    assert dialog.params.text() == "1.10 B" and dialog.context.text() == "2048"
    assert dialog.name.text() == "tinyllama-1.1b-chat.q4_k_m:latest"
    assert dialog.import_button.isEnabled()
    dialog.name.setText("bad name!")
    assert not dialog.import_button.isEnabled()
    dialog.name.setText("tiny:1b")
    job = dialog.start_import()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass  # the dialog's own handlers ran by then (they are connected first)
    assert "tiny:1b" in fake_ollama.installed_names()
    assert "ready" in dialog.status.text()


def test_truncated_file_is_refused_with_a_clear_message(qtbot, dialog, fake_ollama, tmp_path):
    path = tmp_path / "half.gguf"
    path.write_bytes(tiny_llama_gguf()[:40])
    task = dialog.load_file(path)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass  # the worker starts on the next turn of the event loop: nothing is missed
    assert "incomplete" in dialog.status.text() and "Nothing was created" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.start_import() is None
    assert not any(p == "/api/create" for p in fake_ollama.paths_requested())


def test_suggested_names_are_valid():
    from pathlib import Path

    from desktop.core.names import parse_model_name

    for stem in ("Qwen2.5 7B Instruct (Q4_K_M)", "---", "ünïcode", ".hidden"):
        parse_model_name(suggested_name(Path(f"/x/{stem}.gguf")))


def test_a_files_own_words_are_shown_as_text_not_markup(qtbot, dialog, tmp_path):
    from PySide6.QtCore import Qt

    from tests.fake_ollama.gguf import make_gguf

    hostile = "<img src='file:///etc/passwd'><b>llama</b>"
    path = tmp_path / "<b>model.gguf"
    path.write_bytes(make_gguf({"general.architecture": hostile, "general.file_type": 15}))
    task = dialog.load_file(path)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass  # the worker starts on the next turn of the event loop: nothing is missed
    assert dialog.arch.text() == hostile
    assert dialog.arch.textFormat() is Qt.TextFormat.PlainText
    assert dialog.file_label.textFormat() is Qt.TextFormat.PlainText
