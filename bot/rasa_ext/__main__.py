"""`python -m bot.rasa_ext run ...`: Rasa's own CLI (`rasa run ...`), started only once
bot.rasa_ext is installed and the stores of the endpoints file are known to import.

This is how `dvcbot run` and the scale-out cluster start the Rasa server. When install() refuses
(another Rasa version) or the endpoints file names a store class that does not import, it
prints why (file, line and field) and exits with status 2 before Rasa loads anything: the
server never starts with conversations kept in memory.
"""

from __future__ import annotations

import sys
from typing import Optional

COMMANDS_WITH_ENDPOINTS = {"run", "shell"}


def main(argv: Optional[list[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from bot.rasa_ext import RasaExtError, install
    from bot.rasa_ext.endpoints import check_endpoints, endpoints_argument

    try:
        installed = install()
        if args[:1] and args[0] in COMMANDS_WITH_ENDPOINTS and args[1:2] != ["actions"]:
            check_endpoints(endpoints_argument(args))
    except RasaExtError as error:
        print(f"dvcbot: the Rasa server was not started:\n{error}", file=sys.stderr, flush=True)
        return 2
    print("dvcbot: Rasa extensions installed: " + "; ".join(installed), flush=True)
    sys.argv = ["rasa", *args]
    from rasa.__main__ import main as rasa_main

    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
