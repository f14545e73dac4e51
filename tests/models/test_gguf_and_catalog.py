"""The GGUF header reader on good, bogus and truncated files; the shipped catalog."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.models.catalog import CatalogError, load_catalog, load_catalog_data
from desktop.core.models.gguf import GGUFError, GGUFProblem, read_gguf
from desktop.core.models.registry import RegistryFormatError, parse_config, parse_manifest
from tests.fake_ollama import load_fixture, make_gguf, tiny_llama_gguf

ROOT = Path(__file__).resolve().parents[2]


def tensor_gguf(n_elements: int, ttype: int = 0, data: int | None = None) -> bytes:
    """A GGUF with one tensor of ``n_elements`` (F32 by default) and ``data`` data bytes."""
    meta = {
        "general.architecture": "llama",
        "general.file_type": 0,
        "llama.block_count": 1,
        "llama.context_length": 2048,
    }
    out = bytearray(b"GGUF" + struct.pack("<IQQ", 3, 1, len(meta)))
    for k, v in meta.items():
        out += struct.pack("<Q", len(k)) + k.encode()
        out += (
            struct.pack("<IQ", 8, len(v)) + v.encode()
            if isinstance(v, str)
            else struct.pack("<IQ", 10, v)
        )
    name = b"token_embd.weight"
    out += struct.pack("<Q", len(name)) + name + struct.pack("<I", 1)
    out += struct.pack("<Q", n_elements) + struct.pack("<IQ", ttype, 0)
    out += bytes(-len(out) % 32)
    out += bytes(n_elements * 4 if data is None else data)
    return bytes(out)


def write(tmp_path: Path, data: bytes, name: str = "m.gguf") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_reads_metadata_of_a_valid_file(tmp_path):
    info = read_gguf(write(tmp_path, tiny_llama_gguf()))
    assert info.version == 3
    assert info.architecture == "llama"
    assert info.parameter_count == 1_100_048_384
    assert info.quantization == "Q4_K_M"
    assert info.context_length == 2048


def test_parameter_count_from_tensors_when_not_declared(tmp_path):
    info = read_gguf(write(tmp_path, tensor_gguf(1000)))
    assert info.parameter_count == 1000 and info.quantization == "F32"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", GGUFProblem.NOT_GGUF),
        (b"PK\x03\x04 this is a zip file", GGUFProblem.NOT_GGUF),
        (b"GGUF", GGUFProblem.TRUNCATED),
        (b"GGUF" + struct.pack("<I", 1) + bytes(16), GGUFProblem.VERSION),
        (b"GGUF" + struct.pack("<I", 7) + bytes(16), GGUFProblem.VERSION),
        (b"GGUF" + struct.pack(">I", 3) + bytes(16), GGUFProblem.VERSION),
        (
            b"GGUF"
            + struct.pack("<IQQ", 3, 0, 1)
            + struct.pack("<Q", 1)
            + b"k"
            + struct.pack("<I", 99),
            GGUFProblem.CORRUPT,
        ),
        (b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 2**40), GGUFProblem.CORRUPT),
    ],
)
def test_bogus_files_fail_clearly(tmp_path, data, problem):
    with pytest.raises(GGUFError) as e:
        read_gguf(write(tmp_path, data))
    assert e.value.problem is problem


def test_truncated_metadata_and_truncated_tensor_data(tmp_path):
    whole = tiny_llama_gguf()
    with pytest.raises(GGUFError) as e:
        read_gguf(write(tmp_path, whole[:60]))
    assert e.value.problem is GGUFProblem.TRUNCATED
    short = tensor_gguf(1000, data=3000)  # 4000 bytes declared, 3000 present
    with pytest.raises(GGUFError) as e:
        read_gguf(write(tmp_path, short, "short.gguf"))
    assert e.value.problem is GGUFProblem.TRUNCATED
    assert "the file has" in e.value.detail


def test_large_arrays_are_skipped_but_counted(tmp_path):
    data = make_gguf({"general.architecture": "llama"})
    # append a 10,000 item string array by hand-building a second file
    tokens = [f"t{i}" for i in range(10_000)]
    out = bytearray(b"GGUF" + struct.pack("<IQQ", 3, 0, 1))
    key = b"tokenizer.ggml.tokens"
    out += struct.pack("<Q", len(key)) + key + struct.pack("<IIQ", 9, 8, len(tokens))
    for t in tokens:
        out += struct.pack("<Q", len(t)) + t.encode()
    info = read_gguf(write(tmp_path, bytes(out)))
    assert info.metadata["tokenizer.ggml.tokens"] is None
    assert info.array_lengths["tokenizer.ggml.tokens"] == 10_000
    assert read_gguf(write(tmp_path, data, "b.gguf")).architecture == "llama"


def test_missing_file_is_an_io_problem(tmp_path):
    with pytest.raises(GGUFError) as e:
        read_gguf(tmp_path / "nope.gguf")
    assert e.value.problem is GGUFProblem.IO


def test_shipped_catalog_is_valid_and_large_enough():
    cat = load_catalog()
    assert len(cat.models) >= 40
    names = {m.name for m in cat.models}
    for needed in (
        "qwen2.5",
        "qwen3",
        "llama3.2",
        "gemma3",
        "phi4-mini",
        "deepseek-r1",
        "mistral",
        "granite3.3",
        "smollm2",
        "nomic-embed-text",
    ):
        assert needed in names
    assert cat.compiled and "refreshe" in cat.note
    for m in cat.models:
        for t in m.tags:
            assert t.size > 0 and t.context_length > 0
    g = cat.find("gemma3:270m")
    assert g is not None and g.size == 253_113_615  # the recorded registry figure


def test_make_catalog_check_passes():
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_catalog.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr


def test_catalog_schema_errors_name_the_entry():
    good = json.loads((ROOT / "resources" / "catalog" / "catalog.json").read_text())
    bad = json.loads(json.dumps(good))
    bad["models"][0]["tags"][0]["quantization"] = "Q9_Z"
    with pytest.raises(CatalogError, match="unknown quantization"):
        load_catalog_data(bad)
    bad = json.loads(json.dumps(good))
    bad["models"][0]["tags"][0]["tag"] = "bad tag!"
    with pytest.raises(CatalogError, match="bad tag!"):
        load_catalog_data(bad)
    with pytest.raises(CatalogError, match="format"):
        load_catalog_data({**good, "format": 99})


def test_recorded_registry_manifest_and_config():
    m = parse_manifest(json.dumps(load_fixture("registry_manifest.json")))
    # the manifest's sum is what /api/tags reported after the pull
    assert m.download_size == load_fixture("tags.json")["models"][0]["size"] == 253_113_615
    assert m.weights_size == 253_113_024
    c = parse_config(json.dumps(load_fixture("registry_config_blob.json")))
    assert (c.family, c.parameter_size, c.quantization) == ("gemma3", "268.10M", "Q4_K_M")
    with pytest.raises(RegistryFormatError):
        parse_manifest(b"<html>rate limited</html>")
    with pytest.raises(RegistryFormatError):
        parse_manifest({"schemaVersion": 2, "config": {}, "layers": []})
