"""What the outbound senders need, derived from the `telegram` and `zalo` sections of
bot.core.settings (the variables are declared there): base URLs normalised once, the ZBS
templates of dossier notices parsed once. No Rasa import and nothing of bot.channels at load
time: the hand-off, the poller and `dvcbot telegram --polling` use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from bot.core.settings import SettingsError, settings

DEFAULT_TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_ZALO_API_BASE_URL = "https://openapi.zalo.me"
DEFAULT_BUSINESS_API_BASE_URL = "https://business.openapi.zalo.me"


def api_base_url(raw: Optional[str] = None) -> str:
    """A python-telegram-bot base_url (the token is appended): "http://host:port" gets "/bot"."""
    value = (raw or "").strip()
    if not value:
        return DEFAULT_TELEGRAM_API_BASE_URL
    if "{token}" in value:
        return value
    value = value.rstrip("/")
    return value if value.endswith("/bot") else value + "/bot"


@dataclass(frozen=True)
class TelegramConfig:
    token: Optional[str] = None
    api_base_url: str = DEFAULT_TELEGRAM_API_BASE_URL

    @classmethod
    def from_env(cls, credentials: Optional[dict[str, Any]] = None) -> "TelegramConfig":
        """The bot every process uses: credentials.yml fields first (the channel), then
        TELEGRAM_BOT_TOKEN / TELEGRAM_API_BASE_URL."""
        from bot.channels.base import setting  # bot.channels imports the hand-off: not at load

        return cls(setting(credentials, "token", "TELEGRAM_BOT_TOKEN"),
                   api_base_url(setting(credentials, "api_base_url", "TELEGRAM_API_BASE_URL")))


# notice kinds (actions.portal.subscriptions) sent with the reminder template
APPOINTMENT_REMINDERS = frozenset({"reminder_due_tomorrow"})
NOTICE_FIELDS = {"status": ("code", "status", "date"), "reminder": ("code", "date")}
DEFAULT_PARAMS = {"status": "code=ma_ho_so,status=trang_thai,date=ngay_cap_nhat",
                  "reminder": "code=ma_ho_so,date=ngay_hen"}


@dataclass(frozen=True)
class Template:
    """An approved ZBS template: its id and which dvcbot field fills which of its parameters."""

    template_id: str
    params: dict[str, str]          # dvcbot field (code, status, date) -> template parameter

    def data(self, values: dict[str, str]) -> dict[str, str]:
        return {param: values.get(name, "") for name, param in self.params.items()}


def _template(kind: str) -> Optional[Template]:
    zalo = settings().zalo
    template_id = (getattr(zalo, f"template_{kind}_id") or "").strip()
    raw = (getattr(zalo, f"template_{kind}_params") or "").strip() or DEFAULT_PARAMS[kind]
    if not template_id:
        return None
    params: dict[str, str] = {}
    for item in raw.split(","):
        name, _, param = item.strip().partition("=")
        name, param = name.strip(), param.strip()
        if name not in NOTICE_FIELDS[kind] or not param:
            raise SettingsError([f"ZALO_TEMPLATE_{kind.upper()}_PARAMS: expected the fields "
                                 f"{', '.join(NOTICE_FIELDS[kind])} as field=template_parameter, "
                                 f"comma-separated (e.g. {DEFAULT_PARAMS[kind]!r}), got {raw!r}"])
        params[name] = param
    return Template(template_id, params)


@dataclass(frozen=True)
class ZaloConfig:
    """The Zalo OA settings every sender shares (read once, here)."""

    app_id: Optional[str] = None
    app_secret: Optional[str] = None
    seed_access_token: Optional[str] = None
    seed_refresh_token: Optional[str] = None
    api_base_url: str = DEFAULT_ZALO_API_BASE_URL
    business_api_base_url: str = DEFAULT_BUSINESS_API_BASE_URL
    oauth_base_url: Optional[str] = None
    templates: dict[str, Template] = field(default_factory=dict)   # "status", "reminder"

    @classmethod
    def from_env(cls) -> "ZaloConfig":
        zalo = settings().zalo
        templates = {kind: found for kind in NOTICE_FIELDS if (found := _template(kind))}
        return cls(
            app_id=zalo.app_id, app_secret=zalo.app_secret,
            seed_access_token=zalo.access_token, seed_refresh_token=zalo.refresh_token,
            api_base_url=(zalo.api_base_url or DEFAULT_ZALO_API_BASE_URL).rstrip("/"),
            business_api_base_url=(zalo.business_api_base_url
                                   or DEFAULT_BUSINESS_API_BASE_URL).rstrip("/"),
            oauth_base_url=zalo.oauth_base_url,
            templates=templates)

    def template_for(self, notice_kind: str) -> Optional[Template]:
        """The template of a dossier notice kind: the day-before reminder has its own (code,
        appointment date); every other notice (a status change, the appointment passed, the
        follow ended) fills the status template (code, status in words, date)."""
        return self.templates.get("reminder" if notice_kind in APPOINTMENT_REMINDERS else "status")

    def startup_note(self) -> Optional[str]:
        """What the operator should know at start-up (None when templates are configured)."""
        if "status" in self.templates:
            return None
        return ("zalo: no ZBS template configured (ZALO_TEMPLATE_STATUS_ID): dossier notices "
                "reach Zalo citizens only within 7 days of their last message; older ones are "
                "dropped, and citizens who follow a dossier on Zalo are told so")
