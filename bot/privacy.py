"""Personal data: how long it is kept, the privacy notice, and the citizen's erase command.

Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 and Nghị định 356/2025/NĐ-CP (since 01/01/2026).
README "Security and privacy" / "Personal data" says what is kept and for how long.

- `notice()` / `first_contact(sender)`: the short notice said once at a citizen's first contact
  (actions/session.py), texts in bot/privacy.yml. Table `privacy_notices` (a digest of the
  conversation id and when it was shown).
- `is_erase_command(text)` / `erase(sender, channel)`: "xóa dữ liệu của tôi" (with or without
  diacritics), handled by the channels before Rasa (bot/channels/handoff_link.route_citizen):
  the conversation's tracker events, dossier follows and notifications, hand-off tickets
  (with their Telegram thread mappings), web chat and channel outbox rows, and the notice
  record are deleted. The dossier guess counters are kept (digests only, 24 h): erasing them
  would let a guesser start again.
- `purge()` (`dvcbot purge`, and daily in the hand-off watcher):
  * conversations with no event for DVCBOT_RETENTION_DAYS (default 90) are redacted as a
    whole: the conversation id becomes a random pseudonym; of each message only the time,
    channel, intent (with its confidence and the top guesses) and procedure are kept, and the
    text only of a message the assistant did not understand, masked (what `dvcbot report`
    shows), so the report's figures do not change; every other event is deleted. A
    conversation with any newer event is not touched at all;
  * delivered outbox rows (Zalo channel outbox, dossier notifications) after 7 days, any
    outbox row and ended follows after the retention period;
  * closed hand-off tickets after 365 days: their citizen id, messages and volunteer are
    removed (commune, procedure, times, outcome and rating stay for the report), their
    Telegram thread mappings deleted; the assisted look-up log after 365 days;
  * dossier guess counters after their window, security alerts after a year;
  * the channels' inbox (bot.channels.inbox) after DVCBOT_INBOX_RETENTION_HOURS (48 h: an
    answered message is only its platform id by then), the web chat's visible turns after
    DVCBOT_WEBCHAT_HISTORY_HOURS (72 h).
Kept: entry-point counts (per day, commune, source and channel: no person in them) and the
stored button payloads (`telegram_callbacks`: the server's own buttons under a hash key written
once and reused, so their number is bounded by the distinct buttons; deleting an old row would
break the same button in a message sent yesterday).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import re
import secrets
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import Column, DateTime, MetaData, String, Table, create_engine, delete, func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from bot import storage
from bot.core.settings import PrivacySettings, settings
from bot.core.texts import TEXT_LIST, TextFile

logger = logging.getLogger(__name__)

TEXTS_FILE = Path(__file__).resolve().with_name("privacy.yml")
DEFAULT_RETENTION_DAYS = PrivacySettings.retention_days
OUTBOX_DELIVERED_DAYS = 7
TICKET_RETENTION_DAYS = 365
PURGED_PREFIX = "purged:"

metadata = MetaData()

notices = Table(
    "privacy_notices", metadata,
    Column("conversation_key", String(64), primary_key=True),
    Column("shown_at", DateTime, nullable=False),
)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def retention_days() -> int:
    return settings().privacy.retention_days


def _key(sender_id: str) -> str:
    return hashlib.sha256(f"dvcbot-privacy:{sender_id}".encode("utf-8")).hexdigest()


# ------------------------------------------------------------------------------ texts


TEXTS = TextFile(TEXTS_FILE, {"notice": {"days"}, "erased": set(), "erase_failed": set(),
                             "erase_commands": TEXT_LIST})


def text(key: str, **values: Any) -> str:
    return " ".join(TEXTS.text(key, **values).split())


def notice() -> str:
    return text("notice", days=retention_days())


def _fold_command(value: Optional[str]) -> str:
    from bot.core.text import fold

    folded = fold(value or "")
    return " ".join(re.sub(r"[^\w/\s]", " ", folded).split())


@lru_cache(maxsize=4)
def _erase_commands(path: str) -> frozenset[str]:
    return frozenset(_fold_command(c) for c in TEXTS.load(path).value("erase_commands"))


def is_erase_command(message_text: Optional[str]) -> bool:
    """"xóa dữ liệu của tôi", "Xoa du lieu cua toi!", "/xoadulieu"..."""
    if not message_text or len(message_text) > 80:
        return False
    return _fold_command(message_text) in _erase_commands(str(TEXTS_FILE))


# ------------------------------------------------------------------------------ notice


def first_contact(sender_id: str, url: Optional[str] = None,
                  now: Optional[dt.datetime] = None) -> bool:
    """True the first time a conversation is seen (recorded at once: said once only)."""
    engine = storage.engine_for(url, metadata)
    try:
        with engine.begin() as conn:
            conn.execute(notices.insert().values(conversation_key=_key(sender_id),
                                                 shown_at=now or utcnow()))
        return True
    except IntegrityError:
        return False


# ------------------------------------------------------------------------------ tracker


def tracker_engine(url: Optional[str] = None) -> Optional[Engine]:
    """Rasa's tracker database: the live store of this Rasa server when there is one, else the
    URL given, DVCBOT_TRACKER_URL or the endpoints file (bot.report.tracker_url). None when
    there is no conversation database yet."""
    if url is None:
        stores = sys.modules.get("bot.rasa_ext.stores")
        live = getattr(stores, "live_tracker_engine", None) if stores else None
        engine = live() if live else None
        if engine is not None:
            return engine
    from bot.report import tracker_url

    resolved = tracker_url(url)
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not Path(parsed.database).exists():
            return None
    engine = _tracker_engines.get(resolved)
    if engine is None:
        engine = _tracker_engines[resolved] = create_engine(resolved, future=True,
                                                            hide_parameters=True)
    return engine


_tracker_engines: dict[str, Engine] = {}


def _events():
    from bot.report import events_table

    return events_table


def redact_event(data: dict[str, Any]) -> Optional[dict[str, Any]]:
    """What is kept of one tracker event of a conversation past its retention (None: deleted).
    Exactly what `dvcbot report` counts, nothing else."""
    from bot.report import DEFAULT_MIN_CONFIDENCE, FALLBACK_INTENT, clean_question

    kind = data.get("event")
    if kind == "slot":
        if data.get("name") == "procedure" and data.get("value"):
            return {"event": "slot", "timestamp": data.get("timestamp"), "name": "procedure",
                    "value": data["value"]}
        return None
    if kind != "user":
        return None
    parse = data.get("parse_data") or {}
    intent = parse.get("intent") or {}
    confidence = intent.get("confidence")
    kept: dict[str, Any] = {"intent": {"name": intent.get("name"), "confidence": confidence},
                            "entities": [{"entity": "procedure", "value": e.get("value")}
                                         for e in parse.get("entities") or []
                                         if e.get("entity") == "procedure" and e.get("value")],
                            "intent_ranking": [{"name": r.get("name"),
                                                "confidence": r.get("confidence")}
                                               for r in (parse.get("intent_ranking") or [])[:3]]}
    body = str(data.get("text") or "")
    not_understood = intent.get("name") == FALLBACK_INTENT or (
        confidence is not None and float(confidence) < DEFAULT_MIN_CONFIDENCE)
    return {"event": "user", "timestamp": data.get("timestamp"),
            "input_channel": data.get("input_channel"),
            "text": clean_question(body) if not_understood and not body.startswith("/") else "",
            "parse_data": kept}


def _redact_conversation(engine: Engine, sender_id: str) -> int:
    t = _events()
    pseudonym = PURGED_PREFIX + secrets.token_hex(8)
    changed = 0
    with engine.begin() as conn:
        rows = conn.execute(select(t.c.id, t.c.data).where(t.c.sender_id == sender_id)
                            .order_by(t.c.id)).all()
        gone = []
        for row in rows:
            try:
                data = json.loads(row.data or "{}")
            except ValueError:
                data = {}
            kept = redact_event(data) if isinstance(data, dict) else None
            if kept is None:
                gone.append(row.id)
            else:
                conn.execute(t.update().where(t.c.id == row.id).values(
                    sender_id=pseudonym, action_name=None,
                    data=json.dumps(kept, ensure_ascii=False)))
            changed += 1
        for start in range(0, len(gone), 500):
            conn.execute(delete(t).where(t.c.id.in_(gone[start:start + 500])))
    return changed


def purge_conversations(engine: Engine, before: dt.datetime) -> tuple[int, list[str]]:
    """Redact every conversation whose newest event is older than `before` (naive UTC)."""
    t = _events()
    cutoff = before.replace(tzinfo=dt.timezone.utc).timestamp()
    with engine.connect() as conn:
        senders = list(conn.execute(
            select(t.c.sender_id).where(~t.c.sender_id.startswith(PURGED_PREFIX))
            .group_by(t.c.sender_id).having(func.max(t.c.timestamp) < cutoff)).scalars())
    events = 0
    for sender in senders:
        events += _redact_conversation(engine, sender)
    return events, senders


# ------------------------------------------------------------------------------ erase


@dataclass
class Erased:
    events: int = 0
    follows: int = 0
    tickets: int = 0
    outbox: int = 0


def erase(sender_id: str, channel: Optional[str] = None, *, url: Optional[str] = None,
          tracker_url: Optional[str] = None) -> Erased:
    """Everything kept about one conversation, deleted (the citizen's command)."""
    from actions.portal.subscriptions import SubscriptionStore
    from bot.channels import inbox as channel_inbox
    from bot.channels import store as channel_store
    from bot.channels import webchat_history
    from bot.handoff.store import TicketStore

    result = Erased()
    engine = tracker_engine(tracker_url)
    if engine is not None:
        t = _events()
        try:
            with engine.begin() as conn:
                result.events = conn.execute(delete(t).where(t.c.sender_id == sender_id)).rowcount or 0
        except OperationalError:
            # no events table: Rasa never stored a conversation here
            logger.info("erase: no conversation table in the tracker store")
    result.follows = SubscriptionStore(url).forget(sender_id)
    result.tickets = TicketStore(storage.database_url(url)).forget(sender_id)
    outbox = channel_store.channel_outbox
    recipients = {sender_id, sender_id.split(":", 1)[-1]}
    with channel_store.engine(url).begin() as conn:
        query = delete(outbox).where(outbox.c.recipient_id.in_(recipients))
        if channel:
            query = query.where(outbox.c.channel == channel)
        result.outbox = conn.execute(query).rowcount or 0
    result.outbox += channel_inbox.erase(sender_id, url) + webchat_history.erase(sender_id, url)
    with storage.engine_for(url, metadata).begin() as conn:
        conn.execute(delete(notices).where(notices.c.conversation_key == _key(sender_id)))
    logger.info("erase: a conversation's data was erased on request (%d events, %d follows, "
                "%d tickets, %d outbox rows)", result.events, result.follows, result.tickets,
                result.outbox)
    return result


# ------------------------------------------------------------------------------ purge


@dataclass
class Purged:
    conversations: int = 0
    events: int = 0
    outbox: int = 0
    notifications: int = 0
    tickets: int = 0
    other: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        line = (f"purge: {self.conversations} conversations redacted ({self.events} events), "
                f"{self.outbox} outbox rows, {self.notifications} follow/notification rows, "
                f"{self.tickets} closed tickets redacted, {self.other} other rows")
        return line + "".join(f"; {note}" for note in self.notes)


def purge(now: Optional[dt.datetime] = None, *, days: Optional[int] = None,
          url: Optional[str] = None, tracker_url: Optional[str] = None) -> Purged:
    """One purge of everything past its lifetime (see the module docstring)."""
    from actions.portal.guesses import GuessGuard
    from actions.portal.subscriptions import SubscriptionStore
    from bot.channels import inbox as channel_inbox
    from bot.channels import store as channel_store
    from bot.channels import webchat_history
    from bot.handoff.store import TicketStore

    now = now or utcnow()
    days = days or retention_days()
    before = now - dt.timedelta(days=days)
    result = Purged()
    engine = tracker_engine(tracker_url)
    if engine is None:
        result.notes.append("no conversation database yet")
    else:
        try:
            result.events, senders = purge_conversations(engine, before)
            result.conversations = len(senders)
        except OperationalError:
            result.notes.append("no conversation table yet")
            senders = []
        if senders:
            with storage.engine_for(url, metadata).begin() as conn:
                conn.execute(delete(notices).where(notices.c.conversation_key.in_(
                    [_key(s) for s in senders])))
    with storage.engine_for(url, metadata).begin() as conn:
        # a conversation that never got stored, or one of long ago: at worst the notice is
        # said again
        result.other += conn.execute(delete(notices).where(notices.c.shown_at < before)).rowcount or 0
    outbox = channel_store.channel_outbox
    delivered_before = (now - dt.timedelta(days=OUTBOX_DELIVERED_DAYS)).replace(
        tzinfo=dt.timezone.utc).timestamp()
    any_before = before.replace(tzinfo=dt.timezone.utc).timestamp()
    with channel_store.engine(url).begin() as conn:
        result.outbox = conn.execute(delete(outbox).where(
            ((outbox.c.status == "delivered") & (outbox.c.delivered_at < delivered_before))
            | (outbox.c.created_at < any_before))).rowcount or 0
    unix_now = now.replace(tzinfo=dt.timezone.utc).timestamp()
    inbox_before = unix_now - 3600 * settings().inbox.retention_hours
    result.other += (channel_inbox.purge(inbox_before, url)
                     + webchat_history.purge(url, unix_now))
    result.notifications = SubscriptionStore(url).purge(
        delivered_before=now - dt.timedelta(days=OUTBOX_DELIVERED_DAYS), ended_before=before)
    tickets = TicketStore(storage.database_url(url))
    result.tickets = tickets.redact_closed(now - dt.timedelta(days=TICKET_RETENTION_DAYS))
    result.other += GuessGuard(url).purge(now)
    logger.info(result.summary())
    return result


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="dvcbot purge",
        description="xóa hoặc che dữ liệu cá nhân đã quá hạn lưu (DVCBOT_RETENTION_DAYS)")
    parser.add_argument("--days", type=int, default=None, metavar="SỐ_NGÀY",
                        help=f"số ngày lưu cuộc trò chuyện (mặc định DVCBOT_RETENTION_DAYS "
                             f"hoặc {DEFAULT_RETENTION_DAYS})")
    parser.add_argument("--tracker-url", default=None, metavar="URL",
                        help="cơ sở dữ liệu hội thoại của Rasa (mặc định: theo endpoints.yml)")
    parser.add_argument("--database-url", default=None, metavar="URL",
                        help="cơ sở dữ liệu dvcbot (mặc định DVCBOT_DATABASE_URL)")
    parser.add_argument("--erase", metavar="MÃ_HỘI_THOẠI", default=None,
                        help="thay vào đó: xóa một cuộc trò chuyện (người dân yêu cầu tại quầy), "
                             "ví dụ tg:123456789 hoặc zalo:987654321")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        if args.erase:
            erased = erase(args.erase.strip(), url=args.database_url, tracker_url=args.tracker_url)
            print(f"đã xóa: {erased.events} sự kiện hội thoại, {erased.follows} dòng theo dõi "
                  f"hồ sơ, {erased.tickets} phiếu gặp người thật, {erased.outbox} tin chờ gửi")
            return 0
        if args.days is not None and args.days < 1:
            raise ValueError("--days phải từ 1 trở lên")
        result = purge(days=args.days, url=args.database_url, tracker_url=args.tracker_url)
    except (ValueError, SQLAlchemyError) as exc:
        print(f"dvcbot purge: lỗi: {str(exc)[:200]}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - e.g. ReportError: no tracker store configured
        print(f"dvcbot purge: lỗi: {exc}", file=sys.stderr)
        return 2
    print(f"đã xóa/che: {result.conversations} cuộc trò chuyện ({result.events} sự kiện), "
          f"{result.outbox} tin chờ gửi, {result.notifications} dòng theo dõi/thông báo, "
          f"{result.tickets} phiếu đã đóng, {result.other} dòng khác"
          + "".join(f"; {note}" for note in result.notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
