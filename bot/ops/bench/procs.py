"""Processes seen through /proc (Linux): who is whose child, resident memory, who listens where.

Used by the benchmarks to report the peak memory of the Rasa server and the action server,
including any child processes, without an extra dependency.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def cmdline(pid: int) -> str:
    return _read(PROC / str(pid) / "cmdline").replace("\0", " ").strip()


def children(pid: int) -> list[int]:
    """Direct children of pid (all threads' children files)."""
    out: list[int] = []
    task_dir = PROC / str(pid) / "task"
    try:
        tasks = list(task_dir.iterdir())
    except OSError:
        return out
    for task in tasks:
        out.extend(int(p) for p in _read(task / "children").split())
    return sorted(set(out))


def tree(pid: int) -> list[int]:
    """pid and all its descendants that are alive now."""
    seen, todo = [], [pid]
    while todo:
        current = todo.pop()
        if current in seen or not (PROC / str(current)).exists():
            continue
        seen.append(current)
        todo.extend(children(current))
    return seen


def _status_kb(pid: int, field_name: str) -> int:
    for line in _read(PROC / str(pid) / "status").splitlines():
        if line.startswith(field_name + ":"):
            parts = line.split()
            return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    return 0


def rss_bytes(pid: int) -> int:
    return _status_kb(pid, "VmRSS") * 1024


def hwm_bytes(pid: int) -> int:
    """The kernel's peak resident set size of one process (VmHWM)."""
    return _status_kb(pid, "VmHWM") * 1024


def tree_rss(pid: int) -> int:
    return sum(rss_bytes(p) for p in tree(pid))


def find_descendant(root: int, *needles: str) -> int | None:
    """The first descendant of root whose command line contains every needle."""
    for pid in tree(root):
        line = cmdline(pid)
        if all(n in line for n in needles):
            return pid
    return None


def listening_pid(port: int) -> int | None:
    """The pid of the process listening on TCP port (IPv4/IPv6), if we can see it."""
    inodes: set[str] = set()
    for table in ("tcp", "tcp6"):
        for line in _read(PROC / "net" / table).splitlines()[1:]:
            parts = line.split()
            if len(parts) > 9 and parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(parts[9])
    if not inodes:
        return None
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                try:
                    target = os.readlink(fd)
                except OSError:
                    continue
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return int(entry.name)
        except OSError:
            continue
    return None


@dataclass
class MemorySampler:
    """Samples the resident memory (whole process tree) of named processes in a thread.

    peak()[name] is the highest sum of RSS over the tree seen while sampling; the kernel's
    VmHWM of the main process is also kept (it catches peaks between samples).
    """

    pids: dict[str, int]
    interval: float = 0.25
    peaks: dict[str, int] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sample(self) -> dict[str, int]:
        now = {name: tree_rss(pid) for name, pid in self.pids.items()}
        for name, value in now.items():
            self.peaks[name] = max(self.peaks.get(name, 0), value, hwm_bytes(self.pids[name]))
            self.last[name] = value
        return now

    def start(self) -> "MemorySampler":
        self.sample()

        def loop() -> None:
            while not self._stop.wait(self.interval):
                self.sample()

        self._thread = threading.Thread(target=loop, name="memory-sampler", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> dict[str, int]:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        self.sample()
        return dict(self.peaks)


def wait_for(predicate, timeout: float, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())


def mib(value: int) -> float:
    return round(value / (1024 * 1024), 1)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by pid and its live descendants."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for member in tree(pid):
        stat = _read(PROC / str(member) / "stat")
        if not stat:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks   # utime, stime
    return total
