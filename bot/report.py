"""`dvcbot report`: what happened since a date, for the operator. No personal data.

    dvcbot report --since 2026-11-01 [--until 2026-11-30] [--out DIR]
                  [--tracker-url URL] [--database-url URL] [--min-confidence 0.5]

Reads
  - Rasa's SQL tracker store (table `events`: sender_id, type_name, timestamp, intent_name,
    action_name, data JSON), located from --tracker-url, DVCBOT_TRACKER_URL, or the
    tracker_store section of var/endpoints.active.yml / endpoints.yml: type SQL or any
    SQLTrackerStore subclass such as the project's bot.rasa_ext.stores.DurableSQLTrackerStore (a
    relative SQLite path is taken from the state directory the runner uses, then the
    repository root);
  - the hand-off tickets (handoff_tickets) in DVCBOT_DATABASE_URL;
  - QR / deep-link entry points (bot.entry_points.entry_counts), when that module is present.

Prints a summary and writes to DIR (default var/reports/<since>_<until>/):
  messages_per_day.csv    day, channel, messages, conversations
  intents.csv             intent, messages
  procedures.csv          procedure, name, messages
  not_understood.csv      text (masked), times, guessed_intent, confidence
  nlu_to_label.yml        the same questions in Rasa's NLU YAML, grouped by the model's guess
  handoffs.csv            one row per ticket: no sender, no volunteer, no message text
  handoffs_by_commune.csv commune, tickets, claimed, median_minutes_to_claim, average_rating
  entry_points.csv        commune, source, channel, count
  report.html             the same with charts (inline SVG, no script, no external file)

Days are Vietnam days (UTC+7). Sender ids are only counted, never written; questions are masked
(phone, ID and dossier numbers, e-mail addresses). A CSV cell that starts with = + - @ (or a tab
or carriage return) gets a leading ' so that a spreadsheet shows it as text instead of running
it as a formula. Each chart carries a text alternative (its figures, for screen readers).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import importlib
import json
import logging
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, create_engine, select
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.core.masking import mask_personal
from bot.core.settings import settings
from bot.core import tz
from bot.core.tz import VN_TZ
from bot.paths import REPO_ROOT, state_dir

logger = logging.getLogger(__name__)

DEFAULT_MIN_CONFIDENCE = 0.5
FALLBACK_INTENT = "nlu_fallback"
TOP = 20

_events_meta = MetaData()
events_table = Table(  # Rasa 3.6 SQLTrackerStore.SQLEvent
    "events", _events_meta,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


class ReportError(Exception):
    pass


# ------------------------------------------------------------------------------ locating data


def tracker_url(explicit: Optional[str] = None) -> str:
    """The SQLAlchemy URL of Rasa's tracker store."""
    url = explicit or settings().database.tracker_url
    if url:
        return url
    for candidate in (state_dir() / "endpoints.active.yml", REPO_ROOT / "endpoints.yml"):
        if candidate.exists():
            text = candidate.read_text(encoding="utf-8")
            try:
                endpoints = yaml.safe_load(text) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f", line {mark.line + 1}" if mark is not None else ""
                raise ReportError(f"{candidate}{where}: YAML không hợp lệ "
                                  f"({getattr(exc, 'problem', exc)})") from None
            store = endpoints.get("tracker_store") or {}
            kind = str(store.get("type", ""))
            if not is_sql_store(kind, f"{candidate}, dòng {_line_of(text, 'tracker_store', 'type')}"):
                raise ReportError(
                    f"{candidate}, dòng {_line_of(text, 'tracker_store', 'type')}: tracker_store "
                    f"type {kind!r} không lưu hội thoại trong cơ sở dữ liệu SQL; báo cáo chỉ đọc "
                    "được tracker store SQL: hãy chỉ rõ bằng --tracker-url")
            return _url_from_endpoints(store)
    return f"sqlite:///{state_dir() / 'rasa_tracker.sqlite3'}"


