"""What the assistant says about dossiers, read from YAML a non-programmer edits.

- ``statuses.yml``: the canonical statuses (received, in_progress, need_more_papers, ...),
  the status strings portals use for each, a plain-Vietnamese explanation and the next step.
- ``messages.yml``: every other sentence (not found, portal down, subscribed, ...).

Both files are checked when loaded: a missing key, a wrong type or an unknown {placeholder}
raises ``WordingError`` naming the file, the line and the field. ``python -m
actions.portal.wording`` checks them from the command line.
"""

from __future__ import annotations

import string
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

import yaml

from bot.core.settings import settings
from bot.core.text import fold_words

HERE = Path(__file__).resolve().parent
STATUSES_FILE = HERE / "statuses.yml"
MESSAGES_FILE = HERE / "messages.yml"

CANONICAL_STATUSES = (
    "received", "in_progress", "need_more_papers", "await_payment", "result_ready",
    "returned", "overdue", "rejected", "cancelled", "paused",
)
# Placeholders each message may use (anything else is a typo the check reports).
_MESSAGE_FIELDS = {"code", "example", "procedure", "name", "status", "date", "days",
                   "digits", "codes", "explanation", "next_step", "limit", "rule", "source"}
_REQUIRED_MESSAGES = (
    "code_shape", "bad_code", "ask_phone_suffix", "bad_phone_suffix", "answer", "not_found",
    "not_found_or_mismatch", "too_many_attempts", "portal_down", "no_code", "form_stopped",
    "subscribed", "follow_limit", "follow_full", "already_final", "unsubscribed", "unsubscribed_all",
    "no_subscription", "not_subscribed_code", "subscribe_failed", "notify",
)
_REQUIRED_ANSWER = ("header", "procedure", "applicant", "status", "appointment_future",
                    "appointment_today", "appointment_late", "completed", "next_step", "rule",
                    "offer_subscribe", "already_subscribed")
_REQUIRED_NOTIFY = ("changed", "first", "procedure", "appointment", "next_step", "rule", "ended",
                    "not_found", "expired", "reminder_due_tomorrow", "bring", "overdue",
                    "still_following")


class WordingError(ValueError):
    """A wording file is wrong; the message names file, line and field."""


# --------------------------------------------------------------------------- YAML with lines

def _load(path: Path) -> tuple[Any, yaml.Node]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise WordingError(f"{path}: cannot read ({error.strerror})") from None
    try:
        return yaml.safe_load(text), yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise WordingError(f"{where}: not valid YAML ({getattr(error, 'problem', error)})") from None


def _line(node: Optional[yaml.Node], dotted: Iterable[str]) -> int:
    """1-based line of a key path in the composed YAML (the parent's line when absent)."""
    line = 1
    for key in dotted:
        if not isinstance(node, yaml.MappingNode):
            break
        for key_node, value_node in node.value:
            if key_node.value == key:
                line = key_node.start_mark.line + 1
                node = value_node
                break
        else:
            break
    return line


class _Checker:
    def __init__(self, path: Path, root: yaml.Node):
        self.path, self.root = path, root

    def fail(self, field: str, problem: str) -> None:
        line = _line(self.root, field.split("."))
        raise WordingError(f"{self.path}:{line}: field '{field}': {problem}")

    def text(self, data: Mapping, key: str, field: str, allowed: set[str],
             empty_ok: bool = False) -> str:
        value = data.get(key) if isinstance(data, Mapping) else None
        if not isinstance(value, str) or (not value.strip() and not empty_ok):
            self.fail(field, "missing or not a text" if value is None or isinstance(value, str)
                      else f"must be a text, not {type(value).__name__}")
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as error:
            self.fail(field, f"bad braces: {error}")
        unknown = sorted(n for n in names if n not in allowed)
        if unknown:
            self.fail(field, f"unknown placeholder {{{unknown[0]}}}; allowed: "
                      + ", ".join(sorted(allowed)))
        return value

    def mapping(self, data: Any, field: str) -> Mapping:
        if not isinstance(data, Mapping):
            self.fail(field, "must be a mapping of keys to texts")
        return data


# --------------------------------------------------------------------------- statuses

@dataclass(frozen=True)
class Rule:
    """What the legal text in force says the office must do, with where it says it."""
    text: str                   # in plain words, for the citizen
    source: str                 # the text and article, e.g. "Nghị định ..., Điều ... khoản ..."
    quote: str                  # the article's words as read (for the reviewer, not shown)


@dataclass(frozen=True)
class StatusInfo:
    key: Optional[str]          # canonical key, None for a status the catalogue does not know
    label: str                  # what to call it: the catalogue's label, or the portal's text as-is
    explanation: str
    next_step: str
    final: bool
    rule: Optional[Rule] = None


