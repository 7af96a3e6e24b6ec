"""The REST channel (`/webhooks/rest/webhook`) with the same guarantees as the other channels.

Rasa's own RestInput answers an empty list when processing fails and logs the whole message
text. This one, used by the terminal chat, the tests and trusted integrations:
  - answers empty, non-text and oversized messages itself, politely;
  - never answers with silence: an error or an empty answer becomes a polite Vietnamese reply;
  - logs a hashed sender and a short digit-masked preview, never the message.
It applies no per-sender rate limit: REST is for trusted callers behind the reverse proxy
(citizens reach dvcbot through Telegram, Zalo and the web chat, which do rate-limit).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.base import (Action, Gate, Limits, RateLimiter, handle_in_turn, preview,
                               safe_user_text, sender_ref, texts)

logger = logging.getLogger(__name__)

BUSY = "Xin lỗi, hệ thống đang bận. Bạn vui lòng nhắn lại sau ít phút nhé."
NO_ANSWER = ("Xin lỗi, lúc này tôi chưa trả lời được. Bạn vui lòng nhắn lại sau ít phút, "
             "hoặc hỏi cách khác, hoặc nhắn \"gặp người thật\" nhé.")


class CitizenRestInput(RestInput):
    """`rest` channel: Rasa's REST wire format, dvcbot's manners."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        limits = Limits.from_env()
        self.gate = Gate(limits, limiter=RateLimiter(0))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("dvcbot_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            sender_id = str(body.get("sender") or "default")
            raw = body.get("message")
            text = raw if isinstance(raw, str) else None
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            wording = texts()

            verdict = self.gate.check(sender_id, text)
            if verdict.action is not Action.FORWARD:
                logger.info("rest: %s from %s answered by the channel", verdict.reason, sender_ref(sender_id))
                return response.json([{"recipient_id": sender_id, "text": verdict.reply}] if verdict.reply else [])

            collector = CollectingOutputChannel()
            message = UserMessage(safe_user_text(verdict.text or ""), collector, sender_id,
                                  input_channel=self.name(), metadata=metadata)
            try:
                await handle_in_turn(on_new_message, message)
            except asyncio.CancelledError:
                logger.error("rest: timed out on %r from %s", preview(text), sender_ref(sender_id))
                return response.json([{"recipient_id": sender_id, "text": wording.get("busy", BUSY)}])
            except Exception:  # noqa: BLE001 - a citizen never gets silence or a 500
                logger.exception("rest: failed on %r from %s", preview(text), sender_ref(sender_id))
                return response.json([{"recipient_id": sender_id, "text": wording.get("busy", BUSY)}])
            if not collector.messages:
                logger.warning("rest: no answer to %r from %s", preview(text), sender_ref(sender_id))
                return response.json([{"recipient_id": sender_id, "text": wording.get("no_answer", NO_ANSWER)}])
            return response.json(collector.messages)

        return webhook
