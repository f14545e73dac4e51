"""Screenshots of the Server tab's Docker page on a real Docker engine, English and Japanese:
no compose, no permission, port chosen, running, stopped.

    sudo scripts/dockerd.sh            # an engine (Debian's docker.io, docker-compose)
    xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/python scripts/docker_screenshots.py

Files: docs/screenshots/docker-<state>-<lang>.png. The native server is the test suite's
fake Ollama on 11434's neighbour; the container runs the image of tests/docker_engine
(built if missing). "No compose" uses the real docker CLI without Compose on its PATH; "no
permission" runs it as user nobody (needs root and setpriv). Everything made is removed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def shoot(lang: str, outdir: Path) -> list[str]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_app, install_translators
    from desktop.services.server.docker_cli import DockerCli
    from desktop.ui.shell.style import AppLook
    from tests.docker_engine.image import FAKE_TAG, build_fake
    from tests.fake_ollama import FakeOllama

    real = DockerCli()
    assert real.executable, "no docker CLI"
    if subprocess.run(
        [real.executable, "image", "inspect", FAKE_TAG], capture_output=True
    ).returncode:
        build_fake(real.executable)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Ollama Desk")

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def settle(panel: object, ms: int = 60000) -> None:
        deadline = time.monotonic() + ms / 1000
        wait(300)
        while panel.model.busy and time.monotonic() < deadline:  # type: ignore[attr-defined]
            wait(100)
        wait(600)

    saved: list[str] = []
    tmp = Path(tempfile.mkdtemp())
    os.environ["OLLAMA_DESK_NO_WIZARD"] = "1"
    with FakeOllama() as native:
        translators = install_translators(app, lang)
        AppLook(app, "light")
        home = tmp / "home"
        desk = build_app(host=native.url, config_dir=str(home), lang=lang, translators=translators)
        desk.settings.set("server_port", native.port)
        win = desk.window
        win.resize(1200, 900)
        win.show()
        desk.monitor.start()
        wait(1500)
        win.show_server_tab()
        tab = win.server_tab
        panel = tab.docker_panel
        tab.view.pages.setCurrentWidget(panel)
        panel.model.set_known_versions([FAKE_TAG.split(":")[1]])

        def grab(state: str) -> None:
            path = outdir / f"docker-{state}-{lang}.png"
            win.grab().save(str(path))
            saved.append(str(path))

        # no compose: the real CLI alone in a folder on PATH, no plugin, no docker-compose
        bare = tmp / "bare"
        bare.mkdir()
        (bare / "docker").symlink_to(Path(real.executable).resolve())
        old_path = os.environ["PATH"]
        os.environ["PATH"] = str(bare)
        panel.setup.docker = DockerCli(str(bare / "docker"))
        panel.refresh()
        settle(panel)
        grab("no-compose")
        os.environ["PATH"] = old_path

        # no permission: the real CLI as user nobody
        setpriv = shutil.which("setpriv")
        if os.geteuid() == 0 and setpriv:
            wrapper = tmp / "docker-nobody"
            nobody_home = tmp / "nobody"
            nobody_home.mkdir()
            nobody_home.chmod(0o777)
            wrapper.write_text(
                f"#!/bin/sh\nexec {setpriv} --reuid=65534 --regid=65534 --clear-groups "
                f'env HOME={nobody_home} {real.executable} "$@"\n'
            )
            wrapper.chmod(0o755)
            panel.setup.docker = DockerCli(str(wrapper))
            os.environ["LOGNAME"] = "nobody"  # the user the CLI runs as, in the sentence
            panel.refresh()
            settle(panel)
            grab("no-permission")

        # port chosen: something else listens on the container's first choice
        panel.setup.docker = DockerCli()
        panel.model.container_name = "ollama-desk-shot"
        panel.refresh()
        settle(panel)
        with socket.socket() as other:
            other.bind(("127.0.0.1", 11435))
            other.listen()
            panel.view.up_button.click()
            settle(panel, 180000)
            grab("port-chosen")
        panel.view.use_button.click()
        wait(3000)
        grab("running")
        panel.view.stop_button.click()
        settle(panel)
        wait(2500)  # the status headline follows the connection monitor
        grab("stopped")
        panel.view.down_button.click()
        settle(panel)
        desk.shutdown()
    subprocess.run([real.executable, "rm", "-f", "ollama-desk-shot"], capture_output=True)
    for v in json.loads(
        subprocess.run(
            [real.executable, "volume", "ls", "--format", "{{json .Name}}"],
            capture_output=True,
            text=True,
        )
        .stdout.replace("\n", ",")
        .rstrip(",")
        .join("[]")
        or "[]"
    ):
        if str(v).endswith("home_ollama") or "ollama-desk-shot" in str(v):
            subprocess.run([real.executable, "volume", "rm", str(v)], capture_output=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return saved


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outdir", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    p.add_argument("--one", metavar="LANG", help=argparse.SUPPRESS)
    args = p.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(shoot(args.one, args.outdir)))
        return 0
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    failures = 0
    for lang in ("en", "ja"):
        proc = subprocess.run(
            [sys.executable, __file__, str(args.outdir), "--one", lang],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if proc.returncode:
            failures += 1
            print(f"{lang}: failed\n{proc.stderr[-3000:]}", file=sys.stderr)
        else:
            print(f"{lang}: {proc.stdout.strip()}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
