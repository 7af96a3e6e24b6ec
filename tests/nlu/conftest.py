"""A small NLU model trained once per test session (real Rasa training, real data)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
# Fewer epochs than config.yml: enough for the obvious examples the tests check.
TEST_EPOCHS = 25


def repo_env(**extra: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def nlu_model(tmp_path_factory) -> Path:
    """Path of an NLU-only model trained from config.yml and nlu_data/train/nlu."""
    workdir = tmp_path_factory.mktemp("nlu-model")
    config = yaml.safe_load((REPO / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"] == "DIETClassifier":
            component["epochs"] = min(int(component.get("epochs", TEST_EPOCHS)), TEST_EPOCHS)
    config_path = workdir / "config.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--nlu", str(REPO / "nlu_data/train/nlu"),
         "--config", str(config_path), "--out", str(workdir), "--fixed-model-name", "nlu-test"],
        cwd=workdir, env=repo_env(RASA_CACHE_DIRECTORY=str(workdir / "cache")),
        capture_output=True, text=True, timeout=900,
    )
    model = workdir / "nlu-test.tar.gz"
    if result.returncode != 0 or not model.is_file():
        raise RuntimeError(f"NLU training failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return model
