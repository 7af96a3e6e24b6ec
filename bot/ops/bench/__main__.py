"""`python -m bot.ops.bench load|fuzz|cluster ...`: the same as `dvcbot bench load|fuzz`."""

from __future__ import annotations

import importlib
import sys

MODULES = {"load": "bot.ops.bench.load", "fuzz": "bot.ops.bench.fuzz",
           "cluster": "bot.ops.cluster"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in MODULES:
        print("usage: python -m bot.ops.bench {load|fuzz|cluster} [options]", file=sys.stderr)
        return 2
    return int(importlib.import_module(MODULES[argv[0]]).main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
