"""One path for every citizen message, whatever the channel.

A channel module (telegram.py, zalo.py, webchat.py, rest.py) only translates: its wire format
into a `CitizenMessage`, and the answers back through the message's `Reply`. Everything else
happens here, in this order:

 1. verify      the channel checks the platform's signature or secret (or the web chat's
                signed session) before anything is read; a refused request reaches nothing.
 2. dedupe      the webhook stores the update in the durable inbox (bot.channels.inbox),
                unique on the platform's id: a retry, or the same update on another replica,
                is a no-op. The web chat does the same with the page's message id.
 3. rate limit  `Gate`: per sender, counted in the database (every replica counts alike),
                then the size limit. Typed text is never parsed as an intent: only a `BUTTON`'s
                `payload` (server-issued, bot.channels.buttons) and the commands below, built
                here, reach Rasa as "/intent".
 4. hand-off    a citizen's own message (text, photo, voice...) goes to the volunteer while a
                hand-off is in progress, and "xóa dữ liệu của tôi" erases the conversation
                (bot.channels.handoff_link.route_citizen). Buttons, events and the "start"
                and "help" commands always get the assistant; "cancel" goes to the hand-off
                first (it cancels the request for a person).
 5. commands    the channel's own: "start" (a conversation opens: "/greet"), "help",
                "cancel" ("/deny" with metadata {"command": "cancel"}).
 6. entry point "start" and a page's first message carry a leaflet's payload:
                metadata {"entry_point": {...}} (bot.entry_points).
    media       a photo of a receipt (`IMAGE`, or a `FILE`) is downloaded from its platform
                reference with size and type limits, decoded (bot.receipt.read_receipt) and
                never kept; the reading reaches Rasa as the server-built
                `/receipt_photo{...}` (RECEIPT_INTENT). A refused file gets the polite reason
                without Rasa. A `VOICE` note goes to `on_voice`, one function.
 7. admission   a few messages at a time enter Rasa, first come first served, within the
                channel's time limit (bot.channels.admission).
 8. Rasa        `on_new_message(UserMessage(...))`.
 9. reply       through `Reply.output` (Rasa's OutputChannel); an answer given after the
                citizen waited long (a platform retry after an outage) starts with an apology
                (texts.yml `late_apology`); a time-out or failure gets the "busy" text.

Logs show a hashed sender and a digit-masked preview only (bot.channels.logview); what the
web chat keeps of the visible conversation is masked (bot.core.masking.mask_line).
"""

from __future__ import annotations

import asyncio
import enum
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.channels import handoff_link
from bot.channels.admission import Busy, handle_in_turn, turn_timeout_seconds
from bot.channels.intents import GREETING, entry_point_metadata, safe_user_text, typed_text
from bot.channels.limits import Action, Gate
from bot.channels.logview import preview, sender_ref
from bot.channels.wording import texts
from bot.core.settings import settings
from bot.handoff import CitizenMedia, MediaAnswer

logger = logging.getLogger(__name__)

RECEIPT_INTENT = "receipt_photo"
CANCEL_INTENT = "/deny"


class Kind(str, enum.Enum):
    TEXT = "text"
    BUTTON = "button"
    IMAGE = "image"
    VOICE = "voice"
    FILE = "file"
    STICKER = "sticker"
    LOCATION = "location"
    EVENT = "event"


# what a citizen wrote themselves: offered to the hand-off
CITIZEN_WRITTEN = {Kind.TEXT, Kind.IMAGE, Kind.VOICE, Kind.FILE, Kind.STICKER, Kind.LOCATION}
# commands that always get the assistant, even during a hand-off
ALWAYS_ASSISTANT = {"start", "help"}


class TooLarge(Exception):
    """A download stopped at the size limit."""


