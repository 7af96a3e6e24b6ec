"""`dvcbot understand`: what the NLU makes of each message, as JSON lines.

    echo "lam giay khai sinh can gi" | dvcbot understand
    {"text": "lam giay khai sinh can gi", "intent": "ask_documents", "confidence": 0.98,
     "procedure": "khai_sinh", "dossier_code": null}

* Reads UTF-8 lines from stdin (invalid bytes become U+FFFD, never a crash) and writes
  one JSON object per input line, in order, flushed line by line.
* ``intent`` is always a canonical intent: internal ones are mapped
  (unsubscribe_dossier -> subscribe_dossier, next_step -> ask_online). When the
  confidence is below the FallbackClassifier threshold, ``intent`` is still the best
  canonical guess (the dialogue decides what to do with low confidence); run with
  ``--details`` to see ``"fallback": true`` and the entities/ranking.
* ``procedure`` is a canonical procedure key or null (null also when the message
  describes a procedure outside the curated ones, or only guesses: ``--details`` lists
  the guesses as ``candidates``); ``dossier_code`` the code as typed or null;
  ``aspects`` every aspect asked, in the order asked (documents, fee, processing_time,
  where, online, form, procedure, eligibility, deadlines, late).
* An empty or blank line gives ``{"text": "", "intent": null, "confidence": 0.0,
  "procedure": null, "dossier_code": null, "aspects": []}``: nothing was said, nothing is guessed.
* The model is the newest ``models/*.tar.gz`` (``--model`` picks another); it is loaded
  once for the whole input. With no model the command exits 2 and says to run
  ``make train``.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

from bot.core.dossier_code import DOSSIER_CODE_RE

REPO = Path(__file__).resolve().parents[2]
DEFAULT_MODELS_DIR = REPO / "models"

# internal (finer) intents -> canonical intents of the shared contract
INTENT_MAP = {
    "unsubscribe_dossier": "subscribe_dossier",
    "next_step": "ask_online",
}
DOMAIN_FILE = REPO / "domain.yml"
# intents only the server builds, never read from words: the reading of a receipt photo
# (bot.channels.pipeline RECEIPT_INTENT); like Rasa's EXTERNAL_ ones, they have no examples
SERVER_INTENTS = frozenset({"receipt_photo"})


def domain_intents(path: Path = DOMAIN_FILE) -> tuple:
    """The intents of domain.yml (the one registry), without those the server builds itself
    (Rasa's EXTERNAL_ ones, SERVER_INTENTS)."""
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    names = [next(iter(i)) if isinstance(i, dict) else str(i) for i in data.get("intents") or []]
    return tuple(n for n in names if not n.startswith("EXTERNAL_") and n not in SERVER_INTENTS)


# canonical = every intent of domain.yml but the internal (finer) ones mapped above
CANONICAL_INTENTS = tuple(i for i in domain_intents() if i not in INTENT_MAP)
FALLBACK_INTENT = "nlu_fallback"


class NoModelError(RuntimeError):
    pass


def latest_model(models_dir: Path) -> Path:
    """Newest ``*.tar.gz`` in ``models_dir`` (by modification time)."""
    candidates = sorted(
        (p for p in Path(models_dir).glob("*.tar.gz") if p.is_file()),
        key=lambda p: p.stat().st_mtime,
    )
    if not candidates:
        raise NoModelError(
            f"no trained model in {models_dir}/ — train one first with `make train` "
            "(or `dvcbot train`)"
        )
    return candidates[-1]


def canonical_intent(name: Optional[str]) -> Optional[str]:
    if name is None:
        return None
    return INTENT_MAP.get(name, name)


def _quiet_rasa() -> None:
    """Keep stdout for JSON only and keep message texts out of logs.

    Rasa's structlog debug events print whole messages to stdout by default.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("LOG_LEVEL_LIBRARIES", "ERROR")
    for name in ("rasa", "tensorflow", "absl", "urllib3", "matplotlib", "bot", "knowledge"):
        logging.getLogger(name).setLevel(logging.ERROR)
    import structlog

    structlog.configure(
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR),
        cache_logger_on_first_use=False,
    )


class Understander:
    """A loaded Rasa model that turns a text into the `understand` JSON object."""

    def __init__(self, model_path: Path) -> None:
        _quiet_rasa()
        import warnings

        warnings.filterwarnings("ignore")
        from rasa.core.agent import Agent

        self.model_path = Path(model_path)
        self._agent = Agent.load(str(self.model_path))
        self._loop = asyncio.new_event_loop()

    def parse(self, text: str) -> Dict[str, Any]:
        """Raw Rasa parse data (entities after ProcedureResolver)."""
        # A leading "/" makes Rasa read the text as an intent payload ("/greet");
        # a citizen typing "/start" or "/ hỏi" means plain text. A zero-width space
        # in front (not stripped by Rasa, a blank for the tokenizer) keeps it text.
        to_parse = _PAYLOAD_GUARD + text if _looks_like_payload(text) else text
        return self._loop.run_until_complete(self._agent.parse_message(to_parse))

    def understand(self, text: str, details: bool = False) -> Dict[str, Any]:
        result: Dict[str, Any] = {
            "text": text, "intent": None, "confidence": 0.0,
            "procedure": None, "dossier_code": None, "aspects": [],
        }
        if not text.strip():
            if details:
                result.update(fallback=False, entities=[], ranking=[])
            return result
        data = self.parse(text)
        offset = len(_PAYLOAD_GUARD) if _looks_like_payload(text) else 0
        intent = (data.get("intent") or {}).get("name")
        confidence = float((data.get("intent") or {}).get("confidence") or 0.0)
        ranking = [r for r in data.get("intent_ranking") or [] if r.get("name")]
        fallback = intent == FALLBACK_INTENT
        if fallback or intent is None:
            best = next((r for r in ranking if r["name"] != FALLBACK_INTENT), None)
            intent = best["name"] if best else "out_of_scope"
            confidence = float(best["confidence"]) if best else 0.0
        result["intent"] = canonical_intent(intent)
        result["confidence"] = round(confidence, 4)

        entities = data.get("entities") or []
        procedures = [e for e in entities if e.get("entity") == "procedure" and e.get("value")]
        if procedures:
            result["procedure"] = str(procedures[0]["value"])
        result["dossier_code"] = _dossier_code(text, entities, offset)
        result["aspects"] = [str(a) for a in data.get("aspects") or []]
        if details:
            result["candidates"] = list(data.get("procedure_candidates") or [])
            result["fallback"] = fallback
            result["entities"] = [
                {k: e.get(k) for k in ("entity", "value", "start", "end", "extractor")}
                for e in entities
            ]
            result["ranking"] = [
                {"intent": r["name"], "confidence": round(float(r["confidence"]), 4)}
                for r in ranking[:5]
            ]
        return result

    def close(self) -> None:
        self._loop.close()


_PAYLOAD_GUARD = "\u200b"


def _looks_like_payload(text: str) -> bool:
    return text.strip().startswith("/")


def _dossier_code(text: str, entities: List[Dict[str, Any]], offset: int) -> Optional[str]:
    codes = [e for e in entities if e.get("entity") == "dossier_code"]
    # the regex extractor is exact; DIET may cut a code short
    codes.sort(key=lambda e: e.get("extractor") != "RegexEntityExtractor")
    for entity in codes:
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int):
            span = text[start - offset:end - offset]
            if DOSSIER_CODE_RE.fullmatch(span):
                return span
    match = DOSSIER_CODE_RE.search(text)
    return match.group() if match else None


def read_lines(stream: io.BufferedIOBase) -> Iterable[str]:
    """Decoded lines without their line ending; bad bytes become U+FFFD."""
    for raw in stream:
        line = raw.decode("utf-8", errors="replace")
        yield line.rstrip("\r\n")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="dvcbot understand",
        description="Read messages (one per line) on stdin, print intent/procedure JSON lines.",
    )
    parser.add_argument("--model", type=Path, help="model .tar.gz (default: newest in models/)")
    parser.add_argument("--models-dir", type=Path, default=DEFAULT_MODELS_DIR,
                        help="where to look for the newest model (default: %(default)s)")
    parser.add_argument("--details", action="store_true",
                        help="add fallback flag, entities and the top of the intent ranking")
    args = parser.parse_args(argv)

    try:
        model = args.model if args.model else latest_model(args.models_dir)
        if not Path(model).is_file():
            raise NoModelError(f"model file not found: {model} — train one with `make train`")
    except NoModelError as error:
        print(f"dvcbot understand: {error}", file=sys.stderr)
        return 2

    understander = Understander(model)
    out = sys.stdout
    try:
        for line in read_lines(sys.stdin.buffer):
            result = understander.understand(line, details=args.details)
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()
    except BrokenPipeError:  # e.g. `| head`
        return 0
    finally:
        understander.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
