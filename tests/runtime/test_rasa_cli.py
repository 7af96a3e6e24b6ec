"""`rasa data validate --data nlu_data/train`, Rasa's own check, passes on the repository with
nothing set and calls no response unused but Rasa's own utter_default: domain.yml holds only the
responses rules use and the one Rasa's fallback says; what
the custom actions say is in actions/replies.yml (bot.core.texts), every name they send is
declared there, and each slot of the form has its action_ask_<slot>."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.paths import REPO_ROOT

RASA = str(Path(sys.executable).parent / "rasa")
CLEAN_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root")}
WARNING = re.compile(r"/rasa/[\w/]+\.py:\d+: UserWarning: (.*)")
UNUSED = re.compile(r"The utterance '(\w+)' is not used in any story or rule\.")
NO_EXAMPLES = re.compile(r"The intent '(\w+)' is listed in the domain file, but is not found in the NLU training data\.")

@pytest.fixture(scope="module")
def validation() -> tuple[int, list[str]]:
    done = subprocess.run([RASA, "data", "validate", "--data", "nlu_data/train"], cwd=REPO_ROOT,
                          env=CLEAN_ENV, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    return done.returncode, [m.group(1).strip() for m in WARNING.finditer(output)]


def test_rasa_data_validate_passes(validation):
    code, warnings = validation
    assert code == 0, warnings


def test_no_response_is_left_unused_but_the_one_rasa_itself_says(validation):
    """utter_default is what Rasa's own action_default_fallback says (inside the Rasa server, so
    the citizen is answered even while the action server is down); Rasa's validator does not
    know its own default action, so it lists that one response, explained in domain.yml."""
    _, warnings = validation
    assert [UNUSED.match(w).group(1) for w in warnings if UNUSED.match(w)] == ["utter_default"]
    domain = (REPO_ROOT / "domain.yml").read_text(encoding="utf-8")
    comment = domain[:domain.index("  utter_default:\n")].splitlines()[-3:]
    assert all(line.strip().startswith("#") for line in comment)
    assert "action_default_fallback" in " ".join(comment)


def test_every_reply_an_action_sends_is_declared_and_every_form_slot_is_asked():
    from actions.replies import REPLIES

    sent = set()
    for source in (REPO_ROOT / "actions").glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert 'response="utter_' not in text, f"{source.name} sends a domain response by name"
        sent |= set(re.findall(r'say\(dispatcher, "(\w+)"', text))
    assert sent and sent <= set(REPLIES.declared)
    REPLIES.check()
    domain = yaml.safe_load((REPO_ROOT / "domain.yml").read_text(encoding="utf-8"))
    for form in domain["forms"].values():
        for slot in form["required_slots"]:
            assert f"action_ask_{slot}" in domain["actions"], slot
    # the core fallback is Rasa's own action (it answers even with the action server down)
    assert "action_default_fallback" not in domain["actions"]
    assert "utter_default" in domain["responses"]


def test_no_other_warning_is_left_unexplained(validation):
    _, warnings = validation
    domain = (REPO_ROOT / "domain.yml").read_text(encoding="utf-8")
    for warning in warnings:
        if UNUSED.match(warning):
            continue
        intent = NO_EXAMPLES.match(warning)
        assert intent, f"unexplained warning from rasa data validate: {warning}"
        before = domain[:domain.index(f"  - {intent.group(1)}\n")].splitlines()[-1]
        assert before.strip().startswith("#"), \
            f"intent {intent.group(1)} has no examples and no comment above it saying why"
