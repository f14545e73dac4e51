"""Screenshots of a document bigger than the window (issue 21, item 4), in English and
Japanese:

    xvfb-run -a -s "-screen 0 1280x860x24" python scripts/screenshots_retrieval.py [OUTDIR]

Against the test suite's fake Ollama server: the GPL-3 text (English) or the Japanese
tar(1) page (benchmarks/retrieval/) attached to a chat whose window is 2,048 tokens; the
answer with the fold of the passages it was given, open. Files:
OUTDIR/retrieval-sources-<lang>.png (default OUTDIR: docs/screenshots).
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

QUESTION = {
    "en": "Can I charge a fee for copies of the program?",
    "ja": "既存のファイルを上書きせずに展開するオプションは？",
}
DOC = {"en": "gpl-3.txt", "ja": "tar.ja.txt"}


def shoot(lang: str, outdir: Path) -> list[str]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_app, install_translators
    from desktop.ui.chat.sources_view import SourcesBox
    from desktop.ui.shell.style import AppLook
    from tests.fake_ollama import FakeOllama

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
    with FakeOllama(token_delay=0.005) as fake, tempfile.TemporaryDirectory() as home:
        translators = install_translators(app, lang)
        AppLook(app, "light")
        desk = build_app(host=fake.url, config_dir=home, lang=lang, translators=translators)
        desk.window.resize(1200, 820)
        desk.window.show()
        tab = desk.window.chat_tab
        until(lambda: bool(tab.picker.models))
        wait(800)
        system, params = tab.conversations.current_params()
        tab.conversations.set_params(system, dataclasses.replace(params, num_ctx=2048))
        tab.attach.add_paths([str(ROOT / "benchmarks" / "retrieval" / DOC[lang])])
        until(lambda: not tab.attach.jobs.busy)
        tab.view.composer.setPlainText(QUESTION[lang])
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
