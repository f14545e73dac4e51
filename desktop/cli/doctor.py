"""`ollama-desk doctor`: what is installed and what answers, for people and for scripts."""

from __future__ import annotations

import json
import sys
from typing import Any

from desktop import app_version
from desktop.core.detect import find_ollama_binaries
from desktop.core.errors import OllamaError
from desktop.core.hosts import HostURL
from desktop.services.api_client import OllamaApi


def collect(host: HostURL, timeout: float = 3.0) -> dict[str, Any]:
    api = OllamaApi(host.base_url, timeout=timeout)
    server: dict[str, Any] = {"host": host.display, "url": host.base_url}
    try:
        server["version"] = api.version()
        server["running"] = True
    except OllamaError as e:
        server["running"] = False
        server["error"] = e.kind.value
    finally:
        api.close()
    return {
        "app_version": app_version(),
        "server": server,
        "installs": [{"path": str(p)} for p in find_ollama_binaries()],
    }


def run(host: HostURL, as_json: bool) -> int:
    report = collect(host)
    if as_json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        s = report["server"]
        print(f"Ollama Desk {report['app_version']}")
        if s["running"]:
            print(f"Server:   Ollama {s['version']} at {s['host']}")
        else:
            print(f"Server:   none answers at {s['host']} ({s['error']})")
        for inst in report["installs"] or [{"path": "none found"}]:
            print(f"Install:  {inst['path']}")
    return 0 if report["server"]["running"] else 1
