"""Operator commands answer in Vietnamese (argparse's own words too); developer commands stay
English. Each command runs as the operator types it: `dvcbot <command> ...`."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

from bot.operator_cli import vietnamese_argparse
from bot.paths import REPO_ROOT

DVCBOT = str(Path(sys.executable).parent / "dvcbot")


def dvcbot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([DVCBOT, *args], capture_output=True, text=True, timeout=120)


def test_the_knowledge_base_command_helps_in_vietnamese():
    done = dvcbot("kb", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("cách dùng: dvcbot kb")
    assert "hiện hướng dẫn này rồi thoát" in done.stdout


def test_the_sub_commands_help_in_vietnamese_too():
    assert "kiểm tra các tệp YAML" in dvcbot("kb", "--help").stdout
    done = dvcbot("kb", "catalog", "import", "--help")
    assert done.returncode == 0 and "thư mục thu thập" in done.stdout


def test_a_knowledge_base_error_is_in_vietnamese_and_names_file_line_and_field(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "knowledge" / "data", data, ignore=shutil.ignore_patterns("catalog"))
    messages = data / "messages.yml"
    text = messages.read_text(encoding="utf-8")
    messages.write_text(text.replace('copies: "{n} bản"', 'copies: "{so} bản"'), encoding="utf-8")
    line = next(number for number, content in enumerate(text.splitlines(), 1)
                if content.startswith("copies:"))
    done = dvcbot("kb", "validate", "--no-warnings", "--data-dir", str(data))
    assert done.returncode == 1
    assert f"{messages}:{line}: copies: lỗi: chỗ điền lạ {{so}}; chỉ được dùng: {{n}}" in done.stdout
    assert "CHƯA ĐẠT: 2 lỗi" in done.stderr        # the unknown {so} and the missing {n}


def test_the_validator_speaks_vietnamese_naming_file_line_and_yaml_field(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "knowledge" / "data", data, ignore=shutil.ignore_patterns("catalog"))
    path = data / "procedures" / "thuong_tru.yml"
    text = path.read_text(encoding="utf-8")
    assert "    amount: 20000\n    online_amount: 10000\n" in text
    path.write_text(text.replace("    amount: 20000\n    online_amount: 10000\n",
                                 "    amount: 20.000\n    onlin_amount: 10000\n", 1), encoding="utf-8")
    broken = path.read_text(encoding="utf-8").splitlines()
    amount = broken.index("    amount: 20.000") + 1
    typo = broken.index("    onlin_amount: 10000") + 1
    done = dvcbot("kb", "validate", "--data-dir", str(data))
    assert done.returncode == 1
    assert (f"{path}:{amount}: fees[0].amount: lỗi: số tiền 20.0 không phải số đồng chẵn: "
            "viết 20000, không viết 20.000") in done.stdout
    assert (f"{path}:{typo}: fees[0].onlin_amount: cảnh báo: tên mục lạ, bị bỏ qua "
            "(có phải bạn định viết 'online_amount'?)") in done.stdout
    assert "CHƯA ĐẠT: 1 lỗi" in done.stderr


def test_the_catalogue_import_shows_its_progress_stage_by_stage(tmp_path):
    crawl = tmp_path / "crawl"
    (crawl / "details").mkdir(parents=True)
    rows = [{"id": f"x{i}", "name": f"Thủ tục số {i}", "code": f"1.00{i:04d}", "type": "STANDARD"}
            for i in range(20)]
    (crawl / "catalog.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                         encoding="utf-8")
    (crawl / "manifest.json").write_text(json.dumps({"startedAt": "2026-07-18T09:13:46Z"}), encoding="utf-8")
    for row in rows[:4]:
        (crawl / "details" / f"{row['code']}.json").write_text(json.dumps({"code": row["code"], "data": {
            "id": row["id"], "code": row["code"], "name": row["name"], "updatedAt": 1776242191512}}),
            encoding="utf-8")
    done = dvcbot("kb", "catalog", "import", str(crawl), "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    progress = [line for line in done.stderr.splitlines() if line.startswith("dvcbot kb: ")]
    assert progress[0] == f"dvcbot kb: 1/3 đọc danh mục: 20 thủ tục ({crawl / 'catalog.jsonl'})"
    assert [line.split(": ", 2)[2] for line in progress[1:-1]] == [
        "1/4 (25%)", "2/4 (50%)", "3/4 (75%)", "4/4 (100%)"]
    assert progress[-1].startswith("dvcbot kb: 3/3 ghi vào ") and progress[-1].endswith("có thay đổi")
    assert done.stdout.startswith("đã nạp: 20 thủ tục, 4 bản ghi đầy đủ")


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
