"""Test doubles for the Telegram and Zalo channel tests, speaking the real wire formats.

- `serve_sanic(app)`: runs a Sanic app (the way Rasa runs channel blueprints) on a real
  loopback port inside the test's event loop.
- `rasa_app(channel, agent)`: a Sanic app with the channel registered by Rasa's own
  `rasa.core.channels.channel.register` (route /webhooks/<name>/...), whose "agent" is a
  `Collector` standing in for Rasa's Agent.handle_message.
- `FakeTelegramApi`: a local Telegram Bot API server (https://api.telegram.org/bot<token>/<method>):
  form or JSON parameters in, {"ok": true, "result": ...} out.
- `FakeZaloApi`: Zalo's OA OpenAPI (consultation messages, quota / last interaction), ZBS
  template messages and OAuth, as a local server or an httpx transport handler.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import socket
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Awaitable, Callable
from urllib.parse import parse_qsl

import httpx
from aiohttp import web
from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic

# Several Sanic apps start in one test process: test mode keeps Sanic from rewriting its request
# handling code a second time (TouchUp) and from refusing a second app.
Sanic.test_mode = True


def bound_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@asynccontextmanager
async def serve_sanic(app: Sanic) -> AsyncIterator[str]:
    sock = bound_socket()
    port = sock.getsockname()[1]
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.before_stop()
        await server.close()
        for connection in list(server.connections):
            connection.close_if_idle()
        await server.after_stop()


@dataclass
class Collector:
    """Stands in for Rasa's Agent: records each UserMessage and may answer through its channel."""

    answer: Callable[[UserMessage], Awaitable[None]] | None = None
    messages: list[UserMessage] = field(default_factory=list)

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        if self.answer is not None:
            await self.answer(message)


def rasa_app(channel: Any, agent: Collector) -> Sanic:
    app = Sanic(f"dvcbot-test-{uuid.uuid4().hex[:8]}")
    app.ctx.agent = agent
    register([channel], app, route="/webhooks/")
    return app


async def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


