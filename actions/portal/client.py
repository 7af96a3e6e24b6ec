"""Province portal client: look a dossier up by its code, quickly or not at all.

One adapter interface (``PortalAdapter``) and a first adapter for the REST shape of the
iGate-style one-stop portals (``GET <base>/pa/dossier-search/dvc?code=<code>`` returning
``content[]`` with ``code``, ``applicant.data.fullname``, ``procedure.translate[0].name``,
``statusCurrentTask``, ``applyMethod.name``, ``appliedDate``, ``appointmentDate``,
``completedDate``), behind an OAuth2 client-credentials token.

Resilience, so that a dead portal does not slow every conversation:

- **Budget**: a look-up, all retries and the token fetch included, takes at most
  ``DVCBOT_PORTAL_TIMEOUT`` seconds (default 3); each request gets what is left of it.
- **Retries**: on connection errors, timeouts, 5xx and 429 only, at most
  ``DVCBOT_PORTAL_RETRIES`` more attempts (default 2), exponential backoff with jitter,
  never past the budget. A 4xx is an answer, not an outage: no retry. A 401 from the API
  refreshes the token once.
- **Circuit breaker**: after ``DVCBOT_PORTAL_BREAKER_FAILURES`` consecutive failed attempts
  (default 5) the breaker opens and look-ups fail at once (``CircuitOpen``) for
  ``DVCBOT_PORTAL_BREAKER_COOLDOWN`` seconds (default 30); then one trial request is let
  through (half-open): success closes the breaker, failure opens it again.
- **Token**: fetched once, cached, refreshed shortly before it expires (10 % of its
  lifetime, at most 60 s early); concurrent look-ups share one fetch (single flight).

Errors: ``PortalUnavailable`` (down, slow, 5xx, ``CircuitOpen``), ``PortalMalformedResponse``
(answer not in the expected shape), ``PortalRequestRejected`` (4xx, e.g. bad credentials),
``PortalNotConfigured``. An unknown code is not an error: ``lookup`` returns None.
"""

from __future__ import annotations

import abc
import asyncio
import logging
import random
import time
from dataclasses import dataclass, fields, replace
from typing import Any, Callable, Optional

import httpx

from actions.portal.models import Dossier, parse_portal_datetime
from actions.portal.wording import statuses
from bot.core.settings import PortalSettings, Settings, settings

logger = logging.getLogger(__name__)
# httpx logs every request URL at INFO, and a look-up URL carries the dossier code.
if logging.getLogger("httpx").level == logging.NOTSET:
    logging.getLogger("httpx").setLevel(logging.WARNING)


# --------------------------------------------------------------------------- errors

class PortalError(Exception):
    """Base of every portal error. Messages never contain personal data."""


class PortalUnavailable(PortalError):
    """The portal did not answer in time, refused the connection or failed (5xx)."""


class CircuitOpen(PortalUnavailable):
    """The portal failed repeatedly; look-ups fail fast until the cool-down ends."""


class PortalMalformedResponse(PortalError):
    """The portal answered, but not in the expected shape."""


class PortalRequestRejected(PortalError):
    """The portal refused the request (4xx other than 404), e.g. wrong credentials."""

    def __init__(self, message: str, status_code: int):
        super().__init__(message)
        self.status_code = status_code


class PortalNotConfigured(PortalError):
    """No portal URL is configured."""


class NotSupported(PortalError):
    """The portal does not offer this kind of look-up."""


# --------------------------------------------------------------------------- configuration

@dataclass(frozen=True)
class PortalConfig:
    """The client's settings: the `portal` section of bot.core.settings (defaults from there),
    plus the retry pacing that is not a setting."""

    base_url: str
    search_path: str = PortalSettings.search_path
    token_url: Optional[str] = None
    client_id: Optional[str] = None
    client_secret: Optional[str] = None
    scope: Optional[str] = None
    token_auth: str = PortalSettings.token_auth  # "basic" (RFC 6749 2.3.1) or "body"
    timeout: float = PortalSettings.timeout      # whole look-up budget, seconds
    retries: int = PortalSettings.retries        # extra attempts after the first
    backoff_base: float = 0.2
    backoff_cap: float = 1.0
    breaker_failures: int = PortalSettings.breaker_failures
    breaker_cooldown: float = PortalSettings.breaker_cooldown

    @classmethod
    def from_env(cls, env: Optional[dict] = None, **overrides: Any) -> "PortalConfig":
        """From the process's settings, or from the variables in `env` when given."""
        portal = (settings() if env is None else Settings.from_env(env)).portal
        if not portal.url:
            raise PortalNotConfigured("DVCBOT_PORTAL_URL is not set")
        config = cls(base_url=portal.url, **{f.name: getattr(portal, f.name) for f in fields(cls)
                                             if f.name != "base_url" and hasattr(portal, f.name)})
        if config.token_url and not (config.client_id and config.client_secret):
            raise ValueError("DVCBOT_PORTAL_TOKEN_URL is set: DVCBOT_PORTAL_CLIENT_ID and "
                             "DVCBOT_PORTAL_CLIENT_SECRET are needed too")
        return replace(config, **overrides) if overrides else config


