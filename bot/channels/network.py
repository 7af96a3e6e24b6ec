"""The client's address behind trusted reverse proxies (DVCBOT_TRUSTED_PROXIES)."""

from __future__ import annotations

import ipaddress
import os

from bot.channels.limits import ConfigError


def trusted_proxies(raw: str | None = None) -> tuple:
    """DVCBOT_TRUSTED_PROXIES: the reverse proxies (addresses or networks, comma-separated)
    whose X-Forwarded-For is believed. Empty (the default): the peer address is the client."""
    raw = os.environ.get("DVCBOT_TRUSTED_PROXIES", "") if raw is None else raw
    networks = []
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ConfigError(f"DVCBOT_TRUSTED_PROXIES: {part!r} is not an address or network") from None
    return tuple(networks)


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
