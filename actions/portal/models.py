"""A dossier as the assistant sees it, whatever portal it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Optional

from bot.core import tz
from bot.core.tz import VN_TZ

FINAL_STATUSES = frozenset({"returned", "rejected", "cancelled"})
DONE_STATUSES = FINAL_STATUSES | {"result_ready"}


@dataclass(frozen=True)
class Dossier:
    """One dossier. Personal fields are kept out of repr() so that they never reach a log."""

    code: str
    status_text: Optional[str]           # the portal's own words, kept as-is
    status: Optional[str]                # canonical key (statuses.yml), None when unknown
    procedure: Optional[str] = None
    apply_method: Optional[str] = None
    applied_at: Optional[datetime] = None
    appointment_at: Optional[datetime] = None
    completed_at: Optional[datetime] = None
    applicant_name: Optional[str] = field(default=None, repr=False)
    applicant_phone: Optional[str] = field(default=None, repr=False)

    @property
    def masked_name(self) -> Optional[str]:
        return mask_name(self.applicant_name)

    @property
    def status_fingerprint(self) -> str:
        """What a change is measured on: the canonical status, or the raw text when unknown."""
        if self.status:
            return self.status
        return "raw:" + " ".join((self.status_text or "").split()).lower()

    def days_late(self, today: Optional[date] = None) -> int:
        """Days past the appointment while the dossier is not done yet (0 when on time)."""
        if self.appointment_at is None or self.status in DONE_STATUSES:
            return 0
        today = today or tz.today()
        return max(0, (today - local_date(self.appointment_at)).days)

    def is_late(self, today: Optional[date] = None) -> bool:
        return self.status == "overdue" or self.days_late(today) > 0

    def phone_matches(self, suffix: str) -> bool:
        """Second factor: the last digits of the applicant's phone. False when unknown."""
        digits = re.sub(r"\D", "", self.applicant_phone or "")
        suffix = re.sub(r"\D", "", suffix or "")
        return bool(digits) and bool(suffix) and digits.endswith(suffix)


def mask_name(full_name: Optional[str]) -> Optional[str]:
    """"Nguyễn Văn An" -> "Nguyễn V. A.": the family name and initials, nothing more."""
    parts = (full_name or "").split()
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0][0].upper() + "."
    return " ".join([parts[0]] + [p[0].upper() + "." for p in parts[1:]])


def local_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ).date()


def format_date(moment: Optional[datetime]) -> Optional[str]:
    return local_date(moment).strftime("%d/%m/%Y") if moment else None


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_portal_datetime(value: Any) -> Optional[datetime]:
    """A portal date: ISO 8601 (with Z, +0000, +07:00 or none = Việt Nam time), epoch
    milliseconds, or dd/mm/yyyy[ hh:mm[:ss]]. Anything else is None (shown as unknown)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 10**11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _DMY.match(text)
    if match:
        d, m, y, hh, mm, ss = match.groups()
        try:
            return datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0),
                            tzinfo=VN_TZ)
        except ValueError:
            return None
    text = re.sub(r"Z$", "+00:00", text)
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)           # +0000 -> +00:00
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)                       # nanoseconds -> micro
    text = re.sub(r"\.(\d{1,5})(?=[+-]|$)", lambda m: "." + m.group(1).ljust(6, "0"), text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=VN_TZ)
