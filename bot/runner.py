"""`dvcbot run`: start everything the assistant needs on this machine and chat in the terminal.

Processes started (each in its own process group, logs in var/logs/):
  - the province-portal simulator, unless DVCBOT_PORTAL_URL points to a real portal;
  - the action server (rasa-sdk through bot.action_server: loopback only, Rasa's token);
  - the Rasa server (through bot.rasa_main: REST channel for the REST token's holders, HTTP
    API with its own token) with the channels whose credentials are present;
  - the dossier poller, which notifies subscribed citizens of status changes.

With a terminal on standard input it opens a chat; otherwise it serves until stopped.
Ctrl-C or SIGTERM stops every process it started.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import httpx
import yaml

from bot.paths import REPO_ROOT, latest_model, state_dir
from bot.tokens import (ACTIONS_TOKEN, RASA_API_TOKEN, REST_TOKEN, bearer_header, ensure_token,
                        token_file)

PLACEHOLDER = re.compile(r"\$\{([A-Z0-9_]+)\}")

# Secrets only the Rasa server's channels (and the Telegram poller) need: the other processes
# do not get them (L14). The simulator gets no secret at all.
CHANNEL_SECRETS = ("TELEGRAM_WEBHOOK_SECRET", "ZALO_OA_SECRET_KEY", "ZALO_APP_SECRET",
                   "ZALO_REFRESH_TOKEN", "DVCBOT_REST_TOKEN", "DVCBOT_WEBCHAT_SECRET")
ALL_SECRETS = CHANNEL_SECRETS + ("TELEGRAM_BOT_TOKEN", "ZALO_ACCESS_TOKEN", "DVCBOT_ACTIONS_TOKEN",
                                 "DVCBOT_RASA_API_TOKEN")


def without(env: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k not in names}


def stop_process_group(process: subprocess.Popen, grace: float) -> None:
    """SIGTERM the process group a process leads (started with start_new_session=True), then
    SIGKILL it if it has not ended within `grace` seconds."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_serving(health_url: str | None, alive: Callable[[], bool], timeout: float,
                       poll: float = 0.5) -> str | None:
    """Poll `health_url` until it answers: None when serving (or there is no URL to poll),
    "exited" when alive() turns false first, "timeout" after `timeout` seconds."""
    if health_url is None:
        return None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            return "exited"
        try:
            # any answer short of a server error means the process is serving
            if httpx.get(health_url, timeout=2.0).status_code < 500:
                return None
        except httpx.HTTPError:
            pass
        time.sleep(poll)
    return "timeout"


@dataclass
class Service:
    name: str
    command: list[str]
    health_url: str | None
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            self.command, cwd=REPO_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, grace: float = 10.0) -> None:
        if self.process is not None:
            stop_process_group(self.process, grace)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def active_credentials(template: Path, env: dict[str, str]) -> tuple[dict, list[str], list[str]]:
    """Channels from credentials.yml whose ${VARIABLES} are all set, with values filled in.

    Returns (credentials, enabled channel names, disabled channel names with the missing variable).
    """
    raw = yaml.safe_load(template.read_text(encoding="utf-8")) or {}
    enabled, disabled, result = [], [], {}
    for channel, section in raw.items():
        text = yaml.safe_dump(section, allow_unicode=True) if section is not None else ""
        missing = [name for name in PLACEHOLDER.findall(text) if not env.get(name)]
        if missing:
            disabled.append(f"{channel} (set {', '.join(sorted(set(missing)))})")
            continue
        filled = PLACEHOLDER.sub(lambda m: env[m.group(1)], text) if section is not None else ""
        result[channel] = yaml.safe_load(filled) if filled.strip() else None
        enabled.append(channel)
    return result, enabled, disabled


def active_endpoints(template: Path, actions_port: int, state: Path) -> dict:
    endpoints = yaml.safe_load(template.read_text(encoding="utf-8")) or {}
    # Rasa fills ${DVCBOT_ACTIONS_TOKEN} in from its environment: the token is in no file
    endpoints["action_endpoint"] = {"url": f"http://127.0.0.1:{actions_port}/webhook",
                                    "headers": {"Authorization": f"Bearer ${{{ACTIONS_TOKEN.env}}}"}}
    tracker = endpoints.get("tracker_store") or {}
    if tracker.get("dialect") == "sqlite":
        tracker["db"] = str(state / "rasa_tracker.sqlite3")
    return endpoints


