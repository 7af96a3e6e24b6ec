"""`dvcbot team`: register volunteers and officials per commune.

    dvcbot team add --commune "Thạnh Phong" --role volunteer --telegram-id 111111111 --name "Nguyễn Văn An"
    dvcbot team remove --commune thanh_phong --telegram-id 111111111
    dvcbot team set-group --commune "Thạnh Phong" --chat-id -1001234567890
    dvcbot team list [--commune X]
    dvcbot team check          # validate the teams file and texts.yml (file:line: field: problem)

The file is DVCBOT_TEAMS_FILE (default var/teams.yml). A commune may be given by its key, its
new name or a former name ("An Nhơn" -> an_qui). To find a group's id, add the bot to the
group and send /nhom there; it also shows the sender's Telegram id.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional

from bot.handoff import kb
from bot.handoff.config import teams_file
from bot.handoff.teams import ROLES, Member, TeamsFileError, load_teams
from bot.handoff.texts import TextsError, check_texts


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dvcbot team",
                                     description="volunteer teams and officials per commune")
    parser.add_argument("--file", help="teams file (default: DVCBOT_TEAMS_FILE or var/teams.yml)")
    sub = parser.add_subparsers(dest="action", required=True)
    add = sub.add_parser("add", help="add (or update) a member")
    add.add_argument("--commune", required=True)
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--telegram-id", required=True, type=int)
    add.add_argument("--name", required=True)
    remove = sub.add_parser("remove", help="remove a member from a commune's team")
    remove.add_argument("--commune", required=True)
    remove.add_argument("--telegram-id", required=True, type=int)
    group = sub.add_parser("set-group", help="set the team's Telegram group (negative id)")
    group.add_argument("--commune", required=True)
    group.add_argument("--chat-id", required=True, type=int)
    listing = sub.add_parser("list", help="show the teams")
    listing.add_argument("--commune")
    sub.add_parser("check", help="validate the teams file and the hand-off texts")
    return parser


def _commune(value: str) -> Optional[str]:
    key = kb.resolve_commune(value)
    if key is None:
        known = ", ".join(f"{k} ({n})" for k, n in kb.communes()) or "(knowledge base unavailable)"
        print(f"dvcbot team: unknown commune {value!r}; known: {known}", file=sys.stderr)
    return key


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    path = teams_file(args.file)
    known = kb.commune_keys()
    try:
        teams = load_teams(path, known)
    except TeamsFileError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        print(f"dvcbot team: fix {path} first", file=sys.stderr)
        return 1

    if args.action == "check":
        status = 0
        try:
            check_texts()
        except TextsError as exc:
            print(exc, file=sys.stderr)
            status = 1
        members = sum(len(t.members) for t in teams.teams.values())
        print(f"{path}: {len(teams.teams)} team(s), {members} member(s)"
              + ("" if path.exists() else " (file does not exist yet)"))
        for team in teams.teams.values():
            if team.group_chat_id is None:
                print(f"  warning: {team.commune}: no group_chat_id; tickets cannot be posted")
            if not team.volunteers:
                print(f"  warning: {team.commune}: no volunteer")
            if not team.officials:
                print(f"  warning: {team.commune}: no official to escalate to")
        return status

    if args.action == "list":
        wanted = _commune(args.commune) if args.commune else None
        if args.commune and wanted is None:
            return 2
        if not teams.teams:
            print(f"no team registered ({path})")
            return 0
        for key in sorted(teams.teams):
            if wanted and key != wanted:
                continue
            team = teams.teams[key]
            group = team.group_chat_id if team.group_chat_id is not None else "(chưa có nhóm)"
            print(f"{kb.commune_name(key)} [{key}]  group {group}")
            for m in team.members:
                print(f"  {m.role:<9}  {m.telegram_id:>12}  {m.name}")
            if not team.members:
                print("  (no member)")
        return 0

    commune = _commune(args.commune)
    if commune is None:
        return 2
    if args.action == "add":
        name = " ".join(args.name.split())
        if not name:
            print("dvcbot team: --name must not be empty", file=sys.stderr)
            return 2
        if args.telegram_id <= 0:
            print("dvcbot team: --telegram-id is a person's id, a positive number "
                  "(send /nhom in the team's group to see it)", file=sys.stderr)
            return 2
        what = teams.add_member(commune, Member(name=name, role=args.role,
                                                telegram_id=args.telegram_id))
        teams.save(path)
        print(f"{what}: {args.role} {name} in {kb.commune_name(commune)} ({path})")
        if teams.team(commune).group_chat_id is None:
            print(f"note: {commune} has no group yet: dvcbot team set-group --commune {commune} "
                  "--chat-id <id shown by /nhom>")
        return 0
    if args.action == "remove":
        if not teams.remove_member(commune, args.telegram_id):
            print(f"dvcbot team: {args.telegram_id} is not in {commune}'s team", file=sys.stderr)
            return 1
        teams.save(path)
        print(f"removed {args.telegram_id} from {kb.commune_name(commune)}")
        return 0
    if args.action == "set-group":
        if args.chat_id >= 0:
            print("dvcbot team: a Telegram group id is negative (e.g. -1001234567890)",
                  file=sys.stderr)
            return 2
        try:
            teams.set_group(commune, args.chat_id)
        except ValueError as exc:
            print(f"dvcbot team: {exc}", file=sys.stderr)
            return 1
        teams.save(path)
        print(f"group {args.chat_id} set for {kb.commune_name(commune)}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
