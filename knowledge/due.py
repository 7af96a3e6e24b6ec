"""What needs an operator's attention soon: `dvcbot kb due [--days 90] [--date D]`.

Lists, by date, every fact whose period ends (effective_to) or starts (effective_from, notices
included) within the window, and every registered legal document replaced within it, with each
fact that still cites it on that day. The operator re-reads those texts before the date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .validate import KnowledgeData, cited_numbers, iter_facts

ENDS, STARTS, REPLACED = "ends", "starts", "replaced"
# what the operator reads in the second column
KIND_WORDS = {ENDS: "hết hạn", STARTS: "bắt đầu", REPLACED: "thay thế"}


@dataclass(frozen=True)
class DueItem:
    day: dt.date
    kind: str  # ends | starts | replaced
    file: str
    line: int
    field: str
    what: str

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        return f"{self.day}  {KIND_WORDS.get(self.kind, self.kind):<8}  {loc}  {self.field}  {self.what}"


def _describe(f: dict) -> str:
    if f.get("doc"):  # a legal basis of the procedure
        return f"{f['doc']}" + (f", {f['articles']}" if f.get("articles") else "")
    head = f.get("case") or f.get("text") or f.get("name") or f.get("place") or ""
    if f.get("amount") is not None:
        head = f"{head}: " + f"{f['amount']:,}".replace(",", ".") + " đồng"
    if f.get("conditions"):
        head += f" [{', '.join(f'{k}={v}' for k, v in sorted(f['conditions'].items()))}]"
    if f.get("citation"):
        head += f" ({f['citation']})"
    return head.strip()


def due(data: KnowledgeData, start: dt.date, days: int = 90) -> list[DueItem]:
    end = start + dt.timedelta(days=days)
    items: list[DueItem] = []
    registry = {d["number"]: d for d in data.legal_documents}
    replaced_soon = {n: d for n, d in registry.items() if d["replaced_on"] and start <= d["replaced_on"] <= end}
    for proc in data.procedures:
        facts = list(iter_facts(proc))
        facts += [{**b, "citation": b["doc"], "src_file": proc["src_file"], "status": "known"}
                  for b in proc["legal_bases"]]
        for f in facts:
            if f.get("status") == "unknown":
                continue
            where = (f["src_file"], f.get("src_line") or 0, f.get("field") or "")
            if f.get("effective_to") and start <= f["effective_to"] <= end:
                items.append(DueItem(f["effective_to"], ENDS, *where, _describe(f)))
            if f.get("effective_from") and start < f["effective_from"] <= end:
                items.append(DueItem(f["effective_from"], STARTS, *where, _describe(f)))
            for number in cited_numbers(f.get("citation")):
                d = replaced_soon.get(number)
                if d is None:
                    continue
                on = d["replaced_on"]
                still = (f.get("effective_from") is None or f["effective_from"] <= on) and \
                        (f.get("effective_to") is None or f["effective_to"] >= on)
                if still:
                    items.append(DueItem(on, REPLACED, *where,
                                         f"dẫn {number}, đã được thay bằng {d['replaced_by']}: {_describe(f)}"))
    for d in replaced_soon.values():
        items.append(DueItem(d["replaced_on"], REPLACED, "knowledge/data/legal_documents.yml", d["line"],
                             d["number"], f"{d.get('title') or ''} -> {d['replaced_by']}".strip()))
    items.sort(key=lambda i: (i.day, i.kind, i.file, i.line))
    return items


__all__ = ["DueItem", "due", "ENDS", "STARTS", "REPLACED"]
