"""Small `ollama/ollama:<tag>` images for a real Docker engine, made with `docker import`
from a root filesystem of the few files `ldd` names (no registry, no network):

* ``fake``: this Python and its standard library, and the test suite's fake Ollama server
  (tests/fake_ollama, its recorded fixtures and the pure-Python packages it imports),
  listening on 0.0.0.0:11434 in the container;
* ``ollama DIR``: a real Ollama build (DIR/bin/ollama and DIR/lib/ollama), `ollama serve`.

    python -m tests.docker_engine.image fake [TAG]
    python -m tests.docker_engine.image ollama /work/ollama-real [TAG]

Files keep their host paths in the image, so the interpreter finds its libraries and its
standard library exactly where it was built to look.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAKE_TAG = "ollama/ollama:0.33.0-fake"
REAL_TAG = "ollama/ollama:0.33.0-rc2"
_SKIP_STDLIB = {
    "site-packages",
    "dist-packages",
    "test",
    "tests",
    "idlelib",
    "tkinter",
    "turtledemo",
    "ensurepip",
    "lib2to3",
    "__pycache__",
    "pydoc_data",
}

SERVE = """\
import os, signal, sys, threading
sys.path.insert(0, "/app")
from tests.fake_ollama import FakeOllama
fake = FakeOllama(token_delay=float(os.environ.get("FAKE_TOKEN_DELAY", "0.002")))
fake.start(port=11434, host="0.0.0.0")
print("fake ollama listening on 0.0.0.0:11434", flush=True)
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
threading.Event().wait()
"""


def ldd(paths: Iterable[Path]) -> set[Path]:
    """The shared libraries ``paths`` load (and the loader), as `ldd` names them."""
    out: set[Path] = set()
    for p in paths:
        try:
            text = subprocess.run(
                ["ldd", str(p)], capture_output=True, text=True, check=False, timeout=30
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        for line in text.splitlines():
            parts = line.split()
            if "=>" in parts:
                i = parts.index("=>")
                if i + 1 < len(parts) and parts[i + 1].startswith("/"):
                    out.add(Path(parts[i + 1]))
            elif parts and parts[0].startswith("/"):
                out.add(Path(parts[0]))
    return out


def _add_file(tar: tarfile.TarFile, path: Path, arcname: str | None = None) -> None:
    name = (arcname or str(path)).lstrip("/")
    info = tar.gettarinfo(str(path.resolve()), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    with path.resolve().open("rb") as f:
        tar.addfile(info, f)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, mode: int = 0o644) -> None:
    info = tarfile.TarInfo(name.lstrip("/"))
    info.size, info.mode = len(data), mode
    tar.addfile(info, io.BytesIO(data))


def _add_tree(tar: tarfile.TarFile, src: Path, dest: str, skip: set[str]) -> None:
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if d not in skip and not d.startswith("config-")]
        rel = Path(dirpath).relative_to(src)
        for f in filenames:
            if f.endswith((".pyc", ".a")):
                continue
            p = Path(dirpath) / f
            if p.is_file():
                _add_file(tar, p, f"{dest}/{rel}/{f}")


def _dirs(tar: tarfile.TarFile, names: Iterable[str]) -> None:
    for d in names:
        info = tarfile.TarInfo(d.lstrip("/"))
        info.type, info.mode = tarfile.DIRTYPE, 0o1777 if d == "/tmp" else 0o755
        tar.addfile(info)


def _imported() -> list[str]:
    """The files of every module the fake server imports (in a fresh interpreter)."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]);"
        "import tests.fake_ollama;"
        "print(json.dumps(sorted({m.__file__ for m in list(sys.modules.values())"
        " if getattr(m, '__file__', None)})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True
    ).stdout
    return [str(f) for f in json.loads(out)]


def _project_files() -> list[Path]:
    """The app's own modules the fake server imports (desktop/...: a name rule, a parser)."""
    app = ROOT / "desktop"
    return sorted(Path(f) for f in _imported() if app in Path(f).parents)


