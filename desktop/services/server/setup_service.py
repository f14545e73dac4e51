"""Setup work for the UI: detection, install/update/uninstall and Docker, each a Task
whose signals arrive on the main thread (desktop/services/tasks.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core.paths import AppPaths
from desktop.core.setup.platforms import PlatformId, current_platform
from desktop.services.cancel import CancelToken
from desktop.services.server.docker_cli import DockerCli
from desktop.services.server.installer import Installer, InstallerConfig
from desktop.services.server.probe import DetectionReport, detect
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import Task, TaskRunner


class SetupService(QObject):
    """installsChanged fires after an install, update or uninstall succeeded."""

    installsChanged = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        settings: SettingsStore,
        paths: AppPaths,
        *,
        platform: PlatformId | None = None,
        docker: DockerCli | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.paths = paths
        self.platform = platform or current_platform()
        self.docker = docker or DockerCli()

    def _changed(self, _result: object) -> None:
        self.installsChanged.emit()

    def installer(self) -> Installer:
        return Installer(
            InstallerConfig(
                api_base=str(self.settings.get("server_release_api_url")),
                download_base=str(self.settings.get("server_download_base_url")),
                data_dir=self.paths.data_dir,
                cache_dir=self.paths.cache_dir,
                platform=self.platform,
            )
        )

    def host_urls(self, current_host: str) -> list[tuple[str, str]]:
        urls = [(current_host, "configured")]
        for h in str(self.settings.get("server_host_profiles")).split(","):
            if h.strip():
                urls.append((h.strip(), "profile"))
        return urls

    def detect(self, current_host: str) -> Task:
        """succeeded(DetectionReport)"""
        urls = self.host_urls(current_host)
        data_dir, docker = self.paths.data_dir, self.docker

        def op(_t: CancelToken, _r: Any) -> DetectionReport:
            return detect(urls, data_dir, docker=docker)

        return self.runner.submit("detect", op)

    def plan(self, version: str | None) -> Task:
        """succeeded(ReleasePlan) — the latest (or chosen) release and its asset size."""
        inst = self.installer()
        return self.runner.submit("plan", lambda t, _r: inst.plan(version, t))

    def install(self, version: str | None, cpu_only: bool, force: bool = False) -> Task:
        """progressed(InstallProgress); succeeded(InstallRecord); failed(SetupError)."""
        inst = self.installer()
        task = self.runner.submit(
            "install",
            lambda t, r: inst.install(version, cpu_only=cpu_only, cancel=t, report=r, force=force),
        )
        task.succeeded.connect(self._changed)
        return task

    def install_file(self, archive: Path, sums: Path | None, cpu_only: bool) -> Task:
        inst = self.installer()
        task = self.runner.submit(
            "install-file",
            lambda t, r: inst.install_file(
                archive, sums_file=sums, cpu_only=cpu_only, cancel=t, report=r
            ),
        )
        task.succeeded.connect(self._changed)
        return task

    def uninstall(self, version: str) -> Task:
        inst = self.installer()
        task = self.runner.submit("uninstall", lambda _t, _r: inst.uninstall(version))
        task.succeeded.connect(self._changed)
        return task

    def docker_call(self, name: str, op: Any) -> Task:
        """Run ``op(DockerCli)`` off the UI thread (up/stop/down/state)."""
        docker = self.docker
        return self.runner.submit(f"docker-{name}", lambda _t, _r: op(docker))
