"""Volunteer hand-off: teams, tickets, relay between citizens and volunteers, assisted mode.

Public entry points (see service.py for the flow and the integration calls):

    from bot.handoff import get_service
    service = get_service()
    await service.open_ticket(sender_id, channel, commune, procedure, recent_messages)
    await service.handle_volunteer_update(update_json)   # -> bool (consumed)
    await service.route_citizen_message(sender_id, channel, text)   # -> bool (consumed)
    await service.citizen_media(sender_id, channel, media)          # -> MediaAnswer
    service.webchat_outbox(sender_id)                     # -> list[str]

Modules: tickets.py (lifecycle, no transport), chats.py (the port to volunteers and citizens),
volunteer_telegram.py (volunteers' updates, command table), assisted.py (assisted mode),
media.py (voice notes), service.py (wires them), store.py, teams.py, texts.yml.
"""

from importlib import import_module

# Resolved on first use, so that importing a leaf module (the ticket store, the teams file) does
# not load the service and the portal client with it.
_EXPORTS = {
    "CitizenMedia": "bot.handoff.media",
    "HandoffService": "bot.handoff.service",
    "MediaAnswer": "bot.handoff.service",
    "OpenResult": "bot.handoff.service",
    "get_service": "bot.handoff.service",
    "reset_service": "bot.handoff.service",
    "is_volunteer_update": "bot.handoff.volunteer_telegram",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'bot.handoff' has no attribute {name!r}")
    return getattr(import_module(module), name)
