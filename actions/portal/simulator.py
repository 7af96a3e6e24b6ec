"""A fake province portal for demos and tests: the dossier-search API, an OAuth2 token
endpoint, seeded demo dossiers in every status, and control endpoints to make it slow,
fail, answer garbage or change a dossier's status.

    python -m actions.portal.simulator --port 8765 [--require-auth] [--token-ttl 300]

API (the same wire format as the real portal adapter expects):

    GET  /pa/dossier-search/dvc?code=<code>   {"content": [dossier...], "numberOfElements": n, ...}
    POST /oauth/token                         client_credentials (HTTP Basic or form body)
    GET  /                                    what this is, the demo codes (health check)

Control (loopback only, for demos and tests; JSON bodies, all fields optional):

    POST /_control/slow       {"seconds": 5, "count": null, "target": "search"|"token"}
    POST /_control/fail       {"status": 500, "count": 1, "target": "search"|"token"}
    POST /_control/malformed  {"mode": "not_json"|"truncated"|"no_content"|"bad_item", "count": 1}
    POST /_control/status     {"code": "...", "status": "Đã có kết quả" or "result_ready"}
    POST /_control/token      {"ttl": 2, "revoke": true}
    POST /_control/clear      remove every fault
    POST /_control/reset      re-seed the dossiers, remove faults, zero the counters
    GET  /_control/state      faults, request counters, tokens issued
    GET  /_control/dossiers   every dossier's code and status

"count": how many requests the fault applies to (null = until cleared). Nothing is stored
on disk; the seed is the same at every start, with dates counted from today so that the
in-progress demo dossiers are never late and the overdue one always is.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import secrets
import signal
import sys
import time
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Optional

from aiohttp import web

from bot.core import tz
from bot.core.tz import VN_TZ

DEFAULT_CLIENT_ID = "dvcbot-demo"
DEFAULT_CLIENT_SECRET = "demo-secret"
SEARCH_PATH = "/pa/dossier-search/dvc"
TOKEN_PATH = "/oauth/token"

# code, status as the portal writes it, procedure (code, name), applicant, phone, method,
# appointment offset in days from today (None = none), completed offset (None = not done).
# Names and phone numbers are invented; the agency codes H99 do not exist; procedure codes
# other than the five real ones (1.001193, 1.004222, 1.004194, 1.001612, 2.001195) are SIM.xx.
SEED: tuple[tuple[str, str, str, str, str, str, str, Optional[int], Optional[int]], ...] = (
    ("000.00.99.H99-250701-0001", "Đang xử lý", "1.001193", "Đăng ký khai sinh",
     "Nguyễn Văn An", "0900000001", "Trực tuyến", 3, None),
    ("000.00.99.H99-250701-0002", "Chờ bổ sung hồ sơ", "1.004222", "Đăng ký thường trú",
     "Trần Thị Bình", "0900000002", "Trực tiếp", 5, None),
    ("000.00.99.H99-250701-0003", "Chờ thực hiện nghĩa vụ tài chính", "SIM.01",
     "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
     "Lê Văn Cường", "0900000003", "Trực tiếp", 10, None),
    ("000.00.99.H99-250701-0004", "Đã có kết quả", "SIM.02", "Xác nhận tình trạng hôn nhân",
     "Phạm Thị Dung", "0900000004", "Trực tuyến", 0, -1),
    ("000.00.99.H99-250701-0005", "Đã trả kết quả", "SIM.03", "Đăng ký kết hôn",
     "Võ Văn Em", "0900000005", "Trực tiếp", -2, -3),
    ("000.00.99.H99-250701-0006", "Quá hạn", "SIM.04", "Cấp giấy phép xây dựng nhà ở riêng lẻ",
     "Đặng Thị Giang", "0900000006", "Trực tiếp", -4, None),
    ("000.00.99.H99-250701-0007", "Từ chối", "1.001612", "Đăng ký thành lập hộ kinh doanh",
     "Bùi Văn Hùng", "0900000007", "Trực tuyến", -1, None),
    ("000.00.99.H99-250701-0008", "Đã hủy", "1.004194", "Đăng ký tạm trú",
     "Đỗ Thị Hoa", "0900000008", "Trực tuyến", 2, None),
    ("000.00.99.H99-250701-0009", "Tạm dừng xử lý", "SIM.05", "Cấp Phiếu lý lịch tư pháp",
     "Huỳnh Văn Khoa", "0900000009", "Trực tuyến", 6, None),
    ("000.00.99.H99-250701-0010", "Chờ tiếp nhận", "SIM.06", "Cấp bản sao trích lục hộ tịch",
     "Ngô Thị Lan", "0900000010", "Trực tuyến", 1, None),
    ("000.00.99.H99-250701-0011", "Đã tiếp nhận", "SIM.07", "Đăng ký khai tử",
     "Dương Văn Minh", "0900000011", "Trực tiếp", 1, None),
    ("38.99.H99-250702-0012", "Đang xử lý", "2.001195", "Cấp đổi thẻ căn cước",
     "Lý Thị Ngọc", "0900000012", "Trực tiếp", -2, None),
    ("000.00.99.H99-250702-0013", "Đang chuyển liên thông", "SIM.08",
     "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ dưới 6 tuổi",
     "Phan Văn Phúc", "0900000013", "Trực tuyến", 4, None),
)
# A short description for the README and GET /.
DEMO_NOTES = {
    "000.00.99.H99-250701-0001": "đang xử lý, còn hạn",
    "000.00.99.H99-250701-0002": "chờ bổ sung hồ sơ",
    "000.00.99.H99-250701-0003": "chờ nộp tiền (nghĩa vụ tài chính)",
    "000.00.99.H99-250701-0004": "đã có kết quả, chờ nhận",
    "000.00.99.H99-250701-0005": "đã trả kết quả",
    "000.00.99.H99-250701-0006": "quá hạn (trạng thái của cổng)",
    "000.00.99.H99-250701-0007": "từ chối",
    "000.00.99.H99-250701-0008": "đã hủy",
    "000.00.99.H99-250701-0009": "tạm dừng xử lý",
    "000.00.99.H99-250701-0010": "chờ tiếp nhận",
    "000.00.99.H99-250701-0011": "đã tiếp nhận",
    "38.99.H99-250702-0012": "đang xử lý nhưng đã qua ngày hẹn (trễ hẹn); mã cơ quan 3 phần",
    "000.00.99.H99-250702-0013": "trạng thái lạ \"Đang chuyển liên thông\" (đọc nguyên văn)",
}
MALFORMED_MODES = ("not_json", "truncated", "no_content", "bad_item")


@dataclass
class Fault:
    kind: str                    # slow | fail | malformed
    target: str = "search"       # search | token
    count: Optional[int] = None  # None = until cleared
    seconds: float = 0.0
    status: int = 500
    mode: str = "not_json"


def _iso(moment: datetime) -> str:
    """Spring/iGate style, in UTC: 2025-07-01T01:00:00.000+0000."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000+0000")


