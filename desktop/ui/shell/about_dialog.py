"""Help > About: the app version, the Ollama server in use, and the licences of what ships."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import app_version
from desktop.core.resources import resource_path
from desktop.services.connection import ConnectionMonitor, ConnectionState
from desktop.services.server.status import ServerStatus
from desktop.ui.common.bounded_text import BoundedLabel

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The app icon from the PNGs rendered out of resources/icons/ollama-desk.svg."""
    icon = QIcon()
    for s in ICON_SIZES:
        png = resource_path("icons", "hicolor", f"{s}x{s}", "apps", "ollama-desk.png")
        if png.is_file():
            icon.addFile(str(png))
    return icon


@dataclass(frozen=True)
class Component:
    name: str
    license: str
    files: tuple[str, ...]
    url: str


def load_components(folder: Path | None = None) -> list[Component]:
    """The bundled third-party components listed in resources/licenses/components.json."""
    folder = folder or resource_path("licenses")
    try:
        raw = json.loads((folder / "components.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [
        Component(
            str(c["name"]), str(c["license"]), tuple(c.get("files", ())), str(c.get("url", ""))
        )
        for c in raw
    ]


def license_text(component: Component, folder: Path | None = None) -> str:
    folder = folder or resource_path("licenses")
    parts: list[str] = []
    for name in component.files:
        try:
            parts.append((folder / name).read_text(encoding="utf-8"))
        except OSError:
            parts.append(f"[{name} missing]")
    return "\n\n".join(parts)


class AboutDialog(QDialog):
    """Shows versions and licences; the server line follows the ConnectionMonitor live."""

    def __init__(self, monitor: ConnectionMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Ollama Desk"))
        self.resize(680, 520)
        self._components = load_components()

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel("<b style='font-size:16pt'>Ollama Desk</b>")
        self.version_label = QLabel(self.tr("Version {version}").format(version=app_version()))
        self.version_label.setObjectName("appVersion")
        self.server_label = BoundedLabel(elide=True)  # the server's own version text: plain
        self.server_label.setObjectName("serverVersion")
        self.server_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary = QLabel(
            self.tr(
                "Run a private local language model with Ollama. "
                "Ollama Desk is free software under the MIT licence."
            )
        )
        summary.setWordWrap(True)

        head_text = QVBoxLayout()
        for w in (title, self.version_label, self.server_label):
            head_text.addWidget(w)
        head = QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(head_text, 1)

        self.components = QListWidget()
        self.components.setObjectName("componentList")
        for c in self._components:
            item = QListWidgetItem(f"{c.name}  ({c.license})")
            item.setToolTip(c.url)
            self.components.addItem(item)
        self.license_view = QPlainTextEdit()
        self.license_view.setObjectName("licenseText")
        self.license_view.setReadOnly(True)
        self.license_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        body = QHBoxLayout()
        body.addWidget(self.components, 2)
        body.addWidget(self.license_view, 3)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(summary)
        layout.addWidget(QLabel(self.tr("Ollama Desk includes these components:")))
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self._connect_callbacks(monitor)

    def _connect_callbacks(self, monitor: ConnectionMonitor) -> None:
        monitor.stateChanged.connect(self.show_server)
        self.show_server(monitor.state)
        self.components.currentRowChanged.connect(self._show_license)
        if self._components:
            self.components.setCurrentRow(0)

    def show_server(self, state: ConnectionState) -> None:
        if state.status is ServerStatus.CONNECTED:
            text = self.tr("Ollama server: version {version} at {host}").format(
                version=state.version, host=state.host
            )
        elif state.status is ServerStatus.CHECKING:
            text = self.tr("Ollama server: checking {host}…").format(host=state.host)
        else:
            text = self.tr("Ollama server: not connected ({host})").format(host=state.host)
        self.server_label.setText(text)

    def _show_license(self, row: int) -> None:
        if 0 <= row < len(self._components):
            c = self._components[row]
            self.license_view.setPlainText(f"{c.name} — {c.license}\n{c.url}\n\n" + license_text(c))
            self.license_view.moveCursor(self.license_view.textCursor().MoveOperation.Start)
