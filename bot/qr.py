"""`dvcbot qr`: QR codes and a printable A5 leaflet for one commune.

    dvcbot qr --commune "Thạnh Phong" --source leaflet-2026 [--team doan-tn] [--out DIR] [--pdf]

Writes into DIR (default out/qr/<source>-<commune key>/):
    zalo.png/.svg       https://zalo.me/<DVCBOT_ZALO_OA_ID>            (skipped if not configured)
    telegram.png/.svg   https://t.me/<DVCBOT_TELEGRAM_BOT_USERNAME>?start=<payload>  (idem)
    webchat.png/.svg    <DVCBOT_PUBLIC_URL>/webhooks/webchat/?ep=<payload>
    leaflet.html        A5 page with the codes ("chụp ảnh giấy hẹn gửi vào đây" under them), the
                        commune's one-stop desk, three example questions
    leaflet.pdf         with --pdf (printed by chromium)

The payload (bot.entry_points) carries source, commune and team, so conversations started from
the leaflet are counted per source and commune. A plain Zalo OA link cannot carry a parameter;
with --zalo-via-web the Zalo code points to <public url>/webhooks/webchat/zalo?ep=<payload>,
which counts the scan and redirects to the OA (needs the assistant reachable at the public URL).

Desk facts come from the knowledge base; a field it does not know is printed "chưa có thông tin",
never guessed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from bot.core import tz
from bot.core.settings import WebchatSettings, settings
from bot.entry_points import make_payload, normalize_value
from bot.receipt import messages as receipt_messages

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PUBLIC_URL = WebchatSettings.public_url
UNKNOWN = "chưa có thông tin"

DEFAULT_QUESTIONS = (
    "Làm giấy khai sinh cho con cần giấy tờ gì?",
    "Đổi thẻ căn cước hết bao nhiêu tiền?",
    "Hồ sơ của tôi đã giải quyết tới đâu?",
)

CHANNEL_LABELS = {
    "zalo": "Zalo",
    "telegram": "Telegram",
    "webchat": "Trang web",
}
CHANNEL_HINTS = {
    "zalo": "Mở Zalo, bấm nút quét mã QR",
    "telegram": "Quét bằng camera điện thoại",
    "webchat": "Quét bằng camera, mở trình duyệt",
}

_TELEGRAM_USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{4,31}$")
_ZALO_OA_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class QrError(Exception):
    """A problem the operator must fix; the message says what and how."""


# ------------------------------------------------------------------------------ places (KB)
@dataclass(frozen=True)
class Desk:
    name: Optional[str] = None
    address: Optional[str] = None
    phone: Optional[str] = None
    hours: Optional[str] = None


@dataclass(frozen=True)
class CommuneInfo:
    key: str
    name: str  # "xã Thạnh Phong"
    province: Optional[str]
    desk: Desk


def _text(value) -> Optional[str]:
    if value is None:
        return None
    text = str(value).strip()
    if not text or text.lower() in {"unknown", "chưa có thông tin", "null", "none"}:
        return None
    return text


def open_knowledge_base():
    """The knowledge base: DVCBOT_DATABASE_URL, DVCBOT_KNOWLEDGE_DIR, DVCBOT_PLACES_FILE."""
    try:
        from knowledge import KnowledgeBase
    except ImportError:
        from knowledge.base import KnowledgeBase

    return KnowledgeBase.open()


def _desk(kb, commune_key: str) -> Desk:
    """The one-stop desk fields as the places file states them (None = not known)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from knowledge import models

    with Session(kb.engine, future=True) as session:
        office = session.execute(
            select(models.Office)
            .join(models.Commune, models.Office.commune_id == models.Commune.id)
            .where(models.Commune.key == commune_key)
        ).scalar_one_or_none()
        if office is None:
            return Desk()
        return Desk(
            name=_text(office.name),
            address=_text(office.address),
            phone=_text(office.phone),
            hours=_text(office.hours),
        )


def find_commune(kb, text: str) -> tuple[Optional[CommuneInfo], list[CommuneInfo]]:
    """(the commune `text` names, every commune). Diacritic-insensitive; a former unit's name
    ("Giao Thạnh") resolves to the commune that replaced it (KnowledgeBase.find_place). The
    whole text must be the name: "Thạnh Phong 2" is refused rather than guessed.
    Raises QrError for a former district, which covers several communes."""
    communes = [CommuneInfo(c.key, c.name, _text(c.province), Desk()) for c in kb.communes()]
    text = (text or "").strip()
    match = kb.find_place(text)
    if match is None or text[: match.start].strip(" ,.") or text[match.end:].strip(" ,."):
        return None, communes
    if match.kind != "commune":
        names = ", ".join(c.name for c in communes if c.key in match.commune_keys)
        raise QrError(f"{text!r} là huyện cũ gồm nhiều xã; hãy chọn một xã: {names}")
    found = kb.commune(match.commune_key)
    if found is None:
        return None, communes
    return CommuneInfo(found.key, found.name, _text(found.province), _desk(kb, found.key)), communes


