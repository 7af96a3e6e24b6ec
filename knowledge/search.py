"""Finding procedures in what a citizen typed.

Two entry points, both pure in-memory from the YAML aliases (no database):

* `find_procedure_in_text(text)` -> ProcedureMatch | None: an exact alias occurrence (diacritic-
  insensitive, whole words only, longest alias wins) with character offsets in the ORIGINAL text.
  Where the citizen typed diacritics, they must agree with the alias, so "số đó" (that number)
  is not "sổ đỏ"; without diacritics "so do" matches.
* `search_procedures(query, limit=5)` -> list[SearchHit]: ranked, typo-tolerant search over
  names and aliases ("khai sinhh", "so do lan dau", "lam cccd").
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from pathlib import Path
from threading import Lock

import yaml

from . import config
from bot.core.text import lower_nfc, tokens_with_spans

log = logging.getLogger(__name__)

__all__ = ["ProcedureMatch", "SearchHit", "find_procedure_in_text", "search_procedures", "alias_index"]

try:  # the C loader is much faster; fall back quietly
    _YamlLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader


@dataclass(frozen=True)
class ProcedureMatch:
    key: str
    alias: str
    score: float
    start: int
    end: int


@dataclass(frozen=True)
class SearchHit:
    key: str
    name: str
    score: float


# Spelling variants folded to one token on both sides (alias and text).
_CANON = {"ki": ("ky",), "dk": ("dang", "ky"), "dky": ("dang", "ky"), "dki": ("dang", "ky"),
          "sanh": ("sinh",)}
# Tokens whose accents are not checked (kí/ký are both correct spellings).
_ACCENT_FREE = {"ky", "ki", "dk", "dky", "dki"}


def _canon_tokens(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for tok, s, e in tokens:
        repl = _CANON.get(tok)
        if repl is None:
            out.append((tok, s, e))
        else:
            for r in repl:
                out.append((r, s, e))
    return out


@dataclass
class _Alias:
    key: str
    text: str  # as written in YAML
    tokens: tuple[str, ...]  # folded, canonical
    accented: tuple[str, ...]  # lowercase NFC words with accents, aligned with tokens (or ())
    length: int  # folded character length
    token_set: frozenset = frozenset()
    idf_total: float = 1.0


class _Index:
    def __init__(self, procedures: dict[str, dict]):
        self.names: dict[str, str] = {}
        self.order: list[str] = []
        self.by_first: dict[str, list[_Alias]] = {}
        self.aliases_of: dict[str, list[_Alias]] = {}
        for key, proc in procedures.items():
            name = str(proc.get("name") or key)
            self.names[key] = name
            self.order.append(key)
            texts = [name] + [str(a) for a in (proc.get("aliases") or []) if a is not None]
            seen: set[tuple[str, ...]] = set()
            for text in texts:
                alias = self._make_alias(key, text)
                if alias is None:
                    continue
                lst = self.aliases_of.setdefault(key, [])
                lst.append(alias)
                if alias.tokens not in seen:
                    seen.add(alias.tokens)
                self.by_first.setdefault(alias.tokens[0], []).append(alias)
        for lst in self.by_first.values():
            lst.sort(key=lambda a: -len(a.tokens))
        # search statistics
        self.vocab: set[str] = set()
        df: dict[str, int] = {}
        for key, aliases in self.aliases_of.items():
            toks = {t for a in aliases for t in a.tokens}
            self.vocab |= toks
            for t in toks:
                df[t] = df.get(t, 0) + 1
        n = max(1, len(self.aliases_of))
        self.idf = {t: math.log(1.0 + n / c) for t, c in df.items()}
        self.by_token: dict[str, list[_Alias]] = {}
        for aliases in self.aliases_of.values():
            for a in aliases:
                a.token_set = frozenset(a.tokens)
                for t in a.token_set:
                    self.by_token.setdefault(t, []).append(a)
                a.idf_total = sum(self.idf.get(t, 0.0) for t in a.tokens) or 1.0
        self._fuzzy_cache: dict[str, list[tuple[str, float]]] = {}

    @staticmethod
    def _make_alias(key: str, text: str) -> _Alias | None:
        raw = tokens_with_spans(text)
        if not raw:
            return None
        nfc = lower_nfc(text)
        # accented words aligned with raw tokens (same tokenisation on the NFC lowercase text)
        acc_raw = [nfc[s:e] for _, s, e in tokens_with_spans(nfc)]
        tokens: list[str] = []
        accented: list[str] = []
        for (tok, _, _), acc in zip(raw, acc_raw):
            repl = _CANON.get(tok)
            if repl is None:
                tokens.append(tok)
                accented.append(acc)
            else:
                tokens.extend(repl)
                accented.extend([""] * len(repl))  # no accent check for expanded abbreviations
        return _Alias(key, text, tuple(tokens), tuple(accented), len(" ".join(tokens)))


_LOCK = Lock()
_CACHE: dict[str, tuple[float, tuple, _Index]] = {}
_RECHECK_SECONDS = 2.0


def _signature(folder: Path) -> tuple:
    proc_dir = folder / "procedures"
    try:
        files = sorted(proc_dir.glob("*.yml"))
        return tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    except OSError:
        return ()


def _read_procedures(folder: Path) -> dict[str, dict]:
    procedures: dict[str, dict] = {}
    for path in sorted((folder / "procedures").glob("*.yml")):
        try:
            with open(path, encoding="utf-8") as fh:
                doc = yaml.load(fh, Loader=_YamlLoader)  # noqa: S506 (safe loader)
        except (OSError, yaml.YAMLError) as exc:
            log.warning("knowledge search: skipping unreadable %s (%s)", path.name, type(exc).__name__)
            continue
        if not isinstance(doc, dict):
            continue
        key = str(doc.get("key") or path.stem)
        procedures[key] = {"name": doc.get("name"), "aliases": doc.get("aliases") or []}
    return procedures


def alias_index(data_dir: str | Path | None = None) -> _Index:
    """The cached alias index for a data folder (re-read when the YAML files change)."""
    folder = config.data_dir(data_dir)
    cache_key = str(folder)
    now = time.monotonic()
    entry = _CACHE.get(cache_key)
    if entry is not None and now - entry[0] < _RECHECK_SECONDS:
        return entry[2]
    with _LOCK:
        sig = _signature(folder)
        entry = _CACHE.get(cache_key)
        if entry is not None and entry[1] == sig:
            _CACHE[cache_key] = (now, sig, entry[2])
            return entry[2]
        index = _Index(_read_procedures(folder))
        _CACHE[cache_key] = (now, sig, index)
        return index


def _accents_agree(text: str, spans: list[tuple[str, int, int]], alias: _Alias) -> bool | None:
    """None if the citizen typed no accents on the span; True/False if typed accents agree."""
    typed_any = False
    for (tok, s, e), acc in zip(spans, alias.accented):
        word = text[s:e]
        if word.isascii():
            continue
        typed_any = True
        if not acc or tok in _ACCENT_FREE:
            continue
        if lower_nfc(word) != acc:
            return False
    return True if typed_any else None


def find_procedure_in_text(text: str, data_dir: str | Path | None = None) -> ProcedureMatch | None:
    """The procedure named in `text` by one of its aliases, or None.

    Whole words only, diacritic-insensitive; typed diacritics must agree with the alias; the
    longest alias wins (ties: the leftmost). start/end are offsets in the original `text`."""
    if not text or not isinstance(text, str):
        return None
    index = alias_index(data_dir)
    toks = _canon_tokens(tokens_with_spans(text))
    best: tuple[int, int, ProcedureMatch] | None = None
    for i, (tok, _, _) in enumerate(toks):
        candidates = index.by_first.get(tok)
        if not candidates:
            continue
        for alias in candidates:
            n = len(alias.tokens)
            if i + n > len(toks):
                continue
            window = toks[i:i + n]
            if any(window[j][0] != alias.tokens[j] for j in range(1, n)):
                continue
            agree = _accents_agree(text, window, alias)
            if agree is False:
                continue
            start, end = window[0][1], window[-1][2]
            score = 1.0 if agree else 0.9
            rank = (alias.length, -start)
            if best is None or rank > best[:2]:
                best = (alias.length, -start, ProcedureMatch(alias.key, alias.text, score, start, end))
    return best[2] if best else None


def _damerau(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, stopping early above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        row_min = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
            row_min = min(row_min, cur[j])
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _fuzzy(index: _Index, tok: str) -> list[tuple[str, float]]:
    """Vocabulary tokens that `tok` may stand for, with a weight (1.0 exact)."""
    if tok in index.vocab:
        return [(tok, 1.0)]
    cached = index._fuzzy_cache.get(tok)
    if cached is not None:
        return cached
    out: list[tuple[str, float]] = []
    if len(tok) >= 4:
        limit = 2 if len(tok) >= 7 else 1
        best = limit + 1
        found: list[tuple[str, int]] = []
        for v in index.vocab:
            if len(v) < 3:
                continue
            d = _damerau(tok, v, limit)
            if d <= limit:
                found.append((v, d))
                best = min(best, d)
        out = [(v, 0.8 if d == 1 else 0.6) for v, d in found if d == best]
    if len(index._fuzzy_cache) < 20000:
        index._fuzzy_cache[tok] = out
    return out


def _split_joined(index: _Index, tok: str) -> list[str] | None:
    """'khaisinh' -> ['khai', 'sinh'] when both halves are known words."""
    if len(tok) < 5 or tok in index.vocab:
        return None
    for cut in range(2, len(tok) - 1):
        a, b = tok[:cut], tok[cut:]
        if a in index.vocab and b in index.vocab:
            return [a, b]
    return None


def search_procedures(query: str, limit: int = 5, data_dir: str | Path | None = None,
                      min_score: float = 0.3) -> list[SearchHit]:
    """Procedures ranked by how well `query` matches their name and aliases (0..1 scores)."""
    if not query or not isinstance(query, str) or limit <= 0:
        return []
    index = alias_index(data_dir)
    raw = [t for t, _, _ in _canon_tokens(tokens_with_spans(query[:2000]))]
    qtokens: list[str] = []
    for t in raw:
        parts = _split_joined(index, t)
        qtokens.extend(parts if parts else [t])
    if not qtokens:
        return []
    # query token -> {vocab token: weight}
    mapped: list[dict[str, float]] = []
    for t in qtokens:
        cands = _fuzzy(index, t)
        mapped.append(dict(cands))
    qfold = " " + " ".join(qtokens) + " "
    q_weight_total = sum(max((index.idf.get(v, 0.0) for v in m), default=0.0) for m in mapped)
    qbest: dict[str, float] = {}
    for m in mapped:
        for v, w in m.items():
            if w > qbest.get(v, 0.0):
                qbest[v] = w
    candidates = {id(a): a for v in qbest for a in index.by_token.get(v, ())}
    best: dict[str, float] = {}
    for alias in candidates.values():
        aset = alias.token_set
        if not any(qbest.get(t) == 1.0 for t in aset):
            continue  # only near-misses ("buổi" for "cưới"): a word of the name must be said as it is
        covered = sum(qbest.get(t, 0.0) * index.idf.get(t, 0.0) for t in alias.tokens)
        used_q = 0.0
        for m in mapped:
            hit = [index.idf.get(v, 0.0) * w for v, w in m.items() if v in aset]
            if hit:
                used_q += max(hit)
        coverage = covered / alias.idf_total
        precision = used_q / q_weight_total if q_weight_total else 0.0
        score = coverage * (0.6 + 0.4 * precision)
        if coverage >= 0.999 and (" " + " ".join(alias.tokens) + " ") in qfold:
            score += 0.05 * min(len(alias.tokens), 4)  # the alias appears as a phrase
        if score > best.get(alias.key, 0.0):
            best[alias.key] = score
    order = {k: i for i, k in enumerate(index.order)}
    scored: list[tuple[float, str]] = [(sc, k) for k, sc in best.items() if sc >= min_score]
    scored.sort(key=lambda item: (-item[0], order[item[1]]))
    return [SearchHit(key, index.names[key], round(min(score, 1.0), 4)) for score, key in scored[:limit]]
