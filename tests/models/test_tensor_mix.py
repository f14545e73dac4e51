"""What a token reads and multiplies, per ggml type: from a real server's tensor tables
(tests/fixtures/real-speed/show: Gemma 3 270M and synthetic 1B at Q4_K_M and Q8_0 on Ollama
0.33.0-rc2), and llama.cpp's quantization rule checked against them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.api_types import ModelShow
from desktop.core.models.catalog import load_catalog
from desktop.core.models.ggml_types import BY_NAME, TYPES, ggml_type, weight_cost
from desktop.core.models.model_load import estimated_load, shapes_from_model_info
from desktop.core.models.quant_rules import Shapes, predict_tensors
from desktop.core.models.tensor_mix import Tensor, TokenLoad, tensors_from_show, token_load

SHOWS = Path(__file__).resolve().parents[1] / "fixtures" / "real-speed" / "show"
REAL = {
    "gemma3_270m.json": "Q4_K_M",
    "gemma3_270m-q8.json": "Q8_0",
    "gemma3-synth_1b-q4.json": "Q4_K_M",
    "gemma3-synth_1b-q8.json": "Q8_0",
}


def show(name: str) -> ModelShow:
    return ModelShow.from_json(name, json.loads((SHOWS / name).read_text()))


@pytest.mark.parametrize(("name", "quant"), REAL.items())
def test_the_rule_predicts_every_tensor_type_of_a_real_file(name: str, quant: str):
    s = show(name)
    assert s.details.quantization_level == quant
    shapes = shapes_from_model_info(s.model_info, vocab=262144)
    assert shapes is not None
    real = {t.name: t for t in s.tensors}
    predicted = predict_tensors(shapes, quant)
    assert predicted is not None
    wrong = [(t.name, t.type, real[t.name].type) for t in predicted if real[t.name] != t]
    assert wrong == []
    # every matrix of the file is predicted (vectors are left out: F32, nothing to multiply)
    matrices = {n for n, t in real.items() if len(t.shape) >= 2}
    assert matrices == {t.name for t in predicted}


def test_a_q4_k_m_file_is_not_4_bit_throughout():
    """Gemma 3 270M "Q4_K_M": rows of 640 are no multiple of 256, so Q4_K falls back to Q5_0
    and Q6_K to Q8_0; the tied 262k x 640 embedding (the output matrix) is Q8_0."""
    load = token_load(show("gemma3_270m.json").tensors)
    assert load is not None and load.source == "tensors"
    assert load.share("Q8_0") > 0.6 and load.share("Q4_K") < 0.1
    assert {m.type for m in load.matrices} == {"Q8_0", "Q5_0", "Q4_K", "Q6_K"}
    assert load.layers == 18 and load.vocab == 262144
    # the tied embedding is read per token; the file is mostly that table
    assert 0.9 < load.weight_bytes / 253_113_024 < 1.0


def test_the_rule_on_k_quant_friendly_shapes_gives_q4_k_and_q6_k():
    """Gemma 3 4B (rows of 2,560): Q4_K for most, Q6_K for the output and the "more bits"
    layers of attn_v and ffn_down (llama.cpp: first and last eighth, every third between)."""
    tag = load_catalog().find("gemma3:4b")
    assert tag is not None and tag.shapes is not None
    table = predict_tensors(tag.shapes, "Q4_K_M")
    assert table is not None
    kinds = {t.name: t.type for t in table}
    assert kinds["token_embd.weight"] == "Q6_K"
    downs = [kinds[f"blk.{i}.ffn_down.weight"] for i in range(34)]
    assert downs.count("Q6_K") == 17 and downs[0] == "Q6_K" and downs[5] == "Q4_K"
    assert {t.type for t in table} == {"Q4_K", "Q6_K"}
    q8 = predict_tensors(tag.shapes, "Q8_0")
    assert q8 is not None and {t.type for t in q8} == {"Q8_0"}


def test_untied_models_look_up_their_embedding_and_multiply_the_output():
    shapes = Shapes(2, 64, 128, 4, 4, 16, 16, vocab=1000, tied=False)
    table = predict_tensors(shapes, "Q4_0")
    assert table is not None
    load = token_load(table)
    assert load is not None
    per_layer = 4 * 64 * 64 + 3 * 64 * 128
    assert load.elements == 2 * per_layer + 64 * 1000  # output, not the embedding table
    tied = token_load(predict_tensors(Shapes(2, 64, 128, 4, 4, 16, 16, 1000), "Q4_0") or [])
    assert tied is not None and tied.elements == load.elements


def test_mixture_of_experts_multiplies_only_the_chosen_experts():
    tag = load_catalog().find("qwen3:30b")
    assert tag is not None and tag.shapes is not None
    table = predict_tensors(tag.shapes, "Q4_K_M")
    assert table is not None
    every = sum(t.elements for t in table)
    load = token_load(table, tag.shapes.experts, tag.shapes.experts_used)
    assert load is not None
    assert every > 29e9 and 2.5e9 < load.elements < 4e9  # about 3.3 billion active


def test_encoders_and_unknown_types_and_junk():
    tensors = [
        Tensor("v.blk.0.attn_q.weight", "F16", (1152, 1152)),
        Tensor("mm.input_projection.weight", "F16", (1152, 2560)),
        Tensor("blk.0.attn_q.weight", "Q8_0", (64, 64)),
    ]
    load = token_load(tensors)
    assert load is not None and load.elements == 64 * 64
    assert token_load([Tensor("blk.0.attn_q.weight", "Q9_9", (64, 64))]) is None
    assert token_load([]) is None
    junk = [
        {"name": "a", "type": "Q8_0", "shape": [-1, 2]},
        {"name": "b", "type": 3, "shape": [2]},
        {"name": "c", "type": "Q8_0", "shape": [True]},
        {"name": "d", "type": "Q8_0", "shape": [1, 2, 3, 4, 5]},
        "x",
        {"name": "e", "type": "q8_0", "shape": [32, 2]},
    ]
    assert tensors_from_show(junk) == [Tensor("e", "Q8_0", (32, 2))]
    assert tensors_from_show({"not": "a list"}) == []


def test_a_token_load_survives_storage_and_refuses_junk():
    load = token_load(show("gemma3-synth_1b-q4.json").tensors)
    assert load is not None
    assert TokenLoad.from_json(json.loads(json.dumps(load.to_json()))) == load
    for bad in (
        None,
        {"matrices": []},
        {"matrices": [["Q8_0", 2**70, 0]], "weight_bytes": 1, "layers": 1, "vocab": 1},
        {"matrices": [["NOPE", 1, 0]], "weight_bytes": 1, "layers": 1, "vocab": 1},
        {"matrices": [["Q8_0", 1, 0]], "weight_bytes": 0, "layers": 1, "vocab": 1},
    ):
        assert TokenLoad.from_json(bad) is None


def test_type_table_matches_ggml_block_sizes_and_costs_are_priors_not_speeds():
    bpw = {t.name: t.bits_per_weight for t in TYPES}
    assert bpw["Q4_K"] == 4.5 and bpw["Q6_K"] == 6.5625 and bpw["Q8_0"] == 8.5
    assert bpw["Q4_0"] == 4.5 and bpw["Q5_0"] == 5.5 and bpw["F16"] == 16
    assert ggml_type(12) is BY_NAME["Q4_K"] and ggml_type("q6_k") is BY_NAME["Q6_K"]
    assert BY_NAME["Q8_0"].cost == 1.0  # the unit
    # repacked kernels need rows in groups of 8: an odd matrix pays the plain dot product
    assert weight_cost(BY_NAME["Q4_0"], 4096, "x86") < weight_cost(BY_NAME["Q4_0"], 4095, "x86")
    # measured on a real Ollama (4B, 2-core EPYC): Q5_0 multiplies at Q8_0's pace though it
    # reads 35 % fewer bytes; the repacked 4-bit types at less than half of it
    assert abs(BY_NAME["Q8_0"].cost - BY_NAME["Q5_0"].cost) < 0.1
    assert BY_NAME["Q8_0"].bits_per_weight > BY_NAME["Q5_0"].bits_per_weight
    assert BY_NAME["Q4_K"].cost < BY_NAME["Q6_K"].cost < BY_NAME["Q8_0"].cost / 1.3


def test_without_shapes_an_estimate_from_size_and_name():
    load = estimated_load(4_900_000_000, "Q4_K_M", parameters=8_000_000_000, layers=32)
    assert load.source == "estimate" and load.elements == 8_000_000_000
    assert {m.type for m in load.matrices} == {"Q4_K", "Q6_K"}
    only = estimated_load(1_000_000_000, "Q8_0")
    assert only.matrices[0].type == "Q8_0" and only.vocab > 0 and only.layers > 0