def _third_party() -> list[Path]:
    """Package folders (outside the standard library) the fake server imports."""
    files = [f for f in _imported() if "site-packages" in f]
    tops: set[Path] = set()
    for f in files:
        p = Path(f)
        while p.parent.name != "site-packages":
            p = p.parent
        tops.add(p)
    return sorted(tops)


def fake_rootfs(tar_path: Path) -> None:
    exe = Path(sys.executable).resolve()
    stdlib = Path(sysconfig.get_path("stdlib"))
    dynload = stdlib / "lib-dynload"
    libs = ldd([exe, *dynload.glob("*.so")])
    with tarfile.open(tar_path, "w") as tar:
        _dirs(tar, ["/tmp", "/root", "/app", "/etc"])
        _add_file(tar, exe)
        for lib in sorted(libs):
            _add_file(tar, lib)
        _add_tree(tar, stdlib, str(stdlib), _SKIP_STDLIB)
        site = "/app/site"
        for pkg in _third_party():
            if pkg.is_dir():
                _add_tree(tar, pkg, f"{site}/{pkg.name}", {"__pycache__"})
            else:
                _add_file(tar, pkg, f"{site}/{pkg.name}")
        _add_bytes(tar, "/app/tests/__init__.py", b"")
        for f in _project_files():
            _add_file(tar, f, f"/app/{f.relative_to(ROOT).as_posix()}")
        _add_tree(tar, ROOT / "tests/fake_ollama", "/app/tests/fake_ollama", {"__pycache__"})
        fixtures = ROOT / "tests/fixtures/ollama-0.33.0-rc2"
        _add_tree(tar, fixtures, f"/app/tests/fixtures/{fixtures.name}", set())
        _add_bytes(tar, "/app/serve.py", SERVE.encode())
        _add_bytes(tar, "/etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n")


def ollama_rootfs(tar_path: Path, home: Path) -> None:
    exe = home / "bin" / "ollama"
    libdir = home / "lib" / "ollama"
    sos = [p for p in libdir.rglob("*.so*") if p.is_file()]
    libs = ldd([exe, *sos])
    with tarfile.open(tar_path, "w") as tar:
        _dirs(tar, ["/tmp", "/root", "/etc", "/usr/lib/ollama"])
        _add_file(tar, exe, "/usr/bin/ollama")
        _add_tree(tar, libdir, "/usr/lib/ollama", set())
        for lib in sorted(libs):
            if libdir not in lib.parents:
                _add_file(tar, lib)
        _add_bytes(tar, "/etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n")


def docker_import(docker: str, tar_path: Path, tag: str, changes: list[str]) -> None:
    argv = [docker, "import"]
    for c in changes:
        argv += ["--change", c]
    subprocess.run([*argv, str(tar_path), tag], check=True, capture_output=True, timeout=600)


def build_fake(docker: str = "docker", tag: str = FAKE_TAG) -> str:
    exe = Path(sys.executable).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tar_path = Path(tmp) / "rootfs.tar"
        fake_rootfs(tar_path)
        docker_import(
            docker,
            tar_path,
            tag,
            [
                f'CMD ["{exe}", "/app/serve.py"]',
                "ENV PYTHONPATH=/app/site PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1",
                "EXPOSE 11434",
            ],
        )
    return tag


def build_ollama(home: Path, docker: str = "docker", tag: str = REAL_TAG) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        tar_path = Path(tmp) / "rootfs.tar"
        ollama_rootfs(tar_path, home)
        docker_import(
            docker,
            tar_path,
            tag,
            [
                'ENTRYPOINT ["/usr/bin/ollama"]',
                'CMD ["serve"]',
                "ENV OLLAMA_HOST=0.0.0.0:11434 HOME=/root",
                "EXPOSE 11434",
            ],
        )
    return tag


def main(argv: list[str]) -> int:
    if argv[:1] == ["fake"]:
        print(build_fake(tag=argv[1] if len(argv) > 1 else FAKE_TAG))
        return 0
    if argv[:1] == ["ollama"] and len(argv) >= 2:
        print(build_ollama(Path(argv[1]), tag=argv[2] if len(argv) > 2 else REAL_TAG))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
