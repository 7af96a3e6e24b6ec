"""A citizen on Zalo: signed webhook events in, OpenAPI v3 messages out.

The channel runs in a Sanic app registered by Rasa's own channel registration; Zalo's OpenAPI
and OAuth servers are one local fake speaking their JSON over real HTTP; tokens and the outbox
live in a real SQLite file.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncIterator

import httpx
import pytest

from bot.channels.base import texts
from bot.channels.zalo import ZaloInput
from bot.messaging.outbox import Outbox
from bot.channels.zalo_tokens import TokenStore
from tests.channels.messaging_fakes import (Collector, FakeZaloApi, rasa_app, serve_aiohttp,
                                            serve_sanic, zalo_signature)

APP_ID = "3482178216594085616"
OA_SECRET = "oa-secret-KEY-123"
APP_SECRET = "app-secret-456"
OA_ID = "579745863508352884"
CITIZEN = "2512523625412515"


@pytest.fixture(autouse=True)
def channel_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'dvcbot.sqlite3'}")
    monkeypatch.delenv("DVCBOT_RATE_LIMIT_PER_MINUTE", raising=False)
    monkeypatch.delenv("DVCBOT_MAX_MESSAGE_CHARS", raising=False)
    for name, value in (("ZALO_APP_ID", APP_ID), ("ZALO_OA_SECRET_KEY", OA_SECRET),
                        ("ZALO_APP_SECRET", APP_SECRET), ("ZALO_ACCESS_TOKEN", "access-0"),
                        ("ZALO_REFRESH_TOKEN", "refresh-0")):
        monkeypatch.setenv(name, value)


_msg_ids = iter(range(1, 10_000))


def text_event(text: str, user: str = CITIZEN, msg_id: str | None = None,
               event_name: str = "user_send_text", **message: Any) -> dict[str, Any]:
    body = {"msg_id": msg_id or f"c0ff33{next(_msg_ids):06d}"}
    if text is not None:
        body["text"] = text
    body.update(message)
    return {"app_id": APP_ID, "user_id_by_app": "979122185046046317", "event_name": event_name,
            "sender": {"id": user}, "recipient": {"id": OA_ID}, "message": body,
            "timestamp": str(int(time.time() * 1000))}


def follow_event(user: str = CITIZEN) -> dict[str, Any]:
    return {"app_id": APP_ID, "oa_id": OA_ID, "user_id_by_app": "979122185046046317",
            "event_name": "follow", "source": "oa_profile", "follower": {"id": user},
            "timestamp": str(int(time.time() * 1000))}


def signed(event: dict[str, Any], secret: str = OA_SECRET) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(event, ensure_ascii=False).encode("utf-8")
    return raw, {"X-ZEvent-Signature": zalo_signature(event["app_id"], raw, event["timestamp"],
                                                      secret),
                 "Content-Type": "application/json"}


@dataclass
class Stack:
    zalo: FakeZaloApi
    channel: ZaloInput
    assistant: Collector
    http: httpx.AsyncClient

    async def deliver(self, event: dict[str, Any], wait: bool = True, **kw: Any) -> httpx.Response:
        raw, headers = signed(event, **kw)
        reply = await self.http.post("/webhooks/zalo/webhook", content=raw, headers=headers)
        if wait:
            await self.channel.background.wait()
        return reply

    def texts_sent(self) -> list[str]:
        return [b["message"].get("text") for b in self.zalo.sent]


def answer_with(*messages: dict[str, Any]):
    async def answer(message):
        for item in messages:
            await message.output_channel.send_response(message.sender_id, dict(item))
    return answer


def echo(prefix: str = "Trả lời: "):
    async def answer(message):
        await message.output_channel.send_response(message.sender_id,
                                                   {"text": prefix + message.text})
    return answer


@asynccontextmanager
async def zalo_api() -> AsyncIterator[tuple[FakeZaloApi, str]]:
    fake = FakeZaloApi(APP_ID, APP_SECRET, "access-0", "refresh-0")
    async with serve_aiohttp(fake.app()) as url:
        yield fake, url


@asynccontextmanager
async def zalo_stack(answer=None, api: tuple[FakeZaloApi, str] | None = None,
                     ) -> AsyncIterator[Stack]:
    if api is None:
        async with zalo_api() as made:
            async with zalo_stack(answer, made) as stack:
                yield stack
        return
    fake, url = api
    channel = ZaloInput.from_credentials({
        "app_id": "${ZALO_APP_ID}", "oa_secret_key": "${ZALO_OA_SECRET_KEY}",
        "app_secret": "${ZALO_APP_SECRET}", "refresh_token": "${ZALO_REFRESH_TOKEN}",
        "api_base_url": url, "oauth_base_url": url})
    assistant = Collector(answer)
    async with serve_sanic(rasa_app(channel, assistant)) as server:
        async with httpx.AsyncClient(base_url=server, timeout=10) as http:
            yield Stack(fake, channel, assistant, http)


def run(coroutine):
    return asyncio.run(coroutine)


# --------------------------------------------------------------------------- signature


def test_missing_wrong_or_foreign_signatures_are_refused_and_nothing_reaches_the_assistant():
    async def scenario():
        async with zalo_stack(echo()) as s:
            event = text_event("lam giay khai sinh can gi")
            raw, headers = signed(event)
            unsigned = await s.http.post("/webhooks/zalo/webhook", content=raw)
            wrong_key = await s.deliver(event, secret="another-oa-secret")
            tampered = await s.http.post("/webhooks/zalo/webhook",
                                         content=raw.replace(b"khai sinh", b"ket hon"),
                                         headers=headers)
            other_app = dict(event, app_id="1111111111111111111")
            foreign = await s.deliver(other_app)
            not_json = await s.http.post("/webhooks/zalo/webhook", content=b"\xff\xfe",
                                         headers={"X-ZEvent-Signature": "mac=00"})
            assert unsigned.status_code == 401
            assert [r.status_code for r in (wrong_key, tampered, foreign, not_json)] == [403] * 4
            await s.channel.background.wait()
            assert s.assistant.messages == []
            assert s.zalo.attempts == []
    run(scenario())


def test_zalos_empty_check_of_a_new_webhook_url_is_accepted_without_effect():
    async def scenario():
        async with zalo_stack(echo()) as s:
            reply = await s.http.post("/webhooks/zalo/webhook", content=b"{}",
                                      headers={"Content-Type": "application/json"})
            assert reply.status_code == 200
            await s.channel.background.wait()
            assert s.assistant.messages == [] and s.zalo.attempts == []
    run(scenario())


# --------------------------------------------------------------------------- messages


def test_a_question_is_acknowledged_at_once_and_answered_as_a_reply():
    async def slow(message):
        await asyncio.sleep(2.5)  # the assistant takes longer than Zalo's 2-second window
        await message.output_channel.send_response(message.sender_id,
                                                   {"text": "Bạn cần giấy chứng sinh."})

    async def scenario():
        async with zalo_stack(slow) as s:
            event = text_event("lam giay khai sinh can gi", msg_id="a1b2c3d4e5")
            started = time.monotonic()
            reply = await s.deliver(event, wait=False)
            assert reply.status_code == 200
            assert time.monotonic() - started < 1.5  # Zalo waits 2 s at most
            await s.channel.background.wait()
            [message] = s.assistant.messages
            assert message.text == "lam giay khai sinh can gi"
            assert message.sender_id == f"zalo:{CITIZEN}"
            assert message.input_channel == "zalo"
            assert message.message_id == "a1b2c3d4e5"
            assert message.metadata == {"channel": "zalo", "zalo_event": "user_send_text"}
            [attempt] = s.zalo.attempts
            assert attempt["path"] == "/v3.0/oa/message/cs"
            assert attempt["token"] == "access-0"
            assert attempt["body"] == {"recipient": {"message_id": "a1b2c3d4e5"},
                                       "message": {"text": "Bạn cần giấy chứng sinh."}}
    run(scenario())


def test_a_duplicate_event_is_answered_once():
    async def scenario():
        async with zalo_stack(echo()) as s:
            event = text_event("doi cccd bn tien", msg_id="dup-1")
            first = await s.deliver(event)
            again = await s.deliver(event)
            assert first.json() == {"status": "ok"}
            assert again.json() == {"status": "duplicate"}
            assert len(s.assistant.messages) == 1
            assert s.texts_sent() == ["Trả lời: doi cccd bn tien"]
    run(scenario())


def test_a_long_answer_is_split_at_2000_characters():
    sentence = "Người yêu cầu nộp tờ khai và xuất trình giấy tờ tùy thân. "
    answer = (sentence * 80).strip()
    assert len(answer) > 4000

    async def scenario():
        async with zalo_stack(answer_with({"text": answer})) as s:
            await s.deliver(text_event("ket hon can gi"))
            pieces = s.texts_sent()
            assert len(pieces) == 3
            assert all(len(p) <= 2000 for p in pieces)
            assert " ".join(pieces) == answer
    run(scenario())


def test_buttons_become_zalo_template_buttons():
    buttons = [{"title": "Gặp người thật", "payload": "/request_human"},
               {"title": "Khai sinh", "payload": "khai sinh"}]
    buttons += [{"title": f"Thủ tục {i}", "payload": f"/ask_procedure{{\"n\": {i}}}"}
                for i in range(4)]

    async def scenario():
        async with zalo_stack(answer_with({"text": "Bạn chọn giúp tôi:", "buttons": buttons})) as s:
            await s.deliver(text_event("giup toi"))
            first, second = s.zalo.sent
            assert first["message"]["text"] == "Bạn chọn giúp tôi:"
            items = first["message"]["attachment"]["payload"]["buttons"]
            assert first["message"]["attachment"]["type"] == "template"
            assert len(items) == 5
            # an intent travels as an opaque key the server issued, hidden from the chat
            assert items[0]["type"] == "oa.query.hide" and items[0]["title"] == "Gặp người thật"
            key = items[0]["payload"]
            assert key.startswith("k:") and "request_human" not in key
            assert items[1] == {"title": "Khai sinh", "type": "oa.query.show",
                                "payload": "khai sinh"}
            assert [b["title"] for b in second["message"]["attachment"]["payload"]["buttons"]] \
                == ["Thủ tục 3"]
            # A tap arrives as the citizen's text (the key): the intent reaches the assistant.
            await s.deliver(text_event(key))
            assert s.assistant.messages[-1].text == "/request_human"
            await s.deliver(text_event("/request_human"))   # typed: words, not an intent
            assert s.assistant.messages[-1].text == "request_human"
    run(scenario())


def test_following_the_oa_gets_the_welcome_greeting():
    async def scenario():
        async with zalo_stack(answer_with({"text": "Chào bạn! Tôi là trợ lý dịch vụ công."})) as s:
            await s.deliver(follow_event())
            [message] = s.assistant.messages
            assert message.text == "/greet"
            assert message.sender_id == f"zalo:{CITIZEN}"
            assert message.metadata["entry_point"]["channel"] == "zalo"
            [sent] = s.zalo.sent
            assert sent == {"recipient": {"user_id": CITIZEN},
                            "message": {"text": "Chào bạn! Tôi là trợ lý dịch vụ công."}}
    run(scenario())


def test_unknown_and_echo_events_are_acknowledged_and_ignored(caplog):
    caplog.set_level(logging.INFO, logger="bot.channels")

    async def scenario():
        async with zalo_stack(echo()) as s:
            for name in ("user_submit_info", "oa_send_text", "user_seen_message"):
                event = dict(text_event("x", event_name=name))
                assert (await s.deliver(event)).status_code == 200
            assert s.assistant.messages == [] and s.zalo.attempts == []
    run(scenario())
    assert "event 'user_submit_info' not handled" in caplog.text
    assert "oa_send_text" not in caplog.text


def test_a_sticker_or_voice_note_gets_the_text_only_answer_and_a_captioned_photo_is_read():
    attachment = [{"type": "image", "payload": {"thumbnail": "https://x/t.jpg",
                                                "url": "https://x/p.jpg"}}]

    async def scenario():
        async with zalo_stack(echo()) as s:
            await s.deliver(text_event(None, event_name="user_send_sticker", attachments=[
                {"type": "sticker", "payload": {"id": "abc", "url": "https://x/s.png"}}]))
            await s.deliver(text_event(None, event_name="user_send_audio"))
            assert s.assistant.messages == []
            assert s.texts_sent() == [texts()["non_text"]] * 2
            await s.deliver(text_event("bien nhan ho so 38.98.H29-210519-0013",
                                       event_name="user_send_image", attachments=attachment))
            assert [m.text for m in s.assistant.messages] == [
                "bien nhan ho so 38.98.H29-210519-0013"]
    run(scenario())


# --------------------------------------------------------------------------- tokens


def test_an_expired_token_is_refreshed_the_answer_still_goes_out_and_the_new_pair_is_kept():
    async def scenario():
        async with zalo_stack(echo()) as s:
            s.zalo.expire_all_access_tokens()  # Zalo answers -216 to access-0 from now on
            await s.deliver(text_event("le phi khai sinh"))
            assert [a["token"] for a in s.zalo.attempts] == ["access-0", "access-1"]
            assert s.texts_sent() == ["Trả lời: le phi khai sinh"]
            [form] = s.zalo.refreshes
            assert form == {"refresh_token": "refresh-0", "app_id": APP_ID,
                            "grant_type": "refresh_token"}
        # The one-time refresh token Zalo returned is what is stored now.
        state = TokenStore(APP_ID).load()
        assert (state.access_token, state.refresh_token) == ("access-1", "refresh-1")
        assert state.expires_at == pytest.approx(time.time() + 90000, abs=60)
        # A restart does not go back to the spent pair from the environment.
        async with zalo_stack(echo()) as s:
            s.zalo.valid_access = {"access-1"}
            s.zalo.refresh_token = "refresh-1"
            await s.deliver(text_event("cam on"))
            assert [a["token"] for a in s.zalo.attempts] == ["access-1"]
            assert s.zalo.refreshes == []
    run(scenario())


def test_two_answers_hitting_an_expired_token_at_once_cause_one_refresh():
    async def scenario():
        async with zalo_stack(echo()) as s:
            s.zalo.expire_all_access_tokens()
            s.zalo.refresh_delay = 0.3
            events = [text_event("cau 1", user="1001"), text_event("cau 2", user="1002")]
            await asyncio.gather(*[s.deliver(e, wait=False) for e in events])
            await s.channel.background.wait()
            assert len(s.zalo.refreshes) == 1
            assert sorted(s.texts_sent()) == ["Trả lời: cau 1", "Trả lời: cau 2"]
    run(scenario())


def test_two_server_processes_sharing_the_database_refresh_once():
    async def scenario():
        async with zalo_api() as api:
            async with zalo_stack(echo(), api) as one, zalo_stack(echo(), api) as two:
                api[0].expire_all_access_tokens()
                api[0].refresh_delay = 0.4
                await asyncio.gather(one.deliver(text_event("mot", user="2001"), wait=False),
                                     two.deliver(text_event("hai", user="2002"), wait=False))
                await one.channel.background.wait()
                await two.channel.background.wait()
                assert len(api[0].refreshes) == 1
                assert sorted(one.texts_sent()) == ["Trả lời: hai", "Trả lời: mot"]
    run(scenario())


def test_a_token_about_to_expire_is_refreshed_before_sending():
    async def scenario():
        async with zalo_stack(echo()) as s:
            TokenStore(APP_ID).replace("access-0", "refresh-0", time.time() + 120)
            await s.deliver(text_event("xin chao"))
            assert len(s.zalo.refreshes) == 1
            assert [a["token"] for a in s.zalo.attempts] == ["access-1"]  # no refused attempt
    run(scenario())


def test_a_refused_refresh_keeps_the_answer_and_tells_the_operator(caplog):
    async def scenario():
        async with zalo_stack(echo()) as s:
            s.zalo.expire_all_access_tokens()
            s.zalo.refresh_token = "someone-else-spent-it"
            await s.deliver(text_event("ho so cua toi"))
            assert s.zalo.sent == []
        [kept] = Outbox().all("pending")
        assert kept.message == {"text": "Trả lời: ho so cua toi"}
        assert kept.error_code == -216
    run(scenario())
    assert "authorize the OA again" in caplog.text


# --------------------------------------------------------------------------- undelivered answers


def test_an_answer_outside_the_7_day_window_is_kept_and_sent_when_the_citizen_writes_again(caplog):
    caplog.set_level(logging.DEBUG, logger="bot.channels")

    async def scenario():
        async with zalo_stack(echo()) as s:
            s.zalo.errors = [-230]
            await s.deliver(text_event("so dien thoai toi 0912345678, ho so the nao"))
            assert s.zalo.sent == []
            [kept] = Outbox().all("pending")
            assert kept.error_code == -230 and kept.recipient_id == CITIZEN

            await s.deliver(text_event("alo"))
            assert s.texts_sent() == [texts()["undelivered_intro"],
                                      "Trả lời: so dien thoai toi 0912345678, ho so the nao",
                                      "Trả lời: alo"]
            assert Outbox().all("pending") == []
    run(scenario())
    # Logs keep no phone number and no full message.
    assert "0912345678" not in caplog.text
    assert "ho so the nao" not in caplog.text
    assert "not delivered (error -230" in caplog.text


def test_a_quota_error_is_retried_later_from_the_outbox():
    async def scenario():
        async with zalo_stack(echo()) as s:
            s.zalo.errors = [-32, -32, -32]  # the quick retries are refused too
            await s.deliver(text_event("le phi ket hon"))
            assert s.zalo.sent == [] and len(s.zalo.attempts) == 3
            [kept] = Outbox().all("pending")
            assert kept.error_code == -32
            assert await s.channel.retry_due() == 0  # not due yet
            assert await s.channel.retry_due(now=time.time() + 3600) == 1
            assert s.texts_sent() == ["Trả lời: le phi ket hon"]
            assert s.zalo.sent[0]["recipient"] == {"user_id": CITIZEN}
            assert Outbox().all("pending") == []
    run(scenario())


def test_an_answer_zalo_refuses_for_good_is_recorded_as_failed_not_sent_elsewhere():
    async def scenario():
        async with zalo_stack(echo()) as s:
            s.zalo.errors = [-235, -235]    # "this API does not support this type of OA"
            await s.deliver(text_event("xin chao", msg_id="m1"))
            assert [a["path"] for a in s.zalo.attempts] == ["/v3.0/oa/message/cs"] * 2
            assert [a["body"]["recipient"] for a in s.zalo.attempts] == [
                {"message_id": "m1"}, {"user_id": CITIZEN}]
            [failed] = Outbox().all("failed")
            assert failed.error_code == -235 and s.zalo.sent == []
    run(scenario())


def test_a_flood_on_zalo_gets_one_polite_answer(monkeypatch):
    monkeypatch.setenv("DVCBOT_RATE_LIMIT_PER_MINUTE", "2")

    async def scenario():
        async with zalo_stack(echo()) as s:
            for i in range(5):
                await s.deliver(text_event(f"hoi {i}"))
            assert [m.text for m in s.assistant.messages] == ["hoi 0", "hoi 1"]
            assert s.texts_sent() == ["Trả lời: hoi 0", "Trả lời: hoi 1",
                                      texts()["rate_limited"]]
    run(scenario())


def test_the_channel_refuses_to_start_without_its_secret(monkeypatch):
    from rasa.shared.exceptions import RasaException
    monkeypatch.delenv("ZALO_OA_SECRET_KEY")
    with pytest.raises(RasaException, match="ZALO_OA_SECRET_KEY"):
        ZaloInput.from_credentials({"app_id": APP_ID})



def test_the_operator_sees_token_state_and_undelivered_answers_but_no_secrets(capsys,
                                                                             monkeypatch):
    from bot.channels import zalo_admin

    async def scenario():
        async with zalo_stack(echo()) as s:
            s.zalo.errors = [-230]
            await s.deliver(text_event("ho so cua toi"))
    run(scenario())
    assert zalo_admin.main(["--status"]) == 0
    shown = capsys.readouterr().out
    assert "outbox: 1 pending" in shown and "error -230" in shown
    assert "access-0" not in shown and "refresh-0" not in shown and CITIZEN not in shown

    monkeypatch.setenv("ZALO_ACCESS_TOKEN", "access-new")
    monkeypatch.setenv("ZALO_REFRESH_TOKEN", "refresh-new")
    assert zalo_admin.main(["--set-tokens"]) == 0
    state = TokenStore(APP_ID).load()
    assert (state.access_token, state.refresh_token) == ("access-new", "refresh-new")


def test_a_bare_digest_or_an_oversized_request_is_refused_before_anything_else():
    async def scenario():
        async with zalo_stack(echo()) as s:
            event = text_event("lam giay khai sinh can gi")
            raw, headers = signed(event)
            bare = await s.http.post("/webhooks/zalo/webhook", content=raw, headers=dict(
                headers, **{"X-ZEvent-Signature": headers["X-ZEvent-Signature"][len("mac="):]}))
            huge = await s.http.post("/webhooks/zalo/webhook", content=b"{" + b" " * 70_000 + b"}",
                                     headers=headers)
            await s.channel.background.wait()
            return bare.status_code, huge.status_code, s.assistant.messages

    bare, huge, received = run(scenario())
    assert (bare, huge) == (403, 413) and received == []


# --------------------------------------------------------------------------- inbox, replicas


def test_a_late_but_signed_event_gets_200_and_one_answer_that_apologises_first():
    async def scenario():
        async with zalo_stack(echo()) as s:
            late = text_event("lam cccd o dau", msg_id="late0001")
            late["timestamp"] = str(int((time.time() - 3 * 3600) * 1000))  # Zalo after an outage
            first = await s.deliver(late)
            again = await s.deliver(late)          # and Zalo retrying once more
            assert first.status_code == 200 and again.status_code == 200
            assert [m.text for m in s.assistant.messages] == ["lam cccd o dau"]
            assert s.texts_sent() == [texts()["late_apology"], "Trả lời: lam cccd o dau"]
    run(scenario())


def test_a_signed_event_older_than_the_inbox_remembers_is_acknowledged_and_dropped(monkeypatch):
    monkeypatch.setenv("DVCBOT_INBOX_RETENTION_HOURS", "2")

    async def scenario():
        async with zalo_stack(echo()) as s:
            old = text_event("lam cccd o dau")
            old["timestamp"] = str(int((time.time() - 3 * 3600) * 1000))
            assert (await s.deliver(old)).status_code == 200
            assert s.assistant.messages == [] and s.zalo.attempts == []
    run(scenario())


def test_unfollow_ends_the_citizens_dossier_follows():
    from actions.portal.subscriptions import SubscriptionStore

    follows = SubscriptionStore()
    follows.subscribe(f"zalo:{CITIZEN}", "zalo", "000.00.12.H05-211020-0001", "fp", "Đang xử lý")
    follows.subscribe("zalo:someone-else", "zalo", "000.00.12.H05-211020-0002", "fp", "Đang xử lý")

    async def scenario():
        async with zalo_stack(echo()) as s:
            event = dict(follow_event(), event_name="unfollow")
            assert (await s.deliver(event)).status_code == 200
            assert s.assistant.messages == [] and s.zalo.attempts == []
    run(scenario())
    assert follows.active_codes(f"zalo:{CITIZEN}", "zalo") == []
    assert follows.active_codes("zalo:someone-else", "zalo") == ["000.00.12.H05-211020-0002"]


def test_two_replicas_receiving_the_same_event_answer_it_once():
    async def scenario():
        async with zalo_api() as api:
            async with zalo_stack(echo(), api) as one, zalo_stack(echo(), api) as two:
                event = text_event("le phi khai sinh", msg_id="dup0001")
                replies = [await one.deliver(event), await two.deliver(event)]
                assert [r.status_code for r in replies] == [200, 200]
                assert len(one.assistant.messages) + len(two.assistant.messages) == 1
                assert [b["message"]["text"] for b in api[0].sent] == ["Trả lời: le phi khai sinh"]
    run(scenario())


def test_an_event_acknowledged_by_a_replica_that_died_is_answered_after_restart_once(monkeypatch):
    from bot.channels.inbox import Inbox, InboxSettings
    from tests.channels.messaging_fakes import wait_until

    monkeypatch.setenv("DVCBOT_INBOX_LEASE_SECONDS", "1")
    monkeypatch.setenv("DVCBOT_INBOX_SWEEP_SECONDS", "1")
    event = text_event("thu tuc ket hon", msg_id="crash0001")
    # the replica stored the event and answered 200, then died before handling it
    dead = Inbox("zalo", settings=InboxSettings(lease_seconds=1))
    assert dead.put("msg:crash0001", f"zalo:{CITIZEN}", event) is not None

    async def scenario():
        async with zalo_stack(echo()) as s:    # the restarted replica
            await wait_until(lambda: len(s.zalo.sent) == 1, timeout=10)
            assert [m.text for m in s.assistant.messages] == ["thu tuc ket hon"]
            assert await s.channel.worker.sweep() == 0   # answered: nothing left
            assert (await s.deliver(event)).json() == {"status": "duplicate"}
            assert len(s.assistant.messages) == 1
    run(scenario())