@asynccontextmanager
async def serve_aiohttp(app: web.Application) -> AsyncIterator[str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    sock = bound_socket()
    site = web.SockSite(runner, sock)
    await site.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        await runner.cleanup()


# --------------------------------------------------------------------------- Telegram


JSON_PARAMETERS = {"reply_markup", "allowed_updates", "commands"}
# Telegram never gives two updates of a bot the same update_id, even across restarts
_UPDATE_IDS = itertools.count(1)


@dataclass
class Call:
    method: str
    params: dict[str, Any]


class FakeTelegramApi:
    """The Bot API methods dvcbot uses, with Telegram's envelope and error format."""

    def __init__(self, token: str = "123456:TEST-token"):
        self.token = token
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.webhook_url = ""
        self._message_ids = itertools.count(1000)
        self._update_ids = _UPDATE_IDS
        self.files: dict[str, bytes] = {}   # file_id -> the file (getFile, /file/bot<token>/...)
        self.failures: dict[str, list[dict[str, Any]]] = {}  # method -> error envelopes to return
        # A fault plan for one method: called with the 1-based count of its calls, returns None
        # (answer normally), an error envelope, or "drop": the message is delivered to the chat
        # but the connection is closed before the answer (the sender cannot know it arrived).
        self.fault_method = "sendMessage"
        self.fault_plan: Callable[[int], dict[str, Any] | str | None] | None = None
        self.delivered: list[dict[str, Any]] = []    # messages the chats really received
        self._fault_calls = 0

    # -- what tests read ----------------------------------------------------------------
    def sent(self, method: str) -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]

    # -- what tests feed ------------------------------------------------------------------
    def text_update(self, chat_id: int, text: str, **message: Any) -> dict[str, Any]:
        update_id = next(self._update_ids)
        body = {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Công dân"},
                "from": {"id": chat_id, "is_bot": False, "first_name": "Công dân",
                         "language_code": "vi"}}
        if text is not None:
            body["text"] = text
            if text.startswith("/"):
                body["entities"] = [{"type": "bot_command", "offset": 0,
                                     "length": len(text.split(" ")[0])}]
        body.update(message)
        return {"update_id": update_id, "message": body}

    def button_update(self, chat_id: int, data: str, message_id: int = 999) -> dict[str, Any]:
        return {"update_id": next(self._update_ids),
                "callback_query": {
                    "id": f"cb{uuid.uuid4().hex[:10]}", "chat_instance": "42",
                    "from": {"id": chat_id, "is_bot": False, "first_name": "Công dân"},
                    "data": data,
                    "message": {"message_id": message_id, "date": int(time.time()),
                                "chat": {"id": chat_id, "type": "private", "first_name": "Công dân"},
                                "from": {"id": 1, "is_bot": True, "first_name": "dvcbot",
                                         "username": "dvc_test_bot"},
                                "text": "Bạn có muốn tôi chuyển cho người hỗ trợ không?"}}}

    # -- the server -----------------------------------------------------------------------
    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("POST", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._file)
        return app

    def photo_update(self, chat_id: int, data: bytes, caption: str | None = None,
                     as_document: str | None = None) -> dict[str, Any]:
        """A photo (three sizes, as Telegram sends) or, with `as_document` (a MIME type), a file."""
        file_id = f"file-{uuid.uuid4().hex[:12]}"
        self.files[file_id] = data
        extra: dict[str, Any] = {}
        if as_document:
            extra["document"] = {"file_id": file_id, "file_unique_id": file_id + "u",
                                 "mime_type": as_document, "file_size": len(data),
                                 "file_name": "giay-hen"}
        else:
            extra["photo"] = [
                {"file_id": f"thumb-{file_id}", "file_unique_id": "t", "width": 90,
                 "height": 120, "file_size": 1000},
                {"file_id": file_id, "file_unique_id": "l", "width": 1200, "height": 1600,
                 "file_size": len(data)},
                {"file_id": f"mid-{file_id}", "file_unique_id": "m", "width": 600,
                 "height": 800, "file_size": 9000}]
        if caption is not None:
            extra["caption"] = caption
        return self.text_update(chat_id, None, **extra)

    async def _file(self, request: web.Request) -> web.Response:
        name = request.match_info["path"].rsplit("/", 1)[-1]
        if request.match_info["token"] != self.token or name not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[name], content_type="application/octet-stream")

    async def _m_getFile(self, params):
        file_id = params["file_id"]
        if file_id not in self.files:
            raise AssertionError(f"getFile of a file never sent: {file_id}")
        return {"file_id": file_id, "file_unique_id": file_id + "u",
                "file_size": len(self.files[file_id]), "file_path": f"photos/{file_id}"}

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401,
                                      "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params: dict[str, Any] = {}
        if request.content_type == "application/json":
            params = await request.json()
        elif request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                params[key] = json.loads(value) if key in JSON_PARAMETERS else value
        self.calls.append(Call(method, params))
        queued = self.failures.get(method)
        if queued:
            error = queued.pop(0)
            return web.json_response(error, status=error.get("error_code", 400))
        if self.fault_plan is not None and method == self.fault_method:
            self._fault_calls += 1
            fault = self.fault_plan(self._fault_calls)
            if isinstance(fault, dict):
                return web.json_response(fault, status=fault.get("error_code", 400))
            if fault == "drop":
                self.delivered.append(params)
                request.transport.close()       # no HTTP answer: the client sees a reset
                return web.Response(status=200)  # never reaches the client
        if method == "sendMessage":
            self.delivered.append(params)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404,
                                      "description": "Not Found: method not found"}, status=404)
        result = await handler(params)
        return web.json_response({"ok": True, "result": result})

    def _bot_user(self) -> dict[str, Any]:
        return {"id": int(self.token.split(":")[0]), "is_bot": True, "first_name": "dvcbot",
                "username": "dvc_test_bot"}

    async def _m_getMe(self, params):
        return self._bot_user()

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        result = {"message_id": next(self._message_ids), "date": int(time.time()),
                  "chat": {"id": int(params["chat_id"]), "type": "private",
                           "first_name": "Công dân"},
                  "from": self._bot_user(), "text": params.get("text", "")}
        if isinstance(params.get("reply_markup"), dict) and "inline_keyboard" in params["reply_markup"]:
            result["reply_markup"] = params["reply_markup"]
        return result

    async def _m_sendMessage(self, params):
        text = params.get("text", "")
        if len(text.encode("utf-16-le")) // 2 > 4096:
            raise AssertionError("message longer than Telegram accepts")
        return self._message(params)

    async def _m_sendPhoto(self, params):
        return self._message(params)

    async def _m_sendChatAction(self, params):
        return True

    async def _m_answerCallbackQuery(self, params):
        return True

    async def _m_editMessageReplyMarkup(self, params):
        return self._message(dict(params, text="…"))

    async def _m_setWebhook(self, params):
        self.webhook_url = params.get("url", "")
        return True

    async def _m_deleteWebhook(self, params):
        self.webhook_url = ""
        return True

    async def _m_setMyCommands(self, params):
        return True

    async def _m_getWebhookInfo(self, params):
        return {"url": self.webhook_url, "has_custom_certificate": False,
                "pending_update_count": len(self.updates)}

    async def _m_getUpdates(self, params):
        offset = int(params.get("offset") or 0)
        if offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
        while not self.updates and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        return list(self.updates)


