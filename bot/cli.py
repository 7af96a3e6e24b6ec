"""The `dvcbot` command.

Each sub-command lives in its own module and is imported only when used, so that
`dvcbot kb validate` does not pay for loading TensorFlow. A module named here must
expose `main(argv: list[str]) -> int`.
"""

from __future__ import annotations

import importlib
import sys

from bot.operator_cli import OPERATOR_COMMANDS, vietnamese_argparse

COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("bot.runner", "start the action server, the Rasa server and a terminal chat"),
    "train": ("bot.training", "train the Rasa model when its inputs changed"),
    "understand": ("bot.nlu.understand", "read messages on stdin, print intent/procedure JSON lines"),
    "bench": ("bot.bench", "benchmarks: `dvcbot bench nlu`"),
    "kb": ("knowledge.cli", "cơ sở tri thức: kiểm tra, xuất, tìm, nạp (validate, export, search, load)"),
    "poller": ("actions.portal.poller", "check followed dossiers and notify citizens of changes"),
    "portal-sim": ("actions.portal.simulator", "the fake province portal (demo dossiers, faults on demand)"),
    "qr": ("bot.qr", "mã QR và tờ rơi A5 để in cho một xã"),
    "receipt": ("bot.receipt.cli", "read the dossier code on receipt photos (QR, barcode, OCR)"),
    "team": ("bot.handoff.cli", "tổ tình nguyện viên và cán bộ: add, remove, set-group, list, check"),
    "report": ("bot.report", "báo cáo vận hành: tin nhắn, ý định, câu chưa hiểu, chuyển người thật, QR"),
    "purge": ("bot.privacy", "xóa hoặc che dữ liệu cá nhân đã hết hạn lưu (DVCBOT_RETENTION_DAYS)"),
    "handoff-watch": ("bot.handoff.watcher", "re-announce, escalate and expire hand-off tickets"),
    "telegram": ("bot.channels.telegram_polling", "Telegram: --polling (no public HTTPS), --set-webhook URL, --info"),
    "zalo": ("bot.channels.zalo_admin", "Zalo OA: --status, --set-tokens, --refresh, --retry-outbox"),
    "settings": ("bot.core.settings", "every environment variable: section, default, meaning, value"),
}


def usage() -> str:
    lines = ["usage: dvcbot <command> [options]", "", "commands:"]
    width = max(len(name) for name in COMMANDS)
    for name, (_, help_text) in COMMANDS.items():
        lines.append(f"  {name.ljust(width)}  {help_text}")
    lines.append("")
    lines.append("`dvcbot <command> --help` shows a command's options "
                 "(lệnh cho người vận hành: " + ", ".join(sorted(OPERATOR_COMMANDS & set(COMMANDS)))
                 + " — `--help` bằng tiếng Việt).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from bot.core.settings import check
    from bot.paths import make_private

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["settings"]:   # shows the problems itself, beside every value
        return int(importlib.import_module(COMMANDS["settings"][0]).main(argv[1:]) or 0)
    problems = check()   # before any process starts (`dvcbot run`) or any file is written
    if problems:
        print("dvcbot: some settings (environment variables) are wrong; `dvcbot settings` lists "
              "them all:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return 2
    make_private()   # conversations, tokens and logs are written private (umask 077)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"dvcbot: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    if name in OPERATOR_COMMANDS:
        with vietnamese_argparse():
            return int(module.main(rest) or 0)
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
