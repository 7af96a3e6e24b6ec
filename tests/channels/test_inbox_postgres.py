"""The inbox and the rate limit on PostgreSQL (the scale-out database), with real concurrency:
of eight threads storing the same update one stores it, of eight claiming an abandoned row one
gets it, and eight replicas' limiters count one sender together. A private PostgreSQL cluster
in /tmp; skipped when PostgreSQL is not installed."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.ops.cluster import Postgres, free_port, missing_programs
from bot.channels import store
from bot.channels.inbox import Inbox, InboxSettings, RateLimiter
from bot.channels.limits import Verdict


@pytest.fixture(scope="module")
def database_url():
    if any("postgres" in name or "initdb" in name or "pg_ctl" in name
           for name in missing_programs()):
        pytest.skip("PostgreSQL is not installed")
    folder = Path(tempfile.mkdtemp(prefix="dvcbot-inbox-pg-", dir="/tmp"))
    folder.chmod(0o755)
    server = Postgres(folder / "pg", free_port(), secrets.token_hex(12))
    try:
        server.start()
        server.create_database("dvcbot")
        yield server.url("dvcbot")
    finally:
        store.dispose_all()
        server.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


def test_eight_replicas_store_the_same_update_once_and_claim_an_abandoned_row_once(database_url):
    now = [1000.0]
    settings = InboxSettings(lease_seconds=30)
    replicas = [Inbox("telegram", database_url, settings, clock=lambda: now[0]) for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        stored = list(pool.map(lambda inbox: inbox.put("777", "tg:1", {"update_id": 777}),
                               replicas))
    [row] = [r for r in stored if r is not None]
    now[0] += 31   # the replica that stored it died
    with ThreadPoolExecutor(8) as pool:
        claimed = list(pool.map(lambda inbox: inbox.claim(row), replicas))
    assert sum(c is not None for c in claimed) == 1


def test_eight_replicas_count_one_sender_together(database_url):
    clock = lambda: 2_000_010.0  # noqa: E731 - one minute window for all
    limiters = [RateLimiter(10, database_url=database_url, clock=clock) for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        verdicts = list(pool.map(lambda i: limiters[i % 8].check("zalo:42"), range(16)))
    assert verdicts.count(Verdict.ALLOW) == 10
    assert verdicts.count(Verdict.REFUSE_AND_TELL) == 1
    assert verdicts.count(Verdict.REFUSE_SILENTLY) == 5
