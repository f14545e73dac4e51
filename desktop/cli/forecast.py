"""`ollama-desk forecast NAME:TAG [--context N] [--json]`: will it fit, how fast? No Qt."""

from __future__ import annotations

import json
import sys
from typing import Any

from desktop.core.errors import OllamaError
from desktop.core.hosts import HostURL
from desktop.core.machine import hardware_fingerprint, machine_memory, measure_bandwidth
from desktop.core.models.catalog import CatalogError, load_catalog
from desktop.core.models.estimate import (
    TagForecast,
    forecast_installed,
    forecast_tag,
    load_bandwidth,
    save_bandwidth,
)
from desktop.core.names import InvalidNameError, parse_model_name
from desktop.core.paths import resolve_paths
from desktop.core.units import human_bytes

FIT_TEXT = {"runs_well": "runs well", "tight": "tight", "wont_fit": "won't fit"}


def _bandwidth(config_dir: str | None) -> float:
    paths = resolve_paths(config_dir)
    fp = hardware_fingerprint()
    rec = load_bandwidth(paths.data_dir, fp)
    if rec is not None:
        return rec.bandwidth
    bw = measure_bandwidth()
    save_bandwidth(paths.data_dir, bw, fp)
    return bw


def _from_server(host: HostURL, name: str, context: int, bandwidth: float) -> TagForecast | None:
    from desktop.services.api_client import OllamaApi  # httpx only, no Qt

    api = OllamaApi(host.base_url, timeout=3.0)
    try:
        installed = {m.name.lower(): m for m in api.list_models()}
        local = installed.get(name.lower())
        if local is None:
            return None
        show = api.show(local.name)
    except OllamaError:
        return None
    finally:
        api.close()
    return forecast_installed(local, show, machine_memory(), bandwidth, context)


def run(
    name: str, context: int, as_json: bool, host: HostURL, config_dir: str | None = None
) -> int:
    try:
        parsed = parse_model_name(name)
    except InvalidNameError as e:
        print(f"invalid model name {name!r}: {e.reason}", file=sys.stderr)
        return 2
    bandwidth = _bandwidth(config_dir)
    try:
        catalog = load_catalog()
    except CatalogError as e:
        print(f"catalog unreadable: {e}", file=sys.stderr)
        return 2
    tag = catalog.find(parsed.display)
    fc: TagForecast | None
    if tag is not None:
        model = catalog.model(tag.model)
        fc = forecast_tag(
            tag,
            machine_memory(),
            bandwidth,
            context,
            embedding=model is not None and "embedding" in model.capabilities,
        )
    else:
        fc = _from_server(host, parsed.display, context, bandwidth)
    if fc is None:
        print(
            f"{parsed.display}: not in the catalog (compiled {catalog.compiled}) and not "
            f"installed at {host.display}",
            file=sys.stderr,
        )
        return 1
    report: dict[str, Any] = fc.to_json()
    report["bandwidth_bytes_per_s"] = bandwidth
    report["catalog_compiled"] = catalog.compiled
    if as_json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    m = fc.memory
    source = f"from catalog, {catalog.compiled}" if fc.size_source == "catalog" else fc.size_source
    print(f"{fc.name}  ({fc.quantization}, download {human_bytes(fc.size)}, {source})")
    print(
        f"Memory at {m.context} tokens: {human_bytes(m.needed)} = weights "
        f"{human_bytes(m.weights)} + KV cache {human_bytes(m.kv_cache)} + overhead "
        f"{human_bytes(m.overhead)}"
    )
    swap = ", swap risk" if m.swap_risk else ""
    print(
        f"This machine: {human_bytes(m.available)} available of {human_bytes(m.total_ram)}"
        f" -> {FIT_TEXT[m.fit.value]}{swap}"
    )
    for note in m.notes:
        print(f"  note: {note}")
    if fc.speed is not None:
        print(
            f"Speed: {fc.speed.low:.1f}-{fc.speed.high:.1f} tokens/s (memory bandwidth "
            f"{bandwidth / 1e9:.1f} GB/s)"
        )
    return 0
