"""Dossier codes (mã hồ sơ): find one in what a citizen typed, check its shape, normalise it.

Shape (Thông tư 01/2018/TT-VPCP art. 19): ``<agency code>-<YYMMDD>-<XXXX>``, e.g.
``000.00.12.H05-211020-0001`` or ``38.98.H29-210519-0013``: the agency's electronic code
(2 to 4 dot-separated parts), the date the dossier was received, a 4-digit sequence. The
pattern itself is bot.core.dossier_code's, shared with the NLU tokenizer and the masking.

Citizens paste it with spaces ("000.00.12.H05 - 211020 - 0001"), in lower case, with a
comma for a dot, with an en dash, or inside a longer text (a receipt photo caption:
"Biên nhận số 000.00.12.h05-211020-0001 ngày ..."). ``parse_dossier_code`` accepts all of
that and returns the normalised code, or a reason the text holds none (a key of
``bad_code`` in messages.yml, so that the reply can say what is wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from bot.core import tz
from bot.core.dossier_code import LOOSE_CODE_RE, LOOSE_DOT, PART, normalise_match, prepare

# Reasons (keys of `bad_code:` in messages.yml).
EMPTY = "empty"
NO_CODE = "no_code"
BAD_DATE = "bad_date"
FUTURE_DATE = "future_date"
BAD_SEQUENCE = "bad_sequence"
BAD_AGENCY = "bad_agency"
REASONS = (EMPTY, NO_CODE, BAD_DATE, FUTURE_DATE, BAD_SEQUENCE, BAD_AGENCY)

# Near misses, to say what is wrong: agency, then digit groups of the wrong length.
_NEAR = re.compile(
    rf"(?<![A-Z0-9.,])(?P<agency>{PART}(?:{LOOSE_DOT}{PART}){{0,6}})"
    rf"\s*-\s*(?P<date>\d{{1,12}})(?:\s*-\s*(?P<seq>\d{{1,12}}))?(?![0-9])"
)
_EXAMPLE = "000.00.12.H05-211020-0001"


@dataclass(frozen=True)
class CodeParse:
    """The result of reading a dossier code: ``code`` when found, else ``reason``."""

    code: Optional[str]
    reason: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.code is not None


def example_code() -> str:
    return _EXAMPLE


def _valid_date(digits: str, today: Optional[date]) -> Optional[str]:
    """None when YYMMDD is a real date not in the future, else the reason."""
    try:
        received = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return BAD_DATE
    today = today or tz.today()
    if received > today + timedelta(days=1):  # a day of slack for time zones
        return FUTURE_DATE
    return None


def find_dossier_codes(text: str, today: Optional[date] = None) -> list[str]:
    """Every valid dossier code in the text, normalised, in order, without repeats."""
    found: list[str] = []
    for match in LOOSE_CODE_RE.finditer(prepare(text)):
        if _valid_date(match["date"], today) is None:
            code = normalise_match(match)
            if code not in found:
                found.append(code)
    return found


def parse_dossier_code(text: Optional[str], today: Optional[date] = None) -> CodeParse:
    """The first valid dossier code in ``text`` (normalised), or why there is none."""
    prepared = prepare(text or "").strip()
    if not prepared:
        return CodeParse(None, EMPTY)
    first_reason: Optional[str] = None
    for match in LOOSE_CODE_RE.finditer(prepared):
        reason = _valid_date(match["date"], today)
        if reason is None:
            return CodeParse(normalise_match(match))
        first_reason = first_reason or reason
    if first_reason:
        return CodeParse(None, first_reason)
    return CodeParse(None, _diagnose(prepared))


def _diagnose(prepared: str) -> str:
    """Why a text that holds no valid code does not: the most specific reason we can tell."""
    for match in _NEAR.finditer(prepared):
        agency, day, seq = match["agency"], match["date"], match["seq"]
        parts = [p for p in re.split(LOOSE_DOT, agency) if p]
        if not any(ch.isdigit() for ch in agency) and len(parts) < 2:
            continue  # a word followed by a dash, not an agency code
        if not 2 <= len(parts) <= 4:
            return BAD_AGENCY
        if len(day) != 6:
            return BAD_DATE
        if seq is None or len(seq) != 4:
            return BAD_SEQUENCE
    return NO_CODE


def looks_like_code_attempt(text: Optional[str]) -> bool:
    """True when the text has enough digits to be a (mistyped) dossier code."""
    return sum(ch.isdigit() for ch in (text or "")) >= 4