def flood_error(retry_after: int) -> dict[str, Any]:
    """Telegram's answer to too many requests (HTTP 429)."""
    return {"ok": False, "error_code": 429,
            "description": f"Too Many Requests: retry after {retry_after}",
            "parameters": {"retry_after": retry_after}}


# --------------------------------------------------------------------------- Zalo


def zalo_signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """X-ZEvent-Signature as Zalo computes it: "mac=" + sha256(app_id + body + timestamp + key)."""
    digest = hashlib.sha256(app_id.encode() + raw_body + timestamp.encode()
                            + oa_secret_key.encode()).hexdigest()
    return f"mac={digest}"


class FakeZaloApi:
    """Zalo's OA OpenAPI, ZBS template API and OAuth, in their wire format and error codes, as a
    local aiohttp server (`app()`) or an httpx transport handler (`handler`, for
    `httpx.MockTransport`: no port). Both share the state below.

    Copied from (read 2026-12-01):
      - consultation POST /v3.0/oa/message/cs and OAuth POST /v4/oa/access_token: the official
        SDK github.com/zaloplatform/zalo-java-sdk (SendTextCSMessage.java,
        GetAccessTokenByRefreshToken.java);
      - ZBS template by user id POST https://business.openapi.zalo.me/message/template
        {"user_id", "template_id", "template_data", "tracking_id"} -> data {"msg_id",
        "sent_time", "quota"}, the 48 h / 7 days window and the error codes (-216, -220 token;
        -230, -232 window; -201 invalid parameter): github.com/hoangnd25/monorepo
        wip/zalo-platform-integration.md ("Last Updated: 2026-01-10"; third-party notes, as
        developers.zalo.me was not reachable);
      - quota POST /v3.0/oa/quota/message: the path from @warriorteam/redai-zalo-sdk 1.32.17
        (dist/services/oa.service.js); its `last_interaction` field (unix milliseconds) follows
        the ecosystem review 2026-12 (1.2 b), no public page showing that answer was found.
    The window: a consultation message to a user whose last interaction (`last_interaction`,
    unix seconds) is older than 7 days gets -230; templates go through at any time.
    """

    def __init__(self, app_id: str, app_secret: str, access_token: str, refresh_token: str):
        self.app_id = app_id
        self.app_secret = app_secret
        self.valid_access = {access_token}
        self.refresh_token = refresh_token
        self.sent: list[dict[str, Any]] = []          # accepted consultation bodies
        self.attempts: list[dict[str, Any]] = []      # every POST /message/cs (body + token)
        self.templates_sent: list[dict[str, Any]] = []   # accepted template bodies
        self.template_attempts: list[dict[str, Any]] = []  # every POST /message/template
        self.refreshes: list[dict[str, str]] = []     # every POST /v4/oa/access_token form
        self.errors: list[int] = []                   # Zalo error codes to answer next, in order
        self.approved_templates: set[str] = set()
        self.last_interaction: dict[str, float] = {}  # user id -> unix seconds
        self.refresh_delay = 0.0
        self._counter = itertools.count(1)
        self.files: dict[str, bytes] = {}             # name -> bytes served at /files/<name>

    def expire_all_access_tokens(self) -> None:
        self.valid_access.clear()

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3.0/oa/message/cs", self._aio)
        app.router.add_post("/v3.0/oa/quota/message", self._aio)
        app.router.add_post("/message/template", self._aio)
        app.router.add_post("/v4/oa/access_token", self._token)
        app.router.add_get("/files/{name}", self._file)
        return app

    async def _aio(self, request: web.Request) -> web.Response:
        return web.json_response(self.answer(request.path, request.headers.get("access_token", ""),
                                             await request.json()))

    async def _file(self, request: web.Request) -> web.Response:
        data = self.files.get(request.match_info["name"])
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, content_type="image/jpeg")

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        if self.refresh_delay:
            await asyncio.sleep(self.refresh_delay)
        return web.json_response(self.oauth(request.headers.get("secret_key"), form))

    def handler(self, request: httpx.Request) -> httpx.Response:
        """httpx.MockTransport(fake.handler): the same API without a server."""
        if request.url.path == "/v4/oa/access_token":
            form = dict(parse_qsl(request.content.decode()))
            return httpx.Response(200, json=self.oauth(request.headers.get("secret_key"), form))
        body = json.loads(request.content or b"{}")
        return httpx.Response(200, json=self.answer(request.url.path,
                                                    request.headers.get("access_token", ""), body))

    def answer(self, path: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
        if path == "/v3.0/oa/message/cs":
            self.attempts.append({"token": token, "body": body, "path": path})
        elif path == "/message/template":
            self.template_attempts.append({"token": token, "body": body})
        if token not in self.valid_access:
            return {"error": -216, "message": "Access token is invalid"}
        if path == "/v3.0/oa/quota/message":
            last = self.last_interaction.get(str(body.get("user_id")))
            data: dict[str, Any] = {"quota_type": "reply"}
            if last is not None:
                data["last_interaction"] = int(last * 1000)
            return {"error": 0, "message": "Success", "data": data}
        if self.errors:
            code = self.errors.pop(0)
            return {"error": code, "message": f"error {code}"}
        if path == "/message/template":
            if body.get("template_id") not in self.approved_templates:
                return {"error": -201, "message": "template_id is invalid"}
            self.templates_sent.append(body)
            return {"error": 0, "message": "Success", "data": {
                "msg_id": f"zbs{next(self._counter)}", "sent_time": str(int(time.time() * 1000)),
                "quota": {"dailyQuota": "500", "remainingQuota": "499"}}}
        recipient = body.get("recipient") or {}
        last = self.last_interaction.get(str(recipient.get("user_id")))
        if last is not None and time.time() - last > 7 * 24 * 3600:
            return {"error": -230, "message": "User has not interacted with OA in past 7 days"}
        text = (body.get("message") or {}).get("text") or ""
        if len(text) > 2000:
            return {"error": -201, "message": "text is too long"}
        self.sent.append(body)
        return {"error": 0, "message": "Success", "data": {
            "message_id": f"oa{next(self._counter)}",
            "user_id": recipient.get("user_id", "u-from-message"),
            "quota": {"quota_type": "reply"}}}

    def oauth(self, secret_key: str | None, form: dict[str, str]) -> dict[str, Any]:
        self.refreshes.append(form)
        if secret_key != self.app_secret or form.get("app_id") != self.app_id:
            return {"error": -14002, "error_name": "Invalid app",
                    "error_description": "secret_key is invalid"}
        if form.get("grant_type") != "refresh_token" or form.get("refresh_token") != self.refresh_token:
            return {"error": -14014, "error_name": "Invalid refresh token",
                    "error_description": "Refresh token is invalid"}
        n = next(self._counter)
        access, refresh = f"access-{n}", f"refresh-{n}"
        self.valid_access = {access}
        self.refresh_token = refresh  # the old refresh token is now spent
        return {"access_token": access, "refresh_token": refresh, "expires_in": "90000"}


class ServedInThread:
    """aiohttp apps (the fakes above) served on loopback ports by a thread of their own, for a
    test whose assistant runs in another process (`dvcbot run`): `start()` returns their URLs;
    the fakes' state (calls, messages sent) is read from the test's thread."""

    def __init__(self, *apps: web.Application):
        import threading

        self.apps = apps
        self.urls: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runners: list[web.AppRunner] = []

    async def _start(self) -> list[str]:
        urls = []
        for app in self.apps:
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            sock = bound_socket()
            await web.SockSite(runner, sock).start()
            self._runners.append(runner)
            urls.append(f"http://127.0.0.1:{sock.getsockname()[1]}")
        return urls

    async def _stop(self) -> None:
        for runner in self._runners:
            await runner.cleanup()

    def start(self) -> list[str]:
        self._thread.start()
        self.urls = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(30)
        return self.urls

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
