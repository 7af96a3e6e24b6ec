"""Operator commands answer in Vietnamese (argparse's own words too); developer commands stay
English. Each command runs as the operator types it: `dvcbot <command> ...`."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from bot.operator_cli import vietnamese_argparse

DVCBOT = str(Path(sys.executable).parent / "dvcbot")


def dvcbot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([DVCBOT, *args], capture_output=True, text=True, timeout=120)


def test_the_knowledge_base_command_helps_in_vietnamese():
    done = dvcbot("kb", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("cách dùng: dvcbot kb")
    assert "hiện hướng dẫn này rồi thoát" in done.stdout


def test_an_operator_typo_is_refused_in_vietnamese():
    done = dvcbot("kb", "valdate")
    assert done.returncode == 2
    assert "dvcbot kb: lỗi: tham số" in done.stderr and "giá trị không hợp lệ: 'valdate'" in done.stderr


def test_developer_commands_stay_english():
    done = dvcbot("train", "--help")
    assert done.stdout.startswith("usage: dvcbot train")


def test_the_vietnamese_words_do_not_leak_out_of_an_operator_command():
    with vietnamese_argparse():
        inside = argparse.ArgumentParser(prog="x").format_usage()
    outside = argparse.ArgumentParser(prog="x").format_usage()
    assert inside.startswith("cách dùng: ") and outside.startswith("usage: ")
