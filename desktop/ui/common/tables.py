"""Table helpers shared by the tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

MAX_COLUMN_PX = 480  # a server's 20,000-character model name must not make a column of it


def fit_columns(table: QTableView) -> None:
    """Size every column to its content and header (nothing clipped, in any language) once,
    after a fill, but never wider than MAX_COLUMN_PX (a longer text is elided; the user can
    widen the column). ResizeToContents would measure every cell again on every data change:
    28,000 calls into Python at start-up for the model library alone."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    for column in range(header.count()):
        if header.sectionSize(column) > MAX_COLUMN_PX:
            header.resizeSection(column, MAX_COLUMN_PX)