# ------------------------------------------------------------------------------ links
@dataclass(frozen=True)
class Code:
    channel: str
    url: str
    payload: str


def public_url() -> str:
    return settings().webchat.public_url.rstrip("/")


def build_codes(
    commune_key: str, source: str, team: Optional[str], zalo_via_web: bool = False
) -> tuple[list[Code], list[str]]:
    """The codes to print and notes for the operator (skipped channels, local URLs)."""
    codes: list[Code] = []
    notes: list[str] = []
    base = public_url()
    if not re.match(r"^https?://[^\s/?#]+", base):
        raise QrError(f"DVCBOT_PUBLIC_URL={base!r} không phải địa chỉ http(s), ví dụ https://dvc.example.vn")

    oa_id = settings().zalo.oa_id or ""
    if not oa_id:
        notes.append("Zalo: bỏ qua, chưa đặt DVCBOT_ZALO_OA_ID (mã OA trên oa.zalo.me).")
    elif not _ZALO_OA_ID_RE.match(oa_id):
        raise QrError(f"DVCBOT_ZALO_OA_ID={oa_id!r} không giống mã Zalo OA")
    else:
        payload = make_payload(source, commune_key, team, "zalo")
        if zalo_via_web:
            url = f"{base}/webhooks/webchat/zalo?ep={payload}"
        else:
            url = f"https://zalo.me/{quote(oa_id)}"
            notes.append(
                "Zalo: đường dẫn OA không mang điểm vào, nên lượt quét Zalo không được đếm; "
                "--zalo-via-web đếm chúng qua trợ lý."
            )
        codes.append(Code("zalo", url, payload))

    username = (settings().telegram.bot_username or "").lstrip("@")
    if not username:
        notes.append("Telegram: bỏ qua, chưa đặt DVCBOT_TELEGRAM_BOT_USERNAME (@username của bot).")
    elif not _TELEGRAM_USERNAME_RE.match(username):
        raise QrError(f"DVCBOT_TELEGRAM_BOT_USERNAME={username!r} không phải tên người dùng Telegram")
    else:
        payload = make_payload(source, commune_key, team, "telegram")
        codes.append(Code("telegram", f"https://t.me/{username}?start={payload}", payload))

    payload = make_payload(source, commune_key, team, "webchat")
    codes.append(Code("webchat", f"{base}/webhooks/webchat/?ep={payload}", payload))
    host = re.sub(r"^https?://", "", base).split("/")[0].split(":")[0]
    if host in ("localhost", "127.0.0.1", "0.0.0.0", "::1"):
        notes.append(
            f"Web chat: mã trỏ tới {base}, điện thoại không mở được; "
            "hãy đặt DVCBOT_PUBLIC_URL là địa chỉ công khai của trợ lý trước khi in."
        )
    return codes, notes


# ------------------------------------------------------------------------------ images
def _qr(url: str):
    import qrcode
    import qrcode.constants

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, box_size=10, border=4)
    qr.add_data(url)
    qr.make(fit=True)
    return qr


def qr_png(url: str) -> bytes:
    image = _qr(url).make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(url: str) -> str:
    import qrcode.image.svg

    image = _qr(url).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    # a white background so the code scans on tinted paper too
    return re.sub(r"(<svg[^>]*>)", r'\1<rect width="100%" height="100%" fill="#fff"/>', svg, count=1)


