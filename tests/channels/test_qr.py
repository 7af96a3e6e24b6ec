"""`dvcbot qr`: the codes on a commune's leaflet open the right conversation.

Runs the command as a separate process (as an operator would), with the real places file, then
decodes every PNG and SVG with a real QR decoder (zxing-cpp) and the printed leaflet as chromium
renders it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

zxingcpp = pytest.importorskip("zxingcpp", reason="dev dependency zxing-cpp is not installed")
from PIL import Image  # noqa: E402  (pillow comes with Rasa)

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = next(
    (p for p in (os.environ.get("DVCBOT_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"))
     if p),
    None,
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary (apt-get install -y chromium; or set DVCBOT_CHROMIUM)"
)

OA_ID = "4318006451012345678"  # test value, not a real OA
BOT = "dvcbot_test_bot"
PUBLIC = "https://dvc.example.vn"
TELEGRAM_LINK = f"https://t.me/{BOT}?start=Sleaflet-2026Cthanh_phongKt"
WEB_LINK = f"{PUBLIC}/webhooks/webchat/?ep=Sleaflet-2026Cthanh_phongKw"
ZALO_LINK = f"https://zalo.me/{OA_ID}"

PHONE_RE = re.compile(r"(?<![\w/])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)")


def run_qr(tmp_path: Path, *args: str, env: dict | None = None, places: Path | None = None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DVCBOT_")}
    full_env.update(
        PYTHONPATH=str(REPO),
        DVCBOT_DATABASE_URL=f"sqlite:///{tmp_path / 'kb.sqlite3'}",
        **(env or {}),
    )
    if places is not None:
        full_env["DVCBOT_PLACES_FILE"] = str(places)
    return subprocess.run(
        [sys.executable, "-c", "import sys; from bot.qr import main; sys.exit(main(sys.argv[1:]))", *args],
        cwd=str(REPO),
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


ALL_CHANNELS = {"DVCBOT_ZALO_OA_ID": OA_ID, "DVCBOT_TELEGRAM_BOT_USERNAME": "@" + BOT, "DVCBOT_PUBLIC_URL": PUBLIC}


def decode_png(path: Path) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(path)) if r.format == zxingcpp.BarcodeFormat.QRCode]


def decode_svg(path: Path, scale: int = 8) -> list[str]:
    """Rasterise the SVG path of unit squares ("Mx,yHx2Vy2Hxz") drawn by qrcode's SvgPathImage."""
    svg = path.read_text(encoding="utf-8")
    width, height = (int(v) for v in re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    image = Image.new("L", (width * scale, height * scale), 255)
    d = re.search(r'<path[^>]* d="([^"]+)"', svg).group(1)
    squares = re.findall(r"M(\d+),(\d+)H(\d+)V(\d+)H\d+z", d)
    assert squares, "no modules found in the SVG path"
    for x0, y0, x1, y1 in squares:
        image.paste(0, (int(x0) * scale, int(y0) * scale, int(x1) * scale, int(y1) * scale))
    return [r.text for r in zxingcpp.read_barcodes(image)]


@pytest.fixture(scope="module")
def leaflet_dir(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("qr")
    out = tmp / "out"
    result = run_qr(tmp, "--commune", "Thạnh Phong", "--source", "leaflet-2026", "--out", str(out), env=ALL_CHANNELS)
    assert result.returncode == 0, result.stderr
    return out, result


def test_each_code_png_and_svg_decodes_to_its_link(leaflet_dir):
    out, _ = leaflet_dir
    expected = {"zalo": ZALO_LINK, "telegram": TELEGRAM_LINK, "webchat": WEB_LINK}
    for channel, link in expected.items():
        assert decode_png(out / f"{channel}.png") == [link], channel
        assert decode_svg(out / f"{channel}.svg") == [link], channel


def test_the_operator_sees_the_links_and_what_is_unknown(leaflet_dir):
    _, result = leaflet_dir
    assert TELEGRAM_LINK in result.stdout and WEB_LINK in result.stdout and ZALO_LINK in result.stdout
    assert "xã Thạnh Phong" in result.stdout
    assert "chưa có thông tin" in result.stdout  # the desk fields the places file does not know


def leaflet_text(out: Path) -> str:
    html = (out / "leaflet.html").read_text(encoding="utf-8")
    return re.sub(r"<svg.*?</svg>", "", html, flags=re.S)


def test_the_leaflet_has_three_codes_the_desk_and_three_questions_and_no_invented_phone(leaflet_dir):
    out, _ = leaflet_dir
    html = (out / "leaflet.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 3
    assert [m for m in re.findall(r'data-channel="(\w+)"', html)] == ["zalo", "telegram", "webchat"]
    assert "@page" in html and "A5" in html
    text = leaflet_text(out)
    assert "xã Thạnh Phong" in text and "tỉnh Vĩnh Long" in text
    assert "Bộ phận một cửa xã Thạnh Phong" in text
    # the places file has no address, phone or hours yet: each shows as unknown, nothing made up
    assert text.count("chưa có thông tin") == 3
    assert PHONE_RE.findall(text) == []
    assert len(re.findall(r"<li>", text)) == 3
    assert "http" not in re.sub(r'<p class="link">.*?</p>', "", text)  # no external resources


def test_the_leaflet_says_a_photo_of_the_receipt_is_enough_right_under_the_codes(leaflet_dir):
    out, _ = leaflet_dir
    text = leaflet_text(out)
    under_codes = text.split('<div class="codes">', 1)[1].split("<h2>", 1)[0]
    assert "chụp ảnh giấy hẹn gửi vào đây" in under_codes


def test_commune_names_are_matched_without_diacritics_and_old_names_map_to_the_new_commune(tmp_path):
    for name in ("thanh phong", "XÃ THẠNH PHONG", "Giao Thạnh"):
        result = run_qr(tmp_path, "--commune", name, "--source", "leaflet-2026", "--out", str(tmp_path / "o"))
        assert result.returncode == 0, (name, result.stderr)
        assert "xã Thạnh Phong" in result.stdout


@pytest.mark.parametrize("name", ["Thạnh Phongg", "Thanh Phong 2", "Phong"])
def test_an_unknown_commune_is_refused_with_the_list_of_valid_ones(tmp_path, name):
    result = run_qr(tmp_path, "--commune", name, "--source", "leaflet-2026", "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "không biết xã" in result.stderr
    for commune in ("xã Đại Điền", "xã Quới Điền", "xã Thạnh Phú", "xã An Qui", "xã Thạnh Hải", "xã Thạnh Phong"):
        assert commune in result.stderr
    assert not (tmp_path / "o").exists()


def test_the_former_district_is_not_a_commune_and_the_operator_is_told_which_to_choose(tmp_path):
    result = run_qr(tmp_path, "--commune", "huyện Thạnh Phú", "--source", "leaflet-2026", "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "huyện cũ" in result.stderr and "xã An Qui" in result.stderr


def test_without_zalo_or_telegram_settings_those_codes_are_skipped_with_a_note_never_invented(tmp_path):
    out = tmp_path / "out"
    result = run_qr(tmp_path, "--commune", "Thạnh Phong", "--source", "leaflet-2026", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["leaflet.html", "webchat.png", "webchat.svg"]
    assert "chưa đặt DVCBOT_ZALO_OA_ID" in result.stdout
    assert "chưa đặt DVCBOT_TELEGRAM_BOT_USERNAME" in result.stdout
    # the default public URL is local: the operator is warned before printing
    assert "DVCBOT_PUBLIC_URL" in result.stdout
    assert decode_png(out / "webchat.png") == ["http://localhost:5005/webhooks/webchat/?ep=Sleaflet-2026Cthanh_phongKw"]
    html = (out / "leaflet.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 1 and "zalo.me" not in html and "t.me" not in html


def test_a_team_is_carried_and_zalo_can_be_counted_through_the_assistant(tmp_path):
    out = tmp_path / "out"
    result = run_qr(
        tmp_path, "--commune", "An Nhơn", "--source", "leaflet-2026", "--team", "Đoàn TN An Qui",
        "--zalo-via-web", "--out", str(out), env=ALL_CHANNELS,
    )
    assert result.returncode == 0, result.stderr
    assert decode_png(out / "zalo.png") == [f"{PUBLIC}/webhooks/webchat/zalo?ep=Sleaflet-2026Can_quiTdoan-tn-an-quiKz"]
    assert decode_png(out / "telegram.png") == [f"https://t.me/{BOT}?start=Sleaflet-2026Can_quiTdoan-tn-an-quiKt"]


def test_a_desk_filled_in_by_the_operator_is_printed_as_written(tmp_path):
    original = (REPO / "knowledge" / "data" / "places").glob("*.yml")
    places = tmp_path / "places.yml"
    text = next(original).read_text(encoding="utf-8")
    # fill in the Thạnh Phong desk (test data only)
    block = re.search(r"(  - key: thanh_phong\n(?:    .*\n?)+)", text).group(1)
    filled = (
        block.replace("address: unknown", "address: Ấp Thạnh Hòa (địa chỉ thử)")
        .replace("phone: unknown", 'phone: "0275 3000 000"\n      source: "https://example.gov.vn/thu-nghiem"\n'
                 "      verified_on: 2026-01-15")
    )
    places.write_text(text.replace(block, filled), encoding="utf-8")
    out = tmp_path / "out"
    result = run_qr(tmp_path, "--commune", "Thạnh Phong", "--source", "t", "--out", str(out), places=places)
    assert result.returncode == 0, result.stderr
    text = leaflet_text(out)
    assert "Ấp Thạnh Hòa (địa chỉ thử)" in text and "0275 3000 000" in text
    assert text.count("chưa có thông tin") == 1  # hours still unknown


def test_a_broken_places_file_is_reported_with_file_and_field_not_a_traceback(tmp_path):
    places = tmp_path / "places.yml"
    text = next((REPO / "knowledge" / "data" / "places").glob("*.yml")).read_text(encoding="utf-8")
    # a phone filled in without saying where it comes from is refused by the validator
    places.write_text(text.replace("phone: unknown", 'phone: "0275 3000 000"', 1), encoding="utf-8")
    result = run_qr(tmp_path, "--commune", "Thạnh Phong", "--source", "t", "--out", str(tmp_path / "o"), places=places)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "places.yml" in result.stderr and "office" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_source_that_cannot_fit_a_telegram_link_is_refused_clearly(tmp_path):
    result = run_qr(tmp_path, "--commune", "Thạnh Phong", "--source", "x" * 50, "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "source" in result.stderr


@needs_chromium
def test_the_printed_leaflet_scans(leaflet_dir, tmp_path):
    """Render leaflet.html in chromium at print-like resolution; all three codes must scan."""
    out, _ = leaflet_dir
    shot = tmp_path / "leaflet.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--hide-scrollbars", "--force-device-scale-factor=2",
                "--window-size=640,900", f"--screenshot={shot}", (out / "leaflet.html").as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
    found = {r.text for r in zxingcpp.read_barcodes(Image.open(shot))}
    assert found == {ZALO_LINK, TELEGRAM_LINK, WEB_LINK}


@needs_chromium
def test_a_pdf_leaflet_is_printed_on_a5(tmp_path):
    out = tmp_path / "out"
    result = run_qr(
        tmp_path, "--commune", "Thạnh Phong", "--source", "leaflet-2026", "--out", str(out), "--pdf", env=ALL_CHANNELS
    )
    assert result.returncode == 0, result.stderr
    pdf = (out / "leaflet.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    # A5 = 148 x 210 mm = 419.5 x 595.3 pt; one page
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 419.5) < 2 and abs(float(h) - 595.3) < 2 for w, h in boxes)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
