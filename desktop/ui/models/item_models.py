"""Qt item models for the Models tab: installed, running and library (catalog) rows, with
their colours, words and tooltips. Views sort and filter them through proxies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from desktop.core.api_types import LocalModel, RunningModel
from desktop.core.models.catalog import CatalogTag
from desktop.core.models.estimate import TagForecast
from desktop.core.models.forecast import Fit, parse_parameter_size
from desktop.core.models.ranking import is_recommended
from desktop.core.units import human_bytes
from desktop.services.models.library import CatalogEntry
from desktop.ui.models.messages import fit_label

FIT_RANK = {Fit.RUNS_WELL: 0, Fit.TIGHT: 1, Fit.WONT_FIT: 2}
FIT_COLORS = {
    Fit.RUNS_WELL: QColor("#2e9d44"),
    Fit.TIGHT: QColor("#e0a800"),
    Fit.WONT_FIT: QColor("#d0342c"),
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class _Table(QAbstractTableModel):
    HEADERS: tuple[object, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ModelTables", str(self.HEADERS[section]))
        return None

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._rows[row]

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)


class InstalledModelsModel(_Table):
    """/api/tags rows: name, tag, size, parameters, quantization, family, context, modified,
    and the forecast for this machine (from /api/show and the size on disk), set from
    outside as /api/show answers arrive. ``tooltip`` explains a forecast."""

    HEADERS: tuple[object, ...] = (
        QT_TRANSLATE_NOOP("ModelTables", "Name"),
        QT_TRANSLATE_NOOP("ModelTables", "Tag"),
        QT_TRANSLATE_NOOP("ModelTables", "Size"),
        QT_TRANSLATE_NOOP("ModelTables", "Parameters"),
        QT_TRANSLATE_NOOP("ModelTables", "Quantization"),
        QT_TRANSLATE_NOOP("ModelTables", "Family"),
        QT_TRANSLATE_NOOP("ModelTables", "Context"),
        QT_TRANSLATE_NOOP("ModelTables", "Modified"),
        QT_TRANSLATE_NOOP("ModelTables", "Fits here"),
        QT_TRANSLATE_NOOP("ModelTables", "Speed (tokens/s)"),
    )
    FIT_COL, SPEED_COL = 8, 9

    def __init__(
        self, parent: QObject | None = None, tooltip: Callable[[TagForecast], str] | None = None
    ) -> None:
        super().__init__(parent)
        self.tooltip = tooltip
        self._forecasts: dict[str, TagForecast] = {}

    def forecast(self, name: str) -> TagForecast | None:
        return self._forecasts.get(name.lower())

    def set_forecasts(self, forecasts: dict[str, TagForecast]) -> None:
        """Replace the forecasts (keyed by model name, any case)."""
        self._forecasts = {k.lower(): v for k, v in forecasts.items()}
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.FIT_COL), self.index(len(self._rows) - 1, self.SPEED_COL)
            )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m: LocalModel = self._rows[index.row()]
        col = index.column()
        name, _, tag = m.name.partition(":")
        d = m.details
        fc = self._forecasts.get(m.name.lower())
        if role == ITEM_ROLE:
            return m
        if role == SORT_ROLE:
            return (
                name.lower(),
                tag.lower(),
                m.size,
                parse_parameter_size(d.parameter_size) or 0.0,
                d.quantization_level,
                d.family,
                d.context_length or 0,
                m.modified_at.timestamp() if m.modified_at else 0.0,
                FIT_RANK[fc.memory.fit] if fc else 3,
                fc.speed.high if fc and fc.speed else 0.0,
            )[col]
        if col >= self.FIT_COL:
            return self._forecast_data(fc, col, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                name,
                tag,
                human_bytes(m.size),
                d.parameter_size,
                d.quantization_level,
                d.family,
                str(d.context_length or ""),
                m.modified_at.astimezone().strftime("%Y-%m-%d %H:%M") if m.modified_at else "",
            )[col]
        return None

    def _forecast_data(self, fc: TagForecast | None, col: int, role: int) -> Any:
        if fc is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == self.FIT_COL:
            return FIT_COLORS[fc.memory.fit]
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltip is not None:
            return self.tooltip(fc)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.FIT_COL:
            return fit_label(fc)
        return f"{fc.speed.low:.0f}–{fc.speed.high:.0f}" if fc.speed else ""


class RunningModelsModel(_Table):
    HEADERS: tuple[object, ...] = (
        QT_TRANSLATE_NOOP("ModelTables", "Name"),
        QT_TRANSLATE_NOOP("ModelTables", "Memory"),
        QT_TRANSLATE_NOOP("ModelTables", "Context"),
        QT_TRANSLATE_NOOP("ModelTables", "Expires in"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m: RunningModel = self._rows[index.row()]
        col = index.column()
        if role == ITEM_ROLE:
            return m
        left = expires_in(m)
        if role == SORT_ROLE:
            return (m.name.lower(), m.size, m.context_length or 0, left or 0.0)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 3:
                if left is None:
                    return ""
                if left > 10 * 365 * 86400 or left > 3e8:
                    return self.tr("never")
                return self.tr("{min} min {s} s").format(min=int(left) // 60, s=int(left) % 60)
            return (m.name, human_bytes(m.size), str(m.context_length or ""), "")[col]
        return None


def expires_in(m: RunningModel) -> float | None:
    if m.expires_at is None:
        return None
    return max(0.0, (m.expires_at - datetime.now(UTC)).total_seconds())


class LibraryModel(_Table):
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
            speed = measured or (fc.speed.high if fc and fc.speed else 0.0)
            return (
                t.model.lower(),
                t.tag.lower(),
                size,
                float(t.parameter_count),
                quant,
                t.context_length,
                (FIT_RANK[fc.memory.fit], fc.memory.needed) if fc else (3, 0),
                speed,
                e.rank,
            )[col]
        if role == Qt.ItemDataRole.DecorationRole and col == self.FIT_COL and fc is not None:
            return FIT_COLORS[fc.memory.fit]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 1 and e.installed:
                return self.tr("Installed")
            if col == self.RANK_COL:
                return self.tr("Rank {n} of {total} for this machine").format(
                    n=e.rank, total=len(self._rows)
                )
            if fc is not None and col in (2, self.FIT_COL, self.SPEED_COL):
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
                parts = []
                if fc and fc.speed:
                    parts.append(f"{fc.speed.low:.0f}–{fc.speed.high:.0f}")
                if measured:
                    parts.append(self.tr("measured {tps:.1f}").format(tps=measured))
                return "  ".join(parts)
            if col == self.RANK_COL:
                if not is_recommended(e.model, fc):
                    return ""
                return self.tr("★ best pick") if e.rank == 1 else "★"
            return (t.model, "", "", t.parameter_size, quant, str(t.context_length))[col]
        return None


class SortFilterProxy(QSortFilterProxyModel):
    """Sorts by each column's value (SORT_ROLE, compared in Python: a QVariant holding a
    size over 2 GiB compared as text, putting 241 MiB between 3.0 and 4.1 GiB); filters by
    text over every column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


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
