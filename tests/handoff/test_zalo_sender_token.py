"""Volunteers' answers to Zalo citizens from the watcher or the action server use the access
token the token store holds at send time (kept fresh by whichever process refreshed it), never
the seed ZALO_ACCESS_TOKEN of their own start-up."""

from __future__ import annotations

import asyncio

import httpx

from bot.channels import store
from bot.channels.zalo_tokens import TokenStore
from bot.messaging.config import ZaloConfig
from bot.messaging.zalo import ZaloSender
from tests.channels.messaging_fakes import FakeZaloApi

APP_ID = "3482178216594085616"


def test_a_volunteers_answer_uses_the_token_the_store_holds_when_it_is_sent(monkeypatch, tmp_path):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.setenv("ZALO_APP_ID", APP_ID)
    monkeypatch.setenv("ZALO_ACCESS_TOKEN", "seed-expired")
    fake = FakeZaloApi(APP_ID, "app-secret", "fresh-1", "refresh-1")
    sender = ZaloSender(ZaloConfig.from_env(), transport=httpx.MockTransport(fake.handler))
    try:
        TokenStore(APP_ID).seed("fresh-1", "refresh-1")    # what the Rasa server refreshed to
        assert asyncio.run(sender.send_text("zalo:2512523625412515", "Chào bác ạ."))
        TokenStore(APP_ID).replace("fresh-2", "refresh-2")  # rotated later by another process
        fake.valid_access = {"fresh-2"}
        assert asyncio.run(sender.send_text("zalo:2512523625412515", "Bác cần gì thêm ạ?"))
    finally:
        store.dispose_all()
    assert [a["token"] for a in fake.attempts] == ["fresh-1", "fresh-2"]
    assert [b["message"]["text"] for b in fake.sent] == ["Chào bác ạ.", "Bác cần gì thêm ạ?"]
    assert fake.refreshes == []
