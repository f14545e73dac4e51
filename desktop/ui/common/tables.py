"""Table helpers shared by the tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView


def fit_columns(table: QTableView) -> None:
    """Size every column to its content and header (nothing clipped, in any language) once,
    after a fill. ResizeToContents would measure every cell again on every data change:
    28,000 calls into Python at start-up for the model library alone."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
