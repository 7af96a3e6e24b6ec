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
from typing import TYPE_CHECKING, Any, Optional

from bot.handoff import kb
from bot.core.dossier_code import DASHED_CODE_RE
from bot.core.masking import mask_personal
from bot.core.settings import settings
from bot.handoff.store import CLAIMED, Ticket
from bot.handoff.teams import Member
from bot.handoff.texts import text

if TYPE_CHECKING:  # pragma: no cover
    from bot.handoff.service import HandoffService

logger = logging.getLogger(__name__)

HELP_COMMANDS = {"tnv", "hotro"}
MIN_REASON_CHARS = 5
_DIGITS = re.compile(r"(?<!\S)(\d{4})(?!\S)")


def lookups_per_day() -> int:
    return settings().handoff.assisted_lookups_per_day


def _member_of_any(service: "HandoffService", telegram_id: Any) -> tuple[Optional[Member], Optional[str]]:
    teams = service.teams().teams_of(telegram_id)
    if not teams:
        return None, None
    return teams[0].member(telegram_id), teams[0].commune


async def handle_private_command(service: "HandoffService", message: dict[str, Any],
                                 command: Optional[str], args: str) -> bool:
    """A registered member's private command; False for anything else (goes to Rasa)."""
    user_id = (message.get("from") or {}).get("id")
    member, commune = _member_of_any(service, user_id)
    if member is None:
        return False
    if command in HELP_COMMANDS:
        await service._reply(message, text("assisted_help"))
    elif command == "thutuc":
        await procedure_card(service, message, args)
    elif command == "gui":
        ticket, rest = _ticket_arg(service, args)
        if ticket is None:
            await service._reply(message, text("assisted_usage_gui"))
        elif not _owns(ticket, member):
            await service._reply(message, text("assisted_not_your_ticket", id=ticket.id))
        else:
            await send_card(service, message, member, ticket, rest)
    elif command == "buoc":
        ticket, _ = _ticket_arg(service, args)
        if ticket is None:
            await service._reply(message, text("assisted_usage_buoc"))
        elif not _owns(ticket, member):
            await service._reply(message, text("assisted_not_your_ticket", id=ticket.id))
        else:
            await send_steps(service, message, member, ticket)
    elif command == "hoso":
        await lookup_dossier(service, message, member, commune, args)
    elif command == "xong":
        await service._reply(message, text("xong_which"))   # /xong belongs in a ticket thread
    else:
        return False
    return True


def _owns(ticket: Ticket, member: Member) -> bool:
    return ticket.status == CLAIMED and ticket.claimed_by == member.telegram_id


def _ticket_arg(service: "HandoffService", args: str) -> tuple[Optional[Ticket], str]:
    match = re.match(r"^#?(\d{1,9})\b\s*(.*)$", args.strip(), re.DOTALL)
    if not match:
        return None, args
    return service.store.get(int(match.group(1))), match.group(2).strip()


def _split_aspect(args: str) -> tuple[str, Optional[str]]:
    if "|" in args:
        query, words = args.split("|", 1)
        return query.strip(), kb.aspect_of(words)
    return args.strip(), "procedure"


async def procedure_card(service: "HandoffService", message: dict[str, Any], args: str) -> None:
    query, aspect = _split_aspect(args)
    if not query:
        await service._reply(message, text("assisted_usage_thutuc"))
        return
    card = kb.procedure_card(query, aspect or "procedure")
    if card is None:
        await service._reply(message, text("assisted_unknown_procedure", query=query[:60]))
        return
    await service._reply(message, card.text)


async def send_card(service: "HandoffService", message: dict[str, Any], member: Member,
                    ticket: Ticket, args: str) -> None:
    query, aspect = _split_aspect(args)
    if not query:
        await service._reply(message, text("assisted_usage_gui"))
        return
    card = kb.procedure_card(query, aspect or "procedure")
    if card is None:
        await service._reply(message, text("assisted_unknown_procedure", query=query[:60]))
        return
    ok = await service._to_citizen(ticket, text("card_from_volunteer", name=member.name)
                                   + "\n\n" + card.text)
    service.store.touch(ticket.id)
    service.store.log_assisted(telegram_id=member.telegram_id, commune=ticket.commune,
                               action="send_card", target=f"ticket:{ticket.id}:{card.key}",
                               reason=None, outcome="sent" if ok else "failed")
    await service._reply(message, text("assisted_sent", id=ticket.id) if ok
                         else text("relay_failed", id=ticket.id))


