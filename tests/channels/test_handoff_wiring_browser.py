"""The web chat page in headless Chromium shows what arrives without a question (a volunteer's
answer, a dossier notification) by polling POST /webhooks/webchat/outbox, and stops polling
while the tab is hidden (cheap phones, metered data).

The page is served by the channel's real blueprint (registered by Rasa's `register`) in this
test's event loop; texts are left in the outbox through the hand-off service's web chat sender,
as the volunteer relay and the notification output do. Network requests are counted through
the DevTools protocol. Skipped only when no chromium binary exists.
"""

from __future__ import annotations

import asyncio
import importlib.util
import uuid
from pathlib import Path

import pytest
from rasa.core.channels.channel import register
from sanic import Sanic

from bot.channels import store as channel_store
from bot.channels.webchat import WebChatInput
from bot.handoff import get_service, reset_service
from tests.channels.messaging_fakes import Collector, serve_sanic

_spec = importlib.util.spec_from_file_location(
    "webchat_browser_driver", Path(__file__).with_name("test_webchat_browser.py"))
_driver = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_driver)
Browser, BOT_TEXTS, CHROMIUM = _driver.Browser, _driver.BOT_TEXTS, _driver.CHROMIUM

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium binary (install it: apt-get install -y chromium; or set DVCBOT_CHROMIUM)")

SET_HIDDEN = """
(hidden => {
  Object.defineProperty(document, 'hidden', {value: hidden, configurable: true});
  Object.defineProperty(document, 'visibilityState',
                        {value: hidden ? 'hidden' : 'visible', configurable: true});
  document.dispatchEvent(new Event('visibilitychange'));
  return true;
})(%s)
"""


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.setenv("DVCBOT_TEAMS_FILE", str(tmp_path / "no-teams.yml"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    reset_service()
    yield
    reset_service()
    channel_store.dispose_all()


def test_the_page_shows_a_volunteers_answer_unasked_and_stops_polling_while_hidden(env, tmp_path):
    async def answer(message):
        await message.output_channel.send_response(message.sender_id,
                                                   {"text": "(bot) Xin chào bác."})

    app = Sanic(f"dvcbot-wiring-browser-{uuid.uuid4().hex[:8]}")
    app.ctx.agent = Collector(answer)
    register([WebChatInput(rate_limit_per_minute=1000)], app, route="/webhooks/")

    def outbox_requests(browser: Browser) -> int:
        return sum(1 for e in browser.events if e.get("method") == "Network.requestWillBeSent"
                   and e["params"]["request"]["url"].endswith("/webhooks/webchat/outbox"))

    async def scenario():
        async with serve_sanic(app) as url:
            browser = Browser(tmp_path / "profile")
            try:
                await browser.start()
                await browser.send("Network.enable")
                await browser.goto(url + "/webhooks/webchat/")
                await browser.wait_for(f"{BOT_TEXTS}.some(t => t.includes('Xin chào bác'))",
                                       what="the greeting")
                session = await browser.eval("localStorage.getItem('dvcbot.session')")
                sender = session.split(".")[0]   # the conversation the server signed
                outbox = get_service().senders["webchat"]

                # a volunteer answers: the page shows it within a poll (5 s), unasked
                await outbox.send_text(sender, "Nguyễn Văn An (tình nguyện viên): Chào bác ạ.")
                await browser.wait_for(f"{BOT_TEXTS}.some(t => t.includes('Chào bác ạ'))",
                                       timeout=12, what="the volunteer's answer")
                assert outbox_requests(browser) >= 1

                # the tab is hidden: no request for longer than a poll interval
                await browser.eval(SET_HIDDEN % "true")
                await asyncio.sleep(0.5)
                before = outbox_requests(browser)
                await outbox.send_text(sender, "Hồ sơ của bạn đã có kết quả.")
                await asyncio.sleep(6.5)
                assert outbox_requests(browser) == before
                shown = await browser.eval(BOT_TEXTS)
                assert not any("đã có kết quả" in t for t in shown)

                # back on the tab: the page looks at once
                await browser.eval(SET_HIDDEN % "false")
                await browser.wait_for(f"{BOT_TEXTS}.some(t => t.includes('đã có kết quả'))",
                                       timeout=3, what="the notification right after unhiding")
                shown = await browser.eval(BOT_TEXTS)
                assert sum("Chào bác ạ" in t for t in shown) == 1   # each text shown once
            finally:
                await browser.close()

    asyncio.run(scenario())
