"""A tiny round-robin reverse proxy, used in front of the Rasa replicas when nginx is absent.

    python -m bot.ops.proxy --port 5100 --upstream http://127.0.0.1:5101 --upstream ...

Like the nginx configuration: loopback only, forwards only the channels' webhooks
(/webhooks/...) and the health check (/), and tries the next replica when one refuses the
connection (the request was not delivered, so nothing is handled twice).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import signal
import sys

import aiohttp
from aiohttp import web

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
              "trailers", "transfer-encoding", "upgrade", "host", "content-length"}
MAX_BODY = 1024 * 1024


def make_app(upstreams: list[str], timeout: float = 120.0) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)
    order = itertools.cycle(range(len(upstreams)))

    async def on_startup(app: web.Application) -> None:
        app["session"] = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=timeout),
            connector=aiohttp.TCPConnector(limit=256, limit_per_host=128))

    async def on_cleanup(app: web.Application) -> None:
        await app["session"].close()

    async def forward(request: web.Request) -> web.StreamResponse:
        path = request.rel_url.path
        if not (path == "/" or path.startswith("/webhooks/")):
            return web.json_response({"error": "not found"}, status=404)
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        first = next(order)
        last_error = "no upstream"
        for attempt in range(len(upstreams)):
            base = upstreams[(first + attempt) % len(upstreams)]
            try:
                async with app["session"].request(request.method, base + str(request.rel_url),
                                                  data=body, headers=headers) as upstream:
                    payload = await upstream.read()
                    out = {k: v for k, v in upstream.headers.items() if k.lower() not in HOP_BY_HOP}
                    out["X-Dvcbot-Replica"] = base.split("://", 1)[-1]
                    return web.Response(status=upstream.status, body=payload, headers=out)
            except aiohttp.ClientConnectorError as error:  # not delivered: try the next one
                last_error = error.__class__.__name__
                continue
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                return web.json_response({"error": f"upstream failed: {error.__class__.__name__}"},
                                         status=502)
        return web.json_response({"error": f"no replica reachable ({last_error})"}, status=502)

    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    app.router.add_route("*", "/{tail:.*}", forward)
    return app


async def serve(port: int, upstreams: list[str]) -> None:
    runner = web.AppRunner(make_app(upstreams), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print(f"proxy on http://127.0.0.1:{port} -> {', '.join(upstreams)}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.ops.proxy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", action="append", required=True)
    args = parser.parse_args(argv)
    asyncio.run(serve(args.port, [u.rstrip("/") for u in args.upstream]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
