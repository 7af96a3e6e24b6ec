"""Volunteer teams and officials, per commune, from a YAML file an operator edits.

The file (DVCBOT_TEAMS_FILE, default var/teams.yml) holds Telegram user ids and names, so it
is NOT committed; bot/handoff/teams.example.yml shows the shape:

    communes:
      thanh_phong:                      # commune key of the knowledge base (places file)
        group_chat_id: -1001234567890   # the team's Telegram group (see /nhom in the group)
        members:
          - name: Nguyễn Văn An
            role: volunteer             # volunteer | official
            telegram_id: 111111111

Rules enforced here and by the hand-off service:
  - only a registered member of a commune can claim that commune's tickets or answer its
    citizens;
  - a team is reached only through its own group chat (one group per commune; a group id may
    not appear twice);
  - officials get a private message when a ticket stays unclaimed (escalation).

`load_teams` reports every problem at once as "file:line: field: what is wrong".
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

logger = logging.getLogger(__name__)

ROLES = ("volunteer", "official")
ROLE_NAMES_VI = {"volunteer": "tình nguyện viên", "official": "cán bộ"}
_COMMUNE_KEY = re.compile(r"^[a-z0-9_]{1,64}$")
MEMBER_FIELDS = ("name", "role", "telegram_id")
TEAM_FIELDS = ("group_chat_id", "members")

HEADER = """\
# Tổ tình nguyện viên và cán bộ theo xã (dvcbot). Tệp này chứa mã Telegram và tên người:
# KHÔNG đưa lên git, không gửi cho người ngoài. Sửa bằng `dvcbot team add|remove|set-group`
# hoặc sửa tay rồi chạy `dvcbot team check`. Mẫu: bot/handoff/teams.example.yml.
"""


class TeamsFileError(ValueError):
    """The teams file is not valid; `problems` lists "file:line: field: message" lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    telegram_id: int

    @property
    def role_vi(self) -> str:
        return ROLE_NAMES_VI.get(self.role, self.role)


@dataclass
class Team:
    commune: str
    group_chat_id: Optional[int] = None
    members: list[Member] = field(default_factory=list)

    def member(self, telegram_id: object) -> Optional[Member]:
        try:
            wanted = int(telegram_id)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        for member in self.members:
            if member.telegram_id == wanted:
                return member
        return None

    @property
    def volunteers(self) -> list[Member]:
        return [m for m in self.members if m.role == "volunteer"]

    @property
    def officials(self) -> list[Member]:
        return [m for m in self.members if m.role == "official"]

    @property
    def reachable(self) -> bool:
        """A ticket can be posted: the team has a group and someone in it who may claim."""
        return self.group_chat_id is not None and bool(self.members)


@dataclass
class Teams:
    teams: dict[str, Team] = field(default_factory=dict)
    path: Optional[Path] = None

    def team(self, commune: Optional[str]) -> Optional[Team]:
        return self.teams.get(commune or "")

    def team_for_group(self, chat_id: object) -> Optional[Team]:
        try:
            wanted = int(chat_id)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        for team in self.teams.values():
            if team.group_chat_id == wanted:
                return team
        return None

    def teams_of(self, telegram_id: object) -> list[Team]:
        return [t for t in self.teams.values() if t.member(telegram_id) is not None]

    def member(self, telegram_id: object) -> Optional[Member]:
        for team in self.teams.values():
            found = team.member(telegram_id)
            if found is not None:
                return found
        return None

    # ---------------------------------------------------------------- editing (dvcbot team)

    def add_member(self, commune: str, member: Member) -> str:
        """Add or update a member; returns "added" or "updated"."""
        team = self.teams.setdefault(commune, Team(commune))
        for index, existing in enumerate(team.members):
            if existing.telegram_id == member.telegram_id:
                team.members[index] = member
                return "updated"
        team.members.append(member)
        return "added"

    def remove_member(self, commune: str, telegram_id: int) -> bool:
        team = self.teams.get(commune)
        if team is None:
            return False
        before = len(team.members)
        team.members = [m for m in team.members if m.telegram_id != telegram_id]
        return len(team.members) != before

    def set_group(self, commune: str, chat_id: Optional[int]) -> None:
        if chat_id is not None:
            other = self.team_for_group(chat_id)
            if other is not None and other.commune != commune:
                raise ValueError(f"group {chat_id} already belongs to commune {other.commune!r}; "
                                 "each team has its own group")
        self.teams.setdefault(commune, Team(commune)).group_chat_id = chat_id

    def to_data(self) -> dict[str, Any]:
        communes: dict[str, Any] = {}
        for key in sorted(self.teams):
            team = self.teams[key]
            communes[key] = {
                "group_chat_id": team.group_chat_id,
                "members": [{"name": m.name, "role": m.role, "telegram_id": m.telegram_id}
                            for m in team.members],
            }
        return {"communes": communes}

    def save(self, path: Optional[Path] = None) -> Path:
        """Write atomically (temporary file + rename), readable by the owner only."""
        target = Path(path or self.path or "")
        if not str(target):
            raise ValueError("no teams file path")
        target.parent.mkdir(parents=True, exist_ok=True)
        text = HEADER + yaml.safe_dump(self.to_data(), allow_unicode=True, sort_keys=False,
                                       default_flow_style=False)
        fd, tmp = tempfile.mkstemp(prefix=".teams-", suffix=".yml", dir=str(target.parent))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        self.path = target
        return target


