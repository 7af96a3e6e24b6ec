"""The channels' own wording, from texts.yml (editable by a non-programmer), checked by the one
text loader (bot.core.texts): every text declared here with its placeholders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.channels.limits import ConfigError
from bot.core.texts import Buttons, TextFile, TextsError

TEXTS_FILE = Path(__file__).with_name("texts.yml")

CHANNEL_TEXTS = TextFile(TEXTS_FILE, {
    "rate_limited": set(), "too_long": {"limit", "length?"}, "non_text": set(),
    "button_expired": set(), "undelivered_intro": set(), "help": set(), "menu_hint": set(),
    "menu": Buttons("label", "payload"), "busy": set(), "no_answer": set(),
    "session_refused": set(), "server_error": set(), "zalo_page_missing": set(),
    "command_help": set(), "command_huy": set(), "late_apology": set(), "button_answered": set(),
})


def texts(path: Path | None = None) -> dict[str, Any]:
    """The channel texts (checked by bot.core.texts; the file is read once per process)."""
    try:
        loaded = CHANNEL_TEXTS.load(path)
    except TextsError as error:
        raise ConfigError(str(error)) from None
    return {name: loaded.value(name) for name in loaded.names()}
