"""`dvcbot bench catalog`: the catalogue search on held-out citizen phrasings.

    dvcbot bench catalog                 # nlu_data/catalog/held_out.yml: top-1, top-3, latency
    dvcbot bench catalog --set dev       # the development set (the one to tune on)
    dvcbot bench catalog --errors 20     # also list the phrasings whose record is not in the top 3
    dvcbot bench catalog --check         # exit 1 below the target (top-3 >= 0.90)

A phrasing is right at rank k when one of the first k candidates has one of its expected codes
(or is one of its expected curated keys). A phrasing that expects nothing (`codes: []`) is right
when the search returns nothing. Latency is the wall time of `knowledge.catalog.search` per query,
after one warm-up query (the index is built once per process).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
SETS = {"held_out": REPO / "nlu_data" / "catalog" / "held_out.yml",
        "dev": REPO / "nlu_data" / "catalog" / "dev.yml"}
TARGET_TOP3 = 0.90


def load_queries(path: Path) -> list[dict]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for q in doc.get("queries") or []:
        out.append({"text": str(q["text"]), "codes": [str(c) for c in q.get("codes") or []],
                    "keys": [str(k) for k in q.get("keys") or []]})
    return out


def rank_of(query: dict, candidates) -> int | None:
    """1-based rank of the first right candidate; 0 when nothing was expected and nothing came."""
    if not query["codes"] and not query["keys"]:
        return 0 if not candidates else None
    for i, c in enumerate(candidates, 1):
        if (c.code and c.code in query["codes"]) or (c.curated and c.key_or_code in query["keys"]) \
                or (not c.curated and c.key_or_code in query["codes"]):
            return i
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot bench catalog", description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="held_out")
    parser.add_argument("--file", type=Path, help="score this YAML file instead")
    parser.add_argument("--errors", type=int, default=0, metavar="N")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when top-3 < {TARGET_TOP3}")
    args = parser.parse_args(argv)

    from knowledge.catalog import Catalog, search

    path = args.file or SETS[args.set]
    queries = load_queries(path)
    if not queries:
        print(f"no queries in {path}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    Catalog.open()._build_index()
    search("dang ky khai sinh")
    warmup = time.perf_counter() - started
    top1 = top3 = 0
    latencies = []
    errors = []
    for q in queries:
        t0 = time.perf_counter()
        candidates = search(q["text"], limit=5)
        latencies.append((time.perf_counter() - t0) * 1000)
        rank = rank_of(q, candidates)
        top1 += rank is not None and rank <= 1
        top3 += rank is not None and rank <= 3
        if rank is None or rank > 3:
            errors.append((q, candidates))
    n = len(queries)
    latencies.sort()
    p95 = latencies[min(n - 1, int(round(0.95 * (n - 1))))]
    figures = {"set": str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path), "queries": n,
               "top1": top1 / n, "top3": top3 / n, "latency_ms_median": statistics.median(latencies),
               "latency_ms_p95": p95, "latency_ms_max": latencies[-1], "index_build_s": warmup}
    print(f"catalogue search benchmark: {n} phrasings ({figures['set']})")
    print(f"  top-1  {figures['top1']:.3f}")
    print(f"  top-3  {figures['top3']:.3f}   (target >= {TARGET_TOP3:.2f})")
    print(f"  latency per query: median {figures['latency_ms_median']:.1f} ms, p95 {p95:.1f} ms, "
          f"max {latencies[-1]:.1f} ms (index built in {warmup:.2f} s)")
    if args.errors and errors:
        print("\nnot in the top 3 (expected -> got):")
        for q, cands in errors[: args.errors]:
            got = ", ".join(f"{c.key_or_code} {c.score:.2f}" for c in cands[:3]) or "nothing"
            print(f"  {q['text']!r}: {'/'.join(q['codes'] + q['keys']) or 'nothing'} -> {got}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if figures["top3"] < TARGET_TOP3:
        print(f"\ntarget missed: top-3 {figures['top3']:.3f} < {TARGET_TOP3}")
        return 1 if args.check else 0
    print("\ntarget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
