"""Regenerate (or check) resources/catalog/catalog.json, the curated model library.

  python scripts/make_catalog.py           # write the JSON from the table below
  python scripts/make_catalog.py --check   # validate the shipped JSON against the schema
                                           # and the table (exit 1 on any problem)

Figures are the compiler's knowledge of the Ollama library on COMPILED: download sizes as
ollama.com lists them (decimal GB, rounded, so marked approximate), parameter counts,
default quantization, trained context, and the architecture numbers the KV-cache forecast
needs. The app refreshes a tag's exact size and quantization from the registry when it can.
Format: resources/catalog/README.md. Loader and schema: desktop/core/models/catalog.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.models.catalog import CatalogError, load_catalog_data  # noqa: E402

OUT = ROOT / "resources" / "catalog" / "catalog.json"
COMPILED = "2026-11-22"
NOTE = (
    "Figures are from the compiler's knowledge of the Ollama library on the compiled date "
    "(sizes rounded as ollama.com lists them); the app refreshes a tag's exact size and "
    "quantization from the registry when it is reachable."
)

# architecture: (block_count, head_count_kv, key_length, value_length[, window, windowed layers])
A: dict[str, tuple[int, ...]] = {
    "qwen2-0.5": (24, 2, 64, 64),
    "qwen2-1.5": (28, 2, 128, 128),
    "qwen2-3": (36, 2, 128, 128),
    "qwen2-7": (28, 4, 128, 128),
    "qwen2-14": (48, 8, 128, 128),
    "qwen3-0.6": (28, 8, 128, 128),
    "qwen3-1.7": (28, 8, 128, 128),
    "qwen3-4": (36, 8, 128, 128),
    "qwen3-8": (36, 8, 128, 128),
    "qwen3-14": (40, 8, 128, 128),
    "qwen3-30a3": (48, 4, 128, 128),
    "llama-1": (16, 8, 64, 64),
    "llama-3": (28, 8, 128, 128),
    "llama-8": (32, 8, 128, 128),
    "gemma3-270m": (18, 1, 256, 256, 512, 15),
    "gemma3-1": (26, 1, 256, 256, 512, 22),
    "gemma3-4": (34, 4, 256, 256, 1024, 29),
    "gemma3-12": (48, 8, 256, 256, 1024, 40),
    "gemma3-27": (62, 16, 128, 128, 1024, 52),
    "gemma2-2": (26, 4, 256, 256, 4096, 13),
    "gemma2-9": (42, 8, 256, 256, 4096, 21),
    "phi3-mini": (32, 32, 96, 96),
    "phi4-mini": (32, 8, 128, 128),
    "phi4": (40, 10, 128, 128),
    "mistral-7": (32, 8, 128, 128),
    "nemo-12": (40, 8, 128, 128),
    "msmall-24": (40, 8, 128, 128),
    "granite-2": (40, 8, 64, 64),
    "granite-8": (40, 8, 128, 128),
    "smollm2-135m": (30, 3, 64, 64),
    "smollm2-360m": (32, 5, 64, 64),
    "smollm2-1.7": (24, 32, 64, 64),
    "tinyllama": (22, 4, 64, 64),
    "codellama-7": (32, 32, 128, 128),
    "starcoder2-3": (30, 2, 128, 128),
    "dscoder-1.3": (24, 16, 128, 128),
    "olmo2-7": (32, 32, 128, 128),
    "gptoss-20": (24, 8, 64, 64, 128, 12),
    "nomic": (12, 12, 64, 64),
    "bert-large": (24, 16, 64, 64),
    "minilm": (6, 12, 32, 32),
    "bert-base": (12, 12, 64, 64),
}

C, T, TH, V, E, INS = "completion", "tools", "thinking", "vision", "embedding", "insert"

# name, family, description, capabilities, tags:
#   (tag, size GB, parameter size, parameter count, quantization, context, arch key | None
#    [, active parameter count for mixture-of-experts])
M: list[tuple[str, str, str, tuple[str, ...], list[tuple[Any, ...]]]] = [
    (
        "qwen3",
        "qwen3",
        "Alibaba's Qwen 3: strong small models that can think before answering.",
        (C, T, TH),
        [
            ("0.6b", 0.523, "751.63M", 751_632_384, "Q4_K_M", 40960, "qwen3-0.6"),
            ("1.7b", 1.4, "2.0B", 2_031_739_904, "Q4_K_M", 40960, "qwen3-1.7"),
            ("4b", 2.5, "4.0B", 4_022_468_096, "Q4_K_M", 262144, "qwen3-4"),
            ("8b", 5.2, "8.2B", 8_190_735_360, "Q4_K_M", 40960, "qwen3-8"),
            ("14b", 9.3, "14.8B", 14_768_307_200, "Q4_K_M", 40960, "qwen3-14"),
            ("30b", 19.0, "30.5B", 30_532_122_624, "Q4_K_M", 262144, "qwen3-30a3", 3_300_000_000),
        ],
    ),
    (
        "qwen2.5",
        "qwen2",
        "Qwen 2.5: multilingual general models with good tool use.",
        (C, T),
        [
            ("0.5b", 0.398, "494.03M", 494_032_768, "Q4_K_M", 32768, "qwen2-0.5"),
            ("1.5b", 0.986, "1.5B", 1_543_714_304, "Q4_K_M", 32768, "qwen2-1.5"),
            ("3b", 1.9, "3.1B", 3_085_938_688, "Q4_K_M", 32768, "qwen2-3"),
            ("7b", 4.7, "7.6B", 7_615_616_512, "Q4_K_M", 32768, "qwen2-7"),
            ("14b", 9.0, "14.8B", 14_770_033_664, "Q4_K_M", 32768, "qwen2-14"),
        ],
    ),
    (
        "qwen2.5-coder",
        "qwen2",
        "Qwen 2.5 trained for code: completion, repair, explanation.",
        (C, T, INS),
        [
            ("0.5b", 0.398, "494.03M", 494_032_768, "Q4_K_M", 32768, "qwen2-0.5"),
            ("1.5b", 0.986, "1.5B", 1_543_714_304, "Q4_K_M", 32768, "qwen2-1.5"),
            ("3b", 1.9, "3.1B", 3_085_938_688, "Q4_K_M", 32768, "qwen2-3"),
            ("7b", 4.7, "7.6B", 7_615_616_512, "Q4_K_M", 32768, "qwen2-7"),
        ],
    ),
    (
        "qwen3-coder",
        "qwen3moe",
        "Qwen 3 Coder: a mixture-of-experts model for agentic coding.",
        (C, T),
        [("30b", 19.0, "30.5B", 30_532_122_624, "Q4_K_M", 262144, "qwen3-30a3", 3_300_000_000)],
    ),
    (
        "qwen2.5vl",
        "qwen25vl",
        "Qwen 2.5 VL: reads images, documents and charts.",
        (C, V),
        [
            ("3b", 3.2, "3.8B", 3_754_622_976, "Q4_K_M", 128000, "qwen2-3"),
            ("7b", 6.0, "8.3B", 8_292_166_656, "Q4_K_M", 128000, "qwen2-7"),
        ],
    ),
    (
        "llama3.2",
        "llama",
        "Meta's Llama 3.2: small multilingual models for dialogue.",
        (C, T),
        [
            ("1b", 1.3, "1.2B", 1_235_814_432, "Q8_0", 131072, "llama-1"),
            ("3b", 2.0, "3.2B", 3_212_749_888, "Q4_K_M", 131072, "llama-3"),
        ],
    ),
    (
        "llama3.1",
        "llama",
        "Meta's Llama 3.1 8B: a capable all-rounder with long context.",
        (C, T),
        [("8b", 4.9, "8.0B", 8_030_261_248, "Q4_K_M", 131072, "llama-8")],
    ),
    (
        "llama3",
        "llama",
        "Meta's Llama 3 8B (8K context); superseded by 3.1.",
        (C,),
        [("8b", 4.7, "8.0B", 8_030_261_248, "Q4_0", 8192, "llama-8")],
    ),
    (
        "gemma3",
        "gemma3",
        "Google's Gemma 3: efficient models; 4B and up also read images.",
        (C, V),
        [
            ("270m", 0.253113615, "268.10M", 268_098_176, "Q4_K_M", 32768, "gemma3-270m"),
            ("1b", 0.815, "999.89M", 999_885_952, "Q4_K_M", 32768, "gemma3-1"),
            ("4b", 3.3, "4.3B", 4_300_079_472, "Q4_K_M", 131072, "gemma3-4"),
            ("12b", 8.1, "12.2B", 12_187_325_040, "Q4_K_M", 131072, "gemma3-12"),
            ("27b", 17.0, "27.4B", 27_432_406_640, "Q4_K_M", 131072, "gemma3-27"),
        ],
    ),
    (
        "gemma3n",
        "gemma3n",
        "Gemma 3n: built for phones and laptops, with per-layer embeddings.",
        (C,),
        [
            ("e2b", 5.6, "4.5B", 4_460_000_000, "Q4_K_M", 32768, None, 2_000_000_000),
            ("e4b", 7.5, "6.9B", 6_870_000_000, "Q4_K_M", 32768, None, 4_000_000_000),
        ],
    ),
    (
        "gemma2",
        "gemma2",
        "Google's Gemma 2: good writing quality for its size.",
        (C,),
        [
            ("2b", 1.6, "2.6B", 2_614_341_888, "Q4_0", 8192, "gemma2-2"),
            ("9b", 5.4, "9.2B", 9_241_705_984, "Q4_0", 8192, "gemma2-9"),
        ],
    ),
    (
        "phi3",
        "phi3",
        "Microsoft's Phi-3 Mini: a small model good at reasoning.",
        (C,),
        [("3.8b", 2.2, "3.8B", 3_821_079_552, "Q4_0", 131072, "phi3-mini")],
    ),
    (
        "phi3.5",
        "phi3",
        "Phi-3.5 Mini: Phi-3 with better multilingual support.",
        (C,),
        [("3.8b", 2.2, "3.8B", 3_821_079_552, "Q4_0", 131072, "phi3-mini")],
    ),
    (
        "phi4-mini",
        "phi3",
        "Phi-4 Mini: small, with function calling and long context.",
        (C, T),
        [("3.8b", 2.5, "3.8B", 3_836_021_760, "Q4_K_M", 131072, "phi4-mini")],
    ),
    (
        "phi4",
        "phi3",
        "Microsoft's Phi-4 14B: strong reasoning and maths.",
        (C,),
        [("14b", 9.1, "14.7B", 14_659_507_200, "Q4_K_M", 16384, "phi4")],
    ),
    (
        "deepseek-r1",
        "qwen2",
        "DeepSeek-R1 distilled into small models: step-by-step reasoning.",
        (C, TH),
        [
            ("1.5b", 1.1, "1.8B", 1_777_088_000, "Q4_K_M", 131072, "qwen2-1.5"),
            ("7b", 4.7, "7.6B", 7_615_616_512, "Q4_K_M", 131072, "qwen2-7"),
            ("8b", 5.2, "8.2B", 8_190_735_360, "Q4_K_M", 131072, "qwen3-8"),
            ("14b", 9.0, "14.8B", 14_770_033_664, "Q4_K_M", 131072, "qwen2-14"),
        ],
    ),
    (
        "mistral",
        "llama",
        "Mistral 7B v0.3: a fast, capable general model.",
        (C, T),
        [("7b", 4.4, "7.2B", 7_248_023_552, "Q4_K_M", 32768, "mistral-7")],
    ),
    (
        "mistral-nemo",
        "llama",
        "Mistral NeMo 12B (with NVIDIA): long context, multilingual.",
        (C, T),
        [("12b", 7.1, "12.2B", 12_247_782_400, "Q4_0", 1024000, "nemo-12")],
    ),
    (
        "mistral-small",
        "llama",
        "Mistral Small 24B: near large-model quality, needs 16 GB+.",
        (C, T),
        [("24b", 14.0, "23.6B", 23_572_403_200, "Q4_K_M", 32768, "msmall-24")],
    ),
    (
        "granite3.3",
        "granite",
        "IBM Granite 3.3: business-friendly models with tool use.",
        (C, T, TH),
        [
            ("2b", 1.5, "2.5B", 2_533_539_840, "Q4_K_M", 131072, "granite-2"),
            ("8b", 4.9, "8.2B", 8_170_864_640, "Q4_K_M", 131072, "granite-8"),
        ],
    ),
    (
        "granite4",
        "granite",
        "IBM Granite 4 Micro: a 3B model tuned for tool calling.",
        (C, T),
        [("micro", 2.1, "3.4B", 3_400_000_000, "Q4_K_M", 131072, None)],
    ),
    (
        "smollm2",
        "llama",
        "Hugging Face SmolLM2: tiny models that run anywhere.",
        (C, T),
        [
            ("135m", 0.271, "134.52M", 134_515_008, "F16", 8192, "smollm2-135m"),
            ("360m", 0.726, "361.82M", 361_821_120, "F16", 8192, "smollm2-360m"),
            ("1.7b", 1.8, "1.7B", 1_711_376_384, "Q8_0", 8192, "smollm2-1.7"),
        ],
    ),
    (
        "tinyllama",
        "llama",
        "TinyLlama 1.1B: a very small Llama for quick experiments.",
        (C,),
        [("1.1b", 0.638, "1B", 1_100_048_384, "Q4_0", 2048, "tinyllama")],
    ),
    (
        "codellama",
        "llama",
        "Meta's Code Llama: code generation and discussion.",
        (C, INS),
        [("7b", 3.8, "7B", 6_738_546_688, "Q4_0", 16384, "codellama-7")],
    ),
    (
        "starcoder2",
        "starcoder2",
        "StarCoder2: open code completion models.",
        (C, INS),
        [("3b", 1.7, "3B", 3_030_371_328, "Q4_0", 16384, "starcoder2-3")],
    ),
    (
        "deepseek-coder",
        "llama",
        "DeepSeek Coder 1.3B: small code completion model.",
        (C, INS),
        [("1.3b", 0.776, "1B", 1_346_471_936, "Q4_0", 16384, "dscoder-1.3")],
    ),
    (
        "olmo2",
        "olmo2",
        "AI2's OLMo 2: fully open data and training.",
        (C,),
        [("7b", 4.5, "7.3B", 7_299_309_568, "Q4_K_M", 4096, "olmo2-7")],
    ),
    (
        "hermes3",
        "llama",
        "Nous Hermes 3 (Llama 3.2 3B): role-play and tool use.",
        (C, T),
        [("3b", 2.0, "3.2B", 3_212_749_888, "Q4_K_M", 131072, "llama-3")],
    ),
    (
        "cogito",
        "llama",
        "Deep Cogito: hybrid reasoning models built on Llama and Qwen.",
        (C, T),
        [("3b", 2.2, "3.6B", 3_606_752_256, "Q4_K_M", 131072, "llama-3")],
    ),
    (
        "dolphin3",
        "llama",
        "Dolphin 3.0 (Llama 3.1 8B): a general, steerable assistant.",
        (C,),
        [("8b", 4.9, "8.0B", 8_030_261_248, "Q4_K_M", 131072, "llama-8")],
    ),
    (
        "exaone3.5",
        "exaone",
        "LG EXAONE 3.5: bilingual English and Korean models.",
        (C,),
        [("2.4b", 1.6, "2.7B", 2_672_000_000, "Q4_K_M", 32768, None)],
    ),
    (
        "gpt-oss",
        "gptoss",
        "OpenAI's open-weight gpt-oss 20B: reasoning, needs 16 GB.",
        (C, T, TH),
        [("20b", 14.0, "20.9B", 20_914_757_184, "MXFP4_MOE", 131072, "gptoss-20", 3_610_000_000)],
    ),
    (
        "llava",
        "llama",
        "LLaVA 1.6: describes and answers questions about images.",
        (C, V),
        [("7b", 4.7, "7B", 7_241_732_096, "Q4_0", 32768, "mistral-7")],
    ),
    (
        "moondream",
        "phi2",
        "moondream 2: a tiny vision model for edge devices.",
        (C, V),
        [("1.8b", 1.7, "1.4B", 1_420_000_000, "Q4_0", 2048, None)],
    ),
    (
        "nomic-embed-text",
        "nomic-bert",
        "Text embeddings with a large context (8K).",
        (E,),
        [("v1.5", 0.274, "137M", 136_727_040, "F16", 2048, "nomic")],
    ),
    (
        "mxbai-embed-large",
        "bert",
        "mixedbread.ai large embedding model (English).",
        (E,),
        [("335m", 0.670, "334M", 334_090_240, "F16", 512, "bert-large")],
    ),
    (
        "all-minilm",
        "bert",
        "all-MiniLM sentence embeddings: tiny and fast.",
        (E,),
        [
            ("22m", 0.046, "23M", 22_565_376, "F16", 512, "minilm"),
            ("33m", 0.067, "33M", 33_212_160, "F16", 512, "minilm"),
        ],
    ),
    (
        "snowflake-arctic-embed",
        "bert",
        "Snowflake Arctic Embed: retrieval embeddings.",
        (E,),
        [
            ("33m", 0.067, "33M", 33_212_160, "F16", 512, "minilm"),
            ("110m", 0.219, "109M", 108_891_648, "F16", 512, "bert-base"),
            ("335m", 0.669, "334M", 334_090_240, "F16", 512, "bert-large"),
        ],
    ),
    (
        "bge-m3",
        "bert",
        "BGE-M3: multilingual, multi-granularity embeddings.",
        (E,),
        [("567m", 1.2, "566.70M", 566_703_104, "F16", 8192, "bert-large")],
    ),
    (
        "embeddinggemma",
        "gemma-embedding",
        "Google EmbeddingGemma 300M: multilingual embeddings.",
        (E,),
        [("300m", 0.622, "307.58M", 307_581_696, "BF16", 2048, None)],
    ),
    (
        "qwen3-embedding",
        "qwen3",
        "Qwen3 Embedding: multilingual text embeddings.",
        (E,),
        [("0.6b", 0.639, "595.78M", 595_776_512, "Q8_0", 32768, "qwen3-0.6")],
    ),
    (
        "granite-embedding",
        "bert",
        "IBM Granite Embedding: small retrieval embeddings.",
        (E,),
        [
            ("30m", 0.063, "30M", 30_300_000, "F16", 512, "minilm"),
            ("278m", 0.563, "278M", 278_000_000, "F16", 512, "bert-base"),
        ],
    ),
]


# tags that do less than their model: Gemma 3's 270M and 1B read no images (4B and up do)
TAG_CAPABILITIES: dict[str, tuple[str, ...]] = {"gemma3:270m": (C,), "gemma3:1b": (C,)}


def build() -> dict[str, Any]:
    models = []
    for name, family, description, caps, tags in M:
        out_tags = []
        for t in tags:
            tag, gb, psize, pcount, quant, ctx, arch_key = t[:7]
            entry: dict[str, Any] = {
                "tag": tag,
                "size": int(round(gb * 1e9)),
                "parameter_size": psize,
                "parameter_count": pcount,
                "quantization": quant,
                "context_length": ctx,
            }
            if len(t) > 7:
                entry["active_parameter_count"] = t[7]
            if f"{name}:{tag}" in TAG_CAPABILITIES:
                entry["capabilities"] = list(TAG_CAPABILITIES[f"{name}:{tag}"])
            if arch_key is not None:
                a = A[arch_key]
                arch: dict[str, Any] = {
                    "block_count": a[0],
                    "head_count_kv": a[1],
                    "key_length": a[2],
                    "value_length": a[3],
                }
                if len(a) > 4:
                    arch["sliding_window"] = a[4]
                    arch["sliding_window_layers"] = a[5]
                entry["arch"] = arch
            out_tags.append(entry)
        models.append(
            {
                "name": name,
                "family": family,
                "description": description,
                "capabilities": list(caps),
                "tags": out_tags,
            }
        )
    return {"format": 1, "compiled": COMPILED, "note": NOTE, "models": models}


STRINGS = ROOT / "desktop" / "ui" / "models" / "catalog_strings.py"


def strings_module(data: dict[str, Any]) -> str:
    """desktop/ui/models/catalog_strings.py: every description marked for translation (so
    lupdate collects them into the models area and test_i18n wants them translated)."""
    lines = [
        '"""Generated by scripts/make_catalog.py from its table: the catalog\'s descriptions,',
        'marked for translation (context "Catalog"). Do not edit by hand."""',
        "",
        "from __future__ import annotations",
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "DESCRIPTIONS: tuple[object, ...] = (",
    ]
    for m in data["models"]:
        text = json.dumps(m["description"], ensure_ascii=False)
        lines += ["    QT_TRANSLATE_NOOP(", '        "Catalog",', f"        {text},", "    ),"]
    lines.append(")")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="validate the shipped catalog")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    data = build()
    try:
        load_catalog_data(data)
    except CatalogError as e:
        print(f"table invalid: {e}", file=sys.stderr)
        return 1
    if args.check:
        try:
            shipped = json.loads(args.out.read_text(encoding="utf-8"))
            load_catalog_data(shipped)
        except (OSError, ValueError, CatalogError) as e:
            print(f"{args.out}: {e}", file=sys.stderr)
            return 1
        if not STRINGS.exists() or STRINGS.read_text(encoding="utf-8") != strings_module(data):
            print(f"{STRINGS} differs from the table: run scripts/make_catalog.py", file=sys.stderr)
            return 1
        if shipped != data:
            print(
                f"{args.out} differs from the table: run scripts/make_catalog.py", file=sys.stderr
            )
            return 1
        n = sum(len(m["tags"]) for m in data["models"])
        print(f"catalog ok: {len(data['models'])} models, {n} tags")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    STRINGS.write_text(strings_module(data), encoding="utf-8")
    print(f"wrote {args.out} and {STRINGS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
