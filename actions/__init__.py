"""Rasa custom actions (rasa-sdk): answers from the knowledge base and the province portal."""

from bot.core import masking as _masking

_masking.install()  # rasa-sdk's logs (e.g. a failed action's traceback) are masked too
