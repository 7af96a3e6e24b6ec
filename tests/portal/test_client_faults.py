"""The portal client under every fault, through httpx.MockTransport speaking the portal's
wire format: a citizen waits at most the budget, a dead portal is not asked again and
again, and a 4xx or a garbled answer is never retried."""

from __future__ import annotations

import asyncio
import base64
import time
from typing import Callable

import httpx
import pytest

from actions.portal.client import (CircuitOpen, PortalConfig, PortalMalformedResponse,
                                   PortalRequestRejected, PortalUnavailable,
                                   RestDossierSearchAdapter)

CODE = "000.00.12.H05-211020-0001"
BASE = "http://portal.test"
TOKEN_URL = "http://sso.test/auth/realms/digo/protocol/openid-connect/token"


def item(code: str = CODE, status: str = "Chờ bổ sung hồ sơ") -> dict:
    return {
        "code": code,
        "applicant": {"data": {"fullname": "Nguyễn Văn An", "phoneNumber": "0900000001"}},
        "procedure": {"translate": [{"languageId": 228, "name": "Đăng ký khai sinh"}]},
        "statusCurrentTask": status,
        "applyMethod": {"name": "Trực tuyến"},
        "appliedDate": "2021-10-20T01:15:30.000+0000",
        "appointmentDate": "2021-10-25T09:00:00.000+0000",
        "completedDate": None,
    }


def found(code: str = CODE, status: str = "Chờ bổ sung hồ sơ") -> httpx.Response:
    return httpx.Response(200, json={"content": [item(code, status)], "numberOfElements": 1})


class Wire:
    """A scripted portal: `search` answers in order (the last one repeats)."""

    def __init__(self, *search: object, token_status: int = 200, expires_in: int = 300,
                 token_delay: float = 0.0):
        self.search = list(search) or [found()]
        self.token_status, self.expires_in, self.token_delay = token_status, expires_in, token_delay
        self.search_requests: list[httpx.Request] = []
        self.token_requests: list[httpx.Request] = []
        self.issued = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if str(request.url) == TOKEN_URL:
            self.token_requests.append(request)
            if self.token_delay:
                await asyncio.sleep(self.token_delay)
            if self.token_status != 200:
                return httpx.Response(self.token_status, json={"error": "invalid_client"})
            self.issued += 1
            return httpx.Response(200, json={"access_token": f"tok-{self.issued}",
                                             "token_type": "Bearer", "expires_in": self.expires_in})
        self.search_requests.append(request)
        answer = self.search.pop(0) if len(self.search) > 1 else self.search[0]
        if callable(answer):
            answer = await answer(request)
        if isinstance(answer, Exception):
            raise answer
        return answer


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def adapter(wire: Wire, *, token: bool = False, clock: Callable[[], float] = time.monotonic,
            sleeps: list | None = None, **config) -> RestDossierSearchAdapter:
    settings = dict(base_url=BASE, timeout=3.0, retries=2, breaker_failures=5, breaker_cooldown=30.0)
    if token:
        settings.update(token_url=TOKEN_URL, client_id="dvcbot", client_secret="s3cret")
    settings.update(config)

    async def no_sleep(delay: float) -> None:
        if sleeps is not None:
            sleeps.append(delay)

    return RestDossierSearchAdapter(PortalConfig(**settings), transport=httpx.MockTransport(wire),
                                    clock=clock, sleep=no_sleep)


def run(coro):
    return asyncio.run(coro)


async def lookup(portal: RestDossierSearchAdapter, code: str = CODE):
    try:
        return await portal.lookup(code)
    finally:
        await portal.aclose()


# --------------------------------------------------------------------------- answers

