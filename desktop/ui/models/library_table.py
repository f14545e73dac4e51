"""The library table: one row per catalog tag with its forecast, installed mark and rank,
and the filters a person chooses by."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from desktop.core.models.catalog import CatalogTag
from desktop.core.models.estimate import TagForecast
from desktop.core.models.forecast import Fit
from desktop.core.models.ranking import is_recommended
from desktop.core.units import human_bytes
from desktop.services.models.library import CatalogEntry
from desktop.ui.models.item_models import (
    FIT_COLORS,
    FIT_RANK,
    ITEM_ROLE,
    SORT_ROLE,
    Index,
    SortFilterProxy,
    Table,
    quant_order,
)
from desktop.ui.models.messages import description, fit_label, speed_cell, speed_tooltip


class LibraryModel(Table):
    """One row per catalog tag (rows stay in catalog order; the proxy sorts), with its
    forecast, whether it is installed, and its rank for this machine."""

    HEADERS: tuple[object, ...] = (
        QT_TRANSLATE_NOOP("ModelTables", "Model"),
        QT_TRANSLATE_NOOP("ModelTables", "Tag"),
        QT_TRANSLATE_NOOP("ModelTables", "Download"),
        QT_TRANSLATE_NOOP("ModelTables", "Parameters"),
        QT_TRANSLATE_NOOP("ModelTables", "Quantization"),
        QT_TRANSLATE_NOOP("ModelTables", "Context"),
        QT_TRANSLATE_NOOP("ModelTables", "Fits here"),
        QT_TRANSLATE_NOOP("ModelTables", "Speed (tokens/s)"),
        QT_TRANSLATE_NOOP("ModelTables", "Recommended"),
    )
    FIT_COL, SPEED_COL, RANK_COL = 6, 7, 8

    def __init__(
        self, tooltip: Callable[[TagForecast], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.tooltip = tooltip
        self._entries: dict[str, CatalogEntry] = {}
        self._measured: dict[str, float] = {}

    def set_entries(self, entries: list[CatalogEntry], measured: dict[str, float]) -> None:
        """Refresh every row: a reset only when the set of tags changes, else dataChanged
        (the selection and the sort survive a new forecast)."""
        self._measured = {k.lower(): v for k, v in measured.items()}
        new = {e.tag.full_name: e for e in entries}
        if set(new) != set(self._entries) or len(self._rows) != len(new):
            self._entries = new
            self.set_rows([e.tag for e in sorted(entries, key=lambda e: e.tag.full_name)])
            return
        self._entries = new
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def entry(self, tag: CatalogTag) -> CatalogEntry:
        return self._entries[tag.full_name]

    def forecast(self, tag: CatalogTag) -> TagForecast | None:
        return self._entries[tag.full_name].forecast

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t: CatalogTag = self._rows[index.row()]
        e = self._entries[t.full_name]
        fc = e.forecast
        col = index.column()
        if role == ITEM_ROLE:
            return t
        size = fc.size if fc else t.size
        quant = fc.quantization if fc else t.quantization
        measured = self._measured.get(t.full_name.lower())
        if role == SORT_ROLE:
            speed = measured or (fc.speed.estimate if fc and fc.speed else 0.0)
            return (
                t.model.lower(),
                t.tag.lower(),
                size,
                float(t.parameter_count),
                quant_order(quant),
                t.context_length,
                (FIT_RANK[fc.memory.fit], fc.memory.needed) if fc else (3, 0),
                speed,
                e.rank,
            )[col]
        if role == Qt.ItemDataRole.DecorationRole and col == self.FIT_COL and fc is not None:
            return FIT_COLORS[fc.memory.fit]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return description(e.model)
            if col == 1 and e.installed:
                return self.tr("Installed")
            if col == self.RANK_COL:
                return self.tr("Rank {n} of {total} for this machine").format(
                    n=e.rank, total=len(self._rows)
                )
            if fc is not None and col == self.SPEED_COL:
                return speed_tooltip(self.tooltip(fc), measured)
            if fc is not None and col in (2, self.FIT_COL):
                return self.tooltip(fc)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 1:
                return f"✓ {t.tag}" if e.installed else t.tag
            if col == 2:
                mark = "" if fc and fc.size_source == "registry" else " *"
                return human_bytes(size) + mark
            if col == self.FIT_COL:
                return fit_label(fc) if fc is not None else ""
            if col == self.SPEED_COL:
                return speed_cell(fc, measured)
            if col == self.RANK_COL:
                if not is_recommended(t, e.model, fc):
                    return ""
                return self.tr("★ best pick") if e.rank == 1 else "★"
            return (t.model, "", "", t.parameter_size, quant, str(t.context_length))[col]
        return None


class LibraryFilterProxy(SortFilterProxy):
    """Text, maximum download size, family, capability and "runs well here"; embedding-only
    models only when asked for (``show_embedding`` or the embedding capability)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.max_size: int | None = None
        self.family = ""
        self.capability = ""
        self.runs_well_only = False
        self.show_embedding = False

    def set_filters(
        self,
        *,
        text: str = "",
        max_size: int | None = None,
        family: str = "",
        capability: str = "",
        runs_well_only: bool = False,
        show_embedding: bool = False,
    ) -> None:
        self.text, self.max_size, self.family = text.strip().lower(), max_size, family
        self.capability, self.runs_well_only = capability, runs_well_only
        self.show_embedding = show_embedding
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        src = self.sourceModel()
        if not isinstance(src, LibraryModel):
            return True
        t: CatalogTag = src.item(source_row)
        e = src.entry(t)
        m, fc = e.model, e.forecast
        if e.embedding_only and not self.show_embedding and self.capability != "embedding":
            return False
        if self.text and self.text not in f"{t.full_name} {m.description} {m.family}".lower():
            return False
        if self.max_size is not None and (fc.size if fc else t.size) > self.max_size:
            return False
        if self.family and m.family != self.family:
            return False
        if self.capability and self.capability not in m.capabilities:
            return False
        return not (self.runs_well_only and (fc is None or fc.memory.fit is not Fit.RUNS_WELL))
