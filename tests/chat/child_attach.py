"""Run the app and attach and send files in a loop (used by test_kill_attach.py, which
kills it at some moment of that loop).

    python -m tests.chat.child_attach HOST CONFIG_DIR MODEL FILE...
Prints "SENT <n>" each time a question with its files is stored.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import tests.chat.conftest  # noqa: E402,F401 - the PySide 6.12.0 refcount guard
from desktop.app import build_app  # noqa: E402


def main() -> int:
    host, config_dir, model, *files = sys.argv[1:]
    app = QApplication(sys.argv[:1])
    desk = build_app(host=host, config_dir=config_dir, lang="en")
    desk.window.show()
    tab = desk.window.chat_tab
    count = [0]

    def attach() -> None:
        if model not in tab.picker.models:
            QTimer.singleShot(20, attach)
            return
        tab.picker.select_model(model)
        tab.attach.add_paths(files)
        send()

    def send() -> None:
        if tab.attach.jobs.busy or not tab.conversations.can_send:
            QTimer.singleShot(5, send)
            return
        tab.view.composer.setPlainText(f"question {count[0]}")
        tab.composer.send_checked()  # past the context check: this loop is about a kill

    def stored(_exchange: object) -> None:
        count[0] += 1
        print(f"SENT {count[0]}", flush=True)

    tab.conversations.exchangeStarted.connect(stored)
    tab.session.finished.connect(lambda _o: QTimer.singleShot(0, attach))
    QTimer.singleShot(0, attach)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
