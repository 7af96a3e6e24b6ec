"""The hand-off service: a citizen's conversation goes to a person and back.

What the rest of dvcbot calls (all coroutine functions, safe to call from any process):

    service = get_service()                                   # one per process, from env

    # action server (actions/handoff.py), when the citizen asks for a person:
    result = await service.open_ticket(sender_id, channel, commune, procedure, recent_messages)

    # Telegram channel, for EVERY update before its own handling:
    if await service.handle_volunteer_update(update_json):    # group chats, claim buttons,
        return                                                # volunteers' private commands

    # every channel, for every citizen text before it goes to Rasa:
    if await service.route_citizen_message(sender_id, channel, text):
        return                                                # relayed to the volunteer; bot quiet

    # Telegram and Zalo channels, for a citizen's voice note (relayed, or a volunteer offered):
    answer = await service.citizen_media(sender_id, channel, CitizenMedia(...))

    # web chat page polling for volunteer answers:
    pending = await service.webchat_peek(sender_id, acknowledged_ids)

    # periodic (python -m bot.handoff.watcher): re-announce, escalate, expire
    await service.run_due()

Flow: a ticket is posted to the commune's volunteer group on Telegram with a "Nhận hỗ trợ"
button (callback_data "claim:<id>"). The first registered member of that commune to press it
gets it (one conditional UPDATE), the others are told it is taken. Replies (Telegram "reply")
to the ticket's messages in the group go to the citizen on the citizen's channel; the citizen's
messages come to the group as replies to the ticket. `/xong` closes the ticket and asks the
citizen for a 1-5 rating. An unclaimed ticket is re-posted every
DVCBOT_HANDOFF_REANNOUNCE_MINUTES and, after DVCBOT_HANDOFF_ESCALATE_AFTER re-posts, sent to the
commune's officials in private messages (they may claim it there).

Layout: `tickets.py` is the ticket lifecycle (no transport), `chats.py` the port to both sides
(`VolunteerChat` on Telegram, `CitizenChat` on the citizen's channel), `volunteer_telegram.py`
the volunteers' updates and their command table, `assisted.py` the assisted-mode commands.
This class wires them together and is what the rest of dvcbot calls.

Voice notes: a citizen's voice note (Telegram voice/audio, Zalo audio) is relayed into the
ticket's thread while a hand-off is in progress; otherwise the channel offers a volunteer and
the note waits (by reference only, DVCBOT_HANDOFF_MEDIA_WAIT_MINUTES) until the citizen's
ticket is opened, then follows the announcement. See `citizen_media`.

Privacy: what is stored and announced is masked (masking.py): phone and ID numbers, e-mail
addresses, dossier codes partially. Live messages relayed after a claim keep dossier codes in
full (the volunteer needs them to help) but still mask phone and ID numbers. Logs carry ticket
ids and counts, never message text.
"""


from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional

import httpx

from bot.handoff import kb
from bot.handoff.assisted import Assisted
from bot.handoff.chats import CitizenChat, VolunteerChat
from bot.handoff.config import HandoffSettings
from bot.handoff.media import CitizenMedia, MediaError, fetch_audio
from bot.handoff.senders import CitizenSender, WebChatOutbox
from bot.handoff.store import Ticket, TicketStore, utcnow
from bot.handoff.teams import Team, Teams, TeamsCache
from bot.messaging.config import TelegramConfig
from bot.handoff.texts import text
from bot.handoff.tickets import DueResult, Tickets, is_button_payload, is_cancel
from bot.handoff.volunteer_telegram import VolunteerTelegram, is_volunteer_update


if TYPE_CHECKING:  # imported where it is used: it imports Rasa's channels
    from bot.messaging.telegram import BotPool

logger = logging.getLogger(__name__)

OFFER_PAYLOAD = "/request_human"
DECLINE_PAYLOAD = "/deny"


@dataclass
class OpenResult:
    """What `open_ticket` did. status: opened | already_open | no_team | unavailable."""

    status: str
    ticket: Optional[Ticket] = None
    posted: bool = False


@dataclass(frozen=True)
class MediaAnswer:
    """What a channel tells a citizen after a voice note (`HandoffService.citizen_media`).

    status "relayed": it reached the volunteers, the bot stays quiet; "offer": no hand-off
    yet, `text` with `buttons` offers a volunteer (the note follows the ticket once opened);
    "refused": `text` says why it could not be passed on; "unavailable": no volunteer can be
    reached from this channel, the channel gives its usual text-only answer."""

    status: str
    text: Optional[str] = None
    buttons: list[dict[str, str]] = field(default_factory=list)


