"""`dvcbot db`: the database schema (bot/migrations).

  dvcbot db upgrade [--database-url URL]   bring the database to the head revision
  dvcbot db current [--database-url URL]   the database's revision, and whether it is at head
  dvcbot db history                        the revisions, newest first
  dvcbot db revision -m "what changes" [--autogenerate]
                                           a new revision file after head; with --autogenerate
                                           its operations are the models' difference from head

`dvcbot run` and every process upgrade the database by themselves; `upgrade` is for doing it
ahead (before a deployment) and seeing what it did.
"""

from __future__ import annotations

import argparse
import sys

from bot import migrations, storage


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot db", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("upgrade", "current"):
        sub = commands.add_parser(name)
        sub.add_argument("--database-url", default=None,
                         help="default: DVCBOT_DATABASE_URL, else var/dvcbot.sqlite3")
    commands.add_parser("history")
    revision = commands.add_parser("revision")
    revision.add_argument("-m", "--message", required=True, help="what the revision changes")
    revision.add_argument("--autogenerate", action="store_true",
                          help="write the operations that bring head to the models (check them)")
    args = parser.parse_args(argv)

    try:
        if args.command == "upgrade":
            url = storage.database_url(args.database_url)
            before, after = migrations.upgrade(url)
            if before == after:
                print(f"{migrations.shown(url)}: at {after} (head) already")
            else:
                print(f"{migrations.shown(url)}: {before or 'no revision'} -> {after}")
        elif args.command == "current":
            url = storage.database_url(args.database_url)
            found = migrations.current(url)
            head = migrations.head()
            state = "head" if found == head else f"behind head {head}: `dvcbot db upgrade`"
            print(f"{migrations.shown(url)}: {found or 'no revision'} ({state})")
        elif args.command == "history":
            for script in migrations.scripts().walk_revisions():
                print(f"{script.revision}  {script.doc}")
        else:
            path = migrations.new_revision(args.message, autogenerate=args.autogenerate)
            print(f"new revision: {path}")
            print(f'then set HEAD_REVISION = "{path.name[:4]}" in bot/storage.py')
    except migrations.MigrationError as error:
        print(f"dvcbot db: {error}", file=sys.stderr)
        return 1
    return 0
