"""Rasa custom actions (rasa-sdk): answers from the knowledge base and the province portal."""

from bot import logmask as _logmask

_logmask.install()  # rasa-sdk's logs (e.g. a failed action's traceback) are masked too
