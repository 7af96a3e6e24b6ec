"""What the web chat page shows again after a reload: the last turns of a signed conversation.

Table `webchat_turns`: per conversation, at most DVCBOT_WEBCHAT_HISTORY_TURNS turns (default
40; older ones are deleted as new ones come), none older than DVCBOT_WEBCHAT_HISTORY_HOURS
(default 72; `dvcbot purge`). Texts are stored with personal numbers masked
(bot.core.masking.mask_line): a restored page shows "********78" where the citizen typed a phone
number. A bot turn with buttons remembers when one of them was pressed (`answered_at`): the page
shows those buttons disabled and the server refuses a second press politely. A user turn keeps
the page's message id, so that "Gửi lại" of a question answered already gets the same answer
back instead of asking again.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Optional

from sqlalchemy import delete, insert, select, update

from bot.channels import store
from bot.core.masking import mask_line
from bot.core.settings import settings

MAX_SHOWN_CHARS = 2000


@dataclass(frozen=True)
class HistorySettings:
    turns: int = 40          # DVCBOT_WEBCHAT_HISTORY_TURNS
    hours: int = 72          # DVCBOT_WEBCHAT_HISTORY_HOURS

    @classmethod
    def from_env(cls) -> "HistorySettings":
        webchat = settings().webchat
        return cls(turns=webchat.history_turns, hours=webchat.history_hours)


def _shown(message: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    if isinstance(message.get("text"), str) and message["text"].strip():
        kept["text"] = mask_line(message["text"][:MAX_SHOWN_CHARS])
    if isinstance(message.get("image"), str):
        kept["image"] = message["image"]
    buttons = message.get("buttons")
    if isinstance(buttons, list):
        kept["buttons"] = [{k: b[k] for k in ("title", "payload", "url") if k in b}
                           for b in buttons if isinstance(b, dict)]
    return kept


class WebChatHistory:
    """Blocking calls: run them in a thread."""

    def __init__(self, database_url: Optional[str] = None,
                 settings: Optional[HistorySettings] = None):
        self.database_url = database_url
        self.settings = settings or HistorySettings.from_env()

    def _engine(self):
        return store.engine(self.database_url)

    def add_user(self, conversation: str, text: str, client_id: Optional[str]) -> None:
        self._add(conversation, "user", {"text": text}, client_id)

    def add_bot(self, conversation: str, messages: list[dict[str, Any]],
                client_id: Optional[str]) -> list[dict[str, Any]]:
        """Record the answer; the messages come back with the `turn_id` of those with buttons
        (the page sends it with a press)."""
        out = []
        for message in messages:
            turn_id = self._add(conversation, "bot", message, client_id)
            out.append(dict(message, turn_id=turn_id) if message.get("buttons") else message)
        return out

    def _add(self, conversation: str, role: str, message: dict[str, Any],
             client_id: Optional[str]) -> Optional[int]:
        shown = _shown(message)
        if not shown:
            return None
        t = store.webchat_turns
        with self._engine().begin() as conn:
            turn_id = int(conn.execute(insert(t).values(
                conversation_id=conversation, role=role,
                message_json=json.dumps(shown, ensure_ascii=False),
                client_id=(client_id or None), created_at=time.time())).inserted_primary_key[0])
            keep = select(t.c.id).where(t.c.conversation_id == conversation).order_by(
                t.c.id.desc()).limit(self.settings.turns)
            conn.execute(delete(t).where(t.c.conversation_id == conversation,
                                         t.c.id.not_in(keep.scalar_subquery())))
        return turn_id

    def turns(self, conversation: str) -> list[dict[str, Any]]:
        """The kept turns, oldest first: {"role", "text"?, "buttons"?, "turn_id", "answered"}."""
        t = store.webchat_turns
        since = time.time() - self.settings.hours * 3600
        with self._engine().connect() as conn:
            rows = conn.execute(select(t).where(t.c.conversation_id == conversation,
                                                t.c.created_at >= since).order_by(t.c.id)).all()
        return [dict(json.loads(r.message_json), role=r.role, turn_id=r.id,
                     answered=r.answered_at is not None) for r in rows]

    def press(self, conversation: str, turn_id: Any) -> bool:
        """A button of `turn_id` pressed: True the first time, False when that question was
        answered already (or is not this conversation's)."""
        if not isinstance(turn_id, int):
            return True   # a page without turn ids: nothing to compare
        t = store.webchat_turns
        with self._engine().begin() as conn:
            return bool(conn.execute(update(t).where(
                t.c.id == turn_id, t.c.conversation_id == conversation,
                t.c.answered_at.is_(None)).values(answered_at=time.time())).rowcount)

    def answer_of(self, conversation: str, client_id: str) -> list[dict[str, Any]]:
        """The bot turns recorded for the page's message `client_id`."""
        t = store.webchat_turns
        with self._engine().connect() as conn:
            rows = conn.execute(select(t).where(
                t.c.conversation_id == conversation, t.c.client_id == client_id,
                t.c.role == "bot").order_by(t.c.id)).all()
        answer = []
        for row in rows:
            message = dict(json.loads(row.message_json), recipient_id=conversation)
            if message.get("buttons"):
                message["turn_id"] = row.id
            answer.append(message)
        return answer


def purge(database_url: Optional[str] = None, now: Optional[float] = None,
          settings: Optional[HistorySettings] = None) -> int:
    """Turns older than DVCBOT_WEBCHAT_HISTORY_HOURS deleted (`dvcbot purge`)."""
    settings = settings or HistorySettings.from_env()
    t = store.webchat_turns
    with store.engine(database_url).begin() as conn:
        return conn.execute(delete(t).where(
            t.c.created_at < (now or time.time()) - settings.hours * 3600)).rowcount or 0


def erase(conversation: str, database_url: Optional[str] = None) -> int:
    t = store.webchat_turns
    with store.engine(database_url).begin() as conn:
        return conn.execute(delete(t).where(t.c.conversation_id == conversation)).rowcount or 0
