"""Entry point: `ollama-desk` / `python -m desktop`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import app_version
from desktop.core.paths import HOME_ENV, ConfigDirError, config_dir_problem

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.app import DeskApp
    from desktop.services.quit_signals import QuitSignals
    from desktop.services.single_instance import SingleInstance
    from desktop.ui.shell.style import AppLook

EXIT_USAGE = 2  # a bad option value (as argparse)
EXIT_MISSING_LIBRARIES = 3  # Linux: Qt's xcb platform cannot load its system libraries
EXIT_ALREADY_RUNNING = 4  # another app holds the settings folder and does not answer
EXIT_LOCK_REFUSED = 5  # the settings folder's lock file is not one the app can use


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ollama-desk", description="Run a local LLM with Ollama.")
    p.add_argument("--version", action="version", version=f"ollama-desk {app_version()}")
    p.add_argument(
        "--host",
        help="Ollama server, parsed like OLLAMA_HOST (default: OLLAMA_HOST or 127.0.0.1:11434)",
    )
    p.add_argument(
        "--config-dir",
        default=os.environ.get(HOME_ENV),
        help=f"keep settings and data in this folder (env {HOME_ENV})",
    )
    p.add_argument("--lang", choices=("en", "ja"), help="interface language")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="open the window, wait for the server check, print JSON, exit",
    )
    p.add_argument("--screenshot", metavar="PNG", help="save a screenshot of the window, exit")
    # subcommands accept the connection options after their name too
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--host", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--config-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command")
    d = sub.add_parser("doctor", parents=[common], help="report installs, servers and hardware")
    d.add_argument("--json", action="store_true", help="machine-readable output")
    f = sub.add_parser(
        "forecast", parents=[common], help="memory and speed forecast for a model on this machine"
    )
    f.add_argument("model", metavar="NAME:TAG")
    f.add_argument("--context", type=int, default=4096, help="context length in tokens")
    f.add_argument("--json", action="store_true", help="machine-readable output")
    b = sub.add_parser(
        "bench", parents=[common], help="measure generation speed of installed models here"
    )
    b.add_argument("models", metavar="MODEL", nargs="*", help="default: every installed model")
    b.add_argument(
        "--threads", action="store_true", help="sweep num_thread 1..cores and Ollama's default"
    )
    b.add_argument("--no-docker", action="store_true", help="skip an Ollama Docker container")
    b.add_argument(
        "--when-idle",
        action="store_true",
        help="wait until other programs leave the CPU before measuring",
    )
    b.add_argument("--json", action="store_true", help="machine-readable output")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    if raw[:1] == ["--watch-server"]:  # child_tie.py's watchdog: no Qt, no settings
        from desktop.services.server import watchdog

        return watchdog.main(raw[1:])
    args = build_parser().parse_args(raw)
    problem = config_dir_problem(args.config_dir) if args.config_dir else None
    if problem:
        print(f"ollama-desk: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "doctor":  # no Qt on this path
        from desktop.cli import doctor

        return doctor.run(
            doctor.resolve_host(args.host, args.config_dir), args.json, args.config_dir
        )
    if args.command == "forecast":  # no Qt on this path
        from desktop.cli import doctor, forecast

        host = doctor.resolve_host(args.host, args.config_dir)  # same order as the GUI
        return forecast.run(args.model, args.context, args.json, host, args.config_dir)
    if args.command == "bench":  # no Qt on this path
        from desktop.cli import bench, doctor

        host = doctor.resolve_host(args.host, args.config_dir)
        return bench.run(
            args.models,
            args.threads,
            args.json,
            host,
            args.config_dir,
            not args.no_docker,
            args.when_idle,
        )
    return run_gui(args)


def missing_xcb_libraries() -> str:
    """On Linux/X11, before Qt would abort: what to install (empty when nothing is missing
    or xcb is not the platform in use)."""
    from desktop.core import xcb_libs

    if not xcb_libs.xcb_will_be_used():
        return ""
    from PySide6.QtCore import QLibraryInfo  # QtCore loads without a display

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    missing = xcb_libs.missing_libraries(plugins / "platforms" / "libqxcb.so")
    return missing.message() if missing.sonames else ""


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None and (message := missing_xcb_libraries()):
        print(message, file=sys.stderr)
        return EXIT_MISSING_LIBRARIES
    from PySide6.QtCore import QCoreApplication, QTimer

    from desktop.app import build_app, install_translators, pick_language
    from desktop.core.paths import resolve_paths
    from desktop.core.settings import read_settings_file
    from desktop.services.single_instance import Claim, SingleInstance
    from desktop.ui.shell.style import AppLook

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Ollama Desk")
    app.setApplicationVersion(app_version())
    app.setDesktopFileName("ollama-desk")
    try:
        paths = resolve_paths(args.config_dir).ensure()
    except ConfigDirError as e:
        return _fail(str(e), args, EXIT_USAGE)
    saved = read_settings_file(paths.settings_file).values  # the store reports problems later
    translators = install_translators(app, pick_language(args.lang, saved.get("language", "")))
    look = AppLook(app, saved.get("appearance", ""))
    instance = SingleInstance(paths.config_dir)
    claim = instance.claim()
    if claim is Claim.ACTIVATED:  # the running app shows its window; this launch ends
        print(
            QCoreApplication.translate(
                "Startup", "Ollama Desk is already running with {folder}: its window is in front."
            ).format(folder=paths.config_dir)
        )
        return 0
    if claim is Claim.NOT_ANSWERING:
        return _fail(_not_answering(instance, paths.config_dir), args, EXIT_ALREADY_RUNNING)
    if claim is Claim.REFUSED:
        return _fail(_lock_refused(instance), args, EXIT_LOCK_REFUSED)
    desk = build_app(
        host=args.host, config_dir=args.config_dir, lang=args.lang, translators=translators
    )
    instance.activated.connect(desk.window.bring_to_front)
    quitting = quit_on_request(app, desk)
    desk.settings.changed.connect(
        lambda key, value: look.set_appearance(str(value)) if key == "appearance" else None
    )
    desk.window.show()
    desk.monitor.start()
    exit_code = [0]
    if args.self_test or args.screenshot:

        def report(_state: object = None) -> None:
            st = desk.monitor.state
            if st.status.value == "checking":
                return
            if args.screenshot:
                desk.window.grab().save(args.screenshot)
            if args.self_test:
                print(json.dumps(_self_test_report(desk, look)), flush=True)
            app.quit()

        desk.monitor.stateChanged.connect(lambda s: QTimer.singleShot(300, report))
        QTimer.singleShot(15000, lambda: (exit_code.__setitem__(0, 2), app.quit()))
    rc = app.exec()
    desk.shutdown()
    if quitting is not None:
        quitting.close()
    instance.release()
    return exit_code[0] or rc


def quit_on_request(app: QApplication, desk: DeskApp) -> QuitSignals | None:
    """SIGTERM, SIGHUP and SIGINT close the window and quit, as the user closing it does;
    a session manager's quit runs the same shutdown (aboutToQuit). POSIX only."""
    app.aboutToQuit.connect(desk.shutdown)  # each step of it may run twice
    if os.name != "posix":
        return None
    from desktop.services.quit_signals import QuitSignals

    quitting = QuitSignals(parent=app)

    def quit_now(_signal: int) -> None:
        desk.window.close()
        app.quit()

    quitting.received.connect(quit_now)
    return quitting


