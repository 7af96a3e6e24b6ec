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


def with_api_token(args: list[str]) -> list[str]:
    """`rasa run` arguments with Rasa's HTTP API token from DVCBOT_RASA_API_TOKEN (M1 of the
    security review): Rasa takes it only as --auth-token, which this adds inside the process,
    so it is never on the command line (/proc/<pid>/cmdline). `dvcbot run` always sets it."""
    from bot.core.settings import settings

    if args[:1] != ["run"] or args[1:2] == ["actions"]:
        return args
    if any(a.split("=")[0] in ("--auth-token", "-t") for a in args):
        return args
    token = settings().rasa.api_token
    return [*args, f"--auth-token={token}"] if token else args   # "=": it may begin with "-"


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
    sys.argv = ["rasa", *with_api_token(args)]
    from rasa.__main__ import main as rasa_main

    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
