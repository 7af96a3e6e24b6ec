"""Every setting of dvcbot, read from the environment in this one place.

Each setting is a field of a frozen section dataclass, declared with `var(...)`: its environment
variable, its default, the form a value must have and what it means. From those declarations:

- `Settings.from_env(environ=os.environ)` builds every section, or raises one `SettingsError`
  listing every bad value, one line each: "DVCBOT_POLL_INTERVAL: expected a number of seconds
  ≥ 1, got 'abc'" (a secret's value is never repeated: "got a value of 7 characters (hidden)");
- `settings()` is the process-wide instance, built once (again only if the process's own
  environment changes, as a test's monkeypatch does); modules take their section from it,
  e.g. `settings().portal`; tests build one from a dict with `Settings.from_env({...})`;
- `dvcbot run` calls `check()` before it starts any process; `dvcbot settings` prints every
  variable with its section, default, meaning and current value (secrets masked);
- the README's "Settings" table is `markdown_table()` (a test keeps the two equal).

Empty values count as unset. The environment given to child processes (the runner's) is
passed as it is: the children read it here again.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import sys
import threading
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Optional

__all__ = ["Settings", "SettingsError", "Var", "Kind", "settings", "check", "markdown_table",
           "ENV_NAMES", "main"]


class SettingsError(ValueError):
    """One or more settings are malformed; one line per problem, each naming the variable, the
    form expected and the value given (masked for a secret)."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------- the forms of a value

@dataclass(frozen=True)
class Kind:
    """The form of a value: `expected` says it in words, `parse` turns the text into the value
    or raises ValueError."""

    expected: str
    parse: Callable[[str], Any]


def _bound_text(minimum: Optional[float], maximum: Optional[float], above: bool) -> str:
    def show(value: float) -> str:
        return f"{value:g}"

    if minimum is not None and maximum is not None:
        return f" from {show(minimum)} to {show(maximum)}"
    if minimum is not None:
        return f" {'>' if above else '≥'} {show(minimum)}"
    return f" ≤ {show(maximum)}" if maximum is not None else ""


def _in_bounds(value: float, minimum: Optional[float], maximum: Optional[float],
               above: bool) -> bool:
    if minimum is not None and (value <= minimum if above else value < minimum):
        return False
    return maximum is None or value <= maximum


def whole(minimum: Optional[int] = 0, maximum: Optional[int] = None, unit: str = "") -> Kind:
    """A whole number within bounds ("a whole number of days ≥ 1")."""
    expected = f"a whole number{' of ' + unit if unit else ''}{_bound_text(minimum, maximum, False)}"

    def parse(raw: str) -> int:
        value = int(raw)
        if not _in_bounds(value, minimum, maximum, False):
            raise ValueError(raw)
        return value

    return Kind(expected, parse)


def number(minimum: Optional[float] = 0, maximum: Optional[float] = None, unit: str = "",
           above: bool = False) -> Kind:
    """A decimal number within bounds ("a number of seconds ≥ 1"); `above`: strictly more."""
    expected = f"a number{' of ' + unit if unit else ''}{_bound_text(minimum, maximum, above)}"

    def parse(raw: str) -> float:
        value = float(raw)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(raw)
        if not _in_bounds(value, minimum, maximum, above):
            raise ValueError(raw)
        return value

    return Kind(expected, parse)


_ON = {"1", "true", "yes", "on"}
_OFF = {"0", "false", "no", "off"}

FLAG = Kind("1/true/yes/on or 0/false/no/off", lambda raw: _flag(raw))


def _flag(raw: str) -> bool:
    value = raw.lower()
    if value in _ON:
        return True
    if value in _OFF:
        return False
    raise ValueError(raw)


def choice(options: Mapping[str, str]) -> Kind:
    """One of the words in `options` (a word -> the value it stands for)."""
    canonical = list(dict.fromkeys(options.values()))
    expected = "one of " + ", ".join(canonical)
    aliases = sorted(set(options) - set(canonical))
    if aliases:
        expected += " (also " + ", ".join(aliases) + ")"

    def parse(raw: str) -> str:
        return options[raw.lower()]

    return Kind(expected, parse)


TEXT = Kind("a text", lambda raw: raw)
URL = Kind("an http(s) URL", lambda raw: _url(raw))
PATH = Kind("a file or folder path", lambda raw: Path(raw).expanduser())