async def send_steps(service: "HandoffService", message: dict[str, Any], member: Member,
                     ticket: Ticket) -> None:
    steps = kb.online_steps()
    body = "\n\n".join(steps)
    ok = bool(steps) and await service._to_citizen(
        ticket, text("card_from_volunteer", name=member.name) + "\n\n" + body)
    service.store.touch(ticket.id)
    service.store.log_assisted(telegram_id=member.telegram_id, commune=ticket.commune,
                               action="send_steps", target=f"ticket:{ticket.id}", reason=None,
                               outcome="sent" if ok else "failed")
    await service._reply(message, text("assisted_sent", id=ticket.id) if ok
                         else text("relay_failed", id=ticket.id))


def _normalise_code(raw: str) -> str:
    try:
        from actions.portal.codes import parse_dossier_code

        parsed = parse_dossier_code(raw)
        if parsed.code:
            return parsed.code
    except Exception:  # noqa: BLE001 - fall back to a plain clean-up
        pass
    return re.sub(r"\s+", "", raw).upper()


async def lookup_dossier(service: "HandoffService", message: dict[str, Any], member: Member,
                         commune: Optional[str], args: str) -> None:
    match = DASHED_CODE_RE.search(args or "")
    if match is None:
        if not args.strip():
            await service._reply(message, text("assisted_usage_hoso"))
        else:
            await service._reply(message, text("assisted_bad_code",
                                               code=mask_personal(args.split()[0])[:40]))
        return
    rest = args[:match.start()] + " " + args[match.end():]
    digits = _DIGITS.search(rest)
    suffix = digits.group(1) if digits else ""
    if digits:
        rest = rest[:digits.start()] + " " + rest[digits.end():]
    reason = " ".join(rest.split())
    if len(reason) < MIN_REASON_CHARS:
        await service._reply(message, text("assisted_reason_needed"))
        return
    from actions.dossier import phone_suffix_required, second_factor_ok
    from actions.portal.guesses import GuessGuard

    if phone_suffix_required() and not suffix:
        await service._reply(message, text("assisted_phone_needed"))
        return
    since = service.clock() - dt.timedelta(hours=24)
    done = await asyncio.to_thread(service.store.assisted_count, member.telegram_id,
                                   "dossier_lookup", since)
    if done >= lookups_per_day():
        logger.warning("assisted: a member of %s reached the daily look-up limit", commune or "-")
        await service._reply(message, text("assisted_lookup_limit", count=done))
        return
    code = _normalise_code(match.group(0))
    who = f"volunteer:{member.telegram_id}"
    guard = GuessGuard(service.settings.database_url, clock=service.clock)
    if await asyncio.to_thread(guard.refused, who):
        await service._reply(message, text("assisted_too_many_wrong"))
        return
    outcome, reply = "unavailable", text("assisted_portal_unavailable")
    try:
        from actions.portal.client import PortalError, default_adapter

        try:
            dossier = await default_adapter().lookup(code)
        except (PortalError, ValueError) as exc:   # ValueError: portal settings malformed
            logger.warning("assisted: portal look-up failed (%s)", exc.__class__.__name__)
            dossier = None
        else:
            if dossier is None or not second_factor_ok(dossier, suffix):
                await asyncio.to_thread(guard.record_failure, code, who, None,
                                        "not_found" if dossier is None else "mismatch")
                outcome, reply = "not_found", text("assisted_dossier_not_found", code=code)
            else:
                outcome, reply = "found", _dossier_text(dossier)
    except ImportError:
        logger.warning("assisted: portal client not installed")
    service.store.log_assisted(telegram_id=member.telegram_id, commune=commune,
                               action="dossier_lookup", target=mask_personal(code),
                               reason=mask_personal(reason)[:300], outcome=outcome)
    logger.info("assisted: dossier look-up by a member of %s (%s)", commune or "-", outcome)
    await service._reply(message, reply)


def _dossier_text(dossier: Any) -> str:
    unknown = text("assisted_unknown_value")
    try:
        from actions.portal.models import format_date
        from actions.portal.wording import statuses

        status = statuses().label(dossier.status) if dossier.status else None
    except Exception:  # noqa: BLE001
        status = None

        def format_date(moment):  # type: ignore[no-redef]
            return moment.strftime("%d/%m/%Y") if moment else None
    return text("assisted_dossier_found", code=dossier.code,
                status=status or dossier.status_text or unknown,
                procedure=dossier.procedure or unknown,
                applied=format_date(dossier.applied_at) or unknown,
                appointment=format_date(dossier.appointment_at) or unknown,
                applicant=dossier.masked_name or unknown)
