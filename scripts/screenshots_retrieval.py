"""Screenshots of a document bigger than the window (issue 21, item 4), in English and
Japanese:

    xvfb-run -a -s "-screen 0 1280x860x24" python scripts/screenshots_retrieval.py \
        [--host 127.0.0.1:11555] [--model gemma3:270m] [OUTDIR]

Against a real Ollama when --host is given (an embedding model installed there makes the
search hybrid), else the test suite's fake server: the GPL-3 text (English, as a PDF of 25
pages made here with pypdf) or the Japanese tar(1) page (benchmarks/retrieval/) attached
to a chat whose window is 2,048 tokens; before the send, the meter saying that the best
passages will be sent (no "will not fit"); then the answer with the fold of the passages it
was given, open. Files: OUTDIR/retrieval-{meter,sources}-<lang>.png (default OUTDIR:
docs/screenshots).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

QUESTION = {
    "en": "Can I charge a fee for copies of the program?",
    "ja": "既存のファイルを上書きせずに展開するオプションは？",
}
DOC = {"en": "gpl-3.pdf", "ja": "benchmarks/retrieval/tar.ja.txt"}


def gpl_pdf(path: Path, lines: int = 27) -> Path:
    """The GPL-3 text as a real PDF, ``lines`` lines a page (25 pages)."""
    from tests.attachments.documents import make_pdf

    text = (ROOT / "benchmarks" / "retrieval" / "gpl-3.txt").read_text(encoding="utf-8")
    rows = [r for r in text.splitlines() if r.strip()]
    pages = [" ".join(rows[i : i + lines]) for i in range(0, len(rows), lines)]
    path.write_bytes(make_pdf(pages))
    return path


@contextlib.contextmanager
def server(host: str | None) -> Iterator[str]:
    if host:
        yield host
        return
    from tests.fake_ollama import FakeOllama

    with FakeOllama(token_delay=0.005) as fake:
        yield fake.url


def shoot(lang: str, outdir: Path, host: str | None = None, model: str = "") -> list[str]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_app, install_translators
    from desktop.ui.chat.sources_view import SourcesBox
    from desktop.ui.shell.style import AppLook

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Ollama Desk")

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def until(check: object, ms: int = 20000) -> None:
        for _ in range(ms // 50 * (30 if host else 1)):  # a real CPU-only run is slow
            if check():  # type: ignore[operator]
                return
            wait(50)

    saved: list[str] = []
    with server(host) as url, tempfile.TemporaryDirectory() as home:
        translators = install_translators(app, lang)
        AppLook(app, "light")
        desk = build_app(host=url, config_dir=home, lang=lang, translators=translators)
        desk.window.resize(1200, 820)
        desk.window.show()
        desk.monitor.start()  # the status bar says what the connection is
        tab = desk.window.chat_tab
        until(lambda: bool(tab.picker.models))
        if model:
            tab.picker.want(model)
        wait(800)
        system, params = tab.conversations.current_params()
        params = dataclasses.replace(params, num_ctx=2048, num_predict=80, seed=3)
        tab.conversations.set_params(system, params)
        doc = gpl_pdf(Path(home) / "gpl-3.pdf") if lang == "en" else ROOT / DOC[lang]
        tab.attach.add_paths([str(doc)])
        until(lambda: bool(tab.attach.refs()))
        tab.view.composer.setPlainText(QUESTION[lang])
        wait(900)  # the meter follows the draft once typing pauses
        path = outdir / f"retrieval-meter-{lang}.png"
        desk.window.grab().save(str(path))
        saved.append(str(path))
        print(f"{path}: {tab.services.context.usage.fit}", flush=True)
        tab.composer.send()
        until(lambda: not tab.session.busy and not tab.conversations.preparing)
        box = tab.view.messages[-1].findChild(SourcesBox)
        if box is not None:
            box.toggle.click()
            wait(600)
            tab.view.transcript.reveal(tab.view.messages[-1])  # the answer's top, the fold
        wait(600)
        path = outdir / f"retrieval-sources-{lang}.png"
        desk.window.grab().save(str(path))
        saved.append(str(path))
        desk.shutdown()
    return saved


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    p.add_argument("--one", metavar="LANG", help=argparse.SUPPRESS)
    p.add_argument("--host", default="")
    p.add_argument("--model", default="")
    args = p.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    if args.one:
        for path in shoot(args.one, args.outdir, args.host or None, args.model):
            print(path)
        return 0
    for lang in ("en", "ja"):
        cmd = [sys.executable, __file__, str(args.outdir), "--one", lang]
        cmd += ["--host", args.host, "--model", args.model] if args.host else []
        subprocess.run(cmd, check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
