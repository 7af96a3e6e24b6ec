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


def _perspective(image: Image.Image, amount: float, rng: random.Random) -> Image.Image:
    """The page seen slightly from the side: each corner pulled in by up to ``amount`` of the side."""
    import numpy

    width, height = image.size
    dx, dy = width * amount, height * amount
    source = [(rng.uniform(0, dx), rng.uniform(0, dy)), (width - rng.uniform(0, dx), rng.uniform(0, dy)),
              (width - rng.uniform(0, dx), height - rng.uniform(0, dy)),
              (rng.uniform(0, dx), height - rng.uniform(0, dy))]
    target = [(0, 0), (width, 0), (width, height), (0, height)]
    rows = []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    coefficients = numpy.linalg.solve(numpy.array(rows, dtype="float64"),
                                      numpy.array(source, dtype="float64").reshape(8))
    return image.transform(image.size, Image.PERSPECTIVE, tuple(coefficients), Image.BICUBIC,
                           fillcolor=(200, 190, 170))


def _glare(image: Image.Image, strength: float, rng: random.Random) -> Image.Image:
    """A bright spot (a lamp or the sky on glossy paper), ``strength`` 0-1 at its centre."""
    import numpy

    width, height = image.size
    cx, cy = rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height
    radius = rng.uniform(0.15, 0.3) * max(width, height)
    ys, xs = numpy.mgrid[0:height, 0:width]
    spot = numpy.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * radius ** 2)) * strength * 255
    array = numpy.asarray(image).astype("float32") + spot[..., None]
    return Image.fromarray(array.clip(0, 255).astype("uint8"))


def _fold(image: Image.Image, rng: random.Random) -> Image.Image:
    """A fold across the page: a shadowed crease and the two halves slightly shifted."""
    import numpy

    array = numpy.asarray(image).astype("float32")
    height = array.shape[0]
    crease = int(rng.uniform(0.35, 0.65) * height)
    shift = rng.choice([-2, -1, 1, 2])
    array[crease:] = numpy.roll(array[crease:], shift, axis=1)
    band = numpy.arange(height)[:, None, None]
    shadow = 1.0 - 0.35 * numpy.exp(-((band - crease) ** 2) / (2 * 6.0 ** 2))
    return Image.fromarray((array * shadow).clip(0, 255).astype("uint8"))


def _print_and_scan(image: Image.Image, rng: random.Random) -> Image.Image:
    """Toner and scanner traces: speckles, faint streaks along the page and a softened edge."""
    import numpy

    generator = numpy.random.default_rng(rng.randint(0, 2**31))
    array = numpy.asarray(image).astype("float32")
    height, width = array.shape[:2]
    speckles = generator.random((height, width)) < 0.002
    array[speckles] = array[speckles] * 0.3
    for _ in range(rng.randint(1, 3)):
        column = rng.randint(0, width - 3)
        array[:, column:column + 2] *= rng.uniform(0.8, 0.92)
    softened = Image.fromarray(array.clip(0, 255).astype("uint8")).filter(ImageFilter.GaussianBlur(0.5))
    return ImageEnhance.Contrast(softened).enhance(1.15)


def photograph(page: Image.Image, rotate: float = 0.0, blur: float = 0.0, scale: float = 1.0,
               jpeg_quality: int = 85, dim: float = 1.0, noise: float = 0.0, seed: int = 0,
               fmt: str = "JPEG", perspective: float = 0.0, glare: float = 0.0,
               fold: bool = False, print_scan: bool = False) -> bytes:
    """The page as a phone photo: printed and scanned, folded, seen from the side, rotated,
    scaled, blurred, with glare, darker, noisy, JPEG-compressed (each optional)."""
    rng = random.Random(seed)
    image = page.convert("RGB")
    if print_scan:
        image = _print_and_scan(image, rng)
    if fold:
        image = _fold(image, rng)
    if perspective:
        image = _perspective(image, perspective, rng)
    if rotate:
        image = image.rotate(rotate, resample=Image.BICUBIC, expand=True, fillcolor=(200, 190, 170))
    if scale != 1.0:
        image = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))),
                             Image.LANCZOS)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if glare:
        image = _glare(image, glare, rng)
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
