"""`dvcbot receipt IMAGE...`: the dossier code on each receipt photo, and how it was read.

    dvcbot receipt giay-hen.jpg scan2.png     # one line per image
    dvcbot receipt --json *.jpg               # one JSON object per line

For operators checking a batch of photos, and for tests. Exit status 0 when every image gave
a code, 1 when any gave none (the reason is printed with the text the citizen would get).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List, Optional

from bot.receipt import (MAX_BYTES, UNREADABLE, ReceiptReading, ocr_unavailable_reason,
                         read_receipt, refuse_size)


def read_file(path: Path) -> ReceiptReading:
    """The reading of one image file (read whole only when its size is within the limit)."""
    try:
        refused = refuse_size(path.stat().st_size)
        if refused:
            return refused
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return ReceiptReading(reason=UNREADABLE)
    return read_receipt(data)


def describe(path: str, reading: ReceiptReading) -> str:
    if reading.ok:
        how = {"qr": "QR code", "barcode": "barcode", "ocr": "OCR"}[reading.method]
        sure = ("confirm" if reading.confidence == "confirm"
                else "not sure: ask the last 4 digits")
        extra = f", repaired {' '.join(reading.repaired)}" if reading.repaired else ""
        extra += f", {', '.join(reading.doubts)}" if reading.doubts else ""
        return f"{path}: {reading.code}  ({how}, {sure}{extra})"
    return f"{path}: no code ({reading.reason}): {reading.message()}"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="dvcbot receipt",
        description="Read the dossier code on receipt photos (QR code, barcode, else OCR).")
    parser.add_argument("images", nargs="+", type=Path, help="JPEG, PNG or WebP files")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args(argv)
    missing_ocr = ocr_unavailable_reason()
    if missing_ocr and not args.json:
        print(f"note: OCR unavailable ({missing_ocr}); only QR codes and barcodes are read",
              file=sys.stderr)
    failed = 0
    for path in args.images:
        reading = read_file(path)
        failed += not reading.ok
        if args.json:
            record = {"image": str(path), **reading.to_dict(),
                      "message": reading.message()}
            print(json.dumps(record, ensure_ascii=False), flush=True)
        else:
            print(describe(str(path), reading), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