def is_sql_store(kind: str, where: str) -> bool:
    """Rasa's `SQL` store type, or a tracker store class (module.Class) built on SQLTrackerStore."""
    if kind.upper() == "SQL":
        return True
    module, _, name = kind.rpartition(".")
    if not module:
        return False  # Rasa's other built-in types: redis, mongod, dynamo, in_memory
    try:
        store_class = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise ReportError(f"{where}: không nạp được tracker_store type {kind!r} ({exc})") from None
    from rasa.core.tracker_store import SQLTrackerStore

    return isinstance(store_class, type) and issubclass(store_class, SQLTrackerStore)


def _line_of(text: str, *keys: str) -> int | str:
    """The line (1-based) of a nested key in a YAML text, or "?"."""
    from bot.core.yaml_lines import yaml_line

    return yaml_line(text, keys) or "?"


def _url_from_endpoints(store: dict[str, Any]) -> str:
    dialect = str(store.get("dialect") or "sqlite")
    db = str(store.get("db") or "rasa.db")
    if dialect == "sqlite":
        path = Path(db)
        if not path.is_absolute():
            in_state = state_dir() / path.name
            path = in_state if in_state.exists() else REPO_ROOT / path
        return f"sqlite:///{path}"
    return URL.create(dialect, username=store.get("username"), password=store.get("password"),
                      host=store.get("url"), port=store.get("port"), database=db,
                      query=store.get("query") or {}).render_as_string(hide_password=False)


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not Path(parsed.database).exists():
            raise ReportError(f"không có kho hội thoại tại {parsed.database} (trợ lý đã chạy chưa?"
                              " hoặc chỉ rõ bằng --tracker-url)")
    return create_engine(url, future=True)


# ------------------------------------------------------------------------------- the figures


@dataclass
class Figures:
    since: dt.date
    until: dt.date
    messages: Counter = field(default_factory=Counter)            # (day, channel) -> n
    conversations: dict = field(default_factory=lambda: defaultdict(set))  # (day, channel) -> senders
    intents: Counter = field(default_factory=Counter)
    procedures: Counter = field(default_factory=Counter)
    not_understood: Counter = field(default_factory=Counter)      # masked text -> n
    guesses: dict = field(default_factory=dict)                   # masked text -> (intent, conf)
    handoffs: list = field(default_factory=list)
    entry_points: list = field(default_factory=list)
    entry_points_note: Optional[str] = None
    handoffs_note: Optional[str] = None
    telegram_delivery: dict = field(default_factory=dict)   # possible repeats, waiting, failed
    telegram_delivery_note: Optional[str] = None

    @property
    def total_messages(self) -> int:
        return sum(self.messages.values())

    def conversation_count(self) -> int:
        senders: set = set()
        for group in self.conversations.values():
            senders |= group
        return len(senders)


def _local_day(timestamp: float) -> dt.date:
    return dt.datetime.fromtimestamp(timestamp, VN_TZ).date()


def _bounds(since: dt.date, until: dt.date) -> tuple[float, float]:
    start = dt.datetime.combine(since, dt.time(0), VN_TZ).timestamp()
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(0), VN_TZ).timestamp()
    return start, end


def clean_question(text: str) -> str:
    """A question as it may appear in the report: one line, masked, brackets neutralised."""
    value = " ".join(str(text or "").split())
    value = mask_personal(value)
    return value.replace("[", "(").replace("]", ")").replace("{", "(").replace("}", ")")[:200]