def test_a_dossier_is_read_from_the_portal_shape():
    wire = Wire(found())
    dossier = run(lookup(adapter(wire)))
    assert dossier.code == CODE and dossier.procedure == "Đăng ký khai sinh"
    assert dossier.status == "need_more_papers" and dossier.status_text == "Chờ bổ sung hồ sơ"
    assert dossier.masked_name == "Nguyễn V. A."
    assert dossier.appointment_at.isoformat() == "2021-10-25T09:00:00+00:00"
    assert dossier.apply_method == "Trực tuyến"
    assert "Nguyễn" not in repr(dossier) and "0900000001" not in repr(dossier)
    request = wire.search_requests[0]
    assert request.url.path == "/pa/dossier-search/dvc" and request.url.params["code"] == CODE


@pytest.mark.parametrize("answer", [
    httpx.Response(200, json={"content": [], "numberOfElements": 0}),
    httpx.Response(404, json={"error": "not found"}),
    found(code="000.00.12.H05-211020-0011"),      # a loose match is someone else's dossier
])
def test_an_unknown_code_is_none_not_an_error(answer):
    wire = Wire(answer)
    assert run(lookup(adapter(wire))) is None
    assert len(wire.search_requests) == 1


# --------------------------------------------------------------------------- retries

def test_500_then_success_is_retried_with_growing_jittered_backoff():
    sleeps: list[float] = []
    wire = Wire(httpx.Response(500), httpx.Response(502), found())
    dossier = run(lookup(adapter(wire, sleeps=sleeps)))
    assert dossier is not None and len(wire.search_requests) == 3
    assert len(sleeps) == 2
    assert 0.1 <= sleeps[0] <= 0.2 and 0.2 <= sleeps[1] <= 0.4      # base 0.2 s, x2, equal jitter


def test_a_portal_that_keeps_failing_is_given_up_after_the_bounded_retries():
    wire = Wire(httpx.Response(503))
    with pytest.raises(PortalUnavailable, match="failed 3 times"):
        run(lookup(adapter(wire)))
    assert len(wire.search_requests) == 3                               # 1 + 2 retries


def test_a_refused_connection_is_retried_then_reported_unavailable():
    wire = Wire(httpx.ConnectError("connection refused"), found())
    assert run(lookup(adapter(wire))) is not None
    wire = Wire(httpx.ConnectError("connection refused"))
    with pytest.raises(PortalUnavailable, match="unreachable"):
        run(lookup(adapter(wire)))


@pytest.mark.parametrize("status", [400, 403, 422])
def test_a_4xx_is_not_retried(status):
    wire = Wire(httpx.Response(status, json={"error": "bad request"}), found())
    with pytest.raises(PortalRequestRejected) as error:
        run(lookup(adapter(wire)))
    assert error.value.status_code == status and len(wire.search_requests) == 1


def test_a_slow_portal_costs_the_budget_and_no_more():
    async def never(request):
        await asyncio.sleep(10)

    wire = Wire(never)
    started = time.monotonic()
    with pytest.raises(PortalUnavailable):
        run(lookup(adapter(wire, timeout=0.4)))
    elapsed = time.monotonic() - started
    assert 0.35 <= elapsed < 0.9, elapsed
    assert len(wire.search_requests) == 1         # no budget left for a retry


def test_a_read_timeout_is_retried_within_the_budget():
    wire = Wire(httpx.ReadTimeout("slow"), found())
    assert run(lookup(adapter(wire))) is not None and len(wire.search_requests) == 2


# --------------------------------------------------------------------------- malformed

@pytest.mark.parametrize("answer", [
    httpx.Response(200, text="<html>502 Bad Gateway</html>", headers={"content-type": "application/json"}),
    httpx.Response(200, text='{"content": [{"code": "000.0'),
    httpx.Response(200, json={"message": "OK", "data": None}),
    httpx.Response(200, json=[item()]),
    httpx.Response(200, json={"content": [{"unexpected": True}]}),
    httpx.Response(200, json={"content": ["a string"]}),
])
def test_a_malformed_answer_is_reported_and_not_retried(answer):
    wire = Wire(answer, found())
    with pytest.raises(PortalMalformedResponse):
        run(lookup(adapter(wire)))
    assert len(wire.search_requests) == 1


