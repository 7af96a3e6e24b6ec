"""The channels' own wording, from texts.yml (editable by a non-programmer)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.channels.limits import ConfigError

TEXTS_FILE = Path(__file__).with_name("texts.yml")


REQUIRED_TEXTS = ("rate_limited", "too_long", "non_text", "button_expired", "undelivered_intro",
                  "help", "menu_hint", "menu")


@lru_cache(maxsize=4)
def _load_texts(path: str) -> dict[str, Any]:
    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{file}:{mark.line + 1}" if mark else str(file)
        raise ConfigError(f"{where}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{file}: expected a mapping of text names to texts")
    for key in REQUIRED_TEXTS:
        if key not in data:
            raise ConfigError(f"{file}: field {key!r} is missing")
    for key in REQUIRED_TEXTS:
        if key != "menu" and not isinstance(data[key], str):
            raise ConfigError(f"{file}: field {key!r} must be a text")
    menu = data["menu"]
    if not isinstance(menu, list) or not menu:
        raise ConfigError(f"{file}: field 'menu' must be a list of {{label, payload}}")
    for index, item in enumerate(menu):
        if not isinstance(item, dict) or not item.get("label") or not item.get("payload"):
            raise ConfigError(f"{file}: menu item {index + 1} needs a label and a payload")
    return data


def texts(path: Path | None = None) -> dict[str, Any]:
    """The channel texts (cached; the file is read once per process)."""
    return _load_texts(str(path or TEXTS_FILE))
