"""`dvcbot bench webhooks`: how long Telegram and Zalo wait for their 200.

    dvcbot bench webhooks [--requests 400] [--concurrency 20] [--database-url URL]

A server process runs the real Telegram and Zalo channels (Rasa's own channel registration, in
a Sanic app) with a fake assistant that answers at once and sends nothing, on a fresh SQLite
file (or --database-url, e.g. PostgreSQL); this process sends signed updates and events from
`--concurrency` senders at a time and measures, per channel, the time from sending a request to
its 200: the inbox write (in a thread, off the event loop) is in it, the answer is not (it is
made after the 200). Zalo waits 2 s at most. Prints p50, p95 and max per channel.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

APP_ID = "3482178216594085616"
OA_SECRET = "bench-oa-secret"
BOT_TOKEN = "123456:BENCH-token"
SECRET = "bench-webhook-secret_0123456789abcdef"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(port: int) -> None:
    """The server process: both channels, a fake assistant that says nothing."""
    from rasa.core.channels.channel import register
    from sanic import Sanic, response

    from bot.channels.telegram import TelegramInput
    from bot.channels.zalo import ZaloInput

    class Assistant:
        """Rasa's Agent, answering nothing at once."""

        async def handle_message(self, message: Any) -> None:
            return None

    app = Sanic("dvcbot-bench-webhooks")
    app.ctx.agent = Assistant()
    # the API addresses are never called: the fake assistant sends nothing
    register([TelegramInput(BOT_TOKEN, SECRET, "http://127.0.0.1:9/bot"),
              ZaloInput(APP_ID, OA_SECRET, api_base_url="http://127.0.0.1:9",
                        oauth_base_url="http://127.0.0.1:9", maintenance=False)],
             app, route="/webhooks/")

    @app.get("/ready")
    async def ready(_: Any) -> Any:
        return response.json({"ok": True})

    app.run(host="127.0.0.1", port=port, access_log=False, workers=1, debug=False)


def _zalo_event(n: int) -> tuple[bytes, dict[str, str]]:
    from bot.channels.zalo import expected_signature

    event = {"app_id": APP_ID, "event_name": "user_send_text", "sender": {"id": f"u{n % 50}"},
             "recipient": {"id": "oa"}, "timestamp": str(int(time.time() * 1000)),
             "message": {"msg_id": secrets.token_hex(16), "text": "le phi lam cccd"}}
    raw = json.dumps(event).encode("utf-8")
    return raw, {"X-ZEvent-Signature": expected_signature(APP_ID, raw, event["timestamp"],
                                                          OA_SECRET),
                 "Content-Type": "application/json"}


def _telegram_update(n: int) -> tuple[bytes, dict[str, str]]:
    chat = 1000 + n % 50
    update = {"update_id": 10_000_000 + n, "message": {
        "message_id": n, "date": int(time.time()), "text": "le phi lam cccd",
        "chat": {"id": chat, "type": "private", "first_name": "A"},
        "from": {"id": chat, "is_bot": False, "first_name": "A"}}}
    return json.dumps(update).encode("utf-8"), {"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                                "Content-Type": "application/json"}


async def _measure(base: str, path: str, make, requests: int, concurrency: int) -> list[float]:
    import httpx

    times: list[float] = []
    counter = iter(range(requests))

    async def sender(http: httpx.AsyncClient) -> None:
        for n in counter:
            body, headers = make(n)
            started = time.perf_counter()
            reply = await http.post(path, content=body, headers=headers)
            times.append(time.perf_counter() - started)
            if reply.status_code != 200:
                raise RuntimeError(f"{path}: {reply.status_code} {reply.text[:200]}")

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        await asyncio.gather(*(sender(http) for _ in range(concurrency)))
    return times


def _summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (f"{name:9} {len(times)} requests: p50 {statistics.median(ordered) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot bench webhooks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="per channel (default 400)")
    parser.add_argument("--concurrency", type=int, default=20, help="senders at once (default 20)")
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve)
        return 0
    import httpx

    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DVCBOT_", "TELEGRAM_",
                                                                       "ZALO_"))}
        env.update(DVCBOT_DATABASE_URL=args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
                   DVCBOT_TEAMS_FILE=str(Path(tmp) / "no-teams.yml"),
                   DVCBOT_RATE_LIMIT_PER_MINUTE="0")
        server = subprocess.Popen([sys.executable, "-m", "bot.ops.bench.webhooks", "--serve", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(base + "/ready", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    print("dvcbot bench webhooks: the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            telegram = asyncio.run(_measure(base, "/webhooks/telegram/webhook",
                                            _telegram_update, args.requests, args.concurrency))
            zalo = asyncio.run(_measure(base, "/webhooks/zalo/webhook", _zalo_event,
                                        args.requests, args.concurrency))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"webhook time-to-200, {args.concurrency} senders at once, "
          f"{'SQLite' if not args.database_url else args.database_url.split(':')[0]} inbox:")
    print(_summary("telegram", telegram))
    print(_summary("zalo", zalo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
