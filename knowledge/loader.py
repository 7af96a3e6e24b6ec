"""YAML -> database. Validates first; on any error the database keeps its previous data.

`load(engine, data_dir=None, places=None)` returns the validation Report; it raises
KnowledgeError (with the report) when the YAML has errors. The write is one transaction:
everything is replaced, or nothing is. Loading the same YAML twice gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Iterable

from sqlalchemy import delete, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot import storage

from . import config, models as m
from .validate import KnowledgeData, KnowledgeError, Report, validate

log = logging.getLogger(__name__)

SCHEMA_VERSION = "3"  # 3: dated, marked online steps; 2: quote/copy/conditions on facts, deadlines, eligibility, not_required, legal documents
# pg_advisory_xact_lock key held while the knowledge base is rewritten (any constant bigint)
KB_LOAD_LOCK_KEY = 0x64766362  # "dvcb"


def make_engine(database_url: str | None = None) -> Engine:
    """The shared engine for the database, the kb_* tables made by the migrations (bot.storage)."""
    return storage.engine_for(config.database_url(database_url), m.Base.metadata)


def stored_fingerprint(engine: Engine) -> str | None:
    with Session(engine, future=True) as session:
        meta = session.get(m.Meta, "fingerprint")
        version = session.get(m.Meta, "schema_version")
        if meta is None or version is None or version.value != SCHEMA_VERSION:
            return None
        return meta.value


def has_data(engine: Engine) -> bool:
    with Session(engine, future=True) as session:
        return session.execute(select(m.Procedure.id).limit(1)).first() is not None


def load(engine: Engine, data_dir: str | Path | None = None, places: Iterable[str | Path] | None = None,
         today: dt.date | None = None) -> Report:
    report = validate(data_dir, places=places, today=today)
    if report.data is None:
        raise KnowledgeError(f"các tệp YAML tri thức có {len(report.errors)} lỗi; cơ sở dữ liệu giữ nguyên, chưa thay đổi gì",
                             report)
    if report.errors:  # only date-triggered ones (a cited document replaced): load, and say so loudly
        log.error("knowledge data cites replaced documents (run `dvcbot kb validate`):\n%s",
                  report.format(warnings=False))
    write(engine, report.data)
    return report


def write(engine: Engine, data: KnowledgeData) -> None:
    with Session(engine, future=True) as session, session.begin():
        if engine.dialect.name == "postgresql":
            # two processes loading at once (replicas starting together) take turns instead of
            # colliding on the same rows; released with the transaction
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": KB_LOAD_LOCK_KEY})
        for table in m.ALL_TABLES_DELETE_ORDER:
            target = table if isinstance(table, m.Table) else table.__table__
            session.execute(delete(target))
        session.execute(delete(m.Meta.__table__))
        sources: dict[str, m.Source] = {}

        def source(citation: str | None) -> m.Source | None:
            if not citation:
                return None
            src = sources.get(citation)
            if src is None:
                url = next((w for w in citation.replace(";", " ").split() if w.startswith(("http://", "https://"))), None)
                src = m.Source(citation=citation, url=url)
                sources[citation] = src
                session.add(src)
            return src

        def fact(cls, f: dict, **fields):
            conditions = f.get("conditions")
            return cls(status=f["status"], note=f.get("note"), ask=f.get("ask"),
                       verified_on=f.get("verified_on"), effective_from=f.get("effective_from"),
                       effective_to=f.get("effective_to"), position=f.get("position", 0),
                       src_file=f.get("src_file"), src_line=f.get("src_line"), field=f.get("field"),
                       quote=f.get("quote"), copy_ref=f.get("copy"),
                       conditions=json.dumps(conditions, ensure_ascii=False, sort_keys=True) if conditions else None,
                       source=source(f.get("citation")), **fields)

        for p in data.procedures:
            proc = m.Procedure(
                key=p["key"], name=p["name"], summary=p["summary"], ma_tthc=p["ma_tthc"],
                ma_tthc_status=p["ma_tthc_status"], portal_link=p["portal_link"], verified_on=p["verified_on"],
                documents_complete=p["documents_complete"], documents_note=p["documents_note"],
                src_file=p["src_file"],
            )
            proc.aliases = [m.Alias(text=a["text"], folded=a["folded"]) for a in p["aliases"]]
            proc.legal_bases = [m.LegalBasis(doc=b["doc"], articles=b["articles"], url=b["url"], position=i)
                                for i, b in enumerate(p["legal_bases"])]
            proc.agencies = [fact(m.Agency, f, level=f["level"], name=f["name"]) for f in p["agencies"]]
            proc.documents = [fact(m.RequiredDocument, f, name=f["name"], copies=f["copies"], kind=f["kind"])
                              for f in p["documents"]]
            proc.forms = [fact(m.Form, f, name=f["name"], number=f["number"], circular=f["circular"],
                               where_to_get=f["where_to_get"]) for f in p["forms"]]
            proc.fees = [fact(m.Fee, f, case=f["case"], amount=f["amount"], per=f["per"],
                              max_amount=f["max_amount"], online_amount=f["online_amount"],
                              exemptions="\n".join(f["exemptions"]) or None) for f in p["fees"]]
            proc.processing_times = [fact(m.ProcessingTime, f, case=f["case"], text=f["text"],
                                          max_days=f["max_days"], day_unit=f["day_unit"])
                                     for f in p["processing_times"]]
            proc.channels = [fact(m.Channel, f, channel=f["channel"], place=f["place"]) for f in p["channels"]]
            proc.online = [fact(m.OnlineSubmission, f, available=f["available"], level=f["level"],
                                via="\n".join(f["via"]) or None, link=f["link"]) for f in p["online"]]
            proc.notices = [fact(m.Notice, f, text=f["text"]) for f in p["notices"]]
            proc.benefits = [fact(m.Benefit, f, case=f["case"], text=f["text"]) for f in p["benefits"]]
            proc.deadlines = [fact(m.Deadline, f, text=f["text"], days=f["days"], day_unit=f["day_unit"],
                                   counted_from=f["counted_from"], late_text=f["late_text"],
                                   late_source=f["late_source"], late_quote=f["late_quote"])
                              for f in p["deadlines"]]
            proc.eligibility = [fact(m.Eligibility, f, text=f["text"]) for f in p["eligibility"]]
            proc.not_required = [fact(m.NotRequired, f, text=f["text"]) for f in p["not_required"]]
            session.add(proc)
        for d in data.legal_documents:
            session.add(m.LegalDocument(number=d["number"], title=d["title"], effective_from=d["effective_from"],
                                        replaced_by=d["replaced_by"], replaced_on=d["replaced_on"],
                                        copy_ref=d["copy"], status=d["status"], note=d["note"]))

        from bot.core.text import fold

        communes: dict[str, m.Commune] = {}
        for c in data.communes:
            commune = m.Commune(key=c["key"], name=c["name"], province=c["province"], status=c["status"],
                                note=c["note"], source=source(c["citation"]), verified_on=c["verified_on"],
                                src_file=c["src_file"], src_line=c["src_line"])
            commune.former_units = [m.FormerUnit(name=n, folded=fold(n)) for n in c["former_units"]]
            o = c["office"]
            commune.office = m.Office(name=o["name"], address=o["address"], phone=o["phone"], hours=o["hours"],
                                      source=source(o["citation"]), verified_on=o["verified_on"])
            communes[c["key"]] = commune
            session.add(commune)
        for d in data.districts:
            session.add(m.OldDistrict(name=d["name"], folded=fold(d["name"]),
                                      communes=[communes[k] for k in d["communes"] if k in communes]))
        for s in data.online_steps:
            session.add(m.OnlineStep(position=s["position"], text=s["text"], source=source(s["citation"]),
                                     status=s.get("status", m.KNOWN), effective_from=s.get("effective_from"),
                                     effective_to=s.get("effective_to"),
                                     verified_on=s["verified_on"]))
        place_aliases = [{"text": a, "kind": "commune", "target": c["key"], "members": [c["key"]]}
                         for c in data.communes for a in c["aliases"]]
        place_aliases += [{"text": a, "kind": "district", "target": d["name"], "members": d["communes"]}
                          for d in data.districts for a in d["aliases"]]
        session.add(m.Meta(key="place_aliases", value=json.dumps(place_aliases, ensure_ascii=False)))
        session.add(m.Meta(key="messages", value=json.dumps(data.messages, ensure_ascii=False, sort_keys=True)))
        session.add(m.Meta(key="conditions", value=json.dumps(data.conditions, ensure_ascii=False, sort_keys=True)))
        session.add(m.Meta(key="fingerprint", value=data.fingerprint))
        session.add(m.Meta(key="schema_version", value=SCHEMA_VERSION))
        session.add(m.Meta(key="loaded_at", value=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
    log.info("knowledge base loaded: %d procedures, %d communes", len(data.procedures), len(data.communes))


__all__ = ["make_engine", "load", "write", "stored_fingerprint", "has_data", "SCHEMA_VERSION"]
