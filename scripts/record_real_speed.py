"""Record a real Ollama server's own generation speed for forecast tests, on quiet moments
of a shared machine.

  python scripts/record_real_speed.py HOST:PORT OUT.json MODEL [MODEL ...]
      [--runs 3] [--tokens 128] [--quiet-cores 0.15] [--quiet-load 1.5] [--wait 1800]

Per model: a warm-up answer (loads it), then ``--runs`` measured answers to the app's
benchmark prompt (POST /api/chat, stream false, seed 42, temperature 0.8, ``--tokens``
answer tokens: the app's own benchmark request). Before each answer the script waits until
the 1-minute load average is below ``--quiet-load`` and programs other than Ollama use less
than ``--quiet-cores`` over 2 s; it measures the other programs' CPU during the answer too
(desktop/core/bench/load.py) and keeps a disturbed answer in ``excluded_runs`` and answers
again (at most 3 times per run). The server's nanosecond figures give tokens/s. The memory
read test of the app (5 repeats) is taken beside, with its load. Machine facts, method and
every answer go into OUT.json (one file per model: OUT with the model in its name).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.bench.load import listening_pid, others_cores, probe_for  # noqa: E402
from desktop.core.bench.protocol import PROMPT, SEED, TEMPERATURE  # noqa: E402
from desktop.core.machine import collect_hardware, measure_bandwidth_repeated  # noqa: E402

RETRIES = 3


def loadavg() -> float:
    return os.getloadavg()[0]


PROBE = probe_for(None)  # set in main: the server on the recorded port, and this script
SERVER_PID: int | None = None  # the recorded server's process (set in main)


def wait_quiet(cores: float, load: float, deadline: float) -> tuple[float, float, float]:
    """(waited seconds, others' cores in the last look, load average) once quiet."""
    t0 = time.monotonic()
    while True:
        before, procs = PROBE(), runner_seconds()
        time.sleep(2.0)
        others = others_cores(before, PROBE())
        after = runner_seconds()
        server = sum(after[p] - procs.get(p, 0.0) for p in after) / 2.0  # idle: someone else
        la = loadavg()
        if (others < cores and server < cores and la < load) or time.monotonic() > deadline:
            return time.monotonic() - t0, others, la
        time.sleep(3.0)


def runner_seconds() -> dict[int, float]:
    """CPU seconds of each process of the recorded server (the server and its runners)."""
    if SERVER_PID is None:
        return {}
    out = {}
    try:
        server = psutil.Process(SERVER_PID)
        procs = [server, *server.children(recursive=True)]
    except psutil.Error:
        return {}
    for p in procs:
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        out[p.pid] = t.user + t.system
    return out


SEED_USED = SEED  # --seed: the synthetic 4B models end some answers early at seed 42
TEMPERATURE_USED = TEMPERATURE  # --temperature: at 0.8 the synthetic 4B models repeat one
# token until the server cancels the answer (done: false, no figures); 1.5 does not


def answer(
    client: httpx.Client, model: str, tokens: int
) -> tuple[dict[str, Any], float, float, float]:
    """The server's answer, wall seconds, other programs' cores and the cores the server's
    other processes used meanwhile (another model answering someone else on this server)."""
    body = {
        "model": model,
        "messages": [{"role": "user", "content": PROMPT}],
        "stream": False,
        "options": {"seed": SEED_USED, "temperature": TEMPERATURE_USED, "num_predict": tokens},
    }
    before, procs = PROBE(), runner_seconds()
    t0 = time.monotonic()
    r = client.post("/api/chat", json=body, timeout=1200)
    wall = time.monotonic() - t0
    others = others_cores(before, PROBE())
    after = runner_seconds()
    used = sorted((after[p] - procs.get(p, 0.0) for p in after), reverse=True)
    foreign = sum(used[1:]) / wall if wall > 0 else 0.0  # all but the busiest: ours
    r.raise_for_status()
    return r.json(), wall, others, foreign


def figures(d: dict[str, Any]) -> dict[str, Any]:
    n, ns = d.get("eval_count", 0), d.get("eval_duration", 0)
    pn, pns = d.get("prompt_eval_count", 0), d.get("prompt_eval_duration", 0)
    return {
        "eval_count": n,
        "eval_duration_ns": ns,
        "prompt_eval_count": pn,
        "prompt_eval_duration_ns": pns,
        "load_duration_ns": d.get("load_duration", 0),
        "total_duration_ns": d.get("total_duration", 0),
        "done": d.get("done"),
        "done_reason": d.get("done_reason", ""),
        "tokens_per_s": n / ns * 1e9 if n and ns else None,
        "prompt_tokens_per_s": pn / pns * 1e9 if pn and pns else None,
    }


def bandwidth() -> dict[str, Any]:
    r = measure_bandwidth_repeated()
    return {
        "median_gbs": r.median / 1e9,
        "samples_gbs": [x / 1e9 for x in r.samples],
        "other_cpu_cores": round(r.busy_cores, 3),
        "load_avg": r.load_avg,
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def header(
    args: argparse.Namespace, info: dict[str, Any], version: str, quiet_rule: str
) -> dict[str, Any]:
    """A recording's fixed part: the server, the model, the request, how quiet was chosen,
    the read test before; warm-ups and runs are appended as they come."""
    return {
        "server_version": version,
        "model": info["name"],
        "model_bytes": info["size"],
        "quantization": info["details"]["quantization_level"],
        "parameter_size": info["details"]["parameter_size"],
        "request": {
            "endpoint": "POST /api/chat",
            "stream": False,
            "prompt": PROMPT,
            "options": {
                "seed": SEED_USED,
                "temperature": TEMPERATURE_USED,
                "num_predict": args.tokens,
            },
        },
        "quiet_rule": quiet_rule,
        "bandwidth": [bandwidth()],
        "warmups": [],
        "runs": [],
        "excluded_runs": [],
    }


def run_record(
    d: dict[str, Any],
    wall: float,
    waited: float,
    others: float,
    during: float,
    foreign: float,
    load_before: float,
    **extra: Any,
) -> dict[str, Any]:
    """One measured answer: the server's figures, the time it took, the load around it."""
    return {
        **figures(d),
        **extra,
        "wall_s": round(wall, 3),
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "waited_for_quiet_s": round(waited, 1),
        "other_cpu_cores_before": round(others, 3),
        "other_cpu_cores": round(during, 3),
        "server_other_process_cores": round(foreign, 3),
        "load_avg_before": load_before,
        "load_avg_after": loadavg(),
    }


def finish(out: dict[str, Any]) -> None:
    """The read test after, and the runs' median, slowest and fastest."""
    out["bandwidth"].append(bandwidth())
    speeds = sorted(r["tokens_per_s"] for r in out["runs"] if r["tokens_per_s"])
    out["summary"] = {
        "median_tokens_per_s": speeds[len(speeds) // 2] if speeds else None,
        "min_tokens_per_s": speeds[0] if speeds else None,
        "max_tokens_per_s": speeds[-1] if speeds else None,
    }


def record(args: argparse.Namespace, model: str, client: httpx.Client) -> dict[str, Any]:
    deadline = time.monotonic() + args.wait
    tags = {m["name"]: m for m in client.get("/api/tags").json()["models"]}
    version = client.get("/api/version").json()["version"]
    out = header(
        args,
        tags[model],
        version,
        f"each answer started when the 1-min load average was < {args.quiet_load} and "
        f"programs other than Ollama used < {args.quiet_cores} cores over 2 s; an answer "
        f"during which they (or another model on the same server) used >= "
        f"{args.quiet_cores} cores is in excluded_runs",
    )
    waited, others, la = wait_quiet(args.quiet_cores, args.quiet_load, deadline)
    d, wall, during, foreign = answer(client, model, args.tokens)
    out["warmups"].append({**figures(d), "wall_s": wall, "other_cpu_cores": during})
    while len(out["runs"]) < args.runs:
        for _ in range(RETRIES):
            waited, others, la = wait_quiet(args.quiet_cores, args.quiet_load, deadline)
            d, wall, during, foreign = answer(client, model, args.tokens)
            loaded = [m["name"] for m in client.get("/api/ps").json()["models"]]
            run = run_record(d, wall, waited, others, during, foreign, la, loaded_models=loaded)
            quiet = during < args.quiet_cores and foreign < args.quiet_cores
            if quiet and run["tokens_per_s"]:
                out["runs"].append(run)
                break
            out["excluded_runs"].append(run)
        else:
            out["runs"].append({**run, "disturbed": True})
    finish(out)
    return out


def record_interleaved(
    args: argparse.Namespace, models: list[str], client: httpx.Client
) -> dict[str, dict[str, Any]]:
    """Round after round, one measured answer of each model in turn (a short warm-up first,
    as switching models reloads them): the machine's drift over the session then touches
    every model alike, instead of the ones measured last."""
    deadline = time.monotonic() + args.wait
    tags = {m["name"]: m for m in client.get("/api/tags").json()["models"]}
    version = client.get("/api/version").json()["version"]
    outs: dict[str, dict[str, Any]] = {}
    rule = (
        f"rounds over {len(models)} models, one answer of each per round after a "
        f"{WARM_TOKENS}-token warm-up; each answer started when the 1-min load average "
        f"was < {args.quiet_load} and programs other than the server used < "
        f"{args.quiet_cores} cores over 2 s; an answer during which they (or another "
        f"model on the same server) used >= {args.quiet_cores} cores is in excluded_runs"
    )
    outs = {model: header(args, tags[model], version, rule) for model in models}
    for rnd in range(args.runs):
        for model in models:
            out = outs[model]
            for _ in range(RETRIES):
                wait_quiet(args.quiet_cores, args.quiet_load, deadline)
                d, wall, during, _f = answer(client, model, WARM_TOKENS)
                out["warmups"].append({**figures(d), "wall_s": round(wall, 3), "round": rnd})
                waited, others, la = wait_quiet(args.quiet_cores, args.quiet_load, deadline)
                d, wall, during, foreign = answer(client, model, args.tokens)
                run = run_record(d, wall, waited, others, during, foreign, la, round=rnd)
                quiet = during < args.quiet_cores and foreign < args.quiet_cores
                if quiet and run["tokens_per_s"]:
                    out["runs"].append(run)
                    break
                out["excluded_runs"].append(run)
            print(f"round {rnd} {model}: {run['tokens_per_s']}", flush=True)
    for out in outs.values():
        finish(out)
    return outs


WARM_TOKENS = 8


def machine() -> dict[str, Any]:
    hw = collect_hardware()
    return {
        "cpu_model": hw.cpu_model,
        "physical_cores": hw.physical_cores,
        "logical_cores": hw.logical_cores,
        "simd": hw.simd,
        "ram_total": hw.ram_total,
        "platform": platform.platform(),
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("host")
    ap.add_argument("out", type=Path, help="folder for one JSON per model")
    ap.add_argument("models", nargs="+")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--quiet-cores", type=float, default=0.15)
    ap.add_argument("--quiet-load", type=float, default=1.5)
    ap.add_argument("--wait", type=float, default=1800, help="give up waiting after this")
    ap.add_argument("--note", default="", help="free text kept in the file (the runner, ...)")
    ap.add_argument("--seed", type=int, default=SEED, help="a model ending answers early: another")
    ap.add_argument("--temperature", type=float, default=TEMPERATURE, help="see TEMPERATURE_USED")
    ap.add_argument("--retries", type=int, default=3, help="disturbed answers per run, at most")
    ap.add_argument("--interleave", action="store_true", help="rounds over the models")
    args = ap.parse_args(argv)
    global PROBE, SERVER_PID, SEED_USED, RETRIES, TEMPERATURE_USED
    SEED_USED, RETRIES, TEMPERATURE_USED = args.seed, args.retries, args.temperature
    port = int(args.host.rpartition(":")[2])
    PROBE = probe_for(port)
    SERVER_PID = listening_pid(port)
    args.out.mkdir(parents=True, exist_ok=True)
    with httpx.Client(base_url=f"http://{args.host}") as client:
        if args.interleave:
            for model, out in record_interleaved(args, args.models, client).items():
                out["machine"] = {**machine(), "note": args.note}
                name = model.replace(":", "-").replace("/", "_") + ".json"
                (args.out / name).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
                print(f"{model}: {out['summary']}", flush=True)
            return 0
        for model in args.models:
            out = record(args, model, client)
            out["machine"] = {**machine(), "note": args.note}
            name = model.replace(":", "-").replace("/", "_") + ".json"
            (args.out / name).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
            s = out["summary"]
            if s["median_tokens_per_s"] is None:
                print(f"{model}: no answer with figures", flush=True)
                continue
            print(
                f"{model}: {s['median_tokens_per_s']:.1f} tok/s "
                f"({s['min_tokens_per_s']:.1f}-{s['max_tokens_per_s']:.1f}), "
                f"{len(out['excluded_runs'])} excluded",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
