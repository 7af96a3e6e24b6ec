"""Fake Telegram Bot API and Zalo OA API on 127.0.0.1, in their real wire format, for tests.

    python tests/handoff/fake_servers.py --port 0 --telegram-token 123:ABC --zalo-token Z

Prints "READY <port>" when listening. Telegram: POST /bot<token>/<method> with a JSON,
form-urlencoded or multipart body (python-telegram-bot sends form fields whose complex
values are JSON strings), answering {"ok": true, "result": ...} or {"ok": false,
"error_code", "description"}. Zalo: POST /v3.0/oa/message/cs with header access_token,
answering {"error": 0, "message": "Success", "data": {...}} or a Zalo error code.

Telegram's sendVoice/sendAudio/sendDocument take a file id or an uploaded file (multipart); an
upload is recorded as {"filename", "content_type", "size"}. GET /_media/<name>-<bytes>.<ext>
serves that many bytes of fake audio, as a Zalo attachment address does.

Control: GET /_calls (every call so far), POST /_reset, POST /_config {"blocked": [chat ids]}
(Telegram answers 403 "bot was blocked by the user" for those chats).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import time

from aiohttp import web

JSON_FIELDS = {"reply_markup", "reply_parameters", "entities", "link_preview_options"}
MEDIA_METHODS = {"sendVoice": "voice", "sendAudio": "audio", "sendDocument": "document"}
AUDIO_TYPES = {"m4a": "audio/mp4", "ogg": "audio/ogg", "amr": "audio/amr", "mp3": "audio/mpeg"}


class State:
    def __init__(self, telegram_token: str, zalo_token: str):
        self.telegram_token = telegram_token
        self.zalo_token = zalo_token
        self.calls: list[dict] = []
        self.blocked: set[int] = set()
        self.message_ids = itertools.count(1000)
        self.zalo_ids = itertools.count(1)


def chat_of(chat_id) -> dict:
    chat_id = int(chat_id)
    if chat_id < 0:
        return {"id": chat_id, "type": "supergroup", "title": f"group {chat_id}"}
    return {"id": chat_id, "type": "private", "first_name": "User"}


async def params_of(request: web.Request) -> dict:
    if request.content_type == "application/json":
        return await request.json()
    form = await request.post()
    out = {}
    for key, value in form.items():
        if isinstance(value, web.FileField):
            out[key] = {"filename": value.filename, "content_type": value.content_type,
                        "size": len(value.file.read())}
            continue
        value = str(value)
        if key in JSON_FIELDS:
            try:
                value = json.loads(value)
            except ValueError:
                pass
        out[key] = value
    return out


def error(code: int, description: str) -> web.Response:
    return web.json_response({"ok": False, "error_code": code, "description": description},
                             status=code)


async def telegram(request: web.Request) -> web.Response:
    state: State = request.app["state"]
    token, method = request.match_info["token"], request.match_info["method"]
    params = await params_of(request)
    state.calls.append({"api": "telegram", "method": method, "params": params, "at": time.time()})
    if token != state.telegram_token:
        return error(401, "Unauthorized")
    if method == "getMe":
        return web.json_response({"ok": True, "result": {"id": 999, "is_bot": True,
                                                         "first_name": "dvcbot",
                                                         "username": "dvcbot_test_bot"}})
    if method == "answerCallbackQuery":
        if not params.get("callback_query_id"):
            return error(400, "Bad Request: query is too old")
        return web.json_response({"ok": True, "result": True})
    if method in MEDIA_METHODS:
        field = MEDIA_METHODS[method]
        if "chat_id" not in params or not params.get(field):
            return error(400, f"Bad Request: there is no {field} in the request")
        if int(params["chat_id"]) in state.blocked:
            return error(403, "Forbidden: bot was blocked by the user")
        message_id = next(state.message_ids)
        state.calls[-1]["message_id"] = message_id
        result = {"message_id": message_id, "date": int(time.time()),
                  "chat": chat_of(params["chat_id"]),
                  "from": {"id": 999, "is_bot": True, "first_name": "dvcbot"}}
        if params.get("caption"):
            result["caption"] = params["caption"]
        return web.json_response({"ok": True, "result": result})
    if method in {"sendMessage", "editMessageText", "editMessageReplyMarkup"}:
        if "chat_id" not in params:
            return error(400, "Bad Request: chat_id is empty")
        chat_id = int(params["chat_id"])
        if chat_id in state.blocked:
            return error(403, "Forbidden: bot was blocked by the user")
        if method == "sendMessage":
            if not str(params.get("text") or "").strip():
                return error(400, "Bad Request: message text is empty")
            if len(str(params["text"])) > 4096:
                return error(400, "Bad Request: message is too long")
            message_id = next(state.message_ids)
        else:
            message_id = int(params["message_id"])
        state.calls[-1]["message_id"] = message_id
        result = {"message_id": message_id, "date": int(time.time()), "chat": chat_of(chat_id),
                  "from": {"id": 999, "is_bot": True, "first_name": "dvcbot"}}
        if params.get("text"):
            result["text"] = params["text"]
        if isinstance(params.get("reply_markup"), dict):
            markup = params["reply_markup"]
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    if len(str(button.get("callback_data", "")).encode()) > 64:
                        return error(400, "Bad Request: BUTTON_DATA_INVALID")
            result["reply_markup"] = markup
        return web.json_response({"ok": True, "result": result})
    return error(404, "Not Found")


async def zalo(request: web.Request) -> web.Response:
    state: State = request.app["state"]
    try:
        body = await request.json()
    except ValueError:
        body = None
    state.calls.append({"api": "zalo", "method": "message/cs", "params": body,
                        "access_token": request.headers.get("access_token"), "at": time.time()})
    if request.headers.get("access_token") != state.zalo_token:
        return web.json_response({"error": -216, "message": "Access token is invalid"})
    if not isinstance(body, dict) or not (body.get("recipient") or {}).get("user_id"):
        return web.json_response({"error": -201, "message": "Parameters are invalid"})
    text = ((body.get("message") or {}).get("text") or "")
    if not text or len(text) > 2000:
        return web.json_response({"error": -201, "message": "Text length is invalid"})
    return web.json_response({"error": 0, "message": "Success",
                              "data": {"message_id": f"zm{next(state.zalo_ids)}",
                                       "user_id": body["recipient"]["user_id"]}})


async def media(request: web.Request) -> web.Response:
    stem, _, extension = request.match_info["name"].rpartition(".")
    size = int(stem.rsplit("-", 1)[-1])
    return web.Response(body=b"\x00" * size,
                        content_type=AUDIO_TYPES.get(extension, "application/octet-stream"))


async def calls(request: web.Request) -> web.Response:
    return web.json_response(request.app["state"].calls)


async def reset(request: web.Request) -> web.Response:
    state: State = request.app["state"]
    state.calls.clear()
    state.blocked.clear()
    return web.json_response({"ok": True})


async def config(request: web.Request) -> web.Response:
    state: State = request.app["state"]
    body = await request.json()
    state.blocked = {int(x) for x in body.get("blocked", [])}
    return web.json_response({"ok": True})


async def serve(port: int, state: State) -> None:
    app = web.Application()
    app["state"] = state
    app.router.add_post("/bot{token}/{method}", telegram)
    app.router.add_post("/v3.0/oa/message/cs", zalo)
    app.router.add_get("/_media/{name}", media)
    app.router.add_get("/_calls", calls)
    app.router.add_post("/_reset", reset)
    app.router.add_post("/_config", config)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    actual = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    print(f"READY {actual}", flush=True)
    await asyncio.Event().wait()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--telegram-token", required=True)
    parser.add_argument("--zalo-token", required=True)
    args = parser.parse_args()
    try:
        asyncio.run(serve(args.port, State(args.telegram_token, args.zalo_token)))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
