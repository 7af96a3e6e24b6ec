"""The national procedure catalogue: a second layer beside the curated YAML.

    from knowledge.catalog import search, catalog_answer, Candidate

    search("doi bang lai")          # [Candidate(key_or_code="3.000347", name="Đổi giấy phép lái xe", ...), ...]
    search("lam giay khai sinh")    # the curated procedure first: Candidate(key_or_code="khai_sinh", curated=True, ...)
    search("thoi tiet hom nay")     # [] (nothing good enough)
    catalog_answer("1.010038", "fee")   # CatalogAnswer(text, followup, known, sources, link, code)

The data is read from knowledge/data/catalog/ (written by `dvcbot kb catalog import`), never from
the crawl folder, and kept in memory (re-read when the files change). What the search returns:

* curated procedures (knowledge/search.py aliases) and national, citizen-facing records first;
* provincial variants (type SPECIFIC) only of the locality's own province (places file), never of
  another province; procedures abolished after the crawl (abolished.yml) never;
* scores 0..1; nothing below `min_score`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import math
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from bot.core.texts import TextFile, Texts

from . import config
from .canonical import PORTAL_HOME
from .catalog_import import DETAILS_FILE, PROCEDURES_FILE, PROVENANCE_FILE
from bot.core.text import fold, lower_nfc, tokens_with_spans

log = logging.getLogger(__name__)

__all__ = ["Candidate", "CatalogAnswer", "Catalog", "search", "catalog_answer", "portal_url", "content_words",
           "curated_portal_link", "CATALOG_DIR_NAME", "MIN_SCORE"]

CATALOG_DIR_NAME = "catalog"
PORTAL_PAGE = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/{id}"
MIN_SCORE = 0.5
CATEGORY_WEIGHT = 0.5  # a word found only in the record's field ("Hộ tịch") or agency counts half
CURATED_PRIOR = 1.03  # a curated procedure ranks first when it matches as well as a national one
ORDER_WEIGHT = 0.2    # words in the query's order (pairs of words as in the name) add up to this
FIRST_MESSAGE_MAX = 600
_RECHECK_SECONDS = 2.0


@dataclass(frozen=True)
class Candidate:
    """One procedure a text may mean. `key_or_code` is the curated key (curated=True) or the
    catalogue code; `code` the national code when known; `level` e.g. "Cấp xã"; `province` is set
    only for the locality's own provincial variant."""

    key_or_code: str
    name: str
    code: str | None
    score: float
    curated: bool
    level: str | None
    portal_url: str
    province: str | None = None


@dataclass
class CatalogAnswer:
    """`text` is the first message (at most about 600 characters); `followup` (legal bases, links)
    may be sent after it; `known` is False when the record does not state the asked aspect."""

    text: str
    followup: str
    known: bool
    sources: list[str] = field(default_factory=list)
    link: str = PORTAL_HOME
    code: str | None = None


# ---------------------------------------------------------------------------------------- text
_CANON = {"ki": ("ky",), "dk": ("dang", "ky"), "dky": ("dang", "ky"), "dki": ("dang", "ky"),
          "sanh": ("sinh",), "1": ("mot",), "oto": ("xe",), "moto": ("xe",)}

# Words of a question that never name a procedure (folded): dropped.
_FILLER = frozenset("""
toi em minh muon oi a ha nhe ja vay nao gi the giup la va thi roi phai hay hoac nhu khong
duoc ai de co can nay kia thu tuc vui long on chao cam hello hi alo ok oke okay vang da
u uh uhm hihi haha thanks test sap trong theo nhung cac khi ko k dc j bn ntn r vs hok hong tren
""".split())
# Words that may belong to a name but mostly do not ("bạn", "sao", "chị", "mất"): kept, weighing little.
_WEAK = frozenset("""
anh ong ba bac co o bao nhieu lau lam xin mat tien bi het nop le viec cho cua voi ve den tai cu
ten gi hom nay troi nguoi khac cai may con noi ngoai chau vo chong bo me cha em hai sang hoc
gia ban vi nen boi nho lon moi lay chua rieng ra lap tuoi nhau nha ca di
""".split())
# Phrases whose words are small words alone but name something together: kept at full weight.
_PROTECTED = """
chi phi|chung chi|con nuoi|nuoi con nuoi|nhan cha me con|cha me|vo chong|nuoc ngoai|yeu to nuoc ngoai|
hoc sinh|hoc phi|hoc bong|hoc tap|hoc vien|gia han|gia dinh|ban sao|ban chinh|mua ban|ban le|ban hang|
mot lan|sang ten|nguoi cao tuoi|tre em|bo sung|me viet nam anh hung|con liet si|ho gia dinh|vi pham|
tre nho|cap moi|dong moi|lam moi|sua chua|lay mau|nha o|nha o xa hoi|nha dat|vay von|tau ca|
ca nhan|ca the
"""
# Phrases that only qualify ("ô tô", "ông nội", "ở nông thôn"): weighing little, like small words.
_WEAK_PHRASES = """
o to|nong thon|ong noi|ba noi|ong ngoai|ba ngoai|cho me|cho cha|cho con|cho vo|cho chong|
cho ba|cho ong|o que|o xa|tai xa|cong an xa|hai manh|o rieng|ra rieng|lap dat|ve nha|cho nha|
moi mua|moi xay|nha moi|nha moi xay|mau moi|mau cu|loai moi|cap 1|cap 2|cap 3|cap mot|cap hai|cap ba|
them 1 nam|mot nam|chinh chu|nguoi than|den o|thanh nien|ubnd|ubnd xa|uy ban|uy ban xa|tai ubnd|bi nhau|
lam ho so|sau khi|bi ngung
"""
_WEAK_FACTOR = 0.25
_SYNONYM_WEIGHT = 0.92
_BROAD_WEIGHT = 0.6

