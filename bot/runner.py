"""`dvcbot run`: start everything the assistant needs on this machine and chat in the terminal.

Processes started (each in its own process group, logs in var/logs/):
  - the province-portal simulator, unless DVCBOT_PORTAL_URL points to a real portal;
  - the action server (rasa-sdk through bot.action_server: loopback only, Rasa's token);
  - the Rasa server (through bot.rasa_ext: REST channel for the REST token's holders, HTTP
    API with its own token) with the channels whose credentials are present;
  - the dossier poller, which notifies subscribed citizens of status changes.

With a terminal on standard input it opens a chat; otherwise it serves until stopped.
Ctrl-C (SIGINT), SIGTERM or SIGHUP (the terminal closed) stops every process it started, however
many times the signal arrives and whether it reaches only this process or its whole process
group. The children also get SIGTERM if this process is killed outright (Linux). A process left
over from an earlier run (listed in var/run.pids.json) or a busy port is reported with its pid
before anything starts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import httpx
import yaml

from bot.core.settings import settings
from bot.ops.process import STOP_SIGNALS, Process, port_in_use, quiet_env
from bot.paths import REPO_ROOT, latest_model, state_dir
from bot.tokens import (ACTIONS_TOKEN, RASA_API_TOKEN, REST_TOKEN, bearer_header, ensure_token,
                        token_file)

PLACEHOLDER = re.compile(r"\$\{([A-Z0-9_]+)\}")

# credentials.yml: channels without secrets, used as it is by plain `rasa run`;
# credentials.channels.yml: channels switched on by their ${VARIABLES} (see active_credentials)
CREDENTIALS_FILES = ("credentials.yml", "credentials.channels.yml")

PIDS_FILE = "run.pids.json"

# Secrets only the Rasa server's channels (and the Telegram poller) need: the other processes
# do not get them (L14). The simulator gets no secret at all.
CHANNEL_SECRETS = ("TELEGRAM_WEBHOOK_SECRET", "ZALO_OA_SECRET_KEY", "ZALO_APP_SECRET",
                   "ZALO_REFRESH_TOKEN", "DVCBOT_REST_TOKEN", "DVCBOT_WEBCHAT_SECRET")
ALL_SECRETS = CHANNEL_SECRETS + ("TELEGRAM_BOT_TOKEN", "ZALO_ACCESS_TOKEN", "DVCBOT_ACTIONS_TOKEN",
                                 "DVCBOT_RASA_API_TOKEN")


def without(env: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k not in names}


def port_listener(port: int) -> int | None:
    """The pid of the process listening on TCP `port` (Linux /proc; None when unknown)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    if not inodes:
        return None
    targets = {f"socket:[{inode}]" for inode in inodes}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) in targets:
                    return int(proc.name)
        except OSError:
            continue
    return None