def _url(raw: str) -> str:
    if not re.match(r"^https?://[^\s/?#]+", raw):
        raise ValueError(raw)
    return raw.rstrip("/")


def _networks(raw: str) -> tuple:
    return tuple(ipaddress.ip_network(part.strip(), strict=False)
                 for part in raw.split(",") if part.strip())


NETWORKS = Kind("addresses or networks separated by commas (10.0.0.5, 10.1.0.0/16)", _networks)


# --------------------------------------------------------------------------- declarations

@dataclass(frozen=True)
class Var:
    """One environment variable: name, form, default, meaning; `secret` values are never shown;
    `shown_default` describes a default that is computed (a folder, another setting)."""

    env: str
    kind: Kind
    default: Any
    meaning: str
    secret: bool = False
    shown_default: Optional[str] = None

    def default_text(self) -> str:
        if self.shown_default is not None:
            return self.shown_default
        if self.default is None:
            return "(unset)"
        if isinstance(self.default, bool):
            return "1" if self.default else "0"
        if isinstance(self.default, float):
            return f"{self.default:g}"
        return str(self.default)


def var(env: str, kind: Kind, default: Any, meaning: str, *, secret: bool = False,
        shown_default: Optional[str] = None) -> Any:
    return field(default=default, metadata={"var": Var(env, kind, default, meaning, secret,
                                                       shown_default)})


@dataclass(frozen=True)
class PathsSettings:
    state_dir: Optional[Path] = var(
        "DVCBOT_STATE_DIR", PATH, None, "runtime state: SQLite databases, generated configs, "
        "tokens, logs (made private)", shown_default="var/")
    models_dir: Optional[Path] = var(
        "DVCBOT_MODELS_DIR", PATH, None, "where trained Rasa models are kept", shown_default="models/")


@dataclass(frozen=True)
class DatabaseSettings:
    url: Optional[str] = var(
        "DVCBOT_DATABASE_URL", TEXT, None, "SQLAlchemy URL of dvcbot's own database (tickets, "
        "outboxes, subscriptions, knowledge base); a relative SQLite path is from the repository",
        shown_default="SQLite in the state directory")
    tracker_url: Optional[str] = var(
        "DVCBOT_TRACKER_URL", TEXT, None, "SQLAlchemy URL of Rasa's tracker store, for "
        "`dvcbot report`", shown_default="from endpoints.yml")
    tracker_retry_seconds: float = var(
        "DVCBOT_TRACKER_RETRY_SECONDS", number(0, unit="seconds"), 15.0,
        "how long the tracker store retries an unreachable database before a turn fails")


@dataclass(frozen=True)
class RasaSettings:
    url: str = var("DVCBOT_RASA_URL", URL, "http://127.0.0.1:5005",
                   "the Rasa server the poller and the command-line tools talk to")
    api_token: Optional[str] = var(
        "DVCBOT_RASA_API_TOKEN", TEXT, None, "token of Rasa's HTTP API", secret=True,
        shown_default="new for each `dvcbot run`")
    port: int = var("DVCBOT_RASA_PORT", whole(1, 65535), 5005, "`dvcbot run`: the Rasa server's port")
    interface: str = var("DVCBOT_RASA_INTERFACE", TEXT, "127.0.0.1",
                         "`dvcbot run`: the address the Rasa server listens on")
    action_timeout_seconds: float = var(
        "DVCBOT_ACTION_TIMEOUT_SECONDS", number(1, unit="seconds"), 30.0,
        "the longest Rasa waits for the action server")


@dataclass(frozen=True)
class ActionsSettings:
    port: int = var("DVCBOT_ACTIONS_PORT", whole(1, 65535), 5055,
                    "`dvcbot run`: the action server's port")
    token: Optional[str] = var(
        "DVCBOT_ACTIONS_TOKEN", TEXT, None, "the bearer token Rasa sends to the action server",
        secret=True, shown_default="new for each `dvcbot run`")


@dataclass(frozen=True)
class RestSettings:
    token: Optional[str] = var(
        "DVCBOT_REST_TOKEN", TEXT, None, "bearer token of the REST channel", secret=True,
        shown_default="new for each `dvcbot run`")


