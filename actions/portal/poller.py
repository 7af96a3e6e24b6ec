"""Background poller: checks followed dossiers and tells citizens when one changes.

    python -m actions.portal.poller            # every DVCBOT_POLL_INTERVAL s (with jitter)
    python -m actions.portal.poller --once     # one cycle, then exit (cron, tests)

Each cycle:
1. ends subscriptions older than DVCBOT_SUBSCRIPTION_DAYS (queues an "expired" notice);
2. looks each followed code up once (however many citizens follow it), a few at a time;
   stops early when the portal's circuit breaker opens;
3. compares with the status each follower was last told; a difference is written to the
   outbox in the same transaction that records it (subscriptions.py); a returned, rejected
   or cancelled dossier ends its subscriptions;
   between DVCBOT_REMINDER_FROM_HOUR and DVCBOT_REMINDER_TO_HOUR (Việt Nam time, 7-21 by
   default: nobody is woken at midnight), a dossier whose appointment is tomorrow gets the
   "reminder_due_tomorrow" notice, and one whose appointment passed without a result gets
   "overdue", once each per follower and appointment date (table dossier_reminders);
4. sends the pending outbox rows: POST {DVCBOT_RASA_URL}/conversations/<sender>/trigger_intent
   ?output_channel=<channel> with intent EXTERNAL_dossier_status_changed and entities
   code, status, status_key, kind, notification_id (+ procedure, appointment_date, final);
   ``kind`` (changed, first, not_found, expired, reminder_due_tomorrow, overdue) is what a
   channel's message template is chosen by.
   Rasa runs action_notify_dossier_change, which renders the message, and the channel the
   citizen used delivers it. A Zalo citizen's notice is routed first (bot.messaging.zalo):
   within 48 hours of their last message it goes through Rasa as above (a consultation
   message); later it goes straight to Zalo as a ZBS template message when one is configured
   (ZALO_TEMPLATE_STATUS_ID; ZALO_TEMPLATE_REMINDER_ID for "reminder_due_tomorrow"); without one it
   goes through Rasa up to 7 days and is dropped after that (state "dropped", logged), since
   Zalo would refuse it (-230) and a notice kept for weeks would arrive stale.

Why no change is missed and none is sent twice, across crashes and restarts:
- The change and its outbox row are committed together *before* anything is sent. If the
  poller dies before that commit, ``last_status`` still holds the old status and the next
  cycle sees the change again. If it dies after, the row is pending and is sent at start-up.
- A row is marked sent only after Rasa answered 2xx. Dying between Rasa's answer and that
  mark, or a timeout while Rasa was delivering, means the same row is sent again: to make
  that harmless, the notification id travels as an entity and the action claims it in the
  database (``rendered_at``) before rendering; a repeat claim fails and the action says
  nothing. When Rasa answers 5xx (its channel could not deliver), the claim is released so
  that the retry does speak.
- Only the newest pending notice per subscription is sent (older ones are superseded): a
  citizen offline for a day gets the current status, not a backlog.
- Limits: a status that changes and changes back between two polls is not seen (polling);
  if Rasa's channel fails *after* the action ran and the poller's request also timed out,
  that one notice is lost rather than duplicated.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import random
import signal
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Optional
from urllib.parse import quote

import httpx

from actions.portal.client import (CircuitOpen, PortalAdapter, PortalError, PortalNotConfigured,
                                   PortalUnavailable, make_adapter)
from actions.portal.subscriptions import (REMINDER_KINDS, Notification, SubscriptionStore,
                                          observation_of)
from actions.portal.wording import messages, statuses
from bot.core import tz
from bot.core.settings import PollerSettings, RasaSettings, settings

logger = logging.getLogger("dvcbot.poller")

NOTIFY_INTENT = "EXTERNAL_dossier_status_changed"
DEFAULT_INTERVAL = PollerSettings.interval
POLLER_PORTAL_TIMEOUT = 10.0   # the poller is not a conversation: it can wait longer
SEND_BATCH, SEND_BATCHES = 100, 20   # at most 2,000 notifications per cycle


@dataclass(frozen=True)
class PollerConfig:
    interval: float = DEFAULT_INTERVAL
    jitter: float = PollerSettings.jitter   # a share of the interval
    rasa_url: str = RasaSettings.url
    rasa_token: Optional[str] = None
    concurrency: int = 4
    send_timeout: float = 30.0
    reminder_from_hour: int = PollerSettings.reminder_from_hour  # reminders queued from this hour
    reminder_to_hour: int = PollerSettings.reminder_to_hour      # until before this one (VN time)

    @classmethod
    def from_env(cls) -> "PollerConfig":
        current = settings()
        return cls(
            interval=current.poller.interval,
            jitter=current.poller.jitter,
            rasa_url=current.rasa.url,
            rasa_token=current.rasa.api_token,
            reminder_from_hour=current.poller.reminder_from_hour,
            reminder_to_hour=current.poller.reminder_to_hour,
        )

    def reminders_allowed(self, local: datetime) -> bool:
        return self.reminder_from_hour <= local.hour < self.reminder_to_hour


@dataclass
class SendResult:
    ok: bool
    unclaim: bool = False
    error: str = ""
    reachable: bool = True
    collected: int = 0        # messages Rasa returned instead of pushing (channel cannot push)


class RasaNotifier:
    """Sends one notification through Rasa's HTTP API (trigger_intent)."""

    def __init__(self, rasa_url: str, token: Optional[str] = None, timeout: float = 30.0,
                 transport: Optional[httpx.AsyncBaseTransport] = None):
        self.rasa_url, self.token = rasa_url.rstrip("/"), token
        self.http = httpx.AsyncClient(timeout=timeout, transport=transport)

    async def aclose(self) -> None:
        await self.http.aclose()

    async def send(self, notification: Notification) -> SendResult:
        # keep ':' as is (tg:123): Rasa 3.6's routes do not decode %3A
        url = f"{self.rasa_url}/conversations/{quote(notification.sender_id, safe=':')}/trigger_intent"
        params = {"output_channel": notification.channel or "latest"}
        if self.token:
            params["token"] = self.token
        body = {"name": NOTIFY_INTENT, "entities": notification.entities()}
        try:
            response = await self.http.post(url, params=params, json=body)
        except httpx.TimeoutException:
            # Rasa may have delivered: keep the action's claim, a retry then says nothing
            return SendResult(False, unclaim=False, error="Rasa did not answer in time")
        except httpx.TransportError as error:
            return SendResult(False, unclaim=False, error=f"Rasa unreachable ({type(error).__name__})",
                              reachable=False)
        if response.status_code >= 300:
            # Rasa answered that it failed (or refused): nothing was delivered
            return SendResult(False, unclaim=True, error=f"Rasa answered {response.status_code}")
        collected = 0
        try:
            collected = len(response.json().get("messages") or [])
        except (ValueError, AttributeError):
            pass
        return SendResult(True, collected=collected)