# ------------------------------------------------------------------------------ leaflet
LEAFLET_CSS = """
@page { size: A5 portrait; margin: 9mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #111; background: #fff; }
.page { width: 130mm; min-height: 190mm; margin: 0 auto; padding: 0; }
@media screen { body { background: #e5e5e5; } .page { background: #fff; padding: 9mm; margin: 8mm auto; width: 148mm; min-height: 210mm; } }
h1 { margin: 0 0 1.5mm; font-size: 17pt; line-height: 1.2; color: #0b4f8a; }
.place { margin: 0 0 3mm; font-size: 12pt; font-weight: 700; }
.lead { margin: 0 0 4mm; font-size: 11pt; line-height: 1.35; }
.codes { display: flex; justify-content: center; gap: 2.5mm; margin: 0 0 2mm; }
.photo { margin: 0 0 4mm; font-size: 11pt; font-weight: bold; text-align: center; line-height: 1.3; }
.code { flex: 0 1 42mm; text-align: center; border: 0.4mm solid #0b4f8a; border-radius: 2mm; padding: 2mm 1mm; }
.code svg { display: block; width: 38mm; height: 38mm; margin: 0 auto; }
.code .label { margin: 1mm 0 0; font-size: 12pt; font-weight: 700; }
.code .hint { margin: 0.5mm 0 0; font-size: 8.5pt; line-height: 1.2; }
.code .link { margin: 0.5mm 0 0; font-size: 6.5pt; word-break: break-all; color: #333; }
h2 { margin: 0 0 1.5mm; font-size: 12.5pt; color: #0b4f8a; }
.questions { margin: 0 0 4mm; padding-left: 5mm; font-size: 11pt; line-height: 1.4; }
.desk { border-top: 0.4mm solid #999; padding-top: 2.5mm; font-size: 10.5pt; line-height: 1.4; }
.desk dl { display: grid; grid-template-columns: 26mm 1fr; gap: 0.5mm 2mm; margin: 0; }
.desk dt { font-weight: 700; }
.desk dd { margin: 0; }
.unknown { color: #555; font-style: italic; }
.foot { margin-top: 4mm; font-size: 8pt; color: #444; }
"""


def _strip_xml_declaration(svg: str) -> str:
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)


