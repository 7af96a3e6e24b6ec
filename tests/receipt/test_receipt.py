"""Reading the dossier code from a photo of the receipt: what the citizen would be told, and
what `dvcbot receipt` prints for an operator. The receipts are drawn here (bot.receipt.synth)
and "photographed" (turned, blurred, scaled down, JPEG at low quality)."""

from __future__ import annotations

import io
import json
import logging
import os
import struct
import zlib

import pytest
from PIL import Image

from bot import cli
from bot.receipt import (ASK_LAST_DIGITS, BARCODE, CONFIRM, MAX_BYTES, OCR, QR,
                         ocr_unavailable_reason, read_receipt)
from bot.receipt.synth import draw_receipt, photograph

CODE = "000.00.12.H05-211020-0001"
PHONE, CCCD = "0912345678", "079201001234"

_missing_ocr = ocr_unavailable_reason()
needs_ocr = pytest.mark.skipif(
    _missing_ocr is not None,
    reason=f"OCR unavailable: {_missing_ocr} (installed by scripts/install-system-deps.sh)")


def receipt_photo(code=CODE, symbol="qr", seed=1, **conditions) -> bytes:
    return photograph(draw_receipt(code, symbol, seed=seed, phone=PHONE, cccd=CCCD),
                      seed=seed, **conditions)


HARD = dict(rotate=6, blur=0.8, scale=0.7, jpeg_quality=40)


def test_qr_code_on_a_tilted_blurry_photo_is_read_and_shown_for_a_yes():
    reading = read_receipt(receipt_photo(symbol="qr", **HARD))
    assert (reading.code, reading.method, reading.confidence) == (CODE, QR, CONFIRM)
    assert reading.message() == f"Tôi đọc được mã hồ sơ: {CODE}. Đúng không ạ?"


def test_code_128_barcode_is_read():
    reading = read_receipt(receipt_photo(symbol="code128", rotate=1.5, scale=0.9,
                                         jpeg_quality=60))
    assert (reading.code, reading.method, reading.confidence) == (CODE, BARCODE, CONFIRM)


def test_webp_and_png_photos_are_read_too():
    page = draw_receipt(CODE, "qr", seed=2)
    for fmt in ("WEBP", "PNG"):
        reading = read_receipt(photograph(page, rotate=3, fmt=fmt))
        assert (reading.code, reading.method) == (CODE, QR), fmt


def test_a_qr_code_of_something_else_is_not_taken_for_the_dossier_code():
    page = draw_receipt(None, None, seed=3, phone=PHONE, cccd=CCCD)
    from bot.receipt.synth import symbol_image

    page.paste(symbol_image(f"tel:{PHONE} CCCD {CCCD} 21/10/2021", "qr"), (650, 900))
    reading = read_receipt(photograph(page), use_ocr=False)
    assert reading.code is None and reading.reason == "no_code_without_ocr"
    assert "mã QR" in reading.message()


@needs_ocr
@pytest.mark.parametrize("rotate", [-3, 12])
def test_printed_code_without_qr_is_read_by_ocr_on_a_poor_photo(rotate):
    reading = read_receipt(receipt_photo(symbol=None, rotate=rotate, blur=0.6, scale=0.8,
                                         jpeg_quality=50))
    assert (reading.code, reading.method, reading.confidence) == (CODE, OCR, CONFIRM)
    assert reading.message() == f"Tôi đọc được mã hồ sơ: {CODE}. Đúng không ạ?"


@needs_ocr
@pytest.mark.parametrize("printed, repair", [
    ("000.00.12.H05-211020-O001", "O→0"),  # the letter O printed for a zero (a worn font)
    ("000.00.12.H05-211020-000l", "→1"),   # a small L for a one: OCR reads I or l
])
def test_misread_characters_make_the_assistant_ask_for_the_last_4_digits(printed, repair):
    reading = read_receipt(receipt_photo(printed, symbol=None, rotate=2, scale=0.8,
                                         jpeg_quality=60))
    assert (reading.code, reading.method, reading.confidence) == (CODE, OCR, ASK_LAST_DIGITS)
    assert any(change.endswith(repair) or change == repair for change in reading.repaired)
    text = reading.message()
    assert "4 chữ số cuối" in text and CODE not in text and "0001" not in text
    assert reading.complete_with_last_digits("0001") == CODE
    assert reading.complete_with_last_digits("0007") == "000.00.12.H05-211020-0007"
    assert reading.complete_with_last_digits("12") is None


@needs_ocr
def test_a_page_with_only_phone_cccd_and_dates_gives_no_code():
    reading = read_receipt(receipt_photo(None, symbol=None, rotate=2, jpeg_quality=60))
    assert reading.code is None and reading.reason == "no_code"
    assert "chưa tìm thấy mã hồ sơ" in reading.message()


