"""The hand-off's wording, from texts.yml (editable by a non-programmer).

Every text is checked when loaded: present, a text, and using only the placeholders the
program fills in. A broken file gives an error naming the file, line and field.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

import yaml

TEXTS_FILE = Path(__file__).with_name("texts.yml")

# text name -> placeholders it may use
PLACEHOLDERS: dict[str, set[str]] = {
    "handoff_opened": {"commune_name", "when"},
    "when_hours": {"hours"},
    "when_unknown": set(),
    "handoff_already_open": set(),
    "ask_commune": set(),
    "consent_ask": {"commune_name"},
    "consent_yes": set(),
    "consent_no": set(),
    "no_team": {"commune_name"},
    "no_team_no_office": {"commune_name"},
    "claimed_citizen": {"name"},
    "from_volunteer": {"name", "text"},
    "card_from_volunteer": {"name"},
    "closed_ask_rating": {"name"},
    "rating_thanks": {"rating"},
    "citizen_cancelled": set(),
    "expired_citizen": set(),
    "voice_offer": set(),
    "voice_offer_yes": set(),
    "voice_offer_no": set(),
    "voice_too_large": {"megabytes"},
    "voice_failed": {"megabytes"},
    "announcement": {"id", "commune_name", "procedure", "channel", "created", "messages"},
    "reannouncement": {"id", "count", "minutes"},
    "escalation": {"id", "commune_name", "minutes", "count"},
    "escalated_group": {"id", "count"},
    "escalation_no_officials": {"id"},
    "message_citizen": {"text"},
    "message_bot": {"text"},
    "no_messages": set(),
    "unknown_procedure": set(),
    "claim_button": set(),
    "claimed_note": {"name", "time"},
    "closed_note": set(),
    "claim_ok": {"id"},
    "claim_taken": {"id", "name"},
    "claim_closed": {"id"},
    "claim_unknown": set(),
    "claim_not_member": {"commune_name"},
    "claim_wrong_chat": {"commune_name"},
    "claimed_group": {"id", "name"},
    "citizen_message": {"id", "text"},
    "citizen_non_text": set(),
    "citizen_voice": {"id"},
    "voice_not_relayed_group": {"id"},
    "reply_needs_claim": {"id"},
    "reply_other_claimer": {"id", "name"},
    "reply_closed": {"id"},
    "reply_not_member": set(),
    "relay_failed": {"id"},
    "relay_non_text": set(),
    "closed_group": {"id"},
    "xong_which": set(),
    "citizen_cancelled_group": {"id"},
    "citizen_erased_group": {"id"},
    "expired_group": {"id", "hours"},
    "rated_group": {"id", "rating"},
    "group_ids": {"chat_id", "user_id"},
    "assisted_help": set(),
    "assisted_usage_thutuc": set(),
    "assisted_unknown_procedure": {"query"},
    "assisted_usage_gui": set(),
    "assisted_usage_buoc": set(),
    "assisted_not_your_ticket": {"id"},
    "assisted_sent": {"id"},
    "assisted_usage_hoso": set(),
    "assisted_phone_needed": set(),
    "assisted_lookup_limit": {"count"},
    "assisted_too_many_wrong": set(),
    "assisted_reason_needed": set(),
    "assisted_bad_code": {"code"},
    "assisted_portal_unavailable": set(),
    "assisted_dossier_found": {"code", "status", "procedure", "applied", "appointment",
                               "applicant"},
    "assisted_dossier_not_found": {"code"},
    "assisted_unknown_value": set(),
}


class TextsError(ValueError):
    pass


def check_texts(path: Path = TEXTS_FILE) -> dict[str, str]:
    """The texts, or TextsError listing every problem as "file:line: field: message"."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
        node = yaml.compose(raw, Loader=yaml.SafeLoader)
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise TextsError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise TextsError(f"{path}: expected text names mapped to texts")
    lines = {}
    if node is not None and hasattr(node, "value"):
        for key_node, value_node in node.value:
            lines[str(key_node.value)] = value_node.start_mark.line + 1
    problems = []
    for name, allowed in PLACEHOLDERS.items():
        if name not in data:
            problems.append(f"{path}: {name}: is missing")
            continue
        value = data[name]
        where = f"{path}:{lines.get(name, '?')}: {name}"
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: must be a non-empty text")
            continue
        try:
            used = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
        except ValueError as exc:
            problems.append(f"{where}: broken {{placeholder}} ({exc}); write {{{{ for a brace")
            continue
        unknown = used - allowed
        if unknown:
            problems.append(f"{where}: unknown placeholder(s) {', '.join(sorted(unknown))}; "
                            f"allowed: {', '.join(sorted(allowed)) or 'none'}")
    for name in data:
        if name not in PLACEHOLDERS:
            problems.append(f"{path}:{lines.get(name, '?')}: {name}: unknown text name")
    if problems:
        raise TextsError("\n".join(problems))
    return {k: data[k].strip() for k in PLACEHOLDERS}


@lru_cache(maxsize=2)
def _texts(path: str) -> dict[str, str]:
    return check_texts(Path(path))


def text(key: str, /, **values: object) -> str:
    template = _texts(str(TEXTS_FILE))[key]
    return template.format(**values) if values or "{" in template else template
