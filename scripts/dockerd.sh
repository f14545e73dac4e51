#!/usr/bin/env bash
# A Docker engine for the real-engine tests (tests/docker_engine), started by hand as root
# when none answers: Debian's dockerd, overlay2 (else vfs), --ip-forward=false (containers
# stay off the outside network), the default bridge with iptables.
#   sudo scripts/dockerd.sh          # start (or find one running)
#   sudo scripts/dockerd.sh stop     # stop the one this script started
# Never fails its caller: it says why there is no engine, and the tests skip with that reason.
set -u
log=${DOCKERD_LOG:-/tmp/ollama-desk-dockerd.log}
pidfile=/tmp/ollama-desk-dockerd.pid
answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if [ "${1:-start}" = stop ]; then
  if [ -f "$pidfile" ]; then
    kill "$(cat "$pidfile")" 2>/dev/null && echo "dockerd: stopped"
    rm -f "$pidfile"
  fi
  exit 0
fi
if ! command -v docker >/dev/null 2>&1; then echo "dockerd: no docker CLI"; exit 0; fi
if answers; then echo "dockerd: an engine already answers"; exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "dockerd: not root, not started"; exit 0; fi
if ! command -v dockerd >/dev/null 2>&1; then echo "dockerd: not installed"; exit 0; fi
for driver in overlay2 vfs; do
  setsid dockerd --ip-forward=false --storage-driver="$driver" >"$log" 2>&1 </dev/null &
  pid=$!
  for _ in $(seq 1 60); do
    if answers; then
      echo "$pid" >"$pidfile"
      echo "dockerd: started (storage $driver, pid $pid, log $log)"
      exit 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  echo "dockerd: did not start with $driver: $(tail -n 2 "$log" | tr '\n' ' ')"
done
exit 0
