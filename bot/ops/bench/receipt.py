"""`dvcbot bench receipt`: reading dossier codes from generated receipt photos.

    dvcbot bench receipt                # 60 receipts (+ 6 pages with no code), seed 16
    dvcbot bench receipt --n 200 --seed 3 --check

A third of the receipts carry a QR code, a third a Code 128 barcode, a third only the printed
code (the OCR path). Each is "photographed" (bot.receipt.synth): turned by up to 15 degrees,
blurred, scaled to 55-110 %, darkened, noised and saved as JPEG at quality 35-90. Printed: the
share read right and shown for a yes, the share read right but asked for the last 4 digits,
the wrong codes (a code that is not the receipt's: must be 0), the share with none, per path,
and the time per image. Pages with only the phone, CCCD and dates must give no code.
``--check`` exits 1 when a wrong code was read.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter, defaultdict
from typing import List, Optional


def conditions(rng: random.Random) -> dict:
    return dict(rotate=rng.uniform(-15, 15), blur=rng.choice([0, 0, 0.6, 1.0, 1.4]),
                scale=rng.uniform(0.55, 1.1), jpeg_quality=rng.randint(35, 90),
                dim=rng.uniform(0.7, 1.0), noise=rng.choice([0, 0, 4, 8]))


def main(argv: Optional[List[str]] = None) -> int:
    from bot.receipt import CONFIRM, ocr_unavailable_reason, read_receipt
    from bot.receipt.synth import draw_receipt, photograph, random_code

    parser = argparse.ArgumentParser(prog="dvcbot bench receipt", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=60, help="receipts with a code (default 60)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--check", action="store_true", help="exit 1 on any wrong code")
    args = parser.parse_args(argv)
    missing = ocr_unavailable_reason()
    if missing:
        print(f"bench receipt: OCR unavailable ({missing}); the OCR path will find nothing")
    rng = random.Random(args.seed)
    kinds = ["qr", "code128", None]
    outcome: dict = defaultdict(Counter)
    methods: Counter = Counter()
    times: List[float] = []
    wrongs: List[str] = []  # synthetic codes: fine to print
    for index in range(args.n):
        symbol = kinds[index % 3]
        path = {"qr": "qr", "code128": "barcode", None: "printed only"}[symbol]
        code = random_code(rng)
        photo = photograph(draw_receipt(code, symbol, seed=rng.randint(0, 10**6)),
                           seed=index, **conditions(rng))
        started = time.perf_counter()
        reading = read_receipt(photo)
        times.append(time.perf_counter() - started)
        if reading.code is None:
            result = "none"
        elif reading.code != code:
            result = "wrong"
            wrongs.append(f"{code} read {reading.code} ({reading.method}, {reading.confidence}, "
                          f"confidence {reading.ocr_confidence}, repaired {reading.repaired}, "
                          f"doubts {reading.doubts})")
        else:
            result = "right, confirm" if reading.confidence == CONFIRM else "right, ask digits"
        if reading.code is not None:
            methods[reading.method] += 1
        outcome[path][result] += 1
        outcome["all"][result] += 1
    false_codes = 0
    blanks = max(6, args.n // 10)
    for index in range(blanks):
        photo = photograph(draw_receipt(None, None, seed=10**7 + index), seed=index,
                           **conditions(rng))
        false_codes += read_receipt(photo).code is not None
    print(f"receipt bench: {args.n} receipts, seed {args.seed}")
    for path in ("qr", "barcode", "printed only", "all"):
        counts, total = outcome[path], sum(outcome[path].values())
        if not total:
            continue
        share = lambda key: f"{counts[key] / total:6.1%}"  # noqa: E731
        print(f"  {path:13} n={total:3}  right+confirm {share('right, confirm')}  "
              f"right+ask digits {share('right, ask digits')}  none {share('none')}  "
              f"wrong {counts['wrong']}")
    print(f"  read by: {dict(methods)}")
    for line in wrongs:
        print(f"  WRONG: {line}")
    print(f"  pages with no code (phone, CCCD, dates only): {blanks}, codes found on them: "
          f"{false_codes}")
    print(f"  time per image: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms")
    wrong = outcome["all"]["wrong"] + false_codes

    if args.check and wrong:
        print(f"bench receipt: {wrong} wrong code(s)")
        return 1
    return 0
