"""The Server tab's Docker page: the engine's state from the docker CLI (and why it cannot be
used, in a sentence), the version, CPU, memory and port of a loopback-only compose file,
start / stop / remove with buttons true to the container's real state, and whether native
or Docker is faster on this OS."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psutil
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.core.errors import OllamaError
from desktop.core.setup.docker import LATEST, allotment_warning
from desktop.core.setup.docker_text import DockerProblem
from desktop.core.units import human_bytes
from desktop.services.server.docker_cli import DockerCli, DockerState
from desktop.services.server.docker_model import DockerModel, DockerOutcome, this_install_way
from desktop.services.server.setup_service import SetupService
from desktop.services.settings_store import SettingsStore
from desktop.ui.common.messages import error_message
from desktop.ui.server.docker_messages import DockerMessages, sentences
from desktop.ui.server.docker_view import DockerView


class DockerPanel(QWidget):
    """useServer(url) when the user picks the Docker server for the app."""

    useServer = Signal(str)
    containerChanged = Signal()  # started, stopped or removed: servers answer differently

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
        self.model = DockerModel(setup, settings, compose_file, self)
        self.view = DockerView(self)
        self.words = DockerMessages(self)
        self.way = this_install_way()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        v = self.view
        # the names tests and the Server tab use
        self.status, self.warning, self.message = v.status, v.warning, v.message
        self.up_button, self.stop_button, self.down_button = (
            v.up_button,
            v.stop_button,
            v.down_button,
        )
        self.use_button, self.write_button = v.use_button, v.write_button
        v.why.setText(self.words.why_docker())
        v.status.setText(self.tr("Docker not checked yet."))
        self._filling = False
        self._fill_options()
        self._connect_callbacks()
        self._update_buttons()
        self._show_preview()

    @property
    def compose_file(self) -> Path:
        return self.model.compose_file

    @property
    def state(self) -> DockerState | None:
        return self.model.state

    @property
    def latest_version(self) -> str:
        return self.model.known_versions[0] if self.model.known_versions else ""

    def _connect_callbacks(self) -> None:
        v, m = self.view, self.model
        v.refresh_button.clicked.connect(self.refresh)
        v.write_button.clicked.connect(self.write_compose)
        v.up_button.clicked.connect(lambda: self._run(m.start, self.tr("Starting the container…")))
        v.stop_button.clicked.connect(lambda: self._run(m.stop, self.tr("Stopping…")))
        v.down_button.clicked.connect(lambda: self._run(m.remove, self.tr("Removing…")))
        v.use_button.clicked.connect(self._use)
        # each box writes its own setting only: the others stay "automatic" until touched
        v.version.currentTextChanged.connect(
            lambda text: self._option_changed("server_docker_version", text.strip())
        )
        v.cpus.valueChanged.connect(lambda x: self._option_changed("server_docker_cpus", x))
        v.memory.valueChanged.connect(lambda x: self._option_changed("server_docker_memory_gb", x))
        v.port.valueChanged.connect(lambda x: self._option_changed("server_docker_port", x))
        v.cloud.toggled.connect(lambda on: self._option_changed("server_docker_cloud", on))
        m.stateChanged.connect(self.show_state)
        m.done.connect(self._done)
        m.failed.connect(self._failed)
        m.busyChanged.connect(lambda _b: self._update_buttons())

    # -- options ---------------------------------------------------------------------------
    def _fill_options(self) -> None:
        """Version choices, limits and port from the settings (0: the automatic values)."""
        v, m = self.view, self.model
        self._filling = True
        try:
            chosen = self.settings.text("server_docker_version")
            v.version.clear()
            v.version.addItems(m.version_choices())
            v.version.setCurrentText(chosen or m.version())
            cores = psutil.cpu_count() or 1
            v.cpus.setRange(0.5, float(max(cores, 1)))
            v.cpus.setValue(self.settings.number("server_docker_cpus") or m.default_cpus())
            total_gb = psutil.virtual_memory().total / 2**30
            v.memory.setRange(0.5, max(1.0, round(total_gb, 1)))
            v.memory.setValue(
                self.settings.number("server_docker_memory_gb") or m.default_memory_gb()
            )
            v.port.setValue(self.settings.integer("server_docker_port"))
            v.cloud.setChecked(self.settings.flag("server_docker_cloud"))
        finally:
            self._filling = False

    def _option_changed(self, key: str, value: object) -> None:
        if self._filling:
            return
        self.settings.set(key, value)
        self._show_preview()
        self._update_buttons()

    def _show_preview(self) -> None:
        try:
            self.view.preview.setPlainText(self.model.compose_text())
        except ValueError:
            self.view.preview.setPlainText(
                self.tr("# Choose an Ollama version: a version like 0.12.3, or latest.")
            )

    def set_latest_version(self, version: str) -> None:
        """A version of Ollama known here (the latest release, or one installed)."""
        known = [version, *self.model.known_versions]
        self.model.set_known_versions(list(dict.fromkeys(known)))
        self._fill_options()
        self._show_preview()
        self._update_buttons()

    def write_compose(self) -> bool:
        try:
            self.model.write()
        except ValueError:
            self._say(self.tr("Choose an Ollama version: a version like 0.12.3, or latest."))
            return False
        except OSError as e:
            self._say(self.tr("The compose file could not be written."), str(e))
            return False
        self._show_preview()
        self._say(
            self.tr("Written to {path}. Ports are published on 127.0.0.1 only.").format(
                path=str(self.compose_file)
            )
        )
        self._update_buttons()
        return True

    # -- docker ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.model.refresh()
        self._update_buttons()

    def _run(self, action: Callable[[], None], busy_text: str) -> None:
        if self.model.busy:
            return
        self._say(busy_text)
        action()
        self._update_buttons()

    def _say(self, text: str, details: str = "") -> None:
        self.view.message.setText(text)
        self.view.show_details(details)

    def _done(self, out: DockerOutcome) -> None:
        if out.action != "state":
            self.containerChanged.emit()
        c = self.model.container()
        if out.error is not None:
            e = out.error
            text = self.words.action_failed(
                out.action,
                e.problem,
                self.way,
                self.model.options().version,
                out.port,
                self.model.options().container_name,
            )
            if out.action == "state":
                text = self.words.engine_problem(e.problem, self.way)
            self._say(text, e.detail)
        elif out.action == "up":
            url = c.url if c is not None and c.url else f"http://127.0.0.1:{out.port}"
            if out.answering:
                text = self.tr("The container is running: Ollama answers at {url}.")
            else:
                text = self.tr(
                    "The container is running, but Ollama does not answer at {url} yet: "
                    "check again in a moment (its log: docker logs {name})."
                )
            text = text.format(url=url, name=self.model.container_name)
            if out.port != out.wanted_port:
                text = sentences(
                    text,
                    self.tr("Port {wanted} was in use, so the container uses port {port}.").format(
                        wanted=out.wanted_port, port=out.port
                    ),
                )
            self._say(text)
        elif out.action == "stop":
            self._say(
                self.tr(
                    "The container is stopped; its models are kept. Start container runs it again."
                )
            )
        elif out.action == "down":
            self._say(self.tr("The container is removed; its models are kept in Docker's volume."))
        self._update_buttons()

    def _failed(self, error: OllamaError) -> None:
        """What the docker wrapper did not expect: a sentence, the raw words under Details."""
        text = self.words.action_failed("", DockerProblem.OTHER, self.way, "", 0, "")
        self._say(text, error.raw or error.detail or error_message(error))
        self._update_buttons()

    def show_state(self, st: DockerState) -> None:
        self._fill_options()  # the engine's image tags are choices now
        self._show_preview()
        v = self.view
        problem = ""
        if not st.cli or not st.engine_running:
            text = self.tr("Docker cannot be used here yet.")
            problem = self.words.engine_problem(st.problem or DockerProblem.OTHER, self.way)
            self.view.show_details(st.engine_error)
        else:
            assert st.info is not None
            text = self.tr("Docker engine {v}: {cpus} CPUs, {mem} memory.").format(
                v=st.info.server_version, cpus=st.info.ncpu, mem=human_bytes(st.info.mem_total)
            )
            if st.compose is not None:
                command = "docker compose" if len(st.compose.argv) > 1 else "docker-compose"
                text = sentences(
                    text,
                    self.tr("Compose {version} ({command}).").format(
                        version=st.compose.version, command=command
                    ),
                )
            else:
                problem = self.words.compose_missing(self.way)
            for c in st.containers:
                state = self.tr("running") if c.running else self.tr("stopped")
                if c.status and c.status not in ("running", "exited"):
                    state = c.status
                line = self.tr("Container {name} ({image}): {state}, {url}").format(
                    name=c.name,
                    image=c.image,
                    state=state,
                    url=c.url or self.tr("no published port"),
                )
                if c.exposed_on_all_interfaces:
                    line += self.tr(
                        " — WARNING: published on all network interfaces, without a password."
                    )
                text += "\n" + line
            if not st.containers:
                text += "\n" + self.tr("No Ollama container yet.")
            self._allotment(st)
        v.status.setText(text)
        v.problem.setText(problem)
        v.problem.setVisible(bool(problem))
        self._update_buttons()

    def _allotment(self, st: DockerState) -> None:
        assert st.info is not None
        host_ram = psutil.virtual_memory().total
        if allotment_warning(st.info, psutil.cpu_count() or 0, host_ram):
            self.view.warning.setText(
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
            self.view.warning.show()
        else:
            self.view.warning.hide()

    def _running_url(self) -> str | None:
        c = self.model.container()
        return c.url if c is not None and c.running else None

    def _use(self) -> None:
        url = self._running_url()
        if url:
            self.useServer.emit(url)

    def _update_buttons(self) -> None:
        m, v = self.model, self.view
        busy = m.busy
        st = m.state
        engine = bool(st and st.engine_running)
        own = m.own()
        try:
            m.compose_text()
            can_write = True
        except ValueError:
            can_write = False
        v.refresh_button.setEnabled(not busy)
        v.write_button.setEnabled(can_write and not busy)
        v.up_button.setEnabled(m.can_start() and can_write and not (own and own.running))
        v.stop_button.setEnabled(engine and not busy and own is not None and own.running)
        v.down_button.setEnabled(engine and not busy and own is not None)
        v.use_button.setEnabled(not busy and self._running_url() is not None)
        tip = ""
        if st is not None and st.engine_running and st.compose is None:
            tip = self.words.compose_missing(self.way)
        v.up_button.setToolTip(tip)


__all__ = ["LATEST", "DockerCli", "DockerPanel"]
