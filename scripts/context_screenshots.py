"""Screenshots of the context meter: the figure after a few answers, the choice before a
send that will not fit, the note under an answer whose prompt the server cut, and the
summary a new chat would start from.

    xvfb-run -a -s "-screen 0 1280x860x24" python scripts/context_screenshots.py \
        [--host 127.0.0.1:11555] [--model gemma3:270m] [OUTDIR]

Against a real Ollama when --host is given (a 512-token window keeps it quick), else the
test suite's fake server. Each language runs in its own process. Files:
OUTDIR/context-{meter,choice,note,summary}-<lang>.png (default OUTDIR: docs/screenshots).
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

QUESTIONS = {
    "en": [
        "What makes a small language model useful on a laptop without a GPU?",
        "How much memory does the context window of a model take, and why?",
        "Explain in a few sentences why a longer conversation answers more slowly.",
    ],
    "ja": [
        "GPU のないノートパソコンで小さな言語モデルが役に立つのはなぜですか。",
        "モデルのコンテキストウィンドウはどのくらいメモリを使いますか。その理由も教えてください。",
        "会話が長くなると応答が遅くなる理由を、数文で説明してください。",
    ],
}
LONG = {
    "en": "Here are my notes from the meeting, please summarise them. " * 40,
    "ja": "会議のメモです。要点をまとめてください。" * 60,
}
DRAFT = {"en": 900, "ja": 250}  # characters of it typed when the meter is shot (it fits)


@contextlib.contextmanager
def server(host: str | None) -> Iterator[str]:
    if host:
        yield host
        return
    from tests.fake_ollama import FakeOllama

    with FakeOllama(token_delay=0.01) as fake:
        yield fake.url


def shoot(lang: str, host: str | None, model: str, outdir: Path) -> list[str]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_app, install_translators
    from desktop.core.chat.conversation import ChatParams
    from desktop.ui.shell.style import AppLook

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Ollama Desk")

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def until(check: object, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not check() and time.monotonic() < deadline:  # type: ignore[operator]
            wait(100)

    saved: list[str] = []
    with server(host) as url, tempfile.TemporaryDirectory() as home:
        translators = install_translators(app, lang)
        AppLook(app, "light")
        desk = build_app(host=url, config_dir=home, lang=lang, translators=translators)
        desk.window.resize(1200, 760)
        desk.window.show()
        desk.monitor.start()
        chat = desk.window.chat_tab
        until(lambda: bool(chat.picker.models), 20)  # type: ignore[attr-defined]
        if model:
            chat.picker.want(model)  # type: ignore[attr-defined]
        wait(1000)
        chat.conversations.set_params(  # type: ignore[attr-defined]
            "", ChatParams(num_ctx=512, num_predict=24, temperature=0.7, seed=3)
        )

        def send(text: str) -> None:
            session = chat.session  # type: ignore[attr-defined]
            chat.view.composer.setPlainText(text)  # type: ignore[attr-defined]
            chat.composer.send()  # type: ignore[attr-defined]
            wait(300)
            until(lambda: not session.busy, 600)

        for q in QUESTIONS[lang]:
            send(q)
        wait(1500)  # /api/ps after the answer: the window the model runs with
        chat.view.composer.setPlainText(LONG[lang][: DRAFT[lang]])  # type: ignore[attr-defined]
        wait(900)  # the meter follows the draft once typing pauses

        def save(name: str) -> None:
            path = outdir / f"context-{name}-{lang}.png"
            desk.window.grab().save(str(path))
            saved.append(str(path))

        save("meter")
        chat.view.composer.setPlainText(LONG[lang])  # type: ignore[attr-defined]
        chat.composer.send()  # type: ignore[attr-defined]
        wait(600)
        save("choice")
        chat.view.context_choice.send_anyway.click()  # type: ignore[attr-defined]
        wait(300)
        until(lambda: not chat.session.busy, 600)  # type: ignore[attr-defined]
        wait(1500)
        save("note")
        chat.view.composer.setPlainText(LONG[lang])  # type: ignore[attr-defined]
        chat.composer.send()  # type: ignore[attr-defined]
        wait(600)
        chat.view.context_choice.summary.click()  # type: ignore[attr-defined]
        dialog = chat.context.dialog  # type: ignore[attr-defined]
        until(lambda: dialog.start.isEnabled() or dialog.progress.isHidden(), 600)
        wait(500)
        path = outdir / f"context-summary-{lang}.png"
        dialog.grab().save(str(path))
        saved.append(str(path))
        dialog.reject()
        desk.shutdown()
    return saved


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    p.add_argument("--host", default="")
    p.add_argument("--model", default="")
    p.add_argument("--lang", default="")
    args = p.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    if args.lang:
        for path in shoot(args.lang, args.host or None, args.model, args.outdir):
            print(path)
        return 0
    for lang in ("en", "ja"):
        cmd = [sys.executable, __file__, str(args.outdir), "--lang", lang]
        if args.host:
            cmd += ["--host", args.host]
        if args.model:
            cmd += ["--model", args.model]
        if subprocess.run(cmd, check=False).returncode:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
