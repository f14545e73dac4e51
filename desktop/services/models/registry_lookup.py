"""A tag's exact download size and quantization from the registry (manifest + config
blob), cached in the cache folder. Failures are quiet: the caller keeps the catalog figures
and marks them "from catalog, <date>"."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
from PySide6.QtCore import QObject, Signal

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.models.registry import (
    MANIFEST_ACCEPT,
    RegistryFormatError,
    blob_path,
    manifest_path,
    parse_config,
    parse_manifest,
)
from desktop.core.names import InvalidNameError, ModelName, parse_model_name
from desktop.core.pull import part_kind
from desktop.services.bounded_read import (
    BodyTooLargeError,
    Deadline,
    DeadlineError,
    get_stream,
    read_capped,
)
from desktop.services.tasks import Task, TaskRunner

CACHE_TTL_S = 7 * 24 * 3600
# A manifest lists a handful of layers (~1 KB) and a config blob is ~0.5 KB (tests/fixtures):
# anything near these caps is not a model (issue 24.8).
MAX_MANIFEST = 1 << 20
MAX_CONFIG = 1 << 20
DEADLINE_FACTOR = 3  # the whole look-up (two requests and their redirects) vs one read


@dataclass(frozen=True)
class RegistryInfo:
    name: str
    download_size: int
    weights_size: int
    quantization: str
    parameter_size: str
    fetched_at: float
    parts: tuple[tuple[str, str], ...] = ()  # (digest, kind): the layers, then the config


def registry_base(name: ModelName, default: str, *, insecure: bool = False) -> str:
    """The registry a name is pulled from: its own host when it names one (plain HTTP only
    when the user allowed ``insecure``), else the configured default registry."""
    if not name.has_custom_host:
        return default
    return f"{'http' if insecure else 'https'}://{name.host}"


def fetch_registry_info(
    registry: str, name: str, timeout: float = 10.0, *, allow_host: bool = False
) -> RegistryInfo:
    """Blocking: GET the manifest, then the config blob (redirects followed). Each body is
    read up to a cap (the blob up to the size its manifest declares, and its digest is
    checked); the whole look-up ends within DEADLINE_FACTOR * ``timeout``."""
    try:
        parsed = parse_model_name(name, allow_host=allow_host)
    except InvalidNameError as e:
        raise OllamaError(ErrorKind.INVALID_NAME, e.reason) from None
    deadline = Deadline(timeout * DEADLINE_FACTOR)
    try:
        with (
            deadline,
            httpx.Client(
                base_url=registry, timeout=timeout, headers={"User-Agent": "ollama-desk"}
            ) as client,
        ):
            manifest = parse_manifest(
                _get(client, manifest_path(parsed), deadline, MAX_MANIFEST, name, MANIFEST_ACCEPT)
            )
            config = manifest.config
            raw = _get(
                client, blob_path(parsed, config.digest), deadline, MAX_CONFIG, declared=config.size
            )
            if "sha256:" + hashlib.sha256(raw).hexdigest() != config.digest:
                raise OllamaError(ErrorKind.MALFORMED, "the config blob does not match its digest")
            model = parse_config(raw)
    except RegistryFormatError as e:
        raise OllamaError(ErrorKind.MALFORMED, str(e)) from None
    except BodyTooLargeError as e:
        raise OllamaError(ErrorKind.MALFORMED, str(e)) from None
    except DeadlineError as e:
        raise OllamaError(ErrorKind.TIMEOUT, str(e)) from None
    except httpx.ConnectError as e:
        raise OllamaError(ErrorKind.CONNECTION_REFUSED, str(e)) from None
    except httpx.TimeoutException as e:
        raise OllamaError(ErrorKind.TIMEOUT, str(e)) from None
    except httpx.HTTPError as e:
        if deadline.expired:  # the deadline shut the socket under a read
            raise OllamaError(ErrorKind.TIMEOUT, str(e)) from None
        raise OllamaError(ErrorKind.UNEXPECTED, str(e)) from None
    return RegistryInfo(
        parsed.display,
        manifest.download_size,
        manifest.weights_size,
        model.quantization,
        model.parameter_size,
        time.time(),
        tuple((x.digest, part_kind(x.media_type)) for x in (*manifest.layers, manifest.config)),
    )


def _get(
    client: httpx.Client,
    path: str,
    deadline: Deadline,
    limit: int,
    name: str = "",
    accept: str = "",
    *,
    declared: int | None = None,
) -> bytes:
    headers = {"Accept": accept} if accept else None
    with get_stream(client, path, headers=headers, deadline=deadline) as r:
        if r.status_code == 404 and name:
            raise OllamaError(ErrorKind.NOT_FOUND, f"{name}: no such tag", 404)
        if r.status_code >= 400:
            raise OllamaError(
                ErrorKind.SERVER_ERROR, f"registry HTTP {r.status_code}", r.status_code
            )
        return read_capped(r, limit, deadline, declared=declared)


class RegistryLookup(QObject):
    """found(RegistryInfo) after a lookup or from the cache; failed(name, OllamaError)."""

    found = Signal(RegistryInfo)
    failed = Signal(str, OllamaError)

    def __init__(
        self,
        runner: TaskRunner,
        registry: str | Callable[[], str],
        cache_file: Path,
        parent: QObject | None = None,
    ) -> None:
        """``registry``: its base URL, or a function giving the current one (a setting)."""
        super().__init__(parent)
        self.runner = runner
        self.registry = registry
        self.cache_file = cache_file
        self._cache: dict[str, RegistryInfo] = {}
        self._pending: set[str] = set()
        self._load()

    def cached(self, name: str) -> RegistryInfo | None:
        info = self._cache.get(name.lower())
        if info is None or time.time() - info.fetched_at > CACHE_TTL_S:
            return None
        return info

    def lookup(self, name: str) -> Task | None:
        """Emit found() from the cache (at once), or ask the registry off the UI thread.
        Callers must not look up again from a found() handler: see ModelLibrary.lookup."""
        info = self.cached(name)
        if info is not None:
            self.found.emit(info)
            return None
        if name.lower() in self._pending:
            return None
        self._pending.add(name.lower())
        registry = self.registry() if callable(self.registry) else self.registry
        return self.runner.run(
            f"registry {name}",
            lambda _t, _r: fetch_registry_info(registry, name),
            on_success=self._on_found,
            on_failure=lambda err: self._on_failed(name, err),
            context=self,
        )

    def _on_found(self, info: RegistryInfo) -> None:
        self._pending.discard(info.name.lower())
        self._cache[info.name.lower()] = info
        self._save()
        self.found.emit(info)

    def _on_failed(self, name: str, error: OllamaError) -> None:
        self._pending.discard(name.lower())
        self.failed.emit(name, error)

    def _load(self) -> None:
        try:
            raw = json.loads(self.cache_file.read_text(encoding="utf-8"))
            for d in raw.values():
                parts = tuple((str(a), str(b)) for a, b in d.pop("parts", ()))
                info = RegistryInfo(**d, parts=parts)
                self._cache[info.name.lower()] = info
        except (OSError, ValueError, TypeError, AttributeError):
            self._cache = {}

    def _save(self) -> None:
        with contextlib.suppress(OSError):
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_file.with_suffix(".tmp")
            tmp.write_text(
                json.dumps({k: asdict(v) for k, v in self._cache.items()}), encoding="utf-8"
            )
            os.replace(tmp, self.cache_file)
