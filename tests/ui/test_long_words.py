"""A server's error with a 20,000-character word, or of 1 MiB (the stream reader's limit),
through every path that shows outside text: the window keeps its size and memory stays
bounded (issue 24.1: the window grew to 152,038 px and +416 MB; 1 MiB reached ~22 GB).

Real HTTP to the fake server; the whole app as it is built (app.build_app).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import DeskApp, build_app
from desktop.core.machine import hardware_fingerprint
from desktop.core.models.estimate import save_bandwidth
from desktop.core.paths import resolve_paths
from desktop.services.models.pull_queue import JobState
from desktop.ui.chat import ChatTab
from desktop.ui.common.bounded_text import MAX_CHARS, BoundedText
from desktop.ui.models import ModelsTab
from desktop.ui.models.import_dialog import ImportDialog
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.gguf import make_gguf
from tests.fake_ollama.models import gemma3_270m

SIZES = {"20,000-character word": 20_000, "1 MiB": 1 << 20}
# RSS may grow by the copies of the error text a failure keeps (the error, its Details, the
# stored record: ~15 MiB for 1 MiB), never by what laying the text out would cost: +416 MB
# for the 20,000-character word before the fix, ~22 GB for 1 MiB. (The Models tab measures
# the memory bandwidth with two 64 MiB buffers when none is saved: one is saved first.)
RSS_BUDGET = 48 * 2**20
SHOWN_MAX = MAX_CHARS + 2  # what a bounded label shows: its text and an ellipsis


def _known_bandwidth() -> None:
    """As if measured before: no 128 MiB measurement runs while RSS is compared."""
    save_bandwidth(resolve_paths(None).ensure().data_dir, 20e9, hardware_fingerprint())


def _rss() -> int:
    gc.collect()
    QCoreApplication.processEvents()
    with contextlib.suppress(OSError):  # freed memory back to the system: RSS is what is held
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return int(psutil.Process().memory_info().rss)


def _word(n: int) -> str:
    return "W" * n  # a wide letter and not one break


def _bounded(label: BoundedText, n: int) -> None:
    """It shows a bounded text, offers Details, and the Details hold everything."""
    assert len(label.shown_text()) <= SHOWN_MAX
    assert len(label.label.text()) <= SHOWN_MAX
    assert label.has_details
    assert len(label.text()) + len(label.details()) >= n


class Watch:
    """The window must never change size, whatever is shown."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.size = window.size()

    def check(self, where: str) -> None:
        QApplication.processEvents()
        assert self.window.size() == self.size, f"{where}: {self.window.size()}"


@pytest.fixture
def desk(qtbot: QtBot, fake_ollama: FakeOllama) -> Iterator[DeskApp]:
    _known_bandwidth()
    app = build_app(host=fake_ollama.url)
    qtbot.addWidget(app.window)
    app.window.resize(1100, 720)
    app.window.show()
    qtbot.waitExposed(app.window)
    with qtbot.waitSignal(app.monitor.stateChanged, timeout=5000):
        app.monitor.start()
    chat = app.window.chat_tab
    assert isinstance(chat, ChatTab)
    qtbot.waitUntil(lambda: bool(chat.picker.models), timeout=5000)
    yield app
    app.shutdown()


def _ask(qtbot: QtBot, chat: ChatTab, text: str) -> None:
    chat.view.composer.setPlainText(text)
    with qtbot.waitSignal(chat.session.finished, timeout=20000):
        qtbot.keyClick(chat.view.composer, Qt.Key.Key_Return)
    t = chat.view.transcript
    last = t.widget_at(t.row_count() - 1)
    assert last is not None
    qtbot.waitUntil(lambda: not last.body.pending, timeout=10000)


