"""Model names and digests, validated before any request (ollama types/model/name.go)."""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_HOST = "registry.ollama.ai"
DEFAULT_NAMESPACE = "library"
DEFAULT_TAG = "latest"

_HOST_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,349}$")
_NAMESPACE_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]{0,79}$")
_PART_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$")
_DIGEST_RE = re.compile(r"^sha256:[0-9a-f]{64}$")


class InvalidNameError(ValueError):
    """The text is not a valid Ollama model name; ``reason`` says which part is wrong."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"invalid model name {name!r}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class ModelName:
    host: str
    namespace: str
    model: str
    tag: str

    @property
    def display(self) -> str:
        """The shortest form, as `ollama list` shows it: `llama3.2:latest`, `user/m:tag`."""
        prefix = ""
        if self.host.lower() != DEFAULT_HOST:
            prefix = f"{self.host}/{self.namespace}/"
        elif self.namespace.lower() != DEFAULT_NAMESPACE:
            prefix = f"{self.namespace}/"
        return f"{prefix}{self.model}:{self.tag}"

    @property
    def has_custom_host(self) -> bool:
        return self.host.lower() != DEFAULT_HOST

    def same_as(self, other: ModelName) -> bool:
        return self.display.lower() == other.display.lower()


def parse_model_name(text: str, *, allow_host: bool = False) -> ModelName:
    """Parse ``[host/][namespace/]model[:tag]``; raise InvalidNameError when invalid.

    Names with a registry host are refused unless ``allow_host``: pulls from arbitrary
    registries are a known attack path, so the user has to opt in.
    """
    name = text.strip()
    if not name:
        raise InvalidNameError(text, "empty")
    if "://" in name:
        scheme, name = name.split("://", 1)
        if scheme not in ("http", "https"):
            raise InvalidNameError(text, "unknown scheme")
        if not allow_host:
            raise InvalidNameError(text, "registry host not allowed")
    tag = DEFAULT_TAG
    colon, slash = name.rfind(":"), name.rfind("/")
    if colon > slash:
        name, tag = name[:colon], name[colon + 1 :]
        if not _PART_RE.fullmatch(tag):
            raise InvalidNameError(text, "tag")
    parts = name.split("/")
    if len(parts) > 3:
        raise InvalidNameError(text, "too many parts")
    host, namespace = DEFAULT_HOST, DEFAULT_NAMESPACE
    if len(parts) == 3:
        host, namespace, model = parts
    elif len(parts) == 2:
        namespace, model = parts
    else:
        (model,) = parts
    if len(parts) == 3:
        if not _HOST_RE.fullmatch(host):
            raise InvalidNameError(text, "host")
        if host.lower() != DEFAULT_HOST and not allow_host:
            raise InvalidNameError(text, "registry host not allowed")
    if not _NAMESPACE_RE.fullmatch(namespace):
        raise InvalidNameError(text, "namespace")
    if not _PART_RE.fullmatch(model):
        raise InvalidNameError(text, "model")
    return ModelName(host=host, namespace=namespace, model=model, tag=tag)


def is_valid_model_name(text: str, *, allow_host: bool = False) -> bool:
    try:
        parse_model_name(text, allow_host=allow_host)
    except InvalidNameError:
        return False
    return True


def is_valid_digest(digest: str) -> bool:
    """`sha256:` followed by 64 lowercase hex digits, the only form we build or send."""
    return bool(_DIGEST_RE.fullmatch(digest))


def normalise_digest(digest: str) -> str:
    """Accept `sha256-HEX` or upper-case hex (as the server does) and return `sha256:hex`."""
    d = digest.strip()
    if d[:7].lower() in ("sha256-", "sha256:"):
        d = "sha256:" + d[7:].lower()
    if not is_valid_digest(d):
        raise ValueError(f"invalid digest {digest!r}")
    return d
