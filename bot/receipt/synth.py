"""Synthetic receipts ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả") for the tests and the bench.

    page = draw_receipt(code, symbol="qr" | "code128" | None, seed=1)   # PIL image, A5 at ~120 dpi
    photo = photograph(page, rotate=4, blur=1.2, scale=0.6, jpeg_quality=40, seed=1)  # bytes
    code = random_code(random.Random(1))

The page has the real layout's key parts: the header, the title, the applicant's name, phone and
CCCD number, the procedure, the dates received and due, a fee, the code as text and (optionally)
a QR code or a Code 128 barcode of it. All the numbers are made up.
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
              "/usr/share/fonts/TTF")
AGENCIES = ("000.00.12.H05", "38.98.H29", "000.00.31.H56", "01.13.H12", "000.20.25.H40",
            "12.05.H33")


def font(size: int, bold: bool = False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in _FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def random_code(rng: random.Random, today: Optional[date] = None) -> str:
    received = (today or date(2026, 11, 30)) - timedelta(days=rng.randint(1, 900))
    return f"{rng.choice(AGENCIES)}-{received:%y%m%d}-{rng.randint(1, 9999):04d}"


def random_phone(rng: random.Random) -> str:
    return "0" + rng.choice("398") + "".join(rng.choice("0123456789") for _ in range(8))


def random_cccd(rng: random.Random) -> str:
    return "0" + "".join(rng.choice("0123456789") for _ in range(11))


def symbol_image(code: str, symbol: str, module: Optional[int] = None) -> Image.Image:
    """A QR code or a Code 128 barcode of the text, black on white."""
    import zxingcpp

    fmt = zxingcpp.BarcodeFormat.QRCode if symbol == "qr" else zxingcpp.BarcodeFormat.Code128
    barcode = zxingcpp.create_barcode(code, fmt)
    module = module or (6 if symbol == "qr" else 2)
    image = Image.fromarray(__import__("numpy").array(
        zxingcpp.write_barcode_to_image(barcode, scale=module)))
    if symbol != "qr":
        image = image.resize((image.width, 90))
    return image.convert("L")


def draw_receipt(code: Optional[str], symbol: Optional[str] = "qr", seed: int = 0,
                 phone: Optional[str] = None, cccd: Optional[str] = None) -> Image.Image:
    """A receipt page holding ``code`` (None: a page with only the other numbers)."""
    rng = random.Random(seed)
    phone = phone or random_phone(rng)
    cccd = cccd or random_cccd(rng)
    page = Image.new("L", (1000, 1400), 255)
    draw = ImageDraw.Draw(page)
    small, normal, bold, title = font(22), font(26), font(26, True), font(32, True)
    y = 40
    draw.text((40, y), "UBND XÃ THẠNH PHONG", font=bold, fill=0)
    draw.text((560, y), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=small, fill=0)
    y += 36
    draw.text((40, y), "BỘ PHẬN MỘT CỬA", font=bold, fill=0)
    draw.text((610, y), "Độc lập - Tự do - Hạnh phúc", font=small, fill=0)
    y += 90
    draw.text((130, y), "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", font=title, fill=0)
    y += 80
    received = date(2026, 11, 30) - timedelta(days=rng.randint(1, 60))
    due = received + timedelta(days=rng.randint(3, 20))
    if code:
        draw.text((60, y), "Mã hồ sơ:", font=normal, fill=0)
        draw.text((220, y - 2), code, font=font(30, True), fill=0)
        y += 60
    lines = [
        f"Tiếp nhận hồ sơ của: Ông/bà Nguyễn Văn {rng.choice(['An', 'Bình', 'Cường', 'Dũng'])}",
        f"Số CCCD: {cccd}",
        f"Số điện thoại: {phone}",
        "Địa chỉ: ấp Thạnh Hòa, xã Thạnh Phong, tỉnh Vĩnh Long",
        "Thủ tục: Đăng ký khai sinh",
        f"Ngày nhận hồ sơ: {received:%d/%m/%Y} lúc 09 giờ 15 phút",
        f"Ngày hẹn trả kết quả: {due:%d/%m/%Y}",
        f"Lệ phí: {rng.choice([0, 8000, 50000, 100000]):,} đồng".replace(",", "."),
        "Thành phần hồ sơ: 1. Tờ khai; 2. Giấy chứng sinh.",
    ]
    for line in lines:
        draw.text((60, y), line, font=normal, fill=0)
        y += 48
    if symbol and code:
        image = symbol_image(code, symbol)
        x = 60 if symbol != "qr" else 680
        page.paste(image, (x, y + 40))
        y += 40 + image.height
    draw.text((620, 1220), "NGƯỜI TIẾP NHẬN", font=bold, fill=0)
    draw.text((640, 1260), "(Ký, ghi rõ họ tên)", font=small, fill=0)
    return page


def photograph(page: Image.Image, rotate: float = 0.0, blur: float = 0.0, scale: float = 1.0,
               jpeg_quality: int = 85, dim: float = 1.0, noise: float = 0.0, seed: int = 0,
               fmt: str = "JPEG") -> bytes:
    """The page as a phone photo: rotated, blurred, scaled, darker, noisy, JPEG-compressed."""
    rng = random.Random(seed)
    image = page.convert("RGB")
    if rotate:
        image = image.rotate(rotate, resample=Image.BICUBIC, expand=True, fillcolor=(200, 190, 170))
    if scale != 1.0:
        image = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))),
                             Image.LANCZOS)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if dim != 1.0:
        image = ImageEnhance.Brightness(image).enhance(dim)
    if noise:
        import numpy

        array = numpy.asarray(image).astype("int16")
        noisy = array + numpy.random.default_rng(rng.randint(0, 2**31)).normal(
            0, noise, array.shape).astype("int16")
        image = Image.fromarray(noisy.clip(0, 255).astype("uint8"))
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=jpeg_quality)
    else:
        image.save(out, fmt)
    return out.getvalue()