# -------------------------------------------------------------------------------- loading


class _Checker:
    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[str] = []
        self._constructor = SafeConstructor()

    def problem(self, node: Optional[Node], where: str, message: str) -> None:
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        self.problems.append(f"{self.filename}{line}: {where}: {message}")

    def scalar(self, node: Node) -> Any:
        return self._constructor.construct_object(node, deep=True)


def _pairs(checker: _Checker, node: MappingNode, where: str) -> list[tuple[str, Node, Node]]:
    out, seen = [], set()
    for key_node, value_node in node.value:
        key = checker.scalar(key_node) if isinstance(key_node, ScalarNode) else None
        if not isinstance(key, (str, int)):
            checker.problem(key_node, where, "tên mục phải là một tên đơn giản")
            continue
        key = str(key)
        if key in seen:
            checker.problem(key_node, f"{where}.{key}", "bị ghi hai lần")
            continue
        seen.add(key)
        out.append((key, key_node, value_node))
    return out


def _int(checker: _Checker, node: Node, where: str) -> Optional[int]:
    value = checker.scalar(node) if isinstance(node, ScalarNode) else None
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            return int(value.strip())
        checker.problem(node, where, "phải là một số nguyên (mã Telegram)")
        return None
    return value


def _member(checker: _Checker, node: Node, where: str) -> Optional[Member]:
    if not isinstance(node, MappingNode):
        checker.problem(node, where, "phải gồm name, role, telegram_id")
        return None
    values: dict[str, Any] = {}
    present: set[str] = set()
    ok = True
    for key, key_node, value_node in _pairs(checker, node, where):
        present.add(key)
        if key not in MEMBER_FIELDS:
            checker.problem(key_node, f"{where}.{key}",
                            f"mục lạ (chỉ dùng {', '.join(MEMBER_FIELDS)})")
            ok = False
            continue
        if key == "telegram_id":
            number = _int(checker, value_node, f"{where}.telegram_id")
            if number is not None and number <= 0:
                checker.problem(value_node, f"{where}.telegram_id",
                                "mã Telegram của một người là số dương")
                number = None
            ok = ok and number is not None
            values[key] = number
        else:
            value = checker.scalar(value_node) if isinstance(value_node, ScalarNode) else None
            if not isinstance(value, str) or not value.strip():
                checker.problem(value_node, f"{where}.{key}", "phải có nội dung (không để trống)")
                ok = False
                continue
            if key == "role" and value.strip() not in ROLES:
                checker.problem(value_node, f"{where}.role",
                                f"{value!r} không phải vai trò; dùng một trong: {', '.join(ROLES)}")
                ok = False
                continue
            values[key] = value.strip()
    for name in MEMBER_FIELDS:
        if name not in present:
            checker.problem(node, f"{where}.{name}", "còn thiếu")
            ok = False
    if not ok:
        return None
    return Member(name=values["name"], role=values["role"], telegram_id=values["telegram_id"])


