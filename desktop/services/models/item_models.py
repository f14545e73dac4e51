"""Qt item models for the Models tab: installed, running and library (catalog) rows.
Views sort and filter them through proxies; nothing here touches a widget."""

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
from desktop.core.models.catalog import Catalog, CatalogModel, CatalogTag
from desktop.core.models.estimate import TagForecast
from desktop.core.models.forecast import Fit, parse_parameter_size
from desktop.core.units import human_bytes

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


def fit_label_text(fit: Fit) -> str:
    # the LibraryModel context keeps the existing translations
    if fit is Fit.RUNS_WELL:
        return QCoreApplication.translate("LibraryModel", "Runs well")
    if fit is Fit.TIGHT:
        return QCoreApplication.translate("LibraryModel", "Tight")
    return QCoreApplication.translate("LibraryModel", "Won't fit")


def fit_label(fc: TagForecast) -> str:
    """`Runs well · 1.2 GiB` (memory needed), with a swap warning when there is a risk."""
    text = fit_label_text(fc.memory.fit)
    if fc.memory.swap_risk:
        text += QCoreApplication.translate("LibraryModel", " (swap risk)")
    return f"{text} · {human_bytes(fc.memory.needed)}"


def expires_in(m: RunningModel) -> float | None:
    if m.expires_at is None:
        return None
    return max(0.0, (m.expires_at - datetime.now(UTC)).total_seconds())


class LibraryModel(_Table):
    """One row per catalog tag with its forecast (set from outside as figures arrive)."""

    HEADERS: tuple[object, ...] = (
        QT_TRANSLATE_NOOP("ModelTables", "Model"),
        QT_TRANSLATE_NOOP("ModelTables", "Tag"),
        QT_TRANSLATE_NOOP("ModelTables", "Download"),
        QT_TRANSLATE_NOOP("ModelTables", "Parameters"),
        QT_TRANSLATE_NOOP("ModelTables", "Quantization"),
        QT_TRANSLATE_NOOP("ModelTables", "Context"),
        QT_TRANSLATE_NOOP("ModelTables", "Fits here"),
        QT_TRANSLATE_NOOP("ModelTables", "Speed (tokens/s)"),
    )

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._forecasts: dict[str, TagForecast] = {}
        self._measured: dict[str, float] = {}
        self._models: dict[str, CatalogModel] = {m.name: m for m in catalog.models}
        self.set_rows([t for m in catalog.models for t in m.tags])

    def model_of(self, tag: CatalogTag) -> CatalogModel:
        return self._models[tag.model]

    def forecast(self, tag: CatalogTag) -> TagForecast | None:
        return self._forecasts.get(tag.full_name)

    def set_forecasts(self, forecasts: dict[str, TagForecast]) -> None:
        self._forecasts.update(forecasts)
        if self._rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._rows) - 1, 7))

    def set_measured(self, measured: dict[str, float]) -> None:
        self._measured = dict(measured)
        if self._rows:
            self.dataChanged.emit(self.index(0, 7), self.index(len(self._rows) - 1, 7))

    def fit_text(self, fit: Fit) -> str:
        return fit_label_text(fit)

    def forecast_tooltip(self, fc: TagForecast) -> str:
        m = fc.memory
        source = (
            self.tr("exact, from the registry")
            if fc.size_source == "registry"
            else self.tr("from catalog, {date}").format(date=self.catalog.compiled)
        )
        size_line = self.tr("Download: {size} ({source})").format(
            size=human_bytes(fc.size), source=source
        )
        if fc.size_source == "installed":
            size_line = self.tr("On disk: {size} (installed)").format(size=human_bytes(fc.size))
        lines = [
            size_line,
            self.tr(
                "Memory at {ctx} tokens: {need} = weights {w} + KV cache {kv} + "
                "overhead {o} (10 %, at least 300 MiB)"
            ).format(
                ctx=m.context,
                need=human_bytes(m.needed),
                w=human_bytes(m.weights),
                kv=human_bytes(m.kv_cache),
                o=human_bytes(m.overhead),
            ),
            self.tr("Available now: {avail} of {total} RAM").format(
                avail=human_bytes(m.available), total=human_bytes(m.total_ram)
            ),
        ]
        if m.swap_risk:
            lines.append(self.tr("Other programs would be pushed to swap: expect slowdowns."))
        if fc.speed is not None:
            lines.append(
                self.tr(
                    "Speed: memory bandwidth {bw:.1f} GB/s x 70-120 % / {lo}-{hi} read per token"
                ).format(
                    bw=fc.speed.bandwidth / 1e9,
                    lo=human_bytes(fc.speed.bytes_per_token_low),
                    hi=human_bytes(fc.speed.bytes_per_token_high),
                )
            )
        if "sliding-window layers counted at their window" in m.notes:
            lines.append(self.tr("Sliding-window layers only keep their window in the cache."))
        if not m.kv_estimated:
            lines.append(self.tr("Architecture unknown: the KV cache is a rough guess."))
        return "\n".join(lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t: CatalogTag = self._rows[index.row()]
        fc = self._forecasts.get(t.full_name)
        col = index.column()
        if role == ITEM_ROLE:
            return t
        size = fc.size if fc else t.size
        quant = fc.quantization if fc else t.quantization
        if role == SORT_ROLE:
            return (
                t.model,
                t.tag,
                size,
                float(t.parameter_count),
                quant,
                t.context_length,
                FIT_RANK[fc.memory.fit] if fc else 3,
                fc.speed.high if fc and fc.speed else 0.0,
            )[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 6 and fc is not None:
            return FIT_COLORS[fc.memory.fit]
        if role == Qt.ItemDataRole.ToolTipRole and fc is not None and col in (2, 6, 7):
            return self.forecast_tooltip(fc)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 2:
                mark = "" if fc and fc.size_source == "registry" else " *"
                return human_bytes(size) + mark
            if col == 6:
                return fit_label(fc) if fc is not None else ""
            if col == 7:
                parts = []
                if fc and fc.speed:
                    parts.append(f"{fc.speed.low:.0f}–{fc.speed.high:.0f}")
                measured = self._measured.get(t.full_name.lower())
                if measured:
                    parts.append(self.tr("measured {tps:.1f}").format(tps=measured))
                return "  ".join(parts)
            return (t.model, t.tag, "", t.parameter_size, quant, str(t.context_length), "", "")[col]
        return None


class SortFilterProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE; filters by text over every column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)


class LibraryFilterProxy(SortFilterProxy):
    """Text, maximum download size, family, capability and "runs well here"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.max_size: int | None = None
        self.family = ""
        self.capability = ""
        self.runs_well_only = False

    def set_filters(
        self,
        *,
        text: str = "",
        max_size: int | None = None,
        family: str = "",
        capability: str = "",
        runs_well_only: bool = False,
    ) -> None:
        self.text, self.max_size, self.family = text.strip().lower(), max_size, family
        self.capability, self.runs_well_only = capability, runs_well_only
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        src = self.sourceModel()
        if not isinstance(src, LibraryModel):
            return True
        t: CatalogTag = src.item(source_row)
        m = src.model_of(t)
        fc = src.forecast(t)
        if self.text and self.text not in f"{t.full_name} {m.description} {m.family}".lower():
            return False
        if self.max_size is not None and (fc.size if fc else t.size) > self.max_size:
            return False
        if self.family and m.family != self.family:
            return False
        if self.capability and self.capability not in m.capabilities:
            return False
        return not (self.runs_well_only and (fc is None or fc.memory.fit is not Fit.RUNS_WELL))
