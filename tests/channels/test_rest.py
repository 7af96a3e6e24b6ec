"""The REST channel as an attacker and a trusted caller see it (C1 of the security review).

The channel runs in a Sanic app registered by Rasa's own channel registration; the "assistant"
records each message (what would be written to a Rasa conversation) and answers through the
channel's collecting output, as Rasa's Agent does.
"""

from __future__ import annotations

import asyncio
import stat
from contextlib import asynccontextmanager
from typing import AsyncIterator

import httpx
import pytest

from bot.channels.rest import CitizenRestInput
from bot.tokens import REST_TOKEN, ensure_token, read_token, token_file
from tests.channels.messaging_fakes import Collector, rasa_app, serve_sanic

TOKEN = "rest-token-for-the-tests-0123456789abcdef"
URL = "/webhooks/rest/webhook"


async def echo(message):
    await message.output_channel.send_text_message(message.sender_id, f"đã nhận: {message.text}")


@asynccontextmanager
async def rest_stack(token: str | None = TOKEN) -> AsyncIterator[tuple[httpx.AsyncClient, Collector]]:
    assistant = Collector(echo)
    async with serve_sanic(rasa_app(CitizenRestInput(token), assistant)) as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            yield http, assistant


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(autouse=True)
def no_token_in_env(monkeypatch, tmp_path):
    monkeypatch.delenv(REST_TOKEN.env, raising=False)
    monkeypatch.setenv("DVCBOT_STATE_DIR", str(tmp_path / "state"))


def test_without_or_with_a_wrong_token_nothing_reaches_any_conversation():
    async def scenario():
        async with rest_stack() as (http, assistant):
            body = {"sender": "tg:123", "message": "hồ sơ của tôi tới đâu rồi"}
            missing = await http.post(URL, json=body)
            wrong = await http.post(URL, json=body, headers=bearer(TOKEN[:-1] + "x"))
            not_bearer = await http.post(URL, json=body, headers={"Authorization": TOKEN})
            return missing, wrong, not_bearer, assistant.messages

    missing, wrong, not_bearer, received = asyncio.run(scenario())
    assert missing.status_code == 401 and not_bearer.status_code == 401
    assert wrong.status_code == 403
    assert "hồ sơ" not in missing.text + wrong.text
    assert received == []


def test_with_the_token_the_caller_is_answered_in_its_own_namespace():
    async def scenario():
        async with rest_stack() as (http, assistant):
            reply = await http.post(URL, json={"sender": "tg:123", "message": "xin chào"},
                                    headers=bearer(TOKEN))
            again = await http.post(URL, json={"sender": "rest:tg:123", "message": "lần hai"},
                                    headers=bearer(TOKEN))
            return reply, again, assistant.messages

    reply, again, received = asyncio.run(scenario())
    assert reply.status_code == 200
    assert reply.json() == [{"recipient_id": "rest:tg:123", "text": "đã nhận: xin chào"}]
    # naming a Telegram conversation never touches it: both messages are in "rest:tg:123"
    assert [m.sender_id for m in received] == ["rest:tg:123", "rest:tg:123"]
    assert again.json()[0]["recipient_id"] == "rest:tg:123"


def test_only_the_entry_point_of_the_callers_metadata_is_kept():
    async def scenario():
        async with rest_stack() as (http, assistant):
            await http.post(URL, headers=bearer(TOKEN), json={
                "sender": "kiosk-1", "message": "xin chào",
                "metadata": {"blob": "x" * 10_000, "entry_point": {
                    "source": "leaflet-2026", "commune": "thanh_phong", "extra": "dropped"}}})
            return assistant.messages

    (message,) = asyncio.run(scenario())
    assert message.metadata == {"entry_point": {"source": "leaflet-2026", "commune": "thanh_phong",
                                                "team": None, "channel": None}}


def test_with_no_token_configured_every_call_is_refused():
    async def scenario():
        async with rest_stack(token=None) as (http, assistant):
            anything = await http.post(URL, json={"sender": "x", "message": "xin chào"},
                                       headers=bearer("guess"))
            return anything, assistant.messages

    anything, received = asyncio.run(scenario())
    assert anything.status_code == 403 and received == []


def test_a_generated_token_is_private_and_what_local_tools_read(tmp_path):
    state = tmp_path / "state"
    token, generated = ensure_token(REST_TOKEN, {}, state)
    assert generated and len(token) >= 32
    mode = stat.S_IMODE(token_file(REST_TOKEN, state).stat().st_mode)
    assert mode == 0o600
    assert read_token(REST_TOKEN, env={}, state=state) == token
    # the environment's token wins, and a new run makes a new token
    assert read_token(REST_TOKEN, env={REST_TOKEN.env: "chosen"}, state=state) == "chosen"
    assert ensure_token(REST_TOKEN, {}, state)[0] != token
