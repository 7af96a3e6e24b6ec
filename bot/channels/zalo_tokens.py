"""Zalo OA access token, refreshed before it expires, with its one-time refresh token kept safe.

Zalo's OAuth (POST https://oauth.zaloapp.com/v4/oa/access_token, form refresh_token, app_id,
grant_type=refresh_token, header secret_key = the app secret) answers with a NEW access token
(valid about 25 hours, `expires_in` seconds) AND a NEW refresh token; the old refresh token is
spent. Losing the new one, or refreshing twice with the same one, locks the assistant out of the
Official Account until someone authorizes it again by hand. Hence:

  - the pair lives in the table zalo_oa_tokens (DVCBOT_DATABASE_URL) and is written the moment
    Zalo returns it, before anything else uses it;
  - one refresh at a time: an asyncio lock inside a process, and a lease row in the database
    across processes (the Rasa server, `dvcbot zalo`, a second server...). Whoever does not hold
    the lease waits for the new pair instead of refreshing;
  - every sender (the Rasa server's channel, the action server and the hand-off watcher, the
    dossier poller: bot.messaging.zalo) reads the row at each send, never a copy taken at its
    start-up, so a token one process refreshed is the one all of them use next;
  - ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN only seed an empty table; after that the database
    is the truth (`dvcbot zalo --set-tokens` replaces the pair after a new authorization).

No token is ever logged.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Callable

import httpx
from sqlalchemy import insert, select, update

from bot.channels import store

logger = logging.getLogger(__name__)

DEFAULT_OAUTH_BASE_URL = "https://oauth.zaloapp.com"
TOKEN_PATH = "/v4/oa/access_token"
REFRESH_MARGIN = 600.0      # refresh when less than 10 minutes are left
LEASE_SECONDS = 60.0
UNKNOWN_EXPIRY_MAX_AGE = 12 * 3600.0  # a seeded pair of unknown age is rotated after 12 hours


class ZaloAuthError(Exception):
    """No usable access token: the refresh failed. The message says what an operator must do."""


@dataclass(frozen=True)
class TokenState:
    access_token: str | None
    refresh_token: str | None
    expires_at: float | None
    updated_at: float
    version: int
    lease_owner: str | None = None
    lease_until: float | None = None


class TokenStore:
    """The zalo_oa_tokens row of one app (synchronous; called through asyncio.to_thread)."""

    def __init__(self, app_id: str, database_url: str | None = None):
        self.app_id = app_id
        self.database_url = database_url
        self.table = store.zalo_oa_tokens

    def _engine(self):
        return store.engine(self.database_url)

    def load(self) -> TokenState | None:
        t = self.table
        with self._engine().connect() as conn:
            row = conn.execute(select(t).where(t.c.app_id == self.app_id)).mappings().first()
        if row is None:
            return None
        return TokenState(row["access_token"], row["refresh_token"], row["expires_at"],
                          row["updated_at"], row["version"], row["lease_owner"], row["lease_until"])

    def seed(self, access_token: str | None, refresh_token: str | None,
             expires_at: float | None = None) -> bool:
        """Store the first pair; does nothing (False) when a pair is already stored."""
        if not access_token and not refresh_token:
            return False
        with self._engine().begin() as conn:
            exists = conn.execute(select(self.table.c.app_id)
                                  .where(self.table.c.app_id == self.app_id)).first()
            if exists is not None:
                return False
            conn.execute(insert(self.table).values(
                app_id=self.app_id, access_token=access_token, refresh_token=refresh_token,
                expires_at=expires_at, updated_at=time.time(), version=0))
        return True

    def replace(self, access_token: str | None, refresh_token: str | None,
                expires_at: float | None = None) -> None:
        """Overwrite the pair (after an operator authorized the OA again)."""
        if not self.seed(access_token, refresh_token, expires_at):
            with self._engine().begin() as conn:
                conn.execute(update(self.table).where(self.table.c.app_id == self.app_id).values(
                    access_token=access_token, refresh_token=refresh_token,
                    expires_at=expires_at, updated_at=time.time(),
                    version=self.table.c.version + 1, lease_owner=None, lease_until=None))

    def take_lease(self, owner: str, now: float, seconds: float = LEASE_SECONDS) -> bool:
        """Atomically become the only refresher for `seconds` (compare-and-set on the row)."""
        t = self.table
        with self._engine().begin() as conn:
            result = conn.execute(
                update(t).where(t.c.app_id == self.app_id)
                .where((t.c.lease_until.is_(None)) | (t.c.lease_until < now)
                       | (t.c.lease_owner == owner))
                .values(lease_owner=owner, lease_until=now + seconds))
            return result.rowcount == 1

    def save_refreshed(self, owner: str, access_token: str, refresh_token: str,
                       expires_at: float | None) -> None:
        t = self.table
        with self._engine().begin() as conn:
            conn.execute(update(t).where(t.c.app_id == self.app_id).values(
                access_token=access_token, refresh_token=refresh_token, expires_at=expires_at,
                updated_at=time.time(), version=t.c.version + 1,
                lease_owner=None, lease_until=None))

    def release_lease(self, owner: str) -> None:
        t = self.table
        with self._engine().begin() as conn:
            conn.execute(update(t).where(t.c.app_id == self.app_id)
                         .where(t.c.lease_owner == owner)
                         .values(lease_owner=None, lease_until=None))


class TokenManager:
    """Hands out a valid access token; refreshes it once, whoever asks and however often."""

    def __init__(self, app_id: str, app_secret: str | None, token_store: TokenStore,
                 http: httpx.AsyncClient, oauth_base_url: str | None = None,
                 clock: Callable[[], float] = time.time, wait_timeout: float = LEASE_SECONDS + 5):
        self.app_id = app_id
        self.app_secret = app_secret
        self.store = token_store
        self.http = http
        self.oauth_url = (oauth_base_url or DEFAULT_OAUTH_BASE_URL).rstrip("/") + TOKEN_PATH
        self.clock = clock
        self.wait_timeout = wait_timeout
        self.owner = uuid.uuid4().hex
        self._lock = asyncio.Lock()
        self.refresh_count = 0  # refreshes this manager performed (for logs and tests)

    async def _load(self) -> TokenState | None:
        return await asyncio.to_thread(self.store.load)

    def _due(self, state: TokenState) -> bool:
        """True when the stored token should be refreshed before use."""
        if not state.refresh_token:
            return False
        if not state.access_token:
            return True
        now = self.clock()
        if state.expires_at is None:
            return now - state.updated_at > UNKNOWN_EXPIRY_MAX_AGE
        return state.expires_at - now < REFRESH_MARGIN

    async def access_token(self) -> str:
        state = await self._load()
        if state is None or (not state.access_token and not state.refresh_token):
            raise ZaloAuthError("no Zalo OA token stored: set ZALO_ACCESS_TOKEN and "
                                "ZALO_REFRESH_TOKEN, or run `dvcbot zalo --set-tokens`")
        if self._due(state):
            return await self.refresh(stale=state.access_token, reason="expiring")
        assert state.access_token is not None
        return state.access_token

    async def keep_fresh(self) -> None:
        """Called periodically: refresh ahead of expiry even when nobody is writing."""
        state = await self._load()
        if state is not None and self._due(state):
            await self.refresh(stale=state.access_token, reason="scheduled")

    async def refresh(self, stale: str | None, reason: str = "rejected") -> str:
        """A new access token, unless someone already replaced `stale` (then that one)."""
        async with self._lock:
            for _ in range(3):
                state = await self._load()
                if state is None:
                    raise ZaloAuthError("no Zalo OA token stored")
                if state.access_token and state.access_token != stale and not self._due(state):
                    return state.access_token  # refreshed meanwhile by another task or process
                if await asyncio.to_thread(self.store.take_lease, self.owner, self.clock()):
                    return await self._refresh_holding_lease(state, reason)
                # Another process is refreshing: wait for its pair rather than spend ours.
                token = await self._wait_for_other(state.version)
                if token:
                    return token
            raise ZaloAuthError("the Zalo token refresh held by another process did not finish")

    async def _refresh_holding_lease(self, state: TokenState, reason: str) -> str:
        saved = False
        try:
            fresh = await self._load()
            if fresh is not None and fresh.version != state.version and fresh.access_token:
                return fresh.access_token  # finished just before we took the lease
            access, refresh, expires_at = await self._call_oauth(state.refresh_token)
            await asyncio.to_thread(self.store.save_refreshed, self.owner, access, refresh,
                                    expires_at)
            saved = True
            self.refresh_count += 1
            hours = ((expires_at - self.clock()) / 3600) if expires_at else float("nan")
            logger.info("zalo: access token refreshed (%s), valid %.1f h", reason, hours)
            return access
        finally:
            if not saved:
                await asyncio.to_thread(self.store.release_lease, self.owner)

    async def _wait_for_other(self, version: int) -> str | None:
        """The token another refresher stores; None if its lease lapsed without a result."""
        deadline = time.monotonic() + self.wait_timeout
        while time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            state = await self._load()
            if state is None:
                return None
            if state.version != version and state.access_token:
                return state.access_token
            if state.lease_until is None or state.lease_until < self.clock():
                return None
        return None

    async def _call_oauth(self, refresh_token: str | None) -> tuple[str, str, float | None]:
        if not refresh_token:
            raise ZaloAuthError("the Zalo access token expired and no refresh token is stored: "
                                "authorize the OA again and run `dvcbot zalo --set-tokens`")
        if not self.app_secret:
            raise ZaloAuthError("ZALO_APP_SECRET is needed to refresh the Zalo access token")
        try:
            reply = await self.http.post(
                self.oauth_url, headers={"secret_key": self.app_secret},
                data={"refresh_token": refresh_token, "app_id": self.app_id,
                      "grant_type": "refresh_token"})
            body = reply.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise ZaloAuthError(f"Zalo OAuth not reachable ({type(exc).__name__}); "
                                "the refresh token may have been spent, check the OA") from None
        access, refresh = body.get("access_token"), body.get("refresh_token")
        if not access or not refresh:
            code = body.get("error")
            name = body.get("error_name") or body.get("error_description") or body.get("message")
            logger.critical("zalo: token refresh refused (error %s: %s); authorize the OA again "
                            "and run `dvcbot zalo --set-tokens`", code, name)
            raise ZaloAuthError(f"Zalo refused the token refresh (error {code}: {name})")
        try:
            expires_in = float(body.get("expires_in"))
        except (TypeError, ValueError):
            expires_in = None
        expires_at = self.clock() + expires_in if expires_in else None
        return str(access), str(refresh), expires_at
