"""The blocking setup jobs of the Server feature, each run on the one task API with a
required failure path (desktop/services/tasks.py): detection, the release lookup, install /
update / uninstall, and Docker commands. ServerSetup (setup.py) is what the UI talks to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from desktop.core.errors import OllamaError
from desktop.core.paths import AppPaths
from desktop.core.setup.installs import InstallRecord
from desktop.core.setup.platforms import PlatformId, current_platform
from desktop.services.cancel import CancelToken
from desktop.services.server.docker_cli import DockerCli
from desktop.services.server.installer import Installer, InstallerConfig, ReleasePlan
from desktop.services.server.probe import DetectionReport, detect
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import Task, TaskRunner

Failure = Callable[[OllamaError], None]


class SetupService(QObject):
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

    def installer(self) -> Installer:
        return Installer(
            InstallerConfig(
                api_base=self.settings.text("server_release_api_url"),
                download_base=self.settings.text("server_download_base_url"),
                data_dir=self.paths.data_dir,
                cache_dir=self.paths.cache_dir,
                platform=self.platform,
            )
        )

    def host_urls(self, current_host: str) -> list[tuple[str, str]]:
        urls = [(current_host, "configured")]
        for h in self.settings.text("server_host_profiles").split(","):
            if h.strip():
                urls.append((h.strip(), "profile"))
        return urls

    def detect(
        self, current_host: str, on_success: Callable[[DetectionReport], None], on_failure: Failure
    ) -> Task:
        urls = self.host_urls(current_host)
        data_dir, docker = self.paths.data_dir, self.docker

        def op(_t: CancelToken, _r: Any) -> DetectionReport:
            return detect(urls, data_dir, docker=docker)

        return self.runner.run("detect", op, on_success=on_success, on_failure=on_failure)

    def plan(
        self,
        version: str | None,
        on_success: Callable[[ReleasePlan], None],
        on_failure: Failure,
    ) -> Task:
        """The latest (or chosen) release and its asset size."""
        inst = self.installer()
        return self.runner.run(
            "plan",
            lambda t, _r: inst.plan(version, t),
            on_success=on_success,
            on_failure=on_failure,
        )

    def install(
        self,
        version: str | None,
        cpu_only: bool,
        on_success: Callable[[InstallRecord], None],
        on_failure: Failure,
    ) -> Task:
        """progressed(InstallProgress); a failure is a SetupError (or CANCELLED)."""
        inst = self.installer()
        return self.runner.run(
            "install",
            lambda t, r: inst.install(version, cpu_only=cpu_only, cancel=t, report=r),
            on_success=on_success,
            on_failure=on_failure,
        )

    def install_file(
        self,
        archive: Path,
        sums: Path | None,
        cpu_only: bool,
        on_success: Callable[[InstallRecord], None],
        on_failure: Failure,
    ) -> Task:
        inst = self.installer()
        return self.runner.run(
            "install-file",
            lambda t, r: inst.install_file(
                archive, sums_file=sums, cpu_only=cpu_only, cancel=t, report=r
            ),
            on_success=on_success,
            on_failure=on_failure,
        )

    def uninstall(
        self, version: str, on_success: Callable[[None], None], on_failure: Failure
    ) -> Task:
        inst = self.installer()
        return self.runner.run(
            "uninstall",
            lambda _t, _r: inst.uninstall(version),
            on_success=on_success,
            on_failure=on_failure,
        )

    def docker_call(
        self,
        name: str,
        op: Callable[[DockerCli], Any],
        on_success: Callable[[Any], None],
        on_failure: Failure,
    ) -> Task:
        """Run ``op(DockerCli)`` off the UI thread (up/stop/down/state)."""
        docker = self.docker
        return self.runner.run(
            f"docker-{name}",
            lambda _t, _r: op(docker),
            on_success=on_success,
            on_failure=on_failure,
        )