@dataclass(frozen=True)
class KnowledgeSettings:
    data_dir: Optional[Path] = var(
        "DVCBOT_KNOWLEDGE_DIR", PATH, None, "the knowledge base's YAML folder",
        shown_default="knowledge/data/")
    places_file: Optional[str] = var(
        "DVCBOT_PLACES_FILE", TEXT, None, "places YAML file(s), separated by the path separator (:)",
        shown_default="every file in <knowledge dir>/places/")


@dataclass(frozen=True)
class PortalSettings:
    url: Optional[str] = var("DVCBOT_PORTAL_URL", URL, None, "the province portal's base URL",
                             shown_default="the simulator under `dvcbot run`")
    search_path: str = var("DVCBOT_PORTAL_SEARCH_PATH", TEXT, "/pa/dossier-search/dvc",
                           "path of the portal's dossier search")
    token_url: Optional[str] = var("DVCBOT_PORTAL_TOKEN_URL", URL, None,
                                   "OAuth2 token URL (client credentials), if the portal needs one")
    client_id: Optional[str] = var("DVCBOT_PORTAL_CLIENT_ID", TEXT, None, "OAuth2 client id")
    client_secret: Optional[str] = var("DVCBOT_PORTAL_CLIENT_SECRET", TEXT, None,
                                       "OAuth2 client secret", secret=True)
    scope: Optional[str] = var("DVCBOT_PORTAL_SCOPE", TEXT, None, "OAuth2 scope")
    token_auth: str = var("DVCBOT_PORTAL_TOKEN_AUTH", choice({"basic": "basic", "body": "body"}),
                          "basic", "how the client credentials are sent: HTTP basic or in the body")
    timeout: float = var("DVCBOT_PORTAL_TIMEOUT", number(0, unit="seconds", above=True), 3.0,
                         "the whole budget of one dossier look-up")
    retries: int = var("DVCBOT_PORTAL_RETRIES", whole(0), 2, "extra attempts after the first")
    breaker_failures: int = var("DVCBOT_PORTAL_BREAKER_FAILURES", whole(1), 5,
                                "failures in a row that open the circuit breaker")
    breaker_cooldown: float = var("DVCBOT_PORTAL_BREAKER_COOLDOWN", number(0, unit="seconds"), 30.0,
                                  "how long look-ups fail fast once the breaker is open")
    statuses_file: Optional[Path] = var("DVCBOT_PORTAL_STATUSES_FILE", PATH, None,
                                        "the statuses wording file",
                                        shown_default="actions/portal/statuses.yml")
    messages_file: Optional[Path] = var("DVCBOT_PORTAL_MESSAGES_FILE", PATH, None,
                                        "the dossier messages wording file",
                                        shown_default="actions/portal/messages.yml")
    simulator_port: int = var("DVCBOT_SIMULATOR_PORT", whole(1, 65535), 8765,
                              "`dvcbot run`: the portal simulator's port")


@dataclass(frozen=True)
class DossierSettings:
    require_phone_suffix: str = var(
        "DVCBOT_PORTAL_REQUIRE_PHONE_SUFFIX",
        choice({"auto": "auto", "always": "always", "off": "off", "1": "always", "true": "always",
                "yes": "always", "on": "always", "0": "off", "false": "off", "no": "off"}),
        "auto", "the last phone digits asked before a look-up: auto (checked when the portal has "
        "the phone), always (no phone on record: not shown), off (not advised)")
    show_name: bool = var("DVCBOT_DOSSIER_SHOW_NAME", FLAG, False,
                          "the answer also shows the applicant's masked name")
    follows_per_conversation: int = var("DVCBOT_FOLLOWS_PER_CONVERSATION", whole(0), 5,
                                        "dossiers one conversation may follow")
    follows_total: int = var("DVCBOT_FOLLOWS_TOTAL", whole(0), 5000, "dossiers followed in total")
    subscription_days: int = var("DVCBOT_SUBSCRIPTION_DAYS", whole(1, unit="days"), 30,
                                 "how long a dossier stays followed")
    guess_limit: int = var("DVCBOT_GUESS_LIMIT", whole(1), 5,
                           "wrong codes or phone digits allowed per window")
    guess_window_hours: float = var("DVCBOT_GUESS_WINDOW_HOURS", number(0.1, unit="hours"), 24.0,
                                    "the window the guess limit counts in")
    guess_code_places: int = var("DVCBOT_GUESS_CODE_PLACES", whole(2), 10,
                                 "conversations that may try one dossier code per window")
    guess_slow_seconds: float = var("DVCBOT_GUESS_SLOW_SECONDS", number(0, unit="seconds"), 1.0,
                                    "the pause before answering a wrong guess")


