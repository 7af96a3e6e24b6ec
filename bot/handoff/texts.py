"""The hand-off's wording, from texts.yml (editable by a non-programmer).

Every text is declared below with the placeholders the program fills in; bot.core.texts checks
the file when loaded (a missing or unknown text, an unknown or unused placeholder) and names
the file, line and text of each problem. `dvcbot team check` runs the check.
"""

from __future__ import annotations

from pathlib import Path

from bot.core.texts import TextFile, TextsError

TEXTS_FILE = Path(__file__).with_name("texts.yml")

# text name -> placeholders it uses
PLACEHOLDERS: dict[str, set[str]] = {
    "handoff_opened": {"commune_name", "when"},
    "when_hours": {"hours"},
    "when_unknown": set(),
    "commune_unknown": set(),
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
    "voice_failed": {"megabytes?"},
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
    "your_commune": set(),
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


TEXTS = TextFile(TEXTS_FILE, PLACEHOLDERS)


def check_texts(path: Path = TEXTS_FILE) -> bool:
    """True, or TextsError listing every problem as "file:line: text: problem"."""
    TEXTS.check(path)
    return True


def text(key: str, /, **values: object) -> str:
    return TEXTS.text(key, **values)