@dataclass
class PollReport:
    checked: int = 0
    queued: int = 0
    sent: int = 0
    send_failures: int = 0
    reminders: int = 0
    portal_errors: int = 0
    skipped: int = 0
    expired: int = 0
    dropped: int = 0          # Zalo notices that could not reach the citizen in time
    notes: list[str] = field(default_factory=list)


def template_values(notification: Notification, today: Optional[date] = None) -> dict[str, str]:
    """The fields a Zalo template notice fills in: code, status (in plain words), date
    (dd/mm/yyyy: the appointment for a reminder or an overdue notice, else the day of the
    notice)."""
    today = today or tz.today()
    if notification.kind == "expired":
        status = messages().get("zalo_status_expired")
    elif notification.kind == "not_found":
        status = messages().get("zalo_status_not_found")
    elif notification.kind == "overdue":
        status = messages().get("zalo_status_overdue")
    else:
        status = statuses().info(notification.status_text, notification.status_key).label
    shown = today
    if notification.kind in REMINDER_KINDS and notification.appointment_date:
        try:
            shown = date.fromisoformat(notification.appointment_date)
        except ValueError:
            pass
    return {"code": notification.code, "status": status, "date": shown.strftime("%d/%m/%Y")}


class Poller:
    def __init__(self, store: SubscriptionStore, adapter: Optional[PortalAdapter],
                 notifier: RasaNotifier, config: PollerConfig = PollerConfig(),
                 rng: Optional[random.Random] = None, zalo: Any = None,
                 clock: Callable[[], datetime] = tz.now):
        """`zalo`: a bot.messaging.zalo.ZaloNotices routing Zalo citizens' notices (None: every
        notice goes through Rasa). `clock`: the time in Việt Nam (tests set it)."""
        self.store, self.adapter, self.notifier, self.config = store, adapter, notifier, config
        self.rng = rng or random.Random()
        self.zalo = zalo
        self.clock = clock

    def next_delay(self) -> float:
        spread = self.config.interval * self.config.jitter
        return max(1.0, self.config.interval + self.rng.uniform(-spread, spread))

    async def poll_once(self) -> PollReport:
        report = PollReport()
        report.expired = await asyncio.to_thread(self.store.expire)
        if self.adapter is not None:
            codes = await asyncio.to_thread(self.store.codes_to_check)
            await self._check(codes, report)
        else:
            report.notes.append("no portal configured (DVCBOT_PORTAL_URL)")
        await self.send_pending(report)
        return report

    async def _check(self, codes: list[str], report: PollReport) -> None:
        gate = asyncio.Semaphore(self.config.concurrency)
        circuit_open = asyncio.Event()
        local = self.clock().astimezone(tz.VN_TZ)
        remind = self.config.reminders_allowed(local)

        async def check(code: str) -> None:
            async with gate:
                if circuit_open.is_set():
                    report.skipped += 1
                    return
                try:
                    dossier = await self.adapter.lookup(code)  # type: ignore[union-attr]
                except CircuitOpen:
                    circuit_open.set()
                    report.skipped += 1
                    return
                except PortalUnavailable as error:
                    report.portal_errors += 1
                    logger.warning("portal unavailable during poll: %s", error)
                    return
                except PortalError as error:
                    report.portal_errors += 1
                    logger.warning("portal error during poll (%s): %s", type(error).__name__, error)
                    return
                report.checked += 1
                seen = observation_of(dossier)
                queued = await asyncio.to_thread(self.store.record, code, seen)
                report.queued += len(queued)
                if remind:
                    reminded = await asyncio.to_thread(self.store.remind, code, seen, local.date())
                    report.reminders += len(reminded)

        await asyncio.gather(*(check(code) for code in codes))
        if circuit_open.is_set():
            report.notes.append("portal circuit open: remaining codes left for the next cycle")

    async def send_pending(self, report: Optional[PollReport] = None) -> PollReport:
        """Send every pending notification (a few at a time, oldest first)."""
        report = report or PollReport()
        gate = asyncio.Semaphore(self.config.concurrency)
        unreachable = asyncio.Event()

        async def send(notification: Notification) -> None:
            async with gate:
                if unreachable.is_set():
                    return
                if self.zalo is not None and notification.channel == "zalo":
                    if await self._zalo_route(notification, report):
                        return
                result = await self.notifier.send(notification)
                if result.ok:
                    await asyncio.to_thread(self.store.mark_sent, notification.id)
                    report.sent += 1
                    if result.collected:
                        logger.warning("notification %d: channel %r cannot push messages; Rasa "
                                       "returned them to the poller instead", notification.id,
                                       notification.channel or "latest")
                    return
                report.send_failures += 1
                state = await asyncio.to_thread(self.store.mark_attempt_failed, notification.id,
                                                result.error, unclaim=result.unclaim)
                logger.warning("notification %d not sent (%s)%s", notification.id, result.error,
                               "; giving up" if state == "failed" else "; will retry")
                if not result.reachable:
                    unreachable.set()

        after = 0
        for _ in range(SEND_BATCHES):
            batch = await asyncio.to_thread(self.store.pending, SEND_BATCH, after)
            if not batch:
                break
            after = batch[-1].id
            await asyncio.gather(*(send(n) for n in batch))
            if unreachable.is_set():
                report.notes.append("Rasa unreachable: remaining notifications wait")
                break
        return report

    async def _zalo_route(self, notification: Notification, report: PollReport) -> bool:
        """Send a Zalo notice as a template, or drop it; False when it should go through Rasa
        as a consultation message."""
        outcome = await self.zalo.deliver(notification.sender_id, notification.kind,
                                          template_values(notification),
                                          tracking_id=f"dvcbot-{notification.id}")
        if outcome.way == "cs":
            return False
        if outcome.way == "drop":
            await asyncio.to_thread(self.store.mark_dropped, notification.id, outcome.error)
            report.dropped += 1
            logger.warning("notification %d dropped: %s", notification.id, outcome.error)
            return True
        if outcome.sent:
            await asyncio.to_thread(self.store.mark_sent, notification.id)
            report.sent += 1
            return True
        report.send_failures += 1
        if outcome.retry:
            state = await asyncio.to_thread(self.store.mark_attempt_failed, notification.id,
                                            outcome.error, unclaim=False)
        else:
            state = "failed"
            await asyncio.to_thread(self.store.mark_dropped, notification.id, outcome.error,
                                    state=state)
        logger.warning("notification %d not sent (%s)%s", notification.id, outcome.error,
                       "; giving up" if state == "failed" else "; will retry")
        return True

    async def run_forever(self, stop: asyncio.Event) -> None:
        logger.info("dossier poller started: every %.0f s (+-%.0f %%), Rasa at %s",
                    self.config.interval, self.config.jitter * 100, self.config.rasa_url)
        while not stop.is_set():
            try:
                report = await self.poll_once()
                busy = any((report.checked, report.queued, report.reminders, report.sent,
                            report.send_failures, report.portal_errors, report.skipped,
                            report.expired, report.dropped))
                logger.log(logging.INFO if busy else logging.DEBUG,
                           "poll: %d checked, %d changes queued, %d reminders queued, %d sent, "
                           "%d send failures, %d portal errors, %d skipped, %d expired, "
                           "%d dropped%s",
                           report.checked, report.queued, report.reminders, report.sent,
                           report.send_failures, report.portal_errors,
                           report.skipped, report.expired, report.dropped,
                           "; " + "; ".join(report.notes) if report.notes else "")
            except Exception:  # noqa: BLE001 - a poller that dies notifies nobody
                logger.exception("poll cycle failed; trying again next cycle")
            try:
                await asyncio.wait_for(stop.wait(), self.next_delay())
            except asyncio.TimeoutError:
                pass


