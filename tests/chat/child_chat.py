"""Run the app's chat in this process (used by test_kill.py, which kills it mid-answer).

    python -m tests.chat.child_chat HOST CONFIG_DIR MODEL QUESTION
Prints "STREAMING <message id>" once the first tokens are on screen.
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
    host, config_dir, model, question = sys.argv[1:5]
    app = QApplication(sys.argv[:1])
    desk = build_app(host=host, config_dir=config_dir, lang="en")
    desk.window.show()
    tab = desk.window.chat_tab
    picker = tab.picker
    announced = [False]

    def send() -> None:
        if model not in picker.models:
            QTimer.singleShot(20, send)
            return
        picker.select_model(model)
        tab.view.composer.setPlainText(question)
        tab.composer.send()

    def watch(_content: str, _thinking: str) -> None:
        if not announced[0] and tab.session.content:
            announced[0] = True
            print(f"STREAMING {tab.session.message_id}", flush=True)

    tab.session.delta.connect(watch)
    QTimer.singleShot(0, send)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
