"""Screenshots of attachments in the chat (issue 21), in English and Japanese:

    xvfb-run -a -s "-screen 0 1280x860x24" python scripts/screenshots_attach.py [OUTDIR]

Against the test suite's fake Ollama server with a text model and a vision model: the
composer with a PDF chip and a code-file chip, the transcript with them, an image
thumbnail with the vision model, and the refusal for a model without vision. Files:
OUTDIR/attach-<scene>-<lang>.png (default OUTDIR: docs/screenshots).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

QUESTION = {"en": "What do these say about speed?", "ja": "速度について何と書いてありますか？"}
CODE = '''"""Tokens per second from Ollama's final answer line."""


def tokens_per_second(eval_count: int, eval_duration_ns: int) -> float:
    return eval_count / (eval_duration_ns / 1e9)
'''


def shoot(lang: str, outdir: Path) -> list[str]:
    from PySide6.QtCore import QEventLoop, QMimeData, QPointF, QRectF, QTimer, QUrl
    from PySide6.QtGui import QColor, QFont, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_app, install_translators
    from desktop.ui.shell.style import AppLook
    from tests.attachments import documents as d
    from tests.fake_ollama import FakeOllama, gemma3_4b_vision

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
        fake.install(gemma3_4b_vision())
        files = Path(home) / "files"
        files.mkdir()
        (files / "cpu-inference-report.pdf").write_bytes(d.report_pdf(12, repeat=12))
        (files / "speed.py").write_text(CODE)
        chart = QImage(1600, 1000, QImage.Format.Format_RGB32)
        chart.fill(QColor("white"))
        p = QPainter(chart)
        for i, (h, c) in enumerate([(300, "#4c78a8"), (520, "#f58518"), (760, "#54a24b")]):
            p.fillRect(QRectF(250 + i * 400, 900 - h, 260, h), QColor(c))
        p.setFont(QFont("Sans", 48))
        p.drawText(QPointF(250, 120), "tokens/s: 1B, 4B, 12B")
        p.end()
        chart.save(str(files / "speed-chart.png"), "PNG")  # type: ignore[call-overload]

        translators = install_translators(app, lang)
        AppLook(app, "light")
        desk = build_app(host=fake.url, config_dir=home, lang=lang, translators=translators)
        desk.window.resize(1200, 760)
        desk.window.show()
        tab = desk.window.chat_tab
        until(lambda: len(tab.picker.models) == 2)
        wait(800)

        def grab(scene: str) -> None:
            wait(400)
            path = outdir / f"attach-{scene}-{lang}.png"
            desk.window.grab().save(str(path))
            saved.append(str(path))

        tab.picker.select_model("gemma3:270m")
        tab.attach.add_paths([str(files / "cpu-inference-report.pdf"), str(files / "speed.py")])
        until(lambda: not tab.attach.jobs.busy)
        tab.view.composer.setPlainText(QUESTION[lang])
        grab("composer")
        tab.composer.send()
        until(lambda: not tab.session.busy and not tab.conversations.preparing)
        grab("transcript")
        # a model without vision: the Image button is off, a dropped picture is refused
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(files / "speed-chart.png"))])
        tab.view.composer.insertFromMimeData(mime)
        grab("novision")
        # a model that sees: the picture is attached as a thumbnail
        tab.banner.hide()
        tab.composer.new_chat()
        tab.picker.select_model("gemma3:4b")
        tab.view.composer.insertFromMimeData(mime)
        until(lambda: not tab.attach.jobs.busy)
        tab.view.composer.setPlainText(
            "このグラフは何を示していますか？" if lang == "ja" else "What does this chart show?"
        )
        tab.composer.send()
        until(lambda: not tab.session.busy and not tab.conversations.preparing)
        grab("image")
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
