"""`dvcbot zalo`: look after the Zalo Official Account connection.

    dvcbot zalo --status         token state (never the tokens) and the outbox: answers not
                                 delivered yet or refused, for the volunteers' hand-off report
    dvcbot zalo --set-tokens     store ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN from the
                                 environment, replacing the stored pair (after authorizing the
                                 OA again); tokens are read from the environment, not the
                                 command line, so they stay out of the shell history
    dvcbot zalo --refresh        refresh the access token now (checks ZALO_APP_SECRET)
    dvcbot zalo --retry-outbox   try again every pending answer that has a retry time

Settings: ZALO_APP_ID, ZALO_OA_SECRET_KEY, ZALO_APP_SECRET, ZALO_API_BASE_URL,
ZALO_OAUTH_BASE_URL, DVCBOT_DATABASE_URL (as for the Rasa server).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time

import httpx
from sqlalchemy.engine import make_url

from bot.channels.base import sender_ref
from bot.channels.store import database_url
from bot.channels.zalo_api import Outbox
from bot.channels.zalo_tokens import TokenManager, TokenStore, ZaloAuthError
from bot.core.settings import settings


def _env(name: str) -> str | None:
    return settings().value(name)


def status(app_id: str) -> int:
    state = TokenStore(app_id).load()
    print(f"database: {make_url(database_url()).render_as_string(hide_password=True)}")
    if state is None:
        print("tokens: none stored (they are stored from ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN "
              "when the Rasa server first sends, or with --set-tokens)")
    else:
        print(f"access token: {'present' if state.access_token else 'MISSING'}; "
              f"refresh token: {'present' if state.refresh_token else 'MISSING'}")
        if state.expires_at is None:
            print("access token expiry: unknown (seeded by hand; checked on first refusal)")
        else:
            hours = (state.expires_at - time.time()) / 3600
            print(f"access token expires in {hours:.1f} h" if hours > 0
                  else f"access token EXPIRED {-hours:.1f} h ago")
        print(f"last change: {time.strftime('%Y-%m-%d %H:%M', time.localtime(state.updated_at))}"
              f" (changes so far: {state.version})")
    outbox = Outbox()
    counts = outbox.counts()
    print(f"outbox: {counts['pending']} pending, {counts['failed']} refused, "
          f"{counts['delivered']} delivered later")
    for label in ("pending", "failed"):
        for item in outbox.all(label):
            print(f"  [{label}] #{item.id} citizen {sender_ref(item.recipient_id)} "
                  f"error {item.error_code} after {item.attempts} attempt(s)")
    return 0


async def _refresh(app_id: str) -> int:
    async with httpx.AsyncClient(timeout=15.0) as http:
        tokens = TokenManager(app_id, _env("ZALO_APP_SECRET"), TokenStore(app_id), http,
                              _env("ZALO_OAUTH_BASE_URL"))
        state = TokenStore(app_id).load()
        await tokens.refresh(stale=state.access_token if state else None, reason="by hand")
    print("access token refreshed and stored")
    return 0


async def _retry(app_id: str) -> int:
    from bot.channels.zalo import ZaloInput  # imports Rasa: only here

    secret = _env("ZALO_OA_SECRET_KEY") or "-"
    channel = ZaloInput(app_id, secret, _env("ZALO_APP_SECRET"), _env("ZALO_ACCESS_TOKEN"),
                        _env("ZALO_REFRESH_TOKEN"), _env("ZALO_API_BASE_URL"),
                        _env("ZALO_OAUTH_BASE_URL"), maintenance=False)
    outbox = Outbox()
    waiting = outbox.all("pending")
    sent = await channel.retry_due()
    print(f"outbox: {sent} sent; {len(waiting) - sent} still waiting "
          "(those waiting for the citizen to write again are not retried)")
    if channel._http is not None:
        await channel._http.aclose()
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot zalo", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--status", action="store_true")
    group.add_argument("--set-tokens", action="store_true")
    group.add_argument("--refresh", action="store_true")
    group.add_argument("--retry-outbox", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    app_id = _env("ZALO_APP_ID")
    if not app_id:
        print("dvcbot zalo: set ZALO_APP_ID", file=sys.stderr)
        return 2
    try:
        if args.status:
            return status(app_id)
        if args.set_tokens:
            access, refresh = _env("ZALO_ACCESS_TOKEN"), _env("ZALO_REFRESH_TOKEN")
            if not refresh:
                print("dvcbot zalo: set ZALO_REFRESH_TOKEN (and ZALO_ACCESS_TOKEN)",
                      file=sys.stderr)
                return 2
            TokenStore(app_id).replace(access, refresh, None)
            print("tokens stored; the Rasa server uses them from its next message")
            return 0
        if args.refresh:
            return asyncio.run(_refresh(app_id))
        return asyncio.run(_retry(app_id))
    except ZaloAuthError as exc:
        print(f"dvcbot zalo: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
