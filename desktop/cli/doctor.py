"""`ollama-desk doctor`: what is installed and what answers, for people and for scripts.

No Qt anywhere on this path: it must work over SSH with no display. Exit code 0 only when
a usable Ollama server answers (the configured host, a saved profile, or a Docker one).
"""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop import app_version
from desktop.core import settings as schema
from desktop.core.hosts import HostError, HostErrorKind, HostURL
from desktop.core.hosts import resolve_host as resolve_saved_host
from desktop.core.machine import collect_hardware, default_models_dir, disk_free
from desktop.core.paths import resolve_paths
from desktop.core.units import human_bytes
from desktop.services.server.probe import detect


def _saved_settings(path: Path) -> dict[str, Any]:
    """settings.json read without the Qt settings store; bad values fall back to defaults."""
    values = schema.defaults()
    with contextlib.suppress(OSError, ValueError, RecursionError):
        values.update(schema.coerce_values(json.loads(path.read_text(encoding="utf-8"))))
    return values


def collect(host: HostURL, config_dir: str | None = None, timeout: float = 3.0) -> dict[str, Any]:
    paths = resolve_paths(config_dir)
    saved = _saved_settings(paths.settings_file)
    urls = [(host.base_url, "configured")]
    urls += [
        (h.strip(), "profile")
        for h in str(saved.get("server_host_profiles", "")).split(",")
        if h.strip()
    ]
    found = detect(urls, paths.data_dir, timeout=timeout)
    models = (
        Path(str(saved.get("server_models_dir") or ""))
        if saved.get("server_models_dir")
        else default_models_dir()
    )
    docker = found.docker
    return {
        "app_version": app_version(),
        "server": asdict(found.servers[0]) | {"running": found.servers[0].answering},
        "servers": [asdict(s) | {"running": s.answering} for s in found.servers],
        "installs": [asdict(i) for i in found.installs],
        "docker": {
            "cli": docker.cli,
            "engine_running": docker.engine_running,
            "error": docker.engine_error,
            "problem": docker.problem.value if docker.problem else None,
            "compose": f"{docker.compose.kind.value} {docker.compose.version}"
            if docker.compose
            else None,
            "ncpu": docker.info.ncpu if docker.info else None,
            "mem_total": docker.info.mem_total if docker.info else None,
            "containers": [
                {
                    "name": c.name,
                    "image": c.image,
                    "running": c.running,
                    "url": c.url,
                    "all_interfaces": c.exposed_on_all_interfaces,
                    "volumes": list(c.volumes),
                }
                for c in docker.containers
            ],
        },
        "models_dir": {
            "path": str(models),
            "exists": models.is_dir(),
            "free_bytes": disk_free(models),
        },
        "hardware": collect_hardware().to_dict(),
        "usable_server": next((s.url for s in found.servers if s.answering), None),
    }


def _print(report: dict[str, Any]) -> None:
    print(f"Ollama Desk {report['app_version']}")
    for s in report["servers"]:
        state = f"Ollama {s['version']}" if s["running"] else f"no answer ({s['error']})"
        print(f"Server:   {s['display']} [{s['source']}]: {state}")
    for i in report["installs"] or [{"path": "none found", "version": None, "app_made": False}]:
        who = " (installed by Ollama Desk)" if i["app_made"] else ""
        print(f"Install:  {i['path']}  version {i['version'] or '?'}{who}")
    d = report["docker"]
    if not d["cli"]:
        print("Docker:   not installed")
    elif not d["engine_running"]:
        why = {"permission": "no permission on its socket: join the docker group, log out and in"}
        reason = why.get(d["problem"] or "", "engine not running")
        print(f"Docker:   CLI {d['cli']}, {reason} ({d['error']})")
    else:
        compose = f"compose {d['compose']}" if d["compose"] else "no docker compose"
        print(
            f"Docker:   engine running, {d['ncpu']} CPUs, {human_bytes(d['mem_total'])}, {compose}"
        )
        for c in d["containers"]:
            exposed = "  WARNING: published on all interfaces" if c["all_interfaces"] else ""
            print(
                f"          {c['name']} {c['image']} "
                f"{'running' if c['running'] else 'stopped'} {c['url'] or ''}{exposed}"
            )
    m = report["models_dir"]
    free = human_bytes(m["free_bytes"]) if m["free_bytes"] is not None else "?"
    print(f"Models:   {m['path']} ({'exists' if m['exists'] else 'not created yet'}), {free} free")
    h = report["hardware"]
    simd = ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in h["simd"].items())
    print(
        f"CPU:      {h['cpu_model']} ({h['arch']}), {h['physical_cores']} physical / "
        f"{h['logical_cores']} logical cores; {simd}"
    )
    print(
        f"Memory:   {human_bytes(h['ram_total'])} total, {human_bytes(h['ram_available'])} "
        f"available; swap {human_bytes(h['swap_total'])} ({human_bytes(h['swap_used'])} used)"
    )


def run(host: HostURL, as_json: bool, config_dir: str | None = None) -> int:
    report = collect(host, config_dir)
    if as_json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _print(report)
    return 0 if report["usable_server"] else 1


_HOST_PROBLEMS = {
    HostErrorKind.SCHEME: "only http:// and https:// work",
    HostErrorKind.USERINFO: "Ollama takes no user name or password in the address",
    HostErrorKind.CHARACTERS: "it contains spaces or characters not allowed in a computer name",
    HostErrorKind.PATH: "it contains characters not allowed in an address (such as ? or #)",
}
_HOST_SOURCES = {
    "--host": "given with --host",
    "setting": "the saved server address",
    "OLLAMA_HOST": "from OLLAMA_HOST",
}


def host_problem(error: HostError) -> str:
    """One sentence for the command line (English, like the rest of the report)."""
    source = _HOST_SOURCES.get(error.source, "")
    where = f" ({source})" if source else ""
    return (
        f"ollama-desk: the server address {error.value!r}{where} cannot be used: "
        f"{_HOST_PROBLEMS[error.kind]}."
    )


def resolve_host(cli_host: str | None, config_dir: str | None) -> HostURL:
    """The GUI's order (desktop.core.hosts.resolve_host) with the saved setting read
    without the Qt settings store. An unusable address ends the command with one sentence
    on stderr and exit code 2 (never a traceback)."""
    saved = _saved_settings(resolve_paths(config_dir).settings_file)
    try:
        return resolve_saved_host(cli_host, str(saved.get("host") or ""))
    except HostError as e:
        print(host_problem(e), file=sys.stderr)
        raise SystemExit(2) from None
