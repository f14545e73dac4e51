"""The managed server's settings, each with a one-line explanation. Changes are saved at
once; the tab restarts a running server to apply them. LAN access needs an explicit
confirmation after a warning that the API has no authentication."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core import settings as schema
from desktop.core.setup.server_env import valid_keep_alive
from desktop.services.settings_store import SettingsStore
from desktop.ui.common.tone import set_tone


def labels() -> dict[str, tuple[str, str]]:
    """key -> (label, one-line explanation). Literal strings so lupdate sees them."""
    return {
        "server_models_dir": (
            QCoreApplication.translate("ServerSettings", "Models folder"),
            QCoreApplication.translate(
                "ServerSettings",
                "Where downloaded models are stored. Empty: Ollama's default (~/.ollama/models).",
            ),
        ),
        "server_keep_alive": (
            QCoreApplication.translate("ServerSettings", "Keep model loaded"),
            QCoreApplication.translate(
                "ServerSettings",
                "How long a model stays in memory after the last message: 5m, 1h, or -1 for ever.",
            ),
        ),
        "server_context_length": (
            QCoreApplication.translate("ServerSettings", "Context length"),
            QCoreApplication.translate(
                "ServerSettings",
                "Tokens the model sees at once. 4096 suits a laptop; more needs more "
                "memory. 0 lets Ollama decide.",
            ),
        ),
        "server_num_parallel": (
            QCoreApplication.translate("ServerSettings", "Parallel requests"),
            QCoreApplication.translate(
                "ServerSettings",
                "Answers computed at the same time. Keep 1 on a CPU: each one "
                "multiplies the context memory.",
            ),
        ),
        "server_max_loaded_models": (
            QCoreApplication.translate("ServerSettings", "Models in memory"),
            QCoreApplication.translate(
                "ServerSettings",
                "How many models may stay loaded at once. 1 keeps memory use predictable.",
            ),
        ),
        "server_flash_attention": (
            QCoreApplication.translate("ServerSettings", "Flash attention"),
            QCoreApplication.translate(
                "ServerSettings",
                "Faster and smaller attention. Needed for a compressed context cache.",
            ),
        ),
        "server_kv_cache_type": (
            QCoreApplication.translate("ServerSettings", "Context cache precision"),
            QCoreApplication.translate(
                "ServerSettings",
                "q8_0 halves the memory of the context with little quality loss; f16 is exact.",
            ),
        ),
        "server_noprune": (
            QCoreApplication.translate("ServerSettings", "Keep partial downloads"),
            QCoreApplication.translate(
                "ServerSettings", "Interrupted model downloads survive a server restart and resume."
            ),
        ),
        "server_port": (
            QCoreApplication.translate("ServerSettings", "Port"),
            QCoreApplication.translate(
                "ServerSettings", "The app's own server listens on 127.0.0.1 at this port."
            ),
        ),
    }


ORDER = (
    "server_models_dir",
    "server_context_length",
    "server_kv_cache_type",
    "server_flash_attention",
    "server_num_parallel",
    "server_max_loaded_models",
    "server_keep_alive",
    "server_noprune",
    "server_port",
)


class SettingsPanel(QWidget):
    lanConfirmed = Signal(bool)

    def __init__(self, settings: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.editors: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(12)
        texts = labels()
        for row, key in enumerate(ORDER):
            label, why = texts[key]
            editor = self._editor(key)
            self.editors[key] = editor
            editor.setMinimumWidth(140)
            if key == "server_models_dir":
                editor.setMinimumWidth(260)
            hint = QLabel(why)
            hint.setWordWrap(True)
            hint.setObjectName("hint")
            set_tone(hint, "muted")
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(editor, row, 1)
            grid.addWidget(hint, row, 2)
        outer.addLayout(grid)
        # LAN exposure: never by accident
        self.lan_check = QCheckBox(self.tr("Let other computers on my network use this server"))
        self.lan_check.setChecked(settings.flag("server_expose_lan"))
        outer.addWidget(self.lan_check)
        self.lan_warning = QFrame()
        self.lan_warning.setObjectName("lanWarning")
        set_tone(self.lan_warning, "danger")
        wl = QVBoxLayout(self.lan_warning)
        text = QLabel(
            self.tr(
                "Warning: Ollama's API has no password. Anyone who can reach this computer on "
                "the network could use your models, download new ones, delete them, or fill "
                "your disk. Only do this on a network you trust, ideally behind a proxy with a "
                "password."
            )
        )
        text.setWordWrap(True)
        set_tone(text, "danger")
        wl.addWidget(text)
        buttons = QHBoxLayout()
        self.lan_confirm = QPushButton(self.tr("Expose to the network"))
        self.lan_cancel = QPushButton(self.tr("Keep it private"))
        buttons.addStretch(1)
        buttons.addWidget(self.lan_cancel)
        buttons.addWidget(self.lan_confirm)
        wl.addLayout(buttons)
        self.lan_warning.hide()
        outer.addWidget(self.lan_warning)
        self.lan_state = QLabel()
        self.lan_state.setWordWrap(True)
        outer.addWidget(self.lan_state)
        outer.addStretch(1)
        self.lan_check.toggled.connect(self._lan_toggled)
        self.lan_confirm.clicked.connect(lambda: self._lan_decided(True))
        self.lan_cancel.clicked.connect(lambda: self._lan_decided(False))
        self._show_lan_state()

    def _editor(self, key: str) -> QWidget:
        spec = schema.spec(key)
        value: Any = self.settings.get(key)
        if spec.type is bool:
            w = QCheckBox(self.tr("On"))
            w.setChecked(bool(value))
            w.toggled.connect(lambda v, k=key: self._save(k, v))
            return w
        if spec.choices:
            c = QComboBox()
            c.addItems([str(x) for x in spec.choices])
            c.setCurrentText(str(value))
            c.currentTextChanged.connect(lambda v, k=key: self._save(k, v))
            return c
        if spec.type is int:
            s = QSpinBox()
            s.setRange(int(spec.minimum or 0), int(spec.maximum or 1_000_000))
            s.setValue(int(value))
            if key == "server_context_length":
                s.setSingleStep(1024)
            s.editingFinished.connect(lambda k=key, box=s: self._save(k, box.value()))
            return s
        e = QLineEdit(str(value))
        if key == "server_models_dir":
            e.setPlaceholderText("~/.ollama/models")
        e.editingFinished.connect(lambda k=key, line=e: self._save_text(k, line))
        return e

    def _save_text(self, key: str, line: QLineEdit) -> None:
        value = line.text().strip()
        if key == "server_keep_alive" and not valid_keep_alive(value):
            set_tone(line, "danger")
            line.setToolTip(self.tr("Use a duration like 5m, 1h or -1."))
            return
        set_tone(line, "")
        line.setToolTip("")
        self._save(key, value)

    def _save(self, key: str, value: Any) -> None:
        with contextlib.suppress(ValueError):  # the editors' ranges match the schema
            self.settings.set(key, value)

    def _lan_toggled(self, on: bool) -> None:
        if on and not self.settings.flag("server_expose_lan"):
            self.lan_warning.show()  # nothing changes until the user confirms
        elif not on:
            self.lan_warning.hide()
            self.settings.set("server_expose_lan", False)
            self._show_lan_state()

    def _lan_decided(self, expose: bool) -> None:
        self.lan_warning.hide()
        if expose:
            self.settings.set("server_expose_lan", True)
        else:
            self.lan_check.blockSignals(True)
            self.lan_check.setChecked(False)
            self.lan_check.blockSignals(False)
        self._show_lan_state()
        self.lanConfirmed.emit(expose)

    def _show_lan_state(self) -> None:
        if self.settings.flag("server_expose_lan"):
            self.lan_state.setText(
                self.tr(
                    "Exposed: the server listens on all network interfaces (0.0.0.0) with no "
                    "password."
                )
            )
            set_tone(self.lan_state, "danger")
            self._bold(self.lan_state, True)
        else:
            self.lan_state.setText(
                self.tr("Private: only this computer can reach the server (127.0.0.1).")
            )
            set_tone(self.lan_state, "success")
            self._bold(self.lan_state, False)

    @staticmethod
    def _bold(label: QLabel, on: bool) -> None:
        font = label.font()
        font.setBold(on)
        label.setFont(font)
