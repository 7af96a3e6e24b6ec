"""Bad input at volume (the short version of `dvcbot bench fuzz`): hundreds of random Unicode,
very long, control-character and injection messages through the REST channel."""

from __future__ import annotations

import pytest

from bot.ops.bench import fuzz

pytestmark = pytest.mark.integration

COUNT = 300


def test_hundreds_of_hostile_messages_are_all_answered_without_errors_or_memory_growth(single):
    url = single.replica_urls[0]
    pids = {"rasa server": single.replicas[0].pid(), "action server": single.actions.pid()}
    result = fuzz.run(url, pids, COUNT, concurrency=6, seed=3, warmup=60)
    summary = result.summary()

    assert summary["messages"] == COUNT
    assert not result.server_errors, [(s.status, repr(s.text[:40])) for s in result.server_errors[:5]]
    assert not result.not_answered, summary["not_answered_examples"]
    assert fuzz.memory_flat(result), summary["rss_growth_mib"]
