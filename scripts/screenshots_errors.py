"""Screenshots of outside text under stress (issue 24): a chat with a huge server error, its
Details view, a failed download's reason, a long table, in English and Japanese.

    xvfb-run -a -s "-screen 0 1280x860x24" python scripts/screenshots_errors.py OUTDIR

Against the test suite's fake Ollama server, as scripts/screenshots.py does.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HUGE = "sha256:" + "0123456789abcdef" * 1250  # 20,007 characters, not one space
DISK_FULL = (
    "write /usr/share/ollama/.ollama/models/blobs/sha256-4c27e0f5b5adf02ac956c7322bd2ee7636fe"
    "3f45a8512c9aba5385242cb6e09a-partial: no space left on device"
)


def _table(rows: int) -> str:
    head = "| # | model | size | speed |\n|---:|---|---:|---:|\n"
    body = "".join(
        f"| {i} | qwen2.5:{i % 7}b | {i % 9 + 1}.{i % 10} GB | {20 + i % 30} tok/s |\n"
        for i in range(rows)
    )
    return f"Here are {rows} models:\n\n{head}{body}\nThat is all.\n"


def shoot(lang: str, outdir: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_app, install_translators
    from desktop.ui.shell.style import AppLook
    from tests.fake_ollama import FakeOllama, default_registry

    app = QApplication(sys.argv[:1])

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    with FakeOllama() as fake, tempfile.TemporaryDirectory() as home:
        table_model = dataclasses.replace(
            default_registry()["qwen3:0.6b"], name="tables:1b", answer=_table(700)
        )
        fake.install(table_model)
        translators = install_translators(app, lang)
        AppLook(app, "light")
        desk = build_app(host=fake.url, config_dir=home, lang=lang, translators=translators)
        desk.settings.set("chat_num_predict", -1)  # the whole table
        w = desk.window
        w.resize(1200, 760)
        w.show()
        desk.monitor.start()
        deadline = time.monotonic() + 15
        while desk.monitor.state.status.value == "checking" and time.monotonic() < deadline:
            wait(100)
        wait(1500)
        chat, models = w.chat_tab, w.models_tab

        # a chat: an answer cut by a huge error line, then a refusal of 20,000 characters
        fake.add_fault("/api/chat", error_after=12, error=HUGE)
        chat.view.composer.setPlainText("Why is the sky blue?")
        chat.composer.send()
        wait(2500)
        fake.add_fault("/api/chat", status=500, error=HUGE)
        chat.view.composer.setPlainText("And at sunset?")
        chat.composer.send()
        wait(2500)
        w.grab().save(str(outdir / f"chat-huge-error-{lang}.png"))
        details = chat.view.banner.label.open_details()
        wait(700)
        details.grab().save(str(outdir / f"details-{lang}.png"))
        details.close()

        # downloads: the disk is full; a registry Ollama cannot pull from
        w.tabs.setCurrentWidget(models)
        fake.add_fault("/api/pull", error_after=2, error=DISK_FULL)
        models.request_pull("qwen3:0.6b")
        wait(2500)
        w.grab().save(str(outdir / f"download-failed-{lang}.png"))

        # a long table, at the end of its formatted rows
        w.tabs.setCurrentWidget(chat)
        chat.conversations.new_chat()
        chat.picker.select_model("tables:1b")
        chat.view.composer.setPlainText("List 700 models in a table.")
        chat.composer.send()
        wait(6000)
        bar = chat.view.transcript.verticalScrollBar()
        for _ in range(3):  # the transcript measures rows as they come into view
            bar.setValue(bar.maximum())
            wait(500)
        bar.setValue(bar.maximum() - 150)
        wait(800)
        w.grab().save(str(outdir / f"big-table-{lang}.png"))
        desk.shutdown()


def main() -> int:
    outdir = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    outdir.mkdir(parents=True, exist_ok=True)
    if len(sys.argv) > 2:
        shoot(sys.argv[2], outdir)
        return 0
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    for lang in ("en", "ja"):
        subprocess.run([sys.executable, __file__, str(outdir), lang], env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