# --------------------------------------------------------------------------- circuit breaker

class CircuitBreaker:
    """Closed -> (N consecutive failures) -> open -> (cool-down) -> half-open: one trial."""

    CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"

    def __init__(self, failures: int = 5, cooldown: float = 30.0,
                 clock: Callable[[], float] = time.monotonic):
        self.threshold = max(1, failures)
        self.cooldown = cooldown
        self.clock = clock
        self.consecutive_failures = 0
        self.opened_at: Optional[float] = None
        self._trial_in_flight = False

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return self.CLOSED
        if self.clock() - self.opened_at >= self.cooldown:
            return self.HALF_OPEN
        return self.OPEN

    def before_attempt(self) -> bool:
        """Raise CircuitOpen, or let the attempt go; True when it is the half-open trial."""
        state = self.state
        if state == self.CLOSED:
            return False
        if state == self.HALF_OPEN and not self._trial_in_flight:
            self._trial_in_flight = True
            return True
        remaining = max(0.0, self.cooldown - (self.clock() - (self.opened_at or 0.0)))
        raise CircuitOpen(f"portal circuit open ({self.consecutive_failures} failures in a row; "
                          f"next trial in {remaining:.0f} s)")

    def record_success(self) -> None:
        if self.opened_at is not None:
            logger.info("portal answers again: circuit closed")
        self.consecutive_failures = 0
        self.opened_at = None
        self._trial_in_flight = False

    def record_failure(self) -> None:
        self.consecutive_failures += 1
        was_trial, self._trial_in_flight = self._trial_in_flight, False
        if was_trial or (self.opened_at is None and self.consecutive_failures >= self.threshold):
            if self.opened_at is None or was_trial:
                logger.warning("portal failing (%d in a row): circuit open for %.0f s",
                               self.consecutive_failures, self.cooldown)
            self.opened_at = self.clock()

    def release_trial(self) -> None:
        """The trial ended without a verdict (cancelled): let another one through."""
        self._trial_in_flight = False


# --------------------------------------------------------------------------- token

class TokenProvider:
    """OAuth2 client-credentials token, cached and refreshed before expiry, single flight."""

    def __init__(self, config: PortalConfig, http: httpx.AsyncClient,
                 clock: Callable[[], float] = time.monotonic):
        self.config, self.http, self.clock = config, http, clock
        self._token: Optional[str] = None
        self._refresh_at = 0.0
        self._lock = asyncio.Lock()
        self.fetches = 0

    def invalidate(self, token: Optional[str]) -> None:
        if token is not None and token == self._token:
            self._token = None

    async def token(self, deadline: float) -> str:
        if self._token and self.clock() < self._refresh_at:
            return self._token
        remaining = deadline - self.clock()
        if remaining <= 0:
            raise PortalUnavailable("no time left to fetch a portal token")
        try:
            await asyncio.wait_for(self._lock.acquire(), remaining)
        except asyncio.TimeoutError:
            raise PortalUnavailable("timed out waiting for the portal token") from None
        try:
            if self._token and self.clock() < self._refresh_at:   # fetched while we waited
                return self._token
            return await self._fetch(deadline)
        finally:
            self._lock.release()

    async def _fetch(self, deadline: float) -> str:
        config = self.config
        form = {"grant_type": "client_credentials"}
        if config.scope:
            form["scope"] = config.scope
        auth = None
        if config.token_auth == "basic":
            auth = httpx.BasicAuth(config.client_id or "", config.client_secret or "")
        else:
            form.update(client_id=config.client_id or "", client_secret=config.client_secret or "")
        remaining = max(0.001, deadline - self.clock())
        self.fetches += 1
        started = self.clock()
        try:
            response = await asyncio.wait_for(
                self.http.post(config.token_url or "", data=form, auth=auth,
                               timeout=httpx.Timeout(remaining)),
                remaining)
        except (asyncio.TimeoutError, httpx.TimeoutException):
            raise PortalUnavailable("portal token endpoint timed out") from None
        except httpx.TransportError as error:
            raise PortalUnavailable(f"portal token endpoint unreachable ({type(error).__name__})") from None
        if response.status_code >= 500 or response.status_code == 429:
            raise PortalUnavailable(f"portal token endpoint answered {response.status_code}")
        if response.status_code >= 400:
            raise PortalRequestRejected(
                f"portal token endpoint refused the client credentials ({response.status_code})",
                response.status_code)
        try:
            body = response.json()
            token = body["access_token"]
            lifetime = float(body.get("expires_in") or 300)
        except (ValueError, KeyError, TypeError):
            raise PortalMalformedResponse("portal token answer has no access_token") from None
        if not isinstance(token, str) or not token:
            raise PortalMalformedResponse("portal token answer has an empty access_token")
        self._token = token
        self._refresh_at = started + lifetime - min(60.0, lifetime * 0.1)
        return token