@dataclass(frozen=True)
class Attachment:
    """A file the citizen sent, as the platform's reference (never its bytes)."""

    reference: str                     # Telegram file_id, Zalo URL, web chat upload
    mime: Optional[str] = None         # as the platform says, if it says
    size: Optional[int] = None         # bytes, if known before downloading
    audio_file: bool = False           # a sound file sent as a file, not a recorded voice note


class Reply:
    """How one message is answered: Rasa's OutputChannel plus the channel's own manners.
    Channels subclass it; the defaults send plain texts through `output`."""

    def __init__(self, output: OutputChannel, sender: str):
        self.output = output
        self.sender = sender

    async def text(self, text: str) -> None:
        await self.output.send_text_message(self.sender, text)

    async def help(self) -> None:
        await self.text(texts()["help"])

    async def reachable(self) -> None:
        """The citizen wrote and is answered (Zalo sends what waited in its outbox)."""

    async def answering(self) -> None:
        """While Rasa works (Telegram shows "typing..."); cancelled when done."""

    async def after_greeting(self) -> None:
        """After the answer to "start" (Telegram shows its menu)."""

    async def failed(self) -> None:
        """No answer in time, or the assistant failed."""
        await self.text(texts()["busy"])

    def media(self, attachment: Attachment) -> CitizenMedia:
        """A voice note as the hand-off relays it: by its download address (Zalo); a channel
        whose references are not addresses says otherwise (Telegram: a file id)."""
        return CitizenMedia("audio" if attachment.audio_file else "voice",
                            url=attachment.reference, mime_type=attachment.mime)

    async def download(self, attachment: Attachment, limit: int) -> bytes:
        """The attachment's bytes, at most `limit` (TooLarge beyond)."""
        raise NotImplementedError(f"{type(self).__name__} cannot download files")


class CollectingReply(Reply):
    """Answers collected for an HTTP response (web chat, REST), in Rasa's REST shape."""

    def __init__(self, sender: str):
        from rasa.core.channels.channel import CollectingOutputChannel

        super().__init__(CollectingOutputChannel(), sender)

    async def text(self, text: str) -> None:
        self.output.messages.append({"recipient_id": self.sender, "text": text})


@dataclass
class CitizenMessage:
    sender: str                          # conversation id: "tg:<chat>", "zalo:<user>", "web:<hex>"
    channel: str
    kind: Kind
    reply: Reply
    text: Optional[str] = None           # what the citizen typed (or a caption): words only
    payload: Optional[str] = None        # BUTTON: the server-issued payload behind the key
    command: Optional[str] = None        # "start", "help", "cancel"
    argument: Optional[str] = None       # "start": the leaflet link's payload
    attachment: Optional[Attachment] = None
    metadata: dict[str, Any] = field(default_factory=dict)
    message_id: Optional[str] = None
    sent_at: Optional[float] = None      # unix time the citizen sent it (platform's clock)


class Outcome(str, enum.Enum):
    ANSWERED = "answered"       # Rasa answered
    REPLIED = "replied"         # the pipeline answered itself (limits, help, photo refused)
    DROPPED = "dropped"         # nothing said (rate limit, repeated)
    HANDED_OFF = "handed_off"   # a volunteer has it
    FAILED = "failed"           # time-out or failure: the "busy" text was sent


def receipt_payload(reading: Any) -> str:
    """The internal message for a decoded receipt photo (built here, never from typed text)."""
    from bot.receipt import ASK_LAST_DIGITS, CONFIRM

    confidence = {CONFIRM: "high", ASK_LAST_DIGITS: "low"}.get(reading.confidence, "none")
    entities = {"receipt_code": reading.code or "",
                "receipt_confidence": confidence if reading.code else "none",
                "receipt_reason": "" if reading.code else (reading.reason or "")}
    return f"/{RECEIPT_INTENT}" + json.dumps(entities, ensure_ascii=False)


