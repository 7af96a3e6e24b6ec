"""`dvcbot understand`: an operator pipes messages in and reads JSON lines out."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from bot.nlu.understand import canonical_intent, latest_model
from tests.nlu.conftest import REPO, repo_env

KEYS = {"text", "intent", "confidence", "procedure", "dossier_code", "aspects"}
CANONICAL_INTENTS = {
    "ask_documents", "ask_fee", "ask_processing_time", "ask_where", "ask_online", "ask_form",
    "ask_procedure", "check_dossier_status", "subscribe_dossier", "request_human", "ask_office",
    "feedback", "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "out_of_scope",
}


def understand(args, stdin: bytes, timeout=600):
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "understand", *args],
        input=stdin, capture_output=True, cwd=REPO, env=repo_env(), timeout=timeout,
    )


def test_without_a_model_it_fails_and_names_the_command_that_trains_one(tmp_path):
    result = understand(["--models-dir", str(tmp_path)], b"xin chao\n", timeout=120)
    assert result.returncode != 0
    assert b"make train" in result.stderr
    assert result.stdout == b""


def test_a_named_model_that_does_not_exist_is_an_error(tmp_path):
    result = understand(["--model", str(tmp_path / "nope.tar.gz")], b"xin chao\n", timeout=120)
    assert result.returncode != 0 and b"make train" in result.stderr


def test_the_newest_model_is_used(tmp_path):
    old, new = tmp_path / "old.tar.gz", tmp_path / "dvcbot.tar.gz"
    old.write_bytes(b"x")
    new.write_bytes(b"y")
    import os

    os.utime(old, (1_000_000, 1_000_000))
    assert latest_model(tmp_path) == new


def test_internal_intents_map_to_canonical_ones():
    assert canonical_intent("unsubscribe_dossier") == "subscribe_dossier"
    assert canonical_intent("next_step") == "ask_online"
    assert canonical_intent("ask_fee") == "ask_fee"


OBVIOUS = [
    # text, intent, procedure, dossier code (and the aspects asked: ASPECTS below)
    ("lam giay khai sinh can gi", "ask_documents", "khai_sinh", None),
    ("đổi cccd hết bao nhiêu tiền", "ask_fee", "can_cuoc", None),
    ("hồ sơ 000.00.12.H05-211020-0001 tới đâu rồi", "check_dossier_status", None,
     "000.00.12.H05-211020-0001"),
    ("cảm ơn nhiều nha", "thank", None, None),
    ("Mẹ tôi mất thì đến cơ quan nào để đăng ký khai tử, phải chuẩn bị những giấy tờ gì?",
     "ask_where", "khai_tu", None),
    ("cha toi moi mat can lam giay to gi", "ask_documents", "khai_tu", None),
]
ASPECTS = [["documents"], ["fee"], [], [], ["where", "documents"], ["documents"]]


@pytest.fixture(scope="module")
def batch(nlu_model):
    """One process, one model load, >1,000 lines including odd ones."""
    lines = [t.encode() for t, *_ in OBVIOUS]
    lines += [b"", b"   ", b"\xff\xfe\xfa broken bytes", "😀😀".encode(), b"/start",
              "x".encode() * 3000]
    filler = ["cho hỏi làm sổ đỏ cần gì", "mat bao lau", "còn lệ phí thì sao?", "xin chào"]
    lines += [filler[i % len(filler)].encode() for i in range(1000)]
    started = time.perf_counter()
    result = understand(["--model", str(nlu_model)], b"\n".join(lines) + b"\n")
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    out = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    return lines, out, elapsed


def test_one_json_object_per_input_line_in_order(batch):
    lines, out, _ = batch
    assert len(out) == len(lines)
    for line, obj in zip(lines, out):
        assert set(obj) == KEYS
        assert obj["text"] == line.decode("utf-8", errors="replace")


def test_obvious_messages_are_understood(batch):
    _, out, _ = batch
    for (text, intent, procedure, code), obj in zip(OBVIOUS, out):
        assert (obj["intent"], obj["procedure"], obj["dossier_code"]) == (intent, procedure, code), text
        assert 0.0 <= obj["confidence"] <= 1.0
    assert [obj["aspects"] for obj in out[:len(OBVIOUS)]] == ASPECTS


def test_intents_are_always_canonical(batch):
    _, out, _ = batch
    for obj in out:
        if obj["text"].strip():
            assert obj["intent"] in CANONICAL_INTENTS, obj


def test_empty_lines_give_an_empty_answer_not_a_guess(batch):
    _, out, _ = batch
    blank = [obj for obj in out if not obj["text"].strip()]
    assert len(blank) == 2
    for obj in blank:
        assert obj["intent"] is None and obj["confidence"] == 0.0 and obj["procedure"] is None


def test_odd_lines_do_not_crash_and_slash_text_is_text(batch):
    _, out, _ = batch
    by_text = {obj["text"]: obj for obj in out}
    assert "\ufffd" in next(t for t in by_text if "broken bytes" in t)
    assert by_text["/start"]["intent"] in CANONICAL_INTENTS  # not Rasa's "/intent" payload syntax


def test_a_thousand_lines_do_not_reload_the_model(batch):
    lines, out, elapsed = batch
    # one model load is several seconds; reloading per line would take hours
    assert len(out) > 1000 and elapsed < 400
