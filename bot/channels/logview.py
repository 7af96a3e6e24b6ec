"""What logs may show of a message and of a sender: no digits (so no phone, ID or dossier
numbers), a hash instead of the platform's user id."""

from __future__ import annotations

import hashlib
import re
from typing import Any

_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_SPACES = re.compile(r"\s+")


def preview(text: str | None, width: int = 24) -> str:
    """A short view of a message for logs: digits become '#', e-mails are hidden."""
    if not text:
        return ""
    short = _SPACES.sub(" ", text).strip()
    short = _EMAIL.sub("<email>", short)
    short = _DIGIT.sub("#", short)
    if len(short) > width:
        short = short[: width - 1] + "…"
    return short


def sender_ref(sender_id: Any) -> str:
    """A stable pseudonym of a platform user id for logs (8 hex characters)."""
    return hashlib.sha256(str(sender_id).encode("utf-8")).hexdigest()[:8]
