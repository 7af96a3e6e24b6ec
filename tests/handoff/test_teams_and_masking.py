"""Registering teams (`dvcbot team`), the teams file's error messages, and masking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.handoff.cli import main as team_main
from bot.core.masking import mask_personal
from bot.handoff.teams import TeamsFileError, load_teams, parse_teams
from bot.handoff.texts import check_texts
from bot.paths import REPO_ROOT

KNOWN = ["an_qui", "dai_dien", "quoi_dien", "thanh_hai", "thanh_phong", "thanh_phu"]


def test_operator_registers_a_team_with_the_command(tmp_path: Path, capsys):
    path = tmp_path / "teams.yml"
    assert team_main(["--file", str(path), "add", "--commune", "An Nhơn", "--role", "volunteer",
                      "--telegram-id", "42", "--name", "Tô  Văn Tám"]) == 0
    assert "xã An Qui" in capsys.readouterr().out          # former name resolved
    assert team_main(["--file", str(path), "add", "--commune", "an_qui", "--role", "official",
                      "--telegram-id", "43", "--name", "Võ Thị Chín"]) == 0
    assert team_main(["--file", str(path), "set-group", "--commune", "xã An Qui",
                      "--chat-id", "-100777"]) == 0
    teams = load_teams(path, KNOWN)
    team = teams.team("an_qui")
    assert team.group_chat_id == -100777
    assert [(m.name, m.role, m.telegram_id) for m in team.members] == [
        ("Tô Văn Tám", "volunteer", 42), ("Võ Thị Chín", "official", 43)]
    assert (path.stat().st_mode & 0o077) == 0               # personal ids: owner only
    capsys.readouterr()
    assert team_main(["--file", str(path), "list"]) == 0
    listing = capsys.readouterr().out
    assert "xã An Qui [an_qui]  nhóm -100777" in listing and "Tô Văn Tám" in listing
    # a second commune cannot share the group
    assert team_main(["--file", str(path), "set-group", "--commune", "thanh_hai",
                      "--chat-id", "-100777"]) == 1
    assert team_main(["--file", str(path), "add", "--commune", "Hà Nội", "--role", "volunteer",
                      "--telegram-id", "1", "--name", "X"]) == 2
    assert "dvcbot team: không biết xã 'Hà Nội'; các xã: " in capsys.readouterr().err
    assert team_main(["--file", str(path), "remove", "--commune", "an_qui",
                      "--telegram-id", "42"]) == 0
    assert [m.telegram_id for m in load_teams(path, KNOWN).team("an_qui").members] == [43]


def test_dvcbot_team_helps_and_refuses_in_vietnamese(tmp_path: Path):
    dvcbot = str(Path(sys.executable).parent / "dvcbot")
    helped = subprocess.run([dvcbot, "team", "add", "--help"], capture_output=True, text=True,
                            timeout=120)
    assert helped.returncode == 0 and helped.stdout.startswith("cách dùng: dvcbot team add")
    assert "mã Telegram của người đó" in helped.stdout
    wrong = subprocess.run([dvcbot, "team", "--file", str(tmp_path / "t.yml"), "add", "--commune",
                            "an_qui", "--role", "boss", "--telegram-id", "5", "--name", "A"],
                           capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 2
    assert "lỗi: tham số --role: giá trị không hợp lệ: 'boss' (chọn một trong:" in wrong.stderr


def test_dvcbot_team_runs_as_a_command(tmp_path: Path):
    path = tmp_path / "teams.yml"
    done = subprocess.run([sys.executable, "-m", "bot.handoff.cli", "--file", str(path), "add",
                           "--commune", "Thạnh Phong", "--role", "volunteer", "--telegram-id",
                           "77", "--name", "Nguyễn Văn Bảy"], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert yaml.safe_load(path.read_text())["communes"]["thanh_phong"]["members"][0]["telegram_id"] == 77


def test_teams_file_errors_name_file_line_and_field():
    text = """\
communes:
  thanh_phong:
    group_chat_id: 12345
    members:
      - name: A
        role: boss
        telegram_id: abc
      - name: B
        role: volunteer
  ha_noi:
    group_chat_id: -100
  an_qui:
    group_chat_id: -100
    colour: red
"""
    with pytest.raises(TeamsFileError) as error:
        parse_teams(text, "teams.yml", KNOWN)
    problems = error.value.problems
    assert "teams.yml:3: communes.thanh_phong.group_chat_id: mã nhóm Telegram là số âm" \
        in problems[0]
    assert any(p.startswith("teams.yml:6: communes.thanh_phong.members[0].role: 'boss' không phải vai trò")
               for p in problems)
    assert any(p.startswith("teams.yml:7: communes.thanh_phong.members[0].telegram_id:")
               for p in problems)
    assert "teams.yml:8: communes.thanh_phong.members[1].telegram_id: còn thiếu" in problems
    assert any(p.startswith("teams.yml:10: communes.ha_noi: xã không có trong danh sách") for p in problems)
    assert any(p.startswith("teams.yml:13: communes.an_qui.group_chat_id: nhóm này đã dùng cho xã")
               for p in problems)
    assert any(p.startswith("teams.yml:14: communes.an_qui.colour: mục lạ") for p in problems)
    with pytest.raises(TeamsFileError) as broken:
        parse_teams("communes:\n  a: [\n", "t.yml")
    assert broken.value.problems[0].startswith("t.yml:")


def test_example_teams_file_and_texts_are_valid():
    example = REPO_ROOT / "bot" / "handoff" / "teams.example.yml"
    teams = load_teams(example, KNOWN)
    assert teams.team("thanh_phong").officials and teams.team("an_qui").volunteers
    assert check_texts()


def test_missing_teams_file_means_no_team(tmp_path: Path):
    assert load_teams(tmp_path / "none.yml").teams == {}


@pytest.mark.parametrize("raw, masked", [
    ("sdt 0912 345 678 nhe", "sdt **** *** *78 nhe"),
    ("goi +84 912345678", "goi +** *******78"),
    ("cccd 083095001234", "cccd **********34"),
    ("cmnd: 321456789", "cmnd: *******89"),
    ("ho so 000.00.12.H05-211020-0001 toi dau", "ho so 000.00.12.H05-******-**01 toi dau"),
    ("38.98.H29 - 210519 - 0013", "38.98.H29-******-**13"),
    ("mail toi abc.def@gmail.com", "mail toi ***@gmail.com"),
    ("le phi 1.500.000 đồng, ngay 12/05/2024", "le phi 1.500.000 đồng, ngay 12/05/2024"),
    ("lam khai sinh can gi", "lam khai sinh can gi"),
])
def test_personal_numbers_are_masked(raw, masked):
    assert mask_personal(raw) == masked
    assert mask_personal(masked) == masked
