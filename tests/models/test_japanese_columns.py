"""No clipped columns in Japanese (issue 11.6: "Fits here" was cut off): every header and
every cell of the library and installed tables fits its column."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTableView

from desktop.app import install_translators
from desktop.ui.models.item_models import ITEM_ROLE


@pytest.fixture
def japanese(qapp):
    translators = install_translators(qapp, "ja")
    assert translators
    yield
    for t in translators:
        QCoreApplication.removeTranslator(t)


def clipped(table: QTableView) -> list[str]:
    model, header = table.model(), table.horizontalHeader()
    metrics = table.fontMetrics()
    out = []
    for col in range(model.columnCount()):
        if col == model.columnCount() - 1:
            continue  # the last column stretches over the rest of the width
        width = header.sectionSize(col)
        title = str(model.headerData(col, Qt.Orientation.Horizontal))
        if header.fontMetrics().horizontalAdvance(title) > width:
            out.append(f"header {title!r}")
        for row in range(model.rowCount()):
            text = model.index(row, col).data()
            icon = 20 if model.index(row, col).data(Qt.ItemDataRole.DecorationRole) else 0
            if text and metrics.horizontalAdvance(str(text)) + icon > width:
                out.append(f"{title!r} row {row}: {text!r}")
    return out


@pytest.mark.usefixtures("japanese")
def test_library_and_installed_columns_are_not_clipped_in_japanese(qtbot, tab):
    qtbot.waitUntil(lambda: tab.model_library.bandwidth.bandwidth is not None, timeout=20000)
    lib = tab.library
    assert lib.table.model().headerData(6, Qt.Orientation.Horizontal) == "この PC での動作"
    assert clipped(lib.table) == []
    tab.tabs.setCurrentWidget(tab.installed)
    installed = tab.installed_presenter.model
    qtbot.waitUntil(lambda: installed.forecast("gemma3-270m:latest") is not None, timeout=10000)
    assert "快適" in installed.index(0, 8).data()
    table = tab.installed.table
    qtbot.waitUntil(lambda: clipped(table) == [], timeout=3000)  # after its layout pass


@pytest.mark.usefixtures("japanese")
def test_catalog_descriptions_read_in_japanese(qtbot, tab):
    p = tab.library_presenter.proxy
    row = next(
        r for r in range(p.rowCount()) if p.index(r, 0).data(ITEM_ROLE).full_name == "gemma3:270m"
    )
    tab.library.table.selectRow(row)
    assert "Google の Gemma 3" in tab.library.details.text()
    assert p.index(row, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("Google の Gemma 3")
