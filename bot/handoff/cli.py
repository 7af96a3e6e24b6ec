"""`dvcbot team`: register volunteers and officials per commune.

    dvcbot team add --commune "Thạnh Phong" --role volunteer --telegram-id 111111111 --name "Nguyễn Văn An"
    dvcbot team remove --commune thanh_phong --telegram-id 111111111
    dvcbot team set-group --commune "Thạnh Phong" --chat-id -1001234567890
    dvcbot team list [--commune X]
    dvcbot team check          # validate the teams file and texts.yml (file:line: field: problem)

Help and messages are in Vietnamese: operators use this command.

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
                                     description="tổ tình nguyện viên và cán bộ của từng xã")
    parser.add_argument("--file", metavar="TỆP",
                        help="tệp danh sách tổ (mặc định: DVCBOT_TEAMS_FILE hoặc var/teams.yml)")
    sub = parser.add_subparsers(dest="action", required=True, metavar="LỆNH",
                                title="lệnh", description="add, remove, set-group, list, check")
    commune_help = "xã: mã, tên mới hoặc tên cũ (ví dụ \"An Nhơn\")"
    add = sub.add_parser("add", help="thêm (hoặc sửa) một thành viên")
    add.add_argument("--commune", required=True, metavar="XÃ", help=commune_help)
    add.add_argument("--role", required=True, choices=ROLES,
                     help="volunteer (tình nguyện viên) hoặc official (cán bộ)")
    add.add_argument("--telegram-id", required=True, type=int, metavar="SỐ",
                     help="mã Telegram của người đó (nhắn /nhom trong nhóm để xem)")
    add.add_argument("--name", required=True, metavar="TÊN", help="họ tên")
    remove = sub.add_parser("remove", help="bỏ một thành viên khỏi tổ của xã")
    remove.add_argument("--commune", required=True, metavar="XÃ", help=commune_help)
    remove.add_argument("--telegram-id", required=True, type=int, metavar="SỐ")
    group = sub.add_parser("set-group", help="đặt nhóm Telegram của tổ (mã nhóm là số âm)")
    group.add_argument("--commune", required=True, metavar="XÃ", help=commune_help)
    group.add_argument("--chat-id", required=True, type=int, metavar="SỐ_ÂM",
                       help="mã nhóm, ví dụ -1001234567890 (nhắn /nhom trong nhóm để xem)")
    listing = sub.add_parser("list", help="xem các tổ")
    listing.add_argument("--commune", metavar="XÃ", help=commune_help)
    sub.add_parser("check", help="kiểm tra tệp danh sách tổ và các câu chữ chuyển người thật")
    return parser


def _commune(value: str) -> Optional[str]:
    key = kb.resolve_commune(value)
    if key is None:
        known = ", ".join(f"{k} ({n})" for k, n in kb.communes()) or "(không mở được cơ sở tri thức)"
        print(f"dvcbot team: không biết xã {value!r}; các xã: {known}", file=sys.stderr)
    return key


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    path = teams_file(args.file)
    known = kb.commune_keys()
    try:
        teams = load_teams(path, known)
    except TeamsFileError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        print(f"dvcbot team: hãy sửa {path} trước", file=sys.stderr)
        return 1

    if args.action == "check":
        status = 0
        try:
            check_texts()
        except TextsError as exc:
            print(exc, file=sys.stderr)
            status = 1
        members = sum(len(t.members) for t in teams.teams.values())
        print(f"{path}: {len(teams.teams)} tổ, {members} thành viên"
              + ("" if path.exists() else " (tệp chưa có)"))
        for team in teams.teams.values():
            if team.group_chat_id is None:
                print(f"  cảnh báo: {team.commune}: chưa có group_chat_id; không đăng phiếu được")
            if not team.volunteers:
                print(f"  cảnh báo: {team.commune}: chưa có tình nguyện viên")
            if not team.officials:
                print(f"  cảnh báo: {team.commune}: chưa có cán bộ để báo lên")
        return status

    if args.action == "list":
        wanted = _commune(args.commune) if args.commune else None
        if args.commune and wanted is None:
            return 2
        if not teams.teams:
            print(f"chưa có tổ nào ({path})")
            return 0
        for key in sorted(teams.teams):
            if wanted and key != wanted:
                continue
            team = teams.teams[key]
            group = team.group_chat_id if team.group_chat_id is not None else "(chưa có nhóm)"
            print(f"{kb.commune_name(key)} [{key}]  nhóm {group}")
            for m in team.members:
                print(f"  {m.role:<9}  {m.telegram_id:>12}  {m.name}")
            if not team.members:
                print("  (chưa có thành viên)")
        return 0

    commune = _commune(args.commune)
    if commune is None:
        return 2
    if args.action == "add":
        name = " ".join(args.name.split())
        if not name:
            print("dvcbot team: --name không được để trống", file=sys.stderr)
            return 2
        if args.telegram_id <= 0:
            print("dvcbot team: --telegram-id là mã của một người, số dương "
                  "(nhắn /nhom trong nhóm của tổ để xem)", file=sys.stderr)
            return 2
        what = teams.add_member(commune, Member(name=name, role=args.role,
                                                telegram_id=args.telegram_id))
        teams.save(path)
        done = {"added": "đã thêm", "updated": "đã cập nhật"}.get(what, what)
        print(f"{done}: {args.role} {name} ở {kb.commune_name(commune)} ({path})")
        if teams.team(commune).group_chat_id is None:
            print(f"lưu ý: {commune} chưa có nhóm: dvcbot team set-group --commune {commune} "
                  "--chat-id <mã /nhom cho thấy>")
        return 0
    if args.action == "remove":
        if not teams.remove_member(commune, args.telegram_id):
            print(f"dvcbot team: {args.telegram_id} không có trong tổ của {commune}", file=sys.stderr)
            return 1
        teams.save(path)
        print(f"đã bỏ {args.telegram_id} khỏi tổ {kb.commune_name(commune)}")
        return 0
    if args.action == "set-group":
        if args.chat_id >= 0:
            print("dvcbot team: mã nhóm Telegram là số âm (ví dụ -1001234567890)",
                  file=sys.stderr)
            return 2
        try:
            teams.set_group(commune, args.chat_id)
        except ValueError as exc:
            print(f"dvcbot team: {exc}", file=sys.stderr)
            return 1
        teams.save(path)
        print(f"đã đặt nhóm {args.chat_id} cho {kb.commune_name(commune)}")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
