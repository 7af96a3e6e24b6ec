"""Volunteers' answers to Zalo citizens from the watcher or the action server (M11): they use
the access token the Zalo channel keeps fresh in the database, not the expired seed."""

from __future__ import annotations

import asyncio

from bot.channels import store
from bot.channels.zalo_tokens import TokenStore
from bot.handoff.senders import ZaloCitizenSender
from tests.channels.messaging_fakes import FakeZaloApi, serve_aiohttp

APP_ID = "3482178216594085616"


def test_a_volunteers_answer_uses_the_token_kept_fresh_in_the_database(monkeypatch, tmp_path):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.setenv("ZALO_APP_ID", APP_ID)
    monkeypatch.setenv("ZALO_ACCESS_TOKEN", "seed-expired")
    TokenStore(APP_ID).seed("fresh-1", "refresh-1")       # what the Rasa server refreshed to
    fake = FakeZaloApi(APP_ID, "app-secret", "fresh-1", "refresh-1")

    async def scenario():
        async with serve_aiohttp(fake.app()) as url:
            return await ZaloCitizenSender(url).send_text("zalo:2512523625412515", "Chào bác ạ.")

    try:
        assert asyncio.run(scenario()) is True
    finally:
        store.dispose_all()
    assert [a["token"] for a in fake.attempts] == ["fresh-1"]
    assert fake.sent[0]["message"]["text"] == "Chào bác ạ."
