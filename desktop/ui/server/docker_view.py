"""The Docker page's widgets, laid out; no logic (docker_panel.py fills and drives them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.common.bounded_text import BoundedLabel

ORANGE, RED = "#ef6c00", "#c62828"


def _label(name: str, color: str = "") -> QLabel:
    label = BoundedLabel()  # Docker's words, names, paths: plain text, bounded
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if color:
        label.setStyleSheet(f"color: {color};")
    return label


class DockerView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.why = _label("dockerWhy")
        layout.addWidget(self.why)
        self.status = _label("dockerStatus")
        layout.addWidget(self.status)
        self.problem = _label("dockerProblem", RED)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.warning = _label("dockerWarning", ORANGE)
        self.warning.hide()
        layout.addWidget(self.warning)

        form = QFormLayout()
        self.version = QComboBox()
        self.version.setEditable(True)
        self.version.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.version.setMinimumContentsLength(14)
        self.cpus = QDoubleSpinBox()
        self.cpus.setDecimals(1)
        self.cpus.setSingleStep(0.5)
        self.memory = QDoubleSpinBox()
        self.memory.setDecimals(1)
        self.memory.setSingleStep(0.5)
        self.memory.setSuffix(" GB")
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.cloud = QCheckBox()
        limits = QHBoxLayout()
        self.cpus_label = QLabel()
        self.memory_label = QLabel()
        self.port_label = QLabel()
        for w in (
            self.cpus_label,
            self.cpus,
            self.memory_label,
            self.memory,
            self.port_label,
            self.port,
        ):
            limits.addWidget(w)
        limits.addStretch(1)
        self.version_label = QLabel()
        version_row = QHBoxLayout()
        version_row.addWidget(self.version)
        version_row.addStretch(1)
        form.addRow(self.version_label, version_row)
        form.addRow(limits)
        form.addRow(self.cloud)
        layout.addLayout(form)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setMaximumHeight(180)
        layout.addWidget(self.preview)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton()
        self.write_button = QPushButton()
        self.up_button = QPushButton()
        self.stop_button = QPushButton()
        self.down_button = QPushButton()
        self.use_button = QPushButton()
        for b in (
            self.refresh_button,
            self.write_button,
            self.up_button,
            self.stop_button,
            self.down_button,
            self.use_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        row = QHBoxLayout()
        self.message = _label("dockerMessage")
        row.addWidget(self.message, 1)
        self.details_button = QToolButton()
        self.details_button.setCheckable(True)
        self.details_button.hide()
        row.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(140)
        self.details.hide()
        layout.addWidget(self.details)
        layout.addStretch(1)
        self.details_button.toggled.connect(self.details.setVisible)
        self.retranslate()

    def retranslate(self) -> None:
        self.version_label.setText(self.tr("Ollama version"))
        self.version.setToolTip(
            self.tr("The image tag to run: one this Docker already has, a version, or latest.")
        )
        self.cpus_label.setText(self.tr("CPUs"))
        self.memory_label.setText(self.tr("Memory"))
        self.port_label.setText(self.tr("Port"))
        self.port.setSpecialValueText(self.tr("automatic"))
        self.port.setToolTip(
            self.tr(
                "Port on 127.0.0.1 for the container. Automatic: 11435 or the next free one "
                "(never the port of the app's own server)."
            )
        )
        self.cloud.setText(self.tr("Let Ollama in the container use Ollama's cloud"))
        self.refresh_button.setText(self.tr("Check Docker"))
        self.write_button.setText(self.tr("Write compose file"))
        self.up_button.setText(self.tr("Start container"))
        self.stop_button.setText(self.tr("Stop"))
        self.down_button.setText(self.tr("Remove container"))
        self.use_button.setText(self.tr("Use this server"))
        self.details_button.setText(self.tr("Details"))

    def show_details(self, text: str) -> None:
        """What Docker printed, folded away under the translated sentence."""
        self.details.setPlainText(text)
        self.details_button.setVisible(bool(text))
        if not text:
            self.details_button.setChecked(False)