@dataclass(frozen=True)
class PollerSettings:
    interval: float = var("DVCBOT_POLL_INTERVAL", number(1, unit="seconds"), 300.0,
                          "how often followed dossiers are checked")
    jitter: float = var("DVCBOT_POLL_JITTER", number(0, 0.9), 0.2,
                        "random spread of the interval (0.2: ±20 %)")
    reminder_from_hour: int = var("DVCBOT_REMINDER_FROM_HOUR", whole(0, 23), 7,
                                  "appointment reminders are queued from this hour (Việt Nam time)")
    reminder_to_hour: int = var("DVCBOT_REMINDER_TO_HOUR", whole(1, 24), 21,
                                "... and until this hour (21: the last at 20:59)")


@dataclass(frozen=True)
class TelegramSettings:
    bot_token: Optional[str] = var("TELEGRAM_BOT_TOKEN", TEXT, None,
                                   "the Telegram bot's token (credentials.yml first, for the channel)",
                                   secret=True)
    webhook_secret: Optional[str] = var("TELEGRAM_WEBHOOK_SECRET", TEXT, None,
                                        "the webhook's secret token (32-256 characters)", secret=True)
    api_base_url: Optional[str] = var("TELEGRAM_API_BASE_URL", TEXT, None,
                                      "Bot API base URL (a local Bot API server, a test fake)",
                                      shown_default="https://api.telegram.org/bot")
    bot_username: Optional[str] = var("DVCBOT_TELEGRAM_BOT_USERNAME", TEXT, None,
                                      "the bot's @username, for the QR leaflet")
    polling: bool = var("DVCBOT_TELEGRAM_POLLING", FLAG, False,
                        "`dvcbot run` long-polls Telegram (no public HTTPS needed)")


@dataclass(frozen=True)
class ZaloSettings:
    app_id: Optional[str] = var("ZALO_APP_ID", TEXT, None, "the Zalo app id")
    oa_secret_key: Optional[str] = var("ZALO_OA_SECRET_KEY", TEXT, None,
                                       "the OA secret key that signs webhooks", secret=True)
    app_secret: Optional[str] = var("ZALO_APP_SECRET", TEXT, None,
                                    "the app secret, to refresh tokens", secret=True)
    access_token: Optional[str] = var("ZALO_ACCESS_TOKEN", TEXT, None,
                                      "the first OA access token (then kept in the database)",
                                      secret=True)
    refresh_token: Optional[str] = var("ZALO_REFRESH_TOKEN", TEXT, None,
                                       "the first refresh token (then kept in the database)",
                                       secret=True)
    api_base_url: Optional[str] = var("ZALO_API_BASE_URL", TEXT, None, "OA API base URL",
                                      shown_default="https://openapi.zalo.me")
    oauth_base_url: Optional[str] = var("ZALO_OAUTH_BASE_URL", TEXT, None, "OAuth base URL",
                                        shown_default="https://oauth.zaloapp.com")
    oa_id: Optional[str] = var("DVCBOT_ZALO_OA_ID", TEXT, None,
                               "the OA's id, for the QR leaflet and the web chat's Zalo link")
    business_api_base_url: Optional[str] = var(
        "ZALO_BUSINESS_API_BASE_URL", TEXT, None, "ZBS template-message API base URL",
        shown_default="https://business.openapi.zalo.me")
    template_status_id: Optional[str] = var(
        "ZALO_TEMPLATE_STATUS_ID", TEXT, None,
        "approved ZBS template for dossier status changes (without it, Zalo notices only within "
        "7 days of the citizen's last message)")
    template_status_params: str = var(
        "ZALO_TEMPLATE_STATUS_PARAMS", TEXT, "code=ma_ho_so,status=trang_thai,date=ngay_cap_nhat",
        "which dvcbot field (code, status, date) fills which parameter of the status template")
    template_reminder_id: Optional[str] = var(
        "ZALO_TEMPLATE_REMINDER_ID", TEXT, None, "approved ZBS template for appointment reminders")
    template_reminder_params: str = var(
        "ZALO_TEMPLATE_REMINDER_PARAMS", TEXT, "code=ma_ho_so,date=ngay_hen",
        "which dvcbot field (code, date) fills which parameter of the reminder template")


