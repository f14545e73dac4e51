"""Installed page presenter: installed models with their forecasts and details, delete and
copy, the models loaded in memory (unload, keep loaded)."""

from __future__ import annotations

from html import escape

import shiboken6
from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QInputDialog

from desktop.core.api_types import LocalModel, ModelShow, RunningModel
from desktop.core.errors import OllamaError
from desktop.core.names import InvalidNameError, parse_model_name
from desktop.core.units import human_bytes
from desktop.services.models.library import ModelLibrary
from desktop.services.settings_store import SettingsStore
from desktop.ui.common.confirm import confirm_destructive
from desktop.ui.common.messages import error_details
from desktop.ui.common.tables import fit_columns
from desktop.ui.models.import_dialog import ImportDialog
from desktop.ui.models.installed_view import InstalledView
from desktop.ui.models.item_models import (
    ITEM_ROLE,
    InstalledModelsModel,
    RunningModelsModel,
    SortFilterProxy,
)
from desktop.ui.models.messages import embedding_note, fit_label, forecast_tooltip, models_error

RUNNING_POLL_MS = 5000


class InstalledPresenter(QObject):
    """serverHelpRequested(): the user asked to set up a server (the app opens that tab).
    chatRequested(str): chat with a model just imported (the app opens the Chat tab)."""

    serverHelpRequested = Signal()
    chatRequested = Signal(str)

    def __init__(
        self,
        view: InstalledView,
        library: ModelLibrary,
        settings: SettingsStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view, self.library, self.settings = view, library, settings
        compiled = library.catalog.compiled
        self.model = InstalledModelsModel(self, tooltip=lambda fc: forecast_tooltip(fc, compiled))
        self.proxy = SortFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.running_model = RunningModelsModel(self)
        self.running_proxy = SortFilterProxy(self)
        self.running_proxy.setSourceModel(self.running_model)
        view.table.setModel(self.proxy)
        view.running.setModel(self.running_proxy)
        ka = view.keep_alive.findData(settings.text("keep_alive"))
        view.keep_alive.setCurrentIndex(max(0, ka))
        self.running_timer = QTimer(self)
        self.running_timer.setInterval(RUNNING_POLL_MS)
        self._details_for = ""
        self._list_error = ""  # the "cannot list models" text shown, cleared once listing works
        self.import_dialog: ImportDialog | None = None
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        v, lib = self.view, self.library
        v.filter.textChanged.connect(self.proxy.setFilterFixedString)
        v.refresh.clicked.connect(lib.refresh_installed)
        v.table.selectionModel().currentRowChanged.connect(self._selected)
        v.delete.clicked.connect(self._delete_selected)
        v.copy.clicked.connect(self._copy_selected)
        v.import_gguf.clicked.connect(self.open_import)
        v.setup_server.clicked.connect(self.serverHelpRequested)
        v.running.selectionModel().currentRowChanged.connect(self._running_selected)
        v.unload.clicked.connect(self._unload_selected)
        v.keep_loaded.clicked.connect(self._keep_selected_loaded)
        v.keep_alive.currentIndexChanged.connect(self._keep_alive_changed)
        lib.installedChanged.connect(self._installed_changed)
        lib.installedFailed.connect(self._list_failed)
        lib.runningChanged.connect(self._running_changed)
        lib.forecastsChanged.connect(self._forecasts_changed)
        lib.detailsReady.connect(self._show_details)
        lib.detailsFailed.connect(self._details_failed)
        lib.modelDeleted.connect(self._deleted)
        lib.modelCopied.connect(self._copied)
        lib.actionFailed.connect(self._failed)
        self.running_timer.timeout.connect(lib.refresh_running)

    # -- installed ----------------------------------------------------------------------------
    def _installed_changed(self, rows: list[LocalModel]) -> None:
        self.model.set_rows(rows)
        self._forecasts_changed()
        fit_columns(self.view.table)
        if self._list_error and self.view.message.text() == self._list_error:
            self.view.message.clear()  # the server answers now: the old error is stale
        self._list_error = ""
        self.view.setup_server.hide()

    def _forecasts_changed(self) -> None:
        out, measured = {}, {}
        for m in self.model.rows:
            fc = self.library.installed_forecast(m.name)
            if fc is not None:
                out[m.name] = fc
            tps = self.library.measured_speed(m.name)
            if tps:
                measured[m.name] = tps
        self.model.set_forecasts(out, measured)

    def _list_failed(self, error: OllamaError) -> None:
        self._failed(error)
        self._list_error = self.view.message.text()
        self.view.setup_server.setVisible(True)

    def _failed(self, error: OllamaError) -> None:
        self.view.message.setText(
            models_error(error, self.library.ollama.host.display), error_details(error)
        )

    def selected(self) -> LocalModel | None:
        idx = self.view.table.currentIndex()
        m = self.proxy.data(idx, ITEM_ROLE) if idx.isValid() else None
        return m if isinstance(m, LocalModel) else None

    def _selected(self, index: QModelIndex) -> None:
        m = self.selected() if index.isValid() else None
        self.view.delete.setEnabled(m is not None)
        self.view.copy.setEnabled(m is not None)
        self.view.details.clear()
        if m is not None:
            self._details_for = m.name
            self.library.show_details(m.name)

    def _details_failed(self, name: str, error: OllamaError) -> None:
        if name == self._details_for:
            self.view.details.setPlainText(models_error(error, self.library.ollama.host.display))

    def _show_details(self, show: ModelShow) -> None:
        if show.name != self._details_for:
            return
        fc = self.library.installed_forecast(show.name)
        fit = speed = ""
        if fc is not None:
            fit = fit_label(fc)
            if fc.speed is not None:
                speed = self.tr("{lo:.0f}–{hi:.0f} tokens/s").format(
                    lo=fc.speed.low, hi=fc.speed.high
                )
        measured = self.library.measured_speed(show.name)
        rows = [
            (self.tr("Capabilities"), ", ".join(show.capabilities)),
            (self.tr("Use"), embedding_note() if "embedding" in show.capabilities else ""),
            (self.tr("Architecture"), show.architecture),
            (self.tr("Layers"), str(show.arch_value("block_count") or "")),
            (self.tr("Trained context"), str(show.arch_value("context_length") or "")),
            (self.tr("Parameters"), show.details.parameter_size),
            (self.tr("Quantization"), show.details.quantization_level),
            (self.tr("Fits here"), fit),
            (self.tr("Expected speed"), speed),
            (
                self.tr("Measured speed"),
                self.tr("{tps:.1f} tokens/s in your chats").format(tps=measured)
                if measured
                else "",
            ),
        ]
        html = (
            "<table>"
            + "".join(
                f"<tr><td><b>{escape(k)}</b>&nbsp;</td><td>{escape(v)}</td></tr>"
                for k, v in rows
                if v
            )
            + "</table>"
        )
        if fc is not None:
            tip = forecast_tooltip(fc, self.library.catalog.compiled)
            html += "<p>" + escape(tip).replace("\n", "<br>") + "</p>"
        for title, text in (
            (self.tr("Parameters"), show.parameters),
            (self.tr("Template"), show.template),
            (self.tr("License"), show.license[:2000]),
        ):
            if text:
                html += f"<h4>{escape(title)}</h4><pre>{escape(text)}</pre>"
        self.view.details.setHtml(html)

    def _delete_selected(self) -> None:
        m = self.selected()
        if m is None:
            return
        shared = any(o.digest == m.digest and o.name != m.name for o in self.model.rows)
        text = self.tr("Delete {name}? This frees about {size} of disk space.").format(
            name=m.name, size=human_bytes(m.size)
        )
        if shared:
            text = self.tr(
                "Delete {name}? Another name uses the same files, so little disk space is freed."
            ).format(name=m.name)
        if confirm_destructive(self.view, self.tr("Delete model"), text, self.tr("Delete")):
            self.library.delete(m.name)

    def _deleted(self, name: str) -> None:
        self.view.message.setText(self.tr("Deleted {name}.").format(name=name))

    def _copy_selected(self) -> None:
        m = self.selected()
        if m is None:
            return
        name, ok = QInputDialog.getText(
            self.view,
            self.tr("Copy model"),
            self.tr("New name for a copy of {name}:").format(name=m.name),
        )
        if not ok or not name.strip():
            return
        try:
            parse_model_name(name)
        except InvalidNameError as e:
            self.view.message.setText(
                self.tr("Not a valid name ({reason}).").format(reason=e.reason)
            )
            return
        self.library.copy(m.name, name.strip())

    def _copied(self, _source: str, destination: str) -> None:
        self.view.message.setText(self.tr("Copied to {name}.").format(name=destination))

    def open_import(self) -> ImportDialog:
        """The import dialog, window-modal but not blocking (one at a time)."""
        if self.import_dialog is not None and shiboken6.isValid(self.import_dialog):
            self.import_dialog.raise_()
            return self.import_dialog
        dialog = ImportDialog(self.library.importer, self.view)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chatRequested.connect(self.chatRequested)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    # -- running ------------------------------------------------------------------------------
    def _running_changed(self, rows: list[RunningModel]) -> None:
        self.running_model.set_rows(rows)
        fit_columns(self.view.running)
        # poll while something is loaded (the countdown moves); idle otherwise
        if rows and self.view.isVisible():
            self.running_timer.start()
        else:
            self.running_timer.stop()

    def selected_running(self) -> RunningModel | None:
        idx = self.view.running.currentIndex()
        m = self.running_proxy.data(idx, ITEM_ROLE) if idx.isValid() else None
        return m if isinstance(m, RunningModel) else None

    def _running_selected(self, index: QModelIndex) -> None:
        ok = index.isValid() and self.selected_running() is not None
        self.view.unload.setEnabled(ok)
        self.view.keep_loaded.setEnabled(ok)

    def _unload_selected(self) -> None:
        m = self.selected_running()
        if m is not None:
            self.library.unload(m.name)

    def _keep_selected_loaded(self) -> None:
        m = self.selected_running()
        if m is not None:
            self.library.keep_loaded(m.name, str(self.view.keep_alive.currentData()))

    def _keep_alive_changed(self, _index: int) -> None:
        self.settings.set("keep_alive", self.view.keep_alive.currentData())