class PortalState:
    """Everything the simulator knows; in memory, deterministic after reset()."""

    def __init__(self, today: Optional[date] = None, client_id: str = DEFAULT_CLIENT_ID,
                 client_secret: str = DEFAULT_CLIENT_SECRET, token_ttl: int = 300,
                 require_auth: bool = False):
        self.today = today
        self.client_id, self.client_secret = client_id, client_secret
        self.token_ttl = token_ttl
        self.require_auth = require_auth
        self.reset()

    def reset(self) -> None:
        self.dossiers: dict[str, dict[str, Any]] = {}
        self.faults: list[Fault] = []
        self.tokens: dict[str, float] = {}
        self.counters = {"search": 0, "token": 0, "tokens_issued": 0, "unauthorized": 0}
        today = self.today or tz.today()
        for index, (code, status, proc_code, proc_name, name, phone, method,
                    appointment, completed) in enumerate(SEED, start=1):
            received = code.split("-")[-2]
            applied = datetime(2000 + int(received[:2]), int(received[2:4]), int(received[4:6]),
                               8, index, tzinfo=VN_TZ)
            self.dossiers[code.upper()] = {
                "id": f"sim-{index:04d}",
                "code": code,
                "applicant": {"data": {"fullname": name, "phoneNumber": phone}},
                "procedure": {"id": f"proc-{index:04d}", "code": proc_code,
                              "translate": [{"languageId": 228, "name": proc_name}]},
                "statusCurrentTask": status,
                "applyMethod": {"id": 0 if method == "Trực tuyến" else 1, "name": method},
                "appliedDate": _iso(applied),
                "appointmentDate": (_iso(datetime.combine(today + timedelta(days=appointment),
                                                          datetime.min.time(), VN_TZ).replace(hour=16, minute=30))
                                    if appointment is not None else None),
                "completedDate": (_iso(datetime.combine(today + timedelta(days=completed),
                                                        datetime.min.time(), VN_TZ).replace(hour=10))
                                  if completed is not None else None),
            }

    # ----------------------------------------------------------------- faults

    def take_fault(self, kind: str, target: str) -> Optional[Fault]:
        for fault in self.faults:
            if fault.kind == kind and fault.target == target:
                if fault.count is not None:
                    fault.count -= 1
                    if fault.count <= 0:
                        self.faults.remove(fault)
                return fault
        return None

    # ----------------------------------------------------------------- tokens

    def issue_token(self) -> str:
        token = secrets.token_urlsafe(24)
        self.tokens[token] = time.monotonic() + self.token_ttl
        self.counters["tokens_issued"] += 1
        return token

    def token_valid(self, token: str) -> bool:
        expiry = self.tokens.get(token)
        return expiry is not None and time.monotonic() < expiry

    def set_status(self, code: str, status: str) -> dict[str, Any]:
        from actions.portal.wording import CANONICAL_STATUSES, statuses

        dossier = self.dossiers[code.strip().upper()]
        text = statuses().label(status) if status in CANONICAL_STATUSES else status
        dossier["statusCurrentTask"] = text
        key = statuses().canonical(text)
        if key in {"result_ready", "returned"} and not dossier.get("completedDate"):
            dossier["completedDate"] = _iso(tz.now())
        return dossier


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False))


