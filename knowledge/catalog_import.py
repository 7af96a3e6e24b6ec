"""`dvcbot kb catalog import <dir>`: the national procedure catalogue into knowledge/data/catalog/.

The source folder is the portal's own JSON as crawled (see its README.md):

    catalog.jsonl          one procedure a line (id, name, code, type, departments, ...)
    details/<code>.json    full records {code, data, message}
    manifest.json          crawl dates (startedAt, finishedAt)
    provinces.json         the 34 provinces

The import keeps only what answers need, in a compact, deterministic form (the same source gives
byte-identical files, so a second import changes nothing):

    knowledge/data/catalog/procedures.jsonl.gz   every procedure (sorted by code)
    knowledge/data/catalog/details.jsonl.gz      the full records, trimmed to papers/fees/times/where/legal bases
    knowledge/data/catalog/provenance.json       source, crawl date, import date, counts, source hash

`abolished.yml` in the same folder is written by hand (sourced) and never touched by the import.
A malformed input stops the import before anything is written; the error names file, line and field.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bot.core import tz
from bot.core.text import fold
from bot.core.tz import VN_TZ

TYPES = ("STANDARD", "SPECIFIC", "STANDARD_INTERNAL")
PROCEDURES_FILE = "procedures.jsonl.gz"
DETAILS_FILE = "details.jsonl.gz"
PROVENANCE_FILE = "provenance.json"
SOURCE_NAME = "Cơ sở dữ liệu quốc gia về thủ tục hành chính (Cổng Dịch vụ công quốc gia, dichvucong.gov.vn)"
SOURCE_COPY = "public crawl in github.com/VoidKeishi/OpenGOV, backend/data/crawl/"
_SPACE = re.compile(r"\s+")
_MAX_ERRORS = 20
# lengths kept from long free-text fields (a chat answer shows far less)
_LONG = 600
_SHORT = 300


class CatalogImportError(Exception):
    """A malformed source: `problems` lists "file:line: field 'x': reason" lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = "" if len(problems) <= 1 else f" (và {len(problems) - 1} lỗi khác)"
        super().__init__(problems[0] + more if problems else "danh mục bị hỏng")


@dataclass
class ImportResult:
    procedures: int
    details: int
    changed: bool
    target: Path
    bytes: int


def _clean(value, limit: int | None = None) -> str:
    text = _SPACE.sub(" ", str(value or "")).strip()
    if limit is not None and len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return text


def _names(items) -> list[str]:
    out: list[str] = []
    for item in items or []:
        name = _clean(item.get("name") if isinstance(item, dict) else item)
        if name and name not in out:
            out.append(name)
    return out


def _date_of_ms(value) -> str | None:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
        return None
    return dt.datetime.fromtimestamp(value / 1000, VN_TZ).date().isoformat()


class _Problems:
    def __init__(self):
        self.items: list[str] = []

    def add(self, where: str, field: str, reason: str) -> None:
        if len(self.items) < _MAX_ERRORS:
            self.items.append(f"{where}: mục {field!r}: {reason}")

    def raise_if_any(self) -> None:
        if self.items:
            raise CatalogImportError(self.items)


def _provinces(source: Path, problems: _Problems) -> list[str]:
    path = source / "provinces.json"
    if not path.is_file():
        return []
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        rows = doc["data"]["rows"] if isinstance(doc, dict) and "data" in doc else doc
        names = [str(r["name"]) for r in rows]
    except (ValueError, KeyError, TypeError) as exc:
        problems.add(f"{path}:1", "data.rows", f"không phải danh sách tỉnh ({type(exc).__name__})")
        return []
    # "Tỉnh Vĩnh Long" / "Thành phố Hà Nội" -> "Vĩnh Long" / "Hà Nội"
    return sorted({re.sub(r"^(tỉnh|thành phố)\s+", "", n.strip(), flags=re.I) for n in names if n.strip()})


