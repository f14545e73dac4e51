"""Composition root: create the services, hand them to the UI, wire app-level signals."""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator

from desktop.core.api_types import GenerationStats
from desktop.core.hosts import HostError, parse_ollama_host
from desktop.core.models.catalog import Catalog, CatalogError, load_catalog
from desktop.core.paths import AppPaths, resolve_paths
from desktop.core.resources import resource_path
from desktop.core.setup.server_env import ServerOptions, options_from
from desktop.services.attachments.jobs import AttachJobs
from desktop.services.bench.service import BenchService
from desktop.services.chat.bundle import ChatServices
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.connection import ConnectionMonitor
from desktop.services.models.disk import free_bytes, models_dir
from desktop.services.models.gguf_import import GGUFImporter
from desktop.services.models.installed import InstalledModels
from desktop.services.models.library import ModelLibrary
from desktop.services.models.measurements import BandwidthService, SpeedStore
from desktop.services.models.pick_memory import PICK_FILE, PickMemory
from desktop.services.models.pull_queue import PullQueue
from desktop.services.models.registry_lookup import RegistryLookup
from desktop.services.ollama_service import OllamaService
from desktop.services.server.host_choice import HostChoice, initial_host
from desktop.services.server.managed import ManagedServer
from desktop.services.server.probe import any_install_known
from desktop.services.server.setup import ServerSetup
from desktop.services.server.setup_service import SetupService
from desktop.services.server.status import ServerStatus
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.bench.bench_tab import BenchTab
from desktop.ui.chat import ChatTab
from desktop.ui.common.caret import CaretRest
from desktop.ui.common.messages import host_error_message
from desktop.ui.models import ModelsTab
from desktop.ui.server import ServerTab
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.notices import settings_notice_text
from desktop.ui.start import StartHerePresenter


