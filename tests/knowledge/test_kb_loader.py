"""Loading YAML into the database: idempotent, and a bad edit never wipes good data."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge import models as m
from knowledge.base import KnowledgeBase
from knowledge.cli import main as kb_main
from knowledge.loader import load, make_engine
from knowledge.validate import KnowledgeError
from kb_testutil import edit


def _snapshot(engine) -> dict:
    with Session(engine, future=True) as s:
        counts = {t.__tablename__: s.execute(select(func.count()).select_from(t)).scalar_one()
                  for t in (m.Procedure, m.Alias, m.Fee, m.RequiredDocument, m.Form, m.ProcessingTime, m.Channel,
                            m.OnlineSubmission, m.Source, m.Commune, m.FormerUnit, m.Office, m.OnlineStep)}
        fees = s.execute(select(m.Procedure.key, m.Fee.case, m.Fee.amount, m.Fee.online_amount)
                         .join(m.Fee, m.Fee.procedure_id == m.Procedure.id)
                         .order_by(m.Procedure.key, m.Fee.position)).all()
    return {"counts": counts, "fees": [tuple(r) for r in fees]}


def test_loading_twice_gives_the_same_database(data_copy, db_url):
    engine = make_engine(db_url)
    load(engine, data_copy)
    first = _snapshot(engine)
    load(engine, data_copy)
    assert _snapshot(engine) == first
    # one procedure per YAML file (17 canonical ones and the curated additions)
    assert first["counts"]["kb_procedure"] == len(list((data_copy / "procedures").glob("*.yml")))
    assert first["counts"]["kb_commune"] == 6


def test_a_failed_load_keeps_the_previous_data(data_copy, db_url):
    engine = make_engine(db_url)
    load(engine, data_copy)
    before = _snapshot(engine)
    edit(data_copy / "procedures" / "thuong_tru.yml", "    amount: 20000\n", "    amount: 25000\n")
    edit(data_copy / "procedures" / "tam_tru.yml", "  - tạm trú\n", "  - tạm trú\n  - nhập hộ khẩu\n")
    with pytest.raises(KnowledgeError) as info:
        load(engine, data_copy)
    assert any("bị trùng" in i.message for i in info.value.report.errors)
    after = _snapshot(engine)
    assert after == before  # the valid part of the edit (25000) was not written either


def test_knowledge_base_reloads_changed_yaml_and_keeps_old_data_on_errors(data_copy, db_url):
    kb = KnowledgeBase.open(db_url, data_copy)
    assert "20.000 đồng" in kb.answer("thuong_tru", "fee").text
    # an operator corrects a fee: the next open picks it up
    edit(data_copy / "procedures" / "thuong_tru.yml", "    amount: 20000\n", "    amount: 25000\n")
    KnowledgeBase.clear_cache()
    kb = KnowledgeBase.open(db_url, data_copy)
    assert "25.000 đồng" in kb.answer("thuong_tru", "fee").text
    # then breaks a file: the bot keeps answering from the last good data
    edit(data_copy / "procedures" / "thuong_tru.yml", "    amount: 25000\n", "    amount: 30.000\n")
    KnowledgeBase.clear_cache()
    kb = KnowledgeBase.open(db_url, data_copy)
    assert "25.000 đồng" in kb.answer("thuong_tru", "fee").text
    assert kb.load_report is not None and not kb.load_report.ok
    with pytest.raises(KnowledgeError):
        kb.reload()


def test_open_without_any_good_data_raises_with_the_report(data_copy, db_url):
    (data_copy / "procedures" / "ket_hon.yml").unlink()
    with pytest.raises(KnowledgeError) as info:
        KnowledgeBase.open(db_url, data_copy)
    assert any("ket_hon" in str(i) for i in info.value.report.errors)


def test_open_is_cached_per_arguments(data_copy, db_url):
    assert KnowledgeBase.open(db_url, data_copy) is KnowledgeBase.open(db_url, data_copy)


def test_default_database_url_comes_from_the_environment(data_copy, tmp_path, monkeypatch):
    target = tmp_path / "sub" / "env.sqlite3"
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{target}")
    monkeypatch.setenv("DVCBOT_KNOWLEDGE_DIR", str(data_copy))
    kb = KnowledgeBase.open()
    assert target.exists()
    assert kb.procedure_name("ket_hon") == "Đăng ký kết hôn"


def test_open_without_arguments_follows_the_environment(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("DVCBOT_KNOWLEDGE_DIR", str(data_copy))
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'a.sqlite3'}")
    first = KnowledgeBase.open()
    assert KnowledgeBase.open() is first            # kept while the settings stay the same
    monkeypatch.setenv("DVCBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'b.sqlite3'}")
    second = KnowledgeBase.open()
    assert second is not first and (tmp_path / "b.sqlite3").exists()
    assert second.procedure_name("khai_sinh") == first.procedure_name("khai_sinh")


# ---------------------------------------------------------------- the `dvcbot kb` command

def test_cli_validate_ok_and_failing(data_copy, capsys):
    assert kb_main(["validate", "--data-dir", str(data_copy), "--no-warnings"]) == 0
    edit(data_copy / "procedures" / "khai_tu.yml", "    amount: 0\n", "    amount: free\n")
    assert kb_main(["validate", "--data-dir", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "khai_tu.yml:" in out and "fees[0].amount: lỗi" in out


def test_cli_load_export_json_and_csv(data_copy, db_url, capsys):
    assert kb_main(["load", "--data-dir", str(data_copy), "--database-url", db_url]) == 0
    capsys.readouterr()
    assert kb_main(["export", "--data-dir", str(data_copy), "--database-url", db_url]) == 0
    procs = json.loads(capsys.readouterr().out)
    assert len(procs) == len(list((data_copy / "procedures").glob("*.yml")))
    khai_sinh = next(p for p in procs if p["key"] == "khai_sinh")
    assert khai_sinh["ma_tthc"] == "1.001193"
    assert all(f["source"] for f in khai_sinh["fees"] if f["status"] != "unknown")
    assert kb_main(["export", "--format", "csv", "--data-dir", str(data_copy), "--database-url", db_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("procedure,name,ma_tthc,section")
    assert any(line.startswith("thuong_tru,") and ",fees," in line and ",20000,10000," in line for line in lines)


def test_cli_load_refuses_broken_yaml(data_copy, db_url, capsys):
    edit(data_copy / "online_guide.yml", "steps:\n", "steps:\n  - text: Bước 0 không có nguồn\n")
    assert kb_main(["load", "--data-dir", str(data_copy), "--database-url", db_url]) == 1
    assert "online_guide.yml:" in capsys.readouterr().out


def test_cli_search_prints_ranked_procedures(capsys):
    assert kb_main(["search", "so", "do", "lan", "dau"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "dat_dai_lan_dau" in first
    assert kb_main(["search", "qwerty"]) == 1