@dataclass
class Stack:
    rasa_port: int = 5005
    actions_port: int = 5055
    simulator_port: int = 8765
    interface: str = "127.0.0.1"
    model: Path | None = None
    state: Path = field(default_factory=state_dir)
    services: list[Service] = field(default_factory=list)
    portal_url: str | None = None

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def plan(self) -> list[str]:
        """Build the services; returns human-readable notes about what is on."""
        env = dict(os.environ)
        env.setdefault("DVCBOT_DATABASE_URL", f"sqlite:///{self.state / 'dvcbot.sqlite3'}")
        env["DVCBOT_RASA_URL"] = self.rasa_url
        env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        # no analytics calls from Rasa (and no waiting on a network that may not reach them)
        env.setdefault("RASA_TELEMETRY_ENABLED", "false")
        logs = self.state / "logs"
        notes = []
        python = sys.executable
        # Tokens for the REST channel, Rasa's HTTP API and the action server: the environment's,
        # else new for this run in var/ (mode 600); children get them through the environment.
        for setting in (REST_TOKEN, RASA_API_TOKEN, ACTIONS_TOKEN):
            env[setting.env], generated = ensure_token(setting, env, self.state)
            if not generated:
                token_file(setting, self.state).unlink(missing_ok=True)  # not an older run's
            elif setting is not ACTIONS_TOKEN:
                notes.append(f"{setting.what}: new for this run in {token_file(setting, self.state)}"
                             f" (set {setting.env} to choose it)")

        if not env.get("DVCBOT_PORTAL_URL") and importlib.util.find_spec("actions.portal.simulator"):
            env["DVCBOT_PORTAL_URL"] = f"http://127.0.0.1:{self.simulator_port}"
            self.services.append(Service(
                "portal-simulator",
                [python, "-m", "actions.portal.simulator", "--host", "127.0.0.1",
                 "--port", str(self.simulator_port)],
                f"http://127.0.0.1:{self.simulator_port}/", without(env, ALL_SECRETS),
                logs / "portal-simulator.log"))
            notes.append(f"portal: simulator on {env['DVCBOT_PORTAL_URL']} (loopback only; "
                         "set DVCBOT_PORTAL_URL for a real portal)")
        elif env.get("DVCBOT_PORTAL_URL"):
            notes.append("portal: " + env["DVCBOT_PORTAL_URL"])

        self.services.append(Service(
            "action-server",
            [python, "-m", "bot.action_server", "--actions", "actions", "--port", str(self.actions_port)],
            f"http://127.0.0.1:{self.actions_port}/health",
            dict(without(env, CHANNEL_SECRETS), SANIC_HOST="127.0.0.1"), logs / "action-server.log"))
        notes.append(f"action server: 127.0.0.1:{self.actions_port} only (loopback), "
                     "for Rasa only (token)")

        credentials, enabled, disabled = active_credentials(REPO_ROOT / "credentials.yml", env)
        credentials_path = self.state / "credentials.active.yml"
        credentials_path.write_text(yaml.safe_dump(credentials, allow_unicode=True), encoding="utf-8")
        endpoints_path = self.state / "endpoints.active.yml"
        endpoints_path.write_text(yaml.safe_dump(
            active_endpoints(REPO_ROOT / "endpoints.yml", self.actions_port, self.state)), encoding="utf-8")
        notes.append("channels on: " + ", ".join(enabled))
        if disabled:
            notes.append("channels off: " + "; ".join(disabled))

        model = self.model or latest_model()
        if model is None:
            raise SystemExit("no trained model in models/: run `make train` (or `dvcbot train`) first")
        # bot.rasa_main is `rasa` with the API token (DVCBOT_RASA_API_TOKEN) added inside the
        # process: Rasa's HTTP API always needs it, and it is never on a command line
        command = [python, "-m", "bot.rasa_main", "run", "--model", str(model),
                   "--enable-api", "--interface", self.interface, "--port", str(self.rasa_port),
                   "--credentials", str(credentials_path), "--endpoints", str(endpoints_path)]
        # Sanic's default request limit is 100 MB; a webhook or API call is a few KB (M8)
        self.services.append(Service("rasa-server", command, f"{self.rasa_url}/",
                                     dict(env, SANIC_REQUEST_MAX_SIZE=env.get(
                                         "SANIC_REQUEST_MAX_SIZE", "65536")),
                                     logs / "rasa-server.log"))

        self.services.append(Service("dossier-poller", [python, "-m", "actions.portal.poller"],
                                     None, without(env, CHANNEL_SECRETS), logs / "dossier-poller.log"))
        if env.get("TELEGRAM_BOT_TOKEN"):
            self.services.append(Service("handoff-watcher", [python, "-m", "bot.handoff.watcher"],
                                         None, without(env, CHANNEL_SECRETS),
                                         logs / "handoff-watcher.log"))
            notes.append("volunteer hand-off: tickets re-announced and escalated by the watcher")
        telegram_on = any(name.endswith("TelegramInput") for name in enabled)
        if env.get("DVCBOT_TELEGRAM_POLLING") == "1" and telegram_on:
            self.services.append(Service(
                "telegram-polling", [python, "-m", "bot.channels.telegram_polling", "--polling"],
                None, env, logs / "telegram-polling.log"))
            notes.append("telegram: long polling (no public HTTPS needed)")
        self.portal_url = env.get("DVCBOT_PORTAL_URL")
        notes.append(f"logs: {logs}")
        return notes

    def start(self, timeout: float = 300.0) -> None:
        for service in self.services:
            service.start()
            self._wait_healthy(service, timeout)

    def _wait_healthy(self, service: Service, timeout: float) -> None:
        problem = wait_until_serving(service.health_url, service.alive, timeout)
        if problem == "exited":
            raise RuntimeError(f"{service.name} exited during start-up; last log lines:\n"
                               f"{service.log_tail()}")
        if problem == "timeout":
            raise RuntimeError(f"{service.name} not ready after {timeout:.0f} s; see {service.log_path}")

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()

    def dead_services(self) -> list[Service]:
        return [s for s in self.services if s.process is not None and not s.alive()]


