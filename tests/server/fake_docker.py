"""A fake `docker` executable for tests (real Docker is not exercised: this machine has the
CLI but no engine). State lives in a JSON file; every call is appended to a log."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

_SCRIPT = r"""#!{python}
import json, sys
from pathlib import Path
STATE = Path({state!r})
LOG = Path({log!r})
args = sys.argv[1:]
with LOG.open("a") as f:
    f.write(json.dumps(args) + "\n")
st = json.loads(STATE.read_text())
if not st.get("engine"):
    print("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
          "Is the docker daemon running?", file=sys.stderr)
    sys.exit(1)
cmd = args[0]
if cmd == "info":
    print(json.dumps({{"NCPU": st["ncpu"], "MemTotal": st["mem"], "ServerVersion": "28.2.2",
                      "OperatingSystem": "Fake Linux"}}))
elif cmd == "ps":
    for c in st["containers"]:
        print(json.dumps({{"ID": c["id"], "Image": c["image"], "Names": c["name"]}}))
elif cmd == "inspect":
    out = []
    for c in st["containers"]:
        if c["id"] in args[1:]:
            host_ip, port = c["bind"].rsplit(":", 1)
            out.append({{"Name": "/" + c["name"], "State": {{"Running": c["running"],
                        "Status": "running" if c["running"] else "exited"}},
                        "Config": {{"Image": c["image"]}},
                        "NetworkSettings": {{"Ports": {{"11434/tcp": [{{"HostIp": host_ip,
                                            "HostPort": port}}]}}}},
                        "Mounts": [{{"Name": "ollama", "Destination": "/root/.ollama"}}]}})
    print(json.dumps(out))
elif cmd == "compose":
    compose_file, action = args[2], args[3]
    text = Path(compose_file).read_text()
    if action == "up":
        st["containers"] = [{{"id": "c0ffee", "image": "ollama/ollama:0.33.0",
                             "name": "ollama-desk", "running": True,
                             "bind": "127.0.0.1:11434"}}]
        st["last_compose"] = text
    elif action == "stop":
        for c in st["containers"]:
            c["running"] = False
    elif action == "down":
        st["containers"] = []
    STATE.write_text(json.dumps(st))
else:
    print("unknown command " + cmd, file=sys.stderr)
    sys.exit(1)
"""


class FakeDocker:
    def __init__(
        self, folder: Path, *, engine: bool = True, ncpu: int = 2, mem: int = 2 * 2**30
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.state_file = folder / "state.json"
        self.log_file = folder / "calls.log"
        self.path = folder / "docker"
        self.write_state({"engine": engine, "ncpu": ncpu, "mem": mem, "containers": []})
        self.path.write_text(
            _SCRIPT.format(
                python=sys.executable, state=str(self.state_file), log=str(self.log_file)
            )
        )
        self.path.chmod(self.path.stat().st_mode | stat.S_IXUSR)

    def write_state(self, state: dict[str, object]) -> None:
        self.state_file.write_text(json.dumps(state))

    def state(self) -> dict[str, object]:
        return dict(json.loads(self.state_file.read_text()))

    def calls(self) -> list[list[str]]:
        if not self.log_file.exists():
            return []
        return [json.loads(ln) for ln in self.log_file.read_text().splitlines()]
