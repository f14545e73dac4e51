"""Screenshots of the context meter as a person meets it (issue 21): a PDF and a code file
attached (the meter rises before anything is sent), the figure once the server counted the
answer, the chat's context length lowered to 1,024 in Chat settings, the choice before a
send that will not fit, the note under the answer whose prompt the server cut, and the
summary a new chat would start from.

    xvfb-run -a -s "-screen 0 1280x860x24" python scripts/context_screenshots.py \
        [--host 127.0.0.1:11555] [--model gemma3:270m] [OUTDIR]

Against a real Ollama when --host is given, else the test suite's fake server. The PDF is
made here (four pages of the Apache-2.0 text in benchmarks/retrieval/, written with pypdf
as tests/attachments/documents.py does); the code file is this app's own
desktop/core/retrieval/budget.py. Each language runs in its own process. Files:
OUTDIR/context-{attach,meter,settings,choice,note,summary}-<lang>.png (default OUTDIR:
docs/screenshots).
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

FIRST = {
    "en": "What do the PDF and the code file say, in two sentences?",
    "ja": "PDF とコードのファイルには何が書かれていますか。二文で教えてください。",
}
NEXT = {
    "en": "Which section of the licence speaks about patents, and what does it grant?",
    "ja": "ライセンスのどの節が特許について述べていますか。何を許諾していますか。",
}
CODE = ROOT / "desktop" / "core" / "retrieval" / "budget.py"


@contextlib.contextmanager
def server(host: str | None) -> Iterator[str]:
    if host:
        yield host
        return
    from tests.fake_ollama import FakeOllama

    with FakeOllama(token_delay=0.01) as fake:
        yield fake.url


def licence_pdf(path: Path, pages: int = 4, lines: int = 28) -> Path:
    """A real PDF of several pages: the Apache-2.0 text, ``lines`` lines a page."""
    from tests.attachments.documents import make_pdf

    text = (ROOT / "benchmarks" / "retrieval" / "apache-2.0.txt").read_text(encoding="utf-8")
    rows = [r for r in text.splitlines() if r.strip()]
    chunks = [" ".join(rows[i * lines : (i + 1) * lines]) for i in range(pages)]
    path.write_bytes(make_pdf(chunks))
    return path


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
        desk.window.resize(1200, 780)
        desk.window.show()
        desk.monitor.start()
        chat = desk.window.chat_tab
        until(lambda: bool(chat.picker.models), 20)  # type: ignore[attr-defined]
        if model:
            chat.picker.want(model)  # type: ignore[attr-defined]
        wait(1000)
        # short answers keep a CPU-only run quick; the window is the server's (4,096)
        chat.conversations.set_params(  # type: ignore[attr-defined]
            "", ChatParams(num_predict=60, temperature=0.7, seed=3)
        )
        meter = chat.services.context  # type: ignore[attr-defined]

        def save(name: str, widget: object = None) -> None:
            path = outdir / f"context-{name}-{lang}.png"
            (widget or desk.window).grab().save(str(path))  # type: ignore[attr-defined]
            saved.append(str(path))
            print(f"{path}: {meter.usage.fit}", flush=True)

        def send() -> None:
            session = chat.session  # type: ignore[attr-defined]
            chat.composer.send()  # type: ignore[attr-defined]
            wait(300)
            until(lambda: not session.busy and not chat.conversations.preparing, 900)  # type: ignore[attr-defined]

        pdf = licence_pdf(Path(home) / "licence.pdf")
        chat.attach.add_paths([str(pdf), str(CODE)])  # type: ignore[attr-defined]
        until(lambda: len(chat.attach.refs()) == 2, 60)  # type: ignore[attr-defined]
        chat.view.composer.setPlainText(FIRST[lang])  # type: ignore[attr-defined]
        wait(900)  # the meter follows the draft once typing pauses
        save("attach")
        send()
        wait(2000)  # /api/ps after the answer: the window the model runs with
        save("meter")
        # Chat settings: this chat's context length down to 1,024 tokens
        dialog = chat.chat_settings.make_dialog()  # type: ignore[attr-defined]
        dialog.num_ctx.setValue(1024)
        dialog.show()
        wait(500)
        save("settings", dialog)
        chat.chat_settings.apply(dialog)  # type: ignore[attr-defined]
        dialog.close()
        chat.view.composer.setPlainText(NEXT[lang])  # type: ignore[attr-defined]
        wait(900)
        chat.composer.send()  # type: ignore[attr-defined]
        wait(600)
        save("choice")
        chat.view.context_choice.send_anyway.click()  # type: ignore[attr-defined]
        wait(300)
        until(lambda: not chat.session.busy, 900)  # type: ignore[attr-defined]
        wait(2000)
        save("note")
        chat.view.composer.setPlainText(NEXT[lang])  # type: ignore[attr-defined]
        chat.composer.send()  # type: ignore[attr-defined]
        wait(600)
        chat.view.context_choice.summary.click()  # type: ignore[attr-defined]
        summary = chat.context.dialog  # type: ignore[attr-defined]
        until(lambda: summary.start.isEnabled() or summary.progress.isHidden(), 900)
        wait(500)
        save("summary", summary)
        summary.reject()
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