def pick_language(cli_lang: str | None, setting: str) -> str:
    lang = cli_lang or setting or QLocale.system().name().split("_")[0]
    return lang if lang in ("en", "ja") else "en"


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load Qt's own translation (qtbase_<lang>.qm from PySide6: standard buttons read
    キャンセル/閉じる) and every resources/i18n/*_<lang>.qm (one file per area of the app)."""
    translators: list[QTranslator] = []
    if lang == "en":
        return translators
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    files = [f"{qt_dir}/qtbase_{lang}.qm"]
    files += [str(qm) for qm in sorted(resource_path("i18n").glob(f"*_{lang}.qm"))]
    for qm in files:
        t = QTranslator(app)
        if t.load(qm):
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
    server: ServerSetup
    bench: BenchTab | None = None
    start: StartHerePresenter | None = None

    def shutdown(self) -> None:
        """Quit: what aboutToQuit does in the real app, also when the app is embedded (tests)
        and no event loop quits; each step may run twice."""
        if self.start is not None and shiboken6.isValid(self.start):
            self.start.onboarding.shutdown()  # the features below stop their own work
        if self.bench is not None:  # a benchmark in flight stops; stored runs are kept
            self.bench.service.cancel()
        chat = self.window.chat_tab
        if isinstance(chat, ChatTab):  # an answer in flight is kept; history writes finish
            chat.shutdown()
        models = self.window.models_tab
        if isinstance(models, ModelsTab):  # a download in progress resumes next time
            models.model_library.shutdown()
        self.server.shutdown()  # the app's own `ollama serve` ends with the app
        self.monitor.stop()
        self.runner.shutdown()
        self.ollama.api.close()


def build_app(
    *,
    host: str | None = None,
    config_dir: str | None = None,
    lang: str | None = None,
    translators: list[QTranslator] | None = None,
) -> DeskApp:
    """Build everything; translators are installed before any widget exists (by the caller
    when it passes them, as __main__ does to word its start-up messages)."""
    paths = resolve_paths(config_dir).ensure()
    settings = SettingsStore(paths.settings_file)
    app = QCoreApplication.instance()
    if translators is None:
        translators = []
        if app is not None:
            translators = install_translators(app, pick_language(lang, settings.text("language")))
    runner = TaskRunner()
    first_host, host_problem = initial_host(host, settings.text("host"))
    ollama = OllamaService(runner, first_host, timeout=settings.number("request_timeout_s"))
    data_dir = paths.data_dir
    monitor = ConnectionMonitor(
        ollama,
        settings.number("poll_interval_s"),
        install_known=lambda: (
            settings.text("server_mode") == "docker"  # a stopped container is not "no Ollama"
            or any_install_known(data_dir, settings.text("server_binary"))
        ),
    )
    installed = InstalledModels(ollama)  # the one list of installed models every view follows
    chat = _build_chat(ollama, settings, paths, installed)
    models = _build_models(ollama, settings, paths, installed)
    setup, server = _build_server(
        monitor,
        settings,
        runner,
        ollama,
        paths,
        HostChoice(settings, ollama, cli_host=host, problem=host_problem),
    )
    # the server answering again (connected, started, restarted): ask for its models
    setup.stateChanged.connect(lambda st: installed.server_answering(st.status.answering))
    bench = _build_bench(runner, ollama, settings, paths, installed)
    window = MainWindow(chat=chat, models=models, server=server, monitor=monitor)
    # the cursor rests after 10 s without typing, and once a question is sent
    chat.attach_caret(CaretRest(window))
    window.tabs.addTab(bench, bench.title())
    if (notice := settings.take_load_notice()) is not None:  # said once, never modal
        window.show_notice(settings_notice_text(notice))
    window.show_appearance(settings.text("appearance"))  # __main__ applies it app-wide
    window.appearanceChosen.connect(lambda value: settings.set("appearance", value))
    _wire_tabs(window, chat, models)
    _wire_server(window, setup, server)
    _wire_context(chat, setup, settings)
    _wire_bench(window, bench, chat, models)
    start = _build_start(window, chat, models, server, setup, ollama, settings)
    desk = DeskApp(
        paths, settings, runner, ollama, monitor, window, translators, setup, bench, start
    )
    settings.changed.connect(lambda key, value: _on_setting(desk, key, value))
    return desk


# --- one builder per feature: its services, then its view ---------------------------------


def _build_chat(
    ollama: OllamaService,
    settings: SettingsStore,
    paths: AppPaths,
    installed: InstalledModels | None = None,
) -> ChatTab:
    history = ChatHistory(ollama.runner, paths.chats_db)
    services = ChatServices.build(
        ollama,
        settings,
        history,
        SystemMonitor(runner=ollama.runner),
        attach=AttachJobs(ollama.runner),
        installed=installed,
        retrieval_dir=paths.data_dir / "retrieval",
    )
    tab = ChatTab(ollama, settings, services)
    services.conversations.start()  # the tab listens by now: it hears how opening went
    return tab


def _build_models(
    ollama: OllamaService,
    settings: SettingsStore,
    paths: AppPaths,
    installed: InstalledModels | None = None,
) -> ModelsTab:
    """The model library (catalog, forecasts, installed and running models, downloads
    through the shared API client), then its tab. Other features reach the library as
    ``models.model_library``."""
    runner = ollama.runner

    def free_disk() -> tuple[int, str] | None:
        if not ollama.host.is_loopback:
            return None  # a remote server's disk is not ours to measure
        folder = models_dir(settings.text("models_dir"))
        try:
            return free_bytes(folder), str(folder)
        except OSError:
            return None

    try:
        catalog = load_catalog()
    except CatalogError:
        catalog = Catalog("", "", ())
    bandwidth = BandwidthService(runner, paths.data_dir)
    library = ModelLibrary(
        ollama,
        catalog,
        pulls=PullQueue(
            runner,
            lambda: ollama.api,
            paths.data_dir / "pull_queue.json",
            stall_s=settings.number("pull_stall_s"),
            retries=settings.integer("pull_retries"),
            free_disk=free_disk,
            registry_url=lambda: settings.text("registry_url"),
        ),
        registry=RegistryLookup(
            runner,
            lambda: settings.text("registry_url"),
            paths.cache_dir / "registry_cache.json",
        ),
        bandwidth=bandwidth,
        speeds=SpeedStore(paths.data_dir / "model_speeds.json"),
        importer=GGUFImporter(runner, lambda: ollama.api),
        context=lambda: settings.integer("models_context"),
        registry_lookups=lambda: settings.flag("registry_lookup"),
        pick_memory=PickMemory(paths.data_dir / PICK_FILE, bandwidth.fingerprint),
        installed=installed,
    )
    return ModelsTab(library, settings)


def _build_server(
    monitor: ConnectionMonitor,
    settings: SettingsStore,
    runner: TaskRunner,
    ollama: OllamaService,
    paths: AppPaths,
    hosts: HostChoice,
) -> tuple[ServerSetup, ServerTab]:
    """The server feature: which server, the app's own `ollama serve` (started at launch
    when the user chose autostart, stopped only in DeskApp.shutdown), setup jobs, the tab."""
    managed = ManagedServer(runner, data_dir=paths.data_dir)
    jobs = SetupService(runner, settings, paths)
    setup = ServerSetup(settings, jobs, managed, ollama, monitor, hosts)
    tab = ServerTab(setup, settings, paths.config_dir / "docker" / "compose.yaml")
    managed.reclaim()  # a server an earlier run started (the app was killed) is ours again
    QTimer.singleShot(0, setup.autostart)
    return setup, tab


def _build_bench(
    runner: TaskRunner,
    ollama: OllamaService,
    settings: SettingsStore,
    paths: AppPaths,
    installed: InstalledModels | None = None,
) -> BenchTab:
    service = BenchService(runner, ollama, settings, paths.data_dir)
    service.load()
    return BenchTab(service, ollama, installed=installed)


def _build_start(
    window: MainWindow,
    chat: ChatTab,
    models: ModelsTab,
    server: ServerTab,
    setup: ServerSetup,
    ollama: OllamaService,
    settings: SettingsStore,
) -> StartHerePresenter:
    from desktop.app_start import build_start  # the ports over the other features live there

    return build_start(window, chat, models, server, setup, ollama, settings)


# --- wiring between features ---------------------------------------------------------------


def _wire_tabs(window: MainWindow, chat: ChatTab, models: ModelsTab) -> None:
    """Tabs never call each other; what one asks of another is wired here."""

    def pull_missing(name: str) -> None:
        models.request_pull(name)
        window.tabs.setCurrentWidget(models)

    def chat_with(model: str) -> None:  # e.g. an imported GGUF's "Chat with it"
        window.tabs.setCurrentWidget(chat)
        chat.open_new_chat(model)

    def record_speed(model: str, stats: GenerationStats) -> None:
        if stats.tokens_per_second:
            models.model_library.record_speed(model, stats.tokens_per_second)

    window.help_menu.insertAction(window.about_action, chat.shortcuts_action)
    window.view_menu.addAction(chat.perf_action)  # show or hide the chat's figures
    keys = chat.keys  # File: New chat, Export chat… (the chat's), Import GGUF…, Quit
    window.file_menu.insertActions(window.import_action, [keys.new_chat_action, keys.export_action])
    chat.raiseRequested.connect(lambda: window.tabs.setCurrentWidget(chat))
    for action in (window.import_action, window.quit_action):
        keys.add_to_list(action)

    def import_gguf() -> None:
        window.tabs.setCurrentWidget(models)
        models.import_gguf()

    window.importGgufRequested.connect(import_gguf)
    chat.pullRequested.connect(pull_missing)
    models.chatRequested.connect(chat_with)
    chat.generationFinished.connect(record_speed)
    models.notify.connect(window.show_status)
    models.serverHelpRequested.connect(lambda: window.tabs.setCurrentWidget(window.server_tab))


def _wire_bench(window: MainWindow, bench: BenchTab, chat: ChatTab, models: ModelsTab) -> None:
    """The benchmark refuses to start while the chat streams an answer; it asks the Models
    tab to download the tiny calibration model. The model library shows the benchmark's
    measured speeds and forecasts with its calibration."""
    bench.service.streaming = lambda: bool(chat.session.busy)
    bench.presenter.chat_model = chat.picker.current_model  # what the tab measures first
    library, service = models.model_library, bench.service
    service.read_bandwidth = lambda: library.bandwidth.bandwidth
    library.bandwidth.measured.connect(lambda _bw: service.refit())
    library.add_speed_source(service.measured)  # a benchmark's figure before chat speeds
    library.set_calibration_source(lambda: service.calibration)
    service.changed.connect(lambda _model: library.speeds_changed())
    service.calibrationChanged.connect(library.recompute)

    def pull(name: str) -> None:
        models.request_pull(name)
        window.tabs.setCurrentWidget(models)

    bench.pullRequested.connect(pull)

    def calibrate() -> None:
        window.tabs.setCurrentWidget(bench)
        bench.presenter.calibrate_when_ready()

    models.calibrateRequested.connect(calibrate)


def _wire_server(window: MainWindow, setup: ServerSetup, server: ServerTab) -> None:
    """The status bar's server actions (Retry / Start / Choose another server)."""

    def start() -> None:
        if not server.start_server():  # no Ollama known: the tab says why and offers install
            window.show_server_tab()

    def choose() -> None:
        window.show_server_tab()
        server.show_servers()

    bar = window.connection_status
    if setup.hosts.problem is not None:  # the app runs on the default address meanwhile
        text = host_error_message(setup.hosts.problem)
        bar.show_problem(text)
        window.show_notice(text)
    setup.hosts.refused.connect(lambda e: bar.show_problem(host_error_message(e)))
    bar.can_start = lambda: setup.program() is not None
    bar.retryRequested.connect(setup.retry_connection)
    bar.startRequested.connect(start)
    bar.chooseRequested.connect(choose)


def _wire_context(chat: ChatTab, setup: ServerSetup, settings: SettingsStore) -> None:
    """The chat's context meter reads the window of the app's own `ollama serve`
    (OLLAMA_CONTEXT_LENGTH from the Server settings) while that server is the one in use."""
    meter = chat.services.context

    def own() -> ServerOptions | None:
        state = setup.managed.state
        if state.status is not ServerStatus.CONNECTED or state.adopted or not state.url:
            return None
        try:
            same = parse_ollama_host(state.url).base_url == setup.ollama.host.base_url
        except HostError:
            return None
        return options_from(settings.get) if same else None

    meter.own_server = own
    setup.managedChanged.connect(lambda _state: meter.refresh())
    setup.ollama.hostChanged.connect(lambda _host: meter.refresh())


def _on_setting(desk: DeskApp, key: str, value: object) -> None:
    if key == "poll_interval_s":
        desk.monitor.set_interval(float(str(value)))
