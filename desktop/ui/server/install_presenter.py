"""Install, update and install-from-file, with progress, Cancel and the outcome in words."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from desktop.core.errors import OllamaError
from desktop.core.setup.errors import InstallProgress
from desktop.core.setup.installs import InstallRecord
from desktop.core.setup.platforms import is_newer
from desktop.core.units import human_bytes
from desktop.services.server.installer import ReleasePlan
from desktop.services.server.setup import ServerSetup
from desktop.services.settings_store import SettingsStore
from desktop.ui.common.messages import error_details
from desktop.ui.server.docker_panel import DockerPanel
from desktop.ui.server.messages import progress_text, setup_error_message
from desktop.ui.server.server_view import ServerView


class InstallPresenter(QObject):
    def __init__(
        self,
        view: ServerView,
        setup: ServerSetup,
        settings: SettingsStore,
        docker: DockerPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view, self.setup, self.settings, self.docker = view, setup, settings, docker
        v = view
        v.cpu_only_check.setChecked(settings.flag("server_cpu_only"))
        v.cpu_only_check.setVisible(sys.platform.startswith("linux"))
        v.progress.hide()
        v.cancel_button.hide()
        v.update_button.hide()
        v.latest_label.setText(self.tr("Click Look again to check for the latest release."))
        self._connect_callbacks()
        self.update_buttons(setup.busy)

    def _connect_callbacks(self) -> None:
        v, s = self.view, self.setup
        s.planReady.connect(self.show_plan)
        s.planFailed.connect(self.show_plan_failed)
        s.installProgress.connect(self.show_progress)
        s.installFinished.connect(self.show_installed)
        s.installFailed.connect(self.show_failure)
        s.busyChanged.connect(self.update_buttons)
        s.detected.connect(self.show_update_offer)
        v.install_button.clicked.connect(self.install)
        v.update_button.clicked.connect(self.update)
        v.cancel_button.clicked.connect(s.cancel_install)
        v.file_button.clicked.connect(self.pick_file)
        v.cpu_only_check.toggled.connect(lambda on: self.settings.set("server_cpu_only", on))

    def update_buttons(self, busy: bool) -> None:
        v = self.view
        v.install_button.setEnabled(not busy)
        v.update_button.setEnabled(not busy)
        v.file_button.setEnabled(not busy)
        v.cancel_button.setVisible(busy)
        v.progress.setVisible(busy)

    def show_plan(self, plan: ReleasePlan) -> None:
        text = self.tr("Latest release: Ollama {version} ({size} download).").format(
            version=plan.release.version, size=human_bytes(plan.size)
        )
        if sys.platform.startswith("linux"):
            text += " " + self.tr(
                "CPU only leaves out the GPU libraries (CUDA, ROCm, Vulkan), "
                "usually several GB once unpacked."
            )
        self.view.latest_label.setText(text)
        self.docker.set_latest_version(plan.release.version)
        self.show_update_offer()

    def show_plan_failed(self, error: OllamaError) -> None:
        self.view.latest_label.setText(setup_error_message(error), error_details(error))

    def show_update_offer(self, *_args: object) -> None:
        plan, mine, v = self.setup.plan, self.setup.installed(), self.view
        if plan is not None and mine and is_newer(plan.release.version, mine[0].version):
            v.update_button.setText(
                self.tr("Update to {version}").format(version=plan.release.version)
            )
            v.update_button.show()
        else:
            v.update_button.hide()

    def install(self) -> None:
        self.view.install_message.clear()
        self.setup.install(
            self.view.version_edit.text().strip() or None,
            cpu_only=self.view.cpu_only_check.isChecked(),
        )

    def update(self) -> None:
        self.view.install_message.clear()
        self.setup.install(None, cpu_only=self.view.cpu_only_check.isChecked())

    def pick_file(self) -> None:
        parent = self.view
        archive, _ = QFileDialog.getOpenFileName(
            parent,
            self.tr("Ollama release archive"),
            str(Path.home()),
            self.tr("Ollama archives (*.tar.zst *.tgz *.zip)"),
        )
        if not archive:
            return
        sums, _ = QFileDialog.getOpenFileName(
            parent,
            self.tr("Its sha256sum.txt (Cancel to skip the check)"),
            str(Path(archive).parent),
            "sha256sum.txt (*.txt)",
        )
        self.install_file(Path(archive), Path(sums) if sums else None)

    def install_file(self, archive: Path, sums: Path | None) -> None:
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
        self.setup.install_file(archive, sums, v.cpu_only_check.isChecked())

    def show_failure(self, error: OllamaError) -> None:
        self.view.install_message.setText(setup_error_message(error), error_details(error))
        self.view.progress_label.clear()

    def show_progress(self, p: InstallProgress) -> None:
        v = self.view
        if p.fraction is not None:
            v.progress.setRange(0, 1000)
            v.progress.setValue(int(p.fraction * 1000))
        else:
            v.progress.setRange(0, 0)
        v.progress_label.setText(progress_text(p))

    def show_installed(self, rec: InstallRecord) -> None:
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
        self.show_update_offer()
