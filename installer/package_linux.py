"""Linux packages around the one-file executable that `pyinstaller build.spec` made:

    python installer/package_linux.py deb   [--exe dist/ollama-desk] [--out dist]
    python installer/package_linux.py tar   [--exe dist/ollama-desk] [--out dist]
    python installer/package_linux.py all   ...

deb: /opt/ollama-desk/ollama-desk, a /usr/bin/ollama-desk launcher (relative symlink, so it
     also works inside `dpkg -x` roots), the desktop entry and hicolor icons, built with
     dpkg-deb. No maintainer scripts: dpkg's triggers (desktop-file-utils,
     gtk-update-icon-cache) refresh the menu and icon caches, and `apt remove` takes every file.
tar: ollama-desk-<version>-linux-<arch>.tar.gz, runnable in place, with install.sh for a
     per-user install into ~/.local.
Only the standard library and dpkg-deb.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "ollama-desk"
ICONS = ROOT / "resources" / "icons"
LINUX = Path(__file__).resolve().parent / "linux"
# Qt's xcb platform plugin needs these from the system (PyInstaller bundles the rest).
DEB_DEPENDS = (
    "libc6 (>= 2.31), libgl1, libegl1, libfontconfig1, libfreetype6, libdbus-1-3, "
    "libxkbcommon0, libxkbcommon-x11-0, libxcb1, libxcb-cursor0, libxcb-icccm4, "
    "libxcb-keysyms1, libxcb-shape0, libxcb-randr0, libxcb-render-util0, libxcb-image0, "
    "libxcb-xkb1, libx11-xcb1"
)  # includes desktop.core.xcb_libs.DESKTOP_EXTRAS (tests/installer/test_install_layout.py)
DESCRIPTION = """\
Run a private local language model with Ollama
 Ollama Desk sets up Ollama, helps you pick a model that fits your computer
 and lets you chat with it, showing tokens per second as they arrive.
 Everything stays on your machine."""


def read_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    with pyproject.open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def deb_version(version: str) -> str:
    """PEP 440 to Debian ordering: pre-releases sort before the release ("1.0~rc1")."""
    v = version.replace("-", ".")
    return re.sub(r"(?<=\d)\.?(a|b|rc|dev)(\d*)", r"~\1\2", v)


def deb_arch() -> str:
    try:
        out = subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def _copy(src: Path, dst: Path, mode: int = 0o644) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    dst.chmod(mode)


def _icon_files() -> list[tuple[Path, str]]:
    """(source, path relative to share/icons/hicolor) for every icon the menus can use."""
    out = [
        (p, str(p.relative_to(ICONS / "hicolor")))
        for p in sorted((ICONS / "hicolor").glob(f"*/apps/{NAME}.png"))
    ]
    out.append((ICONS / f"{NAME}.svg", f"scalable/apps/{NAME}.svg"))
    return out


def stage_deb(exe: Path, staging: Path, version: str, arch: str) -> Path:
    """Lay out the package tree (with DEBIAN/control) under ``staging``."""
    if staging.exists():
        shutil.rmtree(staging)
    _copy(exe, staging / "opt" / NAME / NAME, 0o755)
    launcher = staging / "usr" / "bin" / NAME
    launcher.parent.mkdir(parents=True)
    launcher.symlink_to(Path("..", "..", "opt", NAME, NAME))
    _copy(LINUX / f"{NAME}.desktop", staging / "usr/share/applications" / f"{NAME}.desktop")
    for src, rel in _icon_files():
        _copy(src, staging / "usr/share/icons/hicolor" / rel)
    doc = staging / "usr/share/doc" / NAME
    _copy(ROOT / "resources/licenses/Qt-third-party.txt", doc / "copyright")
    with (doc / "copyright").open("r+", encoding="utf-8") as f:
        body = f.read()
        f.seek(0)
        f.write(
            "Ollama Desk is distributed under the MIT licence. It bundles third-party\n"
            "components; their licences ship inside the program (Help > About).\n\n" + body
        )
    for d in [staging, *(p for p in staging.rglob("*") if p.is_dir() and not p.is_symlink())]:
        d.chmod(0o755)
    size_kib = sum(p.lstat().st_size for p in staging.rglob("*") if p.is_file()) // 1024 + 1
    control = staging / "DEBIAN" / "control"
    control.parent.mkdir(mode=0o755)
    control.write_text(
        f"Package: {NAME}\n"
        f"Version: {deb_version(version)}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Ollama Desk contributors <ollama-desk@users.noreply.github.com>\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {DEB_DEPENDS}\n"
        "Recommends: libgtk-3-0, ibus-gtk3 | fcitx5-frontend-gtk3 | uim-gtk3\n"
        "Section: utils\n"
        "Priority: optional\n"
        "Homepage: https://github.com/ollama-desk/ollama-desk\n"
        f"Description: {DESCRIPTION}\n",
        encoding="utf-8",
    )
    control.chmod(0o644)
    return staging


def build_deb(
    exe: Path, out: Path, version: str | None = None, work: Path = ROOT / "build" / "deb"
) -> Path:
    version = version or read_version()
    arch = deb_arch()
    staging = work / f"{NAME}_{version}_{arch}"
    stage_deb(exe, staging, version, arch)
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{NAME}_{deb_version(version)}_{arch}.deb"
    # gzip: the executable is compressed already, xz would only cost time; readable by
    # every dpkg (zstd is not, before Debian 12).
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", str(staging), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb


def build_tar(exe: Path, out: Path, version: str | None = None) -> Path:
    version = version or read_version()
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(
        platform.machine().lower(), platform.machine().lower()
    )
    top = f"{NAME}-{version}-linux-{machine}"
    out.mkdir(parents=True, exist_ok=True)
    tar_path = out / f"{top}.tar.gz"
    members: list[tuple[Path, str, int]] = [
        (exe, NAME, 0o755),
        (LINUX / "install.sh", "install.sh", 0o755),
        (LINUX / f"{NAME}.desktop", f"{NAME}.desktop", 0o644),
        (ICONS / f"{NAME}.svg", f"icons/{NAME}.svg", 0o644),
    ]
    members += [
        (src, f"icons/hicolor/{rel}", 0o644) for src, rel in _icon_files() if src.suffix == ".png"
    ]

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(tar_path, "w:gz", compresslevel=6) as tar:
        for src, arc, mode in members:
            info = owned_by_root(tar.gettarinfo(str(src), f"{top}/{arc}"))
            info.mode = mode
            with src.open("rb") as f:
                tar.addfile(info, f)
    return tar_path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build the Linux .deb and portable .tar.gz.")
    p.add_argument("what", choices=("deb", "tar", "all"))
    p.add_argument("--exe", type=Path, default=ROOT / "dist" / NAME)
    p.add_argument("--out", type=Path, default=ROOT / "dist")
    args = p.parse_args(argv)
    if not (args.exe.is_file() and os.access(args.exe, os.X_OK)):
        print(f"no executable at {args.exe}: run `pyinstaller build.spec` first", file=sys.stderr)
        return 2
    if args.what in ("deb", "all"):
        if shutil.which("dpkg-deb") is None:
            print("dpkg-deb not found (apt-get install dpkg)", file=sys.stderr)
            return 2
        deb = build_deb(args.exe, args.out)
        print(f"{deb}  {deb.stat().st_size / 1e6:.1f} MB")
    if args.what in ("tar", "all"):
        tar = build_tar(args.exe, args.out)
        print(f"{tar}  {tar.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
