"""Dossier codes (mã hồ sơ): the one pattern every part of dvcbot finds them with.

Shape (Thông tư 01/2018/TT-VPCP art. 19): ``<agency code>-<YYMMDD>-<XXXX>``, e.g.
``000.00.12.H05-211020-0001`` or ``38.98.H29-210519-0013``: the agency's electronic code
(2 to 4 dot-separated parts of 1-6 letters or digits), the date the dossier was received,
a 4-digit sequence.

- `DOSSIER_CODE_PATTERN`: the code as written correctly. The NLU tokenizer keeps it one
  token, and the regex featurizer's `nlu_data/train/nlu/handwritten.yml` carries exactly this
  text (a test keeps the two equal).
- `loose_pattern()`: the code as citizens paste it (spaces around the dots and dashes, a
  comma for a dot, an en dash, lower case, a space instead of a dash), with the groups
  ``agency``, ``date`` and ``seq``. The portal look-up, the masking of personal numbers and
  the hand-off's protection of codes in live relays all use it.
- `prepare` + `normalise_match`: the canonical ``AGENCY-YYMMDD-XXXX`` (upper case, dots).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["DOSSIER_CODE_PATTERN", "DOSSIER_CODE_RE", "LOOSE_CODE_RE", "DASHED_CODE_RE", "PART",
           "LOOSE_DOT", "loose_pattern", "normalise_match", "prepare"]

# one part of the agency code, and the dot between parts as citizens type it
PART = r"[0-9A-Za-z]{1,6}"
LOOSE_DOT = r"\s*[.,]\s*"
DOSSIER_CODE_PATTERN = rf"{PART}(?:\.{PART}){{1,3}}-\d{{6}}-\d{{4}}"
# As a whole token: not glued to a longer word, number or code.
DOSSIER_CODE_RE = re.compile(r"(?<![\w.-])" + DOSSIER_CODE_PATTERN + r"(?![\w-])")

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D"
_DASH_TRANSLATION = dict.fromkeys(map(ord, DASHES + "_"), "-")
_DASH = rf"\s*[-{DASHES}]\s*"


def loose_pattern(date: str = r"\d{6}", seq: str = r"\d{4}", bare_space: bool = True) -> str:
    """The tolerant pattern with groups agency, date and seq. `date`/`seq` may widen what the
    date and sequence look like (masking also accepts its own masked form); `bare_space`
    accepts a space instead of a dash between the parts."""
    sep = rf"(?:{_DASH}|\s+)" if bare_space else _DASH
    return (rf"(?<![A-Za-z0-9.,])(?P<agency>{PART}(?:{LOOSE_DOT}{PART}){{1,3}})"
            rf"{sep}(?P<date>{date}){sep}(?P<seq>{seq})(?![0-9])")


LOOSE_CODE_RE = re.compile(loose_pattern())
# Located in text as written, with a dash between the parts (no bare-space separator, so that
# three runs of digits are not taken for a code): the hand-off keeps these readable in relays.
DASHED_CODE_RE = re.compile(loose_pattern(bare_space=False))


def prepare(text: str) -> str:
    """NFKC, every dash-like character (and "_") as "-", upper case: what `LOOSE_CODE_RE`
    is matched against when the code is to be read, not only located."""
    return unicodedata.normalize("NFKC", text or "").translate(_DASH_TRANSLATION).upper()


def normalise_match(match: re.Match) -> str:
    """The canonical code of a `LOOSE_CODE_RE` match: dots between the agency parts, upper case."""
    parts = [p for p in re.split(LOOSE_DOT, match["agency"].strip()) if p]
    return f"{'.'.join(parts).upper()}-{match['date']}-{match['seq']}"

