"""Personal numbers never reach a stored text, a volunteer group, a report or a log line.

`mask_personal(text)`, before what a citizen wrote is stored, posted to a volunteer group or
put in a report:

- dossier codes (mã hồ sơ, `<agency>-<YYMMDD>-<XXXX>`, bot.core.dossier_code): partially, the
  agency code is kept (it names an office, not a person): `000.00.12.H05-211020-0001` ->
  `000.00.12.H05-******-**01`;
- any other run of 7 or more digits (phone numbers, CCCD 12 digits, CMND 9 digits, social
  insurance or bank numbers), spaces, dots and dashes inside it included: every digit but the
  last two becomes `*` (`0912 345 678` -> `**** *** *78`); an amount of money ("1.500.000 đồng")
  is left alone;
- e-mail addresses: the part before @.

It never raises and is idempotent (masking twice changes nothing more).

`preview(text)`: what dvcbot's own log lines show of a message: no digit at all, no e-mail
address, cut short.

`install()`: Rasa and its libraries log too (the parser's "Failed to parse arguments in line
'<the whole message>'", structlog events such as `message.parsing.failed user_text=...`,
tracebacks of a failed action). It passes every log record and every Python warning of the
process through `mask_line` (`mask_personal`, timestamps kept readable), so whatever a library
logs is masked before any handler writes it. Installed on import of the channels (the Rasa
server), of the tracker store (bot.rasa_ext.stores) and of the actions package (the action
server).
"""

from __future__ import annotations

import logging
import re
import warnings

from bot.core.dossier_code import loose_pattern

__all__ = ["mask_personal", "has_personal_numbers", "preview", "mask_line", "install"]

_DOSSIER = re.compile(loose_pattern(date=r"\d{6}|\*{6}", seq=r"\d{4}|\*\*\d\d", bare_space=False))
# A run of digits, possibly with single spaces, dots or dashes between groups, possibly "+84".
_NUMBER = re.compile(r"(?<![\w*])\+?\d(?:[ .\-]?\d)+(?![\w*])")
_MONEY_AFTER = re.compile(r"\s*(?:đ|₫|đồng|dong|vnd|vnđ|nghìn|ngàn|ngan|nghin|triệu|trieu)\b",
                          re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
MIN_DIGITS = 7
KEEP_LAST = 2


def _mask_dossier(match: re.Match) -> str:
    seq = match["seq"]
    return f"{match['agency']}-******-**{seq[-2:]}"


def _mask_digits(text: str, keep_last: int = KEEP_LAST) -> str:
    total = sum(ch.isdigit() for ch in text)
    out, seen = [], 0
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > total - keep_last else "*")
        else:
            out.append(ch)
    return "".join(out)


def mask_personal(text: object) -> str:
    """The text with dossier codes, personal numbers and e-mail addresses masked."""
    if text is None:
        return ""
    value = str(text).replace("\x00", "")
    kept: list[str] = []

    def dossier(match: re.Match) -> str:
        kept.append(_mask_dossier(match))
        return f"\x00{len(kept) - 1}\x00"

    value = _DOSSIER.sub(dossier, value)

    def number(match: re.Match) -> str:
        run = match.group(0)
        if sum(ch.isdigit() for ch in run) < MIN_DIGITS:
            return run
        if _MONEY_AFTER.match(value, match.end()):
            return run
        return _mask_digits(run)

    value = _NUMBER.sub(number, value)
    value = _EMAIL.sub(lambda m: "***@" + m.group(1), value)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], value)


def has_personal_numbers(text: str) -> bool:
    """True when masking would change the text."""
    return mask_personal(text) != (text or "")


# --------------------------------------------------------------------------- log previews

_DIGIT = re.compile(r"\d")
_ANY_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_SPACES = re.compile(r"\s+")


def preview(text: str | None, width: int = 24) -> str:
    """A short view of a message for logs: digits become '#', e-mails are hidden."""
    if not text:
        return ""
    short = _SPACES.sub(" ", text).strip()
    short = _ANY_EMAIL.sub("<email>", short)
    short = _DIGIT.sub("#", short)
    if len(short) > width:
        short = short[: width - 1] + "…"
    return short


# --------------------------------------------------------------------------- every log record

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
