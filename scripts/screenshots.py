"""Screenshots of every tab in English and Japanese, light and dark, for docs/ and the README.

    xvfb-run -a -s "-screen 0 1280x860x24" python scripts/screenshots.py [OUTDIR]

Each language/appearance pair runs in its own process (the style, palette and translators
belong to the whole application), against the test suite's fake Ollama server with one model,
after one short chat, so every tab shows real content. Files: OUTDIR/<tab>-<lang>-<look>.png
(default OUTDIR: docs/screenshots).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TAB_FILES = ("chat", "models", "server", "benchmark")
QUESTION = "Why is the sky blue? One paragraph."


def shoot(lang: str, look: str, outdir: Path) -> list[str]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_app, install_translators
    from desktop.ui.shell.style import AppLook
    from tests.fake_ollama import FakeOllama

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Ollama Desk")

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    saved: list[str] = []
    with FakeOllama(token_delay=0.01) as fake, tempfile.TemporaryDirectory() as home:
        translators = install_translators(app, lang)
        AppLook(app, look)
        desk = build_app(host=fake.url, config_dir=home, lang=lang, translators=translators)
        desk.window.resize(1200, 760)
        desk.window.show()
        desk.monitor.start()
        deadline = time.monotonic() + 15
        while desk.monitor.state.status.value == "checking" and time.monotonic() < deadline:
            wait(100)
        wait(1500)  # model lists, forecasts
        try:  # one short exchange so the chat shows a question, an answer and its speed
            chat = desk.window.chat_tab
            chat.view.composer.setPlainText(QUESTION)  # type: ignore[attr-defined]
            chat.composer.send()  # type: ignore[attr-defined]
            wait(4000)
        except AttributeError as e:  # the chat's insides moved: the tab is still shot
            print(f"note: could not send a chat message ({e})", file=sys.stderr)
        tabs = desk.window.tabs
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            wait(700)
            name = TAB_FILES[i] if i < len(TAB_FILES) else f"tab{i}"
            path = outdir / f"{name}-{lang}-{look}.png"
            desk.window.grab().save(str(path))
            saved.append(str(path))
        desk.shutdown()
    return saved


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    p.add_argument("--one", nargs=2, metavar=("LANG", "LOOK"), help=argparse.SUPPRESS)
    args = p.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(shoot(args.one[0], args.one[1], args.outdir)))
        return 0
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    failures = 0
    for lang in ("en", "ja"):
        for look in ("light", "dark"):
            proc = subprocess.run(
                [sys.executable, __file__, str(args.outdir), "--one", lang, look],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if proc.returncode:
                failures += 1
                print(f"{lang} {look}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
            else:
                print(f"{lang} {look}: {proc.stdout.strip()}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
