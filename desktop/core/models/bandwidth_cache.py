"""The memory read test's figure of this machine (core/read_test.py), kept in a small JSON
file in the data folder with the hardware fingerprint it was taken on, every repeat, and
whether the machine was quiet.

A reading is measured once and kept (a week, or until the hardware changes): measuring on
every launch would move every uncalibrated forecast by the test's noise. A reading taken
while other programs used the CPU, or whose repeats disagree, is kept only until a quiet one
replaces it, and never replaces a quiet one."""

from __future__ import annotations

import json
import math
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

# "bandwidth.json" held the one-thread copy test's figure, which the forecast no longer reads
BANDWIDTH_FILE = "memory-read.json"
BANDWIDTH_STALE_S = 7 * 86400  # a figure older than a week is re-measured
MAX_SPREAD = 0.25  # (fastest - slowest) / median of the repeats above this: unsteady
# bytes per second the cores can plausibly read (a phone's 1 GB/s to a server's 2 TB/s)
PLAUSIBLE = (1e8, 5e12)


@dataclass(frozen=True)
class BandwidthRecord:
    bandwidth: float  # bytes per second: median of the repeats
    fingerprint: str
    measured_at: float  # unix time
    samples: tuple[float, ...] = ()  # every repeat, bytes per second
    busy: bool = False  # other programs used the CPU while it ran: the figure may be low

    def age_s(self, now: float | None = None) -> float:
        return (time.time() if now is None else now) - self.measured_at

    def stale(self, now: float | None = None) -> bool:
        return self.age_s(now) > BANDWIDTH_STALE_S

    @property
    def spread(self) -> float:
        good = [x for x in self.samples if x > 0]
        if len(good) < 2:
            return 0.0
        return (max(good) - min(good)) / statistics.median(good)

    @property
    def quiet(self) -> bool:
        """Taken on an idle machine with repeats that agree: a figure to keep."""
        return not self.busy and self.spread <= MAX_SPREAD


def plausible(bandwidth: float) -> bool:
    return math.isfinite(bandwidth) and PLAUSIBLE[0] <= bandwidth <= PLAUSIBLE[1]


def load_bandwidth(data_dir: Path, fingerprint: str) -> BandwidthRecord | None:
    """The cached figure, or None when missing, unreadable, impossible or from other
    hardware."""
    try:
        d = json.loads((data_dir / BANDWIDTH_FILE).read_text(encoding="utf-8"))
        rec = BandwidthRecord(
            float(d["bandwidth"]),
            str(d["fingerprint"]),
            float(d["measured_at"]),
            tuple(float(x) for x in d.get("samples") or ()),
            bool(d.get("busy", False)),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return None
    if rec.fingerprint != fingerprint or not plausible(rec.bandwidth):
        return None
    if not math.isfinite(rec.measured_at) or not all(math.isfinite(x) for x in rec.samples):
        return None
    return rec


def save_bandwidth(
    data_dir: Path,
    bandwidth: float,
    fingerprint: str,
    *,
    samples: tuple[float, ...] = (),
    busy: bool = False,
    now: float | None = None,
) -> BandwidthRecord:
    rec = BandwidthRecord(
        bandwidth, fingerprint, time.time() if now is None else now, tuple(samples), busy
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / (BANDWIDTH_FILE + ".tmp")
    tmp.write_text(json.dumps(asdict(rec)), encoding="utf-8")
    tmp.replace(data_dir / BANDWIDTH_FILE)
    return rec


def keep_or_replace(old: BandwidthRecord | None, new: BandwidthRecord) -> BandwidthRecord:
    """A reading from a busy machine, or with repeats that disagree, or an impossible one,
    does not replace a quiet one."""
    if old is None:
        return new
    if not plausible(new.bandwidth):
        return old
    if old.quiet and not new.quiet:
        return old
    return new


def needs_measuring(record: BandwidthRecord | None, now: float | None = None) -> bool:
    """Measure when there is no figure, it is a week old, or it was not taken quietly."""
    return record is None or record.stale(now) or not record.quiet
