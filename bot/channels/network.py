"""The client's address behind trusted reverse proxies (DVCBOT_TRUSTED_PROXIES)."""

from __future__ import annotations

import ipaddress

from bot.core.settings import settings


def trusted_proxies() -> tuple:
    """DVCBOT_TRUSTED_PROXIES: the reverse proxies (addresses or networks, comma-separated)
    whose X-Forwarded-For is believed. Empty (the default): the peer address is the client."""
    return settings().limits.trusted_proxies


def client_address(peer: str | None, forwarded_for: str | None, trusted: tuple) -> str:
    """The client's address: the peer, unless the peer is a trusted proxy; then the right-most
    address of X-Forwarded-For that is not a trusted proxy (what a client writes to the left of
    it is not believed)."""
    def is_trusted(address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in trusted)

    peer = (peer or "").strip() or "?"
    if not trusted or not is_trusted(peer) or not forwarded_for:
        return peer
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not is_trusted(hop):
            return hop
    return hops[0] if hops else peer
