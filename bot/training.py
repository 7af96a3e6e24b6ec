"""`dvcbot train`: train the Rasa model only when what it is trained from has changed.

Make's timestamps are unreliable after a fresh `git clone`, so the decision is made on a
fingerprint (SHA-256 of every training input's content) stored next to the model.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bot.paths import REPO_ROOT, models_dir

MODEL_NAME = "dvcbot"

# What the model is trained from: data, domain, pipeline, and the code of our own
# NLU components (a tokenizer change changes the features).
TRAINING_INPUTS = ("nlu_data/train", "domain.yml", "config.yml", "bot/nlu")


def training_files(root: Path = REPO_ROOT) -> list[Path]:
    files: list[Path] = []
    for name in TRAINING_INPUTS:
        path = root / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix in {".yml", ".yaml", ".py"} and "__pycache__" not in p.parts
            )
    return files


def fingerprint(root: Path = REPO_ROOT) -> str:
    digest = hashlib.sha256()
    for path in training_files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def model_path(out_dir: Path | None = None) -> Path:
    return (out_dir or models_dir()) / f"{MODEL_NAME}.tar.gz"


def _fingerprint_file(out_dir: Path) -> Path:
    return out_dir / f"{MODEL_NAME}.fingerprint.json"


def is_up_to_date(out_dir: Path | None = None) -> bool:
    out_dir = out_dir or models_dir()
    stamp = _fingerprint_file(out_dir)
    if not model_path(out_dir).exists() or not stamp.exists():
        return False
    try:
        return json.loads(stamp.read_text())["fingerprint"] == fingerprint()
    except (ValueError, KeyError):
        return False


def train(out_dir: Path | None = None, force: bool = False, quiet: bool = False) -> Path:
    """Train into out_dir/dvcbot.tar.gz unless the existing model is up to date.

    One training at a time per folder: a second `train` (another `make run`, a parallel test
    worker) waits for the first under a file lock, then finds the model up to date."""
    out_dir = out_dir or models_dir()
    if not quiet:
        _stage(f"1/3 checking the fingerprint of {len(training_files())} training inputs")
    if not force and is_up_to_date(out_dir):
        if not quiet:
            print(f"model {model_path(out_dir)} is up to date; not training")
        return model_path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / ".training.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not quiet:
                _stage("waiting for another training of this folder to finish")
            fcntl.flock(lock, fcntl.LOCK_EX)
        if not force and is_up_to_date(out_dir):   # trained by the one we waited for
            return model_path(out_dir)
        return _train_locked(out_dir, quiet)


def _train_locked(out_dir: Path, quiet: bool) -> Path:
    current = fingerprint()
    command = [
        sys.executable, "-m", "rasa", "train",
        "--data", "nlu_data/train",
        "--domain", "domain.yml",
        "--config", "config.yml",
        "--out", str(out_dir),
        "--fixed-model-name", MODEL_NAME,
        "--force",
    ]
    if not quiet:
        _stage("2/3 training NLU and dialogue (rasa train; its own progress bars follow): "
               + " ".join(command[2:]))
    started = time.monotonic()
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run(command, cwd=REPO_ROOT, env=env,
                            stdout=subprocess.DEVNULL if quiet else None)
    if result.returncode != 0:
        raise SystemExit(f"rasa train failed (exit {result.returncode})")
    seconds = time.monotonic() - started
    _fingerprint_file(out_dir).write_text(
        json.dumps({"fingerprint": current, "training_seconds": round(seconds, 1)}, indent=2)
    )
    if not quiet:
        _stage(f"3/3 trained {model_path(out_dir)} in {seconds:.0f} s")
    return model_path(out_dir)


def _stage(line: str) -> None:
    print(f"dvcbot train: {line}", file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dvcbot train", description=__doc__)
    parser.add_argument("--force", action="store_true", help="train even if nothing changed")
    parser.add_argument("--out", type=Path, default=None, help="model directory (default models/)")
    args = parser.parse_args(argv)
    train(args.out, force=args.force)
    return 0