def read_conversations(figures: Figures, url: str, min_confidence: float) -> None:
    start, end = _bounds(figures.since, figures.until)
    engine = _engine(url)
    t = events_table
    query = (select(t.c.sender_id, t.c.type_name, t.c.timestamp, t.c.data)
             .where(t.c.timestamp >= start, t.c.timestamp < end,
                    t.c.type_name.in_(("user", "slot")))
             .order_by(t.c.sender_id, t.c.id))
    pending: Optional[tuple] = None   # (sender, day, channel) of a user message with no procedure
    try:
        with engine.connect() as conn:
            for sender, kind, timestamp, raw in conn.execution_options(stream_results=True) \
                    .execute(query):
                try:
                    data = json.loads(raw or "{}")
                except ValueError:
                    continue
                if kind == "slot":
                    if (pending is not None and pending[0] == sender
                            and data.get("name") == "procedure" and data.get("value")):
                        figures.procedures[str(data["value"])] += 1
                        pending = None
                    continue
                pending = None
                day = _local_day(timestamp or data.get("timestamp") or 0)
                channel = str(data.get("input_channel") or "unknown")
                figures.messages[(day, channel)] += 1
                figures.conversations[(day, channel)].add(sender)
                parse = data.get("parse_data") or {}
                intent = (parse.get("intent") or {}).get("name") or "(none)"
                confidence = (parse.get("intent") or {}).get("confidence")
                figures.intents[intent] += 1
                procedure = next((e.get("value") for e in parse.get("entities") or []
                                  if e.get("entity") == "procedure" and e.get("value")), None)
                if procedure:
                    figures.procedures[str(procedure)] += 1
                else:
                    pending = (sender,)
                text = str(data.get("text") or "")
                low = (confidence is not None and float(confidence) < min_confidence)
                if (intent == FALLBACK_INTENT or low) and text and not text.startswith("/"):
                    question = clean_question(text)
                    figures.not_understood[question] += 1
                    guess = next((r for r in parse.get("intent_ranking") or []
                                  if r.get("name") and r.get("name") != FALLBACK_INTENT), None)
                    if guess is None and intent != FALLBACK_INTENT:
                        guess = {"name": intent, "confidence": confidence}
                    if guess is not None:
                        # the surest guess of all the times it was asked: the same whatever
                        # the order of conversations (purged ones are renamed, bot/privacy.py)
                        seen = (guess["name"], float(guess.get("confidence") or 0.0))
                        known = figures.guesses.get(question)
                        if known is None or (seen[1], seen[0]) > (known[1], known[0]):
                            figures.guesses[question] = seen
    except SQLAlchemyError as exc:
        raise ReportError(f"không đọc được kho hội thoại {make_url(url).database or url}: "
                          f"{exc.__class__.__name__} (có phải tracker store SQL của Rasa không?)") from None
    finally:
        engine.dispose()


def read_handoffs(figures: Figures, database_url: Optional[str]) -> None:
    from bot.handoff.config import database_url as handoff_url
    from bot.handoff.store import tickets

    url = handoff_url(database_url)
    start = dt.datetime.combine(figures.since, dt.time(0), VN_TZ).astimezone(dt.timezone.utc) \
        .replace(tzinfo=None)
    end = dt.datetime.combine(figures.until + dt.timedelta(days=1), dt.time(0), VN_TZ) \
        .astimezone(dt.timezone.utc).replace(tzinfo=None)
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(
                tickets.c.id, tickets.c.commune, tickets.c.procedure, tickets.c.channel,
                tickets.c.status, tickets.c.created_at, tickets.c.claimed_at, tickets.c.closed_at,
                tickets.c.closed_reason, tickets.c.announcements, tickets.c.escalated_at,
                tickets.c.rating)
                .where(tickets.c.created_at >= start, tickets.c.created_at < end)
                .order_by(tickets.c.id)).all()
    except SQLAlchemyError:
        figures.handoffs_note = "no hand-off table yet"
        return
    finally:
        engine.dispose()
    for r in rows:
        minutes = None
        if r.claimed_at is not None:
            minutes = round((r.claimed_at - r.created_at).total_seconds() / 60, 1)
        figures.handoffs.append({
            "ticket": r.id,
            "day": r.created_at.replace(tzinfo=dt.timezone.utc).astimezone(VN_TZ).date().isoformat(),
            "commune": r.commune or "",
            "procedure": r.procedure or "",
            "channel": r.channel,
            "status": r.status,
            "minutes_to_claim": minutes,
            "announcements": r.announcements,
            "escalated": r.escalated_at is not None,
            "closed_reason": r.closed_reason or "",
            "rating": r.rating,
        })


