"""The volunteers' Telegram updates: parsed into a command, dispatched through a table.

Which updates are the volunteers' (`is_volunteer_update`): a "claim:<id>" button, and anything
in a group chat (groups are only ever volunteer teams; edits, joins and channel posts there are
consumed silently). In a private chat, a registered member's thread replies and commands are
theirs; everything else in a private chat is a citizen's, for the channel to pass to Rasa.

The commands, as python-telegram-bot's examples register CommandHandlers, one table per place:

    in a ticket's thread (a reply to a ticket message; /xong, /gui, /buoc also without a reply
    when the member has exactly one claimed ticket in that chat):
        /xong                 close the ticket, ask the citizen for a 1-5 rating
        /gui <procedure>      send the procedure card to the citizen (assisted.py)
        /buoc                 send the online-submission steps to the citizen
        any other text        relayed to the citizen
    in a group:
        /nhom                 the group's and the sender's Telegram ids (to register the group)
    in a registered member's private chat (assisted mode, assisted.py):
        /tnv, /hotro, /thutuc, /gui <ticket> ..., /buoc <ticket>, /hoso ..., /xong
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Awaitable, Callable, Optional

from bot.handoff import kb
from bot.handoff.assisted import Assisted
from bot.handoff.chats import (CLAIM_PREFIX, CitizenChat, VolunteerChat, VolunteerMessage,
                               vn_time)
from bot.handoff.store import CLAIMED, CLOSED, OPEN, Ticket
from bot.handoff.teams import Member, Team, Teams
from bot.handoff.texts import text
from bot.handoff.tickets import Tickets

logger = logging.getLogger(__name__)

NHOM_EVERY = dt.timedelta(minutes=10)
_GROUP_KINDS = {"group", "supergroup", "channel"}
_CHAT_KEYS = ("message", "edited_message", "channel_post", "edited_channel_post",
              "my_chat_member", "chat_member", "chat_join_request")

ThreadHandler = Callable[[VolunteerMessage, Member, Ticket], Awaitable[None]]
PrivateHandler = Callable[[VolunteerMessage, Member, Optional[str]], Awaitable[None]]


def as_update_dict(update: Any) -> dict[str, Any]:
    """A Bot API update as a dict, from JSON (webhook) or a python-telegram-bot Update (polling)."""
    if not isinstance(update, dict) and hasattr(update, "to_dict"):
        update = update.to_dict()
    return update if isinstance(update, dict) else {}


def is_volunteer_update(update: Any) -> bool:
    """A claim button, or anything in a group chat: never for Rasa, even when the hand-off
    service is not running."""
    update = as_update_dict(update)
    query = update.get("callback_query")
    if isinstance(query, dict):
        return str(query.get("data") or "").startswith(CLAIM_PREFIX)
    for key in _CHAT_KEYS:
        item = update.get(key)
        if isinstance(item, dict) and (item.get("chat") or {}).get("type") in _GROUP_KINDS:
            return True
    return False


class VolunteerTelegram:
    """Handles the updates of the volunteers' side; see the module docstring."""

    def __init__(self, tickets: Tickets, teams: Callable[[], Teams], volunteers: VolunteerChat,
                 citizens: CitizenChat, assisted: Assisted, clock: Callable[[], dt.datetime]):
        self.tickets = tickets
        self.teams = teams
        self.volunteers = volunteers
        self.citizens = citizens
        self.clock = clock
        self._nhom_answered: dict[Any, dt.datetime] = {}
        self.thread_commands: dict[str, ThreadHandler] = {
            "xong": self.close,
            "gui": assisted.send_card,
            "buoc": assisted.send_steps,
        }
        self.group_commands: dict[str, Callable[[VolunteerMessage], Awaitable[None]]] = {
            "nhom": self.group_ids,
        }
        self.private_commands: dict[str, PrivateHandler] = {
            "tnv": assisted.help,
            "hotro": assisted.help,
            "thutuc": assisted.procedure_card,
            "gui": assisted.send_card_to_number,
            "buoc": assisted.send_steps_to_number,
            "hoso": assisted.lookup,
            "xong": self.which_ticket,
        }

    async def handle(self, update: Any) -> bool:
        """True when the update was the volunteers' (consumed here)."""
        update = as_update_dict(update)
        query = update.get("callback_query")
        if isinstance(query, dict):
            data = str(query.get("data") or "")
            if not data.startswith(CLAIM_PREFIX):
                return False
            if self.volunteers.configured:
                await self.claim(query, data[len(CLAIM_PREFIX):])
            return True
        if is_volunteer_update(update):
            message = update.get("message")
            if isinstance(message, dict) and self.volunteers.configured:
                await self.group_message(VolunteerMessage.parse(message))
            return True  # edits, joins, channel posts: nothing for citizens
        message = update.get("message")
        if isinstance(message, dict) and (message.get("chat") or {}).get("type") == "private":
            return await self.private_message(VolunteerMessage.parse(message))
        return False

    # ------------------------------------------------------------------------------- claim

    async def claim(self, query: dict[str, Any], raw_id: str) -> None:
        query_id = str(query.get("id") or "")
        user = query.get("from") or {}
        message = query.get("message") or {}
        chat = message.get("chat") or {}
        answer = self.volunteers.answer_callback
        ticket = await self.tickets.get(int(raw_id)) if raw_id.isdigit() else None
        if ticket is None:
            await answer(query_id, text("claim_unknown"), alert=True)
            return
        team = self.teams().team(ticket.commune)
        commune_name = kb.commune_name(ticket.commune)
        member = team.member(user.get("id")) if team else None
        in_group = team is not None and chat.get("id") == team.group_chat_id
        official_dm = (chat.get("type") == "private" and chat.get("id") == user.get("id")
                       and member is not None and member.role == "official")
        if member is None:
            logger.info("handoff: claim of ticket %d refused (not a member)", ticket.id)
            await answer(query_id, text("claim_not_member", commune_name=commune_name),
                         alert=True)
            return
        if not (in_group or official_dm):
            await answer(query_id, text("claim_wrong_chat", commune_name=commune_name),
                         alert=True)
            return
        result = await self.tickets.claim(ticket, member, int(chat["id"]),
                                          message.get("message_id"))
        if not result.won:
            current = result.ticket
            if current is not None and current.status == CLAIMED:
                await answer(query_id, text("claim_taken", id=ticket.id,
                                            name=current.claimed_by_name), alert=True)
            else:
                await answer(query_id, text("claim_closed", id=ticket.id), alert=True)
            return
        logger.info("handoff: ticket %d claimed", ticket.id)
        await answer(query_id, text("claim_ok", id=ticket.id))
        ticket = result.ticket
        note = text("claimed_note", name=member.name, time=vn_time(ticket.claimed_at, "%H:%M"))
        clicked = (chat.get("id"), message.get("message_id"))
        for chat_id, message_id in await self.tickets.thread(ticket.id,
                                                             ("announcement", "escalation")):
            if (chat_id, message_id) == clicked and message.get("text"):
                await self.volunteers.edit(chat_id, message_id, message["text"] + "\n\n" + note)
            else:
                await self.volunteers.edit(chat_id, message_id, None)
        if not in_group:
            await self.volunteers.to_group(ticket, text("claimed_group", id=ticket.id,
                                                        name=member.name))
        await self.citizens.send(ticket, text("claimed_citizen", name=member.name))

    # ---------------------------------------------------------------------- groups, threads

    async def group_message(self, said: VolunteerMessage) -> None:
        handler = self.group_commands.get(said.command or "")
        if handler is not None:
            await handler(said)
            return
        team = self.teams().team_for_group(said.chat.get("id"))
        if team is None:
            return  # a group that is no team's: the bot says nothing there
        await self.thread_message(said, team)

    async def group_ids(self, said: VolunteerMessage) -> None:
        """/nhom: needed before a group is registered, so anyone may ask; but a stranger is
        answered at most once per group every NHOM_EVERY, so that added-to-groups spam cannot
        burn the bot's Telegram budget (members are always answered)."""
        chat_id = said.chat.get("id")
        now = self.clock()
        last = self._nhom_answered.get(chat_id)
        if self.teams().member(said.user_id) is None and last is not None \
                and now - last < NHOM_EVERY:
            return
        self._nhom_answered[chat_id] = now
        await self.volunteers.reply(said.message, text("group_ids", chat_id=chat_id,
                                                       user_id=said.user_id))

    async def _thread_ticket(self, said: VolunteerMessage,
                             team: Optional[Team]) -> tuple[Optional[Ticket], bool]:
        """(the ticket this message is about, whether the message was answered already)."""
        reply = said.message.get("reply_to_message")
        if isinstance(reply, dict):
            ticket = await self.tickets.ticket_of_message(said.chat.get("id"),
                                                          reply.get("message_id"))
            if ticket is not None:
                return ticket, False
        if said.command not in self.thread_commands:
            return None, False
        mine = [t for t in await self.tickets.claimed_by(int(said.user_id or 0))
                if t.relay_chat_id == said.chat.get("id")]
        if len(mine) == 1:
            return mine[0], False
        if team is not None or mine:
            await self.volunteers.reply(said.message, text("xong_which"))
            return None, True
        return None, False

    async def thread_message(self, said: VolunteerMessage, team: Optional[Team]) -> bool:
        """A message in a ticket's thread (group, or an official's private chat). True if it
        concerned a ticket."""
        ticket, answered = await self._thread_ticket(said, team)
        if ticket is None:
            return answered
        ticket_team = self.teams().team(ticket.commune)
        if ticket_team is None:
            return True
        if team is not None and team.commune != ticket.commune:
            return True  # another commune's ticket: not reachable from this group
        member = ticket_team.member(said.user_id)
        refusal = None
        if member is None:
            refusal = text("reply_not_member")
        elif ticket.status == CLOSED:
            refusal = text("reply_closed", id=ticket.id)
        elif ticket.status == OPEN:
            refusal = text("reply_needs_claim", id=ticket.id)
        elif ticket.claimed_by != member.telegram_id:
            refusal = text("reply_other_claimer", id=ticket.id, name=ticket.claimed_by_name)
        if refusal is not None:
            await self.volunteers.reply(said.message, refusal)
            return True
        if said.command is not None:
            handler = self.thread_commands.get(said.command)
            if handler is not None:
                await handler(said, member, ticket)
            return True  # other commands are not for the citizen
        if not (said.body or "").strip():
            await self.volunteers.reply(said.message, text("relay_non_text"))
        else:
            await self.relay_to_citizen(said, member, ticket)
        return True

    async def relay_to_citizen(self, said: VolunteerMessage, member: Member,
                               ticket: Ticket) -> bool:
        ok = await self.citizens.send(ticket, text("from_volunteer", name=member.name,
                                                   text=(said.body or "").strip()))
        await self.tickets.touch(ticket.id)
        if not ok:
            await self.volunteers.reply(said.message, text("relay_failed", id=ticket.id))
        logger.info("handoff: ticket %d volunteer message relayed (%s)", ticket.id, ok)
        return ok

    async def close(self, said: VolunteerMessage, member: Member, ticket: Ticket) -> None:
        """/xong: the citizen is given back to the bot and asked for a rating."""
        if not await self.tickets.close(ticket.id, "volunteer", ask_rating=True):
            await self.volunteers.reply(said.message, text("reply_closed", id=ticket.id))
            return
        logger.info("handoff: ticket %d closed by the volunteer", ticket.id)
        await self.citizens.send(ticket, text("closed_ask_rating", name=member.name))
        await self.volunteers.reply(said.message, text("closed_group", id=ticket.id))

    # ------------------------------------------------------------------------ private chats

    async def private_message(self, said: VolunteerMessage) -> bool:
        teams = self.teams().teams_of(said.user_id)
        if not teams or not self.volunteers.configured:
            return False  # a citizen (or no bot to answer with)
        if await self.thread_message(said, None):
            return True
        handler = self.private_commands.get(said.command or "")
        if handler is None:
            return False  # a member's plain question goes to the assistant
        await handler(said, teams[0].member(said.user_id), teams[0].commune)
        return True

    async def which_ticket(self, said: VolunteerMessage, member: Member,
                           commune: Optional[str]) -> None:
        """/xong in a private chat without a ticket: it belongs in a ticket's thread."""
        await self.volunteers.reply(said.message, text("xong_which"))
