"""Docker section: state from the docker CLI, a pinned loopback-only compose file with the
settings that matter on CPU, start/stop/remove, and why native is usually faster."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psutil
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import OllamaError
from desktop.core.setup.docker import ComposeOptions, allotment_warning, compose_yaml
from desktop.core.units import human_bytes
from desktop.services.server.docker_cli import DockerCli, DockerState
from desktop.services.server.setup_service import SetupService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import Task
from desktop.ui.common.bounded_text import BoundedText


class DockerPanel(QWidget):
    """useServer(url) when the user picks the Docker server for the app."""

    useServer = Signal(str)

    def __init__(
        self,
        setup: SetupService,
        settings: SettingsStore,
        compose_file: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setup = setup
        self.settings = settings
        self.compose_file = compose_file
        self.latest_version = ""
        self.state: DockerState | None = None
        self._task: Task | None = None
        self._action = ""
        layout = QVBoxLayout(self)
        why = QLabel(
            self.tr(
                "Native Ollama is usually faster on a laptop: Docker Desktop (Windows, macOS) "
                "runs Ollama inside a virtual machine with only part of your CPUs and memory, "
                "and cannot use the GPU on macOS. Use Docker if you already run your services "
                "there."
            )
        )
        why.setWordWrap(True)
        layout.addWidget(why)
        self.status = BoundedText(self.tr("Docker not checked yet."))  # Docker's words
        self.status.setObjectName("dockerStatus")
        layout.addWidget(self.status)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #ef6c00;")
        self.warning.hide()
        layout.addWidget(self.warning)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setMaximumHeight(220)
        layout.addWidget(self.preview)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Check Docker"))
        self.write_button = QPushButton(self.tr("Write compose file"))
        self.up_button = QPushButton(self.tr("Start container"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.down_button = QPushButton(self.tr("Remove container"))
        self.use_button = QPushButton(self.tr("Use this server"))
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
        self.message = BoundedText()  # Docker's words: bounded, the whole in Details
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.refresh_button.clicked.connect(self.refresh)
        self.write_button.clicked.connect(self.write_compose)
        self.up_button.clicked.connect(lambda: self._call("up", lambda d: d.up(self.compose_file)))
        self.stop_button.clicked.connect(
            lambda: self._call("stop", lambda d: d.stop(self.compose_file))
        )
        self.down_button.clicked.connect(
            lambda: self._call("down", lambda d: d.down(self.compose_file))
        )
        self.use_button.clicked.connect(self._use)
        self._update_buttons()
        self._show_preview()

    # -- compose -------------------------------------------------------------------------
    def options(self) -> ComposeOptions:
        version = self.settings.text("server_docker_version") or self.latest_version
        mem = self.settings.number("server_docker_memory_gb") or round(
            psutil.virtual_memory().total * 0.75 / 2**30, 1
        )
        cpus = self.settings.number("server_docker_cpus") or float(
            psutil.cpu_count(logical=False) or 1
        )
        return ComposeOptions(
            version=version,
            port=self.settings.integer("server_port"),
            memory_gb=mem,
            cpus=cpus,
            context_length=self.settings.integer("server_context_length") or 4096,
            kv_cache_type=self.settings.text("server_kv_cache_type"),
            keep_alive=self.settings.text("server_keep_alive"),
        )

    def _show_preview(self) -> None:
        try:
            self.preview.setPlainText(compose_yaml(self.options()))
        except ValueError:
            self.preview.setPlainText(
                self.tr(
                    "# Choose an Ollama version to pin (found automatically once the latest "
                    "release is known)."
                )
            )

    def set_latest_version(self, version: str) -> None:
        self.latest_version = version
        self._show_preview()
        self._update_buttons()

    def write_compose(self) -> bool:
        try:
            text = compose_yaml(self.options())
        except ValueError as e:
            self.message.setText(str(e))
            return False
        self.compose_file.parent.mkdir(parents=True, exist_ok=True)
        self.compose_file.write_text(text, encoding="utf-8")
        self.preview.setPlainText(text)
        self.message.setText(
            self.tr("Written to {path}. Ports are published on 127.0.0.1 only.").format(
                path=str(self.compose_file)
            )
        )
        self._update_buttons()
        return True

    # -- docker CLI ----------------------------------------------------------------------
    def refresh(self) -> None:
        self._call("state", lambda d: d.state())

    def _call(self, name: str, op: Any) -> None:
        if self._task is not None and not self._task.done:
            return
        if name == "up" and not self.compose_file.exists() and not self.write_compose():
            return
        self.message.setText(self.tr("Running docker…"))
        task = self.setup.docker_call(name, op, self._done, self._failed)
        self._action = name
        task.finished.connect(self._update_buttons)
        self._task = task
        self._update_buttons()

    def _done(self, result: Any) -> None:
        name = self._action
        if isinstance(result, DockerState):
            self.show_state(result)
            self.message.clear()
        else:
            self.message.setText(self.tr("docker compose {action}: done.").format(action=name))
            self.refresh_after()

    def refresh_after(self) -> None:
        self._task = None
        self.refresh()

    def _failed(self, error: OllamaError) -> None:
        self.message.setText(
            self.tr("Docker reported a problem. The Details show what it said."), error.raw
        )
        self._update_buttons()

    def show_state(self, st: DockerState) -> None:
        self.state = st
        if not st.cli:
            text = self.tr("Docker is not installed.")
        elif not st.engine_running:
            text = self.tr("Docker is installed, but its engine is not running.")
        else:
            assert st.info is not None
            text = self.tr("Docker engine {v}: {cpus} CPUs, {mem} memory.").format(
                v=st.info.server_version, cpus=st.info.ncpu, mem=human_bytes(st.info.mem_total)
            )
            for c in st.containers:
                line = self.tr("Container {name} ({image}): {state}, {url}").format(
                    name=c.name,
                    image=c.image,
                    state=self.tr("running") if c.running else self.tr("stopped"),
                    url=c.url or self.tr("no published port"),
                )
                if c.exposed_on_all_interfaces:
                    line += self.tr(
                        " — WARNING: published on all network interfaces, without a password."
                    )
                text += "\n" + line
            host_ram = psutil.virtual_memory().total
            if allotment_warning(st.info, psutil.cpu_count() or 0, host_ram):
                self.warning.setText(
                    self.tr(
                        "Docker may use only {cpus} CPUs and {mem} of this computer's {hcpus} "
                        "CPUs and {hmem}. Models will be slower or may not fit; raise the limits "
                        "in Docker's settings."
                    ).format(
                        cpus=st.info.ncpu,
                        mem=human_bytes(st.info.mem_total),
                        hcpus=psutil.cpu_count(),
                        hmem=human_bytes(host_ram),
                    )
                )
                self.warning.show()
            else:
                self.warning.hide()
        self.status.setText(text)
        self._update_buttons()

    def _running_url(self) -> str | None:
        if self.state is None:
            return None
        return next((c.url for c in self.state.containers if c.running and c.url), None)

    def _use(self) -> None:
        url = self._running_url()
        if url:
            self.useServer.emit(url)

    def _update_buttons(self) -> None:
        busy = self._task is not None and not self._task.done
        engine = bool(self.state and self.state.engine_running)
        has_container = bool(self.state and self.state.containers)
        self.refresh_button.setEnabled(not busy)
        try:
            compose_yaml(self.options())
            can_write = True
        except ValueError:
            can_write = False
        self.write_button.setEnabled(can_write)
        self.up_button.setEnabled(engine and can_write and not busy)
        self.stop_button.setEnabled(engine and has_container and not busy)
        self.down_button.setEnabled(engine and has_container and not busy)
        self.use_button.setEnabled(self._running_url() is not None)


__all__ = ["DockerCli", "DockerPanel"]
