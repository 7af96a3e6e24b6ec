"""The hand-off's two sides as a small public port: the volunteers' Telegram chats and the
citizens' own channels.

    volunteers = VolunteerChat(bots, tickets, teams)
    await volunteers.reply(message, text)              # answer a volunteer's message in place
    await volunteers.to_thread(ticket, text)           # into the ticket's thread (claimer's chat
                                                       # once claimed, else the commune's group)
    await volunteers.relay_media(ticket, media, data, caption)   # a citizen's voice note

    citizens = CitizenChat(senders)
    await citizens.send(ticket, text)                  # on the citizen's channel; True if sent

Everything the volunteers see goes through `VolunteerChat`, everything a citizen sees through
`CitizenChat`; assisted.py and volunteer_telegram.py use nothing else to talk. A message that
Telegram refuses, or a network failure, is logged and reported as False/None, never raised.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

import httpx
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.error import TelegramError

from bot.core.tz import VN_TZ
from bot.handoff import kb
from bot.handoff.media import AudioUpload, CitizenMedia
from bot.handoff.senders import CitizenSender, TelegramBots, split_text
from bot.handoff.store import Ticket
from bot.handoff.teams import Team, Teams
from bot.handoff.texts import text
from bot.handoff.tickets import Tickets

logger = logging.getLogger(__name__)

CLAIM_PREFIX = "claim:"
GROUP_MESSAGE_LIMIT = 4000
ANNOUNCEMENT_LIMIT = 3900
MAX_ANNOUNCED_MESSAGES = 8
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "webchat": "Web chat"}


_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)


def parse_command(message_text: Optional[str]) -> tuple[Optional[str], str]:
    """("xong", "") for "/xong@dvcbot"; (None, text) for ordinary text."""
    value = (message_text or "").strip()
    match = _COMMAND.match(value)
    if not match:
        return None, value
    return match.group(1).lower(), (match.group(2) or "").strip()


@dataclass(frozen=True)
class VolunteerMessage:
    """A volunteer's Telegram message (the update's "message" dict), with its command parsed:
    command "gui", args "12 khai sinh" for "/gui@dvcbot 12 khai sinh"; command None for text."""

    message: dict[str, Any]
    command: Optional[str]
    args: str
    body: Optional[str]

    @classmethod
    def parse(cls, message: dict[str, Any]) -> "VolunteerMessage":
        body = message.get("text") if message.get("text") is not None else message.get("caption")
        command, args = parse_command(body)
        return cls(message, command, args, body)

    @property
    def chat(self) -> dict[str, Any]:
        return self.message.get("chat") or {}

    @property
    def user_id(self) -> Any:
        return (self.message.get("from") or {}).get("id")


def vn_time(moment: Optional[dt.datetime], fmt: str = "%H:%M %d/%m/%Y") -> str:
    if moment is None:
        return ""
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(VN_TZ).strftime(fmt)


def claim_markup(ticket_id: int) -> InlineKeyboardMarkup:
    data = f"{CLAIM_PREFIX}{ticket_id}"
    if len(data.encode()) > 64:
        raise ValueError(f"claim button data {data!r} is over Telegram's 64 bytes")
    return InlineKeyboardMarkup([[InlineKeyboardButton(text("claim_button"), callback_data=data)]])


def announcement_text(ticket: Ticket) -> str:
    lines = []
    for item in ticket.messages[-MAX_ANNOUNCED_MESSAGES:]:
        key = "message_bot" if item.get("who") == "bot" else "message_citizen"
        lines.append(text(key, text=item.get("text", "")))
    body = text("announcement", id=ticket.id, commune_name=kb.commune_name(ticket.commune),
                procedure=kb.procedure_name(ticket.procedure) or text("unknown_procedure"),
                channel=CHANNEL_NAMES.get(ticket.channel, ticket.channel),
                created=vn_time(ticket.created_at),
                messages="\n".join(lines) or text("no_messages"))
    return body[:ANNOUNCEMENT_LIMIT]


class CitizenChat:
    """A citizen's own channel (Telegram, Zalo, web chat), one sender per channel name."""

    def __init__(self, senders: dict[str, CitizenSender]):
        self.senders = senders

    def reaches(self, channel: Optional[str]) -> bool:
        return channel in self.senders

    def set_sender(self, channel: str, sender: CitizenSender) -> None:
        self.senders[channel] = sender

    async def send(self, ticket: Ticket, body: str) -> bool:
        return await self.send_to(ticket.channel, ticket.sender_id, body)

    async def send_to(self, channel: str, sender_id: str, body: str) -> bool:
        sender = self.senders.get(channel)
        if sender is None:
            logger.warning("handoff: no sender for channel %s", channel)
            return False
        return await sender.send_text(sender_id, body)


