"""The web chat page in a real headless browser (Debian's chromium), on a 360x740 phone screen.

Chromium is driven over the DevTools protocol (a websocket, `websockets` comes with Rasa): real
key presses and taps, against the channel's real blueprint served by a separate process with a
scripted fake bot (see test_webchat.py). Skipped only when no chromium binary exists; CI installs
it with `apt-get install -y chromium`.

A screenshot of the conversation is written to var/test-artifacts/webchat-360x740.png.
"""

from __future__ import annotations

import asyncio
import base64
import importlib.util
import itertools
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from bot.core.tz import today as vn_today  # entry points are counted per day in Việt Nam

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "var" / "test-artifacts"
CHROMIUM = next(
    (p for p in (os.environ.get("DVCBOT_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                 shutil.which("google-chrome")) if p),
    None,
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium binary (install it: apt-get install -y chromium; or set DVCBOT_CHROMIUM)",
)

_spec = importlib.util.spec_from_file_location("webchat_fake_server", Path(__file__).with_name("test_webchat.py"))
_fake = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fake)
FakeBotServer = _fake.FakeBotServer

WIDTH, HEIGHT = 360, 740


# ------------------------------------------------------------------------------ a tiny CDP client
class Browser:
    """Headless chromium with one page, driven through the DevTools protocol."""

    def __init__(self, profile_dir: Path) -> None:
        self.profile_dir = profile_dir
        self.proc: subprocess.Popen | None = None
        self.ws = None
        self.session = None
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future] = {}
        self.events: list[dict] = []
        self._reader = None

    async def start(self) -> None:
        import websockets

        self.proc = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile_dir}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = self.profile_dir / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("chromium did not start (no DevToolsActivePort)")
            await asyncio.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        self.ws = await websockets.connect(f"ws://127.0.0.1:{port}{path}", max_size=None)
        self._reader = asyncio.ensure_future(self._read())
        target = await self.send("Target.createTarget", {"url": "about:blank"}, browser=True)
        attached = await self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, browser=True
        )
        self.session = attached["sessionId"]
        await self.send("Page.enable")
        await self.send("Runtime.enable")
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 2, "mobile": True},
        )

    async def _read(self) -> None:
        async for raw in self.ws:
            msg = json.loads(raw)
            if "id" in msg and msg["id"] in self._pending:
                self._pending.pop(msg["id"]).set_result(msg)
            else:
                self.events.append(msg)

    async def send(self, method: str, params: dict | None = None, browser: bool = False) -> dict:
        msg_id = next(self._ids)
        message = {"id": msg_id, "method": method, "params": params or {}}
        if not browser:
            message["sessionId"] = self.session
        future = asyncio.get_running_loop().create_future()
        self._pending[msg_id] = future
        await self.ws.send(json.dumps(message))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def eval(self, expression: str):
        result = await self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 15, what: str = "") -> object:
        deadline = time.monotonic() + timeout
        while True:
            value = await self.eval(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                texts = await self.eval("Array.from(document.querySelectorAll('#log > *')).map(e => e.textContent)")
                raise AssertionError(f"timed out waiting for {what or expression}; page shows {texts}")
            await asyncio.sleep(0.1)

    async def goto(self, url: str) -> None:
        await self.send("Page.navigate", {"url": url})
        await self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'")

    async def tap(self, selector_js: str) -> None:
        """A real pointer click in the middle of the element `selector_js` evaluates to."""
        box = await self.eval(
            f"(() => {{ const el = {selector_js}; el.scrollIntoView({{block: 'center'}});"
            " const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        x, y = box
        for kind in ("mousePressed", "mouseReleased"):
            await self.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
            )

    async def type_and_enter(self, text: str) -> None:
        await self.tap("document.getElementById('text')")
        await self.send("Input.insertText", {"text": text})
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
            if kind == "keyDown":
                params["text"] = "\r"
            await self.send("Input.dispatchKeyEvent", params)

    async def screenshot(self, path: Path) -> None:
        data = await self.send("Page.captureScreenshot", {"format": "png"})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))

    async def close(self) -> None:
        try:
            if self.ws is not None:
                await self.ws.close()
            if self._reader is not None:
                self._reader.cancel()
        finally:
            if self.proc is not None and self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()


