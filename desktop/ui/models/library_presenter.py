"""Library page presenter: filters, the selected tag's details (and its exact size from the
registry), and downloads by selection or by a typed name, including the opt-in for another
registry."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from desktop.core.models.catalog import CatalogTag
from desktop.core.names import InvalidNameError, ModelName, parse_model_name
from desktop.services.models.library import ModelLibrary
from desktop.services.settings_store import SettingsStore
from desktop.ui.common.tables import fit_columns
from desktop.ui.models.item_models import ITEM_ROLE
from desktop.ui.models.library_table import LibraryFilterProxy, LibraryModel
from desktop.ui.models.library_view import LibraryView
from desktop.ui.models.messages import description, embedding_note, forecast_tooltip
from desktop.ui.models.quant_dialog import QuantDialog
from desktop.ui.models.registry_trust import remember, trust_of

# (name, allow another registry's host, plain HTTP): the tab queues it
PullRequest = Callable[[str, bool, bool], object]


class LibraryPresenter(QObject):
    calibrateRequested = Signal()  # the user asked for a calibration benchmark

    def __init__(
        self,
        view: LibraryView,
        library: ModelLibrary,
        settings: SettingsStore,
        request_pull: PullRequest,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view, self.library, self.settings = view, library, settings
        self.request_pull = request_pull
        self._fitted_rows = -1  # columns are fitted when the rows change
        compiled = library.catalog.compiled
        self.model = LibraryModel(lambda fc: forecast_tooltip(fc, compiled), self)
        self.proxy = LibraryFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        view.table.setModel(self.proxy)
        view.context.setValue(settings.integer("models_context"))
        for fam in library.catalog.families:
            view.family.addItem(fam, fam)
        view.source_note.setText(
            self.tr(
                "* size from catalog, {date}; exact sizes come from the registry when you select "
                "a tag."
            ).format(date=compiled)
        )
        self._connect_callbacks()
        self._forecasts_changed()
        # default order: the best choice for this machine first
        view.table.sortByColumn(LibraryModel.RANK_COL, Qt.SortOrder.AscendingOrder)

    def _connect_callbacks(self) -> None:
        v, lib = self.view, self.library
        for changed in (
            v.search.textChanged,
            v.max_size.currentIndexChanged,
            v.family.currentIndexChanged,
            v.capability.currentIndexChanged,
            v.runs_well.toggled,
            v.show_embedding.toggled,
        ):
            changed.connect(self._apply_filter)
        v.context.editingFinished.connect(self._context_changed)
        v.table.selectionModel().currentRowChanged.connect(self._selected)
        v.table.doubleClicked.connect(self._pull_selected)
        v.pull_selected.clicked.connect(self._pull_selected)
        v.pull_name.textChanged.connect(self._validate_typed_name)
        v.pull_name.returnPressed.connect(self._pull_typed)
        v.pull_typed.clicked.connect(self._pull_typed)
        v.allow_host.toggled.connect(self._allow_host_toggled)
        v.allow_insecure.toggled.connect(self._insecure_toggled)
        v.remeasure.clicked.connect(lib.bandwidth.measure)
        v.explain.clicked.connect(self._explain)
        v.calibrate.clicked.connect(self.calibrateRequested)
        lib.forecastsChanged.connect(self._forecasts_changed)
        lib.bandwidthMeasuring.connect(self._measuring)

    # -- the table ------------------------------------------------------------------------
    def _forecasts_changed(self) -> None:
        lib = self.library
        entries = lib.catalog_entries()
        measured = {}
        for e in entries:
            v = lib.measured_speed(e.tag.full_name)
            if v:
                measured[e.tag.full_name] = v
        self.model.set_entries(entries, measured)
        if self.model.rowCount() != self._fitted_rows:  # new rows, not new figures
            self._fitted_rows = self.model.rowCount()
            fit_columns(self.view.table)
        calibrated = any(
            e.forecast and e.forecast.speed and e.forecast.speed.calibrated for e in entries
        )
        self.view.calibrate.setVisible(not calibrated)  # offered until benchmarks calibrate
        bw = lib.bandwidth.bandwidth
        if bw:
            text = self.tr("Memory bandwidth: {bw:.1f} GB/s").format(bw=bw / 1e9)
            record = lib.bandwidth.record
            if record is not None and not record.quiet:
                text += " " + self.tr("(measured while busy; measure again when idle)")
            self.view.bandwidth.setText(text)
        self._show_details(self.selected_tag())  # no registry lookup from here

    def _measuring(self, busy: bool) -> None:
        self.view.remeasure.setEnabled(not busy)
        if busy:
            self.view.bandwidth.setText(self.tr("Measuring memory bandwidth…"))

    def _context_changed(self) -> None:
        self.settings.set("models_context", self.view.context.value())
        self.library.recompute()

    def _apply_filter(self) -> None:
        v = self.view
        self.proxy.set_filters(
            text=v.search.text(),
            max_size=v.max_size.currentData(),
            family=v.family.currentData() or "",
            capability=v.capability.currentData() or "",
            runs_well_only=v.runs_well.isChecked(),
            show_embedding=v.show_embedding.isChecked(),
        )

    def selected_tag(self) -> CatalogTag | None:
        idx = self.view.table.currentIndex()
        tag = self.proxy.data(idx, ITEM_ROLE) if idx.isValid() else None
        return tag if isinstance(tag, CatalogTag) else None

    def _selected(self, index: QModelIndex) -> None:
        tag = self.selected_tag() if index.isValid() else None
        self._show_details(tag)
        if tag is not None:
            self.library.lookup(tag.full_name)  # exact size; answers via forecastsChanged

    def _show_details(self, tag: CatalogTag | None) -> None:
        self.view.pull_selected.setEnabled(tag is not None)
        if tag is None:
            self.view.details.clear()
            return
        model = self.library.model_of(tag)
        lines = [f"<b>{escape(tag.full_name)}</b> — {escape(description(model))}"]
        if "embedding" in model.capabilities:
            lines.append(escape(embedding_note()))
        fc = self.library.forecast(tag.full_name)
        if fc is not None:
            tip = forecast_tooltip(fc, self.library.catalog.compiled)
            lines.append(escape(tip).replace("\n", "<br>"))
        self.view.details.setText("<br>".join(lines))

    def _explain(self) -> None:
        QuantDialog(self.view).exec()

    # -- downloads ------------------------------------------------------------------------
    def _pull_selected(self) -> None:
        tag = self.selected_tag()
        if tag is not None:
            self.request_pull(tag.full_name, False, False)

    def _typed(self) -> tuple[ModelName | None, str]:
        """The typed name (parsed allowing another host) and what is wrong with it."""
        text = self.view.pull_name.text().strip()
        if not text:
            return None, ""
        try:
            return parse_model_name(text, allow_host=True), ""
        except InvalidNameError as e:
            return None, self.tr("Not a valid name ({reason}).").format(reason=e.reason)

    def _validate_typed_name(self) -> None:
        v = self.view
        name, problem = self._typed()
        other = name is not None and name.has_custom_host
        v.registry_box.setVisible(other)
        if name is not None and other:
            allowed, plain = trust_of(self.settings, name.host)
            v.allow_host.setText(
                self.tr("Allow downloads from {host} (not Ollama's registry)").format(
                    host=name.host
                )
            )
            for box, value in ((v.allow_host, allowed), (v.allow_insecure, plain)):
                box.blockSignals(True)
                box.setChecked(value)
                box.blockSignals(False)
            v.allow_insecure.setEnabled(allowed)
            if not allowed:
                problem = self.tr(
                    "{host} is another registry: tick the box above if you trust it."
                ).format(host=name.host)
        v.name_problem.setText(problem)
        v.pull_typed.setEnabled(name is not None and not problem)

    def _allow_host_toggled(self, on: bool) -> None:
        name, _ = self._typed()
        if name is not None and name.has_custom_host:
            remember(self.settings, name.host, allowed=on, insecure=False)
        self._validate_typed_name()

    def _insecure_toggled(self, on: bool) -> None:
        name, _ = self._typed()
        if name is None or not name.has_custom_host:
            return
        if on:
            answer = QMessageBox.warning(
                self.view,
                self.tr("Download over plain HTTP?"),
                self.tr(
                    "{host} will send the model without encryption or a verified certificate: "
                    "anyone on the network between you could read or replace it. Only allow "
                    "this for a registry you run yourself, on your own machine or network."
                ).format(host=name.host),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                on = False
        remember(self.settings, name.host, allowed=True, insecure=on)
        self._validate_typed_name()

    def _pull_typed(self) -> None:
        if not self.view.pull_typed.isEnabled():
            return
        name, _ = self._typed()
        if name is None:
            return
        other = name.has_custom_host
        insecure = other and self.view.allow_insecure.isChecked()
        self.request_pull(self.view.pull_name.text().strip(), other, insecure)
