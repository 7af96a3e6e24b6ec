"""Whole-message understanding: which procedure (with a confidence, or none), which
aspects in which order, and whether a message is a follow-up that may reuse the previous
procedure.

Pure Python (no Rasa, no underthesea): used by the Rasa component
``bot.nlu.procedure_resolver.ProcedureResolver`` (the entity and the ``aspects`` output),
by the action server (``actions/context.py``: carry-over and clarifying questions) and by
``dvcbot bench nlu``, so the three always agree.

Data, not code:
* procedure names: the knowledge base aliases (``knowledge.search.alias_index``);
* life events and situations: ``nlu_data/understanding/situations.yml``;
* aspect cues and the words that carry no topic: ``nlu_data/understanding/aspects.yml``;
* procedures outside the curated ones: the catalogue search when the knowledge package
  has one (``knowledge.catalog.search(text, limit)``), else the `outside:` names.

Folding and word offsets are bot/core/text.py's (``tokens_with_spans``), the spelling
canon (dk -> dang ky, sanh -> sinh) and the accent check are knowledge/search.py's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

import yaml

from knowledge.search import _accents_agree, _canon_tokens, _Index, alias_index
from bot.core.text import fold, lower_nfc, tokens_with_spans

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "nlu_data" / "understanding"
ANY_WORDS = "..."
ANY_GAP = 5  # `...` in a situation
ASPECT_ANY_GAP = 8  # `...` in an aspect cue ("có được nhận tiền hàng tháng không")
NEAR_WINDOW = 6

# A procedure is named/described confidently from this score; below it (down to
# CANDIDATE_SCORE) it is only a guess offered as a button.
CONFIDENT_SCORE = 0.7
CANDIDATE_SCORE = 0.45
CATALOG_MAX_SCORE = 0.69
CONDITION_ASPECTS = frozenset({"online", "where"})  # may be a condition before "thì"
KB_ASPECTS = frozenset({"eligibility", "deadlines", "late"})  # answered by the kb branch's facts
LONG_MESSAGE = 200
CONDITION_WORDS = 3  # a condition follow-up ("tôi là hộ nghèo") has at most this many content words  # characters: from here on, aspects come from the questions only
MAX_TEXT = 4000


Token = tuple  # (folded word, start, end)


@dataclass(frozen=True)
class Cue:
    key: str
    words: tuple[str, ...]  # folded; ANY_WORDS for "any words"
    weight: float
    near: frozenset = frozenset()
    not_next: frozenset = frozenset()
    source: str = "situation"  # "alias" | "situation"
    accented: tuple[str, ...] = ()
    alias: Any = None  # the knowledge.search _Alias for an alias cue


@dataclass(frozen=True)
class Candidate:
    key: str
    score: float
    source: str  # alias | situation | entity | catalog
    start: int = -1
    end: int = -1
    curated: bool = True
    name: str = ""


@dataclass
class Recognition:
    """What the whole message says about the procedure."""

    candidates: list[Candidate] = field(default_factory=list)  # best first

    @property
    def best(self) -> Optional[Candidate]:
        return self.candidates[0] if self.candidates else None

    @property
    def confident(self) -> Optional[Candidate]:
        best = self.best
        return best if best is not None and best.score >= CONFIDENT_SCORE else None

    @property
    def procedure(self) -> Optional[str]:
        """The curated key named or described confidently, else None."""
        best = self.confident
        return best.key if best is not None and best.curated else None

    @property
    def confidence(self) -> float:
        return self.best.score if self.best else 0.0

    def guesses(self, limit: int = 3) -> list[Candidate]:
        return [c for c in self.candidates if c.score >= CANDIDATE_SCORE][:limit]


# ------------------------------------------------------------------------ data
def _words(text: str) -> tuple[str, ...]:
    if text.strip() == ANY_WORDS:
        return (ANY_WORDS,)
    parts: list[str] = []
    for chunk in text.split(ANY_WORDS):
        parts.extend(t for t, _, _ in _canon_tokens(tokens_with_spans(chunk)))
        parts.append(ANY_WORDS)
    return tuple(parts[:-1])


def _read_yaml(name: str, data_dir: Path | None = None) -> dict:
    path = (data_dir or DATA_DIR) / name
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@dataclass(frozen=True)
class AspectCue:
    aspect: str
    words: tuple[str, ...]
    accents: Any  # knowledge.search _Alias: typed accents must agree
    generic: bool


@dataclass
class Vocabulary:
    situation_cues: list[Cue]
    situation_index: dict
    situation_gap: int
    outside: dict[str, str]
    aspect_cues: list[AspectCue]  # plain before "...", longest first
    aspect_gap: int
    aspect_intents: dict[str, str]
    generic_aspects: frozenset
    filler: frozenset
    not_asked: list  # AspectCue with aspect "": story phrases set aside
    ordered_cues: list = field(default_factory=list)


@lru_cache(maxsize=4)
def vocabulary(data_dir: Path | None = None) -> Vocabulary:
    situations = _read_yaml("situations.yml", data_dir)
    vocabularies = {
        name: frozenset(w for item in items for w in _words(str(item)))
        for name, items in (situations.get("vocabularies") or {}).items()
    }
    typed_forms = {  # the same words as written, for typed-accent comparison
        name: frozenset(lower_nfc(str(item)) for item in items)
        for name, items in (situations.get("vocabularies") or {}).items()
    }
    cues: list[Cue] = []
    for key, entries in (situations.get("situations") or {}).items():
        for entry in entries or []:
            near = vocabularies.get(entry.get("near"), frozenset()) if entry.get("near") else frozenset()
            not_next = entry.get("not_next")
            if isinstance(not_next, str):
                not_next_set = typed_forms.get(not_next, frozenset())
            else:
                not_next_set = frozenset(lower_nfc(str(w)) for w in (not_next or []))
            for phrase in entry.get("phrases") or []:
                words = _words(str(phrase))
                if words:
                    # accents typed by the citizen must agree ("ở đâu" is not "ở đậu")
                    accents = _Index._make_alias(str(key), str(phrase).replace(ANY_WORDS, " "))
                    cues.append(Cue(str(key), words, float(entry.get("weight", 0.8)),
                                    near, not_next_set, alias=accents))
    aspects = _read_yaml("aspects.yml", data_dir)
    aspect_cues: list[AspectCue] = []
    intents: dict[str, str] = {}
    generic: set[str] = set()
    for aspect, entry in (aspects.get("aspects") or {}).items():
        intents[aspect] = str(entry.get("intent") or "ask_procedure")
        if entry.get("generic"):
            generic.add(aspect)
        for cue in entry.get("cues") or []:
            words = _words(str(cue))
            if words:
                accents = _Index._make_alias(str(aspect), str(cue).replace(ANY_WORDS, " "))
                aspect_cues.append(AspectCue(str(aspect), words, accents, bool(entry.get("generic"))))
    # longest phrases first ("làm những gì" before "những gì"), the "..." ones last
    # ("có phải đóng phí không" is a fee question: "đóng phí" is read before "có phải ... không")
    aspect_cues.sort(key=lambda c: (ANY_WORDS in c.words,
                                    -len([w for w in c.words if w != ANY_WORDS]), c.generic))
    filler = frozenset(w for item in aspects.get("filler") or [] for w in _words(str(item)))
    not_asked = [AspectCue("", _words(str(item)),
                           _Index._make_alias("", str(item)), False)
                 for item in aspects.get("not_asked") or [] if _words(str(item))]
    ordered = sorted(not_asked + aspect_cues, key=lambda c: (
        ANY_WORDS in c.words, -len([w for w in c.words if w != ANY_WORDS]), c.generic,
        c.aspect != ""))
    return Vocabulary(cues, _by_first_word(cues, _cue_words), int(situations.get("gap", 0)), dict(situations.get("outside") or {}),
                      aspect_cues, int(aspects.get("gap", 1)), intents, frozenset(generic), filler,
                      not_asked, ordered)


def _alias_cues() -> list[Cue]:
    index = alias_index()
    cues: list[Cue] = []
    for key, aliases in index.aliases_of.items():
        for alias in aliases:
            # longer names are more specific: "trích lục khai sinh" beats "khai sinh"
            weight = min(0.98, 0.86 + 0.02 * len(alias.tokens))
            cues.append(Cue(key, alias.tokens, weight, source="alias",
                            accented=alias.accented, alias=alias))
    return cues


_ALIAS_CACHE: dict[int, dict] = {}


def _cue_words(cue: Cue) -> tuple[str, ...]:
    return cue.words


def alias_index_by_first_word() -> dict:
    index = alias_index()  # cached by knowledge.search, re-read when the YAML changes
    cues = _ALIAS_CACHE.get(id(index))
    if cues is None:
        _ALIAS_CACHE.clear()
        cues = _ALIAS_CACHE[id(index)] = _by_first_word(_alias_cues(), _cue_words)
    return cues


# ------------------------------------------------------------------- matching
def tokens(text: str) -> list[Token]:
    return _canon_tokens(tokens_with_spans(text[:MAX_TEXT]))


def _match(words: Sequence[str], toks: Sequence[Token], start: int, gap: int,
           any_gap: int = ANY_GAP) -> Optional[list[int]]:
    """Positions of ``words`` in ``toks`` from ``start`` (words[0] at start), or None."""
    if toks[start][0] != words[0]:
        return None
    positions = [start]
    allowed = gap
    for word in words[1:]:
        if word == ANY_WORDS:
            allowed = any_gap
            continue
        previous = positions[-1]
        found = None
        for j in range(previous + 1, min(len(toks), previous + 2 + allowed)):
            if toks[j][0] == word:
                found = j
                break
        if found is None:
            return None
        positions.append(found)
        allowed = gap
    return positions


def _find(words: Sequence[str], toks: Sequence[Token], gap: int,
          any_gap: int = ANY_GAP) -> Iterable[list[int]]:
    for i in range(len(toks)):
        positions = _match(words, toks, i, gap, any_gap)
        if positions is not None:
            yield positions


def _by_first_word(cues: Iterable[Any], words_of: Callable[[Any], Sequence[str]]) -> dict:
    index: dict[str, list] = {}
    for cue in cues:
        index.setdefault(words_of(cue)[0], []).append(cue)
    return index


def _find_indexed(index: dict, words_of: Callable[[Any], Sequence[str]], toks: Sequence[Token],
                  gap: int) -> Iterable[tuple[Any, list[int]]]:
    """(cue, positions) for every cue of ``index`` (first word -> cues) found in ``toks``."""
    for i, tok in enumerate(toks):
        for cue in index.get(tok[0], ()):
            positions = _match(words_of(cue), toks, i, gap)
            if positions is not None:
                yield cue, positions


def recognize(text: str, extra: Iterable[Candidate] = (),
              catalog: Optional[Callable[[str, int], list]] = None) -> Recognition:
    """Every procedure the message names or describes, scored 0..1, best first.

    Aliases count whole (0.88-0.98, more for longer names; up to two inserted words cost
    0.03 each; typed accents must agree with the alias); situations count their weight;
    a second distinct cue for the same procedure adds 0.03. ``extra`` adds candidates
    found elsewhere (the CRF entity). A best guess outside the curated procedures is
    looked up in the catalogue when there is one."""
    if not isinstance(text, str) or not text.strip():
        return Recognition([])
    toks = tokens(text)
    if not toks:
        return Recognition([])
    vocab = vocabulary()
    scores: dict[str, list[tuple[float, int, int, str]]] = {}

    def add(key: str, score: float, positions: list[int], source: str) -> None:
        scores.setdefault(key, []).append(
            (score, toks[positions[0]][1], toks[positions[-1]][2], source))

    for cue, positions in _find_indexed(alias_index_by_first_word(), _cue_words, toks, 2):
        window = [toks[p] for p in positions]
        if _accents_agree(text, window, cue.alias) is False:
            continue
        inserted = positions[-1] - positions[0] + 1 - len(positions)
        if inserted and (inserted > len(positions) - 1 or _PUNCTUATION.search(
                text[window[0][2]:window[-1][1]])):
            continue  # words inserted into a short name, or across a comma: not that name
        add(cue.key, cue.weight - 0.03 * inserted, positions, "alias")
    for cue, positions in _find_indexed(vocab.situation_index, _cue_words, toks, vocab.situation_gap):
        first, last = positions[0], positions[-1]
        if cue.near and not any(toks[j][0] in cue.near
                                for j in range(max(0, first - NEAR_WINDOW), first)):
            continue
        if cue.not_next and _followed_by(text, toks, last + 1, cue.not_next):
            continue
        if cue.alias is not None and _accents_agree(
                text, [toks[p] for p in positions], cue.alias) is False:
            continue
        add(cue.key, cue.weight, positions, "situation")
    for candidate in extra:
        scores.setdefault(candidate.key, []).append(
            (candidate.score, candidate.start, candidate.end, candidate.source))

    curated = set(alias_index().aliases_of)
    spans = [(key, s, e, score) for key, found in scores.items() for score, s, e, src in found
             if src in ("alias", "situation")]
    candidates: list[Candidate] = []
    raw: dict[str, float] = {}  # uncapped: more evidence wins a tie at 1.0
    for key, found in scores.items():
        found.sort(key=lambda item: (-item[0], item[1]))
        best = found[0]
        others = {(s, e) for _, s, e, _ in found if e <= best[1] or s >= best[2]}
        bonus = min(0.06, 0.03 * len(others))
        if any(k != key and s <= best[1] and best[2] <= e and (e - s) > (best[2] - best[1])
               and sc >= best[0] - 0.1 for k, s, e, sc in spans):
            bonus -= 0.1  # "khai sinh" inside "bản sao khai sinh": the longer phrase wins
        if best[3] in ("alias", "entity") and _already_has(toks, best[1], best[2]):
            bonus -= 0.15  # "đã có sổ đỏ": what the citizen has is not what is asked
        raw[key] = best[0] + bonus
        candidates.append(Candidate(key, round(min(1.0, best[0] + bonus), 4), best[3],
                                    best[1], best[2], key in curated,
                                    alias_index().names.get(key) or vocab.outside.get(key, key)))
    candidates.sort(key=lambda c: (-raw[c.key], c.start))
    recognition = Recognition(candidates)
    best = recognition.best
    if (best is None or not best.curated) and catalog is not None:
        recognition.candidates = _with_catalog(recognition.candidates, text, catalog)
    return recognition


def _followed_by(text: str, toks: Sequence[Token], index: int, phrases: frozenset) -> bool:
    """``toks[index:]`` starts with one of ``phrases`` (written with accents; words typed with
    accents must be those, words typed without match any accents)."""
    for phrase in phrases:
        words = phrase.split()
        if index + len(words) > len(toks):
            continue
        for word, tok in zip(words, toks[index:index + len(words)]):
            typed = lower_nfc(text[tok[1]:tok[2]])
            if (fold(word) != tok[0]) if typed.isascii() else (typed != word):
                break
        else:
            return True
    return False


def _already_has(toks: Sequence[Token], start: int, end: int) -> bool:
    """The name at [start, end) follows "đã có" / "có ... rồi" (something already held)."""
    index = next((i for i, t in enumerate(toks) if t[1] == start), None)
    if index is None or index == 0:
        return False
    before = [t[0] for t in toks[max(0, index - 3):index]]
    after_index = next((i for i, t in enumerate(toks) if t[2] == end), len(toks) - 1)
    after = [t[0] for t in toks[after_index + 1:after_index + 3]]
    return before[-1:] == ["co"] and ("da" in before or after[:2] == ["day", "du"] or after[:1] == ["roi"])


def _with_catalog(candidates: list[Candidate], text: str,
                  catalog: Callable[[str, int], list]) -> list[Candidate]:
    try:
        hits = catalog(text, 3) or []
    except Exception:  # noqa: BLE001 - the catalogue is a bonus, never a failure
        logger.exception("catalogue search failed")
        return candidates
    extra = []
    for hit in hits:
        key = str(getattr(hit, "key_or_code", None) or getattr(hit, "key", None)
                  or getattr(hit, "code", "") or "")
        if not key:
            continue
        # the catalogue's own scale: its entries are offered (buttons, "outside" reply),
        # never answered silently on the catalogue's word alone
        score = min(float(getattr(hit, "score", 0.0) or 0.0), CATALOG_MAX_SCORE)
        extra.append(Candidate(key, round(score, 4), "catalog",
                               curated=bool(getattr(hit, "curated", False)),
                               name=str(getattr(hit, "name", "") or key)))
    merged = candidates + [c for c in extra if c.key not in {x.key for x in candidates}]
    merged.sort(key=lambda c: -c.score)
    return merged


def load_catalog_search() -> Optional[Callable[[str, int], list]]:
    """``knowledge.catalog.search`` (the national catalogue layer) when present."""
    try:
        from knowledge import catalog  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - not merged yet, or broken: curated only
        return None
    search = getattr(catalog, "search", None)
    if not callable(search):
        return None

    def call(text: str, limit: int) -> list:
        return list(search(text, limit=limit) or [])

    return call


# -------------------------------------------------------------------- aspects
_PUNCTUATION = re.compile(r"[,.;:!?()\n]")
_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]*")
_CLAUSE_SPLIT = {"va", "voi", "neu", "hay", "hoac"}  # a new clause starts at these words
# question words anywhere / at the end of a sentence; typed accents must be these
_QUESTION_ANYWHERE = {"gì", "đâu", "nào", "bao", "mấy", "sao", "hỏi", "chi", "j", "ntn", "bn"}
_QUESTION_END = {"không", "hông", "ko", "k", "chưa", "hem", "hả", "chứ", "khong", "hong", "chua", "ha"}


def _sentences(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _SENTENCE_RE.finditer(text) if m.group().strip()]


def _is_question(sentence: str) -> bool:
    if sentence.rstrip().endswith("?"):
        return True
    words = [sentence[s:e].lower() for _, s, e in tokens_with_spans(sentence)]
    anywhere = {fold(w) for w in _QUESTION_ANYWHERE}

    def asks(word: str, accented: set, folded: set) -> bool:
        return word in accented if not word.isascii() else word in folded

    if any(asks(w, _QUESTION_ANYWHERE, anywhere) for w in words):
        return True
    tail = [w for w in words[-3:] if fold(w) not in {"a", "vay", "nha", "nhe", "ad", "em", "anh", "chi"}]
    return bool(tail) and asks(tail[-1], _QUESTION_END, {fold(w) for w in _QUESTION_END})


def question_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the question sentences of a long message (all of a short one)."""
    if len(text) < LONG_MESSAGE:
        return [(0, len(text))]
    sentences = _sentences(text)
    if "?" in text:
        # the citizen marked the questions: those, and sentences that say they ask ("cho hỏi")
        questions = [(s, e) for s, e, sentence in sentences
                     if sentence.rstrip().endswith("?") or _asks(sentence)]
    else:
        questions = [(s, e) for s, e, sentence in sentences if _is_question(sentence)]
    return questions or [(0, len(text))]


