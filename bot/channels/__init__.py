"""Rasa input channels: Telegram, Zalo Official Account and the web chat."""

from bot.core import masking as _masking

_masking.install()  # Rasa's own warnings and logs pass the personal-number masking too
