"""Composition root: create the services, hand them to the UI, wire app-level signals."""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.core.api_types import GenerationStats
from desktop.core.hosts import resolve_host
from desktop.core.paths import AppPaths, resolve_paths
from desktop.core.resources import resource_path
from desktop.services.chat.history import ChatHistory
from desktop.services.connection import ConnectionMonitor
from desktop.services.models import build_model_services
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.chat import ChatTab
from desktop.ui.models import ModelsTab
from desktop.ui.server import ServerTab, build_server_tab
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.start import StartHerePresenter


def pick_language(cli_lang: str | None, setting: str) -> str:
    lang = cli_lang or setting or QLocale.system().name().split("_")[0]
    return lang if lang in ("en", "ja") else "en"


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load every resources/i18n/*_<lang>.qm (one file per area of the app)."""
    translators: list[QTranslator] = []
    if lang == "en":
        return translators
    for qm in sorted(resource_path("i18n").glob(f"*_{lang}.qm")):
        t = QTranslator(app)
        if t.load(str(qm)):
            app.installTranslator(t)
            translators.append(t)
    return translators


@dataclass
class DeskApp:
    paths: AppPaths
    settings: SettingsStore
    runner: TaskRunner
    ollama: OllamaService
    monitor: ConnectionMonitor
    window: MainWindow
    translators: list[QTranslator]
    start: StartHerePresenter | None = None

    def shutdown(self) -> None:
        """Quit: what aboutToQuit does in the real app, also when the app is embedded (tests)
        and no event loop quits; each step may run twice."""
        if self.start is not None and shiboken6.isValid(self.start):
            self.start.onboarding.shutdown()  # the features below stop their own work
        chat = self.window.chat_tab
        if isinstance(chat, ChatTab):  # an answer in flight is kept; history writes finish
            chat.controller.shutdown()
        models = self.window.models_tab
        if isinstance(models, ModelsTab):  # a download in progress resumes next time
            models.services.shutdown()
        server = self.window.server_tab
        if isinstance(server, ServerTab):  # the app's own `ollama serve` ends with the app
            server.controller.managed.shutdown()
        self.monitor.stop()
        self.runner.shutdown()
        self.ollama.api.close()


def build_app(
    *, host: str | None = None, config_dir: str | None = None, lang: str | None = None
) -> DeskApp:
    """Build everything; translators are installed before any widget exists."""
    paths = resolve_paths(config_dir).ensure()
    settings = SettingsStore(paths.settings_file)
    app = QCoreApplication.instance()
    translators: list[QTranslator] = []
    if app is not None:
        translators = install_translators(app, pick_language(lang, settings.get("language")))
    runner = TaskRunner()
    ollama = OllamaService(
        runner, resolve_host(host, settings.get("host")), timeout=settings.get("request_timeout_s")
    )
    monitor = ConnectionMonitor(ollama, settings.get("poll_interval_s"))
    chat = _build_chat(ollama, settings, paths)
    models = _build_models(ollama, settings, paths)
    server = _build_server(monitor, settings, runner, ollama, paths)
    window = MainWindow(chat=chat, models=models, server=server, monitor=monitor)
    _wire_tabs(window, chat, models)
    start = _build_start(window, chat, models, server, monitor, ollama, settings, paths)
    desk = DeskApp(paths, settings, runner, ollama, monitor, window, translators, start)
    settings.changed.connect(lambda key, value: _on_setting(desk, host, key, value))
    return desk


# --- one builder per feature: its services, then its view ---------------------------------


def _build_chat(ollama: OllamaService, settings: SettingsStore, paths: AppPaths) -> ChatTab:
    return ChatTab(ollama, settings, ChatHistory(paths.chats_db))


def _build_models(ollama: OllamaService, settings: SettingsStore, paths: AppPaths) -> ModelsTab:
    return ModelsTab(ollama, settings, build_model_services(ollama, settings, paths))


def _build_server(
    monitor: ConnectionMonitor,
    settings: SettingsStore,
    runner: TaskRunner,
    ollama: OllamaService,
    paths: AppPaths,
) -> ServerTab:
    return build_server_tab(monitor, settings, runner, ollama, paths)


def _build_start(
    window: MainWindow,
    chat: ChatTab,
    models: ModelsTab,
    server: ServerTab,
    monitor: ConnectionMonitor,
    ollama: OllamaService,
    settings: SettingsStore,
    paths: AppPaths,
) -> StartHerePresenter:
    from desktop.app_start import build_start  # the ports over the other features live there

    return build_start(window, chat, models, server, monitor, ollama, settings, paths)


# --- wiring between features ---------------------------------------------------------------


def _wire_tabs(window: MainWindow, chat: ChatTab, models: ModelsTab) -> None:
    """Tabs never call each other; what one asks of another is wired here."""

    def pull_missing(name: str) -> None:
        models.request_pull(name)
        window.tabs.setCurrentWidget(models)

    def record_speed(model: str, stats: GenerationStats) -> None:
        if stats.tokens_per_second:
            models.record_speed(model, stats.tokens_per_second)

    chat.pullRequested.connect(pull_missing)
    chat.generationFinished.connect(record_speed)
    models.notify.connect(lambda text: window.statusBar().showMessage(text, 15000))


def _on_setting(desk: DeskApp, cli_host: str | None, key: str, value: object) -> None:
    if key == "host" and not cli_host:
        desk.ollama.set_host(resolve_host(None, str(value)))
    elif key == "poll_interval_s":
        desk.monitor.set_interval(float(str(value)))
