"""Chat tab logic: models, conversations, sending, streaming into the view, the panel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QListWidgetItem,
    QMenu,
    QMessageBox,
)

from desktop.core.api_types import LocalModel
from desktop.core.chat import export
from desktop.core.chat.conversation import (
    ChatParams,
    Conversation,
    Message,
    MessageStatus,
    api_messages,
    title_from,
)
from desktop.core.chat.metrics import FinalStats, LiveStats, swap_grew
from desktop.core.chat.processes import MachineSample
from desktop.core.errors import OllamaError
from desktop.core.hosts import HostURL
from desktop.core.units import human_bytes
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.chat.session import ChatSession, Outcome
from desktop.services.chat.store import ChatStore
from desktop.services.messages import error_message
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import format as fmt
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.params_dialog import ParamsDialog
from desktop.ui.chat.transcript import PAGE
from desktop.ui.chat.transcript_links import confirm_link
from desktop.ui.chat.transcript_pages import Opened, fetcher, open_chat
from desktop.ui.chat.transcript_rows import meta_of

Prepared = tuple[Conversation, list[Message]]


class ChatController(QObject):
    pullRequested = Signal(str)
    generationFinished = Signal(str, object)
    conversationShown = Signal(int)  # after a conversation is on screen (tests, lead)

    def __init__(
        self,
        view: ChatView,
        ollama: OllamaService,
        settings: SettingsStore,
        history: ChatHistory,
        monitor: SystemMonitor,
        session: ChatSession,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.ollama = ollama
        self.settings = settings
        self.history = history
        self.monitor = monitor
        self.session = session
        self.conv: Conversation | None = None
        self.models: dict[str, LocalModel] = {}
        self.edit_from: int | None = None
        self.answer: MessageWidget | None = None
        self.remote = False
        self.visible = False
        self.last_sample: MachineSample | None = None
        self._swap_start: int | None = None
        self._live: LiveStats | None = None
        self._preparing = False
        self._missing_model = ""
        self._banner_action: Callable[[], None] | None = None
        self._draft: tuple[str, ChatParams] | None = None  # settings chosen before sending
        self.confirm_link: Callable[[str], bool] = self._ask_open_link
        self._chart_timer = QTimer(self)
        self._chart_timer.setInterval(1000)
        self._chart_timer.timeout.connect(self._chart_tick)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.reload_conversations)
        self._connect_callbacks()
        self.view.think.setChecked(bool(settings.get("chat_think")))
        self.apply_host(ollama.host)
        self.refresh_models()
        self.reload_conversations()

    def _connect_callbacks(self) -> None:
        v = self.view
        v.composer.submitted.connect(self.send)
        v.send_button.clicked.connect(self.send)
        v.stop_button.clicked.connect(self.stop)
        v.new_button.clicked.connect(self.new_chat)
        v.refresh_models.clicked.connect(self.refresh_models)
        v.settings_button.clicked.connect(self.edit_params)
        v.search.textChanged.connect(lambda _t: self._search_timer.start())
        v.conversations.itemActivated.connect(self._on_item)
        v.conversations.itemClicked.connect(self._on_item)
        v.conversations.customContextMenuRequested.connect(self._conversation_menu)
        v.model.currentIndexChanged.connect(self._on_model_changed)
        v.think.toggled.connect(self._on_think_toggled)
        v.banner.action.clicked.connect(self._on_banner_action)
        v.transcript.linkClicked.connect(self.open_link)
        v.transcript.editRequested.connect(self.edit_message)
        v.transcript.regenerateRequested.connect(self.regenerate)
        self.session.delta.connect(self._on_delta)
        self.session.live.connect(self._on_live)
        self.session.finished.connect(self._on_finished)
        self.monitor.sampled.connect(self._on_sample)
        self.ollama.modelsChanged.connect(self.refresh_models)
        self.ollama.hostChanged.connect(self.apply_host)
        self.history.failed.connect(self._on_history_failed)
        # asked, not listened for: the store may have opened before this controller existed
        self._db(lambda s: s.recovered, self._on_history_ready)

    def _db(
        self, fn: Callable[[ChatStore], Any], on_done: Callable[[Any], None] | None = None
    ) -> None:
        """A history call whose answer is dropped if this tab is gone by then."""
        self.history.call(fn, on_done, context=self.view)

    # -- host, visibility, monitor -----------------------------------------------------
    def apply_host(self, host: HostURL) -> None:
        self.remote = not host.is_loopback
        self.monitor.sampler.set_port(host.port)
        self.monitor.sampler.rescan()
        self.view.perf.set_remote(self.remote)
        self._update_monitor()
        self.refresh_models()

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self._update_monitor()

    def _update_monitor(self) -> None:
        sampling = self.visible and not self.remote
        self.monitor.set_active(sampling)
        if self.visible and not sampling:
            self._chart_timer.start()  # else each sample moves the speed chart on
        else:
            self._chart_timer.stop()

    def _on_sample(self, sample: MachineSample) -> None:
        if self.remote:
            return
        self.last_sample = sample
        self.view.perf.push_sample(sample)
        self._chart_tick()  # one repaint a second for both, not two
        if self.session.busy and self._swap_start is not None:
            self.view.perf.show_swap_warning(swap_grew(self._swap_start, sample.swap_used))

    def _chart_tick(self) -> None:
        busy = self.session.busy and self._live is not None
        self.view.perf.push_speed(self._live.tokens_per_second if busy and self._live else None)

    def _on_history_failed(self, text: str) -> None:
        self.show_banner(self.tr("Chat history error: {0}").format(text))

    def _on_history_ready(self, interrupted: int | None) -> None:
        if interrupted:
            self.show_banner(
                self.tr(
                    "{0} answer(s) were cut off when the app closed "
                    "unexpectedly; what was shown is kept."
                ).format(interrupted)
            )
        self.reload_conversations()

    # -- models ------------------------------------------------------------------------
    def refresh_models(self) -> None:
        task = self.ollama.list_models()
        task.succeeded.connect(self._fill_models)
        task.failed.connect(self._models_failed)

    def _models_failed(self, _error: object) -> None:
        if not self.models:
            self._fill_models([])

    def _fill_models(self, models: Sequence[LocalModel]) -> None:
        if not shiboken6.isValid(self.view):
            return  # the tab closed while the list was on its way
        combo = self.view.model
        wanted = (
            combo.currentData()
            or (self.conv.model if self.conv else "")
            or self.settings.get("chat_model")
        )
        combo.blockSignals(True)
        combo.clear()
        self.models = {m.name: m for m in models}
        for m in sorted(models, key=lambda m: m.name):
            extra = ", ".join(x for x in (human_bytes(m.size), m.details.quantization_level) if x)
            combo.addItem(f"{m.name}  ({extra})", m.name)
        if not models:
            combo.addItem(self.tr("No models installed"), "")
        index = combo.findData(wanted) if wanted else -1
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)
        self._update_think_enabled()

    def current_model(self) -> str:
        return str(self.view.model.currentData() or "")

    def select_model(self, name: str) -> None:
        index = self.view.model.findData(name)
        if index >= 0:
            self.view.model.setCurrentIndex(index)

    def _supports_thinking(self, name: str) -> bool:
        m = self.models.get(name)
        return m is not None and "thinking" in m.capabilities

    def _update_think_enabled(self) -> None:
        ok = self._supports_thinking(self.current_model())
        self.view.think.setEnabled(ok)
        self.view.think.setToolTip(
            self.tr("Let a thinking model reason before it answers")
            if ok
            else self.tr("This model does not reason aloud")
        )

    def _on_model_changed(self, _index: int) -> None:
        name = self.current_model()
        self._update_think_enabled()
        if not name:
            return
        self.settings.set("chat_model", name)
        if self.conv is not None and self.conv.model != name:
            self.conv = self.conv.with_(model=name)
            conv = self.conv
            self._db(lambda s: s.update_conversation(conv))

    def _on_think_toggled(self, on: bool) -> None:
        if self.conv is not None and self.conv.think != on:
            self.conv = self.conv.with_(think=on)
            conv = self.conv
            self._db(lambda s: s.update_conversation(conv))

    # -- conversations -----------------------------------------------------------------
    def reload_conversations(self) -> None:
        query = self.view.search.text()
        self._db(lambda s: s.list_conversations(query), self._fill_conversations)

    def _fill_conversations(self, convs: list[Conversation] | None) -> None:
        lst = self.view.conversations
        lst.clear()
        for c in convs or []:
            item = QListWidgetItem(c.title or self.tr("Untitled chat"))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(c.model)
            lst.addItem(item)
            if self.conv is not None and c.id == self.conv.id:
                item.setSelected(True)

    def _on_item(self, item: QListWidgetItem) -> None:
        conv_id = int(item.data(Qt.ItemDataRole.UserRole))
        if self.session.busy or (self.conv is not None and self.conv.id == conv_id):
            return
        self.open_conversation(conv_id)

    def open_conversation(self, conv_id: int) -> None:
        self._db(lambda s: open_chat(s, conv_id), self._show_conversation)

    def _show_conversation(self, opened: Opened | None) -> None:
        if opened is None:
            return
        conv, metas, page = opened
        self.conv = conv
        self.edit_from = None
        self.view.banner.hide()
        self.view.think.blockSignals(True)
        self.view.think.setChecked(conv.think)
        self.view.think.blockSignals(False)
        if conv.model:
            self.select_model(conv.model)
        self._transcript_grid()
        self.view.transcript.show_conversation(
            metas, page, fetcher(self.history, conv.id, self.view)
        )
        self.conversationShown.emit(conv.id)

    def new_chat(self) -> None:
        if self.session.busy:
            return
        self.conv = None
        self._draft = None
        self.edit_from = None
        self.view.clear_messages()
        self.view.banner.hide()
        self.view.perf.clear_answer()
        self.view.think.setChecked(bool(self.settings.get("chat_think")))
        self.view.conversations.clearSelection()
        self.view.composer.setFocus()

    def _transcript_grid(self) -> None:
        self.view.transcript.grid_g_per_kwh = float(self.settings.get("chat_grid_g_per_kwh"))

    def _render(self, messages: Sequence[Message]) -> None:
        assert self.conv is not None
        self._transcript_grid()
        self.view.transcript.show_conversation(
            [meta_of(m) for m in messages],
            messages[-PAGE:],
            fetcher(self.history, self.conv.id, self.view),
        )

    def _status_text(self, status: MessageStatus) -> str:
        return {
            MessageStatus.COMPLETE: "",
            MessageStatus.STREAMING: self.tr("answering…"),
            MessageStatus.STOPPED: self.tr("stopped"),
            MessageStatus.INTERRUPTED: self.tr("interrupted (the app closed)"),
            MessageStatus.ERROR: self.tr("failed"),
        }[status]

    def _conversation_menu(self, pos: QPoint) -> None:
        item = self.view.conversations.itemAt(pos)
        if item is None:
            return
        conv_id = int(item.data(Qt.ItemDataRole.UserRole))
        menu = QMenu(self.view)
        menu.addAction(self.tr("Rename…"), lambda: self.ask_rename(conv_id, item.text()))
        menu.addAction(self.tr("Export as Markdown…"), lambda: self.ask_export(conv_id, "md"))
        menu.addAction(self.tr("Export as JSON…"), lambda: self.ask_export(conv_id, "json"))
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self.ask_delete(conv_id, item.text()))
        menu.exec(self.view.conversations.viewport().mapToGlobal(pos))

    def ask_rename(self, conv_id: int, current: str) -> None:
        title, ok = QInputDialog.getText(
            self.view, self.tr("Rename chat"), self.tr("Title"), text=current
        )
        if ok and title.strip():
            self.rename(conv_id, title.strip())

    def rename(self, conv_id: int, title: str) -> None:
        if self.conv is not None and self.conv.id == conv_id:
            self.conv = self.conv.with_(title=title)
        self._db(lambda s: s.rename(conv_id, title), lambda _r: self.reload_conversations())

    def ask_delete(self, conv_id: int, title: str) -> None:
        answer = QMessageBox.question(
            self.view,
            self.tr("Delete chat"),
            self.tr("Delete “{0}” and all its messages?").format(title),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(conv_id)

    def delete(self, conv_id: int) -> None:
        if self.session.busy and self.conv is not None and self.conv.id == conv_id:
            return
        if self.conv is not None and self.conv.id == conv_id:
            self.new_chat()
        self._db(lambda s: s.delete_conversation(conv_id), lambda _r: self.reload_conversations())

    def ask_export(self, conv_id: int, kind: str) -> None:
        filt = self.tr("Markdown (*.md)") if kind == "md" else self.tr("JSON (*.json)")
        path, _ = QFileDialog.getSaveFileName(
            self.view, self.tr("Export chat"), f"chat-{conv_id}.{kind}", filt
        )
        if path:
            self.export(conv_id, Path(path), kind)

    def export(
        self, conv_id: int, path: Path, kind: str, on_done: Callable[[object], None] | None = None
    ) -> None:
        def write(s: ChatStore) -> Path:
            conv, messages = s.conversation(conv_id), s.messages(conv_id)
            text = (
                export.to_markdown(conv, messages)
                if kind == "md"
                else export.to_json(conv, messages)
            )
            path.write_text(text, encoding="utf-8")
            return path

        self._db(
            write,
            on_done or (lambda p: self.show_banner(self.tr("Saved {0}").format(p)) if p else None),
        )

    # -- parameters --------------------------------------------------------------------
    def _defaults(self) -> tuple[str, ChatParams]:
        g = self.settings.get
        return str(g("chat_system_prompt")), ChatParams(
            temperature=float(g("chat_temperature")),
            num_ctx=int(g("chat_num_ctx")),
            num_thread=int(g("chat_num_thread")),
            seed=int(g("chat_seed")),
            num_predict=int(g("chat_num_predict")),
        )

    def current_params(self) -> tuple[str, ChatParams]:
        if self.conv is not None:
            return self.conv.system_prompt, self.conv.params
        return self._draft if self._draft is not None else self._defaults()

    def edit_params(self) -> None:
        system, params = self.current_params()
        g = self.settings.get
        dialog = ParamsDialog(
            system,
            params,
            float(g("chat_watts_per_core")),
            float(g("chat_grid_g_per_kwh")),
            self.view,
        )
        if dialog.exec():
            self.set_params(*dialog.result_values())
            watts, grid = dialog.energy_values()
            self.settings.set("chat_watts_per_core", watts)
            self.settings.set("chat_grid_g_per_kwh", grid)

    def set_params(self, system: str, params: ChatParams) -> None:
        if self.conv is None:
            self._draft = (system, params)
            return
        self.conv = self.conv.with_(system_prompt=system, params=params)
        conv = self.conv
        self._db(lambda s: s.update_conversation(conv))

    # -- sending -----------------------------------------------------------------------
    def send(self) -> None:
        text = self.view.composer.toPlainText().strip()
        if not text or self.session.busy or self._preparing:
            return
        model = self.current_model()
        if not model:
            self.show_banner(
                self.tr(
                    "No model is installed yet. Download one in the Models tab, then pick it above."
                )
            )
            return
        self.view.composer.clear()
        self.view.banner.hide()
        conv_id = self.conv.id if self.conv is not None else 0
        edit_from, self.edit_from = self.edit_from, None
        system, params = self.current_params()
        think = self.view.think.isChecked()
        title = title_from(text)

        def prepare(s: ChatStore) -> Prepared:
            if conv_id:
                conv = s.conversation(conv_id).with_(model=model, think=think)
                s.update_conversation(conv)
            else:
                conv = s.create_conversation(title, model, system, params, think)
            if edit_from is not None:
                s.delete_from(conv.id, edit_from)
            s.add_message(conv.id, "user", text)
            s.add_message(conv.id, "assistant", status=MessageStatus.STREAMING, model=model)
            return conv, s.messages(conv.id)

        self._begin_prepare()
        full = edit_from is not None
        self._db(prepare, lambda r: self._start(r, full_render=full))

    def regenerate(self, position: int) -> None:
        if self.conv is None or self.session.busy or self._preparing:
            return
        conv_id, model = self.conv.id, self.current_model() or self.conv.model

        def prepare(s: ChatStore) -> Prepared:
            s.delete_from(conv_id, position)
            s.add_message(conv_id, "assistant", status=MessageStatus.STREAMING, model=model)
            return s.conversation(conv_id), s.messages(conv_id)

        self._begin_prepare()
        self._db(prepare, lambda r: self._start(r, full_render=True))

    def edit_message(self, position: int) -> None:
        text = self.view.transcript.message_text(position)
        if text is None or self.session.busy:
            return
        self.edit_from = position
        self.view.composer.setPlainText(text)
        self.view.composer.setFocus()
        self.show_banner(
            self.tr("Editing an earlier message: sending replaces it and every message after it."),
            self.tr("Cancel edit"),
            self._cancel_edit,
        )

    def _cancel_edit(self) -> None:
        self.edit_from = None
        self.view.composer.clear()
        self.view.banner.hide()

    def _begin_prepare(self) -> None:
        self._preparing = True
        self.view.set_streaming(True)

    def _start(self, prepared: Prepared | None, full_render: bool) -> None:
        self._preparing = False
        if prepared is None:
            self.view.set_streaming(False)
            return
        conv, messages = prepared
        self.conv = conv
        answer = messages[-1]
        if full_render:
            self._render(messages[:-1])
        else:
            self.view.transcript.add_message(messages[-2])
        self.view.transcript.begin_answer(answer)
        self.answer = self.view.transcript.streaming_widget()
        self.view.set_streaming(True)
        self.view.perf.clear_answer()
        self._live = None
        self._swap_start = self.last_sample.swap_used if self.last_sample else None
        # a server started since the last look must be in the energy meter's first reading
        self.monitor.sampler.rescan()
        think = conv.think if self._supports_thinking(conv.model) else None
        self.session.start(
            answer.id,
            conv.model,
            api_messages(conv.system_prompt, messages[:-1]),
            options=conv.params.to_options(),
            think=think,
            watts_per_core=float(self.settings.get("chat_watts_per_core")),
            measure_energy=not self.remote,
        )
        self.reload_conversations()

    def stop(self) -> None:
        self.session.stop()

    # -- streaming ---------------------------------------------------------------------
    def _on_delta(self, content: str, thinking: str) -> None:
        self.view.transcript.append(content, thinking)

    def _on_live(self, live: LiveStats) -> None:
        self._live = live
        self.view.perf.set_live(live)

    def _on_finished(self, outcome: Outcome) -> None:
        self.answer = None
        self.view.set_streaming(False)
        footer = ""
        ttft = outcome.ttft_ms / 1000 if outcome.ttft_ms is not None else None
        if outcome.stats is not None:
            stats = FinalStats.from_stats(outcome.stats)
            grid = float(self.settings.get("chat_grid_g_per_kwh"))
            energy = fmt.energy_text(outcome.energy, stats.tokens, grid)
            footer = " · ".join(x for x in (fmt.footer(stats, ttft), energy) if x)
            self.view.perf.set_final(
                stats,
                ttft,
                None
                if outcome.energy is None
                else fmt.energy_parts(outcome.energy, stats.tokens, grid),
            )
        if outcome.error is not None:
            self._show_error(outcome.error, outcome.model, bool(outcome.content))
            footer = error_message(outcome.error, self.ollama.host.display)
        self.view.transcript.finish_answer(self._status_text(outcome.status), footer)
        if outcome.status is MessageStatus.COMPLETE and outcome.stats is not None:
            self.generationFinished.emit(outcome.model, outcome.stats)

    def _show_error(self, error: OllamaError, model: str, kept: bool) -> None:
        if error.is_model_missing:
            self._missing_model = model
            self.show_banner(
                self.tr("The model {0} is not installed on the server. Download it now?").format(
                    model
                ),
                self.tr("Download"),
                lambda: self.pullRequested.emit(self._missing_model),
            )
            return
        text = error_message(error, self.ollama.host.display)
        if kept:
            text += " " + self.tr("The part of the answer that arrived is kept.")
        self.show_banner(text)

    # -- banner and links --------------------------------------------------------------
    def show_banner(
        self, text: str, action: str = "", on_action: Callable[[], None] | None = None
    ) -> None:
        self._banner_action = on_action
        self.view.banner.show_message(text, action)

    def _on_banner_action(self) -> None:
        action, self._banner_action = self._banner_action, None
        self.view.banner.hide()
        if action is not None:
            action()

    def open_link(self, href: str) -> None:
        if self.confirm_link(href):
            QDesktopServices.openUrl(QUrl(href))

    def _ask_open_link(self, href: str) -> bool:
        return confirm_link(self.view, href)

    # -- quit --------------------------------------------------------------------------
    def shutdown(self) -> None:
        """On quit: keep a streaming answer as stopped, finish writes, stop sampling."""
        self.monitor.stop()
        if self.session.busy:
            msg_id, content, thinking = (
                self.session.message_id,
                self.session.content,
                self.session.thinking,
            )
            self.session.stop()
            self._db(lambda s: s.finish_message(msg_id, content, thinking, MessageStatus.STOPPED))
        self.history.close()
