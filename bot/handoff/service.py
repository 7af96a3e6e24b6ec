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

    # web chat page polling for volunteer answers:
    texts = service.webchat_outbox(sender_id)

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

Privacy: what is stored and announced is masked (masking.py): phone and ID numbers, e-mail
addresses, dossier codes partially. Live messages relayed after a claim keep dossier codes in
full (the volunteer needs them to help) but still mask phone and ID numbers. Logs carry ticket
ids and counts, never message text.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import threading
from dataclasses import dataclass
from typing import Any, Callable, Optional

import httpx
from sqlalchemy.exc import IntegrityError

from bot.handoff import kb
from bot.handoff.config import HandoffSettings
from bot.handoff.masking import mask_personal
from bot.handoff.senders import (CitizenSender, TelegramBots, TelegramCitizenSender,
                                 WebChatOutbox, ZaloCitizenSender, split_text)
from bot.handoff.store import CLAIMED, CLOSED, OPEN, Ticket, TicketStore, utcnow
from bot.handoff.teams import Member, Team, Teams, TeamsCache
from bot.handoff.texts import text

logger = logging.getLogger(__name__)

VN = dt.timezone(dt.timedelta(hours=7))
CLAIM_PREFIX = "claim:"
MAX_ANNOUNCED_MESSAGES = 8
NHOM_EVERY = dt.timedelta(minutes=10)
MAX_MESSAGE_CHARS = 300
CANCEL_WORDS = {"huy", "/huy", "huy bo", "khong can nua", "/cancel", "cancel", "ket thuc",
                "thoat"}
CHANNEL_NAMES = {"telegram": "Telegram", "zalo": "Zalo", "webchat": "Web chat"}
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)
_PAYLOAD = re.compile(r"^/[A-Za-z_]+(?:\{.*\})?$", re.DOTALL)   # a Rasa button payload
_RATING = re.compile(r"^\s*([1-5])\s*(?:/\s*5|sao|diem|\*|⭐)?\s*[.!]*\s*$")


def fold(value: str) -> str:
    from knowledge.text import fold as kb_fold

    return kb_fold(value)


def parse_command(message_text: Optional[str]) -> tuple[Optional[str], str]:
    """("xong", "") for "/xong@dvcbot"; (None, text) for ordinary text."""
    value = (message_text or "").strip()
    match = _COMMAND.match(value)
    if not match:
        return None, value
    return match.group(1).lower(), (match.group(2) or "").strip()


def parse_rating(message_text: str) -> Optional[int]:
    value = fold(message_text or "")
    stars = (message_text or "").count("⭐")
    if 1 <= stars <= 5 and not value.strip("⭐ "):
        return stars
    match = _RATING.match(value)
    return int(match.group(1)) if match else None


def vn_time(moment: Optional[dt.datetime], fmt: str = "%H:%M %d/%m/%Y") -> str:
    if moment is None:
        return ""
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(VN).strftime(fmt)


def normalize_messages(recent: Any) -> list[dict[str, str]]:
    """[{"who": "citizen"|"bot", "text": masked}] from dicts, (who, text) pairs or plain texts."""
    out: list[dict[str, str]] = []
    for item in recent or []:
        if isinstance(item, dict):
            who = "bot" if str(item.get("who") or item.get("event") or "") in {"bot", "assistant"} \
                else "citizen"
            body = item.get("text")
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            who = "bot" if item[0] in {"bot", "assistant"} else "citizen"
            body = item[1]
        else:
            who, body = "citizen", item
        body = " ".join(str(body or "").split())
        if not body:
            continue
        if len(body) > MAX_MESSAGE_CHARS:
            body = body[: MAX_MESSAGE_CHARS - 1] + "…"
        out.append({"who": who, "text": mask_personal(body)})
    return out


@dataclass
class OpenResult:
    """What `open_ticket` did. status: opened | already_open | no_team | unavailable."""

    status: str
    ticket: Optional[Ticket] = None
    posted: bool = False

    @property
    def handed_off(self) -> bool:
        return self.status in {"opened", "already_open"}


@dataclass
class DueResult:
    reannounced: int = 0
    escalated: int = 0
    expired: int = 0
    retried: int = 0


