"""The client against the portal simulator in its own process: real HTTP, real token."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest

from actions.portal.client import (CircuitOpen, PortalConfig, PortalMalformedResponse,
                                   PortalUnavailable, RestDossierSearchAdapter)
from actions.portal.simulator import SEED

from .conftest import CLIENT_ID, CLIENT_SECRET

EXPECTED = {
    "000.00.99.H99-250701-0001": "in_progress",
    "000.00.99.H99-250701-0002": "need_more_papers",
    "000.00.99.H99-250701-0003": "await_payment",
    "000.00.99.H99-250701-0004": "result_ready",
    "000.00.99.H99-250701-0005": "returned",
    "000.00.99.H99-250701-0006": "overdue",
    "000.00.99.H99-250701-0007": "rejected",
    "000.00.99.H99-250701-0008": "cancelled",
    "000.00.99.H99-250701-0009": "paused",
    "000.00.99.H99-250701-0010": "received",
    "000.00.99.H99-250701-0011": "received",
    "38.99.H99-250702-0012": "in_progress",
    "000.00.99.H99-250702-0013": None,
}


def make(sim, **overrides) -> RestDossierSearchAdapter:
    config = PortalConfig(base_url=sim.url, token_url=sim.token_url, client_id=CLIENT_ID,
                          client_secret=CLIENT_SECRET)
    for key, value in overrides.items():
        config = PortalConfig(**{**config.__dict__, key: value})
    return RestDossierSearchAdapter(config)


def run(coro):
    return asyncio.run(coro)


async def lookups(portal: RestDossierSearchAdapter, *codes: str, pause: float = 0.0):
    try:
        results = []
        for index, code in enumerate(codes):
            if pause and index:
                await asyncio.sleep(pause)
            results.append(await portal.lookup(code))
        return results
    finally:
        await portal.aclose()


def test_every_demo_dossier_is_found_with_its_status(simulator):
    assert set(EXPECTED) == {row[0] for row in SEED}
    results = run(lookups(make(simulator), *EXPECTED))
    assert [d.status for d in results] == list(EXPECTED.values())
    late = results[list(EXPECTED).index("38.99.H99-250702-0012")]
    assert late.is_late() and late.days_late() == 2
    assert not results[0].is_late()
    assert results[-1].status_text == "Đang chuyển liên thông"
    assert simulator.state()["counters"]["tokens_issued"] == 1


def test_a_lower_case_code_finds_the_dossier_and_an_unknown_one_finds_none(simulator):
    found, missing = run(lookups(make(simulator), "000.00.99.h99-250701-0001",
                                 "000.00.99.H99-250701-0099"))
    assert found.code == "000.00.99.H99-250701-0001" and missing is None


def test_a_status_changed_in_the_simulator_is_seen(simulator):
    simulator.control("status", code="000.00.99.H99-250701-0001", status="result_ready")
    (dossier,) = run(lookups(make(simulator), "000.00.99.H99-250701-0001"))
    assert dossier.status == "result_ready" and dossier.status_text == "Đã có kết quả"
    assert dossier.completed_at is not None


def test_one_500_then_success(simulator):
    simulator.control("fail", status=500, count=1)
    (dossier,) = run(lookups(make(simulator), "000.00.99.H99-250701-0002"))
    assert dossier.status == "need_more_papers"
    assert simulator.state()["counters"]["search"] == 2


@pytest.mark.parametrize("mode", ["not_json", "truncated", "no_content", "bad_item"])
def test_malformed_answers_are_reported(simulator, mode):
    simulator.control("malformed", mode=mode, count=1)
    with pytest.raises(PortalMalformedResponse):
        run(lookups(make(simulator), "000.00.99.H99-250701-0001"))
    assert simulator.state()["counters"]["search"] == 1


def test_a_slow_portal_is_given_up_at_the_3_second_budget(simulator):
    simulator.control("slow", seconds=4, count=None)
    started = time.monotonic()
    with pytest.raises(PortalUnavailable):
        run(lookups(make(simulator), "000.00.99.H99-250701-0001"))
    elapsed = time.monotonic() - started
    print(f"\nslow portal: gave up after {elapsed:.2f} s")
    assert 2.9 <= elapsed <= 3.5


def test_a_token_about_to_expire_is_renewed_without_a_401(simulator):
    simulator.control("token", ttl=2)
    results = run(lookups(make(simulator), "000.00.99.H99-250701-0001",
                          "000.00.99.H99-250701-0001", pause=2.1))
    assert all(results)
    counters = simulator.state()["counters"]
    assert counters["tokens_issued"] == 2 and counters["unauthorized"] == 0


def test_a_revoked_token_is_replaced(simulator):
    async def scenario():
        portal = make(simulator)
        try:
            await portal.lookup("000.00.99.H99-250701-0001")
            simulator.control("token", revoke=True)
            return await portal.lookup("000.00.99.H99-250701-0001")
        finally:
            await portal.aclose()

    assert run(scenario()) is not None
    counters = simulator.state()["counters"]
    assert counters["unauthorized"] == 1 and counters["tokens_issued"] == 2


def test_a_dead_portal_fails_fast_then_the_circuit_opens():
    with socket.socket() as probe:            # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    portal = RestDossierSearchAdapter(PortalConfig(base_url=f"http://127.0.0.1:{port}",
                                                   breaker_failures=5))

    async def scenario():
        timings, errors = [], []
        try:
            for _ in range(3):
                started = time.monotonic()
                try:
                    await portal.lookup("000.00.99.H99-250701-0001")
                except PortalUnavailable as error:
                    errors.append(error)
                timings.append(time.monotonic() - started)
        finally:
            await portal.aclose()
        return timings, errors

    timings, errors = run(scenario())
    print("\ndead portal: " + ", ".join(f"{t * 1000:.0f} ms" for t in timings))
    assert not isinstance(errors[0], CircuitOpen) and isinstance(errors[-1], CircuitOpen)
    assert timings[0] < 1.5 and timings[-1] < 0.01


def test_lookup_latency_against_the_simulator(simulator):
    async def scenario():
        portal = make(simulator)
        try:
            await portal.lookup("000.00.99.H99-250701-0001")       # token + connection
            samples = []
            for _ in range(30):
                started = time.perf_counter()
                await portal.lookup("000.00.99.H99-250701-0001")
                samples.append(time.perf_counter() - started)
            return sorted(samples)
        finally:
            await portal.aclose()

    samples = run(scenario())
    median, p95 = samples[len(samples) // 2], samples[int(len(samples) * 0.95)]
    print(f"\nlookup via simulator: median {median * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
    assert median < 0.5
