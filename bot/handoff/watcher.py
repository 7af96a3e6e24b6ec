"""Periodic hand-off duties: re-announce unclaimed tickets, escalate them to the commune's
officials, close tickets idle for too long; and once a day `dvcbot purge` (personal data past
its lifetime, bot/privacy.py).

    python -m bot.handoff.watcher            # every DVCBOT_HANDOFF_WATCH_SECONDS (default 60)
    python -m bot.handoff.watcher --once     # one round, e.g. from cron

Several watchers may run at once: every step is a conditional UPDATE, so a ticket is never
re-announced or escalated twice. Stops cleanly on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import signal
import sys
from typing import Optional

from bot import privacy
from bot.core.settings import SettingsError
from bot.handoff.service import HandoffService
from bot.handoff.tickets import DueResult

logger = logging.getLogger("bot.handoff.watcher")


async def run_once(service: HandoffService) -> DueResult:
    """One round (the periodic task function)."""
    result = await service.run_due()
    if result.reannounced or result.escalated or result.expired or result.retried:
        logger.info("handoff watcher: %d re-announced, %d escalated, %d expired, %d retried",
                    result.reannounced, result.escalated, result.expired, result.retried)
    return result


PURGE_EVERY = dt.timedelta(days=1)


class DailyPurge:
    """Runs bot.privacy.purge at the first round, then once a day (service clock)."""

    def __init__(self, service: HandoffService):
        self.service = service
        self.last: Optional[dt.datetime] = None

    async def __call__(self):
        now = self.service.clock()
        if self.last is not None and now - self.last < PURGE_EVERY:
            return None
        self.last = now
        try:
            return await asyncio.to_thread(privacy.purge, now,
                                           url=self.service.settings.database_url)
        except Exception:  # noqa: BLE001 - tried again tomorrow; the hand-off goes on
            logger.exception("daily purge failed")
            return None


async def watch(service: HandoffService, every: float, stop: asyncio.Event) -> None:
    purge = DailyPurge(service)
    while not stop.is_set():
        try:
            await run_once(service)
        except Exception:  # noqa: BLE001 - keep watching; the next round may succeed
            logger.exception("handoff watcher round failed")
        await purge()
        try:
            await asyncio.wait_for(stop.wait(), timeout=every)
        except asyncio.TimeoutError:
            pass


async def _main(once: bool) -> int:
    service = HandoffService()
    if service.telegram is None:
        logger.warning("TELEGRAM_BOT_TOKEN is not set: nothing can be announced")
    try:
        if once:
            await run_once(service)
            await DailyPurge(service)()
            return 0
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
            except (NotImplementedError, RuntimeError):  # pragma: no cover
                pass
        logger.info("handoff watcher: every %gs, re-announce after %g min, escalate after %d",
                    service.settings.watch_seconds, service.settings.reannounce_minutes,
                    service.settings.escalate_after)
        await watch(service, service.settings.watch_seconds, stop)
        return 0
    finally:
        await service.aclose()


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.handoff.watcher",
                                     description="re-announce, escalate and expire hand-off tickets")
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        return asyncio.run(_main(args.once))
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