# Everyday words -> the catalogue's words. Each entry: folded phrase -> alternatives (folded).
# A phrase in the query is matched either as written or as any alternative (the best counts).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "bhyt": ("bao hiem y te",),
    "bhxh": ("bao hiem xa hoi",),
    "cmnd": ("can cuoc",),
    "cccd": ("can cuoc",),
    "gplx": ("giay phep lai xe",),
    "gcn": ("giay chung nhan",),
    "qsdd": ("quyen su dung dat",),
    "cavet": ("chung nhan dang ky xe",),
    "cavec": ("chung nhan dang ky xe",),
    "bang lai xe": ("giay phep lai xe",),
    "bang lai": ("giay phep lai xe",),
    "bang lai quoc te": ("giay phep lai xe quoc te",),
    "thi bang lai": ("cap giay phep lai xe",),
    "thi bang": ("cap giay phep lai xe",),
    "giay dang ky xe": ("chung nhan dang ky xe",),
    "dang ky xe": ("dang ky xe", "chung nhan dang ky xe", "dang ky cap bien so xe lan dau"),
    "giay to xe": ("chung nhan dang ky xe",),
    "ca vet": ("chung nhan dang ky xe",),
    "ca vet xe": ("chung nhan dang ky xe",),
    "bien so": ("bien so xe",),
    "xe may": ("!", "xe"),
    "xe o to": ("xe",),
    "xe hoi": ("xe",),
    "so do": ("giay chung nhan quyen su dung dat", "~giay chung nhan"),
    "so hong": ("giay chung nhan quyen su dung dat", "~giay chung nhan"),
    "so dat": ("giay chung nhan quyen su dung dat", "~giay chung nhan"),
    "giay do": ("giay chung nhan quyen su dung dat", "~giay chung nhan"),
    "bia do": ("giay chung nhan quyen su dung dat", "~giay chung nhan"),
    "sang ten": ("thay doi chu", "chuyen nhuong", "sang ten"),
    "ho khau": ("thuong tru", "ho"),
    "cai chinh": ("cai chinh",),
    "sua sai": ("cai chinh",),
    "ghi sai": ("cai chinh",),
    "sai ten": ("cai chinh",),
    "sua ten": ("cai chinh", "thay doi"),
    "sua lai": ("cai chinh",),
    "sua": ("cai chinh",),
    "doi ten": ("thay doi", "doi ten"),
    "doi ho": ("thay doi ho tich", "cai chinh"),
    "nam sinh": ("nam sinh", "~thong tin ho tich"),
    "lam lai": ("cap lai", "dang ky lai"),
    "bi mat": ("cap lai",),
    "mat": ("cap lai",),
    "bi hu": ("cap doi",),
    "bi hong": ("cap doi", "doi"),
    "hu hong": ("cap doi", "doi"),
    "doi lai": ("doi", "cap doi", "cap lai"),
    "bi rach": ("cap doi",),
    "lam moi": ("cap doi", "cap"),
    "lam": ("cap", "dang ky"),
    "xin": ("cap", "de nghi", "dang ky"),
    "lanh": ("huong", "linh"),
    "rut": ("huong",),
    "tien": ("tro cap", "chi phi", "ho tro"),
    "nghi viec": ("that nghiep",),
    "mat viec": ("that nghiep",),
    "danh ca": ("khai thac thuy san",),
    "danh bat": ("khai thac",),
    "ghe": ("tau ca",),
    "dien ke": ("cap dien moi",),
    "cong to dien": ("cap dien moi",),
    "keo dien": ("cap dien moi",),
    "bi cat dien": ("ngung cap dien",),
    "giay phep kinh doanh": ("giay chung nhan dang ky ho kinh doanh",),
    "ho ca the": ("ho kinh doanh",),
    "kinh doanh ca the": ("ho kinh doanh",),
    "bang tot nghiep": ("van bang",),
    "bang cap": ("van bang",),
    "bang": ("van bang",),
    "chia dat": ("tach thua",),
    "manh dat": ("thua dat",),
    "que quan": ("que quan", "~thong tin ho tich"),
    "lay chong": ("ket hon",),
    "lay vo": ("ket hon",),
    "cuoi vo": ("ket hon",),
    "cuoi chong": ("ket hon",),
    "dang ky xe dien": ("dang ky xe", "chung nhan dang ky xe", "dang ky cap bien so xe lan dau"),
    "dang ky xe may": ("dang ky xe", "chung nhan dang ky xe", "dang ky cap bien so xe lan dau"),
    "xe dien": ("!", "xe"),
    "bi trom": ("cap lai",),
    "keo dai": ("gia han",),
    "chuyen dat": ("chuyen muc dich su dung dat",),
    "dang ky dien": ("cap dien moi",),
    "cap dien lai": ("cap dien tro lai",),
    "vay tien": ("vay von",),
    "hu": ("cap doi", "doi"),
    "mua dien": ("cap dien moi",),
    "sach vo": ("chi phi hoc tap", "do dung hoc tap"),
    "giay khai sinh": ("giay khai sinh", "~thong tin ho tich"),
    "that lac": ("cap lai", "dang ky lai"),
    "doi dia chi": ("thay doi noi dung", "thay doi dia chi"),
    "han quoc": ("yeu to nuoc ngoai",),
    "trung quoc": ("yeu to nuoc ngoai",),
    "dai loan": ("yeu to nuoc ngoai",),
    "nhat ban": ("yeu to nuoc ngoai",),
    "campuchia": ("yeu to nuoc ngoai",),
    "lay bang": ("cap giay phep lai xe",),
    "thi lay bang": ("cap giay phep lai xe",),
    "di nuoc ngoai": ("quoc te", "nuoc ngoai"),
    "mua lai": ("sang ten", "thay doi chu", "chuyen nhuong"),
    "xet duyet": ("cong nhan", "xet duyet"),
    "xet": ("xet", "cong nhan"),
    "nguoi lon": ("~nguoi da co ho so giay to ca nhan",),
    "tach khau": ("tach ho",),
    "vang mat": ("tam vang",),
    "di lam xa": ("tam vang",),
    "qua dem": ("luu tru",),
    "o lai": ("luu tru", "o lai"),
    "tho cu": ("dat o",),
    "dat tho cu": ("dat o",),
    "len dat tho cu": ("chuyen muc dich su dung dat",),
    "khai thac ca": ("khai thac thuy san",),
    "dong ho dien": ("cap dien moi",),
    "mua xe": ("dang ky xe", "chung nhan dang ky xe"),
    "sai": ("cai chinh",),
    "bi sai": ("cai chinh",),
    "ngay thang nam sinh": ("~thong tin ho tich", "ngay sinh"),
    "cho tang": ("tang cho", "giao dich"),
    "noi o": ("cu tru", "noi cu tru"),
    "cho o": ("cho o", "cu tru"),
    "tach so do": ("tach thua",),
    "tach so hong": ("tach thua",),
    "danh bat ca": ("khai thac thuy san",),
    "bat ca": ("khai thac thuy san",),
    "thong tin": ("thong tin", "noi dung"),
    "tien hoc": ("hoc phi", "chi phi hoc tap"),
    "sai thong tin": ("dieu chinh thong tin", "cai chinh", "thay doi thong tin"),
    "vao trung tam": ("tiep nhan vao co so tro giup xa hoi",),
    "trung tam bao tro": ("co so tro giup xa hoi",),
    "tach so": ("tach thua",),
    "len tho cu": ("chuyen muc dich su dung dat",),
    "len dat o": ("chuyen muc dich su dung dat",),
    "nguoi nuoc ngoai": ("yeu to nuoc ngoai", "nguoi nuoc ngoai"),
    "viet kieu": ("yeu to nuoc ngoai",),
    "nguoi gia": ("nguoi cao tuoi", "huu tri xa hoi"),
    "nguoi cao tuoi": ("huu tri xa hoi", "nguoi cao tuoi"),
    "chet": ("khai tu",),
    "mat giay": ("cap lai",),
    "dam ma": ("mai tang",),
    "chon cat": ("mai tang",),
    "sinh con": ("sinh con", "thai san"),
    "de con": ("sinh con", "thai san"),
    "nhan con": ("nhan cha me con",),
    "nhan cha": ("nhan cha me con",),
    "nhan me": ("nhan cha me con",),
    "di chuc": ("di chuc",),
    "thua ke": ("di san", "thua ke"),
    "o nho": ("o nho", "thuong tru"),
    "nuoi tom": ("nuoi trong thuy san",),
    "nuoi ca": ("nuoi trong thuy san",),
    "nuoi so": ("nuoi trong thuy san",),
    "mat nuoc bien": ("khu vuc bien",),
    "di lam an xa": ("tam vang",),
    "vang nha": ("tam vang",),
    "dien mat troi": ("dien mat troi mai nha",),
    "con trai": ("nghia vu quan su",),
    "di bo doi": ("nghia vu quan su",),
    "di linh": ("nghia vu quan su",),
    "hoc phi": ("hoc phi",),
    "khach": ("luu tru",),
    "dien sinh hoat": ("dien",),
    "cap dien sinh hoat": ("!", "cap dien moi"),
    "con nuoi": ("nuoi con nuoi", "con nuoi"),
    "nhan nuoi": ("nuoi con nuoi",),
    "cap dien": ("cap dien moi", "cap dien"),
    "hop dong": ("hop dong", "giao dich"),
    "mua ban": ("mua ban", "giao dich", "chuyen nhuong"),
    "tang cho": ("tang cho", "giao dich"),
    "ngay sinh": ("ngay sinh", "~thong tin ho tich"),
    "khai sinh": ("khai sinh", "~ho tich"),
    "so ho ngheo": ("ho ngheo",),
    "the ngheo": ("ho ngheo",),
    "them ten cha": ("bo sung thong tin ho tich", "nhan cha me con"),
    "nhap ho khau": ("dang ky thuong tru",),
    "nhap khau": ("dang ky thuong tru",),
    "chuyen ho khau": ("dang ky thuong tru",),
    "cat khau": ("xoa dang ky thuong tru",),
    "cat ho khau": ("xoa dang ky thuong tru",),
    "xay nha": ("giay phep xay dung",),
    "xin phep xay nha": ("giay phep xay dung",),
    "sua nha": ("giay phep xay dung sua chua cai tao",),
    "dat ruong": ("dat nong nghiep",),
    "tro cap": ("tro cap", "ho tro"),
    "ho tro": ("ho tro", "tro cap"),
    "giay chung tu": ("khai tu",),
    "bao tu": ("khai tu",),
    "giay chung sinh": ("khai sinh",),
    "xe dap dien": ("xe",),
    "xe may dien": ("xe",),
    "a1": ("giay phep lai xe",),
    "a2": ("giay phep lai xe",),
    "b1": ("giay phep lai xe",),
    "b2": ("giay phep lai xe",),
    "so bao hiem": ("so bao hiem xa hoi",),
    "tan tat": ("khuyet tat",),
    "mo coi": ("mo coi", "bao tro xa hoi"),
    "xuat khau lao dong": ("lao dong di lam viec o nuoc ngoai",),
    "quan an": ("an toan thuc pham",),
    "tau thuyen": ("tau ca",),
    "ghe tau": ("tau ca",),
    "ao nuoi": ("nuoi trong thuy san",),
    "bao lut": ("thien tai",),
    "nuoc may": ("cap nuoc",),
    "mo quan": ("ho kinh doanh",),
    "mo tiem": ("ho kinh doanh",),
    "mo cua hang": ("ho kinh doanh",),
    "lanh thay": ("uy quyen linh thay",),
    "chia tai san": ("phan chia di san",),
    "ban dat": ("chuyen nhuong quyen su dung dat",),
    "mua dat": ("nhan chuyen nhuong quyen su dung dat",),
    "cho dat": ("tang cho quyen su dung dat",),
    "vay ngan hang": ("the chap",),
    "nghia vu": ("nghia vu quan su",),
    "di nghia vu": ("nghia vu quan su",),
    "het han": ("doi", "gia han", "cap doi"),
    "qua han": ("qua han", "doi", "gia han"),
    "so can ngheo": ("ho can ngheo",),
}
# "~words": a broader term, matched at _BROAD_WEIGHT; a leading "!": the words as typed do not count
for _phrase in _PROTECTED.replace("\n", "").split("|"):
    if _phrase.strip():
        _SYNONYMS.setdefault(_phrase.strip(), (_phrase.strip(),))