def _not_answering(instance: SingleInstance, folder: Path) -> str:
    from PySide6.QtCore import QCoreApplication

    holder = instance.lock_result.holder
    text = (
        QCoreApplication.translate(
            "Startup",
            "Ollama Desk is already running with {folder} (process {pid} holds {file}) but "
            "does not answer. Close it (or end it) and start again.",
        )
        if holder
        else QCoreApplication.translate(
            "Startup",
            "Ollama Desk is already running with {folder} (another process holds {file}) "
            "but does not answer. Close it (or end it) and start again.",
        )
    )
    return text.format(folder=folder, pid=holder, file=instance.lock_path)


def _lock_refused(instance: SingleInstance) -> str:
    from PySide6.QtCore import QCoreApplication

    from desktop.services.instance_lock import LockProblem

    result = instance.lock_result
    if result.problem is LockProblem.LINK:
        text = QCoreApplication.translate(
            "Startup",
            "Ollama Desk cannot start: {file} is a link to another place, not the lock file "
            "the app makes. Remove it, then start the app again.",
        )
    elif result.problem is LockProblem.NOT_A_FILE:
        text = QCoreApplication.translate(
            "Startup",
            "Ollama Desk cannot start: {file} is not a plain file (it is a folder or a "
            "special file), so the app cannot use it as its lock. Remove it, then start the "
            "app again.",
        )
    elif result.problem is LockProblem.MORE_NAMES:
        text = QCoreApplication.translate(
            "Startup",
            "Ollama Desk cannot start: {file} is also another file (a hard link), so the app "
            "will not write to it. Remove it, then start the app again.",
        )
    elif result.problem is LockProblem.UNREADABLE:
        text = QCoreApplication.translate(
            "Startup",
            "Ollama Desk cannot start: {file} belongs to another user ({owner}) and cannot be "
            "opened. Remove it (this may need an administrator), then start the app again.",
        )
    else:
        text = QCoreApplication.translate(
            "Startup",
            "Ollama Desk cannot start: its lock file {file} cannot be used ({detail}). Check "
            "that the folder can be written, then start the app again.",
        )
    return text.format(file=instance.lock_path, owner=result.owner or "?", detail=result.detail)


def _self_test_report(desk: DeskApp, look: AppLook) -> dict[str, object]:
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.services.attachments.selfcheck import reader_check
    from desktop.services.retrieval.index import fts5_available
    from desktop.ui.common import icons

    st = desk.monitor.state
    std = QDialogButtonBox.StandardButton
    buttons = QDialogButtonBox(std.Cancel | std.Close)  # Qt's own words: qtbase_<lang>.qm
    return {
        "window": desk.window.isVisible(),
        "status": st.status.value,
        "host": st.host,
        "version": st.version,
        "status_text": desk.window.connection_status.label.text(),
        "standard_buttons": [b.text() for b in buttons.buttons()],
        "style": look.style.name(),
        "dark": look.dark,
        "attachments": reader_check(),
        "icons": icons.self_check(),
        "retrieval_fts5": fts5_available(),  # else bm25 is computed in memory
    }


def _fail(message: str, args: argparse.Namespace, code: int) -> int:
    """Before any window: the sentence on stderr, and in a message box for a person who
    started the app from a menu (not for the self-test or a screenshot run)."""
    print(f"ollama-desk: {message}", file=sys.stderr)
    if not (args.self_test or args.screenshot):
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Ollama Desk", message)
    return code


if __name__ == "__main__":
    sys.exit(main())
