"""Library page layout: filters, the catalog table, the selected tag, pull by name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

SIZE_LIMITS_GB = (1, 2, 5, 10, 20)


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
        for gb in SIZE_LIMITS_GB:
            self.max_size.addItem(self.tr("Up to {n} GB").format(n=gb), gb * 10**9)
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
        self.context = QSpinBox()
        self.context.setRange(512, 1_048_576)
        self.context.setSingleStep(1024)
        self.context.setPrefix(self.tr("Context "))
        self.context.setSuffix(self.tr(" tokens"))
        for w in (self.search,):
            filters.addWidget(w, 2)
        for w2 in (self.max_size, self.family, self.capability, self.runs_well, self.context):
            filters.addWidget(w2)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table, 1)

        self.details = QLabel()
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
        self.name_problem = QLabel()
        actions.addWidget(self.pull_selected)
        actions.addSpacing(16)
        actions.addWidget(self.pull_name, 1)
        actions.addWidget(self.pull_typed)
        actions.addWidget(self.name_problem)
        layout.addLayout(actions)

        footer = QHBoxLayout()
        self.source_note = QLabel()
        self.source_note.setWordWrap(True)
        self.bandwidth = QLabel()
        self.remeasure = QPushButton(self.tr("Measure again"))
        self.explain = QPushButton(self.tr("Quantization explained…"))
        footer.addWidget(self.source_note, 1)
        footer.addWidget(self.bandwidth)
        footer.addWidget(self.remeasure)
        footer.addWidget(self.explain)
        layout.addLayout(footer)