for _phrase in _WEAK_PHRASES.replace("\n", "").split("|"):
    if _phrase.strip():
        _SYNONYMS.setdefault(_phrase.strip(), ("!",))
_PROTECTED_KEYS = {tuple(p.split()) for p in _PROTECTED.replace("\n", "").split("|") if p.strip()}
_WEAK_PHRASE_KEYS = {tuple(p.split()) for p in _WEAK_PHRASES.replace("\n", "").split("|") if p.strip()}
_SYNONYM_TOKENS = {tuple(k.split()): tuple((tuple(a.lstrip("~").split()), _BROAD_WEIGHT if a.startswith("~") else _SYNONYM_WEIGHT)
                                           for a in v if a != "!") for k, v in _SYNONYMS.items()}
_NO_LITERAL = {tuple(k.split()) for k, v in _SYNONYMS.items() if v and v[0] == "!"}
_SYNONYM_MAX = max(len(k) for k in _SYNONYM_TOKENS)

# Function words of a procedure name (judged with accents: "đổi" stays, "đối với" goes).
_ACCENTED_ONLY = {"đối", "với", "của", "và", "các", "những", "được", "trong", "theo", "tại", "việc",
                  "là", "về", "hoặc", "từ", "đến", "khi", "đã", "do", "đang"}


