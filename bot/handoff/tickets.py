"""The life of a hand-off ticket, without any transport.

    open -> (claim) -> relay both ways -> close -> rate;  run_due: re-announce, escalate, expire

`Tickets` wraps the synchronous `TicketStore` (SQLAlchemy) for coroutines: every store call
runs in a worker thread (`asyncio.to_thread`), so a volunteer update or a citizen message never
holds up the Rasa server's event loop. What a ticket means for a citizen's next message
(cancel words, a 1-5 rating, a bot button) and how a relayed text is masked are decided here
too. Nothing here talks to Telegram, Zalo or the web chat: `run_due` tells a `DueNotifier`
what to post, and the caller (service.py) says who hears what.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional, Protocol

from sqlalchemy.exc import IntegrityError

from bot.handoff.config import HandoffSettings
from bot.core.dossier_code import DASHED_CODE_RE
from bot.core.masking import mask_personal
from bot.handoff.media import CitizenMedia
from bot.handoff.store import CLAIMED, OPEN, Ticket, TicketStore
from bot.handoff.teams import Member, Team, Teams
from bot.core.text import fold

MAX_MESSAGE_CHARS = 300
CANCEL_WORDS = {"huy", "/huy", "huy bo", "khong can nua", "/cancel", "cancel", "ket thuc",
                "thoat"}
_PAYLOAD = re.compile(r"^/[A-Za-z_]+(?:\{.*\})?$", re.DOTALL)   # a Rasa button payload
_RATING = re.compile(r"^\s*([1-5])\s*(?:/\s*5|sao|diem|\*|⭐)?\s*[.!]*\s*$")

def find_dossier_code(value: str) -> Optional[re.Match]:
    """The first thing shaped like a dossier code (spaces and dash variants tolerated)."""
    return DASHED_CODE_RE.search(value or "")


def parse_rating(message_text: str) -> Optional[int]:
    value = fold(message_text or "")
    stars = (message_text or "").count("⭐")
    if 1 <= stars <= 5 and not value.strip("⭐ "):
        return stars
    match = _RATING.match(value)
    return int(match.group(1)) if match else None


def is_cancel(body: str) -> bool:
    return fold(body) in CANCEL_WORDS


def is_button_payload(body: str) -> bool:
    """The citizen pressed one of the bot's buttons (Rasa's /intent{...}): the bot answers."""
    return bool(_PAYLOAD.match(body))


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


def mask_keeping_codes(body: str) -> str:
    """Phone and ID numbers masked, dossier codes kept in full (the volunteer needs them)."""
    codes: list[str] = []

    def keep(match: re.Match) -> str:
        codes.append(match.group(0))
        return f"⟦{len(codes) - 1}⟧"

    hidden = DASHED_CODE_RE.sub(keep, body)
    return re.sub(r"⟦(\d+)⟧", lambda m: codes[int(m.group(1))], mask_personal(hidden))


@dataclass
class DueResult:
    reannounced: int = 0
    escalated: int = 0
    expired: int = 0
    retried: int = 0


@dataclass
class ClaimResult:
    """won: this member got the ticket; ticket: its state after the attempt (None: unknown)."""

    won: bool
    ticket: Optional[Ticket]


class DueNotifier(Protocol):
    """Who is told what by `Tickets.run_due` (the service, over Telegram and the channels)."""

    def can_announce(self) -> bool: ...

    async def announce(self, ticket: Ticket, team: Team) -> bool: ...

    async def reannounce(self, ticket: Ticket, team: Team, minutes: int) -> bool: ...

    async def escalate(self, ticket: Ticket, team: Team, minutes: int) -> bool: ...

    async def expired(self, ticket: Ticket) -> None: ...


class Tickets:
    """Ticket states over the store; every store call runs off the event loop."""

    def __init__(self, store: TicketStore, settings: HandoffSettings,
                 teams: Callable[[], Teams], clock: Callable[[], dt.datetime]):
        self.store = store
        self.settings = settings
        self.teams = teams
        self.clock = clock

    async def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        # looked up at call time: the store may be replaced or instrumented (tests)
        return await asyncio.to_thread(getattr(self.store, name), *args, **kwargs)

    # ------------------------------------------------------------------------------ reading

    async def get(self, ticket_id: int) -> Optional[Ticket]:
        return await self._call("get", ticket_id)

    async def active_for(self, channel: str, sender_id: str) -> Optional[Ticket]:
        return await self._call("active_for", channel, str(sender_id))

    async def routing(self, channel: str, sender_id: str) -> Optional[Ticket]:
        """The active ticket of this citizen, else the one waiting for their rating."""
        since = self.clock() - dt.timedelta(hours=self.settings.rating_hours)
        return await self._call("routing_ticket", channel, str(sender_id), since)

    async def claimed_by(self, telegram_id: int) -> list[Ticket]:
        return await self._call("claimed_by_member", telegram_id)

    # ---------------------------------------------------------------------------- lifecycle

    async def open(self, sender_id: str, channel: str, commune: str, procedure: Optional[str],
                   recent_messages: Any) -> tuple[Ticket, bool]:
        """(ticket, True) for a new ticket; (the citizen's active one, False) when another
        process opened it at the same moment (the unique index refused the second insert)."""
        try:
            ticket = await self._call("create", commune=commune, procedure=procedure,
                                      channel=channel, sender_id=str(sender_id),
                                      messages=normalize_messages(recent_messages))
        except IntegrityError:
            existing = await self.active_for(channel, sender_id)
            if existing is None:
                raise
            return existing, False
        return ticket, True

    async def claim(self, ticket: Ticket, member: Member, chat_id: int,
                    message_id: Optional[int]) -> ClaimResult:
        won = await self._call("claim", ticket.id, member.telegram_id, member.name, chat_id,
                               message_id)
        return ClaimResult(won, await self.get(ticket.id))

    async def citizen_message(self, ticket: Ticket, body: str) -> str:
        """Record a citizen's message on the ticket; returns the text volunteers may see.

        Before a claim the message joins the ticket's stored (masked) history, which a
        re-announcement shows; after it, dossier codes are kept for the volunteer."""
        if ticket.status == OPEN:
            masked = mask_personal(body)
            await self._call("touch", ticket.id, {"who": "citizen",
                                                  "text": masked[:MAX_MESSAGE_CHARS]})
            return masked
        await self._call("touch", ticket.id)
        return mask_keeping_codes(body)

    async def touch(self, ticket_id: int) -> None:
        await self._call("touch", ticket_id)

    async def close(self, ticket_id: int, reason: str, *, ask_rating: bool) -> bool:
        return await self._call("close", ticket_id, reason, ask_rating=ask_rating)

    async def rate(self, ticket: Ticket, body: str) -> tuple[bool, Optional[int]]:
        """(is a rating, the rating recorded now or None). Anything else ends the wait."""
        rating = parse_rating(body)
        if rating is None:
            await self.stop_waiting_for_rating(ticket.id)
            return False, None
        recorded = await self._call("rate", ticket.id, rating)
        return True, rating if recorded else None

    @staticmethod
    def is_active(ticket: Ticket) -> bool:
        return ticket.status in (OPEN, CLAIMED)

    # --------------------------------------------------------------------------- threading

    async def remember(self, chat_id: int, message_id: int, ticket_id: int, kind: str) -> None:
        await self._call("remember_message", chat_id, message_id, ticket_id, kind)

    async def ticket_of_message(self, chat_id: Any, message_id: Any) -> Optional[Ticket]:
        ticket_id = await self._call("ticket_of_message", chat_id, message_id)
        return await self.get(ticket_id) if ticket_id is not None else None

    async def thread(self, ticket_id: int, kinds: tuple[str, ...]) -> list[tuple[int, int]]:
        return await self._call("thread_messages", ticket_id, kinds)

    async def last_announcement(self, ticket_id: int) -> Optional[tuple[int, int]]:
        found = await self.thread(ticket_id, ("announcement",))
        return found[-1] if found else None

    async def mark_announced(self, ticket: Ticket) -> bool:
        return await self._call("mark_announced", ticket.id, ticket.announcements)

    async def unmark_announced(self, ticket: Ticket) -> None:
        await self._call("unmark_announced", ticket.id, ticket.announcements,
                         ticket.last_announced_at)

    async def mark_escalated(self, ticket_id: int) -> bool:
        return await self._call("mark_escalated", ticket_id)

    # ------------------------------------------------------------------------ voice notes

    async def keep_media(self, channel: str, sender_id: str, media: CitizenMedia) -> None:
        await self._call("media_put", channel, str(sender_id), media.to_dict())

    async def take_media(self, channel: str, sender_id: str) -> list[CitizenMedia]:
        return [CitizenMedia.from_dict(item)
                for item in await self._call("media_take", channel, str(sender_id))]

    async def stop_waiting_for_rating(self, ticket_id: int) -> None:
        await self._call("stop_waiting_for_rating", ticket_id)

    # ------------------------------------------------------------------------ assisted log

    async def log_assisted(self, **entry: Any) -> None:
        await self._call("log_assisted", **entry)

    async def assisted_count(self, telegram_id: int, action: str, since: dt.datetime) -> int:
        return await self._call("assisted_count", telegram_id, action, since)

    # ---------------------------------------------------------------------------- periodic

    async def run_due(self, notifier: DueNotifier, now: Optional[dt.datetime] = None) -> DueResult:
        """Re-announce unclaimed tickets, escalate to officials, expire idle tickets."""
        now = now or self.clock()
        result = DueResult()
        delay = dt.timedelta(minutes=self.settings.reannounce_minutes)
        teams = self.teams()
        for ticket in await self._call("open_tickets"):
            team = teams.team(ticket.commune)
            if team is None or not notifier.can_announce():
                continue
            if ticket.announcements == 0:
                if await notifier.announce(ticket, team):
                    result.retried += 1
                continue
            if ticket.escalated_at is not None or ticket.last_announced_at is None:
                continue
            if now - ticket.last_announced_at < delay:
                continue
            minutes = int((now - ticket.created_at).total_seconds() // 60)
            if ticket.announcements - 1 >= self.settings.escalate_after:
                if await notifier.escalate(ticket, team, minutes):
                    result.escalated += 1
            elif await notifier.reannounce(ticket, team, minutes):
                result.reannounced += 1
        expiry = now - dt.timedelta(hours=self.settings.expire_hours)
        await self._call("outbox_purge", expiry)
        await self._call("pending_media_purge",
                         now - dt.timedelta(minutes=self.settings.media_wait_minutes))
        for ticket in await self._call("idle_since", expiry):
            if await self.close(ticket.id, "expired", ask_rating=False):
                result.expired += 1
                await notifier.expired(ticket)
        return result
