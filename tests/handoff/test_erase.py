""""xóa dữ liệu của tôi": the channels hand every citizen message to handoff_link.route_citizen
before Rasa; the command erases the conversation (its tracker really gone), its dossier follows
and its tickets, and the citizen gets a short confirmation. Others' data is untouched."""

from __future__ import annotations

import asyncio

import pytest

from actions.portal.subscriptions import SubscriptionStore
from bot import privacy
from bot.channels import handoff_link
from bot.paths import REPO_ROOT

from .conftest import THANH_PHONG_GROUP

CODE = "000.00.99.H99-250701-0001"


@pytest.fixture
def live_tracker(tmp_path, monkeypatch):
    import bot.rasa_ext
    import bot.rasa_ext.stores as stores
    from rasa.shared.core.domain import Domain

    monkeypatch.setattr(stores, "_live_stores", [])
    domain = Domain.load(str(REPO_ROOT / "domain.yml"))
    yield stores.DurableSQLTrackerStore(domain=domain, dialect="sqlite",
                                        db=str(tmp_path / "rasa_tracker.sqlite3"))
    bot.rasa_ext.uninstall()   # the store installed the Rasa server's patches: Rasa as shipped


def save_conversation(store, sender: str) -> None:
    from rasa.shared.core.events import SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_events(sender, [
        SessionStarted(timestamp=1.0),
        UserUttered("ho so cua toi toi dau roi", {"name": "check_dossier_status",
                                                   "confidence": 0.9}, timestamp=2.0),
        SlotSet("dossier_code", CODE, timestamp=3.0)], store.domain.slots)
    asyncio.run(store.save(tracker))


@pytest.mark.parametrize("typed", ["xoa du lieu cua toi", "Xóa dữ liệu của tôi.",
                                   "XOÁ DỮ LIỆU CỦA TÔI!"])
def test_the_erase_command_is_recognised_with_or_without_diacritics(typed):
    assert privacy.is_erase_command(typed)


@pytest.mark.parametrize("typed", ["tôi muốn xóa dữ liệu hồ sơ cũ trên cổng", "dữ liệu", "", None])
def test_other_messages_are_not_the_erase_command(typed):
    assert not privacy.is_erase_command(typed)


def test_xoa_du_lieu_cua_toi_erases_the_conversation_follows_and_tickets(
        apis, service, settings, live_tracker, monkeypatch):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", settings.database_url)
    monkeypatch.setattr(handoff_link, "get_service", lambda: service)
    monkeypatch.setattr(handoff_link, "_citizen_senders", {})
    sent: list[tuple[str, str]] = []

    async def send(recipient: str, text: str) -> None:
        sent.append((recipient, text))

    asyncio.run(handoff_link.start("telegram", send))
    for sender in ("tg:7001", "tg:7002"):
        save_conversation(live_tracker, sender)
        SubscriptionStore().subscribe(sender, "telegram", CODE, "in_progress", "Đang xử lý")
        service.store.create(commune="thanh_phong", procedure=None, channel="telegram",
                             sender_id=sender, messages=[{"who": "citizen", "text": "giúp tôi"}])
    assert privacy.first_contact("tg:7001")

    taken = asyncio.run(handoff_link.route_citizen("tg:7001", "telegram", "xoa du lieu cua toi"))

    assert taken is True                                         # never reaches Rasa
    note = apis.sent_to(THANH_PHONG_GROUP)[-1]["text"]        # the volunteers are told
    assert "xoá dữ liệu" in note and "Xin xoá các tin" in note
    assert sent == [("tg:7001", privacy.text("erased"))]
    assert len(sent[0][1]) < 200 and "Đã xóa dữ liệu" in sent[0][1]
    assert asyncio.run(live_tracker.retrieve("tg:7001")) is None  # the tracker is gone
    assert service.store.active_for("telegram", "tg:7001") is None
    assert SubscriptionStore().active_codes("tg:7001", "telegram") == []
    assert privacy.first_contact("tg:7001")                     # the notice is new again
    # the other citizen keeps everything
    other = asyncio.run(live_tracker.retrieve("tg:7002"))
    assert other is not None and other.get_slot("dossier_code") == CODE
    assert SubscriptionStore().active_codes("tg:7002", "telegram") == [CODE]
    assert service.store.active_for("telegram", "tg:7002") is not None
    # an ordinary message still goes on to the hand-off / Rasa
    assert asyncio.run(handoff_link.route_citizen("tg:7003", "telegram", "lệ phí khai sinh")) is False


def test_on_the_web_chat_the_confirmation_waits_in_the_page_outbox(service, settings, live_tracker,
                                                                  monkeypatch):
    monkeypatch.setenv("DVCBOT_DATABASE_URL", settings.database_url)
    monkeypatch.setattr(handoff_link, "get_service", lambda: service)
    monkeypatch.setattr(handoff_link, "_citizen_senders", {})
    asyncio.run(handoff_link.start("webchat"))            # its sender is the outbox
    save_conversation(live_tracker, "web-abcdef123456")
    service.store.outbox_put("web-abcdef123456", "an old volunteer answer")
    assert asyncio.run(handoff_link.route_citizen("web-abcdef123456", "webchat",
                                                  "xóa dữ liệu của tôi"))
    assert service.webchat_outbox("web-abcdef123456") == [privacy.text("erased")]
    assert asyncio.run(live_tracker.retrieve("web-abcdef123456")) is None
