"""`dvcbot kb ...`: validate, load, export and search the knowledge base (an operator command:
its help, errors and messages are in Vietnamese).

  dvcbot kb validate [--no-warnings]          every problem with file:line, field, reason; exit 1 on errors
  dvcbot kb load                              validate, then load YAML into the database (old data kept on errors)
  dvcbot kb export [--format json|csv]        every procedure to stdout
  dvcbot kb search "so do lan dau" [-n 5]     ranked procedures, curated and national catalogue (diacritic-insensitive)
  dvcbot kb answer KEY ASPECT [--date D]      the chat answer the bot would give (KEY: a curated key or a catalogue code)
  dvcbot kb catalog import DIR                the national catalogue crawl in DIR -> knowledge/data/catalog/ (idempotent)
  dvcbot kb catalog info                      what the catalogue layer holds (counts, crawl and import dates)
  dvcbot kb due [--days 90] [--date D]        facts whose period ends or starts, documents replaced, soon

Common options: --database-url URL, --data-dir DIR, --places FILE (or the DVCBOT_* variables).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys

from bot.core import tz

from . import config

DATA_DIR_HELP = "thư mục dữ liệu tri thức (mặc định: DVCBOT_KNOWLEDGE_DIR hoặc knowledge/data)"


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="địa chỉ cơ sở dữ liệu SQLAlchemy (mặc định: DVCBOT_DATABASE_URL hoặc var/dvcbot.sqlite3)")
    common.add_argument("--data-dir", help=DATA_DIR_HELP)
    common.add_argument("--places", help="tệp địa danh, nhiều tệp ngăn bằng ':' (mặc định: DVCBOT_PLACES_FILE hoặc data/places/*.yml)")
    parser = argparse.ArgumentParser(prog="dvcbot kb", description="cơ sở tri thức của dvcbot: thủ tục, địa danh, câu chữ trả lời")
    sub = parser.add_subparsers(dest="command", metavar="{validate,load,export,search,answer,due,catalog}",
                                title="lệnh")
    v = sub.add_parser("validate", parents=[common], help="kiểm tra các tệp YAML; có lỗi thì thoát với mã 1")
    v.add_argument("--no-warnings", action="store_true", help="chỉ in lỗi, không in cảnh báo")
    v.add_argument("--today", help="ngày dùng để xét dữ liệu cũ (YYYY-MM-DD)")
    sub.add_parser("load", parents=[common], help="kiểm tra rồi nạp YAML vào cơ sở dữ liệu")
    e = sub.add_parser("export", parents=[common], help="in mọi thủ tục (JSON hoặc CSV) ra màn hình")
    e.add_argument("--format", choices=("json", "csv"), default="json", help="định dạng (mặc định json)")
    s = sub.add_parser("search", parents=[common], help="tìm thủ tục theo tên hoặc tên gọi khác")
    s.add_argument("query", nargs="+", help="tên thủ tục, có dấu hay không dấu, ví dụ: so do lan dau")
    s.add_argument("-n", "--limit", type=int, default=5, help="số kết quả nhiều nhất (mặc định 5)")
    c = sub.add_parser("catalog", help="danh mục thủ tục hành chính quốc gia (lớp thứ hai)")
    csub = c.add_subparsers(dest="catalog_command", metavar="{import,info}", title="lệnh")
    ci = csub.add_parser("import", help="nạp một thư mục thu thập (catalog.jsonl, details/, manifest.json)")
    ci.add_argument("source", help="thư mục thu thập, ví dụ ../shared/sources/national-catalog-2026-07")
    ci.add_argument("--data-dir", help=DATA_DIR_HELP)
    cn = csub.add_parser("info", help="số thủ tục, ngày thu thập, ngày nạp")
    cn.add_argument("--data-dir", help=DATA_DIR_HELP)
    a = sub.add_parser("answer", parents=[common], help="xem câu trả lời cho một thủ tục và một khía cạnh")
    a.add_argument("key", help="mã thủ tục đã kiểm chứng (khai_sinh...) hoặc mã danh mục quốc gia")
    a.add_argument("aspect", choices=("documents", "fee", "processing_time", "where", "online", "form", "procedure",
                                      "deadline", "eligibility", "not_required"),
                   help="khía cạnh: giấy tờ (documents), lệ phí (fee), thời gian (processing_time), ...")
    a.add_argument("--date", help="trả lời như vào ngày này (YYYY-MM-DD)")
    a.add_argument("--say", help="câu hỏi tiếp của người dân nêu một điều kiện, ví dụ \"toi la ho ngheo\"")
    d = sub.add_parser("due", parents=[common], help="những gì hết hạn, bắt đầu hay bị thay thế trong những ngày tới")
    d.add_argument("--days", type=int, default=90, help="số ngày xét (mặc định 90)")
    d.add_argument("--date", help="ngày bắt đầu xét (mặc định hôm nay)")
    return parser


def _progress(line: str) -> None:
    print(f"dvcbot kb: {line}", file=sys.stderr, flush=True)


def _places(args) -> list | None:
    if not args.places:
        return None
    return config.places_files(config.data_dir(args.data_dir), args.places)


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    return dt.date.fromisoformat(text)


def _open(args):
    from .base import KnowledgeBase

    return KnowledgeBase.open(args.database_url, args.data_dir, _places(args))


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if not args.command:
        parser.print_help()
        return 2
    try:
        return _run(args)
    except ValueError as exc:  # bad --date etc.
        print(f"dvcbot kb: lỗi: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `dvcbot kb export | head`
        return 0


def _run(args) -> int:
    from .validate import KnowledgeError, validate

    if args.command == "validate":
        report = validate(args.data_dir, places=_places(args), today=_date(args.today))
        text = report.format(warnings=not args.no_warnings)
        if text:
            print(text)
        summary = f"{len(report.errors)} lỗi, {len(report.warnings)} cảnh báo"
        print(("ĐẠT: " if report.ok else "CHƯA ĐẠT: ") + summary, file=sys.stderr)
        return 0 if report.ok else 1

    if args.command == "load":
        from .loader import load, make_engine

        engine = make_engine(args.database_url)
        try:
            report = load(engine, args.data_dir, places=_places(args))
        except KnowledgeError as exc:
            if exc.report is not None:
                print(exc.report.format(warnings=False))
            print(f"CHƯA NẠP: {exc}", file=sys.stderr)
            return 1
        data = report.data
        print(f"đã nạp {len(data.procedures)} thủ tục, {len(data.communes)} xã, "
              f"{len(data.online_steps)} bước nộp trực tuyến vào {engine.url.render_as_string(hide_password=True)} "
              f"({len(report.warnings)} cảnh báo; `dvcbot kb validate` liệt kê)")
        return 0

    if args.command == "export":
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from . import models as m
        from .export import CSV_COLUMNS, csv_rows, procedure_dict

        try:
            kb = _open(args)
        except KnowledgeError as exc:
            print(exc.report.format(warnings=False) if exc.report else exc, file=sys.stderr)
            return 1
        with Session(kb.engine, future=True) as session:
            procs = session.execute(select(m.Procedure).order_by(m.Procedure.key)).scalars().all()
            if args.format == "json":
                json.dump([procedure_dict(p) for p in procs], sys.stdout, ensure_ascii=False, indent=2)
                sys.stdout.write("\n")
            else:
                writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
                writer.writeheader()
                for p in procs:
                    writer.writerows(csv_rows(p))
        return 0

    if args.command == "search":
        from .catalog import search

        hits = search(" ".join(args.query), limit=args.limit, data_dir=args.data_dir)
        if not hits:
            print("không tìm thấy thủ tục nào")
            return 1
        for hit in hits:
            layer = "đã kiểm chứng" if hit.curated else (hit.level or "quốc gia")
            if hit.province:
                layer += f", {hit.province}"
            print(f"{hit.score:.2f}  {hit.key_or_code:<20} [{layer}] {hit.name}")
        return 0

    if args.command == "catalog":
        return _catalog(args)

    if args.command == "answer":
        try:
            kb = _open(args)
        except KnowledgeError as exc:
            print(exc.report.format(warnings=False) if exc.report else exc, file=sys.stderr)
            return 1
        if args.key not in kb.procedure_keys():
            from .catalog import Catalog, catalog_answer

            if Catalog.open(args.data_dir).record(args.key) is not None:
                ans = catalog_answer(args.key, args.aspect, _date(args.date), data_dir=args.data_dir)
                print(ans.text)
                if ans.followup:
                    print("---")
                    print(ans.followup)
                return 0
            print(f"dvcbot kb: lỗi: không có thủ tục {args.key!r}; dùng một trong: "
                  f"{', '.join(kb.procedure_keys())} hoặc một mã danh mục (dvcbot kb search ...)",
                  file=sys.stderr)
            return 2
        conditions = kb.detect_conditions(args.say) if args.say else None
        ans = kb.answer(args.key, args.aspect, _date(args.date), conditions=conditions or None)
        print("\n---\n".join(ans.messages))
        return 0

    if args.command == "due":
        from .due import due

        day = _date(args.date) or tz.today()
        report = validate(args.data_dir, places=_places(args), today=day)
        if report.data is None:
            print(report.format(warnings=False))
            print("CHƯA ĐẠT: sửa các lỗi trước (`dvcbot kb validate`)", file=sys.stderr)
            return 1
        items = due(report.data, day, args.days)
        for item in items:
            print(item)
        print(f"{len(items)} mục đến hạn từ {day} đến {day + dt.timedelta(days=args.days)}", file=sys.stderr)
        return 0
    return 2


def _catalog(args) -> int:
    from .catalog import CATALOG_DIR_NAME, Catalog
    from .catalog_import import CatalogImportError, import_catalog

    folder = config.data_dir(getattr(args, "data_dir", None))
    if args.catalog_command == "import":
        try:
            result = import_catalog(args.source, folder / CATALOG_DIR_NAME, progress=_progress)
        except CatalogImportError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"CHƯA NẠP: không nạp gì ({len(exc.problems)} lỗi ở trên)", file=sys.stderr)
            return 1
        state = "đã nạp" if result.changed else "không đổi (cùng nguồn; không ghi gì)"
        print(f"{state}: {result.procedures} thủ tục, {result.details} bản ghi đầy đủ -> "
              f"{result.target} ({result.bytes / 1e6:.2f} MB)")
        return 0
    if args.catalog_command == "info":
        catalog = Catalog.open(folder)
        if not catalog.loaded:
            print(f"chưa có danh mục trong {folder / CATALOG_DIR_NAME}; chạy `dvcbot kb catalog import THƯ_MỤC`")
            return 1
        p = catalog.provenance
        print(f"{len(catalog.records)} thủ tục, {len(catalog.details)} bản ghi đầy đủ, "
              f"{len(catalog.abolished)} mã đã bãi bỏ")
        print(f"nguồn: {p.get('source')} ({p.get('source_copy')})")
        print(f"thu thập: {p.get('crawl_started')}; nạp ngày {p.get('imported_on')}; "
              f"địa phương: {catalog.local_province or 'chưa rõ'}")
        problems = catalog.problems()
        for problem in problems:
            print(f"vấn đề: {problem}")
        return 1 if problems else 0
    print("cách dùng: dvcbot kb catalog {import THƯ_MỤC,info}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
