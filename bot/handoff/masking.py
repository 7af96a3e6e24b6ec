"""Mask personal numbers in what a citizen wrote before it is stored, posted to a volunteer
group or put in a report.

- dossier codes (mã hồ sơ, `<agency>-<YYMMDD>-<XXXX>`): partially, the agency code is kept
  (it names an office, not a person): `000.00.12.H05-211020-0001` -> `000.00.12.H05-******-**01`;
- any other run of 7 or more digits (phone numbers, CCCD 12 digits, CMND 9 digits, social
  insurance or bank numbers), spaces, dots and dashes inside it included: every digit but the
  last two becomes `*` (`0912 345 678` -> `**** *** *78`); an amount of money ("1.500.000 đồng")
  is left alone;
- e-mail addresses: the part before @.

`mask_personal` never raises and is idempotent (masking twice changes nothing more).
"""

from __future__ import annotations

import re

__all__ = ["mask_personal", "has_personal_numbers", "preview"]

_DOSSIER = re.compile(
    r"(?<![A-Za-z0-9.,])"
    r"(?P<agency>[A-Za-z0-9]{1,6}(?:\s*[.,]\s*[A-Za-z0-9]{1,6}){1,3})"
    r"(?P<sep1>\s*[-\u2010-\u2015\u2212]\s*)(?P<date>\d{6}|\*{6})"
    r"(?P<sep2>\s*[-\u2010-\u2015\u2212]\s*)(?P<seq>\d{4}|\*\*\d\d)(?!\d)"
)
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


def preview(text: object, limit: int = 40) -> str:
    """What a log line may show of a message: masked, no digits at all, cut short."""
    value = re.sub(r"\d", "#", mask_personal(text))
    return value if len(value) <= limit else value[: limit - 1] + "…"