def province_of(publisher: str, agencies: list[str], provinces: list[str]) -> str | None:
    """The province a provincial record belongs to, read from its publisher and agencies."""
    folded = [fold(publisher)] + [fold(a) for a in agencies]
    for name in sorted(provinces, key=len, reverse=True):
        key = fold(name)
        if any(re.search(rf"(^|\W){re.escape(key)}($|\W)", text) for text in folded):
            return name
    return None


def _read_catalog(path: Path, provinces: list[str], problems: _Problems) -> list[dict]:
    records: list[dict] = []
    seen: dict[str, int] = {}
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise CatalogImportError([f"{path}: không đọc được ({exc.strerror or exc})"]) from exc
    with handle:
        for number, line in enumerate(handle, 1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                problems.add(where, "(line)", f"không phải JSON hợp lệ ({exc.msg} ở cột {exc.colno})")
                continue
            if not isinstance(row, dict):
                problems.add(where, "(line)", "phải là một đối tượng JSON")
                continue
            bad = False
            for field in ("id", "code", "name"):
                value = row.get(field)
                if not isinstance(value, str) or not value.strip():
                    problems.add(where, field, "bắt buộc phải có (chữ, không để trống)")
                    bad = True
            if row.get("type") not in TYPES:
                problems.add(where, "type", f"phải là một trong {', '.join(TYPES)}, không phải {row.get('type')!r}")
                bad = True
            for field in ("departments", "categories", "formalityTargetType"):
                if row.get(field) is not None and not isinstance(row.get(field), list):
                    problems.add(where, field, "phải là một danh sách")
                    bad = True
            if bad:
                continue
            code = row["code"].strip()
            if " " in code:
                problems.add(where, "code", f"không được có dấu cách: {code!r}")
                continue
            ident = row["id"].strip()
            if ident in seen:  # codes may repeat (a province reused one); the portal id may not
                problems.add(where, "id", f"{ident} đã có ở dòng {seen[ident]}")
                continue
            seen[ident] = number
            agencies = _names(row.get("departments"))
            publisher = _clean(row.get("departmentPromulgate"))
            record = {
                "code": code,
                "id": ident,
                "name": _clean(row["name"]),
                "type": row["type"],
                "state": _clean(row.get("state")),
                "publisher": publisher,
                "agencies": agencies,
                "categories": _names(row.get("categories")),
                "targets": _names(row.get("formalityTargetType")),
            }
            if row["type"] == "SPECIFIC":
                record["province"] = province_of(publisher, agencies, provinces)
            records.append(record)
    records.sort(key=lambda r: (r["code"], r["id"]))
    return records


_CHANNELS = {"DIRECT": "trực tiếp", "ONLINE": "trực tuyến", "POSTAL": "bưu chính"}
_UNITS = {"WORKING_DAY": "ngày làm việc", "DAY": "ngày", "HOUR": "giờ", "MONTH": "tháng"}


def _detail(path: Path, codes: set[str], problems: _Problems) -> dict | None:
    where = f"{path}:1"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        problems.add(f"{path}:{getattr(exc, 'lineno', 1)}", "(file)", "không phải JSON hợp lệ")
        return None
    except OSError as exc:
        problems.add(where, "(file)", f"không đọc được ({exc.strerror or exc})")
        return None
    data = doc.get("data") if isinstance(doc, dict) else None
    if not isinstance(data, dict):
        problems.add(where, "data", "bắt buộc phải có (bản ghi đầy đủ)")
        return None
    code = str(data.get("code") or doc.get("code") or "").strip()
    if not code:
        problems.add(where, "data.code", "bắt buộc phải có")
        return None
    if code != path.stem:
        problems.add(where, "data.code", f"{code!r} không trùng với tên tệp {path.name}")
        return None
    if code not in codes:
        problems.add(where, "data.code", f"{code} không có trong catalog.jsonl")
        return None
    updated = _date_of_ms(data.get("updatedAt"))
    if updated is None:
        problems.add(where, "data.updatedAt", "bắt buộc phải có (số mili giây tính từ năm 1970)")
        return None
    levels = [name for flag, name in (("isWard", "xã"), ("isProvince", "tỉnh"), ("isMinistry", "trung ương"))
              if data.get(flag) is True]
    methods = []
    for m in data.get("executionMethods") or []:
        if not isinstance(m, dict):
            continue
        fees = []
        for f in m.get("fees") or []:
            if isinstance(f, dict):
                amount = f.get("value")
                fees.append({"kind": _clean(f.get("type")),
                             "amount": amount if isinstance(amount, (int, float)) and not isinstance(amount, bool) else None,
                             "note": _clean(f.get("description"), _SHORT)})
        unit = str(m.get("processingTimeUnit") or "")
        qty = m.get("processingTime")
        methods.append({"channel": _CHANNELS.get(str(m.get("submissionMethod")), _clean(m.get("submissionMethod")).lower()),
                        "time": qty if unit in _UNITS and isinstance(qty, (int, float)) and qty > 0 else None,
                        "unit": _UNITS.get(unit), "note": _clean(m.get("description"), _SHORT), "fees": fees})
    cases = []
    for c in data.get("cases") or []:
        if isinstance(c, dict):
            day = c.get("processingDay") or {}
            unit = str(day.get("type") or "")
            cases.append({"name": _clean(c.get("name"), _SHORT),
                          "time": day.get("qty") if unit in _UNITS else None, "unit": _UNITS.get(unit)})
    papers = []
    for group in data.get("executionCases") or []:
        if not isinstance(group, dict):
            continue
        items = []
        for p in group.get("profileComponents") or []:
            if isinstance(p, dict) and _clean(p.get("name")):
                items.append({"name": _clean(p.get("name"), _SHORT),
                              "original": p.get("originalQty") or 0, "copy": p.get("copyQty") or 0})
        if items:
            papers.append({"case": _clean(group.get("name"), _SHORT), "items": items})
    return {
        "code": code,
        "id": _clean(data.get("id")),
        "name": _clean(data.get("name")),
        "updated": updated,
        "levels": levels,
        "full_online": data.get("isFullProcess") is True,
        "agencies": _names(data.get("departmentsExecuting")) + [
            n for n in _names(data.get("unitGroupsExecuting")) if n not in _names(data.get("departmentsExecuting"))],
        "executing": _clean(data.get("executingAgencies"), _SHORT),
        "receiving": _clean(data.get("dossierReceivingAddresses"), _LONG),
        "methods": methods,
        "cases": cases,
        "papers": papers,
        "conditions": _clean(data.get("requirementsAndConditions"), _LONG),
        "legal": _legal(data.get("legalBasisesDetails")),
        "results": _names(data.get("resultsDetails")),
    }


_DOC_KINDS = (("/TTLT-", "Thông tư liên tịch"), ("/TT-", "Thông tư"), ("/NĐ-", "Nghị định"), ("/ND-", "Nghị định"),
              ("/QH", "Luật"), ("/QĐ-", "Quyết định"), ("/QD-", "Quyết định"), ("/NQ-", "Nghị quyết"))


def _legal(items) -> list[str]:
    """Each legal basis by its document number when the record gives one ("Thông tư số 03/2023/TT-BTP")."""
    out: list[str] = []
    for item in items or []:
        if not isinstance(item, dict):
            continue
        code, name = _clean(item.get("code")), _clean(item.get("name"), _SHORT)
        text = code if "/" in code else name
        if text[:1].isdigit():  # "85/2019/TT-BTC" -> "Thông tư 85/2019/TT-BTC"
            kind = next((k for marker, k in _DOC_KINDS if marker in text.upper()), "")
            text = f"{kind} {text}".strip()
        if text and text not in out:
            out.append(text)
    return out


def _gzip_lines(records: list[dict]) -> bytes:
    raw = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
                  for r in records).encode("utf-8")
    buffer = io.BytesIO()
    # mtime=0 and no file name: the same records give the same bytes
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(raw)
    return buffer.getvalue()


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def source_hash(source: Path) -> str:
    hasher = hashlib.sha256()
    files = [source / "catalog.jsonl", source / "manifest.json", source / "provinces.json"]
    files += sorted((source / "details").glob("*.json"))
    for path in files:
        if path.is_file():
            hasher.update(path.relative_to(source).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def import_catalog(source: str | Path, target: str | Path, today: dt.date | None = None,
                   progress: Callable[[str], None] = lambda line: None) -> ImportResult:
    """Validate the crawl in `source` and write the compact catalogue into `target` (a folder).

    `progress` gets a line per stage, with counts (the detail records with a percentage).
    Raises CatalogImportError (nothing written) on a malformed input."""
    source = Path(source)
    target = Path(target)
    if not (source / "catalog.jsonl").is_file():
        raise CatalogImportError([f"{source}: thư mục này không có catalog.jsonl"])
    problems = _Problems()
    manifest: dict = {}
    manifest_path = source / "manifest.json"
    if manifest_path.is_file():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            problems.add(f"{manifest_path}:1", "(file)", "không phải JSON hợp lệ")
    crawl_started = str(manifest.get("startedAt") or "") if isinstance(manifest, dict) else ""
    if not re.match(r"\d{4}-\d{2}-\d{2}", crawl_started):
        problems.add(f"{manifest_path}:1", "startedAt", "bắt buộc phải có: ngày thu thập (ISO 8601, ví dụ 2026-07-18)")
    provinces = _provinces(source, problems)
    records = _read_catalog(source / "catalog.jsonl", provinces, problems)
    progress(f"1/3 đọc danh mục: {len(records)} thủ tục ({source / 'catalog.jsonl'})")
    codes = {r["code"] for r in records}
    details = []
    paths = sorted((source / "details").glob("*.json"))
    shown = -1
    for index, path in enumerate(paths, 1):
        record = _detail(path, codes, problems)
        if record is not None:
            details.append(record)
        percent = index * 100 // len(paths)
        if percent // 10 > shown:
            shown = percent // 10
            progress(f"2/3 đọc bản ghi đầy đủ: {index}/{len(paths)} ({percent}%)")
    if not paths:
        progress("2/3 đọc bản ghi đầy đủ: không có thư mục details/")
    problems.raise_if_any()
    details.sort(key=lambda r: r["code"])

    proc_bytes = _gzip_lines(records)
    detail_bytes = _gzip_lines(details)
    digest = source_hash(source)
    prov_path = target / PROVENANCE_FILE
    previous: dict = {}
    if prov_path.is_file():
        try:
            previous = json.loads(prov_path.read_text(encoding="utf-8"))
        except ValueError:
            previous = {}
    same = (previous.get("source_sha256") == digest
            and _read_bytes(target / PROCEDURES_FILE) == proc_bytes
            and _read_bytes(target / DETAILS_FILE) == detail_bytes)
    crawl_date = crawl_started[:10]
    provenance = {
        "source": SOURCE_NAME,
        "source_copy": SOURCE_COPY,
        "source_folder": source.name,
        "source_sha256": digest,
        "crawl_started": crawl_started,
        "crawl_finished": str(manifest.get("finishedAt") or ""),
        "crawl_date": crawl_date,
        "imported_on": previous.get("imported_on") if same else (today or tz.today()).isoformat(),
        "procedures": len(records),
        "details": len(details),
        "provinces": provinces,
        "portal_page": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/<id>",
    }
    prov_bytes = (json.dumps(provenance, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    changed = not (same and _read_bytes(prov_path) == prov_bytes)
    progress(f"3/3 ghi vào {target}: " + ("có thay đổi" if changed else "không đổi, không ghi gì"))
    if changed:
        _write_atomic(target / PROCEDURES_FILE, proc_bytes)
        _write_atomic(target / DETAILS_FILE, detail_bytes)
        _write_atomic(prov_path, prov_bytes)
    return ImportResult(len(records), len(details), changed, target,
                        len(proc_bytes) + len(detail_bytes) + len(prov_bytes))


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
