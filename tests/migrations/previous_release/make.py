"""Make the "previous release" databases the upgrade tests load (sqlite.sql, postgresql.sql).

    .venv/bin/python tests/migrations/previous_release/make.py [--release b3ba9e5] [--no-postgres]

The release's tree is taken from git (`git archive`), and populate.py runs with that tree first on
sys.path, so the tables and rows are made by that release's own stores and create_all. The
dumps are plain SQL: SQLite's iterdump, and `pg_dump --inserts` of a private PostgreSQL cluster
(bot.ops.cluster.Postgres). Run it again only to move the baseline to a newer release.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def header(release: str) -> str:
    return f"-- dvcbot's database as the release {release} made it ({Path(__file__).name})\n"


def extract(release: str, folder: Path) -> Path:
    tree = folder / "release"
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", release], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def populate(tree: Path, url: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(tree), DVCBOT_STATE_DIR=str(tree / "var"))
    env.pop("DVCBOT_DATABASE_URL", None)
    subprocess.run([sys.executable, str(HERE / "populate.py"), url], cwd=tree, env=env, check=True)


def sqlite_dump(tree: Path, release: str) -> None:
    path = tree / "previous.sqlite3"
    populate(tree, f"sqlite:///{path}")
    with sqlite3.connect(path) as db:
        lines = list(db.iterdump())
    (HERE / "sqlite.sql").write_text(header(release) + "\n".join(lines) + "\n", encoding="utf-8")


def postgres_dump(tree: Path, folder: Path, release: str) -> None:
    sys.path.insert(0, str(REPO))
    from bot.ops.cluster import Postgres, free_port

    pg_folder = folder / "pg"
    folder.chmod(0o755)
    server = Postgres(pg_folder, free_port(), secrets.token_hex(12))
    server.start()
    try:
        server.create_database("dvcbot")
        populate(tree, server.url("dvcbot"))
        dump = subprocess.run(
            ["pg_dump", "--inserts", "--no-owner", "--no-privileges", "--no-comments",
             "--dbname", server.url("dvcbot")], check=True, capture_output=True, text=True).stdout
    finally:
        server.stop("immediate")
    # psql's own commands (\restrict) are not SQL: the test runs the file through the driver
    dump = "\n".join(line for line in dump.splitlines() if not line.startswith("\\"))
    (HERE / "postgresql.sql").write_text(header(release) + dump + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--release", default="b3ba9e5")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dvcbot-previous-", dir="/tmp"))
    try:
        tree = extract(args.release, folder)
        sqlite_dump(tree, args.release)
        if not args.no_postgres:
            postgres_dump(tree, folder, args.release)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