def read_entry_points(figures: Figures, database_url: Optional[str]) -> None:
    try:
        from bot.entry_points import entry_counts
    except ImportError:
        figures.entry_points_note = "entry-point counting is not installed"
        return
    try:
        rows = entry_counts(figures.since, figures.until, database_url)
    except TypeError:
        rows = entry_counts(figures.since)
    except Exception as exc:  # noqa: BLE001 - a missing table must not stop the report
        figures.entry_points_note = f"entry points not readable ({exc.__class__.__name__})"
        return
    totals: Counter = Counter()
    for row in rows:
        day = row.get("day")
        if isinstance(day, dt.date) and not (figures.since <= day <= figures.until):
            continue
        totals[(row.get("commune") or "", row.get("source") or "",
                row.get("channel") or "")] += int(row.get("count") or 0)
    figures.entry_points = [{"commune": c, "source": s, "channel": ch, "count": n}
                            for (c, s, ch), n in sorted(totals.items())]


def read_telegram_delivery(figures: Figures, database_url: Optional[str]) -> None:
    """Telegram answers that may have reached a citizen twice (a send whose answer was lost,
    sent again: Telegram has no idempotency key), and those still waiting in the outbox."""
    try:
        from bot.channels import store
        from bot.messaging.outbox import Outbox

        repeats = store.counts("telegram", figures.since.isoformat(), figures.until.isoformat(),
                               database_url).get("possible_repeat", 0)
        outbox = Outbox(database_url, channel="telegram").counts()
    except Exception as exc:  # noqa: BLE001 - a missing table must not stop the report
        figures.telegram_delivery_note = f"not readable ({exc.__class__.__name__})"
        return
    figures.telegram_delivery = {"possible_repeats": repeats, "waiting": outbox.get("pending", 0),
                                 "failed": outbox.get("failed", 0)}


# --------------------------------------------------------------------------------- names


def _names() -> tuple[dict[str, str], dict[str, str]]:
    """Procedure and commune display names from the knowledge base (keys if unavailable)."""
    try:
        from knowledge import KnowledgeBase

        kb = KnowledgeBase.open()
        procedures = {k: kb.procedure_name(k) for k in kb.procedure_keys()}
        communes = {c.key: c.name for c in kb.communes()}
        return procedures, communes
    except Exception:  # noqa: BLE001
        return {}, {}


# --------------------------------------------------------------------------------- writing


def _handoff_summary(handoffs: list[dict[str, Any]]) -> dict[str, Any]:
    claim = [h["minutes_to_claim"] for h in handoffs if h["minutes_to_claim"] is not None]
    ratings = [h["rating"] for h in handoffs if h["rating"] is not None]
    return {
        "tickets": len(handoffs),
        "claimed": len(claim),
        "escalated": sum(1 for h in handoffs if h["escalated"]),
        "expired": sum(1 for h in handoffs if h["closed_reason"] == "expired"),
        "median_minutes_to_claim": round(statistics.median(claim), 1) if claim else None,
        "rated": len(ratings),
        "average_rating": round(statistics.mean(ratings), 2) if ratings else None,
        "ratings": Counter(ratings),
    }


