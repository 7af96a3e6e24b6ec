"""`rasa data validate --data nlu_data/train`, Rasa's own check, passes on the repository with
nothing set, and every warning it gives is explained in domain.yml: a response sent by a custom
action (or by Rasa itself) says by whom on its line, and that code really sends it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.paths import REPO_ROOT

RASA = str(Path(sys.executable).parent / "rasa")
CLEAN_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root")}
WARNING = re.compile(r"/rasa/[\w/]+\.py:\d+: UserWarning: (.*)")
UNUSED = re.compile(r"The utterance '(\w+)' is not used in any story or rule\.")
NO_EXAMPLES = re.compile(r"The intent '(\w+)' is listed in the domain file, but is not found in the NLU training data\.")
SENT_BY = re.compile(r"^  (\w+):\s+# (?:sent|asked) by .*\(([^)]*)\)\s*$")


@pytest.fixture(scope="module")
def validation() -> tuple[int, list[str]]:
    done = subprocess.run([RASA, "data", "validate", "--data", "nlu_data/train"], cwd=REPO_ROOT,
                          env=CLEAN_ENV, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    return done.returncode, [m.group(1).strip() for m in WARNING.finditer(output)]


def explained_responses() -> dict[str, list[str]]:
    """response -> the files its domain.yml comment names as sending it."""
    found = {}
    for line in (REPO_ROOT / "domain.yml").read_text(encoding="utf-8").splitlines():
        match = SENT_BY.match(line)
        if match:
            found[match.group(1)] = [part.strip() for part in re.split(r",| and ", match.group(2))
                                     if part.strip().endswith((".py", ".yml", "forms"))]
    return found


def test_rasa_data_validate_passes(validation):
    code, warnings = validation
    assert code == 0, warnings


def test_every_response_rasa_calls_unused_is_sent_from_where_domain_yml_says(validation):
    _, warnings = validation
    unused = {m.group(1) for w in warnings if (m := UNUSED.match(w))}
    explained = explained_responses()
    assert unused - set(explained) == set(), "responses neither used by a rule nor explained"
    for name in unused:
        sources = [s for s in explained[name] if s.endswith(".py")]
        if name.startswith("utter_ask_"):       # a form asks utter_ask_<slot> by itself
            slot = name[len("utter_ask_"):]
            text = "".join((REPO_ROOT / s).read_text(encoding="utf-8") for s in sources) \
                + (REPO_ROOT / "domain.yml").read_text(encoding="utf-8").split("forms:")[1]
            assert slot in text, f"{name}: no form asks for slot {slot}"
            continue
        assert sources, f"{name}: the comment names no file"
        assert any(f'"{name}"' in (REPO_ROOT / s).read_text(encoding="utf-8") for s in sources), \
            f"{name} is not sent from {sources}"


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