async def read_photo(attachment: Optional[Attachment], reply: Reply) -> Any:
    """Download (size and type limits) and decode a receipt photo; the bytes are dropped."""
    from bot import receipt

    if attachment is None:
        return receipt.ReceiptReading(reason=receipt.EMPTY)
    if attachment.mime and not attachment.mime.lower().startswith("image/"):
        return receipt.ReceiptReading(reason=receipt.UNSUPPORTED_TYPE)
    if attachment.size is not None:
        refused = receipt.refuse_size(attachment.size)
        if refused is not None:
            return refused
    try:
        data = await reply.download(attachment, receipt.MAX_BYTES)
    except TooLarge:
        return receipt.ReceiptReading(reason=receipt.TOO_LARGE, size_bytes=receipt.MAX_BYTES + 1)
    except Exception as exc:  # noqa: BLE001 - a failed download is "unreadable", never a crash
        logger.warning("photo download failed (%s)", type(exc).__name__)
        return receipt.ReceiptReading(reason=receipt.UNREADABLE)
    if not data:
        return receipt.ReceiptReading(reason=receipt.EMPTY)
    if receipt.sniff_type(data) is None:
        return receipt.ReceiptReading(reason=receipt.UNSUPPORTED_TYPE, size_bytes=len(data))
    return await asyncio.to_thread(receipt.read_receipt, data)


def _refused_before_rasa(reading: Any) -> bool:
    """A file we could not read at all: the citizen is told why; Rasa hears nothing."""
    from bot import receipt

    return reading.code is None and reading.reason in {
        receipt.EMPTY, receipt.TOO_LARGE, receipt.TOO_MANY_PIXELS, receipt.UNSUPPORTED_TYPE,
        receipt.UNREADABLE}


