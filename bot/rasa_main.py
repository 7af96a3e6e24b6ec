"""`python -m bot.rasa_main run ...`: `rasa run ...` with the HTTP API token from the environment.

Rasa takes its API token only as `--auth-token` on the command line, where every local user can
read it (/proc/<pid>/cmdline, `ps`). This wrapper adds it to Rasa's own argument list inside the
process, from DVCBOT_RASA_API_TOKEN, so it is never on the command line. Everything else is
Rasa's CLI unchanged.
"""

from __future__ import annotations

import sys

from bot.tokens import RASA_API_TOKEN, read_token


def main() -> None:
    args = sys.argv[1:]
    token = read_token(RASA_API_TOKEN)
    if args[:1] == ["run"] and not any(a.split("=")[0] in ("--auth-token", "-t") for a in args):
        if not token:
            raise SystemExit(f"bot.rasa_main: set {RASA_API_TOKEN.env}: Rasa's HTTP API is never "
                             "served without a token")
        args.append(f"--auth-token={token}")   # "=": a token may begin with "-"
    sys.argv = ["rasa", *args]
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
