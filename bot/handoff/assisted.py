"""Assisted mode: a registered volunteer or official, in a private chat with the bot (or in a
ticket's thread), uses the assistant's knowledge directly. These messages never reach Rasa.

    /tnv                                  the list below
    /thutuc so do                         a procedure card (KnowledgeBase.answer(..., "procedure"))
    /thutuc so do | le phi                one aspect (le phi, giay to, thoi gian, noi nop,
                                          mau don, truc tuyen)
    /gui <ticket> <procedure>             send the procedure card to the citizen of a ticket the
                                          volunteer has claimed (in the thread: /gui <procedure>)
    /buoc <ticket>                        send the online-submission steps (in the thread: /buoc)
    /hoso <dossier code> <last 4 phone digits> <reason>
                                          look a dossier up on the province portal for a
                                          resident sitting with the volunteer; refused without a
                                          reason, and without the applicant's phone digits
                                          when the second factor is on (the default, as for
                                          citizens: actions/dossier.py); wrong answers count
                                          in the same guess guard (actions/portal/guesses.py);
                                          at most DVCBOT_ASSISTED_LOOKUPS_PER_DAY (default 20)
                                          per member in 24 h; every look-up is logged (who,
                                          when, masked code, reason, outcome) in
                                          handoff_assisted_log
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from typing import Any, Callable, Optional

from actions.dossier import phone_suffix_required, second_factor_ok
from actions.portal.client import PortalError, default_adapter
from actions.portal.codes import parse_dossier_code
from actions.portal.guesses import GuessGuard
from actions.portal.models import format_date
from actions.portal.wording import statuses
from bot.handoff import kb
from bot.core.masking import mask_personal
from bot.core.settings import settings
from bot.handoff.chats import CitizenChat, VolunteerChat, VolunteerMessage
from bot.handoff.store import CLAIMED, Ticket
from bot.handoff.teams import Member
from bot.handoff.texts import text
from bot.handoff.tickets import Tickets, find_dossier_code

logger = logging.getLogger(__name__)

MIN_REASON_CHARS = 5
_DIGITS = re.compile(r"(?<!\S)(\d{4})(?!\S)")
_TICKET_ARG = re.compile(r"^#?(\d{1,9})\b\s*(.*)$", re.DOTALL)


def lookups_per_day() -> int:
    return settings().handoff.assisted_lookups_per_day


def owns(ticket: Ticket, member: Member) -> bool:
    return ticket.status == CLAIMED and ticket.claimed_by == member.telegram_id


def _split_aspect(args: str) -> tuple[str, Optional[str]]:
    if "|" in args:
        query, words = args.split("|", 1)
        return query.strip(), kb.aspect_of(words)
    return args.strip(), "procedure"


def _normalise_code(raw: str) -> str:
    parsed = parse_dossier_code(raw)
    return parsed.code or re.sub(r"\s+", "", raw).upper()


def _dossier_text(dossier: Any) -> str:
    unknown = text("assisted_unknown_value")
    status = statuses().label(dossier.status) if dossier.status else None
    return text("assisted_dossier_found", code=dossier.code,
                status=status or dossier.status_text or unknown,
                procedure=dossier.procedure or unknown,
                applied=format_date(dossier.applied_at) or unknown,
                appointment=format_date(dossier.appointment_at) or unknown,
                applicant=dossier.masked_name or unknown)


class Assisted:
    """The assisted-mode commands; each takes the parsed message and the registered member.

    Commands about a ticket (`send_card`, `send_steps`) are given the ticket when it is known
    from the thread; `send_card_to_number` / `send_steps_to_number` find it from "/gui 12 ..."
    in a private chat. Every reply goes through `VolunteerChat`, every text to a citizen
    through `CitizenChat`."""

    def __init__(self, tickets: Tickets, volunteers: VolunteerChat, citizens: CitizenChat, *,
                 database_url: str, clock: Callable[[], dt.datetime]):
        self.tickets = tickets
        self.volunteers = volunteers
        self.citizens = citizens
        self.database_url = database_url
        self.clock = clock

    async def help(self, said: VolunteerMessage, member: Member, commune: Optional[str]) -> None:
        await self.volunteers.reply(said.message, text("assisted_help"))

    async def procedure_card(self, said: VolunteerMessage, member: Member,
                             commune: Optional[str]) -> None:
        card = await self._card(said, said.args, "assisted_usage_thutuc")
        if card is not None:
            await self.volunteers.reply(said.message, card.text)

    async def _card(self, said: VolunteerMessage, args: str, usage: str) -> Optional[kb.Card]:
        """The knowledge base's card for "<procedure> [aspect]" in args; else the volunteer is
        told the usage (nothing asked) or that the procedure is unknown, and None."""
        query, aspect = _split_aspect(args)
        if not query:
            await self.volunteers.reply(said.message, text(usage))
            return None
        card = kb.procedure_card(query, aspect or "procedure")
        if card is None:
            await self.volunteers.reply(said.message,
                                        text("assisted_unknown_procedure", query=query[:60]))
        return card

    async def _own_ticket(self, said: VolunteerMessage, member: Member,
                          usage: str) -> tuple[Optional[Ticket], str]:
        match = _TICKET_ARG.match(said.args.strip())
        ticket = await self.tickets.get(int(match.group(1))) if match else None
        if ticket is None:
            await self.volunteers.reply(said.message, text(usage))
            return None, ""
        if not owns(ticket, member):
            await self.volunteers.reply(said.message,
                                        text("assisted_not_your_ticket", id=ticket.id))
            return None, ""
        return ticket, match.group(2).strip()

    async def send_card_to_number(self, said: VolunteerMessage, member: Member,
                                  commune: Optional[str]) -> None:
        ticket, rest = await self._own_ticket(said, member, "assisted_usage_gui")
        if ticket is not None:
            await self.send_card(said, member, ticket, rest)

    async def send_steps_to_number(self, said: VolunteerMessage, member: Member,
                                   commune: Optional[str]) -> None:
        ticket, _ = await self._own_ticket(said, member, "assisted_usage_buoc")
        if ticket is not None:
            await self.send_steps(said, member, ticket)

    async def send_card(self, said: VolunteerMessage, member: Member, ticket: Ticket,
                        args: Optional[str] = None) -> None:
        card = await self._card(said, said.args if args is None else args, "assisted_usage_gui")
        if card is None:
            return
        await self._deliver(said, member, ticket, card.text, "send_card",
                            f"ticket:{ticket.id}:{card.key}")

    async def send_steps(self, said: VolunteerMessage, member: Member, ticket: Ticket) -> None:
        steps = kb.online_steps()
        await self._deliver(said, member, ticket, "\n\n".join(steps) if steps else None,
                            "send_steps", f"ticket:{ticket.id}")

    async def _deliver(self, said: VolunteerMessage, member: Member, ticket: Ticket,
                       body: Optional[str], action: str, target: str) -> None:
        """Send knowledge to the ticket's citizen, log it, tell the volunteer how it went."""
        ok = body is not None and await self.citizens.send(
            ticket, text("card_from_volunteer", name=member.name) + "\n\n" + body)
        await self.tickets.touch(ticket.id)
        await self.tickets.log_assisted(telegram_id=member.telegram_id, commune=ticket.commune,
                                        action=action, target=target, reason=None,
                                        outcome="sent" if ok else "failed")
        await self.volunteers.reply(said.message, text("assisted_sent", id=ticket.id) if ok
                                    else text("relay_failed", id=ticket.id))

    async def lookup(self, said: VolunteerMessage, member: Member, commune: Optional[str]) -> None:
        args = said.args
        reply = self.volunteers.reply
        match = find_dossier_code(args)
        if match is None:
            if not args.strip():
                await reply(said.message, text("assisted_usage_hoso"))
            else:
                await reply(said.message, text("assisted_bad_code",
                                               code=mask_personal(args.split()[0])[:40]))
            return
        rest = args[:match.start()] + " " + args[match.end():]
        digits = _DIGITS.search(rest)
        suffix = digits.group(1) if digits else ""
        if digits:
            rest = rest[:digits.start()] + " " + rest[digits.end():]
        reason = " ".join(rest.split())
        if len(reason) < MIN_REASON_CHARS:
            await reply(said.message, text("assisted_reason_needed"))
            return
        if phone_suffix_required() and not suffix:
            await reply(said.message, text("assisted_phone_needed"))
            return
        since = self.clock() - dt.timedelta(hours=24)
        done = await self.tickets.assisted_count(member.telegram_id, "dossier_lookup", since)
        if done >= lookups_per_day():
            logger.warning("assisted: a member of %s reached the daily look-up limit",
                           commune or "-")
            await reply(said.message, text("assisted_lookup_limit", count=done))
            return
        code = _normalise_code(match.group(0))
        who = f"volunteer:{member.telegram_id}"
        guard = GuessGuard(self.database_url, clock=self.clock)
        if await asyncio.to_thread(guard.refused, who):
            await reply(said.message, text("assisted_too_many_wrong"))
            return
        outcome, answer = "unavailable", text("assisted_portal_unavailable")
        try:
            dossier = await default_adapter().lookup(code)
        except (PortalError, ValueError) as exc:   # ValueError: portal settings malformed
            logger.warning("assisted: portal look-up failed (%s)", exc.__class__.__name__)
        else:
            if dossier is None or not second_factor_ok(dossier, suffix):
                await asyncio.to_thread(guard.record_failure, code, who, None,
                                        "not_found" if dossier is None else "mismatch")
                outcome, answer = "not_found", text("assisted_dossier_not_found", code=code)
            else:
                outcome, answer = "found", _dossier_text(dossier)
        await self.tickets.log_assisted(telegram_id=member.telegram_id, commune=commune,
                                        action="dossier_lookup", target=mask_personal(code),
                                        reason=mask_personal(reason)[:300], outcome=outcome)
        logger.info("assisted: dossier look-up by a member of %s (%s)", commune or "-", outcome)
        await reply(said.message, answer)
