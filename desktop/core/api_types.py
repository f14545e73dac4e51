"""Typed views of Ollama API answers. Parsers are lenient on missing keys (the server omits
zero values), strict on nothing else: unknown keys are ignored. They never raise: whatever
JSON a server sends, a value of the wrong type counts as absent (tests/fuzz/ try that)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

NS_PER_S = 1_000_000_000
_INT64_MAX = 2**63 - 1


def _count(v: Any) -> int | None:
    """A non-negative whole number as Ollama sends counts, sizes and nanoseconds; None for
    anything else (a string, an object, NaN, a negative or absurd value)."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    if isinstance(v, float) and not (math.isfinite(v) and v.is_integer()):
        return None
    n = int(v)
    return n if 0 <= n <= _INT64_MAX else None


def _int(v: Any) -> int:
    return _count(v) or 0


def _text(v: Any) -> str:
    return v if isinstance(v, str) else ""


def _texts(v: Any) -> tuple[str, ...]:
    return tuple(x for x in v if isinstance(x, str)) if isinstance(v, list) else ()


def _object(v: Any) -> dict[str, Any]:
    return dict(v) if isinstance(v, dict) else {}


def parse_time(value: Any) -> datetime | None:
    """Parse Go RFC3339 with nanoseconds ("2026-11-22T03:48:34.319267455Z")."""
    if not isinstance(value, str) or not value:
        return None
    s = value.replace("Z", "+00:00")
    main, dot, rest = s.partition(".")
    if dot:
        digits = ""
        i = 0
        while i < len(rest) and rest[i].isdigit():
            digits += rest[i]
            i += 1
        s = f"{main}.{(digits + '000000')[:6]}{rest[i:]}"
    try:
        return datetime.fromisoformat(s)
    except ValueError:
        return None


@dataclass(frozen=True)
class ModelDetails:
    format: str = ""
    family: str = ""
    families: tuple[str, ...] = ()
    parameter_size: str = ""
    quantization_level: str = ""
    parent_model: str = ""
    context_length: int | None = None
    embedding_length: int | None = None

    @classmethod
    def from_json(cls, d: Any) -> ModelDetails:
        if not isinstance(d, dict):
            return cls()
        return cls(
            format=_text(d.get("format")),
            family=_text(d.get("family")),
            families=_texts(d.get("families")),
            parameter_size=_text(d.get("parameter_size")),
            quantization_level=_text(d.get("quantization_level")),
            parent_model=_text(d.get("parent_model")),
            context_length=_count(d.get("context_length")),
            embedding_length=_count(d.get("embedding_length")),
        )


@dataclass(frozen=True)
class LocalModel:
    """One entry of /api/tags."""

    name: str
    size: int
    digest: str
    modified_at: datetime | None
    details: ModelDetails
    capabilities: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> LocalModel:
        return cls(
            name=_text(d.get("name")) or _text(d.get("model")),
            size=_int(d.get("size")),
            digest=_text(d.get("digest")),
            modified_at=parse_time(d.get("modified_at")),
            details=ModelDetails.from_json(d.get("details")),
            capabilities=_texts(d.get("capabilities")),
        )


@dataclass(frozen=True)
class RunningModel:
    """One entry of /api/ps."""

    name: str
    size: int
    size_vram: int
    digest: str
    expires_at: datetime | None
    context_length: int | None
    details: ModelDetails

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RunningModel:
        return cls(
            name=_text(d.get("name")) or _text(d.get("model")),
            size=_int(d.get("size")),
            size_vram=_int(d.get("size_vram")),
            digest=_text(d.get("digest")),
            expires_at=parse_time(d.get("expires_at")),
            context_length=_count(d.get("context_length")),
            details=ModelDetails.from_json(d.get("details")),
        )


