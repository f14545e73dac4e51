"""Contract: importing a GGUF that has no ``tokenizer.chat_template``. Without a template the
server stores nothing (/api/show: ``{{ .Prompt }}``); with the template the app picks for
the file's architecture (the import dialog's default), it stores that template and its stop
words. Against the fake always; against a real server with OLLAMA_TEST_HOST and
OLLAMA_TEST_GGUF (a real GGUF without a chat template, e.g. Gemma 3 270M's; a real server
refuses files without tensors). The models it creates are deleted afterwards.

    OLLAMA_TEST_HOST=127.0.0.1:11555 \\
    OLLAMA_TEST_GGUF=/work/ollama-real/gguf/gemma-3-270m-q4_k_m.gguf \\
        scripts/test.sh tests/contract/test_contract_import.py
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from desktop.core.errors import OllamaError
from desktop.core.models.chat_templates import guess_template, load_template
from desktop.core.models.gguf import read_gguf
from desktop.services.api_client import OllamaApi
from desktop.services.cancel import CancelToken
from desktop.services.models.gguf_import import import_gguf
from tests.contract.test_contract import Server, api, server  # noqa: F401 - fixtures
from tests.fake_ollama import make_gguf

BARE, PICKED = "ollama-desk-contract-bare:test", "ollama-desk-contract-picked:test"


@pytest.fixture
def gguf(server: Server, tmp_path: Path) -> Path:  # noqa: F811
    if server.kind == "real":
        path = os.environ.get("OLLAMA_TEST_GGUF")
        if not path:
            pytest.skip("OLLAMA_TEST_GGUF not set: no real GGUF to import")
        return Path(path)
    out = tmp_path / "tiny-gemma3.gguf"
    out.write_bytes(make_gguf({"general.architecture": "gemma3", "gemma3.context_length": 2048}))
    return out


def test_a_file_without_a_template_needs_the_one_the_app_picks(
    api: OllamaApi,  # noqa: F811
    gguf: Path,
) -> None:
    info = read_gguf(gguf)
    pick = guess_template(info.metadata, info.array_lengths)
    assert not pick.file_has_template and pick.name == "gemma3-instruct"
    template = load_template(pick.name)
    try:
        import_gguf(api, gguf, BARE, CancelToken(), lambda _m: None)
        bare = api.show(BARE)
        assert bare.template == "{{ .Prompt }}"  # nothing: chats would go out unformatted
        assert "stop" not in bare.parameters
        import_gguf(api, gguf, PICKED, CancelToken(), lambda _m: None, template)
        picked = api.show(PICKED)
        assert picked.template == template.text
        assert 'stop                           "<end_of_turn>"' in picked.parameters
    finally:
        for name in (BARE, PICKED):
            with contextlib.suppress(OllamaError):
                api.delete(name)
