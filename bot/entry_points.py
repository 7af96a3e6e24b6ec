"""Entry points: where a conversation came from (a leaflet, a commune, a volunteer team).

A QR code on a leaflet, a Telegram deep link (`https://t.me/<bot>?start=<payload>`) and the
web chat (`/webhooks/webchat/?ep=<payload>`) carry the same short *payload*. The channel that
receives it calls `parse_payload`, passes the `EntryPoint` to Rasa as message metadata
(`{"entry_point": entry.to_dict()}`) and calls `record_entry` so the operator report can count
conversations per source, commune, team, channel and day (`entry_counts`).

Payload format (version 1): tagged fields in this order, source first and required, each an
uppercase tag letter followed by a lowercase value made of `a-z 0-9 _ -`:

    S<source>  C<commune key>  T<team>  K<channel letter: t=telegram z=zalo w=webchat>

e.g. `Sleaflet-2026Cthanh_phongKt`. Only `A-Za-z0-9_-` is used and the whole payload is at most
64 characters, which is exactly what Telegram allows for a /start parameter and is safe in any
URL query without escaping. It stays readable in logs. `parse_payload` accepts anything and
returns None for what is not a valid payload; it never raises.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Any, Optional

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, UniqueConstraint, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot import storage
from bot.core import tz
from bot.core.text import fold

__all__ = [
    "EntryPoint",
    "MAX_PAYLOAD_LENGTH",
    "CHANNELS",
    "make_payload",
    "parse_payload",
    "record_entry",
    "entry_counts",
    "database_url",
]

logger = logging.getLogger(__name__)

MAX_PAYLOAD_LENGTH = 64  # Telegram: "up to 64 characters", A-Za-z0-9_- only
MAX_VALUE_LENGTH = 40

# channel name -> one-letter code in the payload
CHANNELS: dict[str, str] = {"telegram": "t", "zalo": "z", "webchat": "w"}
_CHANNEL_BY_CODE = {code: name for name, code in CHANNELS.items()}

_FIELD_TAGS = (("source", "S"), ("commune", "C"), ("team", "T"), ("channel", "K"))
_FIELD_BY_TAG = {tag: field for field, tag in _FIELD_TAGS}
_TAG_ORDER = {tag: index for index, (_, tag) in enumerate(_FIELD_TAGS)}
_VALUE_RE = re.compile(r"^[a-z0-9_-]+$")
_PAYLOAD_RE = re.compile(r"^(?:[A-Z][a-z0-9_-]*)+$")
_TAGGED_RE = re.compile(r"([A-Z])([a-z0-9_-]*)")



@dataclass(frozen=True)
class EntryPoint:
    """Where a conversation started. `source` is required (e.g. "leaflet-2026"); the others
    may be None. `commune` is a commune key of the knowledge base's places file."""

    source: str
    commune: Optional[str] = None
    team: Optional[str] = None
    channel: Optional[str] = None

    def to_dict(self) -> dict[str, Optional[str]]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Optional["EntryPoint"]:
        """Tolerant inverse of `to_dict` (e.g. from tracker metadata): None if not valid."""
        if not isinstance(data, dict):
            return None
        try:
            return _build(
                data.get("source"), data.get("commune"), data.get("team"), data.get("channel")
            )
        except ValueError:
            return None

    def payload(self) -> str:
        return make_payload(self.source, self.commune, self.team, self.channel)


def normalize_value(value: Any, field: str) -> Optional[str]:
    """Turn a source, commune key or team name into payload form: folded (no diacritics),
    lowercase, spaces as '-'. Raises ValueError naming the field when it cannot be encoded."""
    if value is None:
        return None
    text = fold(str(value)).replace(" ", "-")
    if text == "":
        return None
    if not _VALUE_RE.match(text):
        raise ValueError(
            f"entry point {field} {value!r}: only letters, digits, '_' and '-' are allowed"
        )
    if len(text) > MAX_VALUE_LENGTH:
        raise ValueError(f"entry point {field} {value!r}: longer than {MAX_VALUE_LENGTH} characters")
    return text


def _build(source: Any, commune: Any, team: Any, channel: Any) -> EntryPoint:
    src = normalize_value(source, "source")
    if not src:
        raise ValueError("entry point source is required (e.g. 'leaflet-2026')")
    chan = None
    if channel is not None and str(channel).strip():
        chan = str(channel).strip().lower()
        if chan in _CHANNEL_BY_CODE:
            chan = _CHANNEL_BY_CODE[chan]
        if chan not in CHANNELS:
            raise ValueError(
                f"entry point channel {channel!r}: must be one of {', '.join(sorted(CHANNELS))}"
            )
    return EntryPoint(
        source=src,
        commune=normalize_value(commune, "commune"),
        team=normalize_value(team, "team"),
        channel=chan,
    )


def make_payload(
    source: str,
    commune: Optional[str] = None,
    team: Optional[str] = None,
    channel: Optional[str] = None,
) -> str:
    """Encode an entry point for a deep link or URL. Raises ValueError (with the field named)
    when a value cannot be encoded or the payload would exceed 64 characters."""
    entry = _build(source, commune, team, channel)
    parts = ["S" + entry.source]
    if entry.commune:
        parts.append("C" + entry.commune)
    if entry.team:
        parts.append("T" + entry.team)
    if entry.channel:
        parts.append("K" + CHANNELS[entry.channel])
    payload = "".join(parts)
    if len(payload) > MAX_PAYLOAD_LENGTH:
        raise ValueError(
            f"entry point payload {payload!r} is {len(payload)} characters; Telegram allows "
            f"{MAX_PAYLOAD_LENGTH}: use a shorter source or team name"
        )
    return payload


