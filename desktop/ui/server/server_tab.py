"""Server tab: detected servers and installs, install/update/uninstall with progress,
the managed server's state and log, its settings, and Docker."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.core.hosts import parse_ollama_host
from desktop.core.setup.errors import InstallProgress
from desktop.core.setup.installs import InstallRecord
from desktop.core.setup.platforms import is_newer, parse_version, version_key
from desktop.core.units import human_bytes
from desktop.services.connection import ConnectionMonitor, ConnectionState
from desktop.services.connection import ServerStatus as ConnStatus
from desktop.services.server.installer import ReleasePlan
from desktop.services.server.managed import ManagedState, ServerStatus
from desktop.services.server.probe import DetectionReport
from desktop.services.settings_store import SettingsStore
from desktop.ui.server.controller import ServerController
from desktop.ui.server.docker_panel import DockerPanel
from desktop.ui.server.messages import crash_message, progress_text
from desktop.ui.server.server_view import ServerView
from desktop.ui.server.settings_panel import SettingsPanel

ROLE = Qt.ItemDataRole.UserRole


class ServerTab(QWidget):
    def __init__(
        self,
        monitor: ConnectionMonitor,
        settings: SettingsStore,
        controller: ServerController,
        compose_file: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.monitor = monitor
        self.settings = settings
        self.controller = controller
        self.settings_panel = SettingsPanel(settings)
        self.docker_panel = DockerPanel(controller.setup, settings, compose_file)
        self.view = ServerView(self.settings_panel, self.docker_panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        v = self.view
        v.cpu_only_check.setChecked(bool(settings.get("server_cpu_only")))
        v.cpu_only_check.setVisible(sys.platform.startswith("linux"))
        v.progress.hide()
        v.cancel_button.hide()
        v.update_button.hide()
        self._detected_once = False
        self._wizard_offered = False
        self.wizard: QWidget | None = None
        self._connect_callbacks()
        self._show_connection(monitor.state)
        self._show_managed(controller.managed.state)
        self._show_plan_missing()
        self._update_buttons()

    def _connect_callbacks(self) -> None:
        v, c = self.view, self.controller
        self.monitor.stateChanged.connect(self._show_connection)
        self.monitor.stateChanged.connect(self._maybe_offer_wizard)
        c.serverState.connect(self._show_managed)
        c.serverState.connect(self._redetect_when_settled)
        c.logAppended.connect(v.log_view.append_lines)
        c.detected.connect(self._show_detection)
        c.planReady.connect(self._show_plan)
        c.planFailed.connect(v.latest_label.setText)
        c.installProgress.connect(self._show_progress)
        c.installFinished.connect(self._installed)
        c.installFailed.connect(self._install_failed)
        c.busyChanged.connect(self._update_buttons)
        v.start_button.clicked.connect(self._start)
        v.stop_button.clicked.connect(c.stop)
        v.restart_button.clicked.connect(c.restart)
        v.detect_button.clicked.connect(self._look_again)
        v.wizard_button.clicked.connect(self.open_wizard)
        v.install_button.clicked.connect(self._install)
        v.update_button.clicked.connect(self._update)
        v.cancel_button.clicked.connect(c.cancel_install)
        v.file_button.clicked.connect(self._install_file)
        v.use_button.clicked.connect(self._use_selected)
        v.uninstall_button.clicked.connect(self._uninstall_selected)
        v.profile_button.clicked.connect(self._add_profile)
        v.profile_edit.returnPressed.connect(self._add_profile)
        v.found_list.itemSelectionChanged.connect(self._update_buttons)
        v.cpu_only_check.toggled.connect(lambda on: self.settings.set("server_cpu_only", on))
        self.docker_panel.useServer.connect(c.use_server)

    # -- lifecycle -----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._detected_once:
            self.refresh(check_release=False)

    def refresh(self, check_release: bool = True) -> None:
        """Local detection; the release server is asked only when the user asks."""
        self._detected_once = True
        self.controller.detect()
        if check_release:
            self.controller.check_latest()
        self.docker_panel.refresh()

    def _look_again(self) -> None:
        self.refresh(check_release=True)

    def _maybe_offer_wizard(self, state: ConnectionState) -> None:
        if (
            self._wizard_offered
            or self.settings.get("server_wizard_done")
            or os.environ.get("OLLAMA_DESK_NO_WIZARD")
        ):
            return
        if (
            state.status in (ConnStatus.NOT_FOUND, ConnStatus.NOT_RUNNING)
            and self.window().isVisible()
            and not self.controller.managed.is_owned
        ):
            self._wizard_offered = True
            QTimer.singleShot(0, self.open_wizard)

    def open_wizard(self) -> None:
        from desktop.ui.server.wizard import FirstRunWizard

        if self.wizard is None:
            self.wizard = FirstRunWizard(self.controller, self.settings, self.window())
        self.wizard.show()
        self.wizard.raise_()

    def _start(self) -> None:
        if not self.controller.start():
            self.view.install_message.setText(self.tr("No Ollama program found: install it first."))

    # -- state ---------------------------------------------------------------------------
    def _show_connection(self, state: ConnectionState) -> None:
        if self.controller.managed.state.status is not ServerStatus.STOPPED:
            return  # the managed server's own state says more
        v = self.view
        if state.status is ConnStatus.CONNECTED:
            v.status_label.setText(
                self.tr("Using Ollama {version} at {host}.").format(
                    version=state.version, host=state.host
                )
            )
        elif state.status is ConnStatus.CHECKING:
            v.status_label.setText(self.tr("Looking for Ollama at {host}…").format(host=state.host))
        else:
            v.status_label.setText(
                self.tr("No Ollama server answers at {host}.").format(host=state.host)
            )
        v.detail_label.setText("")

    def _show_managed(self, st: ManagedState) -> None:
        v = self.view
        texts = {
            ServerStatus.CHECKING: self.tr("Checking whether Ollama already runs…"),
            ServerStatus.STARTING: self.tr("Starting Ollama…"),
            ServerStatus.RUNNING: self.tr(
                "Ollama {version} is running at {url} (started by this app)."
            ),
            ServerStatus.STOPPING: self.tr("Stopping Ollama…"),
            ServerStatus.ADOPTED: self.tr(
                "Ollama {version} was already running at {url}; the app uses it."
            ),
            ServerStatus.CRASHED: self.tr("Ollama stopped unexpectedly."),
            ServerStatus.STOPPED: self.tr("The app's own server is stopped."),
        }
        v.status_label.setText(texts[st.status].format(version=st.version, url=st.url))
        color = {
            ServerStatus.RUNNING: "#2e7d32",
            ServerStatus.ADOPTED: "#2e7d32",
            ServerStatus.CRASHED: "#c62828",
        }.get(st.status, "")
        v.status_label.setStyleSheet(
            f"font-size: 15px; font-weight: bold; color: {color or 'palette(text)'};"
        )
        if st.status is ServerStatus.CRASHED:
            v.detail_label.setText(crash_message(st.diagnosis, st.exit_code))
            v.restart_button.setText(self.tr("Restart"))
        elif st.status is ServerStatus.RUNNING:
            v.detail_label.setText(self.tr("Program: {path}").format(path=st.binary))
        else:
            v.detail_label.setText("")
        if st.status is ServerStatus.STOPPED:
            self._show_connection(self.monitor.state)
        self._update_buttons()

    def _redetect_when_settled(self, st: ManagedState) -> None:
        if self._detected_once and st.status in (
            ServerStatus.RUNNING,
            ServerStatus.ADOPTED,
            ServerStatus.STOPPED,
            ServerStatus.CRASHED,
        ):
            self.controller.detect()

    def _update_buttons(self, *_args: object) -> None:
        v, c = self.view, self.controller
        st = c.managed.state.status
        owned = c.managed.is_owned
        has_binary = c.chosen_binary() is not None
        v.start_button.setEnabled(has_binary and st in (ServerStatus.STOPPED, ServerStatus.CRASHED))
        v.stop_button.setEnabled(owned and st in (ServerStatus.RUNNING, ServerStatus.STARTING))
        v.restart_button.setEnabled(has_binary and (owned or st is ServerStatus.CRASHED))
        busy = c.busy
        v.install_button.setEnabled(not busy)
        v.update_button.setEnabled(not busy)
        v.file_button.setEnabled(not busy)
        v.cancel_button.setVisible(busy)
        v.progress.setVisible(busy)
        item = v.found_list.currentItem()
        data: tuple[str, str, str | None, bool] | None = (
            item.data(0, ROLE) if item is not None else None
        )
        v.use_button.setEnabled(bool(data))
        v.uninstall_button.setEnabled(
            data is not None and data[0] == "install" and bool(data[3]) and not busy
        )

    # -- detection -----------------------------------------------------------------------
    def _show_detection(self, report: DetectionReport) -> None:
        tree = self.view.found_list
        tree.clear()
        current = self.controller.ollama.host.base_url
        for s in report.servers:
            where = s.display + ("" if s.loopback else self.tr(" (another computer)"))
            state = self.tr("answering") if s.answering else self.tr("not answering")
            if s.url == current:
                state += self.tr(" — in use")
            kind = {"docker": self.tr("Server (Docker)"), "profile": self.tr("Server (added)")}.get(
                s.source, self.tr("Server")
            )
            item = QTreeWidgetItem([kind, s.version or "", where, state])
            item.setData(0, ROLE, ("server", s.url, s.version, False))
            tree.addTopLevelItem(item)
        chosen = self.controller.chosen_binary()
        for i in report.installs:
            kind = self.tr("Installed by Ollama Desk") if i.app_made else self.tr("Installed")
            if i.cpu_only:
                kind += self.tr(" (CPU only)")
            state = self.tr("chosen") if chosen is not None and str(chosen) == i.path else ""
            item = QTreeWidgetItem([kind, i.version or "?", i.path, state])
            item.setData(0, ROLE, ("install", i.path, i.version, i.app_made))
            tree.addTopLevelItem(item)
        for c in report.docker.containers:
            if not c.running:
                item = QTreeWidgetItem(
                    [self.tr("Docker container"), c.tag, c.name, self.tr("stopped")]
                )
                tree.addTopLevelItem(item)
        if tree.topLevelItemCount() == 0:
            item = QTreeWidgetItem(
                [
                    self.tr("Nothing found"),
                    "",
                    self.tr("No Ollama on this computer yet: install it below."),
                    "",
                ]
            )
            tree.addTopLevelItem(item)
        for col in (0, 1, 3):
            tree.resizeColumnToContents(col)
        known = [
            v
            for v in [i.version for i in report.installs] + [srv.version for srv in report.servers]
            if v and parse_version(v)
        ]
        if known and not self.docker_panel.latest_version:
            # pin Docker to a version this user already runs until a release lookup says more
            self.docker_panel.set_latest_version(max(known, key=version_key))
        self._update_buttons()
        self._show_update_offer()

    def _use_selected(self) -> None:
        item = self.view.found_list.currentItem()
        data = item.data(0, ROLE) if item is not None else None
        if not data:
            return
        if data[0] == "server":
            self.controller.use_server(str(data[1]))
        else:
            self.controller.use_binary(Path(str(data[1])))
        self.controller.detect()

    def _uninstall_selected(self) -> None:
        item = self.view.found_list.currentItem()
        data = item.data(0, ROLE) if item is not None else None
        if data and data[0] == "install" and data[3] and data[2]:
            self.controller.uninstall(str(data[2]))

    def _add_profile(self) -> None:
        text = self.view.profile_edit.text().strip()
        if not text:
            return
        url = parse_ollama_host(text).base_url
        profiles = [p for p in str(self.settings.get("server_host_profiles")).split(",") if p]
        if url not in profiles:
            profiles.append(url)
            self.settings.set("server_host_profiles", ",".join(profiles))
        self.view.profile_edit.clear()
        self.controller.detect()

    # -- install -------------------------------------------------------------------------
    def _show_plan_missing(self) -> None:
        self.view.latest_label.setText(self.tr("Click Look again to check for the latest release."))

    def _show_plan(self, plan: ReleasePlan) -> None:
        text = self.tr("Latest release: Ollama {version} ({size} download).").format(
            version=plan.release.version, size=human_bytes(plan.size)
        )
        if sys.platform.startswith("linux"):
            text += " " + self.tr(
                "CPU only leaves out the GPU libraries (CUDA, ROCm, Vulkan), "
                "usually several GB once unpacked."
            )
        self.view.latest_label.setText(text)
        self.docker_panel.set_latest_version(plan.release.version)
        self._show_update_offer()

    def _show_update_offer(self) -> None:
        plan = self.controller.plan
        mine = self.controller.installed()
        v = self.view
        if plan is not None and mine and is_newer(plan.release.version, mine[0].version):
            v.update_button.setText(
                self.tr("Update to {version}").format(version=plan.release.version)
            )
            v.update_button.show()
        else:
            v.update_button.hide()

    def _install(self) -> None:
        self.view.install_message.clear()
        self.controller.install(
            self.view.version_edit.text().strip() or None,
            cpu_only=self.view.cpu_only_check.isChecked(),
        )

    def _update(self) -> None:
        self.view.install_message.clear()
        self.controller.install(None, cpu_only=self.view.cpu_only_check.isChecked())

    def _install_file(self) -> None:
        archive, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Ollama release archive"),
            str(Path.home()),
            self.tr("Ollama archives (*.tar.zst *.tgz *.zip)"),
        )
        if not archive:
            return
        sums, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Its sha256sum.txt (Cancel to skip the check)"),
            str(Path(archive).parent),
            "sha256sum.txt (*.txt)",
        )
        self.start_file_install(Path(archive), Path(sums) if sums else None)

    def start_file_install(self, archive: Path, sums: Path | None) -> None:
        v = self.view
        if sums is None:
            v.install_message.setText(
                self.tr(
                    "Warning: without sha256sum.txt the file cannot be checked against what "
                    "Ollama published. Install only files you downloaded yourself from "
                    "github.com/ollama/ollama."
                )
            )
        else:
            v.install_message.clear()
        self.controller.install_file(archive, sums, v.cpu_only_check.isChecked())

    def _install_failed(self, message: str, _error: object) -> None:
        self.view.install_message.setText(message)
        self.view.progress_label.clear()

    def _show_progress(self, p: InstallProgress) -> None:
        v = self.view
        if p.fraction is not None:
            v.progress.setRange(0, 1000)
            v.progress.setValue(int(p.fraction * 1000))
        else:
            v.progress.setRange(0, 0)
        v.progress_label.setText(progress_text(p))

    def _installed(self, rec: InstallRecord) -> None:
        text = self.tr("Ollama {version} is installed in {path}.").format(
            version=rec.version, path=rec.path
        )
        if rec.cpu_only and rec.bytes_skipped:
            text += " " + self.tr("CPU only saved {size} of disk.").format(
                size=human_bytes(rec.bytes_skipped)
            )
        if not rec.checksum_verified:
            text += " " + self.tr("(Not verified: no checksum file was given.)")
        self.view.install_message.setText(text)
        self.view.progress_label.clear()
