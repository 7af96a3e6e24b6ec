"""The frozen held-out set of receipt photos (issue #16): never used for tuning the reader.

    dvcbot bench receipt --heldout           # read the 264 images, print the figures and targets
    python -m bot.receipt.heldout --freeze   # (once) write heldout.yml; never re-run to tune

``heldout.yml`` lists, for each image, the code, the symbol (QR code, Code 128 or none), the
photo conditions (rotation up to 15°, perspective, blur, low light, glare, a fold, print-and-scan
noise, always JPEG quality 40) and the SHA-256 of the photo's bytes, so the set is the same on
every run: an image that comes out different (another Pillow or numpy) is counted and reported.
The images are drawn again from the list rather than stored (264 JPEG files would weigh ~15 MB).

Targets: QR code / barcode receipts read right ≥ 98 %; printed code only (OCR) exact ≥ 90 %;
a wrong code shown to the citizen ≤ 0.5 % (a code offered for a plain yes that is not the
receipt's; a wrong code behind a "last 4 digits" question cannot be confirmed by the citizen's
digits unless only those differ, and is counted separately).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import yaml

from bot.receipt import CONFIRM, ocr_unavailable_reason, read_receipt
from bot.receipt.synth import draw_receipt, photograph, random_code

MANIFEST = Path(__file__).with_name("heldout.yml")
SEED = 20261201
PER_SYMBOL = 80
BLANKS = 24
JPEG_QUALITY = 40
TARGETS = {"symbol_right": 0.98, "ocr_exact": 0.90, "wrong_shown": 0.005}


def conditions(rng: random.Random) -> dict:
    """The photo conditions of the held-out set (also `dvcbot bench receipt --hard`, to tune on)."""
    return dict(rotate=round(rng.uniform(-15, 15), 2),
                perspective=round(rng.choice([0, 0, 0.03, 0.06]), 3),
                blur=rng.choice([0, 0, 0.6, 1.0, 1.4]),
                scale=round(rng.uniform(0.55, 1.1), 3),
                dim=round(rng.choice([1.0, 1.0, 0.75, 0.55]), 2),
                glare=round(rng.choice([0, 0, 0, 0.35, 0.6]), 2),
                fold=rng.random() < 0.3, print_scan=rng.random() < 0.4,
                noise=rng.choice([0, 0, 4, 8]), jpeg_quality=JPEG_QUALITY)


@dataclass(frozen=True)
class Item:
    name: str
    code: Optional[str]
    symbol: Optional[str]
    page_seed: int
    conditions: dict
    sha256: str

    def photo(self) -> bytes:
        return photograph(draw_receipt(self.code, self.symbol, seed=self.page_seed),
                          seed=self.page_seed, **self.conditions)


def freeze(path: Path = MANIFEST) -> int:
    """Draw the set once and write its list (refuses to overwrite a frozen one)."""
    if path.exists():
        print(f"{path} exists: the held-out set is frozen; delete it only to start a new one",
              file=sys.stderr)
        return 1
    rng = random.Random(SEED)
    items = []
    for index in range(PER_SYMBOL * 3 + BLANKS):
        symbol = ("qr", "code128", None)[index % 3] if index < PER_SYMBOL * 3 else None
        code = random_code(rng) if index < PER_SYMBOL * 3 else None
        draft = Item(f"heldout-{index:03d}", code, symbol, rng.randint(0, 10**7), conditions(rng), "")
        digest = hashlib.sha256(draft.photo()).hexdigest()
        items.append({"name": draft.name, "code": code, "symbol": symbol,
                      "page_seed": draft.page_seed, "conditions": draft.conditions,
                      "sha256": digest})
    header = ("# Frozen held-out receipt photos (bot/receipt/heldout.py). Do not edit, do not tune\n"
              "# the reader on them: `dvcbot bench receipt --heldout` reports the figures.\n")
    path.write_text(header + yaml.safe_dump({"seed": SEED, "items": items}, sort_keys=False,
                                            allow_unicode=True), encoding="utf-8")
    print(f"wrote {len(items)} items to {path}")
    return 0


def load(path: Path = MANIFEST) -> List[Item]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Item(i["name"], i["code"], i["symbol"], int(i["page_seed"]), dict(i["conditions"]),
                 i["sha256"]) for i in data["items"]]


def evaluate(path: Path = MANIFEST) -> int:
    """Read every held-out image; print the figures against the targets (exit 1 if missed)."""
    missing = ocr_unavailable_reason()
    if missing:
        print(f"bench receipt --heldout: OCR unavailable ({missing}); printed codes will be missed")
    outcome: dict = defaultdict(Counter)
    changed, times = 0, []
    for item in load(path):
        photo = item.photo()
        changed += hashlib.sha256(photo).hexdigest() != item.sha256
        started = time.perf_counter()
        reading = read_receipt(photo)
        times.append(time.perf_counter() - started)
        group = {"qr": "qr", "code128": "barcode", None: "printed only"}[item.symbol]
        if item.code is None:
            group = "no code"
        if reading.code is None:
            result = "none"
        elif reading.code != item.code:
            result = "wrong, confirm" if reading.confidence == CONFIRM else "wrong, ask digits"
        else:
            result = "right, confirm" if reading.confidence == CONFIRM else "right, ask digits"
        outcome[group][result] += 1
        if item.code is not None:
            outcome["all"][result] += 1
    print(f"receipt held-out set: {sum(outcome['all'].values())} receipts + "
          f"{sum(outcome['no code'].values())} pages with no code ({path.name})")
    for group in ("qr", "barcode", "printed only", "all", "no code"):
        counts, total = outcome[group], sum(outcome[group].values())
        if total:
            print(f"  {group:13} n={total:3}  " + "  ".join(
                f"{key} {counts[key] / total:6.1%}" for key in
                ("right, confirm", "right, ask digits", "none", "wrong, confirm",
                 "wrong, ask digits")))
    symbols = outcome["qr"] + outcome["barcode"]
    symbol_right = (symbols["right, confirm"] + symbols["right, ask digits"]) / max(1, sum(symbols.values()))
    ocr = outcome["printed only"]
    ocr_exact = (ocr["right, confirm"] + ocr["right, ask digits"]) / max(1, sum(ocr.values()))
    shown = sum(outcome[g]["wrong, confirm"] for g in outcome if g != "all")
    wrong_shown = shown / max(1, sum(sum(outcome[g].values()) for g in outcome if g != "all"))
    figures = {"symbol_right": symbol_right, "ocr_exact": ocr_exact, "wrong_shown": wrong_shown}
    met = {"symbol_right": symbol_right >= TARGETS["symbol_right"],
           "ocr_exact": ocr_exact >= TARGETS["ocr_exact"],
           "wrong_shown": wrong_shown <= TARGETS["wrong_shown"]}
    names = {"symbol_right": "QR code / barcode read right", "ocr_exact": "printed code only, exact",
             "wrong_shown": "wrong code shown for a yes"}
    for key, name in names.items():
        sign = "≤" if key == "wrong_shown" else "≥"
        print(f"  {name}: {figures[key]:.1%} (target {sign} {TARGETS[key]:.1%}) "
              f"{'met' if met[key] else 'MISSED'}")
    print(f"  time per image: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms")
    if changed:
        print(f"  note: {changed} image(s) differ from the frozen bytes (other Pillow/numpy?)")
    return 0 if all(met.values()) else 1


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.receipt.heldout", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--freeze", action="store_true", help="write heldout.yml (once)")
    args = parser.parse_args(argv)
    return freeze() if args.freeze else evaluate()


if __name__ == "__main__":
    sys.exit(main())
