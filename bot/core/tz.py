"""Việt Nam's time: the dates citizens, volunteers and reports speak in.

Việt Nam has no daylight saving time: a fixed offset (UTC+7, "ICT") needs no tz database.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["VN_TZ", "now", "today"]

VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")


def now() -> dt.datetime:
    """The current time in Việt Nam (aware)."""
    return dt.datetime.now(VN_TZ)


def today() -> dt.date:
    """Today's date in Việt Nam (which may not be the server's date)."""
    return now().date()