class HandoffService:
    def __init__(self, settings: Optional[HandoffSettings] = None, *,
                 senders: Optional[dict[str, CitizenSender]] = None,
                 clock: Callable[[], dt.datetime] = utcnow,
                 zalo_transport: Optional[httpx.AsyncBaseTransport] = None,
                 known_communes: Optional[list[str]] = None,
                 media_transport: Optional[httpx.AsyncBaseTransport] = None):
        self.settings = settings or HandoffSettings.from_env()
        self.clock = clock
        self.store = TicketStore(self.settings.database_url, clock)
        if known_communes is None:
            known_communes = kb.commune_keys()
        self._teams = TeamsCache(self.settings.teams_file, known_communes)
        # bot.messaging's senders import the channels package, which imports the hand-off;
        # the Telegram one also imports Rasa's channels (0.6 s), so only when it is used
        from bot.messaging.zalo import ZaloSender

        self.telegram: Optional["BotPool"] = None
        if self.settings.telegram_token:
            from bot.messaging.telegram import BotPool, TelegramCitizenSender

            self.telegram = BotPool(TelegramConfig(self.settings.telegram_token,
                                                     self.settings.telegram_base_url))
        self.senders: dict[str, CitizenSender] = {
            "zalo": ZaloSender(self.settings.zalo, self.settings.database_url,
                               transport=zalo_transport),
            "webchat": WebChatOutbox(self.store),
        }
        if self.telegram is not None:
            self.senders["telegram"] = TelegramCitizenSender(self.telegram,
                                                             self.settings.database_url)
        self.senders.update(senders or {})
        self.media_transport = media_transport
        self.tickets = Tickets(self.store, self.settings, self.teams, clock)
        self.citizens = CitizenChat(self.senders)
        self.volunteers = VolunteerChat(self.telegram, self.tickets, self.teams)
        self.assisted = Assisted(self.tickets, self.volunteers, self.citizens,
                                 database_url=self.settings.database_url, clock=clock)
        self.updates = VolunteerTelegram(self.tickets, self.teams, self.volunteers,
                                         self.citizens, self.assisted, clock)

    # ------------------------------------------------------------------------ configuration

    def teams(self) -> Teams:
        return self._teams.get()

    def set_sender(self, channel: str, sender: CitizenSender) -> None:
        """Let a channel deliver volunteer answers itself (e.g. the Zalo channel's output,
        which refreshes tokens and keeps undeliverable messages)."""
        self.citizens.set_sender(channel, sender)

    def available(self, commune: Optional[str], channel: Optional[str]) -> bool:
        """Can a ticket for this commune and citizen channel reach a person and come back?"""
        team = self.teams().team(commune)
        return (self.volunteers.configured and team is not None and team.reachable
                and self.citizens.reaches(channel))

    def offerable(self, channel: Optional[str]) -> bool:
        """Could a citizen of this channel be handed to some commune's volunteers?"""
        return (self.volunteers.configured and self.citizens.reaches(channel)
                and any(team.reachable for team in self.teams().teams.values()))

    def opened_message(self, commune: Optional[str]) -> str:
        """What the citizen is told when the ticket is opened (hours if the KB knows them)."""
        hours = kb.office_hours(commune)
        when = text("when_hours", hours=hours) if hours else text("when_unknown")
        return text("handoff_opened", commune_name=kb.commune_name(commune), when=when)

    # ----------------------------------------------------------------------------- opening

    async def open_ticket(self, sender_id: str, channel: str, commune: Optional[str],
                          procedure: Optional[str], recent_messages: Any = ()) -> OpenResult:
        existing = await self.tickets.active_for(channel, sender_id)
        if existing is not None:
            return OpenResult("already_open", existing, existing.announcements > 0)
        team = self.teams().team(commune)
        if commune is None or team is None or not team.reachable:
            logger.info("handoff: no reachable team for commune %s", commune or "-")
            return OpenResult("no_team")
        if not self.available(commune, channel):
            logger.warning("handoff: not available (telegram token set: %s, channel %s)",
                           self.telegram is not None, channel)
            return OpenResult("unavailable")
        ticket, created = await self.tickets.open(sender_id, channel, commune, procedure,
                                                  recent_messages)
        if not created:
            return OpenResult("already_open", ticket, ticket.announcements > 0)
        posted = await self.volunteers.announce(ticket, team)
        logger.info("handoff: ticket %d opened for commune %s (posted: %s)", ticket.id, commune,
                    posted)
        ticket = await self.tickets.get(ticket.id)
        for media in await self.tickets.take_media(channel, sender_id):
            await self._relay_media(ticket, media)
        return OpenResult("opened", ticket, posted)

    # -------------------------------------------------------------------- volunteer updates

    async def handle_volunteer_update(self, update: Any) -> bool:
        """Handle a Telegram update that belongs to the volunteers' side.

        True: the update was consumed here (claim buttons, anything in a group chat, a
        registered member's commands or thread replies in a private chat); the channel must
        not pass it to Rasa. False: a citizen's update, for the channel to handle as usual."""
        try:
            return await self.updates.handle(update)
        except Exception:  # noqa: BLE001 - a broken update must not break the channel
            logger.exception("handoff: volunteer update failed")
            return is_volunteer_update(update)

    # --------------------------------------------------------------------- citizen messages

    async def route_citizen_message(self, sender_id: str, channel: str,
                                    message_text: Optional[str]) -> bool:
        """True when a hand-off is in progress for this citizen (or they just rated it): the
        message was dealt with here and must NOT go to Rasa."""
        try:
            return await self._route_citizen(str(sender_id), channel, message_text)
        except Exception:  # noqa: BLE001 - if the hand-off breaks, the bot answers instead
            logger.exception("handoff: routing a citizen message failed")
            return False

    async def _route_citizen(self, sender_id: str, channel: str,
                             message_text: Optional[str]) -> bool:
        found = await self.tickets.routing(channel, sender_id)
        if found is None:
            return False  # the usual case: one indexed query, nothing else
        body = " ".join((message_text or "").split())
        if not self.tickets.is_active(found):
            return await self._rating(found, body)   # closed, waiting for a 1-5 rating
        ticket = found
        if is_cancel(body):
            if await self.tickets.close(ticket.id, "citizen", ask_rating=False):
                logger.info("handoff: ticket %d cancelled by the citizen", ticket.id)
                await self.citizens.send(ticket, text("citizen_cancelled"))
                await self.volunteers.to_thread(ticket, text("citizen_cancelled_group",
                                                             id=ticket.id), kind="note")
            return True
        if is_button_payload(body):
            return False  # the citizen pressed one of the bot's buttons: the bot answers
        masked = await self.tickets.citizen_message(ticket, body or text("citizen_non_text"))
        await self.volunteers.to_thread(ticket, text("citizen_message", id=ticket.id,
                                                     text=masked))
        return True

    async def _rating(self, waiting: Ticket, body: str) -> bool:
        is_rating, recorded = await self.tickets.rate(waiting, body)
        if recorded is not None:
            logger.info("handoff: ticket %d rated %d", waiting.id, recorded)
            await self.citizens.send(waiting, text("rating_thanks", rating=recorded))
            await self.volunteers.to_thread(waiting, text("rated_group", id=waiting.id,
                                                          rating=recorded), kind="note")
        return is_rating

    async def citizen_media(self, sender_id: str, channel: str,
                            media: CitizenMedia) -> MediaAnswer:
        """A citizen's voice note: relayed to the ticket's thread during a hand-off; otherwise,
        when volunteers can be reached, kept (by reference) for the ticket and a volunteer is
        offered. Never raises: a failure gives the channel's usual text-only answer."""
        try:
            return await self._citizen_media(str(sender_id), channel, media)
        except Exception:  # noqa: BLE001 - the citizen gets the bot's usual answer instead
            logger.exception("handoff: a citizen's voice note could not be handled")
            return MediaAnswer("unavailable")

    async def _citizen_media(self, sender_id: str, channel: str,
                             media: CitizenMedia) -> MediaAnswer:
        found = await self.tickets.routing(channel, sender_id)
        if found is not None and self.tickets.is_active(found):
            refusal = await self._relay_media(found, media)
            return MediaAnswer("relayed") if refusal is None else MediaAnswer("refused", refusal)
        if found is not None:
            await self.tickets.stop_waiting_for_rating(found.id)
        if not self.offerable(channel):
            return MediaAnswer("unavailable")
        await self.tickets.keep_media(channel, sender_id, media)
        logger.info("handoff: a voice note waits for a ticket (%s)", channel)
        return MediaAnswer("offer", text("voice_offer"), [
            {"title": text("voice_offer_yes"), "payload": OFFER_PAYLOAD},
            {"title": text("voice_offer_no"), "payload": DECLINE_PAYLOAD}])

    async def _relay_media(self, ticket: Ticket, media: CitizenMedia) -> Optional[str]:
        """Into the ticket's thread; None when it went, else what the citizen is told (also
        sent to them here when the note was waiting for this ticket)."""
        upload = None
        if media.file_id is None:
            try:
                upload = await fetch_audio(media, self.settings.media_max_bytes,
                                           self.media_transport)
            except MediaError as exc:
                logger.warning("handoff: voice note for ticket %d not fetched (%s)", ticket.id,
                               exc)
                refusal = text("voice_too_large" if exc.too_large else "voice_failed",
                               megabytes=f"{self.settings.media_max_bytes / 1e6:g}")
                await self.volunteers.to_thread(ticket, text("voice_not_relayed_group",
                                                             id=ticket.id), kind="note")
                await self.citizens.send(ticket, refusal)
                return refusal
        ok = await self.volunteers.relay_media(ticket, media, upload,
                                               text("citizen_voice", id=ticket.id))
        await self.tickets.touch(ticket.id)
        logger.info("handoff: ticket %d voice note relayed (%s)", ticket.id, ok)
        if ok:
            return None
        refusal = text("voice_failed", megabytes=f"{self.settings.media_max_bytes / 1e6:g}")
        await self.citizens.send(ticket, refusal)
        return refusal

    async def citizen_erasing(self, sender_id: str, channel: str) -> None:
        """Before "xóa dữ liệu của tôi" deletes the tickets (bot/privacy.py): the volunteers of
        an active one are told, and asked to delete its messages from the group."""
        ticket = await self.tickets.active_for(channel, str(sender_id))
        if ticket is not None:
            await self.volunteers.to_thread(ticket, text("citizen_erased_group", id=ticket.id),
                                            kind="note")

    def webchat_outbox(self, sender_id: str) -> list[str]:
        """Volunteer messages waiting for this web chat citizen (removed once returned)."""
        return self.store.outbox_take(str(sender_id))

    async def webchat_peek(self, sender_id: str,
                           acknowledged: Optional[list[int]] = None) -> list[tuple[int, str]]:
        """(id, text) waiting for a web chat citizen; a text stays until the page acknowledges
        its id."""
        return await asyncio.to_thread(self.store.outbox_peek, str(sender_id), acknowledged)

    # ------------------------------------------------------------------------- periodic

    async def run_due(self, now: Optional[dt.datetime] = None) -> DueResult:
        """Re-announce unclaimed tickets, escalate to officials, expire idle tickets."""
        return await self.tickets.run_due(self, now)

    # the DueNotifier side of run_due

    def can_announce(self) -> bool:
        return self.volunteers.configured

    async def announce(self, ticket: Ticket, team: Team) -> bool:
        return await self.volunteers.announce(ticket, team)

    async def reannounce(self, ticket: Ticket, team: Team, minutes: int) -> bool:
        header = text("reannouncement", count=ticket.announcements, id=ticket.id,
                      minutes=minutes)
        done = await self.volunteers.announce(ticket, team, header)
        if done:
            logger.info("handoff: ticket %d re-announced", ticket.id)
        return done

    async def escalate(self, ticket: Ticket, team: Team, minutes: int) -> bool:
        return await self.volunteers.escalate(ticket, team, minutes)

    async def expired(self, ticket: Ticket) -> None:
        logger.info("handoff: ticket %d expired", ticket.id)
        await self.citizens.send(ticket, text("expired_citizen"))
        await self.volunteers.to_thread(ticket, text("expired_group", id=ticket.id,
                                                     hours=f"{self.settings.expire_hours:g}"),
                                        kind="note")

    async def aclose(self) -> None:
        if self.telegram is not None:
            await self.telegram.aclose()


_service: Optional[HandoffService] = None
_service_lock = threading.Lock()


def get_service() -> HandoffService:
    """The process-wide service, configured from the environment on first use."""
    global _service
    with _service_lock:
        if _service is None:
            _service = HandoffService()
        return _service


def reset_service() -> None:
    global _service
    with _service_lock:
        _service = None