def render_leaflet(
    commune: CommuneInfo,
    codes: list[Code],
    svgs: dict[str, str],
    questions: list[str],
    source: str,
    today: Optional[dt.date] = None,
) -> str:
    today = today or tz.today()
    esc = html.escape

    def field(label: str, value: Optional[str]) -> str:
        shown = esc(value) if value else f'<span class="unknown">{UNKNOWN}</span>'
        return f"<dt>{esc(label)}</dt><dd>{shown}</dd>"

    code_blocks = []
    for code in codes:
        shown_link = re.sub(r"^https?://", "", code.url)
        code_blocks.append(
            f'<div class="code" data-channel="{code.channel}">'
            f"{_strip_xml_declaration(svgs[code.channel])}"
            f'<p class="label">{esc(CHANNEL_LABELS[code.channel])}</p>'
            f'<p class="hint">{esc(CHANNEL_HINTS[code.channel])}</p>'
            f'<p class="link">{esc(shown_link)}</p></div>'
        )
    where = commune.name + (f", {commune.province}" if commune.province else "")
    desk = commune.desk
    desk_title = desk.name or f"Bộ phận một cửa {commune.name}"
    question_items = "".join(f"<li>{esc(q)}</li>" for q in questions)
    photo_hint = " ".join(receipt_messages().text("leaflet.photo_hint").split())
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tờ rơi hỏi đáp thủ tục – {esc(commune.name)}</title>
<style>{LEAFLET_CSS}</style>
</head>
<body>
<div class="page">
<h1>Hỏi đáp thủ tục hành chính</h1>
<p class="place">{esc(where)}</p>
<p class="lead">Quét mã bằng điện thoại để hỏi trợ lý tự động: cần giấy tờ gì, lệ phí bao nhiêu, bao lâu có kết quả,
nộp ở đâu, nộp trực tuyến thế nào, hồ sơ đã tới đâu. Gõ không dấu cũng được. Miễn phí, không cần đăng ký.</p>
<div class="codes">
{"".join(code_blocks)}
</div>
<p class="photo">{esc(photo_hint)}</p>
<h2>Ví dụ câu hỏi</h2>
<ol class="questions">{question_items}</ol>
<div class="desk">
<h2>{esc(desk_title)}</h2>
<dl>
{field("Địa chỉ", desk.address)}
{field("Điện thoại", desk.phone)}
{field("Giờ làm việc", desk.hours)}
</dl>
</div>
<p class="foot">Trợ lý chỉ hướng dẫn; kết quả chính thức do cơ quan giải quyết hồ sơ trả. Cổng Dịch vụ công quốc gia: dichvucong.gov.vn.
Mã tờ rơi: {esc(source)} · in ngày {today.strftime("%d/%m/%Y")}</p>
</div>
</body>
</html>
"""


def find_chromium() -> Optional[str]:
    for candidate in (settings().tools.chromium, "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def print_pdf(html_file: Path, pdf_file: Path) -> None:
    chromium = find_chromium()
    if chromium is None:
        raise QrError("in PDF cần chromium (apt-get install -y chromium, hoặc DVCBOT_CHROMIUM=/đường/dẫn)")
    with tempfile.TemporaryDirectory(prefix="dvcbot-pdf-") as profile:
        result = subprocess.run(
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf_file}",
                html_file.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    if result.returncode != 0 or not pdf_file.exists():
        raise QrError(f"chromium không in được PDF: {result.stderr.strip()[-300:]}")


# ------------------------------------------------------------------------------ command
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dvcbot qr",
        description="Mã QR (Zalo, Telegram, web chat) và tờ rơi A5 để in cho một xã.",
        epilog="Biến môi trường: DVCBOT_ZALO_OA_ID, DVCBOT_TELEGRAM_BOT_USERNAME, DVCBOT_PUBLIC_URL "
        f"(mặc định {DEFAULT_PUBLIC_URL}).",
    )
    parser.add_argument("--commune", required=True, metavar="XÃ",
                        help='tên xã, có dấu hay không dấu: "Thạnh Phong"')
    parser.add_argument("--source", required=True, metavar="NGUỒN",
                        help="mã tờ rơi hoặc đợt phát, ví dụ leaflet-2026")
    parser.add_argument("--team", metavar="TỔ", help="mã tổ tình nguyện, được đếm cùng điểm vào")
    parser.add_argument("--out", type=Path, metavar="THƯ_MỤC",
                        help="thư mục ghi (mặc định out/qr/<nguồn>-<xã>)")
    parser.add_argument(
        "--question", action="append", metavar="CÂU",
        help="câu hỏi mẫu in trên tờ rơi (ghi 3 lần; mặc định: 3 câu hay gặp)",
    )
    parser.add_argument("--pdf", action="store_true", help="in thêm leaflet.pdf bằng chromium")
    parser.add_argument(
        "--zalo-via-web", action="store_true",
        help="mã Zalo đi qua <địa chỉ công khai>/webhooks/webchat/zalo để đếm lượt quét",
    )
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except QrError as exc:
        print(f"dvcbot qr: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # from make_payload: a source/team that cannot be encoded
        print(f"dvcbot qr: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # the knowledge base refused its YAML: show the validator's report
        report = getattr(exc, "report", None)
        if exc.__class__.__name__ != "KnowledgeError":
            raise
        print(f"dvcbot qr: {exc}", file=sys.stderr)
        if report is not None:
            print(report.format(warnings=False), file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    kb = open_knowledge_base()
    commune, communes = find_commune(kb, args.commune)
    if commune is None:
        valid = ", ".join(c.name for c in communes) or "(không có: tệp địa danh trống)"
        raise QrError(f"không biết xã {args.commune!r}. Các xã: {valid}")

    questions = [q.strip() for q in (args.question or DEFAULT_QUESTIONS) if q and q.strip()]
    if len(questions) > 5:
        raise QrError("tờ rơi A5 chỉ in được nhiều nhất 5 câu hỏi mẫu")

    codes, notes = build_codes(commune.key, args.source, args.team, args.zalo_via_web)
    out = args.out or (REPO_ROOT / "out" / "qr" / f"{normalize_value(args.source, 'source')}-{commune.key}")
    out.mkdir(parents=True, exist_ok=True)

    svgs: dict[str, str] = {}
    for code in codes:
        (out / f"{code.channel}.png").write_bytes(qr_png(code.url))
        svgs[code.channel] = qr_svg(code.url)
        (out / f"{code.channel}.svg").write_text(svgs[code.channel], encoding="utf-8")

    leaflet = out / "leaflet.html"
    leaflet.write_text(
        render_leaflet(commune, codes, svgs, questions, args.source), encoding="utf-8"
    )

    print(f"{commune.name}: {len(codes)} mã trong {out}")
    for code in codes:
        print(f"  {code.channel:9} {code.url}")
    print(f"  tờ rơi    {leaflet}")
    if args.pdf:
        print_pdf(leaflet, out / "leaflet.pdf")
        print(f"  pdf       {out / 'leaflet.pdf'}")
    missing = [label for label, value in (("địa chỉ", commune.desk.address), ("điện thoại", commune.desk.phone),
                                          ("giờ làm việc", commune.desk.hours)) if not value]
    if missing:
        notes.append(
            f"Bộ phận một cửa {commune.name}: tệp địa danh chưa có {', '.join(missing)}; in là "
            f"\"{UNKNOWN}\"."
        )
    for note in notes:
        print(f"lưu ý: {note}")
    return 0
