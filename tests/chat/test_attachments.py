"""Attaching files and images in the chat tab, against the fake server over real HTTP:
what the model receives, what the transcript and the history keep, what is refused."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.core.attachments.refs import AttachmentKind
from desktop.core.chat import export
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from tests.attachments import documents as d
from tests.chat.conftest import drain, make_tab, read_store
from tests.fake_ollama import FakeOllama, gemma3_4b_vision

VISION = "gemma3:4b"


@pytest.fixture
def tab(
    qtbot: QtBot,
    fake_ollama: FakeOllama,
    service: OllamaService,
    settings: SettingsStore,
    history: ChatHistory,
) -> Iterator[ChatTab]:
    fake_ollama.install(gemma3_4b_vision())
    monitor = SystemMonitor(interval=0.05)
    t = make_tab(qtbot, service, settings, history, monitor)
    t.resize(1100, 700)
    qtbot.waitUntil(lambda: len(t.picker.models) == 2, timeout=5000)
    t.picker.select_model("gemma3-270m:latest")
    yield t
    monitor.stop()


def chats(fake: FakeOllama) -> list[dict]:  # type: ignore[type-arg]
    return [b for (_m, p, b) in fake.requests if p == "/api/chat"]


def attach(qtbot: QtBot, tab: ChatTab, *paths: Path) -> None:
    tab.attach.add_paths([str(p) for p in paths])
    qtbot.waitUntil(lambda: not tab.attach.jobs.busy, timeout=20000)


def send(qtbot: QtBot, tab: ChatTab, text: str) -> object:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as sig:
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)
    return sig.args[0]


def png(path: Path, w: int = 2400, h: int = 1600) -> Path:
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(path), "PNG")  # type: ignore[call-overload]
    return path


def test_a_pdf_and_a_code_file_go_to_the_model_with_their_places(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(d.report_pdf(3))
    code = tmp_path / "speed.py"
    code.write_text("def tokens_per_second(n, s):\n    return n / s\n")
    attach(qtbot, tab, pdf, code)
    chips = tab.view.attachments.chips()
    assert [c.name for c in chips] == ["report.pdf", "speed.py"]
    assert "tokens" in chips[0].detail.text() and "KiB" in chips[0].detail.text()
    send(qtbot, tab, "Summarise these")
    content = chats(fake_ollama)[-1]["messages"][-1]["content"]
    assert content.startswith("Summarise these\n--- File: report.pdf ---\n--- Page 1 ---\n")
    assert "--- Page 3 ---" in content and "--- End of report.pdf ---" in content
    assert "--- File: speed.py ---\ndef tokens_per_second(n, s):" in content
    assert tab.view.attachments.isHidden() and not tab.view.attachments.chips()  # sent
    # the transcript shows them under the question; the history keeps them
    question = tab.view.messages[0]
    assert question.text() == "Summarise these"
    assert question.findChildren(type(chips[0]))  # chips under the question
    drain(qtbot, tab.history)
    store = read_store(tab.history.path)
    try:
        stored = store.messages(tab.conversations.conv.id)  # type: ignore[union-attr]
        md = export.to_markdown(tab.conversations.conv, stored)  # type: ignore[arg-type]
        js = json.loads(export.to_json(tab.conversations.conv, stored))  # type: ignore[arg-type]
    finally:
        store.close()
    assert [a.name for a in stored[0].attachments] == ["report.pdf", "speed.py"]
    assert "`report.pdf`" in md and js["messages"][0]["attachments"][1]["name"] == "speed.py"


def test_regenerate_and_edit_send_the_files_again(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Plan\nBuy a laptop with 16 GB.\n")
    attach(qtbot, tab, notes)
    send(qtbot, tab, "What is the plan?")
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        tab.view.messages[-1].regen_button.click()
    assert "Buy a laptop with 16 GB." in chats(fake_ollama)[-1]["messages"][0]["content"]
    # edit: the question comes back with its files, and goes again with them
    tab.view.messages[0].edit_button.click()
    assert [c.name for c in tab.view.attachments.chips()] == ["notes.md"]
    send(qtbot, tab, "What does the plan say about memory?")
    sent = chats(fake_ollama)[-1]["messages"]
    assert len(sent) == 1 and "--- File: notes.md ---" in sent[0]["content"]
    assert sent[0]["content"].startswith("What does the plan say about memory?")


def test_refusals_are_sentences_and_nothing_is_attached(
    qtbot: QtBot, tab: ChatTab, tmp_path: Path
) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(d.make_pdf(["secret"], password="pw"))
    binary = tmp_path / "tool.txt"
    binary.write_bytes(b"\x7fELF" + bytes(300))
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    attach(qtbot, tab, locked, binary, zero)
    assert not tab.view.attachments.chips()
    text = tab.banner.text
    assert "locked.pdf is not attached: it is protected by a password" in text
    assert "tool.txt is not attached: it is not text" in text
    assert "zero.txt is not attached: it is not a file" in text
    assert "{" not in text


def test_images_need_a_model_that_can_see(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    photo = png(tmp_path / "photo.png")
    button = tab.view.attach_image
    assert not button.isEnabled()
    assert "gemma3-270m:latest cannot read images" in button.toolTip()
    assert VISION in button.toolTip()  # an installed one that can
    # dropped anyway: said, not attached
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    tab.view.composer.insertFromMimeData(mime)
    assert not tab.view.attachments.chips()
    assert "photo.png is not attached: gemma3-270m:latest cannot read images" in tab.banner.text
    # a vision model: attached (scaled to what models use), thumbnail, sent as base64
    tab.picker.select_model(VISION)
    assert button.isEnabled()
    tab.view.composer.insertFromMimeData(mime)
    qtbot.waitUntil(lambda: not tab.attach.jobs.busy, timeout=10000)
    chip = tab.view.attachments.chips()[0]
    assert chip.ref is not None and chip.ref.kind is AttachmentKind.IMAGE
    assert chip.ref.dimensions == (1344, 896) and chip.ref.thumb
    shown: list[tuple[str, QImage]] = []
    tab.attach.show_image = lambda name, image: shown.append((name, image))
    chip.opened.emit()
    assert shown and shown[0][1].width() == 1344
    outcome = send(qtbot, tab, "What is in the picture?")
    assert outcome.error is None  # type: ignore[attr-defined]
    images = chats(fake_ollama)[-1]["messages"][-1]["images"]
    decoded = QImage.fromData(base64.b64decode(images[0]))
    assert (decoded.width(), decoded.height()) == (1344, 896)


def test_a_server_refusing_images_is_a_sentence_without_braces(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    tab.picker.select_model(VISION)
    tab.attach.add_paths([str(png(tmp_path / "chart.png", 300, 200))])
    qtbot.waitUntil(lambda: not tab.attach.jobs.busy, timeout=10000)
    send(qtbot, tab, "Describe it")
    # the same chat regenerated with a model that cannot see: the real server's 400
    tab.picker.select_model("gemma3-270m:latest")
    with qtbot.waitSignal(tab.session.finished, timeout=10000) as sig:
        tab.view.messages[-1].regen_button.click()
    assert sig.args[0].error is not None and sig.args[0].error.status == 400
    text = tab.banner.text
    assert text.startswith("gemma3-270m:latest cannot read images.") and VISION in text
    assert "{" not in text and "\\" not in text
    footer = tab.view.messages[-1].footer.text()
    assert "cannot read images" in footer and "{" not in footer
    # and when the chat is opened again from the history
    drain(qtbot, tab.history)
    conv_id = tab.conversations.conv.id  # type: ignore[union-attr]
    tab.conversations.new_chat()
    with qtbot.waitSignal(tab.conversations.opened, timeout=5000):
        tab.conversations.open(conv_id)
    qtbot.waitUntil(lambda: len(tab.view.messages) == 2, timeout=5000)
    assert "{" not in tab.view.messages[-1].footer.text()


def test_a_pasted_screenshot_and_a_file_still_being_read(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    tab.picker.select_model(VISION)
    shot = QImage(800, 600, QImage.Format.Format_ARGB32)
    shot.fill(QColor(0, 0, 255, 128))
    mime = QMimeData()
    mime.setImageData(shot)
    tab.view.composer.insertFromMimeData(mime)
    qtbot.waitUntil(lambda: not tab.attach.jobs.busy, timeout=10000)
    ref = tab.view.attachments.chips()[0].ref
    assert ref is not None and ref.format == "png"  # transparency kept
    # a file whose reading has not ended yet: Send says so and waits
    big = tmp_path / "big.pdf"
    big.write_bytes(d.report_pdf(60))
    tab.attach.add_paths([str(big)])
    tab.view.composer.setPlainText("now")
    tab.composer.send()
    if tab.attach.jobs.busy:
        assert "Wait until big.pdf is read" in tab.banner.text
    qtbot.waitUntil(lambda: not tab.attach.jobs.busy, timeout=20000)
    # removing a chip removes it from what is sent
    chips = tab.view.attachments.chips()
    assert [c.name for c in chips] == ["pasted image.png", "big.pdf"]
    assert chips[1].remove_button is not None
    chips[1].remove_button.click()
    send(qtbot, tab, "only the picture")
    last = chats(fake_ollama)[-1]["messages"][-1]
    assert last["content"] == "only the picture" and len(last["images"]) == 1
