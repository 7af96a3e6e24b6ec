"""Turning database facts into short Vietnamese chat messages (wording from messages.yml).

Every answer is two messages. The first (at most about 600 characters, a cheap phone's screen):
the fact(s) in force on the given day, the conditions or dates they depend on, what changes in
the next 60 days, and "cập nhật <verified_on>". The second: "Căn cứ: <sources>" and
"Xem thêm: <portal link>". An unknown fact is said to be unknown, with where to ask.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.texts import Texts

from . import models as m
from .conditions import Vocabulary

UPCOMING_DAYS = 60  # an answer also says what changes within this many days
FIRST_MESSAGE_CHARS = 600


@dataclass
class Answer:
    text: str  # every message, joined by newlines
    known: bool
    sources: list[str] = field(default_factory=list)
    link: str | None = None
    messages: list[str] = field(default_factory=list)  # [the answer, legal basis + link]

    def __post_init__(self) -> None:
        if not self.messages:
            self.messages = [self.text]


def day_text(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# The aspects, document kinds and channels whose names are messages too (what_*, kind_*, channel_*).
ASPECTS = ("documents", "fee", "processing_time", "where", "online", "form", "procedure",
           "deadline", "eligibility", "not_required")
DOCUMENT_KINDS = ("original", "copy", "certified_copy", "show_original")
CHANNELS = ("in_person", "post", "online")

# Every template of knowledge/data/messages.yml and the placeholders the renderer fills in
# (bot.core.texts); `dvcbot kb validate` refuses a file missing one, or with one more.
# tests/knowledge/test_messages_contract.py keeps this in step with the calls of t().
MESSAGES: dict[str, set[str]] = {
    "source_line": {"sources"}, "more_line": {"link"}, "unverified_mark": set(),
    "notice_line": {"text"}, "default_ask": set(), "unknown_fact": {"what", "name", "ask"},
    "unknown_case": {"case", "ask"}, "updated_line": {"date"}, "until": {"date"},
    "from_line": {"date", "what"}, "no_procedure": {"link"},
    **{f"what_{aspect}": set() for aspect in ASPECTS}, "what_other": set(),
    "documents_header": {"name"}, "documents_partial": {"note"},
    **{f"kind_{kind}": set() for kind in DOCUMENT_KINDS},
    "copies": {"n"}, "fee_header": {"name", "date"}, "fee_cheaper_header": set(), "fee_free": set(),
    "fee_amount": {"amount"}, "fee_per": {"amount", "per"}, "fee_online": {"amount"},
    "fee_max": {"amount"}, "fee_exemptions": {"list"}, "benefit_header": set(),
    "condition_header": {"name", "who", "date"}, "condition_exempt": {"list"},
    "condition_none": {"who"}, "condition_general": set(), "deadline_header": {"name"},
    "deadline_late": {"text"}, "deadline_late_unknown": set(), "eligibility_header": {"name"},
    "not_required_header": {"name"}, "time_header": {"name"}, "where_header": {"name"},
    "agency_line": {"agency"}, **{f"channel_{channel}": set() for channel in CHANNELS},
    "online_yes": {"name", "via"}, "online_no": {"name"}, "online_unknown": {"name", "ask"},
    "online_level": {"level"}, "online_fee": {"fees"}, "form_header": {"name"},
    "form_unknown_number": set(), "form_where": {"where"}, "procedure_header": {"name", "summary?"},
    "procedure_where": {"where"}, "procedure_time": {"time"}, "procedure_fee": {"fee"},
    "procedure_more": set(), "procedure_unknown_part": set(), "office_header": {"commune"},
    "office_address": {"value"}, "office_phone": {"value"}, "office_hours": {"value"},
    "office_unknown_field": set(), "office_unknown_hint": set(), "office_former": {"list"},
    "office_unverified": set(), "office_no_commune": {"list"},
}
MESSAGES_FILE = Path(__file__).resolve().parent / "data" / "messages.yml"


def money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


class Renderer:
    def __init__(self, messages: dict[str, str], vocabulary: Vocabulary | None = None):
        self.messages = Texts(MESSAGES_FILE, MESSAGES, messages)
        self.vocabulary = vocabulary or Vocabulary({})

    def t(self, key: str, **values) -> str:
        """A template filled in; TextsError for an undeclared key or the wrong values."""
        return self.messages.text(key, **values)

    # -- helpers ---------------------------------------------------------------
    @staticmethod
    def in_force(facts, day: dt.date):
        return [f for f in facts if f.in_force(day)]

    def mark(self, fact) -> str:
        return self.t("unverified_mark") if fact.status == m.UNVERIFIED else ""

    def ask(self, fact=None) -> str:
        return (fact.ask if fact is not None and fact.ask else None) or self.t("default_ask")

    @staticmethod
    def collect_sources(facts) -> list[str]:
        """Citations of the facts used, each once; articles of one document merged:
        'Luật Hộ tịch 60/2014/QH13, Điều 16; Luật Hộ tịch 60/2014/QH13, Điều 15'
        -> 'Luật Hộ tịch 60/2014/QH13, Điều 16, Điều 15'."""
        docs: dict[str, list[str]] = {}
        citations: list[str] = []
        for f in facts:
            if f.status == m.UNKNOWN or f.source is None:
                continue
            citations.append(f.source.citation)
            if getattr(f, "late_source", None):
                citations.append(f.late_source)
        for citation in citations:
            for part in citation.split(";"):
                part = part.strip()
                if not part:
                    continue
                doc, sep, article = part.partition(", ")
                arts = docs.setdefault(doc, [])
                for piece in article.split(", ") if sep else []:
                    if piece and piece not in arts:
                        arts.append(piece)
        return [doc + (", " + ", ".join(arts) if arts else "") for doc, arts in docs.items()]

    def finish(self, lines: list[str], proc: m.Procedure, used: list, day: dt.date, known: bool) -> "Answer":
        # the oldest re-check among the confirmed facts shown (unverified ones carry their own mark)
        stamps = [f.verified_on for f in used if f.status == m.KNOWN and f.verified_on is not None]
        updated = self.t("updated_line", date=day_text(min(stamps))) if stamps else ""
        notices = [self.t("notice_line", text=n.text) for n in self.in_force(proc.notices, day)]
        body = [line for line in lines if line]
        second_lines = []
        for notice in notices:  # a notice goes with the answer when it fits, else leads the second message
            if len("\n".join(body + [notice, updated])) <= FIRST_MESSAGE_CHARS:
                body.append(notice)
            else:
                second_lines.append(notice)
        first = "\n".join(body + ([updated] if updated else []))
        sources = self.collect_sources(used)
        if sources:
            second_lines.append(self.t("source_line", sources="; ".join(sources)))
        second_lines.append(self.t("more_line", link=proc.portal_link))
        second = "\n".join(second_lines)
        return Answer(text=first + "\n" + second, known=known, sources=sources, link=proc.portal_link,
                      messages=[first, second])

    # -- conditions and dates ---------------------------------------------------
    def until(self, fact) -> str:
        return self.t("until", date=day_text(fact.effective_to)) if fact.effective_to else ""

    def upcoming(self, facts, day: dt.date, describe) -> list[str]:
        """'Từ 01/01/2027: ...' for the facts that take effect within UPCOMING_DAYS (general ones first)."""
        horizon = day + dt.timedelta(days=UPCOMING_DAYS)
        by_day: dict[dt.date, list[str]] = {}
        for f in facts:
            if f.status == m.UNKNOWN or f.effective_from is None or not (day < f.effective_from <= horizon):
                continue
            by_day.setdefault(f.effective_from, []).append(describe(f))
        return [self.t("from_line", date=day_text(d), what="; ".join(parts)) for d, parts in sorted(by_day.items())]

    def unknown(self, proc: m.Procedure, aspect: str, day: dt.date, fact=None, extra: list[str] | None = None):
        lines = [self.t("unknown_fact", what=self.t(f"what_{aspect}"), name=proc.name, ask=self.ask(fact))]
        if fact is not None and fact.note:
            lines.append(fact.note)
        lines.extend(extra or [])
        return self.finish(lines, proc, [], day, known=False)

    # -- aspects ---------------------------------------------------------------
    def documents(self, proc: m.Procedure, day: dt.date) -> Answer:
        facts = self.in_force(proc.documents, day)
        known = [f for f in facts if f.status != m.UNKNOWN]
        if not known:
            return self.unknown(proc, "documents", day, facts[0] if facts else None)
        lines = [self.t("documents_header", name=proc.name)]
        for i, f in enumerate(known, 1):
            detail = []
            if f.copies:
                detail.append(self.t("copies", n=f.copies))
            if f.kind:
                detail.append(self.t(f"kind_{f.kind}"))
            tail = f" ({', '.join(detail)})" if detail else ""
            lines.append(f"{i}. {f.name}{tail}{self.mark(f)}")
        if not proc.documents_complete:
            note = proc.documents_note or self.t("unknown_fact", what=self.t("what_documents"), name=proc.name,
                                                 ask=self.ask())
            lines.append(self.t("documents_partial", note=note))
        return self.finish(lines, proc, known, day, known=True)

    def fee_value(self, f: m.Fee) -> str:
        if f.amount == 0:
            return self.t("fee_free")
        if f.per:
            return self.t("fee_per", amount=money(f.amount), per=f.per)
        return self.t("fee_amount", amount=money(f.amount))

    def fee_line(self, f: m.Fee) -> str:
        if f.status == m.UNKNOWN or f.amount is None:
            return "- " + self.t("unknown_case", case=f.case or self.t("what_fee"), ask=self.ask(f))
        value = self.fee_value(f)
        extra = []
        if f.online_amount is not None and f.online_amount != f.amount:
            extra.append(self.t("fee_online", amount=money(f.online_amount) if f.online_amount else self.t("fee_free")))
        if f.max_amount:
            extra.append(self.t("fee_max", amount=money(f.max_amount)))
        tail = f" ({'; '.join(extra)})" if extra else ""
        label = f"{f.case}: " if f.case else ""
        return f"- {label}{value}{tail}{self.mark(f)}"

    def conditional_fee_line(self, f: m.Fee, with_label: bool = True) -> str:
        """'- nộp trực tuyến bằng tài khoản VNeID mức 2 ...: miễn phí (cấp đổi, cấp lại; đến 28/02/2027)'."""
        conditions = f.condition_map
        case = None if conditions.get("groups") else f.case  # the label names who already
        detail = [d for d in (case, self.until(f)) if d]
        tail = f" ({'; '.join(detail)})" if detail else ""
        head = self.vocabulary.label(f.condition_map) + ": " if with_label else ""
        return f"- {head}{self.fee_value(f)}{tail}{self.mark(f)}"

    def fee_upcoming(self, fees, day: dt.date) -> list[str]:
        def describe(f):
            case = f"{f.case} " if f.case else ""
            if f.condition_map:
                return f"{self.vocabulary.label(f.condition_map)}: {case}{self.fee_value(f)}"
            return f"{case}{self.fee_value(f)}"
        general = [f for f in fees if not f.condition_map and f.amount is not None]
        return self.upcoming(general, day, describe)

    def fee(self, proc: m.Procedure, day: dt.date, person: dict | None = None) -> Answer:
        if person:
            return self.fee_for(proc, day, person)
        facts = self.in_force(proc.fees, day)
        general = [f for f in facts if not f.condition_map]
        conditional = [f for f in facts if f.condition_map and f.status != m.UNKNOWN and f.amount is not None]
        known = [f for f in general if f.status != m.UNKNOWN and f.amount is not None]
        benefits = [b for b in self.in_force(proc.benefits, day) if b.status != m.UNKNOWN]
        if not known and not benefits and not conditional:
            extra = [f.note for f in general[1:] if f.note]
            return self.unknown(proc, "fee", day, general[0] if general else None, extra=extra)
        lines = [self.t("fee_header", name=proc.name, date=day_text(day))]
        lines += [self.fee_line(f) for f in general]
        if conditional:
            lines.append(self.t("fee_cheaper_header"))
            lines += [self.conditional_fee_line(f) for f in conditional]
        exemptions: list[str] = []
        for f in known:
            for e in (f.exemptions or "").splitlines():
                if e and e not in exemptions:
                    exemptions.append(e)
        if exemptions:
            lines.append(self.t("fee_exemptions", list=", ".join(exemptions)))
        for f in general:
            if f.status == m.UNKNOWN and f.note:
                lines.append(f.note)
        lines += self.fee_upcoming(proc.fees, day)
        used = list(known) + conditional
        if benefits:
            lines.append(self.t("benefit_header"))
            lines += [f"- {b.case}: {b.text}{self.mark(b)}" if b.case else f"- {b.text}{self.mark(b)}" for b in benefits]
            used += benefits
        return self.finish(lines, proc, used, day, known=bool(known) or bool(benefits) or bool(conditional))

    def fee_for(self, proc: m.Procedure, day: dt.date, person: dict) -> Answer:
        """The fee for a citizen who named a condition ("nộp online thì sao?", "tôi là hộ nghèo")."""
        who = self.vocabulary.label(person, short=True)
        facts = [f for f in self.in_force(proc.fees, day) if f.status != m.UNKNOWN and f.amount is not None]
        general = [f for f in facts if not f.condition_map]
        matching = [f for f in facts if f.condition_map and self.vocabulary.matches(f.condition_map, person)]
        person_groups = set(person.get("groups") or [])
        exempt_texts = []
        for f in general:
            for e in (f.exemptions or "").splitlines():
                if e and set(self.vocabulary.detect(e).get("groups") or []) & person_groups and e not in exempt_texts:
                    exempt_texts.append(e)
        lines = [self.t("condition_header", name=proc.name, who=who, date=day_text(day))]
        used: list = []
        if matching:
            lines += [self.conditional_fee_line(f) for f in matching]
            used += matching
        if exempt_texts:
            lines.append(self.t("condition_exempt", list=", ".join(exempt_texts)))
            used += [f for f in general if f.exemptions]
        online_fees: list = []
        if person.get("channel") == "trực tuyến" and not person.get("cong_dan_so"):
            online_fees = [f for f in general if f.online_amount is not None and f.online_amount != f.amount]
            for f in online_fees:
                label = f"{f.case}: " if f.case else ""
                lines.append(f"- {label}" + (money(f.online_amount) if f.online_amount else self.t("fee_free")))
            used += online_fees
        if len(lines) == 1:
            lines.append(self.t("condition_none", who=who))
        rest = [f for f in general if f not in online_fees]
        if rest:  # what everybody else pays, on one line
            parts = [f"{f.case} {self.fee_value(f)}{self.mark(f)}" if f.case else self.fee_value(f) for f in rest]
            lines.append(self.t("condition_general") + " " + "; ".join(parts) + ".")
            used += [f for f in rest if f not in used]
        lines += self.fee_upcoming(proc.fees, day)
        if not used:
            return self.unknown(proc, "fee", day)
        return self.finish(lines, proc, used, day, known=True)

    def processing_time(self, proc: m.Procedure, day: dt.date) -> Answer:
        facts = self.in_force(proc.processing_times, day)
        known = [f for f in facts if f.status != m.UNKNOWN]
        if not known:
            first = facts[0] if facts else None
            return self.unknown(proc, "processing_time", day, first)
        lines = [self.t("time_header", name=proc.name)]
        for f in facts:
            if f.status == m.UNKNOWN:
                lines.append("- " + self.t("unknown_case", case=f.case or self.t("what_processing_time"),
                                           ask=self.ask(f)))
            else:
                label = f"{f.case}: " if f.case else ""
                lines.append(f"- {label}{f.text}{self.mark(f)}")
        return self.finish(lines, proc, known, day, known=True)

    def where(self, proc: m.Procedure, day: dt.date) -> Answer:
        agencies = [a for a in self.in_force(proc.agencies, day) if a.status != m.UNKNOWN and a.name]
        channels = self.in_force(proc.channels, day)
        known_ch = [c for c in channels if c.status != m.UNKNOWN and c.place]
        if not agencies and not known_ch:
            first = next(iter(self.in_force(proc.agencies, day) + channels), None)
            return self.unknown(proc, "where", day, first)
        lines = [self.t("where_header", name=proc.name)]
        for c in channels:
            label = self.t(f"channel_{c.channel}") if c.channel else ""
            if c.status == m.UNKNOWN or not c.place:
                lines.append("- " + self.t("unknown_case", case=label, ask=self.ask(c)))
            else:
                lines.append(f"- {label}: {c.place}{self.mark(c)}")
        for a in agencies:
            lines.append(self.t("agency_line", agency=a.name + self.mark(a)))
        return self.finish(lines, proc, agencies + known_ch, day, known=True)

    def online(self, proc: m.Procedure, day: dt.date) -> Answer:
        facts = self.in_force(proc.online, day)
        fact = facts[0] if facts else None
        if fact is None or fact.status == m.UNKNOWN or fact.available in (None, "unknown"):
            lines = [self.t("online_unknown", name=proc.name, ask=self.ask(fact))]
            if fact is not None and fact.note:
                lines.append(fact.note)
            return self.finish(lines, proc, [], day, known=False)
        lines: list[str] = []
        if fact.available == "no":
            lines.append(self.t("online_no", name=proc.name) + self.mark(fact))
            if fact.note:
                lines.append(fact.note)
            return self.finish(lines, proc, [fact], day, known=True)
        via = ", ".join((fact.via or "").splitlines()) or self.t("channel_online")
        lines.append(self.t("online_yes", name=proc.name, via=via) + self.mark(fact))
        if fact.level:
            lines.append(self.t("online_level", level=fact.level))
        if fact.note:
            lines.append(fact.note)
        used = [fact]
        in_force_fees = [f for f in self.in_force(proc.fees, day) if f.status != m.UNKNOWN]
        online_fees = [f for f in in_force_fees if not f.condition_map
                       and f.online_amount is not None and f.online_amount != f.amount]
        if online_fees:
            parts = [f"{f.case}: {money(f.online_amount) if f.online_amount else self.t('fee_free')}"
                     if f.case else money(f.online_amount) for f in online_fees]
            lines.append(self.t("online_fee", fees="; ".join(parts)))
            used += online_fees
        online_conditional = [f for f in in_force_fees if f.amount is not None
                              and f.condition_map.get("channel") == "trực tuyến"]
        for f in online_conditional:
            lines.append(self.conditional_fee_line(f))
        used += online_conditional
        if fact.link:
            lines.append(fact.link)
        return self.finish(lines, proc, used, day, known=True)

    def form(self, proc: m.Procedure, day: dt.date) -> Answer:
        facts = self.in_force(proc.forms, day)
        known = [f for f in facts if f.status != m.UNKNOWN and f.name]
        if not known:
            return self.unknown(proc, "form", day, facts[0] if facts else None)
        lines = [self.t("form_header", name=proc.name)]
        wheres: list[str] = []
        for f in known:
            number = f.number or self.t("form_unknown_number")
            circ = f", {f.circular}" if f.circular else ""
            lines.append(f"- {f.name} ({number}{circ}){self.mark(f)}")
            if f.where_to_get and f.where_to_get not in wheres:
                wheres.append(f.where_to_get)
        for w in wheres:
            lines.append(self.t("form_where", where=w))
        return self.finish(lines, proc, known, day, known=True)

    def procedure(self, proc: m.Procedure, day: dt.date) -> Answer:
        used: list = []
        unknown_word = self.t("procedure_unknown_part")
        lines = [self.t("procedure_header", name=proc.name, summary=proc.summary or "").rstrip(": ")]
        agencies = [a for a in self.in_force(proc.agencies, day) if a.status != m.UNKNOWN and a.name]
        in_person = [c for c in self.in_force(proc.channels, day)
                     if c.status != m.UNKNOWN and c.place and c.channel == "in_person"]
        any_channel = [c for c in self.in_force(proc.channels, day) if c.status != m.UNKNOWN and c.place]
        if in_person or any_channel:
            # the channel listed first in the YAML (e.g. online for a construction permit since
            # 01/07/2026); without order information in-person wins
            chosen = any_channel[0] if any_channel and any_channel[0].channel == "online" else (in_person or any_channel)[0]
            where = chosen.place + self.mark(chosen)
            used.append(chosen)
        elif agencies:
            where = agencies[0].name + self.mark(agencies[0])
            used.append(agencies[0])
        else:
            where = unknown_word
        lines.append(self.t("procedure_where", where=where))
        times = [f for f in self.in_force(proc.processing_times, day) if f.status != m.UNKNOWN]
        if times:
            lines.append(self.t("procedure_time", time=times[0].text + self.mark(times[0])))
            used.append(times[0])
        else:
            lines.append(self.t("procedure_time", time=unknown_word))
        fees = [f for f in self.in_force(proc.fees, day) if not f.condition_map]
        known_fees = [f for f in fees if f.status != m.UNKNOWN and f.amount is not None]
        if known_fees and all(f.amount == 0 for f in known_fees):
            fee = self.t("fee_free")
            if len(known_fees) < len(fees):
                fee += "; " + unknown_word + " " + "(" + ", ".join(f.case or "" for f in fees if f not in known_fees) + ")"
        elif known_fees:
            paid = [f for f in known_fees if f.amount]
            amounts = sorted({f.amount for f in paid})
            fee = money(amounts[0]) if len(amounts) == 1 else f"{money(amounts[0])} - {money(amounts[-1])}"
            if any(f.per for f in paid):
                fee += "/" + (paid[0].per or "")
        else:
            fee = unknown_word
        used += known_fees
        lines.append(self.t("procedure_fee", fee=fee))
        lines.append(self.t("procedure_more"))
        return self.finish(lines, proc, used, day, known=bool(used))

    # -- deadlines, eligibility, who needs nothing ----------------------------------
    def deadline(self, proc: m.Procedure, day: dt.date) -> Answer:
        facts = [f for f in self.in_force(proc.deadlines, day) if f.status != m.UNKNOWN and f.text]
        if not facts:
            return self.unknown(proc, "deadline", day)
        lines = [self.t("deadline_header", name=proc.name)]
        for f in facts:
            lines.append(f"- {f.text}{self.mark(f)}")
            if f.late_text:
                lines.append(self.t("deadline_late", text=f.late_text))
        if not any(f.late_text for f in facts):
            lines.append(self.t("deadline_late_unknown"))
        return self.finish(lines, proc, facts, day, known=True)

    def eligibility_answer(self, proc: m.Procedure, day: dt.date) -> Answer:
        facts = [f for f in self.in_force(proc.eligibility, day) if f.status != m.UNKNOWN and f.text]
        if not facts:
            return self.unknown(proc, "eligibility", day)
        lines = [self.t("eligibility_header", name=proc.name)]
        lines += [f"- {f.text}{self.mark(f)}" for f in facts]
        return self.finish(lines, proc, facts, day, known=True)

    def not_required_answer(self, proc: m.Procedure, day: dt.date) -> Answer:
        facts = [f for f in self.in_force(proc.not_required, day) if f.status != m.UNKNOWN and f.text]
        if not facts:
            return self.unknown(proc, "not_required", day)
        lines = [self.t("not_required_header", name=proc.name)]
        lines += [f"- {f.text}{self.mark(f)}" for f in facts]
        return self.finish(lines, proc, facts, day, known=True)
