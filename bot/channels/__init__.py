"""Rasa input channels: Telegram, Zalo Official Account and the web chat."""

from bot import logmask as _logmask

_logmask.install()  # Rasa's own warnings and logs pass the personal-number masking too
