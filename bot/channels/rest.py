"""The REST channel (`/webhooks/rest/webhook`) with the same guarantees as the other channels.

Rasa's own RestInput answers an empty list when processing fails and logs the whole message
text. This one, used by the terminal chat, the tests and trusted integrations:
  - answers empty, non-text and oversized messages itself, politely;
  - never answers with silence: an error or an empty answer becomes a polite Vietnamese reply;
  - logs a hashed sender and a short digit-masked preview, never the message.
REST is for trusted callers only, however Rasa is started (`dvcbot run` or plain `rasa run`):
  - every call needs `Authorization: Bearer <DVCBOT_REST_TOKEN>` (compared in constant time):
    401 without it, 403 when wrong, and nothing reaches the assistant or any conversation.
    With no token configured (neither DVCBOT_REST_TOKEN nor var/rest-token) every call is
    refused. Loopback is no proof of trust: a reverse proxy on the same host makes every
    caller look local;
  - the conversation id is namespaced on the server ("rest:<sender>"), so a REST caller can
    never write into a Telegram ("tg:"), Zalo ("zalo:") or web chat conversation;
  - of the caller's metadata only a small "entry_point" object is kept;
  - the message is text, never Rasa's intent syntax (base.typed_text); buttons in the answers
    carry opaque keys (bot.channels.buttons) which the caller sends back as the message.
It applies no per-sender rate limit: its callers hold the token (citizens reach dvcbot through
Telegram, Zalo and the web chat, which do rate-limit).
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.base import GREETING, Gate, Limits, RateLimiter, preview, sender_ref, texts
from bot.channels.buttons import ButtonPayloads
from bot.channels.pipeline import CitizenMessage, CollectingReply, Kind, Outcome, Pipeline

from bot.tokens import REST_TOKEN, bearer_refusal, read_token

logger = logging.getLogger(__name__)

SENDER_PREFIX = "rest:"
MAX_SENDER_CHARS = 128
ENTRY_POINT_FIELDS = ("source", "commune", "team", "channel")
REFUSALS = {401: "missing bearer token (Authorization: Bearer <DVCBOT_REST_TOKEN>)",
            403: "wrong bearer token"}



class CitizenRestInput(RestInput):
    """`rest` channel: Rasa's REST wire format, dvcbot's manners."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self, token: str | None = None) -> None:
        self.pipeline = RestPipeline(self.name(), Gate(Limits.from_env(), limiter=RateLimiter(0)),
                                     handoff=False)
        self.buttons = ButtonPayloads()
        self.token = token or read_token(REST_TOKEN)
        if not self.token:
            logger.error("rest: no %s (set %s, or start with `dvcbot run`): every REST call "
                         "is refused", REST_TOKEN.what, REST_TOKEN.env)

    async def citizen_message(self, text: str | None, sender_id: str,
                              metadata: dict[str, Any] | None,
                              reply: CollectingReply) -> CitizenMessage:
        """The caller's message: a pressed button sends back the key it was given, "/greet"
        opens a conversation, anything else is typed text."""
        made = dict(sender=sender_id, channel=self.name(), reply=reply,
                    metadata=dict(metadata or {}))
        pressed = await self.buttons.decode(text.strip()) if text and text.strip() else None
        if pressed is not None:
            return CitizenMessage(kind=Kind.BUTTON, payload=pressed, **made)
        if (text or "").strip() == GREETING:
            return CitizenMessage(kind=Kind.EVENT, command="start", **made)
        return CitizenMessage(kind=Kind.TEXT, text=text, **made)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("dvcbot_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = bearer_refusal(request.headers.get("Authorization"), self.token)
            if refused is not None:
                logger.warning("rest: call from %s refused (%s)", sender_ref(request.ip), refused)
                return response.json({"error": REFUSALS[refused]}, status=refused,
                                     headers={"WWW-Authenticate": "Bearer"})
            try:
                body = request.json
            except Exception:  # noqa: BLE001 - sanic raises InvalidUsage on bad JSON
                body = None
            body = body if isinstance(body, dict) else {}
            sender_id = rest_sender(body.get("sender"))
            raw = body.get("message")
            text = raw if isinstance(raw, str) else None
            metadata = allowed_metadata(body.get("metadata"))

            reply = CollectingReply(sender_id)
            message = await self.citizen_message(text, sender_id, metadata, reply)
            outcome = await self.pipeline.handle(message, on_new_message)
            if outcome is Outcome.ANSWERED and not reply.output.messages:
                logger.warning("rest: no answer to %r from %s", preview(text), sender_ref(sender_id))
                return response.json([{"recipient_id": sender_id,
                                       "text": texts()["no_answer"]}])
            return response.json(await self.buttons.encode_buttons(reply.output.messages))

        return webhook


class RestPipeline(Pipeline):
    """REST callers give their entry point in the metadata themselves (allowed_metadata)."""

    async def entry_point(self, m: CitizenMessage) -> dict[str, Any]:
        return {}


def rest_sender(given: Any) -> str:
    """The conversation id of a REST caller's sender: always "rest:<sender>"."""
    name = str(given or "default").strip()[:MAX_SENDER_CHARS] or "default"
    return name if name.startswith(SENDER_PREFIX) else SENDER_PREFIX + name


def allowed_metadata(given: Any) -> dict[str, Any] | None:
    """The caller's metadata reduced to what the assistant reads: a leaflet's entry point
    (short strings only); anything else is dropped rather than stored in the tracker."""
    if not isinstance(given, dict) or not isinstance(given.get("entry_point"), dict):
        return None
    entry = {key: given["entry_point"].get(key) for key in ENTRY_POINT_FIELDS}
    entry = {key: (value[:64] if isinstance(value, str) else None) for key, value in entry.items()}
    return {"entry_point": entry}
