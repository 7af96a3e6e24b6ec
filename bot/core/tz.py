"""Việt Nam's time: the dates citizens, volunteers and reports speak in.

Việt Nam has no daylight saving time: a fixed offset (UTC+7, "ICT") needs no tz database.
Stored times are naive UTC (the stores' `utcnow`); `local` turns one into Việt Nam's time.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

__all__ = ["VN_TZ", "now", "today", "local"]

VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")


def now() -> dt.datetime:
    """The current time in Việt Nam (aware)."""
    return dt.datetime.now(VN_TZ)


def today() -> dt.date:
    """Today's date in Việt Nam (which may not be the server's date)."""
    return now().date()


def local(moment: Optional[dt.datetime]) -> Optional[dt.datetime]:
    """`moment` in Việt Nam's time; a naive moment is taken as UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(VN_TZ)
