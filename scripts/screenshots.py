"""Screenshots of every tab in English and Japanese, light and dark, for docs/ and the README,
and of the chat's states: the figures unfolded, an answer streaming, an edit under way.

    xvfb-run -a -s "-screen 0 1280x860x24" python scripts/screenshots.py [OUTDIR]

Each language/appearance pair runs in its own process (the style, palette and translators
belong to the whole application), against the test suite's fake Ollama server with one model,
after one short chat, so every tab shows real content. Files: OUTDIR/<tab>-<lang>-<look>.png
and OUTDIR/chat-<state>-<lang>-<look>.png (default OUTDIR: docs/screenshots).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TAB_FILES = ("chat", "models", "server", "benchmark")
QUESTION = {
    "en": "Why is the sky blue? One paragraph.",
    "ja": "空はなぜ青いのですか？短く教えてください。",
}
# what the fake model answers: a paragraph, a list and a code block show the typography
ANSWER = {
    "en": (
        "The sky looks blue because of **Rayleigh scattering**: air molecules scatter the "
        "short, blue wavelengths of sunlight far more than the long, red ones.\n\n"
        "- Blue light (about 450 nm) is scattered about *six times* more than red (700 nm).\n"
        "- At sunset the light crosses much more air: the blue is scattered away first, "
        "and the reds and oranges remain.\n\n"
        "```python\n# scattering grows as 1 / wavelength^4\nprint((700 / 450) ** 4)  # 5.86\n```\n"
        "So the sky is blue by day and red at dusk."
    ),
    "ja": (
        "空が青く見えるのは**レイリー散乱**のためです。空気の分子は、太陽光のうち波長の短い"
        "青い光を、波長の長い赤い光よりもずっと強く散乱します。\n\n"
        "- 青い光（約 450 nm）は赤い光（約 700 nm）の約 6 倍も散乱されます。\n"
        "- 夕方は光が長い距離の空気を通るため、青い光が先に散乱されて赤や橙が残ります。\n\n"
        "```python\n# 散乱は波長の 4 乗に反比例\nprint((700 / 450) ** 4)  # 5.86\n```\n"
        "だから昼の空は青く、夕焼けは赤いのです。"
    ),
}


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
        for model in fake.state.installed.values():
            model.answer = ANSWER[lang]
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
            chat.view.composer.setPlainText(QUESTION[lang])  # type: ignore[attr-defined]
            chat.composer.send()  # type: ignore[attr-defined]
            wait(4000)
            chat.regenerate_last()  # type: ignore[attr-defined]  # a second answer: ‹ 2/2 ›
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
        saved += chat_states(desk, fake, lang, look, outdir, wait)
        desk.shutdown()
    return saved


def chat_states(
    desk: Any, fake: Any, lang: str, look: str, outdir: Path, wait: Callable[[int], None]
) -> list[str]:
    """The chat with its figures unfolded, a thinking model answering (Stop in place of
    Send), and an earlier message being edited."""
    from tests.fake_ollama.models import synthetic

    saved: list[str] = []
    chat = desk.window.chat_tab
    desk.window.tabs.setCurrentWidget(chat)

    def grab(state: str) -> None:
        wait(600)
        path = outdir / f"chat-{state}-{lang}-{look}.png"
        desk.window.grab().save(str(path))
        saved.append(str(path))

    def until(check: Callable[[], bool], ms: int = 15000) -> None:
        for _ in range(ms // 50):
            if check():
                return
            wait(50)

    chat.view.perf.set_details_shown(True)
    wait(2500)  # a sample or two of this machine
    grab("details")
    chat.view.perf.set_details_shown(False)

    thinker = synthetic(
        "qwen3:1.7b",
        family="qwen3",
        arch="qwen3",
        parameter_size="2.0B",
        parameter_count=2_031_739_904,
        quant="Q4_K_M",
        weights=1_359_302_656,
        block_count=28,
        head_count=16,
        head_count_kv=8,
        embedding_length=2048,
        context_length=40960,
        capabilities=("completion", "thinking"),
    )
    thinker.answer = ANSWER[lang]
    fake.install(thinker)
    chat.picker.refresh()
    until(lambda: "qwen3:1.7b" in chat.picker.models)
    chat.composer.new_chat()
    chat.picker.select_model("qwen3:1.7b")
    fake.token_delay = 0.06
    chat.view.composer.setPlainText(QUESTION[lang])
    chat.composer.send()
    until(lambda: chat.session.busy)
    wait(3500)  # well into the answer (about 55 tokens)
    grab("streaming")
    chat.composer.stop()
    until(lambda: not chat.session.busy)
    fake.token_delay = 0.01
    chat.edit_message(0)
    grab("editing")
    chat.edit.cancel()
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