@dataclass(frozen=True)
class WebchatSettings:
    secret: Optional[str] = var("DVCBOT_WEBCHAT_SECRET", TEXT, None,
                                "signs the web chat's session ids", secret=True,
                                shown_default="new for each process")
    timeout_seconds: int = var("DVCBOT_WEBCHAT_TIMEOUT_SECONDS", whole(1, unit="seconds"), 60,
                               "the longest the web chat waits for an answer")
    history_turns: int = var("DVCBOT_WEBCHAT_HISTORY_TURNS", whole(1), 40,
                             "web chat turns kept per conversation, shown again after a reload")
    history_hours: int = var("DVCBOT_WEBCHAT_HISTORY_HOURS", whole(1, unit="hours"), 72,
                             "how long those turns are kept")
    rate_per_address_per_minute: int = var(
        "DVCBOT_RATE_LIMIT_PER_ADDRESS_PER_MINUTE", whole(0), 60,
        "web chat messages per minute from one address (0: no limit)")
    public_url: str = var("DVCBOT_PUBLIC_URL", TEXT, "http://localhost:5005",
                          "the public address of the web chat, for QR codes")


@dataclass(frozen=True)
class InboxSettings:
    lease_seconds: int = var("DVCBOT_INBOX_LEASE_SECONDS", whole(1, unit="seconds"), 30,
                             "a replica's hold on an inbox message while it answers it")
    sweep_seconds: int = var("DVCBOT_INBOX_SWEEP_SECONDS", whole(1, unit="seconds"), 5,
                             "how often a replica looks for inbox messages left unanswered")
    retention_hours: int = var("DVCBOT_INBOX_RETENTION_HOURS", whole(1, unit="hours"), 48,
                               "how long an answered message's key is kept (dedupe); older "
                               "signed Zalo events are dropped")
    late_after_seconds: int = var("DVCBOT_LATE_ANSWER_SECONDS", whole(1, unit="seconds"), 120,
                                  "answers later than this begin with an apology")


@dataclass(frozen=True)
class LimitsSettings:
    rate_per_minute: int = var("DVCBOT_RATE_LIMIT_PER_MINUTE", whole(0), 20,
                               "messages per minute from one citizen (0: no limit)")
    max_message_chars: int = var("DVCBOT_MAX_MESSAGE_CHARS", whole(1), 2000,
                                 "longest message the assistant reads")
    max_waiting_messages: int = var("DVCBOT_MAX_WAITING_MESSAGES", whole(1), 200,
                                    "messages that may wait for a place; one more is told \"busy\"")
    concurrent_messages: int = var("DVCBOT_CONCURRENT_MESSAGES", whole(0), 2,
                                   "messages Rasa works on at once per process (0: no limit)")
    turn_lease_seconds: float = var("DVCBOT_TURN_LEASE_SECONDS", number(0, unit="seconds", above=True),
                                    0.5, "after this long a message lets the next one start beside it")
    turn_timeout_seconds: int = var("DVCBOT_TURN_TIMEOUT_SECONDS", whole(1, unit="seconds"), 60,
                                    "the longest the assistant works on one message")
    trusted_proxies: tuple = var("DVCBOT_TRUSTED_PROXIES", NETWORKS, (),
                                 "reverse proxies whose X-Forwarded-For is believed",
                                 shown_default="(none)")