BOT_TEXTS = "Array.from(document.querySelectorAll('.msg.bot:not(.intro)')).map(e => e.textContent)"
USER_TEXTS = "Array.from(document.querySelectorAll('.msg.user')).map(e => e.textContent)"


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two computed CSS colours ("rgb(r, g, b)")."""

    def luminance(css: str) -> float:
        r, g, b = (int(v) / 255 for v in css[css.index("(") + 1:css.index(")")].split(",")[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


COLOURS_JS = """
(() => {
  const pick = (el, bgEl) => [getComputedStyle(el).color, getComputedStyle(bgEl || el).backgroundColor];
  const q = s => document.querySelector(s);
  return {
    header: pick(q('.bar h1'), q('.bar')),
    toggle: pick(q('#large-text')),
    bot: pick(q('.msg.bot')),
    user: pick(q('.msg.user')),
    link: pick(q('.msg.bot a'), q('.msg.bot')),
    button: pick(q('.buttons button')),
    chip: pick(q('.chip')),
    send: pick(q('#send')),
    input: pick(q('#text')),
    placeholder: [getComputedStyle(q('#text'), '::placeholder').color, getComputedStyle(q('#text')).backgroundColor],
  };
})()
"""


def run(coro):
    return asyncio.new_event_loop().run_until_complete(coro)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = FakeBotServer(tmp_path_factory.mktemp("webchat-browser"))
    yield srv
    srv.stop()


def test_a_citizen_chats_from_a_leaflet_on_a_cheap_phone_screen(server, tmp_path):
    from bot.entry_points import entry_counts, make_payload

    payload = make_payload("leaflet-2026", "thanh_phong", channel="webchat")

    async def scenario():
        browser = Browser(tmp_path / "profile")
        try:
            await browser.start()
            await browser.goto(f"{server.base}/webhooks/webchat/?ep={payload}")

            # the page greets by itself, passing the leaflet's entry point
            await browser.wait_for(f"{BOT_TEXTS}.some(t => t.startsWith('Xin chào'))", what="greeting")
            assert await browser.eval(USER_TEXTS) == []  # "/greet" is not shown as if typed
            greet = [m for m in server.received() if m["text"] == "/greet"][-1]
            assert greet["metadata"]["entry_point"]["commune"] == "thanh_phong"
            sender = greet["sender_id"]

            # typing without diacritics, sent with the Enter key
            await browser.type_and_enter("lam giay khai sinh can gi")
            await browser.wait_for(
                f"{BOT_TEXTS}.includes('(bot thử) giấy tờ cho thủ tục khai_sinh')", what="answer to typed text"
            )
            assert await browser.eval(USER_TEXTS) == ["lam giay khai sinh can gi"]
            assert await browser.eval("document.getElementById('text').value") == ""

            # a Rasa button: the title is shown, the payload is sent
            await browser.tap(
                "Array.from(document.querySelectorAll('.buttons button')).find(b => b.textContent === 'Căn cước')"
            )
            await browser.wait_for(f"{BOT_TEXTS}.some(t => t.includes('thủ tục can_cuoc'))", what="button answer")
            assert (await browser.eval(USER_TEXTS))[-1] == "Căn cước"
            assert server.received()[-1]["text"] == '/ask_documents{"procedure": "can_cuoc"}'
            # the link in the answer is a real link
            assert await browser.eval(
                "Array.from(document.querySelectorAll('.msg.bot a')).map(a => a.getAttribute('href'))"
            ) == ["https://dichvucong.gov.vn"]

            # a quick-reply chip: no keyboard needed
            await browser.tap("document.querySelector('.chip[data-message=\"Tôi muốn gặp người hỗ trợ\"]')")
            await browser.wait_for(
                f"{BOT_TEXTS}.includes('(bot thử) bạn vừa gửi: Tôi muốn gặp người hỗ trợ')", what="chip answer"
            )
            assert (await browser.eval(USER_TEXTS))[-1] == "Gặp người hỗ trợ"

            # every message went out in the conversation the server signed, kept in localStorage
            assert {m["sender_id"] for m in server.received() if m["sender_id"] == sender} == {sender}
            assert sender.startswith("web:")
            kept = await browser.eval("localStorage.getItem('dvcbot.session')")
            assert kept.split(".")[0] == sender

            # fits a 360 px wide screen: no sideways scrolling, the input and Send button visible
            assert await browser.eval("document.documentElement.scrollWidth") <= WIDTH
            send_box = await browser.eval(
                "(() => { const r = document.getElementById('send').getBoundingClientRect();"
                " return [r.left, r.right, r.top, r.bottom, r.height]; })()"
            )
            assert send_box[0] >= 0 and send_box[1] <= WIDTH and send_box[3] <= HEIGHT
            assert send_box[4] >= 44  # a finger-sized target
            newest = await browser.eval(
                "(() => { const all = document.querySelectorAll('.msg.bot');"
                " const r = all[all.length - 1].getBoundingClientRect();"
                " const m = document.querySelector('main').getBoundingClientRect();"
                " return r.bottom <= m.bottom + 1 && r.top >= m.top - 1; })()"
            )
            assert newest, "the newest answer is scrolled into view"

            await browser.screenshot(ARTIFACTS / "webchat-360x740.png")

            # readable: every text colour on its background meets WCAG AA (4.5:1)
            colours = await browser.eval(COLOURS_JS)
            ratios = {name: round(contrast(fg, bg), 2) for name, (fg, bg) in colours.items()}
            assert all(r >= 4.5 for r in ratios.values()), ratios

            # "Chữ to": bigger text, state announced, remembered after a reload
            size = "parseFloat(getComputedStyle(document.querySelector('.msg.bot')).fontSize)"
            before = await browser.eval(size)
            assert await browser.eval("document.getElementById('large-text').getAttribute('aria-pressed')") == "false"
            await browser.tap("document.getElementById('large-text')")
            after = await browser.eval(size)
            assert after >= before * 1.3, (before, after)
            assert await browser.eval("document.getElementById('large-text').getAttribute('aria-pressed')") == "true"
            assert await browser.eval("document.documentElement.scrollWidth") <= WIDTH
            await browser.screenshot(ARTIFACTS / "webchat-360x740-large.png")
            await browser.goto(f"{server.base}/webhooks/webchat/")
            await browser.wait_for(f"{BOT_TEXTS}.length > 0", what="greeting after reload")
            assert await browser.eval(size) == after
            await browser.tap("document.getElementById('large-text')")
            assert await browser.eval(size) == before
            return sender
        finally:
            await browser.close()

    run(scenario())
    # one visit counted for the leaflet (the reload had no ?ep=)
    rows = entry_counts(vn_today(), database_url=server.database_url)
    assert [(r["source"], r["commune"], r["channel"], r["count"]) for r in rows] == [
        ("leaflet-2026", "thanh_phong", "webchat", 1)
    ]
    assert (ARTIFACTS / "webchat-360x740.png").stat().st_size > 5_000


def test_when_the_server_fails_or_the_network_drops_the_citizen_sees_a_polite_message_and_can_retry(
    server, tmp_path
):
    async def scenario():
        browser = Browser(tmp_path / "profile")
        try:
            await browser.start()
            await browser.goto(f"{server.base}/webhooks/webchat/")
            await browser.wait_for(f"{BOT_TEXTS}.length > 0", what="greeting")

            # the bot fails (503 with a message): the polite text and a retry button
            await browser.type_and_enter("boom")
            await browser.wait_for("document.querySelector('.msg.error')", what="error bubble")
            assert (await browser.eval("document.querySelector('.msg.error').textContent")).startswith("Xin lỗi")
            assert await browser.eval("document.querySelector('.retry').textContent") == "Gửi lại"

            # the network drops: requests to the webhook fail at the network level
            await browser.send("Fetch.enable", {"patterns": [{"urlPattern": "*/webhooks/webchat/webhook"}]})
            paused = len(browser.events)
            await browser.type_and_enter("doi cccd bn tien")
            event = None
            while event is None:
                await asyncio.sleep(0.05)
                event = next(
                    (e for e in browser.events[paused:] if e.get("method") == "Fetch.requestPaused"), None
                )
            await browser.send(
                "Fetch.failRequest",
                {"requestId": event["params"]["requestId"], "errorReason": "InternetDisconnected"},
            )
            await browser.wait_for(
                "Array.from(document.querySelectorAll('.msg.error')).some(e => e.textContent.includes('kiểm tra mạng'))",
                what="offline message",
            )
            await browser.send("Fetch.disable")

            # network back: "Gửi lại" sends the same question again, and it is answered
            await browser.tap("document.querySelector('.retry')")
            await browser.wait_for(
                f"{BOT_TEXTS}.includes('(bot thử) bạn vừa gửi: doi cccd bn tien')", what="answer after retry"
            )
            assert await browser.eval("document.querySelectorAll('.retry').length") == 0
            assert await browser.eval(USER_TEXTS) == ["boom", "doi cccd bn tien"]
        finally:
            await browser.close()

    run(scenario())


def test_a_reload_keeps_the_conversation_and_an_answered_question_cannot_be_answered_again(
    server, tmp_path
):
    import httpx

    from bot.channels.base import texts

    async def scenario():
        browser = Browser(tmp_path / "profile")
        try:
            await browser.start()
            await browser.goto(f"{server.base}/webhooks/webchat/")
            await browser.wait_for(f"{BOT_TEXTS}.some(t => t.startsWith('Xin chào'))", what="greeting")
            await browser.type_and_enter("lam giay khai sinh can gi")
            await browser.wait_for(f"{BOT_TEXTS}.length >= 2", what="answer")
            await browser.tap(
                "Array.from(document.querySelectorAll('.buttons button')).find(b => b.textContent === 'Căn cước')"
            )
            await browser.wait_for(f"{BOT_TEXTS}.some(t => t.includes('thủ tục can_cuoc'))", what="button answer")
            # pressed once: the question's buttons are disabled
            assert await browser.eval(
                "Array.from(document.querySelectorAll('.buttons button')).every(b => b.disabled)") is True
            before_bot, before_user = await browser.eval(BOT_TEXTS), await browser.eval(USER_TEXTS)
            session = await browser.eval("localStorage.getItem('dvcbot.session')")
            sender = session.split(".")[0]

            await browser.goto(f"{server.base}/webhooks/webchat/")   # the citizen reloads
            await browser.wait_for(f"{USER_TEXTS}.length === {len(before_user)}", what="restored turns")
            assert await browser.eval(USER_TEXTS) == before_user == ["lam giay khai sinh can gi", "Căn cước"]
            assert await browser.eval(BOT_TEXTS) == before_bot
            assert await browser.eval(
                "Array.from(document.querySelectorAll('.buttons button')).every(b => b.disabled)") is True
            # no second greeting: the conversation simply continues
            assert [m["text"] for m in server.received() if m["sender_id"] == sender].count("/greet") == 1

            # a press of the answered button (another tab, an old page) is refused politely
            turns = httpx.post(server.base + "/webhooks/webchat/history", json={"session": session},
                               timeout=5).json()["turns"]
            greeting = turns[0]
            again = httpx.post(server.base + "/webhooks/webchat/webhook", timeout=5, json={
                "session": session, "message": greeting["buttons"][1]["payload"],
                "turn_id": greeting["turn_id"], "shown": "Căn cước", "client_id": "second-press-01"})
            assert [m["text"] for m in again.json()] == [texts()["button_answered"]]
            asked = [m["text"] for m in server.received() if m["sender_id"] == sender]
            assert asked.count('/ask_documents{"procedure": "can_cuoc"}') == 1
        finally:
            await browser.close()

    run(scenario())
