"""Library page layout: filters, the catalog table, the selected tag, pull by name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.units import GIB
from desktop.ui.common.bounded_text import BoundedText

SIZE_LIMITS_GIB = (1, 2, 5, 10, 20)


class LibraryView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search models, e.g. qwen, code, vision"))
        self.search.setClearButtonEnabled(True)
        self.max_size = QComboBox()
        self.max_size.addItem(self.tr("Any size"), None)
        for gib in SIZE_LIMITS_GIB:  # the unit every size in the app is shown in
            self.max_size.addItem(self.tr("Up to {n} GiB").format(n=gib), gib * GIB)
        self.family = QComboBox()
        self.family.addItem(self.tr("All families"), "")
        self.capability = QComboBox()
        self.capability.addItem(self.tr("Any capability"), "")
        for cap, label in (
            ("tools", self.tr("Tools")),
            ("thinking", self.tr("Thinking")),
            ("vision", self.tr("Vision")),
            ("embedding", self.tr("Embedding")),
            ("insert", self.tr("Code completion")),
        ):
            self.capability.addItem(label, cap)
        self.runs_well = QCheckBox(self.tr("Runs well here"))
        self.show_embedding = QCheckBox(self.tr("Embedding models"))
        self.show_embedding.setToolTip(
            self.tr("Show models that only turn text into vectors (for search), not chat")
        )
        self.context = QSpinBox()
        self.context.setRange(512, 1_048_576)
        self.context.setSingleStep(1024)
        self.context.setPrefix(self.tr("Context "))
        self.context.setSuffix(self.tr(" tokens"))
        for w in (self.search,):
            filters.addWidget(w, 2)
        for w2 in (
            self.max_size,
            self.family,
            self.capability,
            self.runs_well,
            self.show_embedding,
            self.context,
        ):
            filters.addWidget(w2)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        # columns are fitted to their content after each fill (ui/common/tables.fit_columns)
        layout.addWidget(self.table, 1)

        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.RichText)  # built with escaped names
        self.details.setWordWrap(True)
        self.details.setMinimumHeight(64)
        layout.addWidget(self.details)

        actions = QHBoxLayout()
        self.pull_selected = QPushButton(self.tr("Download selected"))
        self.pull_selected.setEnabled(False)
        self.pull_name = QLineEdit()
        self.pull_name.setPlaceholderText(self.tr("Or type any name:tag, e.g. llama3.2:3b"))
        self.pull_typed = QPushButton(self.tr("Download"))
        self.pull_typed.setEnabled(False)
        self.name_problem = BoundedText()  # quotes the name typed, and the server
        actions.addWidget(self.pull_selected)
        actions.addSpacing(16)
        actions.addWidget(self.pull_name, 1)
        actions.addWidget(self.pull_typed)
        layout.addLayout(actions)

        # a name with another registry's host: the user's opt-in, shown only then
        self.registry_box = QWidget()
        other = QHBoxLayout(self.registry_box)
        other.setContentsMargins(0, 0, 0, 0)
        self.allow_host = QCheckBox()
        self.allow_insecure = QCheckBox(self.tr("It uses plain HTTP (insecure)"))
        other.addWidget(self.allow_host)
        other.addWidget(self.allow_insecure)
        other.addStretch(1)
        self.registry_box.hide()
        layout.addWidget(self.registry_box)
        layout.addWidget(self.name_problem)

        footer = QHBoxLayout()
        self.source_note = QLabel()
        self.source_note.setWordWrap(True)
        self.bandwidth = QLabel()
        for note_label in (self.source_note, self.bandwidth):
            note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.remeasure = QPushButton(self.tr("Measure again"))
        self.explain = QPushButton(self.tr("Quantization explained…"))
        self.calibrate = QPushButton(self.tr("Calibrate speeds…"))
        self.calibrate.setToolTip(
            self.tr(
                "The speeds are estimates until a short benchmark on this machine calibrates them."
            )
        )
        footer.addWidget(self.source_note, 1)
        footer.addWidget(self.bandwidth)
        footer.addWidget(self.remeasure)
        footer.addWidget(self.calibrate)
        footer.addWidget(self.explain)
        layout.addLayout(footer)