def make_app(state: Optional[PortalState] = None) -> web.Application:
    state = state or PortalState()
    app = web.Application()
    app["state"] = state

    async def apply_faults(target: str) -> Optional[web.Response]:
        slow = state.take_fault("slow", target)
        if slow is not None:
            await asyncio.sleep(slow.seconds)
        fail = state.take_fault("fail", target)
        if fail is not None:
            return _json({"error": "simulated failure", "status": fail.status}, fail.status)
        return None

    async def index(request: web.Request) -> web.Response:
        return _json({
            "name": "dvcbot portal simulator",
            "search": f"{SEARCH_PATH}?code=<mã hồ sơ>",
            "token": TOKEN_PATH,
            "require_auth": state.require_auth,
            "demo_codes": DEMO_NOTES,
        })

    async def token(request: web.Request) -> web.Response:
        state.counters["token"] += 1
        failure = await apply_faults("token")
        if failure is not None:
            return failure
        form = await request.post()
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("basic "):
            try:
                client_id, _, client_secret = base64.b64decode(header[6:]).decode().partition(":")
            except (ValueError, UnicodeDecodeError):
                return _json({"error": "invalid_client"}, 401)
        if form.get("grant_type") != "client_credentials":
            return _json({"error": "unsupported_grant_type"}, 400)
        if client_id != state.client_id or client_secret != state.client_secret:
            return _json({"error": "invalid_client"}, 401)
        return _json({"access_token": state.issue_token(), "token_type": "Bearer",
                      "expires_in": state.token_ttl, "scope": "profile"})

    async def search(request: web.Request) -> web.Response:
        state.counters["search"] += 1
        header = request.headers.get("Authorization", "")
        if header or state.require_auth:
            if not header.startswith("Bearer ") or not state.token_valid(header[7:]):
                state.counters["unauthorized"] += 1
                return _json({"error": "invalid_token"}, 401)
        failure = await apply_faults("search")
        if failure is not None:
            return failure
        malformed = state.take_fault("malformed", "search")
        if malformed is not None:
            if malformed.mode == "not_json":
                return web.Response(text="<html><body>502 Bad Gateway</body></html>",
                                    content_type="application/json")
            if malformed.mode == "truncated":
                return web.Response(text='{"content": [{"code": "000.00', content_type="application/json")
            if malformed.mode == "no_content":
                return _json({"message": "OK", "data": None})
            return _json({"content": [{"unexpected": True}], "numberOfElements": 1})
        code = (request.query.get("code") or "").strip().upper()
        found = [state.dossiers[code]] if code in state.dossiers else []
        size = int(request.query.get("size") or 10)
        return _json({"content": found, "number": int(request.query.get("page") or 0),
                      "size": size, "numberOfElements": len(found), "first": True,
                      "last": True, "empty": not found})

    async def control(request: web.Request) -> web.Response:
        action = request.match_info["action"]
        body: dict[str, Any] = {}
        if request.can_read_body:
            try:
                body = await request.json() or {}
            except json.JSONDecodeError:
                return _json({"error": "body must be JSON"}, 400)
        count = body.get("count", 1 if action in ("fail", "malformed") else None)
        target = body.get("target", "search")
        if target not in ("search", "token"):
            return _json({"error": "target must be search or token"}, 400)
        if action == "slow":
            state.faults.append(Fault("slow", target, count, seconds=float(body.get("seconds", 5))))
        elif action == "fail":
            state.faults.append(Fault("fail", target, count, status=int(body.get("status", 500))))
        elif action == "malformed":
            mode = body.get("mode", "not_json")
            if mode not in MALFORMED_MODES:
                return _json({"error": f"mode must be one of {', '.join(MALFORMED_MODES)}"}, 400)
            state.faults.append(Fault("malformed", "search", count, mode=mode))
        elif action == "status":
            try:
                dossier = state.set_status(str(body["code"]), str(body["status"]))
            except KeyError:
                return _json({"error": "unknown code, or missing code/status"}, 404)
            return _json({"code": dossier["code"], "status": dossier["statusCurrentTask"]})
        elif action == "token":
            if "ttl" in body:
                state.token_ttl = int(body["ttl"])
            if body.get("revoke"):
                state.tokens.clear()
        elif action == "clear":
            state.faults.clear()
        elif action == "reset":
            state.reset()
        else:
            return _json({"error": f"unknown control {action!r}"}, 404)
        return await control_state(request)

    async def control_state(request: web.Request) -> web.Response:
        return _json({"faults": [asdict(f) for f in state.faults], "counters": state.counters,
                      "token_ttl": state.token_ttl, "require_auth": state.require_auth})

    async def control_dossiers(request: web.Request) -> web.Response:
        return _json([{"code": d["code"], "status": d["statusCurrentTask"]}
                      for d in state.dossiers.values()])

    app.router.add_get("/", index)
    app.router.add_post(TOKEN_PATH, token)
    app.router.add_get(SEARCH_PATH, search)
    app.router.add_get("/_control/state", control_state)
    app.router.add_get("/_control/dossiers", control_dossiers)
    app.router.add_post("/_control/{action}", control)
    return app


async def serve(host: str, port: int, state: PortalState, ready: Optional[asyncio.Event] = None,
                stop: Optional[asyncio.Event] = None) -> None:
    runner = web.AppRunner(make_app(state), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = site._server.sockets[0].getsockname()[1] if site._server and site._server.sockets else port  # type: ignore[union-attr]
    print(f"dvcbot portal simulator listening on http://{host}:{bound} "
          f"(auth {'required' if state.require_auth else 'optional'})", flush=True)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    if ready is not None:
        ready.set()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.portal.simulator",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 = any free port (printed)")
    parser.add_argument("--require-auth", action="store_true",
                        help="refuse look-ups without a Bearer token (a token sent is always checked)")
    parser.add_argument("--client-id", default=DEFAULT_CLIENT_ID)
    parser.add_argument("--client-secret", default=DEFAULT_CLIENT_SECRET)
    parser.add_argument("--token-ttl", type=int, default=300, help="token lifetime, seconds")
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="YYYY-MM-DD to count the demo dates from (default: today)")
    args = parser.parse_args(argv)
    state = PortalState(args.today, args.client_id, args.client_secret, args.token_ttl,
                        args.require_auth)
    try:
        asyncio.run(serve(args.host, args.port, state))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