def send(rasa_url: str, sender: str, text: str, timeout: float = 60.0) -> list[dict]:
    response = httpx.post(f"{rasa_url}/webhooks/rest/webhook", headers=bearer_header(REST_TOKEN),
                          json={"sender": sender, "message": text}, timeout=timeout)
    response.raise_for_status()
    return response.json()


def terminal_chat(rasa_url: str) -> None:
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    print("\nGõ câu hỏi rồi Enter (ví dụ: \"lam giay khai sinh can gi\"). Gõ số để bấm nút, /thoat để thoát.\n")
    buttons: list[dict] = []
    while True:
        try:
            text = input("Bạn: ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if text in {"/thoat", "/quit", "/exit"}:
            return
        if text.isdigit() and buttons and 1 <= int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        try:
            replies = send(rasa_url, sender, text)
        except httpx.HTTPError as error:
            print(f"(không gửi được tin nhắn: {error.__class__.__name__})")
            continue
        buttons = []
        for reply in replies:
            if reply.get("text"):
                print("dvcbot:", reply["text"].replace("\n", "\n        "))
            for button in reply.get("buttons") or []:
                buttons.append(button)
                print(f"        [{len(buttons)}] {button.get('title')}")
        if not replies:
            print("dvcbot: (không có trả lời)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    env = os.environ
    parser.add_argument("--rasa-port", type=int, default=int(env.get("DVCBOT_RASA_PORT", 5005)))
    parser.add_argument("--actions-port", type=int, default=int(env.get("DVCBOT_ACTIONS_PORT", 5055)))
    parser.add_argument("--simulator-port", type=int, default=int(env.get("DVCBOT_SIMULATOR_PORT", 8765)))
    parser.add_argument("--interface", default=env.get("DVCBOT_RASA_INTERFACE", "127.0.0.1"))
    parser.add_argument("--model", type=Path, default=None, help="model archive (default: newest in models/)")
    parser.add_argument("--no-chat", action="store_true", help="serve only, even on a terminal")
    parser.add_argument("--ready-file", type=Path, default=None,
                        help="write the URLs as JSON to this file once everything is up")
    args = parser.parse_args(argv)

    stack = Stack(args.rasa_port, args.actions_port, args.simulator_port, args.interface, args.model)
    stopping = False

    def on_signal(signum, frame):  # noqa: ARG001
        nonlocal stopping
        stopping = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        for note in stack.plan():
            print("dvcbot:", note, flush=True)
        print("dvcbot: starting (loading the model takes about half a minute)...", flush=True)
        stack.start()
        print(f"dvcbot: ready. REST: {stack.rasa_url}/webhooks/rest/webhook", flush=True)
        if args.ready_file:
            args.ready_file.write_text(json.dumps({"rasa_url": stack.rasa_url,
                                                   "actions_port": args.actions_port,
                                                   "portal_url": stack.portal_url}))
        if sys.stdin.isatty() and not args.no_chat:
            terminal_chat(stack.rasa_url)
        else:
            print("dvcbot: serving; stop with Ctrl-C or SIGTERM", flush=True)
            while not stopping:
                dead = stack.dead_services()
                if dead:
                    for service in dead:
                        print(f"dvcbot: {service.name} stopped unexpectedly:\n{service.log_tail()}",
                              file=sys.stderr)
                    return 1
                time.sleep(1.0)
    except KeyboardInterrupt:
        pass
    except RuntimeError as error:
        print(f"dvcbot: {error}", file=sys.stderr)
        return 1
    finally:
        print("dvcbot: stopping...", flush=True)
        stack.stop()
    return 0