def process_argv(pid: int) -> list[str] | None:
    """A running process's arguments, or None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [part.decode(errors="replace") for part in raw.split(b"\0")[:-1]] or None


def command_line(pid: int) -> str | None:
    argv = process_argv(pid)
    return " ".join(argv) if argv else None


def describe(pid: int | None) -> str:
    if pid is None:
        return "another program (its pid is not visible to this user)"
    return f"pid {pid} ({(command_line(pid) or '?')[:120]})"


def active_credentials(templates: Path | list[Path], env: dict[str, str]
                       ) -> tuple[dict, list[str], list[str]]:
    """The channels of the credentials files whose ${VARIABLES} are all set.

    The placeholders are kept: Rasa fills them in from its environment, so the file written for
    Rasa never holds a secret. A missing file is skipped. Returns (credentials, enabled channel
    names, disabled channel names with the missing variables).
    """
    enabled, disabled, result = [], [], {}
    for template in [templates] if isinstance(templates, Path) else templates:
        if not template.exists():
            continue
        try:
            raw = yaml.safe_load(template.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f", line {mark.line + 1}" if mark is not None else ""
            raise SystemExit(f"{template}{where}: not valid YAML ({getattr(error, 'problem', error)})")
        if not isinstance(raw, dict):
            raise SystemExit(f"{template}: expected channel sections (`module.Class:` keys)")
        for channel, section in raw.items():
            text = yaml.safe_dump(section, allow_unicode=True) if section is not None else ""
            missing = [name for name in PLACEHOLDER.findall(text) if not env.get(name)]
            if missing:
                disabled.append(f"{channel} (set {', '.join(sorted(set(missing)))})")
                continue
            result[channel] = section
            enabled.append(channel)
    return result, enabled, disabled


def project_credentials(env: dict[str, str]) -> tuple[dict, list[str], list[str]]:
    return active_credentials([REPO_ROOT / name for name in CREDENTIALS_FILES], env)


def active_endpoints(template: Path, actions_port: int, state: Path) -> dict:
    endpoints = yaml.safe_load(template.read_text(encoding="utf-8")) or {}
    # Rasa fills ${DVCBOT_ACTIONS_TOKEN} in from its environment: the token is in no file
    endpoints["action_endpoint"] = {"url": f"http://127.0.0.1:{actions_port}/webhook",
                                    "headers": {"Authorization": f"Bearer ${{{ACTIONS_TOKEN.env}}}"}}
    tracker = endpoints.get("tracker_store") or {}
    if tracker.get("dialect") == "sqlite":
        tracker["db"] = str(state / "rasa_tracker.sqlite3")
    return endpoints


def active_endpoints_text(template: Path, actions_port: int, state: Path) -> str:
    """The endpoints file the Rasa server is given, saying which file it was written from (the
    errors of bot.rasa_ext.endpoints then name that file's lines)."""
    from bot.rasa_ext.endpoints import WRITTEN_FROM

    return (WRITTEN_FROM.format(source=template) + "\n"
            + yaml.safe_dump(active_endpoints(template, actions_port, state)))


@dataclass
class Stack:
    rasa_port: int = 5005
    actions_port: int = 5055
    simulator_port: int = 8765
    interface: str = "127.0.0.1"
    model: Path | None = None
    state: Path = field(default_factory=state_dir)
    services: list[Process] = field(default_factory=list)
    portal_url: str | None = None

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def plan(self) -> list[str]:
        """Build the services; returns human-readable notes about what is on."""
        env = quiet_env(dict(os.environ))
        env.setdefault("DVCBOT_DATABASE_URL", f"sqlite:///{self.state / 'dvcbot.sqlite3'}")
        env["DVCBOT_RASA_URL"] = self.rasa_url
        env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
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

        if not settings().portal.url:
            env["DVCBOT_PORTAL_URL"] = f"http://127.0.0.1:{self.simulator_port}"
            self.services.append(Process(
                "portal-simulator",
                [python, "-m", "actions.portal.simulator", "--host", "127.0.0.1",
                 "--port", str(self.simulator_port)],
                f"http://127.0.0.1:{self.simulator_port}/", without(env, ALL_SECRETS),
                logs / "portal-simulator.log", port=self.simulator_port))
            notes.append(f"portal: simulator on {env['DVCBOT_PORTAL_URL']} (loopback only; "
                         "set DVCBOT_PORTAL_URL for a real portal)")
        else:
            notes.append("portal: " + env["DVCBOT_PORTAL_URL"])

        self.services.append(Process(
            "action-server",
            [python, "-m", "bot.action_server", "--actions", "actions", "--port", str(self.actions_port)],
            f"http://127.0.0.1:{self.actions_port}/health",
            dict(without(env, CHANNEL_SECRETS), SANIC_HOST="127.0.0.1"), logs / "action-server.log",
            port=self.actions_port))
        notes.append(f"action server: 127.0.0.1:{self.actions_port} only (loopback), "
                     "for Rasa only (token)")

        credentials, enabled, disabled = project_credentials(env)
        credentials_path = self.state / "credentials.active.yml"
        credentials_path.write_text(
            "# written by `dvcbot run` from " + " + ".join(CREDENTIALS_FILES) + "; Rasa fills in the "
            "${VARIABLES} from its environment\n" + yaml.safe_dump(credentials, allow_unicode=True),
            encoding="utf-8")
        endpoints_path = self.state / "endpoints.active.yml"
        endpoints_path.write_text(active_endpoints_text(
            REPO_ROOT / "endpoints.yml", self.actions_port, self.state), encoding="utf-8")
        notes.append("channels on: " + ", ".join(enabled))
        if disabled:
            notes.append("channels off: " + "; ".join(disabled))

        model = self.model or latest_model()
        if model is None:
            raise SystemExit("no trained model in models/: run `make train` (or `dvcbot train`) first")
        # bot.rasa_ext is `rasa` with dvcbot's Rasa extensions installed and the stores of the
        # endpoints file checked first; it also adds the API token (DVCBOT_RASA_API_TOKEN) inside
        # the process: Rasa's HTTP API always needs it, and it is never on a command line
        command = [python, "-m", "bot.rasa_ext", "run", "--model", str(model),
                   "--enable-api", "--interface", self.interface, "--port", str(self.rasa_port),
                   "--credentials", str(credentials_path), "--endpoints", str(endpoints_path)]
        # Sanic's default request limit is 100 MB; a webhook or API call is a few KB (M8)
        self.services.append(Process("rasa-server", command, f"{self.rasa_url}/",
                                     dict(env, SANIC_REQUEST_MAX_SIZE=env.get(
                                         "SANIC_REQUEST_MAX_SIZE", "65536")),
                                     logs / "rasa-server.log", port=self.rasa_port))

        self.services.append(Process("dossier-poller", [python, "-m", "actions.portal.poller"],
                                     None, without(env, CHANNEL_SECRETS), logs / "dossier-poller.log"))
        if settings().telegram.bot_token:
            self.services.append(Process("handoff-watcher", [python, "-m", "bot.handoff.watcher"],
                                         None, without(env, CHANNEL_SECRETS),
                                         logs / "handoff-watcher.log"))
            notes.append("volunteer hand-off: tickets re-announced and escalated by the watcher")
        telegram_on = any(name.endswith("TelegramInput") for name in enabled)
        if settings().telegram.polling and telegram_on:
            self.services.append(Process(
                "telegram-polling", [python, "-m", "bot.channels.telegram_polling", "--polling"],
                None, env, logs / "telegram-polling.log"))
            notes.append("telegram: long polling (no public HTTPS needed)")
        self.portal_url = env.get("DVCBOT_PORTAL_URL")
        notes.append(f"logs: {logs}")
        return notes

    def check_free(self) -> None:
        """Refuse to start over a process of an earlier run, or on a busy port, naming the pid."""
        left_over = []
        try:
            earlier = json.loads(self.pids_path.read_text())
        except (OSError, ValueError):
            earlier = []
        for entry in earlier if isinstance(earlier, list) else []:
            try:
                name, pid, command = entry["name"], int(entry["pid"]), entry["command"]
            except (KeyError, TypeError, ValueError):
                continue
            if process_argv(pid) == command:
                left_over.append(f"{name}: pid {pid}")
        if left_over:
            raise RuntimeError(
                "processes of an earlier `dvcbot run` are still running (" + "; ".join(left_over)
                + "). Stop them (`kill PID`) or stop that run, then start again.")
        for service in self.services:
            if service.port is not None and port_in_use(service.port):
                raise RuntimeError(
                    f"port {service.port} ({service.name}) is already in use by "
                    f"{describe(port_listener(service.port))}. Stop it, or choose another port "
                    "(--rasa-port, --actions-port, --simulator-port).")

    @property
    def pids_path(self) -> Path:
        return self.state / PIDS_FILE

    def _write_pids(self) -> None:
        running = [{"name": s.name, "pid": s.process.pid, "command": s.command}
                   for s in self.services if s.process is not None]
        self.pids_path.write_text(json.dumps(running, indent=1))

    def start(self, timeout: float = 300.0) -> None:
        self.check_free()
        for service in self.services:
            service.start()
            self._write_pids()
            self._wait_healthy(service, timeout)

    def _wait_healthy(self, service: Process, timeout: float) -> None:
        problem = service.wait_serving(timeout)
        if problem == "exited":
            raise RuntimeError(f"{service.name} exited during start-up; last log lines:\n"
                               f"{service.log_tail()}")
        if problem == "timeout":
            raise RuntimeError(f"{service.name} not ready after {timeout:.0f} s; see {service.log_path}")
        if service.port is not None:
            # the answer must come from the process started here, not from one left running
            owner = port_listener(service.port)
            if owner is not None and service.process is not None and _group_of(owner) != service.process.pid:
                raise RuntimeError(f"port {service.port} ({service.name}) is answered by "
                                   f"{describe(owner)}, not by the process just started")

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()
        if all(not s.alive() for s in self.services):
            self.pids_path.unlink(missing_ok=True)

    def dead_services(self) -> list[Process]:
        return [s for s in self.services if s.process is not None and not s.alive()]


def _group_of(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except OSError:
        return None


def send(rasa_url: str, sender: str, text: str, timeout: float = 60.0) -> list[dict]:
    response = httpx.post(f"{rasa_url}/webhooks/rest/webhook", headers=bearer_header(REST_TOKEN),
                          json={"sender": sender, "message": text}, timeout=timeout)
    response.raise_for_status()
    return response.json()


def terminal_chat(rasa_url: str, dead: Callable[[], list[Process]] = list) -> bool:
    """Chat until the citizen leaves (True) or a service has stopped (False, said)."""
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    print("\nGõ câu hỏi rồi Enter (ví dụ: \"lam giay khai sinh can gi\"). Gõ số để bấm nút, /thoat để thoát.\n")
    buttons: list[dict] = []
    while True:
        if report_dead(dead()):
            return False
        try:
            text = input("Bạn: ").strip()
        except (EOFError, KeyboardInterrupt, OSError):  # OSError: the terminal was closed
            say("")
            return True
        if text in {"/thoat", "/quit", "/exit"}:
            return True
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
    current = settings()
    parser.add_argument("--rasa-port", type=int, default=current.rasa.port)
    parser.add_argument("--actions-port", type=int, default=current.actions.port)
    parser.add_argument("--simulator-port", type=int, default=current.portal.simulator_port)
    parser.add_argument("--interface", default=current.rasa.interface)
    parser.add_argument("--model", type=Path, default=None, help="model archive (default: newest in models/)")
    parser.add_argument("--no-chat", action="store_true", help="serve only, even on a terminal")
    parser.add_argument("--ready-file", type=Path, default=None,
                        help="write the URLs as JSON to this file once everything is up")
    args = parser.parse_args(argv)

    stack = Stack(args.rasa_port, args.actions_port, args.simulator_port, args.interface, args.model)
    return serve(stack, args.ready_file, chat=sys.stdin.isatty() and not args.no_chat)


def say(text: str, error: bool = False) -> None:
    """Print, but never fail: after SIGHUP the terminal is gone and writing to it raises."""
    try:
        print(text, file=sys.stderr if error else sys.stdout, flush=True)
    except (OSError, ValueError):
        pass


def report_dead(dead: list[Process]) -> bool:
    for service in dead:
        say(f"dvcbot: {service.name} stopped unexpectedly:\n{service.log_tail()}", error=True)
    return bool(dead)


def serve(stack: Stack, ready_file: Path | None = None, chat: bool = False) -> int:
    """Start the stack, chat or serve until a stop signal, then stop every process started.

    The first SIGINT, SIGTERM or SIGHUP ends the chat or the serving loop; later ones (a process
    group gets SIGTERM from systemd and again from make) are only noted, so that stopping
    is never cut short."""
    state = {"stopping": False}

    def on_signal(signum, frame):  # noqa: ARG001
        if state["stopping"]:
            return
        state["stopping"] = True
        raise KeyboardInterrupt

    for signum in STOP_SIGNALS:
        signal.signal(signum, on_signal)
    code = 0
    try:
        for note in stack.plan():
            say("dvcbot: " + note)
        say("dvcbot: starting (loading the model takes about half a minute)...")
        stack.start()
        say(f"dvcbot: ready. REST: {stack.rasa_url}/webhooks/rest/webhook")
        if ready_file:
            ready_file.write_text(json.dumps({"rasa_url": stack.rasa_url,
                                              "actions_port": stack.actions_port,
                                              "portal_url": stack.portal_url}))
        if chat:
            code = 0 if terminal_chat(stack.rasa_url, stack.dead_services) else 1
        else:
            say("dvcbot: serving; stop with Ctrl-C or SIGTERM")
            while not state["stopping"]:
                if report_dead(stack.dead_services()):
                    code = 1
                    break
                time.sleep(1.0)
    except KeyboardInterrupt:
        pass
    except (RuntimeError, SystemExit) as error:
        say(f"dvcbot: {error}", error=True)
        code = 1
    finally:
        state["stopping"] = True
        while True:
            try:
                say("dvcbot: stopping...")
                stack.stop()
                break
            except KeyboardInterrupt:  # a signal that raced the switch to "stopping": go on
                continue
    return code
