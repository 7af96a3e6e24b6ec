"""Vietnamese tokenizer for Rasa 3.6 built on underthesea word segmentation.

Use it in config.yml as ``- name: bot.nlu.tokenizer.VietnameseTokenizer``.

What a token is
---------------
* One Vietnamese *word* as segmented by ``underthesea.word_tokenize``: a
  multi-syllable word stays ONE token, e.g. "khai sinh", "hộ khẩu".
* ``token.text`` is always the exact substring of the message:
  ``text[token.start:token.end] == token.text`` (so a multi-syllable token contains
  the space(s) the user typed).
* ``token.lemma`` is the feature form: lower case, diacritics removed, syllables
  joined with "_": "Khai  sinh" -> "khai_sinh", "hộ khẩu" -> "ho_khau". The
  CountVectorsFeaturizer reads lemmas by default (``use_lemma: true``), so word
  features see whole words and do not depend on whether the citizen typed accents.
* Dossier codes (``000.00.12.H05-211020-0001``) and upper-case abbreviations
  (CCCD, GPXD, HKD, LLTP, ...) plus a configurable list of lower-case ones are
  protected: they are never split and never glued to a neighbour.
* Tokens without any letter or digit (punctuation, emoji) are dropped; a message
  made only of such characters becomes a single token spanning it (like Rasa's
  WhitespaceTokenizer), an empty/blank message has no tokens.

Offsets
-------
underthesea rewrites its input (NFC, "ð" -> "đ", tone placement "hoà" -> "hòa",
some spellings). We therefore build our own normalised copy of each chunk with a
map back to the original characters (NFC per grapheme cluster, control/format
characters as spaces), ask underthesea to segment it *without* token
normalisation so that every syllable it returns is a verbatim substring of that
copy, and locate each syllable in order. If anything does not line up, that chunk
falls back to whitespace pieces. Nothing in here raises on odd input.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any, Dict, Iterable, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.core.dossier_code import DOSSIER_CODE_PATTERN
from bot.core.text import strip_diacritics

logger = logging.getLogger(__name__)

# Lower-case abbreviations citizens type that must stay whole (upper-case ones
# of 2-8 letters are protected by shape anyway).
DEFAULT_PROTECTED_WORDS = [
    "cccd", "cmnd", "cmt", "gpxd", "hkd", "lltp", "bhyt", "ubnd", "ub", "sđt", "sdt",
    "gcn", "qsdđ", "qsdd", "hs", "tthc", "dvc", "vneid",
]

_WORD_CHAR_RE = re.compile(r"\w", re.UNICODE)
_SPACE_RE = re.compile(r"\s+", re.UNICODE)
# Upper-case abbreviation such as CCCD, GPXD, HKD, BHYT, UBND (digits allowed after
# the first letter: "H05"). Vietnamese capitals included (ĐKKD).
_ABBREVIATION = r"[A-ZĐ][A-ZĐ0-9]{1,7}"


def _is_blank_char(ch: str) -> bool:
    """Characters underthesea should see as a space: whitespace, control, format."""
    if ch.isspace():
        return True
    category = unicodedata.category(ch)
    return category in ("Cc", "Cf", "Zs", "Zl", "Zp", "Cs", "Co", "Cn")


def feature_form(text: str) -> str:
    """The lemma of a token: lower case, no diacritics, inner spaces as "_"."""
    return "_".join(strip_diacritics(text).lower().split())


class _NormalisedChunk:
    """NFC copy of ``original[begin:end]`` with a map back to original offsets."""

    def __init__(self, original: str, begin: int, end: int) -> None:
        chars: List[str] = []
        starts: List[int] = []
        ends: List[int] = []
        i = begin
        while i < end:
            j = i + 1
            # a grapheme-ish cluster: one base character and its combining marks
            while j < end and unicodedata.combining(original[j]):
                j += 1
            cluster = original[i:j]
            if _is_blank_char(cluster[0]):
                piece = " " * len(cluster) if len(cluster) == 1 else " "
            else:
                piece = unicodedata.normalize("NFC", cluster)
                piece = piece.replace("ð", "đ").replace("Ð", "Đ")
            for ch in piece:
                chars.append(ch)
                starts.append(i)
                ends.append(j)
            i = j
        self.text = "".join(chars)
        self._starts = starts
        self._ends = ends

    def original_span(self, a: int, b: int) -> Tuple[int, int]:
        """Original [start, end) of normalised characters [a, b)."""
        return self._starts[a], self._ends[b - 1]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class VietnameseTokenizer(Tokenizer):
    """Word tokenizer for Vietnamese on underthesea, with exact offsets."""

    @staticmethod
    def supported_languages() -> Optional[List[Text]]:
        return ["vi"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Flag to check whether to split intents
            "intent_tokenization_flag": False,
            # Symbol on which intent should be split
            "intent_split_symbol": "_",
            # Regular expression to detect tokens
            "token_pattern": None,
            # Symbol on which prefix should be split
            "prefix_separator_symbol": None,
            # Lower-case words never split nor joined to neighbours
            "protected_words": DEFAULT_PROTECTED_WORDS,
            # Messages longer than this are segmented by whitespace only beyond it
            # (underthesea is ~0.1 s per 10,000 characters; this bounds the cost).
            "max_segmented_chars": 5000,
            # Keep a multi-syllable word typed without accents only when it is a
            # dictionary word (underthesea Viet74K, compared without accents).
            "validate_unaccented_words": True,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["underthesea"]

    def __init__(self, config: Dict[Text, Any]) -> None:
        super().__init__(config)
        words = [w for w in (config.get("protected_words") or []) if w and w.strip()]
        alternatives = [DOSSIER_CODE_PATTERN, _ABBREVIATION]
        if words:
            escaped = sorted((re.escape(w.strip()) for w in words), key=len, reverse=True)
            alternatives.append("(?i:" + "|".join(escaped) + ")")
        self._protected_re = re.compile(
            r"(?<![\w.-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.UNICODE
        )
        self._max_segmented = int(config.get("max_segmented_chars") or 5000)
        self._validate_unaccented = bool(config.get("validate_unaccented_words", True))
        self._segment = _load_segmenter()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "VietnameseTokenizer":
        return cls(config)

    # ------------------------------------------------------------------ public
    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute)
        if not isinstance(text, str):
            return []
        tokens = self.tokenize_text(text)
        return self._apply_token_pattern(tokens)

    def tokenize_text(self, text: str) -> List[Token]:
        """Tokens of ``text``; never raises (worst case: whitespace pieces)."""
        if not text:
            return []
        try:
            spans = self._word_spans(text)
        except Exception:  # pragma: no cover - defensive: never break a message
            logger.exception("Vietnamese tokenization failed; using whitespace pieces")
            spans = list(_whitespace_spans(text, 0, len(text)))
        tokens = [
            Token(text[s:e], s, e, lemma=feature_form(text[s:e]))
            for s, e in spans
            if _WORD_CHAR_RE.search(text[s:e])
        ]
        if not tokens:
            stripped = text.strip()
            if not stripped:
                return []
            start = text.index(stripped)
            tokens = [Token(stripped, start, start + len(stripped), lemma=stripped)]
        return tokens

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Tokenize, then split any token an entity annotation starts or ends inside.

        Text typed without accents is sometimes segmented across a procedure name
        ("thi dang | ky ket hon"); splitting at the annotated boundary keeps the
        example's entity labels instead of Rasa dropping them as misaligned.
        """
        training_data = super().process_training_data(training_data)
        for example in training_data.training_examples:
            entities = example.get(ENTITIES) or []
            tokens = example.get(TOKENS_NAMES[TEXT])
            if not entities or not tokens:
                continue
            text = example.get(TEXT)
            cuts = {e["start"] for e in entities} | {e["end"] for e in entities}
            example.set(TOKENS_NAMES[TEXT], _split_tokens_at(text, tokens, cuts))
        return training_data

    # ----------------------------------------------------------------- helpers
    def _word_spans(self, text: str) -> List[Tuple[int, int]]:
        spans: List[Tuple[int, int]] = []
        cursor = 0
        limit = min(len(text), self._max_segmented)
        if limit < len(text):
            # end the segmented part at a blank so no word is cut in two
            blank = max((i for i in range(limit - 1, max(limit - 200, 0), -1)
                         if _is_blank_char(text[i])), default=None)
            if blank:
                limit = blank
        for match in self._protected_re.finditer(text, 0, limit):
            if not _worth_protecting(match.group()):
                continue
            if match.start() > cursor:
                spans.extend(self._segment_chunk(text, cursor, match.start()))
            spans.append(match.span())
            cursor = match.end()
        if cursor < limit:
            spans.extend(self._segment_chunk(text, cursor, limit))
        if limit < len(text):
            spans.extend(_whitespace_spans(text, limit, len(text)))
        return _merge_overlaps(spans)

    def _segment_chunk(self, text: str, begin: int, end: int) -> List[Tuple[int, int]]:
        if not text[begin:end].strip():
            return []
        chunk = _NormalisedChunk(text, begin, end)
        if self._segment is not None:
            aligned = _align(chunk, self._segment(chunk.text))
            if aligned is not None:
                return self._check_unaccented_joins(text, aligned)
        return list(_whitespace_spans(text, begin, end))

    def _check_unaccented_joins(
        self, text: str, spans: List[Tuple[int, int]]
    ) -> List[Tuple[int, int]]:
        """Split words underthesea joined in text typed without accents unless a
        dictionary word ("khai sinh", "ket hon" yes; "thi dang", "can giay" no).

        The segmenter was trained on accented text and glues unaccented syllables
        across word boundaries (and across procedure names) far too often.
        """
        if not self._validate_unaccented:
            return spans
        dictionary = _folded_dictionary()
        if not dictionary:
            return spans
        result: List[Tuple[int, int]] = []
        for start, end in spans:
            piece = text[start:end]
            if (
                " " not in piece and not any(_is_blank_char(c) for c in piece)
            ) or not piece.isascii() or feature_form(piece) in dictionary:
                result.append((start, end))
            else:
                result.extend(_whitespace_spans(text, start, end))
        return result


