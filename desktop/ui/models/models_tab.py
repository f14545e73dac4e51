"""Models tab: find a model that suits this machine, download it, manage what is installed.

Controller: holds the logic and connects the views (library_view, installed_view,
downloads_view) to the services. Nothing here blocks: every call to Ollama, the registry
or the bandwidth test runs as a Task.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QMessageBox,
    QProgressBar,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.api_types import LocalModel, ModelShow, RunningModel
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.machine import machine_memory
from desktop.core.models.catalog import CatalogError, CatalogTag, load_catalog
from desktop.core.models.estimate import TagForecast, forecast_installed, forecast_tag
from desktop.core.models.forecast import MachineMemory
from desktop.core.names import InvalidNameError, parse_model_name
from desktop.core.units import human_bytes
from desktop.services.models import ModelServices
from desktop.services.models.item_models import (
    ITEM_ROLE,
    InstalledModelsModel,
    LibraryFilterProxy,
    LibraryModel,
    RunningModelsModel,
    SortFilterProxy,
    fit_label,
)
from desktop.services.models.pull_queue import DiskFullError, JobState, PullJob
from desktop.services.models.registry_lookup import RegistryInfo
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.common.format import duration
from desktop.ui.common.messages import error_message
from desktop.ui.models.downloads_view import DownloadsView
from desktop.ui.models.import_dialog import ImportDialog
from desktop.ui.models.installed_view import InstalledView
from desktop.ui.models.library_view import LibraryView
from desktop.ui.models.quant_dialog import QuantDialog

RUNNING_POLL_MS = 5000


class ModelsTab(QWidget):
    """notify(str): a download finished (the main window may show it)."""

    notify = Signal(str)

    def __init__(
        self,
        ollama: OllamaService,
        settings: SettingsStore,
        services: ModelServices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ollama = ollama
        self.settings = settings
        if services is None:
            from desktop.core.paths import resolve_paths
            from desktop.services.models import build_model_services

            services = build_model_services(ollama, settings, resolve_paths().ensure())
        self.services = services
        try:
            catalog = load_catalog()
        except CatalogError:
            from desktop.core.models.catalog import Catalog

            catalog = Catalog("", "", ())
        self.catalog = catalog
        self.library_model = LibraryModel(catalog, self)
        self.library_proxy = LibraryFilterProxy(self)
        self.library_proxy.setSourceModel(self.library_model)
        self.installed_model = InstalledModelsModel(
            self, tooltip=self.library_model.forecast_tooltip
        )
        self._installed_shows: dict[str, tuple[str, ModelShow]] = {}  # name -> (digest, show)
        self.installed_proxy = SortFilterProxy(self)
        self.installed_proxy.setSourceModel(self.installed_model)
        self.running_model = RunningModelsModel(self)
        self.running_proxy = SortFilterProxy(self)
        self.running_proxy.setSourceModel(self.running_model)
        self.registry_info: dict[str, RegistryInfo] = {}
        self._show_task_name = ""
        self._done_text = ""
        self._list_error = ""  # the "cannot list models" text shown, cleared once listing works

        self.tabs = QTabWidget()
        self.library = LibraryView()
        self.installed = InstalledView()
        self.downloads = DownloadsView()
        self.tabs.addTab(self.library, self.tr("Library"))
        self.tabs.addTab(self.installed, self.tr("Installed"))
        self.tabs.addTab(self.downloads, self.tr("Downloads"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.library.table.setModel(self.library_proxy)
        self.installed.table.setModel(self.installed_proxy)
        self.installed.running.setModel(self.running_proxy)
        self.library.context.setValue(int(settings.get("models_context")))
        for fam in catalog.families:
            self.library.family.addItem(fam, fam)
        ka = self.installed.keep_alive.findData(str(settings.get("keep_alive")))
        self.installed.keep_alive.setCurrentIndex(max(0, ka))
        self.library.source_note.setText(
            self.tr(
                "* size from catalog, {date}; exact sizes come from the registry when you select "
                "a tag."
            ).format(date=catalog.compiled)
        )
        self.running_timer = QTimer(self)
        self.running_timer.setInterval(RUNNING_POLL_MS)
        self._job_rows: list[PullJob] = []
        self._connect_callbacks()
        self.recompute_forecasts()
        self.library.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.library.table.resizeColumnsToContents()
        for job in self.services.pulls.jobs:
            self._job_added(job)
        self.refresh_installed()

    # -- wiring ------------------------------------------------------------------------
    def _connect_callbacks(self) -> None:
        lib, inst, dl, s = self.library, self.installed, self.downloads, self.services
        for w in (
            lib.search.textChanged,
            lib.max_size.currentIndexChanged,
            lib.family.currentIndexChanged,
            lib.capability.currentIndexChanged,
            lib.runs_well.toggled,
        ):
            w.connect(self._apply_library_filter)
        lib.context.editingFinished.connect(self._context_changed)
        lib.table.selectionModel().currentRowChanged.connect(self._library_selected)
        lib.table.doubleClicked.connect(lambda _i: self._pull_selected())
        lib.pull_selected.clicked.connect(self._pull_selected)
        lib.pull_name.textChanged.connect(self._validate_typed_name)
        lib.pull_name.returnPressed.connect(self._pull_typed)
        lib.pull_typed.clicked.connect(self._pull_typed)
        lib.remeasure.clicked.connect(lambda: s.bandwidth.measure())
        lib.explain.clicked.connect(lambda: QuantDialog(self).exec())
        s.bandwidth.measured.connect(self._bandwidth_measured)
        s.bandwidth.measuring.connect(self._show_measuring)
        s.registry.found.connect(self._registry_found)
        s.speeds.changed.connect(self._speed_recorded)
        s.pulls.jobAdded.connect(self._job_added)
        s.pulls.jobChanged.connect(self._job_changed)
        s.pulls.jobRemoved.connect(self._job_removed)
        s.pulls.jobFinished.connect(self._job_finished)

        inst.filter.textChanged.connect(self.installed_proxy.setFilterFixedString)
        inst.refresh.clicked.connect(self.refresh_installed)
        inst.table.selectionModel().currentRowChanged.connect(self._installed_selected)
        inst.delete.clicked.connect(self._delete_selected)
        inst.copy.clicked.connect(self._copy_selected)
        inst.import_gguf.clicked.connect(lambda: ImportDialog(s.importer, self).exec())
        inst.running.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._running_selected(cur)
        )
        inst.unload.clicked.connect(self._unload_selected)
        inst.keep_loaded.clicked.connect(self._keep_selected_loaded)
        inst.keep_alive.currentIndexChanged.connect(
            lambda _i: self.settings.set("keep_alive", inst.keep_alive.currentData())
        )

        dl.cancel.clicked.connect(lambda: self._with_job(s.pulls.cancel))
        dl.retry.clicked.connect(lambda: self._with_job(s.pulls.retry))
        dl.remove.clicked.connect(lambda: self._with_job(s.pulls.remove))

        self.ollama.modelsChanged.connect(self.refresh_installed)
        self.ollama.runningChanged.connect(self.refresh_running)
        self.ollama.hostChanged.connect(self._host_changed)
        self.running_timer.timeout.connect(self.refresh_running)

    # -- public ------------------------------------------------------------------------
    @Slot(str)
    def request_pull(self, name: str) -> PullJob | None:
        """Queue a download (used by the chat tab for missing models via the app)."""
        size = None
        tag = self.catalog.find(name if ":" in name else f"{name}:latest")
        if tag is not None:
            info = self.registry_info.get(tag.full_name.lower())
            size = info.download_size if info else tag.size
        try:
            job = self.services.pulls.enqueue(name, size)
        except OllamaError as e:
            self.library.name_problem.setText(error_message(e))
            return None
        self.tabs.setCurrentWidget(self.downloads)
        return job

    @Slot(str, float)
    def record_speed(self, model: str, tokens_per_second: float) -> None:
        """A chat answer finished at this speed: store it and show it beside the forecast."""
        self.services.speeds.record_speed(model, tokens_per_second)

    # -- forecasts ---------------------------------------------------------------------
    def recompute_forecasts(self) -> None:
        bw = self.services.bandwidth.bandwidth
        machine = machine_memory()
        ctx = int(self.settings.get("models_context"))
        out: dict[str, TagForecast] = {}
        for m in self.catalog.models:
            emb = "embedding" in m.capabilities
            for t in m.tags:
                info = self.registry_info.get(t.full_name.lower())
                if info is not None:
                    out[t.full_name] = forecast_tag(
                        t,
                        machine,
                        bw,
                        ctx,
                        size=info.download_size,
                        weights=info.weights_size or None,
                        quantization=info.quantization,
                        size_source="registry",
                        embedding=emb,
                    )
                else:
                    out[t.full_name] = forecast_tag(t, machine, bw, ctx, embedding=emb)
        self.library_model.set_forecasts(out)
        self._recompute_installed(machine)
        self._update_measured()
        self._apply_library_filter()
        if bw:
            self.library.bandwidth.setText(
                self.tr("Memory bandwidth: {bw:.1f} GB/s").format(bw=bw / 1e9)
            )
        self._library_selected(self.library.table.currentIndex())

    def _recompute_installed(self, machine: MachineMemory | None = None) -> None:
        """Forecasts for installed models from their /api/show architecture and size on
        disk: imported and hand-pulled models get one too, not only catalog tags."""
        machine = machine or machine_memory()
        bw = self.services.bandwidth.bandwidth
        ctx = int(self.settings.get("models_context"))
        out: dict[str, TagForecast] = {}
        for m in self.installed_model.rows:
            cached = self._installed_shows.get(m.name.lower())
            if cached is not None and cached[0] == m.digest:
                out[m.name] = forecast_installed(m, cached[1], machine, bw, ctx)
        self.installed_model.set_forecasts(out)

    def _set_installed(self, rows: list[LocalModel]) -> None:
        self.installed_model.set_rows(rows)
        names = {m.name.lower() for m in rows}
        for key in [k for k in self._installed_shows if k not in names]:
            del self._installed_shows[key]
        for m in rows:
            cached = self._installed_shows.get(m.name.lower())
            if cached is None or cached[0] != m.digest:
                self.ollama.show(m.name).succeeded.connect(self._installed_show_arrived)
        self._recompute_installed()

    def _installed_show_arrived(self, show: ModelShow) -> None:
        for m in self.installed_model.rows:
            if m.name.lower() == show.name.lower():
                self._installed_shows[m.name.lower()] = (m.digest, show)
                self._recompute_installed()
                return

    def _update_measured(self) -> None:
        speeds = self.services.speeds
        measured = {}
        for t in self.library_model.rows:
            v = speeds.measured(t.full_name)
            if v:
                measured[t.full_name.lower()] = v
        self.library_model.set_measured(measured)

    def _show_measuring(self, busy: bool) -> None:
        self.library.remeasure.setEnabled(not busy)
        if busy:
            self.library.bandwidth.setText(self.tr("Measuring memory bandwidth…"))

    def _context_changed(self) -> None:
        self.settings.set("models_context", self.library.context.value())
        self.recompute_forecasts()

    def _apply_library_filter(self) -> None:
        lib = self.library
        self.library_proxy.set_filters(
            text=lib.search.text(),
            max_size=lib.max_size.currentData(),
            family=lib.family.currentData() or "",
            capability=lib.capability.currentData() or "",
            runs_well_only=lib.runs_well.isChecked(),
        )

    def _selected_tag(self) -> CatalogTag | None:
        idx = self.library.table.currentIndex()
        if not idx.isValid():
            return None
        tag = self.library_proxy.data(idx, ITEM_ROLE)
        return tag if isinstance(tag, CatalogTag) else None

    def _library_selected(self, index: QModelIndex) -> None:
        tag = self._selected_tag() if index.isValid() else None
        self.library.pull_selected.setEnabled(tag is not None)
        if tag is None:
            self.library.details.clear()
            return
        model = self.library_model.model_of(tag)
        fc = self.library_model.forecast(tag)
        lines = [f"<b>{tag.full_name}</b> — {model.description}"]
        if fc is not None:
            lines.append(self.library_model.forecast_tooltip(fc).replace("\n", "<br>"))
        self.library.details.setText("<br>".join(lines))
        if self.settings.get("registry_lookup"):
            self.services.registry.lookup(tag.full_name)

    def _registry_found(self, info: RegistryInfo) -> None:
        self.registry_info[info.name.lower()] = info
        self.recompute_forecasts()

    # -- pulls -------------------------------------------------------------------------
    def _validate_typed_name(self, text: str) -> None:
        problem = ""
        if text.strip():
            try:
                parse_model_name(text)
            except InvalidNameError as e:
                problem = self.tr("Not a valid name ({reason}).").format(reason=e.reason)
        self.library.name_problem.setText(problem)
        self.library.pull_typed.setEnabled(bool(text.strip()) and not problem)

    def _pull_typed(self) -> None:
        if self.library.pull_typed.isEnabled():
            self.request_pull(self.library.pull_name.text().strip())

    def _pull_selected(self) -> None:
        tag = self._selected_tag()
        if tag is not None:
            self.request_pull(tag.full_name)

    def _with_job(self, action: object) -> None:
        row = self.downloads.table.currentRow()
        if 0 <= row < len(self._job_rows) and callable(action):
            action(self._job_rows[row])

    def _job_added(self, job: PullJob) -> None:
        row = len(self._job_rows)
        self._job_rows.append(job)
        table = self.downloads.table
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(job.name))
        bar = QProgressBar()
        bar.setRange(0, 1000)
        table.setCellWidget(row, 1, bar)
        table.setItem(row, 2, QTableWidgetItem(""))
        table.setItem(row, 3, QTableWidgetItem(""))
        self._job_changed(job)

    def _job_removed(self, job: PullJob) -> None:
        if job in self._job_rows:
            row = self._job_rows.index(job)
            self._job_rows.pop(row)
            self.downloads.table.removeRow(row)

    def job_state_text(self, job: PullJob) -> str:
        if job.state is JobState.QUEUED:
            return self.tr("Waiting")
        if job.state is JobState.RUNNING:
            text = job.status or self.tr("Starting")
            if job.space_unchecked:
                text += " " + self.tr(
                    "(free disk space not checked: the registry could not "
                    "be reached for the download size)"
                )
            return text
        if job.state is JobState.RETRYING:
            reason = error_message(job.error) if job.error else ""
            return self.tr("Connection problem, retry {n} in {s:.0f} s: {reason}").format(
                n=job.attempt - 1, s=job.retry_in, reason=reason
            )
        if job.state is JobState.DONE:
            return self.tr("Done")
        if job.state is JobState.CANCELLED:
            return self.tr("Cancelled")
        if isinstance(job.error, DiskFullError):
            return self.tr("Not enough disk space: needs {need}, {free} free in {folder}.").format(
                need=human_bytes(job.error.needed),
                free=human_bytes(job.error.free),
                folder=job.error.folder,
            )
        if job.error is not None and job.error.kind is ErrorKind.STREAM_ERROR:
            return self.tr("Failed: {reason}").format(reason=job.error.detail)
        return self.tr("Failed: {reason}").format(
            reason=error_message(job.error) if job.error else ""
        )

    def _job_changed(self, job: PullJob) -> None:
        if job not in self._job_rows:
            return
        row = self._job_rows.index(job)
        table = self.downloads.table
        bar = table.cellWidget(row, 1)
        if isinstance(bar, QProgressBar):
            frac = job.fraction
            bar.setRange(0, 0 if frac is None and job.state is JobState.RUNNING else 1000)
            bar.setValue(int((frac or 0) * 1000))
            bar.setFormat(
                f"{human_bytes(job.completed)} / {human_bytes(job.total)}" if job.total else ""
            )
        speed = ""
        if job.rate:
            speed = f"{human_bytes(job.rate)}/s"
            if job.eta is not None:
                speed += "  " + self.tr("{t} left").format(t=duration(job.eta))
        for col, text in ((2, speed), (3, self.job_state_text(job))):
            item = table.item(row, col)
            if item is not None:
                item.setText(text)
                item.setToolTip(text)

    def _job_finished(self, job: PullJob) -> None:
        if job.state is JobState.DONE:
            text = self.tr("{name} is downloaded and ready.").format(name=job.name)
        elif job.state is JobState.FAILED:
            text = self.tr("Download of {name} failed.").format(name=job.name)
        else:
            return
        self.notify.emit(text)
        self.downloads.note.setText(text)
        QApplication.alert(self.window())

    # -- installed / running -----------------------------------------------------------
    # Task and service signals connect to bound methods (not lambdas): Qt drops those
    # connections when this tab is deleted, so a late answer never reaches a dead widget.
    def _bandwidth_measured(self, _bw: float) -> None:
        self.recompute_forecasts()

    def _speed_recorded(self, _model: str) -> None:
        self._update_measured()

    def _host_changed(self, _host: object) -> None:
        self.refresh_installed()

    def _show_failure(self, error: OllamaError) -> None:
        self.installed.message.setText(error_message(error, self.ollama.host.display))

    def _show_list_failure(self, error: OllamaError) -> None:
        self._show_failure(error)
        self._list_error = self.installed.message.text()

    def _clear_list_error(self, _rows: object) -> None:
        # the server answers now (e.g. the one the wizard just started): drop the stale error
        if self._list_error and self.installed.message.text() == self._list_error:
            self.installed.message.clear()
        self._list_error = ""

    def _show_done(self, _result: object) -> None:
        self.installed.message.setText(self._done_text)

    def _show_details_failure(self, error: OllamaError) -> None:
        self.installed.details.setPlainText(error_message(error, self.ollama.host.display))

    def refresh_installed(self) -> None:
        task = self.ollama.list_models()
        task.succeeded.connect(self._set_installed)
        task.succeeded.connect(self._clear_list_error)
        task.failed.connect(self._show_list_failure)
        self.refresh_running()

    def refresh_running(self) -> None:
        task = self.ollama.running_models()
        task.succeeded.connect(self._set_running)

    def _set_running(self, rows: list[RunningModel]) -> None:
        self.running_model.set_rows(rows)
        # poll while something is loaded (the countdown moves); idle otherwise
        if rows and self.isVisible():
            self.running_timer.start()
        else:
            self.running_timer.stop()

    def selected_installed(self) -> LocalModel | None:
        idx = self.installed.table.currentIndex()
        m = self.installed_proxy.data(idx, ITEM_ROLE) if idx.isValid() else None
        return m if isinstance(m, LocalModel) else None

    def _installed_selected(self, index: QModelIndex) -> None:
        m = self.selected_installed() if index.isValid() else None
        self.installed.delete.setEnabled(m is not None)
        self.installed.copy.setEnabled(m is not None)
        self.installed.details.clear()
        if m is None:
            return
        self._show_task_name = m.name
        task = self.ollama.show(m.name)
        task.succeeded.connect(self._show_details)
        task.failed.connect(self._show_details_failure)

    def _show_details(self, show: ModelShow) -> None:
        if show.name != self._show_task_name:
            return
        from html import escape

        self._installed_show_arrived(show)
        fc = self.installed_model.forecast(show.name)
        fit = speed = ""
        if fc is not None:
            fit = fit_label(fc)
            if fc.speed is not None:
                speed = self.tr("{lo:.0f}–{hi:.0f} tokens/s").format(
                    lo=fc.speed.low, hi=fc.speed.high
                )
        arch = show.architecture
        rows = [
            (self.tr("Capabilities"), ", ".join(show.capabilities)),
            (self.tr("Architecture"), arch),
            (self.tr("Layers"), str(show.arch_value("block_count") or "")),
            (self.tr("Trained context"), str(show.arch_value("context_length") or "")),
            (self.tr("Parameters"), show.details.parameter_size),
            (self.tr("Quantization"), show.details.quantization_level),
            (self.tr("Fits here"), fit),
            (self.tr("Expected speed"), speed),
            (self.tr("Measured speed"), self._measured_text(show.name)),
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
            html += (
                "<p>"
                + escape(self.library_model.forecast_tooltip(fc)).replace("\n", "<br>")
                + "</p>"
            )
        for title, text in (
            (self.tr("Parameters"), show.parameters),
            (self.tr("Template"), show.template),
            (self.tr("License"), show.license[:2000]),
        ):
            if text:
                html += f"<h4>{escape(title)}</h4><pre>{escape(text)}</pre>"
        self.installed.details.setHtml(html)

    def _measured_text(self, name: str) -> str:
        v = self.services.speeds.measured(name)
        return self.tr("{tps:.1f} tokens/s in your chats").format(tps=v) if v else ""

    def _delete_selected(self) -> None:
        m = self.selected_installed()
        if m is None:
            return
        shared = sum(
            1
            for other in self.installed_model.rows
            if other.digest == m.digest and other.name != m.name
        )
        text = self.tr("Delete {name}? This frees about {size} of disk space.").format(
            name=m.name, size=human_bytes(m.size)
        )
        if shared:
            text = self.tr(
                "Delete {name}? Another name uses the same files, so little disk space is freed."
            ).format(name=m.name)
        answer = QMessageBox.question(self, self.tr("Delete model"), text)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._done_text = self.tr("Deleted {name}.").format(name=m.name)
        task = self.ollama.delete(m.name)
        task.succeeded.connect(self._show_done)
        task.failed.connect(self._show_failure)

    def _copy_selected(self) -> None:
        m = self.selected_installed()
        if m is None:
            return
        name, ok = QInputDialog.getText(
            self,
            self.tr("Copy model"),
            self.tr("New name for a copy of {name}:").format(name=m.name),
        )
        if not ok or not name.strip():
            return
        try:
            parse_model_name(name)
        except InvalidNameError as e:
            self.installed.message.setText(
                self.tr("Not a valid name ({reason}).").format(reason=e.reason)
            )
            return
        self._done_text = self.tr("Copied to {name}.").format(name=name.strip())
        task = self.ollama.copy(m.name, name.strip())
        task.succeeded.connect(self._show_done)
        task.failed.connect(self._show_failure)

    def _selected_running(self) -> RunningModel | None:
        idx = self.installed.running.currentIndex()
        m = self.running_proxy.data(idx, ITEM_ROLE) if idx.isValid() else None
        return m if isinstance(m, RunningModel) else None

    def _running_selected(self, index: QModelIndex) -> None:
        ok = index.isValid() and self._selected_running() is not None
        self.installed.unload.setEnabled(ok)
        self.installed.keep_loaded.setEnabled(ok)

    def _unload_selected(self) -> None:
        m = self._selected_running()
        if m is not None:
            self.ollama.unload(m.name)

    def _keep_selected_loaded(self) -> None:
        m = self._selected_running()
        if m is not None:
            self.ollama.preload(m.name, keep_alive=str(self.installed.keep_alive.currentData()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.services.bandwidth.ensure()  # first time the tab is seen: a short test
        self.refresh_running()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.running_timer.stop()