@dataclass(frozen=True)
class HandoffSettings:
    teams_file: Optional[Path] = var("DVCBOT_TEAMS_FILE", PATH, None,
                                     "the volunteer teams file", shown_default="<state dir>/teams.yml")
    reannounce_minutes: float = var("DVCBOT_HANDOFF_REANNOUNCE_MINUTES", number(0.01, unit="minutes"),
                                    15.0, "an unclaimed ticket is posted again this often")
    escalate_after: int = var("DVCBOT_HANDOFF_ESCALATE_AFTER", whole(0), 2,
                              "re-posts before officials are told in private")
    expire_hours: float = var("DVCBOT_HANDOFF_EXPIRE_HOURS", number(0.01, unit="hours"), 24.0,
                              "an unclaimed ticket expires after this long")
    rating_hours: float = var("DVCBOT_HANDOFF_RATING_HOURS", number(0.01, unit="hours"), 24.0,
                              "how long a citizen may rate a closed ticket")
    watch_seconds: float = var("DVCBOT_HANDOFF_WATCH_SECONDS", number(0.1, unit="seconds"), 60.0,
                               "how often the watcher looks for due tickets")
    assisted_lookups_per_day: int = var("DVCBOT_ASSISTED_LOOKUPS_PER_DAY", whole(1), 20,
                                        "dossier look-ups one volunteer may make per day")
    media_wait_minutes: int = var("DVCBOT_HANDOFF_MEDIA_WAIT_MINUTES", whole(1, unit="minutes"), 30,
                                  "how long a voice note offered to a volunteer waits for the ticket")
    media_max_bytes: int = var("DVCBOT_HANDOFF_MEDIA_MAX_BYTES", whole(1000, unit="bytes"), 10_000_000,
                               "the largest Zalo voice note downloaded to relay it to the volunteers")


@dataclass(frozen=True)
class PrivacySettings:
    retention_days: int = var("DVCBOT_RETENTION_DAYS", whole(1, unit="days"), 90,
                              "personal data older than this is deleted or masked by `dvcbot purge`")


@dataclass(frozen=True)
class ToolsSettings:
    chromium: Optional[str] = var("DVCBOT_CHROMIUM", TEXT, None, "the browser that prints leaflets "
                                  "to PDF", shown_default="chromium on the PATH")
    tessdata_prefix: Optional[str] = var("TESSDATA_PREFIX", TEXT, None,
                                         "Tesseract's folder holding vie.traineddata (receipt photos)",
                                         shown_default="the system's tessdata")


@dataclass(frozen=True)
class ScaleSettings:
    state_dir: Optional[Path] = var("DVCBOT_SCALE_STATE_DIR", PATH, None,
                                    "the scale-out cluster's state folder", shown_default="var/scale/")
    replicas: int = var("DVCBOT_SCALE_REPLICAS", whole(1), 2, "Rasa replicas of the cluster")
    port: int = var("DVCBOT_SCALE_PORT", whole(1, 65535), 5100, "the cluster's load balancer port")
    pg_port: int = var("DVCBOT_SCALE_PG_PORT", whole(1, 65535), 55432, "the cluster's PostgreSQL port")
    redis_port: int = var("DVCBOT_SCALE_REDIS_PORT", whole(1, 65535), 56379, "the cluster's Redis port")


