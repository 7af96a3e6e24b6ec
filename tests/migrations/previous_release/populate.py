"""Fill a database the way the previous release does, with its own code (see make.py, which runs
this with that release's tree first on sys.path): every dvcbot table gets rows written by the
store that owns it. All people and numbers are made up.

    python populate.py DATABASE_URL
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys

NOW = dt.datetime(2026, 11, 30, 9, 15)


def main(url: str) -> None:
    import bot

    print(f"populating {url} with the release in {bot.__file__}", file=sys.stderr)

    from actions.portal.guesses import GuessGuard, GuessSettings
    from actions.portal.subscriptions import Observation, SubscriptionStore
    from bot import entry_points, privacy
    from bot.channels import store as channel_store
    from bot.channels.buttons import ButtonPayloads
    from bot.channels.zalo_api import Outbox
    from bot.channels.zalo_tokens import TokenStore
    from bot.handoff.store import TicketStore
    from knowledge.base import KnowledgeBase

    clock = [NOW]
    tickets = TicketStore(url, clock=lambda: clock[0])
    waiting = tickets.create(commune="thanh_phong", procedure="khai_sinh", channel="telegram",
                             sender_id="tg:700001",
                             messages=[{"who": "citizen", "text": "Tôi cần hỏi làm giấy khai sinh"},
                                       {"who": "citizen", "text": "số tôi 0912 000 111"}])
    clock[0] = NOW + dt.timedelta(minutes=5)
    claimed = tickets.create(commune="an_qui", procedure=None, channel="zalo", sender_id="zalo:800002",
                             messages=[{"who": "citizen", "text": "hồ sơ đất của tôi tới đâu rồi"}])
    tickets.claim(claimed.id, 5550001, "Chị Lan (tổ tình nguyện)", -1001234567, 42)
    tickets.touch(claimed.id, {"who": "volunteer", "text": "Chào anh, em đang xem giúp."})
    tickets.remember_message(-1001234567, 41, claimed.id, "announcement")
    tickets.remember_message(-1001234567, 43, claimed.id, "relay")
    clock[0] = NOW + dt.timedelta(minutes=20)
    done = tickets.create(commune="thanh_phong", procedure="chung_thuc", channel="webchat",
                          sender_id="web:3f9a0c", messages=[{"who": "citizen", "text": "chứng thực bản sao"}])
    tickets.claim(done.id, 5550002, "Anh Minh", -1001234567, 50)
    tickets.close(done.id, "volunteer", ask_rating=True)
    tickets.rate(done.id, 5)
    tickets.outbox_put("web:3f9a0c", "Anh mang bản chính và bản sao đến bộ phận một cửa nhé.")
    tickets.log_assisted(telegram_id=5550001, commune="an_qui", action="dossier_lookup",
                         target="000.00.**.H**-****-0042", reason="người dân nhờ xem hồ sơ",
                         outcome="found")
    print(f"tickets {waiting.id} (open), {claimed.id} (claimed), {done.id} (closed, rated)",
          file=sys.stderr)

    follows = SubscriptionStore(url)
    follows.subscribe("tg:700001", "telegram", "000.00.31.H12-261120-0007", "received",
                      "Đã tiếp nhận", days=30, now=NOW)
    follows.subscribe("zalo:800002", "zalo", "000.00.31.H12-261118-0031", None, None, days=30,
                      now=NOW)
    follows.record("000.00.31.H12-261120-0007",
                   Observation(found=True, fingerprint="processing", status_text="Đang xử lý",
                               status_key="processing", procedure="Đăng ký khai sinh",
                               appointment_date="2026-12-04"), now=NOW + dt.timedelta(hours=1))

    guard = GuessGuard(url, GuessSettings(code_places=2), clock=lambda: NOW)
    guard.record_failure("000.00.31.H12-261101-0099", "tg:700009", client="198.51.100.7")
    guard.record_failure("000.00.31.H12-261101-0099", "tg:700010", client="198.51.100.8",
                         reason="not_found")

    privacy.first_contact("tg:700001", url=url, now=NOW)
    privacy.first_contact("zalo:800002", url=url, now=NOW)
    entry_points.record_entry(entry_points.EntryPoint("leaflet-2026", "thanh_phong", None, "zalo"),
                              url, channel="zalo", day=NOW.date())
    entry_points.record_entry(entry_points.EntryPoint("poster-ubnd", "an_qui", "to_1", "webchat"),
                              url, channel="webchat", day=NOW.date())

    TokenStore("1234567890123456789", url).seed("fake-access-token", "fake-refresh-token",
                                                 expires_at=1795000000.0)
    Outbox(url).add("zalo:800002", {"text": "Hồ sơ của anh đã có kết quả."}, -230,
                    "outside the 7-day window", retry_at=None)
    Outbox(url, channel="telegram").add("tg:700001", {"text": "Cảm ơn anh đã chờ."}, 429,
                                        "flood control", retry_at=1795000300.0)
    asyncio.run(ButtonPayloads(url).encode('/choose_procedure{"procedure": "khai_sinh"}', limit=1))
    channel_store.count("telegram", "possible_repeat", url)
    channel_store.shared_secret("webchat_session_key", url)

    kb = KnowledgeBase.open(url)
    print(f"knowledge base: {len(kb.procedure_keys())} procedures", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
