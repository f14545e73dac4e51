"""Version reading, the Linux desktop entry, and the .deb/.tar.gz layouts (no PyInstaller)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import tarfile
import tomllib
from pathlib import Path

import pytest

from desktop import app_version
from installer import make_icons, package_linux

ROOT = Path(package_linux.__file__).resolve().parents[1]


@pytest.fixture
def fake_exe(tmp_path: Path) -> Path:
    exe = tmp_path / "ollama-desk"
    exe.write_text("#!/bin/sh\necho ollama-desk 0.0.0\n")
    exe.chmod(0o755)
    return exe


def test_version_comes_from_pyproject_and_matches_the_installed_metadata() -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        declared = tomllib.load(f)["project"]["version"]
    assert package_linux.read_version() == declared
    # build.spec refuses to build when these differ; desktop.app_version() reads the metadata
    assert app_version() == declared


def test_build_spec_reads_the_version_with_tomllib() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "tomllib.load" in spec and "copy_metadata(DIST_NAME)" in spec


@pytest.mark.parametrize(
    ("pep440", "debian"),
    [
        ("0.1.0", "0.1.0"),
        ("1.2.0rc1", "1.2.0~rc1"),
        ("2.0.0.dev3", "2.0.0~dev3"),
        ("1.0a2", "1.0~a2"),
        ("1.0.0+local", "1.0.0+local"),
    ],
)
def test_debian_version_sorts_prereleases_first(pep440: str, debian: str) -> None:
    assert package_linux.deb_version(pep440) == debian
    if shutil.which("dpkg") and debian != pep440:
        release = debian.split("~")[0]
        assert subprocess.run(["dpkg", "--compare-versions", debian, "lt", release]).returncode == 0


def read_desktop_entry(path: Path) -> configparser.SectionProxy:
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    cp.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    cp.read_string(path.read_text(encoding="utf-8"))
    return cp["Desktop Entry"]


def test_desktop_entry_launches_the_app_with_its_icon() -> None:
    entry = read_desktop_entry(package_linux.LINUX / "ollama-desk.desktop")
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Ollama Desk"
    assert entry["Exec"].split()[0] == "ollama-desk"
    assert entry["Icon"] == "ollama-desk"  # a theme name: the hicolor icons below
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Utility" in entry["Categories"].split(";")
    assert any(ord(ch) > 0x3000 for ch in entry["Comment[ja]"])
    if shutil.which("desktop-file-validate"):
        subprocess.run(
            ["desktop-file-validate", str(package_linux.LINUX / "ollama-desk.desktop")], check=True
        )


def test_deb_tree_has_launcher_menu_entry_icons_and_control(fake_exe: Path, tmp_path: Path) -> None:
    staging = package_linux.stage_deb(fake_exe, tmp_path / "pkg", "1.2.0rc1", "amd64")
    binary = staging / "opt/ollama-desk/ollama-desk"
    assert binary.read_bytes() == fake_exe.read_bytes() and os.access(binary, os.X_OK)
    launcher = staging / "usr/bin/ollama-desk"
    assert launcher.is_symlink() and not os.readlink(launcher).startswith("/")
    assert launcher.resolve() == binary.resolve()  # works inside any root, e.g. dpkg -x
    assert (staging / "usr/share/applications/ollama-desk.desktop").is_file()
    for size in make_icons.SIZES:
        assert (staging / f"usr/share/icons/hicolor/{size}x{size}/apps/ollama-desk.png").is_file()
    assert (staging / "usr/share/icons/hicolor/scalable/apps/ollama-desk.svg").is_file()
    assert "MIT" in (staging / "usr/share/doc/ollama-desk/copyright").read_text()
    control = dict(
        line.split(": ", 1)
        for line in (staging / "DEBIAN/control").read_text().splitlines()
        if ": " in line
    )
    assert control["Package"] == "ollama-desk"
    assert control["Version"] == "1.2.0~rc1"
    assert control["Architecture"] == "amd64"
    assert "libxcb-cursor0" in control["Depends"]
    assert not any((staging / "DEBIAN" / s).exists() for s in ("postinst", "prerm", "postrm"))


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")
def test_deb_builds_and_unpacks_owned_by_root(fake_exe: Path, tmp_path: Path) -> None:
    deb = package_linux.build_deb(fake_exe, tmp_path / "out", "0.1.0", work=tmp_path / "work")
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "./opt/ollama-desk/ollama-desk" in listing
    assert "./usr/bin/ollama-desk -> ../../opt/ollama-desk/ollama-desk" in listing
    assert all(" root/root " in line for line in listing.splitlines())
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    out = subprocess.run([str(root / "usr/bin/ollama-desk")], capture_output=True, text=True)
    assert out.stdout.strip() == "ollama-desk 0.0.0"


def test_portable_tarball_runs_in_place_and_can_install(fake_exe: Path, tmp_path: Path) -> None:
    tar_path = package_linux.build_tar(fake_exe, tmp_path, "0.1.0")
    assert tar_path.name.startswith("ollama-desk-0.1.0-linux-")
    with tarfile.open(tar_path) as tar:
        members = {m.name.split("/", 1)[1]: m for m in tar.getmembers()}
    assert members["ollama-desk"].mode == 0o755 and members["install.sh"].mode == 0o755
    assert members["ollama-desk"].uid == 0
    assert "ollama-desk.desktop" in members and "icons/ollama-desk.svg" in members
    assert "icons/hicolor/48x48/apps/ollama-desk.png" in members


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_install_sh_installs_and_uninstalls_for_the_user(fake_exe: Path, tmp_path: Path) -> None:
    tar_path = package_linux.build_tar(fake_exe, tmp_path / "out", "0.1.0")
    with tarfile.open(tar_path) as tar:
        tar.extractall(tmp_path / "x", filter="data")
    top = next((tmp_path / "x").iterdir())
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", str(top / "install.sh")], env=env, check=True, capture_output=True)
    desktop = home / ".local/share/applications/ollama-desk.desktop"
    entry = read_desktop_entry(desktop)
    assert entry["Exec"] == str(home / ".local/lib/ollama-desk/ollama-desk")
    assert (home / ".local/share/icons/hicolor/256x256/apps/ollama-desk.png").is_file()
    assert (
        subprocess.run(
            [str(home / ".local/bin/ollama-desk")], capture_output=True, text=True
        ).stdout.strip()
        == "ollama-desk 0.0.0"
    )
    subprocess.run(
        ["sh", str(top / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True
    )
    left = [p for p in home.rglob("*") if p.is_file() or p.is_symlink()]
    assert left == []
