"""Per-conversation order and background work.

- `KeyedLocks`: one FIFO lock per conversation, so one citizen's messages are handled in the
  order they arrived although webhooks are acknowledged at once.
- `Background`: tasks started after a webhook was acknowledged, kept referenced until done.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable

logger = logging.getLogger(__name__)


class KeyedLocks:
    """One asyncio.Lock per key, dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[str, list[Any]] = {}  # key -> [lock, users]

    def hold(self, key: str) -> "_Held":
        return _Held(self, key)

    def waiting(self, key: str) -> int:
        """How many hold (or wait for) this key's lock now."""
        entry = self._locks.get(key)
        return entry[1] if entry else 0


class _Held:
    def __init__(self, owner: KeyedLocks, key: str):
        self.owner, self.key = owner, key

    async def __aenter__(self) -> None:
        entry = self.owner._locks.setdefault(self.key, [asyncio.Lock(), 0])
        entry[1] += 1
        await entry[0].acquire()

    async def __aexit__(self, *exc: Any) -> None:
        entry = self.owner._locks[self.key]
        entry[0].release()
        entry[1] -= 1
        if entry[1] == 0:
            del self.owner._locks[self.key]


class Background:
    """Tasks started after a webhook was acknowledged; kept referenced until done."""

    def __init__(self, name: str):
        self.name = name
        self._tasks: set[asyncio.Task] = set()

    def start(self, coroutine: Awaitable[Any]) -> asyncio.Task:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            logger.error("%s: background task failed: %s", self.name, type(exc).__name__,
                         exc_info=exc)

    async def wait(self, timeout: float = 30.0) -> None:
        """Wait until every task started so far has finished (used by tests and shutdown)."""
        deadline = time.monotonic() + timeout
        while self._tasks and time.monotonic() < deadline:
            await asyncio.wait(list(self._tasks), timeout=max(0.01, deadline - time.monotonic()))

    def __len__(self) -> int:
        return len(self._tasks)