def test_personal_numbers_are_not_logged(caplog):
    caplog.set_level(logging.DEBUG)
    for symbol in ("qr", None):
        read_receipt(receipt_photo(symbol=symbol))
    assert caplog.records, "the reader logs what it did"
    for number in (CODE, PHONE, CCCD, "211020", "0001"):
        assert number not in caplog.text


# --- bad input: a reason and a polite text, never an exception -----------------------------

def test_a_30_mb_file_is_refused_as_too_large():
    reading = read_receipt(b"\xff\xd8\xff" + bytes(30 * 1024 * 1024))
    assert reading.reason == "too_large"
    assert f"tối đa {MAX_BYTES // 1024 // 1024} MB" in reading.message()
    assert "30 MB" in reading.message()


def test_a_gif_is_refused_even_with_a_qr_code_on_it():
    out = io.BytesIO()
    draw_receipt(CODE, "qr").save(out, "GIF")
    reading = read_receipt(out.getvalue())
    assert reading.reason == "unsupported_type"
    assert "JPEG, PNG hoặc WebP" in reading.message()


def test_random_bytes_are_refused():
    noise = os.urandom(50_000)
    assert read_receipt(b"MZ" + noise).reason == "unsupported_type"
    assert read_receipt(b"\xff\xd8\xff\xe0" + noise).reason == "unreadable"  # a broken JPEG
    assert read_receipt(receipt_photo()[:5000]).reason == "unreadable"  # cut off in transit
    assert read_receipt(b"").reason == "empty"


def png_bomb(side: int) -> bytes:
    """A real PNG of side x side black pixels: small file, huge image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    packer = zlib.compressobj(9)
    row = bytes(side + 1)  # filter byte + one byte per pixel
    body = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body)
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("side", [8_000, 15_000])  # 64 MP: over our limit; 225 MP: Pillow's too
def test_a_png_decompression_bomb_is_refused_unopened(side):
    bomb = png_bomb(side)
    assert len(bomb) < 1_000_000 and struct.unpack(">II", bomb[16:24]) == (side, side)
    reading = read_receipt(bomb)
    assert reading.reason == "too_many_pixels"
    assert "kích thước lớn quá" in reading.message()


# --- dvcbot receipt ---------------------------------------------------------------------------

def test_cli_prints_each_image_code_or_reason_and_fails_when_one_has_none(tmp_path, capsys):
    good = tmp_path / "giay-hen.jpg"
    good.write_bytes(receipt_photo(symbol="qr", **HARD))
    gif = tmp_path / "anh.gif"
    draw_receipt(CODE, "qr").save(gif, "GIF")
    huge = tmp_path / "lon.jpg"
    with huge.open("wb") as handle:
        handle.write(b"\xff\xd8\xff")
        handle.truncate(30 * 1024 * 1024)

    assert cli.main(["receipt", str(good)]) == 0
    assert capsys.readouterr().out == f"{good}: {CODE}  (QR code, confirm)\n"

    assert cli.main(["receipt", str(good), str(gif), str(huge)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{good}: {CODE}  (QR code, confirm)"
    assert lines[1].startswith(f"{gif}: no code (unsupported_type): Tôi chỉ đọc được ảnh chụp")
    assert lines[2].startswith(f"{huge}: no code (too_large): Ảnh gửi lên lớn quá (30 MB")

    assert cli.main(["receipt", "--json", str(good), str(tmp_path / "missing.jpg")]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["image"], r["code"], r["method"], r["confidence"], r["reason"])
            for r in records] == [(str(good), CODE, "qr", "confirm", None),
                                  (str(tmp_path / "missing.jpg"), None, None, None, "unreadable")]


def test_nothing_is_written_to_disk_while_reading(tmp_path):
    """The photo and what is read stay in memory: the reader, run in its own process with its
    working directory and TMPDIR in empty folders, leaves both empty."""
    import subprocess
    import sys

    work, temp = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    temp.mkdir()
    photos = [receipt_photo(symbol="qr"), receipt_photo(symbol=None)]
    script = ("import sys, json; from bot.receipt import read_receipt\n"
              "for size in map(int, sys.argv[1:]):\n"
              "    print(json.dumps(read_receipt(sys.stdin.buffer.read(size)).to_dict()))\n")
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": repo, "HOME": str(temp)}
    done = subprocess.run([sys.executable, "-c", script, *(str(len(p)) for p in photos)],
                          input=b"".join(photos), cwd=work, env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    codes = [json.loads(line)["code"] for line in done.stdout.decode().splitlines()]
    assert codes == [CODE, CODE if _missing_ocr is None else None]
    assert list(work.iterdir()) == [] and list(temp.iterdir()) == []
