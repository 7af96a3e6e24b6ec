"""The national catalogue in the dialogue: a procedure that is not curated, answered from it.

`ActionAnswerProcedure` asks `catalog_procedure(tracker)` when the citizen's message names no
curated procedure. It returns the catalogue code the message means (a good enough, non-curated
search candidate), or the one carried over from earlier in the conversation (the `procedure` slot
holds "tthc:<code>" then), or None. Curated procedures always keep their own path.
"""

from __future__ import annotations

import logging
import threading

from rasa_sdk import Tracker

from actions.context import latest_text

logger = logging.getLogger(__name__)

SLOT_PREFIX = "tthc:"
# A message must name the procedure this clearly before the bot answers from the catalogue
# (below it, the bot asks "bạn hỏi về thủ tục nào?" as before).
DIALOGUE_MIN_SCORE = 0.9
MIN_CONTENT_WORDS = 2
# ... and say enough: "bao lâu phải đi đăng ký" (only the common words "đăng ký", about 3.7) asks
# which procedure; "đổi bằng lái" (about 7.9) or "khai tử" (about 5.1) is answered.
MIN_INFORMATION = 4.5


def _prewarm() -> None:
    """Build the search index (about 1 s) when the action server starts, not on a citizen's message."""
    try:
        from knowledge.catalog import Catalog

        Catalog.open()._build_index()
    except Exception:  # noqa: BLE001 - the first search will try again and log
        logger.debug("catalogue index not prebuilt", exc_info=True)


threading.Thread(target=_prewarm, name="catalog-prewarm", daemon=True).start()


def slot_value(code: str) -> str:
    return SLOT_PREFIX + code


def code_of_slot(value) -> str | None:
    if isinstance(value, str) and value.startswith(SLOT_PREFIX) and len(value) > len(SLOT_PREFIX):
        return value[len(SLOT_PREFIX):]
    return None


# A curated procedure named in the message gives way to a national record only when that record
# matches the whole message clearly better ("đăng ký lại khai tử" is not "đăng ký khai tử").
MORE_SPECIFIC_MARGIN = 0.05


def candidate_in_text(text: str, named: str | None = None):
    """The catalogue Candidate the text names clearly enough, or None (never raises). With
    `named` (the curated procedure the message's words name), only a national record that
    matches the message clearly better than that procedure."""
    try:
        from knowledge.catalog import content_words, information, search

        if not text or content_words(text) < MIN_CONTENT_WORDS or information(text) < MIN_INFORMATION:
            return None
        hits = search(text, limit=3)
    except Exception:  # noqa: BLE001 - a broken catalogue must not break the answer
        logger.exception("catalogue search failed")
        return None
    if not hits or hits[0].curated or hits[0].score < DIALOGUE_MIN_SCORE:
        return None
    if accents_disagree(text, hits[0].name):
        return None
    if named is not None:
        named_score = max((h.score for h in hits if h.curated and h.key_or_code == named), default=0.0)
        if hits[0].score - named_score < MORE_SPECIFIC_MARGIN:
            return None
    return hits[0]


def accents_disagree(text: str, name: str) -> bool:
    """A word of the name that the citizen typed only WITH other diacritics ("chuyện", "hỏi"
    against "Chuyển đổi doanh nghiệp ... xã hội"): the match is an accident of folding. A word
    typed without diacritics, or typed once as the name has it, agrees ("lần đầu ở đâu" has
    "đầu")."""
    from knowledge.catalog import content_tokens
    from bot.core.text import fold, has_diacritics, lower_nfc, tokens_with_spans

    def words(value: str) -> list[str]:
        low = lower_nfc(value)
        return [low[s:e] for _, s, e in tokens_with_spans(low)]

    content = content_tokens(text)
    typed: dict[str, set[str]] = {}
    for word in words(text):
        typed.setdefault(fold(word), set()).add(word)
    for word in set(words(name)):
        folded = fold(word)
        said = typed.get(folded)
        if not said or folded not in content:
            continue
        if all(has_diacritics(w) and w != word for w in said):
            return True
    return False


def more_specific_record(tracker: Tracker, named: str) -> str | None:
    """The national record's code when the latest message means it rather than the curated
    procedure `named` whose alias it contains; None otherwise."""
    candidate = candidate_in_text(latest_text(tracker), named=named)
    return candidate.key_or_code if candidate is not None else None


def catalog_procedure(tracker: Tracker, carried_over: bool = True) -> tuple[str | None, bool]:
    """(catalogue code, named in the latest message?) or (None, False)."""
    candidate = candidate_in_text(latest_text(tracker))
    if candidate is not None:
        return candidate.key_or_code, True
    if carried_over:
        code = code_of_slot(tracker.get_slot("procedure"))
        if code is not None:
            return code, False
    return None, False
