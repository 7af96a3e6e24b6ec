"""The shared secrets that protect dvcbot's non-public entry points (no Rasa import here).

- the REST channel's bearer token (`DVCBOT_REST_TOKEN`, else `var/rest-token`);
- Rasa's HTTP API token (`DVCBOT_RASA_API_TOKEN`, else `var/rasa-api-token`), which the poller
  and the tests send to Rasa's `/conversations/...` routes (Rasa reads it as `?token=`);
- the action server's token (`DVCBOT_ACTIONS_TOKEN`), which Rasa sends to the action server
  as `Authorization: Bearer` (endpoints: action_endpoint.headers).

`dvcbot run` generates each token that is not set in the environment, once per run, into the
state directory (mode 600), and gives it to the processes it starts through the environment
(never on a command line). Local tools (the terminal chat, benchmarks, scripts, tests) read it
with `read_token`.
"""

from __future__ import annotations

import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from bot.core.settings import settings
from bot.paths import state_dir


@dataclass(frozen=True)
class TokenSetting:
    env: str
    file_name: str
    what: str


REST_TOKEN = TokenSetting("DVCBOT_REST_TOKEN", "rest-token", "REST channel token")
RASA_API_TOKEN = TokenSetting("DVCBOT_RASA_API_TOKEN", "rasa-api-token", "Rasa HTTP API token")
ACTIONS_TOKEN = TokenSetting("DVCBOT_ACTIONS_TOKEN", "actions-token", "action server token")


def token_file(setting: TokenSetting, state: Path | None = None) -> Path:
    return (state or state_dir()) / setting.file_name


def read_token(setting: TokenSetting, env: dict[str, str] | None = None,
               state: Path | None = None) -> str | None:
    """The token from the environment, else from its file in the state directory, else None."""
    value = (env.get(setting.env) or "").strip() if env is not None else settings().value(setting.env)
    if value:
        return value
    try:
        value = token_file(setting, state).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return value or None


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` readable by its owner only (created 600, never wider)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)


def ensure_token(setting: TokenSetting, env: dict[str, str], state: Path,
                 reuse_file: bool = False) -> tuple[str, bool]:
    """(token, generated): the environment's token, or a new one written to its file (mode 600).

    Generated tokens are new for every run (a token from an earlier run stops working), unless
    `reuse_file` (a harness whose servers outlive one command, e.g. the scale-out cluster)."""
    value = (env.get(setting.env) or "").strip()
    if value:
        return value, False
    if reuse_file:
        value = read_token(setting, env={}, state=state) or ""
        if value:
            return value, False
    value = secrets.token_urlsafe(32)
    write_private(token_file(setting, state), value + "\n")
    return value, True


def bearer_refusal(authorization: str | None, token: str | None) -> int | None:
    """None when `Authorization: Bearer <token>` is right; else the HTTP status to answer:
    401 when no bearer token was presented, 403 when it is wrong (or none is configured)."""
    if not authorization:
        return 401
    scheme, _, presented = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        return 401
    if not token:
        return 403
    if not hmac.compare_digest(presented.strip().encode("utf-8"), token.encode("utf-8")):
        return 403
    return None


def bearer_header(setting: TokenSetting = REST_TOKEN, state: Path | None = None) -> dict[str, str]:
    """{"Authorization": "Bearer <token>"} for a local tool (the token of the stack whose state
    directory is `state`, default this process's), or {} when no token is known."""
    token = read_token(setting, state=state)
    return {"Authorization": f"Bearer {token}"} if token else {}


def rasa_api_params(state: Path | None = None) -> dict[str, str]:
    """{"token": ...} for a local tool calling Rasa's HTTP API, or {} when none is known."""
    token = read_token(RASA_API_TOKEN, state=state)
    return {"token": token} if token else {}
