"""NLU tests run on the project's own trained model (real Rasa training, real data)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.training import train

REPO = Path(__file__).resolve().parents[2]


def repo_env(**extra: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def nlu_model() -> Path:
    """The project's model, trained once and shared with the integration and scale tests
    (`bot.training.train` retrains only when the training data's fingerprint changed)."""
    return train(quiet=True)
