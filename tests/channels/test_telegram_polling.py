"""Telegram without a public HTTPS address: `dvcbot telegram --polling` reads getUpdates from
(a fake) Telegram and hands each update to the running assistant's webhook."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import httpx
import pytest
from telegram import Bot

from bot.channels.telegram import TelegramInput
from bot.channels.telegram_polling import Poller, PollingStopped, _set_webhook
from bot.paths import REPO_ROOT
from tests.channels.messaging_fakes import (Collector, FakeTelegramApi, bound_socket, rasa_app,
                                            serve_aiohttp, serve_sanic, wait_until)

SECRET = "poll-secret-1-0123456789abcdefghijklmno"
CITIZEN = 777


@pytest.fixture(autouse=True)
def channel_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.delenv("DVCBOT_RATE_LIMIT_PER_MINUTE", raising=False)


async def echo(message):
    await message.output_channel.send_response(message.sender_id, {"text": "Đã nhận: " + message.text})


def run(coroutine):
    return asyncio.run(coroutine)


def test_polled_updates_reach_the_assistant_once_and_are_confirmed_to_telegram():
    async def scenario():
        fake = FakeTelegramApi()
        async with serve_aiohttp(fake.app()) as api:
            channel = TelegramInput(fake.token, SECRET, api + "/bot")
            assistant = Collector(echo)
            async with serve_sanic(rasa_app(channel, assistant)) as rasa:
                fake.webhook_url = "https://old.example/webhooks/telegram/webhook"
                fake.updates = [fake.text_update(CITIZEN, "khai sinh can gi"),
                                fake.text_update(CITIZEN, "le phi bao nhieu")]
                last = fake.updates[-1]["update_id"]
                async with Bot(fake.token, base_url=api + "/bot") as bot, \
                        httpx.AsyncClient() as client:
                    poller = Poller(bot, rasa + "/webhooks/telegram/webhook", SECRET, client,
                                    poll_timeout=1)
                    stop = asyncio.Event()
                    task = asyncio.ensure_future(poller.run(stop))
                    await wait_until(lambda: len(fake.sent("sendMessage")) == 2)
                    stop.set()
                    await asyncio.wait_for(task, 5)
                assert [m.text for m in assistant.messages] == ["khai sinh can gi",
                                                                "le phi bao nhieu"]
                assert [p["text"] for p in fake.sent("sendMessage")] == [
                    "Đã nhận: khai sinh can gi", "Đã nhận: le phi bao nhieu"]
                # polling needs the webhook off; the next getUpdates confirms what was handed over
                methods = [c.method for c in fake.calls if c.method != "getMe"]
                assert methods[0] == "deleteWebhook" and fake.webhook_url == ""
                offsets = [c.params.get("offset") for c in fake.calls if c.method == "getUpdates"]
                assert offsets[0] is None and offsets[1] == str(last + 1)
                assert fake.sent("getUpdates")[0]["allowed_updates"] == ["message",
                                                                         "callback_query"]
    run(scenario())


def test_an_update_is_kept_until_the_assistant_is_back():
    async def scenario():
        fake = FakeTelegramApi()
        async with serve_aiohttp(fake.app()) as api:
            channel = TelegramInput(fake.token, SECRET, api + "/bot")
            assistant = Collector(echo)
            app = rasa_app(channel, assistant)
            sock = bound_socket()  # the assistant's port, not listening yet: "Rasa is down"
            url = f"http://127.0.0.1:{sock.getsockname()[1]}"
            fake.updates = [fake.text_update(CITIZEN, "tra ho so")]
            async with Bot(fake.token, base_url=api + "/bot") as bot, \
                    httpx.AsyncClient() as client:
                poller = Poller(bot, url + "/webhooks/telegram/webhook", SECRET, client,
                                poll_timeout=1, max_backoff=0.2)
                round_ = asyncio.ensure_future(poller.run_once())
                await asyncio.sleep(0.5)
                assert not round_.done() and poller.offset is None
                server = await app.create_server(sock=sock, return_asyncio_server=True)
                await server.startup()
                await server.before_start()
                await server.after_start()
                try:
                    assert await asyncio.wait_for(round_, 5) == 1
                    await channel.background.wait()
                    assert [m.text for m in assistant.messages] == ["tra ho so"]
                    assert poller.offset == fake.updates[0]["update_id"] + 1
                finally:
                    await server.before_stop()
                    await server.close()
                    await server.after_stop()
    run(scenario())


def test_a_secret_that_does_not_match_the_assistant_stops_polling():
    async def scenario():
        fake = FakeTelegramApi()
        async with serve_aiohttp(fake.app()) as api:
            channel = TelegramInput(fake.token, SECRET, api + "/bot")
            assistant = Collector(echo)
            async with serve_sanic(rasa_app(channel, assistant)) as rasa:
                fake.updates = [fake.text_update(CITIZEN, "xin chao")]
                async with Bot(fake.token, base_url=api + "/bot") as bot, \
                        httpx.AsyncClient() as client:
                    poller = Poller(bot, rasa + "/webhooks/telegram/webhook", "other-secret",
                                    client, poll_timeout=1)
                    with pytest.raises(PollingStopped, match="TELEGRAM_WEBHOOK_SECRET"):
                        await poller.run_once()
                assert assistant.messages == [] and poller.offset is None
    run(scenario())


def test_set_webhook_registers_url_secret_and_commands(monkeypatch):
    async def scenario():
        fake = FakeTelegramApi()
        async with serve_aiohttp(fake.app()) as api:
            monkeypatch.setenv("TELEGRAM_BOT_TOKEN", fake.token)
            monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
            monkeypatch.setenv("TELEGRAM_API_BASE_URL", api + "/bot")
            url = "https://dvc.example.vn/webhooks/telegram/webhook"
            assert await _set_webhook(url, drop_pending=False) == 0
            [hook] = fake.sent("setWebhook")
            assert hook["url"] == url and hook["secret_token"] == SECRET
            assert hook["allowed_updates"] == ["message", "callback_query"]
            [commands] = fake.sent("setMyCommands")
            assert [c["command"] for c in commands["commands"]] == ["help", "huy"]
            assert await _set_webhook("http://insecure.example/x", drop_pending=False) == 2
    run(scenario())


def test_dvcbot_telegram_polling_runs_as_its_own_process_and_stops_on_sigterm():
    async def scenario():
        fake = FakeTelegramApi()
        async with serve_aiohttp(fake.app()) as api:
            channel = TelegramInput(fake.token, SECRET, api + "/bot")
            assistant = Collector(echo)
            async with serve_sanic(rasa_app(channel, assistant)) as rasa:
                fake.updates = [fake.text_update(CITIZEN, "/start")]
                env = dict(os.environ, TELEGRAM_BOT_TOKEN=fake.token,
                           TELEGRAM_WEBHOOK_SECRET=SECRET, TELEGRAM_API_BASE_URL=api + "/bot",
                           DVCBOT_RASA_URL=rasa, PYTHONPATH=str(REPO_ROOT))
                process = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot.channels.telegram_polling", "--polling", cwd=REPO_ROOT,
                    env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
                try:
                    await wait_until(lambda: len(assistant.messages) == 1, timeout=60)
                    assert assistant.messages[0].text == "/greet"
                    await wait_until(lambda: len(fake.sent("sendMessage")) >= 1)
                finally:
                    process.send_signal(signal.SIGTERM)
                    output, _ = await asyncio.wait_for(process.communicate(), 30)
                assert process.returncode == 0, output.decode(errors="replace")[-2000:]
                assert fake.token not in output.decode(errors="replace")  # no token in logs
    run(scenario())