def test_odd_but_usable_fields_are_tolerated():
    odd = item(status="Đang xử lý")
    odd["statusCurrentTask"] = {"name": [{"languageId": 228, "name": "Đang xử lý"}]}
    odd["appointmentDate"] = "25/10/2021 16:30"
    odd["appliedDate"] = "not a date"
    odd["procedure"] = {"translate": {"0": {"name": "Đăng ký khai sinh"}}}
    odd["applicant"] = None
    dossier = run(lookup(adapter(Wire(httpx.Response(200, json={"content": [odd]})))))
    assert dossier.status == "in_progress" and dossier.applied_at is None
    assert dossier.appointment_at.strftime("%d/%m/%Y %H:%M") == "25/10/2021 16:30"
    assert dossier.procedure == "Đăng ký khai sinh" and dossier.masked_name is None


# --------------------------------------------------------------------------- circuit breaker

def test_the_circuit_opens_fails_fast_and_recovers_after_the_cool_down():
    clock = Clock()
    wire = Wire(httpx.Response(500))

    async def scenario():
        portal = adapter(wire, clock=clock, retries=0, breaker_failures=3, breaker_cooldown=30)
        try:
            for _ in range(3):
                with pytest.raises(PortalUnavailable):
                    await portal.lookup(CODE)
            assert portal.breaker.state == "open"
            calls = len(wire.search_requests)
            started = time.perf_counter()
            with pytest.raises(CircuitOpen):
                await portal.lookup(CODE)
            fast = time.perf_counter() - started
            assert len(wire.search_requests) == calls          # the portal was not asked
            clock.now += 31                                    # cool-down over: one trial
            assert portal.breaker.state == "half_open"
            with pytest.raises(PortalUnavailable):
                await portal.lookup(CODE)                      # trial fails: open again
            assert portal.breaker.state == "open" and len(wire.search_requests) == calls + 1
            clock.now += 31
            wire.search = [found()]
            assert await portal.lookup(CODE) is not None       # trial succeeds: closed
            assert portal.breaker.state == "closed"
            return fast
        finally:
            await portal.aclose()

    assert run(scenario()) < 0.005


def test_while_half_open_only_one_request_probes_the_portal():
    clock = Clock()

    async def slow_found(request):
        await asyncio.sleep(0.05)
        return found()

    wire = Wire(slow_found)

    async def scenario():
        portal = adapter(wire, clock=clock, retries=0, breaker_failures=1, breaker_cooldown=30)
        portal.breaker.record_failure()                        # opened
        clock.now += 31
        try:
            results = await asyncio.gather(*(portal.lookup(CODE) for _ in range(5)),
                                           return_exceptions=True)
        finally:
            await portal.aclose()
        return results

    results = run(scenario())
    assert sum(1 for r in results if isinstance(r, CircuitOpen)) == 4
    assert len(wire.search_requests) == 1


def test_4xx_and_not_found_do_not_trip_the_breaker():
    wire = Wire(httpx.Response(404))

    async def scenario():
        portal = adapter(wire, retries=0, breaker_failures=2)
        try:
            for _ in range(5):
                assert await portal.lookup(CODE) is None
            return portal.breaker.state
        finally:
            await portal.aclose()

    assert run(scenario()) == "closed"


# --------------------------------------------------------------------------- token

def test_the_token_is_sent_with_basic_client_credentials_and_used_as_bearer():
    wire = Wire(found())
    run(lookup(adapter(wire, token=True)))
    token_request = wire.token_requests[0]
    user, _, secret = base64.b64decode(token_request.headers["authorization"][6:]).decode().partition(":")
    assert (user, secret) == ("dvcbot", "s3cret")
    assert b"grant_type=client_credentials" in token_request.content
    assert wire.search_requests[0].headers["authorization"] == "Bearer tok-1"