_INDIRECT = {("khong", "biet"), ("hong", "biet"), ("hong", "biet"), ("chang", "biet"),
             ("muon", "biet"), ("cho", "biet"), ("can", "biet")}


def _asks(sentence: str) -> bool:
    """The sentence says it asks: "cho (em) hỏi", "xin hỏi", or an indirect question
    ("không biết có bắt buộc không", "muốn biết")."""
    typed = [sentence[s:e].lower() for _, s, e in tokens_with_spans(sentence)]
    words = [fold(w) for w in typed]
    if any((words[i], words[i + 1]) in _INDIRECT and typed[i + 1] in ("biết", "biet", "bít", "bit")
           for i in range(len(words) - 1)):
        return True
    return any(w == "hoi" and (typed[i].isascii() or typed[i] == "hỏi")
               and (i == 0 or words[i - 1] in {"cho", "xin", "muon", "can", "de"})
               for i, w in enumerate(words))


def detect_aspects(text: str) -> list[str]:
    """Every aspect asked, in the order asked (no duplicates)."""
    if not isinstance(text, str) or not text.strip():
        return []
    vocab = vocabulary()
    found: list[tuple[int, str]] = []
    for start, end in question_spans(text[:MAX_TEXT]):
        part = text[start:end]
        for clause in _clauses(part, tokens(part)):
            found.extend((start + offset, aspect)
                         for offset, aspect in _clause_aspects(clause, vocab, part))
    ordered: list[str] = []
    for _, aspect in sorted(found, key=lambda item: item[0]):
        if aspect not in ordered:
            ordered.append(aspect)
    return ordered


