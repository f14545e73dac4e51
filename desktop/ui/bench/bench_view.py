"""The Benchmark tab's widgets, laid out; no logic (bench_presenter.py holds it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.bench.chart import BarChart
from desktop.ui.common.bounded_text import BoundedLabel


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class BenchView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.models = QListWidget()
        self.models.setMaximumWidth(260)
        self.run = QPushButton(self.tr("Run benchmark"))
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setEnabled(False)
        self.export = QPushButton(self.tr("Export CSV…"))
        self.docker = QCheckBox(self.tr("Compare with Docker, if running"))
        self.docker.setToolTip(
            self.tr("Runs the same benchmark on a running Ollama Docker container as well.")
        )
        self.docker.setChecked(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = _plain(BoundedLabel())  # quotes a server's error: bounded
        self.warning = _plain(QLabel())
        self.warning.setStyleSheet("color: #b35c00;")
        self.warning.setVisible(False)
        self.calibration = _plain(QLabel())
        self.calibrate = QPushButton(self.tr("Calibrate (about 30 s)"))
        self.table = QTableWidget(0, 10)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Server"),
                self.tr("Generation tok/s"),
                self.tr("Spread"),
                self.tr("Prompt tok/s"),
                self.tr("First token"),
                self.tr("Load"),
                self.tr("Memory"),
                self.tr("Energy / answer"),
                self.tr("Measured"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = BarChart()
        self.comparison = _plain(QLabel())
        # thread tuner
        self.tune_model = QComboBox()
        self.tune = QPushButton(self.tr("Tune threads"))
        self.tune_result = _plain(QLabel())
        self.tune_save = QPushButton(self.tr("Save as this model's default"))
        self.tune_save.setEnabled(False)
        self._lay_out()

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(_plain(QLabel(self.tr("Installed models"))))
        left.addWidget(self.models, 1)
        left.addWidget(self.docker)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run)
        buttons.addWidget(self.cancel)
        left.addLayout(buttons)
        left.addWidget(self.export)
        cal = QGroupBox(self.tr("Forecast calibration"))
        cal_l = QVBoxLayout(cal)
        cal_l.addWidget(self.calibration)
        cal_l.addWidget(self.calibrate)
        left.addWidget(cal)
        tuner = QGroupBox(self.tr("Thread tuner"))
        t = QVBoxLayout(tuner)
        row = QHBoxLayout()
        row.addWidget(self.tune_model, 1)
        row.addWidget(self.tune)
        t.addLayout(row)
        t.addWidget(self.tune_result)
        t.addWidget(self.tune_save)
        left.addWidget(tuner)
        left_w = QWidget()
        left_w.setLayout(left)
        left_w.setMaximumWidth(320)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.table)
        chart_box = QWidget()
        cb = QVBoxLayout(chart_box)
        cb.setContentsMargins(0, 0, 0, 0)
        cb.addWidget(self.chart, 1)
        cb.addWidget(self.comparison)
        right.addWidget(chart_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right_w = QWidget()
        rl = QVBoxLayout(right_w)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.warning)
        rl.addWidget(self.progress)
        rl.addWidget(self.status)
        rl.addWidget(right, 1)

        outer = QHBoxLayout(self)
        outer.addWidget(left_w)
        outer.addWidget(right_w, 1)