# --------------------------------------------------------------------------- adapters

class PortalAdapter(abc.ABC):
    """What the dialogue and the poller need from a portal."""

    @abc.abstractmethod
    async def lookup(self, code: str) -> Optional[Dossier]:
        """The dossier with this (normalised) code, or None when the portal has none."""

    async def list_by_phone(self, phone: str) -> list[Dossier]:
        """Dossiers filed with this phone number, where the portal allows it."""
        raise NotSupported(f"{type(self).__name__} cannot list dossiers by phone number")

    async def aclose(self) -> None:
        """Release connections."""


def _dig(item: Any, *path: Any) -> Any:
    for key in path:
        if isinstance(item, dict):
            item = item.get(key)
        elif isinstance(item, list) and isinstance(key, int) and -len(item) <= key < len(item):
            item = item[key]
        else:
            return None
    return item


def _text(value: Any) -> Optional[str]:
    """A display text from a plain string, {"name": ...} or a list of translations."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("name", "title", "label", "value"):
            found = _text(value.get(key))
            if found:
                return found
        if value and all(str(k).isdigit() for k in value):     # {"0": {...}}: a list as a map
            return _text([value[k] for k in sorted(value, key=lambda k: int(k))])
        return None
    if isinstance(value, list):
        preferred = [v for v in value if isinstance(v, dict) and v.get("languageId") in (228, "vi")]
        for candidate in preferred + list(value):
            found = _text(candidate)
            if found:
                return found
    return None


_STATUS_PATHS = (("statusCurrentTask",), ("dossierStatus",), ("dossierTaskStatus",),
                 ("currentTask", 0, "bpmProcessDefinitionTask", "name"), ("status",))
_PHONE_PATHS = (("applicant", "data", "phoneNumber"), ("applicant", "data", "phone"),
                ("applicant", "data", "mobile"), ("applicant", "phoneNumber"))


def dossier_from_item(item: Any) -> Dossier:
    """Map one ``content[]`` item to a Dossier; PortalMalformedResponse when it has no code."""
    if not isinstance(item, dict):
        raise PortalMalformedResponse("dossier-search item is not an object")
    code = item.get("code")
    if not isinstance(code, str) or not code.strip():
        raise PortalMalformedResponse("dossier-search item has no code")
    status_text = next((t for t in (_text(_dig(item, *p)) for p in _STATUS_PATHS) if t), None)
    procedure = _text(_dig(item, "procedure", "translate")) or _text(_dig(item, "procedure"))
    name = _text(_dig(item, "applicant", "data", "fullname")) or _text(_dig(item, "applicant", "fullname"))
    phone = next((p for p in (_dig(item, *path) for path in _PHONE_PATHS) if isinstance(p, str) and p), None)
    return Dossier(
        code=code.strip(),
        status_text=status_text,
        status=statuses().canonical(status_text),
        procedure=procedure,
        apply_method=_text(_dig(item, "applyMethod")),
        applied_at=parse_portal_datetime(item.get("appliedDate")),
        appointment_at=parse_portal_datetime(item.get("appointmentDate")),
        completed_at=parse_portal_datetime(item.get("completedDate")),
        applicant_name=name,
        applicant_phone=phone,
    )


class RestDossierSearchAdapter(PortalAdapter):
    """``GET <base><search_path>?code=...`` with a Bearer token (iGate-style portals)."""

    def __init__(self, config: PortalConfig, *, transport: Optional[httpx.AsyncBaseTransport] = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Any] = asyncio.sleep,
                 rng: Optional[random.Random] = None,
                 breaker: Optional[CircuitBreaker] = None):
        self.config, self.clock, self.sleep = config, clock, sleep
        self.rng = rng or random.Random()
        self.http = httpx.AsyncClient(
            base_url=config.base_url, transport=transport,
            headers={"Accept": "application/json", "User-Agent": "dvcbot/0.1 (+dossier lookup)"},
            timeout=httpx.Timeout(config.timeout), follow_redirects=False)
        self.breaker = breaker or CircuitBreaker(config.breaker_failures, config.breaker_cooldown, clock)
        self.tokens = TokenProvider(config, self.http, clock) if config.token_url else None
        self.attempts = 0          # HTTP attempts made to the search endpoint (for tests/metrics)

    async def aclose(self) -> None:
        await self.http.aclose()

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.config.backoff_cap, self.config.backoff_base * (2 ** attempt))
        return ceiling * (0.5 + self.rng.random() / 2)          # "equal jitter"

    async def lookup(self, code: str) -> Optional[Dossier]:
        code = code.strip().upper()
        deadline = self.clock() + self.config.timeout
        failed_attempts = 0
        refreshed = False
        while True:
            trial = self.breaker.before_attempt()          # CircuitOpen: fail fast
            settled = False
            try:
                try:
                    dossier = await self._attempt(code, deadline)
                except PortalUnavailable as error:        # retryable
                    settled = True
                    self.breaker.record_failure()
                    problem = str(error)
                except PortalMalformedResponse:
                    settled = True
                    self.breaker.record_failure()
                    raise
                except _TokenRejected as rejected:        # 401: refresh the token once
                    settled = True
                    self.breaker.record_success()
                    if refreshed or self.tokens is None:
                        raise PortalRequestRejected("portal rejected a fresh token", 401) from None
                    self.tokens.invalidate(rejected.token)
                    refreshed = True
                    continue
                except PortalRequestRejected:             # 4xx: an answer, no retry
                    settled = True
                    self.breaker.record_success()
                    raise
                else:
                    settled = True
                    self.breaker.record_success()
                    return dossier
            finally:
                if trial and not settled:                 # cancelled mid-trial
                    self.breaker.release_trial()
            failed_attempts += 1
            if failed_attempts > self.config.retries:
                raise PortalUnavailable(f"portal failed {failed_attempts} times; last: {problem}")
            delay = self._backoff(failed_attempts - 1)
            if self.clock() + delay >= deadline:
                raise PortalUnavailable(f"portal look-up budget of {self.config.timeout:g} s spent; "
                                        f"last: {problem}")
            await self.sleep(delay)

    async def _attempt(self, code: str, deadline: float) -> Optional[Dossier]:
        headers = {}
        token = None
        if self.tokens is not None:
            token = await self.tokens.token(deadline)
            headers["Authorization"] = f"Bearer {token}"
        remaining = deadline - self.clock()
        if remaining <= 0:
            raise PortalUnavailable("look-up budget spent before the request")
        self.attempts += 1
        params = {"page": 0, "size": 10, "spec": "slice", "code": code}
        try:
            response = await asyncio.wait_for(
                self.http.get(self.config.search_path, params=params, headers=headers,
                              timeout=httpx.Timeout(remaining)),
                remaining)
        except (asyncio.TimeoutError, httpx.TimeoutException):
            raise PortalUnavailable(f"no answer within {remaining:.1f} s") from None
        except httpx.TransportError as error:
            raise PortalUnavailable(f"portal unreachable ({type(error).__name__})") from None
        status = response.status_code
        if status == 401 and token is not None:
            raise _TokenRejected(token)
        if status == 404:
            return None
        if status >= 500 or status == 429:
            raise PortalUnavailable(f"portal answered {status}")
        if status >= 400:
            raise PortalRequestRejected(f"portal refused the look-up ({status})", status)
        if status == 204:
            return None
        if status != 200:
            raise PortalMalformedResponse(f"unexpected HTTP status {status}")
        try:
            body = response.json()
        except ValueError:
            raise PortalMalformedResponse("dossier-search answer is not JSON") from None
        content = body.get("content") if isinstance(body, dict) else None
        if not isinstance(content, list):
            raise PortalMalformedResponse("dossier-search answer has no content[] list")
        wanted = code.casefold()
        for item in content:
            dossier = dossier_from_item(item)
            # A search may match loosely: only the exact code is this citizen's dossier.
            if dossier.code.casefold() == wanted:
                return dossier
        return None


class _TokenRejected(Exception):
    def __init__(self, token: str):
        super().__init__("token rejected")
        self.token = token


# --------------------------------------------------------------------------- default adapter

_default: dict[int, PortalAdapter] = {}


def make_adapter(env: Optional[dict] = None, **overrides: Any) -> PortalAdapter:
    """The adapter the configuration asks for (only the REST dossier-search one so far)."""
    return RestDossierSearchAdapter(PortalConfig.from_env(env, **overrides))


def default_adapter() -> PortalAdapter:
    """One adapter per event loop (the action server has one), so that the token cache and
    the circuit breaker are shared by every conversation. PortalNotConfigured without a URL."""
    loop = asyncio.get_running_loop()
    adapter = _default.get(id(loop))
    if adapter is None or getattr(adapter, "_loop", None) is not loop:
        adapter = make_adapter()
        adapter._loop = loop  # type: ignore[attr-defined]
        _default.clear()
        _default[id(loop)] = adapter
    return adapter


def reset_default_adapter() -> None:
    _default.clear()