def _clauses(text: str, toks: list[Token]) -> list[list[Token]]:
    clauses: list[list[Token]] = [[]]
    previous_end = 0
    for tok in toks:
        between = text[previous_end:tok[1]]
        if any(ch in between for ch in ",;?:") or (tok[0] in _CLAUSE_SPLIT and clauses[-1]):
            clauses.append([])
        clauses[-1].append(tok)
        previous_end = tok[2]
    return [c for c in clauses if c]


def _clause_aspects(clause: list[Token], vocab: Vocabulary, text: str) -> list[tuple[int, str]]:
    used: set[int] = set()
    specific: list[tuple[int, str]] = []
    generic: list[tuple[int, str]] = []
    for gap in sorted({0, vocab.aspect_gap}):  # exact first
        for cue in vocab.ordered_cues:  # longest first (story phrases too), "..." ones last
            for positions in _find(cue.words, clause, gap, ASPECT_ANY_GAP):
                span = set(range(positions[0], positions[-1] + 1))
                if span & used:
                    continue
                if _accents_agree(text, [clause[p] for p in positions], cue.accents) is False:
                    continue
                used |= span
                if cue.aspect:
                    (generic if cue.generic else specific).append((clause[positions[0]][1], cue.aspect))
    then = next((t[1] for t in clause if t[0] == "thi"), None)
    if then is not None and any(o > then for o, _ in specific):
        # "làm online thì phí bao nhiêu": the way or place before "thì" is a condition
        specific = [(o, a) for o, a in specific if o > then or a not in CONDITION_ASPECTS]
    if any(aspect == "form" for _, aspect in specific):
        # "mẫu đơn lấy ở đâu": the place is the form's, not a second question
        specific = [(o, a) for o, a in specific if a != "where"]
    # generic cues ("có được ... không", "làm sao") only when nothing more precise is asked
    return specific if specific else generic


