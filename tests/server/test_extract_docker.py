"""Safe unpacking rules and the Docker compose/CLI text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.setup.docker import (
    ComposeOptions,
    DockerInfo,
    allotment_warning,
    compose_yaml,
    parse_info,
    parse_inspect,
)
from desktop.core.setup.extract import (
    UnsafeArchiveError,
    extract_archive,
    is_gpu_library,
    safe_relpath,
)
from desktop.core.setup.platforms import ArchiveKind
from tests.release_server import Entry, linux_tree, make_tar, make_zip
from tests.server.yamlish import parse


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("bad", ["../evil", "/etc/evil", "bin/../../evil", "C:/evil", ".."])
def test_escaping_names_are_refused(bad: str) -> None:
    with pytest.raises(UnsafeArchiveError):
        safe_relpath(bad)
    assert safe_relpath("./bin/ollama") == "bin/ollama"


@pytest.mark.parametrize(
    "entry",
    [
        Entry("../evil.txt", b"x"),
        Entry("lib/ollama/link", kind="symlink", link="../../../../etc/passwd"),
        Entry("lib/ollama/abs", kind="symlink", link="/etc/passwd"),
        Entry("lib/ollama/hard", kind="hardlink", link="/etc/passwd"),
        Entry("lib/ollama/pipe", kind="fifo"),
    ],
)
def test_tar_with_unsafe_entry_is_refused_and_nothing_escapes(tmp_path: Path, entry: Entry) -> None:
    archive = _write(tmp_path, "a.tar.zst", make_tar(linux_tree("1.0.0") + [entry]))
    root = tmp_path / "x" / "stage"
    with pytest.raises(UnsafeArchiveError):
        extract_archive(archive, ArchiveKind.TAR_ZST, root)
    assert not (tmp_path / "x" / "evil.txt").exists()
    assert not (tmp_path / "evil.txt").exists()


def test_zip_with_traversal_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    archive = _write(
        tmp_path,
        "a.zip",
        make_zip([Entry("ollama.exe", b"x", 0o755), Entry("../../evil.txt", b"x")]),
    )
    root = tmp_path / "stage"
    with pytest.raises(UnsafeArchiveError):
        extract_archive(archive, ArchiveKind.ZIP, root)
    assert list(root.iterdir()) == []


def test_cpu_only_leaves_out_gpu_runtimes_and_keeps_links(tmp_path: Path) -> None:
    archive = _write(tmp_path, "a.tgz", make_tar(linux_tree("1.0.0"), "gz"))
    res = extract_archive(archive, ArchiveKind.TGZ, tmp_path / "s", cpu_only=True)
    assert res.bytes_skipped == 900_000
    assert not (tmp_path / "s/lib/ollama/cuda_v12").exists()
    link = tmp_path / "s/lib/ollama/libggml-base.so.0"
    assert link.is_symlink() and link.resolve().is_file()
    assert (tmp_path / "s/bin/ollama").stat().st_mode & 0o111
    assert is_gpu_library("lib/ollama/rocm/x.so") and not is_gpu_library("lib/ollama/x.so")


def test_compose_file_is_pinned_loopback_and_cpu_tuned() -> None:
    doc = parse(compose_yaml(ComposeOptions(version="v0.33.0", port=11500, memory_gb=6, cpus=3)))
    svc = doc["services"]["ollama"]
    assert svc["image"] == "ollama/ollama:0.33.0"
    assert svc["ports"] == ["127.0.0.1:11500:11434"]
    assert svc["volumes"] == ["ollama:/root/.ollama"]
    assert svc["mem_limit"] == "6g" and svc["cpus"] == 3
    env = svc["environment"]
    assert env["OLLAMA_NUM_PARALLEL"] == "1" and env["OLLAMA_KV_CACHE_TYPE"] == "q8_0"
    assert env["OLLAMA_FLASH_ATTENTION"] == "1" and env["OLLAMA_CONTEXT_LENGTH"] == "4096"
    assert "ulimits" not in svc and "shm_size" not in svc  # no effect on current Ollama
    assert doc["volumes"] == {"ollama": {}}
    lan = parse(compose_yaml(ComposeOptions(version="0.33.0", expose_lan=True)))
    assert lan["services"]["ollama"]["ports"] == ["0.0.0.0:11434:11434"]
    assert svc["labels"] == {"io.github.ollama-desk.server": "ollama"}  # found by label
    assert env["OLLAMA_NO_CLOUD"] == "1"  # unless the user wants Ollama's cloud
    cloud = parse(compose_yaml(ComposeOptions(version="0.33.0", cloud=True)))
    assert "OLLAMA_NO_CLOUD" not in cloud["services"]["ollama"]["environment"]
    # no Ollama found anywhere: "latest" (or any tag the engine has) can still be pinned
    latest = parse(compose_yaml(ComposeOptions(version="latest")))
    assert latest["services"]["ollama"]["image"] == "ollama/ollama:latest"
    for bad in ("", "bad tag", "-x", "a" * 129, "0.1\nports: []"):
        with pytest.raises(ValueError):
            compose_yaml(ComposeOptions(version=bad))


def test_docker_inspect_and_info_parsing() -> None:
    inspect = [
        {
            "Name": "/ollama",
            "State": {"Running": True, "Status": "running"},
            "Config": {"Image": "ollama/ollama:0.12.3"},
            "NetworkSettings": {
                "Ports": {
                    "11434/tcp": [
                        {"HostIp": "0.0.0.0", "HostPort": "11434"},
                        {"HostIp": "::", "HostPort": "11434"},
                    ]
                }
            },
            "Mounts": [{"Name": "ollama", "Destination": "/root/.ollama"}],
        }
    ]
    (c,) = parse_inspect(json.dumps(inspect))
    assert c.running and c.tag == "0.12.3" and c.exposed_on_all_interfaces
    assert c.url == "http://127.0.0.1:11434" and c.volumes == ("ollama:/root/.ollama",)
    info = parse_info(json.dumps({"NCPU": 2, "MemTotal": 2 * 2**30, "ServerVersion": "28"}))
    assert allotment_warning(info, host_cpus=8, host_ram=16 * 2**30)
    assert not allotment_warning(DockerInfo(8, 16 * 2**30), 8, 16 * 2**30)
