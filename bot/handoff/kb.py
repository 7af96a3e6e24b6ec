"""What the hand-off needs from the knowledge base, through its public API.

Every function degrades instead of failing: if the knowledge base cannot be opened (a broken
YAML on a fresh install), commune keys are shown as they are and procedure cards are not
available, but tickets still flow.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional

from bot.core.text import fold
from bot.handoff.texts import text

logger = logging.getLogger(__name__)

ASPECT_WORDS = {
    # folded words a volunteer types after "|" in /thutuc -> KnowledgeBase aspect
    "le phi": "fee", "phi": "fee", "tien": "fee",
    "giay to": "documents", "ho so": "documents", "can gi": "documents",
    "thoi gian": "processing_time", "bao lau": "processing_time",
    "noi nop": "where", "o dau": "where", "noi": "where",
    "mau don": "form", "mau": "form", "to khai": "form",
    "truc tuyen": "online", "online": "online", "nop online": "online",
    "tong quat": "procedure", "the": "procedure",
}


def open_kb():
    from knowledge import KnowledgeBase

    return KnowledgeBase.open()


def _kb():
    try:
        return open_kb()
    except Exception as exc:  # noqa: BLE001 - the hand-off must work without the KB
        logger.error("knowledge base unavailable for the hand-off: %s", exc.__class__.__name__)
        return None


def commune_keys() -> Optional[list[str]]:
    """The commune keys of the places file, or None when the KB is unavailable."""
    kb = _kb()
    if kb is None:
        return None
    return [c.key for c in kb.communes()]


def communes() -> list[tuple[str, str]]:
    kb = _kb()
    return [(c.key, c.name) for c in kb.communes()] if kb is not None else []


def resolve_commune(text: str) -> Optional[str]:
    """A commune key from a key, a new name or a former name; None if not found."""
    kb = _kb()
    value = (text or "").strip()
    if kb is None:
        return value if value.replace("_", "").isalnum() and value.islower() else None
    for c in kb.communes():
        if c.key == value:
            return c.key
    found = kb.resolve_commune(value)
    return found.key if found is not None else None


def commune_name(key: Optional[str]) -> str:
    if not key:
        return text("commune_unknown")
    kb = _kb()
    if kb is not None:
        commune = kb.commune(key)
        if commune is not None:
            return commune.name
    return key


def office_text(key: Optional[str]) -> Optional[str]:
    kb = _kb()
    if kb is None or not key:
        return None
    try:
        return kb.office_answer(key).text
    except Exception:  # noqa: BLE001
        logger.exception("office answer failed for %s", key)
        return None


def office_hours(key: Optional[str]) -> Optional[str]:
    """The one-stop desk's working hours when the places file states them, else None.
    (Read from the KB's tables: KnowledgeBase has no accessor for one office field.)"""
    kb = _kb()
    if kb is None or not key:
        return None
    try:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from knowledge import models as m

        with Session(kb.engine, future=True) as session:
            hours = session.execute(
                select(m.Office.hours).join(m.Commune, m.Office.commune_id == m.Commune.id)
                .where(m.Commune.key == key)).scalar_one_or_none()
    except Exception:  # noqa: BLE001
        logger.exception("office hours not readable for %s", key)
        return None
    if not hours or str(hours).strip().lower() in {"unknown", "none", ""}:
        return None
    return str(hours).strip()


def procedure_name(key: Optional[str]) -> Optional[str]:
    if not key:
        return None
    kb = _kb()
    return kb.procedure_name(key) if kb is not None else key


@dataclass
class Card:
    key: str
    name: str
    text: str


def find_procedure(query: str) -> Optional[str]:
    kb = _kb()
    if kb is None or not query.strip():
        return None
    keys = set(kb.procedure_keys())
    if query.strip() in keys:
        return query.strip()
    try:
        from knowledge.search import find_procedure_in_text, search_procedures

        match = find_procedure_in_text(query)
        if match is not None and match.key in keys:
            return match.key
        hits = search_procedures(query, limit=1)
        if hits and hits[0].key in keys:
            return hits[0].key
    except Exception:  # noqa: BLE001
        logger.exception("procedure search failed")
    return None


def aspect_of(words: str) -> Optional[str]:
    folded = fold(words or "")
    if not folded:
        return "procedure"
    for phrase in sorted(ASPECT_WORDS, key=len, reverse=True):
        if phrase in folded:
            return ASPECT_WORDS[phrase]
    return None


def procedure_card(query: str, aspect: str = "procedure") -> Optional[Card]:
    key = find_procedure(query)
    if key is None:
        return None
    kb = _kb()
    answer = kb.answer(key, aspect)
    return Card(key=key, name=kb.procedure_name(key), text=answer.text)


def online_steps() -> list[str]:
    kb = _kb()
    return kb.online_steps() if kb is not None else []