def _canon(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        out.extend(_CANON.get(t, (t,)))
    return out


def _doc_tokens(name: str) -> list[str]:
    """Folded tokens of a catalogue name without the function words (judged with accents, so
    "đổi" stays while "đối với" goes)."""
    nfc = lower_nfc(name)
    out: list[str] = []
    for tok, s, e in tokens_with_spans(nfc):
        word = nfc[s:e]
        if word in _ACCENTED_ONLY or (word == "thủ" or word == "tục"):
            continue
        out.extend(_CANON.get(tok, (tok,)))
    return out


# Question words about an aspect ("mat bao lau", "o dau"): dropped before anything else.
_ASPECT_PHRASES = tuple(sorted((tuple(p.split()) for p in """
mat bao lau|mat bao nhieu|mat may ngay|bao lau|bao nhieu tien|bao nhieu|het bao nhieu|
o dau|nop o dau|lam o dau|can giay to gi|giay to gi|can nhung gi|can gi|le phi|nhu the nao|
the nao|ra sao|phai lam sao|lam sao|duoc khong|co duoc khong|khong a|online|truc tuyen|thi sao|
the thi sao|sao a|bao gio|khi nao|luc nao
""".replace("\n", "").split("|") if p.strip()), key=lambda p: -len(p)))


def _strip_aspect_words(tokens: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for phrase in _ASPECT_PHRASES:
            if tuple(tokens[i:i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


class _Vocabulary:
    """The index's words, to mend a typed word it does not know ("khai sinhh", "khaisinh")."""

    def __init__(self, words: set[str]):
        self.words = words
        self._cache: dict[str, tuple[str, ...]] = {}

    def correct(self, tok: str) -> tuple[str, ...]:
        if tok in self.words or tok in _FILLER or tok in _WEAK or len(tok) < 4 or tok.isdigit():
            return (tok,)
        cached = self._cache.get(tok)
        if cached is not None:
            return cached
        from .search import _damerau

        out: tuple[str, ...] = (tok,)
        for cut in range(2, len(tok) - 1):  # two words typed as one
            if tok[:cut] in self.words and tok[cut:] in self.words and len(tok[cut:]) >= 2:
                out = (tok[:cut], tok[cut:])
                break
        else:
            limit = 1 if len(tok) < 7 else 2
            best = None
            for w in self.words:
                if abs(len(w) - len(tok)) <= limit and len(w) >= 3:
                    d = _damerau(tok, w, limit)
                    if d <= limit and (best is None or d < best[0] or (d == best[0] and w < best[1])):
                        best = (d, w)
            if best is not None:
                out = (best[1],)
        if len(self._cache) < 20000:
            self._cache[tok] = out
        return out


@dataclass
class _Slot:
    """One concept of the query: the words as typed, or any of their alternatives, each with the
    weight of a match through it (1.0 as typed)."""

    alternatives: tuple[tuple[tuple[str, ...], float], ...]
    weight: float = 1.0


def _query_slots(text: str, vocabulary: "_Vocabulary | None" = None) -> list[_Slot]:
    tokens = _strip_aspect_words(_canon([t for t, _, _ in tokens_with_spans(fold(text[:500]))]))
    if vocabulary is not None:
        tokens = [w for t in tokens for w in vocabulary.correct(t)]
    slots: list[_Slot] = []
    i = 0
    while i < len(tokens):
        matched = False
        for n in range(min(_SYNONYM_MAX, len(tokens) - i), 0, -1):
            phrase = tuple(tokens[i:i + n])
            alts = _SYNONYM_TOKENS.get(phrase)
            if alts is not None:
                if phrase in _WEAK_PHRASE_KEYS:  # "ô tô", "ông nội": say little about the procedure
                    slots.append(_Slot(((phrase, 1.0),), _WEAK_FACTOR))
                    i += n
                    matched = True
                    break
                keep = () if phrase in _NO_LITERAL else tuple(t for t in phrase if t not in _FILLER)
                options = (((keep, 1.0),) if keep else ()) + alts
                weak = all(t in _FILLER or t in _WEAK for t in phrase) and phrase not in _PROTECTED_KEYS
                slots.append(_Slot(options, _WEAK_FACTOR if weak else 1.0))
                i += n
                matched = True
                break
        if matched:
            continue
        tok = tokens[i]
        if tok and tok not in _FILLER:
            weak = tok in _WEAK or tok.isdigit()  # "18 tuổi", "cấp 3": numbers qualify
            slots.append(_Slot((((tok,), 1.0),), _WEAK_FACTOR if weak else 1.0))
        i += 1
    if all(slot.weight < 1.0 for slot in slots):
        return []  # only small words: nothing names a procedure
    return slots


# ---------------------------------------------------------------------------------------- data
@dataclass
class _Record:
    code: str
    id: str
    name: str
    type: str
    state: str
    publisher: str
    agencies: list[str]
    categories: list[str]
    targets: list[str]
    province: str | None
    tokens: tuple[str, ...] = ()
    token_set: frozenset = frozenset()
    bigrams: frozenset = frozenset()
    idf_total: float = 1.0
    prior: float = 1.0


def _read_gz_lines(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _local_province(data_dir: Path) -> str | None:
    """The province of the locality (the places file's `province:`), without "tỉnh"."""
    for path in config.places_files(data_dir):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, yaml.YAMLError):  # ValueError: a bad date (validate reports it)
            continue
        if isinstance(doc, dict) and doc.get("province"):
            return re.sub(r"^(tỉnh|thành phố)\s+", "", str(doc["province"]).strip(), flags=re.I)
    return None


def _curated(data_dir: Path) -> dict[str, dict]:
    """key -> {name, code, code_status} from the curated YAML (only what the catalogue needs)."""
    out: dict[str, dict] = {}
    for path in sorted((data_dir / "procedures").glob("*.yml")):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, yaml.YAMLError):  # validate reports the file's problems
            continue
        if not isinstance(doc, dict):
            continue
        mt = doc.get("ma_tthc")
        code = status = None
        if isinstance(mt, dict):
            status = str(mt.get("status") or "known")
            code = str(mt.get("code")).strip() if mt.get("code") is not None else None
        out[str(doc.get("key") or path.stem)] = {"name": str(doc.get("name") or path.stem),
                                                 "code": code, "code_status": status}
    return out


def _abolished(folder: Path) -> dict[str, dict]:
    path = folder / "abolished.yml"
    if not path.is_file():
        return {}
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, ValueError, yaml.YAMLError) as exc:
        log.error("catalogue: %s is not valid YAML (%s); no procedure marked abolished", path, exc)
        return {}
    if not isinstance(doc, dict):
        return {}
    out: dict[str, dict] = {}
    for entry in doc.get("abolished") or []:
        if isinstance(entry, dict):
            for code in entry.get("codes") or []:
                out[str(code).strip()] = entry
    return out


class Catalog:
    """The catalogue files of one data folder, in memory, with the search index."""

    _cache: dict[str, tuple[float, tuple, "Catalog"]] = {}
    _lock = threading.Lock()

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.folder = data_dir / CATALOG_DIR_NAME
        try:
            self.provenance = json.loads((self.folder / PROVENANCE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.provenance = {}
        rows = _read_gz_lines(self.folder / PROCEDURES_FILE)
        self.records = [_Record(r["code"], r["id"], r["name"], r["type"], r.get("state", ""),
                                r.get("publisher", ""), r.get("agencies") or [], r.get("categories") or [],
                                r.get("targets") or [], r.get("province")) for r in rows]
        self.details = {d["code"]: d for d in _read_gz_lines(self.folder / DETAILS_FILE)}
        self.abolished = _abolished(self.folder)
        self.local_province = _local_province(data_dir)
        self.provinces = list(self.provenance.get("provinces") or [])
        self.curated = _curated(data_dir)
        self.curated_by_code = {v["code"]: k for k, v in self.curated.items()
                                if v["code"] and v["code_status"] == "known"}
        self.by_code: dict[str, list[_Record]] = {}
        for r in self.records:
            self.by_code.setdefault(r.code, []).append(r)
        self._index_built = False
        self._index_lock = threading.Lock()
        self._province_re: re.Pattern | None = None
        self._province_cache: dict[str, str] = {}

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> "Catalog":
        folder = config.data_dir(data_dir)
        key = str(folder)
        now = time.monotonic()
        entry = cls._cache.get(key)
        if entry is not None and now - entry[0] < _RECHECK_SECONDS:
            return entry[2]
        sig = cls._signature(folder)
        with cls._lock:
            entry = cls._cache.get(key)
            if entry is not None and entry[1] == sig:
                cls._cache[key] = (now, sig, entry[2])
                return entry[2]
            catalog = cls(folder)
            cls._cache[key] = (now, sig, catalog)
            return catalog

    @staticmethod
    def _signature(folder: Path) -> tuple:
        files = [folder / CATALOG_DIR_NAME / n for n in (PROCEDURES_FILE, DETAILS_FILE, PROVENANCE_FILE, "abolished.yml")]
        files += sorted((folder / "procedures").glob("*.yml")) + config.places_files(folder)
        sig = []
        for f in files:
            try:
                st = f.stat()
                sig.append((str(f), st.st_mtime_ns, st.st_size))
            except OSError:
                sig.append((str(f), None, None))
        return tuple(sig)

    def problems(self) -> list[str]:
        """What an operator should fix in abolished.yml (codes not in the catalogue, no source)."""
        out = []
        for code, entry in sorted(self.abolished.items()):
            if code not in self.by_code:
                out.append(f"abolished.yml: mã {code} không có trong danh mục")
            if not str(entry.get("source") or "").strip():
                out.append(f"abolished.yml: mã {code} chưa có nguồn (source:)")
        return out

    @property
    def loaded(self) -> bool:
        return bool(self.records)

    @property
    def crawl_date(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(str(self.provenance.get("crawl_date")))
        except ValueError:
            return None

    # ----------------------------------------------------------------- records
    def record(self, code: str) -> _Record | None:
        """The record of a code: the national one first, else this province's variant, else any."""
        items = self.by_code.get(str(code or "").strip()) or []
        for wanted in ("STANDARD", "LOCAL", "STANDARD_INTERNAL", "SPECIFIC"):
            for r in items:
                if wanted == "LOCAL":
                    if r.type == "SPECIFIC" and self.is_local(r):
                        return r
                elif r.type == wanted:
                    return r
        return None

    def _province_in(self, text: str) -> str | None:
        """The (folded) province named in an agency's name, e.g. "Sở Tư pháp tỉnh Tuyên Quang"."""
        cached = self._province_cache.get(text)
        if cached is None:
            if self._province_re is None:
                names = sorted((fold(p) for p in self.provinces), key=len, reverse=True)
                self._province_re = re.compile(r"(?:^|\W)(" + "|".join(map(re.escape, names)) + r")(?:$|\W)") \
                    if names else re.compile(r"(?!x)x")
            m = self._province_re.search(fold(text))
            cached = m.group(1) if m else ""
            self._province_cache[text] = cached
        return cached or None

    def is_local(self, r: _Record) -> bool:
        return bool(self.local_province and r.province and fold(r.province) == fold(self.local_province))

    def is_other_province(self, r: _Record) -> bool:
        return r.type == "SPECIFIC" and not self.is_local(r)

    def portal_url(self, code: str | None) -> str:
        """The record's page on the national portal; the portal home for an unknown or abolished code."""
        if not code or code in self.abolished:
            return PORTAL_HOME
        r = self.record(code)
        if r is None or self.is_other_province(r):
            return PORTAL_HOME
        return PORTAL_PAGE.format(id=r.id)

    def level(self, r: _Record) -> str | None:
        detail = self.details.get(r.code)
        levels: list[str] = []
        if detail and detail.get("id") == r.id:
            levels = [f"Cấp {lv}" for lv in detail.get("levels") or []]
        if not levels:
            for agency in self.agencies(r):
                f = fold(agency)
                if "cap xa" in f or "cap huyen" in f:
                    lv = "Cấp xã"
                elif "cap tinh" in f or f.startswith("so ") or " tinh" in f:
                    lv = "Cấp tỉnh"
                elif f.startswith("bo ") or f.startswith("cuc ") or "trung uong" in f:
                    lv = "Cấp trung ương"
                else:
                    continue
                if lv not in levels:
                    levels.append(lv)
        order = {"Cấp xã": 0, "Cấp tỉnh": 1, "Cấp trung ương": 2}
        levels.sort(key=lambda x: order.get(x, 3))
        return ", ".join(levels) or None

    def agencies(self, r: _Record) -> list[str]:
        """The handling agencies, without another province's own offices (a national record may
        list the office of the province it was copied from)."""
        names = list(r.agencies)
        detail = self.details.get(r.code)
        if detail and detail.get("id") == r.id:
            names = list(detail.get("agencies") or []) or names
        out = []
        for name in names:
            prov = self._province_in(name)
            if prov and not (self.local_province and prov == fold(self.local_province)):
                continue
            if name not in out:
                out.append(name)
        return out

    # ----------------------------------------------------------------- search
    def _build_index(self) -> None:
        with self._index_lock:
            if self._index_built:
                return
            df: dict[str, int] = {}
            postings: dict[str, list[int]] = {}
            self.searchable = [r for r in self.records
                               if r.code not in self.abolished and not self.is_other_province(r)]
            self.docs: list[_Record] = []
            for r in self.searchable:
                # the level / channel tail ("thực hiện tại cấp tỉnh") is not what citizens say
                toks = tuple(_doc_tokens(_VARIANT_RE.sub(" ", r.name)) or _doc_tokens(r.name))
                r.tokens = toks
                r.token_set = frozenset(toks)
                r.bigrams = frozenset(zip(toks, toks[1:]))
                for t in r.token_set:
                    df[t] = df.get(t, 0) + 1
                    postings.setdefault(t, []).append(len(self.docs))
                self.docs.append(r)
            n = max(1, len(self.searchable))
            self.idf = {t: math.log(1.0 + n / c) for t, c in df.items()}
            self.default_idf = math.log(1.0 + n / 1.0) * 0.5
            self.df = df
            for r in self.searchable:
                r.idf_total = sum(self.idf[t] for t in r.token_set) or 1.0
                r.prior = self._prior(r)
            # the curated procedures: their name and every alias is a document of the same index
            # (scores comparable with the catalogue's; a curated one wins a tie)
            from .search import alias_index

            aliases = alias_index(self.data_dir).aliases_of
            for key, info in self.curated.items():
                texts = [info["name"]] + [a.text for a in aliases.get(key, [])]
                for text in dict.fromkeys(texts):
                    toks = tuple(_doc_tokens(text))
                    if not toks:
                        continue
                    doc = _Record(key, "", info["name"], "CURATED", "", "", [], [], [], None)
                    doc.tokens, doc.token_set = toks, frozenset(toks)
                    doc.bigrams = frozenset(zip(toks, toks[1:]))
                    doc.idf_total = sum(self.idf.get(t, self.default_idf) for t in doc.token_set) or 1.0
                    doc.prior = CURATED_PRIOR
                    for t in doc.token_set:
                        postings.setdefault(t, []).append(len(self.docs))
                    self.docs.append(doc)
            self.postings = {t: np.array(ix, dtype=np.int32) for t, ix in postings.items()}
            categories: dict[str, list[int]] = {}
            for i, d in enumerate(self.docs):
                words = {t for c in d.categories for t in _doc_tokens(c)}
                words |= {t for a in self.agencies(d) for t in _doc_tokens(a)} if d.type != "CURATED" else set()
                for t in words:
                    categories.setdefault(t, []).append(i)
            self.category_postings = {t: np.array(ix, dtype=np.int32) for t, ix in categories.items()}
            self.vocabulary = _Vocabulary(set(self.postings) | {t for k in _SYNONYM_TOKENS for t in k})
            self.idf_totals = np.array([max(d.idf_total, 1e-6) for d in self.docs], dtype=np.float32)
            self.priors = np.array([d.prior for d in self.docs], dtype=np.float32)
            self._index_built = True

    def _prior(self, r: _Record) -> float:
        prior = 1.0
        if r.type == "STANDARD_INTERNAL":
            prior *= 0.7
        if r.targets and not any(fold(t).startswith("cong dan") for t in r.targets):
            prior *= 0.85
        level = self.level(r) or ""
        if "Cấp xã" not in level and "Cấp tỉnh" not in level:
            prior *= 0.93
        if re.search(r"\((thực hiện )?tại cấp trung ương\)|\(cấp trung ương\)", r.name.lower()):
            prior *= 0.9
        return prior

    def search_catalog(self, text: str, limit: int = 5, min_score: float = MIN_SCORE) -> list[tuple[float, _Record]]:
        """(score, record) best first; curated documents come as records of type CURATED."""
        if not text or not isinstance(text, str):
            return []
        self._build_index()
        if not self.docs:
            return []
        slots = _query_slots(text, self.vocabulary)
        if not slots:
            return []
        idf, default = self.idf, self.default_idf
        n = len(self.docs)
        # the weight of a slot: the rarest way of saying it (unknown words count half the maximum)
        weights = []
        for slot in slots:
            best = 0.0
            for alt, _ in slot.alternatives:
                known = [idf[t] for t in alt if t in idf]
                if known:
                    best = max(best, sum(known) / len(alt))
            weights.append((best if best > 0 else default) * slot.weight)
        total = sum(weights)
        masks: dict[str, np.ndarray] = {}

        def mask(t: str) -> np.ndarray:
            """1 where the name has the word, CATEGORY_WEIGHT where only the category has it."""
            m = masks.get(t)
            if m is None:
                m = np.zeros(n, dtype=np.float32)
                idx = self.category_postings.get(t)
                if idx is not None:
                    m[idx] = CATEGORY_WEIGHT
                idx = self.postings.get(t)
                if idx is not None:
                    m[idx] = 1.0
                masks[t] = m
            return m

        covered = np.zeros(n, dtype=np.float32)
        for slot, w in zip(slots, weights):
            best = np.zeros(n, dtype=np.float32)
            for alt, alt_weight in slot.alternatives:
                if not alt:
                    continue
                whole = sum(idf.get(t, default) for t in alt) or 1.0
                hit = np.zeros(n, dtype=np.float32)
                for t in alt:
                    if t in self.postings or t in self.category_postings:
                        hit += idf.get(t, default) * mask(t)
                np.maximum(best, hit * (alt_weight / whole), out=best)
            covered += w * best
        coverage = covered / total
        q_tokens = {t for slot in slots for alt, _ in slot.alternatives for t in alt}
        matched = np.zeros(n, dtype=np.float32)
        for t in q_tokens:
            idx = self.postings.get(t)
            if idx is not None:
                matched[idx] += idf.get(t, default)  # precision: the name's own words only
        precision = np.minimum(matched / self.idf_totals, 1.0)
        base = coverage * (0.8 + 0.2 * precision) * self.priors
        # the word-order bonus (at most ORDER_WEIGHT x coverage) is added to the best few only
        bound = base + ORDER_WEIGHT * coverage * self.priors
        pool = np.nonzero(bound >= min_score)[0]
        if pool.size == 0:
            return []
        keep = max(limit * 8, 40)
        if pool.size > keep:
            pool = pool[np.argsort(-bound[pool], kind="stable")[:keep]]
        q_bigrams = set()
        for slot in slots:
            for alt, _ in slot.alternatives:
                q_bigrams |= set(zip(alt, alt[1:]))
        for x_slot, y_slot in zip(slots, slots[1:]):
            for x, _ in x_slot.alternatives:
                for y, _ in y_slot.alternatives:
                    if x and y:
                        q_bigrams.add((x[-1], y[0]))
        scored: list[tuple[float, _Record]] = []
        for i in pool.tolist():
            r = self.docs[i]
            # the share of the name's word pairs that the query says (in either way of saying it)
            order = len(r.bigrams & q_bigrams) / max(1, len(r.bigrams)) if q_bigrams else 0.0
            score = min(float(base[i] + ORDER_WEIGHT * order * coverage[i] * self.priors[i]), 1.0)
            if score >= min_score:
                scored.append((score, float(precision[i]), r))
        # ties (every full match scores 1.0): the name the query says most of, then the shorter
        # name (the general procedure before its special cases: "làm giấy khai sinh cho con" is
        # khai sinh, not khai sinh kết hợp nhận cha con)
        scored.sort(key=lambda item: (-item[0], -round(item[1], 3), len(item[2].tokens), item[2].code))
        return [(score, r) for score, _, r in scored[:max(0, limit)]]

    def information(self, text: str) -> float:
        """How much the words of `text` that may name a procedure say (the sum of their rarest
        idf): "đăng ký" alone says little (about 3.7), "đổi bằng lái" much (about 7.9)."""
        if not text or not isinstance(text, str):
            return 0.0
        self._build_index()
        total = 0.0
        for slot in _query_slots(text, self.vocabulary):
            if slot.weight < 1.0:
                continue
            known = [sum(self.idf[t] for t in alt if t in self.idf) for alt, _ in slot.alternatives if alt]
            total += max(known, default=self.default_idf)
        return total

    def candidate(self, r: _Record, score: float) -> Candidate:
        return Candidate(r.code, r.name, r.code, round(score, 4), False, self.level(r), self.portal_url(r.code),
                         self.local_province if r.type == "SPECIFIC" and self.is_local(r) else None)

    def curated_candidate(self, key: str, score: float) -> Candidate:
        info = self.curated.get(key) or {"name": key, "code": None, "code_status": None}
        code = info["code"] if info.get("code_status") == "known" else None
        r = self.record(code) if code else None
        return Candidate(key, info["name"], code, round(min(score, 1.0), 4), True,
                         self.level(r) if r is not None else None, curated_portal_link(code, self))


_VARIANT_RE = re.compile(
    r"\((thực hiện )?(tại )?cấp [^)]*\)|\(cấp [^)]*\)|thực hiện bằng dịch vụ công.*$|"
    r"(bằng )?dịch vụ công trực tuyến.*$|trực tuyến toàn trình.*$|thực hiện tại cấp.*$", re.I)


def _variant_key(name: str) -> str:
    """The name without its level or channel ("(thực hiện tại cấp tỉnh)", "... trực tuyến toàn
    trình"): two records with the same key are one procedure to a citizen; the better is shown."""
    return "variant:" + fold(_VARIANT_RE.sub("", name)).strip(" ,.;")


def information(text: str, data_dir: str | Path | None = None) -> float:
    """How specific a message is about a procedure (Catalog.information); 0.0 on bad input."""
    try:
        return Catalog.open(data_dir).information(text)
    except Exception:  # noqa: BLE001 - a broken catalogue says nothing
        log.exception("catalogue information failed")
        return 0.0


def content_tokens(text: str) -> frozenset[str]:
    """The folded words of `text` that may name a procedure (question words and small words left out)."""
    if not isinstance(text, str):
        return frozenset()
    return frozenset(t for slot in _query_slots(text) if slot.weight >= 1.0
                     for alt, _ in slot.alternatives for t in alt)


def content_words(text: str) -> int:
    """How many words of `text` may name a procedure (not question words, not small words)."""
    if not isinstance(text, str):
        return 0
    return sum(1 for slot in _query_slots(text) if slot.weight >= 1.0)


def curated_portal_link(code: str | None, catalog: Catalog | None = None, data_dir: str | Path | None = None) -> str:
    """The national portal page of a curated procedure's code (known codes only), else the portal home."""
    if not code:
        return PORTAL_HOME
    catalog = catalog or Catalog.open(data_dir)
    return catalog.portal_url(code)


def portal_url(code: str, data_dir: str | Path | None = None) -> str:
    return Catalog.open(data_dir).portal_url(code)


def search(text: str, limit: int = 5, data_dir: str | Path | None = None,
           min_score: float = MIN_SCORE) -> list[Candidate]:
    """Procedures `text` may mean, best first: curated ones and the national catalogue together.

    Never raises on bad input: a non-text or empty query gives []."""
    if not isinstance(text, str) or not text.strip() or limit <= 0:
        return []
    catalog = Catalog.open(data_dir)
    out: list[Candidate] = []
    seen: set[str] = set()
    for score, r in catalog.search_catalog(text, limit=limit * 4 + 8, min_score=min_score):
        if r.type == "CURATED":
            key = r.code
        else:
            key = catalog.curated_by_code.get(r.code)  # a curated file is the better answer for its code
        if key is not None:
            if key not in seen:
                seen.add(key)
                out.append(catalog.curated_candidate(key, score))
        elif r.code not in seen:
            seen.add(r.code)
            variant = _variant_key(r.name)
            if variant in seen:  # the same procedure at another level / through another channel
                continue
            seen.add(variant)
            out.append(catalog.candidate(r, score))
        if len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------------------------------- answers
# The wording of catalogue answers (bot.core.texts): each template and its placeholders.
MESSAGES = TextFile(Path(__file__).resolve().parent / "data" / CATALOG_DIR_NAME / "messages.yml", {
    "header": {"name", "code"}, "fee_exempt": {"text"}, "handled_by": {"agencies", "level"},
    "level": {"level"}, "agency_unknown": set(), "source": {"updated", "crawl"},
    "source_catalog_only": {"crawl"}, "source_name": {"code"}, "source_name_detail": {"code", "updated"},
    "no_detail": {"what"}, "not_stated": {"what", "ask"}, "ask": set(), "link": {"link"},
    "legal": {"list"}, "legal_more": {"n"}, "abolished": {"name", "code", "decision", "replacement"},
    "abolished_curated": {"curated"}, "decision_unknown": set(),
    "other_province": {"name", "code", "province", "local"}, "province": {"province"},
    "province_unknown": set(), "local_unknown": set(), "local_variant": {"province"},
    "unknown_code": {"code", "link"},
    **{f"what_{aspect}": set() for aspect in ("documents", "fee", "processing_time", "where", "online",
                                               "form", "procedure")},
    "documents_header": set(), "fee_header": set(), "time_header": set(), "where_header": set(),
    "online_yes": set(), "online_part": {"channels"}, "fee_free": set(),
    "copies": {"original"}, "copies_copy": {"copy"},
})


def _messages(catalog: Catalog) -> Texts:
    """The data folder's own catalogue wording when it has one, else the shipped file."""
    own = catalog.folder / MESSAGES.path.name
    return MESSAGES.load(own if own.exists() else None)


def _t(msgs: Texts, key: str, **values) -> str:
    return msgs.text(key, **values)


_ASPECTS = {"documents": "documents", "fee": "fee", "fees": "fee", "processing_time": "processing_time",
            "time": "processing_time", "where": "where", "online": "online", "form": "form", "forms": "form",
            "procedure": "procedure", "office": "where"}


def _vn_date(iso: str | None) -> str:
    try:
        return dt.date.fromisoformat(str(iso)).strftime("%d/%m/%Y")
    except ValueError:
        return "?"


def _money(amount) -> str:
    return f"{int(amount):,}".replace(",", ".") + " đồng"


def _fit(lines: list[str], tail: list[str], limit: int = FIRST_MESSAGE_MAX) -> str:
    """Body lines cut so that body + tail fit `limit` characters."""
    tail_text = "\n".join(t for t in tail if t)
    budget = limit - len(tail_text) - 1
    kept: list[str] = []
    used = 0
    for line in lines:
        if not line:
            continue
        if used + len(line) + 1 > budget:
            room = budget - used - 2
            if room > 40:
                kept.append(line[:room].rstrip() + "…")
            break
        kept.append(line)
        used += len(line) + 1
    while len(kept) > 1 and kept[-1].endswith(":") and kept[-1] not in lines[:2]:
        kept.pop()  # a heading whose items did not fit
    return "\n".join(kept + ([tail_text] if tail_text else []))


def _fees(detail: dict, msgs: Texts) -> list[str]:
    """One line per channel with its amounts; the exemption note once; a note alone when no amount."""
    lines: list[str] = []
    notes: list[str] = []
    for m in detail.get("methods") or []:
        amounts = sorted({f["amount"] for f in m.get("fees") or [] if isinstance(f.get("amount"), (int, float)) and f["amount"] > 0})
        channel = m.get("channel") or ""
        if amounts:
            line = f"- {channel}: " + " / ".join(_money(a) for a in amounts)
        elif any(f.get("amount") == 0 and not f.get("note") for f in m.get("fees") or []):
            line = f"- {channel}: {_t(msgs, 'fee_free')}"
        else:
            line = ""
        if line and line not in lines:
            lines.append(line)
        for f in m.get("fees") or []:
            note = f.get("note") or ""
            if note and (f.get("amount") == 0 or not amounts) and fold(note) not in map(fold, notes):
                notes.append(note)
    if not lines and notes:
        return [_short(notes[0], 220)]
    if notes and lines:
        exempt = next((n for n in notes if "mien" in fold(n)), None)
        if exempt:
            lines.append(_t(msgs, "fee_exempt", text=_short(exempt, 160)))
    return lines


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip(" ,;.") + "…"


def _display_name(name: str) -> str:
    """"Thủ tục đăng ký khai sinh" -> "Đăng ký khai sinh"; an all-capitals name in sentence case."""
    name = re.sub(r"^\s*thủ tục\s+", "", name, flags=re.I).strip().rstrip(".")
    if name.isupper():
        name = name.lower()
    return name[:1].upper() + name[1:]


def _times(detail: dict) -> list[str]:
    lines: list[str] = []
    for m in detail.get("methods") or []:
        if m.get("time"):
            text = f"{m['time']:g} {m.get('unit') or ''}".strip() if isinstance(m["time"], float) else f"{m['time']} {m.get('unit') or ''}".strip()
        elif m.get("note"):
            text = m["note"]
        else:
            continue
        line = f"- {m.get('channel')}: {text}"
        if line not in lines:
            lines.append(line)
    if not lines:
        for c in detail.get("cases") or []:
            if c.get("time"):
                line = f"- {c.get('name') or ''}: {c['time']} {c.get('unit') or ''}".strip()
                if line not in lines:
                    lines.append(line)
    return lines


def _papers(detail: dict, msgs: Texts) -> list[str]:
    """The papers, group by group; long explanations ("Trường hợp ... thì không phải ...") left
    to the portal page, each paper cut to a phone's line or two."""
    lines: list[str] = []
    groups = detail.get("papers") or []
    for group in groups:
        case = (group.get("case") or "").strip()
        folded = fold(case).lstrip("*-• ")
        if folded.startswith("luu y"):
            continue
        if len(groups) > 1 and case:
            lines.append(_short(case.lstrip("*-• ").strip(), 110))
        for item in group.get("items") or []:
            name = item["name"].lstrip("-•+ ").strip()
            if len(name) > 140 and fold(name).startswith("truong hop"):
                continue
            counts = []
            if item.get("original"):
                counts.append(_t(msgs, "copies", original=item["original"]))
            if item.get("copy"):
                counts.append(_t(msgs, "copies_copy", copy=item["copy"]))
            lines.append(f"- {_short(name, 140)}" + (f" ({', '.join(counts)})" if counts else ""))
    return lines


def catalog_answer(code: str, aspect: str = "procedure", today: dt.date | None = None,
                   data_dir: str | Path | None = None) -> CatalogAnswer:
    """What the bot says about a national procedure that is not curated.

    Always its official name, code, who handles it and its portal page; the asked aspect from the
    full record when there is one (citing its `updatedAt` and the crawl date). An abolished code is
    said to be abolished; another province's variant is said to be that province's."""
    catalog = Catalog.open(data_dir)
    msgs = _messages(catalog)
    aspect = _ASPECTS.get(str(aspect or "").removeprefix("ask_"), "procedure")
    code = str(code or "").strip()
    crawl = _vn_date(catalog.provenance.get("crawl_date"))
    r = catalog.record(code)
    if r is None:
        return CatalogAnswer(_t(msgs, "unknown_code", code=code or "?", link=PORTAL_HOME), "", False, [], PORTAL_HOME, code)
    if code in catalog.abolished:
        entry = catalog.abolished[code]
        curated = entry.get("curated")
        replacement = str(entry.get("replaced_by") or "")
        if replacement and not replacement.endswith("."):
            replacement += "."
        if curated and curated in catalog.curated:
            replacement += " " + _t(msgs, "abolished_curated", curated=catalog.curated[curated]["name"])
        text = _t(msgs, "abolished", name=_display_name(r.name), code=code, decision=entry.get("decision") or _t(msgs, "decision_unknown"),
                  replacement=replacement.strip())
        source = str(entry.get("source") or "")
        return CatalogAnswer(text.strip(), "", False, [source] if source else [], PORTAL_HOME, code)
    if catalog.is_other_province(r):
        local = (_t(msgs, "province", province=catalog.local_province) if catalog.local_province
                 else _t(msgs, "local_unknown"))
        province = (_t(msgs, "province", province=r.province) if r.province
                    else (r.publisher or _t(msgs, "province_unknown")))
        return CatalogAnswer(_t(msgs, "other_province", name=_display_name(r.name), code=code, province=province, local=local),
                             "", False, [], PORTAL_HOME, code)

    link = catalog.portal_url(code)
    level = catalog.level(r)
    agencies = catalog.agencies(r)
    head = [_t(msgs, "header", name=_display_name(r.name), code=code)]
    if r.type == "SPECIFIC":
        head.append(_t(msgs, "local_variant", province=_t(msgs, "province", province=r.province)))
    handled = _t(msgs, "handled_by", agencies=", ".join(agencies[:3]) or level or _t(msgs, "agency_unknown"),
                 level=_t(msgs, "level", level=level) if level and agencies else "")
    detail = catalog.details.get(code)
    if detail is not None and detail.get("id") != r.id:
        detail = None
    what = _t(msgs, f"what_{aspect}")
    body: list[str] = []
    known = True
    if detail is None:
        source_line = _t(msgs, "source_catalog_only", crawl=crawl)
        sources = [_t(msgs, "source_name", code=code)]
        if aspect not in ("procedure", "where"):
            body.append(_t(msgs, "no_detail", what=what))
            known = False
        followup = ""
    else:
        updated = _vn_date(detail.get("updated"))
        source_line = _t(msgs, "source", updated=updated, crawl=crawl)
        sources = [_t(msgs, "source_name_detail", code=code, updated=updated)]
        part = _aspect_lines(detail, aspect, msgs)
        if part is None:
            body.append(_t(msgs, "not_stated", what=what, ask=_t(msgs, "ask")))
            known = False
        else:
            body.extend(part)
        legal = detail.get("legal") or []
        followup = _t(msgs, "legal", list="; ".join(_short(x, 120) for x in legal[:3])
                      + (" " + _t(msgs, "legal_more", n=len(legal) - 3) if len(legal) > 3 else "")) if legal else ""
    lines = head + [handled] + body
    text = _fit(lines, [source_line, _t(msgs, "link", link=link)])
    return CatalogAnswer(text, followup, known, sources, link, code)


def _aspect_lines(detail: dict, aspect: str, msgs: Texts) -> list[str] | None:
    if aspect == "fee":
        lines = _fees(detail, msgs)
        return [_t(msgs, "fee_header")] + lines if lines else None
    if aspect == "processing_time":
        lines = _times(detail)
        return [_t(msgs, "time_header")] + lines if lines else None
    if aspect in ("documents", "form"):
        lines = _papers(detail, msgs)
        return [_t(msgs, "documents_header")] + lines if lines else None
    if aspect == "where":
        if detail.get("receiving"):
            return [_t(msgs, "where_header") + " " + detail["receiving"]]
        channels = [m.get("channel") for m in detail.get("methods") or [] if m.get("channel")]
        return [_t(msgs, "online_part", channels=", ".join(dict.fromkeys(channels)))] if channels else None
    if aspect == "online":
        if detail.get("full_online"):
            return [_t(msgs, "online_yes")]
        channels = [m.get("channel") for m in detail.get("methods") or [] if m.get("channel")]
        return [_t(msgs, "online_part", channels=", ".join(dict.fromkeys(channels)))] if channels else None
    # overview: time and fee in one line each, when stated
    out: list[str] = []
    times = _times(detail)
    if times:
        out.append(_t(msgs, "time_header") + " " + times[0].lstrip("- "))
    fees = _fees(detail, msgs)
    if fees:
        out.append(_t(msgs, "fee_header") + " " + fees[0].lstrip("- "))
    return out
