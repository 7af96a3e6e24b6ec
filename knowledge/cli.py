"""`dvcbot kb ...`: validate, load, export and search the knowledge base.

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


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="SQLAlchemy URL (default: DVCBOT_DATABASE_URL or var/dvcbot.sqlite3)")
    common.add_argument("--data-dir", help="knowledge data folder (default: DVCBOT_KNOWLEDGE_DIR or knowledge/data)")
    common.add_argument("--places", help="places file(s), ':'-separated (default: DVCBOT_PLACES_FILE or data/places/*.yml)")
    parser = argparse.ArgumentParser(prog="dvcbot kb", description="dvcbot knowledge base")
    sub = parser.add_subparsers(dest="command", metavar="{validate,load,export,search,answer,due,catalog}")
    v = sub.add_parser("validate", parents=[common], help="check the YAML; exit 1 on errors")
    v.add_argument("--no-warnings", action="store_true", help="print errors only")
    v.add_argument("--today", help="date to judge staleness against (YYYY-MM-DD)")
    sub.add_parser("load", parents=[common], help="validate and load the YAML into the database")
    e = sub.add_parser("export", parents=[common], help="print every procedure (JSON or CSV) to stdout")
    e.add_argument("--format", choices=("json", "csv"), default="json")
    s = sub.add_parser("search", parents=[common], help="find procedures by name or alias")
    s.add_argument("query", nargs="+")
    s.add_argument("-n", "--limit", type=int, default=5)
    c = sub.add_parser("catalog", help="the national procedure catalogue (second layer)")
    csub = c.add_subparsers(dest="catalog_command", metavar="{import,info}")
    ci = csub.add_parser("import", help="import a crawl folder (catalog.jsonl, details/, manifest.json)")
    ci.add_argument("source", help="the crawl folder, e.g. ../shared/sources/national-catalog-2026-07")
    ci.add_argument("--data-dir", help="knowledge data folder (default: DVCBOT_KNOWLEDGE_DIR or knowledge/data)")
    cn = csub.add_parser("info", help="counts, crawl date, import date")
    cn.add_argument("--data-dir", help="knowledge data folder (default: DVCBOT_KNOWLEDGE_DIR or knowledge/data)")
    a = sub.add_parser("answer", parents=[common], help="show the answer for a procedure and aspect")
    a.add_argument("key")
    a.add_argument("aspect", choices=("documents", "fee", "processing_time", "where", "online", "form", "procedure",
                                      "deadline", "eligibility", "not_required"))
    a.add_argument("--date", help="answer as on this day (YYYY-MM-DD)")
    a.add_argument("--say", help="a citizen's follow-up naming a condition, e.g. \"toi la ho ngheo\"")
    d = sub.add_parser("due", parents=[common], help="what ends, starts or is replaced within the next days")
    d.add_argument("--days", type=int, default=90, help="size of the window (default 90)")
    d.add_argument("--date", help="first day of the window (default today)")
    return parser


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
        print(f"dvcbot kb: {exc}", file=sys.stderr)
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
        summary = f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
        print(("OK: " if report.ok else "FAILED: ") + summary, file=sys.stderr)
        return 0 if report.ok else 1

    if args.command == "load":
        from .loader import load, make_engine

        engine = make_engine(args.database_url)
        try:
            report = load(engine, args.data_dir, places=_places(args))
        except KnowledgeError as exc:
            if exc.report is not None:
                print(exc.report.format(warnings=False))
            print(f"FAILED: {exc}", file=sys.stderr)
            return 1
        data = report.data
        print(f"loaded {len(data.procedures)} procedures, {len(data.communes)} communes, "
              f"{len(data.online_steps)} online steps into {engine.url.render_as_string(hide_password=True)} "
              f"({len(report.warnings)} warning(s); `dvcbot kb validate` lists them)")
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
            print("no procedure found")
            return 1
        for hit in hits:
            layer = "curated" if hit.curated else (hit.level or "national")
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
            print(f"unknown procedure {args.key!r}; known: {', '.join(kb.procedure_keys())} "
                  "or a catalogue code (dvcbot kb search ...)", file=sys.stderr)
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
            print("FAILED: fix the errors first (`dvcbot kb validate`)", file=sys.stderr)
            return 1
        items = due(report.data, day, args.days)
        for item in items:
            print(item)
        print(f"{len(items)} item(s) due from {day} to {day + dt.timedelta(days=args.days)}", file=sys.stderr)
        return 0
    return 2


def _catalog(args) -> int:
    from .catalog import CATALOG_DIR_NAME, Catalog
    from .catalog_import import CatalogImportError, import_catalog

    folder = config.data_dir(getattr(args, "data_dir", None))
    if args.catalog_command == "import":
        try:
            result = import_catalog(args.source, folder / CATALOG_DIR_NAME)
        except CatalogImportError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"FAILED: nothing imported ({len(exc.problems)} problem(s) shown)", file=sys.stderr)
            return 1
        state = "imported" if result.changed else "unchanged (same source; nothing written)"
        print(f"{state}: {result.procedures} procedures, {result.details} full records -> "
              f"{result.target} ({result.bytes / 1e6:.2f} MB)")
        return 0
    if args.catalog_command == "info":
        catalog = Catalog.open(folder)
        if not catalog.loaded:
            print(f"no catalogue in {folder / CATALOG_DIR_NAME}; run `dvcbot kb catalog import DIR`")
            return 1
        p = catalog.provenance
        print(f"{len(catalog.records)} procedures, {len(catalog.details)} full records, "
              f"{len(catalog.abolished)} codes marked abolished")
        print(f"source: {p.get('source')} ({p.get('source_copy')})")
        print(f"crawled: {p.get('crawl_started')}; imported on {p.get('imported_on')}; "
              f"locality: {catalog.local_province or 'unknown'}")
        problems = catalog.problems()
        for problem in problems:
            print(f"problem: {problem}")
        return 1 if problems else 0
    print("usage: dvcbot kb catalog {import DIR,info}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
