"""What the Telegram and Zalo output channels do alike."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


class TextOutputMixin:
    """What Telegram and Zalo output channels do alike with Rasa's richer message kinds:
    quick replies become buttons, attachments and custom JSON become text (if any)."""

    async def send_quick_replies(self, recipient_id: str, text: str,
                                 quick_replies: list[dict[str, Any]], **kwargs: Any) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, str(attachment))

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any],
                               **kwargs: Any) -> None:
        # Only a custom message with a text means something to a citizen on a chat app.
        if isinstance(json_message, dict) and json_message.get("text"):
            if json_message.get("buttons"):
                await self.send_text_with_buttons(recipient_id, json_message["text"],
                                                  json_message["buttons"])
            else:
                await self.send_text_message(recipient_id, json_message["text"])
        else:
            logger.debug("%s: custom message without text not sent", self.name())