def parse_teams(text: str, filename: str = "<teams>",
                known_communes: Optional[Iterable[str]] = None) -> Teams:
    """Teams from YAML text; raises TeamsFileError listing every problem with its line."""
    checker = _Checker(filename)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise TeamsFileError([f"{filename}{line}: lỗi cú pháp YAML: "
                              f"{getattr(exc, 'problem', None) or exc}"]) from None
    teams = Teams()
    if root is None:
        return teams
    if not isinstance(root, MappingNode):
        raise TeamsFileError([f"{filename}:{root.start_mark.line + 1}: cấp ngoài cùng: "
                              "phải có mục 'communes'"])
    known = set(known_communes) if known_communes is not None else None
    communes_node = None
    for key, key_node, value_node in _pairs(checker, root, "cấp ngoài cùng"):
        if key != "communes":
            checker.problem(key_node, key, "mục lạ (chỉ dùng 'communes')")
        else:
            communes_node = value_node
    groups: dict[int, str] = {}
    if communes_node is not None and not (isinstance(communes_node, ScalarNode)
                                          and checker.scalar(communes_node) is None):
        if not isinstance(communes_node, MappingNode):
            checker.problem(communes_node, "communes", "phải ghi mỗi xã với tổ của xã đó")
        else:
            for commune, key_node, team_node in _pairs(checker, communes_node, "communes"):
                where = f"communes.{commune}"
                if not _COMMUNE_KEY.match(commune):
                    checker.problem(key_node, where, "mã xã chỉ gồm chữ thường không dấu, số và '_' "
                                    "(ví dụ thanh_phong)")
                    continue
                if known is not None and commune not in known:
                    checker.problem(key_node, where, "xã không có trong danh sách; các xã có: "
                                    + ", ".join(sorted(known)))
                team = Team(commune)
                if not isinstance(team_node, MappingNode):
                    checker.problem(team_node, where, "phải gồm group_chat_id và "
                                    "members")
                    continue
                for key, field_node, value_node in _pairs(checker, team_node, where):
                    if key not in TEAM_FIELDS:
                        checker.problem(field_node, f"{where}.{key}",
                                        f"mục lạ (chỉ dùng {', '.join(TEAM_FIELDS)})")
                    elif key == "group_chat_id":
                        if isinstance(value_node, ScalarNode) and checker.scalar(value_node) is None:
                            continue
                        chat = _int(checker, value_node, f"{where}.group_chat_id")
                        if chat is None:
                            continue
                        if chat >= 0:
                            checker.problem(value_node, f"{where}.group_chat_id",
                                            "mã nhóm Telegram là số âm (ví dụ -1001234567890);"
                                            " gửi /nhom trong nhóm để xem mã")
                            continue
                        if chat in groups:
                            checker.problem(value_node, f"{where}.group_chat_id",
                                            f"nhóm này đã dùng cho xã {groups[chat]!r}; "
                                            "mỗi tổ có một nhóm riêng")
                            continue
                        groups[chat] = commune
                        team.group_chat_id = chat
                    else:
                        if isinstance(value_node, ScalarNode) and checker.scalar(value_node) is None:
                            continue
                        if not isinstance(value_node, SequenceNode):
                            checker.problem(value_node, f"{where}.members", "phải là một danh sách")
                            continue
                        seen: set[int] = set()
                        for index, item in enumerate(value_node.value):
                            member = _member(checker, item, f"{where}.members[{index}]")
                            if member is None:
                                continue
                            if member.telegram_id in seen:
                                checker.problem(item, f"{where}.members[{index}].telegram_id",
                                                "người này bị ghi hai lần trong tổ")
                                continue
                            seen.add(member.telegram_id)
                            team.members.append(member)
                teams.teams[commune] = team
    if checker.problems:
        raise TeamsFileError(checker.problems)
    return teams


def load_teams(path: Path, known_communes: Optional[Iterable[str]] = None) -> Teams:
    """The teams file; a missing file means no team is registered yet (not an error)."""
    path = Path(path)
    if not path.exists():
        return Teams(path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TeamsFileError([f"{path}: không đọc được ({exc.__class__.__name__})"]) from None
    teams = parse_teams(text, str(path), known_communes)
    teams.path = path
    return teams


class TeamsCache:
    """The teams file, re-read when it changes on disk (so `dvcbot team add` needs no restart).

    If the file becomes invalid while the assistant runs, the last valid version stays in use
    and the problem is logged (file, line, field)."""

    def __init__(self, path: Path, known_communes: Optional[Iterable[str]] = None):
        self.path = Path(path)
        self.known = list(known_communes) if known_communes is not None else None
        self._lock = threading.Lock()
        self._stamp: object = None
        self._teams = Teams(path=self.path)

    def _signature(self) -> object:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def get(self) -> Teams:
        with self._lock:
            stamp = self._signature()
            if stamp != self._stamp:
                try:
                    self._teams = load_teams(self.path, self.known)
                except TeamsFileError as exc:
                    for line in exc.problems:
                        logger.error("teams file: %s", line)
                self._stamp = stamp
            return self._teams
