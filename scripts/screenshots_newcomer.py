"""Screenshots of issue 20's "gets stuck" fixes, in English and Japanese:

    xvfb-run -a -s "-screen 0 1280x860x24" python scripts/screenshots_newcomer.py [OUTDIR]

Against the test suite's fake Ollama server: the Start-here card after a download failed
offline (the cause, the offline routes as buttons), the import dialog for a GGUF without a
chat template (the template chosen and why), the card turned "ready" after that import, and
the chat with it (the message buttons), and the Server tab for a server the app did not
start (status, Settings and Log pages). Files: OUTDIR/newcomer-<scene>-<lang>.png
(default OUTDIR: docs/screenshots).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def shoot(lang: str, outdir: Path) -> list[str]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.app import build_app, install_translators
    from desktop.core.machine import hardware_fingerprint
    from desktop.core.models.estimate import save_bandwidth
    from desktop.core.paths import resolve_paths
    from desktop.services.server.status import ServerStatus
    from desktop.services.settings_store import SettingsStore
    from desktop.ui.shell.style import AppLook
    from tests.fake_ollama import FakeOllama, make_gguf

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Ollama Desk")

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def until(check: object, ms: int = 20000) -> None:
        for _ in range(ms // 50):
            if check():  # type: ignore[operator]
                return
            wait(50)

    saved: list[str] = []

    def grab(widget: QWidget, scene: str) -> None:
        wait(400)
        path = outdir / f"newcomer-{scene}-{lang}.png"
        widget.grab().save(str(path))
        saved.append(str(path))

    empty = tempfile.mkdtemp()
    os.environ["PATH"] = empty  # no docker, no ollama: only the fake server is seen
    os.environ["OLLAMA_DESK_NO_WIZARD"] = "1"
    with FakeOllama(installed=[]) as fake, tempfile.TemporaryDirectory() as home:
        fake.offline = True
        paths = resolve_paths(home).ensure()
        settings = SettingsStore(paths.settings_file)
        settings.set("registry_url", "http://127.0.0.1:9")
        save_bandwidth(paths.data_dir, 6e9, hardware_fingerprint())
        translators = install_translators(app, lang)
        AppLook(app, "light")
        desk = build_app(host=fake.url, config_dir=home, lang=lang, translators=translators)
        window = desk.window
        window.resize(1200, 860)
        window.show()
        desk.monitor.start()
        start = desk.start
        assert start is not None
        card = start.view
        until(lambda: card.isVisible() and card.go.isEnabled())
        until(lambda: desk.monitor.state.status is ServerStatus.CONNECTED)
        card.go.click()
        until(lambda: start.onboarding.failure is not None)
        grab(window, "offline-card")

        card.route_import.click()
        models = window.models_tab
        dialog = models.installed_presenter.import_dialog  # type: ignore[attr-defined]
        until(lambda: dialog is not None and dialog.isVisible())
        gguf = Path(home) / "gemma-3-270m-it-Q4_K_M.gguf"
        gguf.write_bytes(
            make_gguf(
                {
                    "general.architecture": "gemma3",
                    "general.name": "Gemma 3 270m It",
                    "general.parameter_count": 268_098_176,
                    "general.file_type": 15,
                    "gemma3.context_length": 32768,
                }
            )
        )
        dialog.load_file(gguf)
        until(lambda: dialog.template.isEnabled())
        grab(dialog, "import-template")
        dialog.import_button.click()
        until(lambda: dialog.chat_button.isVisible())
        grab(dialog, "import-done")
        dialog.reject()
        window.tabs.setCurrentWidget(window.chat_tab)
        until(lambda: start.onboarding.ready)
        grab(window, "ready-card")
        card.go.click()  # Chat with it: the chat opens on the imported model
        chat = window.chat_tab
        until(lambda: not card.isVisible())
        chat.view.composer.setPlainText(  # type: ignore[attr-defined]
            "何ができますか？" if lang == "ja" else "What can you do?"
        )
        chat.composer.send()  # type: ignore[attr-defined]
        until(lambda: not chat.session.busy)  # type: ignore[attr-defined]
        grab(window, "chat-buttons")

        window.tabs.setCurrentWidget(window.server_tab)
        until(lambda: window.server_tab.view.foreign_note.isVisible())  # type: ignore[attr-defined]
        grab(window, "foreign-server")
        window.server_tab.view.pages.setCurrentIndex(1)  # type: ignore[attr-defined]
        grab(window, "foreign-server-settings")
        window.server_tab.view.pages.setCurrentIndex(2)  # type: ignore[attr-defined]
        grab(window, "foreign-server-log")
        desk.shutdown()
    return saved


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    p.add_argument("--one", metavar="LANG", help=argparse.SUPPRESS)
    args = p.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    if args.one:
        for path in shoot(args.one, args.outdir):
            print(path)
        return 0
    for lang in ("en", "ja"):
        subprocess.run(
            [sys.executable, __file__, str(args.outdir), "--one", lang], check=True, cwd=ROOT
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
