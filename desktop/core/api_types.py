"""Typed views of Ollama API answers. Parsers are lenient on missing keys (the server omits
zero values), strict on nothing else: unknown keys are ignored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

NS_PER_S = 1_000_000_000


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
            format=str(d.get("format") or ""),
            family=str(d.get("family") or ""),
            families=tuple(d.get("families") or ()),
            parameter_size=str(d.get("parameter_size") or ""),
            quantization_level=str(d.get("quantization_level") or ""),
            parent_model=str(d.get("parent_model") or ""),
            context_length=_opt_int(d.get("context_length")),
            embedding_length=_opt_int(d.get("embedding_length")),
        )


def _opt_int(v: Any) -> int | None:
    return int(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


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
            name=str(d.get("name") or d.get("model") or ""),
            size=int(d.get("size") or 0),
            digest=str(d.get("digest") or ""),
            modified_at=parse_time(d.get("modified_at")),
            details=ModelDetails.from_json(d.get("details")),
            capabilities=tuple(d.get("capabilities") or ()),
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
            name=str(d.get("name") or d.get("model") or ""),
            size=int(d.get("size") or 0),
            size_vram=int(d.get("size_vram") or 0),
            digest=str(d.get("digest") or ""),
            expires_at=parse_time(d.get("expires_at")),
            context_length=_opt_int(d.get("context_length")),
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
            model_info=dict(d.get("model_info") or {}),
            capabilities=tuple(d.get("capabilities") or ()),
            parameters=str(d.get("parameters") or ""),
            template=str(d.get("template") or ""),
            system=str(d.get("system") or ""),
            license=str(d.get("license") or ""),
            modelfile=str(d.get("modelfile") or ""),
            modified_at=parse_time(d.get("modified_at")),
        )

    @property
    def architecture(self) -> str:
        return str(self.model_info.get("general.architecture") or "")

    def arch_value(self, key: str) -> Any:
        """``model_info["<arch>.<key>"]``, e.g. arch_value("block_count")."""
        return self.model_info.get(f"{self.architecture}.{key}")


@dataclass(frozen=True)
class GenerationStats:
    """The final chunk's metrics. Durations are nanoseconds; absent fields were zero."""

    total_duration: int = 0
    load_duration: int = 0
    prompt_eval_count: int = 0
    prompt_eval_duration: int = 0
    eval_count: int = 0
    eval_duration: int = 0
    done_reason: str = ""

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> GenerationStats:
        return cls(
            total_duration=_metric(d.get("total_duration")),
            load_duration=_metric(d.get("load_duration")),
            prompt_eval_count=_metric(d.get("prompt_eval_count")),
            prompt_eval_duration=_metric(d.get("prompt_eval_duration")),
            eval_count=_metric(d.get("eval_count")),
            eval_duration=_metric(d.get("eval_duration")),
            done_reason=str(d.get("done_reason") or ""),
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
        return {k: v for k, v in self.__dict__.items() if v}


def _metric(v: Any) -> int:
    """A count or duration; anything that is not a finite non-negative number is 0, which
    every reader takes as "not available" (a wrong type must not fail a whole answer)."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return 0
    try:
        return max(0, int(v))
    except (OverflowError, ValueError):  # inf, nan
        return 0


@dataclass(frozen=True)
class ChatChunk:
    """One streamed piece of an assistant message."""

    content: str = ""
    thinking: str = ""
    done: bool = False
    stats: GenerationStats | None = None
    tool_calls: tuple[Any, ...] = ()

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ChatChunk:
        msg = d.get("message")
        if isinstance(msg, dict):
            content, thinking = msg.get("content") or "", msg.get("thinking") or ""
            tool_calls = tuple(msg.get("tool_calls") or ())
        else:  # /api/generate shape
            content, thinking, tool_calls = d.get("response") or "", d.get("thinking") or "", ()
        done = bool(d.get("done"))
        return cls(
            content=str(content),
            thinking=str(thinking),
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
            status=str(d.get("status") or ""),
            digest=str(d.get("digest") or ""),
            total=int(d.get("total") or 0),
            completed=int(d.get("completed") or 0),
        )
