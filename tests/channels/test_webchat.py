"""Web chat channel: what a citizen's browser gets from /webhooks/webchat/.

The channel's real blueprint runs in a separate Sanic process (this file run as a script, see
`serve`) with a scripted fake bot as Rasa's `on_new_message`; the tests talk to it over real HTTP.
The fake bot records every UserMessage it receives, readable at /_test/received.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from bot.core.tz import today as vn_today  # entry points are counted per day in Việt Nam

REPO = Path(__file__).resolve().parents[2]
THIS = Path(__file__).resolve()


# ------------------------------------------------------------------------------ fake bot server
def scripted_reply(text: str) -> list[dict]:
    """What the fake bot answers. Deliberately not real facts: the tests check the plumbing."""
    from bot.core.text import fold

    folded = fold(text)
    if text == "/greet":
        return [
            {
                "text": "Xin chào! Tôi là trợ lý thử nghiệm.",
                "buttons": [
                    {"title": "Khai sinh", "payload": '/ask_documents{"procedure": "khai_sinh"}'},
                    {"title": "Căn cước", "payload": '/ask_documents{"procedure": "can_cuoc"}'},
                ],
            }
        ]
    if text == "boom":
        raise RuntimeError("scripted failure")
    if text == "slow":
        return [{"text": "__slow__"}]
    if text == "silent":  # what Rasa does when a custom action fails: nothing
        return []
    if text.startswith("/ask_documents"):
        procedure = json.loads(text[len("/ask_documents"):])["procedure"]
        return [{"text": f"(bot thử) giấy tờ cho thủ tục {procedure}\nXem thêm: https://dichvucong.gov.vn."}]
    if "khai sinh" in folded:
        return [{"text": "(bot thử) giấy tờ cho thủ tục khai_sinh"}]
    return [{"text": f"(bot thử) bạn vừa gửi: {text}"}]


def build_app(database_url: str, rate_limit: int = 1000):
    from sanic import Sanic, response

    from bot.channels.webchat import WebChatInput

    app = Sanic("webchat_test_server")
    received: list[dict] = []

    async def on_new_message(message):
        received.append(
            {
                "text": message.text,
                "sender_id": message.sender_id,
                "input_channel": message.input_channel,
                "metadata": message.metadata,
            }
        )
        for reply in scripted_reply(message.text):
            if reply.get("text") == "__slow__":
                await asyncio.sleep(30)
            if reply.get("buttons"):
                await message.output_channel.send_text_with_buttons(
                    message.sender_id, reply["text"], reply["buttons"]
                )
            else:
                await message.output_channel.send_text_message(message.sender_id, reply["text"])

    channel = WebChatInput(
        rate_limit_per_minute=rate_limit, database_url=database_url, answer_timeout_seconds=2
    )
    app.blueprint(channel.blueprint(on_new_message), url_prefix="/webhooks/webchat")

    @app.route("/_test/received")
    async def test_received(request):
        return response.json(received)

    return app


def serve(port: int, database_url: str, rate_limit: int) -> None:
    app = build_app(database_url, rate_limit)
    app.run(host="127.0.0.1", port=port, access_log=False, workers=1, debug=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeBotServer:
    """The web chat blueprint + scripted bot in its own process."""

    def __init__(self, tmp_dir: Path, rate_limit: int = 1000, env: dict | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.database_url = f"sqlite:///{tmp_dir / 'webchat.sqlite3'}"
        self.log = open(tmp_dir / "server.log", "w")  # noqa: SIM115
        extra = dict(env or {})
        extra.setdefault("DVCBOT_RATE_LIMIT_PER_ADDRESS_PER_MINUTE", "0")
        env = {k: v for k, v in os.environ.items() if not k.startswith("DVCBOT_")}
        # the web chat consults the volunteer hand-off: keep its database and teams file in tmp
        env.update(PYTHONPATH=str(REPO), DVCBOT_DATABASE_URL=self.database_url,
                   DVCBOT_TEAMS_FILE=str(tmp_dir / "teams.yml"), **extra)
        self.proc = subprocess.Popen(
            [sys.executable, str(THIS), "--serve", str(self.port), self.database_url, str(rate_limit)],
            cwd=str(REPO),
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(self.base + "/webhooks/webchat/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError((tmp_dir / "server.log").read_text())
            time.sleep(0.2)

    def received(self) -> list[dict]:
        return httpx.get(self.base + "/_test/received", timeout=5).json()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


# ------------------------------------------------------------------------------ tests
@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = FakeBotServer(tmp_path_factory.mktemp("webchat"))
    yield srv
    srv.stop()


_sessions: dict[tuple[str, str], str] = {}


def session_for(server, name: str) -> str:
    """The signed session a page load gave the visitor the test calls `name`."""
    key = (server.base, name)
    if key not in _sessions:
        page = httpx.get(server.base + "/webhooks/webchat/", timeout=5).text
        _sessions[key] = re.search(r'name="dvcbot-session" content="([^"]+)"', page).group(1)
    return _sessions[key]


def conv(server, name: str) -> str:
    """The conversation id behind the session of `name` (what Rasa sees)."""
    return session_for(server, name).split(".")[0]


def post(server, body, **kw):
    """POST as the page does: the visitor's signed session instead of the test's name."""
    if isinstance(body, dict) and "sender" in body:
        body = dict(body)
        body["session"] = session_for(server, body.pop("sender"))
    return httpx.post(server.base + "/webhooks/webchat/webhook", json=body, timeout=10, **kw)


SENDER = "web-0123456789abcdef"


def test_page_is_small_self_contained_and_has_the_chips(server):
    page = httpx.get(server.base + "/webhooks/webchat/", timeout=5)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert 'lang="vi"' in html and 'name="viewport"' in html
    assert 'aria-live="polite"' in html
    assert "Chữ to" in html
    # chips from quick_replies.yml, rendered before any JS runs
    assert 'class="chip" data-message="Làm giấy khai sinh cần giấy tờ gì?"' in html
    # nothing fetched from another site (no CDN, no web fonts)
    assert "http://" not in html and "https://" not in html and "//" not in html.replace("<!--", "")
    total = len(page.content)
    for name in ("app.js", "style.css"):
        res = httpx.get(server.base + "/webhooks/webchat/static/" + name, timeout=5)
        assert res.status_code == 200
        assert "http://" not in res.text.replace("https?:\\/\\/", "")
        total += len(res.content)
    assert total < 50_000, f"page weighs {total} bytes"


def test_page_without_trailing_slash_redirects_keeping_the_entry_point(server):
    res = httpx.get(server.base + "/webhooks/webchat?ep=Sleaflet-2026", timeout=5)
    assert res.status_code in (301, 302, 307, 308)
    assert res.headers["location"].endswith("/webhooks/webchat/?ep=Sleaflet-2026")


def test_only_known_static_files_are_served(server):
    for name in ("..%2F..%2Fwebchat.py", "index.html", "quick_replies.yml", "nope.js"):
        assert httpx.get(server.base + "/webhooks/webchat/static/" + name, timeout=5).status_code == 404


def test_a_citizen_message_reaches_the_bot_and_the_answer_comes_back_with_buttons(server):
    res = post(server, {"sender": SENDER, "message": "/greet"})
    assert res.status_code == 200
    messages = res.json()
    assert messages[0]["text"].startswith("Xin chào")
    assert [b["title"] for b in messages[0]["buttons"]] == ["Khai sinh", "Căn cước"]
    assert messages[0]["recipient_id"] == conv(server, SENDER)

    res = post(server, {"sender": SENDER, "message": "lam giay khai sinh can gi"})
    assert res.json() == [{"recipient_id": conv(server, SENDER),
                           "text": "(bot thử) giấy tờ cho thủ tục khai_sinh"}]
    last = server.received()[-1]
    assert last["text"] == "lam giay khai sinh can gi"
    assert last["input_channel"] == "webchat"
    assert last["sender_id"] == conv(server, SENDER)


def test_the_leaflet_entry_point_reaches_rasa_as_metadata_and_is_counted_once_per_day(server):
    from bot.entry_points import entry_counts, make_payload

    sender = "web-entrypoint-0001"
    payload = make_payload("leaflet-2026", "thanh_phong", channel="webchat")
    for _ in range(2):  # the page reloaded: same sender, same payload
        res = post(server, {"sender": sender, "message": "/greet", "entry_point": payload})
        assert res.status_code == 200
    greets = [m for m in server.received() if m["sender_id"] == conv(server, sender)]
    assert greets[0]["metadata"] == {
        "entry_point": {
            "source": "leaflet-2026",
            "commune": "thanh_phong",
            "team": None,
            "channel": "webchat",
        }
    }
    rows = [
        r
        for r in entry_counts(vn_today() - dt.timedelta(days=1), database_url=server.database_url)
        if r["source"] == "leaflet-2026"
    ]
    assert rows == [
        {
            "day": vn_today(),
            "source": "leaflet-2026",
            "commune": "thanh_phong",
            "team": None,
            "channel": "webchat",
            "count": 1,
        }
    ]


def test_a_garbled_entry_point_is_ignored_and_the_chat_still_works(server):
    sender = "web-garbled-0001"
    res = post(server, {"sender": sender, "message": "/greet", "entry_point": "<script>alert(1)</script>"})
    assert res.status_code == 200 and res.json()[0]["text"].startswith("Xin chào")
    assert [m["metadata"] for m in server.received() if m["sender_id"] == conv(server, sender)] == [None]


def test_too_long_and_empty_messages_get_a_polite_answer_without_reaching_the_bot(server):
    sender = "web-toolong-0001"
    res = post(server, {"sender": sender, "message": "a" * 5000})
    assert res.status_code == 200
    assert "dài quá" in res.json()[0]["text"]
    res = post(server, {"sender": sender, "message": "   "})
    assert "chỉ đọc được tin nhắn chữ" in res.json()[0]["text"]
    res = post(server, {"sender": sender, "message": {"not": "text"}})
    assert "chỉ đọc được tin nhắn chữ" in res.json()[0]["text"]
    assert [m for m in server.received() if m["sender_id"] == conv(server, sender)] == []


@pytest.mark.parametrize(
    "body, status",
    [
        ({"message": "hi"}, 401),
        ({"sender": "web-0123456789abcdef", "message": "hi"}, 401),   # an id the page chose
        ({"session": "web:" + "0" * 32 + "." + "A" * 43, "message": "hi"}, 403),  # forged
        ({"session": "short", "message": "hi"}, 403),
        (["not", "an", "object"], 400),
    ],
)
def test_requests_without_a_session_the_server_signed_are_refused(server, body, status):
    before = len(server.received())
    res = httpx.post(server.base + "/webhooks/webchat/webhook", json=body, timeout=10)
    assert res.status_code == status
    if status != 400:
        assert "tải lại trang" in res.json()["messages"][0]["text"]
    assert len(server.received()) == before


def test_another_conversations_session_cannot_be_made_from_its_id(server):
    post(server, {"sender": "web-victim-0001", "message": "xin chao"})
    victim = conv(server, "web-victim-0001")
    forged = victim + "." + session_for(server, "web-attacker-01").split(".")[1]
    res = httpx.post(server.base + "/webhooks/webchat/outbox", json={"session": forged}, timeout=10)
    assert res.status_code == 403
    assert httpx.get(server.base + "/webhooks/webchat/outbox?sender=" + victim,
                     timeout=10).status_code == 405   # never in a URL


def test_a_cross_site_text_plain_post_is_refused(server):
    res = httpx.post(server.base + "/webhooks/webchat/webhook", timeout=10,
                     content=json.dumps({"session": session_for(server, "web-csrf-0001"),
                                         "message": "xin chao"}),
                     headers={"Content-Type": "text/plain"})
    assert res.status_code == 415


def test_malformed_json_is_refused_not_crashing(server):
    res = httpx.post(
        server.base + "/webhooks/webchat/webhook",
        content=b"{not json",
        headers={"content-type": "application/json"},
        timeout=5,
    )
    assert res.status_code == 400


def test_when_the_bot_fails_the_page_gets_a_polite_vietnamese_error(server):
    res = post(server, {"sender": "web-boom-00001", "message": "boom"})
    assert res.status_code == 503
    assert res.json()["messages"][0]["text"].startswith("Xin lỗi")


def test_when_the_bot_answers_nothing_the_page_asks_the_citizen_to_write_again(server):
    res = post(server, {"sender": "web-silent-0001", "message": "silent"})
    assert res.status_code == 200
    [answer] = res.json()
    assert answer["recipient_id"] == conv(server, "web-silent-0001")
    assert "nhắn lại" in answer["text"]


def test_when_the_bot_is_too_slow_the_page_gets_a_polite_error_not_a_hang(server):
    started = time.monotonic()
    res = post(server, {"sender": "web-slow-00001", "message": "slow"})
    assert res.status_code == 503
    assert time.monotonic() - started < 8
    assert "thử lại" in res.json()["messages"][0]["text"]


def test_a_sender_flooding_messages_is_slowed_down_politely(tmp_path):
    srv = FakeBotServer(tmp_path, rate_limit=3)
    try:
        sender = "web-flood-00001"
        answers = [post(srv, {"sender": sender, "message": f"hoi {i}"}).json() for i in range(5)]
        assert [a[0]["text"] for a in answers[:3]] == [f"(bot thử) bạn vừa gửi: hoi {i}" for i in range(3)]
        assert "nhanh quá" in answers[3][0]["text"]  # told once...
        assert answers[4] == []  # ...then the burst is dropped quietly
        # another citizen is not affected
        other = post(srv, {"sender": "web-other-00001", "message": "xin chao"}).json()
        assert other[0]["text"] == "(bot thử) bạn vừa gửi: xin chao"
        assert len([m for m in srv.received() if m["sender_id"] == conv(srv, sender)]) == 3
    finally:
        srv.stop()


def test_the_zalo_leaflet_link_counts_and_redirects_to_the_official_account(tmp_path):
    srv = FakeBotServer(tmp_path, env={"DVCBOT_ZALO_OA_ID": "1234567890"})
    try:
        from bot.entry_points import entry_counts, make_payload

        payload = make_payload("leaflet-2026", "thanh_phong", channel="zalo")
        res = httpx.get(srv.base + "/webhooks/webchat/zalo", params={"ep": payload}, timeout=5)
        assert res.status_code == 302
        assert res.headers["location"] == "https://zalo.me/1234567890"
        rows = entry_counts(vn_today(), database_url=srv.database_url)
        assert [(r["commune"], r["channel"], r["count"]) for r in rows] == [("thanh_phong", "zalo", 1)]
    finally:
        srv.stop()


def test_credentials_yml_settings_are_read():
    from bot.channels.webchat import WebChatInput

    channel = WebChatInput.from_credentials({"max_message_chars": 300, "rate_limit_per_minute": 5})
    assert channel.limits.max_message_chars == 300 and channel.limits.rate_per_minute == 5
    assert WebChatInput.name() == "webchat"
    with pytest.raises(ValueError, match="max_message_chars"):
        WebChatInput.from_credentials({"max_message_chars": "lots"})


def test_a_citizen_cannot_trigger_internal_intents_by_typing_them(server):
    sender = "web-restart-00001"
    post(server, {"sender": sender, "message": "/restart"})
    post(server, {"sender": sender, "message": "/EXTERNAL_dossier_changed"})
    assert [m["text"] for m in server.received() if m["sender_id"] == conv(server, sender)] == [
        "restart",
        "EXTERNAL_dossier_changed",
    ]


def test_a_broken_quick_replies_file_gives_a_page_without_chips_not_an_error(tmp_path):
    from bot.channels.webchat import load_quick_replies, render_page

    broken = tmp_path / "quick_replies.yml"
    broken.write_text("quick_replies: [ {title: unclosed", encoding="utf-8")
    assert load_quick_replies(broken) == []
    html = render_page([], "static/")
    assert "{{" not in html and 'id="chips"' in html
    # a title with markup is shown as text, never run
    html = render_page([{"title": "<b>x</b>", "message": '"><script>'}], "static/")
    assert "<b>x</b>" not in html and "<script>" not in html.split("</footer>")[0]


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--serve":
        serve(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    else:
        print("usage: test_webchat.py --serve PORT DATABASE_URL RATE_LIMIT", file=sys.stderr)
        sys.exit(2)


def test_a_question_sent_again_with_the_same_client_id_is_answered_once(server):
    sender = "web-resend-0001"
    body = {"sender": sender, "message": "le phi doi cccd", "client_id": "resend-0001-abcdef"}
    first = post(server, body)
    again = post(server, body)          # "Gửi lại" after the first answer was lost
    assert first.status_code == again.status_code == 200
    assert [m["text"] for m in again.json()] == [m["text"] for m in first.json()] == [
        "(bot thử) bạn vừa gửi: le phi doi cccd"]
    assert [m["text"] for m in server.received()
            if m["sender_id"] == conv(server, sender)] == ["le phi doi cccd"]


def test_history_gives_the_visible_conversation_masked_and_a_button_answers_once(server):
    from bot.channels.base import texts

    sender = "web-history-0001"
    [greeting] = post(server, {"sender": sender, "message": "/greet",
                               "client_id": "history-greet-0001"}).json()
    post(server, {"sender": sender, "message": "so toi 0912345678", "client_id": "history-0002-x"})
    key = greeting["buttons"][1]["payload"]
    press = {"sender": sender, "message": key, "shown": "Căn cước",
             "turn_id": greeting["turn_id"], "client_id": "history-0003-x"}
    assert "can_cuoc" in post(server, press).json()[0]["text"]
    twice = post(server, dict(press, client_id="history-0004-x")).json()
    assert [m["text"] for m in twice] == [texts()["button_answered"]]
    turns = httpx.post(server.base + "/webhooks/webchat/history", timeout=5,
                       json={"session": session_for(server, sender)}).json()["turns"]
    assert [(t["role"], t["text"]) for t in turns] == [
        ("bot", "Xin chào! Tôi là trợ lý thử nghiệm."), ("user", "so toi ********78"),
        ("bot", "(bot thử) bạn vừa gửi: so toi ********78"), ("user", "Căn cước"),
        ("bot", "(bot thử) giấy tờ cho thủ tục can_cuoc\nXem thêm: https://dichvucong.gov.vn.")]
    assert turns[0]["answered"] is True and turns[0]["buttons"][1]["title"] == "Căn cước"
    asked = [m["text"] for m in server.received() if m["sender_id"] == conv(server, sender)]
    assert asked.count('/ask_documents{"procedure": "can_cuoc"}') == 1


def test_the_page_waits_longer_than_the_server(server):
    page = httpx.get(server.base + "/webhooks/webchat/", timeout=5).text
    waits = int(re.search(r'name="dvcbot-timeout-ms" content="(\d+)"', page).group(1))
    assert waits > 2000   # the test server answers "busy" after 2 s


def test_a_photo_from_the_camera_button_reaches_the_bot_as_its_reading_and_a_bad_file_does_not(
        server):
    import base64
    import io

    from bot.receipt import UNSUPPORTED_TYPE, ReceiptReading
    from bot.receipt.synth import draw_receipt

    buffer = io.BytesIO()
    draw_receipt("000.00.12.H05-211020-0001", symbol="qr", seed=5).convert("RGB").save(
        buffer, "JPEG", quality=85)
    sender = "web-photo-0001"
    url = server.base + "/webhooks/webchat/upload"
    image = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()
    answer = httpx.post(url, timeout=30, json={"session": session_for(server, sender),
                                               "image": image, "client_id": "photo-0001-abc",
                                               "shown": "📷 Ảnh giấy hẹn"}).json()
    expected = ('/receipt_photo{"receipt_code": "000.00.12.H05-211020-0001", '
                '"receipt_confidence": "high", "receipt_reason": ""}')
    assert [m["text"] for m in answer] == [f"(bot thử) bạn vừa gửi: {expected}"]
    not_image = "data:image/jpeg;base64," + base64.b64encode(b"GIF89a...").decode()
    refused = httpx.post(url, timeout=30, json={"session": session_for(server, sender),
                                                "image": not_image}).json()
    assert [m["text"] for m in refused] == [ReceiptReading(reason=UNSUPPORTED_TYPE).message()]
    assert [m["text"] for m in server.received()
            if m["sender_id"] == conv(server, sender)] == [expected]