def build_poller(config: Optional[PollerConfig] = None, database_url: Optional[str] = None) -> Poller:
    config = config or PollerConfig.from_env()
    try:
        adapter: Optional[PortalAdapter] = make_adapter(timeout=max(
            POLLER_PORTAL_TIMEOUT, settings().portal.timeout))
    except PortalNotConfigured:
        adapter = None
    notifier = RasaNotifier(config.rasa_url, config.rasa_token, config.send_timeout)
    return Poller(SubscriptionStore(database_url), adapter, notifier, config,
                  zalo=zalo_notices(database_url))


def zalo_notices(database_url: Optional[str] = None) -> Any:
    """The Zalo notice router when a Zalo OA is configured (ZALO_APP_ID), else None; says at
    start-up what happens without ZBS templates."""
    from bot.messaging.config import ZaloConfig

    settings = ZaloConfig.from_env()
    if not settings.app_id:
        return None
    note = settings.startup_note()
    if note:
        logger.warning(note)
    from bot.messaging.zalo import ZaloNotices, ZaloSender  # imports Rasa: only with Zalo on

    return ZaloNotices(ZaloSender(settings, database_url))


async def _run(once: bool, config: PollerConfig) -> int:
    poller = build_poller(config)
    if poller.adapter is None:
        logger.warning("DVCBOT_PORTAL_URL is not set: no dossier will be checked")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    try:
        if once:
            report = await poller.poll_once()
            print(f"checked {report.checked}, queued {report.queued}, sent {report.sent}, "
                  f"send failures {report.send_failures}, portal errors {report.portal_errors}, "
                  f"skipped {report.skipped}, expired {report.expired}, reminders {report.reminders}", flush=True)
            return 0
        await poller.run_forever(stop)
        return 0
    finally:
        if poller.adapter is not None:
            await poller.adapter.aclose()
        await poller.notifier.aclose()


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.portal.poller", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--once", action="store_true", help="one cycle, then exit")
    parser.add_argument("--interval", type=float, default=None,
                        help="seconds between cycles (default DVCBOT_POLL_INTERVAL or 300)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = PollerConfig.from_env()
    if args.interval is not None:
        config = dataclasses.replace(config, interval=max(1.0, args.interval))
    try:
        return asyncio.run(_run(args.once, config))
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