class Pipeline:
    """The order above for one channel. `timeout`: seconds Rasa may take (default
    DVCBOT_TURN_TIMEOUT_SECONDS)."""

    def __init__(self, channel: str, gate: Gate, timeout: Optional[float] = None,
                 late_after: Optional[float] = None, handoff: bool = True,
                 clock: Callable[[], float] = time.time):
        self.channel = channel
        self.gate = gate
        self.timeout = timeout if timeout is not None else turn_timeout_seconds()
        self.late_after = (late_after if late_after is not None
                           else float(settings().inbox.late_after_seconds))
        self.handoff = handoff
        self.clock = clock

    async def handle(self, m: CitizenMessage,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Outcome:
        # 3. rate limit and size
        if m.kind is Kind.BUTTON:
            checked = m.payload
        elif m.kind is Kind.EVENT:
            checked = m.command or m.kind.value
        else:
            checked = m.text
        verdict = (await asyncio.to_thread(self.gate.check, m.sender, checked)
                   if self.gate.counts_in_database else self.gate.check(m.sender, checked))
        if verdict.action is Action.DROP:
            logger.info("%s: message from %s dropped (%s)", self.channel, sender_ref(m.sender),
                        verdict.reason)
            return Outcome.DROPPED
        await m.reply.reachable()
        if verdict.action is Action.REPLY and verdict.reason != "non_text":
            logger.info("%s: message from %s answered here (%s)", self.channel,
                        sender_ref(m.sender), verdict.reason)
            await m.reply.text(verdict.reply or "")
            return Outcome.REPLIED
        # 4. hand-off: a voice note goes to it first (relayed during a hand-off, or a
        # volunteer is offered); then the citizen's own messages during a hand-off
        if m.kind is Kind.VOICE:
            return await self.on_voice(m)
        if (self.handoff and m.kind in CITIZEN_WRITTEN and m.command not in ALWAYS_ASSISTANT
                and await handoff_link.route_citizen(m.sender, self.channel, m.text)):
            logger.info("%s: %s from %s relayed to the hand-off", self.channel, m.kind.value,
                        sender_ref(m.sender))
            return Outcome.HANDED_OFF
        # 5. commands
        text: Optional[str]
        if m.command == "help":
            await m.reply.help()
            return Outcome.REPLIED
        if m.command == "cancel":
            m.metadata["command"] = "cancel"
            text = CANCEL_INTENT
        elif m.command == "start":
            text = GREETING
        elif m.kind is Kind.BUTTON:
            text = safe_user_text(m.payload or "")
        elif m.kind in (Kind.IMAGE, Kind.FILE) and not (m.text or "").strip():
            reading = await read_photo(m.attachment, m.reply)
            if _refused_before_rasa(reading):
                logger.info("%s: a file from %s refused (%s)", self.channel,
                            sender_ref(m.sender), reading.reason)
                await m.reply.text(reading.message())
                return Outcome.REPLIED
            text = receipt_payload(reading)
        elif verdict.action is Action.REPLY:   # not text (a sticker, a location...)
            await m.reply.text(verdict.reply or "")
            return Outcome.REPLIED
        else:
            text = typed_text(verdict.text or "")  # never Rasa's /intent{entities} syntax
        if not text:  # e.g. a lone "/" once the slashes were dropped
            await m.reply.text(texts()["non_text"])
            return Outcome.REPLIED
        # 6. entry point
        if m.command == "start" or m.argument:
            m.metadata.update(await self.entry_point(m))
        # 7-9. admission, Rasa, reply
        return await self.answer(m, text, on_new_message)

    async def entry_point(self, m: CitizenMessage) -> dict[str, Any]:
        """{"entry_point": {"source", "commune", "team", "channel"}} of a leaflet's link (the
        fields None without one); the visit is counted."""
        return await asyncio.to_thread(entry_point_metadata, m.argument, self.channel, m.sender)

    async def on_voice(self, m: CitizenMessage) -> Outcome:
        """A voice note or audio file, by reference (bot.handoff HandoffService.citizen_media):
        relayed to the volunteers of the citizen's ticket, or a volunteer is offered; without
        volunteers (or without a reference), the "text only" answer. How the reference
        travels (a download address, a Telegram file id) is the channel's `Reply.media`."""
        answer = MediaAnswer("unavailable")
        if m.attachment is not None and m.attachment.reference and self.handoff:
            answer = await handoff_link.citizen_media(m.sender, self.channel,
                                                      m.reply.media(m.attachment))
        logger.info("%s: voice note from %s (%s)", self.channel, sender_ref(m.sender),
                    answer.status)
        if answer.status == "unavailable":
            await m.reply.text(texts()["non_text"])
        elif answer.buttons:
            await m.reply.output.send_text_with_buttons(m.sender, answer.text or "", answer.buttons)
        elif answer.text:
            await m.reply.text(answer.text)
        return Outcome.REPLIED if answer.status != "relayed" else Outcome.HANDED_OFF

    async def answer(self, m: CitizenMessage, text: str,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Outcome:
        logger.info("%s: %s from %s (%d chars)", self.channel, m.kind.value, sender_ref(m.sender),
                    len(text))
        logger.debug("%s: preview %r", self.channel, preview(text))
        if m.sent_at is not None and self.clock() - m.sent_at > self.late_after:
            await m.reply.text(texts()["late_apology"])
        indicator = asyncio.ensure_future(m.reply.answering())
        message = UserMessage(text, m.reply.output, m.sender, input_channel=self.channel,
                              metadata=m.metadata or None, message_id=m.message_id)
        try:
            await asyncio.wait_for(handle_in_turn(on_new_message, message), self.timeout)
        except (asyncio.TimeoutError, Busy):
            logger.error("%s: no answer in time to a message from %s", self.channel,
                         sender_ref(m.sender))
            await m.reply.failed()
            return Outcome.FAILED
        except Exception as exc:  # noqa: BLE001 - a citizen never gets silence
            logger.error("%s: the assistant failed on a message from %s (%s)", self.channel,
                         sender_ref(m.sender), type(exc).__name__)
            await m.reply.failed()
            return Outcome.FAILED
        finally:
            indicator.cancel()
        if m.command == "start":
            await m.reply.after_greeting()
        return Outcome.ANSWERED
