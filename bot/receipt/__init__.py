"""Read the dossier code from a photo of the receipt ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả").

One job: image bytes in, dossier code out.

    from bot.receipt import read_receipt
    reading = read_receipt(photo_bytes)
    reading.code          # "000.00.12.H05-211020-0001" or None
    reading.method        # "qr" | "barcode" | "ocr" | None
    reading.confidence    # "confirm" (ask "Đúng không?") | "ask_last_digits" | None
    reading.reason        # None, or why no code: a key of `reasons:` in messages.yml
    reading.message()     # the Vietnamese text to send the citizen
    reading.complete_with_last_digits("0001")  # the code with the citizen's last 4 digits

Order: the QR code or barcode (zxing-cpp; checksummed, so "confirm"), then the printed code by
OCR (Tesseract through tesserocr, Vietnamese data from Debian's tesseract-ocr-vie). Whatever is
read is matched with the one dossier-code grammar of actions/portal/codes.py, so a phone number,
a CCCD number, a date or an amount is never taken for the code. OCR is "confirm" only when every
word of the code was read with good confidence and no character had to be repaired (O→0, I→1...);
otherwise the citizen is asked for the last 4 digits.

Limits (a reason, never an exception): at most MAX_BYTES, only JPEG/PNG/WebP by their magic
bytes, at most MAX_PIXELS (checked from the header before decoding, so a decompression bomb is
refused unopened). The image stays in memory: nothing is written to disk, and neither the code
nor any number read is logged.
"""

from __future__ import annotations

import glob
import io
import logging
import os
import re
import struct
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import List, Optional, Tuple

from bot.core.texts import TextFile, Texts

from actions.portal.codes import example_code, find_dossier_codes
from bot.core.settings import settings

log = logging.getLogger(__name__)

MAX_BYTES = 15 * 1024 * 1024  # Telegram bot downloads stop at 20 MB; phone photos are 1-8 MB
MAX_PIXELS = 50_000_000  # a 50 MP camera; Pillow's own bomb limit is higher (89 MP warns)
WORK_SIDE = 2000  # the long side the image is decoded at for reading (JPEG draft, resize)
OCR_SIDE = 1800  # a smaller image is enlarged for OCR
OCR_CONFIRM_CONFIDENCE = 80.0  # min Tesseract word confidence (0-100) of the code's words

QR = "qr"
BARCODE = "barcode"
OCR = "ocr"
CONFIRM = "confirm"
ASK_LAST_DIGITS = "ask_last_digits"

# Reasons (keys of `reasons:` in messages.yml).
EMPTY = "empty"
TOO_LARGE = "too_large"
TOO_MANY_PIXELS = "too_many_pixels"
UNSUPPORTED_TYPE = "unsupported_type"
UNREADABLE = "unreadable"
NO_CODE = "no_code"
NO_CODE_WITHOUT_OCR = "no_code_without_ocr"
REASONS = (EMPTY, TOO_LARGE, TOO_MANY_PIXELS, UNSUPPORTED_TYPE, UNREADABLE, NO_CODE,
           NO_CODE_WITHOUT_OCR)

_ANY_REASON = {"example?", "size_mb?", "max_mb?"}
MESSAGES = TextFile(Path(__file__).with_name("messages.yml"), {
    "found.confirm": {"code", "example?"},
    "found.ask_last_digits": {"example", "code?"},
    "reasons.too_large": {"size_mb", "max_mb", "example?"},
    **{f"reasons.{reason}": _ANY_REASON for reason in (TOO_MANY_PIXELS, UNSUPPORTED_TYPE, UNREADABLE, EMPTY)},
    "reasons.no_code": {"example", "size_mb?", "max_mb?"},
    "reasons.no_code_without_ocr": {"example", "size_mb?", "max_mb?"},
    "reasons.too_large_size_unknown": {"max_mb", "size_mb?", "example?"},
    "dialogue.buttons.yes": set(), "dialogue.buttons.no": set(),
    "dialogue.rejected": {"example"}, "dialogue.bad_digits": {"digits", "example?"},
    "leaflet.photo_hint": set(),
})


def messages() -> Texts:
    return MESSAGES.load()