def _worth_protecting(word: str) -> bool:
    """Codes and abbreviations yes; an upper-case Vietnamese word ("TOI", "LÀM") no.

    Abbreviations have digits or no vowel besides Y (CCCD, GPXD, BHYT, ĐKKD, H05);
    a message typed in capitals keeps its normal word segmentation.
    """
    if not word.isupper() or any(ch.isdigit() for ch in word) or "-" in word:
        return True
    return not any(ch in "AEIOU" for ch in strip_diacritics(word).upper())


_FOLDED_DICTIONARY: Optional[frozenset] = None


def _folded_dictionary() -> frozenset:
    """Folded multi-syllable words of underthesea's Viet74K dictionary (loaded once)."""
    global _FOLDED_DICTIONARY
    if _FOLDED_DICTIONARY is None:
        words: Iterable[str] = ()
        try:
            from underthesea.corpus import viet_dict_74K

            words = viet_dict_74K.words
        except Exception:  # pragma: no cover - dictionary missing: keep all joins
            logger.warning("underthesea Viet74K dictionary unavailable")
        _FOLDED_DICTIONARY = frozenset(
            feature_form(w) for w in words if " " in w.strip()
        )
    return _FOLDED_DICTIONARY


def _load_segmenter():
    """underthesea segmentation without token normalisation (verbatim syllables)."""
    try:
        from underthesea import word_tokenize
    except Exception:  # pragma: no cover - underthesea is a declared dependency
        logger.warning("underthesea is not importable; tokenizing on whitespace")
        return None

    def segment(chunk: str) -> List[str]:
        try:
            return word_tokenize(chunk, use_token_normalize=False)
        except TypeError:  # older underthesea without the keyword
            return word_tokenize(chunk)

    return segment


