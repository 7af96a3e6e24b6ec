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
from bot.core.texts import TextFile, Texts, TextsError
from bot.core.yaml_lines import YamlFileError, line_of, read_yaml

HERE = Path(__file__).resolve().parent
STATUSES_FILE = HERE / "statuses.yml"
MESSAGES_FILE = HERE / "messages.yml"

CANONICAL_STATUSES = (
    "received", "in_progress", "need_more_papers", "await_payment", "result_ready",
    "returned", "overdue", "rejected", "cancelled", "paused",
)
# Each message of messages.yml and the placeholders the program fills in (bot.core.texts);
# `bad_code.<reason>` has one text per reason of actions.portal.codes.REASONS.
MESSAGES = {
    "code_shape": {"example"}, "ask_phone_suffix": {"digits"}, "bad_phone_suffix": {"digits"},
    "answer.header": {"code"}, "answer.procedure": {"procedure"}, "answer.applicant": {"name"},
    "answer.status": {"status", "explanation?"}, "answer.appointment_future": {"date", "days?"},
    "answer.appointment_today": {"date"}, "answer.appointment_late": {"date", "days?"},
    "answer.completed": {"date"}, "answer.next_step": {"next_step"},
    "answer.offer_subscribe": set(), "answer.already_subscribed": set(),
    "not_found": {"code"}, "not_found_or_mismatch": {"code"}, "too_many_attempts": set(),
    "portal_down": {"code?"}, "no_code": {"example"}, "form_stopped": set(),
    "subscribed": {"code", "days?"}, "follow_limit": {"limit", "codes?"}, "follow_full": {"code?"},
    "already_final": {"code", "status"}, "unsubscribed": {"codes"}, "unsubscribed_all": {"codes"},
    "no_subscription": set(), "subscribe_failed": {"code?"}, "not_subscribed_code": {"code", "codes?"},
    "notify.changed": {"code", "status", "explanation?"}, "notify.first": {"code", "status", "explanation?"},
    "notify.procedure": {"procedure"}, "notify.appointment": {"date"}, "notify.next_step": {"next_step"},
    "notify.ended": set(), "notify.not_found": {"code"}, "notify.expired": {"code", "days?"},
    "answer.rule": {"rule", "source"}, "notify.rule": {"rule", "source"},
    "notify.reminder_due_tomorrow": {"code", "date", "status?"},
    "notify.overdue": {"code", "date", "status?"}, "notify.bring": set(),
    "notify.still_following": set(), "subscribed_zalo_window": set(),
    "zalo_status_expired": set(), "zalo_status_not_found": set(), "zalo_status_overdue": set(),
}


class WordingError(ValueError):
    """A wording file is wrong; the message names file, line and field."""


# --------------------------------------------------------------------------- YAML with lines

def _load(path: Path) -> tuple[Any, yaml.Node]:
    try:
        return read_yaml(path)
    except YamlFileError as error:
        raise WordingError(str(error)) from None


def _line(node: Optional[yaml.Node], dotted: Iterable[str]) -> int:
    """1-based line of a key path in the composed YAML (the parent's line when absent)."""
    return line_of(node, dotted) or 1


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

    def __init__(self, texts: Texts):
        self._texts, self.path = texts, texts.path

    def get(self, dotted: str, **values: Any) -> str:
        return self._texts.text(dotted, **values)


def load_messages(path: Path = MESSAGES_FILE) -> Messages:
    from actions.portal.codes import REASONS

    declared = {**MESSAGES, **{f"bad_code.{reason}": set() for reason in REASONS}}
    try:
        return Messages(TextFile(path, declared).check())
    except TextsError as error:
        raise WordingError(str(error)) from None


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
