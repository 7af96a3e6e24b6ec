"""`python -m bot.action_server --actions actions --port 5055`: rasa-sdk's action server, on
loopback only and for Rasa only.

rasa-sdk listens on SANIC_HOST (default 0.0.0.0) and runs any action for any caller, with a
tracker the caller supplies (the review's M1: open tickets for anyone, look up dossiers with
any phone digits). This wrapper:
  - listens on 127.0.0.1, whatever SANIC_HOST says, and says so at start-up;
  - requires `Authorization: Bearer <DVCBOT_ACTIONS_TOKEN>` on every route but /health (Rasa
    sends it: action_endpoint.headers in the endpoints file `dvcbot run` writes);
  - answers a failed action 500 without rasa-sdk's `request_body` (the whole conversation),
    so that Rasa never logs it (M7).
"""

from __future__ import annotations

import json
import logging
import os
import sys

from bot.tokens import ACTIONS_TOKEN, bearer_refusal, read_token

logger = logging.getLogger("bot.action_server")
LOOPBACK = "127.0.0.1"


def protect(app, token: str | None) -> None:
    """Add the token check and the 500 redaction to a rasa-sdk Sanic app."""
    from sanic import response

    @app.middleware("request")
    async def require_token(request):
        if request.path.rstrip("/") == "/health":
            return None
        refused = bearer_refusal(request.headers.get("Authorization"), token)
        if refused is not None:
            logger.warning("action server: call to %s refused (%s)", request.path, refused)
            return response.json({"error": "action server: token required"}, status=refused)
        return None

    @app.middleware("response")
    async def redact_failures(request, reply):
        if reply.status >= 500 and reply.body:
            try:
                body = json.loads(reply.body)
            except ValueError:
                return None
            if isinstance(body, dict) and "request_body" in body:
                return response.json({"error": str(body.get("error") or "")[:200]},
                                     status=reply.status)
        return None


def main() -> None:
    import rasa_sdk.endpoint as endpoint

    token = read_token(ACTIONS_TOKEN)
    if not token:
        raise SystemExit(f"bot.action_server: set {ACTIONS_TOKEN.env} (dvcbot run generates one)")
    os.environ["SANIC_HOST"] = LOOPBACK
    # the hand-off's Zalo sender is a Rasa output channel: importing Rasa's channels takes
    # ~0.6 s, paid here at start-up rather than by the first citizen who asks for a person
    import bot.messaging.zalo  # noqa: F401
    make_app = endpoint.create_app

    def create_app(*args, **kwargs):
        app = make_app(*args, **kwargs)
        protect(app, token)
        return app

    endpoint.create_app = create_app
    port = sys.argv[sys.argv.index("--port") + 1] if "--port" in sys.argv else "5055"
    print(f"action server: listening on {LOOPBACK}:{port} only (loopback); every call but "
          f"/health needs {ACTIONS_TOKEN.env}", flush=True)
    sys.argv = ["rasa_sdk", *sys.argv[1:]]
    import rasa_sdk.__main__

    rasa_sdk.__main__.main()


if __name__ == "__main__":
    main()
