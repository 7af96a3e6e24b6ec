"""`dvcbot bench load`: how fast dvcbot answers, against Rasa's own starter bot on this machine.

    dvcbot bench load [--levels 1,20,100] [--duration 15] [--rounds 2] [--max-messages 3000]
                      [--no-reference] [--no-scale] [--profile] [--quick] [--think S]
                      [--json FILE]

In one run:
  1. dvcbot exactly as `dvcbot run` starts it (portal simulator, action server, Rasa server
     with the SQLite tracker store) on free loopback ports;
  2. NLU only: POST /model/parse for held-out test messages, one at a time;
  3. closed-loop load over the REST channel for each level (1, 20, 100 simultaneous
     conversations): realistic Vietnamese conversations with custom actions, knowledge-base
     and dossier look-ups (bot/ops/bench/conversations.py); messages/s and p50/p95/p99;
  4. peak resident memory (whole process tree) of the Rasa server and the action server;
  5. the same for Rasa's starter bot (`rasa init`, trained once and kept in var/bench/), with
     its own example messages, and the ratio dvcbot / starter. Both bots run at the same time
     and take turns, level by level, `--rounds` times (figures pooled over the rounds), so that
     other work on a shared machine weighs on both alike; CPU ms per message is reported too,
     which background load hardly changes;
  6. scale-out (when PostgreSQL and Redis are installed): the same 20-conversation load on
     one replica and on two replicas behind the balancer (SQL tracker store on PostgreSQL,
     Redis lock store), see bot/ops/cluster.py.
Training time comes from models/dvcbot.fingerprint.json (written by `dvcbot train`).
Results: printed, and written as JSON to var/bench/load-latest.json (or --json).
With --profile, py-spy samples the Rasa server and the action server during the
20-conversation level and the report lists where their time goes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.ops.bench import conversations as conv
from bot.ops.bench import procs, profiling
from bot.ops.cluster import Cluster, ClusterConfig, ClusterError, missing_programs
from bot.ops.bench.loadgen import LevelResult, closed_loop, parse_timing, warm_up
from bot.tokens import bearer_header, rasa_api_params
from bot.ops.bench.stacks import (StackError, prepare_reference, start_dvcbot, start_reference,
                                   start_single_replica)
from bot.paths import REPO_ROOT, models_dir

TARGET_LEVEL = 20
TARGET_P95_MS = 1000.0


def machine() -> dict:
    load1, load5, _ = os.getloadavg()
    rasa_busy = sum(1 for p in Path("/proc").iterdir() if p.name.isdigit()
                    and "rasa" in procs.cmdline(int(p.name)))
    return {"cpus": os.cpu_count(), "load1": round(load1, 2), "load5": round(load5, 2),
            "rasa_processes_running": rasa_busy}


def training_seconds(model: Path) -> float | None:
    stamp = model.parent / model.name.replace(".tar.gz", ".fingerprint.json")
    try:
        return float(json.loads(stamp.read_text())["training_seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


@dataclass
class Subject:
    """One server under test (dvcbot or the starter bot) and what was measured on it."""

    name: str
    running: object                      # stacks.Running
    conversations: list
    parse_texts: list[str]
    run_id: str
    sampler: procs.MemorySampler | None = None
    parse: dict = field(default_factory=dict)
    rounds: dict[int, list[LevelResult]] = field(default_factory=dict)
    cpu: dict[int, dict[str, float]] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)

    @property
    def pids(self) -> dict[str, int]:
        return dict(self.running.pids)

    @property
    def headers(self) -> dict[str, str]:
        """The REST token of the stack under test (the starter bot needs none)."""
        return bearer_header(state=self.running.state) if self.running.state else {}

    def prepare(self) -> None:
        self.sampler = procs.MemorySampler(self.pids).start()
        warm = [m for c in self.conversations[:4] for m in c.messages][:10]
        asyncio.run(warm_up(self.running.url, warm, self.run_id, headers=self.headers))
        self.parse = asyncio.run(parse_timing(self.running.url, self.parse_texts,
                                              rasa_api_params(self.running.state)
                                              if self.running.state else None))
        print(f"{self.name}: /model/parse mean {self.parse['mean_ms']} ms, p50 "
              f"{self.parse['p50_ms']} ms, p95 {self.parse['p95_ms']} ms", flush=True)

    def level(self, level: int, duration: float, max_messages: int, think: float,
              profile_dir: Path | None = None) -> LevelResult:
        profilers = []
        if profile_dir is not None:
            for role, pid in self.pids.items():
                out = profile_dir / f"{self.name.replace(' ', '-')}-{role.replace(' ', '-')}.txt"
                proc = profiling.record(pid, duration, out)
                if proc is not None:
                    profilers.append((role, proc, out))
        before = {role: procs.cpu_seconds(pid) for role, pid in self.pids.items()}
        result = asyncio.run(closed_loop(self.running.url, self.conversations, level, duration,
                                         max_messages, f"{self.run_id}-l{level}-{len(self.rounds.get(level, []))}",
                                         think=think, headers=self.headers))
        spent = self.cpu.setdefault(level, {})
        for role, pid in self.pids.items():
            spent[role] = spent.get(role, 0.0) + procs.cpu_seconds(pid) - before[role]
        for role, proc, out in profilers:
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
            if out.exists():
                self.profiles[role] = str(out)
            else:
                err = proc.stderr.read().decode(errors="replace")[-300:] if proc.stderr else ""
                print(f"  (py-spy produced no profile for {role}: {err.strip()})")
        self.rounds.setdefault(level, []).append(result)
        print(f"  {self.name:12s} {level:>3} conversations, round {len(self.rounds[level])}: "
              f"{result.messages:>4} messages, {result.throughput:6.2f} msg/s, "
              f"p50 {result.summary()['p50_ms']} ms, p95 {result.summary()['p95_ms']} ms", flush=True)
        return result

    def summary(self) -> dict:
        levels = []
        for level, rounds in self.rounds.items():
            pooled = LevelResult(str(level), level, [s for r in rounds for s in r.samples],
                                 sum(r.wall for r in rounds))
            summary = pooled.summary()
            summary["rounds_messages_per_s"] = [round(r.throughput, 2) for r in rounds]
            summary["cpu_ms_per_message"] = {
                role: round(1000 * seconds / max(1, pooled.messages), 1)
                for role, seconds in self.cpu.get(level, {}).items()}
            levels.append(summary)
        peaks = self.sampler.stop() if self.sampler else {}
        return {"url": self.running.url, "parse": self.parse, "levels": levels,
                "peak_rss_mib": {role: procs.mib(v) for role, v in peaks.items()},
                "profiles": self.profiles}


def interleaved(subjects: list[Subject], levels: list[int], rounds: int, duration: float,
                max_messages: int, think: float, profile_dir: Path | None) -> None:
    """Each level, `rounds` times, each subject in turn: on a machine shared with other work,
    both bots then see the same background load (their figures are pooled over the rounds)."""
    for subject in subjects:
        subject.prepare()
    for level in levels:
        for round_index in range(rounds):
            for subject in subjects:
                profile = profile_dir if (level == TARGET_LEVEL and round_index == 0) else None
                subject.level(level, duration, max_messages, think, profile)


def measure_scale(model: Path, duration: float, max_messages: int, run_id: str,
                  workdir: Path, level: int = TARGET_LEVEL, tracker_type: str | None = None,
                  rounds: int = 2) -> dict:
    missing = missing_programs()
    if missing:
        return {"skipped": "not installed: " + ", ".join(missing) + " (scripts/install-system-deps.sh)"}
    state = Path(tempfile.mkdtemp(prefix="dvcbot-bench-scale-", dir="/tmp"))
    state.chmod(0o755)
    cluster = Cluster(ClusterConfig.with_free_ports(state, replicas=2, model=model,
                                                    tracker_type=tracker_type))
    print(f"scale-out: PostgreSQL + Redis + 2 replicas ({cluster.balancer_kind} balancer); starting...",
          flush=True)
    out: dict = {"balancer": cluster.balancer_kind}
    try:
        started = time.monotonic()
        cluster.up()
        out["start_seconds"] = round(time.monotonic() - started, 1)
        convs = conv.dvcbot_conversations(seed=11)
        headers = bearer_header(state=cluster.state)
        asyncio.run(warm_up(cluster.replica_urls[0], [m for c in convs[:3] for m in c.messages][:8], run_id,
                            headers=headers))
        asyncio.run(warm_up(cluster.replica_urls[1], [m for c in convs[3:6] for m in c.messages][:8], run_id,
                            headers=headers))
        targets = (("1 replica", cluster.replica_urls[0]), ("2 replicas", cluster.url))
        pooled = {name: LevelResult(name, level) for name, _ in targets}
        for round_index in range(rounds):
            for name, url in targets:
                result = asyncio.run(closed_loop(url, convs, level, duration, max_messages,
                                                 f"{run_id}-scale-{name[0]}-{round_index}",
                                                 headers=headers))
                pooled[name].samples += result.samples
                pooled[name].wall += result.wall
                print(f"  {name}, round {round_index + 1}: {result.throughput:.2f} msg/s", flush=True)
        for name, result in pooled.items():
            summary = result.summary()
            out[name] = summary
            print(f"  {name}: {summary['messages_per_s']:.2f} msg/s, p50 {summary['p50_ms']} ms, "
                  f"p95 {summary['p95_ms']} ms, failed {summary['failed']}, "
                  f"unanswered {summary['unanswered']}", flush=True)
        one, two = out["1 replica"]["messages_per_s"], out["2 replicas"]["messages_per_s"]
        out["speedup"] = round(two / one, 2) if one else None
    except (ClusterError, OSError) as error:
        out["error"] = str(error)
        print(f"  scale-out failed: {error}", file=sys.stderr)
    finally:
        cluster.down()
        shutil.rmtree(state, ignore_errors=True)
    return out


def report(results: dict) -> list[str]:
    """The comparison table and the verdict on the targets, as lines."""
    lines = []
    dv, ref = results.get("dvcbot"), results.get("reference")
    lines.append("")
    lines.append(f"machine: {results['machine_before']['cpus']} CPUs, load average "
                 f"{results['machine_before']['load1']} before / {results['machine_after']['load1']} after")
    header = f"{'':24s}{'dvcbot':>22s}" + (f"{'starter bot':>22s}{'ratio':>8s}" if ref else "")
    lines.append(header)

    def row(label: str, a, b=None, ratio=True):
        text = f"{label:24s}{str(a):>22s}"
        if ref:
            r = ""
            if ratio and isinstance(a, (int, float)) and isinstance(b, (int, float)) and b:
                r = f"{a / b:.2f}"
            text += f"{str(b):>22s}{r:>8s}"
        lines.append(text)

    for i, level in enumerate(dv["levels"]):
        rl = ref["levels"][i] if ref and i < len(ref["levels"]) else {}
        n = level["conversations"]
        row(f"{n} conv msg/s", level["messages_per_s"], rl.get("messages_per_s"))
        row(f"{n} conv p50/p95/p99 ms", f"{level['p50_ms']}/{level['p95_ms']}/{level['p99_ms']}",
            f"{rl.get('p50_ms')}/{rl.get('p95_ms')}/{rl.get('p99_ms')}" if rl else None, ratio=False)
        row(f"{n} conv failed", level["failed"] + level["unanswered"],
            (rl.get("failed", 0) + rl.get("unanswered", 0)) if rl else None, ratio=False)
        cpu, rcpu = level.get("cpu_ms_per_message") or {}, (rl.get("cpu_ms_per_message") or {}) if rl else {}
        row(f"{n} conv CPU ms/msg", round(sum(cpu.values()), 1) if cpu else None,
            round(sum(rcpu.values()), 1) if rcpu else None)
    row("parse p50 ms", dv["parse"]["p50_ms"], ref["parse"]["p50_ms"] if ref else None)
    row("training s", results.get("training_seconds"), results.get("reference_training_seconds"))
    for role in ("rasa server", "action server"):
        row(f"peak RSS {role} MiB", dv["peak_rss_mib"].get(role),
            ref["peak_rss_mib"].get(role) if ref else None)
    scale = results.get("scale")
    if scale and "1 replica" in scale:
        lines.append(f"scale-out (20 conv, PostgreSQL + Redis, {scale['balancer']}): 1 replica "
                     f"{scale['1 replica']['messages_per_s']} msg/s -> 2 replicas "
                     f"{scale['2 replicas']['messages_per_s']} msg/s (x{scale['speedup']})")
    elif scale:
        lines.append(f"scale-out: {scale.get('skipped') or scale.get('error')}")
    if results.get("think_s"):
        lines.append(f"citizens paced at {results['think_s']} s between messages (no verdict on the "
                     "targets, which are defined without pacing: run without --think)")
        return lines
    target = next((l for l in dv["levels"] if l["conversations"] == TARGET_LEVEL), None)
    ref_target = next((l for l in (ref or {}).get("levels", []) if l["conversations"] == TARGET_LEVEL), None)
    if target:
        p95_ok = target["p95_ms"] is not None and target["p95_ms"] < TARGET_P95_MS
        lines.append(f"target p95 < {TARGET_P95_MS:.0f} ms at {TARGET_LEVEL} conversations: "
                     f"{'met' if p95_ok else 'NOT met'} ({target['p95_ms']} ms)")
        if ref_target:
            tp_ok = target["messages_per_s"] >= ref_target["messages_per_s"]
            lines.append(f"target throughput >= starter bot at {TARGET_LEVEL} conversations: "
                         f"{'met' if tp_ok else 'NOT met'} ({target['messages_per_s']} vs "
                         f"{ref_target['messages_per_s']} msg/s)")
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot bench load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", default="1,20,100", help="simultaneous conversations per level")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per level and round")
    parser.add_argument("--rounds", type=int, default=2,
                        help="each level this many times, dvcbot and the starter bot alternately")
    parser.add_argument("--max-messages", type=int, default=3000, help="cap per level")
    parser.add_argument("--quick", action="store_true", help="10 s per level, 1 and 20 conversations")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a citizen reads and types between messages (default 0: "
                             "send at once, which measures capacity; the targets assume 0)")
    parser.add_argument("--model", type=Path, default=None, help="default models/dvcbot.tar.gz")
    parser.add_argument("--no-reference", action="store_true", help="skip Rasa's starter bot")
    parser.add_argument("--retrain-reference", action="store_true", help="train the starter bot again")
    parser.add_argument("--no-scale", action="store_true", help="skip the 1 -> 2 replicas measurement")
    parser.add_argument("--profile", action="store_true",
                        help="py-spy profiles of both servers during the 20-conversation level")
    parser.add_argument("--json", type=Path, default=None, help="default var/bench/load-latest.json")
    parser.add_argument("--stack", choices=["run", "cluster"], default="run",
                        help="run: dvcbot as `dvcbot run` starts it (default); cluster: the same "
                             "servers started by the scale-out harness, where --tracker-type applies")
    parser.add_argument("--tracker-type", default=None,
                        help="with --stack cluster: the tracker store class to measure")
    args = parser.parse_args(argv)

    if args.quick:
        args.duration, args.levels, args.rounds = 10.0, "1,20", 1
    levels = [int(x) for x in args.levels.split(",") if x.strip()]
    model = args.model or models_dir() / "dvcbot.tar.gz"
    if not model.exists():
        print(f"dvcbot bench load: no model at {model}; run `make train` (dvcbot train) first",
              file=sys.stderr)
        return 2
    bench_dir = REPO_ROOT / "var" / "bench"
    run_id = f"bench{int(time.time())}"
    work = Path(tempfile.mkdtemp(prefix="dvcbot-bench-"))
    profile_dir = bench_dir / f"profile-{run_id}" if args.profile else None
    results: dict = {"model": str(model), "levels": levels, "duration_s": args.duration,
                     "rounds": args.rounds,
                     "think_s": args.think,
                     "machine_before": machine(), "training_seconds": training_seconds(model)}
    print(f"machine: {results['machine_before']}", flush=True)
    subjects: list[Subject] = []
    try:
        if args.stack == "cluster":
            print(f"dvcbot: starting one replica with the scale-out harness (tracker store "
                  f"{args.tracker_type or 'as endpoints.yml'})...", flush=True)
            running = start_single_replica(model, work / "dvcbot", args.tracker_type)
            results["stack"] = {"kind": "cluster", "tracker_type": args.tracker_type}
        else:
            print("dvcbot: starting `dvcbot run` (loading the model takes a minute)...", flush=True)
            running = start_dvcbot(model, work / "dvcbot")
            results["stack"] = {"kind": "dvcbot run"}
        subjects.append(Subject("dvcbot", running, conv.dvcbot_conversations(),
                                conv.parse_messages(), run_id))
        if not args.no_reference:
            project, seconds, trained = prepare_reference(bench_dir, args.retrain_reference)
            results["reference_training_seconds"] = round(seconds, 1)
            print(f"starter bot: {project} ({'trained now' if trained else 'trained earlier'} in "
                  f"{seconds:.0f} s); starting...", flush=True)
            subjects.append(Subject("starter bot", start_reference(project, work / "reference"),
                                    conv.reference_conversations(project),
                                    conv.reference_parse_messages(project), run_id + "r"))
        interleaved(subjects, levels, args.rounds, args.duration, args.max_messages, args.think,
                    profile_dir)
        results["dvcbot"] = subjects[0].summary()
        if len(subjects) > 1:
            results["reference"] = subjects[1].summary()
        for subject in subjects:
            subject.running.stop()
        subjects = []
        if not args.no_scale:
            results["scale"] = measure_scale(model, args.duration, args.max_messages, run_id, work,
                                             tracker_type=args.tracker_type, rounds=args.rounds)
    except StackError as error:
        print(f"dvcbot bench load: {error}", file=sys.stderr)
        return 1
    finally:
        for subject in subjects:
            subject.running.stop()
        shutil.rmtree(work, ignore_errors=True)
    results["machine_after"] = machine()
    if profile_dir is not None:
        results["profile_summary"] = {}
        for stack in ("dvcbot", "reference"):
            for role, path in (results.get(stack) or {}).get("profiles", {}).items():
                results["profile_summary"][f"{stack} {role}"] = profiling.summarize(Path(path))
    lines = report(results)
    print("\n".join(lines))
    if profile_dir is not None:
        for name, summary in results["profile_summary"].items():
            print(f"\nprofile {name} ({summary['busy_samples']} busy samples): % of busy time by area")
            for label, pct in summary["areas"]:
                print(f"  {pct:5.1f}  {label}")
            print("  where it ends (self time):")
            for label, pct in summary["self"][:8]:
                print(f"  {pct:5.1f}  {label}")
    out = args.json or bench_dir / "load-latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\nresults: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
