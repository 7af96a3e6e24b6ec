"""`dvcbot report` on a conversation store seeded through Rasa's own SQLTrackerStore, with
hand-off tickets and QR entry points: the figures are right and nothing personal comes out."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.handoff.store import TicketStore
from bot.paths import REPO_ROOT

VN = dt.timezone(dt.timedelta(hours=7))
PHONE = "0912345678"
CCCD = "083095001234"
DOSSIER = "000.00.12.H05-211020-0001"
SENDERS = ["zalo:5551112223", "tg:777888999", "webAbCdEf123456", "webZzYyXx987654"]


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> float:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=VN).timestamp()


def user(text, intent, confidence, ts, channel, procedure=None, ranking=None):
    from rasa.shared.core.events import UserUttered

    entities = [{"entity": "procedure", "value": procedure, "start": 0, "end": 1}] \
        if procedure else []
    parse = {"intent": {"name": intent, "confidence": confidence}, "entities": entities,
             "intent_ranking": ranking or [{"name": intent, "confidence": confidence}]}
    return UserUttered(text, intent=parse["intent"], entities=entities, parse_data=parse,
                       input_channel=channel, timestamp=ts)


def seed_tracker_store(path: Path, extra: dict | None = None) -> None:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_dict({
        "intents": ["ask_documents", "ask_fee", "request_human", "check_dossier_status",
                    "out_of_scope"],
        "slots": {"procedure": {"type": "text", "mappings": [{"type": "custom"}]}}})
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(path))
    fallback = lambda guess, conf: [{"name": "nlu_fallback", "confidence": 0.4},  # noqa: E731
                                    {"name": guess, "confidence": conf}]
    conversations = {
        SENDERS[0]: [  # Zalo, 2 Nov: a question, then a follow-up carried over by the slot
            user("lam giay khai sinh can gi", "ask_documents", 0.93, at(2, 9), "zalo", "khai_sinh"),
            BotUttered("Bạn cần tờ khai...", timestamp=at(2, 9, 1)),
            SlotSet("procedure", "khai_sinh", timestamp=at(2, 9, 1)),
            user("con le phi", "ask_fee", 0.88, at(2, 9, 5), "zalo"),
            SlotSet("procedure", "khai_sinh", timestamp=at(2, 9, 6)),
        ],
        SENDERS[1]: [  # Telegram: one before the period, then 2 Nov
            user("doi cccd o dau", "ask_where", 0.9, at(30, 10, month=10), "telegram", "can_cuoc"),
            user("doi cccd bn tien", "ask_fee", 0.9, at(2, 20), "telegram", "can_cuoc"),
            user(f"sdt em {PHONE} cccd {CCCD} ai goi lai giup", "nlu_fallback", 0.4, at(2, 21),
                 "telegram", ranking=fallback("request_human", 0.31)),
            user("/request_human", "request_human", 1.0, at(2, 21, 1), "telegram"),
        ],
        SENDERS[2]: [  # web chat, 3 Nov: not understood, and low confidence
            user("xyz qwe", "nlu_fallback", 0.4, at(3, 8), "webchat",
                 ranking=fallback("out_of_scope", 0.2)),
            user(f"ho so {DOSSIER} sao roi", "check_dossier_status", 0.35, at(3, 8, 2), "webchat"),
        ],
        SENDERS[3]: [  # web chat, late on 3 Nov in Vietnam (still 3 Nov)
            user("xyz  qwe", "nlu_fallback", 0.4, at(3, 23, 30), "webchat",
                 ranking=fallback("out_of_scope", 0.25)),
        ],
    }
    conversations.update(extra or {})

    async def save_all():
        for sender, events in conversations.items():
            tracker = DialogueStateTracker.from_events(sender, events, slots=domain.slots)
            await store.save(tracker)
    asyncio.run(save_all())
    store.engine.dispose()


def seed_tickets(url: str) -> None:
    utc = lambda day, hour, minute=0: dt.datetime(2026, 11, day, hour, minute)  # noqa: E731
    now = [utc(2, 3)]
    store = TicketStore(url, clock=lambda: now[0])
    first = store.create(commune="thanh_phong", procedure="khai_sinh", channel="zalo",
                         sender_id=SENDERS[0], messages=[{"who": "citizen", "text": "x"}])
    now[0] = utc(2, 3, 6)
    assert store.claim(first.id, 111111111, "Nguyễn Văn An", -100111, 5)
    store.close(first.id, "volunteer", ask_rating=True)
    store.rate(first.id, 4)
    now[0] = utc(3, 1)
    second = store.create(commune="an_qui", procedure=None, channel="telegram",
                          sender_id=SENDERS[1], messages=[])
    now[0] = utc(3, 1, 10)
    assert store.claim(second.id, 444444444, "Phạm Thị Dung", -100222, 6)
    store.close(second.id, "volunteer", ask_rating=True)
    store.rate(second.id, 5)
    now[0] = utc(3, 5)
    third = store.create(commune="thanh_phong", procedure=None, channel="webchat",
                         sender_id=SENDERS[2], messages=[])
    store.mark_announced(third.id, 0)
    store.mark_escalated(third.id)
    store.close(third.id, "expired", ask_rating=False)


def seed_entry_points(url: str) -> None:
    from bot.entry_points import EntryPoint, record_entry

    leaflet = EntryPoint(source="leaflet-2026", commune="thanh_phong", channel="zalo")
    for _ in range(3):
        assert record_entry(leaflet, url, day=dt.date(2026, 11, 2))
    assert record_entry(EntryPoint(source="poster", commune="an_qui", channel="telegram"), url,
                        day=dt.date(2026, 11, 4))
    assert record_entry(leaflet, url, day=dt.date(2026, 10, 20))   # before the period


def seed_telegram_delivery(url: str) -> None:
    """Telegram answers possibly shown twice (H3): 2 in the period, 5 before it; one waiting."""
    from sqlalchemy import insert

    from bot.channels import store
    from bot.messaging.outbox import Outbox

    with store.engine(url).begin() as conn:
        for day, n in (("2026-11-03", 2), ("2026-10-20", 5)):
            conn.execute(insert(store.channel_counts).values(
                channel="telegram", name="possible_repeat", day=day, count=n))
    Outbox(url, channel="telegram").add("424242", {"method": "sendMessage", "chat_id": 424242,
                                                   "text": "..."}, None, "flood control", 0.0)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    tracker = folder / "rasa_tracker.sqlite3"
    database = f"sqlite:///{folder / 'dvcbot.sqlite3'}"
    seed_tracker_store(tracker)
    seed_tickets(database)
    seed_entry_points(database)
    seed_telegram_delivery(database)
    out = folder / "out"
    done = subprocess.run(
        [sys.executable, "-m", "bot.report", "--since", "2026-11-01", "--until", "2026-11-05",
         "--out", str(out), "--tracker-url", f"sqlite:///{tracker}", "--database-url", database],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return out, done.stdout


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_messages_per_day_and_channel(report):
    out, summary = report
    got = {(r["day"], r["channel"]): (int(r["messages"]), int(r["conversations"]))
           for r in rows(out / "messages_per_day.csv")}
    assert got == {("2026-11-02", "zalo"): (2, 1), ("2026-11-02", "telegram"): (3, 1),
                   ("2026-11-03", "webchat"): (3, 2)}
    assert "messages: 8 in 4 conversations" in summary


def test_top_intents_and_procedures(report):
    out, _ = report
    intents = {r["intent"]: int(r["messages"]) for r in rows(out / "intents.csv")}
    assert intents == {"ask_fee": 2, "nlu_fallback": 3, "ask_documents": 1, "request_human": 1,
                       "check_dossier_status": 1}
    procedures = {r["procedure"]: int(r["messages"]) for r in rows(out / "procedures.csv")}
    assert procedures == {"khai_sinh": 2, "can_cuoc": 1}     # "con le phi" counts for khai sinh
    names = {r["procedure"]: r["name"] for r in rows(out / "procedures.csv")}
    assert names["khai_sinh"] == "Đăng ký khai sinh"


def test_not_understood_questions_exported_for_labelling(report):
    out, summary = report
    found = {r["text"]: r for r in rows(out / "not_understood.csv")}
    assert set(found) == {"xyz qwe", "sdt em ********78 cccd **********34 ai goi lai giup",
                          "ho so 000.00.12.H05-******-**01 sao roi"}
    assert found["xyz qwe"]["times"] == "2" and found["xyz qwe"]["guessed_intent"] == "out_of_scope"
    assert found["ho so 000.00.12.H05-******-**01 sao roi"]["guessed_intent"] == \
        "check_dossier_status"
    assert "not understood: 4 messages, 3 distinct" in summary

    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    data = RasaYAMLReader().reads((out / "nlu_to_label.yml").read_text(encoding="utf-8"))
    examples = {(m.get("intent"), m.get("text")) for m in data.intent_examples}
    assert ("request_human", "sdt em ********78 cccd **********34 ai goi lai giup") in examples
    assert ("out_of_scope", "xyz qwe") in examples


def test_handoffs_time_to_claim_and_rating(report):
    out, summary = report
    tickets = rows(out / "handoffs.csv")
    assert [(t["commune"], t["minutes_to_claim"], t["rating"]) for t in tickets] == [
        ("thanh_phong", "6.0", "4"), ("an_qui", "10.0", "5"), ("thanh_phong", "", "")]
    assert tickets[2]["escalated"] == "True" and tickets[2]["closed_reason"] == "expired"
    assert ("hand-offs: 3 tickets, 2 claimed, median 8.0 min to claim, 1 escalated, 1 expired, "
            "average rating 4.5/5 (2 rated)") in summary
    by_commune = {r["commune"]: r for r in rows(out / "handoffs_by_commune.csv")}
    assert by_commune["thanh_phong"]["tickets"] == "2" and by_commune["an_qui"]["average_rating"] == "5"


def test_entry_points_per_commune_and_source(report):
    out, _ = report
    got = {(r["commune"], r["source"], r["channel"]): int(r["count"])
           for r in rows(out / "entry_points.csv")}
    assert got == {("thanh_phong", "leaflet-2026", "zalo"): 3, ("an_qui", "poster", "telegram"): 1}


def test_telegram_answers_possibly_shown_twice_are_reported(report):
    _, summary = report
    assert ("telegram delivery: 2 answer(s) possibly shown twice, 1 waiting in the outbox, "
            "0 given up") in summary


def test_html_page_is_self_contained_with_charts(report):
    out, _ = report
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") >= 4
    assert "<script" not in page.lower() and "http://" not in page and "https://" not in page
    assert "Đăng ký khai sinh" in page and "xã Thạnh Phong" in page


def test_no_personal_data_anywhere_in_the_report(report):
    out, summary = report
    texts = [summary] + [p.read_text(encoding="utf-8") for p in out.iterdir()]
    for secret in SENDERS + ["5551112223", "777888999", PHONE, CCCD, DOSSIER, "Nguyễn Văn An",
                             "Phạm Thị Dung", "111111111", "444444444", "-100111"]:
        assert not any(secret in t for t in texts), secret


def test_chart_text_alternatives_carry_the_figures(report):
    out, _ = report
    page = (out / "report.html").read_text(encoding="utf-8")
    charts = page.split("<svg")[1:]
    assert charts
    for chart in charts:
        assert 'aria-label="' in chart.split(">", 1)[0], "a chart without a text alternative"
        assert "<title>" in chart and "<desc>" in chart
    assert 'aria-label="Ý định nhiều nhất (số tin nhắn): nlu_fallback: 3; ask_fee: 2' in page
    assert "8 tin nhắn trong 5 ngày" in page


FORMULAS = ['=HYPERLINK("http://x.example","bam vao")', "@SUM(1+1)", "+84 goi lai", "-1 sao vay"]


@pytest.mark.parametrize("written_by_the_runner", [False, True],
                         ids=["endpoints.yml", "var/endpoints.active.yml"])
def test_the_report_as_the_readme_says_reads_the_projects_own_settings(tmp_path, written_by_the_runner):
    """`dvcbot report --since 2026-11-01`, nothing else: the tracker store is found from the
    project's endpoints.yml (bot.rasa_ext.stores.DurableSQLTrackerStore), or the copy `dvcbot run` writes."""
    from bot.runner import active_endpoints

    state = tmp_path / "var"
    state.mkdir()
    if written_by_the_runner:
        import yaml
        (state / "endpoints.active.yml").write_text(
            yaml.safe_dump(active_endpoints(REPO_ROOT / "endpoints.yml", 5055, state)))
    formulas = {"webFormula0000001": [user(text, "nlu_fallback", 0.3, at(4, 9, i), "webchat")
                                      for i, text in enumerate(FORMULAS)]}
    seed_tracker_store(state / "rasa_tracker.sqlite3", formulas)
    database = f"sqlite:///{state / 'dvcbot.sqlite3'}"
    seed_tickets(database)
    env = {k: v for k, v in os.environ.items() if k not in {"DVCBOT_TRACKER_URL"}}
    env.update(DVCBOT_STATE_DIR=str(state), DVCBOT_DATABASE_URL=database)
    done = subprocess.run([str(Path(sys.executable).parent / "dvcbot"), "report", "--since", "2026-11-01"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "messages: 12 in 5 conversations" in done.stdout
    [out] = (state / "reports").iterdir()
    assert out.name.startswith("2026-11-01_")
    expected = {"messages_per_day.csv", "intents.csv", "procedures.csv", "not_understood.csv",
                "nlu_to_label.yml", "handoffs.csv", "handoffs_by_commune.csv", "entry_points.csv",
                "report.html"}
    assert expected <= {p.name for p in out.iterdir()}
    texts = {r["text"] for r in rows(out / "not_understood.csv")}
    assert {"'" + f for f in FORMULAS} <= texts, "a cell a spreadsheet would run as a formula"


def test_a_tracker_store_the_report_cannot_read_is_named_with_file_and_line(tmp_path):
    state = tmp_path / "var"
    state.mkdir()
    (state / "endpoints.active.yml").write_text(
        "action_endpoint:\n  url: http://127.0.0.1:5055/webhook\ntracker_store:\n"
        "  type: redis\n  url: localhost\n")
    env = dict(os.environ, DVCBOT_STATE_DIR=str(state))
    env.pop("DVCBOT_TRACKER_URL", None)
    done = subprocess.run([sys.executable, "-m", "bot.report", "--since", "2026-11-01"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert f"{state / 'endpoints.active.yml'}, dòng 4: tracker_store type 'redis'" in done.stderr


def test_the_report_command_speaks_vietnamese_to_the_operator():
    dvcbot = str(Path(sys.executable).parent / "dvcbot")
    helped = subprocess.run([dvcbot, "report", "--help"], capture_output=True, text=True, timeout=120)
    assert helped.returncode == 0
    assert helped.stdout.startswith("cách dùng: dvcbot report")
    assert "ngày đầu, ví dụ 2026-11-01" in helped.stdout and "tùy chọn" in helped.stdout
    missing = subprocess.run([dvcbot, "report"], capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2
    assert "dvcbot report: lỗi: thiếu tham số bắt buộc: --since" in missing.stderr
    wrong = subprocess.run([dvcbot, "report", "--since", "1/11"], capture_output=True, text=True,
                           timeout=120)
    assert "tham số --since: '1/11' không phải ngày dạng 2026-11-01" in wrong.stderr
