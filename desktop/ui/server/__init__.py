"""The Server tab, its first-run wizard, and the one function that builds them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer

from desktop.core.paths import AppPaths
from desktop.services.connection import ConnectionMonitor
from desktop.services.ollama_service import OllamaService
from desktop.services.server.managed import ManagedServer
from desktop.services.server.setup_service import SetupService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.server.controller import ServerController
from desktop.ui.server.server_tab import ServerTab


def build_server_tab(
    monitor: ConnectionMonitor,
    settings: SettingsStore,
    runner: TaskRunner,
    ollama: OllamaService,
    paths: AppPaths,
) -> ServerTab:
    """Services of the setup feature + the tab. The app's own server is stopped when the
    application quits, and started at launch when the user chose it (autostart)."""
    managed = ManagedServer(runner)
    setup = SetupService(runner, settings, paths)
    controller = ServerController(settings, setup, managed, ollama)
    tab = ServerTab(monitor, settings, controller, paths.config_dir / "docker" / "compose.yaml")
    managed.setParent(tab)
    setup.setParent(tab)
    controller.setParent(tab)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(managed.shutdown)
    QTimer.singleShot(0, controller.autostart)
    return tab


__all__ = ["ServerTab", "build_server_tab"]