class HandoffService:
    def __init__(self, settings: Optional[HandoffSettings] = None, *,
                 senders: Optional[dict[str, CitizenSender]] = None,
                 clock: Callable[[], dt.datetime] = utcnow,
                 zalo_transport: Optional[httpx.AsyncBaseTransport] = None,
                 known_communes: Optional[list[str]] = None):
        self.settings = settings or HandoffSettings.from_env()
        self.clock = clock
        self.store = TicketStore(self.settings.database_url, clock)
        if known_communes is None:
            known_communes = kb.commune_keys()
        self._teams = TeamsCache(self.settings.teams_file, known_communes)
        self.telegram: Optional[TelegramBots] = None
        if self.settings.telegram_token:
            self.telegram = TelegramBots(self.settings.telegram_token,
                                         self.settings.telegram_base_url)
        self.senders: dict[str, CitizenSender] = {
            "zalo": ZaloCitizenSender(self.settings.zalo_base_url, transport=zalo_transport),
            "webchat": WebChatOutbox(self.store),
        }
        if self.telegram is not None:
            self.senders["telegram"] = TelegramCitizenSender(self.telegram)
        self.senders.update(senders or {})
        self._nhom_answered: dict[Any, dt.datetime] = {}

    # ------------------------------------------------------------------------ configuration

    def teams(self) -> Teams:
        return self._teams.get()

    def set_sender(self, channel: str, sender: CitizenSender) -> None:
        """Let a channel deliver volunteer answers itself (e.g. the Zalo channel's output,
        which refreshes tokens and keeps undeliverable messages)."""
        self.senders[channel] = sender

    def available(self, commune: Optional[str], channel: Optional[str]) -> bool:
        """Can a ticket for this commune and citizen channel reach a person and come back?"""
        team = self.teams().team(commune)
        return (self.telegram is not None and team is not None and team.reachable
                and channel in self.senders)

    def opened_message(self, commune: Optional[str]) -> str:
        """What the citizen is told when the ticket is opened (hours if the KB knows them)."""
        hours = kb.office_hours(commune)
        when = text("when_hours", hours=hours) if hours else text("when_unknown")
        return text("handoff_opened", commune_name=kb.commune_name(commune), when=when)

    # ----------------------------------------------------------------------------- opening

    async def open_ticket(self, sender_id: str, channel: str, commune: Optional[str],
                          procedure: Optional[str], recent_messages: Any = ()) -> OpenResult:
        existing = self.store.active_for(channel, sender_id)
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
        try:
            ticket = self.store.create(commune=commune, procedure=procedure, channel=channel,
                                       sender_id=str(sender_id),
                                       messages=normalize_messages(recent_messages))
        except IntegrityError:   # opened at the same moment by another process: that one
            existing = self.store.active_for(channel, sender_id)
            if existing is None:
                raise
            return OpenResult("already_open", existing, existing.announcements > 0)
        posted = await self._announce(ticket, team)
        logger.info("handoff: ticket %d opened for commune %s (posted: %s)", ticket.id, commune,
                    posted)
        return OpenResult("opened", self.store.get(ticket.id), posted)

    def _announcement_text(self, ticket: Ticket) -> str:
        lines = []
        for item in ticket.messages[-MAX_ANNOUNCED_MESSAGES:]:
            key = "message_bot" if item.get("who") == "bot" else "message_citizen"
            lines.append(text(key, text=item.get("text", "")))
        body = text("announcement", id=ticket.id, commune_name=kb.commune_name(ticket.commune),
                    procedure=kb.procedure_name(ticket.procedure) or text("unknown_procedure"),
                    channel=CHANNEL_NAMES.get(ticket.channel, ticket.channel),
                    created=vn_time(ticket.created_at),
                    messages="\n".join(lines) or text("no_messages"))
        return body[:3900]

    def _claim_markup(self, ticket_id: int):
        from telegram import InlineKeyboardButton, InlineKeyboardMarkup

        data = f"{CLAIM_PREFIX}{ticket_id}"
        assert len(data.encode()) <= 64
        return InlineKeyboardMarkup([[InlineKeyboardButton(text("claim_button"),
                                                           callback_data=data)]])

    async def _announce(self, ticket: Ticket, team: Team, header: Optional[str] = None) -> bool:
        """Post (or re-post) the ticket in the team's group; counts the announcement."""
        if self.telegram is None or team.group_chat_id is None:
            return False
        if not self.store.mark_announced(ticket.id, ticket.announcements):
            return False  # claimed meanwhile, or another watcher did it
        body = self._announcement_text(ticket)
        if header:
            body = header + "\n\n" + body
        reply_to = self._last_announcement(ticket.id)
        message = await self._send_group(team.group_chat_id, body, reply_to=reply_to,
                                         markup=self._claim_markup(ticket.id))
        if message is None:
            self.store.unmark_announced(ticket.id, ticket.announcements, ticket.last_announced_at)
            return False
        self.store.remember_message(team.group_chat_id, message.message_id, ticket.id,
                                    "announcement")
        return True

    def _last_announcement(self, ticket_id: int) -> Optional[tuple[int, int]]:
        found = self.store.thread_messages(ticket_id, ("announcement",))
        return found[-1] if found else None

    # ----------------------------------------------------------------------- telegram I/O

    async def _send_group(self, chat_id: int, body: str, *,
                          reply_to: Optional[tuple[int, int]] = None, markup: Any = None):
        """Send one message (the last part if long); None when Telegram refused or is down."""
        from telegram import ReplyParameters
        from telegram.error import TelegramError

        if self.telegram is None:
            return None
        bot = self.telegram.get()
        message = None
        parts = split_text(body, 4000)
        try:
            for index, part in enumerate(parts):
                params = None
                if reply_to is not None and reply_to[0] == chat_id and index == 0:
                    params = ReplyParameters(message_id=reply_to[1],
                                             allow_sending_without_reply=True)
                message = await bot.send_message(
                    chat_id=chat_id, text=part, reply_parameters=params,
                    reply_markup=markup if index == len(parts) - 1 else None)
        except (TelegramError, httpx.HTTPError) as exc:
            logger.warning("handoff: telegram send to chat failed (%s: %s)",
                           exc.__class__.__name__, str(exc)[:80])
            return None
        return message

    async def _reply(self, message: dict[str, Any], body: str) -> None:
        chat_id = message["chat"]["id"]
        await self._send_group(chat_id, body, reply_to=(chat_id, message["message_id"]))

    async def _answer_callback(self, query_id: str, body: str, alert: bool = False) -> None:
        from telegram.error import TelegramError

        try:
            await self.telegram.get().answer_callback_query(query_id, text=body[:200],
                                                            show_alert=alert)
        except (TelegramError, httpx.HTTPError) as exc:
            logger.warning("handoff: answerCallbackQuery failed (%s)", exc.__class__.__name__)

    async def _edit(self, chat_id: int, message_id: int, new_text: Optional[str]) -> None:
        """Replace the text (when given) and drop the claim button."""
        from telegram.error import TelegramError

        bot = self.telegram.get()
        try:
            if new_text is not None:
                await bot.edit_message_text(new_text[:4096], chat_id=chat_id,
                                            message_id=message_id, reply_markup=None)
            else:
                await bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id,
                                                    reply_markup=None)
        except (TelegramError, httpx.HTTPError) as exc:
            logger.info("handoff: edit of a ticket message failed (%s)", exc.__class__.__name__)

    async def _to_volunteers(self, ticket: Ticket, body: str, kind: str = "relay") -> bool:
        """A message in the ticket's thread: the claimer's chat once claimed, else the group."""
        team = self.teams().team(ticket.commune)
        chat_id = ticket.relay_chat_id or (team.group_chat_id if team else None)
        if chat_id is None:
            return False
        if ticket.relay_chat_id and ticket.relay_message_id:
            reply_to: Optional[tuple[int, int]] = (ticket.relay_chat_id, ticket.relay_message_id)
        else:
            reply_to = self._last_announcement(ticket.id)
        message = await self._send_group(chat_id, body, reply_to=reply_to)
        if message is None:
            return False
        self.store.remember_message(chat_id, message.message_id, ticket.id, kind)
        return True

    async def _to_group(self, ticket: Ticket, body: str) -> None:
        team = self.teams().team(ticket.commune)
        if team is None or team.group_chat_id is None:
            return
        message = await self._send_group(team.group_chat_id, body,
                                         reply_to=self._last_announcement(ticket.id))
        if message is not None:
            self.store.remember_message(team.group_chat_id, message.message_id, ticket.id, "note")

    async def _to_citizen(self, ticket: Ticket, body: str) -> bool:
        sender = self.senders.get(ticket.channel)
        if sender is None:
            logger.warning("handoff: no sender for channel %s (ticket %d)", ticket.channel,
                           ticket.id)
            return False
        return await sender.send_text(ticket.sender_id, body)

    # -------------------------------------------------------------------- volunteer updates

    async def handle_volunteer_update(self, update: Any) -> bool:
        """Handle a Telegram update that belongs to the volunteers' side.

        True: the update was consumed here (claim buttons, anything in a group chat, a
        registered member's commands or thread replies in a private chat); the channel must
        not pass it to Rasa. False: a citizen's update, for the channel to handle as usual."""
        if not isinstance(update, dict) and hasattr(update, "to_dict"):
            update = update.to_dict()  # a python-telegram-bot Update (polling mode)
        try:
            return await self._volunteer_update(update or {})
        except Exception:  # noqa: BLE001 - a broken update must not break the channel
            logger.exception("handoff: volunteer update failed")
            query = (update or {}).get("callback_query") or {}
            return bool(str(query.get("data") or "").startswith(CLAIM_PREFIX)) or \
                _is_group_update(update or {})

    async def _volunteer_update(self, update: dict[str, Any]) -> bool:
        query = update.get("callback_query")
        if isinstance(query, dict):
            data = str(query.get("data") or "")
            if not data.startswith(CLAIM_PREFIX):
                return False
            if self.telegram is not None:
                await self._claim(query, data[len(CLAIM_PREFIX):])
            return True
        if _is_group_update(update):
            message = update.get("message")
            if isinstance(message, dict) and self.telegram is not None:
                await self._group_message(message)
            return True  # edits, joins, channel posts: nothing for citizens
        message = update.get("message")
        if isinstance(message, dict) and (message.get("chat") or {}).get("type") == "private":
            return await self._private_message(message)
        return False

    async def _claim(self, query: dict[str, Any], raw_id: str) -> None:
        query_id = str(query.get("id") or "")
        user = query.get("from") or {}
        message = query.get("message") or {}
        chat = message.get("chat") or {}
        try:
            ticket = self.store.get(int(raw_id))
        except ValueError:
            ticket = None
        if ticket is None:
            await self._answer_callback(query_id, text("claim_unknown"), alert=True)
            return
        team = self.teams().team(ticket.commune)
        commune_name = kb.commune_name(ticket.commune)
        member = team.member(user.get("id")) if team else None
        in_group = team is not None and chat.get("id") == team.group_chat_id
        official_dm = (chat.get("type") == "private" and chat.get("id") == user.get("id")
                       and member is not None and member.role == "official")
        if member is None:
            logger.info("handoff: claim of ticket %d refused (not a member)", ticket.id)
            await self._answer_callback(query_id, text("claim_not_member",
                                                       commune_name=commune_name), alert=True)
            return
        if not (in_group or official_dm):
            await self._answer_callback(query_id, text("claim_wrong_chat",
                                                       commune_name=commune_name), alert=True)
            return
        won = self.store.claim(ticket.id, member.telegram_id, member.name, int(chat["id"]),
                               message.get("message_id"))
        if not won:
            current = self.store.get(ticket.id)
            if current is not None and current.status == CLAIMED:
                await self._answer_callback(query_id, text("claim_taken", id=ticket.id,
                                                           name=current.claimed_by_name),
                                            alert=True)
            else:
                await self._answer_callback(query_id, text("claim_closed", id=ticket.id),
                                            alert=True)
            return
        logger.info("handoff: ticket %d claimed", ticket.id)
        await self._answer_callback(query_id, text("claim_ok", id=ticket.id))
        ticket = self.store.get(ticket.id)
        note = text("claimed_note", name=member.name, time=vn_time(ticket.claimed_at, "%H:%M"))
        clicked = (chat.get("id"), message.get("message_id"))
        for chat_id, message_id in self.store.thread_messages(ticket.id,
                                                              ("announcement", "escalation")):
            if (chat_id, message_id) == clicked and message.get("text"):
                await self._edit(chat_id, message_id, message["text"] + "\n\n" + note)
            else:
                await self._edit(chat_id, message_id, None)
        if not in_group:
            await self._to_group(ticket, text("claimed_group", id=ticket.id, name=member.name))
        await self._to_citizen(ticket, text("claimed_citizen", name=member.name))

    async def _group_message(self, message: dict[str, Any]) -> None:
        chat = message.get("chat") or {}
        user = message.get("from") or {}
        body = message.get("text") if message.get("text") is not None else message.get("caption")
        command, args = parse_command(body)
        if command == "nhom":
            # needed before a group is registered, so anyone may ask; but a stranger's answer
            # at most once per group every NHOM_EVERY, so that added-to-groups spam cannot
            # burn the bot's Telegram budget (members are always answered)
            now = self.clock()
            last = self._nhom_answered.get(chat.get("id"))
            if self.teams().member(user.get("id")) is None and last is not None \
                    and now - last < NHOM_EVERY:
                return
            self._nhom_answered[chat.get("id")] = now
            await self._reply(message, text("group_ids", chat_id=chat.get("id"),
                                            user_id=user.get("id")))
            return
        team = self.teams().team_for_group(chat.get("id"))
        if team is None:
            return  # a group that is no team's: the bot says nothing there
        await self._thread_message(message, team, command, args, body)

    async def _thread_message(self, message: dict[str, Any], team: Optional[Team],
                              command: Optional[str], args: str, body: Optional[str]) -> bool:
        """A message in a ticket's thread (group, or an official's private chat). True if it
        concerned a ticket."""
        chat = message.get("chat") or {}
        user = message.get("from") or {}
        ticket: Optional[Ticket] = None
        reply = message.get("reply_to_message")
        if isinstance(reply, dict):
            ticket_id = self.store.ticket_of_message(chat.get("id"), reply.get("message_id"))
            ticket = self.store.get(ticket_id) if ticket_id is not None else None
        if ticket is None and command in {"xong", "gui", "buoc"}:
            mine = [t for t in self.store.claimed_by_member(int(user.get("id") or 0))
                    if t.relay_chat_id == chat.get("id")]
            if len(mine) == 1:
                ticket = mine[0]
            elif team is not None or mine:
                await self._reply(message, text("xong_which"))
                return True
        if ticket is None:
            return False
        ticket_team = self.teams().team(ticket.commune)
        if ticket_team is None:
            return True
        if team is not None and team.commune != ticket.commune:
            return True  # another commune's ticket: not reachable from this group
        member = ticket_team.member(user.get("id"))
        if member is None:
            await self._reply(message, text("reply_not_member"))
            return True
        if ticket.status == CLOSED:
            await self._reply(message, text("reply_closed", id=ticket.id))
            return True
        if ticket.status == OPEN:
            await self._reply(message, text("reply_needs_claim", id=ticket.id))
            return True
        if ticket.claimed_by != member.telegram_id:
            await self._reply(message, text("reply_other_claimer", id=ticket.id,
                                            name=ticket.claimed_by_name))
            return True
        if command == "xong":
            await self.close_by_volunteer(ticket, member, message)
        elif command == "gui":
            from bot.handoff import assisted

            await assisted.send_card(self, message, member, ticket, args)
        elif command == "buoc":
            from bot.handoff import assisted

            await assisted.send_steps(self, message, member, ticket)
        elif command is not None:
            return True  # other commands are not for the citizen
        elif not (body or "").strip():
            await self._reply(message, text("relay_non_text"))
        else:
            await self.relay_to_citizen(ticket, member, body, message)
        return True

    async def relay_to_citizen(self, ticket: Ticket, member: Member, body: str,
                               message: Optional[dict[str, Any]] = None) -> bool:
        ok = await self._to_citizen(ticket, text("from_volunteer", name=member.name,
                                                 text=body.strip()))
        self.store.touch(ticket.id)
        if not ok and message is not None:
            await self._reply(message, text("relay_failed", id=ticket.id))
        logger.info("handoff: ticket %d volunteer message relayed (%s)", ticket.id, ok)
        return ok

    async def close_by_volunteer(self, ticket: Ticket, member: Member,
                                 message: Optional[dict[str, Any]] = None) -> bool:
        if not self.store.close(ticket.id, "volunteer", ask_rating=True):
            if message is not None:
                await self._reply(message, text("reply_closed", id=ticket.id))
            return False
        logger.info("handoff: ticket %d closed by the volunteer", ticket.id)
        await self._to_citizen(ticket, text("closed_ask_rating", name=member.name))
        if message is not None:
            await self._reply(message, text("closed_group", id=ticket.id))
        return True

    async def _private_message(self, message: dict[str, Any]) -> bool:
        user = message.get("from") or {}
        teams = self.teams()
        if not teams.teams_of(user.get("id")):
            return False  # a citizen
        body = message.get("text") if message.get("text") is not None else message.get("caption")
        command, args = parse_command(body)
        if self.telegram is None:
            return False
        if await self._thread_message(message, None, command, args, body):
            return True
        from bot.handoff import assisted

        return await assisted.handle_private_command(self, message, command, args)

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
        since = self.clock() - dt.timedelta(hours=self.settings.rating_hours)
        found = await asyncio.to_thread(self.store.routing_ticket, channel, sender_id, since)
        if found is None:
            return False  # the usual case: one indexed query, nothing else
        body = " ".join((message_text or "").split())
        ticket = found if found.status in (OPEN, CLAIMED) else None
        if ticket is not None:
            if fold(body) in CANCEL_WORDS:
                if self.store.close(ticket.id, "citizen", ask_rating=False):
                    logger.info("handoff: ticket %d cancelled by the citizen", ticket.id)
                    await self._to_citizen(ticket, text("citizen_cancelled"))
                    await self._to_volunteers(ticket, text("citizen_cancelled_group",
                                                           id=ticket.id), kind="note")
                return True
            if _PAYLOAD.match(body):
                return False  # the citizen pressed one of the bot's buttons: the bot answers
            if not body:
                body = text("non_text_body")
            if ticket.status == OPEN:
                masked = mask_personal(body)
                self.store.touch(ticket.id, {"who": "citizen",
                                             "text": masked[:MAX_MESSAGE_CHARS]})
            else:
                hidden, restore = _protect_codes(body)
                masked = restore(mask_personal(hidden))
                self.store.touch(ticket.id)
            await self._to_volunteers(ticket, text("citizen_message", id=ticket.id, text=masked))
            return True
        waiting = found  # closed, waiting for this citizen's 1-5 rating
        rating = parse_rating(body)
        if rating is None:
            self.store.stop_waiting_for_rating(waiting.id)
            return False
        if self.store.rate(waiting.id, rating):
            logger.info("handoff: ticket %d rated %d", waiting.id, rating)
            await self._to_citizen(waiting, text("rating_thanks", rating=rating))
            await self._to_volunteers(waiting, text("rated_group", id=waiting.id, rating=rating),
                                      kind="note")
        return True

    async def citizen_erasing(self, sender_id: str, channel: str) -> None:
        """Before "xóa dữ liệu của tôi" deletes the tickets (bot/privacy.py): the volunteers of
        an active one are told, and asked to delete its messages from the group."""
        ticket = await asyncio.to_thread(self.store.active_for, channel, str(sender_id))
        if ticket is not None:
            await self._to_volunteers(ticket, text("citizen_erased_group", id=ticket.id),
                                      kind="note")

    def webchat_outbox(self, sender_id: str) -> list[str]:
        """Volunteer messages waiting for this web chat citizen (removed once returned)."""
        return self.store.outbox_take(str(sender_id))

    # ------------------------------------------------------------------------- periodic

    async def run_due(self, now: Optional[dt.datetime] = None) -> DueResult:
        """Re-announce unclaimed tickets, escalate to officials, expire idle tickets."""
        now = now or self.clock()
        result = DueResult()
        delay = dt.timedelta(minutes=self.settings.reannounce_minutes)
        teams = self.teams()
        for ticket in self.store.open_tickets():
            team = teams.team(ticket.commune)
            if team is None or self.telegram is None:
                continue
            if ticket.announcements == 0:
                if await self._announce(ticket, team):
                    result.retried += 1
                continue
            if ticket.escalated_at is not None or ticket.last_announced_at is None:
                continue
            if now - ticket.last_announced_at < delay:
                continue
            minutes = int((now - ticket.created_at).total_seconds() // 60)
            if ticket.announcements - 1 >= self.settings.escalate_after:
                if await self._escalate(ticket, team, minutes):
                    result.escalated += 1
            else:
                header = text("reannouncement", count=ticket.announcements, id=ticket.id,
                              minutes=minutes)
                if await self._announce(ticket, team, header):
                    result.reannounced += 1
                    logger.info("handoff: ticket %d re-announced", ticket.id)
        expiry = now - dt.timedelta(hours=self.settings.expire_hours)
        self.store.outbox_purge(expiry)
        for ticket in self.store.idle_since(expiry):
            if self.store.close(ticket.id, "expired", ask_rating=False):
                result.expired += 1
                logger.info("handoff: ticket %d expired", ticket.id)
                await self._to_citizen(ticket, text("expired_citizen"))
                await self._to_volunteers(ticket, text("expired_group", id=ticket.id,
                                                       hours=f"{self.settings.expire_hours:g}"),
                                          kind="note")
        return result

    async def _escalate(self, ticket: Ticket, team: Team, minutes: int) -> bool:
        if not self.store.mark_escalated(ticket.id):
            return False
        officials = team.officials
        sent = 0
        body = (text("escalation", id=ticket.id, commune_name=kb.commune_name(ticket.commune),
                     minutes=minutes, count=ticket.announcements)
                + "\n\n" + self._announcement_text(ticket))
        for official in officials:
            message = await self._send_group(official.telegram_id, body,
                                             markup=self._claim_markup(ticket.id))
            if message is not None:
                sent += 1
                self.store.remember_message(official.telegram_id, message.message_id, ticket.id,
                                            "escalation")
        logger.info("handoff: ticket %d escalated to %d of %d officials", ticket.id, sent,
                    len(officials))
        if sent:
            await self._to_group(ticket, text("escalated_group", id=ticket.id, count=sent))
        else:
            await self._to_group(ticket, text("escalation_no_officials", id=ticket.id))
        return True

    async def aclose(self) -> None:
        if self.telegram is not None:
            await self.telegram.aclose()


_DOSSIER_SHAPE = re.compile(
    r"(?<![A-Za-z0-9.,])[A-Za-z0-9]{1,6}(?:\s*[.,]\s*[A-Za-z0-9]{1,6}){1,3}"
    r"\s*[-\u2010-\u2015\u2212]\s*\d{6}\s*[-\u2010-\u2015\u2212]\s*\d{4}(?!\d)")


def _protect_codes(body: str) -> tuple[str, Callable[[str], str]]:
    """Hide dossier codes from masking (placeholders) and give the function that restores them."""
    codes: list[str] = []

    def keep(match: re.Match) -> str:
        codes.append(match.group(0))
        return f"⟦{len(codes) - 1}⟧"

    hidden = _DOSSIER_SHAPE.sub(keep, body)

    def restore(value: str) -> str:
        return re.sub(r"⟦(\d+)⟧", lambda m: codes[int(m.group(1))], value)

    return hidden, restore


def _is_group_update(update: dict[str, Any]) -> bool:
    for key in ("message", "edited_message", "channel_post", "edited_channel_post",
                "my_chat_member", "chat_member", "chat_join_request"):
        item = update.get(key)
        if isinstance(item, dict):
            kind = (item.get("chat") or {}).get("type")
            if kind in {"group", "supergroup", "channel"}:
                return True
    return False


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
