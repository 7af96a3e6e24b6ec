"""Citizens' voice notes for the volunteers: what they are, and fetching a Zalo one.

A Telegram voice note is relayed by its file id (the same bot posts it to the team), so it is
never downloaded. A Zalo one comes as a download address in the event; it is fetched into
memory, at most DVCBOT_HANDOFF_MEDIA_MAX_BYTES, and uploaded to the team's Telegram chat.
Nothing is written to disk; only the reference waits in the database while the citizen is
offered a volunteer (store.py `handoff_pending_media`).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any, Optional
from urllib.parse import urlsplit

import httpx

logger = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT = 20.0
# what a download address may serve; Zalo's voice notes are AAC/M4A or AMR
_EXTENSIONS = {"ogg": "audio/ogg", "oga": "audio/ogg", "opus": "audio/opus", "mp3": "audio/mpeg",
               "m4a": "audio/mp4", "mp4": "audio/mp4", "aac": "audio/aac", "amr": "audio/amr",
               "wav": "audio/wav"}


class MediaError(Exception):
    """The voice note could not be fetched; `too_large` says it was over the limit."""

    def __init__(self, message: str, too_large: bool = False):
        super().__init__(message)
        self.too_large = too_large


@dataclass(frozen=True)
class CitizenMedia:
    """A voice note or audio file a citizen sent, by reference (the audio itself is never
    stored): a Telegram file id (valid for the same bot) or a download address (Zalo)."""

    kind: str                          # "voice" or "audio"
    file_id: Optional[str] = None
    url: Optional[str] = None
    mime_type: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CitizenMedia":
        return cls(**{k: data[k] for k in ("kind", "file_id", "url", "mime_type")
                      if k in data})


@dataclass(frozen=True)
class AudioUpload:
    """Downloaded audio bytes (kept in memory only) with the name and type to upload them as."""

    data: bytes
    filename: str
    mime_type: str


async def fetch_audio(media: CitizenMedia, max_bytes: int,
                      transport: Optional[httpx.AsyncBaseTransport] = None) -> AudioUpload:
    """The audio behind `media.url`, in memory; MediaError when it is over `max_bytes`, not
    reachable, or not an http(s) address."""
    url = media.url or ""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise MediaError("not an http(s) address")
    chunks: list[bytes] = []
    size = 0
    try:
        async with httpx.AsyncClient(transport=transport, timeout=DOWNLOAD_TIMEOUT,
                                     follow_redirects=True) as client:
            async with client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise MediaError(f"download answered {response.status_code}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise MediaError(f"{declared} bytes declared", too_large=True)
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise MediaError(f"over {max_bytes} bytes", too_large=True)
                    chunks.append(chunk)
                served = response.headers.get("content-type", "")
    except httpx.HTTPError as exc:
        raise MediaError(f"download failed ({exc.__class__.__name__})") from None
    name = parts.path.rsplit("/", 1)[-1] or "voice"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    mime = (media.mime_type or served.split(";")[0].strip().lower()
            or _EXTENSIONS.get(extension, "application/octet-stream"))
    if mime in {"application/octet-stream", "binary/octet-stream"} and extension in _EXTENSIONS:
        mime = _EXTENSIONS[extension]
    if "." not in name:
        name += "." + next((ext for ext, kind in _EXTENSIONS.items() if kind == mime), "bin")
    return AudioUpload(b"".join(chunks), name[-64:], mime)
