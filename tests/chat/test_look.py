"""The chat's look (issue 20, "A look people choose"): the user's messages as tinted cards
and the model's as open text in a column of comfortable width, icon buttons that name
themselves, Send that becomes Stop in the same place, and the figures as a strip that can
be hidden (View menu or the toggle above the chat, remembered) with details on demand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QToolButton
from pytestqt.qtbot import QtBot

from desktop.app import build_app
from desktop.core.chat.processes import MachineSample
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.chat.transcript_layout import COLUMN_PX, SIDE_PX
from desktop.ui.shell.style import LIGHT, AppLook
from tests.chat.conftest import make_tab
from tests.fake_ollama import FakeOllama


@pytest.fixture
def light(qapp: QApplication) -> Iterator[AppLook]:
    """The app's own look (its palette and style sheet draw the user's card)."""
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    look = AppLook(qapp, "light")
    yield look
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)


@pytest.fixture
def tab(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, history: ChatHistory
) -> Iterator[ChatTab]:
    monitor = SystemMonitor(interval=0.05)
    t = make_tab(qtbot, service, settings, history, monitor)
    t.resize(1400, 800)
    t.show()
    qtbot.waitUntil(lambda: bool(t.picker.models), timeout=5000)
    yield t
    monitor.stop()


def ask(qtbot: QtBot, tab: ChatTab, text: str) -> None:
    tab.view.composer.setPlainText(text)
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        qtbot.keyClick(tab.view.composer, Qt.Key.Key_Return)


def pixel(row: QFrame, x: int, y: int) -> QColor:
    """A pixel of a message as the transcript shows it (what lies behind it included)."""
    parent = row.parentWidget()
    assert parent is not None
    return parent.grab(row.geometry()).toImage().pixelColor(x, y)


@pytest.mark.usefixtures("light")
def test_the_users_message_is_a_tinted_card_and_the_answer_open_text_in_a_centred_column(
    qtbot: QtBot, tab: ChatTab
) -> None:
    ask(qtbot, tab, "why is the sky blue?")
    question, answer = tab.view.messages
    assert question.objectName() == "userMessage" and answer.objectName() == "assistantMessage"
    assert question.frameShape() == answer.frameShape() == QFrame.Shape.NoFrame  # no boxes
    # the card is painted by the app's one style sheet, in the user's tint; the answer
    # lies on the chat's own surface (the padding, left of the text)
    assert pixel(question, 6, question.height() // 2) == QColor(LIGHT.user_card)
    surface = tab.view.transcript.viewport().palette().color(QPalette.ColorRole.Base)
    assert pixel(answer, 6, answer.height() // 2) == surface
    # a wide window: the messages keep a readable width, centred
    viewport = tab.view.transcript.viewport()
    for row in (question, answer):
        left = row.geometry().left()
        right = viewport.width() - row.geometry().right() - 1
        assert row.width() == COLUMN_PX and abs(left - right) <= 1
    # a narrow one: they take the width there is, less a margin either side
    tab.resize(760, 700)
    qtbot.waitUntil(lambda: question.width() < COLUMN_PX, timeout=3000)
    assert question.width() == viewport.width() - 2 * SIDE_PX
    assert question.geometry().left() == SIDE_PX


def test_message_actions_are_icons_that_name_themselves(qtbot: QtBot, tab: ChatTab) -> None:
    ask(qtbot, tab, "first")
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        tab.view.messages[-1].regen_button.click()  # a second answer: ‹ 2/2 ›
    question, answer = tab.view.messages
    back, label, forward = answer._versions  # type: ignore[misc]
    assert label.text() == "2/2"
    buttons = [question.copy_button, question.edit_button, answer.copy_button]
    buttons += [answer.regen_button, back, forward]
    for b in buttons:
        assert isinstance(b, QToolButton)
        assert b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        assert not b.icon().isNull() and not b.icon().pixmap(16, 16).isNull()
        assert b.toolTip() and b.accessibleName() == b.toolTip()
        assert b.focusPolicy() & Qt.FocusPolicy.TabFocus  # reached with Tab (test_keyboard)
    assert question.copy_button.toolTip() == "Copy" and answer.regen_button.toolTip() == (
        "Regenerate"
    )
    assert back.toolTip() == "Previous answer" and back.isEnabled() and not forward.isEnabled()


def test_send_becomes_stop_in_the_same_place_inside_the_message_box(
    qtbot: QtBot, tab: ChatTab, fake_ollama: FakeOllama
) -> None:
    v = tab.view
    assert v.composer_box.isAncestorOf(v.composer)  # one unit: the box, its buttons
    for b in (v.attach_file, v.attach_image, v.send_button, v.stop_button):
        assert v.composer_box.isAncestorOf(b) and not b.icon().isNull()
    send_at = v.send_button.geometry()
    fake_ollama.token_delay = 0.05
    v.composer.setPlainText("a slow answer")
    tab.composer.send()
    qtbot.waitUntil(lambda: v.stop_button.isVisible(), timeout=5000)
    assert not v.send_button.isVisible()
    assert v.stop_button.geometry().center() == send_at.center()
    with qtbot.waitSignal(tab.session.finished, timeout=10000):
        v.stop_button.click()
    assert v.send_button.isVisible() and not v.stop_button.isVisible()


def test_the_figures_strip_hides_from_the_view_menu_and_stays_hidden_after_a_restart(
    qtbot: QtBot, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    home = str(tmp_path / "cfg")
    desk = build_app(host=fake_ollama.url, config_dir=home, lang="en")
    try:
        desk.window.show()
        chat = desk.window.chat_tab
        assert isinstance(chat, ChatTab)
        action = chat.perf_action
        assert action in desk.window.view_menu.actions() and action.isChecked()
        perf, toggle = chat.view.perf, chat.view.perf_toggle
        qtbot.waitUntil(lambda: chat.monitor.active, timeout=3000)
        assert perf.isVisible() and toggle.isChecked()
        action.trigger()  # View > Performance figures
        assert perf.isHidden() and not toggle.isChecked()
        assert not chat.monitor.active  # hidden: this computer is not sampled at all
        assert desk.settings.flag("chat_perf_strip") is False
    finally:
        desk.window.close()
        desk.shutdown()
    again = build_app(host=fake_ollama.url, config_dir=home, lang="en")
    try:
        again.window.show()
        chat = again.window.chat_tab
        assert isinstance(chat, ChatTab)
        assert chat.view.perf.isHidden() and not chat.perf_action.isChecked()
        assert not chat.monitor.active
        chat.view.perf_toggle.click()  # the toggle above the chat does the same
        assert chat.view.perf.isVisible() and chat.perf_action.isChecked()
        qtbot.waitUntil(lambda: chat.monitor.active, timeout=3000)
        assert again.settings.flag("chat_perf_strip") is True
    finally:
        again.window.close()
        again.shutdown()


def sample(cpu: float) -> MachineSample:
    return MachineSample(1.0, cpu, 3 << 30, 8 << 30, 0, 0, None, ())


def test_details_unfold_on_demand_and_folded_they_draw_nothing(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, history: ChatHistory
) -> None:
    tab = make_tab(qtbot, service, settings, history)
    tab.resize(1200, 800)
    tab.show()
    perf = tab.view.perf
    qtbot.waitExposed(tab)
    assert perf.details.isHidden()  # the strip alone, by default
    # this machine's own samples would race the ones pushed here (CI saw its real "0 %")
    tab.monitor.set_active(False)
    tab.monitor.sampled.disconnect()
    strip = perf.strip
    before = (strip.cpu_chart.paints, perf.cpu_chart.paints)
    for cpu in (20.0, 40.0, 60.0):
        perf.push_sample(sample(cpu))
    qtbot.waitUntil(lambda: strip.cpu_chart.paints > before[0], timeout=2000)
    assert perf.cpu_chart.paints == before[1]  # folded: its chart is not drawn
    assert strip.cpu.text() == "60 %" and strip.ram.text() == "3.0 / 8.0 GiB"
    assert perf.cpu.text() == "60 %"  # the details' figure is kept up to date, unseen
    strip.details_button.click()
    assert perf.details.isVisible() and settings.flag("chat_perf_details") is True
    qtbot.waitUntil(lambda: perf.cpu_chart.paints > before[1], timeout=2000)
    tab.close()
    again = make_tab(qtbot, service, SettingsStore(settings.path), history)
    assert again.view.perf.details_shown  # remembered
    assert not again.view.perf.details.isHidden()


def test_a_switch_to_dark_draws_every_icon_again(
    qtbot: QtBot, tab: ChatTab, qapp: QApplication
) -> None:
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    look = AppLook(qapp, "light")
    try:
        ask(qtbot, tab, "hello")

        def ink(button: QToolButton) -> int:
            """The lightness of the darkest/brightest stroke of the button's icon."""
            image = button.icon().pixmap(16, 16).toImage()
            values = [
                image.pixelColor(QPoint(x, y))
                for x in range(image.width())
                for y in range(image.height())
            ]
            strokes = [c.lightness() for c in values if c.alpha() > 200]
            assert strokes
            return sum(strokes) // len(strokes)

        copy = tab.view.messages[0].copy_button
        assert ink(copy) < 128 and ink(tab.view.send_button) > 200  # dark ink; white on blue
        look.set_appearance("dark")
        qtbot.waitUntil(lambda: bool(tab.view.messages), timeout=2000)
        assert ink(tab.view.messages[0].copy_button) > 128  # light ink on the dark surface
        assert ink(tab.view.perf_toggle) > 128 and ink(tab.view.attach_file) > 128
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)
        qapp.setStyle(style)


def test_the_message_box_shows_the_focus_on_its_own_frame_not_a_second_ring(
    qtbot: QtBot, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    desk = build_app(host=fake_ollama.url, config_dir=str(tmp_path / "cfg"), lang="en")
    try:
        desk.window.show()
        desk.window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.window, timeout=2000)
        chat = desk.window.chat_tab
        assert isinstance(chat, ChatTab)
        box, ring = chat.view.composer_box, desk.window.focus_ring
        chat.view.attach_file.setFocus(Qt.FocusReason.TabFocusReason)
        assert ring.frame is not None and ring.frame.isVisible()  # a button: the ring
        assert box.property("focused") is not True
        qtbot.keyClick(chat.view.attach_file, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert QApplication.focusWidget() is chat.view.composer
        assert box.property("focused") is True  # the box's border turns the accent colour
        assert not ring.frame.isVisible()  # and no ring inside it
    finally:
        desk.window.close()
        desk.shutdown()