@dataclass(frozen=True)
class ModelShow:
    """/api/show: what a details pane and a memory forecast need."""

    name: str
    details: ModelDetails
    model_info: dict[str, Any]
    capabilities: tuple[str, ...]
    parameters: str = ""
    template: str = ""
    system: str = ""
    license: str = ""
    modelfile: str = ""
    modified_at: datetime | None = None

    @classmethod
    def from_json(cls, name: str, d: dict[str, Any]) -> ModelShow:
        return cls(
            name=name,
            details=ModelDetails.from_json(d.get("details")),
            model_info=_object(d.get("model_info")),
            capabilities=_texts(d.get("capabilities")),
            parameters=_text(d.get("parameters")),
            template=_text(d.get("template")),
            system=_text(d.get("system")),
            license=_text(d.get("license")),
            modelfile=_text(d.get("modelfile")),
            modified_at=parse_time(d.get("modified_at")),
        )

    @property
    def architecture(self) -> str:
        return str(self.model_info.get("general.architecture") or "")

    def arch_value(self, key: str) -> Any:
        """``model_info["<arch>.<key>"]``, e.g. arch_value("block_count")."""
        return self.model_info.get(f"{self.architecture}.{key}")


METRICS = (
    "total_duration",
    "load_duration",
    "prompt_eval_count",
    "prompt_eval_duration",
    "eval_count",
    "eval_duration",
)


@dataclass(frozen=True)
class GenerationStats:
    """The final chunk's metrics. Durations are nanoseconds; absent fields were zero.
    ``unavailable`` names the metrics that are not known and read 0: sent with a wrong type
    or value (e.g. ``"eval_count": {}``; the answer itself stays complete), or never sent
    (an answer that ended early: core/chat/metrics.counted_stats)."""

    total_duration: int = 0
    load_duration: int = 0
    prompt_eval_count: int = 0
    prompt_eval_duration: int = 0
    eval_count: int = 0
    eval_duration: int = 0
    done_reason: str = ""
    unavailable: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> GenerationStats:
        values: dict[str, int] = {}
        unavailable: list[str] = []
        for key in METRICS:
            raw = d.get(key)
            n = _count(raw)
            if n is None and raw is not None:
                unavailable.append(key)
            values[key] = n or 0
        return cls(
            **values,
            done_reason=_text(d.get("done_reason")),
            unavailable=_texts(d.get("unavailable")) or tuple(unavailable),
        )

    @property
    def tokens_per_second(self) -> float | None:
        if self.eval_count <= 0 or self.eval_duration <= 0:
            return None
        return self.eval_count / self.eval_duration * NS_PER_S

    @property
    def prompt_tokens_per_second(self) -> float | None:
        if self.prompt_eval_count <= 0 or self.prompt_eval_duration <= 0:
            return None
        return self.prompt_eval_count / self.prompt_eval_duration * NS_PER_S

    def to_json(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class ChatChunk:
    """One streamed piece of an assistant message. ``whole``: the server answered with one
    JSON object instead of a stream, so this piece is the whole answer, not one token."""

    content: str = ""
    thinking: str = ""
    done: bool = False
    stats: GenerationStats | None = None
    tool_calls: tuple[Any, ...] = ()
    whole: bool = False

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ChatChunk:
        msg = d.get("message")
        if isinstance(msg, dict):
            content, thinking = _text(msg.get("content")), _text(msg.get("thinking"))
            calls = msg.get("tool_calls")
            tool_calls = tuple(calls) if isinstance(calls, list) else ()
        else:  # /api/generate shape
            content, thinking, tool_calls = _text(d.get("response")), _text(d.get("thinking")), ()
        done = d.get("done") is True
        return cls(
            content=content,
            thinking=thinking,
            done=done,
            stats=GenerationStats.from_json(d) if done else None,
            tool_calls=tool_calls,
        )


@dataclass
class ChatResult:
    """The whole answer as assembled from the stream."""

    content: str = ""
    thinking: str = ""
    stats: GenerationStats = field(default_factory=GenerationStats)
    chunks: int = 0


@dataclass(frozen=True)
class ProgressEvent:
    """One line of a pull or create stream."""

    status: str
    digest: str = ""
    total: int = 0
    completed: int = 0

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ProgressEvent:
        return cls(
            status=_text(d.get("status")),
            digest=_text(d.get("digest")),
            total=_int(d.get("total")),
            completed=_int(d.get("completed")),
        )
