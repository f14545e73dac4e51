"""Importing a GGUF without a chat template (issue 20): the dialog says the file has none,
picks Ollama's template for its architecture and why, lets the user change it, sends it
(with its stop words) in the create request, and ends with "Chat with it". Against the fake
server, which stores TEMPLATE and formats chats with it as the real one does
(tests/fake_ollama/turns.py; recorded: fixtures/ollama-0.33.0-rc2/import-template/)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.models.chat_templates import load_template
from desktop.services.api_client import OllamaApi
from desktop.services.models.gguf_import import GGUFImporter
from desktop.services.tasks import TaskRunner
from desktop.ui.models.import_dialog import ImportDialog
from tests.fake_ollama import FakeOllama, make_gguf

QUESTION = [{"role": "user", "content": "Say hello in one word."}]


def gguf(arch: str, **extra: object) -> bytes:
    meta: dict[str, object] = {
        "general.architecture": arch,
        "general.name": f"tiny {arch}",
        "general.file_type": 15,
        f"{arch}.context_length": 8192,
    }
    meta.update(extra)
    return make_gguf(meta)


@pytest.fixture
def api(fake_ollama: FakeOllama) -> Iterator[OllamaApi]:
    client = OllamaApi(fake_ollama.url)
    yield client
    client.close()


@pytest.fixture
def dialog(qtbot: QtBot, api: OllamaApi) -> Iterator[ImportDialog]:
    runner = TaskRunner()
    d = ImportDialog(GGUFImporter(runner, lambda: api))
    qtbot.addWidget(d)
    d.show()
    yield d
    runner.shutdown()


def load(qtbot: QtBot, dialog: ImportDialog, path: Path) -> None:
    task = dialog.load_file(path)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass


def run_import(qtbot: QtBot, dialog: ImportDialog, name: str) -> None:
    dialog.name.setText(name)
    task = dialog.start_import()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass


def creates(fake: FakeOllama) -> list[dict[str, object]]:
    return [b for m, p, b in fake.requests if p == "/api/create"]


def answer(api: OllamaApi, name: str) -> str:
    return api.chat(name, QUESTION).content


def test_no_template_gemma3_picks_gemma_turns_and_the_model_answers_in_them(
    qtbot: QtBot, dialog: ImportDialog, fake_ollama: FakeOllama, api: OllamaApi, tmp_path: Path
) -> None:
    path = tmp_path / "gemma-3-270m-it-Q4_K_M.gguf"
    path.write_bytes(gguf("gemma3"))
    load(qtbot, dialog, path)
    assert dialog.template.isEnabled()
    assert dialog.template.currentText() == "Gemma 3 (gemma3-instruct)"
    assert dialog.template.findData("") < 0  # the file has none of its own to offer
    why = dialog.template_why.text()
    assert "no chat template" in why and "architecture, gemma3" in why
    run_import(qtbot, dialog, "gemma-import:test")
    body = creates(fake_ollama)[-1]
    gemma = load_template("gemma3-instruct")
    assert body["template"] == gemma.text
    assert body["parameters"] == {"stop": ["<end_of_turn>"]}
    shown = api.show("gemma-import:test")
    assert shown.template == gemma.text  # stored, as the real server stores it
    assert '"<end_of_turn>"' in shown.parameters
    assert dialog.status.text() == (
        "gemma-import:test is ready to chat, with the Gemma 3 (gemma3-instruct) chat template."
    )
    # the model answers in its own turns, not with raw markers
    text = answer(api, "gemma-import:test")
    assert "<|im_end|>" not in text
    model, prompt = fake_ollama.prompts[-1]
    assert model == "gemma-import:test"
    assert prompt == (
        "<start_of_turn>user\nSay hello in one word.<end_of_turn>\n<start_of_turn>model\n"
    )


def test_the_user_can_change_the_template_and_chatml_is_sent(
    qtbot: QtBot, dialog: ImportDialog, fake_ollama: FakeOllama, api: OllamaApi, tmp_path: Path
) -> None:
    path = tmp_path / "mystery.gguf"
    path.write_bytes(gguf("xyzzy"))
    load(qtbot, dialog, path)
    assert dialog.template.currentData() == "chatml"
    assert "not one the app knows" in dialog.template_why.text()
    dialog.template.setCurrentIndex(dialog.template.findData("llama3-instruct"))
    assert dialog.template_why.text().startswith("Your choice. The suggestion was ChatML")
    dialog.template.setCurrentIndex(dialog.template.findData("chatml"))
    run_import(qtbot, dialog, "qwen-like:1")
    assert creates(fake_ollama)[-1]["parameters"] == {"stop": ["<|im_start|>", "<|im_end|>"]}
    answer(api, "qwen-like:1")
    assert fake_ollama.prompts[-1][1] == (
        "<|im_start|>user\nSay hello in one word.<|im_end|>\n<|im_start|>assistant\n"
    )


def test_a_file_with_its_own_template_is_left_to_ollama(
    qtbot: QtBot, dialog: ImportDialog, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    path = tmp_path / "has-template.gguf"
    path.write_bytes(gguf("qwen2", **{"tokenizer.chat_template": "{% for m in messages %}"}))
    load(qtbot, dialog, path)
    assert dialog.template.currentData() == ""
    assert dialog.template.currentText() == "The file's own chat template"
    assert "carries its own chat template" in dialog.template_why.text()
    run_import(qtbot, dialog, "own:1")
    body = creates(fake_ollama)[-1]
    assert "template" not in body and "parameters" not in body


def test_without_a_template_the_model_answers_with_raw_markers(
    fake_ollama: FakeOllama, api: OllamaApi, tmp_path: Path
) -> None:
    """What the fix is for, as the real server does it (chat_gguf_no_template.json): a file
    without a template, imported with nothing, echoes raw ChatML markers."""
    from desktop.services.models.gguf_import import sha256_file

    path = tmp_path / "bare.gguf"
    path.write_bytes(gguf("gemma3"))
    digest = sha256_file(path, None, lambda _d, _t: None)
    api.upload_blob(path, digest, lambda _d, _t: None, None)
    api.create("bare:1", {"files": {"bare.gguf": digest}})
    assert api.show("bare:1").template == "{{ .Prompt }}"
    assert "<|im_end|>" in answer(api, "bare:1")


def test_chat_with_it_asks_for_the_chat_and_closes(
    qtbot: QtBot, dialog: ImportDialog, tmp_path: Path
) -> None:
    path = tmp_path / "g.gguf"
    path.write_bytes(gguf("gemma2"))
    load(qtbot, dialog, path)
    assert dialog.template.currentData() == "gemma-instruct"
    assert not dialog.chat_button.isVisible()
    run_import(qtbot, dialog, "g:2b")
    assert dialog.chat_button.isVisible() and dialog.cancel_button.text() == "Close"
    with qtbot.waitSignal(dialog.chatRequested, timeout=1000) as asked:
        qtbot.mouseClick(dialog.chat_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["g:2b"]
    assert not dialog.isVisible()
