"""`dvcbot telegram`: run Telegram without a public HTTPS address, or set up the webhook.

    dvcbot telegram --polling            long-poll Telegram (getUpdates) and hand every update
                                         to the running assistant's webhook
    dvcbot telegram --set-webhook URL    tell Telegram to push updates to URL (public HTTPS,
                                         ending in /webhooks/telegram/webhook), with the secret
    dvcbot telegram --delete-webhook     stop the pushes (polling needs this; --polling does it)
    dvcbot telegram --info               what Telegram knows of the webhook (pending updates,
                                         last error)

Polling keeps one code path: each update goes, unchanged, to the Rasa server's
/webhooks/telegram/webhook with the X-Telegram-Bot-Api-Secret-Token header, exactly as Telegram
would send it. An update is confirmed to Telegram (the next getUpdates offset) only after the
assistant accepted it, so a Rasa restart loses nothing.

Settings (environment): TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, TELEGRAM_API_BASE_URL
(tests), DVCBOT_RASA_URL (default http://127.0.0.1:5005).
This module does not import Rasa.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
import warnings
from typing import Any

import httpx
from telegram import Bot, BotCommand
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError, TimedOut

from bot.channels.base import texts
from bot.core.settings import settings
from bot.messaging.config import TelegramConfig

logger = logging.getLogger("bot.channels.telegram_polling")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_PATH = "/webhooks/telegram/webhook"
ALLOWED_UPDATES = ["message", "callback_query"]
COMMANDS = ("help", "huy")   # described in texts.yml as command_<name>


class PollingStopped(Exception):
    """Polling cannot go on (wrong token or secret); the message says what to fix."""


class Poller:
    """getUpdates in a loop; each update is POSTed to the assistant's Telegram webhook."""

    def __init__(self, bot: Bot, webhook_url: str, secret_token: str,
                 client: httpx.AsyncClient | None = None, poll_timeout: int = 30,
                 max_backoff: float = 30.0):
        self.bot = bot
        self.webhook_url = webhook_url
        self.secret_token = secret_token
        self.client = client or httpx.AsyncClient(timeout=httpx.Timeout(30.0))
        self.poll_timeout = poll_timeout
        self.max_backoff = max_backoff
        self.offset: int | None = None
        self.forwarded = 0

    async def fetch(self) -> list[dict[str, Any]]:
        kwargs: dict[str, Any] = {"timeout": self.poll_timeout, "allowed_updates": ALLOWED_UPDATES}
        if self.offset is not None:
            kwargs["offset"] = self.offset
        with warnings.catch_warnings():
            # do_api_request keeps Telegram's JSON as it is (Bot.get_updates would re-encode it).
            warnings.simplefilter("ignore")
            result = await self.bot.do_api_request(
                "get_updates", api_kwargs=kwargs, read_timeout=self.poll_timeout + 15)
        return list(result or [])

    async def forward(self, update: dict[str, Any]) -> bool:
        """True when the assistant took the update (or refused it for good: it is skipped)."""
        try:
            reply = await self.client.post(self.webhook_url, json=update,
                                           headers={SECRET_HEADER: self.secret_token})
        except httpx.HTTPError as exc:
            logger.warning("assistant not reachable at %s (%s)", self.webhook_url,
                           type(exc).__name__)
            return False
        if reply.status_code in (401, 403):
            raise PollingStopped(
                f"the assistant refused the secret token (HTTP {reply.status_code}): "
                "TELEGRAM_WEBHOOK_SECRET must be the same here and in the Rasa server")
        if reply.status_code == 400:
            logger.warning("update %s refused as unreadable, skipped", update.get("update_id"))
            return True
        if reply.status_code >= 300:
            logger.warning("assistant answered HTTP %s, will retry", reply.status_code)
            return False
        return True

    async def run_once(self) -> int:
        """One getUpdates round; returns how many updates were handed over."""
        handed = 0
        for update in await self.fetch():
            backoff = 1.0
            while not await self.forward(update):
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self.max_backoff)
            self.offset = int(update["update_id"]) + 1
            handed += 1
        self.forwarded += handed
        return handed

    async def run(self, stop: asyncio.Event | None = None) -> None:
        stop = stop or asyncio.Event()
        await self.bot.delete_webhook(drop_pending_updates=False)
        logger.info("polling Telegram, handing updates to %s", self.webhook_url)
        backoff = 1.0
        while not stop.is_set():
            try:
                await self.run_once()
                backoff = 1.0
            except InvalidToken:
                raise PollingStopped("Telegram rejected TELEGRAM_BOT_TOKEN") from None
            except Conflict:
                logger.warning("another poller or a webhook is active for this bot; retrying")
                await _sleep_or_stop(stop, 5.0)
            except (TimedOut, NetworkError, TelegramError) as exc:
                logger.warning("getUpdates failed (%s), retrying in %.0f s",
                               type(exc).__name__, backoff)
                await _sleep_or_stop(stop, backoff)
                backoff = min(backoff * 2, self.max_backoff)


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass


