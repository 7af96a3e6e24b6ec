"""Plain-data views of the database (for `dvcbot kb export`)."""

from __future__ import annotations

import datetime as dt

from . import models as m


def _d(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _fact(f) -> dict:
    return {
        "status": f.status, "source": f.source.citation if f.source else None, "verified_on": _d(f.verified_on),
        "effective_from": _d(f.effective_from), "effective_to": _d(f.effective_to), "note": f.note, "ask": f.ask,
        "quote": f.quote, "copy": f.copy_ref, "conditions": f.condition_map or None,
    }


def procedure_dict(p: m.Procedure) -> dict:
    return {
        "key": p.key, "name": p.name, "summary": p.summary, "ma_tthc": p.ma_tthc, "ma_tthc_status": p.ma_tthc_status,
        "portal_link": p.portal_link, "verified_on": _d(p.verified_on), "file": p.src_file,
        "aliases": [a.text for a in p.aliases],
        "legal_bases": [{"doc": b.doc, "articles": b.articles, "url": b.url} for b in p.legal_bases],
        "agency": [{"level": a.level, "name": a.name, **_fact(a)} for a in p.agencies],
        "documents": {
            "complete": p.documents_complete, "note": p.documents_note,
            "items": [{"name": d.name, "copies": d.copies, "kind": d.kind, **_fact(d)} for d in p.documents],
        },
        "forms": [{"name": f.name, "number": f.number, "circular": f.circular, "where_to_get": f.where_to_get,
                   **_fact(f)} for f in p.forms],
        "fees": [{"case": f.case, "amount": f.amount, "per": f.per, "max_amount": f.max_amount,
                  "online_amount": f.online_amount,
                  "exemptions": (f.exemptions or "").splitlines(), **_fact(f)} for f in p.fees],
        "processing_time": [{"case": t.case, "text": t.text, "max_days": t.max_days, "day_unit": t.day_unit,
                             **_fact(t)} for t in p.processing_times],
        "where": [{"channel": c.channel, "place": c.place, **_fact(c)} for c in p.channels],
        "online": [{"available": o.available, "level": o.level, "via": (o.via or "").splitlines(), "link": o.link,
                    **_fact(o)} for o in p.online],
        "notices": [{"text": n.text, **_fact(n)} for n in p.notices],
        "benefits": [{"case": b.case, "text": b.text, **_fact(b)} for b in p.benefits],
        "deadlines": [{"text": d.text, "days": d.days, "day_unit": d.day_unit, "counted_from": d.counted_from,
                       "late": ({"text": d.late_text, "source": d.late_source, "quote": d.late_quote}
                                if d.late_text else None), **_fact(d)} for d in p.deadlines],
        "eligibility": [{"text": e.text, **_fact(e)} for e in p.eligibility],
        "not_required": [{"text": n.text, **_fact(n)} for n in p.not_required],
    }


CSV_COLUMNS = ["procedure", "name", "ma_tthc", "section", "case", "value", "online_value", "status", "source",
               "verified_on", "effective_from", "effective_to", "conditions", "quote", "file"]


def csv_rows(p: m.Procedure):
    """One row per fact (a flat view an operator can open in a spreadsheet)."""
    base = {"procedure": p.key, "name": p.name, "ma_tthc": p.ma_tthc or "unknown", "file": p.src_file}

    def row(section, f, case, value, online_value=None):
        return {**base, "section": section, "case": case or "", "value": value if value is not None else "unknown",
                "online_value": online_value if online_value is not None else "", "status": f.status,
                "source": f.source.citation if f.source else "", "verified_on": _d(f.verified_on) or "",
                "effective_from": _d(f.effective_from) or "", "effective_to": _d(f.effective_to) or "",
                "conditions": f.conditions or "", "quote": f.quote or ""}

    for a in p.agencies:
        yield row("agency", a, a.level, a.name)
    for d in p.documents:
        yield row("documents", d, d.kind, d.name, d.copies)
    for f in p.forms:
        yield row("forms", f, f.number, f.name, f.circular)
    for f in p.fees:
        yield row("fees", f, f.case, f.amount, f.online_amount)
    for t in p.processing_times:
        yield row("processing_time", t, t.case, t.text)
    for c in p.channels:
        yield row("where", c, c.channel, c.place)
    for o in p.online:
        yield row("online", o, o.level, o.available)
    for n in p.notices:
        yield row("notices", n, "", n.text)
    for b in p.benefits:
        yield row("benefits", b, b.case, b.text)
    for d in p.deadlines:
        yield row("deadlines", d, d.counted_from, d.text, d.days)
    for e in p.eligibility:
        yield row("eligibility", e, "", e.text)
    for n in p.not_required:
        yield row("not_required", n, "", n.text)
