"""Settings of the outbound senders, each read in one place (no Rasa import and nothing of
bot.channels at load time: the hand-off, the poller and `dvcbot telegram --polling` read them).

Telegram: TELEGRAM_BOT_TOKEN (or `token` in credentials.yml), TELEGRAM_API_BASE_URL.
Zalo: ZALO_APP_ID, ZALO_APP_SECRET, ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN (seed the token
store only), ZALO_API_BASE_URL, ZALO_BUSINESS_API_BASE_URL, ZALO_OAUTH_BASE_URL, and the ZBS
templates of dossier notices: ZALO_TEMPLATE_STATUS_ID / ZALO_TEMPLATE_STATUS_PARAMS and
ZALO_TEMPLATE_REMINDER_ID / ZALO_TEMPLATE_REMINDER_PARAMS.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Optional

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
class TelegramSettings:
    token: Optional[str] = None
    api_base_url: str = DEFAULT_TELEGRAM_API_BASE_URL

    @classmethod
    def from_env(cls, credentials: Optional[dict[str, Any]] = None) -> "TelegramSettings":
        """The bot every process uses: credentials.yml fields first (the channel), then
        TELEGRAM_BOT_TOKEN / TELEGRAM_API_BASE_URL."""
        from bot.channels.base import setting  # bot.channels imports the hand-off: not at load

        return cls(setting(credentials, "token", "TELEGRAM_BOT_TOKEN"),
                   api_base_url(setting(credentials, "api_base_url", "TELEGRAM_API_BASE_URL")))


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
    id_name = f"ZALO_TEMPLATE_{kind.upper()}_ID"
    params_name = f"ZALO_TEMPLATE_{kind.upper()}_PARAMS"
    template_id = os.environ.get(id_name, "").strip()
    raw = os.environ.get(params_name, "").strip() or DEFAULT_PARAMS[kind]
    if not template_id:
        return None
    params: dict[str, str] = {}
    for item in raw.split(","):
        name, _, param = item.strip().partition("=")
        name, param = name.strip(), param.strip()
        if name not in NOTICE_FIELDS[kind] or not param:
            from bot.channels.base import ConfigError  # see TelegramSettings.from_env

            raise ConfigError(f"{params_name}={raw!r}: expected fields "
                              f"{', '.join(NOTICE_FIELDS[kind])} as field=template_parameter, "
                              f"comma-separated (e.g. {DEFAULT_PARAMS[kind]!r})")
        params[name] = param
    return Template(template_id, params)


@dataclass(frozen=True)
class ZaloSettings:
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
    def from_env(cls) -> "ZaloSettings":
        def env(name: str) -> Optional[str]:
            return os.environ.get(name, "").strip() or None

        templates = {kind: found for kind in NOTICE_FIELDS if (found := _template(kind))}
        return cls(
            app_id=env("ZALO_APP_ID"), app_secret=env("ZALO_APP_SECRET"),
            seed_access_token=env("ZALO_ACCESS_TOKEN"),
            seed_refresh_token=env("ZALO_REFRESH_TOKEN"),
            api_base_url=(env("ZALO_API_BASE_URL") or DEFAULT_ZALO_API_BASE_URL).rstrip("/"),
            business_api_base_url=(env("ZALO_BUSINESS_API_BASE_URL")
                                   or DEFAULT_BUSINESS_API_BASE_URL).rstrip("/"),
            oauth_base_url=env("ZALO_OAUTH_BASE_URL"),
            templates=templates)

    def template_for(self, notice_kind: str) -> Optional[Template]:
        """The template of a dossier notice kind ("reminder" or a status change)."""
        return self.templates.get("reminder" if notice_kind == "reminder" else "status")

    def startup_note(self) -> Optional[str]:
        """What the operator should know at start-up (None when templates are configured)."""
        if "status" in self.templates:
            return None
        return ("zalo: no ZBS template configured (ZALO_TEMPLATE_STATUS_ID): dossier notices "
                "reach Zalo citizens only within 7 days of their last message; older ones are "
                "dropped, and citizens who follow a dossier on Zalo are told so")
