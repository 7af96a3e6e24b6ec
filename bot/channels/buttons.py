"""Buttons carry opaque keys issued by the server, never Rasa's intent syntax.

A Rasa button payload such as `/ask_fee{"procedure":"ket_hon"}` is an intent with entities.
If the payload itself travelled to the citizen's app and came back as text, a citizen could
type the same line (or any other intent) and Rasa could not tell the two apart. So every
channel sends, instead of an intent payload, a key "k:<16 characters>" stored in the database
(table `telegram_callbacks`, named after the first channel that needed it), and turns a key
it receives back into the payload it stood for. A key the server never issued means nothing.
Plain-text payloads ("khai sinh") are text the citizen could type anyway: they are kept.

The key is a hash of the payload, so the same button always gets the same key (and a key
survives a restart and works on every replica sharing the database).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
import time
from typing import Any

from sqlalchemy import insert, select

from bot.channels import store

KEY_PREFIX = "k:"
KEY_SHAPE = re.compile(r"^k:[A-Za-z0-9_-]{16}$")


def is_key(text: str | None) -> bool:
    return isinstance(text, str) and bool(KEY_SHAPE.match(text.strip()))


def needs_key(payload: str, limit: int | None = None) -> bool:
    """An intent payload always; a plain one only when longer than `limit` bytes, or when it
    could be mistaken for a key."""
    return (payload.lstrip().startswith("/") or payload.startswith(KEY_PREFIX)
            or (limit is not None and len(payload.encode("utf-8")) > limit))


class ButtonPayloads:
    """Issue keys for button payloads and resolve the keys citizens send back."""

    def __init__(self, database_url: str | None = None):
        self.database_url = database_url

    @staticmethod
    def key_for(payload: str) -> str:
        digest = hashlib.sha256(payload.encode("utf-8")).digest()[:12]
        return KEY_PREFIX + base64.urlsafe_b64encode(digest).decode("ascii")

    def _store(self, key: str, payload: str) -> None:
        eng = store.engine(self.database_url)
        with eng.begin() as conn:
            found = conn.execute(select(store.telegram_callbacks.c.key)
                                 .where(store.telegram_callbacks.c.key == key)).first()
            if found is None:
                conn.execute(insert(store.telegram_callbacks).values(
                    key=key, payload=payload, created_at=time.time()))

    def _load(self, key: str) -> str | None:
        eng = store.engine(self.database_url)
        with eng.connect() as conn:
            row = conn.execute(select(store.telegram_callbacks.c.payload)
                               .where(store.telegram_callbacks.c.key == key)).first()
        return row[0] if row else None

    async def encode(self, payload: str, limit: int | None = None) -> str:
        """What the button carries: the payload itself when it is plain text, else its key."""
        if not needs_key(payload, limit):
            return payload
        key = self.key_for(payload)
        await asyncio.to_thread(self._store, key, payload)
        return key

    async def decode(self, key: str) -> str | None:
        """The payload behind a key; None for anything that is not a key the server issued."""
        if not is_key(key):
            return None
        return await asyncio.to_thread(self._load, key.strip())

    async def encode_buttons(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Bot messages (Rasa's REST shape) with each button's payload replaced by its key."""
        out = []
        for message in messages:
            buttons = message.get("buttons")
            if isinstance(buttons, list):
                message = dict(message, buttons=[
                    dict(b, payload=await self.encode(str(b["payload"])))
                    if isinstance(b, dict) and b.get("payload") is not None else b
                    for b in buttons])
            out.append(message)
        return out