def _settings() -> tuple[str, str, str]:
    bot = TelegramConfig.from_env()
    token, base = bot.token or "", bot.api_base_url
    secret = settings().telegram.webhook_secret or ""
    missing = [name for name, value in (("TELEGRAM_BOT_TOKEN", token),
                                        ("TELEGRAM_WEBHOOK_SECRET", secret)) if not value]
    if missing:
        raise PollingStopped("set " + " and ".join(missing))
    return token, secret, base


async def _polling(rasa_url: str) -> int:
    token, secret, base = _settings()
    webhook = rasa_url.rstrip("/") + WEBHOOK_PATH
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - non-Unix
            pass
    async with Bot(token=token, base_url=base) as bot, httpx.AsyncClient(timeout=30.0) as client:
        poller = Poller(bot, webhook, secret, client)
        task = asyncio.ensure_future(poller.run(stop))
        stopper = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            stopper.cancel()
            task.result()  # raises PollingStopped
        else:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
        logger.info("polling stopped after %d updates", poller.forwarded)
    return 0


async def _set_webhook(url: str, drop_pending: bool) -> int:
    token, secret, base = _settings()
    if not url.startswith("https://"):
        print("dvcbot telegram: Telegram only pushes to an https:// address", file=sys.stderr)
        return 2
    async with Bot(token=token, base_url=base) as bot:
        await bot.set_webhook(url=url, secret_token=secret, allowed_updates=ALLOWED_UPDATES,
                              drop_pending_updates=drop_pending)
        await bot.set_my_commands([BotCommand(name, texts()[f"command_{name}"]) for name in COMMANDS])
    print(f"webhook set: {url} (commands /help and /huy registered)")
    return 0


async def _delete_webhook() -> int:
    token, _, base = _settings()
    async with Bot(token=token, base_url=base) as bot:
        await bot.delete_webhook(drop_pending_updates=False)
    print("webhook deleted")
    return 0


async def _info() -> int:
    token, _, base = _settings()
    async with Bot(token=token, base_url=base) as bot:
        info = await bot.get_webhook_info()
        me = bot.bot
    print(f"bot: @{me.username}")
    print(f"webhook: {info.url or '(none: polling mode)'}")
    print(f"pending updates: {info.pending_update_count}")
    if info.last_error_message:
        print(f"last error: {info.last_error_message} ({info.last_error_date})")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot telegram", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--polling", action="store_true",
                       help="long-poll Telegram and hand updates to the running assistant")
    group.add_argument("--set-webhook", metavar="URL",
                       help="public https URL ending in /webhooks/telegram/webhook")
    group.add_argument("--delete-webhook", action="store_true")
    group.add_argument("--info", action="store_true")
    parser.add_argument("--rasa-url", default=settings().rasa.url,
                        help="the Rasa server (default: DVCBOT_RASA_URL or http://127.0.0.1:5005)")
    parser.add_argument("--drop-pending", action="store_true",
                        help="with --set-webhook: forget updates Telegram still holds")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        if args.polling:
            return asyncio.run(_polling(args.rasa_url))
        if args.set_webhook:
            return asyncio.run(_set_webhook(args.set_webhook, args.drop_pending))
        if args.delete_webhook:
            return asyncio.run(_delete_webhook())
        return asyncio.run(_info())
    except PollingStopped as exc:
        print(f"dvcbot telegram: {exc}", file=sys.stderr)
        return 2
    except InvalidToken:
        print("dvcbot telegram: Telegram rejected TELEGRAM_BOT_TOKEN", file=sys.stderr)
        return 2
    except TelegramError as exc:
        print(f"dvcbot telegram: Telegram answered: {exc.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