@dataclass(frozen=True)
class ReceiptReading:
    """What was read from one image: ``code`` with ``method`` and ``confidence``, or ``reason``."""

    code: Optional[str] = None
    method: Optional[str] = None
    confidence: Optional[str] = None
    reason: Optional[str] = None
    repaired: Tuple[str, ...] = ()  # characters the OCR result needed, e.g. ("O→0",)
    # why the OCR is not sure, besides repairs: "low confidence", "read once", "several codes"
    doubts: Tuple[str, ...] = ()
    ocr_confidence: Optional[float] = None  # lowest Tesseract confidence of the code's words
    size_bytes: int = 0

    @property
    def ok(self) -> bool:
        return self.code is not None

    def message(self) -> str:
        """The text for the citizen: the question to confirm, or the polite reason."""
        texts = messages()
        if self.code is not None:
            return " ".join(texts.text(f"found.{self.confidence or ASK_LAST_DIGITS}",
                                       code=self.code, example="1234").split())
        reason = self.reason or NO_CODE
        if reason == TOO_LARGE and not self.size_bytes:
            reason = "too_large_size_unknown"
        return " ".join(texts.text(
            f"reasons.{reason}",
            example=example_code(), size_mb=f"{self.size_bytes / 1024 / 1024:.0f}",
            max_mb=f"{MAX_BYTES / 1024 / 1024:.0f}").split())

    def complete_with_last_digits(self, digits: str) -> Optional[str]:
        """The code read, ending with the 4 digits the citizen sent (None if they are not 4)."""
        digits = (digits or "").strip()
        if self.code is None or not re.fullmatch(r"\d{4}", digits):
            return None
        return self.code[:-4] + digits

    def to_dict(self) -> dict:
        return {"code": self.code, "method": self.method, "confidence": self.confidence,
                "reason": self.reason, "repaired": list(self.repaired),
                "doubts": list(self.doubts),
                "ocr_confidence": self.ocr_confidence}


# ---------------------------------------------------------------------------------------------
# Opening the image safely

def sniff_type(data: bytes) -> Optional[str]:
    """"JPEG", "PNG" or "WEBP" from the magic bytes, else None."""
    if data[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _open(data: bytes):
    """(grayscale PIL image at most WORK_SIDE long, None) or (None, reason)."""
    from PIL import Image, ImageOps

    if not data:
        return None, EMPTY
    if len(data) > MAX_BYTES:
        return None, TOO_LARGE
    kind = sniff_type(data)
    if kind is None:
        return None, UNSUPPORTED_TYPE
    # Pillow warns (DecompressionBombWarning) from 89 MP and refuses from 179 MP when opening;
    # our limit is checked from the header, before anything is decoded.
    try:
        image = Image.open(io.BytesIO(data), formats=[kind])
        width, height = image.size
        if width <= 0 or height <= 0:
            return None, UNREADABLE
        if width * height > MAX_PIXELS:
            return None, TOO_MANY_PIXELS
        if kind == "JPEG":
            image.draft("L", (WORK_SIDE, WORK_SIDE))  # decode at a reduced scale: fast
        image.load()
        image = ImageOps.exif_transpose(image)
        if image.mode in ("RGBA", "LA", "P", "PA"):
            image = image.convert("RGBA")
            background = Image.new("RGBA", image.size, (255, 255, 255, 255))
            image = Image.alpha_composite(background, image)
        image = image.convert("L")
    except Image.DecompressionBombError:  # Pillow's own limit (2 x 89 MP), before ours
        return None, TOO_MANY_PIXELS
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError,
            MemoryError, struct.error):
        return None, UNREADABLE
    if max(image.size) > WORK_SIDE:
        image.thumbnail((WORK_SIDE, WORK_SIDE), Image.LANCZOS)
    return image, None


# ---------------------------------------------------------------------------------------------
# QR code and barcode

def _read_barcodes(image, today: Optional[date]) -> Optional[Tuple[str, str]]:
    """(code, "qr"|"barcode") from the first symbol on the page that holds a dossier code."""
    import zxingcpp
    from PIL import Image

    matrix = {zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode,
              zxingcpp.BarcodeFormat.RMQRCode}

    attempts = [image]
    if max(image.size) < 1600:  # small modules in a small photo: try it enlarged too
        attempts.append(image.resize((image.width * 2, image.height * 2), Image.BICUBIC))
    symbols = []
    for attempt in attempts:
        try:
            symbols = zxingcpp.read_barcodes(attempt)
        except Exception:  # noqa: BLE001 - a decoder failure is "no symbol", never a crash
            log.warning("receipt: barcode decoder failed", exc_info=False)
            symbols = []
        if any(find_dossier_codes(s.text or "", today) for s in symbols):
            break
    symbols = sorted(symbols, key=lambda s: s.format not in matrix)  # QR first
    for symbol in symbols:
        codes = find_dossier_codes(symbol.text or "", today)
        if codes:
            return codes[0], QR if symbol.format in matrix else BARCODE
    return None


