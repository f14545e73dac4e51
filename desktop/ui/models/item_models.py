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
from desktop.core.models.estimate import TagForecast
from desktop.core.models.forecast import Fit, parse_parameter_size
from desktop.core.models.quant import quant_level
from desktop.core.units import human_bytes
from desktop.ui.models.messages import fit_label, speed_cell, speed_tooltip

FIT_RANK = {Fit.RUNS_WELL: 0, Fit.TIGHT: 1, Fit.WONT_FIT: 2}
FIT_COLORS = {
    Fit.RUNS_WELL: QColor("#2e9d44"),
    Fit.TIGHT: QColor("#e0a800"),
    Fit.WONT_FIT: QColor("#d0342c"),
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def quant_order(name: str) -> tuple[float, str]:
    """Quantizations sort by bits per weight (Q4_K_M before Q8_0 before F16), not by text."""
    level = quant_level(name)
    return (level.file_bpw if level else 99.0, name)


ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class Table(QAbstractTableModel):
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


class InstalledModelsModel(Table):
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
        self._measured: dict[str, float] = {}

    def forecast(self, name: str) -> TagForecast | None:
        return self._forecasts.get(name.lower())

    def set_forecasts(
        self, forecasts: dict[str, TagForecast], measured: dict[str, float] | None = None
    ) -> None:
        """Replace the forecasts and measured speeds (keyed by model name, any case)."""
        self._forecasts = {k.lower(): v for k, v in forecasts.items()}
        self._measured = {k.lower(): v for k, v in (measured or {}).items()}
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
                quant_order(d.quantization_level),
                d.family,
                d.context_length or 0,
                m.modified_at.timestamp() if m.modified_at else 0.0,
                FIT_RANK[fc.memory.fit] if fc else 3,
                self._measured.get(m.name.lower())
                or (fc.speed.estimate if fc and fc.speed else 0.0),
            )[col]
        if col >= self.FIT_COL:
            return self._forecast_data(fc, self._measured.get(m.name.lower()), col, role)
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

    def _forecast_data(
        self, fc: TagForecast | None, measured: float | None, col: int, role: int
    ) -> Any:
        if fc is None:  # not forecast yet (or no /api/show): a measured figure still shows
            shown = role == Qt.ItemDataRole.DisplayRole and col == self.SPEED_COL
            return speed_cell(None, measured) or None if shown else None
        if role == Qt.ItemDataRole.DecorationRole and col == self.FIT_COL:
            return FIT_COLORS[fc.memory.fit]
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltip is not None:
            tip = self.tooltip(fc)
            return speed_tooltip(tip, measured) if col == self.SPEED_COL else tip
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.FIT_COL:
            return fit_label(fc)
        return speed_cell(fc, measured)


class RunningModelsModel(Table):
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
