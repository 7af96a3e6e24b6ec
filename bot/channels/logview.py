"""What logs may show of a message and of a sender: no digits (so no phone, ID or dossier
numbers), a hash instead of the platform's user id."""

from __future__ import annotations

import hashlib
from typing import Any

from bot.core.masking import preview

__all__ = ["preview", "sender_ref"]

def sender_ref(sender_id: Any) -> str:
    """A stable pseudonym of a platform user id for logs (8 hex characters)."""
    return hashlib.sha256(str(sender_id).encode("utf-8")).hexdigest()[:8]