def _every_path(
    qtbot: QtBot, desk: DeskApp, fake: FakeOllama, tmp_path: Path, word: str, watch: Watch
) -> None:
    """The error ``word`` through every path the fake server can reach."""
    n = len(word)
    huge = n > SHOWN_MAX
    window = desk.window
    chat, models = window.chat_tab, window.models_tab
    assert isinstance(chat, ChatTab) and isinstance(models, ModelsTab)

    def bounded(label: BoundedText) -> None:
        if huge:
            _bounded(label, n)

    # the chat banner: a refusal before the answer starts
    window.tabs.setCurrentWidget(chat)
    fake.add_fault("/api/chat", status=500, error=word)
    _ask(qtbot, chat, "hello")
    bounded(chat.view.banner.label)
    watch.check("chat banner")

    # a message's footer: an error line in the middle of an answer
    fake.add_fault("/api/chat", error_after=3, error=word)
    _ask(qtbot, chat, "again")
    t = chat.view.transcript
    answer = t.widget_at(t.row_count() - 1)
    assert answer is not None and answer.footer.isVisibleTo(answer)
    bounded(answer.footer)
    watch.check("message footer")

    # Details: the whole text in a window of its own, of a fixed size
    details = chat.view.banner.label.open_details()
    qtbot.waitExposed(details)
    assert details.width() <= 700 and details.height() <= 500
    details.close()
    watch.check("details")

    # a failed download: its state in the list, its reason below, the status bar
    window.tabs.setCurrentWidget(models)
    fake.add_fault("/api/pull", error_after=1, error=word)
    with qtbot.waitSignal(models.model_library.pullFinished, timeout=20000) as done:
        models.request_pull("qwen3:0.6b")
    assert done.args[0].state is JobState.FAILED
    row = models.downloads.table.currentRow()
    item = models.downloads.table.item(row, 3)
    assert item is not None and len(item.text()) <= SHOWN_MAX
    assert len(item.toolTip()) <= 400
    bounded(models.downloads.reason)
    assert len(window.statusBar().currentMessage()) <= 200
    watch.check("downloads")

    # a failed import: a file's own words and the server's, in a dialog that keeps its size
    gguf = tmp_path / f"huge{n}.gguf"
    gguf.write_bytes(make_gguf({"general.architecture": word[:60000], "general.file_type": 15}))
    fake.add_fault("/api/create", status=500, error=word)
    dialog = ImportDialog(models.model_library.importer, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog_size = dialog.size()
    with qtbot.waitSignal(dialog.load_file(gguf).finished, timeout=10000):
        pass
    assert len(dialog.arch.shown_text()) <= SHOWN_MAX
    dialog.name.setText("huge:1b")
    job = dialog.start_import()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    bounded(dialog.status)
    QApplication.processEvents()
    assert dialog.size() == dialog_size
    dialog.close()
    watch.check("import")


@pytest.mark.parametrize("size", list(SIZES))
def test_a_huge_server_error_never_grows_the_window(
    qtbot: QtBot, desk: DeskApp, fake_ollama: FakeOllama, tmp_path: Path, size: str
) -> None:
    watch = Watch(desk.window)
    # the same paths with a short error first: what showing them costs the first time
    # (widgets, fonts, caches) is not what a long error costs
    _every_path(qtbot, desk, fake_ollama, tmp_path, "short error", watch)
    rss0 = _rss()
    _every_path(qtbot, desk, fake_ollama, tmp_path, _word(SIZES[size]), watch)
    grown = _rss() - rss0
    assert grown < RSS_BUDGET, f"RSS grew by {grown / 2**20:.1f} MiB"


@pytest.mark.parametrize("size", list(SIZES))
def test_a_huge_server_address_never_grows_the_window(qtbot: QtBot, size: str) -> None:
    """An address that cannot be used is quoted in a notice, the status bar and the
    Server tab: the window keeps its size."""
    value = "http://" + "a" * SIZES[size] + "<"
    _known_bandwidth()
    rss0 = _rss()
    desk = build_app(host=value)
    try:
        window = desk.window
        qtbot.addWidget(window)
        window.resize(1100, 720)
        window.show()
        qtbot.waitExposed(window)
        watch = Watch(window)
        notices = window.notices.bars()
        assert len(notices) == 1
        _bounded(notices[0].label, SIZES[size])
        problem = window.connection_status.problem
        assert len(problem.shown_text()) <= SHOWN_MAX and len(problem.toolTip()) <= 400
        window.show_server_tab()
        server_problem = window.server_tab.view.host_problem  # type: ignore[attr-defined]
        assert len(server_problem.shown_text()) <= SHOWN_MAX
        watch.check("notice, status bar, server tab")
        window.show_status(value)
        assert len(window.statusBar().currentMessage()) <= 200
        watch.check("status message")
    finally:
        desk.shutdown()
    assert _rss() - rss0 < RSS_BUDGET


def _visit_with_model(qtbot: QtBot, fake: FakeOllama, name: str) -> None:
    """The app against a server that lists a model called ``name``: Chat, then Models."""
    _known_bandwidth()
    model = gemma3_270m()
    fake.install(replace(model, name=name, details=dict(model.details, family=name[:-7])))
    desk = build_app(host=fake.url)
    try:
        window = desk.window
        qtbot.addWidget(window)
        window.resize(1100, 720)
        window.show()
        qtbot.waitExposed(window)
        watch = Watch(window)
        chat, models = window.chat_tab, window.models_tab
        assert isinstance(chat, ChatTab) and isinstance(models, ModelsTab)
        with qtbot.waitSignal(models.model_library.installedChanged, timeout=5000):
            desk.monitor.start()
        qtbot.waitUntil(lambda: name in chat.picker.models, timeout=5000)
        watch.check("chat's model list")
        window.tabs.setCurrentWidget(models)
        watch.check("models tab")
        combo = chat.view.model
        assert all(len(combo.itemText(i)) < 300 for i in range(combo.count()))
    finally:
        desk.shutdown()
        with fake.lock:
            fake.state.installed.pop(name.lower(), None)


@pytest.mark.parametrize("size", list(SIZES))
def test_a_huge_model_name_never_grows_the_window(
    qtbot: QtBot, fake_ollama: FakeOllama, size: str
) -> None:
    _visit_with_model(qtbot, fake_ollama, "short:latest")  # what the first visit costs
    rss0 = _rss()
    _visit_with_model(qtbot, fake_ollama, "m" * SIZES[size] + ":latest")
    grown = _rss() - rss0
    assert grown < RSS_BUDGET, f"RSS grew by {grown / 2**20:.1f} MiB"