def _by_commune(handoffs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list] = defaultdict(list)
    for h in handoffs:
        groups[h["commune"]].append(h)
    out = []
    for commune in sorted(groups):
        s = _handoff_summary(groups[commune])
        out.append({"commune": commune, "tickets": s["tickets"], "claimed": s["claimed"],
                    "escalated": s["escalated"],
                    "median_minutes_to_claim": s["median_minutes_to_claim"],
                    "average_rating": s["average_rating"]})
    return out


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell a spreadsheet will not run: text starting like a formula gets a
    leading apostrophe (numbers stay numbers)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_csv(path: Path, header: list[str], rows: Iterable[Iterable[Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([csv_cell(v) for v in row])


def nlu_yaml(figures: Figures) -> str:
    """The not-understood questions as Rasa NLU training data (version 3.1), grouped by the
    model's best guess, for a person to check, correct and move to nlu_data/train/nlu/."""
    groups: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for question, _ in figures.not_understood.most_common():
        intent, confidence = figures.guesses.get(question, ("out_of_scope", 0.0))
        groups[intent].append((question, confidence))
    lines = [
        "# Questions dvcbot did not understand "
        f"({figures.since.isoformat()} .. {figures.until.isoformat()}), personal numbers masked.",
        "# Each block is the model's GUESS: move every example to its right intent, mark",
        "# entities ([khai sinh](procedure)), then copy into nlu_data/train/nlu/ (never into",
        "# nlu_data/test/ unless it is meant as held-out test data).",
        'version: "3.1"',
        "nlu:",
    ]
    for intent in sorted(groups):
        lines.append(f"- intent: {intent}  # guessed; check each example")
        lines.append("  examples: |")
        for question, _ in groups[intent]:
            lines.append(f"    - {question}")
    if not groups:
        lines[-1] = "nlu: []"
    return "\n".join(lines) + "\n"


def write_report(figures: Figures, out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    procedure_names, commune_names = _names()
    files: dict[str, Path] = {}

    files["messages"] = out / "messages_per_day.csv"
    _write_csv(files["messages"], ["day", "channel", "messages", "conversations"],
               ((d.isoformat(), c, n, len(figures.conversations[(d, c)]))
                for (d, c), n in sorted(figures.messages.items())))
    files["intents"] = out / "intents.csv"
    _write_csv(files["intents"], ["intent", "messages"], figures.intents.most_common())
    files["procedures"] = out / "procedures.csv"
    _write_csv(files["procedures"], ["procedure", "name", "messages"],
               ((k, procedure_names.get(k, k), n) for k, n in figures.procedures.most_common()))
    files["not_understood"] = out / "not_understood.csv"
    _write_csv(files["not_understood"], ["text", "times", "guessed_intent", "confidence"],
               ((q, n, *figures.guesses.get(q, ("", "")))
                for q, n in figures.not_understood.most_common()))
    files["nlu"] = out / "nlu_to_label.yml"
    files["nlu"].write_text(nlu_yaml(figures), encoding="utf-8")
    columns = ["ticket", "day", "commune", "procedure", "channel", "status", "minutes_to_claim",
               "announcements", "escalated", "closed_reason", "rating"]
    files["handoffs"] = out / "handoffs.csv"
    _write_csv(files["handoffs"], columns, ([h[c] for c in columns] for h in figures.handoffs))
    by_commune = _by_commune(figures.handoffs)
    files["handoffs_by_commune"] = out / "handoffs_by_commune.csv"
    _write_csv(files["handoffs_by_commune"],
               ["commune", "tickets", "claimed", "escalated", "median_minutes_to_claim",
                "average_rating"], ([r[k] for k in r] for r in by_commune))
    files["entry_points"] = out / "entry_points.csv"
    _write_csv(files["entry_points"], ["commune", "source", "channel", "count"],
               ((e["commune"], e["source"], e["channel"], e["count"])
                for e in figures.entry_points))
    files["html"] = out / "report.html"
    files["html"].write_text(render_html(figures, procedure_names, commune_names, by_commune),
                             encoding="utf-8")
    return files


def summary_text(figures: Figures) -> str:
    s = _handoff_summary(figures.handoffs)
    channels: Counter = Counter()
    for (_, channel), n in figures.messages.items():
        channels[channel] += n
    lines = [
        f"dvcbot report {figures.since.isoformat()} .. {figures.until.isoformat()} (Vietnam days)",
        f"  messages: {figures.total_messages} in {figures.conversation_count()} conversations"
        + (" (" + ", ".join(f"{c} {n}" for c, n in channels.most_common()) + ")"
           if channels else ""),
        "  top intents: " + (", ".join(f"{i} {n}" for i, n in figures.intents.most_common(5))
                             or "-"),
        "  top procedures: " + (", ".join(f"{p} {n}" for p, n in
                                          figures.procedures.most_common(5)) or "-"),
        f"  not understood: {sum(figures.not_understood.values())} messages, "
        f"{len(figures.not_understood)} distinct",
        f"  hand-offs: {s['tickets']} tickets, {s['claimed']} claimed"
        + (f", median {s['median_minutes_to_claim']} min to claim"
           if s["median_minutes_to_claim"] is not None else "")
        + f", {s['escalated']} escalated, {s['expired']} expired"
        + (f", average rating {s['average_rating']}/5 ({s['rated']} rated)"
           if s["average_rating"] is not None else ""),
    ]
    if figures.handoffs_note:
        lines.append(f"  ({figures.handoffs_note})")
    if figures.telegram_delivery:
        d = figures.telegram_delivery
        lines.append(f"  telegram delivery: {d['possible_repeats']} answer(s) possibly shown twice, "
                     f"{d['waiting']} waiting in the outbox, {d['failed']} given up")
    elif figures.telegram_delivery_note:
        lines.append(f"  telegram delivery: skipped ({figures.telegram_delivery_note})")
    if figures.entry_points_note:
        lines.append(f"  entry points: skipped ({figures.entry_points_note})")
    else:
        lines.append(f"  entry points: {sum(e['count'] for e in figures.entry_points)} scans/opens "
                     f"from {len({e['source'] for e in figures.entry_points})} source(s)")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------- HTML

PALETTE = ["#1f6feb", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2", "#65a30d"]


def _svg_open(width: int, height: int, title: str, description: str) -> str:
    """An <svg> that screen readers announce: its title and, as description, its figures."""
    label = f"{title}: {description}"
    return (f'<svg role="img" aria-label="{html.escape(label)}" viewBox="0 0 {width} {height}" '
            f'width="100%"><title>{html.escape(title)}</title><desc>{html.escape(description)}</desc>')


def _hbar_svg(items: list[tuple[str, float]], unit: str = "", title: str = "") -> str:
    if not items:
        return "<p class=empty>Không có số liệu.</p>"
    width, label_w, row = 640, 230, 24
    top = max(v for _, v in items) or 1
    height = row * len(items) + 8
    parts = [_svg_open(width, height, title,
                       "; ".join(f"{label}: {value:g}{unit}" for label, value in items))]
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        w = (width - label_w - 70) * value / top
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" '
                     f'font-size="13">{html.escape(str(label)[:34])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 8}" '
                     f'fill="{PALETTE[0]}"><title>{html.escape(str(label))}: {value:g}</title></rect>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" font-size="13">'
                     f'{value:g}{html.escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _stacked_days_svg(figures: Figures) -> str:
    if not figures.messages:
        return "<p class=empty>Không có tin nhắn.</p>"
    days = []
    day = figures.since
    while day <= figures.until:
        days.append(day)
        day += dt.timedelta(days=1)
    channels = sorted({c for _, c in figures.messages})
    totals = [sum(figures.messages.get((d, c), 0) for c in channels) for d in days]
    top = max(totals) or 1
    width, height, left, bottom = 680, 240, 40, 40
    bar = max(2.0, (width - left - 10) / max(1, len(days)) - 2)
    per_channel = ", ".join(f"{c} {sum(figures.messages.get((d, c), 0) for d in days)}"
                            for c in channels)
    busiest = max(range(len(days)), key=lambda i: totals[i])
    parts = [_svg_open(width, height + 30, "Tin nhắn theo ngày và kênh",
                       f"{sum(totals)} tin nhắn trong {len(days)} ngày ({per_channel}); nhiều nhất "
                       f"{days[busiest].strftime('%d/%m')}: {totals[busiest]}"),
             f'<text x="4" y="14" font-size="12">{top}</text>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
             f'stroke="#888"/>']
    scale = (height - bottom - 20) / top
    for i, d in enumerate(days):
        x = left + i * (bar + 2)
        y = height - bottom
        for j, channel in enumerate(channels):
            n = figures.messages.get((d, channel), 0)
            if not n:
                continue
            h = n * scale
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{PALETTE[j % len(PALETTE)]}"><title>{d.isoformat()} '
                         f'{html.escape(channel)}: {n}</title></rect>')
        if len(days) <= 16 or i % max(1, len(days) // 8) == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - bottom + 14}" font-size="10">'
                         f'{d.strftime("%d/%m")}</text>')
    for j, channel in enumerate(channels):
        x = left + j * 120
        parts.append(f'<rect x="{x}" y="{height - 4}" width="12" height="12" '
                     f'fill="{PALETTE[j % len(PALETTE)]}"/>'
                     f'<text x="{x + 16}" y="{height + 7}" font-size="12">'
                     f'{html.escape(channel)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>"
                                    for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(figures: Figures, procedure_names: dict[str, str], commune_names: dict[str, str],
                by_commune: list[dict[str, Any]]) -> str:
    s = _handoff_summary(figures.handoffs)
    esc = html.escape
    entry_by_commune: Counter = Counter()
    for e in figures.entry_points:
        entry_by_commune[(commune_names.get(e["commune"], e["commune"] or "(không rõ xã)"),
                          e["source"])] += e["count"]
    sections = [
        f"<h1>Báo cáo dvcbot</h1><p>Từ {figures.since.strftime('%d/%m/%Y')} đến "
        f"{figures.until.strftime('%d/%m/%Y')} (giờ Việt Nam). Không có dữ liệu cá nhân: "
        "không mã người dùng, không tên, số điện thoại và số giấy tờ đã được che.</p>",
        "<div class=cards>"
        f"<div><b>{figures.total_messages}</b>tin nhắn</div>"
        f"<div><b>{figures.conversation_count()}</b>cuộc trò chuyện</div>"
        f"<div><b>{sum(figures.not_understood.values())}</b>câu chưa hiểu</div>"
        f"<div><b>{s['tickets']}</b>lần chuyển người thật</div>"
        f"<div><b>{s['average_rating'] if s['average_rating'] is not None else '–'}</b>"
        "điểm đánh giá trung bình</div></div>",
        "<h2>Tin nhắn theo ngày và kênh</h2>" + _stacked_days_svg(figures),
        "<h2>Ý định (intent) nhiều nhất</h2>"
        + _hbar_svg([(i, n) for i, n in figures.intents.most_common(TOP)],
                    title="Ý định nhiều nhất (số tin nhắn)"),
        "<h2>Thủ tục được hỏi nhiều nhất</h2>"
        + _hbar_svg([(procedure_names.get(k, k), n) for k, n in figures.procedures.most_common(TOP)],
                    title="Thủ tục được hỏi nhiều nhất (số tin nhắn)"),
        "<h2>Câu bot chưa hiểu</h2><p>Dùng làm dữ liệu huấn luyện mới: tệp "
        "<code>nlu_to_label.yml</code> (định dạng NLU của Rasa) trong cùng thư mục.</p>"
        + _table(["câu hỏi (đã che số)", "số lần", "bot đoán", "độ tin cậy"],
                 ((q, n, figures.guesses.get(q, ("", 0))[0],
                   f"{figures.guesses.get(q, ('', 0.0))[1]:.2f}" if q in figures.guesses else "")
                  for q, n in figures.not_understood.most_common(50))),
        "<h2>Chuyển cho người thật</h2>"
        + f"<p>{s['tickets']} phiếu, {s['claimed']} được nhận"
        + (f", trung vị {s['median_minutes_to_claim']} phút đến khi có người nhận"
           if s["median_minutes_to_claim"] is not None else "")
        + f", {s['escalated']} phải báo cán bộ, {s['expired']} hết hạn không ai nhận.</p>"
        + _hbar_svg([(f"{k} sao", s["ratings"].get(k, 0)) for k in range(5, 0, -1)],
                    title="Đánh giá của người dân (số lượt)")
        + _table(["xã", "phiếu", "được nhận", "báo cán bộ", "trung vị phút chờ", "điểm TB"],
                 ((commune_names.get(r["commune"], r["commune"] or "(không rõ)"), r["tickets"],
                   r["claimed"], r["escalated"], r["median_minutes_to_claim"],
                   r["average_rating"]) for r in by_commune)),
        "<h2>Điểm vào từ mã QR / đường dẫn</h2>"
        + (f"<p>Bỏ qua: {esc(figures.entry_points_note)}.</p>" if figures.entry_points_note
           else _hbar_svg([(f"{c} · {src}", n) for (c, src), n in entry_by_commune.most_common(TOP)],
                          title="Lượt vào theo xã và nguồn")
           + _table(["xã", "nguồn", "kênh", "số lượt"],
                    ((commune_names.get(e["commune"], e["commune"] or "(không rõ)"), e["source"],
                      e["channel"], e["count"]) for e in figures.entry_points))),
    ]
    style = ("body{font-family:system-ui,sans-serif;max-width:760px;margin:auto;padding:12px;"
             "color:#111}h2{margin-top:28px;border-bottom:1px solid #ddd}table{border-collapse:"
             "collapse;width:100%;font-size:14px}td,th{border:1px solid #ddd;padding:4px 6px;"
             "text-align:left}.cards{display:flex;flex-wrap:wrap;gap:8px}.cards div{border:1px "
             "solid #ddd;border-radius:8px;padding:8px 12px;min-width:110px}.cards b{display:"
             "block;font-size:24px}.empty{color:#666}")
    return ("<!doctype html><html lang=vi><head><meta charset=utf-8><meta name=viewport "
            "content='width=device-width,initial-scale=1'><title>Báo cáo dvcbot</title>"
            f"<style>{style}</style></head><body>" + "\n".join(sections) + "</body></html>\n")


# ------------------------------------------------------------------------------------ main


def build(since: dt.date, until: dt.date, *, tracker: Optional[str] = None,
          database_url: Optional[str] = None,
          min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Figures:
    figures = Figures(since=since, until=until)
    read_conversations(figures, tracker_url(tracker), min_confidence)
    read_handoffs(figures, database_url)
    read_entry_points(figures, database_url)
    read_telegram_delivery(figures, database_url)
    return figures


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} không phải ngày dạng 2026-11-01") from None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot report",
                                     description="báo cáo cho người vận hành (không có dữ liệu cá nhân)")
    parser.add_argument("--since", type=_date, required=True, metavar="NGÀY",
                        help="ngày đầu, ví dụ 2026-11-01")
    parser.add_argument("--until", type=_date, metavar="NGÀY", help="ngày cuối (mặc định: hôm nay)")
    parser.add_argument("--out", type=Path, metavar="THƯ_MỤC",
                        help="thư mục ghi báo cáo (mặc định var/reports/<ngày>)")
    parser.add_argument("--tracker-url", metavar="URL",
                        help="URL SQLAlchemy của tracker store Rasa (mặc định: theo endpoints.yml)")
    parser.add_argument("--database-url", metavar="URL",
                        help="cơ sở dữ liệu dvcbot (mặc định DVCBOT_DATABASE_URL)")
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE, metavar="NGƯỠNG",
                        help="dưới độ tin cậy này, tin nhắn được tính là chưa hiểu (mặc định 0.5)")
    args = parser.parse_args(argv)
    until = args.until or tz.today()
    if until < args.since:
        print("dvcbot report: --until phải sau --since", file=sys.stderr)
        return 2
    try:
        figures = build(args.since, until, tracker=args.tracker_url,
                        database_url=args.database_url, min_confidence=args.min_confidence)
    except ReportError as exc:
        print(f"dvcbot report: {exc}", file=sys.stderr)
        return 1
    out = args.out or state_dir() / "reports" / f"{args.since.isoformat()}_{until.isoformat()}"
    files = write_report(figures, out)
    print(summary_text(figures))
    print(f"đã ghi vào {out}: " + ", ".join(sorted(p.name for p in files.values())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