# ---------------------------------------------------------------------------------------------
# OCR of the printed code

_TESSDATA_GLOBS = ("/usr/share/tesseract-ocr/*/tessdata", "/usr/share/tessdata",
                   "/usr/local/share/tessdata", "/usr/share/tesseract-ocr/tessdata")


def tessdata_dir() -> Optional[str]:
    """The folder holding vie.traineddata (TESSDATA_PREFIX first), or None."""
    candidates: List[str] = []
    prefix = settings().tools.tessdata_prefix
    if prefix:
        candidates += [prefix, os.path.join(prefix, "tessdata")]
    for pattern in _TESSDATA_GLOBS:
        candidates += sorted(glob.glob(pattern), reverse=True)
    for folder in candidates:
        if os.path.isfile(os.path.join(folder, "vie.traineddata")):
            return folder
    return None


def ocr_unavailable_reason() -> Optional[str]:
    """None when OCR can run here, else what is missing (for operators and test skips)."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return "the Python package tesserocr is not installed (pip install -e .)"
    if tessdata_dir() is None:
        return ("Tesseract's Vietnamese data (vie.traineddata) was not found: "
                "apt-get install tesseract-ocr tesseract-ocr-vie (scripts/install-system-deps.sh)")
    return None


# Letters OCR reads for digits. O and I/l/| are repaired in any group holding a digit; the
# others only in a long group of digits (the date and the sequence), where no letter belongs.
_ALWAYS = {"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "!": "1",
           "í": "1", "ì": "1", "ô": "0", "ơ": "0", "ó": "0", "ò": "0", "Ô": "0", "Ơ": "0"}
_IN_NUMBERS = {"D": "0", "Q": "0", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6", "b": "6", "T": "7",
               "g": "9", "q": "9", "A": "4", "e": "6"}
_GROUP = re.compile(r"[^\s.,\-\u2013\u2014:]+")


def _repair(text: str) -> Tuple[str, Tuple[str, ...]]:
    """The text with digit look-alikes repaired inside groups of digits, and what was changed."""
    repairs: List[str] = []

    def fix(match: "re.Match[str]") -> str:
        group = match.group(0)
        digits = sum(ch.isdigit() for ch in group)
        if digits == 0:
            return group
        numeric = len(group) >= 4 and digits >= 2 and all(
            ch.isdigit() or ch in _ALWAYS or ch in _IN_NUMBERS for ch in group)
        table = {**_ALWAYS, **_IN_NUMBERS} if numeric else _ALWAYS
        out = []
        for position, ch in enumerate(group):
            new = table.get(ch)
            # in an agency part like "HO5", only a letter next to a digit is a misread digit
            if new and not numeric:
                neighbours = group[max(0, position - 1):position] + group[position + 1:position + 2]
                if not any(n.isdigit() or n in _ALWAYS for n in neighbours):
                    new = None
            if new:
                repairs.append(f"{ch}→{new}")
                out.append(new)
            else:
                out.append(ch)
        return "".join(out)

    return _GROUP.sub(fix, text), tuple(dict.fromkeys(repairs))


class _Ocr:
    """One Tesseract engine (its start costs ~0.3 s), used by one thread at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._api = None

    def _engine(self):
        from tesserocr import PSM, PyTessBaseAPI

        if self._api is None:
            self._api = PyTessBaseAPI(path=tessdata_dir(), lang="vie", psm=PSM.AUTO)
        return self._api

    def lines(self, image) -> List[List[Tuple[str, float, Tuple[int, int, int, int]]]]:
        """The words of each text line: (text, confidence 0-100, box x1, y1, x2, y2)."""
        from tesserocr import RIL, iterate_level

        with self._lock:
            api = self._engine()
            lines: list = []
            try:
                api.SetImage(image)
                api.Recognize()
                for word in iterate_level(api.GetIterator(), RIL.WORD):
                    text = _text(word, RIL.WORD)
                    box = word.BoundingBox(RIL.WORD)
                    if not text or box is None:
                        continue
                    if not lines or word.IsAtBeginningOf(RIL.TEXTLINE):
                        lines.append([])
                    lines[-1].append((text, float(word.Confidence(RIL.WORD)), tuple(box)))
            finally:
                api.Clear()  # the image is not kept
            return lines

    def code_line(self, image) -> Tuple[str, float]:
        """A cropped line read again as one line of code characters: (text, lowest confidence)."""
        from tesserocr import PSM, RIL, iterate_level

        with self._lock:
            api = self._engine()
            api.SetPageSegMode(PSM.SINGLE_LINE)
            api.SetVariable("tessedit_char_whitelist", _CODE_CHARS)
            try:
                api.SetImage(image)
                api.Recognize()
                words = [(_text(w, RIL.WORD), float(w.Confidence(RIL.WORD)))
                         for w in iterate_level(api.GetIterator(), RIL.WORD)]
            finally:
                api.SetVariable("tessedit_char_whitelist", "")
                api.SetPageSegMode(PSM.AUTO)
                api.Clear()
        words = [(t, c) for t, c in words if t.strip()]
        return " ".join(t for t, _ in words), min((c for _, c in words), default=0.0)


