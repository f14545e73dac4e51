"""A fake `docker` (and `docker-compose`) executable for the paths a real engine cannot
easily show here (Compose v2, Docker Desktop's small VM, a hostile answer). The real engine
is exercised by tests/docker_engine. State lives in a JSON file; every call is logged.

State keys: engine (bool), permission (False: the socket refuses), compose ("v2", "v1" or
""), ncpu, mem, containers [{id, image, name, running, bind, labels, status}], images
[tags of ollama/ollama], busy_ports [host ports `up` finds taken]. Messages are the real
CLI's (docker 28.2.2, docker-compose 1.29.2, Compose v2)."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

_SCRIPT = r"""#!{python}
import json, os, sys
from pathlib import Path
STATE = Path({state!r})
LOG = Path({log!r})
tool = os.path.basename(sys.argv[0])
args = sys.argv[1:]
with LOG.open("a") as f:
    f.write(json.dumps(([tool] if tool == "docker-compose" else []) + args) + "\n")
st = json.loads(STATE.read_text())

def fail(text):
    print(text, file=sys.stderr)
    sys.exit(1)

def compose(args):
    if args[:1] == ["version"]:
        print("Docker Compose version v2.29.1" if tool == "docker" else
              "docker-compose version 1.29.2, build unknown")
        return
    if not st.get("engine"):
        fail("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
             "Is the docker daemon running?")
    i = args.index("-f")
    compose_file, action = args[i + 1], args[i + 2]
    text = Path(compose_file).read_text()
    port = next(ln.split(":")[1] for ln in text.splitlines() if ":11434" in ln)
    image = next(ln.split('"')[1] for ln in text.splitlines() if "image:" in ln)
    mine = [c for c in st["containers"] if c["name"] == "ollama-desk"]
    if action == "up":
        st["last_compose"] = text
        c = {{"id": "c0ffee" * 10 + "abcd", "image": image, "name": "ollama-desk",
             "running": False, "status": "created", "bind": "127.0.0.1:" + port,
             "labels": {{"io.github.ollama-desk.server": "ollama"}}}}
        st["containers"] = [x for x in st["containers"] if x["name"] != "ollama-desk"] + [c]
        if int(port) in st.get("busy_ports", []):
            STATE.write_text(json.dumps(st))
            fail("Creating ollama-desk ... error\n" + "\n".join(
                "usage line %d" % i for i in range(20)) +
                "\nError response from daemon: driver failed programming external "
                "connectivity on endpoint ollama-desk: Error starting userland proxy: "
                "listen tcp4 127.0.0.1:" + port + ": bind: address already in use")
        c["running"], c["status"] = True, "running"
    elif action == "stop":
        for c in mine:
            c["running"], c["status"] = False, "exited"
    elif action == "down":
        st["containers"] = [x for x in st["containers"] if x["name"] != "ollama-desk"]
    STATE.write_text(json.dumps(st))

if tool == "docker-compose":
    compose(args)
    sys.exit(0)
cmd = args[0]
if cmd == "compose":
    if st.get("compose") != "v2":
        fail("docker: 'compose' is not a docker command.\nSee 'docker --help'")
    compose(args[1:])
    sys.exit(0)
if st.get("permission") is False:
    fail("permission denied while trying to connect to the Docker daemon socket at "
         "unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.50/info\": "
         "dial unix /var/run/docker.sock: connect: permission denied")
if not st.get("engine"):
    fail("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
         "Is the docker daemon running?")
if cmd == "info":
    print(json.dumps({{"NCPU": st["ncpu"], "MemTotal": st["mem"], "ServerVersion": "28.2.2",
                      "OperatingSystem": "Fake Linux"}}))
elif cmd == "ps":
    for c in st["containers"]:
        print(c["id"])
elif cmd == "image":
    for tag in st.get("images", []):
        print(json.dumps({{"Repository": "ollama/ollama", "Tag": tag}}))
    print(json.dumps({{"Repository": "nginx", "Tag": "1"}}))
elif cmd == "stats":
    print("12.5MiB / 2GiB")
elif cmd == "inspect":
    out = []
    for c in st["containers"]:
        if c["id"] in args[1:]:
            host_ip, port = c["bind"].rsplit(":", 1)
            binding = {{"11434/tcp": [{{"HostIp": host_ip, "HostPort": port}}]}}
            out.append({{"Id": c["id"], "Name": "/" + c["name"],
                        "State": {{"Running": c["running"], "Pid": 0,
                                  "Status": c.get("status") or
                                  ("running" if c["running"] else "exited")}},
                        "Config": {{"Image": c["image"], "Labels": c.get("labels") or {{}}}},
                        "HostConfig": {{"PortBindings": binding}},
                        "NetworkSettings": {{"Ports": binding if c["running"] else {{}}}},
                        "Mounts": [{{"Name": "ollama", "Destination": "/root/.ollama"}}]}})
    print(json.dumps(out))
else:
    fail("unknown command " + cmd)
"""


class FakeDocker:
    def __init__(
        self,
        folder: Path,
        *,
        engine: bool = True,
        ncpu: int = 2,
        mem: int = 2 * 2**30,
        compose: str = "v2",
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.state_file = folder / "state.json"
        self.log_file = folder / "calls.log"
        self.path = folder / "docker"
        self.write_state(
            {"engine": engine, "ncpu": ncpu, "mem": mem, "containers": [], "compose": compose}
        )
        script = _SCRIPT.format(
            python=sys.executable, state=str(self.state_file), log=str(self.log_file)
        )
        names = ["docker", "docker-compose"] if compose == "v1" else ["docker"]
        for name in names:
            exe = folder / name
            exe.write_text(script)
            exe.chmod(exe.stat().st_mode | stat.S_IXUSR)

    def write_state(self, state: dict[str, object]) -> None:
        self.state_file.write_text(json.dumps(state))

    def update(self, **values: object) -> None:
        st = self.state()
        st.update(values)
        self.write_state(st)

    def state(self) -> dict[str, object]:
        return dict(json.loads(self.state_file.read_text()))

    def calls(self) -> list[list[str]]:
        if not self.log_file.exists():
            return []
        return [json.loads(ln) for ln in self.log_file.read_text().splitlines()]