def aspect_intent(aspect: str) -> str:
    return vocabulary().aspect_intents.get(aspect, "ask_procedure")


def generic_aspects() -> frozenset:
    return vocabulary().generic_aspects


ASPECT_INTENTS = frozenset({"ask_documents", "ask_fee", "ask_processing_time", "ask_where",
                            "ask_online", "ask_form", "ask_procedure"})


# ------------------------------------------------------------------ follow-ups
def is_elliptic(text: str, recognition: Optional[Recognition] = None) -> bool:
    """A follow-up that names nothing: only aspect words and fillers ("còn lệ phí thì sao",
    "nộp ở đâu", "mấy bữa có"). A message that names or describes a procedure, or says
    anything else of substance ("nhà tui tính xây lại"), is not."""
    if not isinstance(text, str):
        return False
    recognition = recognition if recognition is not None else recognize(text)
    if any(c.score >= CANDIDATE_SCORE for c in recognition.candidates):
        return False
    return _content_words(text) <= 1


def _content_words(text: str) -> int:
    vocab = vocabulary()
    return len([t for t, _, _ in tokens(text) if t not in vocab.filler and not t.isdigit()])


@dataclass(frozen=True)
class Decision:
    """Which procedure an answer is about.

    action: "answer" (key), "clarify" (guesses: buttons), "outside" (a procedure outside
    the curated ones: say so, never answer another), "ask" (no idea: ask which one)."""

    action: str
    key: Optional[str] = None
    named_now: bool = False
    guesses: tuple[Candidate, ...] = ()


