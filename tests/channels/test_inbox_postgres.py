"""The inbox and the rate limit on PostgreSQL (the scale-out database), with real concurrency:
of eight threads storing the same update one stores it, of eight claiming an abandoned row one
gets it, and eight replicas' limiters count one sender together. A private PostgreSQL cluster
in /tmp; skipped when PostgreSQL is not installed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.channels import store
from bot.channels.inbox import Inbox, InboxSettings, RateLimiter
from bot.channels.limits import Verdict
from tests.support.postgres import private_postgres


@pytest.fixture(scope="module")
def database_url():
    with private_postgres("dvcbot", prefix="dvcbot-inbox-pg-") as server:
        try:
            yield server.url("dvcbot")
        finally:
            store.dispose_all()

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
