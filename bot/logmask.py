"""Personal numbers never reach a log file, whoever writes the line (M13 of the security review).

dvcbot's own log lines show a hashed sender and a digit-masked preview (bot.channels.base). But
Rasa and its libraries log too: Rasa's parser warning ("Failed to parse arguments in line
'<the whole message>'"), its structlog events (`message.parsing.failed user_text=...`), tracebacks
of a failed action. `install()` passes every log record and every Python warning of the process
through the hand-off's masking (bot.handoff.masking.mask_personal: phone, CCCD/CMND and other
numbers of 7+ digits, e-mail addresses, dossier codes), so whatever a library logs is masked
before any handler writes it. Timestamps inside a message are left readable.

Installed on import of the channels (the Rasa server, `rasa run` with any dvcbot channel), of the
tracker store (bot.rasa_ext.stores) and of the actions package (the action server).
"""

from __future__ import annotations

import logging
import re
import warnings

from bot.handoff.masking import mask_personal

_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?")
_installed = False


def mask_line(text: str) -> str:
    """`text` with personal numbers masked; dates and times (2026-12-01 12:35:09) kept."""
    parts, last = [], 0
    for match in _TIMESTAMP.finditer(text):
        parts.append(mask_personal(text[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(mask_personal(text[last:]))
    return "".join(parts)


def _mask_record(record: logging.LogRecord) -> logging.LogRecord:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a badly formatted record is left to logging's own report
        return record
    masked = mask_line(message)
    if masked != message:
        record.msg, record.args = masked, ()
    if record.exc_info and not record.exc_text:
        record.exc_text = mask_line(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = mask_line(record.stack_info)
    return record


def install() -> None:
    """Mask every log record and warning of this process (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    make_record = logging.getLogRecordFactory()

    def masked_record(*args, **kwargs) -> logging.LogRecord:
        return _mask_record(make_record(*args, **kwargs))

    logging.setLogRecordFactory(masked_record)
    show = warnings.showwarning

    def masked_warning(message, category, filename, lineno, file=None, line=None):
        text = mask_line(str(message))
        if isinstance(message, Warning):
            try:
                message = category(text)
            except Exception:  # noqa: BLE001 - a warning class with another signature
                message = text
        else:
            message = text
        show(message, category, filename, lineno, file, line)

    warnings.showwarning = masked_warning