def decide(text: str, previous: Optional[str], recognition: Optional[Recognition] = None,
           known: Optional[set] = None, condition: bool = False) -> Decision:
    """The carry-over rule of issue 14, in one place (actions and bench use it).

    ``condition``: the message names a condition of the knowledge base ("tôi là hộ nghèo",
    "nộp online thì sao"); a short one is a follow-up about the previous procedure."""
    recognition = recognition if recognition is not None else recognize(text)
    known = known if known is not None else set(alias_index().aliases_of)
    if condition and _content_words(text) <= CONDITION_WORDS:
        named = recognition.confident
        if named is None or named.source not in ("alias", "entity") or named.key == previous:
            # "tôi là hộ nghèo" states a condition of the previous question, it asks no procedure
            if previous and previous in known:
                return Decision("answer", previous, False)
            return Decision("ask")
    best = recognition.confident
    if best is not None:
        if best.curated and best.key in known:
            return Decision("answer", best.key, True)
        return Decision("outside", best.key, True, tuple(recognition.guesses()))
    if previous and previous in known and is_elliptic(text, recognition):
        return Decision("answer", previous, False)
    guesses = tuple(c for c in recognition.guesses() if c.curated and c.key in known)
    if guesses:
        return Decision("clarify", None, False, guesses)
    return Decision("ask")
