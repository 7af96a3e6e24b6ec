"""The check of an endpoints file before the Rasa server starts: the stores it names exist.

Rasa 3.6 builds the tracker store named by `tracker_store.type`; when that class cannot be
imported, it warns and keeps every conversation in memory (rasa/core/tracker_store.py,
_load_from_module_name_in_endpoint_config), so they are all lost on the next restart. It does
the same when the file is missing or has no `tracker_store`. check_endpoints() refuses each of
these with an EndpointsError naming the file, the line and the field.

`dvcbot run` gives Rasa a copy of endpoints.yml with its ports and state directory
(var/endpoints.active.yml) whose first line names the file it was written from: errors then
name the line of that file, the one an operator edits.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Optional

import yaml

from bot.core.yaml_lines import yaml_line
from bot.rasa_ext import RasaExtError

WRITTEN_FROM = "# written by dvcbot run from {source}; edit that file, not this one"
_WRITTEN_FROM = re.compile(r"^# written by dvcbot run from (.+); edit that file, not this one$")
_VARIABLE = re.compile(r"\$\{([^}]+)\}")

# Rasa's own types (rasa/core/tracker_store.py and lock_store.py _create_from_endpoint_config)
TRACKER_TYPES = {"sql", "redis", "mongod", "dynamo"}   # compared in lower case, as Rasa does
LOCK_TYPES = {"in_memory", "redis"}


class EndpointsError(RasaExtError):
    """An endpoints file the Rasa server must not start with."""


def written_from(text: str) -> Optional[Path]:
    """The endpoints file `dvcbot run` wrote this copy from, if it did."""
    first = text.split("\n", 1)[0].strip()
    match = _WRITTEN_FROM.match(first)
    return Path(match.group(1)) if match else None


def _class(path: str):
    """The class a `type` names, as Rasa imports it (or ImportError/AttributeError)."""
    import rasa.shared.utils.common

    return rasa.shared.utils.common.class_from_module_path(path)


def problems(content: dict) -> list[tuple[tuple[str, ...], str]]:
    """(field, what is wrong) for each store the Rasa server would not build as configured."""
    from rasa.core.lock_store import LockStore
    from rasa.core.tracker_store import TrackerStore

    found = []
    tracker = content.get("tracker_store")
    if not isinstance(tracker, dict):
        found.append((("tracker_store",), "missing: Rasa would keep every conversation in "
                      "memory and lose it on restart (dvcbot's is bot.rasa_ext.stores."
                      "DurableSQLTrackerStore)"))
    else:
        found += _store_problems("tracker_store", tracker.get("type"), TRACKER_TYPES,
                                 TrackerStore, required=True)
    lock = content.get("lock_store")
    if isinstance(lock, dict):
        found += _store_problems("lock_store", lock.get("type"), LOCK_TYPES, LockStore,
                                 required=False)
    return found


def _store_problems(section: str, kind, builtin: set[str], base: type,
                    required: bool) -> list[tuple[tuple[str, ...], str]]:
    field = (section, "type")
    if kind is None:
        return [(field, "missing: Rasa would keep every conversation in memory and lose it "
                        "on restart")] if required else []
    if not isinstance(kind, str):
        return [(field, f"{kind!r} is not a class path or one of Rasa's types")]
    unset = [name for name in _VARIABLE.findall(kind) if name not in os.environ]
    if unset:
        return [(field, f"{kind!r} uses {', '.join(unset)}, which is not set")]
    kind = _VARIABLE.sub(lambda m: os.environ[m.group(1)], kind)
    # Rasa compares tracker store types in lower case and lock store types as written
    if (kind.lower() if section == "tracker_store" else kind) in builtin:
        return []
    try:
        found = _class(kind)
    except (ImportError, AttributeError) as error:
        fallback = ("Rasa would silently keep every conversation in memory instead and lose "
                    "it on restart" if section == "tracker_store" else "Rasa would not start")
        return [(field, f"cannot import {kind!r} ({error.__class__.__name__}: {error}); "
                        f"{fallback}")]
    except Exception as error:  # noqa: BLE001 - e.g. RasaException: not a class
        return [(field, f"{kind!r}: {error}")]
    if not issubclass(found, base):
        return [(field, f"{kind!r} is not a Rasa {base.__name__}")]
    return []


def check_endpoints(path: Path) -> None:
    """Raise EndpointsError, naming the file, line and field, unless the tracker store (and the
    lock store, if any) of this endpoints file can be built as configured."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise EndpointsError(f"{path}: cannot read the endpoints file ({error.strerror}); "
                             "Rasa would keep every conversation in memory") from error
    try:
        content = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise EndpointsError(f"{where}: not YAML ({error})") from error
    if not isinstance(content, dict):
        raise EndpointsError(f"{path}:1: an endpoints file is a mapping of sections")
    found = problems(content)
    if not found:
        return
    source = written_from(text)
    source_text = None
    if source is not None:
        try:
            source_text = source.read_text(encoding="utf-8")
        except OSError:
            source = None
    lines = []
    for field, what in found:
        if source is not None and source_text is not None:
            where = f"{source}:{yaml_line(source_text, field) or 1}"
            copied = f" (copied to {path})"
        else:
            where, copied = f"{path}:{yaml_line(text, field) or 1}", ""
        lines.append(f"{where}: {'.'.join(field)}: {what}{copied}")
    raise EndpointsError("\n".join(lines))


def endpoints_argument(args: list[str]) -> Path:
    """The endpoints file of a `rasa run`/`rasa shell` command line (Rasa's default if none)."""
    for index, arg in enumerate(args):
        if arg == "--endpoints" and index + 1 < len(args):
            return Path(args[index + 1])
        if arg.startswith("--endpoints="):
            return Path(arg.split("=", 1)[1])
    from rasa.shared.constants import DEFAULT_ENDPOINTS_PATH

    return Path(DEFAULT_ENDPOINTS_PATH)
