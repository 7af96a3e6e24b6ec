"""Volunteer hand-off: teams, tickets, relay between citizens and volunteers, assisted mode.

Public entry points (see service.py for the flow and the integration calls):

    from bot.handoff import get_service
    service = get_service()
    await service.open_ticket(sender_id, channel, commune, procedure, recent_messages)
    await service.handle_volunteer_update(update_json)   # -> bool (consumed)
    await service.route_citizen_message(sender_id, channel, text)   # -> bool (consumed)
    service.webchat_outbox(sender_id)                     # -> list[str]
"""

from bot.handoff.service import HandoffService, OpenResult, get_service, reset_service

__all__ = ["HandoffService", "OpenResult", "get_service", "reset_service"]