def parse_payload(payload: Any) -> Optional[EntryPoint]:
    """Decode a payload from a /start parameter, a URL query or a Zalo message.

    Returns None for anything that is not a valid payload (wrong type, too long, unknown tag,
    repeated tag, no source, bad characters). Never raises. A leading "/start " is ignored."""
    try:
        if isinstance(payload, bytes):
            payload = payload.decode("ascii")
        if not isinstance(payload, str):
            return None
        text = payload.strip()
        if text.startswith("/start"):
            text = text[len("/start"):].strip()
        if not text or len(text) > MAX_PAYLOAD_LENGTH or not _PAYLOAD_RE.match(text):
            return None
        fields: dict[str, str] = {}
        last = -1
        for tag, value in _TAGGED_RE.findall(text):
            field = _FIELD_BY_TAG.get(tag)
            if field is None or not value or _TAG_ORDER[tag] <= last:
                return None  # unknown tag, empty value, repeated or out of order (S C T K)
            last = _TAG_ORDER[tag]
            fields[field] = value
        channel = fields.get("channel")
        if channel is not None:
            channel = _CHANNEL_BY_CODE.get(channel)
            if channel is None:
                return None
        return _build(fields.get("source"), fields.get("commune"), fields.get("team"), channel)
    except Exception:  # noqa: BLE001 - garbage in, None out
        return None


# --------------------------------------------------------------------------------------------
# Counting (operator report)

_metadata = MetaData()

entry_point_counts = Table(
    "entry_point_counts",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),
    Column("source", String(64), nullable=False),
    Column("commune", String(64), nullable=False, default=""),  # "" = not given
    Column("team", String(64), nullable=False, default=""),
    Column("channel", String(16), nullable=False, default=""),
    Column("count", Integer, nullable=False, default=0),
    UniqueConstraint("day", "source", "commune", "team", "channel", name="uq_entry_point_counts"),
)

# (hashed sender, key..., day) counted already by this process: a page reload or a second
# /start from the same person on the same day is not a new visit. Bounded; memory only.
_seen: "OrderedDict[tuple, None]" = OrderedDict()
_seen_lock = threading.Lock()
_SEEN_MAX = 50_000


def database_url(url: Optional[str] = None) -> str:
    """DVCBOT_DATABASE_URL (see bot.storage)."""
    return storage.database_url(url)


def _engine(url: Optional[str]) -> Engine:
    return storage.engine_for(url, _metadata)


def _key(entry: EntryPoint, channel: Optional[str]) -> dict[str, str]:
    return {
        "source": entry.source,
        "commune": entry.commune or "",
        "team": entry.team or "",
        "channel": channel or entry.channel or "",
    }


def record_entry(
    entry: EntryPoint,
    database_url: Optional[str] = None,
    *,
    channel: Optional[str] = None,
    sender: Optional[str] = None,
    day: Optional[dt.date] = None,
) -> bool:
    """Count one conversation started from `entry`; True when counted.

    `channel` is the channel that actually received it (defaults to the one in the payload).
    With `sender`, the same sender is counted once per entry point and day within this process
    (the id is only hashed in memory, never stored). Returns False (and logs) instead of raising
    when the database is unavailable: counting must never break a conversation."""
    if not isinstance(entry, EntryPoint):
        return False
    key = _key(entry, channel)
    key["day"] = day or tz.today()
    if sender is not None:
        seen_key = (hashlib.sha256(str(sender).encode("utf-8")).hexdigest()[:16], *key.values())
        with _seen_lock:
            if seen_key in _seen:
                return False
            _seen[seen_key] = None
            while len(_seen) > _SEEN_MAX:
                _seen.popitem(last=False)
    counted = _increment(key, database_url)
    if not counted and sender is not None:
        with _seen_lock:
            _seen.pop(seen_key, None)  # let a later visit try again
    return counted


def _increment(key: dict[str, Any], database_url: Optional[str]) -> bool:
    try:
        engine = _engine(database_url)
        where = [getattr(entry_point_counts.c, name) == value for name, value in key.items()]
        for _ in range(3):
            with engine.begin() as conn:
                result = conn.execute(
                    update(entry_point_counts)
                    .where(*where)
                    .values(count=entry_point_counts.c.count + 1)
                )
                if result.rowcount:
                    return True
            try:
                with engine.begin() as conn:
                    conn.execute(entry_point_counts.insert().values(count=1, **key))
                return True
            except IntegrityError:
                continue  # another writer inserted the row first: update it
        return False
    except Exception as exc:  # noqa: BLE001 - a bad URL, a locked or unwritable database...
        logger.error("entry point not counted (%s): %s", key.get("source"), exc.__class__.__name__)
        return False


def entry_counts(
    since: dt.date,
    until: Optional[dt.date] = None,
    database_url: Optional[str] = None,
) -> list[dict[str, Any]]:
    """Counts per day, source, commune, team and channel with since <= day <= until (default
    today), oldest first. Empty commune/team/channel come back as None."""
    until = until or tz.today()
    engine = _engine(database_url)
    t = entry_point_counts
    stmt = (
        select(t.c.day, t.c.source, t.c.commune, t.c.team, t.c.channel, t.c.count)
        .where(t.c.day >= since, t.c.day <= until)
        .order_by(t.c.day, t.c.source, t.c.commune, t.c.team, t.c.channel)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [
        {
            "day": row.day,
            "source": row.source,
            "commune": row.commune or None,
            "team": row.team or None,
            "channel": row.channel or None,
            "count": row.count,
        }
        for row in rows
    ]
