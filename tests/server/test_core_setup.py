"""Pure setup logic: assets, checksums, versions, serve logs, server env, hardware."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.machine import parse_cpuinfo, simd_summary
from desktop.core.setup.platforms import (
    ArchiveKind,
    PlatformId,
    UnsupportedPlatformError,
    choose_asset,
    is_newer,
    normalize_arch,
)
from desktop.core.setup.releases import (
    ReleaseFormatError,
    asset_url,
    parse_release,
    parse_sha256sums,
    release_api_url,
)
from desktop.core.setup.serve_log import CrashReason, diagnose, listening_line, parse_cli_version
from desktop.core.setup.server_env import ServerOptions, server_env, valid_keep_alive
from desktop.core.units import human_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ollama-0.33.0-rc2"
HEX = "ab" * 32


def test_sha256sum_lines_with_dot_slash_prefix() -> None:
    text = (
        f"{HEX}  ./ollama-linux-amd64.tar.zst\n{'cd' * 32}  ./sha256sum.txt\n"
        f"garbage line\n{'ef' * 32}  ./../escape\n{'AB' * 32} *Ollama-darwin.zip\n"
    )
    sums = parse_sha256sums(text)
    assert sums["ollama-linux-amd64.tar.zst"] == HEX
    assert sums["Ollama-darwin.zip"] == "ab" * 32  # binary-mode star, upper-case hex
    assert not any(".." in n for n in sums)
    with pytest.raises(ReleaseFormatError):
        parse_sha256sums("nothing here\n")


@pytest.mark.parametrize(
    ("plat", "name", "binary"),
    [
        (PlatformId("linux", "amd64"), "ollama-linux-amd64.tar.zst", "bin/ollama"),
        (PlatformId("linux", "arm64"), "ollama-linux-arm64.tar.zst", "bin/ollama"),
        (PlatformId("windows", "amd64"), "ollama-windows-amd64.zip", "ollama.exe"),
        (
            PlatformId("darwin", "arm64"),
            "Ollama-darwin.zip",
            "Ollama.app/Contents/Resources/ollama",
        ),
    ],
)
def test_asset_for_each_platform(plat: PlatformId, name: str, binary: str) -> None:
    a = choose_asset(plat)
    assert (a.name, a.binary) == (name, binary)


def test_older_linux_release_falls_back_to_tgz_and_missing_asset_is_unsupported() -> None:
    a = choose_asset(PlatformId("linux", "amd64"), ["ollama-linux-amd64.tgz", "sha256sum.txt"])
    assert a.kind is ArchiveKind.TGZ
    with pytest.raises(UnsupportedPlatformError):
        choose_asset(PlatformId("windows", "arm64"), ["ollama-windows-amd64.zip"])
    with pytest.raises(UnsupportedPlatformError):
        choose_asset(PlatformId("linux", normalize_arch("riscv64")))
    with pytest.raises(UnsupportedPlatformError):
        choose_asset(PlatformId("freebsd", "amd64"))
    assert normalize_arch("x86_64") == "amd64" and normalize_arch("aarch64") == "arm64"


def test_version_order_and_urls() -> None:
    assert is_newer("0.33.0", "0.33.0-rc2")
    assert is_newer("v0.34.0", "0.33.9")
    assert not is_newer("0.9.0", "0.10.0")
    assert release_api_url("http://x/releases/", None) == "http://x/releases/latest"
    assert release_api_url("http://x/releases", "0.33.0") == "http://x/releases/tags/v0.33.0"
    assert asset_url("http://d/", "v1.0.0", "a.zip") == "http://d/v1.0.0/a.zip"
    r = parse_release({"tag_name": "v0.33.0", "assets": [{"name": "a", "size": 3}]})
    assert r.version == "0.33.0" and r.assets["a"].size == 3
    with pytest.raises(ReleaseFormatError):
        parse_release({"message": "Not Found"})


def test_recorded_serve_logs() -> None:
    start = (FIXTURES / "serve_start.log").read_text().splitlines()
    found = [listening_line(ln) for ln in start]
    assert ("127.0.0.1:11435", "0.33.0-rc2") in found
    port = (FIXTURES / "serve_port_in_use.log").read_text().splitlines()
    d = diagnose(port, exit_code=1)
    assert d.reason is CrashReason.PORT_IN_USE and d.address == "127.0.0.1:11435"
    # a normal start log holds no crash reason
    assert diagnose(start, exit_code=0).reason is CrashReason.UNKNOWN


def test_crash_reasons_from_log_lines() -> None:
    libs = [
        "./ollama: error while loading shared libraries: libstdc++.so.6: cannot open "
        "shared object file: No such file or directory"
    ]
    assert diagnose(libs, 127).reason is CrashReason.MISSING_LIBRARIES
    assert diagnose(["fatal error: runtime: out of memory"], 2).reason is CrashReason.OUT_OF_MEMORY
    assert diagnose([], None, killed_by_signal=9).reason is CrashReason.OUT_OF_MEMORY


def test_recorded_cli_version_output() -> None:
    up = (FIXTURES / "cli_version_server_up.txt").read_text()
    down = (FIXTURES / "cli_version_server_down.txt").read_text()
    assert parse_cli_version(up) == "0.33.0-rc2"
    assert parse_cli_version(down) == "0.33.0-rc2"
    assert parse_cli_version("bash: ollama: command not found") is None


def test_server_env_defaults_are_loopback_and_keep_partial_pulls() -> None:
    env = server_env(
        ServerOptions(port=11500), {"OLLAMA_HOST": "0.0.0.0", "PATH": "/bin", "OLLAMA_ORIGINS": "*"}
    )
    assert env["OLLAMA_HOST"] == "127.0.0.1:11500"
    assert env["OLLAMA_NOPRUNE"] == "1"
    assert env["PATH"] == "/bin"
    assert "OLLAMA_ORIGINS" not in env
    # q8_0 KV cache needs flash attention: auto becomes on
    assert env["OLLAMA_KV_CACHE_TYPE"] == "q8_0" and env["OLLAMA_FLASH_ATTENTION"] == "1"
    assert env["OLLAMA_NUM_PARALLEL"] == "1" and env["OLLAMA_CONTEXT_LENGTH"] == "4096"


def test_server_env_explicit_choices() -> None:
    env = server_env(
        ServerOptions(
            expose_lan=True,
            kv_cache_type="f16",
            flash_attention="off",
            models_dir="/m",
            keep_alive="bogus",
            noprune=False,
        )
    )
    assert env["OLLAMA_HOST"] == "0.0.0.0:11434"
    assert "OLLAMA_KV_CACHE_TYPE" not in env and env["OLLAMA_FLASH_ATTENTION"] == "0"
    assert env["OLLAMA_MODELS"] == "/m" and env["OLLAMA_KEEP_ALIVE"] == "5m"
    assert env["OLLAMA_NOPRUNE"] == "0"
    assert valid_keep_alive("1h30m") and valid_keep_alive("-1") and not valid_keep_alive("x")


def test_cpuinfo_simd_flags() -> None:
    x86 = "processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu sse avx avx2 fma\n"
    model, flags = parse_cpuinfo(x86)
    assert model == "AMD EPYC 7B13"
    assert simd_summary(flags, "amd64") == {"AVX2": True, "AVX-512": False, "NEON": False}
    arm = "processor\t: 0\nFeatures\t: fp asimd evtstrm aes\n"
    assert simd_summary(parse_cpuinfo(arm)[1], "arm64")["NEON"] is True
    assert human_bytes(1536) == "1.5 KiB"
    assert human_bytes(253_113_024) == "241.4 MiB"
    assert human_bytes(None) == "—"