def test_client_credentials_can_go_in_the_body():
    wire = Wire(found())
    run(lookup(adapter(wire, token=True, token_auth="body")))
    body = wire.token_requests[0].content.decode()
    assert "client_id=dvcbot" in body and "client_secret=s3cret" in body
    assert "authorization" not in wire.token_requests[0].headers


def test_concurrent_lookups_share_one_token_fetch():
    wire = Wire(found(), token_delay=0.05)

    async def scenario():
        portal = adapter(wire, token=True)
        try:
            return await asyncio.gather(*(portal.lookup(CODE) for _ in range(10)))
        finally:
            await portal.aclose()

    assert all(run(scenario()))
    assert len(wire.token_requests) == 1


def test_the_token_is_refreshed_shortly_before_it_expires():
    clock = Clock()
    wire = Wire(found(), expires_in=100)                       # refreshed 10 s early

    async def scenario():
        portal = adapter(wire, token=True, clock=clock)
        try:
            await portal.lookup(CODE)
            clock.now += 89
            await portal.lookup(CODE)
            assert len(wire.token_requests) == 1
            clock.now += 2                                     # 91 s: within the margin
            await portal.lookup(CODE)
            assert len(wire.token_requests) == 2
            assert wire.search_requests[-1].headers["authorization"] == "Bearer tok-2"
        finally:
            await portal.aclose()

    run(scenario())


def test_a_rejected_token_is_refreshed_once():
    wire = Wire(httpx.Response(401, json={"error": "invalid_token"}), found())
    assert run(lookup(adapter(wire, token=True))) is not None
    assert len(wire.token_requests) == 2 and len(wire.search_requests) == 2
    wire = Wire(httpx.Response(401, json={"error": "invalid_token"}))
    with pytest.raises(PortalRequestRejected):
        run(lookup(adapter(wire, token=True)))
    assert len(wire.token_requests) == 2 and len(wire.search_requests) == 2   # no loop


def test_wrong_credentials_are_a_rejection_a_dead_token_endpoint_an_outage():
    wire = Wire(found(), token_status=401)
    with pytest.raises(PortalRequestRejected, match="credentials"):
        run(lookup(adapter(wire, token=True)))
    assert len(wire.token_requests) == 1 and not wire.search_requests
    wire = Wire(found(), token_status=503)
    with pytest.raises(PortalUnavailable):
        run(lookup(adapter(wire, token=True)))
    assert len(wire.token_requests) == 3 and not wire.search_requests


# --------------------------------------------------------------------------- configuration

def test_configuration_comes_from_the_environment():
    config = PortalConfig.from_env({
        "DVCBOT_PORTAL_URL": "https://portal.example/", "DVCBOT_PORTAL_TOKEN_URL": TOKEN_URL,
        "DVCBOT_PORTAL_CLIENT_ID": "id", "DVCBOT_PORTAL_CLIENT_SECRET": "secret",
        "DVCBOT_PORTAL_TIMEOUT": "2.5", "DVCBOT_PORTAL_RETRIES": "1",
        "DVCBOT_PORTAL_BREAKER_FAILURES": "7", "DVCBOT_PORTAL_BREAKER_COOLDOWN": "60"})
    assert config.base_url == "https://portal.example" and config.timeout == 2.5
    assert (config.retries, config.breaker_failures, config.breaker_cooldown) == (1, 7, 60.0)
    assert PortalConfig.from_env({"DVCBOT_PORTAL_URL": "http://x"}).timeout == 3.0
    with pytest.raises(ValueError, match="CLIENT_ID"):
        PortalConfig.from_env({"DVCBOT_PORTAL_URL": "http://x", "DVCBOT_PORTAL_TOKEN_URL": TOKEN_URL})
    with pytest.raises(ValueError, match="DVCBOT_PORTAL_TIMEOUT"):
        PortalConfig.from_env({"DVCBOT_PORTAL_URL": "http://x", "DVCBOT_PORTAL_TIMEOUT": "3s"})
