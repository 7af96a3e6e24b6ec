"""Sampling profiles of the live servers with py-spy (pip install py-spy; needs ptrace, i.e.
root or the same user with kernel.yama.ptrace_scope <= 1).

`record(pid, seconds, out)` writes py-spy's collapsed stacks ("frame;frame;... count" lines);
`summarize(path)` turns them into the share of samples that pass through each function
(inclusive) and that end in it (self), which is what the benchmark report prints.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path


def py_spy() -> str | None:
    local = Path(sys.executable).parent / "py-spy"
    return str(local) if local.exists() else shutil.which("py-spy")


def record(pid: int, seconds: float, out: Path, rate: int = 67) -> subprocess.Popen | None:
    """Start py-spy in the background for `seconds`; None when py-spy is not installed."""
    exe = py_spy()
    if exe is None:
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen([exe, "record", "--pid", str(pid), "--duration", str(int(seconds)),
                             "--rate", str(rate), "--format", "raw", "--output", str(out),
                             "--nonblocking", "--threads"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


_FRAME = re.compile(r"^(?P<func>[^ ]+) \((?P<file>[^:)]+)(?::\d+)?\)$")


def _label(frame: str) -> str:
    """'handle_message (rasa/core/processor.py:157)' -> 'rasa/core/processor.py:handle_message'."""
    match = _FRAME.match(frame.strip())
    if not match:
        return frame.strip()
    path = match.group("file")
    for marker in ("site-packages/", "/work/main/", "lib/python3.10/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{match.group('func')}"


def load(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [_label(f) for f in stack.split(";") if f and not f.startswith("thread (")
                  and not f.startswith("process ")]
        stacks.append((frames, int(count)))
    return stacks


# A sample whose innermost frame is one of these is a thread waiting, not working.
IDLE = ("select.py:select", "selectors.py:select", "threading.py:wait", "queue.py:get",
        "base_events.py:_run_once", "socket.py:accept", "threading.py:_wait_for_tstate_lock",
        "concurrent/futures/thread.py:_worker", "sanic/server/runners.py:serve")

# Where the time of a Rasa server or an action server goes: (area, any of these frames).
# A sample counts for the first area that matches (order matters).
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("action response validation (jsonschema)", ("jsonschema/",)),
    ("NLU: tokenizer, featurizers, DIET", ("rasa/core/processor.py:parse_message",
                                            "rasa/core/processor.py:_parse_message_with_graph")),
    ("dialogue policies", ("rasa/core/processor.py:_predict_next_with_tracker",)),
    ("tracker store: load", ("rasa/core/processor.py:get_tracker", "tracker_store.py:retrieve",
                             "tracker_store.py:_retrieve")),
    ("tracker store: save", ("rasa/core/processor.py:save_tracker",)),
    ("lock store", ("rasa/core/lock_store.py",)),
    ("custom action call (HTTP)", ("rasa/core/actions/action.py:run",)),
    ("knowledge base: answer", ("knowledge/base.py:answer",)),
    ("knowledge base: open/reload", ("knowledge/base.py:open", "knowledge/base.py:_ensure_loaded")),
    ("knowledge base: procedure/place search", ("knowledge/search.py", "knowledge/places.py")),
    ("dossier look-up (portal)", ("actions/dossier.py", "actions/portal/")),
    ("rasa_sdk request handling", ("rasa_sdk/",)),
    ("HTTP server (sanic)", ("sanic/",)),
)


def _busy(stacks: list[tuple[list[str], int]]) -> list[tuple[list[str], int]]:
    return [(f, n) for f, n in stacks if f and not any(f[-1].endswith(i) for i in IDLE)]


def summarize(path: Path, top: int = 12) -> dict:
    """Busy samples by area (AREAS) and the functions where they end (self time), in %."""
    busy = _busy(load(path))
    total = sum(n for _, n in busy) or 1
    areas: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for frames, n in busy:
        area = next((name for name, needles in AREAS
                     if any(any(nd in f for nd in needles) for f in frames)), "other")
        areas[area] += n
        own[frames[-1]] += n
    return {
        "busy_samples": total,
        "all_samples": sum(n for _, n in load(path)),
        "areas": [(name, round(100 * n / total, 1)) for name, n in areas.most_common()],
        "self": [(label, round(100 * n / total, 1)) for label, n in own.most_common(top)],
    }


def share(path: Path, *needles: str) -> float:
    """% of busy samples whose stack contains a frame matching any needle."""
    busy = _busy(load(path))
    total = sum(n for _, n in busy) or 1
    hit = sum(n for frames, n in busy if any(any(nd in f for nd in needles) for f in frames))
    return round(100 * hit / total, 1)