def _align(chunk: _NormalisedChunk, words: Iterable[str]) -> Optional[List[Tuple[int, int]]]:
    """Map underthesea words to original spans; None when they do not line up."""
    normal = chunk.text
    spans: List[Tuple[int, int]] = []
    position = 0
    for word in words:
        syllables = word.split()
        if not syllables:
            continue
        word_start = word_end = None
        for syllable in syllables:
            found = normal.find(syllable, position)
            if found < 0 or normal[position:found].strip():
                return None  # skipped text that is not whitespace: misaligned
            if word_start is None:
                word_start = found
            position = word_end = found + len(syllable)
        spans.append(chunk.original_span(word_start, word_end))
    if normal[position:].strip():
        return None
    return spans


def _whitespace_spans(text: str, begin: int, end: int) -> Iterable[Tuple[int, int]]:
    """Pieces between whitespace/control characters, punctuation at the ends cut."""
    piece_start = None
    for i in range(begin, end + 1):
        blank = i == end or _is_blank_char(text[i])
        if blank and piece_start is not None:
            yield from _trim_punctuation(text, piece_start, i)
            piece_start = None
        elif not blank and piece_start is None:
            piece_start = i


def _trim_punctuation(text: str, start: int, end: int) -> Iterable[Tuple[int, int]]:
    s, e = start, end
    while s < e and not _WORD_CHAR_RE.match(text[s]) and not unicodedata.combining(text[s]):
        s += 1
    while e > s and not _WORD_CHAR_RE.match(text[e - 1]) and not unicodedata.combining(text[e - 1]):
        e -= 1
    if s < e:
        yield (s, e)
    elif start < end:
        yield (start, end)  # no word character: kept, filtered out by the caller


def _split_tokens_at(text: str, tokens: List[Token], cuts: set) -> List[Token]:
    result: List[Token] = []
    for token in tokens:
        inner = sorted(c for c in cuts if token.start < c < token.end)
        if not inner:
            result.append(token)
            continue
        bounds = [token.start, *inner, token.end]
        for a, b in zip(bounds, bounds[1:]):
            for s, e in _whitespace_spans(text, a, b):
                if _WORD_CHAR_RE.search(text[s:e]):
                    result.append(Token(text[s:e], s, e, lemma=feature_form(text[s:e])))
    return result


def _merge_overlaps(spans: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Sorted, non-overlapping spans (defensive; overlaps should not happen)."""
    result: List[Tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if result and s < result[-1][1]:
            if e > result[-1][1]:
                result[-1] = (result[-1][0], e)
            continue
        result.append((s, e))
    return result