def _text(word, level) -> str:
    try:
        return word.GetUTF8Text(level) or ""
    except RuntimeError:  # tesserocr: "No text returned" for an empty element
        return ""


_ENGINE = _Ocr()
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ.-"  # no I or O: they are read as 1 and 0


def deskew(image, limit: float = 15.0):
    """The page turned upright (text lines horizontal), by the projection-profile method."""
    import numpy
    from PIL import Image

    small = image.copy()
    small.thumbnail((600, 600))
    ink = small.point(lambda v: 255 if v < 128 else 0)

    def sharpness(angle: float) -> float:
        rows = numpy.asarray(ink.rotate(angle, resample=Image.NEAREST, expand=True)).sum(axis=1)
        return float(numpy.square(numpy.diff(rows.astype("float64"))).sum())

    best = max(numpy.arange(-limit, limit + 0.01, 1.0), key=sharpness)
    best = max(numpy.arange(best - 0.8, best + 0.81, 0.2), key=sharpness)
    if abs(best) < 0.3:
        return image
    return image.rotate(float(best), resample=Image.BICUBIC, expand=True, fillcolor=255)


def flatten_illumination(image):
    """The page with its lighting evened out (glare, a shadow, a dim corner, toner specks):
    each pixel divided by the brightness of the paper around it, then a light median filter."""
    import numpy
    from PIL import Image, ImageFilter, ImageOps

    small = image.resize((max(1, image.width // 8), max(1, image.height // 8)), Image.BILINEAR)
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(2))
    paper = numpy.maximum(numpy.asarray(paper.resize(image.size, Image.BILINEAR), dtype="float32"), 1.0)
    even = numpy.clip(numpy.asarray(image, dtype="float32") / paper * 255.0, 0, 255).astype("uint8")
    return ImageOps.autocontrast(Image.fromarray(even).filter(ImageFilter.MedianFilter(3)), cutoff=1)


@dataclass
class _Candidate:
    code: str
    confidence: float
    repaired: Tuple[str, ...] = ()
    doubts: Tuple[str, ...] = ()


def _codes_in(text: str, today: Optional[date]) -> Tuple[List[str], Tuple[str, ...]]:
    """The codes of a line of OCR text, repairing digit look-alikes if needed (and saying so)."""
    codes = find_dossier_codes(text, today)
    repaired_text, repairs = _repair(text)
    repaired_codes = find_dossier_codes(repaired_text, today)
    if repaired_codes and repaired_codes != codes:
        return repaired_codes, repairs
    return codes, ()


def _ocr(image, today: Optional[date]) -> Optional[_Candidate]:
    """The dossier code printed on an upright page (see deskew), read twice."""
    from PIL import Image, ImageOps

    prepared = image
    if max(prepared.size) < OCR_SIDE:  # small text: Tesseract reads best at 20-30 px letters
        factor = min(3.0, OCR_SIDE / max(prepared.size))
        prepared = prepared.resize((round(prepared.width * factor),
                                    round(prepared.height * factor)), Image.LANCZOS)
    candidates: List[_Candidate] = []
    for words in _ENGINE.lines(prepared):
        raw = " ".join(text for text, _, _ in words)
        if sum(ch.isdigit() for ch in raw) < 8:
            continue  # a dossier code has at least 10 digits (date and sequence)
        codes, repairs = _codes_in(raw, today)
        # the words with digits, read again alone as a line of code characters
        boxes = [box for text, _, box in words if any(ch.isdigit() for ch in text)]
        x1, y1 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x2, y2 = max(b[2] for b in boxes), max(b[3] for b in boxes)
        pad = max(6, (y2 - y1) // 2)
        crop = prepared.crop((max(0, x1 - pad), max(0, y1 - pad),
                              min(prepared.width, x2 + pad), min(prepared.height, y2 + pad)))
        line_text, line_confidence = _ENGINE.code_line(crop)
        line_codes, line_repairs = _codes_in(line_text, today)
        if line_codes and line_codes == codes:
            # two agreeing readings: the second one's (code characters only) confidence counts
            candidates += [_Candidate(c, line_confidence, repairs or line_repairs)
                           for c in line_codes]
        elif line_codes and not codes:
            candidates += [_Candidate(c, line_confidence, line_repairs, ("read once",))
                           for c in line_codes]
        elif codes and not line_codes:
            # read on the page but not alone: only the first reading, never for a plain yes
            first = min((c for t, c, _ in words if any(ch.isdigit() for ch in t)), default=0.0)
            candidates += [_Candidate(c, first, repairs, ("read once",)) for c in codes]
        # two readings of the same line that disagree: one is wrong, so neither is offered
    if not candidates:
        return None
    distinct = list(dict.fromkeys(c.code for c in candidates))
    best = max(candidates, key=lambda c: (not c.repaired and not c.doubts, c.confidence))
    if len(distinct) > 1:  # two different codes read: not sure which one is right
        return _Candidate(best.code, min(c.confidence for c in candidates), best.repaired,
                          best.doubts + ("several codes",))
    return best


# ---------------------------------------------------------------------------------------------

def _sure(candidate: _Candidate) -> bool:
    return (not candidate.repaired and not candidate.doubts
            and candidate.confidence >= OCR_CONFIRM_CONFIDENCE)


def refuse_size(size: int) -> Optional[ReceiptReading]:
    """The "too large" reading for a file of ``size`` bytes, before downloading or reading it
    (a channel knows the size of an attachment first), or None when the size is acceptable."""
    if size > MAX_BYTES:
        return ReceiptReading(reason=TOO_LARGE, size_bytes=size)
    return None


def read_receipt(data: bytes, *, today: Optional[date] = None, use_ocr: bool = True) -> ReceiptReading:
    """Read the dossier code of a receipt photo (bytes of a JPEG, PNG or WebP file)."""
    from PIL import ImageOps

    data = bytes(data or b"")
    size = len(data)
    image, reason = _open(data)
    if image is None:
        log.info("receipt: no code (%s, %d bytes)", reason, size)
        return ReceiptReading(reason=reason, size_bytes=size)
    found = _read_barcodes(image, today)
    upright = image
    if not found:
        # a dim photo gets white paper and black ink; a linear barcode is read along rows, so
        # the page is turned upright (also for the OCR), and the symbols are looked for again
        upright = deskew(ImageOps.autocontrast(image, cutoff=1))
        found = _read_barcodes(upright, today)
    if found:
        log.info("receipt: code read from the %s", found[1])
        return ReceiptReading(code=found[0], method=found[1], confidence=CONFIRM, size_bytes=size)
    if not use_ocr or ocr_unavailable_reason() is not None:
        return ReceiptReading(reason=NO_CODE_WITHOUT_OCR, size_bytes=size)
    try:
        candidate = _ocr(upright, today)
        if candidate is None or not _sure(candidate):
            # glare, low light or print noise: read the page again with its lighting evened out
            again = _ocr(flatten_illumination(upright), today)
            if candidate is None or (again is not None and again.code == candidate.code
                                     and _sure(again)):
                candidate = again
            elif again is not None and again.code != candidate.code:
                candidate = _Candidate(candidate.code, min(candidate.confidence, again.confidence),
                                       candidate.repaired, candidate.doubts + ("several codes",))
    except Exception:  # noqa: BLE001 - an OCR failure is "no code", never a crash
        log.warning("receipt: OCR failed", exc_info=False)
        candidate = None
    if candidate is None:
        log.info("receipt: no code found by OCR")
        return ReceiptReading(reason=NO_CODE, size_bytes=size)
    doubts = candidate.doubts + (
        ("low confidence",) if candidate.confidence < OCR_CONFIRM_CONFIDENCE else ())
    sure = not candidate.repaired and not doubts
    log.info("receipt: code read by OCR (%s)", CONFIRM if sure else ASK_LAST_DIGITS)
    return ReceiptReading(code=candidate.code, method=OCR,
                          confidence=CONFIRM if sure else ASK_LAST_DIGITS,
                          repaired=candidate.repaired, doubts=doubts,
                          ocr_confidence=round(candidate.confidence, 1), size_bytes=size)


__all__ = ["read_receipt", "refuse_size", "ReceiptReading", "ocr_unavailable_reason", "sniff_type", "messages",
           "MAX_BYTES", "MAX_PIXELS", "REASONS", "QR", "BARCODE", "OCR", "CONFIRM",
           "ASK_LAST_DIGITS"]