@dataclass(frozen=True)
class Settings:
    paths: PathsSettings = field(default_factory=PathsSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    rasa: RasaSettings = field(default_factory=RasaSettings)
    actions: ActionsSettings = field(default_factory=ActionsSettings)
    rest: RestSettings = field(default_factory=RestSettings)
    knowledge: KnowledgeSettings = field(default_factory=KnowledgeSettings)
    portal: PortalSettings = field(default_factory=PortalSettings)
    dossier: DossierSettings = field(default_factory=DossierSettings)
    poller: PollerSettings = field(default_factory=PollerSettings)
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    zalo: ZaloSettings = field(default_factory=ZaloSettings)
    webchat: WebchatSettings = field(default_factory=WebchatSettings)
    limits: LimitsSettings = field(default_factory=LimitsSettings)
    inbox: InboxSettings = field(default_factory=InboxSettings)
    handoff: HandoffSettings = field(default_factory=HandoffSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    tools: ToolsSettings = field(default_factory=ToolsSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        """Every section from `environ`; SettingsError lists every bad value."""
        problems: list[str] = []
        sections: dict[str, Any] = {}
        for section in fields(cls):
            values: dict[str, Any] = {}
            for item in fields(section.default_factory):
                declared: Var = item.metadata["var"]
                raw = (environ.get(declared.env) or "").strip()
                if not raw:
                    continue
                try:
                    values[item.name] = declared.kind.parse(raw)
                except (ValueError, KeyError):
                    problems.append(problem(declared, raw))
            sections[section.name] = section.default_factory(**values)
        if problems:
            raise SettingsError(problems)
        return cls(**sections)

    def value(self, env: str) -> Any:
        """The value of the variable named `env` (KeyError for a name no section declares)."""
        section, name = _WHERE[env]
        return getattr(getattr(self, section), name)


def problem(declared: Var, raw: str) -> str:
    """'NAME: expected <form>, got <value>' (a secret's value is not repeated)."""
    return f"{declared.env}: expected {declared.kind.expected}, got {shown_value(declared, raw)}"


def shown_value(declared: Var, raw: str) -> str:
    if declared.secret:
        return f"a value of {len(raw)} characters (hidden)"
    return repr(_hide_password(raw))


def _hide_password(value: str) -> str:
    """A URL's password as ***: postgresql://bot:***@db/dvcbot."""
    return re.sub(r"(://[^:/@\s]+:)[^@\s]+@", r"\1***@", value)


def declarations() -> Iterator[tuple[str, str, Var]]:
    """(section, field, declaration) of every variable, in declaration order."""
    for section in fields(Settings):
        for item in fields(section.default_factory):
            yield section.name, item.name, item.metadata["var"]


_WHERE = {declared.env: (section, name) for section, name, declared in declarations()}
ENV_NAMES = tuple(_WHERE)
# os.environ keeps its values in a dict under encoded keys on POSIX (bytes); elsewhere None
_ENV_KEYS: Optional[tuple] = (tuple(os.environ.encodekey(name) for name in ENV_NAMES)
                              if hasattr(os.environ, "encodekey") else None)

_lock = threading.Lock()
_current: Optional[tuple[tuple, Settings]] = None


def _environment_key() -> tuple:
    """The values of the declared variables, cheaply (every message asks for settings): the
    environment's own dict looked up in C where the platform keeps one (POSIX: bytes keys)."""
    data = getattr(os.environ, "_data", None)
    if isinstance(data, dict) and _ENV_KEYS is not None:
        return tuple(map(data.get, _ENV_KEYS))
    return tuple(os.environ.get(name) for name in ENV_NAMES)


def settings() -> Settings:
    """The process's settings, built from its environment once (and again only when that
    environment changed). Raises SettingsError when a value is malformed."""
    global _current
    key = _environment_key()
    current = _current
    if current is not None and current[0] == key:
        return current[1]
    with _lock:
        built = Settings.from_env(os.environ)
        _current = (key, built)
        return built


def check(environ: Mapping[str, str] = os.environ) -> list[str]:
    """Every problem of the settings in `environ`, one line each (empty when all are good)."""
    try:
        Settings.from_env(environ)
    except SettingsError as error:
        return error.problems
    return []


# --------------------------------------------------------------------------- documentation

def markdown_table() -> str:
    """The README's table of every variable (generated: a test keeps the README equal to it)."""
    lines = ["| variable | section | default | meaning |", "|---|---|---|---|"]
    for section, _, declared in declarations():
        meaning = declared.meaning + (" (secret)" if declared.secret else "")
        meaning += f"; {declared.kind.expected}" if declared.kind not in (TEXT, PATH) else ""
        lines.append(f"| `{declared.env}` | {section} | {declared.default_text().replace('|', '/')} "
                     f"| {meaning.replace('|', '/')} |")
    return "\n".join(lines)


def current_text(declared: Var, environ: Mapping[str, str]) -> str:
    raw = (environ.get(declared.env) or "").strip()
    if not raw:
        return "(unset)"
    if declared.secret:
        return f"set, {len(raw)} characters (hidden)"
    return _hide_password(raw)


def main(argv: Optional[list[str]] = None) -> int:
    """`dvcbot settings`: every variable with its section, default, meaning and current value."""
    parser = argparse.ArgumentParser(prog="dvcbot settings", description=main.__doc__)
    parser.add_argument("--markdown", action="store_true",
                        help="print the README's Settings table instead")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown_table())
        return 0
    section_width = max(len(section) for section, _, _ in declarations())
    env_width = max(len(name) for name in ENV_NAMES)
    for section, _, declared in declarations():
        print(f"{declared.env.ljust(env_width)}  {section.ljust(section_width)}  "
              f"= {current_text(declared, os.environ)}")
        print(f"{'':{env_width}}  {'':{section_width}}    default {declared.default_text()}; "
              f"{declared.meaning}; {declared.kind.expected}")
    problems = check()
    for line in problems:
        print(f"dvcbot settings: {line}", file=sys.stderr)
    return 1 if problems else 0