@dataclass(frozen=True)
class StatusCatalogue:
    entries: tuple[tuple[str, str, tuple[str, ...], str, str, bool, Optional[Rule]], ...]
    unknown_explanation: str
    unknown_next_step: str

    def canonical(self, portal_status: Optional[str]) -> Optional[str]:
        """Canonical key for a portal's status text (diacritics and case ignored), or None."""
        folded = fold_words(portal_status or "")
        if not folded:
            return None
        for key, _, names, *_ in self.entries:            # exact name first
            if folded in names:
                return key
        padded = f" {folded} "
        for key, _, names, *_ in self.entries:            # then a name inside a longer text
            if any(f" {name} " in padded for name in names):
                return key
        return None

    def info(self, portal_status: Optional[str], key: Optional[str] = None) -> StatusInfo:
        """How to tell a citizen about this status (unknown ones are named as the portal wrote them)."""
        key = key if key in self.keys() else self.canonical(portal_status)
        for entry_key, label, _, explanation, next_step, final, rule in self.entries:
            if entry_key == key:
                return StatusInfo(key, label, explanation, next_step, final, rule)
        shown = (portal_status or "").strip() or "không rõ"
        return StatusInfo(None, shown, self.unknown_explanation.format(status=shown),
                          self.unknown_next_step.format(status=shown), False)

    def keys(self) -> tuple[str, ...]:
        return tuple(entry[0] for entry in self.entries)

    def is_final(self, key: Optional[str]) -> bool:
        return any(entry[0] == key and entry[5] for entry in self.entries)

    def label(self, key: str) -> str:
        for entry in self.entries:
            if entry[0] == key:
                return entry[1]
        raise KeyError(key)


def load_statuses(path: Path = STATUSES_FILE) -> StatusCatalogue:
    data, root = _load(path)
    check = _Checker(path, root)
    data = check.mapping(data, "statuses")
    statuses = check.mapping(data.get("statuses"), "statuses")
    entries = []
    for key, value in statuses.items():
        field = f"statuses.{key}"
        if key not in CANONICAL_STATUSES:
            check.fail(field, "not a canonical status; use one of " + ", ".join(CANONICAL_STATUSES))
        value = check.mapping(value, field)
        label = check.text(value, "label", f"{field}.label", set())
        explanation = check.text(value, "explanation", f"{field}.explanation", set())
        next_step = check.text(value, "next_step", f"{field}.next_step", set(), empty_ok=True)
        names = value.get("portal_names")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and fold_words(n) for n in names):
            check.fail(f"{field}.portal_names", "must be a non-empty list of texts")
        final = value.get("final", False)
        if not isinstance(final, bool):
            check.fail(f"{field}.final", "must be true or false")
        rule = None
        if value.get("rule") is not None:
            # a duty of the office is stated only with the text in force that says it
            given = check.mapping(value["rule"], f"{field}.rule")
            rule = Rule(check.text(given, "text", f"{field}.rule.text", set()),
                        check.text(given, "source", f"{field}.rule.source", set()),
                        check.text(given, "quote", f"{field}.rule.quote", set()))
        folded = tuple(dict.fromkeys([fold_words(label)] + [fold_words(n) for n in names]))
        entries.append((key, label, folded, explanation, next_step, final, rule))
    missing = [k for k in CANONICAL_STATUSES if k not in statuses]
    if missing:
        check.fail("statuses", "missing canonical status " + ", ".join(missing))
    unknown = check.mapping(data.get("unknown"), "unknown")
    return StatusCatalogue(
        tuple(entries),
        check.text(unknown, "explanation", "unknown.explanation", {"status"}),
        check.text(unknown, "next_step", "unknown.next_step", {"status"}, empty_ok=True),
    )


# --------------------------------------------------------------------------- messages

class Messages:
    """The sentences of messages.yml; ``get("answer.header", code=...)`` fills one in."""

    def __init__(self, data: Mapping[str, Any], path: Path):
        self._data, self.path = data, path

    def get(self, dotted: str, **values: Any) -> str:
        node: Any = self._data
        for part in dotted.split("."):
            node = node[part]
        return str(node).strip().format(**values)


def load_messages(path: Path = MESSAGES_FILE) -> Messages:
    from actions.portal.codes import REASONS

    data, root = _load(path)
    check = _Checker(path, root)
    data = check.mapping(data, "messages")
    for key in _REQUIRED_MESSAGES:
        if key not in data:
            check.fail(key, "missing")
    for key, value in data.items():
        if key in ("bad_code", "answer", "notify"):
            group = check.mapping(value, key)
            required = {"bad_code": REASONS, "answer": _REQUIRED_ANSWER, "notify": _REQUIRED_NOTIFY}[key]
            for sub in required:
                check.text(group, sub, f"{key}.{sub}", _MESSAGE_FIELDS)
        else:
            check.text(data, key, key, _MESSAGE_FIELDS)
    return Messages(data, path)


# --------------------------------------------------------------------------- cached access

def _files_key() -> tuple[str, str]:
    portal = settings().portal
    return str(portal.statuses_file or STATUSES_FILE), str(portal.messages_file or MESSAGES_FILE)


@lru_cache(maxsize=4)
def _cached(statuses_path: str, messages_path: str) -> tuple[StatusCatalogue, Messages]:
    return load_statuses(Path(statuses_path)), load_messages(Path(messages_path))


def statuses() -> StatusCatalogue:
    return _cached(*_files_key())[0]


def messages() -> Messages:
    return _cached(*_files_key())[1]


def main(argv: Optional[list[str]] = None) -> int:
    """Check both wording files; print the first problem with file, line and field."""
    try:
        load_statuses(Path(_files_key()[0]))
        load_messages(Path(_files_key()[1]))
    except WordingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("dossier wording OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
