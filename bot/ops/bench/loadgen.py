"""A closed-loop load generator for Rasa's REST channel (httpx, asyncio).

N simulated citizens each hold one conversation at a time: send a message, wait for the
answer, send the next one at once (no think time), start a new conversation (new sender id)
when one ends. Bounded by a duration and a message count; loopback only.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import random
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from bot.ops.bench.conversations import Conversation
from bot.tokens import bearer_header

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def ensure_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        raise ValueError(f"the load generator only talks to loopback, not {host!r}")


@dataclass
class Sample:
    sender: str
    text: str
    started: float
    latency: float
    status: int            # HTTP status, 0 = no answer (connection error, timeout)
    replies: list[dict]
    error: str | None = None

    @property
    def answered(self) -> bool:
        return self.status == 200 and any((r.get("text") or r.get("image") or r.get("buttons")
                                           or r.get("custom")) for r in self.replies)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class LevelResult:
    name: str
    concurrency: int
    samples: list[Sample] = field(default_factory=list)
    wall: float = 0.0

    @property
    def messages(self) -> int:
        return len(self.samples)

    @property
    def ok(self) -> list[Sample]:
        return [s for s in self.samples if s.status == 200]

    @property
    def server_errors(self) -> int:
        return sum(1 for s in self.samples if s.status >= 500)

    @property
    def failures(self) -> int:
        """No HTTP answer at all, or a non-200 status."""
        return sum(1 for s in self.samples if s.status != 200)

    @property
    def unanswered(self) -> int:
        """200 but nothing for the citizen to read."""
        return sum(1 for s in self.samples if s.status == 200 and not s.answered)

    @property
    def throughput(self) -> float:
        return len(self.ok) / self.wall if self.wall > 0 else 0.0

    def latency(self, q: float) -> float:
        return percentile([s.latency for s in self.ok], q)

    def summary(self) -> dict:
        return {
            "name": self.name, "conversations": self.concurrency, "messages": self.messages,
            "failed": self.failures, "server_errors": self.server_errors,
            "unanswered": self.unanswered, "wall_s": round(self.wall, 2),
            "messages_per_s": round(self.throughput, 2),
            "p50_ms": _ms(self.latency(50)), "p95_ms": _ms(self.latency(95)),
            "p99_ms": _ms(self.latency(99)), "max_ms": _ms(self.latency(100)),
            "error_examples": sorted({s.error or str(s.status) for s in self.samples
                                      if s.status != 200})[:5],
        }


def _ms(seconds: float) -> float | None:
    return None if math.isnan(seconds) else round(seconds * 1000, 1)


async def send(client: httpx.AsyncClient, url: str, sender: str, text: str) -> Sample:
    started = time.monotonic()
    try:
        response = await client.post(url, json={"sender": sender, "message": text})
        latency = time.monotonic() - started
        try:
            body = response.json()
        except ValueError:
            body = None
        replies = body if isinstance(body, list) else []
        return Sample(sender, text, started, latency, response.status_code, replies,
                      None if response.status_code == 200 else f"HTTP {response.status_code}")
    except httpx.HTTPError as error:
        return Sample(sender, text, started, time.monotonic() - started, 0, [],
                      error.__class__.__name__)


def rest_headers(headers: dict[str, str] | None = None) -> dict[str, str]:
    """The REST channel's Authorization header: the one given, else this process's token."""
    return dict(headers) if headers is not None else bearer_header()


async def closed_loop(base_url: str, conversations: list[Conversation], concurrency: int,
                      duration: float, max_messages: int, run_id: str, name: str = "",
                      timeout: float = 90.0, think: float = 0.0, seed: int = 7,
                      headers: dict[str, str] | None = None) -> LevelResult:
    """Run `concurrency` conversations at once for `duration` seconds or `max_messages`.

    think: mean seconds a citizen takes to read an answer and type the next message
    (uniform in 0.5-1.5 times it); 0 = send at once (the server's capacity)."""
    ensure_loopback(base_url)
    url = base_url.rstrip("/") + "/webhooks/rest/webhook"
    result = LevelResult(name or f"{concurrency}", concurrency)
    pool = itertools.cycle(conversations)
    counter = itertools.count()
    sent = 0
    start = time.monotonic()
    deadline = start + duration
    limits = httpx.Limits(max_connections=concurrency + 4, max_keepalive_connections=concurrency + 4)

    rng = random.Random(seed)

    async def citizen(worker: int, client: httpx.AsyncClient) -> None:
        nonlocal sent
        if think:
            await asyncio.sleep(rng.uniform(0, think))  # do not all start at the same instant
        while time.monotonic() < deadline and sent < max_messages:
            conversation = next(pool)
            sender = f"{run_id}-{concurrency}-{worker}-{next(counter)}"
            for text in conversation.messages:
                if time.monotonic() >= deadline or sent >= max_messages:
                    return
                sent += 1
                result.samples.append(await send(client, url, sender, text))
                if think:
                    await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    async with httpx.AsyncClient(timeout=timeout, limits=limits,
                                 headers=rest_headers(headers)) as client:
        await asyncio.gather(*(citizen(i, client) for i in range(concurrency)))
    result.wall = time.monotonic() - start
    return result


async def warm_up(base_url: str, texts: list[str], run_id: str,
                  headers: dict[str, str] | None = None) -> None:
    """A few sequential messages so that lazy loading does not count as latency."""
    ensure_loopback(base_url)
    url = base_url.rstrip("/") + "/webhooks/rest/webhook"
    async with httpx.AsyncClient(timeout=120, headers=rest_headers(headers)) as client:
        for index, text in enumerate(texts):
            await send(client, url, f"{run_id}-warmup-{index % 3}", text)


async def parse_timing(base_url: str, texts: list[str], params: dict[str, str] | None = None) -> dict:
    """NLU only: POST /model/parse for each text, one at a time; latency percentiles."""
    ensure_loopback(base_url)
    latencies: list[float] = []
    failed = 0
    # Rasa's HTTP API token (?token=), when the stack has one
    async with httpx.AsyncClient(timeout=60, params=params or {}) as client:
        for text in texts[:3]:
            await client.post(base_url.rstrip("/") + "/model/parse", json={"text": text})
        for text in texts:
            started = time.monotonic()
            response = await client.post(base_url.rstrip("/") + "/model/parse", json={"text": text})
            if response.status_code == 200:
                latencies.append(time.monotonic() - started)
            else:
                failed += 1
    return {"messages": len(texts), "failed": failed,
            "mean_ms": _ms(sum(latencies) / len(latencies)) if latencies else None,
            "p50_ms": _ms(percentile(latencies, 50)), "p95_ms": _ms(percentile(latencies, 95)),
            "p99_ms": _ms(percentile(latencies, 99))}