class VolunteerChat:
    """The volunteers' side: the commune groups and members' private chats on Telegram."""

    def __init__(self, bots: Optional[TelegramBots], tickets: Tickets, teams: Callable[[], Teams]):
        self.bots = bots
        self.tickets = tickets
        self.teams = teams

    @property
    def configured(self) -> bool:
        return self.bots is not None

    # ------------------------------------------------------------------------ plain sends

    async def send(self, chat_id: int, body: str, *, reply_to: Optional[tuple[int, int]] = None,
                   markup: Any = None) -> Optional[Message]:
        """Send one message (the last part if long); None when Telegram refused or is down."""
        if self.bots is None:
            return None
        bot = self.bots.get()
        message = None
        parts = split_text(body, GROUP_MESSAGE_LIMIT)
        try:
            for index, part in enumerate(parts):
                message = await bot.send_message(
                    chat_id=chat_id, text=part, reply_parameters=_reply_params(chat_id, reply_to)
                    if index == 0 else None,
                    reply_markup=markup if index == len(parts) - 1 else None)
        except (TelegramError, httpx.HTTPError) as exc:
            logger.warning("handoff: telegram send to chat failed (%s: %s)",
                           exc.__class__.__name__, str(exc)[:80])
            return None
        return message

    async def reply(self, message: dict[str, Any], body: str) -> None:
        """Answer a volunteer's message in the chat it came from, as a reply to it."""
        chat_id = message["chat"]["id"]
        await self.send(chat_id, body, reply_to=(chat_id, message["message_id"]))

    async def answer_callback(self, query_id: str, body: str, alert: bool = False) -> None:
        if self.bots is None:
            return
        try:
            await self.bots.get().answer_callback_query(query_id, text=body[:200],
                                                        show_alert=alert)
        except (TelegramError, httpx.HTTPError) as exc:
            logger.warning("handoff: answerCallbackQuery failed (%s)", exc.__class__.__name__)

    async def edit(self, chat_id: int, message_id: int, new_text: Optional[str]) -> None:
        """Replace the text (when given) and drop the claim button."""
        if self.bots is None:
            return
        bot = self.bots.get()
        try:
            if new_text is not None:
                await bot.edit_message_text(new_text[:4096], chat_id=chat_id,
                                            message_id=message_id, reply_markup=None)
            else:
                await bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id,
                                                    reply_markup=None)
        except (TelegramError, httpx.HTTPError) as exc:
            logger.info("handoff: edit of a ticket message failed (%s)", exc.__class__.__name__)

    # ------------------------------------------------------------------- ticket threads

    async def _thread_target(self, ticket: Ticket) -> tuple[Optional[int], Optional[tuple[int, int]]]:
        team = self.teams().team(ticket.commune)
        chat_id = ticket.relay_chat_id or (team.group_chat_id if team else None)
        if ticket.relay_chat_id and ticket.relay_message_id:
            return chat_id, (ticket.relay_chat_id, ticket.relay_message_id)
        return chat_id, await self.tickets.last_announcement(ticket.id)

    async def to_thread(self, ticket: Ticket, body: str, kind: str = "relay") -> bool:
        """A message in the ticket's thread: the claimer's chat once claimed, else the group."""
        chat_id, reply_to = await self._thread_target(ticket)
        if chat_id is None:
            return False
        message = await self.send(chat_id, body, reply_to=reply_to)
        if message is None:
            return False
        await self.tickets.remember(chat_id, message.message_id, ticket.id, kind)
        return True

    async def to_group(self, ticket: Ticket, body: str) -> None:
        """A note in the commune's group, under the ticket's announcement."""
        team = self.teams().team(ticket.commune)
        if team is None or team.group_chat_id is None:
            return
        message = await self.send(team.group_chat_id, body,
                                  reply_to=await self.tickets.last_announcement(ticket.id))
        if message is not None:
            await self.tickets.remember(team.group_chat_id, message.message_id, ticket.id, "note")

    async def relay_media(self, ticket: Ticket, media: CitizenMedia,
                          upload: Optional[AudioUpload], caption: str) -> bool:
        """A citizen's voice note into the ticket's thread, with `caption` (the ticket number):
        by Telegram file id when the citizen is on Telegram, else the downloaded bytes."""
        if self.bots is None:
            return False
        chat_id, reply_to = await self._thread_target(ticket)
        if chat_id is None:
            return False
        bot = self.bots.get()
        params = _reply_params(chat_id, reply_to)
        try:
            if upload is None:
                send = bot.send_voice if media.kind == "voice" else bot.send_audio
                message = await send(chat_id, media.file_id, caption=caption[:1024],
                                     reply_parameters=params)
            else:
                method = _upload_method(bot, upload.mime_type)
                message = await method(chat_id, upload.data, caption=caption[:1024],
                                       filename=upload.filename, reply_parameters=params)
        except (TelegramError, httpx.HTTPError) as exc:
            logger.warning("handoff: voice note for ticket %d not sent (%s: %s)", ticket.id,
                           exc.__class__.__name__, str(exc)[:80])
            return False
        await self.tickets.remember(chat_id, message.message_id, ticket.id, "relay")
        return True

    # ---------------------------------------------------------------------- announcements

    async def announce(self, ticket: Ticket, team: Team, header: Optional[str] = None) -> bool:
        """Post (or re-post) the ticket in the team's group; counts the announcement."""
        if self.bots is None or team.group_chat_id is None:
            return False
        if not await self.tickets.mark_announced(ticket):
            return False  # claimed meanwhile, or another watcher did it
        body = announcement_text(ticket)
        if header:
            body = header + "\n\n" + body
        message = await self.send(team.group_chat_id, body,
                                  reply_to=await self.tickets.last_announcement(ticket.id),
                                  markup=claim_markup(ticket.id))
        if message is None:
            await self.tickets.unmark_announced(ticket)
            return False
        await self.tickets.remember(team.group_chat_id, message.message_id, ticket.id,
                                    "announcement")
        return True

    async def escalate(self, ticket: Ticket, team: Team, minutes: int) -> bool:
        """The ticket in a private message to each of the commune's officials."""
        if not await self.tickets.mark_escalated(ticket.id):
            return False
        officials = team.officials
        sent = 0
        body = (text("escalation", id=ticket.id, commune_name=kb.commune_name(ticket.commune),
                     minutes=minutes, count=ticket.announcements)
                + "\n\n" + announcement_text(ticket))
        for official in officials:
            message = await self.send(official.telegram_id, body, markup=claim_markup(ticket.id))
            if message is not None:
                sent += 1
                await self.tickets.remember(official.telegram_id, message.message_id, ticket.id,
                                            "escalation")
        logger.info("handoff: ticket %d escalated to %d of %d officials", ticket.id, sent,
                    len(officials))
        if sent:
            await self.to_group(ticket, text("escalated_group", id=ticket.id, count=sent))
        else:
            await self.to_group(ticket, text("escalation_no_officials", id=ticket.id))
        return True


def _reply_params(chat_id: int, reply_to: Optional[tuple[int, int]]) -> Optional[ReplyParameters]:
    if reply_to is None or reply_to[0] != chat_id:
        return None
    return ReplyParameters(message_id=reply_to[1], allow_sending_without_reply=True)


def _upload_method(bot: Any, mime_type: str) -> Any:
    """sendVoice for what Telegram plays as a voice note (OGG/Opus), sendAudio for MP3 and
    M4A/AAC, sendDocument for anything else (AMR, WAV...: the volunteer downloads it)."""
    kind = (mime_type or "").split(";")[0].strip().lower()
    if kind in {"audio/ogg", "audio/opus"}:
        return bot.send_voice
    if kind in {"audio/mpeg", "audio/mp3", "audio/mp4", "audio/m4a", "audio/x-m4a", "audio/aac"}:
        return bot.send_audio
    return bot.send_document
